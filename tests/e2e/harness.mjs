// Shared harness of the browser tests: starts the real samverkan server on a free port with a
// fresh SQLite database, launches Debian's Chromium through playwright-core, and opens pages that
// record console errors (CSP violations show there) and uncaught page errors.
//
// playwright-core and @axe-core/playwright are devDependencies of web/; they are loaded from
// web/node_modules with createRequire, so tests/e2e needs no package.json or install of its own.
import { execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
const webDir = path.join(repoRoot, 'web');

function fail(message) {
  throw new Error(`e2e setup: ${message}`);
}

function loadDependencies() {
  if (!existsSync(path.join(webDir, 'node_modules', 'playwright-core', 'package.json'))) {
    fail(`${webDir}/node_modules is missing or incomplete: run \`npm ci\` in web/ first`);
  }
  const require = createRequire(path.join(webDir, 'package.json'));
  const { chromium } = require('playwright-core');
  const axe = require('@axe-core/playwright');
  return { chromium, AxeBuilder: axe.AxeBuilder ?? axe.default };
}

export const { chromium, AxeBuilder } = loadDependencies();

/** Paths of the server binary, the built web files and the browser, from the environment. */
export function configuration() {
  const bin = process.env.SAMVERKAN_BIN || path.join(repoRoot, 'build', 'debug', 'samverkan');
  const webRoot = process.env.SAMVERKAN_WEB_ROOT || path.join(webDir, 'dist');
  const browser = process.env.SAMVERKAN_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(bin)) {
    fail(`server binary ${bin} not found: build it (cmake --build build/debug) or set SAMVERKAN_BIN`);
  }
  if (!existsSync(path.join(webRoot, 'index.html'))) {
    fail(`${webRoot}/index.html not found: run \`npm run build\` in web/ or set SAMVERKAN_WEB_ROOT`);
  }
  if (!existsSync(browser)) {
    fail(`Chromium not found at ${browser}: apt-get install chromium, or set SAMVERKAN_CHROMIUM`);
  }
  return { bin: path.resolve(bin), webRoot: path.resolve(webRoot), browser };
}

// Guards against a hung process, not assertions about speed: a debug build with sanitizers may
// take a while to start.
const startGuardMs = 120_000;
const stopGuardMs = 20_000;

/**
 * In a new temporary directory (the working directory of every command): writes the key file
 * (`samverkan keys init`), seeds the demo data (`samverkan seed-demo`: units, the demo users of
 * README.md) into a new database, starts `samverkan serve` on 127.0.0.1:0 with the same
 * database, and waits for its line "samverkan listening on http://127.0.0.1:PORT".
 * Returns { url, stop, output }.
 */
export async function startServer(config = configuration()) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samverkan-e2e-'));
  const database = `sqlite://${path.join(dir, 'samverkan.db')}`;
  try {
    // The server needs its keys (field encryption, pseudonyms, audit chain): by default
    // var/keys.toml under the working directory.
    await promisify(execFile)(config.bin, ['keys', 'init'], { cwd: dir, timeout: startGuardMs });
    await promisify(execFile)(config.bin, ['seed-demo', '--database', database], {
      cwd: dir,
      timeout: startGuardMs,
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`samverkan keys init / seed-demo failed: ${err.message}\n${err.stderr ?? ''}`);
  }
  const args = ['serve', '--listen', '127.0.0.1:0', '--database', database, '--web-root', config.webRoot];
  const child = spawn(config.bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

  let output = '';
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not print its listening line in time; output:\n${output}`));
    }, startGuardMs);
    child.once('error', (err) => {
      clearTimeout(guard);
      reject(new Error(`cannot start ${config.bin}: ${err.message}`));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(guard);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening; output:\n${output}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(`${line}\n`);
      const match = /^samverkan listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match) {
        clearTimeout(guard);
        resolve(match[1]);
      }
    });
  }).catch(async (err) => {
    await rm(dir, { recursive: true, force: true });
    throw err;
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const guard = setTimeout(() => child.kill('SIGKILL'), stopGuardMs);
    const result = await exited;
    clearTimeout(guard);
    await rm(dir, { recursive: true, force: true });
    return result;
  }

  return { url, stop, output: () => output };
}

export const browserArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(config = configuration()) {
  // playwright-core gives each launch a fresh temporary profile and removes it on close.
  return chromium.launch({ executablePath: config.browser, headless: true, args: browserArgs });
}

/**
 * Registers before/after hooks of the enclosing describe(): one server and one browser for the
 * suite. Returns an object whose `server` and `browser` are set once the hooks have run.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    const config = configuration();
    env.server = await startServer(config);
    env.browser = await launchBrowser(config);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export const desktop = { width: 1280, height: 800 };
export const mobile = { width: 360, height: 740 };

/**
 * axe-core with the WCAG 2.1 A and AA tags on the page as it is now; throws listing every serious
 * or critical violation (minor and moderate ones are logged).
 */
export async function assertAccessible(page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (results.passes.length <= 10) throw new Error(`${label}: axe did not run its rules`);
  const describe = (v) =>
    `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`;
  const minor = results.violations.filter((v) => !['serious', 'critical'].includes(v.impact));
  if (minor.length) console.log(`${label}: ${minor.map(describe).join('\n')}`);
  const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  if (serious.length) throw new Error(`${label}: axe found\n${serious.map(describe).join('\n')}`);
}

/**
 * Opens a new browser context (empty storage) and page at `baseURL`. `problems` collects console
 * errors and uncaught exceptions of the page.
 */
export async function openPage(env, { viewport = desktop, locale = 'sv-SE', phone = false } = {}) {
  const context = await env.browser.newContext({
    baseURL: env.server.url,
    viewport,
    locale,
    ...(phone ? { isMobile: true, hasTouch: true } : {}),
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every 4xx answer of fetch as an error; for the API they are answers the app
    // handles (401 before login, 403, 404, 400 on invalid input), not problems of the page.
    const api = (msg.location().url ?? '').includes('/api/v1/');
    if (api && /^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems };
}

/** Waits until the health check of the start page has finished (whatever its outcome). */
export async function waitForHealth(page) {
  await page.locator('[role="status"][aria-busy="false"]').waitFor();
}

/** Switches the language with the header's switch and waits for <html lang>. */
export async function chooseLanguage(page, name, code) {
  await page.getByRole('button', { name }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
}

// Logging in and the API, for tests that need a user or data before they look at a page.

/** The password of every demo user (README.md). */
export const demoPassword = 'samverkan-demo-2026';

/**
 * Logs in with Node's fetch (no browser). Returns { session, cookie, csrf } for apiCall.
 * Throws with the server's answer when the login is refused.
 */
export async function apiLogIn(env, username, password = demoPassword, totp) {
  const response = await fetch(`${env.server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, ...(totp ? { totp } : {}) }),
  });
  const body = await response.json();
  if (response.status !== 200) {
    const error = new Error(`login of ${username}: HTTP ${response.status} ${JSON.stringify(body)}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('sv_session='));
  if (!cookie) throw new Error('login answered 200 without the sv_session cookie');
  return { session: body, cookie, csrf: body.csrf_token };
}

/** A request as a logged-in user (from apiLogIn); returns { status, body }. */
export async function apiCall(env, auth, method, pathAndQuery, body) {
  const headers = { Accept: 'application/json', Cookie: auth.cookie };
  if (method !== 'GET') headers['X-CSRF-Token'] = auth.csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${env.server.url}${pathAndQuery}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * Logs a browser context in through the API (its cookie jar keeps the session cookie), so a test
 * about a page does not repeat the login form. Throws unless the login succeeds.
 */
export async function logInContext(context, username, password = demoPassword) {
  const response = await context.request.post('/api/v1/session', { data: { username, password } });
  if (response.status() !== 200) {
    throw new Error(`login of ${username}: HTTP ${response.status()} ${await response.text()}`);
  }
  return response.json();
}

/** Fills and sends the login form on the current page (which must show it). */
export async function submitLogin(page, username, password = demoPassword) {
  const main = page.getByRole('main');
  await main.getByLabel('Användarnamn', { exact: true }).fill(username);
  await main.getByLabel('Lösenord', { exact: true }).fill(password);
  await main.getByRole('button', { name: 'Logga in' }).click();
}

/** Opens the login page, logs in through the form, and waits until the header names the user. */
export async function logInWithForm(page, username, displayName, password = demoPassword) {
  await page.goto('/logga-in');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await submitLogin(page, username, password);
  await page.getByRole('banner').getByText(displayName, { exact: true }).waitFor();
}

// Operations and records made through the API (docs/api.md "Operations", "Police compartment",
// "Social-services compartment"), for tests that look at a page of them.

/** Today and tomorrow in Stockholm, "YYYY-MM-DD". */
export function stockholmDays(now = Date.now()) {
  const fmt = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return { today: fmt.format(new Date(now)), tomorrow: fmt.format(new Date(now + 24 * 3600 * 1000)) };
}

async function expectStatus(call, statuses, what) {
  const answer = await call;
  if (!statuses.includes(answer.status)) {
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/**
 * An operation planned by insatschef in Umeå today, with `participants` (usernames) added and
 * moved to `state` (default active). Returns its id.
 */
export async function makeOperation(env, { name = 'Insats e2e', participants = [], state = 'active' } = {}) {
  const chief = await apiLogIn(env, 'insatschef');
  const { today, tomorrow } = stockholmDays();
  const made = await expectStatus(
    apiCall(env, chief, 'POST', '/api/v1/operations', {
      type: 'sex_purchase',
      name,
      municipality_code: '2480',
      place: 'Centrum',
      planned_start: new Date(`${today}T18:00:00Z`).toISOString(),
      planned_end: new Date(`${tomorrow}T01:00:00Z`).toISOString(),
    }),
    [201],
    'POST /api/v1/operations',
  );
  for (const username of participants) {
    const user = (await apiLogIn(env, username)).session.user;
    await expectStatus(
      apiCall(env, chief, 'POST', `/api/v1/operations/${made.id}/participants`, { user_id: user.id }),
      [200],
      'POST participants',
    );
  }
  const order = ['planned', 'briefed', 'active', 'debriefed', 'closed'];
  for (const to of order.slice(1, order.indexOf(state) + 1)) {
    await expectStatus(
      apiCall(env, chief, 'POST', `/api/v1/operations/${made.id}/transitions`, { to }),
      [200],
      `transition to ${to}`,
    );
  }
  return made.id;
}

/** A log entry of the operation by `username`. */
export async function makeLogEntry(env, operationId, username, text, counts = {}) {
  const auth = await apiLogIn(env, username);
  return expectStatus(
    apiCall(env, auth, 'POST', `/api/v1/operations/${operationId}/log`, { text, counts }),
    [200, 201],
    'POST log',
  );
}

/**
 * A contact of socialsekreterare on the operation, with a support offer, a referral, a
 * follow-up and a consent. Returns the contact's id.
 */
export async function makeContact(env, operationId) {
  const worker = await apiLogIn(env, 'socialsekreterare');
  const contact = await expectStatus(
    apiCall(env, worker, 'POST', '/api/v1/contacts', {
      operation_id: operationId,
      role: 'seller',
      age_band: '21_25',
      language: 'ro',
      interpreter: true,
    }),
    [201],
    'POST /api/v1/contacts',
  );
  const { tomorrow } = stockholmDays();
  const base = `/api/v1/contacts/${contact.id}`;
  await expectStatus(apiCall(env, worker, 'POST', `${base}/offers`, { kind: 'health_care', answer: 'accepted' }), [201], 'offer');
  await expectStatus(apiCall(env, worker, 'POST', `${base}/referrals`, { kind: 'shelter', due_on: tomorrow }), [201], 'referral');
  await expectStatus(apiCall(env, worker, 'POST', `${base}/follow-ups`, { due_on: tomorrow }), [201], 'follow-up');
  await expectStatus(apiCall(env, worker, 'POST', `${base}/consents`, { scope: 'statistics', form: 'oral' }), [201], 'consent');
  return contact.id;
}

/** An encounter of polis on the operation. Returns its id. */
export async function makeEncounter(env, operationId) {
  const officer = await apiLogIn(env, 'polis');
  const encounter = await expectStatus(
    apiCall(env, officer, 'POST', `/api/v1/operations/${operationId}/encounters`, {
      role: 'buyer',
      age_band: '26_35',
      offence: 'brb_6_11',
    }),
    [201],
    'POST encounters',
  );
  return encounter.id;
}

/**
 * A disclosure by `username` of the role and age band of a record to the unit named `toUnit`
 * on `ground` (docs/api.md "Disclosures"). Returns its id.
 */
export async function makeDisclosure(env, username, recordType, recordId, toUnit, ground) {
  const auth = await apiLogIn(env, username);
  const { units } = await expectStatus(apiCall(env, auth, 'GET', '/api/v1/units'), [200], 'GET units');
  const unit = units.find((u) => u.name === toUnit);
  if (!unit) throw new Error(`no unit ${toUnit}`);
  const made = await expectStatus(
    apiCall(env, auth, 'POST', '/api/v1/disclosures', {
      record_type: recordType,
      record_id: recordId,
      fields: ['role', 'age_band'],
      to_unit_id: unit.id,
      legal_ground: ground,
      justification: 'Uppgifterna behövs för mottagarens bedömning.',
    }),
    [201],
    'POST /api/v1/disclosures',
  );
  return made.id;
}

// Ads (docs/api.md "Ads").

/**
 * A few JSON Lines observations seen in the last days: a possible minor ("16 år") and an ad in
 * another municipality that share a phone number written in words (one group), and one more ad.
 */
export function adLines() {
  const { today } = stockholmDays();
  const seen = (days) => {
    const [y, m, d] = today.split('-').map(Number);
    return `${new Date(Date.UTC(y, m - 1, d - days, 12)).toISOString().slice(0, 10)}T20:00:00+01:00`;
  };
  const phone = 'noll sju noll ett två tre fyra fem sex sju';
  return [
    { site: 'annonsplats.example', ad_id: 'u-16', seen_at: seen(8), title: 'Ny tjej i Umeå', location: 'Umeå', body: `Hej! Jag är 16 år och ny i stan. Ring ${phone}.` },
    { site: 'annonsplats.example', ad_id: 'u-16', seen_at: seen(4), title: 'Ny tjej i Umeå', location: 'Umeå', body: `Hej! Jag är 16 år och ny i stan. Ring ${phone}.` },
    { site: 'annan-sajt.example', ad_id: 's-22', seen_at: seen(3), title: 'Massage i Skellefteå', location: 'Skellefteå', body: `Lugn massage hela kvällen. Sms ${phone}.` },
    { site: 'annonsplats.example', ad_id: 'u-30', seen_at: seen(6), title: 'Mogen kvinna', location: 'Umeå', body: 'Erfaren och lugn, 30 år. Ring 073-987 65 43.' },
  ]
    .map((o) => JSON.stringify(o))
    .join('\n');
}

/**
 * Imports JSON Lines as the analyst (POST /api/v1/ads/import) and returns the ad flagged as a
 * possible minor from the queue of all ads (with its group_id).
 */
export async function importAds(env, lines = adLines()) {
  const analyst = await apiLogIn(env, 'analytiker');
  const response = await fetch(`${env.server.url}/api/v1/ads/import`, {
    method: 'POST',
    headers: {
      Cookie: analyst.cookie,
      'X-CSRF-Token': analyst.csrf,
      'Content-Type': 'application/x-ndjson',
      Accept: 'application/json',
    },
    body: `${lines}\n`,
  });
  if (response.status !== 200) throw new Error(`POST /api/v1/ads/import: HTTP ${response.status} ${await response.text()}`);
  const queue = await expectStatus(
    apiCall(env, analyst, 'GET', '/api/v1/ads?status=all&indicator=possible_minor'),
    [200],
    'GET /api/v1/ads',
  );
  if (!queue.ads.length) throw new Error('the import gave no possible minor');
  return queue.ads[0];
}

/** A fixed, irregular noise from -9 to 9 (not periodic over two years). */
const outcomeNoise = (i) => ((i * 7 + 3) % 19) - 9;
const around = (mean, noise) => Math.floor(mean * (1 + 0.03 * noise) + 0.5);

/**
 * Active ads per month of 2024 and 2025 in Umeå (index 0 = January 2024): halved from 2025, with
 * a noise of up to ±27 %, and 3 in June 2025 (a small cell); src/adwatch/ad_outcome_test.cc fits
 * the same numbers.
 */
export function outcomeUmeaAds(i) {
  if (i === 17) return 3;
  return around(i < 12 ? 100 : 50, outcomeNoise(i));
}

/**
 * Two years of monthly ads for the outcome page (issue 8): Umeå as `outcomeUmeaAds`, Skellefteå
 * and Vännäs about 40 without a change. Each ad is seen once, on the 10th of its month.
 */
export function outcomeAdLines() {
  const lines = [];
  let serial = 0;
  for (let i = 0; i < 24; i += 1) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const seenAt = `${2024 + Math.floor(i / 12)}-${month}-10T20:00:00+01:00`;
    for (const [place, n] of [
      ['Umeå', outcomeUmeaAds(i)],
      ['Skellefteå', around(40, outcomeNoise(i + 7))],
      ['Vännäs', around(40, outcomeNoise(i + 3))],
    ]) {
      for (let k = 0; k < n; k += 1) {
        serial += 1;
        const phone = `070${String(1000000 + serial * 7).padStart(7, '0')}`;
        lines.push(
          JSON.stringify({
            site: 'utfall.example',
            ad_id: String(serial),
            seen_at: seenAt,
            location: place,
            body: `Annons nummer ${serial} i ${place}, ring ${phone} för att boka en tid, välkommen.`,
          }),
        );
      }
    }
  }
  return lines.join('\n');
}

/** Imports `outcomeAdLines()` as the analyst (again is harmless: the same ads seen at the same times). */
export async function importOutcomeAds(env) {
  const analyst = await apiLogIn(env, 'analytiker');
  const response = await fetch(`${env.server.url}/api/v1/ads/import`, {
    method: 'POST',
    headers: {
      Cookie: analyst.cookie,
      'X-CSRF-Token': analyst.csrf,
      'Content-Type': 'application/x-ndjson',
      Accept: 'application/json',
    },
    body: `${outcomeAdLines()}\n`,
  });
  const body = await response.json();
  if (response.status !== 200 || body.bad_lines !== 0) {
    throw new Error(`POST /api/v1/ads/import: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return body;
}

// Routines (docs/api.md "Routines and checklists").

/** A short routine document: required steps for each agency and for both, one optional step. */
export function routineSource({ title = 'Rutin e2e', securityStep = 'Polisen går igenom säkerheten.' } = {}) {
  return [
    `# ${title}`,
    'giltig från: 2027-01-01',
    '',
    'Rutinen gäller <b>alla</b> insatser i Umeå.',
    '',
    'Den gäller tills vidare.',
    '',
    '## Före insatsen',
    '- [båda, krav] Gemensam genomgång före insatsen.',
    `- [polis, krav] ${securityStep}`,
    '- [socialtjänst, krav] Socialtjänsten förbereder stödet.',
    '',
    '## Under insatsen',
    '- [socialtjänst] Erbjud stöd på plats.',
    '',
    '## Efter insatsen',
    '- [båda, krav] Avrapportering samma kväll.',
    '',
  ].join('\n');
}

/**
 * A routine of `username`'s unit (default: the coordinator's, the region's library) with
 * `versions` versions (the later ones change the police step). Returns its id.
 */
export async function makeRoutine(env, { username = 'koordinator', title = 'Rutin e2e', versions = 1 } = {}) {
  const auth = await apiLogIn(env, username);
  const made = await expectStatus(
    apiCall(env, auth, 'POST', '/api/v1/routines', { source: routineSource({ title }) }),
    [201],
    'POST /api/v1/routines',
  );
  for (let v = 2; v <= versions; v++) {
    await expectStatus(
      apiCall(env, auth, 'POST', `/api/v1/routines/${made.routine_id}/versions`, {
        source: routineSource({ title, securityStep: `Polisen går igenom säkerheten (version ${v}).` }),
      }),
      [201],
      'POST versions',
    );
  }
  return made.routine_id;
}

/** Attaches routine `routineId` to the operation as insatschef (the lead unit). */
export async function attachRoutine(env, operationId, routineId) {
  const chief = await apiLogIn(env, 'insatschef');
  return expectStatus(
    apiCall(env, chief, 'PUT', `/api/v1/operations/${operationId}/checklist`, { routine_id: routineId }),
    [200],
    'PUT checklist',
  );
}

// RFC 6238 TOTP (HMAC-SHA-1, 30-second steps, 6 digits), to answer the server's second factor.

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    if (index < 0) throw new Error(`not base32: ${c}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The 30-second step of now (what an authenticator app shows). */
export function totpStep(now = Date.now()) {
  return Math.floor(now / 1000 / 30);
}

/** The 6-digit code of `step` for a base32 secret. */
export function totpCode(secretBase32, step = totpStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary =
    ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

/**
 * A code the server accepts after `usedStep` was used: the server refuses a step already used
 * (replay) and accepts one step of drift, so the next step is valid at once.
 */
export function nextTotpCode(secretBase32, usedStep) {
  const step = Math.max(totpStep(), usedStep + 1);
  return { step, code: totpCode(secretBase32, step) };
}

/**
 * The pages (and states of them) that layout.test.mjs and accessibility.test.mjs check in both
 * languages: `user` logs in first (null: not logged in); `setup` makes data through the API and
 * returns the path to open instead of `path`; `prepare` brings the page into a state worth
 * checking (errors shown, a form opened). Selectors are language-neutral.
 */
export const pageStates = [
  { name: 'start', path: '/', user: null, prepare: waitForHealth },
  { name: 'unknown path', path: '/ingen-sida', user: null },
  {
    name: 'login with errors',
    path: '/logga-in',
    user: null,
    prepare: async (page) => {
      await page.locator('main form button[type="submit"]').click();
      await page.locator('#login-errors').waitFor();
    },
  },
  {
    name: 'my account, errors and second-factor setup',
    path: '/mitt-konto',
    user: 'polis',
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="password-heading"] button[type="submit"]').click();
      await page.locator('#password-errors').waitFor();
      await page.locator('section[aria-labelledby="totp-heading"] > button').click();
      await page.locator('svg.qr').waitFor();
    },
  },
  {
    name: 'units with errors',
    path: '/admin/enheter',
    user: 'admin',
    prepare: async (page) => {
      await page.locator('#unit-kind-social_services').check();
      await page.locator('section[aria-labelledby="new-unit"] button[type="submit"]').click();
      await page.locator('#unit-errors').waitFor();
      await page.locator('table').waitFor();
    },
  },
  {
    name: 'users with errors and a reset form',
    path: '/admin/anvandare',
    user: 'admin',
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="new-user"] button[type="submit"]').click();
      await page.locator('#user-errors').waitFor();
      await page.locator('.user-card .actions button').first().click();
      await page.locator('.user-card form').waitFor();
    },
  },
  {
    name: 'audit of a record',
    path: '/granskning?typ=person&id=1',
    user: 'admin',
    // A person record with events: created and read by a social worker.
    setup: async (env) => {
      const worker = await apiLogIn(env, 'socialsekreterare');
      const made = await apiCall(env, worker, 'POST', '/api/v1/persons', { name: 'Testperson', birth_year: 1990 });
      if (![200, 201].includes(made.status)) throw new Error(`POST /api/v1/persons: ${JSON.stringify(made.body)}`);
      await apiCall(env, worker, 'GET', `/api/v1/persons/${made.body.id}?purpose=follow_up`);
      return `/granskning?typ=person&id=${made.body.id}`;
    },
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="audit-result"][aria-busy="false"]').waitFor();
    },
  },
  {
    name: 'operations list',
    path: '/insatser',
    user: 'insatschef',
    setup: async (env) => {
      await makeOperation(env, { name: 'Insats listan', participants: ['polis'] });
      return '/insatser';
    },
  },
  {
    name: 'plan form with errors',
    path: '/insatser/ny',
    user: 'insatschef',
    prepare: async (page) => {
      await page.locator('main form button[type="submit"]').click();
      await page.locator('#plan-errors').waitFor();
    },
  },
  {
    name: 'operation page with its checklist, its log and an error',
    path: '/insatser/1',
    user: 'insatschef',
    setup: async (env) => {
      const id = await makeOperation(env, { name: 'Insats sidan', participants: ['polis', 'socialsekreterare'] });
      await makeLogEntry(env, id, 'polis', 'Två köpare anträffade.', { contacts_buyers: 2, buyers_reported: 1 });
      await attachRoutine(env, id, await makeRoutine(env));
      return `/insatser/${id}`;
    },
    prepare: async (page) => {
      await page.locator('#log-text').locator('xpath=ancestor::form').locator('button[type="submit"]').click();
      await page.locator('#log-errors').waitFor();
    },
  },
  {
    name: 'on the spot, language step',
    path: '/insatser/1/pa-plats',
    user: 'socialsekreterare',
    setup: async (env) => `/insatser/${await makeOperation(env, { name: 'Insats på plats', participants: ['socialsekreterare'] })}/pa-plats`,
    prepare: async (page) => {
      await page.locator('#spot-role-seller').click();
      await page.locator('#spot-band-21_25').click();
      await page.locator('#spot-language-other').click();
      await page.locator('#spot-other-language').waitFor();
    },
  },
  {
    name: 'on the spot, police',
    path: '/insatser/1/pa-plats',
    user: 'polis',
    setup: async (env) => `/insatser/${await makeOperation(env, { name: 'Insats polis', participants: ['polis'] })}/pa-plats`,
    prepare: async (page) => {
      await page.locator('#spot-role-buyer').click();
      await page.locator('#spot-band-26_35').waitFor();
    },
  },
  {
    name: 'contact with a decline form open',
    path: '/kontakter/1',
    user: 'socialsekreterare',
    setup: async (env) => {
      const id = await makeOperation(env, { name: 'Insats kontakt', participants: ['socialsekreterare'] });
      return `/kontakter/${await makeContact(env, id)}`;
    },
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="contact-referrals"] li.card .actions button').nth(1).click();
      await page.locator('section[aria-labelledby="contact-referrals"] textarea').waitFor();
    },
  },
  {
    name: 'encounter',
    path: '/moten/1',
    user: 'polis',
    setup: async (env) => {
      const id = await makeOperation(env, { name: 'Insats möte', participants: ['polis'] });
      return `/moten/${await makeEncounter(env, id)}`;
    },
  },
  {
    name: 'contact with the disclosure dialog open',
    path: '/kontakter/1',
    user: 'socialsekreterare',
    setup: async (env) => {
      const id = await makeOperation(env, { name: 'Insats dialog', participants: ['socialsekreterare'] });
      return `/kontakter/${await makeContact(env, id)}`;
    },
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="disclosures-contact"] button[aria-haspopup="dialog"]').click();
      await page.locator('dialog[open] .disclosure-fields').waitFor();
    },
  },
  {
    name: 'disclosures awaiting review and received',
    path: '/uppgiftslamnanden',
    user: 'handlaggare',
    setup: async (env) => {
      const id = await makeOperation(env, {
        name: 'Insats uppgiftslämnanden',
        participants: ['polis', 'socialsekreterare'],
      });
      const contact = await makeContact(env, id);
      await makeDisclosure(env, 'socialsekreterare', 'contact', contact, 'Polisen lokalpolisområde Umeå', 'osl_10_27');
      const encounter = await makeEncounter(env, id);
      await makeDisclosure(env, 'polis', 'encounter', encounter, 'Socialtjänsten Umeå kommun', 'osl_10_18a');
      return '/uppgiftslamnanden';
    },
  },
  {
    name: 'routines with adopt buttons',
    path: '/rutiner',
    user: 'insatschef',
    setup: async (env) => {
      await makeRoutine(env, { title: 'Rutin i listan' });
      return '/rutiner';
    },
  },
  {
    name: 'routine page with versions',
    path: '/rutiner/1',
    user: 'koordinator',
    setup: async (env) => `/rutiner/${await makeRoutine(env, { title: 'Rutin sidan', versions: 2 })}`,
  },
  {
    name: 'routine editor with a line error',
    path: '/rutiner/ny',
    user: 'koordinator',
    prepare: async (page) => {
      await page.locator('#routine-source').fill('# Rutin\ngiltig från: 2027-01-01\n\n## Före insatsen\n- [alla] Fel.\n');
      await page.locator('main form button[type="submit"]').click();
      await page.locator('#routine-errors').waitFor();
    },
  },
  {
    name: 'comparison of two versions',
    path: '/rutiner/1/jamfor?fran=1&till=2',
    user: 'polis',
    setup: async (env) => `/rutiner/${await makeRoutine(env, { title: 'Rutin jämförd', versions: 2 })}/jamfor?fran=1&till=2`,
    prepare: async (page) => {
      await page.locator('ul.diff').waitFor();
    },
  },
  {
    name: 'numbers of the region',
    path: '/siffror?gruppering=municipality',
    user: 'koordinator',
  },
  {
    name: 'ad queue with the import form in error',
    path: '/annonser',
    user: 'analytiker',
    setup: async (env) => {
      await importAds(env);
      return '/annonser?alla=1';
    },
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="ads-queue"] table').waitFor();
      await page.locator('section[aria-labelledby="ads-import"] button[type="submit"]').click();
      await page.locator('#ads-import-errors').waitFor();
    },
  },
  {
    name: 'ad page with the triage form in error',
    path: '/annonser/1',
    user: 'analytiker',
    setup: async (env) => `/annonser/${(await importAds(env)).id}`,
    prepare: async (page) => {
      await page.locator('.triage button[type="submit"]').click();
      await page.locator('#triage-errors').waitFor();
    },
  },
  {
    name: 'ad group with its timeline table open',
    path: '/annonser/grupper/1',
    user: 'socialsekreterare',
    setup: async (env) => `/annonser/grupper/${(await importAds(env)).group_id}`,
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="group-timeline"] svg[role="img"]').waitFor();
      await page.locator('section[aria-labelledby="group-timeline"] details > summary').click();
    },
  },
  {
    name: 'ad statistics of the region',
    path: '/annonser/statistik',
    user: 'koordinator',
    setup: async (env) => {
      await importAds(env);
      return '/annonser/statistik';
    },
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="stats-result"] svg[role="img"]').waitFor();
      await page.locator('section[aria-labelledby="stats-result"] details > summary').click();
    },
  },
  {
    name: 'ad outcome of a municipality',
    path: '/resultat/annonser',
    user: 'namnd',
    setup: async (env) => {
      await importOutcomeAds(env);
      return '/resultat/annonser?kommun=2480&insats=2025-01-14&kontroll=2482';
    },
    prepare: async (page) => {
      await page.locator('section[aria-labelledby="outcome-result"] svg[role="img"]').waitFor();
      await page.locator('section[aria-labelledby="outcome-result"] details > summary').click();
    },
  },
  {
    name: 'ad outcome refused at a field',
    path: '/resultat/annonser',
    user: 'koordinator',
    setup: async (env) => {
      await importOutcomeAds(env);
      return '/resultat/annonser?kommun=2480&insats=2024-03-01';
    },
    prepare: async (page) => {
      await page.locator('#outcome-errors').waitFor();
    },
  },
  { name: 'start page of a social worker', path: '/', user: 'socialsekreterare', prepare: waitForHealth },
  { name: 'forbidden', path: '/admin/anvandare', user: 'socialsekreterare' },
];

/** Opens `state` in `lang` at `viewport`: logs in, switches language, opens and prepares the page. */
export async function openPageState(env, state, languageName, languageCode, viewport) {
  const target = state.setup ? await state.setup(env) : state.path;
  const opened = await openPage(env, { viewport });
  const { context, page } = opened;
  if (state.user) await logInContext(context, state.user);
  await page.goto('/');
  await chooseLanguage(page, languageName, languageCode);
  await page.goto(target);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Pages that load data show their h1 at once; wait until nothing is loading.
  await page.waitForFunction(() => !document.querySelector('.loading'));
  if (state.prepare) await state.prepare(page);
  return opened;
}
