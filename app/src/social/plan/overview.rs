//! The plan as the team reads it (server only): the overview (to review, own
//! drafts, going out, states of the next 30 days) and the calendar of a period with
//! its conflicts (two planned items on one channel on one Rome day) and gaps
//! (working days with nothing planned), and the site's content to re-use.

use super::channel_repo;
use crate::auth::model::Actor;
use crate::components::calendar::{days, CalendarEntry, CalendarView};
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::social::paths::item_path;
use crate::social::plan::model::*;
use crate::social::plan::repo::{self, ItemRow};
use crate::state::AppState;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use chrono_tz::Europe::Rome;
use std::collections::HashMap;

/// (item, channel names) of some items.
async fn channel_names(
    state: &AppState,
    ente: EnteId,
    rows: &[ItemRow],
    channels: &[Channel],
) -> Result<HashMap<i64, Vec<(i64, String)>>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut out: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (item, channel, _) in repo::texts_of(&state.db, ente, &ids).await? {
        if let Some(c) = channels.iter().find(|c| c.id == channel) {
            out.entry(item).or_default().push((c.id, c.name.clone()));
        }
    }
    Ok(out)
}

fn card(row: &ItemRow, names: &HashMap<i64, Vec<(i64, String)>>, lang: Lang) -> ItemCard {
    ItemCard {
        id: row.id,
        title: row.title.clone(),
        state: row.state(),
        when: lang.datetime(row.planned_at),
        author: row.author(lang),
        channels: names
            .get(&row.id)
            .map(|v| v.iter().map(|(_, n)| n.clone()).collect())
            .unwrap_or_default(),
    }
}

pub async fn home(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    lang: Lang,
) -> Result<SocialHome, AppError> {
    let now = state.clock.now();
    let channels = channel_repo::channels(&state.db, ente.id).await?;
    let from = Lang::day_start(Lang::local_date(now) - Duration::days(30));
    let review = repo::in_state(&state.db, ente.id, &[ItemState::Review], from, 50).await?;
    let drafts = repo::in_state(&state.db, ente.id, &[ItemState::Draft], from, 50).await?;
    let upcoming = repo::in_state(
        &state.db,
        ente.id,
        &[ItemState::Approved, ItemState::Scheduled],
        now,
        8,
    )
    .await?;
    let mut all = review.clone();
    all.extend(drafts.iter().cloned());
    all.extend(upcoming.iter().cloned());
    let names = channel_names(state, ente.id, &all, &channels).await?;
    let counts = repo::state_counts(
        &state.db,
        ente.id,
        Lang::day_start(Lang::local_date(now)),
        now + Duration::days(30),
    )
    .await?;
    Ok(SocialHome {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        to_review: review
            .iter()
            .filter(|r| r.author_id != Some(actor.account_id))
            .map(|r| card(r, &names, lang))
            .collect(),
        my_drafts: drafts
            .iter()
            .filter(|r| r.author_id == Some(actor.account_id))
            .map(|r| card(r, &names, lang))
            .collect(),
        upcoming: upcoming.iter().map(|r| card(r, &names, lang)).collect(),
        counts: ItemState::ALL
            .into_iter()
            .map(|s| {
                let n = counts
                    .iter()
                    .find(|(code, _)| code == s.code())
                    .map(|(_, n)| *n)
                    .unwrap_or(0);
                (s, n)
            })
            .collect(),
        channels,
    })
}

/// The filters of the plan page.
pub struct PlanQuery {
    pub view: CalendarView,
    pub anchor: Option<NaiveDate>,
    pub channel: Option<i64>,
    pub state: Option<ItemState>,
}

pub async fn plan(
    state: &AppState,
    ente: &Ente,
    lang: Lang,
    q: PlanQuery,
) -> Result<PlanPage, AppError> {
    let now = state.clock.now();
    let today = Lang::local_date(now);
    let anchor = q.anchor.unwrap_or(today);
    let (first, last) = q.view.range(anchor);
    let rows = repo::items_between(
        &state.db,
        ente.id,
        Lang::day_start(first),
        Lang::day_start(last + Duration::days(1)),
    )
    .await?;
    let channels = channel_repo::channels(&state.db, ente.id).await?;
    let names = channel_names(state, ente.id, &rows, &channels).await?;
    // Two planned items on the same channel on the same Rome day are a conflict.
    let mut per_slot: HashMap<(NaiveDate, i64), usize> = HashMap::new();
    for r in rows.iter().filter(|r| r.state().planned()) {
        for (channel, _) in names.get(&r.id).into_iter().flatten() {
            *per_slot
                .entry((Lang::local_date(r.planned_at), *channel))
                .or_default() += 1;
        }
    }
    let clash = |r: &ItemRow| -> Vec<String> {
        if !r.state().planned() {
            return vec![];
        }
        names
            .get(&r.id)
            .into_iter()
            .flatten()
            .filter(|(c, _)| {
                per_slot
                    .get(&(Lang::local_date(r.planned_at), *c))
                    .copied()
                    .unwrap_or(0)
                    > 1
            })
            .map(|(_, n)| n.clone())
            .collect()
    };
    let conflicts = rows.iter().filter(|r| !clash(r).is_empty()).count();
    let busy: Vec<NaiveDate> = rows
        .iter()
        .filter(|r| r.state().planned())
        .map(|r| Lang::local_date(r.planned_at))
        .collect();
    let gaps = if channels.iter().any(|c| c.active) {
        days(first.max(today), last)
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .filter(|d| !busy.contains(d))
            .collect()
    } else {
        vec![]
    };
    let entries = rows
        .iter()
        .filter(|r| q.state.is_none_or(|s| r.state() == s))
        .filter(|r| {
            q.channel.is_none_or(|c| {
                names
                    .get(&r.id)
                    .is_some_and(|v| v.iter().any(|(id, _)| *id == c))
            })
        })
        .map(|r| {
            let local = r.planned_at.with_timezone(&Rome);
            let clashes = clash(r);
            CalendarEntry {
                id: r.id,
                day: local.date_naive(),
                time: local.format("%H:%M").to_string(),
                title: r.title.clone(),
                href: item_path(&ente.slug, r.id),
                badge: lang.t(r.state().label()).to_string(),
                badge_class: r.state().badge().to_string(),
                tags: names
                    .get(&r.id)
                    .map(|v| v.iter().map(|(_, n)| n.clone()).collect())
                    .unwrap_or_default(),
                warning: (!clashes.is_empty())
                    .then(|| lang.tf(T::EditorialConflict, &[("channels", &clashes.join(", "))])),
                movable: !matches!(r.state(), ItemState::Published | ItemState::Dropped),
            }
        })
        .collect();
    let reusable = repo::reusable(&state.db, ente.id, now)
        .await?
        .into_iter()
        .map(|s| {
            let kind = match s.kind.as_str() {
                "news" => T::EditorialSourceNews,
                "event" => T::EditorialSourceEvent,
                _ => T::EditorialSourceConsultation,
            };
            (
                format!("{}:{}", s.kind, s.id),
                format!("{}: {}", lang.t(kind), s.title),
            )
        })
        .collect();
    Ok(PlanPage {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        view: q.view,
        anchor,
        today,
        entries,
        gaps,
        conflicts,
        channels,
        channel: q.channel.map(|c| c.to_string()).unwrap_or_default(),
        state: q.state.map(|s| s.code().to_string()).unwrap_or_default(),
        reusable,
    })
}
