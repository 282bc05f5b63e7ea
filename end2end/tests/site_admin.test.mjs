// The newsroom writes Amministrazione and free pages in the browser: Lugo's admin
// adds an office to an area (refused at the field when an area is put inside an
// area), seats a new person in it from a phone, and writes a free page with
// JavaScript off. The public pages show them, at 360 px and at desktop width, with
// axe-core clean and AgID's page-name element on each.
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

const SITE = '/gestione/lugo/sito';
const field = (page, name) => page.locator(`#entry-f${name}`);

async function saveAndPublish(page) {
  await page.getByRole('button', { name: 'Salva la bozza' }).click();
  await page.getByText('Bozza salvata.').waitFor();
  await page.getByRole('button', { name: 'Pubblica', exact: true }).click();
  await page.getByText('Stato attuale: Pubblicato.').waitFor();
}

test('an office, a person in it and a free page, from the newsroom to the site', async () => {
  const base = server.base;
  const giulia = await newPage(browser);
  await signIn(giulia, base, LUGO_ADMIN);

  // The office: an area inside an area is refused at the field, nothing typed lost.
  await giulia.goto(base + `${SITE}/unita/nuovo`);
  await hydrated(giulia);
  await checkPage(giulia, 'new unit');
  await field(giulia, 'unit_kind').selectOption('area');
  await field(giulia, 'title').fill('Ufficio sport');
  await field(giulia, 'summary').fill('Impianti sportivi, contributi alle società sportive, eventi.');
  await field(giulia, 'body').fill('Gestisce le **palestre** comunali e i campi da calcio.');
  await field(giulia, 'parent').selectOption({ label: 'Area servizi al cittadino' });
  await field(giulia, 'place').selectOption('rocca-estense');
  await field(giulia, 'phone').fill('0545 38 500');
  await field(giulia, 'email').fill('sport@comune.lugo.example.it');
  await field(giulia, 'opening_hours').fill('lun-ven 09:00-12:30\ngio 15:00-17:00');
  await giulia.getByRole('button', { name: 'Salva la bozza' }).click();
  await giulia.locator('.piazza-error-summary').getByText("Solo un ufficio fa parte di un'area").waitFor();
  assert.equal(await field(giulia, 'title').inputValue(), 'Ufficio sport');
  await checkPage(giulia, 'unit refused', { allowConsole: CLIENT_ERRORS });
  await field(giulia, 'unit_kind').selectOption('office');
  await saveAndPublish(giulia);
  await screenshot(giulia, 'newsroom-office');

  // A person seated there, written on a phone.
  const phone = await newPage(browser, { viewport: PHONE });
  await signIn(phone, base, LUGO_ADMIN);
  await phone.goto(base + `${SITE}/persone/nuovo`);
  await hydrated(phone);
  await field(phone, 'person_kind').selectOption('staff');
  await field(phone, 'title').fill('Marta Gentilini');
  await field(phone, 'role').fill("Responsabile dell'Ufficio sport");
  await field(phone, 'summary').fill('Segue gli impianti e i contributi alle società.');
  await field(phone, 'seat_1').selectOption({ label: 'Ufficio sport' });
  await field(phone, 'seat_role_1').fill('Responsabile');
  await saveAndPublish(phone);
  await checkPage(phone, 'person published on a phone');
  await screenshot(phone, 'newsroom-person-phone');

  // A free page, with JavaScript off: the forms are plain posts.
  const plain = await newPage(browser, { javaScriptEnabled: false });
  await signIn(plain, base, LUGO_ADMIN, undefined, { plain: true });
  await plain.goto(base + `${SITE}/pagine/nuovo`);
  await field(plain, 'page_section').selectOption('vivere-il-comune');
  await field(plain, 'title').fill('I parchi di Lugo');
  await field(plain, 'summary').fill('Dove sono i parchi e le aree verdi della città.');
  await field(plain, 'body').fill('Il **parco del Loto** è aperto tutto l\'anno.\n\n- giochi per bambini\n- area cani');
  await field(plain, 'topic').selectOption('spazio-verde');
  await plain.getByRole('button', { name: 'Salva la bozza' }).click();
  await plain.getByText('Bozza salvata.').waitFor();
  await plain.getByRole('button', { name: 'Pubblica', exact: true }).click();
  await plain.getByText('Stato attuale: Pubblicato.').waitFor();
  await screenshot(plain, 'newsroom-page-no-js');

  // The public site, at both widths.
  for (const [label, viewport] of [['desktop', undefined], ['phone', PHONE]]) {
    const citizen = await newPage(browser, viewport ? { viewport } : {});
    await citizen.goto(base + '/lugo/amministrazione/uffici/ufficio-sport');
    await hydrated(citizen);
    await citizen.getByRole('heading', { name: 'Ufficio sport', level: 1 }).waitFor();
    await citizen.getByRole('link', { name: 'Marta Gentilini' }).waitFor();
    await citizen.getByText('gio 15:00-17:00').waitFor();
    assert.equal(await citizen.locator('strong', { hasText: 'palestre' }).count(), 1);
    await checkPage(citizen, `office ${label}`);
    await screenshot(citizen, `office-${label}`);
    await citizen.getByRole('link', { name: 'Marta Gentilini' }).click();
    await citizen.getByRole('heading', { name: 'Marta Gentilini', level: 1 }).waitFor();
    await citizen.getByRole('link', { name: 'Ufficio sport' }).first().waitFor();
    await checkPage(citizen, `person ${label}`);
    await citizen.goto(base + '/lugo/vivere-il-comune');
    await hydrated(citizen);
    await citizen.getByRole('link', { name: 'I parchi di Lugo' }).click();
    await citizen.getByRole('heading', { name: 'I parchi di Lugo', level: 1 }).waitFor();
    assert.equal(await citizen.locator('[data-element="page-name"]').count(), 1);
    assert.equal(await citizen.locator('.piazza-news-body strong').textContent(), 'parco del Loto');
    await citizen.getByRole('link', { name: 'Spazio Verde' }).waitFor();
    await checkPage(citizen, `free page ${label}`);
    await screenshot(citizen, `free-page-${label}`);
    await citizen.context().close();
  }
});
