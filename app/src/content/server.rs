//! Server functions for news, events and places.

use super::model::NewsItem;
use crate::ente::model::EnteFrame;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsPage {
    pub frame: EnteFrame,
    pub item: NewsItem,
}

/// One published news item of an ente.
#[server(endpoint = "content/news")]
pub async fn load_news_page(ente: String, slug: String) -> Result<NewsPage, AppError> {
    crate::auth::server::authorize(crate::auth::Action::ReadPublic, crate::auth::Target::Site)?;
    let db = crate::state::db()?;
    let frame = crate::ente::repo::frame(&db, &ente)
        .await?
        .ok_or(AppError::NotFound)?;
    let item = super::repo::news_by_slug(&db, frame.ente.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(NewsPage { frame, item })
}
