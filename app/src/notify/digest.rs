//! Mail digests of notifications (server only): each person chooses how the bell's
//! notifications reach them by mail (`account.digest`: immediately, daily, weekly or
//! never). A pass, run every minute on every node, finds who is due, and for each
//! queues one mail through the outbox listing what they have not read nor been
//! mailed yet, in the same transaction that marks those notifications mailed. Two
//! nodes cannot send the same digest: each first claims the person by moving their
//! `digest_sent_at`, and only one such update matches.

use super::model::Digest;
use crate::db::{sql, Db, DbError};
use crate::i18n::Lang;
use crate::ids::AccountId;
use crate::mail::model::MailKind;
use crate::mail::outbox::{self, NewMail};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};

/// The most notifications one digest lists (the rest wait for the next).
pub const MAX_ITEMS: i64 = 20;

#[derive(sqlx::FromRow)]
struct Due {
    id: AccountId,
    email: String,
    display_name: String,
    language: String,
    digest: String,
    digest_sent_at: Option<DateTime<Utc>>,
}

/// How long a person waits between two digests of their kind.
fn interval(kind: Digest) -> Option<Duration> {
    match kind {
        Digest::Immediately => Some(Duration::zero()),
        Digest::Daily => Some(Duration::days(1)),
        Digest::Weekly => Some(Duration::days(7)),
        Digest::Never => None,
    }
}

/// Verified people with unread notifications not mailed yet, whose wait is over.
async fn due(db: &Db, now: DateTime<Utc>) -> Result<Vec<Due>, DbError> {
    let rows: Vec<Due> = db
        .fetch_all(sql(
            "SELECT a.id, a.email, a.display_name, a.language, a.digest, a.digest_sent_at
               FROM account a
              WHERE a.deleted_at IS NULL AND a.email_verified_at IS NOT NULL AND a.digest <> 'never'
                AND EXISTS (SELECT 1 FROM notification n
                             WHERE n.account_id = a.id AND n.read_at IS NULL AND n.mailed_at IS NULL)
              ORDER BY a.id LIMIT 500",
        ))
        .await?;
    Ok(rows
        .into_iter()
        .filter(|r| {
            let wait = Digest::from_code(&r.digest).and_then(interval);
            match (wait, r.digest_sent_at) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(w), Some(last)) => last + w <= now,
            }
        })
        .collect())
}

/// Queues the digests that are due; how many were queued.
pub async fn pass(state: &AppState) -> Result<usize, DbError> {
    let now = state.clock.now();
    let mut sent = 0;
    for person in due(&state.db, now).await? {
        let mut tx = state.db.begin().await?;
        // The claim: only one node moves the date from what it read.
        let claimed = tx
            .execute(
                sql("UPDATE account SET digest_sent_at = $1
                      WHERE id = $2 AND COALESCE(digest_sent_at, $3) = COALESCE($4, $3)")
                .bind(now)
                .bind(person.id)
                .bind(DateTime::<Utc>::UNIX_EPOCH)
                .bind(person.digest_sent_at),
            )
            .await?;
        if claimed != 1 {
            continue;
        }
        let items: Vec<(i64, String, String)> = tx
            .fetch_all(
                sql("SELECT id, title, url FROM notification
                      WHERE account_id = $1 AND read_at IS NULL AND mailed_at IS NULL
                      ORDER BY id LIMIT $2")
                .bind(person.id)
                .bind(MAX_ITEMS),
            )
            .await?;
        if items.is_empty() {
            continue;
        }
        let lang = Lang::of(&person.language);
        let list = items
            .iter()
            .map(|(_, title, url)| format!("- {title}\n  {}", state.link(url)))
            .collect::<Vec<_>>()
            .join("\n");
        let count = items.len().to_string();
        let link = state.link("/account/notifiche");
        let settings = state.link("/account#profile-title");
        let site = state.link("/");
        outbox::enqueue(
            &mut tx,
            NewMail {
                to: &person.email,
                account_id: Some(person.id),
                kind: MailKind::Digest,
                lang,
                values: &[
                    ("name", person.display_name.as_str()),
                    ("count", count.as_str()),
                    ("list", list.as_str()),
                    ("link", link.as_str()),
                    ("settings", settings.as_str()),
                    ("site", site.as_str()),
                ],
            },
            now,
        )
        .await?;
        let last = items.last().map(|(id, ..)| *id).unwrap_or_default();
        tx.execute(
            sql("UPDATE notification SET mailed_at = $1
                  WHERE account_id = $2 AND read_at IS NULL AND mailed_at IS NULL AND id <= $3")
            .bind(now)
            .bind(person.id)
            .bind(last),
        )
        .await?;
        tx.commit().await?;
        sent += 1;
    }
    if sent > 0 {
        state.mail_queued.notify_one();
    }
    Ok(sent)
}

/// Runs a pass every minute, for as long as the server runs.
/// Among several nodes, the one that takes the minute's lease makes the pass.
pub async fn run(state: AppState) {
    loop {
        let now = state.clock.now();
        let period = chrono::Duration::seconds(55);
        match crate::lease::take(&state.db, "digests", &state.node, now, period).await {
            Ok(true) => match pass(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(digests = n, "notification digests queued"),
                Err(e) => tracing::error!(error = %e, "notification digests failed"),
            },
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "notification digests: cannot take the lease"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
}
