//! What server functions reach through the Leptos context (server only).

use crate::db::Db;
use crate::error::AppError;
use leptos::prelude::use_context;

/// Shared by every request; provided to server functions and SSR by the server crate.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// The address people use to reach this deployment, e.g. `https://piazza.example.it`.
    pub public_url: String,
}

/// The application state, from inside a server function or a server-side render.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

/// The database, from inside a server function.
pub fn db() -> Result<Db, AppError> {
    app_state().map(|s| s.db)
}
