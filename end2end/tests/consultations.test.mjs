// A consultation from start to end in the browser: an operator builds it with seven
// kinds of question (one shown only after a "yes"), publishes it; a citizen answers
// with JavaScript (after a wrong try that keeps what she typed), another without;
// the results show the right counts and charts; the CSV has one row per answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { greenPng } from '../helpers/images.mjs';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, tick } from '../helpers/server.mjs';
import { signIn, CLIENT_ERRORS, LUGO_ADMIN, DEMO_PASSWORD } from '../helpers/people.mjs';

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

const SLUG = 'parco-del-loreto-cosa-ti-serve';
const QUESTIONS = [
  ['single_choice', { label: 'Quanto spesso vai al parco?', options: 'Ogni giorno\nOgni settimana\nRaramente' }],
  ['multiple_choice', { label: 'Con chi ci vai?', options: 'Da solo\nCon i bambini\nCon il cane' }],
  ['rating', { label: 'Quanto è curato oggi?' }],
  ['yes_no', { label: 'Vorresti un\'area giochi nuova?' }],
  ['long_text', { label: 'Per quale età?', show_if: 'q4=si' }],
  ['number', { label: 'Quanti minuti ci metti ad arrivare?' }],
  ['matrix', { label: 'Come valuti', rows: 'Pulizia\nSicurezza', options: 'Male\nBene' }],
];

function dayInput(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10) + 'T08:00';
}

/** On the list of consultations: creates a draft, opens it from yesterday for `days`
 * days (after `more` fills other details) and saves. */
async function createDraft(giulia, title, slug, days, more = async () => {}) {
  await giulia.getByLabel('Titolo').fill(title);
  await giulia.getByRole('button', { name: 'Crea la bozza' }).click();
  await giulia.waitForURL(`**/gestione/lugo/consultazioni/${slug}?scheda=dettagli`);
  await hydrated(giulia);
  await more();
  await giulia.locator('#details-opens').fill(dayInput(-1));
  await giulia.locator('#details-closes').fill(dayInput(days));
  await giulia.getByRole('button', { name: 'Salva i dettagli' }).click();
  await giulia.getByText('Modifiche salvate.').first().waitFor();
}

/** From any tab of the editor: publishes and waits for the "open" badge. */
async function publish(giulia) {
  await giulia.getByRole('link', { name: 'Dettagli e pubblicazione' }).click();
  await giulia.waitForURL('**scheda=dettagli');
  await hydrated(giulia);
  await giulia.getByRole('button', { name: 'Pubblica' }).click();
  await giulia.getByText('Aperta').first().waitFor();
}

/** Clicks the label of a radio or checkbox (Bootstrap Italia draws the box on it). */
test('build, publish, answer twice, count and export', async () => {
  const giulia = await newPage(browser);
  await signIn(giulia, server.base, LUGO_ADMIN);
  await giulia.goto(server.base + '/gestione/lugo');
  await hydrated(giulia);
  await giulia.locator('.piazza-work-nav').getByRole('link', { name: 'Consultazioni' }).click();
  await giulia.waitForURL('**/gestione/lugo/consultazioni');
  await hydrated(giulia);
  await checkPage(giulia, '/gestione/lugo/consultazioni');
  await createDraft(giulia, 'Parco del Loreto: cosa ti serve?', SLUG, 20, async () => {
    await giulia.locator('#details-summary').fill('Il Comune rinnova il parco: dicci cosa ti serve.');
  });
  await checkPage(giulia, 'consultation details');

  await giulia.getByRole('link', { name: 'Questionario' }).click();
  await giulia.waitForURL('**scheda=questionario');
  await hydrated(giulia);
  for (const [i, [kind, fields]] of QUESTIONS.entries()) {
    const id = `q${i + 1}`;
    await giulia.locator('#add-kind').selectOption(kind);
    await giulia.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await giulia.locator(`#builder-${id}`).waitFor();
    const card = giulia.locator(`#builder-${id}`);
    await card.locator(`#${id}-label`).fill(fields.label);
    if (fields.options) await card.locator(`#${id}-options`).fill(fields.options);
    if (fields.rows) await card.locator(`#${id}-rows`).fill(fields.rows);
    if (fields.show_if) await card.locator(`#${id}-show_if`).selectOption(fields.show_if);
    if (kind !== 'long_text' && kind !== 'multiple_choice' && kind !== 'number' && kind !== 'matrix') {
      await card.locator(`label[for="${id}-required"]`).click({ position: { x: 6, y: 10 } });
    }
    await card.getByRole('button', { name: 'Salva la domanda' }).click();
    await giulia.waitForFunction((args) => document.querySelector(`#${args.id}-label`)?.value === args.label, { id, label: fields.label });
  }
  await checkPage(giulia, 'questionnaire builder', { allowConsole: CLIENT_ERRORS });
  await screenshot(giulia, 'consultation-builder');
  await publish(giulia);

  // Sara answers with JavaScript; a first try with mistakes keeps what she typed.
  const sara = await newPage(browser);
  await signIn(sara, server.base, 'sara.conti@example.it');
  await sara.goto(`${server.base}/lugo/consultazioni/${SLUG}`);
  await hydrated(sara);
  assert.equal(await sara.locator('#answers-q5').isHidden(), true, 'the follow-up waits for a yes');
  await tick(sara, 'q1-o1');
  await tick(sara, 'q2-o2');
  await tick(sara, 'q4-si');
  await sara.locator('#answers-q5').waitFor({ state: 'visible' });
  await sara.locator('#q5').fill('Dai 3 ai 10 anni');
  await sara.locator('#q6').fill('dieci');
  await sara.getByRole('button', { name: 'Invia le risposte' }).click();
  await sara.locator('#q3-error').getByText('Questa domanda richiede una risposta').waitFor();
  assert.match(await sara.locator('.piazza-error-summary').textContent(), /Quanto è curato oggi\?: Questa domanda richiede una risposta/);
  assert.match(await sara.locator('#q6-error').textContent(), /Scrivi un numero/);
  assert.equal(await sara.locator('#q5').inputValue(), 'Dai 3 ai 10 anni', 'what she typed is still there');
  await checkPage(sara, 'answer form with errors', { allowConsole: CLIENT_ERRORS });
  await screenshot(sara, 'consultation-errors');
  await tick(sara, 'q3-4');
  await sara.locator('#q6').fill('10');
  await sara.getByRole('radio', { name: 'Pulizia: Bene' }).check({ force: true });
  await sara.getByRole('radio', { name: 'Sicurezza: Male' }).check({ force: true });
  await sara.getByRole('button', { name: 'Invia le risposte' }).click();
  await sara.locator('.piazza-receipt').getByText(/Numero di ricevuta: PZ-/).waitFor();
  await checkPage(sara, 'receipt');
  await screenshot(sara, 'consultation-receipt');

  // Giulia watches the results while Marco answers, without JavaScript.
  await giulia.goto(`${server.base}/gestione/lugo/consultazioni/${SLUG}?scheda=risultati`);
  await hydrated(giulia);
  assert.match(await giulia.locator('.piazza-results-count').textContent(), /1 su 1/);
  const marco = await newPage(browser, { javaScriptEnabled: false });
  await signIn(marco, server.base, 'marco.bassi@comune.lugo.example.it', DEMO_PASSWORD, { plain: true });
  await marco.goto(`${server.base}/lugo/consultazioni/${SLUG}`);
  await tick(marco, 'q1-o3');
  await tick(marco, 'q3-2');
  await tick(marco, 'q4-no');
  await marco.locator('#q6').fill('25');
  await marco.getByRole('button', { name: 'Invia le risposte' }).click();
  await marco.waitForURL(/ricevuta=PZ-/);
  assert.match(await marco.locator('.piazza-receipt').textContent(), /Numero di ricevuta: PZ-/);

  // The open results page learns of the new answer by itself, at once (live events).
  await giulia.locator('.piazza-live-count').getByText('Nuove risposte da quando hai aperto la pagina: 1.').waitFor({ timeout: 5_000 });
  await giulia.getByRole('button', { name: 'Aggiorna i risultati' }).click();
  await giulia.locator('.piazza-results-count').getByText(/2 su 2/).waitFor();
  await hydrated(giulia);

  // The results count both, chart every question, and the CSV has their rows.
  assert.equal(await giulia.locator('.piazza-question-result').count(), 7);
  assert.ok(await giulia.locator('.piazza-question-result .piazza-chart-svg').count() >= 5);
  assert.match(await giulia.locator('.piazza-texts').textContent(), /Dai 3 ai 10 anni/);
  await checkPage(giulia, 'results');
  await screenshot(giulia, 'consultation-results');
  const csv = await giulia.request.get(`${server.base}/gestione/lugo/consultazioni/${SLUG}/risposte.csv`);
  assert.equal(csv.status(), 200);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(lines[0], /Quanto spesso vai al parco\?/);
  assert.match(lines[1], /Ogni giorno.*Con i bambini.*Sì.*Dai 3 ai 10 anni.*,10,/);
  assert.match(lines[2], /Raramente.*No,,25,/);
  for (const p of [giulia, sara, marco]) await p.context().close();
});

// A text put to discussion: the operator writes it and publishes it without questions;
// Sara comments with JavaScript (after a comment too short), Marco without JavaScript
// supports and reports it; the operator answers, and hides it with a reason.
test('a text in discussion: comment, support, report, answer, hide', async () => {
  const TEXT_SLUG = 'regolamento-del-verde-urbano';
  const giulia = await newPage(browser);
  await signIn(giulia, server.base, LUGO_ADMIN);
  await giulia.goto(server.base + '/gestione/lugo/consultazioni');
  await hydrated(giulia);
  await createDraft(giulia, 'Regolamento del verde urbano', TEXT_SLUG, 30);

  // A cover image and a document, through the plain upload form.
  await giulia.locator('#file-role').selectOption('cover');
  await giulia.locator('#file-file').setInputFiles({ name: 'viale.png', mimeType: 'image/png', buffer: greenPng(640, 240) });
  await giulia.getByRole('button', { name: 'Carica il file' }).click();
  await giulia.waitForURL(/errore=alt/);
  await giulia.getByText('Descrivi l\'immagine per chi non può vederla').waitFor();
  await hydrated(giulia);
  await giulia.locator('#file-role').selectOption('cover');
  await giulia.locator('#file-label').fill('Un viale alberato in autunno');
  await giulia.locator('#file-file').setInputFiles({ name: 'viale.png', mimeType: 'image/png', buffer: greenPng(640, 240) });
  await giulia.getByRole('button', { name: 'Carica il file' }).click();
  await giulia.waitForURL(/caricato=1/);
  await hydrated(giulia);
  await giulia.locator('#file-label').fill('Relazione agronomica');
  await giulia.locator('#file-file').setInputFiles({ name: 'relazione.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n') });
  await giulia.getByRole('button', { name: 'Carica il file' }).click();
  await giulia.waitForURL(/caricato=1/);
  await hydrated(giulia);
  await giulia.locator('.piazza-attachments').getByRole('link', { name: 'Relazione agronomica' }).waitFor();
  assert.match(await giulia.locator('.piazza-attachments').textContent(), /PDF, \d+ byte/);
  await checkPage(giulia, 'consultation files');
  await giulia.getByRole('link', { name: 'Testo e commenti' }).click();
  await giulia.waitForURL('**scheda=testo');
  await hydrated(giulia);
  await giulia.locator('#text-text').fill('# Art. 1 – Oggetto\nIl regolamento tutela gli alberi pubblici e privati.\n\n# Art. 2 – Abbattimenti\nAbbattere un albero richiede l\'autorizzazione del Comune.');
  await giulia.getByRole('button', { name: 'Salva il testo' }).click();
  await giulia.getByText('Testo salvato').first().waitFor();
  await checkPage(giulia, 'discussion text editor');
  await publish(giulia);

  const sara = await newPage(browser);
  await signIn(sara, server.base, 'sara.conti@example.it');
  await sara.goto(`${server.base}/lugo/consultazioni/${TEXT_SLUG}`);
  await hydrated(sara);
  assert.equal(await sara.locator('.piazza-answer-form').count(), 0, 'no questionnaire to answer');
  const cover = sara.locator('img.piazza-cover');
  assert.equal(await cover.getAttribute('alt'), 'Un viale alberato in autunno');
  assert.ok(await cover.evaluate((img) => img.complete && img.naturalWidth === 640), 'the cover loads');
  const doc = await sara.request.get(server.base + await sara.getByRole('link', { name: 'Relazione agronomica' }).getAttribute('href'));
  assert.equal(doc.headers()['content-type'], 'application/pdf');
  const art2 = sara.locator('#paragrafo-2');
  await art2.getByText('Commenta questo paragrafo').click();
  await art2.getByLabel('Il tuo commento').fill('ok');
  await art2.getByRole('button', { name: 'Pubblica il commento' }).click();
  await art2.getByText('Scrivi un commento di almeno 3 caratteri').first().waitFor();
  await checkPage(sara, 'comment too short', { allowConsole: CLIENT_ERRORS });
  await art2.getByLabel('Il tuo commento').fill('Serve anche un censimento degli alberi esistenti, pubblicato come open data.');
  await art2.getByRole('button', { name: 'Pubblica il commento' }).click();
  await art2.locator('.piazza-comment').getByText('censimento degli alberi').waitFor();
  assert.match(await art2.locator('h4').textContent(), /Commenti \(1\)/);
  await checkPage(sara, 'discussion with a comment');
  await screenshot(sara, 'consultation-discussion');

  // Marco, without JavaScript: support, then report.
  const marco = await newPage(browser, { javaScriptEnabled: false });
  await signIn(marco, server.base, 'marco.bassi@comune.lugo.example.it', DEMO_PASSWORD, { plain: true });
  await marco.goto(`${server.base}/lugo/consultazioni/${TEXT_SLUG}`);
  const comment = marco.locator('#paragrafo-2 .piazza-comment').first();
  await comment.getByRole('button', { name: 'Sostieni' }).click();
  await marco.waitForURL(/#commento-\d+$/);
  await comment.getByText('Sostegni: 1').waitFor();
  assert.equal(await comment.getByRole('button', { name: 'Ritira il sostegno' }).getAttribute('aria-pressed'), 'true');
  await comment.getByText('Segnala ai moderatori').click();
  await comment.getByLabel('Motivo della segnalazione').selectOption('off_topic');
  await comment.getByRole('button', { name: 'Invia la segnalazione' }).click();
  await marco.waitForURL(/segnalato=\d+/);
  await marco.locator('#paragrafo-2 .piazza-comment').first().getByText('Hai segnalato questo commento').waitFor();

  // Giulia answers and hides it; the public sees the answer's reason in its place.
  await giulia.goto(`${server.base}/gestione/lugo/consultazioni/${TEXT_SLUG}?scheda=testo`);
  await hydrated(giulia);
  await giulia.getByText(/Il testo ha ricevuto commenti/).waitFor();
  const card = giulia.locator('.piazza-moderation .piazza-comment').first();
  assert.match(await card.textContent(), /Segnalazioni: 1 — Fuori tema \(1\)/);
  await card.getByLabel('Esito').selectOption('accepted');
  await card.getByLabel('Risposta e motivazione (pubblica)').fill('Accolto: il censimento sarà nel portale open data.');
  await card.getByRole('button', { name: 'Pubblica la risposta' }).click();
  await giulia.locator('.piazza-moderation .piazza-comment').first().locator('.badge', { hasText: 'Accolto' }).waitFor();
  await checkPage(giulia, 'moderation');
  await screenshot(giulia, 'consultation-moderation');
  await giulia.locator('.piazza-moderation .piazza-comment').first().getByRole('button', { name: 'Nascondi il commento' }).click();
  await giulia.getByText('Scrivi la motivazione: sarà pubblica accanto al commento').first().waitFor();
  await giulia.locator('.piazza-moderation .piazza-comment').first().getByLabel('Motivo per nasconderlo (pubblico)').fill('Prova di moderazione');
  await giulia.locator('.piazza-moderation .piazza-comment').first().getByRole('button', { name: 'Nascondi il commento' }).click();
  await giulia.locator('.piazza-moderation .badge', { hasText: 'Nascosto' }).waitFor();

  await sara.reload();
  await hydrated(sara);
  await sara.locator('#paragrafo-2').getByText('Commento nascosto dalla moderazione. Motivo: Prova di moderazione').waitFor();
  assert.equal(await sara.locator('#paragrafo-2').getByText('censimento degli alberi').count(), 0);
  await checkPage(sara, 'discussion with a hidden comment');

  // The answer reached Sara's bell too.
  assert.equal((await sara.locator('.piazza-bell-count').textContent()).trim(), '1');
  await sara.locator('.piazza-bell').click();
  await sara.waitForURL('**/account/notifiche');
  await hydrated(sara);
  await sara.getByRole('link', { name: /L'ente ha risposto al tuo commento su «Regolamento del verde urbano»: Accolto/ }).waitFor();
  await checkPage(sara, 'notifications');
  await screenshot(sara, 'notifications');
  await sara.getByRole('button', { name: 'Segna tutte come lette' }).click();
  await sara.getByText('Da leggere: 0').waitFor();
  for (const p of [giulia, sara, marco]) await p.context().close();
});

// A question that asks for a file: the form posts as multipart; a file of the wrong
// kind comes back with its message next to the question and what was typed kept.
test('a file question: refused, then answered with a photo', async () => {
  const FILE_SLUG = 'alberi-da-curare';
  const giulia = await newPage(browser);
  await signIn(giulia, server.base, LUGO_ADMIN);
  await giulia.goto(server.base + '/gestione/lugo/consultazioni');
  await hydrated(giulia);
  await createDraft(giulia, 'Alberi da curare', FILE_SLUG, 10);
  await giulia.getByRole('link', { name: 'Questionario' }).click();
  await giulia.waitForURL('**scheda=questionario');
  await hydrated(giulia);
  for (const [i, [kind, label]] of [['short_text', 'Dove si trova l\'albero?'], ['file_upload', 'Una foto dell\'albero']].entries()) {
    const id = `q${i + 1}`;
    await giulia.locator('#add-kind').selectOption(kind);
    await giulia.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    const card = giulia.locator(`#builder-${id}`);
    await card.waitFor();
    await card.locator(`#${id}-label`).fill(label);
    await card.locator(`label[for="${id}-required"]`).click({ position: { x: 6, y: 10 } });
    await card.getByRole('button', { name: 'Salva la domanda' }).click();
    await giulia.waitForFunction((a) => document.querySelector(`#${a.id}-label`)?.value === a.label, { id, label });
  }
  await publish(giulia);

  const sara = await newPage(browser);
  await signIn(sara, server.base, 'sara.conti@example.it');
  await sara.goto(`${server.base}/lugo/consultazioni/${FILE_SLUG}`);
  await hydrated(sara);
  await sara.locator('#q1').fill('Via Garibaldi, davanti alla scuola');
  await sara.locator('#q2').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html>non una foto</html>') });
  await sara.getByRole('button', { name: 'Invia le risposte' }).click();
  await sara.waitForURL(/verifica=1/);
  await hydrated(sara);
  await sara.locator('#q2-error').getByText(/Tipo di file non accettato/).waitFor();
  assert.equal(await sara.locator('#q1').inputValue(), 'Via Garibaldi, davanti alla scuola', 'what she typed is kept');
  await checkPage(sara, 'file question with a refused file');
  await sara.locator('#q2').setInputFiles({ name: 'albero.png', mimeType: 'image/png', buffer: greenPng(320, 200) });
  await sara.getByRole('button', { name: 'Invia le risposte' }).click();
  await sara.waitForURL(/ricevuta=PZ-/);
  await sara.locator('.piazza-receipt').getByText(/Numero di ricevuta: PZ-/).waitFor();

  const csv = await giulia.request.get(`${server.base}/gestione/lugo/consultazioni/${FILE_SLUG}/risposte.csv`);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(lines.length, 2, lines.join('\n'));
  const link = lines[1].match(/https?:\/\/\S+?\/file\/[0-9a-f]+\/file/)[0];
  const photo = await giulia.request.get(link.replace(/^https?:\/\/[^/]+/, server.base));
  assert.equal(photo.headers()['content-type'], 'image/png');
  for (const p of [giulia, sara]) await p.context().close();
});
