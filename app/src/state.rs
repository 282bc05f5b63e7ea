//! What server functions reach through the Leptos context (server only).

use crate::db::Db;
use crate::error::AppError;
use crate::live::bus::Bus;
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::use_context;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

/// Shared by every request; provided to server functions and SSR by the server crate.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// The address people use to reach this deployment, e.g. `https://piazza.example.it`.
    pub public_url: String,
    /// The time as the application sees it (tests move it forward).
    pub clock: Clock,
    /// Woken when mail is queued, so this node's sender sends it at once.
    pub mail_queued: Arc<Notify>,
    /// Whether the client address comes from `X-Forwarded-For` (behind a proxy).
    pub trust_proxy: bool,
    /// This node's live events (its reader is spawned by the server: `live::bus::run`).
    pub live: Bus,
    /// This node's name in the leases of scheduled work (`lease`).
    pub node: String,
    /// Where uploads' contents go (`PIAZZA_UPLOADS`, `db::blobs`).
    pub files: crate::db::blobs::Storage,
    /// Values kept while their data is unchanged (`memo`).
    pub memo: crate::memo::Memo,
    /// The map tiles maps draw on (`PIAZZA_MAP_TILES`); none: markers only.
    pub tiles: Option<crate::tiles::MapTiles>,
    /// Turns for work that holds a whole table in memory (a consultation's results
    /// and exports read every answer): a few at a time, so that a hundred operators
    /// at once cost a queue, not the node's memory.
    heavy: Arc<Semaphore>,
}

/// Heavy work done at once on a node, and how long a request waits for its turn.
pub const HEAVY_AT_ONCE: usize = 2;
const HEAVY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl AppState {
    pub fn new(db: Db, public_url: impl Into<String>) -> AppState {
        AppState {
            db,
            public_url: public_url.into().trim_end_matches('/').to_string(),
            clock: Clock::default(),
            mail_queued: Arc::new(Notify::new()),
            trust_proxy: false,
            live: Bus::default(),
            node: crate::lease::node_name(),
            files: Default::default(),
            memo: Default::default(),
            tiles: None,
            heavy: Arc::new(Semaphore::new(HEAVY_AT_ONCE)),
        }
    }

    /// A turn for heavy work, held until dropped; `Busy` (503, retry later) when none
    /// came within ten seconds.
    pub async fn heavy_turn(&self) -> Result<OwnedSemaphorePermit, AppError> {
        match tokio::time::timeout(HEAVY_WAIT, self.heavy.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(AppError::Busy { seconds: 10 }),
        }
    }

    /// Cookies carry `Secure` (and the `__Host-` prefix) when people reach us over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// An absolute link to a path of this site, for mail.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{}", self.public_url, path_and_query)
    }
}

/// The host of an address (`https://www.comune.lugo.it:8443/x` → `www.comune.lugo.it`),
/// empty when it has none.
pub fn host_of(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .unwrap_or_default()
        .split(['/', ':'])
        .next()
        .unwrap_or_default()
}

/// The current time, plus an offset that only tests change: rate limits and expiry
/// are tested by moving the clock instead of waiting.
#[derive(Clone, Debug, Default)]
pub struct Clock(Arc<AtomicI64>);

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.0.load(Ordering::Relaxed))
    }

    pub fn advance(&self, by: Duration) {
        self.0.fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
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
