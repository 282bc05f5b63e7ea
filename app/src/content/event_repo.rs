//! Reading events (server only): a period of an agenda, with its recurring events
//! expanded into their occurrences; one event; what the feeds carry.

use super::model::{EventCard, EventCategory};
use super::recurrence::{self, Rule};
use crate::db::{sql, Db, DbError};
use crate::ids::EnteId;
use chrono::{DateTime, NaiveDate, Utc};

/// An event as stored, with its ente and its place.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub ente_slug: String,
    pub ente_name: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: String,
    pub topic: String,
    pub audience: String,
    pub price: String,
    pub organiser: String,
    pub registration_url: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub rrule: String,
    pub skipped_days: String,
    pub place_slug: Option<String>,
    pub place_name: Option<String>,
    pub place_address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl EventRow {
    pub fn rule(&self) -> Option<Rule> {
        Rule::parse(&self.rrule)
    }

    pub fn skipped(&self) -> Vec<NaiveDate> {
        recurrence::parse_days(&self.skipped_days)
    }

    pub fn category(&self) -> EventCategory {
        EventCategory::from_code(&self.category).unwrap_or_default()
    }

    /// Its occurrences that overlap `window`, at most `limit`.
    pub fn occurrences(
        &self,
        window: (DateTime<Utc>, DateTime<Utc>),
        limit: usize,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let rule = self.rule();
        recurrence::occurrences(
            self.starts_at,
            self.ends_at,
            rule.as_ref(),
            &self.skipped(),
            window,
            limit,
        )
    }

    /// One occurrence as a card.
    pub fn card(&self, (starts_at, ends_at): (DateTime<Utc>, DateTime<Utc>)) -> EventCard {
        EventCard {
            ente_slug: self.ente_slug.clone(),
            ente_name: self.ente_name.clone(),
            slug: self.slug.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            category: self.category(),
            starts_at,
            ends_at,
            place_name: self.place_name.clone(),
            recurring: !self.rrule.is_empty(),
        }
    }
}

macro_rules! event_select {
    () => {
        "SELECT e.id, n.slug AS ente_slug, n.name AS ente_name, e.slug, e.title, e.summary,
                e.body, e.category, e.topic, e.audience, e.price, e.organiser,
                e.registration_url, e.starts_at, e.ends_at, e.updated_at, e.rrule,
                e.skipped_days, p.slug AS place_slug, p.name AS place_name,
                p.address AS place_address, p.lat, p.lon
           FROM event e JOIN ente n ON n.id = e.ente_id
           LEFT JOIN place p ON p.id = e.place_id "
    };
}

/// Whether the agenda of the ente `n` is on the day bound at `$day` (an Unione's
/// agenda gathers only those of its Comuni).
macro_rules! agenda_on {
    ($day:literal) => {
        concat!(
            "EXISTS (SELECT 1 FROM ente_module m WHERE m.ente_id = n.id AND m.module = 'events'
                AND m.starts_on <= ",
            $day,
            " AND (m.ends_on IS NULL OR m.ends_on >= ",
            $day,
            "))"
        )
    };
}

/// Which events of an agenda to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgendaFilter {
    pub category: Option<EventCategory>,
    pub topic: Option<String>,
    /// One of an Unione's Comuni (its slug).
    pub comune: Option<String>,
}

/// The most events one period reads.
const PERIOD_ROWS: i64 = 2000;

/// The events of an ente and of the Comuni it gathers (an Unione's agenda: those
/// whose own agenda is on today) that have an occurrence in `window`, as stored.
pub async fn period(
    db: &Db,
    ente_id: EnteId,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    filter: &AgendaFilter,
) -> Result<Vec<EventRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            event_select!(),
            "WHERE (e.ente_id = $1 OR (n.parent_id = $1 AND ",
            agenda_on!("$8"),
            "))
               AND e.last_ends_at >= $2 AND e.starts_at < $3
               AND ($4 IS NULL OR e.category = $4) AND ($5 IS NULL OR e.topic = $5)
               AND ($6 IS NULL OR n.slug = $6)
             ORDER BY e.starts_at, e.id LIMIT $7"
        ))
        .bind(ente_id)
        .bind(from)
        .bind(to)
        .bind(filter.category.map(EventCategory::code))
        .bind(filter.topic.as_deref())
        .bind(filter.comune.as_deref())
        .bind(PERIOD_ROWS)
        .bind(crate::i18n::Lang::local_date(Utc::now())),
    )
    .await
}

/// The occurrences in `window` of the events of a period, soonest first, at most `limit`.
pub fn cards(
    rows: &[EventRow],
    window: (DateTime<Utc>, DateTime<Utc>),
    limit: usize,
) -> Vec<EventCard> {
    let mut cards: Vec<EventCard> = rows
        .iter()
        .flat_map(|row| {
            row.occurrences(window, limit)
                .into_iter()
                .map(|o| row.card(o))
                .collect::<Vec<_>>()
        })
        .collect();
    cards.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then_with(|| a.title.cmp(&b.title))
    });
    cards.truncate(limit);
    cards
}

/// What is on from `now`, soonest first (an Unione's gathers its Comuni's).
pub async fn upcoming(
    db: &Db,
    ente_id: EnteId,
    now: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<EventCard>, DbError> {
    let window = (now, now + chrono::Duration::days(400));
    let rows = period(db, ente_id, window, &AgendaFilter::default()).await?;
    Ok(cards(&rows, window, limit))
}

/// One event of an ente.
pub async fn by_slug(db: &Db, ente_id: EnteId, slug: &str) -> Result<Option<EventRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            event_select!(),
            "WHERE e.ente_id = $1 AND e.slug = $2"
        ))
        .bind(ente_id)
        .bind(slug),
    )
    .await
}

/// The topics the events of an agenda are about, for its filter.
pub async fn topics(db: &Db, ente_id: EnteId) -> Result<Vec<String>, DbError> {
    let rows: Vec<(String,)> = db
        .fetch_all(
            sql(concat!(
                "SELECT DISTINCT e.topic FROM event e JOIN ente n ON n.id = e.ente_id
                  WHERE (e.ente_id = $1 OR (n.parent_id = $1 AND ",
                agenda_on!("$2"),
                ")) AND e.topic <> '' ORDER BY e.topic"
            ))
            .bind(ente_id)
            .bind(crate::i18n::Lang::local_date(Utc::now())),
        )
        .await?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

/// The Comuni an Unione's agenda gathers (those whose own agenda is on), for its filter.
pub async fn gathered(
    db: &Db,
    ente_id: EnteId,
) -> Result<Vec<crate::ente::model::EnteRef>, DbError> {
    db.fetch_all(
        sql(concat!(
            "SELECT n.id, n.slug, n.name, n.kind FROM ente n WHERE n.parent_id = $1 AND ",
            agenda_on!("$2"),
            " ORDER BY n.name"
        ))
        .bind(ente_id)
        .bind(crate::i18n::Lang::local_date(Utc::now())),
    )
    .await
}

/// Every event of an ente, for the sitemap: slug and last change.
pub async fn slugs(db: &Db, ente_id: EnteId) -> Result<Vec<(String, DateTime<Utc>)>, DbError> {
    db.fetch_all(
        sql("SELECT slug, updated_at FROM event WHERE ente_id = $1 ORDER BY starts_at DESC, id DESC LIMIT 50000")
            .bind(ente_id),
    )
    .await
}
