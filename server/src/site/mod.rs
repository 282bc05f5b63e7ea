//! What an ente's public site gives other programs: its news as Atom and RSS
//! (`feeds.rs`), its agenda and each event as iCalendar (`calendar.rs`), its places
//! as GeoJSON (`places.rs`), and the deployment's sitemap and robots.txt
//! (`sitemap.rs`). Public, like the pages they follow: a section whose module is
//! off has no feed either.

pub mod calendar;
pub mod feeds;
pub mod image;
pub mod places;
pub mod sitemap;
pub mod terms;

use crate::gate::{self, Login};
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::ente::model::{EnteFrame, Module};
use app::i18n::Lang;
use app::state::AppState;
use axum::response::Response;

/// The frame of an ente whose `module` is on today; 404 otherwise.
async fn section(
    state: &AppState,
    info: &RequestInfo,
    ente: &str,
    module: Module,
) -> Result<EnteFrame, Response> {
    gate::allow(info, Action::ReadPublic, Target::Site, Login::Status)?;
    let today = Lang::local_date(state.clock.now());
    let frame = gate::found(info, app::ente::repo::frame(&state.db, ente, today).await)?;
    if frame.has(module) {
        Ok(frame)
    } else {
        Err(gate::refuse(info, app::error::AppError::NotFound))
    }
}
