// A community's life in the browser: a tutor creates a community and invites two
// members; one starts a thread, the other replies with a mention and a file; a
// flag hides the reply until the tutor restores it; members share a document; the
// tutor writes on the blog; a citizen outside reads the blog but is refused the
// forum and the files, asks to join and is let in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, PHONE } from '../helpers/server.mjs';
import { signIn, mailLink, CLIENT_ERRORS } from '../helpers/people.mjs';
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

const PAOLO = 'paolo.ricci@formazione.example.it';
const MARCO = 'marco.bassi@comune.lugo.example.it';
const ELENA = 'elena.fabbri@unione.labassaromagna.example.it';
const SARA = 'sara.conti@example.it';
const HOME = '/comunita/comunicazione-di-crisi';

// A small PNG (made with its checksums, as a real one) and a tiny PDF.
const PNG = greenPng(8, 6);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function person(email, options = {}) {
  const page = await newPage(browser, options);
  await signIn(page, server.base, email);
  return page;
}

async function invite(page, email) {
  await page.getByLabel('Indirizzo email').fill(email);
  await page.getByLabel('Ruolo', { exact: true }).selectOption('community_member');
  await page.getByRole('button', { name: "Invia l'invito" }).click();
  await page.locator('.piazza-invitations-table').getByText(email).waitFor();
}

async function accept(page, email) {
  await page.goto(await mailLink(browser, server.base, email));
  await hydrated(page);
  await page.getByRole('button', { name: "Accetta l'invito" }).click();
  await page.waitForURL(`**${HOME}`);
}

test('a community: created, members invited, a reply with a mention and a file, a flag, files, a request to join', async () => {
  const base = server.base;
  const paolo = await person(PAOLO);
  await paolo.goto(base + '/comunita');
  await hydrated(paolo);
  await checkPage(paolo, 'community directory');
  await paolo.getByRole('link', { name: 'Nuova community' }).click();
  await paolo.waitForURL('**/comunita/nuova');
  await hydrated(paolo);
  // A name too short is refused at the field.
  await paolo.locator('#community-name').fill('Cr');
  await paolo.getByRole('button', { name: 'Crea la community' }).click();
  await paolo.locator('.piazza-field .invalid-feedback').filter({ hasText: 'almeno 3 caratteri' }).waitFor();
  await checkPage(paolo, 'new community with an error', { allowConsole: CLIENT_ERRORS });
  await paolo.locator('#community-name').fill('Comunicazione di crisi');
  await paolo.locator('#community-description').fill('Allerte meteo, emergenze e comunicazione del rischio: protocolli e messaggi tipo.');
  await paolo.locator('#community-visibility').selectOption('open');
  await paolo.getByRole('button', { name: 'Crea la community' }).click();
  await paolo.waitForURL(`**${HOME}/membri`);
  await hydrated(paolo);
  await checkPage(paolo, 'members of a new community');

  // The tutor sets one flag to be enough (a small community) and uploads a cover.
  await paolo.getByRole('link', { name: 'Impostazioni' }).click();
  await paolo.waitForURL(`**${HOME}/impostazioni`);
  await hydrated(paolo);
  await paolo.locator('#settings-flag_threshold').fill('1');
  await paolo.getByRole('button', { name: 'Salva le impostazioni' }).click();
  await paolo.getByText('Impostazioni salvate.').waitFor();
  await paolo.locator('#cover-file').setInputFiles({ name: 'copertina.png', mimeType: 'image/png', buffer: PNG });
  await paolo.getByRole('button', { name: 'Carica la copertina' }).click();
  await paolo.getByText('Copertina caricata.').waitFor();
  await hydrated(paolo);
  await checkPage(paolo, 'community settings');

  // Two members are invited and accept.
  await paolo.goto(base + `${HOME}/membri`);
  await hydrated(paolo);
  await paolo.getByRole('link', { name: 'Invita persone' }).click();
  await paolo.waitForURL('**/gestione/persone?ambito=comunita:comunicazione-di-crisi');
  await hydrated(paolo);
  await invite(paolo, MARCO);
  await invite(paolo, ELENA);
  const marco = await person(MARCO);
  await accept(marco, MARCO);
  const elena = await person(ELENA);
  await accept(elena, ELENA);

  // The tutor opens a category; Marco starts a thread.
  await paolo.goto(base + `${HOME}/forum`);
  await hydrated(paolo);
  await paolo.locator('#category-name').fill('Allerte meteo');
  await paolo.locator('#category-description').fill('Come avvisare i cittadini, prima e durante.');
  await paolo.locator('form:has(#category-name) button[type=submit]').click();
  await paolo.getByRole('link', { name: 'Allerte meteo' }).waitFor();
  await marco.goto(base + `${HOME}/forum/allerte-meteo`);
  await hydrated(marco);
  await marco.locator('#thread-title').fill('Allerta arancione: che cosa pubblicate?');
  await marco.locator('#thread-body').fill('Quando la Protezione civile dirama un\'allerta arancione, pubblicate subito o aspettate l\'ordinanza?');
  await marco.locator('form:has(#thread-title) button[type=submit]').click();
  await marco.waitForURL(/\/forum\/t\/\d+$/);
  const threadUrl = marco.url();

  // Elena replies with a mention and a file.
  await elena.goto(threadUrl);
  await hydrated(elena);
  await elena.locator('#reply-body').fill('Noi subito, @marco.bassi: ecco il nostro protocollo.');
  await elena.locator('#reply-files').setInputFiles({ name: 'protocollo-allerte.pdf', mimeType: 'application/pdf', buffer: PDF });
  await elena.locator('#rispondi button[type=submit]').click();
  await elena.waitForURL(/#post-2$/);
  const reply = elena.locator('#post-2');
  assert.equal(await reply.locator('.piazza-mention').textContent(), '@marco.bassi');
  const attachment = reply.locator('.piazza-attachments a');
  assert.match(await attachment.textContent(), /protocollo-allerte\.pdf \(PDF/);
  await checkPage(elena, 'reply with a file');
  await screenshot(elena, 'forum-reply-file');
  const fileUrl = await attachment.getAttribute('href');

  // Marco is told of the mention; he flags the reply, which one flag hides here.
  await marco.goto(base + '/account/notifiche');
  await hydrated(marco);
  await marco.getByText('Elena Fabbri ti ha menzionato in «Allerta arancione: che cosa pubblicate?»').waitFor();
  await marco.goto(threadUrl + '?page=1');
  await hydrated(marco);
  const flagged = marco.locator('#post-2');
  await flagged.locator('details.piazza-flag summary').click();
  await flagged.locator('label[for$="-inappropriate"]').click();
  await flagged.locator('details.piazza-flag button[type=submit]').click();
  await flagged.getByText('in attesa della verifica dei tutor').waitFor();
  assert.equal(await flagged.locator('.piazza-post-body').count(), 0);
  // The tutor restores it from the queue.
  await paolo.goto(base + `${HOME}/moderazione`);
  await hydrated(paolo);
  const item = paolo.locator('.piazza-queue-item').filter({ hasText: 'Allerta arancione' });
  await item.getByRole('button', { name: 'Approva' }).click();
  await item.waitFor({ state: 'detached' });
  await marco.reload();
  await hydrated(marco);
  await marco.locator('#post-2 .piazza-post-body').getByText('ecco il nostro protocollo').waitFor();
  await marco.locator('#post-2 .piazza-attachments a').waitFor();

  // Members share a document; its page previews it and counts downloads.
  await marco.goto(base + `${HOME}/file`);
  await hydrated(marco);
  await checkPage(marco, 'community files (empty)');
  await marco.locator('#upload-file').setInputFiles({ name: 'messaggi-tipo.pdf', mimeType: 'application/pdf', buffer: PDF });
  await marco.locator('#upload-title-field').fill('Messaggi tipo per le allerte');
  await marco.getByRole('button', { name: 'Carica', exact: true }).click();
  await marco.waitForURL(/\/file\/\d+\?caricato=1$/);
  await hydrated(marco);
  await marco.getByText('File caricato.').waitFor();
  await checkPage(marco, 'a community document');
  const docUrl = marco.url().replace('?caricato=1', '');
  // The preview frame gets the PDF inline; the same address followed as a link
  // downloads it, so it never opens as a document of this origin by itself.
  const framed = elena.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/file/') && r.request().resourceType() === 'document');
  await elena.goto(docUrl);
  const preview = await framed;
  assert.match(preview.headers()['content-disposition'], /^inline;/);
  assert.equal(preview.headers()['x-frame-options'], 'SAMEORIGIN');
  await hydrated(elena);
  // The download link counts, then hands over the file (previews do not count).
  const href = await elena.getByRole('link', { name: /Scarica \(versione 1\)/ }).getAttribute('href');
  const got = await elena.context().request.get(base + href);
  assert.equal(got.status(), 200);
  assert.equal(got.headers()['content-type'], 'application/pdf');
  assert.match(got.headers()['content-disposition'], /^attachment;/);
  await elena.goto(base + `${HOME}/file`);
  await hydrated(elena);
  await elena.getByRole('row', { name: /Messaggi tipo per le allerte/ }).getByRole('cell', { name: '1', exact: true }).nth(1).waitFor();
  await screenshot(elena, 'community-files');

  // The tutor writes on the blog, which is public.
  await paolo.goto(base + `${HOME}/blog`);
  await hydrated(paolo);
  await paolo.getByRole('link', { name: 'Scrivi un articolo' }).click();
  await paolo.waitForURL(`**${HOME}/blog/scrivi`);
  await hydrated(paolo);
  await paolo.locator('#blog-title').fill('Allerte meteo: il nostro protocollo');
  await paolo.locator('#blog-summary').fill('Che cosa pubblicare, quando e su quali canali.');
  await paolo.locator('#blog-body').fill("Quando arriva un'allerta **arancione** pubblichiamo entro un'ora, su tutti i canali.");
  await paolo.locator('#blog-tags').fill('allerte, protezione civile');
  await paolo.locator('label[for=blog-publish]').click();
  await checkPage(paolo, 'blog editor');
  await paolo.getByRole('button', { name: "Salva l'articolo" }).click();
  await paolo.waitForURL(`**${HOME}/blog/allerte-meteo-il-nostro-protocollo`);
  await hydrated(paolo);
  await paolo.locator('.piazza-blog-post strong').getByText('arancione').waitFor();

  // A citizen outside reads the blog, signed in or not, but is refused the forum
  // and the files, and the file's address says nothing; she asks to join and the
  // tutor lets her in.
  const reader = await newPage(browser);
  const blog = await reader.goto(base + `${HOME}/blog`);
  assert.equal(blog.status(), 200);
  await hydrated(reader);
  await reader.getByRole('link', { name: 'Allerte meteo: il nostro protocollo' }).click();
  await reader.waitForURL('**/blog/allerte-meteo-il-nostro-protocollo');
  await hydrated(reader);
  assert.equal(await reader.locator('meta[property="og:title"]').getAttribute('content'), 'Allerte meteo: il nostro protocollo');
  await checkPage(reader, 'blog post (anonymous)');
  await screenshot(reader, 'blog-post');
  await reader.context().close();
  const sara = await person(SARA);
  assert.equal((await sara.goto(base + `${HOME}/blog/allerte-meteo-il-nostro-protocollo`)).status(), 200);
  for (const path of ['/forum', '/file']) {
    const res = await sara.goto(base + HOME + path);
    assert.equal(res.status(), 403, path);
  }
  await hydrated(sara);
  await checkPage(sara, 'community files refused', { allowConsole: CLIENT_ERRORS });
  assert.equal((await sara.context().request.get(base + fileUrl)).status(), 404);
  await sara.goto(base + '/comunita');
  await hydrated(sara);
  const card = sara.locator('.piazza-community-card').filter({ hasText: 'Comunicazione di crisi' });
  await card.locator('summary').click();
  await card.getByLabel('Presentati ai tutor (facoltativo)').fill('Curo i social del Comune di Bagnacavallo.');
  await card.getByRole('button', { name: 'Invia la richiesta' }).click();
  await sara.getByText('Richiesta inviata').waitFor();
  await checkPage(sara, 'directory after a request');
  await paolo.goto(base + `${HOME}/membri`);
  await hydrated(paolo);
  await paolo.getByRole('button', { name: 'Accogli Sara Conti' }).click();
  await paolo.locator('.piazza-request').waitFor({ state: 'detached' });
  await checkPage(paolo, 'members after a request');
  await screenshot(paolo, 'community-members');
  // The tutor reads the health of the demo community, charts and lists.
  await paolo.goto(base + '/comunita/comunicatori-riformattiva-2026/salute');
  await hydrated(paolo);
  await paolo.getByText('Nuove discussioni per settimana').first().waitFor();
  assert.equal(await paolo.locator('svg.piazza-chart-svg').count(), 4, 'four charts');
  await checkPage(paolo, 'community health');
  await screenshot(paolo, 'community-health');
  assert.equal((await sara.goto(base + HOME + '/forum')).status(), 200);
  // She is told in the bell, and reads it (the other journeys start from an empty bell).
  await sara.goto(base + '/account/notifiche');
  await hydrated(sara);
  await sara.getByText('La tua richiesta è stata accolta: ora fai parte di «Comunicazione di crisi»').waitFor();
  await Promise.all([
    sara.waitForResponse((r) => r.url().includes('/api/notify/read-all')),
    sara.getByRole('button', { name: 'Segna tutte come lette' }).click(),
  ]);
  await sara.reload();
  await hydrated(sara);
  assert.equal(await sara.locator('.piazza-bell-count').count(), 0);

  const phone = await person(ELENA, { viewport: PHONE });
  await phone.goto(base + `${HOME}/file`);
  await hydrated(phone);
  await checkPage(phone, 'community files on a phone');
  for (const p of [paolo, marco, elena, sara, phone]) await p.context().close();
});
