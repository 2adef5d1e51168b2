// A joint operation from plan to close, in the browser against the real server (issue 4): the
// commander plans it and adds participants, moves it to active; on a phone the police officer
// records an encounter and the social worker a contact with support offers on the spot page;
// each sees only its own agency's records, both the joint log; text with personal data is
// refused; the commander closes it and the closed operation offers no changes. A save on the
// spot survives a dropped connection and creates exactly one record. axe-core checks each page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
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

/** The id of the focused element (after a step, focus moves to the step's heading). */
async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Every large button of the on-the-spot page is at least 48 px high and 44 px wide. */
async function assertLargeTargets(page) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main .choice, main .spot-actions button')]
      .map((el) => ({ text: el.textContent.trim(), rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && (rect.height < 48 || rect.width < 44))
      .map(({ text, rect }) => `${text} ${rect.width}×${rect.height}`),
  );
  assert.deepEqual(small, [], 'touch targets of the on-the-spot page smaller than 48 px');
}

async function assertNoSidewaysScroll(page) {
  const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(width <= 360, `the page scrolls sideways at 360 px: scrollWidth ${width}`);
}

describe('joint operation', () => {
  const env = useServerAndBrowser();
  const names = {};
  let operationId;
  let encounterId;
  let contactId;

  it('lets the commander plan an operation, add participants and targets, and move it to active', async () => {
    for (const username of ['insatschef', 'polis', 'socialsekreterare']) {
      names[username] = (await apiLogIn(env, username)).session.user;
    }
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'insatschef');
      await page.goto('/');
      await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Insatser' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Insatser' }).waitFor();
      await settled(page);
      await assertAccessible(page, 'operations list');

      await main(page).getByRole('link', { name: 'Planera insats' }).click();
      await page.getByRole('heading', { level: 1, name: 'Planera insats' }).waitFor();
      await settled(page);

      // Nothing filled in: every required field says what is missing, focus on the summary.
      await main(page).getByRole('button', { name: 'Planera insatsen' }).click();
      await page.locator('#plan-errors').waitFor();
      assert.equal(await focusedId(page), 'plan-errors');
      await page.locator('#plan-name-error').getByText('Ange ett namn på insatsen').waitFor();
      assert.equal(await page.locator('#plan-name').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'plan form with errors');

      const { today, tomorrow } = stockholmDays();
      await page.getByLabel('Typ av insats').selectOption({ label: 'Köp av sexuell tjänst' });
      await page.getByLabel('Namn på insatsen').fill('Insats centrum e2e');
      await page.getByLabel('Kommun', { exact: true }).selectOption('2480');
      await page.getByLabel('Plats', { exact: true }).fill('Hotell i centrum, ring 070-123 45 67');
      await page.getByLabel('Planerad start').fill(`${today}T20:00`);
      await page.getByLabel('Planerat slut').fill(`${tomorrow}T02:00`);
      await main(page).getByRole('button', { name: 'Planera insatsen' }).click();

      // The joint space holds no personal data: the server's refusal is shown at the place.
      const placeError = page.locator('#plan-place-error');
      await placeError.getByText(/telefonnummer/).waitFor();
      assert.match(await placeError.textContent(), /Texten innehåller ett telefonnummer/);
      assert.equal(await page.locator('#plan-place').getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#plan-errors').textContent(), /telefonnummer/);

      await page.getByLabel('Plats', { exact: true }).fill('Hotell i centrum');
      await main(page).getByRole('button', { name: 'Planera insatsen' }).click();
      await page.waitForURL(/\/insatser\/\d+\?planerad=1$/);
      operationId = Number(/\/insatser\/(\d+)/.exec(page.url())[1]);
      await page.getByRole('heading', { level: 1, name: /Insats centrum e2e/ }).waitFor();
      await settled(page);
      await page.getByRole('status').getByText('Insatsen är planerad.').waitFor();
      const plan = await page.locator('section[aria-labelledby="operation-plan"]').textContent();
      assert.match(plan, /Köp av sexuell tjänst/);
      assert.match(plan, /Umeå/);
      // 20:00 Swedish time, shown in Swedish time whatever the browser's zone.
      assert.match(plan, /20:00/);

      // Participants from the candidates of the county.
      for (const username of ['polis', 'socialsekreterare']) {
        await page.getByLabel('Deltagare', { exact: true }).selectOption(String(names[username].id));
        await main(page).getByRole('button', { name: 'Lägg till', exact: true }).click();
        await page
          .locator('section[aria-labelledby="operation-participants"] .item-list strong')
          .getByText(names[username].display_name, { exact: true })
          .waitFor();
      }
      await page.getByRole('heading', { level: 2, name: 'Deltagare (2 st.)' }).waitFor();

      // A target ad, added and removed.
      await page.getByLabel('Webbplats').fill('annonssajt.example');
      await page.getByLabel('Annonsens referens').fill('annons 4711');
      await main(page).getByRole('button', { name: 'Lägg till annonsen' }).click();
      await page.getByRole('heading', { level: 2, name: /\(1 st\.\)$/ }).waitFor();
      await main(page).getByRole('button', { name: 'Ta bort annonssajt.example annons 4711' }).click();
      await page.getByRole('heading', { level: 2, name: /riktar sig mot \(0 st\.\)$/ }).waitFor();

      // planned → briefed → active, each step with who and when.
      await main(page).getByRole('button', { name: 'Gå vidare till: Genomgången (briefad)' }).click();
      await page.getByRole('status').getByText('Insatsen har nu status Genomgången (briefad).').waitFor();
      assert.equal(await focusedId(page), 'operation-lifecycle');
      await main(page).getByRole('button', { name: 'Gå vidare till: Pågående' }).click();
      await page.getByRole('status').getByText('Insatsen har nu status Pågående.').waitFor();
      const steps = page.locator('.stepper__step');
      assert.equal(await steps.count(), 5);
      assert.equal(await page.locator('.stepper__step--done').count(), 2);
      assert.equal(await page.locator('.stepper__step[aria-current="step"]').count(), 1);
      assert.ok((await steps.nth(1).textContent()).includes(names.insatschef.display_name), 'who took the step');
      assert.match(await steps.nth(2).textContent(), /Pågående.*nuvarande steg/);
      await main(page).getByRole('link', { name: 'På plats: registrera' }).waitFor();
      await settled(page);
      await assertAccessible(page, 'operation page');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('lets the police officer record an encounter on the spot on a phone', async () => {
    assert.ok(operationId, 'the first test planned the operation');
    const { context, page, problems } = await openPage(env, { viewport: mobile, phone: true });
    try {
      await logInContext(context, 'polis');
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      await main(page).getByRole('link', { name: 'På plats: registrera' }).tap();
      await page.getByRole('heading', { level: 1, name: 'På plats' }).waitFor();
      await page.getByRole('heading', { level: 2, name: /Steg 1 av 4: Vem möter du\?/ }).waitFor();
      await assertNoSidewaysScroll(page);
      await assertLargeTargets(page);
      await assertAccessible(page, 'on the spot (police) at 360 px');

      await main(page).getByRole('button', { name: 'Köpare' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 2 av 4: Ålder/ }).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'spot-step-heading');
      await main(page).getByRole('button', { name: '26–35 år' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 3 av 4: Misstänkt brott/ }).waitFor();
      await assertLargeTargets(page);
      await main(page).getByRole('button', { name: 'Köp av sexuell tjänst (BrB 6:11)' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 4 av 4: Diarienummer/ }).waitFor();
      assert.match(await page.locator('.spot-step__summary').textContent(), /Köpare · 26–35 år · Köp av sexuell tjänst/);
      await page.getByLabel('Diarienummer (valfritt)').fill('5000-K123456-26');
      await assertNoSidewaysScroll(page);
      await main(page).getByRole('button', { name: 'Spara mötet' }).tap();
      await page.getByRole('heading', { level: 2, name: 'Mötet är sparat' }).waitFor();
      await page.getByRole('status').getByText('Sparat: mötet är registrerat.').waitFor();
      await assertAccessible(page, 'on the spot (police), saved, at 360 px');

      const link = main(page).getByRole('link', { name: 'Öppna mötet' });
      encounterId = Number(/\/moten\/(\d+)/.exec(await link.getAttribute('href'))[1]);
      const listed = await page.request.get(`/api/v1/operations/${operationId}/encounters?purpose=operation`);
      assert.equal(listed.status(), 200);
      const encounters = (await listed.json()).encounters;
      assert.equal(encounters.length, 1);
      assert.equal(encounters[0].id, encounterId);
      assert.equal(encounters[0].role, 'buyer');
      assert.equal(encounters[0].age_band, '26_35');
      assert.equal(encounters[0].offence, 'brb_6_11');
      assert.equal(encounters[0].case_number, '5000-K123456-26');

      // The encounter's own page: the offence and case number can be changed.
      await link.tap();
      await page.getByRole('heading', { level: 1, name: `Möte ${encounterId}` }).waitFor();
      await settled(page);
      await assertAccessible(page, 'encounter page at 360 px');
      await page.getByLabel('Diarienummer', { exact: true }).fill('5000-K654321-26');
      await main(page).getByRole('button', { name: 'Spara ändringarna' }).tap();
      await page.getByRole('status').getByText('Ändringarna är sparade.').waitFor();
      assert.match(await page.locator('section[aria-labelledby="encounter-facts"]').textContent(), /5000-K654321-26/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('lets the social worker record a contact and two support offers on the spot on a phone', async () => {
    assert.ok(operationId, 'the first test planned the operation');
    const { context, page, problems } = await openPage(env, { viewport: mobile, phone: true });
    try {
      await logInContext(context, 'socialsekreterare');
      await page.goto(`/insatser/${operationId}/pa-plats`);
      await page.getByRole('heading', { level: 2, name: /Steg 1 av 4: Vem har du kontakt med\?/ }).waitFor();
      await assertAccessible(page, 'on the spot (social) at 360 px');
      await main(page).getByRole('button', { name: 'Person som säljer sex' }).tap();
      await main(page).getByRole('button', { name: '21–25 år' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 3 av 4: Språk och tolk/ }).waitFor();
      await main(page).getByRole('button', { name: 'Rumänska' }).tap();
      await main(page).getByRole('button', { name: /Tolk behövs/ }).tap();
      assert.equal(await main(page).getByRole('button', { name: 'Rumänska' }).getAttribute('aria-pressed'), 'true');
      assert.equal(await page.locator('#spot-interpreter').getAttribute('aria-pressed'), 'true');
      await assertNoSidewaysScroll(page);
      await assertLargeTargets(page);
      await assertAccessible(page, 'on the spot, language step, at 360 px');

      // The primary action is at the bottom of the screen, within reach of the thumb.
      const save = main(page).getByRole('button', { name: 'Spara kontakten' });
      const box = await save.boundingBox();
      assert.ok(box.y + box.height <= 740 && box.y + box.height > 740 - 160, `save button at ${JSON.stringify(box)}`);
      await save.tap();
      await page.getByRole('status').getByText('Sparat: kontakten är registrerad.').waitFor();
      await page.getByRole('heading', { level: 2, name: /Steg 4 av 4: Erbjud stöd/ }).waitFor();

      await main(page).getByRole('button', { name: 'Hälso- och sjukvård, provtagning för STI' }).tap();
      await page.waitForFunction(() => document.activeElement?.id === 'spot-answer-accepted');
      await main(page).getByRole('button', { name: 'Tackade ja' }).tap();
      await page.getByRole('heading', { level: 3, name: 'Erbjudanden som är sparade: 1' }).waitFor();
      await page.getByRole('status').getByText('Sparat: erbjudandet och svaret är registrerade.').waitFor();
      await main(page).getByRole('button', { name: 'Samtal' }).tap();
      await main(page).getByRole('button', { name: 'Tackade nej' }).tap();
      await page.getByRole('heading', { level: 3, name: 'Erbjudanden som är sparade: 2' }).waitFor();
      assert.deepEqual(await page.locator('.spot-offers__item > span:first-child').allTextContents(), [
        'Hälso- och sjukvård, provtagning för STI: Tackade ja',
        'Samtal: Tackade nej',
      ]);
      await assertNoSidewaysScroll(page);
      await assertAccessible(page, 'on the spot, offers, at 360 px');

      const listed = await page.request.get(`/api/v1/contacts?operation_id=${operationId}&purpose=operation`);
      assert.equal(listed.status(), 200);
      const contacts = (await listed.json()).contacts;
      assert.equal(contacts.length, 1);
      contactId = contacts[0].id;
      assert.equal(contacts[0].role, 'seller');
      assert.equal(contacts[0].age_band, '21_25');
      assert.equal(contacts[0].language, 'ro');
      assert.equal(contacts[0].interpreter, true);
      const full = await (await page.request.get(`/api/v1/contacts/${contactId}?purpose=operation`)).json();
      assert.deepEqual(full.offers.map((o) => [o.kind, o.answer]).sort(), [
        ['conversation', 'declined'],
        ['health_care', 'accepted'],
      ]);

      // "Ny kontakt" starts over at the first step.
      await main(page).getByRole('button', { name: 'Ny kontakt' }).tap();
      await page.getByRole('heading', { level: 2, name: /Steg 1 av 4/ }).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'spot-step-heading');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("shows each agency only its own records, both the joint log, and refuses personal data in the log", async () => {
    assert.ok(encounterId && contactId, 'the earlier tests recorded an encounter and a contact');
    const social = await openPage(env);
    const police = await openPage(env);
    try {
      await logInContext(social.context, 'socialsekreterare');
      await logInContext(police.context, 'polis');

      const { page } = social;
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      const own = page.locator('section[aria-labelledby="own-records"]');
      await own.getByRole('heading', { name: 'Socialtjänstens kontakter under insatsen' }).waitFor();
      assert.equal(await own.getByRole('link').count(), 1);
      assert.match(await own.getByRole('link').textContent(), new RegExp(`Kontakt ${contactId}: Person som säljer sex`));
      assert.equal(await page.getByText('Polisens möten under insatsen').count(), 0);
      assert.equal(await page.locator(`a[href^="/moten/"]`).count(), 0);

      // A log entry with counts, then two that hold personal data.
      await page.getByLabel('Vad hände?').fill('Stöd erbjudet till en person, som tackade ja till vård.');
      await page.getByLabel('Erbjudanden om stöd').fill('2');
      await page.getByLabel('Erbjudanden som tackats ja till').fill('1');
      await main(page).getByRole('button', { name: 'Spara anteckningen' }).click();
      await page.getByRole('status').getByText('Anteckningen är sparad i loggen.').waitFor();
      const log = page.locator('ol.log');
      await log.getByText('Stöd erbjudet till en person, som tackade ja till vård.').waitFor();
      assert.match(await log.locator('li').last().textContent(), /Erbjudanden om stöd\s*2\s*Erbjudanden som tackats ja till\s*1/);

      for (const [text, found] of [
        ['ring 070-123 45 67', /telefonnummer/],
        ['19850101-1234', /personnummer/],
      ]) {
        await page.getByLabel('Vad hände?').fill(text);
        await main(page).getByRole('button', { name: 'Spara anteckningen' }).click();
        const error = page.locator('#log-text-error');
        await error.getByText(found).waitFor();
        assert.match(await error.textContent(), /får inte innehålla personuppgifter/);
        assert.equal(await page.locator('#log-text').getAttribute('aria-invalid'), 'true');
        assert.equal(await focusedId(page), 'log-errors');
        assert.equal(await log.getByText(text).count(), 0);
      }
      await assertAccessible(page, 'operation page with a refused log entry (social worker)');

      const p = police.page;
      await p.goto(`/insatser/${operationId}`);
      await settled(p);
      const policeOwn = p.locator('section[aria-labelledby="own-records"]');
      await policeOwn.getByRole('heading', { name: 'Polisens möten under insatsen' }).waitFor();
      assert.equal(await policeOwn.getByRole('link').count(), 1);
      assert.match(await policeOwn.getByRole('link').textContent(), new RegExp(`Möte ${encounterId}: Köpare`));
      assert.equal(await p.getByText('Socialtjänstens kontakter under insatsen').count(), 0);
      assert.equal(await p.locator('a[href^="/kontakter/"]').count(), 0);
      await p.locator('ol.log').getByText('Stöd erbjudet till en person, som tackade ja till vård.').waitFor();

      // The server keeps the compartments whatever the interface shows.
      const contactsAsPolice = await p.request.get(`/api/v1/contacts?operation_id=${operationId}&purpose=operation`);
      assert.equal(contactsAsPolice.status(), 403);
      const encountersAsSocial = await page.request.get(`/api/v1/operations/${operationId}/encounters?purpose=operation`);
      assert.equal(encountersAsSocial.status(), 403);
      assert.deepEqual(social.problems, []);
      assert.deepEqual(police.problems, []);
    } finally {
      await social.context.close();
      await police.context.close();
    }
  });

  it("keeps the social services' follow-up on the contact page", async () => {
    assert.ok(contactId, 'a contact was recorded');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'socialsekreterare');
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      await page.locator('section[aria-labelledby="own-records"]').getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: `Kontakt ${contactId}` }).waitFor();
      await settled(page);
      const facts = await page.locator('section[aria-labelledby="contact-facts"]').textContent();
      assert.match(facts, /Person som säljer sex/);
      assert.match(facts, /Rumänska/);
      assert.match(facts, /Tolk behövs/);
      await page.getByRole('heading', { level: 2, name: 'Erbjudanden om stöd (2 st.)' }).waitFor();

      // A changed answer.
      const conversation = page.locator('li.card', { has: page.getByRole('heading', { name: 'Samtal', exact: true }) });
      await conversation.getByLabel('Svar').selectOption('later');
      await conversation.getByRole('button', { name: 'Ändra svaret Samtal' }).click();
      await page.getByRole('status').getByText('Svaret på Samtal är ändrat.').waitFor();

      // A referral, accepted then completed; another declined with a reason.
      const { tomorrow } = stockholmDays();
      for (const kind of ['Skyddat boende', 'Juridisk rådgivning']) {
        await page.getByLabel('Hänvisa till').selectOption({ label: kind });
        await page.getByLabel('Klart senast (valfritt)').fill(tomorrow);
        await main(page).getByRole('button', { name: 'Skicka hänvisningen' }).click();
        await page.getByRole('status').getByText(`Hänvisningen till ${kind} är sparad.`).waitFor();
      }
      const shelter = page.locator('li.card', { has: page.getByRole('heading', { name: 'Skyddat boende' }) });
      await shelter.getByRole('button', { name: 'Markera som Mottagen' }).click();
      await page.getByRole('status').getByText('Hänvisningen till Skyddat boende har nu status Mottagen.').waitFor();
      await shelter.getByRole('button', { name: 'Markera som Genomförd' }).click();
      await page.getByRole('status').getByText('Hänvisningen till Skyddat boende har nu status Genomförd.').waitFor();
      assert.equal(await shelter.getByRole('button').count(), 0, 'a completed referral has no further steps');

      const legal = page.locator('li.card', { has: page.getByRole('heading', { name: 'Juridisk rådgivning' }) });
      // Declining asks for the reason first.
      await legal.getByRole('button', { name: 'Markera som Avböjd', exact: true }).click();
      const reason = legal.getByLabel('Skäl till att hänvisningen avböjdes');
      await reason.waitFor();
      assert.equal(await focusedId(page), await reason.getAttribute('id'));
      await legal.getByRole('button', { name: 'Markera som avböjd', exact: true }).click();
      await legal.locator('.field__error').getByText('Skriv skälet').waitFor();
      await reason.fill('Personen vill vänta.');
      await legal.getByRole('button', { name: 'Markera som avböjd', exact: true }).click();
      await page.getByRole('status').getByText('Hänvisningen till Juridisk rådgivning har nu status Avböjd.').waitFor();
      await legal.getByText('Personen vill vänta.').waitFor();

      // A follow-up with its outcome.
      await page.getByLabel('Klart senast', { exact: true }).fill(tomorrow);
      await main(page).getByRole('button', { name: 'Planera uppföljningen' }).click();
      await page.getByRole('status').getByText(/Uppföljning senast .* är planerad\./).waitFor();
      await page.getByLabel('Utfall').fill('Personen har fått tid på mottagningen.');
      await main(page).getByRole('button', { name: 'Spara utfallet' }).click();
      await page.getByRole('status').getByText('Utfallet är sparat och uppföljningen är klar.').waitFor();

      // A consent, then withdrawn.
      await page.getByLabel('Uppgifter får användas i statistik').check();
      await page.getByLabel('Muntligt').check();
      await main(page).getByRole('button', { name: 'Spara samtycket' }).click();
      await page.getByRole('status').getByText('Samtycket (Uppgifter får användas i statistik) är sparat.').waitFor();
      await main(page).getByRole('button', { name: /Återkalla samtycket/ }).click();
      await page.getByRole('status').getByText('Samtycket (Uppgifter får användas i statistik) är återkallat.').waitFor();
      await settled(page);
      await assertAccessible(page, 'contact page');

      const full = await (await page.request.get(`/api/v1/contacts/${contactId}?purpose=follow_up`)).json();
      assert.deepEqual(full.referrals.map((r) => r.state).sort(), ['completed', 'declined']);
      assert.equal(full.follow_ups.length, 1);
      assert.equal(full.follow_ups[0].outcome, 'Personen har fått tid på mottagningen.');
      assert.equal(full.consents.length, 1);
      assert.ok(full.consents[0].withdrawn_at);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('shows each role its start page and the numbers', async () => {
    for (const [username, headings] of [
      [
        'socialsekreterare',
        [
          'Mina insatser i dag och kommande',
          'Orosanmälningar att hantera',
          'Mottagna orosanmälningar',
          'Uppgiftslämnanden',
          'Försenade uppföljningar',
          'Försenade hänvisningar',
          'Siffror',
        ],
      ],
      [
        'polis',
        ['Mina insatser i dag och kommande', 'Orosanmälningar att hantera', 'Uppgiftslämnanden', 'Siffror'],
      ],
      ['koordinator', ['Öppna insatser i regionen', 'Siffror']],
      ['namnd', ['Siffror']],
    ]) {
      const { context, page, problems } = await openPage(env);
      try {
        await logInContext(context, username);
        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
        // The sections appear once the session is known; wait for the first, then for loading.
        await main(page).getByRole('heading', { level: 2, name: headings[0] }).waitFor();
        await settled(page);
        const h2 = await main(page).getByRole('heading', { level: 2 }).allTextContents();
        assert.deepEqual(h2.filter((h) => h !== 'Serverns status'), headings, username);
        if (username !== 'namnd') {
          await main(page).getByRole('link', { name: 'Insats centrum e2e' }).waitFor();
        }
        if (username === 'socialsekreterare') await assertAccessible(page, 'start page of a social worker');

        await main(page).getByRole('link', { name: 'Se siffrorna' }).click();
        await page.getByRole('heading', { level: 1, name: 'Siffror' }).waitFor();
        await page.locator('section[aria-labelledby="numbers-result"][aria-busy="false"]').waitFor();
        await settled(page);
        if (username === 'koordinator' || username === 'namnd') {
          // Small counts are hidden for roles without person-level access.
          const hidden = page.locator('.number--hidden');
          if ((await hidden.count()) > 0) {
            assert.equal(await hidden.first().locator('.visually-hidden').textContent(), 'dolt, färre än 5');
            await page.getByText(/– betyder att talet är dolt/).waitFor();
          }
        }
        if ((await page.locator('table').count()) > 0) {
          const chart = page.locator('svg[role="img"]');
          assert.equal(await chart.count(), 1);
          assert.match(await chart.getAttribute('aria-label'), /Kontakter och erbjudanden som tackats ja till/);
        }
        if (username === 'koordinator') await assertAccessible(page, 'numbers page of the coordinator');
        if (username === 'socialsekreterare') await assertAccessible(page, 'numbers page of a social worker');
        assert.deepEqual(problems, [], username);
      } finally {
        await context.close();
      }
    }
  });

  it('lets the commander debrief and close the operation, which then offers no changes', async () => {
    assert.ok(operationId, 'the first test planned the operation');
    const { context, page, problems } = await openPage(env);
    try {
      await logInContext(context, 'insatschef');
      await page.goto(`/insatser/${operationId}`);
      await settled(page);
      await main(page).getByRole('button', { name: 'Gå vidare till: Avrapporterad' }).click();
      await page.getByRole('status').getByText('Insatsen har nu status Avrapporterad.').waitFor();
      await main(page).getByRole('link', { name: 'På plats: registrera' }).waitFor();
      await main(page).getByRole('button', { name: 'Gå vidare till: Avslutad' }).click();
      await page.getByRole('status').getByText('Insatsen har nu status Avslutad.').waitFor();
      await settled(page);

      await page.getByText('Insatsen är avslutad. Den kan läsas men inte längre ändras.').waitFor();
      assert.equal(await main(page).locator('form').count(), 0, 'no forms on a closed operation');
      assert.equal(await main(page).getByRole('button').count(), 0, 'no buttons on a closed operation');
      assert.equal(await main(page).getByRole('link', { name: 'Ändra planen' }).count(), 0);
      assert.equal(await main(page).getByRole('link', { name: 'På plats: registrera' }).count(), 0);
      assert.equal(await page.locator('.stepper__step--done').count(), 4);
      // The log is still there to read.
      await page.locator('ol.log').getByText('Stöd erbjudet till en person, som tackade ja till vård.').waitFor();
      await assertAccessible(page, 'closed operation');

      await page.goto(`/insatser/${operationId}/andra`);
      await page.getByText('Insatsen är avslutad och kan inte ändras.').waitFor();
      assert.equal(await main(page).locator('form').count(), 0);

      await page.goto('/insatser');
      await settled(page);
      await page.getByRole('heading', { level: 2, name: /^Avslutade insatser/ }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('keeps a save on the spot through a dropped connection and creates the contact once', async () => {
    const id = await makeOperation(env, { name: 'Insats avbrott e2e', participants: ['socialsekreterare'] });
    const { context, page, problems } = await openPage(env, { viewport: mobile, phone: true });
    try {
      await logInContext(context, 'socialsekreterare');
      await page.goto(`/insatser/${id}/pa-plats`);
      await main(page).getByRole('button', { name: 'Köpare' }).tap();
      await main(page).getByRole('button', { name: '36–50 år' }).tap();
      await main(page).getByRole('button', { name: 'Engelska' }).tap();

      const keys = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/contacts') {
          keys.push(request.headers()['idempotency-key']);
        }
      });

      // Offline: the save keeps the step and says it is trying again.
      await context.setOffline(true);
      await main(page).getByRole('button', { name: 'Spara kontakten' }).tap();
      const status = page.getByRole('status').filter({ hasText: 'försöker igen' });
      await status.waitFor();
      assert.match(await status.textContent(), /Ingen kontakt med servern/);
      assert.equal(await main(page).getByRole('button', { name: 'Engelska' }).getAttribute('aria-pressed'), 'true');
      await page.getByRole('heading', { level: 2, name: /Steg 3 av 4/ }).waitFor();
      await assertAccessible(page, 'on the spot while retrying, at 360 px');

      // Back online, but the first answer is lost on its way back: the server has made the
      // contact, the page does not know. The retry with the same key gets the same contact.
      let lost = false;
      await page.route('**/api/v1/contacts', async (route) => {
        if (route.request().method() === 'POST' && !lost) {
          lost = true;
          await route.fetch();
          await route.abort('connectionreset');
        } else {
          await route.continue();
        }
      });
      await context.setOffline(false);
      await page.getByRole('status').getByText('Sparat: kontakten är registrerad.').waitFor({ timeout: 60_000 });
      assert.ok(lost, 'one answer was lost');
      await page.getByRole('heading', { level: 2, name: /Steg 4 av 4: Erbjud stöd/ }).waitFor();

      assert.ok(keys.length >= 2, `the save was sent again (${keys.length} requests reached the network)`);
      assert.equal(new Set(keys).size, 1, `every retry carried the same Idempotency-Key: ${keys}`);
      assert.match(keys[0], /^[0-9a-f-]{36}$/);

      const listed = await page.request.get(`/api/v1/contacts?operation_id=${id}&purpose=operation`);
      assert.equal(listed.status(), 200);
      const contacts = (await listed.json()).contacts;
      assert.equal(contacts.length, 1, `exactly one contact: ${JSON.stringify(contacts)}`);
      assert.equal(contacts[0].role, 'buyer');
      assert.equal(contacts[0].language, 'en');
      assert.deepEqual(
        problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|Failed to fetch/.test(p)),
        [],
      );
    } finally {
      await context.close();
    }
  });

  it('shows a refusal (4xx) on the spot without retrying', async () => {
    const id = await makeOperation(env, { name: 'Insats avslag e2e', participants: ['socialsekreterare'] });
    const { context, page } = await openPage(env, { viewport: mobile, phone: true });
    try {
      await logInContext(context, 'socialsekreterare');
      await page.goto(`/insatser/${id}/pa-plats`);
      await main(page).getByRole('button', { name: 'Anhörig' }).tap();
      await main(page).getByRole('button', { name: 'Okänd ålder' }).tap();
      let posts = 0;
      await page.route('**/api/v1/contacts', async (route) => {
        posts += 1;
        await route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'invalid_input', message: 'role is not allowed', field: 'role' } }),
        });
      });
      await main(page).getByRole('button', { name: 'Spara kontakten' }).tap();
      const alert = page.getByRole('alert').filter({ hasText: 'Det gick inte att spara.' });
      await alert.waitFor();
      assert.match(await alert.textContent(), /role is not allowed/);
      await page.waitForTimeout(2500); // longer than the first retry would wait
      assert.equal(posts, 1, 'a refusal is not sent again');
      await page.getByRole('heading', { level: 2, name: /Steg 3 av 4/ }).waitFor();
    } finally {
      await context.close();
    }
  });
});
