// The face of Piazza: the Unione's home, a Comune's home, the login page and the
// operator dashboard in Italian and English, at desktop and phone width, with axe-core
// on each; the menu shows only the modules an ente has; search, breadcrumbs and the
// legal pages every ente has.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, DESKTOP, PHONE } from '../helpers/server.mjs';
import { signIn, LUGO_ADMIN } from '../helpers/people.mjs';

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

const HEADINGS = {
  it: { login: 'Accedi', dashboard: 'Comune di Lugo', news: 'Ultime notizie' },
  en: { login: 'Log in', dashboard: 'Comune di Lugo', news: 'Latest news' },
};

for (const [lang, locale] of [['it', 'it-IT'], ['en', 'en-GB']]) {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`home pages, login and dashboard in ${lang} at ${size} width`, async () => {
      const page = await newPage(browser, { viewport, locale });
      for (const [name, path] of [['unione', '/bassa-romagna'], ['comune', '/lugo'], ['login', '/account/accedi']]) {
        await page.goto(server.base + path);
        await hydrated(page);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        if (name === 'comune') assert.ok(await page.getByRole('heading', { name: HEADINGS[lang].news }).isVisible());
        if (name === 'login') assert.equal(await page.locator('h1').textContent(), HEADINGS[lang].login);
        await checkPage(page, `${path} (${lang}, ${size})`);
        await screenshot(page, `${name}-${lang}-${size}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${path} scrolls sideways at ${viewport.width} px (${width} px)`);
      }
      await signIn(page, server.base, LUGO_ADMIN);
      await page.goto(server.base + '/gestione/lugo');
      await hydrated(page);
      // Signing in brings the profile's language (Italian); the switch changes it.
      if (lang === 'en') {
        await page.getByRole('button', { name: /^en/ }).click();
        await page.waitForSelector('html[lang="en"]');
        await hydrated(page);
        assert.ok(await page.getByRole('link', { name: 'Overview' }).isVisible());
      }
      assert.equal(await page.locator('h1').textContent(), HEADINGS[lang].dashboard);
      assert.ok(await page.locator('.piazza-chart-svg').isVisible());
      await checkPage(page, `/gestione/lugo (${lang}, ${size})`);
      await screenshot(page, `dashboard-${lang}-${size}`);
      await page.context().close();
    });
  }
}

test('the menu follows the kit; search, breadcrumbs and legal pages', async () => {
  const page = await newPage(browser);
  // Cotignola has the BASIC kit: news and places, no events agenda.
  await page.goto(server.base + '/cotignola');
  await hydrated(page);
  const menu = page.locator('#piazza-main-menu');
  assert.deepEqual(
    (await menu.locator('[data-element="main-navigation"] a').allTextContents()).map((t) => t.trim()),
    ['Amministrazione', 'Novità', 'Servizi', 'Vivere il Comune'],
  );
  await menu.getByRole('link', { name: 'Vivere il Comune' }).click();
  await page.waitForURL('**/cotignola/vivere-il-comune');
  await page.getByRole('link', { name: 'Vedi i luoghi' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Vedi gli eventi' }).count(), 0);
  const res = await page.goto(server.base + '/cotignola/eventi');
  assert.equal(res.status(), 404);
  await checkPage(page, '/cotignola/eventi (404)', { allowConsole: /status of 404/ });

  // Lugo (PLUS) has them all.
  await page.goto(server.base + '/lugo');
  await hydrated(page);
  await page.getByRole('link', { name: 'Vivere il Comune' }).click();
  await page.waitForURL('**/lugo/vivere-il-comune');
  await page.getByRole('link', { name: 'Vedi gli eventi' }).click();
  await page.waitForURL('**/lugo/eventi');
  await hydrated(page);
  // The weekly market is on the agenda once a week.
  await page.getByText('Mercato del Pavaglione').first().waitFor();
  await checkPage(page, '/lugo/eventi');

  // The header search finds a news item; its page sits under the news in the breadcrumbs.
  await page.getByLabel('Cerca nel sito').first().fill('consulta giovani');
  await page.locator('.piazza-header-search button').click();
  await page.waitForURL('**/lugo/cerca?q=consulta+giovani');
  await hydrated(page);
  assert.match(await page.locator('.piazza-search-count').textContent(), /: 1$/);
  await checkPage(page, '/lugo/cerca');
  await screenshot(page, 'search');
  await page.locator('.piazza-search-results').getByRole('link', { name: 'Nasce la Consulta dei giovani' }).click();
  await page.waitForURL('**/lugo/notizie/consulta-giovani');
  await hydrated(page);
  const crumbs = page.getByRole('navigation', { name: 'Percorso di navigazione' });
  assert.deepEqual(await crumbs.getByRole('link').allTextContents(), ['Comune di Lugo', 'Novità']);
  await crumbs.getByRole('link', { name: 'Novità' }).click();
  await page.waitForURL('**/lugo/novita');
  await hydrated(page);
  await page.locator('a[data-element="news-category-link"]', { hasText: 'Notizie' }).click();
  await page.waitForURL('**/lugo/notizie');
  await page.getByRole('link', { name: 'Nasce la Consulta dei giovani' }).waitFor();
  await checkPage(page, '/lugo/notizie');

  // Every ente's footer leads to its privacy notice and accessibility statement.
  await page.locator('footer').getByRole('link', { name: 'Informativa sulla privacy' }).click();
  await page.waitForURL('**/lugo/privacy');
  await hydrated(page);
  // A navigation in the page: its content arrives after the address changes.
  await page.locator('main').getByText('comune.lugo@cert.example.it').waitFor();
  await checkPage(page, '/lugo/privacy');
  await page.locator('footer').getByRole('link', { name: 'Dichiarazione di accessibilità' }).click();
  await page.waitForURL('**/lugo/accessibilita');
  await hydrated(page);
  await page.getByRole('heading', { name: 'Stato di conformità' }).waitFor();
  await checkPage(page, '/lugo/accessibilita');
  await page.goto(server.base + '/privacy');
  await hydrated(page);
  assert.ok(await page.getByRole('link', { name: 'Comune di Bagnacavallo' }).isVisible());
  await checkPage(page, '/privacy');
  await page.context().close();
});
