// The community forum in the browser: a tutor opens a category; a member starts a
// thread; another replies quoting it and mentioning its author, who is notified;
// three members flag the opening post, which is hidden until the tutor restores it
// from the moderation queue; a reply also works without JavaScript; a citizen who
// is not a member is refused the forum.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, PHONE } from '../helpers/server.mjs';
import { signIn, LUGO_ADMIN, CLIENT_ERRORS } from '../helpers/people.mjs';

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

const FORUM = '/comunita/comunicatori-riformattiva-2026/forum';
const PAOLO = 'paolo.ricci@formazione.example.it';
const MARCO = 'marco.bassi@comune.lugo.example.it';
const ELENA = 'elena.fabbri@unione.labassaromagna.example.it';
const LUCA = 'luca.moretti@regione.example.it';
const SARA = 'sara.conti@example.it';

async function person(email, options = {}) {
  const page = await newPage(browser, options);
  await signIn(page, server.base, email, undefined, { plain: options.javaScriptEnabled === false });
  return page;
}

/// The bell's count as the page shows it.
async function unread(page) {
  const badge = page.locator('.piazza-bell-count');
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

async function flag(page, url, reason) {
  await page.goto(url);
  await hydrated(page);
  const post = page.locator('#post-1');
  await post.locator('details.piazza-flag summary').click();
  // Bootstrap Italia draws the radio on its label, as people click it.
  await post.locator(`label[for$="-${reason}"]`).click();
  await post.locator('details.piazza-flag button[type=submit]').click();
  await post.getByText('Segnalato da te').waitFor();
}

test('a thread: started, quoted with a mention, flagged, hidden and restored', async () => {
  const base = server.base;
  // The tutor adds a category.
  const paolo = await person(PAOLO);
  await paolo.goto(base + FORUM);
  await hydrated(paolo);
  await checkPage(paolo, 'forum index (tutor)');
  await paolo.locator('#category-name').fill('Domande e risposte');
  await paolo.locator('#category-description').fill('Dubbi pratici sul lavoro di tutti i giorni.');
  await paolo.locator('form:has(#category-name) button[type=submit]').click();
  await paolo.getByRole('link', { name: 'Domande e risposte' }).click();
  await paolo.waitForURL('**/forum/domande-e-risposte');

  // A member starts a thread there.
  const marco = await person(MARCO);
  await marco.goto(base + FORUM + '/domande-e-risposte');
  await hydrated(marco);
  await checkPage(marco, 'forum category');
  // An empty title is refused with a message next to the field.
  await marco.locator('#thread-body').fill('Usate la copertura o le impressioni nei report mensili?');
  await marco.locator('form:has(#thread-title) button[type=submit]').click();
  await marco.locator('.piazza-field .invalid-feedback').filter({ hasText: 'almeno 5 caratteri' }).waitFor();
  await checkPage(marco, 'new thread with an error', { allowConsole: CLIENT_ERRORS });
  await marco.locator('#thread-title').fill('Come misurate la copertura dei post?');
  await marco.locator('form:has(#thread-title) button[type=submit]').click();
  await marco.waitForURL(/\/forum\/t\/\d+$/);
  const threadUrl = marco.url();
  await marco.locator('#post-1').getByText('Usate la copertura').waitFor();
  await hydrated(marco);
  // Marco stays on his thread: his bell will change by itself, without a reload.
  const bellBefore = await unread(marco);
  await marco.evaluate(() => { window.piazzaNotReloaded = true; });

  // Another member quotes it and mentions its author.
  const elena = await person(ELENA);
  await elena.goto(threadUrl);
  await hydrated(elena);
  await elena.locator('#post-1').getByRole('link', { name: 'Cita' }).click();
  await elena.waitForURL(/quote=/);
  await elena.waitForFunction(() => document.querySelector('#reply-body')?.value.startsWith('> '));
  const draft = await elena.locator('#reply-body').inputValue();
  assert.match(draft, /^> \*\*Marco Bassi:\*\*/);
  await elena.locator('#reply-body').fill(`${draft}Noi la copertura, @marco.bassi: è il dato che Meta esporta meglio.`);
  await elena.locator('#rispondi button[type=submit]').click();
  await elena.waitForURL(/#post-2$/);
  const reply = elena.locator('#post-2');
  await reply.locator('blockquote').waitFor();
  assert.equal(await reply.locator('.piazza-mention').textContent(), '@marco.bassi');
  await checkPage(elena, 'thread with a quoted reply');
  await screenshot(elena, 'forum-thread');

  // Marco's bell counted the mention live, and said so to screen readers.
  await marco.waitForFunction(
    (n) => Number(document.querySelector('.piazza-bell-count')?.textContent ?? 0) === n,
    bellBefore + 1,
  );
  assert.equal(await marco.evaluate(() => window.piazzaNotReloaded), true, 'no reload');
  await marco.getByRole('status').filter({ hasText: 'Nuova notifica' }).waitFor();
  assert.match(await marco.locator('.piazza-bell').getAttribute('aria-label'), new RegExp(`${bellBefore + 1}$`));
  await screenshot(marco, 'bell-live');

  // Marco is told in the bell's page.
  await marco.goto(base + '/account/notifiche');
  await hydrated(marco);
  await marco.getByText('Elena Fabbri ti ha menzionato in «Come misurate la copertura dei post?»').waitFor();

  // Three members flag the opening post: it is hidden until the tutor decides.
  const giulia = await person(LUGO_ADMIN);
  const luca = await person(LUCA);
  await flag(elena, threadUrl, 'off_topic');
  await flag(giulia, threadUrl, 'spam');
  await checkPage(giulia, 'thread with a flag form used');
  // The tutor's open queue hears of the third flag.
  await paolo.goto(base + '/comunita/comunicatori-riformattiva-2026/moderazione');
  await hydrated(paolo);
  await flag(luca, threadUrl, 'spam');
  await paolo.locator('.piazza-queue-changed').getByText('La coda è cambiata').waitFor();
  await checkPage(paolo, 'moderation queue, changed');
  await paolo.locator('.piazza-queue-changed button').click();
  await paolo.locator('.piazza-queue-changed .alert').waitFor({ state: 'detached' });
  await luca.reload();
  await hydrated(luca);
  await luca.locator('#post-1').getByText('in attesa della verifica dei tutor').waitFor();
  assert.equal(await luca.locator('#post-1 .piazza-post-body').count(), 0);

  await paolo.goto(base + '/comunita/comunicatori-riformattiva-2026/moderazione');
  await hydrated(paolo);
  const item = paolo.locator('.piazza-queue-item').filter({ hasText: 'Come misurate la copertura' });
  await item.getByText('Pubblicità o spam').first().waitFor();
  assert.equal(await item.locator('li').count(), 3);
  await checkPage(paolo, 'moderation queue');
  await screenshot(paolo, 'forum-moderation');
  await item.getByRole('button', { name: 'Approva' }).click();
  await item.waitFor({ state: 'detached' });

  await luca.reload();
  await hydrated(luca);
  await luca.locator('#post-1 .piazza-post-body').getByText('Usate la copertura').waitFor();
  for (const p of [paolo, marco, elena, giulia, luca]) await p.context().close();
});

test('a reply without JavaScript, and the forum on a phone', async () => {
  const base = server.base;
  const plain = await person(LUCA, { javaScriptEnabled: false });
  await plain.goto(base + FORUM);
  await plain.getByRole('heading', { name: 'Benvenuti e regole' }).getByRole('link').click();
  await plain.getByRole('link', { name: /Benvenuti nella community/ }).click();
  await plain.locator('#reply-body').fill('Buongiorno a tutti, Luca Moretti della Regione: mi occupo di campagne istituzionali.');
  await plain.locator('#rispondi button[type=submit]').click();
  await plain.waitForURL(/#post-4$/);
  await plain.locator('#post-4').getByText('Luca Moretti della Regione').waitFor();
  await plain.context().close();

  const phone = await person(MARCO, { viewport: PHONE });
  await phone.goto(base + FORUM);
  await hydrated(phone);
  await checkPage(phone, 'forum index on a phone');
  await screenshot(phone, 'forum-phone');
  await phone.context().close();
});

test('a citizen who is not a member is refused the forum', async () => {
  const sara = await person(SARA);
  const res = await sara.goto(server.base + FORUM);
  assert.equal(res.status(), 403);
  await hydrated(sara);
  await checkPage(sara, 'forum refused', { allowConsole: CLIENT_ERRORS });
  await sara.context().close();
});
