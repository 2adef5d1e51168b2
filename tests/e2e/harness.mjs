// Shared harness of the browser tests: starts the real samverkan server on a free port with a
// fresh SQLite database, launches Debian's Chromium through playwright-core, and opens pages that
// record console errors (CSP violations show there) and uncaught page errors.
//
// playwright-core and @axe-core/playwright are devDependencies of web/; they are loaded from
// web/node_modules with createRequire, so tests/e2e needs no package.json or install of its own.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

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
 * Starts `samverkan serve` on 127.0.0.1:0 with a new database in a temporary directory and waits
 * for its line "samverkan listening on http://127.0.0.1:PORT". Returns { url, stop, output }.
 */
export async function startServer(config = configuration()) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samverkan-e2e-'));
  const database = `sqlite://${path.join(dir, 'samverkan.db')}`;
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
 * Opens a new browser context (empty storage) and page at `baseURL`. `problems` collects console
 * errors and uncaught exceptions of the page.
 */
export async function openPage(env, { viewport = desktop, locale = 'sv-SE' } = {}) {
  const context = await env.browser.newContext({ baseURL: env.server.url, viewport, locale });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
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
