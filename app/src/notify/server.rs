//! Server functions of notifications: one's own only.

use super::model::NotificationPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::policy::{Action, Target},
    crate::auth::server::{authorize, go_to, require},
    crate::state::app_state,
};

/// How many notifications the signed-in person has not read (0 for visitors).
#[server(endpoint = "notify/unread")]
pub async fn unread_count() -> Result<i64, AppError> {
    let Some(actor) = authorize(Action::ReadPublic, Target::Site)? else {
        return Ok(0);
    };
    Ok(super::repo::unread(&app_state()?.db, actor.account_id).await?)
}

#[server(endpoint = "notify/list")]
pub async fn load_notifications(page: Option<i64>) -> Result<NotificationPage, AppError> {
    let actor = require(Action::ViewOwnAccount, Target::OwnAccount)?;
    let state = app_state()?;
    let lang = crate::i18n::detect_lang();
    let per = super::model::PER_PAGE;
    let total = super::repo::total(&state.db, actor.account_id).await?;
    let pages = ((total + per - 1) / per).max(1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let items = super::repo::page(&state.db, actor.account_id, per, (page - 1) * per)
        .await?
        .into_iter()
        .map(
            |(id, title, url, at, read)| super::model::NotificationView {
                id,
                title,
                url,
                at: lang.datetime(at),
                read: read.is_some(),
            },
        )
        .collect();
    Ok(NotificationPage {
        items,
        unread: super::repo::unread(&state.db, actor.account_id).await?,
        page,
        pages,
    })
}

#[server(endpoint = "notify/read-all")]
pub async fn mark_all_read() -> Result<(), AppError> {
    let actor = require(Action::UpdateOwnProfile, Target::OwnAccount)?;
    let state = app_state()?;
    let mut tx = state.db.begin().await?;
    super::repo::mark_all_read(&mut tx, actor.account_id, state.clock.now()).await?;
    tx.commit().await?;
    go_to("/account/notifiche");
    Ok(())
}
