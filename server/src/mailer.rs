//! The background sender of the outbox. Every node runs one: it takes due messages
//! (a lease keeps two nodes off the same one), sends them over SMTP, and on failure
//! tries again later with a growing wait. Without an SMTP server it marks them
//! captured, for the admin page. Nothing is lost while the SMTP server is down.

use app::mail::outbox::{self, Claimed};
use app::state::AppState;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// No SMTP server configured: keep messages for the admin page.
    Capture,
}

impl Transport {
    /// `smtp://host:port` (plain, or STARTTLS when offered) or `smtps://user:pass@host`,
    /// keeping up to `connections` open for reuse, each command waiting at most
    /// `timeout` (a slow server fails the connection, never half a message).
    pub fn from_url(
        url: Option<&str>,
        connections: usize,
        timeout: Duration,
    ) -> Result<Transport, String> {
        use lettre::transport::smtp::PoolConfig;
        let pool = PoolConfig::new().max_size(u32::try_from(connections.max(1)).unwrap_or(1));
        match url {
            None => Ok(Transport::Capture),
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Transport::Smtp(b.timeout(Some(timeout)).pool_config(pool).build()))
                .map_err(|e| e.to_string()),
        }
    }
}

/// How often a node looks for due mail when nobody wakes it.
const POLL: Duration = Duration::from_secs(5);

/// Sends every due message; returns how many were handled.
pub async fn deliver_due(state: &AppState, transport: &Transport, from: &Mailbox) -> usize {
    let mut handled = 0;
    loop {
        let now = state.clock.now();
        let message = match outbox::claim(&state.db, now).await {
            Ok(Some(m)) => m,
            Ok(None) => return handled,
            Err(e) => {
                tracing::error!(error = %e, "cannot read the outbox");
                return handled;
            }
        };
        handled += 1;
        let outcome = match transport {
            Transport::Capture => outbox::mark_captured(&state.db, &message, now).await,
            Transport::Smtp(smtp) => match send(smtp, from, &message).await {
                Ok(()) => outbox::mark_sent(&state.db, &message, state.clock.now()).await,
                Err(problem) => {
                    tracing::warn!(id = message.id, attempt = message.attempts, %problem, "mail not sent; will retry");
                    outbox::mark_failed_attempt(&state.db, &message, &problem, state.clock.now())
                        .await
                        .map(|_| ())
                }
            },
        };
        if let Err(e) = outcome {
            tracing::error!(error = %e, id = message.id, "cannot record the outcome of a mail");
        }
    }
}

async fn send(
    smtp: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    m: &Claimed,
) -> Result<(), String> {
    let to: Mailbox = m
        .to_address
        .parse()
        .map_err(|e| format!("bad address: {e}"))?;
    let message = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(m.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(m.body_text.clone())
        .map_err(|e| e.to_string())?;
    smtp.send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Runs until the process stops: delivers what is due, then waits to be woken (mail
/// queued on this node) or for the next poll (mail queued on another node, retries).
pub async fn run(state: AppState, transport: Transport, from: Mailbox) {
    loop {
        deliver_due(&state, &transport, &from).await;
        tokio::select! {
            () = state.mail_queued.notified() => {},
            () = tokio::time::sleep(POLL) => {},
        }
    }
}
