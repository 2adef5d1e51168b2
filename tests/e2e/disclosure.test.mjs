// Disclosures (uppgiftslämnande) and corrections of concern reports in the browser against the
// real server. A social worker discloses two fields of a contact to the police on the ground of
// the person's consent, in the dialog of the contact page; the register shows it and the police
// officer receives exactly those two fields; once the consent is withdrawn, the same disclosure
// is refused with the consent message. A disclosure on the general clause waits until the case
// officer (a second person) approves it on the "Uppgiftslämnanden" page; then the officer sees
// it. A filed concern report is corrected on its task page, and the history shows at the
// receiving case officer too. axe-core checks the open dialog, the register and the pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiCall,
  apiLogIn,
  assertAccessible,
  logInContext,
  makeOperation,
  openPage,
  useServerAndBrowser,
} from './harness.mjs';

const policeUnit = 'Polisen lokalpolisområde Umeå';
const socialUnit = 'Socialtjänsten Umeå kommun';
const consentGround = 'Samtycke (OSL 12 kap. 2 §)';
const generalClause =
  'Generalklausulen (OSL 10 kap. 27 §) – kräver uppenbart övervägande intresse och granskas av en andra person';
const consentMessage = 'Det finns inget gällande samtycke som täcker detta. Samtycket kan ha återkallats.';

/** Waits until nothing on the page is loading. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

async function expectStatus(call, status, what) {
  const answer = await call;
  assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A contact of socialsekreterare on an operation, with language and notes. */
async function makeContact(env, operationId, notes) {
  const worker = await apiLogIn(env, 'socialsekreterare');
  return expectStatus(
    apiCall(env, worker, 'POST', '/api/v1/contacts', {
      operation_id: operationId,
      role: 'seller',
      age_band: '21_25',
      language: 'ro',
      interpreter: true,
      notes,
    }),
    201,
    'POST /api/v1/contacts',
  );
}

const register = (page, type) => page.locator(`section[aria-labelledby="disclosures-${type}"]`);

/** Opens the dialog of the record page and returns it. */
async function openDialog(page, type) {
  await register(page, type).getByRole('button', { name: 'Lämna uppgifter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lämna uppgifter till en annan enhet' });
  await dialog.waitFor();
  await dialog.getByRole('group', { name: 'Uppgifter att lämna' }).waitFor();
  return dialog;
}

/** Fills the dialog: the fields by their labels, the unit, the ground, the justification. */
async function fillDialog(dialog, { fields, unit = policeUnit, ground, justification }) {
  for (const field of fields) await dialog.getByLabel(field, { exact: true }).check();
  await dialog.getByLabel('Mottagande enhet', { exact: true }).selectOption({ label: unit });
  await dialog.getByLabel(ground, { exact: true }).check();
  await dialog.getByLabel('Motivering', { exact: true }).fill(justification);
}

describe('disclosures', () => {
  const env = useServerAndBrowser();
  const consentJustification = 'Personen vill att polisen känner till behovet av tolk och skydd.';
  const notes = 'Behöver skyddat boende och tolk på rumänska.';

  it('discloses on consent from the contact page, and refuses once the consent is withdrawn', async () => {
    const operationId = await makeOperation(env, { name: 'Insats uppgiftslämnande', participants: ['socialsekreterare'] });
    const contact = await makeContact(env, operationId, notes);
    const worker = await apiLogIn(env, 'socialsekreterare');
    const consent = await expectStatus(
      apiCall(env, worker, 'POST', `/api/v1/contacts/${contact.id}/consents`, {
        scope: 'share_with_police',
        form: 'written',
      }),
      201,
      'POST consents',
    );

    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'socialsekreterare');
      await page.goto(`/kontakter/${contact.id}`);
      await page.getByRole('heading', { level: 1, name: `Kontakt ${contact.id}` }).waitFor();
      const section = register(page, 'contact');
      await section.getByRole('heading', { level: 2, name: 'Uppgiftslämnanden (0)' }).waitFor();
      await settled(page);

      // Escape closes the dialog, and focus goes back to the button that opened it.
      const opener = section.getByRole('button', { name: 'Lämna uppgifter' });
      let dialog = await openDialog(page, 'contact');
      await settled(page);
      assert.ok(await dialog.evaluate((d) => d.open && d.contains(document.activeElement)), 'focus in the dialog');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => document.activeElement?.textContent === 'Lämna uppgifter');
      assert.ok(await opener.evaluate((b) => b === document.activeElement));

      dialog = await openDialog(page, 'contact');
      await settled(page);
      // Each field shows the value that would go.
      assert.match(await dialog.locator('#disclosure-fields-notes-value').textContent(), /skyddat boende/);
      assert.match(await dialog.textContent(), /Rumänska/);
      // Only police and social-services units other than the worker's own receive.
      const units = await dialog.getByLabel('Mottagande enhet', { exact: true }).locator('option').allTextContents();
      assert.ok(units.includes(policeUnit), units.join(', '));
      assert.ok(!units.includes(socialUnit), units.join(', '));
      assert.ok(!units.some((u) => /Regional/.test(u)), units.join(', '));
      await assertAccessible(page, 'disclosure dialog open');

      // Nothing chosen: the errors are named at their fields.
      await dialog.getByRole('button', { name: 'Lämna uppgifterna' }).click();
      await dialog.locator('#disclosure-errors').waitFor();
      assert.match(await dialog.locator('#disclosure-fields-error').textContent(), /Välj minst en uppgift/);
      await assertAccessible(page, 'disclosure dialog with errors');

      await fillDialog(dialog, {
        fields: ['Språk', 'Anteckningar'],
        ground: consentGround,
        justification: consentJustification,
      });
      await dialog.getByText('Grunden kräver ett gällande samtycke').waitFor();
      await dialog.getByRole('button', { name: 'Lämna uppgifterna' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await section.getByRole('status').getByText(`Uppgifterna är lämnade till ${policeUnit}.`).waitFor();
      await section.getByRole('heading', { level: 2, name: 'Uppgiftslämnanden (1)' }).waitFor();
      const card = section.locator('li.card').first();
      await card.getByRole('heading', { name: new RegExp(`Till ${policeUnit}`) }).waitFor();
      assert.match(await card.textContent(), /Skickat/);
      assert.match(await card.textContent(), /Samtycke \(OSL 12 kap\. 2 §\)/);
      assert.deepEqual(await card.locator('.disclosure__fields dt').allTextContents(), ['Språk', 'Anteckningar']);
      await settled(page);
      await assertAccessible(page, 'register of a contact');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    // The police officer receives exactly those two fields.
    const officer = await openPage(env);
    try {
      await logInContext(officer.context, 'polis');
      await officer.page.goto('/');
      await officer.page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Uppgiftslämnanden' })
        .click();
      await officer.page.getByRole('heading', { level: 1, name: 'Uppgiftslämnanden' }).waitFor();
      const received = officer.page.locator('section[aria-labelledby="disclosures-received"]');
      const card = received.locator('li.card').filter({ hasText: consentJustification });
      await card.waitFor();
      await settled(officer.page);
      await card.getByRole('heading', { name: `Från ${socialUnit}` }).waitFor();
      assert.deepEqual(await card.locator('.disclosure__fields dt').allTextContents(), ['Språk', 'Anteckningar']);
      assert.deepEqual(await card.locator('.disclosure__fields dd').allTextContents(), ['Rumänska', notes]);
      assert.match(await card.textContent(), /Samtycke/);
      // A police officer reviews nothing of the social services'.
      assert.equal(await officer.page.locator('#disclosures-awaiting').count(), 0);
      await assertAccessible(officer.page, 'received disclosures of the police officer');
      assert.deepEqual(officer.problems, []);
    } finally {
      await officer.context.close();
    }

    // The consent is withdrawn: the same disclosure is refused with the consent message.
    await expectStatus(apiCall(env, worker, 'POST', `/api/v1/consents/${consent.id}/withdraw`), 200, 'withdraw');
    const again = await openPage(env);
    try {
      await logInContext(again.context, 'socialsekreterare');
      await again.page.goto(`/kontakter/${contact.id}`);
      const section = register(again.page, 'contact');
      await section.getByRole('heading', { level: 2, name: 'Uppgiftslämnanden (1)' }).waitFor();
      const dialog = await openDialog(again.page, 'contact');
      await settled(again.page);
      await fillDialog(dialog, {
        fields: ['Språk', 'Anteckningar'],
        ground: consentGround,
        justification: consentJustification,
      });
      await dialog.getByRole('button', { name: 'Lämna uppgifterna' }).click();
      await dialog.locator('#disclosure-errors').waitFor();
      assert.equal(
        (await dialog.locator('#disclosure-ground-error').textContent()).replace(/^Fel:\s*/, ''),
        consentMessage,
      );
      assert.match(await dialog.locator('#disclosure-errors').textContent(), new RegExp(consentMessage.slice(0, 40)));
      assert.ok(await dialog.isVisible(), 'the dialog stays open');
      await closeDialog(again.page, dialog);
      await section.getByRole('heading', { level: 2, name: 'Uppgiftslämnanden (1)' }).waitFor();
      assert.deepEqual(again.problems, []);
    } finally {
      await again.context.close();
    }
  });

  it('holds a general-clause disclosure until a second person approves it', async () => {
    const operationId = await makeOperation(env, { name: 'Insats generalklausul', participants: ['socialsekreterare'] });
    const contact = await makeContact(env, operationId, 'Uppgav att en annan person tar hennes pengar.');
    const justification = 'Uppenbart övervägande intresse: risk för människohandel.';

    const worker = await openPage(env);
    try {
      await logInContext(worker.context, 'socialsekreterare');
      await worker.page.goto(`/kontakter/${contact.id}`);
      await register(worker.page, 'contact').getByRole('heading', { level: 2, name: 'Uppgiftslämnanden (0)' }).waitFor();
      const dialog = await openDialog(worker.page, 'contact');
      await settled(worker.page);
      await fillDialog(dialog, { fields: ['Roll', 'Anteckningar'], ground: generalClause, justification });
      await dialog.getByText('Ingenting skickas förrän en annan person').waitFor();
      await assertAccessible(worker.page, 'disclosure dialog on the general clause');
      await dialog.getByRole('button', { name: 'Skicka för granskning' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const section = register(worker.page, 'contact');
      await section.getByRole('status').getByText(/väntar på granskning/).waitFor();
      await section.getByRole('heading', { level: 2, name: 'Uppgiftslämnanden (1)' }).waitFor();
      assert.match(await section.locator('li.card').first().textContent(), /Väntar på granskning/);
      assert.deepEqual(worker.problems, []);
    } finally {
      await worker.context.close();
    }

    // Not yet at the police.
    const police = await apiLogIn(env, 'polis');
    const before = await expectStatus(apiCall(env, police, 'GET', '/api/v1/disclosures/received'), 200, 'received');
    assert.ok(!before.disclosures.some((d) => d.justification === justification), 'not sent before approval');

    // The case officer's own request waits too, and the case officer may not approve it.
    const officerOwn = await apiLogIn(env, 'handlaggare');
    const policeId = await policeUnitId(env, officerOwn);
    const own = await expectStatus(
      apiCall(env, officerOwn, 'POST', '/api/v1/disclosures', {
        record_type: 'contact',
        record_id: contact.id,
        fields: ['role'],
        to_unit_id: policeId,
        legal_ground: 'osl_10_27',
        justification: 'Handläggarens egen begäran om uppgiftslämnande.',
      }),
      201,
      'POST disclosure of the case officer',
    );

    const reviewer = await openPage(env);
    try {
      await logInContext(reviewer.context, 'handlaggare');
      const { page } = reviewer;
      await page.goto('/');
      const counts = page.locator('section[aria-labelledby="start-disclosures"]');
      await counts.getByText('Väntar på granskning: 2').waitFor();
      await counts.getByRole('link', { name: 'Till uppgiftslämnandena' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uppgiftslämnanden' }).waitFor();
      const awaiting = page.locator('section[aria-labelledby="disclosures-awaiting"]');
      const card = awaiting.locator('li.card').filter({ hasText: justification });
      await card.waitFor();
      await settled(page);
      await assertAccessible(page, 'disclosures awaiting review');

      // The case officer's own request: refused with the reason.
      const ownCard = awaiting.locator('li.card').filter({ hasText: 'Handläggarens egen begäran' });
      await ownCard.getByRole('button', { name: /^Godkänn och skicka/ }).click();
      await ownCard.getByText('Du begärde själv uppgiftslämnandet; en annan person måste granska det').waitFor();

      // A rejection needs a note of at least 10 characters.
      await card.getByRole('button', { name: /^Avslå/ }).click();
      await card.locator(`#review-${await cardId(card)}-errors`).waitFor();
      assert.match(await card.textContent(), /minst 10 tecken/);

      await card.getByLabel('Anteckning', { exact: true }).fill('Godkänt efter samråd.');
      await card.getByRole('button', { name: /^Godkänn och skicka/ }).click();
      await awaiting.getByRole('status').getByText(`Uppgiftslämnandet till ${policeUnit} är godkänt och skickat.`).waitFor();
      await card.waitFor({ state: 'detached' });
      assert.equal(await awaiting.locator('li.card').count(), 1);
      await assertAccessible(page, 'disclosures after an approval');
      assert.deepEqual(reviewer.problems, []);
    } finally {
      await reviewer.context.close();
    }
    assert.ok(own.id);

    const officer = await openPage(env);
    try {
      await logInContext(officer.context, 'polis');
      await officer.page.goto('/uppgiftslamnanden');
      const received = officer.page.locator('section[aria-labelledby="disclosures-received"]');
      const card = received.locator('li.card').filter({ hasText: justification });
      await card.waitFor();
      assert.deepEqual(await card.locator('.disclosure__fields dt').allTextContents(), ['Roll', 'Anteckningar']);
      assert.match(await card.textContent(), /Generalklausulen/);
      await officer.page.goto('/');
      await officer.page
        .locator('section[aria-labelledby="start-disclosures"]')
        .getByText('Mottagna uppgiftslämnanden: 2')
        .waitFor();
      await settled(officer.page);
      await assertAccessible(officer.page, 'start page of the police officer with disclosures');
      assert.deepEqual(officer.problems, []);
    } finally {
      await officer.context.close();
    }
  });

  it('shows the register on an encounter to the officer, not to the analyst', async () => {
    const operationId = await makeOperation(env, { name: 'Insats möte uppgifter', participants: ['polis'] });
    const police = await apiLogIn(env, 'polis');
    const encounter = await expectStatus(
      apiCall(env, police, 'POST', `/api/v1/operations/${operationId}/encounters`, {
        role: 'buyer',
        age_band: '36_50',
        offence: 'brb_6_11',
        case_number: '5000-K123-26',
      }),
      201,
      'POST encounters',
    );

    const officer = await openPage(env);
    try {
      await logInContext(officer.context, 'polis');
      await officer.page.goto(`/moten/${encounter.id}`);
      await register(officer.page, 'encounter').getByRole('heading', { level: 2, name: 'Uppgiftslämnanden (0)' }).waitFor();
      const dialog = await openDialog(officer.page, 'encounter');
      await settled(officer.page);
      assert.match(await dialog.locator('#disclosure-fields-operation-value').textContent(), /Insats möte uppgifter/);
      assert.match(await dialog.textContent(), /5000-K123-26/);
      const units = await dialog.getByLabel('Mottagande enhet', { exact: true }).locator('option').allTextContents();
      assert.ok(units.includes(socialUnit) && !units.includes(policeUnit), units.join(', '));
      await assertAccessible(officer.page, 'disclosure dialog of an encounter');
      await closeDialog(officer.page, dialog);
      assert.deepEqual(officer.problems, []);
    } finally {
      await officer.context.close();
    }

    const analyst = await openPage(env);
    try {
      await logInContext(analyst.context, 'analytiker');
      await analyst.page.goto(`/moten/${encounter.id}`);
      await analyst.page.getByRole('heading', { level: 1, name: `Möte ${encounter.id}` }).waitFor();
      await settled(analyst.page);
      assert.equal(await register(analyst.page, 'encounter').count(), 0);
      assert.deepEqual(analyst.problems, []);
    } finally {
      await analyst.context.close();
    }
  });
});

describe('concern report corrections', () => {
  const env = useServerAndBrowser();

  it('corrects a filed report on the task page and keeps its history for the receiver', async () => {
    const operationId = await makeOperation(env, { name: 'Insats rättelse', participants: ['polis'] });
    const officer = await apiLogIn(env, 'polis');
    const encounter = await expectStatus(
      apiCall(env, officer, 'POST', `/api/v1/operations/${operationId}/encounters`, { role: 'seller', age: 16 }),
      201,
      'POST encounters',
    );
    const tasks = await expectStatus(apiCall(env, officer, 'GET', '/api/v1/concern-tasks?open=true'), 200, 'tasks');
    const task = tasks.tasks.find((x) => x.source?.id === encounter.id);
    assert.ok(task, 'a task for the encounter');
    const first = 'Flickan uppgav att hon är 16 år och var på hotellet i centrum.';
    await expectStatus(
      apiCall(env, officer, 'POST', `/api/v1/concern-tasks/${task.id}/report`, { text: first }),
      200,
      'file the report',
    );
    const corrected = 'Flickan uppgav att hon är 16 år och var på vandrarhemmet vid stationen.';
    const reason = 'Fel plats i första texten; det var vandrarhemmet, inte hotellet.';

    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'polis');
      await page.goto(`/orosanmalan/${task.id}`);
      const form = page.locator('section[aria-labelledby="concern-correction"]');
      await form.getByRole('heading', { level: 2, name: 'Rätta anmälan' }).waitFor();
      await settled(page);
      const text = form.getByLabel('Anmälans text efter rättelsen', { exact: true });
      assert.equal(await text.inputValue(), first);

      // Unchanged text and too short a reason: both named at their fields.
      await form.getByLabel('Vad som rättas och varför', { exact: true }).fill('Fel plats');
      await form.getByRole('button', { name: 'Spara rättelsen' }).click();
      await page.locator('#concern-correction-errors').waitFor();
      assert.equal(await page.locator('#correction-text').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#correction-reason').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'correction form with errors');

      await text.fill(corrected);
      await form.getByLabel('Vad som rättas och varför', { exact: true }).fill(reason);
      await form.getByRole('button', { name: 'Spara rättelsen' }).click();
      await page.getByRole('status').getByText('Anmälan är rättad').waitFor();
      const report = page.locator('section[aria-labelledby="concern-report"]');
      await report.getByText('Rättelser (1)', { exact: false }).waitFor();
      const reportText = await report.textContent();
      assert.match(reportText, /vandrarhemmet vid stationen/);
      assert.match(reportText, /hotellet i centrum/);
      assert.match(reportText, /Fel plats i första texten/);
      assert.equal(await form.getByLabel('Anmälans text efter rättelsen', { exact: true }).inputValue(), corrected);
      await assertAccessible(page, 'task page with a corrected report');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    const receiver = await openPage(env);
    try {
      await logInContext(receiver.context, 'handlaggare');
      await receiver.page.goto('/');
      const section = receiver.page.locator('section[aria-labelledby="start-concern-reports"]');
      const card = section.locator('li.card').filter({ hasText: 'Rättad (1)' }).first();
      await card.waitFor();
      await card.getByText('Läs anmälan').click();
      await card.getByText(corrected).waitFor();
      await card.getByText(first).waitFor();
      await card.getByText(reason).waitFor();
      await settled(receiver.page);
      await assertAccessible(receiver.page, 'received report with its corrections');
      assert.deepEqual(receiver.problems, []);
    } finally {
      await receiver.context.close();
    }
  });
});

/** Closes the dialog with its cancel button and checks that focus went back to the opener. */
async function closeDialog(page, dialog) {
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Lämna uppgifter');
}

/** The id of the police unit, from the unit list. */
async function policeUnitId(env, auth) {
  const body = await expectStatus(apiCall(env, auth, 'GET', '/api/v1/units'), 200, 'units');
  const unit = body.units.find((u) => u.name === policeUnit);
  assert.ok(unit, 'the police unit');
  return unit.id;
}

/** The disclosure id of a review card, from its note field's id. */
async function cardId(card) {
  const id = await card.locator('textarea').getAttribute('id');
  return /^review-(\d+)-note$/.exec(id)[1];
}
