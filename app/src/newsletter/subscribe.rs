//! Joining and leaving (server only): the site's form asks, a mailed link confirms
//! (double opt-in), the preferences page and the leaving links change the lists.
//! Every step is one transaction with its consent row, which is never rewritten:
//! who agreed to which text, when and from where stays provable after they leave.

use super::model::{paths, CONFIRM_DAYS, NOTICE_VERSION};
use super::repo::{self, Consent};
use crate::account::model::Email;
use crate::auth::ratelimit::{self, Limit};
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::{AppError, Problems};
use crate::i18n::{Lang, T};
use crate::mail::model::MailKind;
use crate::mail::outbox::{enqueue, NewMail};
use crate::state::AppState;

/// Subscription requests from one address.
const ASKS_PER_IP: Limit = Limit {
    max: 10,
    window_secs: 60 * 60,
};
/// Confirmation mails to one address (nobody is flooded through this form).
const MAILS_PER_ADDRESS: Limit = Limit {
    max: 3,
    window_secs: 24 * 60 * 60,
};

/// The form: an address, the lists ticked, the consent box.
pub struct Ask {
    pub email: String,
    pub lists: Vec<i64>,
    pub consent: bool,
}

/// Checks the form against the ente's lists: the address and its chosen lists.
async fn checked(state: &AppState, ente: &Ente, ask: &Ask) -> Result<(Email, Vec<i64>), AppError> {
    let mut p = Problems::default();
    let email = p.check("email", Email::parse(&ask.email));
    let known = repo::lists(&state.db, ente.id).await?;
    let mut lists = ask.lists.clone();
    lists.sort_unstable();
    lists.dedup();
    if lists.is_empty() {
        p.add("liste", T::NewsletterChooseList);
    } else if !lists.iter().all(|id| known.iter().any(|l| l.id == *id)) {
        p.add("liste", T::ValidationChoice);
    }
    if !ask.consent {
        p.add("consenso", T::NewsletterConsentNeeded);
    }
    p.into_result()?;
    Ok((email.ok_or(AppError::Internal)?, lists))
}

/// Records the request and mails the confirmation link. The page says the same
/// whether the address was on the lists or not (nobody learns who subscribes).
pub async fn ask(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    ask: Ask,
) -> Result<(), AppError> {
    let (email, lists) = checked(state, ente, &ask).await?;
    let now = state.clock.now();
    let ip = ratelimit::bucket("newsletter-ip", &ratelimit::address_key(&info.ip));
    ratelimit::hit(&state.db, &ip, ASKS_PER_IP, now).await?;
    let to = ratelimit::bucket(
        "newsletter-to",
        &format!("{}:{}", ente.id.get(), email.as_str()),
    );
    ratelimit::hit(&state.db, &to, MAILS_PER_ADDRESS, now).await?;
    let lang = info.lang;
    let notice = lang.tf(T::NewsletterConsent, &[("ente", &ente.name)]);
    let mut tx = state.db.begin().await?;
    // An account is linked only to its own address, once it proved it is its own.
    let account = info
        .actor
        .as_ref()
        .filter(|a| a.verified && a.email.eq_ignore_ascii_case(email.as_str()))
        .map(|a| a.account_id);
    let subscriber =
        repo::subscriber(&mut tx, ente.id, email.as_str(), lang.code(), account, now).await?;
    for list in &lists {
        let consent = Consent {
            subscriber,
            list: *list,
            action: "requested",
            source: "form",
            notice_version: NOTICE_VERSION,
            notice_text: &notice,
            address: &info.ip,
            user_agent: &info.user_agent,
        };
        repo::record(&mut tx, &consent, now).await?;
    }
    let (token, digest) = crate::auth::token::new_token();
    let expires = now + chrono::Duration::days(CONFIRM_DAYS);
    repo::add_confirm(&mut tx, &digest, subscriber, &lists, expires, now).await?;
    let link = state.link(&format!("{}?token={token}", paths::confirm(&ente.slug)));
    let days = CONFIRM_DAYS.to_string();
    let values = [
        ("ente", ente.name.as_str()),
        ("link", link.as_str()),
        ("days", days.as_str()),
        ("site", state.public_url.as_str()),
    ];
    let mail = NewMail {
        to: email.as_str(),
        account_id: None,
        kind: MailKind::NewsletterConfirm,
        lang,
        values: &values,
    };
    enqueue(&mut tx, mail, now).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// The consent text in the subscriber's language, as they saw it when asking.
fn notice(ente: &Ente, lang: &str) -> String {
    Lang::of(lang).tf(T::NewsletterConsent, &[("ente", &ente.name)])
}

/// Confirms the lists a mailed link names. Everything is read and checked before
/// the transaction, which only writes. A link used before changes nothing, nor does
/// it bring back a list left after it was sent; an unknown one, another ente's, or
/// one past its week is refused.
pub async fn confirm(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    token: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let digest = crate::auth::token::digest(token);
    let unknown = || AppError::Refused(T::NewsletterLinkUnknown);
    let link = repo::confirm_link(&state.db, &digest)
        .await?
        .ok_or_else(unknown)?;
    let (owner, _, lang) = repo::subscriber_by_id(&state.db, link.subscriber_id)
        .await?
        .ok_or_else(unknown)?;
    if owner != ente.id {
        return Err(unknown());
    }
    if link.used_at.is_some() {
        return Ok(());
    }
    if link.expires_at <= now {
        return Err(AppError::Refused(T::NewsletterLinkExpired));
    }
    let known = repo::lists(&state.db, ente.id).await?;
    let left = repo::left_since(&state.db, link.subscriber_id, link.created_at).await?;
    let lists: Vec<i64> = link
        .lists()
        .into_iter()
        .filter(|l| known.iter().any(|k| k.id == *l) && !left.contains(l))
        .collect();
    let notice = notice(ente, &lang);
    let mut tx = state.db.begin().await?;
    if !repo::use_confirm(&mut tx, &digest, now).await? {
        return Ok(());
    }
    for list in lists {
        if repo::set_state(&mut tx, link.subscriber_id, list, "active", now).await? {
            let consent = Consent {
                subscriber: link.subscriber_id,
                list,
                action: "confirmed",
                source: "link",
                notice_version: NOTICE_VERSION,
                notice_text: &notice,
                address: &info.ip,
                user_agent: &info.user_agent,
            };
            repo::record(&mut tx, &consent, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Takes a subscriber off a list at once: no more mail of it, not even the rest of
/// an issue being sent. `source` says how (one-click, link, preferences).
pub async fn leave(
    state: &AppState,
    info: &RequestInfo,
    subscriber: i64,
    list: i64,
    source: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    leave_in(&mut tx, info, subscriber, list, source, now).await?;
    tx.commit().await?;
    Ok(())
}

async fn leave_in(
    tx: &mut crate::db::Tx,
    info: &RequestInfo,
    subscriber: i64,
    list: i64,
    source: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    if repo::set_state(tx, subscriber, list, "left", now).await? {
        let consent = Consent {
            subscriber,
            list,
            action: "left",
            source,
            notice_version: "",
            notice_text: "",
            address: &info.ip,
            user_agent: &info.user_agent,
        };
        repo::record(tx, &consent, now).await?;
        super::delivery::drop_pending(tx, subscriber, list).await?;
    }
    Ok(())
}

/// The preferences page's choice, in one transaction: the lists ticked are on, the
/// others off. Lists ticked again need no new confirmation (the page came by mail
/// to the address).
pub async fn choose(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    subscriber: i64,
    on: &[i64],
) -> Result<(), AppError> {
    let known = repo::lists(&state.db, ente.id).await?;
    if !on.iter().all(|id| known.iter().any(|l| l.id == *id)) {
        return Err(AppError::invalid("liste", T::ValidationChoice));
    }
    let active = repo::active_lists(&state.db, subscriber).await?;
    // A forwarded mail's link must not subscribe its reader to what they never asked.
    let confirmed = repo::ever_confirmed(&state.db, subscriber).await?;
    if on
        .iter()
        .any(|id| !active.contains(id) && !confirmed.contains(id))
    {
        return Err(AppError::invalid("liste", T::NewsletterNeedsConfirmation));
    }
    let lang = repo::subscriber_by_id(&state.db, subscriber)
        .await?
        .map(|s| s.2)
        .unwrap_or_default();
    let notice = notice(ente, &lang);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    for list in known.iter().map(|l| l.id) {
        let wanted = on.contains(&list);
        if wanted == active.contains(&list) {
            continue;
        }
        if !wanted {
            leave_in(&mut tx, info, subscriber, list, "preferences", now).await?;
            continue;
        }
        repo::set_state(&mut tx, subscriber, list, "active", now).await?;
        let consent = Consent {
            subscriber,
            list,
            action: "confirmed",
            source: "preferences",
            notice_version: NOTICE_VERSION,
            notice_text: &notice,
            address: &info.ip,
            user_agent: &info.user_agent,
        };
        repo::record(&mut tx, &consent, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
