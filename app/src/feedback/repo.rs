//! Ratings of pages: kept one by one, read back per page (server only).

use super::model::{Answer, PageScore};
use crate::db::{sql, Db, DbError};
use crate::ids::EnteId;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// One rating.
pub struct NewRating<'a> {
    pub ente: EnteId,
    pub path: &'a str,
    pub stars: u8,
    pub answer: Option<Answer>,
    pub detail: &'a str,
}

/// Written with `RETURNING` through `fetch_one`: a rating changes no page, so it does
/// not count as a write that empties the page cache (`db::writes`).
pub async fn insert(db: &Db, r: &NewRating<'_>, now: DateTime<Utc>) -> Result<(), DbError> {
    let _: (i64,) = db
        .fetch_one(
            sql(
                "INSERT INTO page_feedback (ente_id, path, rating, answer, detail, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(r.ente)
            .bind(r.path)
            .bind(i64::from(r.stars))
            .bind(r.answer.map_or("", Answer::code))
            .bind(r.detail)
            .bind(now),
        )
        .await?;
    Ok(())
}

/// The most details a page shows.
const DETAILS_PER_PAGE: usize = 5;

/// The most pages shown: the most rated.
const PAGES: i64 = 200;

/// What visitors said of each page of an ente, the most rated first.
pub async fn scores(db: &Db, ente: EnteId) -> Result<Vec<PageScore>, DbError> {
    let stars: Vec<(String, i64, i64)> = db
        .fetch_all(
            sql(
                "SELECT path, CAST(rating AS BIGINT), COUNT(*) FROM page_feedback
                  WHERE ente_id = $1 AND path IN (
                      SELECT path FROM page_feedback WHERE ente_id = $1
                       GROUP BY path ORDER BY COUNT(*) DESC, path LIMIT $2)
                  GROUP BY path, rating",
            )
            .bind(ente)
            .bind(PAGES),
        )
        .await?;
    let answers: Vec<(String, String, i64)> = db
        .fetch_all(
            sql("SELECT path, answer, COUNT(*) FROM page_feedback WHERE ente_id = $1 AND answer <> ''
                  GROUP BY path, answer")
            .bind(ente),
        )
        .await?;
    let details: Vec<(String, String)> = db
        .fetch_all(
            sql(
                "SELECT path, detail FROM page_feedback WHERE ente_id = $1 AND detail <> ''
                  ORDER BY created_at DESC, id DESC LIMIT 500",
            )
            .bind(ente),
        )
        .await?;
    let mut pages: BTreeMap<String, PageScore> = BTreeMap::new();
    for (path, rating, n) in stars {
        if let Some(slot) = usize::try_from(rating - 1).ok().filter(|i| *i < 5) {
            let p = pages.entry(path.clone()).or_insert_with(|| PageScore {
                path,
                ..Default::default()
            });
            p.stars[slot] += n;
        }
    }
    for (path, code, n) in answers {
        if let (Some(p), Some(a)) = (pages.get_mut(&path), Answer::from_code(&code)) {
            p.answers.push((a, n));
        }
    }
    for (path, detail) in details {
        if let Some(p) = pages
            .get_mut(&path)
            .filter(|p| p.details.len() < DETAILS_PER_PAGE)
        {
            p.details.push(detail);
        }
    }
    let mut list: Vec<PageScore> = pages.into_values().collect();
    for p in &mut list {
        p.answers
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code().cmp(b.0.code())));
    }
    list.sort_by(|a, b| b.count().cmp(&a.count()).then_with(|| a.path.cmp(&b.path)));
    Ok(list)
}
