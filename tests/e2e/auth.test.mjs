// Logging in and out against the real server with its demo users (samverkan seed-demo): the header
// names the user, wrong passwords and too many attempts are said in words, a page that needs a
// login comes back after it, an ended session returns to the login page, CSRF tokens are sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiLogIn,
  chooseLanguage,
  demoPassword,
  logInContext,
  logInWithForm,
  openPage,
  submitLogin,
  useServerAndBrowser,
  waitForHealth,
} from './harness.mjs';

/** Waits until the element with `id` has focus (focus moves in an effect after rendering). */
async function waitForFocus(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id);
}

describe('login and logout', () => {
  const env = useServerAndBrowser();

  it('logs in a demo user, names them in the header, and logs out', async () => {
    const expected = (await apiLogIn(env, 'socialsekreterare')).session.user;
    const { context, page, problems } = await openPage(env);
    try {
      await page.goto('/');
      await waitForHealth(page);
      const banner = page.getByRole('banner');
      await banner.getByRole('link', { name: 'Logga in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      assert.equal(await page.title(), 'Logga in – Samverkan');

      const username = page.getByLabel('Användarnamn', { exact: true });
      assert.equal(await username.getAttribute('autocomplete'), 'username');
      assert.equal(
        await page.getByLabel('Lösenord', { exact: true }).getAttribute('autocomplete'),
        'current-password',
      );
      assert.equal(await page.getByLabel(/Kod/).count(), 0, 'no code field before the server asks for one');

      await submitLogin(page, 'socialsekreterare');
      await banner.getByText(expected.display_name, { exact: true }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/', 'without a page to return to: the start page');
      const who = await banner.locator('.account-bar__who').textContent();
      assert.match(who, /^Inloggad som/);
      assert.match(who, /Socialsekreterare, Socialtjänsten Umeå kommun/);
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      assert.deepEqual(await nav.getByRole('link').allTextContents(), [
        'Start',
        'Insatser',
        'Annonser',
        'Annonsstatistik',
        'Uppgiftslämnanden',
        'Rutiner',
        'Siffror',
        'Mitt konto',
      ]);

      // The header follows the language, the role in words.
      await chooseLanguage(page, 'English', 'en');
      assert.match(
        await banner.locator('.account-bar__who').textContent(),
        /^Logged in as.*Social worker, Socialtjänsten Umeå kommun/,
      );
      await chooseLanguage(page, 'Svenska', 'sv');

      const logout = page.waitForRequest(
        (r) => r.url().endsWith('/api/v1/session') && r.method() === 'DELETE',
      );
      await banner.getByRole('button', { name: 'Logga ut' }).click();
      const sent = await logout;
      assert.ok((sent.headers()['x-csrf-token'] ?? '').length > 0, 'logout sends the CSRF token');

      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await page.getByText('Du är utloggad.').waitFor();
      assert.equal(await banner.getByText(expected.display_name).count(), 0);
      const after = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
      assert.equal(after, 401, 'the server ended the session');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('says "Fel användarnamn eller lösenord" for a wrong password and ties empty fields to their errors', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await page.goto('/logga-in');
      const main = page.getByRole('main');
      await main.getByRole('button', { name: 'Logga in' }).click();
      const summary = page.locator('#login-errors');
      await summary.waitFor();
      await waitForFocus(page, 'login-errors'); // focus moves to the error summary
      assert.match(await summary.textContent(), /Det finns ett problem/);
      const username = page.getByLabel('Användarnamn', { exact: true });
      assert.equal(await username.getAttribute('aria-invalid'), 'true');
      const describedBy = (await username.getAttribute('aria-describedby')).split(' ');
      const error = await page.locator(`#${describedBy.at(-1)}`).textContent();
      assert.match(error, /Ange ditt användarnamn/);
      // The summary's link moves focus to the field.
      await summary.getByRole('link', { name: 'Ange ditt användarnamn' }).click();
      await waitForFocus(page, 'login-username');

      await submitLogin(page, 'polis', 'inte-det-riktiga-losenordet');
      await summary.getByText('Fel användarnamn eller lösenord').waitFor();
      await waitForFocus(page, 'login-errors');
      assert.equal(new URL(page.url()).pathname, '/logga-in');
      assert.equal(await username.getAttribute('aria-invalid'), null, 'the field errors are gone');

      await chooseLanguage(page, 'English', 'en');
      await summary.getByText('Wrong username or password').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('sends a user who opens a page needing login to the login page, and back after it', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await page.goto('/mitt-konto');
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      const url = new URL(page.url());
      assert.equal(url.pathname, '/logga-in');
      assert.equal(url.searchParams.get('till'), '/mitt-konto');
      await page.getByText('Logga in för att se sidan.').waitFor();

      await submitLogin(page, 'insatschef');
      await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/mitt-konto');
      await page.goBack();
      // The login page was replaced in the history: back leads before it, not to the form again.
      assert.ok(!page.url().includes('/logga-in'), `back went to ${page.url()}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('never follows a return path to another site', async () => {
    const { context, page } = await openPage(env);
    try {
      await page.goto('/logga-in?till=%2F%2Fexample.org%2Fphish');
      await submitLogin(page, 'polis');
      await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
      assert.equal(new URL(page.url()).origin, env.server.url);
      assert.equal(new URL(page.url()).pathname, '/');
    } finally {
      await context.close();
    }
  });

  it('returns to the login page with a notice when the session has ended, and back after login', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await logInWithForm(page, 'admin', (await apiLogIn(env, 'admin')).session.user.display_name);
      await context.clearCookies(); // as if the session had timed out on the server
      await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Användare' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await page.getByText('Din session har upphört. Logga in igen för att fortsätta.').waitFor();
      assert.equal(new URL(page.url()).searchParams.get('till'), '/admin/anvandare');
      assert.equal(await page.getByRole('button', { name: 'Logga ut' }).count(), 0);

      await submitLogin(page, 'admin');
      await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/admin/anvandare');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('sends the session CSRF token with state-changing requests', async () => {
    const { context, page } = await openPage(env);
    try {
      await logInContext(context, 'polis');
      const loaded = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'GET',
      );
      await page.goto('/mitt-konto');
      const token = (await (await loaded).json()).csrf_token;
      await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
      const setup = page.waitForRequest((r) => r.url().endsWith('/api/v1/account/totp/setup'));
      await page.getByRole('button', { name: 'Ställ in tvåstegsverifiering' }).click();
      assert.equal((await setup).headers()['x-csrf-token'], token, 'the token of the current session');
      await page.locator('svg.qr').waitFor(); // and the server accepted it
    } finally {
      await context.close();
    }
  });

  it('says how long to wait after too many attempts, from Retry-After', async () => {
    const { context, page } = await openPage(env);
    try {
      await page.route('**/api/v1/session', (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 429,
              contentType: 'application/json',
              headers: { 'Retry-After': '125' },
              body: JSON.stringify({
                error: { code: 'too_many_requests', message: 'too many attempts', field: null },
              }),
            })
          : route.continue(),
      );
      await page.goto('/logga-in');
      await submitLogin(page, 'polis');
      const summary = page.locator('#login-errors');
      await summary
        .getByText('För många misslyckade försök. Vänta 3 minuter och försök sedan igen.')
        .waitFor();
      await chooseLanguage(page, 'English', 'en');
      await summary.getByText('Too many failed attempts. Wait 3 minutes, then try again.').waitFor();
    } finally {
      await context.close();
    }
  });

  it("shows the server's message when it has no words of its own for an error", async () => {
    const { context, page } = await openPage(env);
    try {
      await page.route('**/api/v1/session', (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                error: { code: 'strange', message: 'something unusual happened', field: null },
              }),
            })
          : route.continue(),
      );
      await page.goto('/logga-in');
      await submitLogin(page, 'polis');
      await page.locator('#login-errors').getByText('Servern svarade: something unusual happened').waitFor();
    } finally {
      await context.close();
    }
  });

  // Last in this file: it makes the server refuse further attempts for a while.
  it("shows the real server's refusal after repeated wrong passwords with the wait it names", async () => {
    const { context, page } = await openPage(env);
    try {
      await page.goto('/logga-in');
      const summary = page.locator('#login-errors');
      let refused = null;
      for (let i = 0; i < 8 && !refused; i++) {
        const answer = page.waitForResponse(
          (r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST',
        );
        await submitLogin(page, 'namnd', `fel-losenord-${i}`);
        const response = await answer;
        if (response.status() === 429) refused = response;
        else assert.equal(response.status(), 401);
      }
      assert.ok(refused, 'the server refuses after repeated failures');
      const seconds = Number(refused.headers()['retry-after']);
      assert.ok(
        Number.isInteger(seconds) && seconds > 0,
        `Retry-After in seconds: ${refused.headers()['retry-after']}`,
      );
      await summary
        .getByText(
          /^För många misslyckade försök\. Vänta \d+ (sekund|sekunder|minut|minuter) och försök sedan igen\.$/,
        )
        .waitFor();
      // Even the right password is refused while the wait lasts.
      await submitLogin(page, 'namnd', demoPassword);
      await summary.getByText(/^För många misslyckade försök/).waitFor();
      assert.equal(new URL(page.url()).pathname, '/logga-in');
    } finally {
      await context.close();
    }
  });
});
