//! The bulk lane of the mail sender: newsletter issues, at a set rate and
//! concurrency over the SMTP transport's pooled connections. Every node runs it.
//!
//! A coordinator starts due issues (`delivery::start_due`, one transaction per
//! issue, so one node starts it) and marks finished ones; `concurrency` workers
//! each claim a few mails for a lease, send them one by one and mark each at once.
//! A worker stops sending from its batch before the lease could run out (so no
//! other node takes a mail it is still sending); a node that dies leaves its
//! claimed mails to be taken again when the lease ends. Exactly once is impossible
//! over SMTP: between the server's `250 OK` and the row marked sent, a crash loses
//! the knowledge that the mail went; at most one mail per worker is in that window,
//! and it goes again with the same `Message-ID`, which lets mail systems fold it.

use crate::mailer::Transport;
use app::newsletter::delivery::{self, Claimed};
use app::newsletter::issue_repo::{self, Outgoing};
use app::newsletter::links::Keys;
use app::newsletter::model::paths;
use app::newsletter::render::personal;
use app::state::AppState;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How newsletters are sent.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Mails in flight at once on this node.
    pub concurrency: usize,
    /// Mails per second on this node (0: no limit).
    pub rate: u32,
    /// How long a claimed mail is this node's.
    pub lease: Duration,
}

impl Settings {
    /// The SMTP transport's timeout for each command: a twelfth of the lease, at
    /// most 30 seconds. It is lettre's own, so a slow mail fails its connection
    /// (never cut half-way by an outer timeout, which would leave a pooled
    /// connection in the middle of a message).
    pub fn command_timeout(&self) -> Duration {
        (self.lease / 12).min(Duration::from_secs(30))
    }

    /// The longest one mail can take (its half-dozen commands).
    fn send_bound(&self) -> Duration {
        self.command_timeout() * 6
    }

    /// How many mails a worker claims at once.
    fn batch(&self) -> i64 {
        16
    }
}

/// How often the coordinator looks for due and finished issues.
const TICK: Duration = Duration::from_secs(1);

/// What every worker shares.
struct Lane {
    state: AppState,
    transport: Transport,
    from: Mailbox,
    settings: Settings,
    keys: Keys,
    host: String,
    issues: Mutex<HashMap<i64, Arc<Outgoing>>>,
    pace: Option<Mutex<tokio::time::Interval>>,
    /// On SQLite (one node, one writer at a time) the workers take turns to write:
    /// writers that meet in the database wait in SQLite's busy handler, which
    /// sleeps, and a send of thousands would be mostly sleeping.
    writes: Option<Mutex<()>>,
}

impl Lane {
    async fn turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.writes {
            Some(m) => Some(m.lock().await),
            None => None,
        }
    }
}

/// Runs until the process stops. Without an SMTP server issues wait, scheduled:
/// nothing is marked sent that did not go.
pub async fn run(state: AppState, transport: Transport, from: Mailbox, settings: Settings) {
    if matches!(transport, Transport::Capture) {
        tracing::warn!("no SMTP server (PIAZZA_SMTP_URL): newsletter issues wait until one is set");
        return;
    }
    let keys = loop {
        match Keys::load(&state.db).await {
            Ok(keys) => break keys,
            Err(e) => {
                tracing::error!(error = %e, "newsletter sender cannot read its key; retrying");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    };
    let pace = (settings.rate > 0).then(|| {
        let mut every = tokio::time::interval(Duration::from_secs(1) / settings.rate);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Mutex::new(every)
    });
    let state_backend = state.db.backend();
    let lane = Arc::new(Lane {
        host: app::state::host_of(&state.public_url).to_string(),
        state,
        transport,
        from,
        settings,
        keys,
        issues: Mutex::new(HashMap::new()),
        pace,
        writes: (state_backend == app::db::Backend::Sqlite).then(|| Mutex::new(())),
    });
    // Owned here: when this task ends (or is aborted), its workers end with it.
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..settings.concurrency {
        workers.spawn(work(lane.clone()));
    }
    let mut tick = 0u64;
    loop {
        if workers.try_join_next().is_some() {
            tracing::error!("a newsletter worker stopped; starting another");
            workers.spawn(work(lane.clone()));
        }
        coordinate(&lane.state, tick % ANNOUNCE_EVERY == 0).await;
        tick += 1;
        tokio::time::sleep(TICK).await;
    }
}

/// The desks hear of the figures every this many ticks (a live event is a write,
/// which empties this node's page cache: not every second).
const ANNOUNCE_EVERY: u64 = 3;

/// Starts due issues and closes finished ones, and (when `tell`) tells the desks
/// how far the issues being sent are (a live event per issue).
pub async fn coordinate(state: &AppState, tell: bool) {
    let now = state.clock.now();
    let mut moving = match tell {
        true => delivery::sending(&state.db).await.unwrap_or_default(),
        false => Vec::new(),
    };
    match delivery::start_due(&state.db, now).await {
        Ok(started) if !started.is_empty() => {
            tracing::info!(?started, "newsletter issues started");
            state.mail_queued.notify_waiters();
        }
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "cannot start newsletter issues"),
    }
    match delivery::finish_done(&state.db, now).await {
        Ok(done) if !done.is_empty() => {
            tracing::info!(?done, "newsletter issues sent");
            moving.extend(done);
        }
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "cannot close newsletter issues"),
    }
    if let Err(e) = delivery::announce(&state.db, &moving, now).await {
        tracing::warn!(error = %e, "cannot announce newsletter progress");
    }
}

/// One worker: claims, sends, marks; waits when nothing is due.
async fn work(lane: Arc<Lane>) {
    loop {
        let sent = send_batch(&lane).await;
        if sent == 0 {
            tokio::select! {
                () = lane.state.mail_queued.notified() => {},
                () = tokio::time::sleep(TICK) => {},
            }
        }
    }
}

/// Claims and sends one batch; how many it handled.
async fn send_batch(lane: &Lane) -> usize {
    let claimed_at = Instant::now();
    let lease = lane.settings.lease;
    let now = lane.state.clock.now();
    let lease_chrono = chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(2));
    let batch =
        match delivery::claim(&lane.state.db, now, lease_chrono, lane.settings.batch()).await {
            Ok(batch) => batch,
            Err(e) => {
                tracing::error!(error = %e, "cannot claim newsletter mails");
                return 0;
            }
        };
    let mut handled = 0;
    for m in &batch {
        if let Some(pace) = &lane.pace {
            pace.lock().await.tick().await;
        }
        // Past this point the lease could end while the mail is on its way: the
        // rest goes back, for this node or another to take at once.
        if claimed_at.elapsed() + lane.settings.send_bound() + Duration::from_secs(1) >= lease {
            let _turn = lane.turn().await;
            if let Err(e) = delivery::release(&lane.state.db, &batch[handled..]).await {
                tracing::error!(error = %e, "cannot give back newsletter mails");
            }
            break;
        }
        deliver(lane, m).await;
        handled += 1;
    }
    handled
}

/// Sends one mail and records what happened.
async fn deliver(lane: &Lane, m: &Claimed) {
    let db = &lane.state.db;
    // Left the list, or suppressed, since the mail was queued: it does not go.
    match delivery::still_wanted(db, m).await {
        Ok(true) => {}
        Ok(false) => {
            let _turn = lane.turn().await;
            if let Err(e) = delivery::mark_unwanted(db, m).await {
                tracing::error!(error = %e, delivery = m.id, "cannot drop a newsletter mail");
            }
            return;
        }
        Err(e) => {
            tracing::error!(error = %e, delivery = m.id, "cannot check a newsletter mail");
            return;
        }
    }
    let outcome = match outgoing(lane, m.issue_id).await {
        Some(issue) => match build(lane, &issue, m) {
            Ok(message) => send(lane, message).await,
            Err(problem) => Err(Failure::Recipient(problem)),
        },
        None => Err(Failure::Temporary("issue unreadable".into())),
    };
    let now = lane.state.clock.now();
    let _turn = lane.turn().await;
    let recorded = match outcome {
        Ok(()) => delivery::mark_sent(db, m, now).await,
        Err(Failure::Recipient(p)) => {
            tracing::warn!(delivery = m.id, problem = %p, "newsletter address refused for good");
            delivery::mark_permanent(db, m, &p, now).await
        }
        Err(Failure::Temporary(p)) => {
            tracing::warn!(delivery = m.id, attempt = m.attempts, problem = %p, "newsletter mail not sent; will retry");
            delivery::mark_retry(db, m, &p, now).await
        }
    };
    if let Err(e) = recorded {
        tracing::error!(error = %e, delivery = m.id, "cannot record a newsletter mail's outcome");
    }
}

/// The issue as the sender needs it, read once per node.
async fn outgoing(lane: &Lane, id: i64) -> Option<Arc<Outgoing>> {
    let mut issues = lane.issues.lock().await;
    if let Some(found) = issues.get(&id) {
        return Some(found.clone());
    }
    let read = issue_repo::outgoing(&lane.state.db, id)
        .await
        .ok()
        .flatten()?;
    let read = Arc::new(read);
    if issues.len() > 64 {
        issues.clear();
    }
    issues.insert(id, read.clone());
    Some(read)
}

enum Failure {
    /// Tried again later: the server was down or busy, or refused for a reason that
    /// is not the address (authentication, the sender, the content), which must not
    /// count against the subscribers.
    Temporary(String),
    /// The address itself is refused: a 5xx whose enhanced status (RFC 3463) is about
    /// the address or the mailbox (5.1.x, 5.2.x), or not an address at all.
    Recipient(String),
}

/// Whether a permanent SMTP refusal is about the recipient's address or mailbox.
fn about_recipient(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|w| w.starts_with("5.1.") || w.starts_with("5.2."))
}

/// A custom header (its value is ASCII: addresses built here).
fn header(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

/// The recipient's own copy: their links, the list's headers, a stable Message-ID.
fn build(lane: &Lane, issue: &Outgoing, m: &Claimed) -> Result<Message, String> {
    let state = &lane.state;
    let slug = &issue.ente_slug;
    let (preferences, leave, one_click, mark) = match m.subscriber_id {
        Some(s) => {
            let leaving = lane.keys.leave(s, issue.list_id);
            (
                state.link(&format!(
                    "{}?token={}",
                    paths::preferences(slug),
                    lane.keys.preferences(s)
                )),
                state.link(&format!("{}?token={leaving}", paths::leave(slug))),
                Some(state.link(&paths::one_click(&leaving))),
                s.to_string(),
            )
        }
        // A test send: the links lead to the subscription page.
        None => {
            let page = state.link(&paths::subscribe(slug));
            (page.clone(), page, None, format!("t{}", m.id))
        }
    };
    let html = personal(
        &issue.body_html,
        &app::markdown::escape(&preferences),
        &app::markdown::escape(&leave),
    );
    let text = personal(&issue.body_text, &preferences, &leave);
    let to: Mailbox = m.email.parse().map_err(|e| format!("bad address: {e}"))?;
    let from = Mailbox::new(Some(issue.ente_name.clone()), lane.from.email.clone());
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(issue.subject.clone())
        .message_id(Some(format!("<nl.{}.{mark}@{}>", m.issue_id, lane.host)))
        .raw_header(header(
            "List-Id",
            format!("<list-{}.{}>", issue.list_id, lane.host),
        ));
    if let Ok(reply) = issue.ente_email.parse::<Mailbox>() {
        builder = builder.reply_to(reply);
    }
    if let Some(url) = one_click {
        builder = builder
            .raw_header(header("List-Unsubscribe", format!("<{url}>")))
            .raw_header(header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| e.to_string())
}

async fn send(lane: &Lane, message: Message) -> Result<(), Failure> {
    let smtp: &AsyncSmtpTransport<Tokio1Executor> = match &lane.transport {
        Transport::Smtp(smtp) => smtp,
        Transport::Capture => return Err(Failure::Temporary("no SMTP server".into())),
    };
    match smtp.send(message).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_permanent() && about_recipient(&e.to_string()) => {
            Err(Failure::Recipient(e.to_string()))
        }
        Err(e) => Err(Failure::Temporary(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::about_recipient;

    #[test]
    fn only_address_refusals_count_against_the_subscriber() {
        assert!(about_recipient("permanent error (550): 5.1.1 No such user"));
        assert!(about_recipient("permanent error (552): 5.2.2 Mailbox full"));
        assert!(!about_recipient(
            "permanent error (535): 5.7.8 Authentication failed"
        ));
        assert!(!about_recipient(
            "permanent error (554): 5.7.1 Relay access denied"
        ));
        assert!(!about_recipient(
            "permanent error (550): Sender rejected 10.5.1.2"
        ));
    }
}
