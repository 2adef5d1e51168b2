// Concern reports (orosanmälan) in the browser against the real server: the police officer
// records a 16-year-old on the on-the-spot page of an operation, on a phone, which opens a task on the officer's start page; the
// officer files the report on the task page; the case officer of the municipality's social
// services sees it among the received reports and acknowledges it; the officer then sees who
// received it. axe-core checks the task page and the start pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertAccessible,
  logInContext,
  makeOperation,
  openPage,
  useServerAndBrowser,
} from './harness.mjs';

const main = (page) => page.getByRole('main');

/** Waits until nothing on the page is loading. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

describe('concern reports', () => {
  const env = useServerAndBrowser();
  let taskId;
  const reportText = 'Flickan uppgav att hon är 16 år och befann sig ensam på hotellet.';

  it('opens a task for the officer who records a 16-year-old on the spot, shown on the start page', async () => {
    const operationId = await makeOperation(env, { name: 'Insats orosanmälan e2e', participants: ['polis'] });
    const { context, page, problems } = await openPage(env, { viewport: { width: 360, height: 740 }, phone: true });
    try {
      await logInContext(context, 'polis');
      await page.goto(`/insatser/${operationId}/pa-plats`);
      await page.getByRole('heading', { level: 2, name: /Steg 1 av 4: Vem möter du\?/ }).waitFor();
      await main(page).getByRole('button', { name: 'Person som säljer sex' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 2 av 4: Ålder/ }).waitFor();
      await page.getByLabel('Exakt ålder (valfritt)').fill('16');
      await main(page).getByRole('button', { name: 'Använd åldern' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 3 av 4: Misstänkt brott/ }).waitFor();
      await main(page).getByRole('button', { name: 'Inget brott registreras' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 4 av 4: Diarienummer/ }).waitFor();
      await main(page).getByRole('button', { name: 'Spara mötet' }).tap();
      await page.getByRole('heading', { level: 2, name: 'Mötet är sparat' }).waitFor();
      const link = main(page).getByRole('link', { name: 'Öppna mötet' });
      const encounterId = Number(/\/moten\/(\d+)/.exec(await link.getAttribute('href'))[1]);
      await main(page).getByText(/En uppgift om orosanmälan har skapats åt dig/).waitFor();
      await assertAccessible(page, 'on the spot (police), a 16-year-old saved, at 360 px');

      await main(page).getByRole('link', { name: 'Till orosanmälningarna på startsidan' }).tap();
      const section = page.locator('section[aria-labelledby="start-concern-tasks"]');
      await section.getByRole('heading', { level: 2, name: 'Orosanmälningar att hantera' }).waitFor();
      const task = section.getByRole('link', { name: /Under 18 år/ }).first();
      await task.waitFor();
      await settled(page);
      await assertAccessible(page, 'start page of the police officer with a concern task');
      await task.click();
      await page.waitForURL(/\/orosanmalan\/\d+$/);
      taskId = Number(/\/orosanmalan\/(\d+)/.exec(page.url())[1]);
      await page.getByRole('heading', { level: 1, name: `Orosanmälan ${taskId}` }).waitFor();
      await settled(page);
      const facts = await page.locator('section[aria-labelledby="concern-facts"]').textContent();
      assert.match(facts, /Öppen/);
      assert.match(facts, /Umeå/);
      assert.match(facts, new RegExp(`Möte ${encounterId}`));
      await main(page).getByRole('heading', { level: 2, name: 'Gör orosanmälan' }).waitFor();
      await main(page).getByRole('heading', { level: 2, name: 'Ingen anmälan – motivera' }).waitFor();
      await assertAccessible(page, 'open concern task page');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('lets the officer file the report on the task page', async () => {
    assert.ok(taskId, 'the task of the first test');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'polis');
      await page.goto(`/orosanmalan/${taskId}`);
      await page.getByRole('heading', { level: 1, name: `Orosanmälan ${taskId}` }).waitFor();
      await settled(page);

      // Too short a reason for no report: the error is at the field and in the summary.
      await page.getByLabel('Motivering', { exact: true }).fill('För kort');
      await main(page).getByRole('button', { name: 'Spara: ingen anmälan' }).click();
      await page.locator('#concern-no-report-errors').waitFor();
      assert.equal(await page.locator('#concern-reason').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'concern task page with an error');

      await page.getByLabel('Vad anmälan gäller', { exact: true }).fill(reportText);
      await main(page).getByRole('button', { name: 'Gör orosanmälan' }).click();
      await page.getByRole('status').getByText('Orosanmälan är gjord').waitFor();
      const report = page.locator('section[aria-labelledby="concern-report"]');
      await report.getByText('Inte bekräftad ännu').waitFor();
      assert.match(await report.textContent(), /Umeå/);
      assert.match(await report.textContent(), /hotellet/);
      assert.equal(await main(page).getByRole('button', { name: 'Gör orosanmälan' }).count(), 0);
      await assertAccessible(page, 'reported concern task page');

      // The task is no longer open on the start page.
      await page.goto('/');
      const section = page.locator('section[aria-labelledby="start-concern-tasks"]');
      await section.getByRole('heading', { level: 2 }).waitFor();
      await settled(page);
      assert.equal(await section.locator(`a[href="/orosanmalan/${taskId}"]`).count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('lets the case officer of the municipality acknowledge the report, and the officer see it', async () => {
    assert.ok(taskId, 'the task of the first test');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'handlaggare');
      await page.goto('/');
      const section = page.locator('section[aria-labelledby="start-concern-reports"]');
      await section.getByRole('heading', { level: 2, name: 'Mottagna orosanmälningar' }).waitFor();
      const card = section.locator('li.card').filter({ hasText: 'hotellet' }).first();
      await card.waitFor();
      await settled(page);
      await assertAccessible(page, 'start page of the case officer with a received report');
      assert.match(await card.textContent(), /Inte bekräftad ännu/);
      await card.getByText('Läs anmälan').click();
      await card.getByText(reportText).waitFor();
      await card.getByRole('button', { name: /^Bekräfta mottagande/ }).click();
      await card.getByText(/Mottagen av/).waitFor();
      assert.equal(await card.getByRole('button', { name: /^Bekräfta mottagande/ }).count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    const officer = await openPage(env);
    try {
      await logInContext(officer.context, 'polis');
      await officer.page.goto(`/orosanmalan/${taskId}`);
      const report = officer.page.locator('section[aria-labelledby="concern-report"]');
      await report.getByText(/Mottagen av/).waitFor();
      assert.doesNotMatch(await report.textContent(), /Inte bekräftad ännu/);
      await settled(officer.page);
      await assertAccessible(officer.page, 'acknowledged concern task page');
      assert.deepEqual(officer.problems, []);
    } finally {
      await officer.context.close();
    }
  });
});
