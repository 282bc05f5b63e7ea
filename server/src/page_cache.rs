//! The anonymous page cache: a page rendered for someone who is not signed in is kept
//! for a moment, per path and language, and served again to the next anonymous
//! visitor with what must be fresh made fresh.
//!
//! - **What is kept**: a `GET` of a page (rendered by the Leptos shell, so carrying a
//!   CSP nonce) without a query, without a session or any cookie but the language's,
//!   answered `200` without setting a cookie. Not the account, work or admin areas.
//! - **What is made fresh on every copy**: the CSP nonce (a new one, in the header and
//!   in every script tag), and the form tickets a page announced (`auth::ticket::
//!   announce`), each issued again, since a ticket is used only once.
//! - **How long**: a copy is good while nothing changed, and for [`TTL`] at most,
//!   counted from when its rendering began. This node's own writes are seen at once
//!   (`db::writes()`, compared on every read: any statement that changed rows or any
//!   commit in this process, a person's session touch included, forgets every copy);
//!   another node's writes that publish a live event reach it through the bus (any
//!   event but one person's own forgets every copy); what changes without an event
//!   here (another node's news, blog or forum write; time passing) shows within the
//!   TTL.
//! - **Who may see it**: only pages that the policy already gave an anonymous visitor;
//!   anything with a session is rendered, and decided, as always.
//!
//! - **One render at a time per page**: a request that finds no copy takes the page's
//!   turn and renders it; requests for the same page that arrive meanwhile wait for
//!   that turn (at most [`WAIT`]) and are served its copy, instead of each rendering
//!   the page again when a copy expires under load. A waiter that still finds no copy
//!   (the page is not one to keep, or a write came in between) renders it itself,
//!   without the turn, so pages that are never kept are never queued.
//!
//! Bounded in entries and bytes: when full, copies past their time go first, and if
//! none has, a new page is not kept (a crawl of many pages never empties the cache).

use app::auth::ticket;
use app::i18n::{lang_from_headers, Lang, LANG_COOKIE};
use app::live::bus::Bus;
use app::live::Topic;
use app::routes::content_security_policy;
use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// How long a copy is served at most.
pub const TTL: Duration = Duration::from_secs(2);
/// Copies kept at most, and bytes in all; a page larger than [`LARGEST`] is not kept.
pub const ENTRIES: usize = 512;
pub const BYTES: usize = 32 << 20;
pub const LARGEST: usize = 1 << 20;
/// How long a request waits for another's render of the same page before rendering.
pub const WAIT: Duration = Duration::from_secs(1);
/// Says whether a page came from the cache (`hit`) or was rendered (`miss`).
pub const STATE: HeaderName = HeaderName::from_static("x-piazza-cache");
const ANNOUNCE: HeaderName = HeaderName::from_static(ticket::ANNOUNCE);

/// Paths never kept: one's own account, the work and admin areas, server functions.
const PRIVATE: [&str; 4] = ["/account", "/gestione", "/admin", "/api/"];

type Key = (String, Lang);

#[derive(Debug)]
struct Entry {
    made: Instant,
    /// `db::writes()` and the cache's purges when its rendering began.
    seen: (u64, u64),
    headers: HeaderMap,
    html: String,
    nonce: String,
    /// The tickets in the page, with the scope each is for.
    tickets: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct Kept {
    map: HashMap<Key, Arc<Entry>>,
    bytes: usize,
}

/// The turn to render one page (see the module's docs).
type Turn = Arc<tokio::sync::Mutex<()>>;

#[derive(Debug, Default)]
struct Inner {
    kept: Mutex<Kept>,
    purges: AtomicU64,
    turns: Mutex<HashMap<Key, Turn>>,
}

/// A node's cache (one per router).
#[derive(Clone, Debug, Default)]
pub struct PageCache(Arc<Inner>);

impl PageCache {
    /// A cache that forgets everything whenever the bus carries an event that is
    /// not one person's own (the task ends with the bus or the cache).
    pub fn following(bus: &Bus) -> PageCache {
        let cache = PageCache::default();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(follow(Arc::downgrade(&cache.0), bus.subscribe()));
        }
        cache
    }

    fn seen(&self) -> (u64, u64) {
        (app::db::writes(), self.0.purges.load(Ordering::Acquire))
    }

    fn get(&self, key: &Key) -> Option<Arc<Entry>> {
        let kept = self.0.kept.lock().unwrap_or_else(|p| p.into_inner());
        let entry = kept.map.get(key)?;
        (entry.seen == self.seen() && entry.made.elapsed() < TTL).then(|| entry.clone())
    }

    /// Keeps a copy rendered while nothing changed. When full, copies past their time
    /// go first; if none has, the new one is not kept.
    fn put(&self, key: Key, entry: Entry) {
        let seen = self.seen();
        if entry.seen != seen {
            return;
        }
        let mut kept = self.0.kept.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(old) = kept.map.remove(&key) {
            kept.bytes -= weight(&key, &old);
        }
        let full = |k: &Kept| k.map.len() >= ENTRIES || k.bytes + weight(&key, &entry) > BYTES;
        if full(&kept) {
            kept.map
                .retain(|_, e| e.seen == seen && e.made.elapsed() < TTL);
            kept.bytes = kept.map.iter().map(|(k, e)| weight(k, e)).sum();
            if full(&kept) {
                return;
            }
        }
        kept.bytes += weight(&key, &entry);
        kept.map.insert(key, Arc::new(entry));
    }
}

impl PageCache {
    /// The page's turn, made when nobody holds it.
    fn turn(&self, key: &Key) -> Turn {
        let mut turns = self.0.turns.lock().unwrap_or_else(|p| p.into_inner());
        turns.entry(key.clone()).or_default().clone()
    }

    /// Forgets a turn nobody else holds or waits for (the map holds one, the caller one).
    fn release(&self, key: &Key, turn: Turn) {
        let mut turns = self.0.turns.lock().unwrap_or_else(|p| p.into_inner());
        if Arc::strong_count(&turn) <= 2 {
            turns.remove(key);
        }
    }
}

fn weight(key: &Key, entry: &Entry) -> usize {
    entry.html.len() + key.0.len()
}

/// Forgets every copy (and any rendering under way).
fn purge(inner: &Inner) {
    inner.purges.fetch_add(1, Ordering::AcqRel);
    let mut kept = inner.kept.lock().unwrap_or_else(|p| p.into_inner());
    kept.map.clear();
    kept.bytes = 0;
}

async fn follow(
    cache: Weak<Inner>,
    mut batches: tokio::sync::broadcast::Receiver<app::live::bus::Batch>,
) {
    use tokio::sync::broadcast::error::RecvError;
    loop {
        let public = match batches.recv().await {
            Ok(batch) => batch.iter().any(|e| {
                !matches!(
                    Topic::parse(&e.topic),
                    Some(Topic::Account(_) | Topic::Newsletter(_))
                )
            }),
            Err(RecvError::Lagged(_)) => true,
            Err(RecvError::Closed) => return,
        };
        match cache.upgrade() {
            Some(inner) if public => purge(&inner),
            Some(_) => {}
            None => return,
        }
    }
}

/// The key of a request that may be served from the cache, if it is one.
fn key_of(req: &Request) -> Option<Key> {
    let path = req.uri().path();
    if req.method() != Method::GET
        || req.uri().query().is_some()
        || PRIVATE.iter().any(|p| path.starts_with(p))
        || req.headers().contains_key(header::AUTHORIZATION)
    {
        return None;
    }
    let only_language = req.headers().get_all(header::COOKIE).iter().all(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .all(|c| {
                    c.split_once('=')
                        .is_some_and(|(name, _)| name == LANG_COOKIE)
                })
        })
    });
    only_language.then(|| (path.to_string(), lang_from_headers(req.headers())))
}

/// The page's nonce, from its Content-Security-Policy, if the shell rendered it.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let (_, rest) = policy.split_once("'nonce-")?;
    let (nonce, _) = rest.split_once('\'')?;
    (nonce.len() >= 16).then(|| nonce.to_string())
}

/// The tickets a page announced (`scope ticket`), taken out of its headers.
fn take_tickets(headers: &mut HeaderMap) -> Vec<(String, String)> {
    let announced = headers
        .get_all(&ANNOUNCE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split_once(' '))
        .map(|(scope, ticket)| (scope.to_string(), ticket.to_string()))
        .collect();
    headers.remove(&ANNOUNCE);
    announced
}

/// Middleware around every route: serves a kept copy, or renders and keeps one.
pub async fn layer(
    State((cache, state)): State<(PageCache, AppState)>,
    req: Request,
    next: Next,
) -> Response {
    let Some(key) = key_of(&req) else {
        let mut response = next.run(req).await;
        response.headers_mut().remove(&ANNOUNCE);
        return response;
    };
    if let Some(response) = kept(&cache, &key, &state).await {
        return response;
    }
    let turn = cache.turn(&key);
    let Ok(rendering) = turn.clone().try_lock_owned() else {
        // Someone is rendering this page: wait for their copy, then go on alone.
        drop(tokio::time::timeout(WAIT, turn.clone().lock_owned()).await);
        let response = kept(&cache, &key, &state).await;
        cache.release(&key, turn);
        return match response {
            Some(response) => response,
            None => render(&cache, key, req, next).await,
        };
    };
    let response = render(&cache, key.clone(), req, next).await;
    drop(rendering);
    cache.release(&key, turn);
    response
}

/// A kept copy of the page, if there is one to serve.
async fn kept(cache: &PageCache, key: &Key, state: &AppState) -> Option<Response> {
    let entry = cache.get(key)?;
    copy(&entry, state).await
}

/// Renders the page and keeps a copy when it may be kept.
async fn render(cache: &PageCache, key: Key, req: Request, next: Next) -> Response {
    let (seen, made) = (cache.seen(), Instant::now());
    let (mut parts, body) = next.run(req).await.into_parts();
    let tickets = take_tickets(&mut parts.headers);
    let keep = parts.status == StatusCode::OK
        && !parts.headers.contains_key(header::SET_COOKIE)
        // A redirect that Leptos answered 200 (to a client that did not ask for HTML).
        && !parts.headers.contains_key(header::LOCATION);
    let (Some(nonce), true) = (nonce_of(&parts.headers), keep) else {
        return Response::from_parts(parts, body);
    };
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "cannot read a rendered page");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let Some(html) = std::str::from_utf8(&bytes)
        .ok()
        .filter(|html| html.len() <= LARGEST)
    {
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        let html = html.to_string();
        let entry = Entry {
            made,
            seen,
            headers,
            html,
            nonce,
            tickets,
        };
        cache.put(key, entry);
    }
    parts
        .headers
        .insert(STATE, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(bytes))
}

/// A kept page for one more visitor: a new nonce, new tickets. None when a ticket
/// cannot be issued (the page is then rendered as usual).
async fn copy(entry: &Entry, state: &AppState) -> Option<Response> {
    let nonce = leptos::nonce::Nonce::new().to_string();
    let mut html = entry.html.replace(&entry.nonce, &nonce);
    for (scope, old) in &entry.tickets {
        match ticket::issue(&state.db, scope, state.clock.now()).await {
            Ok(fresh) => html = html.replace(old, &fresh),
            Err(e) => {
                tracing::warn!(error = %e, "cannot issue a ticket for a kept page");
                return None;
            }
        }
    }
    let mut response = Response::new(Body::from(Bytes::from(html)));
    *response.headers_mut() = entry.headers.clone();
    let tiles = state.tiles.as_ref().map_or("", |t| t.origin());
    let policy = HeaderValue::from_str(&content_security_policy(&nonce, tiles)).ok()?;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(STATE, HeaderValue::from_static("hit"));
    Some(response)
}
