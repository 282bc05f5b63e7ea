//! `GET /{ente}/eventi/calendario.ics`: the ente's agenda as a calendar people
//! subscribe to (an Unione's gathers its Comuni's events; `?argomento=` keeps one
//! topic), from 90 days ago on, recurring events as their rule and skipped days; and
//! `GET /{ente}/eventi/{slug}/calendario.ics`: one event, to add to a calendar.

use super::section;
use crate::formats::ical::{self, Calendar, Event, Status};
use app::auth::server::RequestInfo;
use app::content::event_repo::{self, AgendaFilter, EventRow};
use app::content::model::event_path;
use app::ente::model::{Ente, Module};
use app::i18n::{Lang, T};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::Response;
use axum::Extension;
use chrono::{Duration, NaiveDateTime};
use chrono_tz::Europe::Rome;
use serde::Deserialize;

/// How far back a subscribed agenda goes.
const PAST_DAYS: i64 = 90;

fn event_of(state: &AppState, cal: &mut Calendar, ev: &EventRow) {
    let location: Vec<&str> = [ev.place_name.as_deref(), ev.place_address.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let description = if ev.body.trim().is_empty() {
        &ev.summary
    } else {
        &ev.body
    };
    let local = ev.starts_at.with_timezone(&Rome).time();
    let skipped: Vec<NaiveDateTime> = ev.skipped().iter().map(|d| d.and_time(local)).collect();
    let rrule = ev.rule().map(|r| r.to_rrule()).unwrap_or_default();
    let kind = Lang::It.t(ev.category().label());
    let categories: Vec<&str> = [kind, ev.topic.as_str(), ev.ente_name.as_str()]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect();
    cal.event(&Event {
        uid: ical::uid("event", ev.id, &state.public_url),
        changed: ev.updated_at,
        starts: ev.starts_at,
        ends: ev.ends_at,
        summary: &ev.title,
        description,
        location: &location.join(", "),
        geo: ev.lat.zip(ev.lon),
        url: &state.link(&event_path(&ev.ente_slug, &ev.slug)),
        categories: &categories,
        status: Status::Confirmed,
        rrule: &rrule,
        skipped: &skipped,
    });
}

fn calendar_of(state: &AppState, ente: &Ente, events: &[EventRow]) -> String {
    let name = format!("{} – {}", Lang::It.t(T::NavEvents), ente.name);
    let mut cal = Calendar::new(&name, &ente.description);
    for ev in events {
        event_of(state, &mut cal, ev);
    }
    cal.finish()
}

fn calendar_response(body: String, disposition: Option<String>) -> Response {
    let mut res = crate::formats::public("text/calendar; charset=utf-8", 300, body);
    if let Some(value) = disposition.and_then(|d| d.parse().ok()) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    res
}

#[derive(Debug, Default, Deserialize)]
pub struct Topic {
    argomento: Option<String>,
}

pub async fn agenda(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
    Query(topic): Query<Topic>,
) -> Result<Response, Response> {
    let frame = section(&state, &info, &ente, Module::Events).await?;
    let since = state.clock.now() - Duration::days(PAST_DAYS);
    let filter = AgendaFilter {
        // A topic too long for any matches nothing; it is never dropped.
        topic: topic.argomento.filter(|t| !t.is_empty()),
        ..AgendaFilter::default()
    };
    let window = (since, state.clock.now() + Duration::days(3650));
    let events = crate::gate::ok(
        &info,
        event_repo::period(&state.db, frame.ente.id, window, &filter).await,
    )?;
    Ok(calendar_response(
        calendar_of(&state, &frame.ente, &events),
        None,
    ))
}

pub async fn one(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
) -> Result<Response, Response> {
    let frame = section(&state, &info, &ente, Module::Events).await?;
    let event = crate::gate::found(
        &info,
        event_repo::by_slug(&state.db, frame.ente.id, &slug).await,
    )?;
    let name = format!("inline; filename=\"{}.ics\"", event.slug);
    Ok(calendar_response(
        calendar_of(&state, &frame.ente, std::slice::from_ref(&event)),
        Some(name),
    ))
}
