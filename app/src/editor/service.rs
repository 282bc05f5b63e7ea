//! What the editor's server functions do once the policy said yes (server only):
//! saving an entry (a new version, a draft again), the steps of the review, the
//! ente's choice of a second person. Each is one transaction with its audit row.

use super::check::check;
use super::model::{EntryKind, EntryState, Step};
use super::repo::{self, NewEntry};
use super::schema::NOTE_MAX;
use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::{AppError, FieldError};
use crate::i18n::{Lang, T};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

fn fe(field: &str, problem: T) -> FieldError {
    FieldError {
        field: field.to_string(),
        problem,
        limit: None,
    }
}

/// When an entry goes live and comes down, from the form's two moments.
fn moments(
    publish: &str,
    expires: &str,
    errors: &mut Vec<FieldError>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let mut at = |text: &str, field: &str| match text.trim() {
        "" => None,
        text => {
            let parsed = Lang::parse_local_input(text).filter(|at| super::check::in_years(*at));
            if parsed.is_none() {
                errors.push(fe(field, T::SiteEditorBadMoment));
            }
            parsed
        }
    };
    let (publish, expires) = (at(publish, "publish_at"), at(expires, "expires_at"));
    if let (Some(p), Some(x)) = (publish, expires) {
        if x <= p {
            errors.push(fe("expires_at", T::SiteEditorExpiresBeforePublish));
        }
    }
    (publish, expires)
}

/// What holds for a press release: it goes on the site when its embargo ends (its
/// publication date, refused when earlier; its expiry after it), and only those
/// who run the press office send it to the journalists. The publication date.
fn release_rules(
    ente: &Ente,
    actor: &Actor,
    values: &BTreeMap<String, String>,
    (publish_at, expires_at): (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    errors: &mut Vec<FieldError>,
) -> Option<DateTime<Utc>> {
    use crate::auth::policy::{can, Action, Target};
    let press = Target::In(crate::auth::model::Scope::Ente(ente.id));
    if values.get("to_press").is_some_and(|v| v == "1")
        && !can(Some(actor), Action::ManagePress, press)
    {
        errors.push(fe("f[to_press]", T::PressToListNotYours));
    }
    let Some(until) = super::check::embargo(values) else {
        return publish_at;
    };
    if publish_at.is_some_and(|at| at < until) {
        errors.push(fe("publish_at", T::PressPublishBeforeEmbargo));
    }
    if expires_at.is_some_and(|x| x <= until) {
        errors.push(fe("expires_at", T::SiteEditorExpiresBeforePublish));
    }
    Some(publish_at.unwrap_or(until).max(until))
}

/// What the editor's form sent.
pub struct EntryForm {
    pub kind: EntryKind,
    pub id: Option<i64>,
    pub fields: BTreeMap<String, String>,
    pub publish_at: String,
    pub expires_at: String,
}

/// Saves the form as a new version of the entry (a new entry when `id` is None),
/// which is a draft again; the entry's id.
pub async fn save(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    form: EntryForm,
) -> Result<i64, AppError> {
    let choices = super::choices::choices(state, ente, info.lang).await?;
    let mut errors = Vec::new();
    let values = check(
        form.kind,
        &form.fields,
        &super::choices::allowed_of(&choices),
    )
    .unwrap_or_else(|e| {
        errors.extend(e);
        BTreeMap::new()
    });
    let (publish_at, expires_at) = moments(&form.publish_at, &form.expires_at, &mut errors);
    let publish_at = release_rules(ente, actor, &values, (publish_at, expires_at), &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let title = values.get("title").cloned().unwrap_or_default();
    let fields = serde_json::to_string(&values).map_err(|_| AppError::Internal)?;
    let now = state.clock.now();
    let existing = match form.id {
        Some(id) => Some(
            repo::entry(&state.db, ente.id, id)
                .await?
                .filter(|e| e.kind() == form.kind)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let slug = match &existing {
        Some(e) => e.slug.clone(),
        None => free_slug(state, ente, form.kind, &title).await?,
    };
    let mut tx = state.db.begin().await?;
    let (id, version) = match existing {
        Some(e) => {
            let v = repo::update(
                &mut tx,
                e.id,
                &title,
                &fields,
                publish_at,
                expires_at,
                actor.account_id,
                now,
            )
            .await?;
            (e.id, v)
        }
        None => {
            let entry = NewEntry {
                ente: ente.id,
                kind: form.kind,
                slug: &slug,
                title: &title,
                fields: &fields,
                state: EntryState::Draft,
                live_id: None,
                publish_at,
                expires_at,
                by: actor.account_id,
            };
            (repo::insert(&mut tx, &entry, now).await?, 1)
        }
    };
    let saved = Saved {
        id,
        version,
        kind: form.kind,
        title: &title,
        fields: &fields,
        state: EntryState::Draft,
    };
    record_saved(&mut tx, info, ente, actor, &saved, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A version just saved, as the versions and the audit log keep it.
pub(super) struct Saved<'a> {
    pub id: i64,
    pub version: i64,
    pub kind: EntryKind,
    pub title: &'a str,
    pub fields: &'a str,
    pub state: EntryState,
}

/// Keeps the version and writes its audit row, in the saving transaction.
pub(super) async fn record_saved(
    tx: &mut crate::db::Tx,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    s: &Saved<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let by = Some(actor.account_id);
    repo::add_version(tx, s.id, s.version, s.title, s.fields, s.state, by, "", now).await?;
    crate::audit::repo::record(
        tx,
        info,
        Record::new(AuditAction::SiteEntrySaved)
            .target("site_entry", Some(s.id), s.title)
            .ente(Some(ente.id))
            .details(format!("{} v{}", s.kind.code(), s.version)),
        now,
    )
    .await?;
    Ok(())
}

/// A slug for a new entry of the kind, free among entries and what the site shows.
async fn free_slug(
    state: &AppState,
    ente: &Ente,
    kind: EntryKind,
    title: &str,
) -> Result<String, AppError> {
    let base = crate::text::slug_of(title, kind.path());
    for n in 1..100 {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if !repo::slug_taken(&state.db, ente.id, kind, &slug).await? {
            return Ok(slug);
        }
    }
    Err(AppError::Refused(T::SiteEditorSlugTaken))
}

/// Takes a step of the review; the state it led to.
pub async fn step(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    id: i64,
    step: Step,
    note: &str,
    seen: i64,
) -> Result<EntryState, AppError> {
    let entry = repo::entry(&state.db, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The step is on the version the reader saw, not on one changed since.
    if entry.version != seen {
        return Err(AppError::Refused(T::SiteEditorChangedMeanwhile));
    }
    let review = repo::review(&state.db, ente.id).await?;
    let from = entry.state();
    let to = step
        .leads(from, review, entry.live_id.is_some())
        .ok_or(AppError::Refused(T::SiteEditorStepNotNow))?;
    let own =
        entry.changed_by == Some(actor.account_id) || entry.submitted_by == Some(actor.account_id);
    if step == Step::Approve && review && own {
        return Err(AppError::Refused(T::SiteEditorOwnApproval));
    }
    let note = note.trim();
    if step.needs_note() && note.is_empty() {
        return Err(AppError::invalid("note", T::ValidationRequired));
    }
    if note.chars().count() > NOTE_MAX {
        return Err(AppError::invalid("note", T::ValidationTooLong));
    }
    if crate::text::has_control_chars(note, false) {
        return Err(AppError::invalid("note", T::ValidationBadCharacters));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if step == Step::Withdraw {
        super::golive::take_down(&mut tx, &entry, EntryState::Withdrawn, now).await?;
    } else if !repo::set_state(&mut tx, id, (seen, from), to, actor.account_id, now).await? {
        return Err(AppError::Refused(T::SiteEditorStepNotNow));
    }
    if to == EntryState::Approved {
        let (values, moment) = (entry.values(), super::release::Moment::Approved);
        super::release::mail(&mut tx, (state, info), ente, &entry, &values, moment, now).await?;
    }
    repo::add_version(
        &mut tx,
        id,
        entry.version + 1,
        &entry.title,
        &entry.fields,
        to,
        Some(actor.account_id),
        note,
        now,
    )
    .await?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::SiteEntryStep)
            .target("site_entry", Some(id), entry.title.as_str())
            .ente(Some(ente.id))
            .details(format!("{} → {}", from.code(), to.code())),
        now,
    )
    .await?;
    tx.commit().await?;
    if to == EntryState::Approved && super::golive::publish(state, info, id, now).await? {
        return Ok(EntryState::Published);
    }
    Ok(to)
}

/// Whether the ente asks for a second person before anything goes live.
pub async fn set_review(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    on: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::set_review(&mut tx, ente.id, on).await?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::SiteReviewSet)
            .target("ente", Some(ente.id), ente.name.as_str())
            .ente(Some(ente.id))
            .details(if on { "on" } else { "off" }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
