// The press office in the browser: Lugo's press office sets its contacts and adds a
// journalist to the list (refused without consent, nothing typed lost), writes a
// press release under embargo and sends it to the list; the desk shows it mailed
// and the site does not show it yet. The journalist leaves the list by the link in
// the mail, with JavaScript off. The public press kit at 360 px and at desktop
// width. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, tick, PHONE } from '../helpers/server.mjs';
import { signIn, mailLink, CLIENT_ERRORS } from '../helpers/people.mjs';

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
const JOURNALIST = 'giada.rossi@settesere.example.it';

/** A Rome day `days` from today, as YYYY-MM-DD. */
function romeDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(d);
}

test('a release under embargo reaches the journalists, who may leave the list', async () => {
  const base = server.base;
  const chiara = await newPage(browser);
  await signIn(chiara, base, CHIARA);
  await chiara.goto(base + '/gestione/lugo');
  await hydrated(chiara);
  await chiara.getByRole('link', { name: 'Ufficio stampa' }).first().click();
  await chiara.waitForURL('**/gestione/lugo/stampa');
  await hydrated(chiara);
  await checkPage(chiara, 'press desk');

  // The office's phone.
  await chiara.locator('#press-contact-press_phone').fill('0545 38 555');
  await chiara.getByRole('button', { name: 'Salva i contatti' }).click();
  await chiara.getByText('Contatti salvati.').waitFor();

  // A journalist: refused without consent, then added.
  await hydrated(chiara);
  await chiara.locator('#press-add-name').fill('Giada Rossi');
  await chiara.locator('#press-add-outlet').fill('Settesere');
  await chiara.locator('#press-add-beat').fill('Scuola e giovani');
  await chiara.locator('#press-add-email').fill(JOURNALIST);
  await chiara.getByRole('button', { name: "Aggiungi all'elenco" }).click();
  await chiara.locator('.piazza-error-summary').getByText('Si può aggiungere solo chi ha accettato').waitFor();
  assert.equal(await chiara.locator('#press-add-email').inputValue(), JOURNALIST);
  await chiara.locator('label[for="press-add-consented-1"]').click();
  await chiara.locator('#press-add-consent_note').fill('Email del 30 novembre 2026');
  await chiara.getByRole('button', { name: "Aggiungi all'elenco" }).click();
  await chiara.getByText("Giornalista aggiunto all'elenco.").waitFor();
  await chiara.locator('.piazza-journalists').getByText(JOURNALIST).waitFor();
  await checkPage(chiara, 'press desk with a journalist', { allowConsole: CLIENT_ERRORS });
  await screenshot(chiara, 'press-desk');

  // A release under embargo until tomorrow at 10, sent to the list.
  await chiara.goto(base + '/gestione/lugo/sito/notizie/nuovo');
  await hydrated(chiara);
  await chiara.locator('#entry-fnews_kind').selectOption('comunicato');
  await chiara.locator('#entry-ftitle').fill('Nuove aule per la scuola Gherardi');
  await chiara.locator('#entry-fsummary').fill('Dal prossimo anno sei aule in più alla primaria Gherardi.');
  await chiara.locator('#entry-fbody').fill('Il cantiere parte a **gennaio** e finisce in estate.');
  await chiara.locator('#entry-ftopic').selectOption('istruzione');
  await chiara.locator('#entry-fembargo').fill(`${romeDay(1)}T10:00`);
  await chiara.locator('label[for="entry-fto_press-1"]').click();
  await chiara.getByRole('button', { name: 'Salva la bozza' }).click();
  await chiara.getByText('Bozza salvata.').waitFor();
  await hydrated(chiara);
  await chiara.getByRole('button', { name: 'Pubblica', exact: true }).click();
  await chiara.getByText('Stato attuale: Approvato').waitFor();
  await checkPage(chiara, 'release approved');

  // Mailed now, with the embargo; not on the site until then.
  await chiara.goto(base + '/gestione/lugo/stampa');
  await hydrated(chiara);
  const mailed = chiara.locator('tr', { hasText: 'Nuove aule per la scuola Gherardi' });
  await mailed.waitFor();
  assert.match(await mailed.textContent(), /\d/);
  const anon = await newPage(browser, { viewport: PHONE });
  const res = await anon.request.get(base + '/lugo/notizie/nuove-aule-per-la-scuola-gherardi');
  assert.equal(res.status(), 404);

  // The journalist leaves by the link in the mail, with JavaScript off.
  const link = await mailLink(browser, base, JOURNALIST, (w) => w.includes('cancellazione'));
  const plain = await newPage(browser, { javaScriptEnabled: false });
  await plain.goto(link);
  await plain.getByRole('button', { name: 'Non voglio più ricevere i comunicati' }).click();
  await plain.getByText('Fatto: non riceverai più i comunicati stampa').waitFor();
  await screenshot(plain, 'press-leave-no-js');
  await chiara.reload();
  await hydrated(chiara);
  assert.equal(await chiara.locator('.piazza-journalists').getByText(JOURNALIST).count(), 0);

  // The press kit, on a phone and at desktop width.
  await anon.goto(base + '/lugo/ufficio-stampa');
  await hydrated(anon);
  await anon.getByText('stampa@comune.lugo.example.it').first().waitFor();
  await anon.getByText('0545 38 555').first().waitFor();
  await checkPage(anon, 'press kit on a phone');
  await screenshot(anon, 'press-kit-phone');
  const wide = await newPage(browser);
  await wide.goto(base + '/lugo/ufficio-stampa');
  await hydrated(wide);
  await wide.getByRole('link', { name: 'Comunicati stampa: feed RSS' }).waitFor();
  await checkPage(wide, 'press kit');
  await screenshot(wide, 'press-kit');
});

test('an inefficiency is reported, with JavaScript off and on, on a phone', async () => {
  const base = server.base;
  const plain = await newPage(browser, { javaScriptEnabled: false, viewport: PHONE });
  await plain.goto(base + '/lugo');
  await plain.locator('footer [data-element="report-inefficiency"]').click();
  await plain.waitForURL('**/lugo/segnala-disservizio');
  await plain.locator('#inefficiency-categoria').selectOption('illuminazione');
  await plain.locator('#inefficiency-luogo').fill('Via Mazzini 12');
  await plain.locator('#inefficiency-descrizione').fill('Il lampione davanti al civico 12 è spento da una settimana.');
  await plain.locator('#inefficiency-email').fill('sara.conti@example.it');
  await tick(plain, 'inefficiency-privacy-1');
  await plain.getByRole('button', { name: 'Invia la segnalazione' }).click();
  await plain.getByText('Segnalazione inviata: grazie.').waitFor();
  assert.match(await plain.locator('main').textContent(), /Numero di ricevuta: SD-[0-9A-F]{8}/);
  await screenshot(plain, 'inefficiency-sent-no-js');

  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(base + '/lugo/segnala-disservizio');
  await hydrated(page);
  await checkPage(page, 'inefficiency form on a phone');
  await page.locator('#inefficiency-descrizione').fill('Buca.');
  await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
  await page.locator('.piazza-error-summary').getByText('Descrivi il problema con almeno 20 caratteri').waitFor();
  assert.equal(await page.locator('#inefficiency-descrizione').inputValue(), 'Buca.');
  await checkPage(page, 'inefficiency refused', { allowConsole: CLIENT_ERRORS });
  await screenshot(page, 'inefficiency-refused-phone');
});
