//! The ente's free pages (server only): written by the site's editor when a page
//! goes live, read by the page itself and by its section's landing page.

use super::model::{FreePage, PageLink, PageSection};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::{DateTime, Utc};

/// A free page as its entry holds it.
pub struct NewPage<'a> {
    pub slug: &'a str,
    pub section: PageSection,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    /// The topic's slug, or empty.
    pub topic: &'a str,
}

/// Writes a page: its row `live` updated, or a new one; its id.
pub async fn save(
    tx: &mut Tx,
    ente: EnteId,
    live: Option<i64>,
    p: &NewPage<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let query = match live {
        Some(_) => sql(
            "UPDATE site_page SET section = $3, title = $4, summary = $5, body = $6, body_html = $7,
                    topic_id = (SELECT id FROM topic WHERE slug = $8), updated_at = $9
              WHERE id = $1 AND ente_id = $2 RETURNING id",
        ),
        None => sql(
            "INSERT INTO site_page (slug, ente_id, section, title, summary, body, body_html, topic_id,
                                    created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT id FROM topic WHERE slug = $8), $9, $9)
             RETURNING id",
        ),
    };
    let first = match live {
        Some(id) => crate::db::Arg::from(id),
        None => crate::db::Arg::from(p.slug.to_string()),
    };
    let (id,): (i64,) = tx
        .fetch_one(
            query
                .bind(first)
                .bind(ente)
                .bind(p.section.code())
                .bind(p.title)
                .bind(p.summary)
                .bind(p.body)
                .bind(p.body_html)
                .bind(p.topic)
                .bind(now),
        )
        .await?;
    Ok(id)
}

/// Takes a page off the site.
pub async fn remove(tx: &mut Tx, ente: EnteId, id: i64) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM site_page WHERE id = $1 AND ente_id = $2")
            .bind(id)
            .bind(ente),
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PageRow {
    slug: String,
    section: String,
    title: String,
    summary: String,
    body_html: String,
    topic_slug: Option<String>,
    topic_name: Option<String>,
    updated_at: DateTime<Utc>,
}

/// One page of the ente by its address.
pub async fn by_slug(db: &Db, ente: EnteId, slug: &str) -> Result<Option<FreePage>, DbError> {
    let row: Option<PageRow> = db
        .fetch_optional(
            sql(
                "SELECT p.slug, p.section, p.title, p.summary, p.body_html, t.slug AS topic_slug,
                        t.name_it AS topic_name, p.updated_at
                   FROM site_page p LEFT JOIN topic t ON t.id = p.topic_id
                  WHERE p.ente_id = $1 AND p.slug = $2",
            )
            .bind(ente)
            .bind(slug),
        )
        .await?;
    Ok(row.map(|r| FreePage {
        slug: r.slug,
        section: PageSection::from_code(&r.section).unwrap_or(PageSection::Live),
        title: r.title,
        summary: r.summary,
        body_html: r.body_html,
        topic: r.topic_slug.zip(r.topic_name),
        updated_at: r.updated_at,
    }))
}

/// The pages listed in a section, by title.
pub async fn links(db: &Db, ente: EnteId, section: PageSection) -> Result<Vec<PageLink>, DbError> {
    db.fetch_all(
        sql(
            "SELECT slug, title, summary FROM site_page WHERE ente_id = $1 AND section = $2
              ORDER BY title, id",
        )
        .bind(ente)
        .bind(section.code()),
    )
    .await
}
