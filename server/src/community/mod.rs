//! A community's plain handlers: its files (uploads, versions, cover, counted
//! downloads), forum posts with files, and its blog's feeds and covers. Each
//! enters through `enter` (the community, and the policy's answer).

pub mod blog;
pub mod files;
pub mod forum;

use crate::gate::{self, Login};
use app::auth::model::Actor;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::community::model::CommunityRef;
use app::state::AppState;
use axum::response::Response;

/// The community and the actor, when the policy allows `action` there; nobody
/// signed in is sent to log in and back to the community.
pub(crate) async fn enter(
    state: &AppState,
    info: &RequestInfo,
    slug: &str,
    action: Action,
) -> Result<(CommunityRef, Actor), Response> {
    let found = gate::found(info, app::community::repo::by_slug(&state.db, slug).await)?;
    let target = Target::In(app::community::model::scope_of(&found));
    let back = format!("/comunita/{}", found.slug);
    let actor = gate::require(info, action, target, Login::Back(&back))?;
    Ok((found, actor))
}
