//! Reading and writing consultations and their responses (server only).

use super::model::Participation;
use crate::db::{sql, Db, DbError, Sql, Tx};
use crate::ids::{AccountId, CommunityId, EnteId};
use crate::questionnaire::model::Questionnaire;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub ente_id: EnteId,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub status: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub participation: Participation,
    pub community_id: Option<CommunityId>,
    pub anonymous_results: bool,
    pub questionnaire: String,
    pub outcome: String,
}

impl Row {
    /// The stored questionnaire (an unreadable one reads as empty, and is logged).
    pub fn questionnaire(&self) -> Questionnaire {
        serde_json::from_str(&self.questionnaire).unwrap_or_else(|e| {
            tracing::error!(consultation = self.id, error = %e, "unreadable questionnaire");
            Questionnaire::default()
        })
    }
}

macro_rules! select_row {
    ($rest:literal) => {
        concat!(
            "SELECT id, ente_id, slug, title, summary, body, status, opens_at, closes_at, participation,
                    community_id, anonymous_results, questionnaire, outcome
               FROM consultation ",
            $rest
        )
    };
}

pub async fn by_slug(db: &Db, ente_id: EnteId, slug: &str) -> Result<Option<Row>, DbError> {
    db.fetch_optional(
        sql(select_row!("WHERE ente_id = $1 AND slug = $2"))
            .bind(ente_id)
            .bind(slug),
    )
    .await
}

/// The consultations of an ente, newest first; drafts only when asked.
pub async fn list(db: &Db, ente_id: EnteId, with_drafts: bool) -> Result<Vec<Row>, DbError> {
    db.fetch_all(
        sql(select_row!(
            "WHERE ente_id = $1 AND ($2 OR status <> 'draft') ORDER BY opens_at DESC, id DESC"
        ))
        .bind(ente_id)
        .bind(with_drafts),
    )
    .await
}

/// The ente a consultation belongs to.
pub async fn ente_of(db: &Db, id: i64) -> Result<Option<EnteId>, DbError> {
    let row: Option<(EnteId,)> = db
        .fetch_optional(sql("SELECT ente_id FROM consultation WHERE id = $1").bind(id))
        .await?;
    Ok(row.map(|(e,)| e))
}

pub async fn response_count(db: &Db, id: i64) -> Result<i64, DbError> {
    let n: Option<(i64,)> = db
        .fetch_optional(sql("SELECT response_count FROM consultation WHERE id = $1").bind(id))
        .await?;
    Ok(n.map_or(0, |(n,)| n))
}

/// Counts every consultation's answers again (after a restore, whose tables were read
/// one after the other while answers may have kept coming).
pub async fn recount(db: &Db) -> Result<u64, DbError> {
    db.execute(sql(
        "UPDATE consultation SET response_count =
             (SELECT COUNT(*) FROM response r WHERE r.consultation_id = consultation.id)",
    ))
    .await
}

/// Responses per consultation of an ente: (consultation id, count).
pub async fn response_counts(db: &Db, ente_id: EnteId) -> Result<Vec<(i64, i64)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT id, response_count FROM consultation WHERE ente_id = $1 AND response_count > 0",
        )
        .bind(ente_id),
    )
    .await
}

/// A new draft; None when the slug is taken in this ente.
pub async fn create(
    tx: &mut Tx,
    ente_id: EnteId,
    slug: &str,
    title: &str,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    created_by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("INSERT INTO consultation (ente_id, slug, title, opens_at, closes_at, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (ente_id, slug) DO NOTHING RETURNING id")
            .bind(ente_id)
            .bind(slug)
            .bind(title)
            .bind(opens_at)
            .bind(closes_at)
            .bind(created_by)
            .bind(now),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The details an operator edits.
pub struct Details {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub participation: Participation,
    pub community_id: Option<CommunityId>,
    pub anonymous_results: bool,
    pub comuni: Vec<EnteId>,
    pub topics: Vec<i64>,
}

pub async fn update_details(
    tx: &mut Tx,
    id: i64,
    d: &Details,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE consultation SET title = $1, summary = $2, body = $3, opens_at = $4, closes_at = $5,
                    participation = $6, community_id = $7, anonymous_results = $8, updated_at = $9
              WHERE id = $10")
        .bind(d.title.as_str())
        .bind(d.summary.as_str())
        .bind(d.body.as_str())
        .bind(d.opens_at)
        .bind(d.closes_at)
        .bind(d.participation.code())
        .bind(d.community_id)
        .bind(d.anonymous_results)
        .bind(now)
        .bind(id),
    )
    .await?;
    tx.execute(sql("DELETE FROM consultation_comune WHERE consultation_id = $1").bind(id))
        .await?;
    for comune in &d.comuni {
        tx.execute(
            sql("INSERT INTO consultation_comune (consultation_id, ente_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*comune),
        )
        .await?;
    }
    tx.execute(sql("DELETE FROM consultation_topic WHERE consultation_id = $1").bind(id))
        .await?;
    for topic in &d.topics {
        tx.execute(
            sql("INSERT INTO consultation_topic (consultation_id, topic_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*topic),
        )
        .await?;
    }
    Ok(())
}

pub async fn comuni(db: &Db, id: i64) -> Result<Vec<EnteId>, DbError> {
    let rows: Vec<(EnteId,)> = db
        .fetch_all(sql("SELECT ente_id FROM consultation_comune WHERE consultation_id = $1 ORDER BY ente_id").bind(id))
        .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

pub async fn topics(db: &Db, id: i64) -> Result<Vec<String>, DbError> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            sql(
                "SELECT t.slug FROM consultation_topic c JOIN topic t ON t.id = c.topic_id
                  WHERE c.consultation_id = $1 ORDER BY t.slug",
            )
            .bind(id),
        )
        .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// Replaces the questionnaire, unless someone has answered already: then the
/// questions are fixed, and this returns false.
pub async fn set_questionnaire(
    tx: &mut Tx,
    id: i64,
    q: &Questionnaire,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let json = serde_json::to_string(q).unwrap_or_default();
    let n = tx
        .execute(
            sql(
                "UPDATE consultation SET questionnaire = $1, updated_at = $2
                  WHERE id = $3 AND NOT EXISTS (SELECT 1 FROM response WHERE consultation_id = $3)",
            )
            .bind(json)
            .bind(now)
            .bind(id),
        )
        .await?;
    Ok(n == 1)
}

pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    status: &str,
    outcome: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE consultation SET status = $1, outcome = COALESCE($2, outcome), updated_at = $3 WHERE id = $4")
            .bind(status)
            .bind(outcome)
            .bind(now)
            .bind(id),
    )
    .await?;
    Ok(())
}

/// A response to store.
pub struct NewResponse<'a> {
    pub consultation_id: i64,
    pub account_id: Option<AccountId>,
    pub receipt: &'a str,
    pub answers: &'a str,
    pub comune_id: Option<EnteId>,
    pub birth_year: Option<i64>,
}

/// Stores a response; false when this account has answered already.
pub async fn insert_response(
    tx: &mut Tx,
    r: &NewResponse<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("INSERT INTO response (consultation_id, account_id, receipt, answers, comune_id, birth_year, submitted_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT DO NOTHING RETURNING id")
            .bind(r.consultation_id)
            .bind(r.account_id)
            .bind(r.receipt)
            .bind(r.answers)
            .bind(r.comune_id)
            .bind(r.birth_year)
            .bind(now),
        )
        .await?;
    if row.is_some() {
        tx.execute(
            sql("UPDATE consultation SET response_count = response_count + 1 WHERE id = $1")
                .bind(r.consultation_id),
        )
        .await?;
        // The results pages open on it count the new answer.
        crate::live::repo::publish(
            tx,
            crate::live::Topic::Results(r.consultation_id),
            crate::live::model::kind::ANSWER,
            r.consultation_id,
            now,
        )
        .await?;
    }
    Ok(row.is_some())
}

pub async fn has_answered(
    db: &Db,
    consultation_id: i64,
    account_id: AccountId,
) -> Result<Option<String>, DbError> {
    let row: Option<(String,)> = db
        .fetch_optional(
            sql("SELECT receipt FROM response WHERE consultation_id = $1 AND account_id = $2")
                .bind(consultation_id)
                .bind(account_id),
        )
        .await?;
    Ok(row.map(|(r,)| r))
}

/// A stored response, for results and exports.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StoredResponse {
    pub id: i64,
    pub receipt: String,
    pub answers: String,
    pub comune_id: Option<EnteId>,
    pub birth_year: Option<i64>,
    pub submitted_at: DateTime<Utc>,
}

fn responses_query(consultation_id: i64) -> Sql {
    sql(
        "SELECT id, receipt, answers, comune_id, birth_year, submitted_at FROM response
          WHERE consultation_id = $1 ORDER BY id",
    )
    .bind(consultation_id)
}

pub async fn responses(db: &Db, consultation_id: i64) -> Result<Vec<StoredResponse>, DbError> {
    db.fetch_all(responses_query(consultation_id)).await
}

/// Every response handed to `each` as it is read, none kept (results over many).
pub async fn each_response(
    db: &Db,
    consultation_id: i64,
    each: impl FnMut(StoredResponse),
) -> Result<(), DbError> {
    db.for_each(responses_query(consultation_id), each).await
}

/// Whose draft: a signed-in account, or a browser (by the digest of its draft cookie).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftOwner {
    Account(AccountId),
    Browser(String),
}

impl DraftOwner {
    fn key(&self) -> String {
        match self {
            DraftOwner::Account(id) => format!("account:{id}"),
            DraftOwner::Browser(digest) => format!("browser:{digest}"),
        }
    }

    fn account(&self) -> Option<AccountId> {
        match self {
            DraftOwner::Account(id) => Some(*id),
            DraftOwner::Browser(_) => None,
        }
    }
}

pub async fn save_draft(
    tx: &mut Tx,
    consultation_id: i64,
    owner: &DraftOwner,
    fields: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO response_draft (consultation_id, owner, account_id, fields, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (consultation_id, owner) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at")
        .bind(consultation_id)
        .bind(owner.key())
        .bind(owner.account())
        .bind(fields)
        .bind(now),
    )
    .await?;
    Ok(())
}

pub async fn draft(
    db: &Db,
    consultation_id: i64,
    owner: &DraftOwner,
) -> Result<Option<String>, DbError> {
    let row: Option<(String,)> = db
        .fetch_optional(
            sql("SELECT fields FROM response_draft WHERE consultation_id = $1 AND owner = $2")
                .bind(consultation_id)
                .bind(owner.key()),
        )
        .await?;
    Ok(row.map(|(f,)| f))
}

pub async fn delete_draft(
    tx: &mut Tx,
    consultation_id: i64,
    owner: &DraftOwner,
) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM response_draft WHERE consultation_id = $1 AND owner = $2")
            .bind(consultation_id)
            .bind(owner.key()),
    )
    .await?;
    Ok(())
}

/// The verified accounts that follow one of the consultation's topics: (id, email,
/// name, language).
pub async fn followers(
    tx: &mut Tx,
    consultation_id: i64,
) -> Result<Vec<(AccountId, String, String, String)>, DbError> {
    tx.fetch_all(
        sql(
            "SELECT DISTINCT a.id, a.email, a.display_name, a.language FROM account a
               JOIN account_topic t ON t.account_id = a.id
               JOIN consultation_topic ct ON ct.topic_id = t.topic_id
              WHERE ct.consultation_id = $1 AND a.deleted_at IS NULL
                AND a.email_verified_at IS NOT NULL
              ORDER BY a.id",
        )
        .bind(consultation_id),
    )
    .await
}

/// Deletes the drafts of browsers without an account last touched before `before`
/// (their cookie has expired by then); how many went.
pub async fn prune_browser_drafts(db: &Db, before: DateTime<Utc>) -> Result<u64, DbError> {
    db.execute(
        sql("DELETE FROM response_draft WHERE account_id IS NULL AND updated_at < $1").bind(before),
    )
    .await
}

/// The public consultations of an ente (all but drafts), for the sitemap: slug and
/// last change.
pub async fn public_slugs(
    db: &Db,
    ente_id: EnteId,
) -> Result<Vec<(String, DateTime<Utc>)>, DbError> {
    db.fetch_all(
        sql("SELECT slug, updated_at FROM consultation
              WHERE ente_id = $1 AND status <> 'draft' ORDER BY opens_at DESC, id DESC")
        .bind(ente_id),
    )
    .await
}
