//! `GET /live?t=me&t=moderation:3`: Server-Sent Events of the topics asked for.
//!
//! Each topic is decided by the policy when the stream opens (`permission`), and
//! again, with the person reloaded from their session, before every batch of events
//! is passed on: someone suspended, or logged out, stops hearing at the next event.
//! A stream replays what its browser missed (`Last-Event-ID`) from the events table,
//! is dropped when it falls behind the node's bus (it then reconnects and replays),
//! and ends after [`LIFETIME`] so that every stream is decided again now and then.

use crate::gate::{self, Login};
use app::auth::model::Actor;
use app::auth::policy::{decide, Action, Target};
use app::auth::server::RequestInfo;
use app::auth::session;
use app::community::model::scope_of;
use app::error::AppError;
use app::i18n::T;
use app::ids::AccountId;
use app::live::bus::{Admission, Batch};
use app::live::model::{kind, MAX_TOPICS, ME};
use app::live::repo::{self as events, LiveEvent};
use app::live::{LiveMessage, Topic, Wanted};
use app::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::collections::{HashSet, VecDeque};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;

/// A stream ends after this long; the browser reconnects and is decided again.
pub const LIFETIME: Duration = Duration::from_secs(15 * 60);
/// At most this many missed events are replayed; beyond, the browser is told to
/// read everything again.
const REPLAY: i64 = 200;

/// Starts this node's bus reader (once per node, inside its runtime).
pub fn spawn_bus(state: &AppState) {
    tokio::spawn(app::live::bus::run(state.db.clone(), state.live.clone()));
}

/// One topic a stream carries: how the browser named it and what it is.
#[derive(Clone, Debug)]
struct Subscribed {
    asked: String,
    topic: Topic,
    action: Action,
    target: Target,
}

pub async fn events(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Response> {
    let asked = asked_topics(uri.query().unwrap_or_default())
        .ok_or_else(|| AppError::invalid("t", T::ValidationChoice).into_response())?;
    let mut topics = Vec::with_capacity(asked.len());
    for (key, wanted) in asked {
        // What does not exist is refused as what one may not hear: no way to learn
        // which communities or consultations exist.
        let Some((topic, action, target)) =
            gate::ok(&info, permission(&state, &info, wanted).await)?
        else {
            let refusal = if info.actor.is_some() {
                AppError::Forbidden
            } else {
                AppError::Unauthorized
            };
            return Err(refusal.into_response());
        };
        gate::allow(&info, action, target, Login::Status)?;
        topics.push(Subscribed {
            asked: key,
            topic,
            action,
            target,
        });
    }
    let address = app::auth::ratelimit::address_key(&info.ip);
    let account = info.actor.as_ref().map(|a| a.account_id);
    let admission = state
        .live
        .admit(&address, account)
        .ok_or_else(|| AppError::Busy { seconds: 30 }.into_response())?;
    // Subscribed before the replay is read: nothing falls between the two.
    let receiver = state.live.subscribe();
    let mut first = VecDeque::new();
    let mut replayed = HashSet::new();
    if let Some(last) = last_event_id(&headers, uri.query().unwrap_or_default()) {
        let keys: Vec<Topic> = topics.iter().map(|s| s.topic).collect();
        let missed = gate::ok(&info, events::missed(&state.db, &keys, last, REPLAY).await)?;
        if missed.len() as i64 > REPLAY {
            first.push_back(reset());
        } else {
            first.extend(missed.iter().filter_map(|e| message(&topics, e)));
            // The bus may hand these over again: they were written before it read them.
            replayed.extend(missed.iter().map(|e| e.id));
        }
    }
    let closing = state.live.closing();
    let stream = Stream {
        token: session::token_from_headers(&headers, state.secure_cookies()),
        state,
        topics,
        receiver,
        queued: first,
        closing,
        replayed,
        ends: Instant::now() + LIFETIME,
        _admission: admission,
    };
    let body = futures::stream::unfold(stream, |mut s| async move {
        let event = s.next().await?;
        Some((Ok::<Event, Infallible>(event), s))
    });
    Ok((
        [
            (axum::http::header::CACHE_CONTROL, "no-store"),
            // nginx passes each event on at once instead of buffering the stream.
            (
                axum::http::HeaderName::from_static("x-accel-buffering"),
                "no",
            ),
        ],
        Sse::new(body).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))),
    )
        .into_response())
}

/// The `t` parameters: known, distinct, at most [`MAX_TOPICS`]; None if any is not.
fn asked_topics(query: &str) -> Option<Vec<(String, Wanted)>> {
    let mut asked: Vec<(String, Wanted)> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=')?;
        if name == "since" {
            continue;
        }
        if name != "t" {
            return None;
        }
        let wanted = Wanted::parse(value)?;
        if !asked.iter().any(|(k, _)| k == value) {
            if asked.len() == MAX_TOPICS {
                return None;
            }
            asked.push((value.to_string(), wanted));
        }
    }
    (!asked.is_empty()).then_some(asked)
}

/// What a topic needs: the action and target the policy decides on.
async fn permission(
    state: &AppState,
    info: &RequestInfo,
    wanted: Wanted,
) -> Result<Option<(Topic, Action, Target)>, AppError> {
    Ok(match wanted {
        // Nobody signed in: the policy answers 401 for the own account.
        Wanted::Me => {
            let me = info.actor.as_ref().map_or(AccountId(0), |a| a.account_id);
            Some((
                Topic::Account(me),
                Action::ViewOwnAccount,
                Target::OwnAccount,
            ))
        }
        Wanted::Topic(topic @ Topic::Moderation(id)) => app::community::repo::by_id(&state.db, id)
            .await?
            .map(|c| (topic, Action::ModerateCommunity, Target::In(scope_of(&c)))),
        Wanted::Topic(topic @ Topic::Results(id)) => {
            app::consultation::repo::ente_of(&state.db, id)
                .await?
                .map(|ente| {
                    let target = Target::In(app::auth::model::Scope::Ente(ente));
                    (topic, Action::ManageConsultations, target)
                })
        }
        Wanted::Topic(topic @ Topic::Plan(ente)) => {
            let target = Target::In(app::auth::model::Scope::Ente(ente));
            Some((topic, Action::ManageSocial, target))
        }
        Wanted::Topic(topic @ Topic::Newsletter(ente)) => {
            let target = Target::In(app::auth::model::Scope::Ente(ente));
            Some((topic, Action::ManageNewsletter, target))
        }
        Wanted::Topic(Topic::Account(_)) => None,
    })
}

/// The last id the browser had: the header its `EventSource` sends when it
/// reconnects, or `since` when the page opened a new one.
fn last_event_id(headers: &HeaderMap, query: &str) -> Option<i64> {
    let value = match headers.get("last-event-id") {
        Some(v) => v.to_str().ok()?,
        None => query.split('&').find_map(|p| p.strip_prefix("since="))?,
    };
    (value.len() <= 18).then(|| value.parse().ok()).flatten()
}

/// An event for the browser, if it is on one of the stream's topics.
fn message(topics: &[Subscribed], e: &LiveEvent) -> Option<Event> {
    let s = topics.iter().find(|s| s.topic.key() == e.topic)?;
    let data = LiveMessage {
        topic: s.asked.clone(),
        kind: e.kind.clone(),
        subject: e.subject,
    };
    Event::default().id(e.id.to_string()).json_data(data).ok()
}

fn reset() -> Event {
    let data = LiveMessage {
        topic: ME.to_string(),
        kind: kind::RESET.to_string(),
        subject: 0,
    };
    Event::default().json_data(data).unwrap_or_default()
}

/// One open stream.
struct Stream {
    state: AppState,
    token: Option<String>,
    topics: Vec<Subscribed>,
    receiver: tokio::sync::broadcast::Receiver<Batch>,
    queued: VecDeque<Event>,
    closing: tokio::sync::watch::Receiver<bool>,
    /// Ids sent by the replay, not to be sent twice.
    replayed: HashSet<i64>,
    ends: Instant,
    _admission: Admission,
}

impl Stream {
    /// The next event to send; None ends the stream.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.queued.pop_front() {
                return Some(event);
            }
            let next = tokio::time::timeout_at(self.ends, self.receiver.recv());
            let batch = tokio::select! {
                received = next => match received {
                    Ok(Ok(batch)) => batch,
                    // Fallen behind: dropped, it reconnects and replays from the table.
                    Ok(Err(RecvError::Lagged(_))) => return None,
                    Ok(Err(RecvError::Closed)) | Err(_) => return None,
                },
                _ = self.closing.wait_for(|closing| *closing) => return None,
            };
            let mine: Vec<&LiveEvent> = batch
                .iter()
                .filter(|e| self.topics.iter().any(|s| s.topic.key() == e.topic))
                .filter(|e| !self.replayed.contains(&e.id))
                .collect();
            if mine.is_empty() {
                continue;
            }
            if !self.still_allowed().await {
                return None;
            }
            self.queued
                .extend(mine.into_iter().filter_map(|e| message(&self.topics, e)));
        }
    }

    /// The person behind the stream, as of now, may still hear every topic.
    async fn still_allowed(&self) -> bool {
        let actor = match self.current_actor().await {
            Ok(actor) => actor,
            Err(e) => {
                tracing::warn!(error = %e, "live events: cannot check a stream's access");
                return false;
            }
        };
        self.topics.iter().all(|s| {
            let same = match (s.topic, actor.as_ref()) {
                (Topic::Account(id), Some(a)) => id == a.account_id,
                (Topic::Account(_), None) => false,
                _ => true,
            };
            same && decide(actor.as_ref(), s.action, s.target).allowed()
        })
    }

    async fn current_actor(&self) -> Result<Option<Actor>, app::db::DbError> {
        let Some(token) = &self.token else {
            return Ok(None);
        };
        let now = self.state.clock.now();
        match session::resolve(&self.state.db, token, now).await? {
            Some((_, account)) => session::load_actor(&self.state.db, account, now).await,
            None => Ok(None),
        }
    }
}
