//! Following an ente: someone signed in follows a Comune (or an Unione) from its
//! home page and is told in the bell, and so in their digest, of the news items and
//! events it publishes (`editor::golive`). Topics are followed from the profile.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::db::{sql, Db, DbError, Tx},
    crate::ids::{AccountId, EnteId},
    chrono::{DateTime, Utc},
};

/// Follows the ente (`on` present) or stops following it; back to its home page.
#[server(endpoint = "account/follow-ente")]
pub async fn follow_ente(ente: String, on: Option<String>) -> Result<String, AppError> {
    use crate::auth::policy::{Action, Target};
    use crate::auth::server::{go_to, require};
    let actor = require(Action::UpdateOwnProfile, Target::OwnAccount)?;
    let (state, frame) = crate::ente::server::public_frame(&ente).await?;
    let mut tx = state.db.begin().await?;
    let on = on.is_some();
    set(
        &mut tx,
        actor.account_id,
        frame.ente.id,
        on,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(go_to(&format!(
        "/{}?seguito={}#segui",
        frame.ente.slug,
        u8::from(on)
    )))
}

#[cfg(feature = "ssr")]
pub async fn set(
    tx: &mut Tx,
    account: AccountId,
    ente: EnteId,
    on: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let change = match on {
        true => sql(
            "INSERT INTO account_ente (account_id, ente_id, created_at) VALUES ($1, $2, $3)
                     ON CONFLICT (account_id, ente_id) DO NOTHING",
        )
        .bind(account)
        .bind(ente)
        .bind(now),
        false => sql("DELETE FROM account_ente WHERE account_id = $1 AND ente_id = $2")
            .bind(account)
            .bind(ente),
    };
    tx.execute(change).await?;
    Ok(())
}

/// Whether someone follows the ente.
#[cfg(feature = "ssr")]
pub async fn follows(db: &Db, account: AccountId, ente: EnteId) -> Result<bool, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM account_ente WHERE account_id = $1 AND ente_id = $2")
                .bind(account)
                .bind(ente),
        )
        .await?;
    Ok(n > 0)
}

/// The names of the enti someone follows (for their data export).
#[cfg(feature = "ssr")]
pub async fn followed(db: &Db, account: AccountId) -> Result<Vec<String>, DbError> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            sql(
                "SELECT e.name FROM account_ente f JOIN ente e ON e.id = f.ente_id
                  WHERE f.account_id = $1 ORDER BY e.name",
            )
            .bind(account),
        )
        .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// The verified accounts that follow the ente and not the topic `topic` (told of it
/// already): id and language.
#[cfg(feature = "ssr")]
pub async fn ente_followers(
    tx: &mut Tx,
    ente: EnteId,
    topic: &str,
) -> Result<Vec<(AccountId, String)>, DbError> {
    tx.fetch_all(
        sql("SELECT a.id, a.language FROM account a
               JOIN account_ente f ON f.account_id = a.id
              WHERE f.ente_id = $1 AND a.deleted_at IS NULL AND a.email_verified_at IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM account_topic x JOIN topic t ON t.id = x.topic_id
                                 WHERE x.account_id = a.id AND t.slug = $2)
              ORDER BY a.id LIMIT 100000")
        .bind(ente)
        .bind(topic),
    )
    .await
}
