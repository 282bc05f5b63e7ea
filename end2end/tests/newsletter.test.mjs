// The newsletter, end to end, with a real SMTP server: a citizen subscribes on a
// phone, confirms from the mail, receives the issue the site team sends, and leaves
// in one click as a mail client does it; the desk's statistics say so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, tick, PHONE } from '../helpers/server.mjs';
import { signIn, CLIENT_ERRORS } from '../helpers/people.mjs';
import { startSink } from '../helpers/smtp.mjs';

const GIULIA = 'giulia.neri@comune.lugo.example.it';
const READER = 'lettrice.e2e@example.it';
let server;
let browser;
let sink;

before(async () => {
  sink = await startSink();
  server = await startServer({ env: { PIAZZA_SMTP_URL: sink.url, PIAZZA_MAIL_RATE: '0' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  sink?.stop();
});

/** The first address of the site in a mail's text that passes `which`. */
function linkIn(mail, which) {
  const link = mail.text.split(/\s+/).find((w) => w.startsWith(server.base) && which(w));
  assert.ok(link, `a link in:\n${mail.text}`);
  return link;
}

test('subscribe, confirm, receive an issue, leave in one click', async () => {
  const base = server.base;
  // Subscribing on a phone, from the footer.
  const phone = await newPage(browser, { viewport: PHONE });
  await phone.goto(base + '/lugo');
  await phone.locator('footer').getByRole('link', { name: 'Newsletter' }).click();
  await phone.waitForURL('**/lugo/newsletter');
  await hydrated(phone);
  await checkPage(phone, 'newsletter form on a phone');
  await phone.getByRole('button', { name: 'Iscriviti' }).click();
  await phone.locator('.piazza-error-summary').waitFor();
  await checkPage(phone, 'newsletter form refused', { allowConsole: CLIENT_ERRORS });
  await phone.getByLabel('Email').fill(READER);
  await tick(phone, 'newsletter-consenso-1');
  await screenshot(phone, 'newsletter-form-phone');
  await phone.getByRole('button', { name: 'Iscriviti' }).click();
  await phone.getByText('Controlla la tua posta').waitFor();

  // The confirmation comes by mail; its page asks for a press of the button.
  const confirmation = await sink.waitFor(READER, (m) => m.subject.includes('Conferma'));
  await phone.goto(linkIn(confirmation, (w) => w.includes('/newsletter/conferma?token=')));
  await hydrated(phone);
  await phone.getByRole('button', { name: "Conferma l'iscrizione" }).click();
  await phone.getByText('Iscrizione confermata').waitFor();
  await checkPage(phone, 'subscription confirmed');

  // The site team sends an issue with a news item of the site.
  const desk = await newPage(browser);
  await signIn(desk, base, GIULIA);
  await desk.goto(base + '/gestione/lugo/newsletter');
  await hydrated(desk);
  await checkPage(desk, 'newsletter desk');
  await desk.getByLabel('Oggetto').fill('Le novità della settimana');
  await desk.getByLabel('Testo libero').fill('Buongiorno, ecco le **novità**.');
  await tick(desk, await desk.locator('input[name="contenuti[]"]').first().getAttribute('id'));
  await desk.getByLabel('Quando').selectOption('ora');
  await desk.getByRole('button', { name: 'Salva', exact: true }).click();
  await desk.waitForURL(/\/gestione\/lugo\/newsletter\/\d+$/);
  const issuePath = new URL(desk.url()).pathname;
  const issue = await sink.waitFor(READER, (m) => m.subject === 'Le novità della settimana');
  assert.match(issue.html, /<strong>novità<\/strong>/);
  assert.match(issue.message_id, /^<nl\.\d+\.\d+@127\.0\.0\.1>$/);
  assert.equal(issue.list_unsubscribe_post, 'List-Unsubscribe=One-Click');

  // The mail itself: accessible, on a phone, in light and dark mode, images or not.
  const mail = await newPage(browser, { viewport: PHONE });
  await mail.setContent(issue.html);
  await checkPage(mail, 'the mail (light)');
  const background = () => mail.locator('.pz-card').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await mail.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await background(), 'rgb(30, 30, 30)');
  await checkPage(mail, 'the mail (dark)');
  await screenshot(mail, 'newsletter-mail-dark-phone');
  assert.equal(await mail.locator('img').count(), 0, 'no images, no tracking pixel');

  // One click in the mail program: a POST from elsewhere, no cookie.
  const oneClick = issue.list_unsubscribe.replace(/^<|>$/g, '');
  const res = await fetch(oneClick, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
    redirect: 'manual',
  });
  assert.equal(res.status, 200);

  // The preferences link of the mail shows the list off.
  await phone.goto(linkIn(issue, (w) => w.includes('/newsletter/preferenze?token=')));
  await hydrated(phone);
  const general = phone.locator('input[name="liste[]"]').first();
  assert.equal(await general.isChecked(), false);
  await checkPage(phone, 'newsletter preferences');
  await screenshot(phone, 'newsletter-preferences-phone');

  // The desk's statistics: sent, and one who left since.
  await desk.goto(base + issuePath);
  await hydrated(desk);
  const table = desk.locator('table').filter({ hasText: 'Cancellati dall' });
  await table.waitFor({ state: 'attached' });
  assert.match(await table.textContent(), /Cancellati dall'inizio dell'invio\s*1/);
  await checkPage(desk, 'newsletter issue');
  await screenshot(desk, 'newsletter-issue');
});
