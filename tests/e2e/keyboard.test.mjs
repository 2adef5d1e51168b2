// Keyboard use: skip link, tab order, visible focus, navigation without a mouse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPage, useServerAndBrowser, waitForHealth } from './harness.mjs';

/** A short description of the focused element, and whether its focus can be seen. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: 'body' };
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
      name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}:${(el.textContent ?? '').trim()}`,
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight,
    };
  });
}

describe('keyboard', () => {
  const env = useServerAndBrowser();

  it('reaches every control in order, each with a visible focus indicator (not logged in)', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await page.goto('/');
      await waitForHealth(page);
      const order = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        order.push(f.name);
        assert.ok(f.outline, `focus on ${f.name} has no visible outline`);
        assert.ok(f.onScreen, `focused ${f.name} is not on screen`);
      }
      assert.deepEqual(order, [
        'a:Hoppa till innehållet',
        'a:Samverkan',
        'button:Svenska',
        'button:English',
        'a:Logga in',
        'a:Start',
        'button:Kontrollera igen',
      ]);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('has a skip link that moves focus to the main content', async () => {
    const { context, page } = await openPage(env);
    try {
      await page.goto('/');
      await waitForHealth(page);
      const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
      assert.ok((await skip.boundingBox()).y + (await skip.boundingBox()).height <= 0, 'hidden until focused');
      await page.keyboard.press('Tab');
      const box = await skip.boundingBox();
      assert.ok(box.y >= 0 && box.height >= 44 && box.width >= 44, `skip link shown: ${JSON.stringify(box)}`);
      await page.keyboard.press('Enter');
      assert.equal((await focused(page)).name.split(':')[0], 'main#main');
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).name, 'button:Kontrollera igen');
      assert.equal(new URL(page.url()).pathname, '/');
    } finally {
      await context.close();
    }
  });

  it('navigates with the primary navigation by keyboard and moves focus to the new page', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await page.goto('/ingen-sida');
      await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      assert.equal(await nav.getByRole('link', { name: 'Start' }).getAttribute('aria-current'), null);

      for (let i = 0; i < 10 && (await focused(page)).name !== 'a:Start'; i++) {
        await page.keyboard.press('Tab');
      }
      assert.equal((await focused(page)).name, 'a:Start');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await page.title(), 'Start – Samverkan');
      assert.equal(await nav.getByRole('link', { name: 'Start' }).getAttribute('aria-current'), 'page');
      assert.equal((await focused(page)).name.split(':')[0], 'main#main');
      await waitForHealth(page);

      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/ingen-sida');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('switches language with the keyboard', async () => {
    const { context, page } = await openPage(env);
    try {
      await page.goto('/');
      await waitForHealth(page);
      for (let i = 0; i < 10 && (await focused(page)).name !== 'button:English'; i++) {
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal((await focused(page)).name, 'button:English', 'focus stays on the switch');
      assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
    } finally {
      await context.close();
    }
  });
});
