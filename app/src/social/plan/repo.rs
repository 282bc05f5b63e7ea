//! Reading and writing channels and the editorial plan (server only).

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use crate::social::plan::model::ItemState;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub title: String,
    pub campaign: String,
    pub media: String,
    pub author_id: Option<AccountId>,
    pub author_name: Option<String>,
    pub author_language: Option<String>,
    pub planned_at: DateTime<Utc>,
    pub due_on: Option<NaiveDate>,
    pub state: String,
    pub published_url: String,
    pub approved_name: Option<String>,
    pub series_id: Option<i64>,
    pub source_kind: String,
    pub source_id: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

impl ItemRow {
    pub fn state(&self) -> ItemState {
        ItemState::from_code(&self.state).unwrap_or(ItemState::Draft)
    }

    /// Who wrote the item, as the team sees them ("Account eliminato" once erased).
    pub fn author(&self, lang: crate::i18n::Lang) -> String {
        crate::account::model::author_label(
            self.author_name.as_deref().unwrap_or_default(),
            self.author_name.is_none() && self.author_id.is_some(),
            lang,
        )
    }
}

macro_rules! item_select {
    () => {
        "SELECT i.id, i.title, i.campaign, i.media, i.author_id, a.display_name AS author_name,
                a.language AS author_language, i.planned_at, i.due_on, i.state, i.published_url,
                r.display_name AS approved_name, i.series_id, i.source_kind, i.source_id, i.updated_at
           FROM editorial_item i
           LEFT JOIN account a ON a.id = i.author_id
           LEFT JOIN account r ON r.id = i.approved_by"
    };
}

pub async fn item(db: &Db, ente: EnteId, id: i64) -> Result<Option<ItemRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            item_select!(),
            " WHERE i.ente_id = $1 AND i.id = $2"
        ))
        .bind(ente)
        .bind(id),
    )
    .await
}

/// The item, read again inside a transaction that changes it.
pub async fn item_in(tx: &mut Tx, ente: EnteId, id: i64) -> Result<Option<ItemRow>, DbError> {
    tx.fetch_optional(
        sql(concat!(
            item_select!(),
            " WHERE i.ente_id = $1 AND i.id = $2"
        ))
        .bind(ente)
        .bind(id),
    )
    .await
}

/// The items planned from `from` (included) to `to` (excluded), in time order.
pub async fn items_between(
    db: &Db,
    ente: EnteId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ItemRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            item_select!(),
            " WHERE i.ente_id = $1 AND i.planned_at >= $2 AND i.planned_at < $3 ORDER BY i.planned_at, i.id"
        ))
        .bind(ente)
        .bind(from)
        .bind(to),
    )
    .await
}

/// Every item of the ente, in time order (for the exports).
pub async fn all_items(db: &Db, ente: EnteId) -> Result<Vec<ItemRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            item_select!(),
            " WHERE i.ente_id = $1 ORDER BY i.planned_at, i.id"
        ))
        .bind(ente),
    )
    .await
}

/// The texts of items, by item: (item, channel, body).
pub async fn texts_of(
    db: &Db,
    ente: EnteId,
    items: &[i64],
) -> Result<Vec<(i64, i64, String)>, DbError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let (first, last) = (
        items.iter().min().copied().unwrap_or_default(),
        items.iter().max().copied().unwrap_or_default(),
    );
    let rows: Vec<(i64, i64, String)> = db
        .fetch_all(
            sql(
                "SELECT t.item_id, t.channel_id, t.body FROM editorial_text t
                   JOIN editorial_item i ON i.id = t.item_id
                  WHERE i.ente_id = $1 AND t.item_id BETWEEN $2 AND $3
                  ORDER BY t.item_id, t.channel_id",
            )
            .bind(ente)
            .bind(first)
            .bind(last),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(i, _, _)| items.contains(i))
        .collect())
}

/// What the editor saves of an item.
pub struct ItemInput<'a> {
    pub title: &'a str,
    pub campaign: &'a str,
    pub media: &'a str,
    pub planned_at: DateTime<Utc>,
    pub due_on: Option<NaiveDate>,
    /// (channel, text), only non-empty texts.
    pub texts: &'a [(i64, String)],
}

pub async fn insert_item(
    tx: &mut Tx,
    ente: EnteId,
    author: AccountId,
    item: &ItemInput<'_>,
    series: Option<i64>,
    source: (&str, Option<i64>),
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO editorial_item (ente_id, title, campaign, media, author_id, planned_at, due_on, series_id, source_kind, source_id, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id")
            .bind(ente)
            .bind(item.title)
            .bind(item.campaign)
            .bind(item.media)
            .bind(author)
            .bind(item.planned_at)
            .bind(item.due_on)
            .bind(series)
            .bind(source.0)
            .bind(source.1)
            .bind(now),
        )
        .await?;
    write_texts(tx, id, item.texts).await?;
    Ok(id)
}

/// Marks the first item of a series as the series.
pub async fn set_series(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    tx.execute(sql("UPDATE editorial_item SET series_id = $1 WHERE id = $1").bind(id))
        .await?;
    Ok(())
}

async fn write_texts(tx: &mut Tx, item: i64, texts: &[(i64, String)]) -> Result<(), DbError> {
    tx.execute(sql("DELETE FROM editorial_text WHERE item_id = $1").bind(item))
        .await?;
    for (channel, body) in texts {
        tx.execute(
            sql("INSERT INTO editorial_text (item_id, channel_id, body) VALUES ($1, $2, $3)")
                .bind(item)
                .bind(*channel)
                .bind(body),
        )
        .await?;
    }
    Ok(())
}

/// Changes an item that may still change (draft or in review); false when it may not.
pub async fn update_item(
    tx: &mut Tx,
    ente: EnteId,
    id: i64,
    item: &ItemInput<'_>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE editorial_item SET title = $3, campaign = $4, media = $5, planned_at = $6, due_on = $7, updated_at = $8
                  WHERE id = $1 AND ente_id = $2 AND state IN ('draft', 'review')")
            .bind(id)
            .bind(ente)
            .bind(item.title)
            .bind(item.campaign)
            .bind(item.media)
            .bind(item.planned_at)
            .bind(item.due_on)
            .bind(now),
        )
        .await?;
    if n == 0 {
        return Ok(false);
    }
    write_texts(tx, id, item.texts).await?;
    Ok(true)
}

/// Moves an item to another moment, unless it is published or dropped.
pub async fn move_item(
    tx: &mut Tx,
    ente: EnteId,
    id: i64,
    planned_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE editorial_item SET planned_at = $3, updated_at = $4
                  WHERE id = $1 AND ente_id = $2 AND state NOT IN ('published', 'dropped')")
            .bind(id)
            .bind(ente)
            .bind(planned_at)
            .bind(now),
        )
        .await?;
    Ok(n > 0)
}

/// Takes an item from `from` to `to` (false when someone moved it first). Approval
/// records who approved; going back to a draft forgets it.
#[allow(clippy::too_many_arguments)]
pub async fn set_state(
    tx: &mut Tx,
    ente: EnteId,
    id: i64,
    from: ItemState,
    to: ItemState,
    by: AccountId,
    link: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE editorial_item SET state = $4, updated_at = $6,
                    approved_by = CASE WHEN $4 = 'approved' THEN $5 WHEN $4 = 'draft' THEN NULL ELSE approved_by END,
                    approved_at = CASE WHEN $4 = 'approved' THEN $6 WHEN $4 = 'draft' THEN NULL ELSE approved_at END,
                    published_url = CASE WHEN $4 = 'published' THEN $7 ELSE published_url END
                  WHERE id = $1 AND ente_id = $2 AND state = $3")
            .bind(id)
            .bind(ente)
            .bind(from.code())
            .bind(to.code())
            .bind(by)
            .bind(now)
            .bind(link),
        )
        .await?;
    Ok(n > 0)
}

pub async fn add_note(
    tx: &mut Tx,
    item: i64,
    author: AccountId,
    step: Option<(ItemState, ItemState)>,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (from, to) = step.map(|(f, t)| (f.code(), t.code())).unwrap_or(("", ""));
    tx.execute(
        sql("INSERT INTO editorial_note (item_id, author_id, from_state, to_state, body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(item)
        .bind(author)
        .bind(from)
        .bind(to)
        .bind(body)
        .bind(now),
    )
    .await?;
    Ok(())
}

#[derive(Clone, sqlx::FromRow)]
pub struct NoteRow {
    pub author_name: Option<String>,
    pub author_deleted: Option<bool>,
    pub from_state: String,
    pub to_state: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub async fn notes(db: &Db, item: i64) -> Result<Vec<NoteRow>, DbError> {
    db.fetch_all(
        sql(
            "SELECT a.display_name AS author_name, (a.deleted_at IS NOT NULL) AS author_deleted,
                    n.from_state, n.to_state, n.body, n.created_at
               FROM editorial_note n LEFT JOIN account a ON a.id = n.author_id
              WHERE n.item_id = $1 ORDER BY n.id",
        )
        .bind(item),
    )
    .await
}

/// The later items of a series: (id, planned).
pub async fn series_after(
    db: &Db,
    ente: EnteId,
    series: i64,
    after: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>, DbError> {
    db.fetch_all(
        sql("SELECT id, planned_at FROM editorial_item
              WHERE ente_id = $1 AND series_id = $2 AND planned_at > $3 ORDER BY planned_at LIMIT 60")
        .bind(ente)
        .bind(series)
        .bind(after),
    )
    .await
}

/// The campaigns used in the ente's plan, most used first.
pub async fn campaigns(db: &Db, ente: EnteId) -> Result<Vec<String>, DbError> {
    let rows: Vec<(String, i64)> = db
        .fetch_all(
            sql("SELECT campaign, COUNT(*) AS n FROM editorial_item
                  WHERE ente_id = $1 AND campaign <> '' GROUP BY campaign ORDER BY n DESC, campaign LIMIT 30")
            .bind(ente),
        )
        .await?;
    Ok(rows.into_iter().map(|(c, _)| c).collect())
}

/// Items per state planned from `from` to `to`.
pub async fn state_counts(
    db: &Db,
    ente: EnteId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, i64)>, DbError> {
    db.fetch_all(
        sql("SELECT state, COUNT(*) FROM editorial_item
              WHERE ente_id = $1 AND planned_at >= $2 AND planned_at < $3 GROUP BY state")
        .bind(ente)
        .bind(from)
        .bind(to),
    )
    .await
}

/// Items in one of (at most three) states planned from `from`, in time order.
pub async fn in_state(
    db: &Db,
    ente: EnteId,
    states: &[ItemState],
    from: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<ItemRow>, DbError> {
    let codes: Vec<&str> = states.iter().map(|s| s.code()).collect();
    // At most three states are asked for at once; unused places repeat the first.
    let pick = |i: usize| codes.get(i).or(codes.first()).copied().unwrap_or("");
    db.fetch_all(
        sql(concat!(
            item_select!(),
            " WHERE i.ente_id = $1 AND i.state IN ($2, $3, $4) AND i.planned_at >= $5
              ORDER BY i.planned_at, i.id LIMIT $6"
        ))
        .bind(ente)
        .bind(pick(0))
        .bind(pick(1))
        .bind(pick(2))
        .bind(from)
        .bind(limit),
    )
    .await
}

/// Published content of the ente's site that can become an item, newest first:
/// (kind, id, title, summary, address slug, when).
#[derive(Clone, sqlx::FromRow)]
pub struct SourceRow {
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub slug: String,
    pub at: DateTime<Utc>,
}

pub async fn reusable(
    db: &Db,
    ente: EnteId,
    now: DateTime<Utc>,
) -> Result<Vec<SourceRow>, DbError> {
    db.fetch_all(
        sql("SELECT * FROM (
                SELECT 'news' AS kind, id, title, summary, slug, published_at AS at FROM news
                 WHERE ente_id = $1 AND published_at <= $2
                UNION ALL
                SELECT 'event' AS kind, id, title, summary, slug, starts_at AS at FROM event
                 WHERE ente_id = $1 AND starts_at >= $2
                UNION ALL
                SELECT 'consultation' AS kind, id, title, summary, slug, opens_at AS at FROM consultation
                 WHERE ente_id = $1 AND status <> 'draft' AND closes_at >= $2
             ) s ORDER BY at DESC, id DESC LIMIT 30")
        .bind(ente)
        .bind(now),
    )
    .await
}

/// One piece of published site content by kind and id.
pub async fn source(
    db: &Db,
    ente: EnteId,
    kind: &str,
    id: i64,
) -> Result<Option<SourceRow>, DbError> {
    let q = match kind {
        "news" => "SELECT 'news' AS kind, id, title, summary, slug, published_at AS at FROM news WHERE ente_id = $1 AND id = $2",
        "event" => "SELECT 'event' AS kind, id, title, summary, slug, starts_at AS at FROM event WHERE ente_id = $1 AND id = $2",
        "consultation" => "SELECT 'consultation' AS kind, id, title, summary, slug, opens_at AS at FROM consultation WHERE ente_id = $1 AND id = $2 AND status <> 'draft'",
        _ => return Ok(None),
    };
    db.fetch_optional(sql(q).bind(ente).bind(id)).await
}
