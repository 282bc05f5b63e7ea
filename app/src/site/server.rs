//! Server functions of an ente's public site: its home page and its search.

use crate::content::model::{EventCard, NewsCard, Place};
use crate::ente::model::{EnteFrame, EnteRef, Kit, Listing};
use crate::error::AppError;
use crate::paging::Paged;
use crate::search::model::Hit;
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

/// The home page of one ente.
#[server(endpoint = "ente/home")]
pub async fn load_ente_home(slug: String) -> Result<EnteHome, AppError> {
    use crate::content::repo as content;
    let (state, frame) = crate::ente::server::public_frame(&slug).await?;
    let db = &state.db;
    let id = frame.ente.id;
    let modules = crate::ente::repo::modules(db, id).await?;
    Ok(EnteHome {
        members: crate::ente::repo::members(db, id).await?,
        kit: Kit::of(&modules.iter().map(|m| m.module).collect::<Vec<_>>()),
        news: content::latest_news(db, id, 6).await?,
        events: crate::content::event_repo::upcoming(db, id, state.clock.now(), 6).await?,
        places: content::places(db, id).await?,
        frame,
    })
}

/// Results per page.
#[cfg(feature = "ssr")]
const PER_PAGE: i64 = 10;

/// What an ente's site holds that matches every word of `q`.
#[server(endpoint = "search/ente")]
pub async fn search_ente(
    ente: String,
    q: String,
    page: Option<i64>,
) -> Result<Listing<Paged<Hit>>, AppError> {
    let (state, frame) = crate::ente::server::public_frame(&ente).await?;
    let (page, limit, offset) = crate::paging::window(page, PER_PAGE);
    let q: String = q.chars().take(200).collect();
    // Only what the modules switched on show: the site's kinds, the agenda's events.
    use crate::ente::model::Module;
    use crate::search::model::DocKind;
    let kinds: Vec<DocKind> = DocKind::ALL
        .into_iter()
        .filter(|k| match k {
            DocKind::Event => frame.has(Module::Events),
            _ => frame.has(Module::Site),
        })
        .collect();
    let (items, total) = crate::search::repo::search_kinds(
        &state.db,
        crate::search::repo::Within::Ente(frame.ente.id),
        Some(&kinds),
        &q,
        state.clock.now(),
        limit,
        offset,
    )
    .await?;
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
