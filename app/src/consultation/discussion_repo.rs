//! Reading and writing texts in discussion, comments, supports and reports (server
//! only).

use super::discussion::{CommentStatus, Paragraph};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::AccountId;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ParagraphRow {
    pub id: i64,
    pub position: i64,
    pub heading: String,
    pub body: String,
}

pub async fn paragraphs(db: &Db, consultation_id: i64) -> Result<Vec<ParagraphRow>, DbError> {
    db.fetch_all(
        sql(
            "SELECT id, position, heading, body FROM consultation_paragraph
              WHERE consultation_id = $1 ORDER BY position",
        )
        .bind(consultation_id),
    )
    .await
}

/// Replaces the text, unless someone has commented on it: then it is fixed, and this
/// returns false (the caller rolls the transaction back).
pub async fn replace_text(
    tx: &mut Tx,
    consultation_id: i64,
    paragraphs: &[Paragraph],
) -> Result<bool, DbError> {
    // Only paragraphs without comments go; any that stay mean the text is fixed.
    tx.execute(
        sql("DELETE FROM consultation_paragraph WHERE consultation_id = $1
              AND NOT EXISTS (SELECT 1 FROM paragraph_comment c WHERE c.paragraph_id = consultation_paragraph.id)")
        .bind(consultation_id),
    )
    .await?;
    let (left,): (i64,) = tx
        .fetch_one(
            sql("SELECT COUNT(*) FROM consultation_paragraph WHERE consultation_id = $1")
                .bind(consultation_id),
        )
        .await?;
    if left > 0 {
        return Ok(false);
    }
    for (i, p) in paragraphs.iter().enumerate() {
        tx.execute(
            sql(
                "INSERT INTO consultation_paragraph (consultation_id, position, heading, body)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(consultation_id)
            .bind(i as i64 + 1)
            .bind(p.heading.as_str())
            .bind(p.body.as_str()),
        )
        .await?;
    }
    Ok(true)
}

pub async fn comment_count(db: &Db, consultation_id: i64) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM paragraph_comment c JOIN consultation_paragraph p ON p.id = c.paragraph_id
                  WHERE p.consultation_id = $1")
            .bind(consultation_id),
        )
        .await?;
    Ok(n)
}

/// A comment with what pages show of it; `supported` and `reported` count the
/// reader's own support and report (0 or 1).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub paragraph_id: i64,
    pub account_id: Option<AccountId>,
    pub display_name: String,
    pub deleted_at: Option<DateTime<Utc>>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub status: CommentStatus,
    pub reply: String,
    pub replied_at: Option<DateTime<Utc>>,
    pub hidden: bool,
    pub hidden_reason: String,
    pub supports: i64,
    pub reports: i64,
    pub supported: i64,
    pub reported: i64,
}

/// Every comment of a consultation's text, in the order of the paragraphs, oldest
/// first; `reader` is the signed-in person, if any.
pub async fn comments(
    db: &Db,
    consultation_id: i64,
    reader: Option<AccountId>,
) -> Result<Vec<CommentRow>, DbError> {
    db.fetch_all(
        sql("SELECT c.id, c.paragraph_id, c.account_id, COALESCE(a.display_name, '') AS display_name,
                    a.deleted_at, c.body, c.created_at, c.status, c.reply, c.replied_at, c.hidden,
                    c.hidden_reason,
                    (SELECT COUNT(*) FROM comment_support s WHERE s.comment_id = c.id) AS supports,
                    (SELECT COUNT(*) FROM comment_report r WHERE r.comment_id = c.id) AS reports,
                    (SELECT COUNT(*) FROM comment_support s WHERE s.comment_id = c.id AND s.account_id = $2) AS supported,
                    (SELECT COUNT(*) FROM comment_report r WHERE r.comment_id = c.id AND r.account_id = $2) AS reported
               FROM paragraph_comment c
               JOIN consultation_paragraph p ON p.id = c.paragraph_id
               LEFT JOIN account a ON a.id = c.account_id
              WHERE p.consultation_id = $1
              ORDER BY p.position, c.created_at, c.id")
        .bind(consultation_id)
        .bind(reader),
    )
    .await
}

/// Reports by reason: (comment id, reason code, count).
pub async fn report_reasons(
    db: &Db,
    consultation_id: i64,
) -> Result<Vec<(i64, String, i64)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT r.comment_id, r.reason, COUNT(*) FROM comment_report r
               JOIN paragraph_comment c ON c.id = r.comment_id
               JOIN consultation_paragraph p ON p.id = c.paragraph_id
              WHERE p.consultation_id = $1
              GROUP BY r.comment_id, r.reason ORDER BY r.comment_id, r.reason",
        )
        .bind(consultation_id),
    )
    .await
}

/// Whether the paragraph belongs to the consultation.
pub async fn paragraph_in(
    db: &Db,
    consultation_id: i64,
    paragraph_id: i64,
) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT id FROM consultation_paragraph WHERE id = $1 AND consultation_id = $2")
                .bind(paragraph_id)
                .bind(consultation_id),
        )
        .await?;
    Ok(row.is_some())
}

/// A comment of the consultation: (author, hidden, status), or None when the id
/// names a comment elsewhere (or none).
pub async fn comment_in(
    db: &Db,
    consultation_id: i64,
    comment_id: i64,
) -> Result<Option<(Option<AccountId>, bool, String)>, DbError> {
    db.fetch_optional(
        sql(
            "SELECT c.account_id, c.hidden, c.body FROM paragraph_comment c
               JOIN consultation_paragraph p ON p.id = c.paragraph_id
              WHERE c.id = $1 AND p.consultation_id = $2",
        )
        .bind(comment_id)
        .bind(consultation_id),
    )
    .await
}

pub async fn insert_comment(
    tx: &mut Tx,
    paragraph_id: i64,
    account_id: AccountId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql(
                "INSERT INTO paragraph_comment (paragraph_id, account_id, body, created_at)
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(paragraph_id)
            .bind(account_id)
            .bind(body)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// Adds the person's support, or takes it back; whether they support it now.
pub async fn toggle_support(
    tx: &mut Tx,
    comment_id: i64,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let removed = tx
        .execute(
            sql("DELETE FROM comment_support WHERE comment_id = $1 AND account_id = $2")
                .bind(comment_id)
                .bind(account_id),
        )
        .await?;
    if removed > 0 {
        return Ok(false);
    }
    tx.execute(
        sql(
            "INSERT INTO comment_support (comment_id, account_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(comment_id)
        .bind(account_id)
        .bind(now),
    )
    .await?;
    Ok(true)
}

/// Records a report; false when this person had reported the comment already.
pub async fn add_report(
    tx: &mut Tx,
    comment_id: i64,
    account_id: AccountId,
    reason: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql(
                "INSERT INTO comment_report (comment_id, account_id, reason, note, created_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(comment_id)
            .bind(account_id)
            .bind(reason)
            .bind(note)
            .bind(now),
        )
        .await?;
    Ok(n == 1)
}

pub async fn set_reply(
    tx: &mut Tx,
    comment_id: i64,
    status: CommentStatus,
    reply: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE paragraph_comment SET status = $1, reply = $2, replied_by = $3, replied_at = $4 WHERE id = $5")
            .bind(status.code())
            .bind(reply)
            .bind(by)
            .bind(now)
            .bind(comment_id),
    )
    .await?;
    Ok(())
}

pub async fn set_hidden(
    tx: &mut Tx,
    comment_id: i64,
    hidden: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE paragraph_comment SET hidden = $1, hidden_reason = $2, hidden_at = $3 WHERE id = $4")
            .bind(hidden)
            .bind(reason)
            .bind(hidden.then_some(now))
            .bind(comment_id),
    )
    .await?;
    Ok(())
}

/// A person's own comments, for their data export: (consultation title, paragraph
/// heading, text, when).
pub async fn own_comments(
    db: &Db,
    account_id: AccountId,
) -> Result<Vec<(String, String, String, DateTime<Utc>)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT k.title, p.heading, c.body, c.created_at FROM paragraph_comment c
               JOIN consultation_paragraph p ON p.id = c.paragraph_id
               JOIN consultation k ON k.id = p.consultation_id
              WHERE c.account_id = $1 ORDER BY c.created_at",
        )
        .bind(account_id),
    )
    .await
}
