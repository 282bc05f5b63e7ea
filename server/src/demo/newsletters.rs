//! The demo's newsletters: each Comune has a general list and one on culture and
//! events, a couple of hundred confirmed subscribers (invented addresses, each with
//! its consent recorded), two issues sent in the past weeks and one scheduled.

use app::db::{sql, DbError, Tx};
use app::i18n::{Lang, T};
use app::ids::EnteId;
use app::newsletter::delivery;
use app::newsletter::issue_repo::{self, NewIssue};
use app::newsletter::model::{IssueState, NOTICE_VERSION};
use app::newsletter::render::{self, Parts};
use app::newsletter::repo::{self, Consent};
use chrono::{DateTime, Duration, Utc};

const FIRST: [&str; 16] = [
    "giulia",
    "marco",
    "francesca",
    "luca",
    "chiara",
    "andrea",
    "sara",
    "matteo",
    "elena",
    "davide",
    "martina",
    "simone",
    "valentina",
    "alessandro",
    "federica",
    "lorenzo",
];
const LAST: [&str; 14] = [
    "rossi",
    "bianchi",
    "ricci",
    "galli",
    "fabbri",
    "baldini",
    "zanetti",
    "montanari",
    "casadei",
    "bertoni",
    "gardini",
    "minguzzi",
    "ravaioli",
    "morini",
];
/// (ente, subscribers of the general list)
const ENTI: [(&str, usize); 3] = [("lugo", 240), ("bagnacavallo", 180), ("cotignola", 120)];

/// (subject, free text in Markdown, days ago; None: scheduled in three days)
const ISSUES: [(&str, &str, Option<i64>); 3] = [
    (
        "Le novità di novembre",
        "Buongiorno,\n\nin questo numero i **lavori pubblici** dell'autunno, le nuove iscrizioni ai servizi per l'infanzia e gli appuntamenti del mese.\n\nBuona lettura!",
        Some(24),
    ),
    (
        "Dicembre in città: eventi e servizi",
        "Ecco gli appuntamenti delle feste, gli orari degli uffici tra Natale e l'Epifania e le consultazioni aperte.",
        Some(6),
    ),
    (
        "Gli auguri dell'amministrazione",
        "Un anno insieme: i progetti conclusi, quelli in corso e come partecipare alle scelte del prossimo anno.",
        None,
    ),
];

pub async fn seed(tx: &mut Tx, now: DateTime<Utc>) -> Result<(), DbError> {
    for (slug, people) in ENTI {
        let Some((id, name)): Option<(EnteId, String)> = tx
            .fetch_optional(sql("SELECT id, name FROM ente WHERE slug = $1").bind(slug))
            .await?
        else {
            continue;
        };
        let general = format!("Notizie da {}", name.trim_start_matches("Comune di "));
        let Some(list) = repo::add_list(
            tx,
            id,
            &general,
            "Le notizie, gli avvisi e gli eventi principali, ogni due settimane.",
            true,
            now - Duration::days(60),
        )
        .await?
        else {
            continue; // seeded before
        };
        let culture = repo::add_list(
            tx,
            id,
            "Cultura ed eventi",
            "Mostre, spettacoli e iniziative della settimana.",
            false,
            now - Duration::days(60),
        )
        .await?;
        let notice = Lang::It.tf(T::NewsletterConsent, &[("ente", &name)]);
        for n in 0..people {
            let email = format!(
                "{}.{}{}@example.it",
                FIRST[n % FIRST.len()],
                LAST[n % LAST.len()],
                n
            );
            let since = now - Duration::days(50) + Duration::minutes(n as i64 * 7);
            let subscriber = repo::subscriber(tx, id, &email, "it", None, since).await?;
            let mut lists = vec![list];
            if n % 3 == 0 {
                lists.extend(culture);
            }
            for l in lists {
                repo::set_state(tx, subscriber, l, "active", since).await?;
                let consent = Consent {
                    subscriber,
                    list: l,
                    action: "confirmed",
                    source: "link",
                    notice_version: NOTICE_VERSION,
                    notice_text: &notice,
                    address: "192.0.2.10",
                    user_agent: "Mozilla/5.0 (demo)",
                };
                repo::record(tx, &consent, since).await?;
            }
        }
        let author: Option<(app::ids::AccountId,)> = tx
            .fetch_optional(sql("SELECT id FROM account ORDER BY id LIMIT 1"))
            .await?;
        let Some((author,)) = author else { continue };
        for (subject, intro, days_ago) in ISSUES {
            let parts = Parts {
                lang: Lang::It,
                ente: &name,
                list: &general,
                subject,
                intro,
                cards: &[],
                site: "",
            };
            let at = match days_ago {
                Some(d) => now - Duration::days(d),
                None => now + Duration::days(3),
            };
            let issue = NewIssue {
                list,
                subject,
                intro,
                items: "[]",
                body_html: &render::html(&parts),
                body_text: &render::text(&parts),
                state: IssueState::Scheduled,
                send_at: Some(at),
            };
            let issue_id =
                issue_repo::insert(tx, id, &issue, author, at - Duration::days(1)).await?;
            if days_ago.is_some() {
                delivery::record_sent(tx, issue_id, list, at).await?;
            }
        }
    }
    Ok(())
}
