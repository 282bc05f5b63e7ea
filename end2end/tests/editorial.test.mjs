// The social-media team's editorial plan in the browser: an operator drafts an item
// for three channels (the X text over its limit is flagged as typed and refused by
// the server), a colleague approves it, it shows in the month, week and list views
// and in the CSV and iCalendar exports, and it is dragged to the next day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot } from '../helpers/server.mjs';
import { signIn, CLIENT_ERRORS } from '../helpers/people.mjs';
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

const MARCO = 'marco.bassi@comune.lugo.example.it';
const GIULIA = 'giulia.neri@comune.lugo.example.it';
const PLAN = '/gestione/lugo/social/piano';
const TITLE = 'Open day del nido Il Girasole';

async function person(email) {
  const page = await newPage(browser);
  await signIn(page, server.base, email);
  return page;
}

/** A Rome day `days` from today, as YYYY-MM-DD. */
function romeDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(d);
}

const box = (page, platform) => page.locator(`.piazza-channel-text[data-platform=${platform}]`);

test('an item for three channels is approved by a colleague and planned', async () => {
  const base = server.base;
  const day = romeDay(12);
  const marco = await person(MARCO);
  await marco.goto(base + `${PLAN}/nuovo`);
  await hydrated(marco);
  await checkPage(marco, 'new editorial item');
  await marco.locator('#item-title').fill(TITLE);
  await marco.locator('#item-planned').fill(`${day}T09:30`);
  await marco.locator('#item-campaign').fill('Servizi educativi');
  await box(marco, 'facebook').locator('textarea').fill('Sabato open day al nido Il Girasole: visite guidate dalle 9 alle 12, con le educatrici. Prenotazione non necessaria.');
  await box(marco, 'instagram').locator('textarea').fill('Open day al nido 🌻 Sabato dalle 9 alle 12 #Lugo #nido');
  // Over X's limit: the counter says so while typing.
  await box(marco, 'x').locator('textarea').fill('Open day al nido Il Girasole. '.repeat(10));
  await box(marco, 'x').locator('.invalid-feedback').filter({ hasText: 'Troppo lungo per X Comune di Lugo: il limite è 280 caratteri' }).waitFor();
  assert.match(await box(marco, 'x').locator('.piazza-counter').textContent(), /300 su 280 caratteri/);
  // Sent anyway, the server refuses it, naming the text at fault; nothing is lost.
  await marco.locator('.piazza-item-form button[type=submit]').click();
  await marco.locator('.piazza-error-summary').getByText('al massimo 280 caratteri').waitFor();
  assert.match(await box(marco, 'facebook').locator('textarea').inputValue(), /visite guidate/);
  await checkPage(marco, 'editorial item refused', { allowConsole: CLIENT_ERRORS });
  await screenshot(marco, 'editorial-too-long');
  // A link counts 23 characters on X, however long it is.
  await box(marco, 'x').locator('textarea').fill('Sabato open day al nido Il Girasole, dalle 9 alle 12: https://www.comune.lugo.ra.it/notizie/open-day-al-nido-comunale-il-girasole-sabato');
  assert.match(await box(marco, 'x').locator('.piazza-counter').textContent(), /77 su 280 caratteri/);
  await marco.locator('.piazza-item-form button[type=submit]').click();
  await marco.waitForURL((u) => /\/social\/piano\/\d+$/.test(new URL(u).pathname));
  const itemUrl = marco.url().replace(/\?.*$/, '');
  await marco.getByText('Contenuto salvato.').waitFor();
  await hydrated(marco);
  await checkPage(marco, 'editorial item saved');
  // An image with its alternative text (the form posts as it is, file and all).
  await marco.locator('#image-file').setInputFiles({ name: 'giardino.png', mimeType: 'image/png', buffer: greenPng(480, 320) });
  await marco.locator('#image-alt').fill('Il giardino del nido con i giochi in legno');
  await marco.getByRole('button', { name: "Aggiungi l'immagine" }).click();
  await marco.getByText('Immagine aggiunta.').waitFor();
  assert.equal(await marco.locator('.piazza-item-images img[alt="Il giardino del nido con i giochi in legno"]').count(), 1);
  assert.ok(await marco.locator('.piazza-item-images img').evaluate((img) => img.complete && img.naturalWidth === 480));
  await hydrated(marco);
  // The author cannot approve; they send it for review.
  assert.equal(await marco.locator('form[data-step=approve]').count(), 0);
  await marco.getByRole('button', { name: 'Invia in revisione' }).click();
  await marco.locator('.badge').filter({ hasText: 'In revisione' }).waitFor();

  // Giulia finds it waiting for her and approves it.
  const giulia = await person(GIULIA);
  await giulia.goto(base + '/gestione/lugo/social');
  await hydrated(giulia);
  await checkPage(giulia, 'social overview');
  await giulia.locator('.piazza-item-cards').getByRole('link', { name: TITLE }).click();
  await giulia.waitForURL((u) => new URL(u).pathname === new URL(itemUrl).pathname);
  await hydrated(giulia);
  await giulia.locator('form[data-step=approve] textarea').fill('Va bene, aggiungiamo la foto del giardino.');
  await giulia.getByRole('button', { name: 'Approva' }).click();
  await giulia.locator('.badge').filter({ hasText: 'Approvato' }).waitFor();
  await giulia.getByText('approvato da Giulia Neri').waitFor();
  await giulia.locator('#cronologia').getByText('aggiungiamo la foto del giardino').waitFor();
  await hydrated(giulia);
  await checkPage(giulia, 'editorial item approved');
  await screenshot(giulia, 'editorial-approved');

  // In the month, the week and the list, on its day at its time, with its channels.
  for (const view of ['mese', 'settimana', 'elenco']) {
    await marco.goto(base + `${PLAN}?vista=${view}&data=${day}`);
    await hydrated(marco);
    const entry = marco.locator('.piazza-cal-entry').filter({ hasText: TITLE });
    await entry.waitFor();
    const text = await entry.textContent();
    assert.match(text, /09:30/);
    assert.match(text, /Approvato/);
    assert.match(text, /Facebook Comune di Lugo · Instagram Comune di Lugo · X Comune di Lugo/);
    if (view !== 'elenco') {
      assert.equal(await marco.locator(`td[data-day="${day}"] .piazza-cal-entry`).filter({ hasText: TITLE }).count(), 1);
    }
    await checkPage(marco, `editorial plan (${view})`);
    if (view === 'mese') await screenshot(marco, 'editorial-calendar');
  }

  // The exports carry it: a CSV row per channel, an iCalendar event.
  const csv = await marco.request.get(base + `${PLAN}.csv`);
  assert.equal(csv.status(), 200);
  const rows = (await csv.text()).split('\n').filter((l) => l.includes(TITLE));
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.includes(day) && r.includes('09:30') && r.includes('Approvato')));
  const ics = await marco.request.get(base + `${PLAN}.ics`);
  assert.equal(ics.status(), 200);
  const calendar = (await ics.text()).replace(/\r\n /g, '');
  assert.match(calendar, new RegExp(`SUMMARY:${TITLE} \\[Approvato\\]`));
  const start = day.replaceAll('-', '');
  // In Rome's time, with its VTIMEZONE: 09:30 as the team planned it.
  assert.match(calendar, new RegExp(`DTSTART;TZID=Europe/Rome:${start}T093000`));
  assert.match(calendar, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Rome/);

  // Dragged onto the next day, it keeps its time. (The month shows whole weeks, so
  // the next day is there unless the item's day ends a month on a Sunday: then the
  // day before, in the same week, is the target.)
  await marco.goto(base + `${PLAN}?vista=mese&data=${day}`);
  await hydrated(marco);
  const after = romeDay(13);
  const target = (await marco.locator(`td[data-day="${after}"]`).count()) ? after : romeDay(11);
  const cell = marco.locator(`td[data-day="${target}"]`);
  assert.equal(await cell.count(), 1, `the month view shows ${target}`);
  await marco.locator('.piazza-cal-entry').filter({ hasText: TITLE }).dragTo(cell);
  await marco.locator(`td[data-day="${target}"] .piazza-cal-entry`).filter({ hasText: TITLE }).waitFor();
  await marco.goto(itemUrl);
  await hydrated(marco);
  await marco.getByText(new RegExp(`${Number(target.slice(8))} \\w+ ${target.slice(0, 4)}, 09:30`)).waitFor();
});
