// The language switch: Svenska / English, remembered in this browser, sets <html lang>.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseLanguage, openPage, useServerAndBrowser, waitForHealth } from './harness.mjs';

describe('language switch', () => {
  const env = useServerAndBrowser();

  async function pressed(page) {
    return page
      .getByRole('group', { name: /Språk|Language/ })
      .getByRole('button', { pressed: true })
      .allTextContents();
  }

  it('switches to English, changes texts and <html lang>, and keeps the choice after reload', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await page.goto('/');
      await waitForHealth(page);
      assert.deepEqual(await pressed(page), ['Svenska']);
      assert.equal(await page.getByRole('link', { name: 'Hoppa till innehållet' }).count(), 1);

      await chooseLanguage(page, 'English', 'en');
      assert.deepEqual(await pressed(page), ['English']);
      assert.equal(await page.title(), 'Start – Samverkan');
      assert.equal(await page.getByRole('navigation', { name: 'Main menu' }).count(), 1);
      assert.equal(await page.getByRole('link', { name: 'Skip to content' }).count(), 1);
      assert.match(await page.getByRole('banner').textContent(), /Police and social services together/);
      const status = page.getByRole('status');
      assert.deepEqual(await status.getByRole('listitem').allTextContents(), [
        'The server responds',
        'The database responds',
      ]);
      assert.equal(await page.getByRole('heading', { level: 2 }).textContent(), 'Server status');
      assert.equal(await page.getByText('Servern svarar').count(), 0);

      await page.reload();
      await waitForHealth(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.deepEqual(await pressed(page), ['English']);
      assert.deepEqual(await page.getByRole('status').getByRole('listitem').allTextContents(), [
        'The server responds',
        'The database responds',
      ]);

      await chooseLanguage(page, 'Svenska', 'sv');
      await page.reload();
      await waitForHealth(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      assert.equal(await page.getByRole('heading', { level: 2 }).textContent(), 'Serverns status');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('names each language in that language', async () => {
    const { context, page } = await openPage(env);
    try {
      await page.goto('/');
      const group = page.getByRole('group', { name: 'Språk' });
      assert.equal(await group.getByRole('button', { name: 'Svenska' }).getAttribute('lang'), 'sv');
      assert.equal(await group.getByRole('button', { name: 'English' }).getAttribute('lang'), 'en');
    } finally {
      await context.close();
    }
  });

  it('starts in Swedish in a new browser even when the browser prefers English', async () => {
    const { context, page } = await openPage(env, { locale: 'en-GB' });
    try {
      await page.goto('/');
      await waitForHealth(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      assert.equal(await page.getByRole('heading', { level: 2 }).textContent(), 'Serverns status');
    } finally {
      await context.close();
    }
  });
});
