// The events agenda, the places' map, and what the site gives other programs: the Unione's agenda
// gathers its Comuni's events, filters and views are plain links and forms (they
// work without JavaScript), a recurring event shows its next dates, and the
// calendars, feeds and map data answer in their formats. axe-core on every page, at
// desktop and at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, PHONE } from '../helpers/server.mjs';

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

test('the Unione\'s agenda, filtered to one Comune, leads to a recurring event', async () => {
  const page = await newPage(browser);
  await page.goto(server.base + '/bassa-romagna/eventi');
  await hydrated(page);
  assert.equal(await page.locator('h1').textContent(), 'Eventi');
  await checkPage(page, '/bassa-romagna/eventi');
  await screenshot(page, 'agenda-desktop');
  // A month's grid, then only Lugo's markets.
  await page.getByRole('link', { name: 'Mese' }).click();
  await page.waitForURL(/vista=mese/);
  // The weekly market starts in two days: nine days from now is its second date.
  const day = new Date(Date.now() + 9 * 86400e3).toISOString().slice(0, 10);
  await page.goto(`${server.base}/bassa-romagna/eventi?vista=mese&data=${day}`);
  await hydrated(page);
  await page.getByLabel('Comune', { exact: true }).selectOption('lugo');
  await page.getByLabel('Tipo di evento', { exact: true }).selectOption('mercato');
  await page.getByRole('button', { name: 'Applica i filtri' }).click();
  await page.waitForURL(/comune=lugo/);
  assert.match(page.url(), /categoria=mercato/);
  const titles = await page.locator('.piazza-cal a').allTextContents();
  assert.ok(titles.some((t) => t.includes('Mercato del Pavaglione')), titles.join(' | '));
  assert.ok(!titles.some((t) => t.includes('Teatro Rossini')), 'other kinds are filtered out');
  await checkPage(page, '/bassa-romagna/eventi (filtered month)');
  await screenshot(page, 'agenda-month');

  await page.locator('.piazza-cal a', { hasText: 'Mercato del Pavaglione' }).first().click();
  await page.waitForURL('**/lugo/eventi/mercato-pavaglione');
  assert.equal(await page.locator('h1').textContent(), 'Mercato del Pavaglione');
  assert.ok(await page.getByText('Evento ricorrente').isVisible());
  assert.match(await page.locator('.piazza-event').textContent(), /Ogni settimana il/);
  assert.ok(await page.locator('.piazza-next-dates li').count() > 3);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld['@type'], 'Event');
  assert.equal(ld.location.name, 'Pavaglione');
  await checkPage(page, '/lugo/eventi/mercato-pavaglione');
  await screenshot(page, 'event-desktop');

  // Its calendar file, and the agenda's.
  const ics = await page.request.get(server.base + await page.getByRole('link', { name: 'Aggiungi al calendario' }).getAttribute('href'));
  assert.equal(ics.status(), 200);
  assert.match(ics.headers()['content-type'], /^text\/calendar/);
  const body = await ics.text();
  assert.match(body, /RRULE:FREQ=WEEKLY/);
  assert.match(body, /EXDATE;TZID=Europe\/Rome:/);
});

test('at 360 px the agenda is a list, and the feeds are named in the head', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(server.base + '/lugo/eventi');
  await hydrated(page);
  assert.equal(await page.locator('.piazza-cal-list').count(), 1);
  await checkPage(page, '/lugo/eventi (phone)');
  await screenshot(page, 'agenda-phone');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
  const alternates = await page.locator('link[rel="alternate"]').evaluateAll((links) => links.map((l) => [l.type, l.getAttribute('href')]));
  assert.deepEqual(alternates, [
    ['application/atom+xml', '/lugo/notizie/feed.atom'],
    ['application/rss+xml', '/lugo/notizie/rss.xml'],
    ['application/rss+xml', '/lugo/comunicati/rss.xml'],
    ['text/calendar', '/lugo/eventi/calendario.ics'],
  ]);
  for (const [type, href] of [...alternates, ['application/geo+json', '/lugo/luoghi/mappa.geojson']]) {
    const res = await page.request.get(server.base + href);
    assert.equal(res.status(), 200, href);
    assert.ok(res.headers()['content-type'].startsWith(type), `${href}: ${res.headers()['content-type']}`);
  }
  await page.goto(server.base + '/lugo/eventi/mercato-pavaglione');
  await hydrated(page);
  await checkPage(page, '/lugo/eventi/mercato-pavaglione (phone)');
  await screenshot(page, 'event-phone');
});

test('without JavaScript the agenda\'s views and filters still work', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(server.base + '/bassa-romagna/eventi?vista=settimana');
  assert.equal(await page.locator('.piazza-calendar-week').count(), 1);
  await page.getByLabel('Tipo di evento', { exact: true }).selectOption('cultura');
  await page.getByRole('button', { name: 'Applica i filtri' }).click();
  await page.waitForURL(/categoria=cultura/);
  assert.match(page.url(), /vista=settimana/);
  await page.getByRole('link', { name: 'Successivo' }).click();
  await page.waitForURL(/categoria=cultura/);
  await page.goto(server.base + '/lugo/eventi/stagione-teatro-rossini');
  assert.equal(await page.locator('h1').textContent(), 'Stagione di prosa al Teatro Rossini');
  assert.ok(await page.getByRole('link', { name: 'Iscriviti all\'evento' }).isVisible());
});

test('the places are on the map and in the list, by keyboard and without tiles', async () => {
  for (const viewport of [undefined, PHONE]) {
    const page = await newPage(browser, viewport ? { viewport } : {});
    await page.goto(server.base + '/lugo/luoghi');
    await hydrated(page);
    const map = page.getByRole('region', { name: 'Mappa dei luoghi' });
    await page.waitForSelector('[data-piazza-map][data-markers="6"]');
    assert.equal(await page.locator('.piazza-places li').count(), 6);
    assert.ok(await map.getByRole('button', { name: 'Ingrandisci la mappa' }).isVisible());
    const markers = map.locator('.leaflet-marker-icon');
    assert.ok(await markers.count() >= 1);
    // A marker opens by keyboard, and its popup links the place in the list.
    const marker = map.locator('.leaflet-marker-icon[alt="Teatro Rossini"]');
    await marker.focus();
    await page.keyboard.press('Enter');
    const link = map.locator('.leaflet-popup-content a');
    await link.waitFor();
    assert.equal(await link.textContent(), 'Teatro Rossini');
    await checkPage(page, `/lugo/luoghi ${viewport ? '(phone)' : ''}`);
    await screenshot(page, viewport ? 'places-phone' : 'places-desktop');
    if (viewport) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
    }
    // The search narrows the list and the map alike.
    await page.getByLabel('Cerca per nome o indirizzo').fill('Baracca');
    await page.locator('.piazza-places-filters button[type=submit]').click();
    await page.waitForURL(/q=Baracca/);
    await page.waitForSelector('[data-piazza-map][data-markers="1"]');
    assert.deepEqual(await page.locator('.piazza-places strong').allTextContents(), ['Pavaglione']);
  }
});

test('without JavaScript the places are a list, filtered by kind', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(server.base + '/lugo/luoghi');
  await page.getByLabel('Tipo di luogo', { exact: true }).selectOption('Monumento');
  await page.locator('.piazza-places-filters button[type=submit]').click();
  await page.waitForURL(/tipo=Monumento/);
  assert.deepEqual(await page.locator('.piazza-places strong').allTextContents(), ['Rocca estense']);
});
