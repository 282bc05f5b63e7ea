// The Comune's site as AgID's validator for Comuni sites reads it (the model's
// conformance, "modello Comuni"): the menu, the footer's links, fonts, Bootstrap
// Italia, the second-level pages, the services and one service's card, the topics
// and the legal notes, with the rules of helpers/modello.mjs. axe-core on every page,
// at desktop and at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, checkPage, screenshot, PHONE } from '../helpers/server.mjs';
import { signIn, LUGO_ADMIN } from '../helpers/people.mjs';
import { TOPICS, SECOND_LEVEL, SERVICE_INDEX, LICENCE, menu, badFonts, bootstrapItalia, texts } from '../helpers/modello.mjs';

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

/** Opens a page, checks what every page of the model must pass, and returns it. */
async function open(page, path) {
  const res = await page.goto(server.base + path);
  assert.equal(res.status(), 200, path);
  await hydrated(page);
  assert.deepEqual(await badFonts(page), [], `fonts on ${path}`);
  const bi = await bootstrapItalia(page, server.base);
  assert.match(bi.version, /^2\.\d+\.\d+$/, `Bootstrap Italia's version on ${path}`);
  assert.ok(bi.share >= 0.3, `${Math.round(bi.share * 100)}% of the classes on ${path} are Bootstrap Italia's`);
  const foreign = (await page.context().cookies()).filter((c) => c.domain.replace(/^\./, '') !== '127.0.0.1');
  assert.deepEqual(foreign, [], `cookies of other sites on ${path}`);
  await checkPage(page, path);
}

test("the home page: the model's menu, topics link and footer", async () => {
  const page = await newPage(browser);
  await open(page, '/lugo');
  assert.deepEqual((await menu(page)).map(([el, text]) => [el, text]), [
    ['management', 'Amministrazione'], ['news', 'Novità'], ['all-services', 'Servizi'], ['live', 'Vivere il Comune'],
  ]);
  assert.equal(await page.locator('[data-element="all-topics"]').count(), 1);
  const footer = page.locator('footer');
  assert.match((await footer.locator('[data-element="faq"]').textContent()).toLowerCase(), /faq|domande frequenti/);
  assert.ok(['disservizio', 'segnala disservizio', 'segnalazione disservizio']
    .includes((await footer.locator('[data-element="report-inefficiency"]').textContent()).trim().toLowerCase()));
  assert.equal(await footer.locator('[data-element="report-inefficiency"]').getAttribute('href'), '/lugo/segnala-disservizio');
  for (const el of ['report-inefficiency', 'privacy-policy-link', 'legal-notes', 'accessibility-link']) {
    const href = await footer.locator(`[data-element="${el}"]`).getAttribute('href');
    assert.ok(href && href !== '#', el);
    if (href.startsWith('/')) assert.equal((await page.request.get(server.base + href)).status(), 200, href);
  }
  await screenshot(page, 'modello-home');
  await page.context().close();
});

test('the first-level pages lead to second-level pages with the model\'s titles', async () => {
  for (const viewport of [undefined, PHONE]) {
    const page = await newPage(browser, viewport ? { viewport } : {});
    for (const [path, element] of [['/lugo/amministrazione', 'management-category-link'],
      ['/lugo/novita', 'news-category-link'], ['/lugo/servizi', 'service-category-link']]) {
      await open(page, path);
      const titles = (await texts(page, element)).map((t) => t.toLowerCase());
      assert.ok(titles.length > 0, path);
      assert.deepEqual(titles.filter((t) => !SECOND_LEVEL[element].includes(t)), [], `titles on ${path}`);
      for (const href of await page.locator(`[data-element="${element}"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        assert.equal((await page.request.get(server.base + href)).status(), 200, href);
      }
    }
    await open(page, '/lugo/vivere-il-comune');
    for (const el of ['live-button-locations', 'live-button-events']) {
      const target = await page.locator(`[data-element="${el}"]`).getAttribute('href');
      assert.equal((await page.request.get(server.base + target)).status(), 200, target);
    }
    if (viewport) await screenshot(page, 'modello-vivere-phone');
    await open(page, '/lugo/amministrazione/uffici');
    await page.locator('a[data-element="administration-link"]', { hasText: 'Ufficio anagrafe' }).click();
    await page.waitForURL('**/lugo/amministrazione/uffici/ufficio-anagrafe');
    await page.getByRole('heading', { name: 'Orari di apertura' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Anna Zani' }).isVisible());
    await checkPage(page, '/lugo/amministrazione/uffici/ufficio-anagrafe');
    if (viewport) await screenshot(page, 'modello-ufficio-phone');
    await page.context().close();
  }
});

test("Servizi: every service on one page, each card with the model's sections", async () => {
  const page = await newPage(browser);
  await open(page, '/lugo/servizi');
  const links = await page.locator('a[data-element="service-link"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length >= 10, `${links.length} services`);
  assert.equal(await page.locator('[data-element="pager-link"]').count(), 0);
  assert.equal(await page.locator('a[data-element="appointment-booking"]').count(), 1);
  await screenshot(page, 'modello-servizi');
  for (const href of links.slice(0, 3).concat(links.slice(-2))) {
    await open(page, href);
    const index = await page.locator('ul[data-element="page-index"] > li > a').allTextContents();
    const found = SERVICE_INDEX.filter(([title]) => index.map((t) => t.trim()).includes(title));
    assert.deepEqual(found.map(([t]) => t), SERVICE_INDEX.map(([t]) => t), `index of ${href}`);
    for (const [title, selector] of SERVICE_INDEX) {
      const el = page.locator(selector).first();
      assert.ok(await el.count() === 1, `${title} on ${href}`);
      if (!selector.startsWith('a[')) assert.ok((await el.textContent()).trim().length >= 3, `${title} has text on ${href}`);
    }
    for (const el of ['service-title', 'service-description', 'service-status', 'service-topic']) {
      assert.ok((await page.locator(`[data-element="${el}"]`).first().textContent()).trim().length >= 3, `${el} on ${href}`);
    }
    const crumbs = (await page.locator('[data-element="breadcrumb"] li').allTextContents())
      .map((t) => t.toLowerCase().replace(/[^a-z0-9 ]/g, '').trim());
    assert.ok(crumbs.indexOf('servizi') >= 0 && crumbs[crumbs.indexOf('servizi') + 1].length >= 3, crumbs.join(' / '));
    assert.equal(await page.locator('a[data-element="appointment-booking"]').count(), 1);
    const ld = JSON.parse(await page.locator('[data-element="metatag"]').textContent());
    for (const value of [ld.name, ld.serviceType, ld.serviceOperator.name, ld.areaServed.name, ld.audience.audienceType,
      ld.availableChannel.serviceUrl, ld.availableChannel.serviceLocation.name,
      ld.availableChannel.serviceLocation.address.streetAddress, ld.availableChannel.serviceLocation.address.postalCode,
      ld.availableChannel.serviceLocation.address.addressLocality]) {
      assert.ok(typeof value === 'string' && value.length > 0, `${JSON.stringify(ld)} on ${href}`);
    }
    const file = await page.locator('a[data-element="service-file"]').getAttribute('href');
    const terms = await page.request.get(server.base + file);
    assert.equal(terms.status(), 200);
    assert.match(terms.headers()['content-type'], /^text\/plain/);
  }
  await screenshot(page, 'modello-servizio');
  await page.context().close();
});

test('the topics are the model\'s; the legal notes carry its licence', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await open(page, '/lugo/argomenti');
  const topics = await texts(page, 'topic-element');
  assert.equal(topics.length, 64);
  assert.deepEqual(topics.filter((t) => !TOPICS.map((x) => x.toLowerCase()).includes(t.toLowerCase())), []);
  await page.locator('a[data-element="topic-element"]', { hasText: 'Anagrafe' }).click();
  await page.waitForURL('**/lugo/argomenti/anagrafe');
  await page.locator('a[data-element="service-link"]', { hasText: "carta d'identità" }).waitFor();
  await checkPage(page, '/lugo/argomenti/anagrafe');
  await open(page, '/lugo/note-legali');
  assert.equal((await texts(page, 'legal-notes-section')).join('').toLowerCase(), 'licenza dei contenuti');
  const body = (await texts(page, 'legal-notes-body')).join(' ').toLowerCase().replace(/\s+/g, ' ').replaceAll("'", '’');
  assert.equal(body, LICENCE.toLowerCase());
  await screenshot(page, 'modello-note-legali-phone');
  await open(page, '/lugo/faq');
  await page.getByText('Come prenoto un appuntamento?').click();
  await page.getByRole('link', { name: 'Prenota appuntamento' }).click();
  await page.waitForURL('**/lugo/prenota-appuntamento');
  await page.locator('a', { hasText: 'Ufficio anagrafe' }).waitFor();
  await checkPage(page, '/lugo/prenota-appuntamento');
  await page.context().close();
});

/** Whether the element is shown the way the validator measures it. */
async function visible(page, selector) {
  return page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden' && r.height > 0 && r.width > 0;
  });
}

test('the feedback widget: stars lead to the right questions; a rating reaches the operators', async () => {
  const page = await newPage(browser);
  await open(page, '/lugo/servizi/cambio-residenza');
  const widget = page.locator('[data-element="feedback"]');
  assert.equal((await widget.locator('[data-element="feedback-title"]').textContent()).trim(),
    'Quanto sono chiare le informazioni su questa pagina?');
  assert.equal(await visible(page, '[data-element="feedback-rating-positive"]'), false);
  for (const stars of [1, 2, 3, 4, 5, 5, 2]) {
    // Twice on the same star leaves it as it is (the validator clicks each twice).
    await page.locator(`[data-element="feedback-rate-${stars}"]`).click();
    await page.locator(`[data-element="feedback-rate-${stars}"]`).evaluate((e) => e.click());
    const good = stars > 3;
    assert.equal(await visible(page, '[data-element="feedback-rating-positive"]'), good, `${stars} stars`);
    assert.equal(await visible(page, '[data-element="feedback-rating-negative"]'), !good, `${stars} stars`);
  }
  const negative = page.locator('[data-element="feedback-rating-negative"]');
  assert.equal((await negative.locator('[data-element="feedback-rating-question"]').textContent()).trim(),
    'Dove hai incontrato le maggiori difficoltà?');
  assert.deepEqual((await negative.locator('[data-element="feedback-rating-answer"]').allTextContents()).map((t) => t.trim()), [
    'A volte le indicazioni non erano chiare', 'A volte le indicazioni non erano complete',
    'A volte non capivo se stavo procedendo correttamente', 'Ho avuto problemi tecnici', 'Altro',
  ]);
  await negative.getByText('Ho avuto problemi tecnici').click();
  await page.locator('[data-element="feedback-input-text"]').fill('Il modulo online non si apriva');
  await checkPage(page, 'the feedback widget, open');
  await screenshot(page, 'modello-feedback');
  await widget.getByRole('button', { name: 'Invia' }).click();
  await widget.getByText('Grazie, il tuo parere ci aiuterà').waitFor();
  assert.equal(new URL(page.url()).pathname, '/lugo/servizi/cambio-residenza', 'the page stays');

  // Without JavaScript the same form rates a page and thanks.
  const plain = await newPage(browser, { javaScriptEnabled: false, viewport: PHONE });
  await plain.goto(server.base + '/lugo/servizi/cambio-residenza');
  await plain.locator('[data-element="feedback-rate-5"]').click();
  assert.equal(await visible(plain, '[data-element="feedback-rating-positive"]'), true);
  await plain.locator('[data-element="feedback-rating-positive"]').getByText('Le indicazioni erano chiare').click();
  await plain.getByRole('button', { name: 'Invia' }).click();
  await plain.waitForURL(/valutazione=grazie/);
  await plain.getByText('Grazie, il tuo parere ci aiuterà').waitFor();
  await plain.context().close();

  // Lugo's admin reads both, page by page.
  await signIn(page, server.base, LUGO_ADMIN);
  await page.goto(server.base + '/gestione/lugo/valutazioni');
  await hydrated(page);
  const row = page.locator('tr', { has: page.getByRole('link', { name: '/lugo/servizi/cambio-residenza' }) });
  assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 2), ['2', '3,50']);
  assert.match(await row.textContent(), /Ho avuto problemi tecnici \(1\)/);
  assert.match(await row.textContent(), /Il modulo online non si apriva/);
  await checkPage(page, '/gestione/lugo/valutazioni');
  await screenshot(page, 'modello-valutazioni');
  await page.context().close();
});

test('the events page: its links, and more events without leaving the page', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(server.base + '/lugo/eventi');
  await hydrated(page);
  const links = page.locator('a[data-element="event-link"]');
  const before = await links.count();
  assert.ok(before > 0);
  await page.locator('[data-element="load-other-cards"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('a[data-element="event-link"]').length > n, before);
  assert.equal(new URL(page.url()).pathname, '/lugo/eventi', 'the page stays');
  const after = await links.count();
  await page.locator('[data-element="load-other-cards"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('a[data-element="event-link"]').length > n, after);
  await checkPage(page, '/lugo/eventi (more events)');
  await screenshot(page, 'modello-eventi-phone');
  // Without JavaScript it is the next month's list.
  const plain = await newPage(browser, { javaScriptEnabled: false });
  await plain.goto(server.base + '/lugo/eventi');
  await plain.locator('[data-element="load-other-cards"]').click();
  await plain.waitForURL(/vista=elenco&data=\d{4}-\d{2}-01/);
  assert.ok(await plain.locator('a[data-element="event-link"]').count() > 0);
  await plain.context().close();
  await page.context().close();
});
