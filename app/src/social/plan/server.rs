//! Server functions of the social-media team (`social/…`): every one asks for
//! `ManageSocial` in the ente first. Changes return where to go next, so plain form
//! posts are redirected and JavaScript forms follow.

use crate::error::AppError;
use crate::social::plan::model::{ChannelsPage, ItemPage, PlanPage, SocialHome};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    crate::auth::server::{fail, go_to, request_info},
    crate::components::calendar::CalendarView,
    crate::i18n::detect_lang,
    crate::i18n::T,
    crate::social::access::team,
    crate::social::paths::item_path,
    crate::social::plan::model::{ItemState, Step},
};

#[server(endpoint = "social/home")]
pub async fn load_home(ente: String) -> Result<SocialHome, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    crate::social::plan::overview::home(&state, &ente, &actor, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "social/plan")]
pub async fn load_plan(
    ente: String,
    view: String,
    day: String,
    channel: String,
    state: String,
) -> Result<PlanPage, AppError> {
    let (app, ente, _) = team(&ente).await?;
    let q = crate::social::plan::overview::PlanQuery {
        view: CalendarView::from_code(&view),
        anchor: chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok(),
        channel: channel.trim().parse().ok(),
        state: ItemState::from_code(state.trim()),
    };
    crate::social::plan::overview::plan(&app, &ente, detect_lang(), q)
        .await
        .map_err(fail)
}

/// The editor of an item; `id` None for a new one (on `day`, if given).
#[server(endpoint = "social/item")]
pub async fn load_item(
    ente: String,
    id: Option<i64>,
    day: Option<String>,
) -> Result<ItemPage, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    let day = day.and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    crate::social::plan::editor::item_page(&state, &ente, &actor, detect_lang(), id, day)
        .await
        .map_err(fail)
}

/// Saves an item (a new one when `id` is absent, with its repetitions); returns
/// the item's page.
#[server(endpoint = "social/save-item")]
#[allow(clippy::too_many_arguments)]
pub async fn save_item(
    ente: String,
    id: Option<i64>,
    title: String,
    campaign: Option<String>,
    media: Option<String>,
    planned: String,
    due: Option<String>,
    texts: Option<BTreeMap<String, String>>,
    repeat: Option<String>,
    until: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    let texts = texts.unwrap_or_default();
    if texts.len() > 50 {
        return Err(fail(AppError::invalid("texts", T::ValidationTooLong)));
    }
    let form = crate::social::plan::service::ItemForm {
        id,
        title,
        campaign: campaign.unwrap_or_default(),
        media: media.unwrap_or_default(),
        planned,
        due: due.unwrap_or_default(),
        texts,
        repeat: repeat.unwrap_or_default(),
        until: until.unwrap_or_default(),
    };
    let id = crate::social::plan::service::save_item(&state, &ente, &actor, form)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}?salvato=1", item_path(&ente.slug, id))))
}

/// A step of the review (`submit`, `approve`, `return`, `schedule`, `publish`,
/// `drop`, `reopen`).
#[server(endpoint = "social/step")]
pub async fn take_step(
    ente: String,
    id: i64,
    step: String,
    note: Option<String>,
    link: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    let step = Step::from_code(step.trim())
        .ok_or_else(|| fail(AppError::Refused(T::EditorialStepNotNow)))?;
    crate::social::plan::service::step(
        &state,
        &request_info(),
        &ente,
        &actor,
        id,
        step,
        note.as_deref().unwrap_or_default(),
        link.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    Ok(go_to(&item_path(&ente.slug, id)))
}

#[server(endpoint = "social/comment")]
pub async fn comment_item(ente: String, id: i64, body: String) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    crate::social::plan::service::comment(&state, &ente, &actor, id, &body)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}#cronologia", item_path(&ente.slug, id))))
}

/// Takes an image off an item (while it may still change).
#[server(endpoint = "social/remove-image")]
pub async fn remove_image(ente: String, id: i64, position: i64) -> Result<String, AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::plan::media::remove(&state, &ente, id, position)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}#immagini", item_path(&ente.slug, id))))
}

/// Moves an item to another day (dragged in the calendar).
#[server(endpoint = "social/move")]
pub async fn move_item(ente: String, id: i64, day: String) -> Result<(), AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::plan::service::reschedule(&state, &ente, id, &day)
        .await
        .map_err(fail)
}

/// A draft from a piece of the site (`news:12`, `event:3`, `consultation:5`).
#[server(endpoint = "social/from-content")]
pub async fn from_content(ente: String, source: String) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    let id = crate::social::plan::reuse::from_content(&state, &ente, &actor, &source)
        .await
        .map_err(fail)?;
    Ok(go_to(&item_path(&ente.slug, id)))
}

#[server(endpoint = "social/channels")]
pub async fn load_channels(ente: String) -> Result<ChannelsPage, AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::plan::channels::channels_page(&state, &ente)
        .await
        .map_err(fail)
}

#[server(endpoint = "social/save-channel")]
#[allow(clippy::too_many_arguments)]
pub async fn save_channel(
    ente: String,
    id: Option<i64>,
    platform: String,
    name: String,
    handle: Option<String>,
    url: Option<String>,
    owner: Option<String>,
    goal: Option<String>,
    char_limit: Option<String>,
    active: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, _) = team(&ente).await?;
    let form = crate::social::plan::channels::ChannelForm {
        id,
        platform,
        name,
        handle: handle.unwrap_or_default(),
        url: url.unwrap_or_default(),
        owner: owner.and_then(|o| o.trim().parse().ok()),
        goal: goal.unwrap_or_default(),
        char_limit: char_limit.unwrap_or_default(),
        active: active.is_some(),
    };
    crate::social::plan::channels::save_channel(&state, &request_info(), &ente, form)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "/gestione/{}/social/canali?salvato=1",
        ente.slug
    )))
}
