//! `piazza seed-demo`: the Unione dei Comuni della Bassa Romagna with three member
//! Comuni, their news, events and places, and the people of `people`. Running
//! it again changes nothing.

mod administration;
mod agenda;
pub mod consultations;
pub mod files;
pub mod forum;
pub mod large;
mod large_site;
pub mod newsletter_bench;
mod newsletters;
mod pages;
pub mod people;
mod press;
mod services;
pub mod social;
mod social_kpi;

use app::content::repo::{self as content, NewEvent, NewNews, NewPlace};
use app::db::{Db, DbError};
use app::ente::model::{EnteKind, Kit};
use app::ente::repo::{self as ente, NewEnte};
use app::ids::EnteId;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Rome;

struct DemoEnte {
    e: NewEnte<'static>,
    kit: Kit,
    places: &'static [NewPlace<'static>],
    /// (slug, title, summary, body, topic, days ago)
    news: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i64,
    )],
    /// (slug, title, summary, place slug, days ahead, hour, length in hours)
    events: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i64,
        u32,
        i64,
    )],
}

/// Fields the demo enti leave empty.
const BLANK: NewEnte<'static> = NewEnte::new("", "", EnteKind::Comune);

const UNIONE: DemoEnte = DemoEnte {
    e: NewEnte {
        slug: "bassa-romagna",
        name: "Unione dei Comuni della Bassa Romagna",
        kind: EnteKind::UnioneComuni,
        description: "L'Unione gestisce in forma associata servizi sociali, polizia locale, sportello unico per le attività produttive e sistemi informativi per i Comuni aderenti.",
        address: "Piazza dei Martiri 1, 48022 Lugo (RA)",
        phone: "0545 38111",
        email: "urp@unione.labassaromagna.example.it",
        pec: "pg.unione.labassaromagna.it@cert.example.it",
        istat_code: None,
        lat: Some(44.4212),
        lon: Some(11.9116),
        ..BLANK
    },
    kit: Kit::Plus,
    places: &[NewPlace {
        slug: "sede-unione",
        name: "Sede dell'Unione",
        kind: "Ufficio",
        description: "Uffici di presidenza, segreteria generale e sportello URP dell'Unione.",
        address: "Piazza dei Martiri 1, Lugo",
        lat: 44.4212,
        lon: 11.9116,
    }],
    news: &[
        ("piano-comunicazione-social-2027", "Al via il piano di comunicazione social 2027", "L'Unione avvia con i Comuni il percorso per una strategia social condivisa.", "Il social media team dell'Unione, con gli uffici stampa dei Comuni, lavorerà nei prossimi sei mesi a una strategia condivisa: obiettivi misurabili, pubblici, canali e una policy per il personale e per i cittadini.\n\nIl percorso prevede tre laboratori aperti e una consultazione pubblica sulle regole di partecipazione alle pagine istituzionali.", "Comunicazione istituzionale", 3),
        ("sportello-unico-nuovi-orari", "Sportello unico per le attività produttive: nuovi orari", "Dal 1° dicembre lo SUAP riceve anche il giovedì pomeriggio su appuntamento.", "Per rispondere alle richieste delle imprese, lo Sportello unico per le attività produttive amplia l'orario di ricevimento.\n\nGli appuntamenti si prenotano online o chiamando il numero dell'URP.", "Imprese", 9),
        ("bando-contributi-associazioni", "Contributi alle associazioni del territorio", "Aperto il bando per progetti di volontariato e promozione sociale.", "Le associazioni iscritte al registro unico possono presentare progetti fino al 31 gennaio.\n\nSaranno finanziate iniziative di inclusione, cultura e protezione civile in almeno due Comuni dell'Unione.", "Assistenza sociale", 16),
    ],
    events: &[
        ("laboratorio-strategia-social", "Laboratorio: la strategia social dell'Unione", "Primo incontro del laboratorio di community building con i referenti dei Comuni.", "sede-unione", 6, 15, 2),
        ("webinar-policy-social", "Webinar: scrivere la social media policy", "Un'ora e mezza con esperti e Q&A dal vivo, registrazione disponibile dopo l'evento.", "sede-unione", 13, 10, 2),
    ],
};

const COMUNI: [DemoEnte; 3] = [
    DemoEnte {
        e: NewEnte {
        slug: "lugo",
        name: "Comune di Lugo",
        kind: EnteKind::Comune,
        description: "Città del Pavaglione e della Rocca estense, Lugo è il centro principale della Bassa Romagna.",
        address: "Piazza dei Martiri 1, 48022 Lugo (RA)",
        phone: "0545 38444",
        email: "urp@comune.lugo.example.it",
        pec: "comune.lugo@cert.example.it",
        istat_code: Some("039012"),
        lat: Some(44.4214),
        lon: Some(11.9108),
        ..BLANK
    },
        kit: Kit::Plus,
        places: &[
            NewPlace { slug: "rocca-estense", name: "Rocca estense", kind: "Monumento", description: "Sede del municipio, con il giardino pensile aperto al pubblico.", address: "Piazza dei Martiri 1, Lugo", lat: 44.4216, lon: 11.9113 },
            NewPlace { slug: "pavaglione", name: "Pavaglione", kind: "Piazza", description: "Il grande quadriportico che ospita il mercato del mercoledì.", address: "Piazza Francesco Baracca, Lugo", lat: 44.4207, lon: 11.9087 },
            NewPlace { slug: "biblioteca-trisi", name: "Biblioteca comunale Fabrizio Trisi", kind: "Biblioteca", description: "Prestito, sale studio e spazio ragazzi.", address: "Piazza Martiri 1, Lugo", lat: 44.4219, lon: 11.9102 },
            NewPlace { slug: "teatro-rossini", name: "Teatro Rossini", kind: "Teatro", description: "Teatro storico con stagione di prosa e lirica.", address: "Piazza Cavour 17, Lugo", lat: 44.4223, lon: 11.9121 },
        ],
        news: &[
            ("lavori-viale-orsini", "Lavori in viale Orsini: cambia la viabilità", "Dal 2 dicembre senso unico alternato per il rifacimento dei marciapiedi.", "I lavori dureranno circa tre settimane. Il parcheggio di viale Orsini resta accessibile da via Mazzini.\n\nPer informazioni: ufficio Lavori pubblici.", "Mobilità sostenibile", 1),
            ("consulta-giovani", "Nasce la Consulta dei giovani", "Ragazze e ragazzi dai 16 ai 29 anni possono candidarsi entro fine mese.", "La Consulta proporrà al Consiglio comunale iniziative su spazi di aggregazione, cultura e lavoro.\n\nLe candidature si presentano online.", "Trasparenza amministrativa", 5),
            ("raccolta-rifiuti-festivita", "Raccolta dei rifiuti durante le festività", "Il calendario di dicembre e gennaio con i recuperi dei giorni festivi.", "Nei giorni festivi la raccolta porta a porta è anticipata al giorno precedente.\n\nIl centro di raccolta resta chiuso il 25 dicembre e il 1° gennaio.", "Sviluppo sostenibile", 12),
        ],
        events: &[
            ("mercato-pavaglione", "Mercato del Pavaglione", "Il mercato settimanale sotto il quadriportico.", "pavaglione", 2, 8, 5),
            ("stagione-teatro-rossini", "Stagione di prosa al Teatro Rossini", "Serata inaugurale della nuova stagione.", "teatro-rossini", 10, 21, 2),
            ("letture-biblioteca", "Letture ad alta voce per bambini", "Storie per bambini dai 3 ai 6 anni, ingresso libero.", "biblioteca-trisi", 4, 17, 1),
        ],
    },
    DemoEnte {
        e: NewEnte {
        slug: "bagnacavallo",
        name: "Comune di Bagnacavallo",
        kind: EnteKind::Comune,
        description: "Borgo medievale con la piazza ellittica di Piazza Nuova e l'ex Convento di San Francesco.",
        address: "Piazza della Libertà 12, 48012 Bagnacavallo (RA)",
        phone: "0545 280811",
        email: "urp@comune.bagnacavallo.example.it",
        pec: "comune.bagnacavallo@cert.example.it",
        istat_code: Some("039003"),
        lat: Some(44.4167),
        lon: Some(11.9760),
        ..BLANK
    },
        kit: Kit::Intermediate,
        places: &[
            NewPlace { slug: "piazza-nuova", name: "Piazza Nuova", kind: "Piazza", description: "Piazza ellittica del Settecento con botteghe e porticato.", address: "Piazza Nuova, Bagnacavallo", lat: 44.4171, lon: 11.9766 },
            NewPlace { slug: "museo-cappuccini", name: "Museo civico delle Cappuccine", kind: "Museo", description: "Collezioni d'arte antica e moderna, gabinetto delle stampe.", address: "Via Vittorio Veneto 1/a, Bagnacavallo", lat: 44.4159, lon: 11.9778 },
            NewPlace { slug: "palestra-comunale", name: "Palestra comunale", kind: "Impianto sportivo", description: "Palestra prenotabile da associazioni e scuole.", address: "Via Cavour 20, Bagnacavallo", lat: 44.4149, lon: 11.9741 },
        ],
        news: &[
            ("festa-san-michele-bilancio", "Festa di San Michele: un'edizione da record", "Oltre 40.000 presenze nei quattro giorni della festa.", "La festa ha coinvolto 60 associazioni e 300 volontari.\n\nL'amministrazione ringrazia cittadini e commercianti per la collaborazione.", "Patrimonio culturale", 4),
            ("nuova-illuminazione-led", "Illuminazione pubblica a LED in tutto il centro", "Completata la sostituzione di 800 punti luce.", "Il nuovo impianto riduce i consumi del 60% e migliora la sicurezza delle strade.", "Sviluppo sostenibile", 11),
        ],
        events: &[
            ("mostra-stampe", "Mostra: stampe dal Cinquecento a oggi", "Visite guidate gratuite la domenica pomeriggio.", "museo-cappuccini", 3, 15, 3),
            ("mercatino-piazza-nuova", "Mercatino dell'antiquariato", "Antiquariato e modernariato sotto il porticato.", "piazza-nuova", 8, 9, 8),
        ],
    },
    DemoEnte {
        e: NewEnte {
        slug: "cotignola",
        name: "Comune di Cotignola",
        kind: EnteKind::Comune,
        description: "Paese degli Sforza e dei Giusti tra le Nazioni, sulla riva del fiume Senio.",
        address: "Piazza Vittorio Emanuele II 31, 48033 Cotignola (RA)",
        phone: "0545 908811",
        email: "urp@comune.cotignola.example.it",
        pec: "comune.cotignola@cert.example.it",
        istat_code: Some("039009"),
        lat: Some(44.3858),
        lon: Some(11.9380),
        ..BLANK
    },
        kit: Kit::Basic,
        places: &[
            NewPlace { slug: "torre-civica", name: "Torre di Giovanni Acuto", kind: "Monumento", description: "Torre civica ricostruita dopo la guerra, simbolo del paese.", address: "Piazza Vittorio Emanuele II, Cotignola", lat: 44.3861, lon: 11.9377 },
            NewPlace { slug: "parco-senio", name: "Parco fluviale del Senio", kind: "Parco", description: "Percorsi ciclopedonali lungo l'argine del fiume.", address: "Via Madrara, Cotignola", lat: 44.3880, lon: 11.9431 },
        ],
        news: &[
            ("giornata-memoria-giusti", "Giornata dei Giusti: incontro con le scuole", "Gli studenti presentano le ricerche sui cotignolesi Giusti tra le Nazioni.", "L'incontro si terrà nella sala del consiglio comunale.\n\nSono invitati cittadini e associazioni.", "Istruzione", 6),
            ("ciclabile-senio", "Riaperta la ciclabile lungo il Senio", "Conclusi i lavori di ripristino dopo l'alluvione.", "Il percorso collega Cotignola a Lugo in sicurezza.\n\nLa manutenzione dell'argine proseguirà in primavera.", "Mobilità sostenibile", 14),
        ],
        events: &[
            ("camminata-senio", "Camminata lungo il Senio", "Passeggiata guidata di 8 km, adatta a tutti.", "parco-senio", 5, 9, 3),
        ],
    },
];

/// Loads the demo data. Idempotent: rows that exist (by slug) are left alone.
pub async fn seed(db: &Db) -> Result<(), DbError> {
    let now = Utc::now();
    let password = std::env::var("PIAZZA_DEMO_PASSWORD")
        .ok()
        .filter(|p| p.chars().count() >= app::account::model::PASSWORD_MIN)
        .unwrap_or_else(|| crate::demo::people::DEFAULT_PASSWORD.to_string());
    let hash = tokio::task::spawn_blocking(move || app::account::password::hash(&password))
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    let mut tx = db.begin().await?;
    let unione_id = load(&mut tx, &UNIONE, None, now).await?;
    for comune in &COMUNI {
        load(&mut tx, comune, Some(unione_id), now).await?;
    }
    crate::demo::people::seed(&mut tx, &hash, now).await?;
    crate::demo::consultations::seed(&mut tx, now).await?;
    crate::demo::forum::seed(&mut tx, now).await?;
    crate::demo::files::seed(&mut tx, now).await?;
    crate::demo::files::seed_blog(&mut tx, now).await?;
    crate::demo::social::seed(&mut tx, now).await?;
    crate::demo::administration::seed(&mut tx, now).await?;
    crate::demo::press::seed(&mut tx, now).await?;
    crate::demo::pages::seed(&mut tx, now).await?;
    crate::demo::newsletters::seed(&mut tx, now).await?;
    app::search::repo::reindex_content(&mut tx, None).await?;
    tx.commit().await
}

/// `hour` o'clock in Rome, `day_offset` days from today.
fn at(day_offset: i64, hour: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    let day = (now.with_timezone(&Rome) + Duration::days(day_offset)).date_naive();
    let local = day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default());
    Rome.from_local_datetime(&local)
        .earliest()
        .map_or(now, |t| t.with_timezone(&Utc))
}

async fn load(
    tx: &mut app::db::Tx,
    demo: &DemoEnte,
    parent_id: Option<EnteId>,
    now: DateTime<Utc>,
) -> Result<EnteId, DbError> {
    let id = ente::ensure(
        tx,
        &NewEnte {
            parent_id,
            ..demo.e.clone()
        },
    )
    .await?;
    if ente::module_count(tx, id).await? == 0 {
        let start = (now - Duration::days(45)).date_naive();
        let end = demo.kit.ends_on(start);
        for module in demo.kit.modules() {
            ente::enable_module(tx, id, module, start, end).await?;
        }
    }
    for place in demo.places {
        content::ensure_place(tx, id, place).await?;
    }
    for (slug, title, summary, body, topic, days_ago) in demo.news {
        let published_at = at(-days_ago, 9, now);
        content::ensure_news(
            tx,
            id,
            &NewNews {
                slug,
                title,
                summary,
                body,
                topic,
                kind: app::content::model::NewsKind::News,
                published_at,
            },
        )
        .await?;
    }
    for (slug, title, summary, place, days_ahead, hour, hours) in demo.events {
        let place_id = Some(content::ensure_place(tx, id, place_by_slug(demo, place)).await?);
        let starts_at = at(*days_ahead, *hour, now);
        let ends_at = starts_at + Duration::hours(*hours);
        let details = agenda::of(slug);
        let (rule, skipped) = details.rule(starts_at);
        content::ensure_event(
            tx,
            id,
            &NewEvent {
                slug,
                title,
                summary,
                body: summary,
                place_id,
                starts_at,
                ends_at,
                category: details.category,
                topic: details.topic,
                audience: details.audience,
                price: details.price,
                organiser: details.organiser,
                registration_url: details.registration_url,
                rule,
                skipped,
            },
        )
        .await?;
    }
    Ok(id)
}

fn place_by_slug(demo: &DemoEnte, slug: &str) -> &'static NewPlace<'static> {
    demo.places
        .iter()
        .find(|p| p.slug == slug)
        .unwrap_or(&demo.places[0])
}
