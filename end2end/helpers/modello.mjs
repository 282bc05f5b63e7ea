// The checks of AgID's validator for Comuni sites (pa-website-validator-ng), as
// this project reads them (docs/ARCHITECTURE.md, "The model's conformance"): each
// function runs one audit's rule on the page open in the browser, the way the
// validator reads it (data-element attributes, exact texts), and returns what it
// found so that the test can say what is wrong.

/** The model's 64 topics (municipalityModelVocabulary). */
export const TOPICS = [
  "Accesso all'informazione", 'Acqua', 'Agricoltura', 'Anagrafe', 'Animale domestico', 'Aria',
  'Assistenza agli invalidi', 'Assistenza sociale', 'Associazioni', 'Bilancio', 'Commercio al minuto',
  "Commercio all'ingrosso", 'Commercio ambulante', 'Comunicazione istituzionale', 'Comunicazione politica',
  'Concorsi', 'Covid-19', 'Elezioni', 'Energie rinnovabili', 'Estero', 'Foreste', 'Formazione professionale',
  'Gemellaggi', 'Gestione rifiuti', 'Giustizia', 'Igiene pubblica', 'Immigrazione', 'Imposte', 'Imprese',
  'Inquinamento', 'Integrazione sociale', 'Isolamento termico', 'Istruzione', 'Lavoro', 'Matrimonio',
  'Mercato', 'Mobilità sostenibile', 'Morte', 'Nascita', 'Parcheggi', 'Patrimonio culturale', 'Pesca',
  'Piano di sviluppo', 'Pista ciclabile', 'PNRR', 'Politica commerciale', 'Polizia', 'Prodotti alimentari',
  'Protezione civile', 'Residenza', 'Risposta alle emergenze', 'Sistema giuridico', 'Spazio Verde', 'Sport',
  'Sviluppo sostenibile', 'Tassa sui servizi', 'Tempo libero', 'Trasparenza amministrativa',
  'Trasporto pubblico', 'Turismo', 'Urbanizzazione', 'Viaggi', 'Zone pedonali', 'ZTL',
];

/** The second-level titles each first-level page may show (C.SI.1.7). */
export const SECOND_LEVEL = {
  'management-category-link': ['aree amministrative', 'documenti e dati', 'enti e fondazioni', 'organi di governo',
    'personale amministrativo', 'politici', 'uffici'],
  'news-category-link': ['avvisi', 'comunicati', 'notizie'],
  'service-category-link': ['educazione e formazione', 'salute, benessere e assistenza', 'vita lavorativa',
    'mobilità e trasporti', 'catasto e urbanistica', 'anagrafe e stato civile', 'turismo',
    'giustizia e sicurezza pubblica', 'tributi, finanze e contravvenzioni', 'cultura e tempo libero', 'ambiente',
    'imprese e commercio', 'autorizzazioni', 'appalti pubblici', 'agricoltura e pesca', 'agricoltura, caccia e pesca'],
};

/** The service card's index, in the model's order (C.SI.1.3), with what must fill each. */
export const SERVICE_INDEX = [
  ['A chi è rivolto', '[data-element="service-addressed"]'],
  ['Come fare', '[data-element="service-how-to"]'],
  ['Cosa serve', '[data-element="service-needed"]'],
  ['Cosa si ottiene', '[data-element="service-achieved"]'],
  ['Tempi e scadenze', '[data-element="service-calendar-text"]'],
  ['Accedi al servizio', '[data-element="service-generic-access"]'],
  ['Condizioni di servizio', 'a[data-element="service-file"]'],
  ['Contatti', '[data-element="service-area"]'],
];

export const LICENCE = 'In applicazione del principio open by default ai sensi dell’articolo 52 del decreto legislativo 7 marzo 2005, n. 82 (CAD) e salvo dove diversamente specificato (compresi i contenuti incorporati di terzi), i dati, i documenti e le informazioni pubblicati sul sito sono rilasciati con licenza CC-BY 4.0. Gli utenti sono quindi liberi di condividere (riprodurre, distribuire, comunicare al pubblico, esporre in pubblico), rappresentare, eseguire e recitare questo materiale con qualsiasi mezzo e formato e modificare (trasformare il materiale e utilizzarlo per opere derivate) per qualsiasi fine, anche commerciale con il solo onere di attribuzione, senza apporre restrizioni aggiuntive.';

/** C.SI.1.6: every element of the four menu marks, in the validator's order. */
export async function menu(page) {
  return page.evaluate(() => ['management', 'news', 'all-services', 'live'].flatMap((el) =>
    [...document.querySelectorAll(`[data-element="${el}"]`)].map((a) => [el, a.textContent.trim(), a.getAttribute('href')])));
}

/** C.SI.1.1: the elements among h1–h6 and p (and their children) whose first font
 * family is not one of the model's three. */
export async function badFonts(page) {
  return page.evaluate(() => {
    const allowed = ['Titillium Web', 'Lora', 'Roboto Mono'];
    const first = (e) => getComputedStyle(e).fontFamily.split(',', 1)[0].replaceAll('"', '').replaceAll("'", '').trim();
    const bad = [];
    for (const e of document.body.querySelectorAll('h1, h2, h3, h4, h5, h6, p')) {
      for (const x of [e, ...e.querySelectorAll('*')]) {
        if (!allowed.includes(first(x))) bad.push(`${x.tagName.toLowerCase()}: ${first(x)}`);
      }
    }
    return [...new Set(bad)];
  });
}

/** C.SI.1.2: the version the page exposes, and the share of its class names that
 * are Bootstrap Italia's (the classes its stylesheet defines). */
export async function bootstrapItalia(page, base) {
  const css = await (await page.request.get(base + '/vendor/bootstrap-italia/css/bootstrap-italia.min.css')).text();
  const known = new Set([...css.matchAll(/\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)/g)].map((m) => m[1]));
  return page.evaluate((knownList) => {
    const known = new Set(knownList);
    const classes = new Set();
    for (const e of document.querySelectorAll('[class]')) {
      for (const c of (e.getAttribute('class') || '').split(' ')) if (c) classes.add(c);
    }
    const ours = [...classes].filter((c) => known.has(c));
    return { version: window.BOOTSTRAP_ITALIA_VERSION, share: ours.length / classes.size };
  }, [...known]);
}

/** The texts of the links that carry `element`. */
export async function texts(page, element) {
  return (await page.locator(`[data-element="${element}"]`).allTextContents()).map((t) => t.trim());
}
