//! The free pages of the demo's enti: each Comune's history and how to reach it, its
//! statute; the Unione's Comuni and statute. Written as the site's editor writes
//! them (Markdown made safe HTML), once.

use app::content::model::PageSection;
use app::db::{sql, DbError, Tx};
use chrono::{DateTime, Utc};

/// (ente, slug, section, title, summary, body in Markdown, topic)
type Page = (
    &'static str,
    &'static str,
    PageSection,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PAGES: &[Page] = &[
    (
        "lugo",
        "storia-di-lugo",
        PageSection::Live,
        "La storia di Lugo",
        "Dalla Rocca estense al Pavaglione: le tappe della storia della città, crocevia della Bassa Romagna.",
        "Lugo nasce come borgo agricolo attorno a un mercato e a una fortificazione, che nel Trecento diventa la **Rocca**, oggi sede del municipio.\n\n\
         ## La città estense\n\nTra il Quattrocento e il 1598 Lugo è governata dagli Este: la Rocca prende la forma attuale e la città diventa il centro dei commerci della pianura.\n\n\
         ## Il Pavaglione\n\nNel Settecento si costruisce il **Pavaglione**, il grande quadriportico nato per il mercato dei bozzoli da seta. Ancora oggi ospita il mercato del mercoledì.\n\n\
         ## Personaggi\n\n- Francesco Baracca, aviatore, nato a Lugo nel 1888: la piazza del Pavaglione porta il suo nome.\n- Gioachino Rossini, che a Lugo trascorse parte dell'infanzia: il teatro comunale è dedicato a lui.",
        "patrimonio-culturale",
    ),
    (
        "lugo",
        "come-raggiungerci",
        PageSection::Live,
        "Come raggiungere Lugo",
        "In treno, in autobus, in auto e in bicicletta: come arrivare in centro e dove parcheggiare.",
        "## In treno\n\nLa stazione di Lugo è sulle linee per Ravenna, Faenza e Lavezzola. Dalla stazione al centro sono dieci minuti a piedi.\n\n\
         ## In autobus\n\nLe linee extraurbane collegano Lugo a Ravenna, Imola e ai Comuni della Bassa Romagna. Orari e biglietti sul sito dell'azienda di trasporto.\n\n\
         ## In auto\n\nDall'autostrada A14 diramazione per Ravenna, uscita Lugo-Cotignola. In centro si parcheggia nei piazzali attorno alle mura; il centro storico è zona a traffico limitato.\n\n\
         ## In bicicletta\n\nLa ciclabile lungo il Canale dei Mulini collega Lugo a Cotignola e Bagnacavallo.",
        "trasporto-pubblico",
    ),
    (
        "lugo",
        "statuto-comunale",
        PageSection::Administration,
        "Statuto comunale",
        "Lo statuto del Comune di Lugo: i principi, gli organi, la partecipazione dei cittadini.",
        "Lo **statuto** è la legge fondamentale del Comune: stabilisce i principi dell'azione amministrativa, le competenze del Consiglio, della Giunta e del Sindaco, e gli strumenti di partecipazione.\n\n\
         ## Partecipazione\n\nLo statuto prevede consultazioni pubbliche, istanze, petizioni e proposte dei cittadini, e il diritto di accesso agli atti.\n\n\
         Il testo vigente è approvato dal Consiglio comunale ed è pubblicato nella sezione Amministrazione trasparente.",
        "sistema-giuridico",
    ),
    (
        "bagnacavallo",
        "storia-di-bagnacavallo",
        PageSection::Live,
        "La storia di Bagnacavallo",
        "Il borgo medievale, la Piazza Nuova del Settecento e i conventi: la storia di Bagnacavallo.",
        "Bagnacavallo conserva l'impianto del borgo medievale, con le vie strette attorno alla torre civica.\n\n\
         ## La Piazza Nuova\n\nCostruita nel Settecento come mercato coperto, la **Piazza Nuova** ha una forma ellittica unica in Romagna ed è circondata da un porticato con botteghe.\n\n\
         ## I conventi\n\nIl convento di San Francesco e l'ex convento delle Cappuccine, oggi museo civico, raccontano la storia religiosa e artistica della città.",
        "patrimonio-culturale",
    ),
    (
        "bagnacavallo",
        "come-raggiungerci",
        PageSection::Live,
        "Come raggiungere Bagnacavallo",
        "In treno, in auto e in bicicletta.",
        "## In treno\n\nLa stazione di Bagnacavallo è sulla linea Ravenna-Lugo.\n\n\
         ## In auto\n\nDall'autostrada A14 diramazione per Ravenna, uscita Bagnacavallo.\n\n\
         ## In bicicletta\n\nLe ciclabili della Bassa Romagna collegano Bagnacavallo a Lugo e a Russi.",
        "trasporto-pubblico",
    ),
    (
        "cotignola",
        "storia-di-cotignola",
        PageSection::Live,
        "La storia di Cotignola",
        "La terra degli Sforza, distrutta e ricostruita dopo la guerra: la storia di Cotignola.",
        "Cotignola è la terra d'origine degli **Sforza**: qui nacque nel 1369 Muzio Attendolo, capostipite della famiglia che governò Milano.\n\n\
         ## La guerra e la ricostruzione\n\nNell'inverno 1944-45 il paese fu sulla linea del fronte del Senio e venne quasi interamente distrutto. La **Torre di Giovanni Acuto**, simbolo della città, fu ricostruita dopo la guerra.\n\n\
         ## Il fiume\n\nIl Senio segna il confine del paese: il parco fluviale lungo l'argine è oggi uno dei luoghi più frequentati.",
        "patrimonio-culturale",
    ),
    (
        "bassa-romagna",
        "comuni-dell-unione",
        PageSection::Administration,
        "I Comuni dell'Unione",
        "I nove Comuni che hanno dato vita all'Unione dei Comuni della Bassa Romagna e i servizi che gestiscono insieme.",
        "L'Unione dei Comuni della Bassa Romagna riunisce **Alfonsine, Bagnacavallo, Bagnara di Romagna, Conselice, Cotignola, Fusignano, Lugo, Massa Lombarda e Sant'Agata sul Santerno**.\n\n\
         ## I servizi gestiti insieme\n\n- Polizia locale e protezione civile\n- Servizi sociali\n- Sportello unico per le attività produttive e per l'edilizia\n- Sistemi informativi e personale\n\n\
         Ogni Comune mantiene il proprio Consiglio, la propria Giunta e il proprio sito istituzionale.",
        "comunicazione-istituzionale",
    ),
];

pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    for (ente, slug, section, title, summary, body, topic) in PAGES {
        let html = app::markdown::render(body, &Default::default());
        tx.execute(
            sql("INSERT INTO site_page (ente_id, slug, section, title, summary, body, body_html, topic_id,
                                        created_at, updated_at)
                 SELECT e.id, $2, $3, $4, $5, $6, $7, (SELECT t.id FROM topic t WHERE t.slug = $8), $9, $9
                   FROM ente e WHERE e.slug = $1
                 ON CONFLICT (ente_id, slug) DO NOTHING")
            .bind(*ente)
            .bind(*slug)
            .bind(section.code())
            .bind(*title)
            .bind(*summary)
            .bind(*body)
            .bind(html)
            .bind(*topic)
            .bind(now),
        )
        .await?;
    }
    Ok(())
}
