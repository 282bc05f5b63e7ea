//! Server functions for news, events and places.

use super::model::{EventCard, NewsCard, NewsItem, Place};
use crate::ente::model::{EnteFrame, Listing};
use crate::error::AppError;
use crate::paging::Paged;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ente::server::public_frame;

/// The frame of a section page, which exists only while its module is active.
#[cfg(feature = "ssr")]
async fn section_frame(
    slug: &str,
    module: crate::ente::model::Module,
) -> Result<(crate::state::AppState, EnteFrame), AppError> {
    let (state, frame) = public_frame(slug).await?;
    if frame.has(module) {
        Ok((state, frame))
    } else {
        Err(crate::auth::server::fail(AppError::NotFound))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsPage {
    pub frame: EnteFrame,
    pub item: NewsItem,
}

/// News per page on the news list.
#[cfg(feature = "ssr")]
const NEWS_PER_PAGE: i64 = 12;

/// One published news item of an ente.
#[server(endpoint = "content/news")]
pub async fn load_news_page(ente: String, slug: String) -> Result<NewsPage, AppError> {
    let (state, frame) = public_frame(&ente).await?;
    let item = super::repo::news_by_slug(&state.db, frame.ente.id, &slug)
        .await?
        .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    Ok(NewsPage { frame, item })
}

/// The published news of an ente, newest first, a page at a time.
#[server(endpoint = "content/news-list")]
pub async fn load_news_list(
    ente: String,
    page: Option<i64>,
) -> Result<Listing<Paged<NewsCard>>, AppError> {
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Site).await?;
    let (page, limit, offset) = crate::paging::window(page, NEWS_PER_PAGE);
    let (items, total) =
        super::repo::news_page(&state.db, frame.ente.id, state.clock.now(), limit, offset).await?;
    Ok(Listing {
        frame,
        items: Paged {
            items,
            total,
            page,
            per_page: limit,
        },
    })
}

/// The events of an ente that have not ended yet, soonest first.
#[server(endpoint = "content/events")]
pub async fn load_events(ente: String) -> Result<Listing<Vec<EventCard>>, AppError> {
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Events).await?;
    let items = super::repo::upcoming_events(&state.db, frame.ente.id, 200).await?;
    Ok(Listing { frame, items })
}

/// The places of an ente, by name.
#[server(endpoint = "content/places")]
pub async fn load_places(ente: String) -> Result<Listing<Vec<Place>>, AppError> {
    let (state, frame) = section_frame(&ente, crate::ente::model::Module::Site).await?;
    let items = super::repo::places(&state.db, frame.ente.id).await?;
    Ok(Listing { frame, items })
}
