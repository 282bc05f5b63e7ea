// The demo people, and the steps every identity journey shares: signing in, and
// reading a captured mail from the administrators' outbox page.
import assert from 'node:assert/strict';
import { newPage, hydrated } from './server.mjs';

export const DEMO_PASSWORD = 'piazza-demo-2026';
export const ADMIN = 'admin@piazza.example.it';
export const LUGO_ADMIN = 'giulia.neri@comune.lugo.example.it';

/** Failed server calls show up in the console as 4xx responses: expected in error journeys. */
export const CLIENT_ERRORS = /status of 4\d\d/;

/** Signs in through the login page and waits for the account page; `plain` for a
 * page without JavaScript (the form posts as it is). */
export async function signIn(page, base, email, password = DEMO_PASSWORD, { plain = false } = {}) {
  await page.goto(base + '/account/accedi');
  if (!plain) await hydrated(page);
  // By id: the same steps in either language.
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('main button[type=submit]').click();
  await page.waitForURL('**/account');
}

/** The link in the newest captured mail to `to`, as a platform administrator reads
 * it: the first of the site's, or the first that `which` picks. */
export async function mailLink(browser, base, to, which = () => true) {
  const page = await newPage(browser);
  await signIn(page, base, ADMIN);
  await page.goto(`${base}/admin/posta?a=${encodeURIComponent(to)}`);
  await hydrated(page);
  const body = await page.locator('.piazza-mail-body').first().textContent();
  await page.context().close();
  const link = body.split(/\s+/).find((w) => w.startsWith(base) && which(w));
  assert.ok(link, `a link in the mail to ${to}:\n${body}`);
  return link;
}
