//! Lugo's press office in the demo: its contacts and a journalists list of the
//! local press (invented outlets and people), each with the consent recorded.

use app::db::{sql, DbError, Tx};
use app::ids::EnteId;
use app::press::model::PressContact;
use app::press::repo::{self, NewJournalist};
use chrono::{DateTime, Utc};

/// (name, outlet, beat, email, consent)
const JOURNALISTS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "Paolo Bertoni",
        "Corriere di Romagna – Lugo",
        "Cronaca locale",
        "p.bertoni@corriereromagna.example.it",
        "Richiesta via email del 12 settembre 2026",
    ),
    (
        "Elisa Fabbri",
        "Radio Bassa Romagna",
        "Cultura ed eventi",
        "redazione@radiobassaromagna.example.it",
        "Modulo firmato alla conferenza stampa del 4 ottobre 2026",
    ),
    (
        "Matteo Ricci",
        "Il Resto del Carlino – Ravenna",
        "Politica e amministrazione",
        "matteo.ricci@carlino.example.it",
        "Richiesta via PEC del 20 ottobre 2026",
    ),
    (
        "Sofia Baldini",
        "Lugonotizie.example.it",
        "Ambiente e lavori pubblici",
        "sofia@lugonotizie.example.it",
        "Email del 2 novembre 2026",
    ),
];

pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    let Some((lugo,)): Option<(EnteId,)> = tx
        .fetch_optional(sql("SELECT id FROM ente WHERE slug = 'lugo'"))
        .await?
    else {
        return Ok(());
    };
    if repo::contact_in(tx, lugo).await?.press_email.is_empty() {
        let contact = PressContact {
            press_contact: "Ufficio stampa – Chiara Fontana".into(),
            press_email: "stampa@comune.lugo.example.it".into(),
            press_phone: "0545 38 444".into(),
        };
        repo::set_contact(tx, lugo, &contact).await?;
    }
    for (name, outlet, beat, email, consent) in JOURNALISTS {
        let j = NewJournalist {
            name,
            outlet,
            beat,
            email,
            consent,
        };
        repo::add(tx, lugo, &j, None, now).await?;
    }
    Ok(())
}
