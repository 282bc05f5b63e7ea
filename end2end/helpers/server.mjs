// Starts a Piazza server on a free port with a fresh database and the demo data,
// and gives tests a browser, a page checker (axe-core, console errors) and screenshots.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
export const artifacts = join(here, '..', 'artifacts');
mkdirSync(artifacts, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(base, child, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`piazza exited early:\n${log.join('')}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`piazza did not become ready:\n${log.join('')}`);
}

let databases = 0;

/** On PostgreSQL, a fresh database for each server (as SQLite gets a fresh file):
 * made next to PIAZZA_E2E_DATABASE_URL's, dropped when the server stops. Journeys
 * then never see each other's notifications or rate-limit counts. */
function freshPostgres() {
  const shared = process.env.PIAZZA_E2E_DATABASE_URL;
  if (!shared) return null;
  databases += 1;
  const name = `${shared.split('/').pop().replace(/\W/g, '')}_${process.pid}_${databases}`;
  const psql = (sql) => execFileSync('psql', ['-q', shared, '-c', sql], { stdio: 'inherit' });
  psql(`DROP DATABASE IF EXISTS ${name}`);
  psql(`CREATE DATABASE ${name}`);
  const url = shared.replace(/\/[^/]*$/, `/${name}`);
  return { url, drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A running server: { base, stop() }; `env` adds settings (e.g. an SMTP server). */
export async function startServer({ env: extra = {} } = {}) {
  const bin = process.env.PIAZZA_BIN;
  assert.ok(bin, 'PIAZZA_BIN must point at the piazza binary (scripts/test sets it)');
  const dataDir = mkdtempSync(join(tmpdir(), 'piazza-e2e-'));
  const env = { ...process.env, PIAZZA_DATA_DIR: dataDir, PIAZZA_LOG: 'warn', ...extra };
  const pg = freshPostgres();
  if (pg) env.DATABASE_URL = pg.url;
  else delete env.DATABASE_URL;
  execFileSync(bin, ['seed-demo'], { env, stdio: 'inherit' });
  const port = await freePort();
  const log = [];
  const child = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, child, log);
  return {
    base,
    log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      pg?.drop();
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 780 };

/** A page that records console errors (hydration mismatches show up there). */
export async function newPage(browser, { viewport = DESKTOP, javaScriptEnabled = true, locale = 'it-IT' } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
  return page;
}

/** Waits until the wasm has hydrated the page. */
export async function hydrated(page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 30_000 });
}

/** axe-core on the current page: no serious or critical violation; no console error
 * since the previous check of this page (each check starts the count again). */
export async function checkPage(page, label, { allowConsole = null } = {}) {
  // A sandboxed frame runs no script, so axe cannot enter it (it would wait for
  // ever): the newsletter's preview is a mail, checked as such by its own test.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('iframe[sandbox]')
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(summary, [], `accessibility violations on ${label}`);
  const errors = page.consoleErrors.filter((e) => !(allowConsole && allowConsole.test(e)));
  page.consoleErrors.length = 0;
  assert.deepEqual(errors, [], `console errors on ${label}`);
}

export async function screenshot(page, name) {
  const backend = process.env.PIAZZA_E2E_BACKEND || 'sqlite';
  await page.screenshot({ path: join(artifacts, `${name}-${backend}.png`), fullPage: true });
}

/** Ticks a checkbox or radio styled by Bootstrap Italia (the input itself is off screen):
 * clicks its label's box, left of any link the label holds, and insists it took. */
export async function tick(page, id) {
  const input = page.locator(`[id="${id}"]`);
  for (let tries = 0; tries < 3 && !(await input.isChecked()); tries++) {
    await page.locator(`label[for="${id}"]`).click({ position: { x: 6, y: 10 } });
  }
  assert.ok(await input.isChecked(), `${id} is ticked`);
}
