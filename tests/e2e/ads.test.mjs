// The ad pages in the browser against the real server (issue 7): the police analyst imports a
// small JSON Lines file on the queue page (its upload progress shown, the bad line reported by
// its number), finds the ad that states "16 år" first in the queue, opens it, sees the age
// highlighted, confirms the possible minor (which opens a concern task, linked) and writes a
// note; opens the group of the two ads sharing a phone number written in words and sees both
// ads and the timeline across two municipalities; a social worker sees the same public ad but
// neither the analyst's decision nor the note (compartments); the chart page draws the
// municipality's line with an operation's date marked and offers the rows as CSV; the pages fit
// a 360 × 740 phone. axe-core checks every page and state.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  apiCall,
  apiLogIn,
  assertAccessible,
  logInContext,
  makeOperation,
  mobile,
  openPage,
  stockholmDays,
  useServerAndBrowser,
} from './harness.mjs';

const main = (page) => page.getByRole('main');

/** Waits until nothing on the page is loading. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

/** The date `days` before `date` ("YYYY-MM-DD"). */
function daysBefore(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days, 12)).toISOString().slice(0, 10);
}

const { today } = stockholmDays();
const seen = (days) => `${daysBefore(today, days)}T20:00:00+01:00`;

// The phone of the first two ads is written in words (an obfuscated number) and links them into
// one group across Umeå and Skellefteå; line 4 is not JSON.
const minorTitle = 'Ny tjej i Umeå';
const sharedTitle = 'Massage i Skellefteå';
const plainTitle = 'Mogen kvinna';
const phoneWords = 'noll sju noll ett två tre fyra fem sex sju';
const phone = '+46701234567';
const fixture = [
  {
    site: 'annonsplats.example',
    ad_id: 'u-16',
    seen_at: seen(8),
    title: minorTitle,
    location: 'Umeå',
    body: `Hej! Jag är 16 år och ny i stan. Ring ${phoneWords}.`,
    price: '1500 kr/h',
  },
  {
    site: 'annonsplats.example',
    ad_id: 'u-16',
    seen_at: seen(4),
    title: minorTitle,
    location: 'Umeå',
    body: `Hej! Jag är 16 år och ny i stan. Ring ${phoneWords}.`,
    price: '1500 kr/h',
  },
  {
    site: 'annan-sajt.example',
    ad_id: 's-22',
    seen_at: seen(3),
    title: sharedTitle,
    location: 'Skellefteå',
    body: `Avslappnande massage hela kvällen, diskret och trygg. Sms ${phoneWords}.`,
    age: '22',
  },
]
  .map((o) => JSON.stringify(o))
  .concat([
    '{"site":"annonsplats.example","ad_id":"u-30",',
    JSON.stringify({
      site: 'annonsplats.example',
      ad_id: 'u-30',
      seen_at: seen(6),
      title: plainTitle,
      location: 'Umeå',
      body: 'Erfaren och lugn, 30 år. Ring 073-987 65 43.',
      age: '30',
    }),
  ])
  .join('\n');

const analystNote = 'Analytikerns anteckning: samma nummer annonseras i Skellefteå.';
const triageNote = 'Uppger 16 år i annonstexten.';

/** At 360 px: nothing reaches past the right edge, and every target is at least 44 × 44 px. */
async function assertFitsPhone(page, label) {
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className}`);
    return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide };
  });
  assert.equal(overflow.clientWidth, 360, label);
  assert.ok(overflow.scrollWidth <= overflow.clientWidth, `${label}: scrolls sideways ${JSON.stringify(overflow)}`);
  assert.deepEqual(overflow.wide, [], `${label}: elements reach past the right edge`);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')]
      .map((el) => ({ el, rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && rect.height > 0 && rect.bottom > 0)
      .filter(({ rect }) => rect.width < 44 || rect.height < 44)
      .map(({ el, rect }) => `${el.tagName.toLowerCase()} "${el.textContent.trim()}" ${rect.width}×${rect.height}`),
  );
  assert.deepEqual(small, [], `${label}: touch targets smaller than 44 × 44 px`);
}

describe('ads', () => {
  const env = useServerAndBrowser();
  let minorId;
  let groupId;
  let concernTaskId;

  it('lets the analyst import a file, reports the bad line by number, and puts the minor first', async () => {
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'analytiker');
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Annonser', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      await settled(page);
      await main(page).getByText('Det finns inga annonser att bedöma med det här urvalet.').waitFor();
      await assertAccessible(page, 'empty queue of the analyst');

      // Nothing chosen: the error is at the file field.
      await main(page).getByRole('button', { name: 'Importera' }).click();
      await page.locator('#ads-import-errors').waitFor();
      assert.match(await page.locator('#ads-import-file-error').textContent(), /Välj en fil att importera/);
      assert.equal(await page.locator('#ads-import-file').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'import without a file');

      // The progress element is recorded as it appears (the upload of a small file is quick).
      await page.evaluate(() => {
        window.sawProgress = false;
        new MutationObserver(() => {
          if (document.querySelector('progress#ads-import-progress')) window.sawProgress = true;
        }).observe(document.body, { childList: true, subtree: true });
      });
      await main(page).getByLabel('Fil med annonser').setInputFiles({
        name: 'annonser.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(`${fixture}\n`, 'utf8'),
      });
      await main(page).getByRole('button', { name: 'Importera' }).click();
      await main(page)
        .getByRole('status')
        .getByText(/^Importen av annonser\.jsonl är klar\. Rader: 5, nya annonser: 3, uppdaterade: \d+, felaktiga rader: 1\.$/)
        .waitFor();
      assert.ok(await page.evaluate(() => window.sawProgress), 'the upload progress was shown');
      // Focus moves to the result, which lists the counts and the bad line by its number.
      await page.waitForFunction(() => document.activeElement?.id === 'ads-import-result');
      const report = page.locator('.import-report');
      assert.match(await report.textContent(), /Nya annonser3/);
      const errors = report.getByRole('table', { name: /Felaktiga rader som hoppades över \(1\)/ });
      const errorRows = errors.locator('tbody tr');
      assert.equal(await errorRows.count(), 1);
      assert.match(await errorRows.first().locator('td').first().textContent(), /^Rad 4$/);
      assert.ok((await errorRows.first().locator('td').nth(2).textContent()).trim().length > 0, 'the error message');

      // The queue is reloaded: the possible minor first, marked in words.
      const queue = page.locator('section[aria-labelledby="ads-queue"]');
      const rows = queue.locator('table tbody tr');
      await rows.nth(2).waitFor();
      assert.equal(await rows.count(), 3);
      const first = rows.first();
      assert.match(await first.locator('td').first().textContent(), new RegExp(minorTitle));
      assert.match(await first.textContent(), /Möjligen minderårig/);
      assert.match(await first.textContent(), /Dolt telefonnummer/);
      assert.match(await first.textContent(), /Delad kontaktuppgift/);
      assert.match(await first.textContent(), /Umeå/);
      assert.match(await first.textContent(), /Inte bedömd/);
      await first.getByRole('link', { name: /2 annonser/ }).waitFor();
      assert.doesNotMatch(await rows.nth(1).textContent(), /Möjligen minderårig/);
      const href = await first.getByRole('link', { name: minorTitle, exact: true }).getAttribute('href');
      minorId = /\/annonser\/([^/]+)$/.exec(href)[1];
      await assertAccessible(page, 'queue after the import, with the import report');

      // Filters are kept in the address: Skellefteå shows only the shared ad.
      await main(page).getByLabel('Kommun', { exact: true }).selectOption({ label: 'Skellefteå' });
      await main(page).getByRole('button', { name: 'Visa', exact: true }).click();
      await page.waitForURL(/\/annonser\?kommun=2482$/);
      await settled(page);
      await queue.locator('table tbody tr').first().waitFor();
      assert.equal(await queue.locator('table tbody tr').count(), 1);
      assert.match(await queue.locator('table tbody tr').first().textContent(), new RegExp(sharedTitle));
      await main(page).getByLabel('Indikator', { exact: true }).selectOption({ label: 'Möjligen minderårig' });
      await main(page).getByLabel('Kommun', { exact: true }).selectOption({ label: 'Alla kommuner' });
      await main(page).getByRole('button', { name: 'Visa', exact: true }).click();
      await page.waitForURL(/\/annonser\?indikator=possible_minor$/);
      await settled(page);
      await queue.locator('table tbody tr').first().waitFor();
      assert.equal(await queue.locator('table tbody tr').count(), 1);
      await assertAccessible(page, 'queue filtered by indicator');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows the minor ad with the age highlighted, and records the decision and a note', async () => {
    assert.ok(minorId, 'the ad of the first test');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'analytiker');
      await page.goto('/annonser');
      await settled(page);
      await main(page).getByRole('link', { name: minorTitle, exact: true }).click();
      await page.waitForURL(new RegExp(`/annonser/${minorId}$`));
      await page.getByRole('heading', { level: 1, name: new RegExp(minorTitle) }).waitFor();
      await settled(page);
      await main(page).getByRole('note').getByText('Möjligen minderårig.').waitFor();

      // The age is marked in the text, named for screen readers, and in the legend.
      const text = page.locator('section[aria-labelledby="ad-text"]');
      const age = text.locator('.ad-text__body mark.hl--age');
      await age.first().waitFor();
      assert.match(await age.first().textContent(), /^Ålder: .*16.*\(slut på markeringen\)$/);
      assert.equal(await age.first().locator('.visually-hidden').first().textContent(), 'Ålder: ');
      assert.match(await text.locator('.hl-legend').textContent(), /Ålder/);
      assert.ok((await text.locator('.ad-text__body mark.hl--phone').count()) >= 1, 'the phone is marked');

      const facts = page.locator('section[aria-labelledby="ad-facts"]');
      assert.match(await facts.textContent(), new RegExp(`\\${phone}`));
      assert.match(await facts.textContent(), /16 år/);
      assert.match(await facts.textContent(), /1\s500 kr för 60 minuter/);
      assert.match(await facts.textContent(), /Umeå/);
      assert.match(await facts.textContent(), /Svenska/);
      const indicators = await page.locator('section[aria-labelledby="ad-indicators"]').textContent();
      assert.match(indicators, /Möjligen minderårig/);
      assert.match(indicators, /Dolt telefonnummer/);

      // The link that explains the group names the phone and the other ad and site.
      const links = page.locator('section[aria-labelledby="ad-links"]');
      const same = links.getByRole('link', { name: `Samma telefon ${phone} som annons s-22 på annan-sajt.example` });
      await same.waitFor();
      assert.match(await same.getAttribute('href'), /^\/annonser\/[^/]+$/);
      const groupLink = links.getByRole('link', { name: /^Grupp .+ med 2 annonser$/ });
      groupId = /\/annonser\/grupper\/([^/]+)$/.exec(await groupLink.getAttribute('href'))[1];

      const work = page.locator('section[aria-labelledby="ad-work"]');
      assert.match(await work.textContent(), /Det du skriver här ses bara av Polisen lokalpolisområde Umeå/);
      await work.getByText('Annonsen har inte bedömts av din myndighet.').waitFor();
      await assertAccessible(page, 'ad page of a possible minor');

      // No decision chosen: the error is named at the radio group.
      await work.getByRole('button', { name: 'Spara bedömningen' }).click();
      await page.locator('#triage-errors').waitFor();
      assert.match(await page.locator('#triage-decision-error').textContent(), /Välj en bedömning/);
      await assertAccessible(page, 'triage form with an error');

      await work.getByLabel('Bekräftat möjligen minderårig').check();
      await work.getByText('När du sparar öppnas en uppgift om orosanmälan åt dig.').waitFor();
      await work.getByLabel('Kommentar (valfritt)').fill(triageNote);
      await work.getByRole('button', { name: 'Spara bedömningen' }).click();
      await work.getByRole('status').getByText('Bedömningen är sparad: Bekräftat möjligen minderårig.').waitFor();
      const task = work.locator('.triage').getByRole('link', { name: /^Öppna orosanmälan / });
      await task.waitFor();
      concernTaskId = /^\/orosanmalan\/(\d+)$/.exec(await task.getAttribute('href'))?.[1];
      assert.ok(concernTaskId, `a link to the concern task: ${await task.getAttribute('href')}`);
      assert.match(await work.locator('.triage').textContent(), /Senaste bedömning:\s*Bekräftat möjligen minderårig/);
      const history = work.locator('ol[aria-labelledby="ad-history"] > li');
      assert.equal(await history.count(), 1);
      assert.match(await history.first().textContent(), new RegExp(triageNote));

      // The analyst handles the task on the concern-report page, like any other such task.
      await task.click();
      await page.getByRole('heading', { level: 1, name: `Orosanmälan ${concernTaskId}` }).waitFor();
      await settled(page);
      const concernFacts = await page.locator('section[aria-labelledby="concern-facts"]').textContent();
      assert.match(concernFacts, /En annons som bedömts som möjligen minderårig/);
      assert.match(concernFacts, /Öppen/);
      await main(page).getByRole('heading', { level: 2, name: 'Gör orosanmälan' }).waitFor();
      await assertAccessible(page, 'concern task opened by an ad');
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: new RegExp(minorTitle) }).waitFor();
      await settled(page);
      assert.equal(await history.count(), 1, 'the decision is kept');

      // A note: empty is refused at the field, then saved.
      await work.getByRole('button', { name: 'Spara anteckningen' }).click();
      await page.locator('#ad-note-errors').waitFor();
      assert.match(await page.locator('#ad-note-error').textContent(), /Skriv anteckningen/);
      await work.getByLabel('Ny anteckning').fill(analystNote);
      await work.getByRole('button', { name: 'Spara anteckningen' }).click();
      await work.getByRole('heading', { level: 3, name: 'Anteckningar (1)' }).waitFor();
      await work.getByRole('status').getByText('Anteckningen är sparad.').waitFor();
      assert.match(await work.locator('ol[aria-labelledby="ad-notes"]').textContent(), new RegExp(analystNote));
      await assertAccessible(page, 'ad page after the decision and a note');

      // The decided ad leaves the analyst's queue, and shows with the decision among all ads.
      await page.goto('/annonser');
      await settled(page);
      const queue = page.locator('section[aria-labelledby="ads-queue"]');
      await queue.locator('table tbody tr').first().waitFor();
      assert.doesNotMatch(await queue.textContent(), new RegExp(minorTitle));
      await main(page).getByLabel('Visa även bedömda').check();
      await main(page).getByRole('button', { name: 'Visa', exact: true }).click();
      await page.waitForURL(/\/annonser\?alla=1$/);
      await settled(page);
      await queue.getByRole('heading', { level: 2, name: 'Alla annonser' }).waitFor();
      const row = queue.locator('table tbody tr').filter({ hasText: minorTitle });
      await row.waitFor();
      assert.match(await row.textContent(), /Bekräftat möjligen minderårig/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows the group with both ads, its contacts and a timeline across the municipalities', async () => {
    assert.ok(groupId, 'the group of the second test');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'analytiker');
      await page.goto(`/annonser/${minorId}`);
      await settled(page);
      await main(page).getByRole('link', { name: /^Grupp .+ med 2 annonser$/ }).click();
      await page.waitForURL(new RegExp(`/annonser/grupper/${groupId}$`));
      await page.getByRole('heading', { level: 1, name: `Annonsgrupp ${groupId}` }).waitFor();
      await settled(page);

      const ads = page.locator('section[aria-labelledby="group-ads"]');
      await ads.getByRole('heading', { level: 2, name: 'Annonser i gruppen (2)' }).waitFor();
      await ads.getByRole('link', { name: minorTitle, exact: true }).waitFor();
      await ads.getByRole('link', { name: sharedTitle, exact: true }).waitFor();
      assert.equal(await ads.locator('tbody tr').count(), 2);

      // The timeline: one bar per ad, Umeå before Skellefteå, with its text alternative.
      const timeline = page.locator('section[aria-labelledby="group-timeline"]');
      assert.match(await timeline.locator('.group-route').textContent(), /Umeå[^→]* \(från .+\) → Skellefteå[^→]* \(från .+\)/);
      const svg = timeline.getByRole('img', { name: 'När och var gruppens annonser syntes' });
      await svg.waitFor();
      assert.equal(await svg.locator('rect.series-fill').count(), 2);
      const desc = await svg.locator('desc').textContent();
      assert.match(desc, new RegExp(`${minorTitle} i Umeå( kommun)? från .+ till .+\\.`));
      assert.match(desc, new RegExp(`${sharedTitle} i Skellefteå`));
      const labels = await svg.locator('text.chart__label').allTextContents();
      assert.ok(labels[0].startsWith('Umeå'), labels.join(' | '));
      assert.ok(labels[1].startsWith('Skellefteå'), labels.join(' | '));
      // The two places have different colours, and the legend names them.
      const classes = await svg.locator('rect.series-fill').evaluateAll((rects) => rects.map((r) => r.getAttribute('class')));
      assert.notEqual(classes[0], classes[1]);
      const legend = await timeline.locator('.chart__key-item').allTextContents();
      assert.equal(legend.length, 2);
      assert.match(legend[0], /^Umeå/);
      assert.match(legend[1], /^Skellefteå/);
      await assertAccessible(page, 'group page');
      await timeline.getByText('Tidslinjen som tabell').click();
      const table = timeline.getByRole('table', { name: 'Gruppens annonser i tidsordning' });
      await table.waitFor();
      assert.match(await table.locator('tbody tr').first().textContent(), /Umeå/);

      const contacts = page.locator('section[aria-labelledby="group-contacts"]');
      const phones = contacts.getByRole('table', { name: 'Telefonnummer' });
      assert.match(await phones.textContent(), new RegExp(`\\${phone}\\s*2`));
      const places = await contacts.getByRole('table', { name: 'Kommuner' }).textContent();
      assert.match(places, /Umeå/);
      assert.match(places, /Skellefteå/);
      const links = page.locator('section[aria-labelledby="group-links"]');
      assert.match(await links.textContent(), new RegExp(`har samma telefon \\${phone}`));
      await assertAccessible(page, 'group page with the timeline table open');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("does not show the police analyst's decision or note to a social worker", async () => {
    assert.ok(minorId, 'the ad of the first test');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'socialsekreterare');
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Annonser', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      await settled(page);
      // No import for a social worker; the ad is still in her agency's queue, not decided.
      assert.equal(await page.locator('#ads-import').count(), 0);
      const queue = page.locator('section[aria-labelledby="ads-queue"]');
      const row = queue.locator('table tbody tr').first();
      await row.waitFor();
      assert.match(await row.textContent(), new RegExp(minorTitle));
      assert.match(await row.textContent(), /Inte bedömd/);
      assert.doesNotMatch(await queue.textContent(), /Bekräftat möjligen minderårig/);
      await assertAccessible(page, 'queue of the social worker');

      await row.getByRole('link', { name: minorTitle, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(minorTitle) }).waitFor();
      await settled(page);
      const work = page.locator('section[aria-labelledby="ad-work"]');
      assert.match(await work.textContent(), /Det du skriver här ses bara av Socialtjänsten Umeå kommun/);
      await work.getByText('Annonsen har inte bedömts av din myndighet.').waitFor();
      await work.getByRole('heading', { level: 3, name: 'Anteckningar (0)' }).waitFor();
      const body = await main(page).textContent();
      assert.doesNotMatch(body, new RegExp(analystNote));
      assert.doesNotMatch(body, new RegExp(triageNote));
      assert.doesNotMatch(body, /orosanmälan \d/);
      await assertAccessible(page, 'ad page of the social worker');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    // The API gives her nothing of the police compartment either.
    const worker = await apiLogIn(env, 'socialsekreterare');
    const ad = await apiCall(env, worker, 'GET', `/api/v1/ads/${minorId}`);
    assert.equal(ad.status, 200, JSON.stringify(ad.body));
    assert.equal(ad.body.triage, null);
    assert.deepEqual(ad.body.triage_history, []);
    assert.deepEqual(ad.body.notes, []);
    // And the social worker may not import.
    const refused = await fetch(`${env.server.url}/api/v1/ads/import`, {
      method: 'POST',
      headers: { Cookie: worker.cookie, 'X-CSRF-Token': worker.csrf, 'Content-Type': 'application/x-ndjson' },
      body: `${fixture}\n`,
    });
    assert.equal(refused.status, 403);
  });

  it('draws the active ads of the municipality with the operation marked, with its table and CSV', async () => {
    const operationId = await makeOperation(env, { name: 'Insats annonsbevakning', participants: [] });
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'koordinator');
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      await nav.getByRole('link', { name: 'Annonsstatistik' }).click();
      await page.getByRole('heading', { level: 1, name: 'Annonsstatistik' }).waitFor();
      await settled(page);
      // The coordinator reads the counts only, not the ads.
      assert.equal(await nav.getByRole('link', { name: 'Annonser', exact: true }).count(), 0);

      // By default the municipalities with the most ads: Umeå and Skellefteå.
      assert.ok(await main(page).getByLabel(/^Umeå \(\d+\)$/).isChecked());
      assert.ok(await main(page).getByLabel(/^Skellefteå \(\d+\)$/).isChecked());
      const result = page.locator('section[aria-labelledby="stats-result"]');
      const chart = result.getByRole('img', { name: /^Aktiva annonser per kommun/ });
      await chart.waitFor();
      const umea = chart.locator('g.chart__series[data-municipality="2480"] path.series-line');
      await umea.waitFor();
      assert.match(await umea.getAttribute('d'), /^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/);
      assert.equal(await chart.locator('g.chart__series[data-municipality="2482"]').count(), 1);
      assert.deepEqual((await result.locator('.chart__key-item').allTextContents()).slice(0, 2), ['Umeå', 'Skellefteå']);
      // The operation's start date is a labelled vertical line, and listed with a link.
      const marker = chart.locator('g.chart__operation');
      assert.equal(await marker.count(), 1);
      assert.equal(await marker.getAttribute('data-date'), today);
      assert.equal(await marker.locator('text').textContent(), 'Insats 1');
      assert.match(await chart.locator('desc').textContent(), /Umeå: som mest 2 aktiva annonser/);
      assert.match(await chart.locator('desc').textContent(), /Insats 1 började .+ i Umeå\./);
      const operationLink = result.getByRole('link', { name: /^Insats 1: .+, Umeå$/ });
      assert.equal(await operationLink.getAttribute('href'), `/insatser/${operationId}`);
      await assertAccessible(page, 'chart page of the coordinator');

      // The numbers as a table, for those who would rather read.
      await result.getByText(/^Siffrorna som tabell/).click();
      const table = result.getByRole('table', { name: /^Aktiva annonser, unika telefonnummer och grupper/ });
      await table.waitFor();
      const umeaRows = table.locator('tbody tr').filter({ hasText: 'Umeå' });
      assert.ok((await umeaRows.count()) >= 5, `rows of Umeå: ${await umeaRows.count()}`);
      assert.ok((await table.locator('tbody tr').filter({ hasText: 'Skellefteå' }).count()) >= 1);
      await assertAccessible(page, 'chart page with the table open');

      // The rows as CSV, with the header of `samverkan ads counts`.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        result.getByRole('button', { name: 'Ladda ner siffrorna (CSV)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^annonser-day-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
      assert.equal(csv[0], 'period,municipality,active_ads,unique_phones,groups');
      assert.ok(csv.some((line) => /^\d{4}-\d{2}-\d{2},2480,2,2,2$/.test(line)), csv.join('\n'));

      // Only Umeå, by week: the form keeps the choice in the address.
      await main(page).getByLabel(/^Skellefteå \(\d+\)$/).uncheck();
      await main(page).getByLabel('Vecka').check();
      await main(page).getByRole('button', { name: 'Visa', exact: true }).click();
      await page.waitForURL(/\/annonser\/statistik\?kommun=2480&period=week&/);
      await settled(page);
      await chart.locator('g.chart__series[data-municipality="2480"]').waitFor();
      assert.equal(await chart.locator('g.chart__series').count(), 1);
      await result.getByRole('heading', { level: 2, name: /^Aktiva annonser per vecka/ }).waitFor();

      // None chosen: the error is named.
      await main(page).getByLabel(/^Umeå \(\d+\)$/).uncheck();
      await main(page).getByRole('button', { name: 'Visa', exact: true }).click();
      await page.locator('#stats-errors').waitFor();
      assert.match(await page.locator('#stats-errors').textContent(), /Välj minst en kommun/);
      await assertAccessible(page, 'chart form with an error');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('fits a 360 × 740 phone: queue, ad, group and chart', async () => {
    assert.ok(minorId && groupId, 'the ad and group of the earlier tests');
    const { context, page, problems } = await openPage(env, { viewport: mobile, phone: true });
    try {
      await logInContext(context, 'analytiker');
      await page.goto('/annonser?alla=1');
      await page.getByRole('heading', { level: 1, name: 'Annonser' }).waitFor();
      await settled(page);
      await page.locator('section[aria-labelledby="ads-queue"] table tbody tr').first().waitFor();
      await assertFitsPhone(page, 'queue at 360 px');
      await assertAccessible(page, 'queue at 360 px');

      await page.goto(`/annonser/${minorId}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(minorTitle) }).waitFor();
      await settled(page);
      await assertFitsPhone(page, 'ad page at 360 px');
      await assertAccessible(page, 'ad page at 360 px');

      await page.goto(`/annonser/grupper/${groupId}`);
      await page.getByRole('heading', { level: 1, name: `Annonsgrupp ${groupId}` }).waitFor();
      await settled(page);
      const svg = page.locator('section[aria-labelledby="group-timeline"] svg[role="img"]');
      await svg.waitFor();
      // The timeline is drawn at the phone's width, so its text keeps its size.
      const box = await svg.boundingBox();
      const drawn = Number(await svg.getAttribute('width'));
      assert.ok(box.width <= 360 && Math.abs(drawn - box.width) <= 1, `timeline drawn ${drawn}, shown ${box.width}`);
      await assertFitsPhone(page, 'group page at 360 px');
      await assertAccessible(page, 'group page at 360 px');

      await page.goto('/annonser/statistik?kommun=2480,2482');
      await page.getByRole('heading', { level: 1, name: 'Annonsstatistik' }).waitFor();
      await settled(page);
      await page.locator('g.chart__series[data-municipality="2480"]').waitFor();
      await assertFitsPhone(page, 'chart page at 360 px');
      await assertAccessible(page, 'chart page at 360 px');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
