//! The audit log page: platform admins see everything, ente admins their ente.

use super::model::{AuditFilter, AuditPage};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/audit")]
pub async fn load_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    use crate::auth::model::Scope;
    use crate::auth::policy::{can, Action, Target};
    use crate::auth::server::{fail, require};
    let state = crate::state::app_state()?;
    let db = &state.db;
    // An ente filter narrows the log; without the right to see all, it is required.
    let ente = match filter.ente.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => Some(
            crate::ente::repo::by_slug(db, slug)
                .await?
                .ok_or_else(|| fail(AppError::NotFound))?,
        ),
        None => None,
    };
    let resource = match &ente {
        Some(e) => Target::In(Scope::Ente(e.id)),
        None => Target::Site,
    };
    let actor = require(Action::ViewAuditLog, resource)?;
    let visible = crate::ente::repo::all(db)
        .await?
        .into_iter()
        .filter(|e| {
            can(
                Some(&actor),
                Action::ViewAuditLog,
                Target::In(Scope::Ente(e.id)),
            )
        })
        .map(|e| (e.slug, e.name))
        .collect();
    let start_of =
        |d: chrono::NaiveDate| crate::i18n::Lang::local_moment(d, chrono::NaiveTime::MIN);
    let (page, per_page, _) = crate::paging::window(filter.page, crate::paging::PER_PAGE);
    let entries = super::repo::list(
        db,
        super::repo::Query {
            action: filter
                .action
                .filter(|a| super::model::AuditAction::from_code(a).is_some()),
            actor: filter.actor.filter(|a| !a.trim().is_empty()),
            ente_id: ente.map(|e| e.id),
            from: filter.from.and_then(start_of),
            until: filter.to.and_then(|d| d.succ_opt()).and_then(start_of),
            page,
            per_page,
        },
    )
    .await?;
    Ok(AuditPage {
        entries,
        enti: visible,
    })
}
