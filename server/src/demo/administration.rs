//! The Comuni's Amministrazione in the demo: organs of government, areas and offices
//! (with where they are, hours and contacts), and the people in them, the same
//! organisation in each Comune with its own people, seats, numbers and addresses.
//! Their service cards are `services.rs`; Lugo's press releases and notices are here.

use app::administration::model::{PersonKind, UnitKind};
use app::administration::repo::{self, NewPerson, NewUnit};
use app::content::model::NewsKind;
use app::content::repo::{ensure_news, ensure_place, NewNews, NewPlace};
use app::db::{DbError, Tx};
use app::ids::EnteId;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// A Comune of the demo: its URL name, the part of its mail domain, the start of its
/// offices' numbers, its two seats (the citizens' desk, the technical offices) and
/// its people.
struct Comune {
    slug: &'static str,
    domain: &'static str,
    phone: &'static str,
    desk: NewPlace<'static>,
    technical: NewPlace<'static>,
    people: &'static [Person],
}

/// Where an office sits: the citizens' desk, the technical offices, or elsewhere.
#[derive(Clone, Copy)]
enum Seat {
    Desk,
    Technical,
    None,
}

/// (slug, kind, name, summary, what it does, area, seat, extension, mailbox, hours)
type Unit = (
    &'static str,
    UnitKind,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Seat,
    &'static str,
    &'static str,
    &'static str,
);

const UNITS: &[Unit] = &[
    ("giunta-comunale", UnitKind::Organ, "Giunta comunale", "Il sindaco e gli assessori: l'organo esecutivo del Comune.",
     "La Giunta collabora con il sindaco nel governo del Comune, attua gli indirizzi del Consiglio e approva i progetti, le tariffe e gli atti che la legge non riserva ad altri organi.\n\nSi riunisce di norma il martedì mattina.",
     "", Seat::None, "201", "segreteria.sindaco", ""),
    ("consiglio-comunale", UnitKind::Organ, "Consiglio comunale", "L'assemblea eletta dai cittadini: indirizzo e controllo politico-amministrativo.",
     "Il Consiglio approva lo statuto, i regolamenti, il bilancio e i piani urbanistici.\n\nLe sedute sono pubbliche e trasmesse in diretta.",
     "", Seat::None, "205", "consiglio", ""),
    ("area-servizi-cittadino", UnitKind::Area, "Area servizi al cittadino", "Anagrafe, stato civile, scuola e servizi alla persona.",
     "L'area coordina gli sportelli al pubblico e i servizi educativi.", "", Seat::Desk, "", "", ""),
    ("area-tecnica", UnitKind::Area, "Area tecnica", "Edilizia, urbanistica, lavori pubblici e ambiente.",
     "L'area cura la pianificazione del territorio, i titoli edilizi, le opere pubbliche e la manutenzione.", "", Seat::Technical, "", "", ""),
    ("area-finanziaria", UnitKind::Area, "Area finanziaria", "Bilancio, tributi e patrimonio.",
     "L'area gestisce il bilancio, le entrate tributarie e il patrimonio del Comune.", "", Seat::None, "", "", ""),
    ("ufficio-anagrafe", UnitKind::Office, "Ufficio anagrafe e stato civile", "Residenze, certificati, carte d'identità, nascite, matrimoni e decessi.",
     "L'ufficio tiene i registri della popolazione e dello stato civile e rilascia la carta d'identità elettronica.",
     "area-servizi-cittadino", Seat::Desk, "444", "anagrafe", "lun-sab 08:30-12:30\ngio 14:30-17:30"),
    ("urp", UnitKind::Office, "Ufficio relazioni con il pubblico", "Informazioni, reclami e suggerimenti, accesso agli atti.",
     "L'URP informa sui servizi del Comune, raccoglie segnalazioni, reclami e suggerimenti e riceve le richieste di accesso agli atti.",
     "area-servizi-cittadino", Seat::Desk, "444", "urp", "lun-sab 08:30-12:30\ngio 14:30-17:30"),
    ("ufficio-scuola", UnitKind::Office, "Ufficio scuola", "Nidi, scuole dell'infanzia, mensa, trasporto scolastico.",
     "L'ufficio gestisce le iscrizioni ai servizi educativi comunali, la refezione e il trasporto scolastico.",
     "area-servizi-cittadino", Seat::Desk, "350", "scuola", "lun-ven 08:30-12:30\nmar 15:00-17:00"),
    ("ufficio-tributi", UnitKind::Office, "Ufficio tributi", "IMU, TARI, imposta di pubblicità e canone unico.",
     "L'ufficio calcola, riscuote e controlla i tributi comunali e risponde sulle agevolazioni.",
     "area-finanziaria", Seat::None, "310", "tributi", "lun, mer, ven 08:30-12:30"),
    ("edilizia-privata", UnitKind::Office, "Sportello unico edilizia", "Permessi di costruire, SCIA, CILA e agibilità.",
     "Lo sportello riceve le pratiche edilizie in via telematica e incontra i tecnici su appuntamento.",
     "area-tecnica", Seat::Technical, "520", "edilizia", "mar, gio 09:00-12:30 su appuntamento"),
    ("suap", UnitKind::Office, "Sportello unico attività produttive", "Aprire, modificare o chiudere un'attività d'impresa.",
     "Il SUAP è l'unico punto di accesso per i procedimenti che riguardano le attività produttive.",
     "area-tecnica", Seat::Technical, "530", "suap", "lun-ven 09:00-12:30"),
    ("polizia-locale", UnitKind::Office, "Polizia locale", "Viabilità, sicurezza urbana, permessi ZTL e contrassegni.",
     "Il presidio del comando della Polizia locale della Bassa Romagna per viabilità, permessi e verbali.",
     "", Seat::None, "485", "polizia.locale", "lun-sab 08:00-13:00"),
];

/// (slug, kind, name, role, summary, body, mailbox, [(unit, role there, position)])
type Person = (
    &'static str,
    PersonKind,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, i64)],
);

const LUGO_PEOPLE: &[Person] = &[
    (
        "elena-martini",
        PersonKind::Political,
        "Elena Martini",
        "Sindaca",
        "Deleghe: bilancio, personale, sicurezza urbana.",
        "Eletta nel 2024. Avvocata, già consigliera comunale dal 2014.",
        "sindaca",
        &[
            ("giunta-comunale", "Sindaca", 0),
            ("consiglio-comunale", "Sindaca", 0),
        ],
    ),
    (
        "paolo-ricci",
        PersonKind::Political,
        "Paolo Ricci",
        "Vicesindaco e assessore ai lavori pubblici",
        "Deleghe: lavori pubblici, mobilità, ambiente.",
        "Ingegnere, si occupa del piano delle opere e della mobilità sostenibile.",
        "p.ricci",
        &[("giunta-comunale", "Vicesindaco", 1)],
    ),
    (
        "giulia-fabbri",
        PersonKind::Political,
        "Giulia Fabbri",
        "Assessora alla scuola e ai servizi sociali",
        "Deleghe: scuola, politiche sociali, giovani.",
        "Insegnante, si occupa da anni di scuola e di politiche per i ragazzi.",
        "g.fabbri",
        &[("giunta-comunale", "Assessora", 2)],
    ),
    (
        "marco-baldini",
        PersonKind::Political,
        "Marco Baldini",
        "Presidente del Consiglio comunale",
        "Convoca e presiede le sedute del Consiglio.",
        "Commerciante, consigliere al secondo mandato.",
        "presidenza.consiglio",
        &[("consiglio-comunale", "Presidente", 1)],
    ),
    (
        "anna-zani",
        PersonKind::Staff,
        "Anna Zani",
        "Dirigente dell'Area servizi al cittadino",
        "Responsabile di anagrafe, URP e scuola.",
        "",
        "a.zani",
        &[
            ("area-servizi-cittadino", "Dirigente", 0),
            ("ufficio-anagrafe", "Responsabile", 0),
        ],
    ),
    (
        "luca-ghetti",
        PersonKind::Staff,
        "Luca Ghetti",
        "Dirigente dell'Area tecnica",
        "Responsabile di edilizia, SUAP e lavori pubblici.",
        "",
        "l.ghetti",
        &[
            ("area-tecnica", "Dirigente", 0),
            ("edilizia-privata", "Responsabile", 0),
        ],
    ),
    (
        "sara-melandri",
        PersonKind::Staff,
        "Sara Melandri",
        "Responsabile dell'Ufficio tributi",
        "IMU, TARI e canone unico.",
        "",
        "s.melandri",
        &[
            ("area-finanziaria", "Funzionaria", 1),
            ("ufficio-tributi", "Responsabile", 0),
        ],
    ),
];

const BAGNACAVALLO_PEOPLE: &[Person] = &[
    (
        "matteo-bassi",
        PersonKind::Political,
        "Matteo Bassi",
        "Sindaco",
        "Deleghe: bilancio, urbanistica, cultura.",
        "Architetto, al primo mandato.",
        "sindaco",
        &[
            ("giunta-comunale", "Sindaco", 0),
            ("consiglio-comunale", "Sindaco", 0),
        ],
    ),
    (
        "chiara-folli",
        PersonKind::Political,
        "Chiara Folli",
        "Vicesindaca e assessora alla scuola",
        "Deleghe: scuola, servizi sociali, sport.",
        "Educatrice, già presidente della consulta del volontariato.",
        "c.folli",
        &[("giunta-comunale", "Vicesindaca", 1)],
    ),
    (
        "roberto-galassi",
        PersonKind::Staff,
        "Roberto Galassi",
        "Dirigente dell'Area servizi al cittadino",
        "Responsabile di anagrafe, URP e scuola.",
        "",
        "r.galassi",
        &[
            ("area-servizi-cittadino", "Dirigente", 0),
            ("ufficio-anagrafe", "Responsabile", 0),
        ],
    ),
];

const COTIGNOLA_PEOPLE: &[Person] = &[
    (
        "federica-piva",
        PersonKind::Political,
        "Federica Piva",
        "Sindaca",
        "Deleghe: bilancio, personale, ambiente.",
        "Agronoma, consigliera comunale dal 2019.",
        "sindaca",
        &[
            ("giunta-comunale", "Sindaca", 0),
            ("consiglio-comunale", "Sindaca", 0),
        ],
    ),
    (
        "andrea-sangiorgi",
        PersonKind::Political,
        "Andrea Sangiorgi",
        "Assessore ai lavori pubblici",
        "Deleghe: lavori pubblici, mobilità, protezione civile.",
        "Geometra, si occupa della ricostruzione dopo l'alluvione.",
        "a.sangiorgi",
        &[("giunta-comunale", "Assessore", 1)],
    ),
    (
        "monica-bertoni",
        PersonKind::Staff,
        "Monica Bertoni",
        "Dirigente dell'Area tecnica",
        "Responsabile di edilizia, SUAP e lavori pubblici.",
        "",
        "m.bertoni",
        &[
            ("area-tecnica", "Dirigente", 0),
            ("edilizia-privata", "Responsabile", 0),
        ],
    ),
];

const COMUNI: [Comune; 3] = [
    Comune {
        slug: "lugo",
        domain: "lugo",
        phone: "0545 38",
        desk: NewPlace {
            slug: "sportello-polifunzionale",
            name: "Sportello polifunzionale",
            kind: "Ufficio",
            description: "Anagrafe, stato civile, URP e protocollo in un unico sportello.",
            address: "Piazza dei Martiri 1, 48022 Lugo (RA)",
            lat: 44.4215,
            lon: 11.9110,
        },
        technical: NewPlace {
            slug: "sede-area-tecnica",
            name: "Sede dell'Area tecnica",
            kind: "Ufficio",
            description: "Edilizia privata, urbanistica e lavori pubblici.",
            address: "Via Manfredi 2, 48022 Lugo (RA)",
            lat: 44.4230,
            lon: 11.9095,
        },
        people: LUGO_PEOPLE,
    },
    Comune {
        slug: "bagnacavallo",
        domain: "bagnacavallo",
        phone: "0545 280",
        desk: NewPlace {
            slug: "sportello-cittadino",
            name: "Sportello del cittadino",
            kind: "Ufficio",
            description: "Anagrafe, stato civile e URP al piano terra del municipio.",
            address: "Piazza della Libertà 12, 48012 Bagnacavallo (RA)",
            lat: 44.4170,
            lon: 11.9765,
        },
        technical: NewPlace {
            slug: "ufficio-tecnico",
            name: "Ufficio tecnico comunale",
            kind: "Ufficio",
            description: "Edilizia, urbanistica e lavori pubblici.",
            address: "Via Mazzini 9, 48012 Bagnacavallo (RA)",
            lat: 44.4178,
            lon: 11.9751,
        },
        people: BAGNACAVALLO_PEOPLE,
    },
    Comune {
        slug: "cotignola",
        domain: "cotignola",
        phone: "0545 908",
        desk: NewPlace {
            slug: "sportello-cittadino",
            name: "Sportello del cittadino",
            kind: "Ufficio",
            description: "Anagrafe, stato civile e URP nel palazzo comunale.",
            address: "Piazza Vittorio Emanuele II 31, 48033 Cotignola (RA)",
            lat: 44.3863,
            lon: 11.9379,
        },
        technical: NewPlace {
            slug: "ufficio-tecnico",
            name: "Ufficio tecnico comunale",
            kind: "Ufficio",
            description: "Edilizia, urbanistica e lavori pubblici.",
            address: "Corso Sforza 24, 48033 Cotignola (RA)",
            lat: 44.3871,
            lon: 11.9390,
        },
        people: COTIGNOLA_PEOPLE,
    },
];

/// (slug, kind, title, summary, body, topic, days ago)
const NEWS: &[(&str, NewsKind, &str, &str, &str, &str, i64)] = &[
    ("comunicato-bilancio-2027", NewsKind::Release, "Approvato il bilancio di previsione 2027", "Il Consiglio comunale ha approvato il bilancio: 4,2 milioni per scuole e strade.",
     "Il bilancio di previsione 2027 è stato approvato con 16 voti favorevoli.\n\nLe principali voci: 2,1 milioni per la manutenzione delle scuole, 1,4 per le strade, 700 mila euro per il verde pubblico.", "Bilancio", 2),
    ("comunicato-cantiere-piazza-baracca", NewsKind::Release, "Piazza Baracca: consegnati i lavori di riqualificazione", "Il cantiere apre a gennaio e durerà otto mesi.",
     "I lavori rifanno la pavimentazione, l'illuminazione e il verde della piazza, secondo il progetto scelto insieme ai residenti.\n\nDurante il cantiere i parcheggi si spostano in via Mentana.", "Urbanizzazione", 6),
    ("avviso-chiusura-sportello", NewsKind::Notice, "Sportello polifunzionale chiuso il 24 dicembre", "Lo sportello resta chiuso la vigilia di Natale; riapre il 27 dicembre.",
     "Per le urgenze di stato civile (denunce di morte) è attivo il reperibile al numero 0545 38444.", "Anagrafe", 1),
    ("avviso-scadenza-tari", NewsKind::Notice, "TARI: la seconda rata scade il 16 dicembre", "Si paga con il modello F24 o con pagoPA.",
     "Chi non ha ricevuto l'avviso può scaricarlo dal portale dei tributi o chiederlo all'Ufficio tributi.", "Imposte", 9),
];

/// Each Comune's units, people and services, and Lugo's releases and notices,
/// unless they are there.
pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    for comune in &COMUNI {
        let Some((ente,)) = tx
            .fetch_optional::<(EnteId,)>(
                app::db::sql("SELECT id FROM ente WHERE slug = $1").bind(comune.slug),
            )
            .await?
        else {
            continue;
        };
        let (units,): (i64,) = tx
            .fetch_one(app::db::sql("SELECT COUNT(*) FROM org_unit WHERE ente_id = $1").bind(ente))
            .await?;
        if units > 0 {
            continue;
        }
        let ids = organisation(tx, ente, comune).await?;
        super::services::seed(tx, ente, comune.domain, &ids).await?;
        if comune.slug == "lugo" {
            for (slug, kind, title, summary, body, topic, days) in NEWS {
                let published_at = now - Duration::days(*days);
                let item = NewNews {
                    slug,
                    title,
                    summary,
                    body,
                    topic,
                    kind: *kind,
                    published_at,
                };
                ensure_news(tx, ente, &item).await?;
            }
        }
    }
    Ok(())
}

/// A Comune's units and people; the units' ids by slug.
async fn organisation(
    tx: &mut Tx,
    ente: EnteId,
    c: &Comune,
) -> Result<HashMap<&'static str, i64>, DbError> {
    let mail = |mailbox: &str| match mailbox {
        "" => String::new(),
        m => format!("{m}@comune.{}.example.it", c.domain),
    };
    let mut ids = HashMap::new();
    for (slug, kind, name, summary, body, area, seat, ext, mailbox, hours) in UNITS {
        let place = match seat {
            Seat::Desk => Some(ensure_place(tx, ente, &c.desk).await?),
            Seat::Technical => Some(ensure_place(tx, ente, &c.technical).await?),
            Seat::None => None,
        };
        let phone = if ext.is_empty() {
            String::new()
        } else {
            format!("{}{ext}", c.phone)
        };
        let unit = NewUnit {
            ente,
            slug,
            kind: *kind,
            name,
            summary,
            body,
            parent: ids.get(area).copied(),
            place,
            phone: &phone,
            email: &mail(mailbox),
            pec: "",
            opening_hours: hours,
        };
        ids.insert(*slug, repo::insert_unit(tx, &unit).await?);
    }
    for (slug, kind, name, role, summary, body, mailbox, seats) in c.people {
        let email = mail(mailbox);
        let person = NewPerson {
            ente,
            slug,
            kind: *kind,
            name,
            role,
            summary,
            body,
            email: &email,
            phone: "",
        };
        let id = repo::insert_person(tx, &person).await?;
        for (unit, role, position) in *seats {
            if let Some(unit) = ids.get(unit) {
                repo::seat(tx, *unit, id, role, *position).await?;
            }
        }
    }
    Ok(ids)
}
