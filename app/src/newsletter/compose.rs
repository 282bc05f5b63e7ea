//! The desk's work (server only): lists, composing an issue from the site's content
//! and free text, a test send to oneself, sending now or at a time. Every change is
//! one transaction with its audit row.

use super::delivery;
use super::issue_repo::{self, NewIssue};
use super::model::{
    paths, Candidate, IssueState, NewsletterList, PickKind, INTRO_MAX, ITEMS_MAX, LISTS_MAX,
    LIST_NAME_MAX, LIST_TEXT_MAX, SUBJECT_MAX,
};
use super::render::{self, Parts};
use super::repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::{AppError, Problems};
use crate::i18n::{Lang, T};
use crate::state::AppState;
use chrono::{DateTime, Utc};

/// How many of each kind the composer offers.
const OFFERED: usize = 12;

/// Recent news, coming events and open consultations of the ente.
pub async fn candidates(state: &AppState, ente: &Ente) -> Result<Vec<Candidate>, AppError> {
    let now = state.clock.now();
    let slug = &ente.slug;
    let news = crate::content::repo::latest_news(&state.db, ente.id, now, OFFERED as i64).await?;
    let events = crate::content::event_repo::upcoming(&state.db, ente.id, now, OFFERED).await?;
    let open = crate::consultation::repo::list(&state.db, ente.id, false).await?;
    let mut out: Vec<Candidate> = news
        .into_iter()
        .map(|n| Candidate {
            kind: PickKind::News,
            path: format!("/{slug}/notizie/{}", n.slug),
            slug: n.slug,
            title: n.title,
            summary: n.summary,
            when: Some(n.published_at),
        })
        .collect();
    out.extend(
        events
            .into_iter()
            .filter(|e| e.ente_slug == *slug)
            .map(|e| Candidate {
                kind: PickKind::Event,
                path: crate::content::model::event_path(slug, &e.slug),
                slug: e.slug,
                title: e.title,
                summary: e.summary,
                when: Some(e.starts_at),
            }),
    );
    out.extend(
        open.into_iter()
            .filter(|c| c.status != "results" && c.opens_at <= now && now < c.closes_at)
            .take(OFFERED)
            .map(|c| Candidate {
                kind: PickKind::Consultation,
                path: format!("/{slug}/consultazioni/{}", c.slug),
                slug: c.slug,
                title: c.title,
                summary: c.summary,
                when: Some(c.closes_at),
            }),
    );
    out.dedup_by(|a, b| a.key() == b.key());
    Ok(out)
}

/// A new list of the ente.
pub async fn add_list(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    name: &str,
    description: &str,
) -> Result<i64, AppError> {
    let mut p = Problems::default();
    let name = p.one_line("nome", name, LIST_NAME_MAX, true);
    let description = p.one_line("descrizione", description, LIST_TEXT_MAX, false);
    p.into_result()?;
    let now = state.clock.now();
    // Counted inside the transaction: two lists added at once cannot both pass.
    let mut tx = state.db.begin().await?;
    let count = repo::list_count_in(&mut tx, ente.id).await?;
    if count >= LISTS_MAX {
        return Err(AppError::invalid("nome", T::NewsletterTooManyLists));
    }
    let general = count == 0;
    let id = repo::add_list(&mut tx, ente.id, &name, &description, general, now)
        .await?
        .ok_or_else(|| AppError::invalid("nome", T::NewsletterListExists))?;
    let record = Record::new(AuditAction::NewsletterListAdded)
        .target("newsletter_list", Some(id), &name)
        .ente(Some(ente.id));
    crate::audit::repo::record(&mut tx, info, record, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The composer's form.
pub struct Draft {
    pub list: i64,
    pub subject: String,
    pub intro: String,
    /// `kind:slug` of the cards ticked.
    pub picks: Vec<String>,
    /// `bozza` (keep), `ora` (send now) or `programma` (at `send_at`).
    pub when: String,
    pub send_at: String,
}

/// A composer's form, checked.
struct Checked {
    list: NewsletterList,
    subject: String,
    intro: String,
    cards: Vec<Candidate>,
    send_at: Option<DateTime<Utc>>,
}

/// Checks the form: the list, subject, free text, cards and moment.
async fn checked(
    state: &AppState,
    ente: &Ente,
    d: &Draft,
    now: DateTime<Utc>,
) -> Result<Checked, AppError> {
    let mut p = Problems::default();
    let list = repo::lists(&state.db, ente.id)
        .await?
        .into_iter()
        .find(|l| l.id == d.list);
    if list.is_none() {
        p.add("lista", T::ValidationChoice);
    }
    let subject = p.one_line("oggetto", &d.subject, SUBJECT_MAX, true);
    let intro = d.intro.replace("\r\n", "\n").trim().to_string();
    if crate::text::has_control_chars(&intro, false) {
        p.add("testo", T::ValidationBadCharacters);
    } else if intro.chars().count() > INTRO_MAX {
        p.add_with_limit("testo", T::ValidationAtMost, Some(INTRO_MAX as i64));
    }
    let offered = candidates(state, ente).await?;
    let cards: Vec<Candidate> = offered
        .into_iter()
        .filter(|c| d.picks.contains(&c.key()))
        .collect();
    if cards.len() != d.picks.len() || cards.len() > ITEMS_MAX {
        p.add("contenuti", T::ValidationChoice);
    } else if cards.is_empty() && crate::text::is_blank(&intro) {
        p.add("testo", T::NewsletterEmpty);
    }
    let send_at = match d.when.as_str() {
        "bozza" => None,
        "ora" => Some(now),
        "programma" => {
            let at = Lang::parse_local_input(d.send_at.trim());
            if !at.is_some_and(|at| at > now && at < now + chrono::Duration::days(366)) {
                p.add("send_at", T::NewsletterBadMoment);
            }
            at
        }
        _ => {
            p.add("quando", T::ValidationChoice);
            None
        }
    };
    p.into_result()?;
    Ok(Checked {
        list: list.ok_or(AppError::Internal)?,
        subject,
        intro,
        cards,
        send_at,
    })
}

/// Saves a new issue (rendered once), and schedules it when asked; its id.
pub async fn compose(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    d: Draft,
) -> Result<i64, AppError> {
    let now = state.clock.now();
    let Checked {
        list,
        subject,
        intro,
        cards,
        send_at,
    } = checked(state, ente, &d, now).await?;
    let parts = Parts {
        lang: Lang::It,
        ente: &ente.name,
        list: &list.name,
        subject: &subject,
        intro: &intro,
        cards: &cards,
        site: &state.public_url,
    };
    let keys: Vec<String> = cards.iter().map(Candidate::key).collect();
    let items = serde_json::to_string(&keys).map_err(|_| AppError::Internal)?;
    let (body_html, body_text) = (render::html(&parts), render::text(&parts));
    let state_now = if send_at.is_some() {
        IssueState::Scheduled
    } else {
        IssueState::Draft
    };
    let issue = NewIssue {
        list: list.id,
        subject: &subject,
        intro: &intro,
        items: &items,
        body_html: &body_html,
        body_text: &body_text,
        state: state_now,
        send_at,
    };
    let mut tx = state.db.begin().await?;
    let id = issue_repo::insert(&mut tx, ente.id, &issue, actor.account_id, now).await?;
    let action = match send_at {
        Some(_) => AuditAction::NewsletterIssueScheduled,
        None => AuditAction::NewsletterIssueSaved,
    };
    let record = Record::new(action)
        .target("newsletter_issue", Some(id), &subject)
        .ente(Some(ente.id));
    crate::audit::repo::record(&mut tx, info, record, now).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(id)
}

/// Sends a draft now.
pub async fn send_now(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    id: i64,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !issue_repo::schedule(&mut tx, ente.id, id, now).await? {
        return Err(AppError::Refused(T::NewsletterNotDraft));
    }
    let record = Record::new(AuditAction::NewsletterIssueScheduled)
        .target("newsletter_issue", Some(id), paths::issue(&ente.slug, id))
        .ente(Some(ente.id));
    crate::audit::repo::record(&mut tx, info, record, now).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// Mails the issue to the operator's own address (their links there do nothing).
pub async fn send_test(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    id: i64,
) -> Result<(), AppError> {
    if issue_repo::one(&state.db, ente.id, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    let bucket =
        crate::auth::ratelimit::bucket("newsletter-test", &actor.account_id.get().to_string());
    crate::auth::ratelimit::hit(&state.db, &bucket, crate::auth::ratelimit::MAIL_PER_IP, now)
        .await?;
    let mut tx = state.db.begin().await?;
    delivery::queue_test(&mut tx, id, &actor.email, now).await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}
