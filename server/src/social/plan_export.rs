//! `GET /gestione/{ente}/social/piano.csv` and `….ics`: the ente's editorial plan
//! for its social-media team. The CSV has one row per item and channel (the post
//! that goes out there, with its text and length); the iCalendar file one event per
//! item, in UTC, with a stable UID, so that a calendar that imports it again
//! updates the same events.

use crate::download::{attachment, csv_bytes};
use crate::formats::ical::{self, Calendar, Event, Status};
use crate::gate::{self, Login};
use app::auth::server::RequestInfo;
use app::ente::model::Ente;
use app::i18n::{lang_from_headers, Lang, T};
use app::social::paths::item_path;
use app::social::plan::channel_repo;
use app::social::plan::model::{Channel, ItemState};
use app::social::plan::repo::{self, ItemRow};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use chrono::Duration;
use chrono_tz::Europe::Rome;

/// An item with its texts: (channel, text).
type Planned = (ItemRow, Vec<(Channel, String)>);

/// The plan of the ente, for its social-media team; or the refusal.
async fn plan(
    state: &AppState,
    info: &RequestInfo,
    ente: &str,
) -> Result<(Ente, Vec<Planned>), Response> {
    let (found, _) = super::team(state, info, ente, Login::Status).await?;
    let items = gate::ok(info, repo::all_items(&state.db, found.id).await)?;
    let channels = gate::ok(info, channel_repo::channels(&state.db, found.id).await)?;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let texts = gate::ok(info, repo::texts_of(&state.db, found.id, &ids).await)?;
    let planned = items
        .into_iter()
        .map(|item| {
            let mine = texts
                .iter()
                .filter(|(i, _, _)| *i == item.id)
                .filter_map(|(_, c, body)| {
                    channels
                        .iter()
                        .find(|ch| ch.id == *c)
                        .map(|ch| (ch.clone(), body.clone()))
                })
                .collect();
            (item, mine)
        })
        .collect();
    Ok((found, planned))
}

fn csv_rows(lang: Lang, plan: &[Planned]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (item, texts) in plan {
        let local = item.planned_at.with_timezone(&Rome);
        for (channel, body) in texts {
            rows.push(vec![
                item.id.to_string(),
                local.format("%Y-%m-%d").to_string(),
                local.format("%H:%M").to_string(),
                item.title.clone(),
                lang.t(item.state().label()).to_string(),
                item.campaign.clone(),
                channel.name.clone(),
                lang.t(channel.platform.label()).to_string(),
                body.clone(),
                channel.platform.measure(body).to_string(),
                channel.limit().map(|n| n.to_string()).unwrap_or_default(),
                item.author_name.clone().unwrap_or_default(),
                item.approved_name.clone().unwrap_or_default(),
                item.published_url.clone(),
            ]);
        }
    }
    rows
}

/// `…/piano.csv`
pub async fn csv(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_from_headers(&headers);
    let (ente, plan) = match plan(&state, &info, &ente).await {
        Ok(p) => p,
        Err(refused) => return refused,
    };
    let mut header_row = vec!["ID".to_string()];
    header_row.extend(
        [
            T::ExportDate,
            T::ExportTime,
            T::EditorialItemTitle,
            T::EditorialState,
            T::EditorialCampaign,
            T::EditorialChannel,
            T::ChannelPlatform,
            T::ExportText,
            T::ExportCharacters,
            T::ChannelLimit,
            T::ExportAuthor,
            T::ExportApprovedBy,
            T::EditorialPublishedLink,
        ]
        .iter()
        .map(|t| lang.t(*t).to_string()),
    );
    match csv_bytes(&header_row, csv_rows(lang, &plan)) {
        Some(body) => attachment(
            "text/csv; charset=utf-8",
            &format!("{}-piano-editoriale.csv", ente.slug),
            body,
        ),
        None => gate::refuse(&info, app::error::AppError::Internal),
    }
}

/// The iCalendar file of a plan, in Rome's time: a dropped item is CANCELLED, one
/// not approved yet TENTATIVE.
pub fn calendar(state: &AppState, lang: Lang, ente: &Ente, plan: &[Planned]) -> String {
    let mut cal = Calendar::new(
        &format!("{} – {}", lang.t(T::EditorialTitle), ente.name),
        "",
    );
    for (item, texts) in plan {
        let state_label = lang.t(item.state().label());
        let mut description = String::new();
        for (channel, body) in texts {
            description.push_str(&format!("{}:\n{}\n\n", channel.name, body));
        }
        let names: Vec<&str> = texts.iter().map(|(c, _)| c.name.as_str()).collect();
        let status = match item.state() {
            ItemState::Dropped => Status::Cancelled,
            ItemState::Draft | ItemState::Review => Status::Tentative,
            _ => Status::Confirmed,
        };
        let campaign = [item.campaign.as_str()];
        cal.event(&Event {
            uid: ical::uid("editorial", item.id, &state.public_url),
            changed: item.updated_at,
            starts: item.planned_at,
            ends: item.planned_at + Duration::minutes(30),
            summary: &format!("{} [{}] – {}", item.title, state_label, names.join(", ")),
            description: description.trim_end(),
            location: "",
            geo: None,
            url: &state.link(&item_path(&ente.slug, item.id)),
            categories: if item.campaign.is_empty() {
                &[]
            } else {
                &campaign
            },
            status,
            rrule: "",
            skipped: &[],
        });
    }
    cal.finish()
}

/// `…/piano.ics`
pub async fn ics(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_from_headers(&headers);
    let (ente, plan) = match plan(&state, &info, &ente).await {
        Ok(p) => p,
        Err(refused) => return refused,
    };
    attachment(
        "text/calendar; charset=utf-8",
        &format!("{}-piano-editoriale.ics", ente.slug),
        calendar(&state, lang, &ente, &plan).into_bytes(),
    )
}
