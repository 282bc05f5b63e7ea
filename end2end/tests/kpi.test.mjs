// KPIs, strategy and policy in the browser: a realistic Meta export (UTF-16 with
// Excel's sep= line) is uploaded, its columns mapped and imported into the charts;
// a malformed Italian export is refused naming the line and the column, with
// nothing imported; the strategy gets a new version; the external policy is a
// public page; the monthly report prints. axe-core on every page.
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

const MARCO = 'marco.bassi@comune.lugo.example.it';
const KPI = '/gestione/lugo/social/kpi';

function metaDate(daysAgo) {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(d).split('-');
  return `${m}/${day}/${y} 10:30`;
}

function utf16(text) {
  const body = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
}

async function uploadFile(page, channel, name, buffer) {
  await page.goto(server.base + KPI);
  await hydrated(page);
  await page.locator('#kpi-upload-channel').selectOption({ label: channel });
  await page.locator('#kpi-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: 'Carica e scegli le colonne' }).click();
  await page.waitForURL((u) => new URL(u).pathname.startsWith(`${KPI}/importa/`));
  await hydrated(page);
}

test('a Meta export becomes charts; a malformed one is refused by line and column', async () => {
  const marco = await newPage(browser);
  await signIn(marco, server.base, MARCO);
  await marco.goto(server.base + KPI);
  await hydrated(marco);
  assert.equal(await marco.locator('figure.piazza-chart').count(), 3);
  await checkPage(marco, 'KPI page');

  const csv = 'sep=,\nPost ID,Page ID,Page name,Title,Description,Publish time,Permalink,Post type,Views,Reach,Reactions,Comments,Shares,Total clicks\n'
    + `9001,123,Comune di Lugo,,"Lavori in viale Orsini, come cambia la viabilità",${metaDate(5)},https://www.facebook.com/comunedilugo/posts/9001,Photos,"5,120","3,210",140,22,31,96\n`
    + `9002,123,Comune di Lugo,,Mercatino di Natale in Pavaglione,${metaDate(4)},https://www.facebook.com/comunedilugo/posts/9002,Photos,"2,400","1,650",80,5,12,40\n`
    + `9003,123,Comune di Lugo,,Allerta meteo arancione: scuole chiuse,${metaDate(3)},https://www.facebook.com/comunedilugo/posts/9003,Links,"19,900","17,020",460,148,1210,350\n`;
  await uploadFile(marco, 'Facebook Comune di Lugo', 'Post-Facebook-Comune-di-Lugo.csv', utf16(csv));
  // The columns are recognised from Meta's headers; engagements add three of them.
  assert.equal(await marco.locator('#map-date').inputValue(), 'Publish time');
  assert.equal(await marco.locator('#map-post').inputValue(), 'Post ID');
  assert.equal(await marco.locator('#map-order').inputValue(), 'mdy');
  for (const col of ['Reactions', 'Comments', 'Shares']) {
    assert.ok(await marco.locator('.piazza-mapping input[name="engagements[]"][value="' + col + '"]').isChecked(), col);
  }
  await checkPage(marco, 'KPI mapping');
  await screenshot(marco, 'kpi-mapping');
  await marco.getByRole('button', { name: 'Importa' }).click();
  await marco.waitForURL((u) => new URL(u).pathname === KPI);
  await marco.getByText('Importate 3 righe.').waitFor();
  await marco.locator('.piazza-top-posts').getByText('Allerta meteo arancione: scuole chiuse').waitFor();
  await marco.getByText('Post-Facebook-Comune-di-Lugo.csv per Facebook Comune di Lugo, 3 righe').waitFor();
  await hydrated(marco);
  await checkPage(marco, 'KPI page after the import');
  await screenshot(marco, 'kpi-charts');

  // An Italian spreadsheet with a word where a number goes: refused, nothing saved.
  const today = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' });
  const it = (n) => today.format(new Date(Date.now() - n * 86_400_000));
  const bad = `Data;Follower;Copertura\r\n${it(4)};2.410;1.200\r\n${it(3)};2.415;1.350\r\n${it(2)};duemila;1.100\r\n`;
  await uploadFile(marco, 'Instagram Comune di Lugo', 'insights.csv', Buffer.from(bad, 'latin1'));
  assert.equal(await marco.locator('#map-order').inputValue(), 'dmy');
  await marco.getByRole('button', { name: 'Importa' }).click();
  const problems = marco.locator('.piazza-import-problems');
  await problems.getByText('Riga 4, colonna «Follower»: «duemila» — non è un numero').waitFor();
  await problems.getByText('Non è stato salvato nulla').waitFor();
  await hydrated(marco);
  await checkPage(marco, 'KPI import refused', { allowConsole: CLIENT_ERRORS });
  await screenshot(marco, 'kpi-refused');
  await marco.goto(server.base + KPI);
  await hydrated(marco);
  assert.equal(await marco.getByText('insights.csv').count(), 0);

  // The monthly report, ready to print.
  await marco.goto(server.base + `${KPI}/report`);
  await hydrated(marco);
  await marco.getByRole('heading', { name: /Report social di/ }).waitFor();
  await checkPage(marco, 'monthly report');
  await marco.emulateMedia({ media: 'print' });
  assert.equal(await marco.locator('.piazza-work-nav').isVisible(), false);
  await screenshot(marco, 'kpi-report-print');
  await marco.emulateMedia({ media: 'screen' });
});

test('the strategy gets a new version; the external policy is public', async () => {
  const marco = await newPage(browser);
  await signIn(marco, server.base, MARCO);
  await marco.goto(server.base + '/gestione/lugo/social/strategia');
  await hydrated(marco);
  await marco.locator('.piazza-objectives').getByText('Post che fanno partecipare').waitFor();
  await checkPage(marco, 'strategy');
  await marco.locator('.piazza-doc-editor summary').click();
  await marco.locator('#strategy-sectionstone').fill('Chiaro e cortese, con il «voi». Niente sigle non spiegate.');
  await marco.locator('#strategy-note').fill('Tono di voce più semplice');
  await marco.getByRole('button', { name: 'Salva una nuova versione' }).click();
  await marco.getByText('Nuova versione salvata.').waitFor();
  await marco.locator('.piazza-history summary').click();
  await marco.locator('.piazza-history').getByText('Tono di voce più semplice').waitFor();
  await hydrated(marco);
  await checkPage(marco, 'strategy with a new version');
  await screenshot(marco, 'strategy');

  const visitor = await newPage(browser);
  await visitor.goto(server.base + '/lugo/social-media-policy');
  await hydrated(visitor);
  await visitor.getByRole('heading', { name: 'Regole di partecipazione' }).waitFor();
  await checkPage(visitor, 'public social media policy');
  await screenshot(visitor, 'policy-public');
});

test('a member answers the skills questionnaire and the team sees its gaps', async () => {
  const marco = await newPage(browser);
  await signIn(marco, server.base, MARCO);
  await marco.goto(server.base + '/gestione/lugo/social/formazione');
  await hydrated(marco);
  await checkPage(marco, 'training needs');
  const levels = ['l3', 'l2', 'l1', 'l1', 'l2', 'l0', 'l3', 'l2', 'l4', 'l1'];
  for (let i = 0; i < levels.length; i++) {
    await marco.locator(`input[name="answers[q1__s${i + 1}]"][value="${levels[i]}"]`).check();
  }
  await marco.getByRole('button', { name: 'Invia le risposte' }).click();
  await marco.getByText('Risposte salvate.').waitFor();
  const matrix = marco.locator('.piazza-skills-matrix');
  await matrix.getByRole('columnheader', { name: 'Marco Bassi' }).waitFor();
  await matrix.getByRole('columnheader', { name: 'Giulia Neri' }).waitFor();
  // Crisis communication: Marco «Nessuna», three levels short of «Buona».
  const crisis = matrix.locator('tr', { hasText: 'Comunicazione di crisi' });
  assert.match(await crisis.textContent(), /Nessuna \(mancano 3\)/);
  await marco.getByText('Percorso 3: webinar, laboratorio e accesso alla community').first().waitFor();
  await hydrated(marco);
  await checkPage(marco, 'training matrix');
  await screenshot(marco, 'training-matrix');
});
