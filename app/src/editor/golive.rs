//! Going live and coming down (server only): an approved entry whose time has come
//! becomes its live row (news, event, place, service; units, people and pages in
//! `golive_more`), is indexed for the search and,
//! the first time, announced to the people who follow its topic (the bell, and their
//! digest by mail); a published entry past its expiry comes down. The same function
//! serves an approval that publishes at once and the publisher that runs every
//! minute on every node (`server/src/publisher.rs`): whoever claims the entry first
//! writes it.

use super::check::event_times;
use super::model::{EntryKind, EntryState};
use super::repo::{self, EntryRow};
use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::server::RequestInfo;
use crate::catalogue::model::Category;
use crate::content::model::{EventCategory, NewsKind};
use crate::content::repo::{NewEvent, NewPlace};
use crate::content::write_repo::{self, NewsLive};
use crate::db::{DbError, Tx};
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::search::repo::Doc;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Publishes the entry if it is approved and due; true when this call did it.
pub async fn publish(
    state: &AppState,
    info: &RequestInfo,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    // What the writing needs is read first, outside the transaction.
    let Some(seen) = repo::entry_in_db(&state.db, id).await? else {
        return Ok(false);
    };
    let ente = crate::ente::repo::by_id(&state.db, seen.ente_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let topics = crate::account::repo::topics(&state.db).await?;
    let mut tx = state.db.begin().await?;
    let Some(entry) = repo::entry_in(&mut tx, id).await? else {
        return Ok(false);
    };
    // Dated when it was first due (its publication date, or now when it had none).
    let at = entry
        .published_at
        .unwrap_or_else(|| entry.publish_at.map_or(now, |p| p.min(now)));
    if entry.publish_at.is_some_and(|p| p > now) || !repo::claim(&mut tx, id, at, now).await? {
        return Ok(false);
    }
    let values = entry.values();
    let topic = values.get("topic").map(String::as_str).unwrap_or_default();
    let topic_name = topics
        .iter()
        .find(|t| t.slug == topic)
        .map(|t| t.name_it.clone())
        .unwrap_or_default();
    let first_time = entry.published_at.is_none();
    let live = write(&mut tx, &entry, &values, &topic_name, at, now).await?;
    let url = super::golive_more::live_url(&ente.slug, entry.kind(), &entry.slug, &values);
    repo::set_live(&mut tx, id, live).await?;
    let body = values.get("body").or(values.get("description"));
    crate::search::repo::index(
        &mut tx,
        &Doc {
            kind: entry.kind().code(),
            ref_id: live,
            ente_id: Some(ente.id),
            community_id: None,
            title: &entry.title,
            body: &format!(
                "{} {} {}",
                values.get("role").map(String::as_str).unwrap_or_default(),
                values
                    .get("summary")
                    .map(String::as_str)
                    .unwrap_or_default(),
                crate::markdown::plain(body.map(String::as_str).unwrap_or_default())
            ),
            url: &url,
            published_at: at,
            topic,
        },
    )
    .await?;
    repo::add_version(
        &mut tx,
        id,
        entry.version + 1,
        &entry.title,
        &entry.fields,
        EntryState::Published,
        None,
        "",
        now,
    )
    .await?;
    if first_time && !topic.is_empty() {
        announce(&mut tx, &entry, topic, &topics, &url, now).await?;
    }
    if first_time && matches!(entry.kind(), EntryKind::News | EntryKind::Event) {
        announce_to_followers(&mut tx, &entry, (&ente.name, topic), &url, now).await?;
    }
    let moment = super::release::Moment::Live;
    super::release::mail(&mut tx, (state, info), &ente, &entry, &values, moment, now).await?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::SiteEntryPublished)
            .target("site_entry", Some(id), entry.title.as_str())
            .ente(Some(ente.id))
            .details(url),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The live row of an entry, written from its values: its id.
async fn write(
    tx: &mut Tx,
    entry: &EntryRow,
    v: &BTreeMap<String, String>,
    topic: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or_default();
    let e = entry.ente_id;
    let slug = entry.slug.as_str();
    match entry.kind() {
        EntryKind::News => {
            let kind = NewsKind::ALL
                .into_iter()
                .find(|k| k.code() == get("news_kind"))
                .unwrap_or(NewsKind::News);
            let html = crate::markdown::render(get("body"), &Default::default());
            let n = NewsLive {
                slug,
                title: &entry.title,
                summary: get("summary"),
                body: get("body"),
                body_html: &html,
                topic,
                kind,
                published_at: at,
                image: entry.image_id.map(|i| (i, entry.image_alt.as_str())),
            };
            Ok(write_repo::save_news(tx, e, entry.live_id, &n, now).await?)
        }
        EntryKind::Event => {
            let (starts_at, ends_at, rule, skipped) =
                event_times(v).map_err(|f| AppError::Invalid(vec![f]))?;
            let place_id = match get("place") {
                "" => None,
                place => write_repo::place_id(tx, e, place).await?,
            };
            let ev = NewEvent {
                slug,
                title: &entry.title,
                summary: get("summary"),
                body: get("body"),
                place_id,
                starts_at,
                ends_at,
                category: EventCategory::from_code(get("category")).unwrap_or_default(),
                topic,
                audience: get("audience"),
                price: get("price"),
                organiser: get("organiser"),
                registration_url: get("registration_url"),
                rule,
                skipped,
            };
            Ok(write_repo::save_event(tx, e, entry.live_id, &ev, now).await?)
        }
        EntryKind::Place => {
            let number = |k: &str| get(k).parse::<f64>().unwrap_or_default();
            let p = NewPlace {
                slug,
                name: &entry.title,
                kind: get("place_kind"),
                description: get("description"),
                address: get("address"),
                lat: number("lat"),
                lon: number("lon"),
            };
            let hours = (get("opening_hours"), get("accessibility"));
            let id = write_repo::save_place(tx, e, entry.live_id, &p, hours, now).await?;
            let image = entry.image_id.map(|i| (i, entry.image_alt.as_str()));
            write_repo::set_image(tx, write_repo::ImageOf::Place, id, image).await?;
            Ok(id)
        }
        EntryKind::Service => service(tx, entry, v).await,
        EntryKind::Unit | EntryKind::Person | EntryKind::Page => {
            super::golive_more::write(tx, entry, v, now).await
        }
    }
}

async fn service(
    tx: &mut Tx,
    entry: &EntryRow,
    v: &BTreeMap<String, String>,
) -> Result<i64, AppError> {
    use crate::catalogue::repo as catalogue;
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or_default();
    let topics = [get("topic")];
    let s = catalogue::NewService {
        ente: entry.ente_id,
        slug: &entry.slug,
        title: &entry.title,
        summary: get("summary"),
        category: Category::from_code(get("service_category")).unwrap_or(Category::Registry),
        audience: get("audience"),
        description: get("description"),
        how_to: get("how_to"),
        needed: get("needed"),
        outcome: get("outcome"),
        times: get("times"),
        costs: get("costs"),
        access_url: get("access_url"),
        access_other: get("access_other"),
        conditions: get("conditions"),
        unit: get("unit").parse().ok(),
        topics: &topics,
    };
    let status = (!get("active").is_empty(), get("status_reason"));
    match entry.live_id {
        Some(id) => {
            catalogue::update(tx, id, &s, status).await?;
            Ok(id)
        }
        None => Ok(catalogue::insert_with(tx, &s, status).await?),
    }
}

/// Tells the people who follow the topic, each in their language.
async fn announce(
    tx: &mut Tx,
    entry: &EntryRow,
    topic: &str,
    topics: &[crate::account::model::Topic],
    url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let Some(t) = topics.iter().find(|t| t.slug == topic) else {
        return Ok(());
    };
    for (account, lang) in crate::account::repo::topic_followers(tx, topic).await? {
        let lang = Lang::from_code(&lang).unwrap_or_default();
        let title = lang.tf(
            T::SiteEditorFollowedNew,
            &[("topic", t.name(lang)), ("title", entry.title.as_str())],
        );
        crate::notify::repo::add(tx, account, "site", &title, url, now).await?;
    }
    Ok(())
}

/// Tells the people who follow the ente (and not the item's topic, who were told
/// already) of a news item or an event.
async fn announce_to_followers(
    tx: &mut Tx,
    entry: &EntryRow,
    (ente, topic): (&str, &str),
    url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    for (account, lang) in crate::account::follows::ente_followers(tx, entry.ente_id, topic).await?
    {
        let lang = Lang::from_code(&lang).unwrap_or_default();
        let title = lang.tf(
            T::SiteEditorEnteNew,
            &[("ente", ente), ("title", entry.title.as_str())],
        );
        crate::notify::repo::add(tx, account, "site", &title, url, now).await?;
    }
    Ok(())
}

/// Takes the entry's live row off the site (withdrawn or expired).
pub async fn take_down(
    tx: &mut Tx,
    entry: &EntryRow,
    to: EntryState,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if let Some(live) = entry.live_id {
        let kind = entry.kind();
        match kind {
            EntryKind::Service => crate::catalogue::repo::remove(tx, entry.ente_id, live).await?,
            EntryKind::Unit | EntryKind::Person | EntryKind::Page => {
                super::golive_more::remove(tx, entry, live).await?;
            }
            _ => write_repo::remove(tx, entry.ente_id, repo::live_table(kind).0, live).await?,
        }
        crate::search::repo::remove(tx, kind.code(), live).await?;
    }
    repo::mark_off(tx, entry.id, to, now).await
}

/// Publishes what is due and takes down what expired; how many of each. Run by the
/// publisher every minute on every node.
pub async fn run_due(state: &AppState, now: DateTime<Utc>) -> Result<(usize, usize), AppError> {
    let (publish_ids, expire_ids) = repo::due(&state.db, now).await?;
    let info = RequestInfo::default();
    let mut published = 0;
    for id in publish_ids {
        // One entry that cannot go live stops no other (it is logged, and tried again).
        match publish(state, &info, id, now).await {
            Ok(true) => published += 1,
            Ok(false) => {}
            Err(e) => tracing::error!(entry = id, error = %e, "a site entry could not go live"),
        }
    }
    let mut expired = 0;
    for id in expire_ids {
        let mut tx = state.db.begin().await?;
        match repo::entry_in(&mut tx, id).await? {
            Some(e)
                if e.state() == EntryState::Published && e.expires_at.is_some_and(|x| x <= now) =>
            {
                take_down(&mut tx, &e, EntryState::Expired, now).await?;
                repo::add_version(
                    &mut tx,
                    id,
                    e.version + 1,
                    &e.title,
                    &e.fields,
                    EntryState::Expired,
                    None,
                    "",
                    now,
                )
                .await?;
                tx.commit().await?;
                expired += 1;
            }
            _ => {}
        }
    }
    Ok((published, expired))
}
