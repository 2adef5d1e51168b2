// axe-core on every page (pageStates in harness.mjs: logged in where needed, with errors shown and
// forms opened), in both languages, at desktop and phone width: no serious or critical violation
// of WCAG 2.1 A and AA.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AxeBuilder, desktop, mobile, openPageState, pageStates, useServerAndBrowser } from './harness.mjs';

const languages = [
  ['Svenska', 'sv'],
  ['English', 'en'],
];
const viewports = [
  ['desktop', desktop],
  ['360 px', mobile],
];

describe('accessibility (axe-core)', () => {
  const env = useServerAndBrowser();

  for (const state of pageStates) {
    const { path } = state;
    for (const [name, code] of languages) {
      for (const [label, viewport] of viewports) {
        it(`${path} (${state.name}${state.user ? `, ${state.user}` : ''}) in ${name} at ${label}`, async () => {
          const { context, page, problems } = await openPageState(env, state, name, code, viewport);
          try {
            const results = await new AxeBuilder({ page })
              .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
              .analyze();
            assert.ok(results.passes.length > 10, 'axe ran its rules');
            const describe = (v) =>
              `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`;
            const minor = results.violations.filter((v) => !['serious', 'critical'].includes(v.impact));
            if (minor.length) console.log(`${path} ${code} ${label}: ${minor.map(describe).join('\n')}`);
            const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
            assert.equal(serious.length, 0, serious.map(describe).join('\n'));
            assert.deepEqual(problems, []);
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});
