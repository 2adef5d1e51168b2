// Written routines as versioned checklists (issue 5), in the browser against the real server: the
// coordinator writes a routine in the editor (a document that does not parse shows its line in the
// error summary and selects it), the commander attaches version 1 to an operation, the coordinator
// saves version 2 and compares the two versions, the operation keeps version 1. Each agency signs
// its own steps and not the other's; closing is refused while a required step is open and
// succeeds after the sign-offs and a deviation, which then shows in the routine's statistics.
// axe-core checks each page; print media hides the navigation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiCall,
  apiLogIn,
  assertAccessible,
  logInContext,
  makeOperation,
  openPage,
  routineSource,
  useServerAndBrowser,
} from './harness.mjs';

const main = (page) => page.getByRole('main');

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

const title = 'Rutin för insatser e2e';
const v1 = routineSource({ title });
const oldLine = '- [polis, krav] Polisen går igenom säkerheten.';
const newLine = '- [polis, krav] Polisen går igenom säkerheten och larmvägarna.';
const v2 = v1.replace(oldLine, newLine);
// Line 9, the first step, names no agency the parser knows.
const badLine = '- [alla, krav] Gemensam genomgång före insatsen.';
const bad = v1.replace('- [båda, krav] Gemensam genomgång före insatsen.', badLine);

/** The <li> of a step, found by its text, inside the checklist or the routine's steps. */
function step(page, text) {
  return page.locator('li.step', { has: page.locator('.step__text', { hasText: text }) });
}

/** Whether the site navigation is shown with print styles. */
async function navigationPrinted(page) {
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.locator('nav.site-nav').isVisible();
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

describe('routines and checklists', () => {
  const env = useServerAndBrowser();
  let routineId;
  let operationId;

  it('lets the coordinator write a routine in the editor, with the line of an error selected', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'koordinator');
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rutiner' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rutiner' }).waitFor();
      await settled(page);
      await page.getByRole('heading', { level: 2, name: 'Regionens rutinbibliotek (0 st.)' }).waitFor();

      await main(page).getByRole('link', { name: 'Ny rutin' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ny rutin' }).waitFor();
      await settled(page);
      const source = page.getByLabel('Rutinens text');
      // The shipped template to start from.
      assert.match(await source.inputValue(), /^# Samverkansrutin .*\ngiltig från: \d{4}-\d{2}-\d{2}\n/);
      await page.getByRole('heading', { level: 2, name: 'Så skrivs en rutin' }).waitFor();
      await assertAccessible(page, 'routine editor');

      // A line the parser cannot read: its message in the summary, the line selected.
      await source.fill(bad);
      await main(page).getByRole('button', { name: 'Spara rutinen' }).click();
      const summary = page.locator('#routine-errors');
      await summary.waitFor();
      assert.match(await summary.textContent(), /line 9: expected .*, found /);
      await page.waitForFunction(() => document.activeElement?.id === 'routine-source');
      const selected = await source.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
      assert.equal(selected, badLine);
      assert.equal(await source.getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'routine editor with a line error');

      await source.fill(v1);
      await main(page).getByRole('button', { name: 'Spara rutinen' }).click();
      await page.waitForURL(/\/rutiner\/\d+\?sparad=1$/);
      routineId = Number(/\/rutiner\/(\d+)/.exec(page.url())[1]);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await settled(page);
      await page.getByRole('status').getByText('Version 1 är sparad.').waitFor();
      const facts = await page.locator('section[aria-labelledby="routine-facts"]').textContent();
      assert.match(facts, /Version:?\s*1 av 1/);
      assert.match(facts, /Regional samordning Västerbotten/);

      // The description is text: markup in it is shown, not interpreted.
      const description = page.locator('.routine-description');
      assert.deepEqual(await description.locator('p').allTextContents(), [
        'Rutinen gäller <b>alla</b> insatser i Umeå.',
        'Den gäller tills vidare.',
      ]);
      assert.equal(await description.locator('b').count(), 0);

      // Steps by phase, with agency and "krav".
      for (const phase of ['Före insatsen', 'Under insatsen', 'Efter insatsen']) {
        await main(page).getByRole('heading', { level: 3, name: phase }).waitFor();
      }
      assert.match(await step(page, 'Polisen går igenom säkerheten.').textContent(), /Polis.*Krav/);
      assert.match(await step(page, 'Erbjud stöd på plats.').textContent(), /Socialtjänst/);
      assert.doesNotMatch(await step(page, 'Erbjud stöd på plats.').textContent(), /Krav/);
      assert.match(await step(page, 'Avrapportering samma kväll.').textContent(), /Båda/);
      await page.getByText('Det finns bara en version.', { exact: false }).waitFor();
      await page.getByText('Rutinen har inte använts vid någon').waitFor();
      const pdf = main(page).getByRole('link', { name: /Ladda ner PDF/ });
      assert.equal(await pdf.getAttribute('href'), `/api/v1/routines/${routineId}/versions/1/pdf`);
      assert.notEqual(await pdf.getAttribute('download'), null);
      await assertAccessible(page, 'routine page');

      await page.goto('/rutiner');
      await settled(page);
      await page.getByRole('heading', { level: 2, name: 'Regionens rutinbibliotek (1 st.)' }).waitFor();
      await main(page).getByRole('link', { name: title }).waitFor();
      // The coordinator's own library routine: nothing to adopt.
      assert.equal(await main(page).getByRole('button', { name: /Anta som egen/ }).count(), 0);
      await assertAccessible(page, 'routines list');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('lets the commander attach version 1 to an operation, and refuses to close it with open steps', async () => {
    assert.ok(routineId, 'the first test wrote the routine');
    operationId = await makeOperation(env, {
      name: 'Insats med rutin e2e',
      participants: ['polis', 'socialsekreterare'],
      state: 'debriefed',
    });
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'insatschef');
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      const checklist = page.locator('section[aria-labelledby="operation-checklist"]');
      await checklist.getByRole('heading', { level: 2, name: 'Kontrollista' }).waitFor();
      await checklist.getByLabel('Rutin för insatsen').selectOption(String(routineId));
      await checklist.getByRole('button', { name: 'Välj rutin' }).click();
      await page.getByRole('status').getByText(`Kontrollistan följer nu ${title}, version 1.`).waitFor();
      const version = checklist.getByRole('link', { name: 'version 1' });
      assert.equal(await version.getAttribute('href'), `/rutiner/${routineId}/version/1`);
      await checklist.getByText('4 obligatoriska steg återstår.').waitFor();

      // Closing with required steps open: the server's refusal is shown at the button.
      await main(page).getByRole('button', { name: 'Gå vidare till: Avslutad' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Insatsen kan inte avslutas' });
      await refusal.waitFor();
      assert.match(await refusal.textContent(), /4 required steps of the checklist are neither signed off nor marked as a deviation/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('lets the coordinator save version 2 and compare it with version 1; the operation keeps version 1', async () => {
    assert.ok(operationId, 'the operation has its checklist');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'koordinator');
      await page.goto(`/rutiner/${routineId}`);
      await settled(page);
      await main(page).getByRole('link', { name: 'Redigera' }).click();
      await page.getByRole('heading', { level: 1, name: /Redigera rutin/ }).waitFor();
      await settled(page);
      const source = page.getByLabel('Rutinens text');
      assert.equal(await source.inputValue(), v1);
      await source.fill(v2);
      await main(page).getByRole('button', { name: 'Spara ny version' }).click();
      await page.waitForURL(new RegExp(`/rutiner/${routineId}\\?sparad=2$`));
      await page.getByRole('status').getByText('Version 2 är sparad.').waitFor();
      await settled(page);
      assert.match(await page.locator('section[aria-labelledby="routine-facts"]').textContent(), /2 av 2/);
      await page.getByRole('heading', { level: 2, name: 'Versioner (2 st.)' }).waitFor();

      // Print styles: no navigation, no buttons; the title and the steps.
      assert.equal(await navigationPrinted(page), false, 'the navigation is hidden in print');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByRole('heading', { level: 1 }).isVisible(), true);
      assert.equal(await main(page).getByRole('link', { name: 'Redigera' }).isVisible(), false);
      assert.equal(await step(page, 'larmvägarna').isVisible(), true);
      await page.emulateMedia({ media: 'screen' });

      // Compare: version 1 → 2 is the default choice.
      const compare = page.locator('section[aria-labelledby="routine-compare"]');
      assert.equal(await compare.getByLabel('Från version').inputValue(), '1');
      assert.equal(await compare.getByLabel('Till version').inputValue(), '2');
      await compare.getByRole('button', { name: 'Visa skillnaderna' }).click();
      await page.waitForURL(new RegExp(`/rutiner/${routineId}/jamfor\\?fran=1&till=2$`));
      await page.getByRole('heading', { level: 1, name: 'Jämför versioner' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Från version 1 till version 2' }).waitFor();
      await settled(page);
      await page.getByText('Tillagda rader: 1. Borttagna rader: 1.').waitFor();
      const removed = page.locator('li.diff__line--removed');
      const added = page.locator('li.diff__line--added');
      assert.equal(await removed.count(), 1);
      assert.equal(await added.count(), 1);
      // The change is told in text, not by colour alone.
      assert.equal((await removed.textContent()).replace(/\s+/g, ' ').trim(), `−borttaget: ${oldLine}`);
      assert.equal((await added.textContent()).replace(/\s+/g, ' ').trim(), `+tillagt: ${newLine}`);
      assert.equal(await added.locator('ins').textContent(), newLine);
      assert.equal(await removed.locator('del').textContent(), oldLine);
      assert.equal(await page.locator('li.diff__line--same').count(), v1.split('\n').length - 2);
      await assertAccessible(page, 'diff view');

      // Choosing the same version twice is refused before anything is asked.
      await page.getByLabel('Till version', { exact: true }).selectOption('1');
      await main(page).getByRole('button', { name: 'Visa skillnaderna' }).click();
      await page.locator('#compare-errors').getByText('Välj två olika versioner').waitFor();

      // The older version is still there to read.
      await page.goto(`/rutiner/${routineId}/version/1`);
      await settled(page);
      await page.getByText('Det här är en äldre version av rutinen. Den senaste är version 2.').waitFor();
      await step(page, 'Polisen går igenom säkerheten.').waitFor();
      assert.equal(await step(page, 'larmvägarna').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    // The operation attached version 1 and keeps it.
    const chief = await openPage(env);
    try {
      await logInContext(chief.context, 'insatschef');
      await chief.page.goto(`/insatser/${operationId}`);
      await settled(chief.page);
      const checklist = chief.page.locator('section[aria-labelledby="operation-checklist"]');
      await checklist.getByRole('link', { name: 'version 1' }).waitFor();
      await step(chief.page, 'Polisen går igenom säkerheten.').waitFor();
      assert.equal(await step(chief.page, 'larmvägarna').count(), 0);
      assert.deepEqual(chief.problems, []);
    } finally {
      await chief.context.close();
    }
  });

  it('lets each agency sign only its own steps, records a deviation, and then closes the operation', async () => {
    assert.ok(operationId, 'the operation has its checklist');
    const police = await openPage(env);
    try {
      const { context, page } = police;
      await logInContext(context, 'polis');
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      const checklist = page.locator('section[aria-labelledby="operation-checklist"]');
      await checklist.getByText('4 obligatoriska steg återstår.').waitFor();
      // A social-services step has no buttons for the police.
      const social = step(page, 'Socialtjänsten förbereder stödet.');
      assert.equal(await social.getByRole('button').count(), 0);
      await social.getByText('Inte signerat ännu.').waitFor();
      assert.equal(await step(page, 'Erbjud stöd på plats.').getByRole('button').count(), 0);
      await assertAccessible(page, 'operation page with its checklist (police)');

      // Print styles of the checklist alone: the title and the checklist, no navigation.
      await page.evaluate(() => document.documentElement.classList.add('print-checklist'));
      assert.equal(await navigationPrinted(page), false, 'the navigation is hidden in print');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByRole('heading', { level: 1, name: /Insats med rutin e2e/ }).isVisible(), true);
      assert.equal(await checklist.isVisible(), true);
      assert.equal(await page.locator('section[aria-labelledby="operation-log"]').isVisible(), false);
      assert.equal(await checklist.getByRole('button', { name: /Signera/ }).first().isVisible(), false);
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => document.documentElement.classList.remove('print-checklist'));
      await checklist.getByRole('button', { name: 'Skriv ut kontrollistan' }).waitFor();
      const pdf = checklist.getByRole('link', { name: 'Ladda ner PDF' });
      assert.equal(await pdf.getAttribute('href'), `/api/v1/operations/${operationId}/checklist/pdf`);

      for (const text of ['Gemensam genomgång före insatsen.', 'Polisen går igenom säkerheten.']) {
        await step(page, text).getByRole('button', { name: /^Signera/ }).click();
        await step(page, text).getByText('Signerat av Demo Polis (polis), Polisen lokalpolisområde Umeå').waitFor();
        await page.waitForFunction(() => (document.activeElement?.id ?? '').startsWith('checklist-mark-'));
      }
      await page.getByRole('status').getByText('Steget är signerat.').waitFor();
      await checklist.getByText('2 obligatoriska steg återstår.').waitFor();
      assert.deepEqual(police.problems, []);
    } finally {
      await police.context.close();
    }

    // The server refuses the police a social-services step, whatever the page offers.
    const officer = await apiLogIn(env, 'polis');
    const listed = await apiCall(env, officer, 'GET', `/api/v1/operations/${operationId}/checklist`);
    const socialStep = listed.body.checklist.items.find((i) => i.text === 'Socialtjänsten förbereder stödet.');
    assert.equal(socialStep.agency, 'social');
    const refused = await apiCall(env, officer, 'POST', `/api/v1/operations/${operationId}/checklist/steps/${socialStep.id}/sign`);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));

    // Still two required steps open: closing is refused with the count.
    const chief = await openPage(env);
    try {
      await logInContext(chief.context, 'insatschef');
      await chief.page.goto(`/insatser/${operationId}`);
      await settled(chief.page);
      await main(chief.page).getByRole('button', { name: 'Gå vidare till: Avslutad' }).click();
      const refusal = chief.page.getByRole('alert').filter({ hasText: 'Insatsen kan inte avslutas' });
      await refusal.waitFor();
      assert.match(await refusal.textContent(), /2 required steps/);
    } finally {
      await chief.context.close();
    }

    const worker = await openPage(env);
    try {
      const { context, page } = worker;
      await logInContext(context, 'socialsekreterare');
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      await step(page, 'Socialtjänsten förbereder stödet.').getByRole('button', { name: /^Signera/ }).click();
      await step(page, 'Socialtjänsten förbereder stödet.')
        .getByText('Signerat av Demo Socialsekreterare (Umeå), Socialtjänsten Umeå kommun')
        .waitFor();

      // A deviation asks for the reason, which must hold no personal data.
      const debrief = step(page, 'Avrapportering samma kväll.');
      await debrief.getByRole('button', { name: /^Avvikelse/ }).click();
      const reason = debrief.getByLabel('Orsak till avvikelsen');
      await reason.waitFor();
      await page.waitForFunction(() => (document.activeElement?.id ?? '').startsWith('checklist-reason-'));
      await debrief.getByRole('button', { name: 'Spara avvikelsen' }).click();
      await debrief.locator('.field__error').getByText('Skriv orsaken till avvikelsen').waitFor();
      await reason.fill('Ring 070-123 45 67 om detta');
      await debrief.getByRole('button', { name: 'Spara avvikelsen' }).click();
      await debrief.locator('.field__error').getByText(/telefonnummer/).waitFor();
      await assertAccessible(page, 'operation page with a deviation form (social services)');
      await reason.fill('Avrapporteringen hölls dagen efter.');
      await debrief.getByRole('button', { name: 'Spara avvikelsen' }).click();
      await page.getByRole('status').getByText('Avvikelsen är sparad.').waitFor();
      await debrief.getByText('Avvikelse, markerad av Demo Socialsekreterare (Umeå)', { exact: false }).waitFor();
      await debrief.getByText('Avrapporteringen hölls dagen efter.').waitFor();
      await page
        .locator('section[aria-labelledby="operation-checklist"]')
        .getByText('Alla obligatoriska steg är signerade eller markerade som avvikelse.')
        .waitFor();
      assert.deepEqual(worker.problems, []);
    } finally {
      await worker.context.close();
    }

    const closing = await openPage(env);
    try {
      const { context, page } = closing;
      await logInContext(context, 'insatschef');
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      await main(page).getByRole('button', { name: 'Gå vidare till: Avslutad' }).click();
      await page.getByRole('status').getByText('Insatsen har nu status Avslutad.').waitFor();
      await settled(page);
      const checklist = page.locator('section[aria-labelledby="operation-checklist"]');
      await step(page, 'Avrapportering samma kväll.').getByText('Avrapporteringen hölls dagen efter.').waitFor();
      assert.equal(await checklist.locator('li.step').getByRole('button').count(), 0, 'no sign-offs on a closed operation');
      await assertAccessible(page, 'closed operation with its checklist');
      assert.deepEqual(closing.problems, []);
    } finally {
      await closing.context.close();
    }
  });

  it("shows the deviation in the routine's statistics, and lets a commander adopt the routine", async () => {
    assert.ok(operationId, 'the operation was closed');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'koordinator');
      await page.goto(`/rutiner/${routineId}`);
      await settled(page);
      const section = page.locator('section[aria-labelledby="routine-deviations"]');
      const row = section.locator('tr', { hasText: 'Avrapportering samma kväll.' });
      await row.waitFor();
      const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
      assert.deepEqual(cells, ['Avrapportering samma kväll.', 'Efter insatsen', '1', '1', 'Avrapporteringen hölls dagen efter.']);
      const chart = section.locator('figure.deviation-chart');
      await chart.getByText('Antal avvikelser per steg').waitFor();
      const bars = chart.locator('li');
      assert.equal(await bars.count(), 1);
      assert.match(await bars.first().textContent(), /Avrapportering samma kväll\.\s*1 av 1 insatser/);
      await assertAccessible(page, 'routine page with deviations');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    const chief = await openPage(env);
    try {
      const { context, page } = chief;
      await logInContext(context, 'insatschef');
      await page.goto('/rutiner');
      await settled(page);
      await main(page).getByRole('button', { name: new RegExp(`^Anta som egen\\W+${title}$`) }).click();
      await page.waitForURL(/\/rutiner\/\d+\?antagen=1$/);
      const adopted = Number(/\/rutiner\/(\d+)/.exec(page.url())[1]);
      assert.notEqual(adopted, routineId);
      await settled(page);
      await page.getByRole('status').getByText('Rutinen är antagen som din enhets egen.', { exact: false }).waitFor();
      const facts = await page.locator('section[aria-labelledby="routine-facts"]').textContent();
      assert.match(facts, /Polisen lokalpolisområde Umeå/);
      assert.match(facts, new RegExp(`${title}, version 2`));
      await main(page).getByRole('link', { name: 'Redigera' }).waitFor();
      await step(page, 'larmvägarna').waitFor();
      assert.deepEqual(chief.problems, []);
    } finally {
      await chief.context.close();
    }
  });

  it('keeps the routine pages from the committee', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'namnd');
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rutiner' }).count(), 0);
      await page.goto(`/rutiner/${routineId}`);
      await page.getByRole('heading', { level: 1, name: 'Åtkomst nekad' }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
