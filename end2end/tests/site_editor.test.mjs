// The site's newsroom in the browser: Lugo's admin asks for a second person; the
// press office writes a news item with an image, a new place with its photo (with
// JavaScript off: the editor's forms are plain posts), a weekly event at that place and a service
// card, and sends each for review; the admin approves them. A citizen who follows
// the topic sees them on Lugo's home page and in the bell, at 360 px. The feeds,
// the agenda's and the event's iCalendar and the map's GeoJSON are read by
// independent parsers (Python's feedparser, icalendar and geojson). axe-core on
// every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, tick, PHONE } from '../helpers/server.mjs';
import { signIn, LUGO_ADMIN, CLIENT_ERRORS } from '../helpers/people.mjs';
import { greenPng } from '../helpers/images.mjs';

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

const CHIARA = 'chiara.fontana@comune.lugo.example.it';
const SARA = 'sara.conti@example.it';
const SITE = '/gestione/lugo/sito';

async function person(email, options = {}) {
  const page = await newPage(browser, options);
  await signIn(page, server.base, email);
  return page;
}

/** A Rome day `days` from today, as YYYY-MM-DD. */
function romeDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(d);
}

const field = (page, name) => page.locator(`#entry-f${name}`);

/** Saves the entry form and waits for its page. */
async function save(page) {
  await page.getByRole('button', { name: 'Salva la bozza' }).click();
  await page.getByText('Bozza salvata.').waitFor();
  return page.url().replace(/\?.*$/, '');
}

/** The author sends the entry for review; the approver approves it. */
async function review(author, approver, url) {
  await hydrated(author);
  await author.getByRole('button', { name: 'Invia in revisione' }).click();
  await author.getByText('Stato attuale: In revisione.').waitFor();
  // Its author cannot approve it: the page says who must.
  assert.equal(await author.getByRole('button', { name: 'Approva e pubblica' }).count(), 0);
  await approver.goto(server.base + url);
  await hydrated(approver);
  await approver.getByRole('button', { name: 'Approva e pubblica' }).click();
  await approver.getByText('Stato attuale: Pubblicato.').waitFor();
}

test('the press office writes, a colleague approves, a follower is told', async () => {
  const base = server.base;
  const giulia = await person(LUGO_ADMIN);
  await giulia.goto(base + SITE);
  await hydrated(giulia);
  await checkPage(giulia, 'newsroom');
  await giulia.locator('label[for=editor-review]').click();
  assert.ok(await giulia.locator('#editor-review').isChecked());
  await giulia.getByRole('button', { name: 'Salva', exact: true }).click();
  await giulia.getByText('Impostazione salvata.').waitFor();

  // Sara follows Sport.
  const sara = await person(SARA, { viewport: PHONE });
  await sara.goto(base + '/account');
  await hydrated(sara);
  await tick(sara, await sara.getByLabel('Sport', { exact: true }).getAttribute('id'));
  await sara.getByRole('button', { name: 'Salva il profilo' }).click();
  await sara.getByText('Profilo salvato.').waitFor();

  // A news item with its image.
  const chiara = await person(CHIARA);
  await chiara.goto(base + `${SITE}/notizie/nuovo`);
  await hydrated(chiara);
  await checkPage(chiara, 'new news item');
  await field(chiara, 'title').fill('Riapre la palestra Gherardi');
  await field(chiara, 'summary').fill('Dopo i lavori la palestra comunale riapre con i corsi serali.');
  await field(chiara, 'body').fill('La palestra riapre **lunedì** con:\n\n- ginnastica dolce\n- pallavolo');
  // Without a topic, refused at the field; nothing typed is lost.
  await chiara.getByRole('button', { name: 'Salva la bozza' }).click();
  await chiara.locator('.piazza-error-summary').getByText('Questo campo è obbligatorio').waitFor();
  assert.equal(await field(chiara, 'title').inputValue(), 'Riapre la palestra Gherardi');
  await field(chiara, 'topic').selectOption('sport');
  const newsUrl = await save(chiara);
  await chiara.locator('#entry-image-file').setInputFiles({ name: 'palestra.png', mimeType: 'image/png', buffer: greenPng(640, 360) });
  await chiara.locator('#entry-image-alt').fill('La palestra Gherardi rinnovata');
  await chiara.getByRole('button', { name: "Carica l'immagine" }).click();
  await chiara.locator('img[alt="La palestra Gherardi rinnovata"]').waitFor();
  // (The refused save above left a 422 in the console.)
  await checkPage(chiara, 'news item with image', { allowConsole: CLIENT_ERRORS });
  await screenshot(chiara, 'newsroom-news');
  await review(chiara, giulia, new URL(newsUrl).pathname);

  // A new place, written with JavaScript off (plain form posts).
  const plain = await newPage(browser, { javaScriptEnabled: false });
  await signIn(plain, base, CHIARA, undefined, { plain: true });
  await plain.goto(base + `${SITE}/luoghi/nuovo`);
  await field(plain, 'title').fill('Palestra comunale Gherardi');
  await field(plain, 'place_kind').fill('Impianto sportivo');
  await field(plain, 'address').fill('Via Sabbioni 4, Lugo');
  await field(plain, 'lat').fill('44,4162');
  await field(plain, 'lon').fill('11.9032');
  await field(plain, 'opening_hours').fill('lun-ven 15:00-22:00');
  await field(plain, 'accessibility').fill('Ingresso senza gradini, bagno accessibile');
  const placeUrl = await save(plain);
  // Its photo, by the same plain multipart form.
  await plain.locator('#entry-image-file').setInputFiles({ name: 'gherardi.png', mimeType: 'image/png', buffer: greenPng(480, 320) });
  await plain.locator('#entry-image-alt').fill("L'ingresso della palestra Gherardi");
  await plain.getByRole('button', { name: "Carica l'immagine" }).click();
  await plain.locator(`img[alt="L'ingresso della palestra Gherardi"]`).waitFor();
  await screenshot(plain, 'newsroom-place-no-js');
  await plain.getByRole('button', { name: 'Invia in revisione' }).click();
  await plain.getByText('Stato attuale: In revisione.').waitFor();
  await giulia.goto(base + new URL(placeUrl).pathname);
  await hydrated(giulia);
  await giulia.getByRole('button', { name: 'Approva e pubblica' }).click();
  await giulia.getByText('Stato attuale: Pubblicato.').waitFor();
  await checkPage(giulia, 'place approved');

  // A weekly event at the new place.
  await chiara.goto(base + `${SITE}/eventi/nuovo`);
  await hydrated(chiara);
  await field(chiara, 'title').fill('Ginnastica dolce alla Gherardi');
  await field(chiara, 'summary').fill('Ogni martedì e giovedì sera, per tutte le età.');
  await field(chiara, 'category').selectOption('sport');
  await field(chiara, 'topic').selectOption('sport');
  await field(chiara, 'starts').fill(`${romeDay(7)}T18:00`);
  await field(chiara, 'ends').fill(`${romeDay(7)}T19:30`);
  await field(chiara, 'place').selectOption('palestra-comunale-gherardi');
  await field(chiara, 'repeat').selectOption('weekly');
  await field(chiara, 'interval').fill('1');
  await chiara.locator('label[for="entry-fwd_tu-1"]').click();
  await chiara.locator('label[for="entry-fwd_th-1"]').click();
  await field(chiara, 'until').fill(romeDay(70));
  const eventUrl = await save(chiara);
  await review(chiara, giulia, new URL(eventUrl).pathname);

  // A service card.
  await chiara.goto(base + `${SITE}/servizi/nuovo`);
  await hydrated(chiara);
  await field(chiara, 'title').fill('Iscriversi ai corsi sportivi comunali');
  await field(chiara, 'summary').fill('Corsi per tutte le età nelle palestre comunali.');
  await field(chiara, 'service_category').selectOption('cultura-e-tempo-libero');
  await field(chiara, 'topic').selectOption('sport');
  await field(chiara, 'audience').fill('Residenti di ogni età.');
  await field(chiara, 'how_to').fill('Compila il modulo online.');
  await field(chiara, 'needed').fill("Un documento d'identità.");
  await field(chiara, 'outcome').fill("L'iscrizione al corso.");
  await field(chiara, 'times').fill('Iscrizioni entro il 30 settembre.');
  await field(chiara, 'unit').selectOption({ index: 1 });
  const serviceUrl = await save(chiara);
  await review(chiara, giulia, new URL(serviceUrl).pathname);
  await checkPage(giulia, 'service approved');
  await screenshot(giulia, 'newsroom-approved');

  // The citizen sees them on Lugo's home page and in the bell, on a phone.
  await sara.goto(base + '/lugo');
  await hydrated(sara);
  const forYou = sara.locator('.piazza-for-you');
  await forYou.getByRole('link', { name: 'Riapre la palestra Gherardi' }).waitFor();
  await forYou.getByRole('link', { name: 'Ginnastica dolce alla Gherardi' }).waitFor();
  assert.ok(Number((await sara.locator('.piazza-bell-count').textContent()).trim()) >= 3);
  await checkPage(sara, 'home for a follower');
  await screenshot(sara, 'home-for-you-phone');
  await sara.locator('.piazza-bell').click();
  await sara.waitForURL(/\/account\/notifiche/);
  for (const title of ['Riapre la palestra Gherardi', 'Ginnastica dolce alla Gherardi', 'Iscriversi ai corsi sportivi comunali']) {
    await sara.getByText(`Novità su «Sport»: ${title}`).waitFor();
  }
  await sara.goto(base + '/lugo');
  await hydrated(sara);
  await forYou.getByRole('link', { name: 'Riapre la palestra Gherardi' }).click();
  await sara.locator('img[alt="La palestra Gherardi rinnovata"]').waitFor();
  assert.ok(await sara.locator('.piazza-news-image img').evaluate((img) => img.complete && img.naturalWidth === 640));
  assert.equal(await sara.locator('.piazza-news-body strong').textContent(), 'lunedì');
  await checkPage(sara, 'news item on a phone');
  await sara.goto(base + '/lugo/luoghi?q=Gherardi');
  await hydrated(sara);
  await sara.locator('.piazza-places').getByText('Palestra comunale Gherardi').waitFor();
  const photo = sara.locator(`.piazza-places img[alt="L'ingresso della palestra Gherardi"]`);
  await photo.scrollIntoViewIfNeeded();
  assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth === 480));
  await sara.locator('.leaflet-marker-icon, .marker-cluster').first().waitFor();
  await checkPage(sara, 'places on a phone');
  await screenshot(sara, 'places-new-place-phone');

  // Feeds, calendars and the map's data, read by independent parsers.
  const dir = mkdtempSync(join(tmpdir(), 'piazza-feeds-'));
  const eventDir = mkdtempSync(join(tmpdir(), 'piazza-event-'));
  const files = {
    'news.atom': '/lugo/notizie/feed.atom',
    'news.rss': '/lugo/notizie/rss.xml',
    'agenda.ics': '/lugo/eventi/calendario.ics',
    'places.geojson': '/lugo/luoghi/mappa.geojson',
  };
  for (const [name, path] of Object.entries(files)) {
    const res = await fetch(base + path);
    assert.equal(res.status, 200, path);
    const body = await res.text();
    writeFileSync(join(dir, name), body);
    writeFileSync(join(eventDir, name), body);
  }
  const single = await fetch(base + '/lugo/eventi/ginnastica-dolce-alla-gherardi/calendario.ics');
  writeFileSync(join(eventDir, 'agenda.ics'), await single.text());
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'tests', 'tools', 'read_feeds.py');
  const python = process.env.PIAZZA_TEST_PYTHON || 'python3';
  const window = [new Date().toISOString(), new Date(Date.now() + 90 * 86_400_000).toISOString()];
  const read = (folder) => JSON.parse(execFileSync(python, [script, folder, ...window], { encoding: 'utf8' }));
  const all = read(dir);
  assert.ok(all.atom.links.some((l) => l.endsWith('/lugo/notizie/riapre-la-palestra-gherardi')), JSON.stringify(all.atom.links));
  assert.ok(all.rss.links.some((l) => l.endsWith('/lugo/notizie/riapre-la-palestra-gherardi')));
  const summaries = Object.values(all.agenda.events).map((e) => e.summary);
  assert.ok(summaries.includes('Ginnastica dolce alla Gherardi'), JSON.stringify(summaries));
  assert.ok(Object.values(all.places).some(([lon, lat]) => lon === 11.9032 && lat === 44.4162), JSON.stringify(all.places));
  const one = read(eventDir);
  assert.deepEqual(all.agenda.zones.concat(one.agenda.zones).filter((z) => z === 'Europe/Rome').length >= 2, true);
  // Tuesdays and Thursdays for ten weeks: about twenty dates in the window.
  assert.ok(one.agenda.occurrences.length >= 18, JSON.stringify(one.agenda.occurrences));
});
