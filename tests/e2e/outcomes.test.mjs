// The outcome page in the browser against the real server (issue 8, point 5): two years of
// monthly ads (Umeå halved from January 2025, Skellefteå and Vännäs flat) and an
// operation in Umeå on 14 January 2025. The committee member opens "Resultat" from the
// navigation, gets Umeå and the operation's date by default, reads the result in one sentence,
// sees the chart (observed, the model's line, the counterfactual, the intervention marked) with
// its text alternative and table, small counts hidden, the model and the caveats, and downloads
// the chart as SVG and PNG and the numbers as CSV; adds a control municipality; a date with too
// few months before is refused at its field; a flat municipality reads "ingen säker förändring";
// the page fits a 360 px phone; a social worker has no such page and the API refuses her.
// axe-core checks every state.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  apiCall,
  apiLogIn,
  assertAccessible,
  chooseLanguage,
  importOutcomeAds,
  logInContext,
  mobile,
  openPage,
  outcomeUmeaAds,
  useServerAndBrowser,
} from './harness.mjs';

const main = (page) => page.getByRole('main');
const result = (page) => page.locator('section[aria-labelledby="outcome-result"]');

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), result(page).getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

describe('outcome of the operations on the ads', () => {
  const env = useServerAndBrowser();
  let operationId = null;

  it('prepares the ads and the operation', async () => {
    const summary = await importOutcomeAds(env);
    assert.ok(summary.ads_new > 3000, JSON.stringify(summary));
    const chief = await apiLogIn(env, 'insatschef');
    const made = await apiCall(env, chief, 'POST', '/api/v1/operations', {
      type: 'sex_purchase',
      name: 'Insats januari 2025',
      municipality_code: '2480',
      place: 'Centrum',
      planned_start: '2025-01-14T18:00:00Z',
      planned_end: '2025-01-15T01:00:00Z',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    operationId = made.body.id;
  });

  it('tells the committee in one sentence, with the chart, the table, the model, the caveats and the files', async () => {
    assert.ok(operationId);
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'namnd');
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      await nav.getByRole('link', { name: 'Resultat' }).click();
      await page.getByRole('heading', { level: 1, name: 'Har annonserna minskat?' }).waitFor();
      await settled(page);

      // Umeå, the committee's municipality, and its first operation's date by default.
      assert.equal(await main(page).getByLabel('Kommun', { exact: true }).inputValue(), '2480');
      assert.equal(await main(page).getByRole('textbox', { name: 'Insatserna började' }).inputValue(), '2025-01-14');
      const verdict = result(page).getByTestId('outcome-verdict');
      const sentence = await verdict.textContent();
      const m = /^Efter att insatserna började var de aktiva annonserna i Umeå (\d+) % färre än väntat \(95 % KI (\d+)–(\d+) %\)\.$/.exec(
        sentence,
      );
      assert.ok(m, sentence);
      const [pct, low, high] = m.slice(1).map(Number);
      assert.ok(low < pct && pct < high && pct > 35 && pct < 60, sentence);
      await result(page).getByText(/kommunens första insats/).waitFor();

      // The chart: an image whose text alternative holds the sentence and the averages.
      const chart = result(page).getByRole('img', { name: /^Aktiva annonser i Umeå per månad/ });
      await chart.waitFor();
      const desc = await chart.locator('desc').textContent();
      assert.ok(desc.startsWith(sentence), desc);
      assert.match(desc, /24 perioder från januari 2024 till december 2025\./);
      assert.match(await chart.locator('path.outcome-fitted').getAttribute('d'), /^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){23}$/);
      // The counterfactual from the last month before on: 13 points.
      assert.match(await chart.locator('path.outcome-counterfactual').getAttribute('d'), /^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){12}$/);
      assert.equal(await chart.locator('g.chart__operation text').textContent(), 'Insatser');
      // 23 months shown as points; June 2025 (3 ads) is hidden from the committee.
      assert.equal(await chart.locator('circle.outcome-observed-point').count(), 23);
      assert.equal(await chart.locator('text.outcome-suppressed').count(), 1);
      await result(page).getByTestId('outcome-suppressed').waitFor();
      assert.deepEqual(await result(page).locator('.chart__key-item').allTextContents(), [
        'Observerat',
        'Modellens linje',
        'Väntat utan insatserna',
        'Insatserna börjar',
      ]);
      // The model and what to keep in mind.
      await result(page).getByText(/Modell: Kvasi-Poisson \(standard\)\. Termer: \(Intercept\), intervention, time, sin_1, cos_1\. Antal observationer: 24 \(12 perioder före, 12 efter\)/).waitFor();
      const caveats = await result(page).locator('.outcome__caveats li').allTextContents();
      for (const words of [/inte slumpmässigt/, /Annat kan ha ändrats samtidigt/, /flyttat till andra sajter eller andra kommuner/, /räknar annonser, inte personer/]) {
        assert.ok(caveats.some((c) => words.test(c)), `${words}: ${caveats.join(' | ')}`);
      }
      await assertAccessible(page, 'outcome page of the committee');

      // The numbers as a table; the hidden month in words.
      await result(page).getByText(/^Siffrorna som tabell \(24 perioder\)/).click();
      const table = result(page).getByRole('table', { name: 'Aktiva annonser i Umeå per period' });
      await table.waitFor();
      assert.equal(await table.locator('tbody tr').count(), 24);
      const june = table.locator('tbody tr').filter({ hasText: 'juni 2025' });
      assert.equal(await june.locator('td').nth(2).textContent(), 'färre än 5');
      const january = table.locator('tbody tr').filter({ hasText: 'januari 2024' });
      assert.equal(await january.locator('td').nth(2).textContent(), String(outcomeUmeaAds(0)));
      await assertAccessible(page, 'outcome page with the table open');

      // The files: CSV with the hidden cell empty, SVG carrying its own colours, PNG.
      const csv = await download(page, 'Ladda ner siffrorna (CSV)');
      assert.equal(csv.name, 'annonser-2480-month-2025-01-14.csv');
      const lines = csv.bytes.toString('utf8').split(/\r\n/);
      assert.equal(lines[0], 'period,after,observed,suppressed,fitted,counterfactual');
      assert.match(lines[1], new RegExp(`^2024-01,0,${outcomeUmeaAds(0)},0,[\\d.]+,[\\d.]+$`));
      assert.match(lines.find((l) => l.startsWith('2025-06')), /^2025-06,1,,1,[\d.]+,[\d.]+$/);
      assert.ok(lines.some((l) => /^# intervention: rate_ratio 0\.\d+, 95% CI 0\.\d+-0\.\d+$/.test(l)), lines.join('\n'));
      const svg = await download(page, 'Ladda ner diagrammet (SVG)');
      assert.equal(svg.name, 'annonser-2480-month-2025-01-14.svg');
      const svgText = svg.bytes.toString('utf8');
      assert.ok(svgText.startsWith('<?xml'), svgText.slice(0, 80));
      assert.match(svgText, /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svgText, /stroke-dasharray="8(px)?,? 5(px)?"/);
      assert.doesNotMatch(svgText, /class=/);
      const png = await download(page, 'Ladda ner diagrammet (PNG)');
      assert.equal(png.name, 'annonser-2480-month-2025-01-14.png');
      assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(png.bytes.length > 5000, `PNG of ${png.bytes.length} bytes`);

      // Against Skellefteå: the choice goes into the address and the model says so.
      await main(page).getByLabel('Skellefteå', { exact: true }).check();
      await main(page).getByRole('button', { name: 'Beräkna' }).click();
      await page.waitForURL(/\/resultat\/annonser\?kommun=2480&insats=2025-01-14&kontroll=2482&period=month&modell=quasipoisson$/);
      await settled(page);
      await result(page).getByText(/Jämfört med Skellefteå under samma tid\./).waitFor();
      await result(page).getByText(/jämfört med jämförelsekommunernas utveckling/).waitFor();
      // Against a control the same drop is less certain; whichever words, they are one of the two.
      assert.match(
        await result(page).getByTestId('outcome-verdict').textContent(),
        /^Efter att insatserna började (var de aktiva annonserna i Umeå \d+ % färre än väntat|ser vi ingen säker förändring av de aktiva annonserna i Umeå)/,
      );
      await assertAccessible(page, 'outcome page with a control');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('refuses a date with too few months before at its field, and says when nothing is certain', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'koordinator');
      await page.goto('/resultat/annonser');
      await page.getByRole('heading', { level: 1, name: 'Har annonserna minskat?' }).waitFor();
      await settled(page);
      // The coordinator has no municipality of her own: nothing until one is chosen.
      await main(page).getByText('Välj en kommun och tryck på Beräkna.').waitFor();
      await main(page).getByLabel('Kommun', { exact: true }).selectOption('2480');
      await main(page).getByRole('textbox', { name: 'Insatserna började' }).fill('2024-03-01');
      await main(page).getByRole('button', { name: 'Beräkna' }).click();
      await page.locator('#outcome-errors').waitFor();
      assert.match(await page.locator('#outcome-errors').textContent(), /2 months before the intervention.*at least 6/);
      assert.equal(await page.locator('#outcome-intervention').getAttribute('aria-invalid'), 'true');
      assert.equal(await result(page).count(), 0);
      await assertAccessible(page, 'outcome form refused at the date');

      // Vännäs did not change: the honest words.
      await page.goto('/resultat/annonser?kommun=2460&insats=2025-01-01');
      await settled(page);
      const sentence = await result(page).getByTestId('outcome-verdict').textContent();
      assert.match(sentence, /^Efter att insatserna började ser vi ingen säker förändring av de aktiva annonserna i Vännäs: skattningen är .+, men osäkerhetsintervallet \(95 % KI från \d+ % färre till \d+ % fler\) rymmer också att ingenting ändrades\.$/);
      // No operation there: the date is the one given.
      assert.equal(await result(page).getByText(/kommunens första insats/).count(), 0);
      await assertAccessible(page, 'outcome page without a certain change');

      // English.
      await chooseLanguage(page, 'English', 'en');
      assert.match(await result(page).getByTestId('outcome-verdict').textContent(), /we see no certain change in the active ads in Vännäs/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('fits a 360 × 740 phone', async () => {
    const { context, page, problems } = await openPage(env, { viewport: mobile, phone: true });
    try {
      await logInContext(context, 'analytiker');
      await page.goto('/resultat/annonser?kommun=2480');
      await result(page).getByTestId('outcome-verdict').waitFor();
      // The analyst reads the ads: nothing is hidden from him.
      assert.equal(await result(page).getByTestId('outcome-suppressed').count(), 0);
      assert.equal(await result(page).locator('svg[role="img"] circle.outcome-observed-point').count(), 24);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `sideways scroll of ${overflow} px`);
      await assertAccessible(page, 'outcome page at 360 px');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('is not offered to a social worker, and the API refuses her', async () => {
    const { context, page } = await openPage(env);
    try {
      await logInContext(context, 'socialsekreterare');
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      await nav.getByRole('link', { name: 'Start' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Resultat' }).count(), 0);
      await page.goto('/resultat/annonser?kommun=2480');
      await page.getByRole('heading', { level: 1, name: 'Åtkomst nekad' }).waitFor();
      const worker = await apiLogIn(env, 'socialsekreterare');
      const refused = await apiCall(env, worker, 'GET', '/api/v1/outcomes/ads?municipality=2480');
      assert.equal(refused.status, 403);
    } finally {
      await context.close();
    }
  });
});
