//! Opening in the editor what the site already shows without an entry (written
//! before the editor, or by the demo): its live row becomes the fields of a new
//! entry, published, so the next version is edited and approved like any other
//! (server only).

use super::model::{EntryKind, EntryState};
use super::repo::{self, NewEntry};
use super::schema::{SEATS, WEEKDAYS};
use super::service::{record_saved, Saved};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::content::recurrence::{weekday_code, Freq, MonthDay, Rule};
use crate::db::{sql, Db, DbError};
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::EnteId;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

type Values = BTreeMap<String, String>;

fn put(v: &mut Values, pairs: &[(&str, String)]) {
    for (k, value) in pairs {
        v.insert(k.to_string(), value.clone());
    }
}

async fn news(db: &Db, ente: EnteId, slug: &str) -> Result<Option<(i64, Values)>, DbError> {
    let row: Option<(i64, String, String, String, String, Option<String>)> = db
        .fetch_optional(
            sql(
                "SELECT n.id, n.title, n.summary, n.body, n.kind, t.slug FROM news n
                   LEFT JOIN topic t ON t.id = n.topic_id WHERE n.ente_id = $1 AND n.slug = $2",
            )
            .bind(ente)
            .bind(slug),
        )
        .await?;
    Ok(row.map(|(id, title, summary, body, kind, topic)| {
        let mut v = Values::new();
        put(
            &mut v,
            &[
                ("title", title),
                ("summary", summary),
                ("body", body),
                ("news_kind", kind),
            ],
        );
        v.insert("topic".into(), topic.unwrap_or_default());
        (id, v)
    }))
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    title: String,
    summary: String,
    body: String,
    category: String,
    topic: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    place: Option<String>,
    rrule: String,
    skipped_days: String,
    audience: String,
    price: String,
    organiser: String,
    registration_url: String,
}

async fn event(db: &Db, ente: EnteId, slug: &str) -> Result<Option<(i64, Values)>, DbError> {
    let row: Option<EventRow> = db
        .fetch_optional(
            sql("SELECT v.id, v.title, v.summary, v.body, v.category, t.slug AS topic, v.starts_at,
                        v.ends_at, p.slug AS place, v.rrule, v.skipped_days, v.audience, v.price,
                        v.organiser, v.registration_url
                   FROM event v LEFT JOIN topic t ON t.id = v.topic_id LEFT JOIN place p ON p.id = v.place_id
                  WHERE v.ente_id = $1 AND v.slug = $2")
            .bind(ente)
            .bind(slug),
        )
        .await?;
    Ok(row.map(|r| {
        let mut v = Values::new();
        put(
            &mut v,
            &[
                ("title", r.title),
                ("summary", r.summary),
                ("body", r.body),
                ("category", r.category),
                ("topic", r.topic.unwrap_or_default()),
                ("starts", Lang::local_input(r.starts_at)),
                ("ends", Lang::local_input(r.ends_at)),
                ("place", r.place.unwrap_or_default()),
                ("skipped", r.skipped_days),
                ("audience", r.audience),
                ("price", r.price),
                ("organiser", r.organiser),
                ("registration_url", r.registration_url),
            ],
        );
        if let Some(rule) = Rule::parse(&r.rrule) {
            rule_values(&mut v, &rule);
        }
        (r.id, v)
    }))
}

/// A rule as the form's fields (repeat, interval, weekdays, day of the month, until).
fn rule_values(v: &mut Values, rule: &Rule) {
    let repeat = match rule.freq {
        Freq::Daily => "daily",
        Freq::Weekly => "weekly",
        Freq::Monthly => "monthly",
    };
    let month_day = match rule.month_day {
        MonthDay::Date => "date",
        MonthDay::Nth(-1, _) => "last",
        MonthDay::Nth(..) => "nth",
    };
    put(
        v,
        &[
            ("repeat", repeat.into()),
            ("interval", rule.interval.to_string()),
            ("month_day", month_day.into()),
            ("until", rule.until.to_string()),
        ],
    );
    for (key, code) in WEEKDAYS {
        if rule.weekdays.iter().any(|d| weekday_code(*d) == code) {
            v.insert(key.into(), "1".into());
        }
    }
}

async fn place(db: &Db, ente: EnteId, slug: &str) -> Result<Option<(i64, Values)>, DbError> {
    #[allow(clippy::type_complexity)]
    let row: Option<(i64, String, String, String, String, f64, f64, String, String)> = db
        .fetch_optional(
            sql("SELECT id, name, kind, description, address, lat, lon, opening_hours, accessibility
                   FROM place WHERE ente_id = $1 AND slug = $2")
            .bind(ente)
            .bind(slug),
        )
        .await?;
    Ok(row.map(
        |(id, name, kind, description, address, lat, lon, hours, access)| {
            let mut v = Values::new();
            put(
                &mut v,
                &[
                    ("title", name),
                    ("place_kind", kind),
                    ("description", description),
                    ("address", address),
                    ("lat", lat.to_string()),
                    ("lon", lon.to_string()),
                    ("opening_hours", hours),
                    ("accessibility", access),
                ],
            );
            (id, v)
        },
    ))
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
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
    unit_id: Option<i64>,
    topic: Option<String>,
}

async fn service(db: &Db, ente: EnteId, slug: &str) -> Result<Option<(i64, Values)>, DbError> {
    let row: Option<ServiceRow> = db
        .fetch_optional(
            sql("SELECT s.id, s.title, s.summary, s.category, s.active, s.status_reason, s.audience,
                        s.description, s.how_to, s.needed, s.outcome, s.times, s.costs, s.access_url,
                        s.access_other, s.conditions, s.unit_id,
                        (SELECT t.slug FROM service_topic st JOIN topic t ON t.id = st.topic_id
                          WHERE st.service_id = s.id ORDER BY t.slug LIMIT 1) AS topic
                   FROM service s WHERE s.ente_id = $1 AND s.slug = $2")
            .bind(ente)
            .bind(slug),
        )
        .await?;
    Ok(row.map(|r| {
        let mut v = Values::new();
        put(
            &mut v,
            &[
                ("title", r.title),
                ("summary", r.summary),
                ("service_category", r.category),
                ("active", if r.active { "1" } else { "" }.into()),
                ("status_reason", r.status_reason),
                ("audience", r.audience),
                ("description", r.description),
                ("how_to", r.how_to),
                ("needed", r.needed),
                ("outcome", r.outcome),
                ("times", r.times),
                ("costs", r.costs),
                ("access_url", r.access_url),
                ("access_other", r.access_other),
                ("conditions", r.conditions),
                ("unit", r.unit_id.map(|u| u.to_string()).unwrap_or_default()),
                ("topic", r.topic.unwrap_or_default()),
            ],
        );
        (r.id, v)
    }))
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    kind: String,
    name: String,
    summary: String,
    body: String,
    parent_id: Option<i64>,
    place: Option<String>,
    phone: String,
    email: String,
    pec: String,
    opening_hours: String,
}

async fn unit(db: &Db, ente: EnteId, slug: &str) -> Result<Option<(i64, Values)>, DbError> {
    let row: Option<UnitRow> = db
        .fetch_optional(
            sql(
                "SELECT u.id, u.kind, u.name, u.summary, u.body, u.parent_id, p.slug AS place,
                        u.phone, u.email, u.pec, u.opening_hours
                   FROM org_unit u LEFT JOIN place p ON p.id = u.place_id
                  WHERE u.ente_id = $1 AND u.slug = $2",
            )
            .bind(ente)
            .bind(slug),
        )
        .await?;
    Ok(row.map(|r| {
        let mut v = Values::new();
        put(
            &mut v,
            &[
                ("unit_kind", r.kind),
                ("title", r.name),
                ("summary", r.summary),
                ("body", r.body),
                (
                    "parent",
                    r.parent_id.map(|p| p.to_string()).unwrap_or_default(),
                ),
                ("place", r.place.unwrap_or_default()),
                ("phone", r.phone),
                ("email", r.email),
                ("pec", r.pec),
                ("opening_hours", r.opening_hours),
            ],
        );
        (r.id, v)
    }))
}

async fn person(db: &Db, ente: EnteId, slug: &str) -> Result<Option<(i64, Values)>, DbError> {
    #[allow(clippy::type_complexity)]
    let row: Option<(i64, String, String, String, String, String, String, String)> = db
        .fetch_optional(
            sql("SELECT id, kind, name, role, summary, body, email, phone
                   FROM person WHERE ente_id = $1 AND slug = $2")
            .bind(ente)
            .bind(slug),
        )
        .await?;
    let Some((id, kind, name, role, summary, body, email, phone)) = row else {
        return Ok(None);
    };
    let mut v = Values::new();
    put(
        &mut v,
        &[
            ("person_kind", kind),
            ("title", name),
            ("role", role),
            ("summary", summary),
            ("body", body),
            ("email", email),
            ("phone", phone),
        ],
    );
    let seats: Vec<(i64, String)> = db
        .fetch_all(
            sql("SELECT unit_id, role FROM unit_member WHERE person_id = $1 ORDER BY position, unit_id")
                .bind(id),
        )
        .await?;
    for ((unit, role), (unit_key, role_key)) in seats.into_iter().zip(SEATS) {
        put(&mut v, &[(unit_key, unit.to_string()), (role_key, role)]);
    }
    Ok(Some((id, v)))
}

async fn page(db: &Db, ente: EnteId, slug: &str) -> Result<Option<(i64, Values)>, DbError> {
    let row: Option<(i64, String, String, String, String, Option<String>)> = db
        .fetch_optional(
            sql("SELECT p.id, p.section, p.title, p.summary, p.body, t.slug
                   FROM site_page p LEFT JOIN topic t ON t.id = p.topic_id
                  WHERE p.ente_id = $1 AND p.slug = $2")
            .bind(ente)
            .bind(slug),
        )
        .await?;
    Ok(row.map(|(id, section, title, summary, body, topic)| {
        let mut v = Values::new();
        put(
            &mut v,
            &[
                ("page_section", section),
                ("title", title),
                ("summary", summary),
                ("body", body),
                ("topic", topic.unwrap_or_default()),
            ],
        );
        (id, v)
    }))
}

/// The entry of what the site shows at `slug` (made now if there is none yet).
pub async fn adopt(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    kind: EntryKind,
    slug: &str,
) -> Result<i64, AppError> {
    let db = &state.db;
    let found = match kind {
        EntryKind::News => news(db, ente.id, slug).await?,
        EntryKind::Event => event(db, ente.id, slug).await?,
        EntryKind::Place => place(db, ente.id, slug).await?,
        EntryKind::Service => service(db, ente.id, slug).await?,
        EntryKind::Unit => unit(db, ente.id, slug).await?,
        EntryKind::Person => person(db, ente.id, slug).await?,
        EntryKind::Page => page(db, ente.id, slug).await?,
    };
    let (live, values) = found.ok_or(AppError::NotFound)?;
    if let Some(id) = repo::holding(db, ente.id, kind, live).await? {
        return Ok(id);
    }
    let title = values.get("title").cloned().unwrap_or_default();
    let fields = serde_json::to_string(&values).map_err(|_| AppError::Internal)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let entry = NewEntry {
        ente: ente.id,
        kind,
        slug,
        title: &title,
        fields: &fields,
        state: EntryState::Published,
        live_id: Some(live),
        publish_at: None,
        expires_at: None,
        by: actor.account_id,
    };
    let id = repo::insert(&mut tx, &entry, now).await?;
    if let Some(of) = super::image_repo::image_of(kind) {
        super::image_repo::take_live_image(&mut tx, id, of, live).await?;
    }
    let saved = Saved {
        id,
        version: 1,
        kind,
        title: &title,
        fields: &fields,
        state: EntryState::Published,
    };
    record_saved(&mut tx, info, ente, actor, &saved, now).await?;
    tx.commit().await?;
    Ok(id)
}
