//! The outbox page for platform administrators.

use super::model::OutboxItem;
use crate::error::AppError;
use crate::paging::Paged;
use leptos::prelude::*;

/// One page of the outbox, newest first; `status` and `to` filter it.
#[server(endpoint = "admin/outbox")]
pub async fn load_outbox(
    status: Option<String>,
    to: Option<String>,
    page: Option<i64>,
) -> Result<Paged<OutboxItem>, AppError> {
    use crate::auth::policy::{Action, Target};
    crate::auth::server::require(Action::ViewOutbox, Target::Site)?;
    let db = crate::state::db()?;
    let status = status
        .as_deref()
        .and_then(super::model::MailStatus::from_code);
    let to = to.filter(|t| !t.trim().is_empty());
    let (page, limit, offset) = crate::paging::window(page, crate::paging::PER_PAGE);
    let (items, total) = super::outbox::list(&db, status, to.as_deref(), limit, offset).await?;
    Ok(Paged {
        items,
        total,
        page,
        per_page: limit,
    })
}
