// The start page against the real server: Swedish by default, the server's health in words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPage, useServerAndBrowser, waitForHealth } from './harness.mjs';

describe('start page', () => {
  const env = useServerAndBrowser();

  it('renders in Swedish by default with the health reported by the server', async () => {
    const healthz = await (await fetch(`${env.server.url}/healthz`)).json();
    const { context, page, problems } = await openPage(env);
    try {
      const response = await page.goto('/');
      assert.equal(response.status(), 200);
      await waitForHealth(page);

      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      assert.equal(await page.title(), 'Start – Samverkan');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Start');
      const banner = page.getByRole('banner');
      assert.equal(await banner.getByRole('link', { name: 'Samverkan' }).count(), 1);
      assert.match(await banner.textContent(), /Polis och socialtjänst tillsammans/);

      const status = page.getByRole('status');
      assert.equal(await status.getAttribute('aria-live'), 'polite');
      const items = await status.getByRole('listitem').allTextContents();
      assert.deepEqual(items, ['Servern svarar', 'Databasen svarar']);
      assert.equal(healthz.status, 'ok');
      assert.equal(await status.locator('dt:text-is("Version") + dd').textContent(), healthz.version);

      assert.equal(await page.getByRole('contentinfo').count(), 1);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('is served with the Content-Security-Policy and hashed assets', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      const response = await page.goto('/');
      const csp = response.headers()['content-security-policy'] ?? '';
      assert.match(csp, /script-src 'self'/, 'index.html must carry the CSP the web app is built for');
      assert.match(csp, /style-src 'self'/);
      const assets = await page.evaluate(() =>
        [...document.querySelectorAll('script[src], link[rel="stylesheet"]')].map(
          (e) => new URL(e.getAttribute('src') ?? e.getAttribute('href'), location.href).pathname,
        ),
      );
      assert.ok(assets.length >= 2, `expected a script and a stylesheet, found ${assets}`);
      for (const asset of assets) assert.match(asset, /^\/assets\/[\w.-]+-[\w-]{8}\.(js|css)$/);
      // No inline style attribute anywhere once rendered (the CSP would refuse it).
      await waitForHealth(page);
      assert.equal(await page.locator('[style]').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows a loading state until the server has answered', async () => {
    const { context, page } = await openPage(env);
    try {
      let release;
      const gate = new Promise((resolve) => (release = resolve));
      await page.route('**/healthz', async (route) => {
        await gate;
        await route.continue();
      });
      await page.goto('/');
      const status = page.getByRole('status');
      await status.getByText('Kontrollerar servern …').waitFor();
      assert.equal(await status.getAttribute('aria-busy'), 'true');
      release();
      await waitForHealth(page);
      assert.deepEqual(await status.getByRole('listitem').allTextContents(), [
        'Servern svarar',
        'Databasen svarar',
      ]);
    } finally {
      await context.close();
    }
  });

  it('says in words when the database does not respond', async () => {
    const { context, page } = await openPage(env);
    try {
      // The real server answers 503 like this when its database check fails.
      await page.route('**/readyz', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ status: 'not_ready', checks: { database: 'disk I/O error' } }),
        }),
      );
      await page.goto('/');
      await waitForHealth(page);
      const items = await page.getByRole('status').getByRole('listitem').allTextContents();
      assert.deepEqual(items, ['Servern svarar', 'Databasen svarar inte: disk I/O error']);
    } finally {
      await context.close();
    }
  });

  it('shows an error when the server cannot be reached, and checks again on request', async () => {
    const { context, page } = await openPage(env);
    try {
      await page.route(/\/(healthz|readyz)$/, (route) => route.abort('connectionrefused'));
      await page.goto('/');
      await waitForHealth(page);
      const status = page.getByRole('status');
      assert.match(await status.textContent(), /Servern går inte att nå\./);
      assert.equal(await status.getByText('Servern svarar').count(), 0);

      await page.unroute(/\/(healthz|readyz)$/);
      await page.getByRole('button', { name: 'Kontrollera igen' }).click();
      await status.getByText('Databasen svarar').waitFor();
      assert.deepEqual(await status.getByRole('listitem').allTextContents(), [
        'Servern svarar',
        'Databasen svarar',
      ]);
    } finally {
      await context.close();
    }
  });

  it('answers an unknown path with the app, which says the page does not exist', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      const response = await page.goto('/finns/inte');
      assert.equal(response.status(), 200);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sidan finns inte');
      assert.match(await page.getByRole('main').textContent(), /\/finns\/inte/);
      await page.getByRole('main').getByRole('link', { name: 'Till startsidan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
      await waitForHealth(page);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
