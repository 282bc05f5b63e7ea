//! Reading and writing service cards and the topics they are about (server only).

use super::model::{Category, Office, Part, ServiceCard, ServiceDetail, TopicRef};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::Utc;

#[derive(sqlx::FromRow)]
struct CardRow {
    slug: String,
    title: String,
    summary: String,
    category: String,
    active: bool,
}

impl CardRow {
    fn card(self) -> ServiceCard {
        ServiceCard {
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            category: Category::from_code(&self.category).unwrap_or(Category::Registry),
            active: self.active,
        }
    }
}

/// An ente's services by title, of one category or all.
pub async fn cards(
    db: &Db,
    ente: EnteId,
    category: Option<Category>,
) -> Result<Vec<ServiceCard>, DbError> {
    let rows: Vec<CardRow> = db
        .fetch_all(
            sql("SELECT slug, title, summary, category, active FROM service
                  WHERE ente_id = $1 AND ($2 = '' OR category = $2) ORDER BY title, id")
            .bind(ente)
            .bind(category.map_or("", Category::code)),
        )
        .await?;
    Ok(rows.into_iter().map(CardRow::card).collect())
}

/// An ente's services about a topic, by title.
pub async fn about(db: &Db, ente: EnteId, topic: &str) -> Result<Vec<ServiceCard>, DbError> {
    let rows: Vec<CardRow> = db
        .fetch_all(
            sql(
                "SELECT s.slug, s.title, s.summary, s.category, s.active FROM service s
                   JOIN service_topic st ON st.service_id = s.id
                   JOIN topic t ON t.id = st.topic_id
                  WHERE s.ente_id = $1 AND t.slug = $2 ORDER BY s.title, s.id",
            )
            .bind(ente)
            .bind(topic),
        )
        .await?;
    Ok(rows.into_iter().map(CardRow::card).collect())
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    category: String,
    active: bool,
    status_reason: String,
    audience: String,
    description: String,
    how_to: String,
    needed: String,
    outcome: String,
    times: String,
    costs: String,
    access_url: String,
    access_other: String,
    conditions: String,
    office_slug: Option<String>,
    office_name: Option<String>,
    office_phone: Option<String>,
    office_email: Option<String>,
    office_address: Option<String>,
}

/// A service's page. `render` turns each section's Markdown into safe HTML.
pub async fn detail(
    db: &Db,
    ente: EnteId,
    slug: &str,
    lang: crate::i18n::Lang,
    render: impl Fn(&str) -> String,
) -> Result<Option<ServiceDetail>, DbError> {
    let row: Option<DetailRow> = db
        .fetch_optional(
            sql(
                "SELECT s.id, s.slug, s.title, s.summary, s.category, s.active, s.status_reason,
                        s.audience, s.description, s.how_to, s.needed, s.outcome, s.times, s.costs,
                        s.access_url, s.access_other, s.conditions,
                        u.slug AS office_slug, u.name AS office_name, u.phone AS office_phone,
                        u.email AS office_email, p.address AS office_address
                   FROM service s
                   LEFT JOIN org_unit u ON u.id = s.unit_id
                   LEFT JOIN place p ON p.id = u.place_id
                  WHERE s.ente_id = $1 AND s.slug = $2",
            )
            .bind(ente)
            .bind(slug),
        )
        .await?;
    let Some(r) = row else { return Ok(None) };
    let topics: Vec<(String, String, String)> = db
        .fetch_all(
            sql("SELECT t.slug, t.name_it, t.name_en FROM service_topic st JOIN topic t ON t.id = st.topic_id
                  WHERE st.service_id = $1 ORDER BY t.name_it, t.id")
            .bind(r.id),
        )
        .await?;
    let parts = Part::ALL
        .into_iter()
        .map(|part| {
            let source = match part {
                Part::Audience => &r.audience,
                Part::Description => &r.description,
                Part::HowTo => &r.how_to,
                Part::Needed => &r.needed,
                Part::Outcome => &r.outcome,
                Part::Times => &r.times,
                Part::Costs => &r.costs,
                Part::Access => &r.access_other,
                Part::Conditions => &r.conditions,
                // Written from the office and the topics, not from a text.
                Part::Contacts => return (part, String::new()),
            };
            (part, render(source))
        })
        .collect();
    let office = r.office_slug.zip(r.office_name).map(|(slug, name)| Office {
        slug,
        name,
        phone: r.office_phone.unwrap_or_default(),
        email: r.office_email.unwrap_or_default(),
        address: r.office_address.unwrap_or_default(),
    });
    Ok(Some(ServiceDetail {
        card: ServiceCard {
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            category: Category::from_code(&r.category).unwrap_or(Category::Registry),
            active: r.active,
        },
        status_reason: r.status_reason,
        parts,
        access_url: r.access_url,
        office,
        topics: topics
            .into_iter()
            .map(|(slug, it, en)| TopicRef {
                slug,
                name: if lang == crate::i18n::Lang::En {
                    en
                } else {
                    it
                },
            })
            .collect(),
        audience_source: r.audience,
    }))
}

/// The conditions of a service, as its author wrote them (the "file" the model links).
pub async fn conditions(
    db: &Db,
    ente: EnteId,
    slug: &str,
) -> Result<Option<(String, String)>, DbError> {
    db.fetch_optional(
        sql("SELECT title, conditions FROM service WHERE ente_id = $1 AND slug = $2")
            .bind(ente)
            .bind(slug),
    )
    .await
}

/// Every topic of the vocabulary, by its name in a language (the table is the
/// account module's: people follow topics).
pub async fn topics(db: &Db, lang: crate::i18n::Lang) -> Result<Vec<TopicRef>, DbError> {
    let mut list: Vec<TopicRef> = crate::account::repo::topics(db)
        .await?
        .into_iter()
        .map(|t| TopicRef {
            name: t.name(lang).to_string(),
            slug: t.slug,
        })
        .collect();
    list.sort_by_key(|t| t.name.to_lowercase());
    Ok(list)
}

/// A service card as the demo data and the site's editor write it.
pub struct NewService<'a> {
    pub ente: EnteId,
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub category: Category,
    pub audience: &'a str,
    pub description: &'a str,
    pub how_to: &'a str,
    pub needed: &'a str,
    pub outcome: &'a str,
    pub times: &'a str,
    pub costs: &'a str,
    pub access_url: &'a str,
    pub access_other: &'a str,
    pub conditions: &'a str,
    pub unit: Option<i64>,
    pub topics: &'a [&'a str],
}

pub async fn insert(tx: &mut Tx, s: &NewService<'_>) -> Result<i64, DbError> {
    insert_with(tx, s, (true, "")).await
}

/// Adds a service card with its status (active, or not and why); its id.
pub async fn insert_with(
    tx: &mut Tx,
    s: &NewService<'_>,
    status: (bool, &str),
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO service (ente_id, slug, title, summary, category, audience, how_to, needed,
                                      outcome, times, created_at, updated_at)
                 VALUES ($1, $2, '', '', '', '', '', '', '', '', $3, $3) RETURNING id")
            .bind(s.ente)
            .bind(s.slug)
            .bind(Utc::now()),
        )
        .await?;
    update(tx, id, s, status).await?;
    Ok(id)
}

/// How many of an ente's services are about each topic (by the topic's slug).
pub async fn topic_counts(db: &Db, ente: EnteId) -> Result<Vec<(String, i64)>, DbError> {
    db.fetch_all(
        sql("SELECT t.slug, COUNT(*) FROM service_topic st
               JOIN topic t ON t.id = st.topic_id
               JOIN service s ON s.id = st.service_id
              WHERE s.ente_id = $1 GROUP BY t.slug")
        .bind(ente),
    )
    .await
}

/// Changes a live service card in place (the site's editor), with its status, its
/// office and its topics (by slug); `insert` adds one.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    s: &NewService<'_>,
    status: (bool, &str),
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE service SET title = $3, summary = $4, category = $5, audience = $6, description = $7,
                    how_to = $8, needed = $9, outcome = $10, times = $11, costs = $12, access_url = $13,
                    access_other = $14, conditions = $15, unit_id = $16, active = $17, status_reason = $18,
                    updated_at = $19
              WHERE id = $1 AND ente_id = $2")
        .bind(id)
        .bind(s.ente)
        .bind(s.title)
        .bind(s.summary)
        .bind(s.category.code())
        .bind(s.audience)
        .bind(s.description)
        .bind(s.how_to)
        .bind(s.needed)
        .bind(s.outcome)
        .bind(s.times)
        .bind(s.costs)
        .bind(s.access_url)
        .bind(s.access_other)
        .bind(s.conditions)
        .bind(s.unit)
        .bind(status.0)
        .bind(status.1)
        .bind(Utc::now()),
    )
    .await?;
    tx.execute(sql("DELETE FROM service_topic WHERE service_id = $1").bind(id))
        .await?;
    for topic in s.topics {
        tx.execute(
            sql("INSERT INTO service_topic (service_id, topic_id) SELECT $1, id FROM topic WHERE slug = $2")
                .bind(id)
                .bind(*topic),
        )
        .await?;
    }
    Ok(())
}

/// Takes a service card off the site.
pub async fn remove(tx: &mut Tx, ente: EnteId, id: i64) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM service WHERE id = $1 AND ente_id = $2")
            .bind(id)
            .bind(ente),
    )
    .await?;
    Ok(())
}
