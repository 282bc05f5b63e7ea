// The public site of the demo Unione: pages render, hydrate, switch language,
// work without JavaScript, and pass axe-core, at desktop and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, DESKTOP, PHONE } from '../helpers/server.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the list of enti hydrates and filters as you type', async () => {
  const page = await newPage(browser);
  await page.goto(server.base + '/');
  await assert.doesNotReject(hydrated(page));
  assert.equal(await page.locator('h1').textContent(), 'Enti su Piazza');
  assert.equal(await page.locator('.piazza-ente-card').count(), 4);
  await checkPage(page, '/');
  await screenshot(page, 'home-desktop');
  await page.getByLabel('Cerca un ente').fill('cotig');
  await page.waitForFunction(() => document.querySelectorAll('.piazza-ente-card').length === 1);
  assert.match(await page.locator('#enti-count').textContent(), /Enti mostrati: 1/);
  await page.getByLabel('Cerca un ente').fill('');
  await page.waitForFunction(() => document.querySelectorAll('.piazza-ente-card').length === 4);
});

test('from the Unione to a member Comune and one of its news', async () => {
  const page = await newPage(browser);
  await page.goto(server.base + '/bassa-romagna');
  await hydrated(page);
  assert.equal(await page.locator('h1').textContent(), 'Unione dei Comuni della Bassa Romagna');
  await checkPage(page, '/bassa-romagna');
  await screenshot(page, 'unione-desktop');
  await page.locator('.piazza-members a', { hasText: 'Comune di Lugo' }).click();
  await page.waitForURL('**/lugo');
  assert.equal(await page.locator('h1').textContent(), 'Comune di Lugo');
  assert.ok(await page.locator('.piazza-places').getByText('Rocca estense').isVisible());
  await checkPage(page, '/lugo');
  await screenshot(page, 'comune-desktop');
  await page.getByRole('link', { name: 'Nasce la Consulta dei giovani' }).click();
  await page.waitForURL('**/lugo/notizie/consulta-giovani');
  assert.equal(await page.locator('h1').textContent(), 'Nasce la Consulta dei giovani');
  await checkPage(page, '/lugo/notizie/consulta-giovani');
});

test('phone width: the menu opens with its button', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(server.base + '/lugo');
  await hydrated(page);
  const menu = page.locator('#piazza-main-menu');
  assert.equal(await menu.isVisible(), false);
  await page.getByRole('button', { name: 'Menu' }).click();
  assert.equal(await menu.isVisible(), true);
  await checkPage(page, '/lugo (phone)');
  await screenshot(page, 'comune-phone');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
});

test('the language switch works, also without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await newPage(browser, { javaScriptEnabled, viewport: DESKTOP });
    await page.goto(server.base + '/lugo');
    if (javaScriptEnabled) await hydrated(page);
    await page.getByRole('button', { name: /^en/ }).click();
    await page.waitForURL('**/lugo');
    await page.waitForSelector('html[lang="en"]');
    assert.ok(await page.getByRole('heading', { name: 'Latest news' }).isVisible());
    // axe-core runs inside the page, so only where JavaScript is on.
    if (javaScriptEnabled) {
      await checkPage(page, '/lugo in English');
      await screenshot(page, 'comune-english');
    }
    await page.getByRole('button', { name: /^it/ }).click();
    await page.waitForSelector('html[lang="it"]');
  }
});

test('an unknown page is a 404 with a way back', async () => {
  const page = await newPage(browser);
  const res = await page.goto(server.base + '/comune-che-non-esiste');
  assert.equal(res.status(), 404);
  assert.ok(await page.getByRole('link', { name: 'Torna alla pagina iniziale' }).isVisible());
  // The browser reports the document's own 404 status in the console: that one is expected.
  await checkPage(page, '404', { allowConsole: /status of 404/ });
});
