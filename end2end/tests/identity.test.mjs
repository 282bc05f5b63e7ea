// Identity journeys in the browser: register, confirm the address through the
// captured mail, wrong and right password, reset, log out; an operator invitation
// accepted by a new person; login without JavaScript. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot } from '../helpers/server.mjs';
import { signIn, mailLink, CLIENT_ERRORS, LUGO_ADMIN, DEMO_PASSWORD } from '../helpers/people.mjs';

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

test('register, confirm by mail, log in, reset the password, log out', async () => {
  const email = `chiara.${Date.now()}@example.it`;
  const page = await newPage(browser);
  await page.goto(server.base + '/account/registrati');
  await hydrated(page);
  await checkPage(page, '/account/registrati');
  // Everything wrong at once: each field says what, the summary lists them.
  await page.locator('main').getByRole('button', { name: "Crea l'account" }).click();
  await page.waitForSelector('.piazza-error-summary');
  assert.match(await page.locator('.piazza-error-summary').textContent(), /indirizzo email valido/);
  assert.equal(await page.locator('#register-email').getAttribute('aria-invalid'), 'true');
  await checkPage(page, '/account/registrati (errors)', { allowConsole: CLIENT_ERRORS });
  await page.getByLabel('Nome e cognome').fill('Chiara Gallo');
  await page.getByLabel('Indirizzo email').fill(email);
  await page.locator('#register-password').fill('una piazza per tutti');
  await page.getByLabel('Ripeti la password').fill('una piazza per tutti');
  await page.locator('label[for=register-privacy-si]').click({ position: { x: 8, y: 12 } });
  await page.locator('main').getByRole('button', { name: "Crea l'account" }).click();
  await page.getByRole('heading', { name: 'Controlla la tua email' }).waitFor();
  await screenshot(page, 'register-done');

  const verify = await mailLink(browser, server.base, email);
  assert.match(verify, /\/account\/verifica\?token=/);
  await page.goto(verify);
  await hydrated(page);
  await checkPage(page, '/account/verifica', { allowConsole: CLIENT_ERRORS });
  await page.getByRole('button', { name: 'Confermo il mio indirizzo' }).click();
  await page.getByText('Indirizzo email confermato').waitFor();

  await page.goto(server.base + '/account/accedi');
  await hydrated(page);
  await page.getByLabel('Indirizzo email').fill(email);
  await page.getByLabel('Password').fill('non è la mia password');
  await page.locator('main').getByRole('button', { name: 'Accedi' }).click();
  await page.getByText('Email o password non corretti').waitFor();
  await checkPage(page, '/account/accedi (wrong password)', { allowConsole: CLIENT_ERRORS });
  await screenshot(page, 'login-wrong-password');
  await page.getByLabel('Password').fill('una piazza per tutti');
  await page.locator('main').getByRole('button', { name: 'Accedi' }).click();
  await page.waitForURL('**/account');
  await hydrated(page);
  assert.equal(await page.locator('.piazza-user-name').textContent(), 'Chiara Gallo');
  await checkPage(page, '/account', { allowConsole: CLIENT_ERRORS });
  await screenshot(page, 'account');

  // Log out from the menu in the header.
  await page.locator('.piazza-user-button').click();
  await page.getByRole('button', { name: 'Esci', exact: true }).click();
  await page.waitForURL(server.base + '/');
  await hydrated(page);
  assert.ok(await page.locator('.piazza-login-link').isVisible());

  // Forgotten password: a mailed link, a new password, the old one stops working.
  await page.goto(server.base + '/account/password-dimenticata');
  await hydrated(page);
  await checkPage(page, '/account/password-dimenticata');
  await page.getByLabel('Indirizzo email').fill(email);
  await page.locator('main').getByRole('button', { name: 'Invia il link' }).click();
  await page.getByText('riceverai a breve').waitFor();
  const reset = await mailLink(browser, server.base, email);
  assert.match(reset, /\/account\/nuova-password\?token=/);
  await page.goto(reset);
  await hydrated(page);
  await checkPage(page, '/account/nuova-password');
  await page.locator('#reset-password').fill('la mia nuova password');
  await page.getByLabel('Ripeti la password').fill('la mia nuova password');
  await page.locator('main').getByRole('button', { name: 'Salva la nuova password' }).click();
  await page.waitForURL('**/account/accedi?password=1');
  await page.getByText('Password aggiornata').waitFor();
  await signIn(page, server.base, email, 'la mia nuova password');
  await page.context().close();
});

test('an operator invitation is accepted end to end', async () => {
  const email = `stampa.${Date.now()}@comune.lugo.example.it`;
  const giulia = await newPage(browser);
  await signIn(giulia, server.base, LUGO_ADMIN);
  await giulia.goto(server.base + '/gestione/lugo');
  await hydrated(giulia);
  await checkPage(giulia, '/gestione/lugo');
  await screenshot(giulia, 'dashboard-lugo');
  await giulia.getByRole('link', { name: 'Persone e ruoli' }).click();
  await giulia.waitForURL('**/gestione/persone?ambito=ente:lugo');
  await hydrated(giulia);
  await giulia.getByLabel('Indirizzo email').fill(email);
  await giulia.getByLabel('Ruolo', { exact: true }).selectOption('press_office');
  await giulia.getByLabel('Messaggio (facoltativo)').fill('Ti aspettiamo in redazione.');
  await giulia.getByRole('button', { name: "Invia l'invito" }).click();
  await giulia.getByText('Invito inviato.', { exact: true }).waitFor();
  await giulia.locator('.piazza-invitations-table').getByText(email).waitFor();
  await checkPage(giulia, '/gestione/persone');
  await screenshot(giulia, 'team-lugo');

  const link = await mailLink(browser, server.base, email);
  const newcomer = await newPage(browser);
  await newcomer.goto(link);
  await hydrated(newcomer);
  assert.match(await newcomer.locator('main .lead').textContent(), /Ufficio stampa.*Comune di Lugo/);
  await checkPage(newcomer, '/account/invito');
  await screenshot(newcomer, 'invitation');
  await newcomer.getByLabel('Nome e cognome').fill('Davide Marchi');
  await newcomer.locator('#accept-password').fill('comunicati stampa 2026');
  await newcomer.getByLabel('Ripeti la password').fill('comunicati stampa 2026');
  await newcomer.locator('label[for=accept-privacy-si]').click({ position: { x: 8, y: 12 } });
  await newcomer.getByRole('button', { name: "Crea l'account e accetta" }).click();
  await newcomer.waitForURL('**/gestione/lugo');
  await hydrated(newcomer);
  assert.match(await newcomer.locator('main .lead').textContent(), /Ufficio stampa/);
  await checkPage(newcomer, '/gestione/lugo (new operator)');

  // Giulia sees the new colleague and the accepted invitation.
  await giulia.reload();
  await hydrated(giulia);
  assert.ok(await giulia.locator('.piazza-members-table').getByText('Davide Marchi').isVisible());
  assert.ok(await giulia.locator('.piazza-invitations-table').getByText('Accettato').first().isVisible());

  // Taking the role away asks first; Escape changes nothing, the dialog's button does.
  const revoke = giulia.getByRole('button', { name: 'Revoca il ruolo di Davide Marchi' });
  await revoke.click();
  const dialog = giulia.getByRole('alertdialog');
  await dialog.waitFor();
  await checkPage(giulia, 'revoke dialog');
  await giulia.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.ok(await giulia.locator('.piazza-members-table').getByText('Davide Marchi').isVisible());
  await revoke.click();
  await dialog.getByRole('button', { name: 'Revoca' }).click();
  await giulia.locator('.piazza-toast').getByText('Ruolo revocato.').waitFor();
  await giulia.locator('.piazza-members-table').getByText('Davide Marchi').waitFor({ state: 'detached' });
  await screenshot(giulia, 'team-after-revoke');
  await giulia.context().close();
  await newcomer.context().close();
});

test('without JavaScript: login, a wrong password, and the profile form', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(server.base + '/account/accedi');
  await page.getByLabel('Indirizzo email').fill(LUGO_ADMIN);
  await page.getByLabel('Password').fill('sbagliata sbagliata');
  await page.locator('main').getByRole('button', { name: 'Accedi' }).click();
  await page.getByText('Email o password non corretti').waitFor();
  await page.getByLabel('Indirizzo email').fill(LUGO_ADMIN);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.locator('main').getByRole('button', { name: 'Accedi' }).click();
  await page.waitForURL('**/account');
  assert.match(await page.locator('main').textContent(), /giulia\.neri@comune\.lugo\.example\.it/);
  // A demo form: the profile, saved by a plain post.
  await page.getByLabel('Anno di nascita').fill('1979');
  // Bootstrap Italia draws the box on the label, as people click it.
  await page.locator('label[for=profile-topics-sviluppo-sostenibile]').click();
  await page.getByRole('button', { name: 'Salva il profilo' }).click();
  await page.waitForURL('**/account?salvato=1');
  await page.getByText('Profilo salvato.').first().waitFor();
  assert.equal(await page.getByLabel('Anno di nascita').inputValue(), '1979');
  assert.equal(await page.getByLabel('Sviluppo sostenibile').isChecked(), true);
  await screenshot(page, 'account-nojs');
  await page.context().close();
});
