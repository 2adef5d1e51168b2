// Small screens: at 360 × 740 nothing scrolls sideways and every touch target is at least 44 × 44 px.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mobile, openPageState, pageStates, useServerAndBrowser } from './harness.mjs';

const languages = [
  ['Svenska', 'sv'],
  ['English', 'en'],
];

describe('layout at 360 px', () => {
  const env = useServerAndBrowser();

  for (const state of pageStates) {
    const { path } = state;
    for (const [name, code] of languages) {
      it(`${path} (${state.name}) in ${name}: no horizontal overflow, touch targets ≥ 44 px`, async () => {
        const { context, page, problems } = await openPageState(env, state, name, code, mobile);
        try {
          const overflow = await page.evaluate(() => {
            const doc = document.documentElement;
            const wide = [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5)
              .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
            return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide };
          });
          assert.equal(overflow.clientWidth, 360);
          assert.ok(overflow.scrollWidth <= overflow.clientWidth, `page scrolls sideways: ${JSON.stringify(overflow)}`);
          assert.deepEqual(overflow.wide, [], 'elements reach past the right edge');

          const small = await page.evaluate(() =>
            [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
              .map((el) => ({ el, rect: el.getBoundingClientRect() }))
              // The skip link is off screen until focused; it is measured in keyboard.test.mjs.
              .filter(({ rect }) => rect.width > 0 && rect.height > 0 && rect.bottom > 0)
              .filter(({ rect }) => rect.width < 44 || rect.height < 44)
              .map(({ el, rect }) => `${el.tagName.toLowerCase()} "${el.textContent.trim()}" ${rect.width}×${rect.height}`),
          );
          assert.deepEqual(small, [], 'touch targets smaller than 44 × 44 px');

          const count = await page.locator('a[href], button').count();
          assert.ok(count >= 5, `expected the header's controls at least, found ${count}`);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }
});
