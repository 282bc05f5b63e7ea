//! Server functions for the list of enti and an ente's home page.

use super::model::{EnteFrame, EnteRef, EnteSummary, Kit, Module};
use crate::content::model::{EventCard, NewsCard, Place};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything shown on an ente's home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnteHome {
    pub frame: EnteFrame,
    pub members: Vec<EnteRef>,
    /// The kit the ente subscribed to, and the modules active today (Rome time).
    pub kit: Kit,
    pub active_modules: Vec<Module>,
    pub news: Vec<NewsCard>,
    pub events: Vec<EventCard>,
    pub places: Vec<Place>,
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
    crate::auth::server::authorize(crate::auth::Action::ReadPublic, crate::auth::Target::Site)?;
    use super::repo;
    use crate::content::repo as content;
    let db = crate::state::db()?;
    let frame = repo::frame(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let ente = &frame.ente;
    let modules = repo::modules(&db, ente.id).await?;
    let today = crate::i18n::Lang::local_date(chrono::Utc::now());
    Ok(EnteHome {
        members: repo::members(&db, ente.id).await?,
        kit: Kit::of(&modules.iter().map(|m| m.module).collect::<Vec<_>>()),
        active_modules: modules
            .iter()
            .filter(|m| m.is_active_on(today))
            .map(|m| m.module)
            .collect(),
        news: content::latest_news(&db, ente.id, 6).await?,
        events: content::upcoming_events(&db, ente.id, 6).await?,
        places: content::places(&db, ente.id).await?,
        frame,
    })
}
