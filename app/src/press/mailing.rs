//! Mailing a press release to the ente's journalists list (server only), in the
//! transaction that approves or publishes it: once per entry, each journalist with
//! a link of their own that takes them off the list. Under embargo the mail goes at
//! approval and says until when it may not be published; otherwise it goes when the
//! release goes live.

use super::model::leave_path;
use super::repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::server::RequestInfo;
use crate::db::Tx;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::mail::model::MailKind;
use crate::mail::outbox::{enqueue, NewMail};
use crate::state::AppState;
use chrono::{DateTime, Utc};

/// A release on its way out.
pub struct Release<'a> {
    /// The editor's entry (a release is mailed once per entry).
    pub entry: i64,
    pub title: &'a str,
    pub summary: &'a str,
    /// Markdown: mailed as plain text.
    pub body: &'a str,
    /// Its page on the site.
    pub path: &'a str,
    /// Not to be published before this moment, if any.
    pub embargo: Option<DateTime<Utc>>,
}

/// The contact lines that close a release.
fn contact_lines(ente: &Ente, c: super::model::PressContact) -> String {
    let c = c.shown(ente, Lang::It.t(T::PressKitTitle));
    [c.press_contact, c.press_email, c.press_phone]
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Mails the release to the list unless it was mailed already; how many it went to.
pub async fn send(
    tx: &mut Tx,
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    r: &Release<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    if !repo::claim_mailing(tx, r.entry, ente.id, r.title, r.embargo, now).await? {
        return Ok(None);
    }
    let lang = Lang::It;
    let contact = repo::contact_in(tx, ente.id).await?;
    let contact = contact_lines(ente, contact);
    let (subject_mark, line) = match r.embargo {
        Some(until) => {
            let when = lang.datetime(until);
            (
                lang.tf(T::PressEmbargoSubject, &[("when", &when)]),
                lang.tf(T::PressEmbargoLine, &[("when", &when)]),
            )
        }
        None => (String::new(), String::new()),
    };
    let body = crate::markdown::plain(r.body);
    let link = state.link(r.path);
    let people = repo::recipients(tx, ente.id).await?;
    for (id, name, email) in &people {
        let (token, digest) = crate::auth::token::new_token();
        repo::add_leave(tx, *id, &digest, now).await?;
        let leave = state.link(&format!("{}?token={token}", leave_path(&ente.slug)));
        let values = [
            ("name", name.as_str()),
            ("embargo", subject_mark.as_str()),
            ("embargo_line", line.as_str()),
            ("ente", ente.name.as_str()),
            ("title", r.title),
            ("summary", r.summary),
            ("body", body.as_str()),
            ("link", link.as_str()),
            ("contact", contact.as_str()),
            ("leave", leave.as_str()),
            ("site", state.public_url.as_str()),
        ];
        let mail = NewMail {
            to: email,
            account_id: None,
            kind: MailKind::PressRelease,
            lang,
            values: &values,
        };
        enqueue(tx, mail, now).await?;
    }
    let sent = people.len() as i64;
    repo::set_recipients(tx, r.entry, sent).await?;
    crate::audit::repo::record(
        tx,
        info,
        Record::new(AuditAction::PressReleaseMailed)
            .target("site_entry", Some(r.entry), r.title)
            .ente(Some(ente.id))
            .details(sent.to_string()),
        now,
    )
    .await?;
    Ok(Some(sent))
}
