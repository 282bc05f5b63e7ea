//! Server functions for the list of enti and an ente's home and legal pages.

use super::model::{EnteFrame, EnteRef, EnteSummary, Kit};
use crate::content::model::{EventCard, NewsCard, Place};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything shown on an ente's home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnteHome {
    pub frame: EnteFrame,
    pub members: Vec<EnteRef>,
    /// The kit the ente subscribed to.
    pub kit: Kit,
    pub news: Vec<NewsCard>,
    pub events: Vec<EventCard>,
    pub places: Vec<Place>,
}

/// The state and the frame of a public page of an ente (NotFound for an unknown one).
#[cfg(feature = "ssr")]
pub async fn public_frame(slug: &str) -> Result<(crate::state::AppState, EnteFrame), AppError> {
    use crate::auth::server::{authorize, fail};
    authorize(crate::auth::Action::ReadPublic, crate::auth::Target::Site)?;
    let state = crate::state::app_state()?;
    let today = crate::i18n::Lang::local_date(state.clock.now());
    let frame = super::repo::frame(&state.db, slug, today)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    Ok((state, frame))
}

/// The enti of this deployment, aggregations first.
#[server(endpoint = "ente/list")]
pub async fn list_enti() -> Result<Vec<EnteSummary>, AppError> {
    crate::auth::server::authorize(crate::auth::Action::ReadPublic, crate::auth::Target::Site)?;
    let db = crate::state::db()?;
    Ok(super::repo::list_summaries(&db).await?)
}

/// The home page of one ente.
#[server(endpoint = "ente/home")]
pub async fn load_ente_home(slug: String) -> Result<EnteHome, AppError> {
    use crate::content::repo as content;
    let (state, frame) = public_frame(&slug).await?;
    let db = &state.db;
    let id = frame.ente.id;
    let modules = super::repo::modules(db, id).await?;
    Ok(EnteHome {
        members: super::repo::members(db, id).await?,
        kit: Kit::of(&modules.iter().map(|m| m.module).collect::<Vec<_>>()),
        news: content::latest_news(db, id, 6).await?,
        events: content::upcoming_events(db, id, 6).await?,
        places: content::places(db, id).await?,
        frame,
    })
}

/// The frame alone, for the pages every ente has (privacy, accessibility).
#[server(endpoint = "ente/frame")]
pub async fn load_ente_frame(slug: String) -> Result<EnteFrame, AppError> {
    Ok(public_frame(&slug).await?.1)
}
