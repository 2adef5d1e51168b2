// Retention (gallring) in the browser against the real server: the admin opens "Gallring" from
// the navigation, sees the rules and what is due today, and previews a day years ahead, where the
// records made here are listed with their dates and no content; a social-services case officer
// places a legal hold on a contact ("Bevaras – rättsligt kvarhållande"), which the admin's
// preview then shows as held, and releases it. axe-core checks each page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertAccessible,
  logInContext,
  makeContact,
  makeEncounter,
  makeOperation,
  openPage,
  useServerAndBrowser,
} from './harness.mjs';

const main = (page) => page.getByRole('main');

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

/** The date `days` days from now, YYYY-MM-DD (far from any midnight that matters here). */
function daysAhead(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('retention', () => {
  const env = useServerAndBrowser();
  let contactId;
  let encounterId;
  const reason = 'Begärd av förvaltningsrätten i mål 4321-26';

  it('shows the admin what is due, today and on a later day, without content', async () => {
    const operation = await makeOperation(env, { participants: ['polis', 'socialsekreterare'] });
    encounterId = await makeEncounter(env, operation);
    contactId = await makeContact(env, operation);
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'admin');
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Gallring' }).click();
      await page.getByRole('heading', { level: 1, name: 'Gallring' }).waitFor();
      await settled(page);
      await main(page).getByText('Socialtjänstens personakter', { exact: true }).waitFor();
      await main(page).getByText('Polisens årliga omprövning', { exact: true }).waitFor();
      await main(page).getByText('Ingenting ska gallras den dagen.').waitFor();
      await assertAccessible(page, 'retention today');

      // Two years on: the police's encounter, not yet the social services' contact.
      const later = daysAhead(730);
      await main(page).getByLabel('Visa för dagen').fill(later);
      await main(page).getByRole('button', { name: 'Visa' }).click();
      await page.getByRole('heading', { level: 2, name: `Att gallra den ${later}` }).waitFor();
      await settled(page);
      const table = main(page).getByRole('table');
      await table.waitFor();
      assert.match(await table.textContent(), new RegExp(`Möte \\(polisen\\)${encounterId}Polisen, enhet`));
      assert.doesNotMatch(await table.textContent(), /Kontakt \(socialtjänsten\)/);
      assert.equal(new URL(page.url()).searchParams.get('datum'), later);
      await assertAccessible(page, 'retention preview');

      // A date that is not one is refused in the form.
      await main(page).getByLabel('Visa för dagen').fill('');
      await main(page).getByRole('button', { name: 'Visa' }).click();
      await page.getByRole('heading', { level: 2, name: /^Att gallra den \d{4}-\d{2}-\d{2}$/ }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('lets a case officer hold a contact, which the admin then sees held', async () => {
    assert.ok(contactId, 'the first test made a contact');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'handlaggare');
      await page.goto(`/kontakter/${contactId}`);
      const panel = page.getByRole('region', { name: 'Bevaras – rättsligt kvarhållande' });
      await panel.waitFor();
      await settled(page);
      await panel.getByText('Posten bevaras inte just nu.').waitFor();

      // Without a reason: refused, with the error next to the field.
      await panel.getByRole('button', { name: 'Bevara', exact: true }).click();
      await page.locator('#legal-hold-errors').waitFor();
      assert.match(await panel.textContent(), /Skriv skälet till att posten ska bevaras/);

      await panel.getByLabel('Skäl').fill(reason);
      await panel.getByRole('button', { name: 'Bevara', exact: true }).click();
      await panel.getByText('Posten bevaras nu.').waitFor();
      await panel.getByText(reason).waitFor();
      await assertAccessible(page, 'contact with a legal hold');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    const admin = await openPage(env);
    try {
      await logInContext(admin.context, 'admin');
      const later = daysAhead(6 * 365);
      await admin.page.goto(`/admin/gallring?datum=${later}`);
      await admin.page.getByRole('heading', { level: 2, name: `Att gallra den ${later}` }).waitFor();
      await settled(admin.page);
      const row = main(admin.page)
        .getByRole('row')
        .filter({ hasText: new RegExp(`Kontakt \\(socialtjänsten\\)${contactId}Socialtjänsten`) });
      await row.waitFor();
      assert.match(await row.textContent(), /Bevaras/);
      assert.doesNotMatch(await main(admin.page).textContent(), /förvaltningsrätten/, 'no reason, no content');
      await assertAccessible(admin.page, 'retention with a hold');
      assert.deepEqual(admin.problems, []);
    } finally {
      await admin.context.close();
    }
  });

  it('lets the case officer release the hold', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'handlaggare');
      await page.goto(`/kontakter/${contactId}`);
      const panel = page.getByRole('region', { name: 'Bevaras – rättsligt kvarhållande' });
      await panel.getByText(reason).waitFor();
      await panel.getByRole('button', { name: 'Häv kvarhållandet' }).click();
      await panel.getByText('Kvarhållandet är hävt.').waitFor();
      await panel.getByText('Posten bevaras inte just nu.').waitFor();
      await panel.getByText('Hävda kvarhållanden (1)').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
