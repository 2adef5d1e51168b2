// Administration against the real server: the administrator creates a unit and a user who can
// then log in, resets a password, disables and enables; other roles neither see the entries nor
// get the pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiCall,
  apiLogIn,
  logInContext,
  logInWithForm,
  openPage,
  submitLogin,
  useServerAndBrowser,
} from './harness.mjs';

const nav = (page) => page.getByRole('navigation', { name: 'Huvudmeny' });

async function waitForFocus(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id);
}

describe('administration', () => {
  const env = useServerAndBrowser();

  it('creates a unit and a user, and the new user can log in', async () => {
    const admin = (await apiLogIn(env, 'admin')).session.user;
    const { context, page, problems } = await openPage(env);
    try {
      await logInWithForm(page, 'admin', admin.display_name);
      assert.deepEqual(await nav(page).getByRole('link').allTextContents(), [
        'Start',
        'Mitt konto',
        'Enheter',
        'Användare',
        'Gallring',
        'Granskning',
      ]);

      await nav(page).getByRole('link', { name: 'Enheter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Enheter' }).waitFor();
      const table = page.getByRole('table');
      await table.waitFor();
      assert.ok(
        (await table.getByRole('cell', { name: 'Socialtjänsten Umeå kommun', exact: true }).count()) === 1,
      );
      assert.ok(
        (await table.getByRole('cell', { name: 'Umeå kommun', exact: true }).count()) >= 1,
        'municipality in words',
      );

      const form = page.locator('section[aria-labelledby="new-unit"]');
      await form.getByRole('button', { name: 'Skapa enhet' }).click();
      await waitForFocus(page, 'unit-errors');
      assert.match(await page.locator('#unit-errors').textContent(), /Välj typ av enhet/);
      assert.match(await page.locator('#unit-errors').textContent(), /Ange enhetens namn/);

      await form.getByRole('radio', { name: 'Socialtjänst' }).check();
      await form.getByLabel('Namn').fill('Socialtjänsten Vännäs kommun');
      await form.getByRole('button', { name: 'Skapa enhet' }).click();
      await page
        .locator('#unit-municipality-error')
        .getByText('Välj den kommun vars socialtjänst enheten är')
        .waitFor();
      await form.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Vännäs kommun' });
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/units') && r.request().method() === 'POST',
      );
      await form.getByRole('button', { name: 'Skapa enhet' }).click();
      const unit = await (await created).json();
      assert.equal(unit.municipality_code, '2460');
      await form.getByRole('status').getByText('Enheten Socialtjänsten Vännäs kommun är skapad.').waitFor();
      const row = table.getByRole('row').filter({ hasText: 'Socialtjänsten Vännäs kommun' });
      assert.deepEqual(await row.getByRole('cell').allTextContents(), [
        'Socialtjänsten Vännäs kommun',
        'Socialtjänst',
        'Vännäs kommun',
      ]);

      // A police unit takes a county instead of a municipality.
      await form.getByRole('radio', { name: 'Polis' }).check();
      await form.getByLabel('Namn').fill('Polisen lokalpolisområde Vännäs');
      await form.getByLabel('Län', { exact: true }).selectOption('24');
      await form.getByRole('button', { name: 'Skapa enhet' }).click();
      await form
        .getByRole('status')
        .getByText('Enheten Polisen lokalpolisområde Vännäs är skapad.')
        .waitFor();

      await nav(page).getByRole('link', { name: 'Användare' }).click();
      await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
      const userForm = page.locator('section[aria-labelledby="new-user"]');
      await userForm.getByLabel('Användarnamn').fill('vera.vannas');
      await userForm.getByLabel('Namn', { exact: true }).fill('Vera Vännäs');
      const roleSelect = userForm.getByLabel('Roll');
      const roleNames = (await roleSelect.locator('option').allTextContents()).slice(1);
      assert.deepEqual(roleNames, [
        'Polis',
        'Insatsledare (polis)',
        'Analytiker (polis)',
        'Socialsekreterare',
        'Handläggare (socialtjänst)',
        'Regionkoordinator',
        'Nämndledamot',
        'Administratör',
      ]);
      await roleSelect.selectOption({ label: 'Socialsekreterare' });
      await userForm.getByLabel('Enhet').selectOption({ label: 'Socialtjänsten Vännäs kommun' });
      const password = userForm.getByLabel('Första lösenord');
      await password.fill('kort');
      await userForm.getByRole('button', { name: 'Skapa användare' }).click();
      await page.locator('#user-password-error').getByText('Lösenordet måste ha minst 12 tecken').waitFor();
      await password.fill('Älven flyter lugnt förbi Vännäs');
      await userForm.getByRole('button', { name: 'Skapa användare' }).click();
      await userForm.getByRole('status').getByText('Användaren vera.vannas är skapad.').waitFor();
      const card = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'Vera Vännäs' }) });
      assert.match(await card.textContent(), /Socialsekreterare/);
      assert.match(await card.textContent(), /Socialtjänsten Vännäs kommun/);
      assert.match(await card.textContent(), /Aktiv/);

      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByText('Du är utloggad.').waitFor();
      await submitLogin(page, 'vera.vannas', 'Älven flyter lugnt förbi Vännäs');
      const banner = page.getByRole('banner');
      await banner.getByText('Vera Vännäs', { exact: true }).waitFor();
      assert.match(await banner.textContent(), /Socialsekreterare, Socialtjänsten Vännäs kommun/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('resets a password and disables and enables a user', async () => {
    const adminAuth = await apiLogIn(env, 'admin');
    const units = (await apiCall(env, adminAuth, 'GET', '/api/v1/units')).body.units;
    const umea = units.find((u) => u.name === 'Socialtjänsten Umeå kommun');
    const first = 'Första lösenordet för Olle';
    const made = await apiCall(env, adminAuth, 'POST', '/api/v1/users', {
      username: 'olle.test',
      display_name: 'Olle Test',
      role: 'social_case_officer',
      unit_id: umea.id,
      password: first,
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));

    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'admin');
      await page.goto('/admin/anvandare');
      const card = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'Olle Test' }) });
      await card.waitFor();

      const reset = card.getByRole('button', { name: 'Återställ lösenord för olle.test' });
      assert.equal(await reset.getAttribute('aria-expanded'), 'false');
      await reset.click();
      assert.equal(await reset.getAttribute('aria-expanded'), 'true');
      const field = card.getByLabel('Nytt lösenord för olle.test');
      await field.fill('olle.test');
      await card.getByRole('button', { name: 'Spara lösenordet' }).click();
      await card.locator('.field__error').getByText('Lösenordet måste ha minst 12 tecken').waitFor();
      await field.fill('Nytt lösenord som Olle får');
      await card.getByRole('button', { name: 'Spara lösenordet' }).click();
      await page
        .getByRole('status')
        .getByText('Lösenordet för olle.test är bytt och användarens sessioner har avslutats.')
        .waitFor();
      // Focus goes back to the button that opened the form.
      await page.waitForFunction((el) => el === document.activeElement, await reset.elementHandle());

      await assert.rejects(apiLogIn(env, 'olle.test', first), /HTTP 401/);
      await apiLogIn(env, 'olle.test', 'Nytt lösenord som Olle får');

      await card.getByRole('button', { name: 'Stäng av olle.test' }).click();
      await page
        .getByRole('status')
        .getByText('Användaren olle.test är avstängd och har loggats ut.')
        .waitFor();
      assert.match(await card.textContent(), /Avstängd/);
      const refused = await apiLogIn(env, 'olle.test', 'Nytt lösenord som Olle får').catch((e) => e);
      assert.equal(refused.status, 401, 'a disabled user cannot log in');

      await card.getByRole('button', { name: 'Aktivera olle.test' }).click();
      await page.getByRole('status').getByText('Användaren olle.test är aktiverad.').waitFor();
      assert.match(await card.textContent(), /Aktiv/);
      await apiLogIn(env, 'olle.test', 'Nytt lösenord som Olle får');

      const users = (await apiCall(env, adminAuth, 'GET', '/api/v1/users')).body.users;
      assert.equal(users.find((u) => u.username === 'olle.test').disabled, false);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows other roles only their entries and the forbidden message on an admin page', async () => {
    for (const [username, entries] of [
      ['socialsekreterare', ['Start', 'Insatser', 'Annonser', 'Annonsstatistik', 'Uppgiftslämnanden', 'Rutiner', 'Siffror', 'Mitt konto']],
      ['polis', ['Start', 'Insatser', 'Annonser', 'Annonsstatistik', 'Uppgiftslämnanden', 'Rutiner', 'Siffror', 'Mitt konto']],
      [
        'handlaggare',
        ['Start', 'Insatser', 'Annonser', 'Annonsstatistik', 'Resultat', 'Uppgiftslämnanden', 'Rutiner', 'Siffror', 'Mitt konto', 'Granskning'],
      ],
      [
        'insatschef',
        ['Start', 'Insatser', 'Annonser', 'Annonsstatistik', 'Resultat', 'Uppgiftslämnanden', 'Rutiner', 'Siffror', 'Mitt konto', 'Granskning'],
      ],
      ['koordinator', ['Start', 'Insatser', 'Annonsstatistik', 'Resultat', 'Rutiner', 'Siffror', 'Mitt konto']],
      ['namnd', ['Start', 'Resultat', 'Siffror', 'Mitt konto']],
    ]) {
      const { context, page, problems } = await openPage(env);
      try {
        await logInContext(context, username);
        await page.goto('/admin/anvandare');
        await page.getByRole('heading', { level: 1, name: 'Åtkomst nekad' }).waitFor();
        assert.equal(await page.title(), 'Åtkomst nekad – Samverkan');
        await page.getByText('Din roll har inte behörighet till den här sidan.', { exact: false }).waitFor();
        assert.deepEqual(await nav(page).getByRole('link').allTextContents(), entries, username);
        // The server refuses too, whatever the interface shows.
        const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
        assert.equal(status, 403, `GET /api/v1/users as ${username}`);

        await page.goto('/admin/enheter');
        await page.getByRole('heading', { level: 1, name: 'Åtkomst nekad' }).waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });
});
