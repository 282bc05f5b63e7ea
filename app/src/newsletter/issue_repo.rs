//! The issues' table (server only): written by the desk, read by the sender.

use super::model::{IssueState, IssueSummary};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Utc};

/// A new issue, rendered.
pub struct NewIssue<'a> {
    pub list: i64,
    pub subject: &'a str,
    pub intro: &'a str,
    pub items: &'a str,
    pub body_html: &'a str,
    pub body_text: &'a str,
    pub state: IssueState,
    pub send_at: Option<DateTime<Utc>>,
}

pub async fn insert(
    tx: &mut Tx,
    ente: EnteId,
    i: &NewIssue<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO newsletter_issue
                   (ente_id, list_id, subject, intro, items, body_html, body_text, state, send_at, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
            .bind(ente)
            .bind(i.list)
            .bind(i.subject)
            .bind(i.intro)
            .bind(i.items)
            .bind(i.body_html)
            .bind(i.body_text)
            .bind(i.state.code())
            .bind(i.send_at)
            .bind(by)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// The issues' query, with its WHERE and what follows.
macro_rules! select_issue {
    ($rest:literal) => {
        concat!(
            "SELECT i.id, i.list_id, i.subject, l.name AS list_name, i.state, i.send_at,
                    i.started_at, i.finished_at
               FROM newsletter_issue i JOIN newsletter_list l ON l.id = i.list_id",
            $rest
        )
    };
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    list_id: i64,
    subject: String,
    list_name: String,
    state: String,
    send_at: Option<DateTime<Utc>>,
    started_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
}

async fn summary(db: &Db, r: Row) -> Result<IssueSummary, DbError> {
    let stats = super::delivery::stats(db, r.id, r.list_id, r.started_at).await?;
    Ok(IssueSummary {
        id: r.id,
        subject: r.subject,
        list_name: r.list_name,
        state: IssueState::from_code(&r.state).unwrap_or(IssueState::Draft),
        send_at: r.send_at,
        started_at: r.started_at,
        finished_at: r.finished_at,
        stats,
    })
}

/// The ente's latest issues with their statistics.
pub async fn latest(db: &Db, ente: EnteId, limit: i64) -> Result<Vec<IssueSummary>, DbError> {
    let rows: Vec<Row> = db
        .fetch_all(
            sql(select_issue!(
                " WHERE i.ente_id = $1 ORDER BY i.id DESC LIMIT $2"
            ))
            .bind(ente)
            .bind(limit),
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(summary(db, r).await?);
    }
    Ok(out)
}

/// One issue of the ente (None when it is another's), and its text part.
pub async fn one(
    db: &Db,
    ente: EnteId,
    id: i64,
) -> Result<Option<(IssueSummary, String)>, DbError> {
    let row: Option<Row> = db
        .fetch_optional(
            sql(select_issue!(" WHERE i.ente_id = $1 AND i.id = $2"))
                .bind(ente)
                .bind(id),
        )
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (text,): (String,) = db
        .fetch_one(sql("SELECT body_text FROM newsletter_issue WHERE id = $1").bind(id))
        .await?;
    Ok(Some((summary(db, row).await?, text)))
}

/// What the sender needs of an issue, read once per issue per node.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Outgoing {
    pub subject: String,
    pub body_html: String,
    pub body_text: String,
    pub list_id: i64,
    pub list_name: String,
    pub ente_slug: String,
    pub ente_name: String,
    pub ente_email: String,
}

pub async fn outgoing(db: &Db, id: i64) -> Result<Option<Outgoing>, DbError> {
    db.fetch_optional(
        sql(
            "SELECT i.subject, i.body_html, i.body_text, i.list_id, l.name AS list_name,
                    e.slug AS ente_slug, e.name AS ente_name, e.email AS ente_email
               FROM newsletter_issue i
               JOIN newsletter_list l ON l.id = i.list_id
               JOIN ente e ON e.id = i.ente_id
              WHERE i.id = $1",
        )
        .bind(id),
    )
    .await
}

/// The HTML part of an issue of the ente, for the preview.
pub async fn html_of(db: &Db, ente: EnteId, id: i64) -> Result<Option<String>, DbError> {
    let row: Option<(String,)> = db
        .fetch_optional(
            sql("SELECT body_html FROM newsletter_issue WHERE ente_id = $1 AND id = $2")
                .bind(ente)
                .bind(id),
        )
        .await?;
    Ok(row.map(|(h,)| h))
}

/// A draft is scheduled (to go at `at`); whether it was a draft.
pub async fn schedule(
    tx: &mut Tx,
    ente: EnteId,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql(
                "UPDATE newsletter_issue SET state = 'scheduled', send_at = $1
                  WHERE ente_id = $2 AND id = $3 AND state = 'draft'",
            )
            .bind(at)
            .bind(ente)
            .bind(id),
        )
        .await?;
    Ok(n > 0)
}
