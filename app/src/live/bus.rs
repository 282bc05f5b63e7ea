//! A node's bus: one task reads new events from the table and hands them, in
//! batches, to every stream open on this node (server only).

use super::cursor::Cursor;
use super::repo::{self, LiveEvent, CHANNEL};
use crate::db::Db;
use crate::ids::AccountId;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch, Notify};

/// Events read together, shared by every stream.
pub type Batch = Arc<Vec<LiveEvent>>;

/// Batches a stream may fall behind before it is dropped (it then reconnects and
/// replays from the table): a slow client never slows the others.
pub const BUFFER: usize = 256;
/// At most this many events are read at once.
const READ: i64 = 2000;
/// How often the table is read without a wake-up: on SQLite (one node) this is the
/// delay; on PostgreSQL a safety net for a notification lost while reconnecting.
const TICK_SQLITE: Duration = Duration::from_millis(200);
const TICK_POSTGRES: Duration = Duration::from_secs(2);

/// Open streams allowed on a node, from one address (an IPv6 /64 counts as one), and
/// of one account (a person's tabs and devices).
pub const MAX_STREAMS: usize = 4000;
pub const MAX_STREAMS_PER_ADDRESS: u32 = 64;
pub const MAX_STREAMS_PER_ACCOUNT: u32 = 16;

#[derive(Clone, Debug)]
pub struct Bus(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    sender: broadcast::Sender<Batch>,
    wake: Notify,
    open: AtomicUsize,
    /// Open streams per address and per account.
    per_address: Mutex<HashMap<String, u32>>,
    /// Set when the node shuts down: streams end, so that it need not wait for them.
    closing: watch::Sender<bool>,
}

impl Default for Bus {
    fn default() -> Bus {
        Bus(Arc::new(Inner {
            sender: broadcast::channel(BUFFER).0,
            wake: Notify::new(),
            open: AtomicUsize::new(0),
            per_address: Mutex::new(HashMap::new()),
            closing: watch::channel(false).0,
        }))
    }
}

impl Bus {
    /// Batches from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Batch> {
        self.0.sender.subscribe()
    }

    /// Reads the table now (after a write on this node, or a notification).
    pub fn wake(&self) {
        self.0.wake.notify_one();
    }

    /// Ends every stream of this node (it is shutting down).
    pub fn close(&self) {
        self.0.closing.send_replace(true);
    }

    /// Becomes true when the node shuts down.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.0.closing.subscribe()
    }

    /// Streams open on this node.
    pub fn open_streams(&self) -> usize {
        self.0.open.load(Ordering::Relaxed)
    }

    /// A place for one more stream from `address` (an `auth::ratelimit::address_key`)
    /// by `account`, kept until the [`Admission`] is dropped; None when the node, the
    /// address or the account has too many.
    pub fn admit(&self, address: &str, account: Option<AccountId>) -> Option<Admission> {
        let mut per = self.0.per_address.lock().ok()?;
        let keys: Vec<(String, u32)> =
            std::iter::once((address.to_string(), MAX_STREAMS_PER_ADDRESS))
                .chain(account.map(|a| (format!("account:{a}"), MAX_STREAMS_PER_ACCOUNT)))
                .collect();
        let full = keys
            .iter()
            .any(|(k, max)| per.get(k).copied().unwrap_or(0) >= *max);
        if full || self.0.open.load(Ordering::Relaxed) >= MAX_STREAMS {
            return None;
        }
        for (k, _) in &keys {
            *per.entry(k.clone()).or_insert(0) += 1;
        }
        self.0.open.fetch_add(1, Ordering::Relaxed);
        Some(Admission {
            bus: self.clone(),
            keys: keys.into_iter().map(|(k, _)| k).collect(),
        })
    }
}

/// One admitted stream; dropping it gives the place back.
#[derive(Debug)]
pub struct Admission {
    bus: Bus,
    keys: Vec<String>,
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.bus.0.open.fetch_sub(1, Ordering::Relaxed);
        if let Ok(mut per) = self.bus.0.per_address.lock() {
            for key in &self.keys {
                if let Some(n) = per.get_mut(key) {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        per.remove(key);
                    }
                }
            }
        }
    }
}

/// The node's reader, for as long as the server runs: spawn it once per node.
pub async fn run(db: Db, bus: Bus) {
    let tick = match &db {
        Db::Sqlite(_) => TICK_SQLITE,
        Db::Postgres(pool) => {
            tokio::spawn(listen(pool.clone(), bus.clone()));
            TICK_POSTGRES
        }
    };
    let mut cursor = loop {
        match repo::last_id(&db).await {
            Ok(head) => break Cursor::after(head),
            Err(e) => {
                tracing::warn!(error = %e, "live events: cannot read the table, retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    loop {
        let _ = tokio::time::timeout(tick, bus.0.wake.notified()).await;
        match repo::after(&db, cursor.low(), READ).await {
            Ok(rows) => {
                let fresh = cursor.take(rows, Instant::now());
                if !fresh.is_empty() {
                    // Nobody listening is not an error.
                    let _ = bus.0.sender.send(Arc::new(fresh));
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "live events: cannot read the table, retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// PostgreSQL: wakes the reader on every notification, and once after each
/// (re)connection, since notifications sent meanwhile are lost.
async fn listen(pool: sqlx::PgPool, bus: Bus) {
    loop {
        match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "live events: cannot LISTEN");
                } else {
                    bus.wake();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(_)) => bus.wake(),
                            // The connection was lost; the next call reconnects.
                            Ok(None) => bus.wake(),
                            Err(e) => {
                                tracing::warn!(error = %e, "live events: the listener stopped");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "live events: cannot connect the listener"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
