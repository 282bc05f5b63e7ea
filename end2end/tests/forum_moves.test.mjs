// Tutors' heavier moderation in the browser: a new member's first thread (with a
// file) waits for the tutor's approval in the open demo community; a tutor splits
// replies off into a new thread and merges it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot } from '../helpers/server.mjs';
import { signIn, CLIENT_ERRORS } from '../helpers/people.mjs';

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

const PAOLO = 'paolo.ricci@formazione.example.it';
const LUCA = 'luca.moretti@regione.example.it';
const OPEN = '/comunita/accessibilita-digitale';
const COMUNICATORI = '/comunita/comunicatori-riformattiva-2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function person(email) {
  const page = await newPage(browser);
  await signIn(page, server.base, email);
  return page;
}

test("a new member's first thread waits for the tutor's approval", async () => {
  const base = server.base;
  const luca = await person(LUCA);
  await luca.goto(base + '/comunita');
  await hydrated(luca);
  const card = luca.locator('.piazza-community-card').filter({ hasText: 'Accessibilità digitale nei Comuni' });
  await card.locator('summary').click();
  await card.getByRole('button', { name: 'Invia la richiesta' }).click();
  await luca.getByText('Richiesta inviata').waitFor();
  const paolo = await person(PAOLO);
  await paolo.goto(base + `${OPEN}/membri`);
  await hydrated(paolo);
  await paolo.getByRole('button', { name: 'Accogli Luca Moretti' }).click();
  await paolo.locator('.piazza-request').waitFor({ state: 'detached' });

  // A title too short comes back with the message at the field, the text kept.
  await luca.goto(base + `${OPEN}/forum/domande`);
  await hydrated(luca);
  await luca.locator('#thread-title').fill('Ciao');
  await luca.locator('#thread-body').fill('In Regione verifichiamo i moduli online con due colleghi che usano lettori di schermo.');
  await luca.locator('form:has(#thread-title) button[type=submit]').click();
  await luca.waitForURL(/errore=titolo/);
  await luca.locator('.piazza-field .invalid-feedback').filter({ hasText: 'almeno 5 caratteri' }).waitFor();
  assert.match(await luca.locator('#thread-body').inputValue(), /lettori di schermo/);
  await hydrated(luca);
  await checkPage(luca, 'new thread refused', { allowConsole: CLIENT_ERRORS });
  await luca.locator('#thread-title').fill('Verifiche con chi usa un lettore di schermo');
  await luca.locator('#thread-files').setInputFiles({ name: 'scheda-verifica.pdf', mimeType: 'application/pdf', buffer: PDF });
  await luca.locator('form:has(#thread-title) button[type=submit]').click();
  await luca.waitForURL(/\/forum\/t\/\d+$/);
  const threadUrl = luca.url();
  await luca.locator('#post-1').getByText("In attesa dell'approvazione dei tutor").waitFor();
  await hydrated(luca);
  await checkPage(luca, 'held first post (its author)');
  await screenshot(luca, 'forum-held-post');

  // Nobody else reads it yet; the tutor approves it from the queue.
  await paolo.goto(base + `${OPEN}/moderazione`);
  await hydrated(paolo);
  const item = paolo.locator('.piazza-queue-item').filter({ hasText: 'Verifiche con chi usa un lettore di schermo' });
  await item.getByText('Primo messaggio da approvare').waitFor();
  await checkPage(paolo, 'moderation queue with a held post');
  await item.getByRole('button', { name: 'Approva' }).click();
  await paolo.getByText('Nessun messaggio in attesa di verifica.').waitFor();
  await luca.reload();
  await hydrated(luca);
  await luca.locator('#post-1 .piazza-post-body').getByText('lettori di schermo').waitFor();
  assert.equal(await luca.locator('#post-1 .alert-warning').count(), 0);
  assert.match(await luca.locator('#post-1 .piazza-attachments a').textContent(), /scheda-verifica\.pdf/);
  await paolo.goto(threadUrl);
  await hydrated(paolo);
  await paolo.locator('#post-1 .piazza-post-body').getByText('lettori di schermo').waitFor();
});

test('a tutor splits replies off into a new thread and merges it back', async () => {
  const base = server.base;
  const paolo = await person(PAOLO);
  await paolo.goto(base + `${COMUNICATORI}/forum/benvenuti`);
  await hydrated(paolo);
  await paolo.locator('#thread-title').fill('Orari dello sportello social');
  await paolo.locator('#thread-body').fill('Uno: proponiamo di rispondere dalle 9 alle 13.');
  await paolo.locator('form:has(#thread-title) button[type=submit]').click();
  await paolo.waitForURL(/\/forum\/t\/\d+$/);
  const threadUrl = paolo.url();
  for (const text of ['Due: va bene anche il sabato?', 'Tre: e chi gestisce i meme?']) {
    await hydrated(paolo);
    await paolo.locator('#reply-body').fill(text);
    await paolo.locator('#rispondi button[type=submit]').click();
    await paolo.locator('.piazza-post-body').getByText(text).waitFor();
  }

  // Post 3 goes to a thread of its own.
  await hydrated(paolo);
  await paolo.getByText('Gestisci la discussione').click();
  await paolo.locator('#split-posts').fill('3');
  await paolo.locator('#split-title').fill('Chi gestisce i meme');
  await paolo.getByRole('button', { name: 'Sposta nella nuova discussione' }).click();
  const oldPath = new URL(threadUrl).pathname;
  await paolo.waitForURL((url) => /\/forum\/t\/\d+$/.test(url.pathname) && url.pathname !== oldPath);
  const splitUrl = paolo.url();
  await hydrated(paolo);
  await paolo.locator('h1').getByText('Chi gestisce i meme').waitFor();
  await paolo.locator('#post-1 .piazza-post-body').getByText('Tre: e chi gestisce i meme?').waitFor();
  await checkPage(paolo, 'thread split off');
  await paolo.getByText('Gestisci la discussione').click();
  await screenshot(paolo, 'forum-split');

  // Merged back: the three posts are together again, and the old address says where.
  await paolo.locator('#merge-into').fill(threadUrl);
  await paolo.getByRole('button', { name: 'Unisci le discussioni' }).click();
  await paolo.waitForURL(threadUrl);
  await hydrated(paolo);
  await paolo.locator('#post-3 .piazza-post-body').getByText('Tre: e chi gestisce i meme?').waitFor();
  await paolo.goto(splitUrl);
  await hydrated(paolo);
  await paolo.getByText('è stata unita a «Orari dello sportello social»').waitFor();
  assert.equal(await paolo.locator('#reply-body').count(), 0, 'no reply box on a merged thread');
  await checkPage(paolo, 'merged thread');
});
