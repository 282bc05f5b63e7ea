//! The search of an ente's site.

use super::model::Hit;
use crate::content::server::Listing;
use crate::error::AppError;
use crate::paging::Paged;
use leptos::prelude::*;

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
    let (items, total) = super::repo::search(
        &state.db,
        super::repo::Within::Ente(frame.ente.id),
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
