//! What the editorial plan's server functions do once the policy said yes (server
//! only): checking and saving items, the steps of the review, moving them, re-using
//! the site's content, the editor's page. The overview and the calendar are
//! `plan`, the channels `channels`.

use super::channel_repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::{AppError, FieldError};
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::social::paths::item_path;
use crate::social::plan::model::*;
use crate::social::plan::repo::{self, ItemInput};
use crate::state::AppState;
use crate::text::Bounded;
use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Rome;
use std::collections::BTreeMap;

pub const TITLE_MAX: usize = 200;

pub const CAMPAIGN_MAX: usize = 100;

pub const MEDIA_MAX: usize = 2_000;

pub const NOTE_MAX: usize = 2_000;

/// No text is longer than this, whatever the channel says (Facebook's 63,206).
pub const TEXT_MAX: usize = 70_000;

pub(crate) fn problem(field: impl Into<String>, problem: T, limit: Option<i64>) -> FieldError {
    FieldError {
        field: field.into(),
        problem,
        limit,
    }
}

/// An item as the editor sent it.
pub struct ItemForm {
    pub id: Option<i64>,
    pub title: String,
    pub campaign: String,
    pub media: String,
    pub planned: String,
    pub due: String,
    /// `texts[<channel id>]`
    pub texts: BTreeMap<String, String>,
    pub repeat: String,
    pub until: String,
}

/// The texts of a form, checked against the ente's channels and their limits.
fn check_texts(
    channels: &[Channel],
    texts: &BTreeMap<String, String>,
    errors: &mut Vec<FieldError>,
) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for (key, body) in texts {
        let body = body.replace("\r\n", "\n").trim().to_string();
        if body.is_empty() {
            continue;
        }
        let field = format!("texts[{key}]");
        let Some(channel) = key
            .parse::<i64>()
            .ok()
            .and_then(|id| channels.iter().find(|c| c.id == id))
        else {
            errors.push(problem(field, T::EditorialUnknownChannel, None));
            continue;
        };
        let limit = channel.limit().unwrap_or(TEXT_MAX).min(TEXT_MAX);
        if channel.platform.measure(&body) > limit {
            errors.push(problem(field, T::EditorialTextTooLong, Some(limit as i64)));
            continue;
        }
        out.push((channel.id, body));
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(problem("texts", T::EditorialNoText, None));
    }
    out
}

pub(crate) fn check_len(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    max: usize,
    required: bool,
) -> String {
    let text = text.trim().to_string();
    if required && text.is_empty() {
        errors.push(problem(field, T::ValidationRequired, None));
    } else if text.chars().count() > max {
        errors.push(problem(field, T::ValidationTooLong, Some(max as i64)));
    }
    text
}

/// Adds an item (with its repetitions) or changes one; the item's id.
pub async fn save_item(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    form: ItemForm,
) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let title = check_len(&mut errors, "title", &form.title, TITLE_MAX, true);
    let campaign = check_len(&mut errors, "campaign", &form.campaign, CAMPAIGN_MAX, false);
    let media = check_len(&mut errors, "media", &form.media, MEDIA_MAX, false);
    let planned = Lang::parse_local_input(&form.planned);
    if planned.is_none() {
        errors.push(problem("planned", T::EditorialPlannedInvalid, None));
    }
    let due = match form.due.trim() {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) if planned.is_some_and(|p| day > Lang::local_date(p)) => {
                errors.push(problem("due", T::EditorialDueAfterPlanned, None));
                None
            }
            Ok(day) => Some(day),
            Err(_) => {
                errors.push(problem("due", T::ValidationDate, None));
                None
            }
        },
    };
    let repeat = match form.id {
        Some(_) => Repeat::Never,
        None => Repeat::from_code(form.repeat.trim()).unwrap_or(Repeat::Never),
    };
    let occurrences = match (repeat, planned) {
        (Repeat::Never, _) | (_, None) => vec![],
        (_, Some(first)) => {
            let first_day = Lang::local_date(first);
            match NaiveDate::parse_from_str(form.until.trim(), "%Y-%m-%d") {
                Ok(until) if until > first_day && until <= first_day + Duration::days(366) => {
                    repeat.days(first_day, until)
                }
                Ok(_) => {
                    errors.push(problem("until", T::EditorialUntilRange, None));
                    vec![]
                }
                Err(_) => {
                    errors.push(problem("until", T::ValidationDate, None));
                    vec![]
                }
            }
        }
    };
    let channels = channel_repo::channels(&state.db, ente.id).await?;
    let texts = check_texts(&channels, &form.texts, &mut errors);
    let Some(planned) = planned.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let now = state.clock.now();
    let input = ItemInput {
        title: &title,
        campaign: &campaign,
        media: &media,
        planned_at: planned,
        due_on: due,
        texts: &texts,
    };
    let mut tx = state.db.begin().await?;
    let id = match form.id {
        Some(id) => {
            let row = repo::item_in(&mut tx, ente.id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if !row.state().editable()
                || !repo::update_item(&mut tx, ente.id, id, &input, now).await?
            {
                return Err(AppError::Refused(T::EditorialNotEditable));
            }
            id
        }
        None => {
            let first = repo::insert_item(
                &mut tx,
                ente.id,
                actor.account_id,
                &input,
                None,
                ("", None),
                now,
            )
            .await?;
            if occurrences.len() > 1 {
                repo::set_series(&mut tx, first).await?;
                let time = planned.with_timezone(&Rome).time();
                for day in occurrences.iter().skip(1) {
                    let at = Lang::local_moment(*day, time).unwrap_or(planned);
                    let due = due.map(|d| *day - (Lang::local_date(planned) - d));
                    let next = ItemInput {
                        planned_at: at,
                        due_on: due,
                        ..input
                    };
                    repo::insert_item(
                        &mut tx,
                        ente.id,
                        actor.account_id,
                        &next,
                        Some(first),
                        ("", None),
                        now,
                    )
                    .await?;
                }
            }
            first
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// The texts of an item, checked again when it goes to review (a channel's limit
/// may have changed since it was written).
async fn texts_fit(state: &AppState, ente: EnteId, item: i64) -> Result<bool, AppError> {
    let channels = channel_repo::channels(&state.db, ente).await?;
    let texts = repo::texts_of(&state.db, ente, &[item]).await?;
    Ok(!texts.is_empty()
        && texts.iter().all(|(_, channel, body)| {
            channels
                .iter()
                .find(|c| c.id == *channel)
                .is_some_and(|c| c.limit().is_none_or(|l| c.platform.measure(body) <= l))
        }))
}

/// Takes a step of the review (see [`Step`]); `note` is the reason or the change
/// asked for, `link` the published post's address.
pub async fn step(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    id: i64,
    step: Step,
    note: &str,
    link: &str,
) -> Result<ItemState, AppError> {
    let row = repo::item(&state.db, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = row.state();
    let to = step
        .leads(from)
        .ok_or(AppError::Refused(T::EditorialStepNotNow))?;
    if step == Step::Approve && row.author_id == Some(actor.account_id) {
        return Err(AppError::Refused(T::EditorialOwnApproval));
    }
    let note = note.trim();
    if step.needs_note() && note.is_empty() {
        return Err(AppError::invalid("note", T::EditorialNoteRequired));
    }
    if Bounded::<0, NOTE_MAX>::parse(note).is_err() {
        return Err(AppError::Invalid(vec![problem(
            "note",
            T::ValidationTooLong,
            Some(NOTE_MAX as i64),
        )]));
    }
    let link = link.trim();
    if step == Step::Publish
        && (!(link.starts_with("https://") || link.starts_with("http://"))
            || link.len() > 500
            || link.contains(char::is_whitespace))
    {
        return Err(AppError::invalid("link", T::EditorialLinkInvalid));
    }
    if step == Step::Submit && !texts_fit(state, ente.id, id).await? {
        return Err(AppError::Refused(T::EditorialTextsNoLongerFit));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !repo::set_state(&mut tx, ente.id, id, from, to, actor.account_id, link, now).await? {
        return Err(AppError::Refused(T::EditorialStepNotNow));
    }
    repo::add_note(&mut tx, id, actor.account_id, Some((from, to)), note, now).await?;
    // The team's open plan and item pages hear of the step.
    let topic = crate::live::Topic::Plan(ente.id);
    crate::live::repo::publish(&mut tx, topic, crate::live::model::kind::REVIEW, id, now).await?;
    let url = item_path(&ente.slug, id);
    let tell = |lang: Lang, key: T| {
        lang.tf(
            key,
            &[("title", row.title.as_str()), ("name", actor.label())],
        )
    };
    match step {
        Step::Submit => {
            for (account, language) in
                channel_repo::reviewers(&mut tx, ente.id, actor.account_id).await?
            {
                let lang = Lang::of(&language);
                let text = tell(lang, T::EditorialNotifyReview);
                crate::notify::repo::add(&mut tx, account, "editorial_review", &text, &url, now)
                    .await?;
            }
        }
        Step::Approve | Step::Return => {
            if let Some(author) = row.author_id.filter(|a| *a != actor.account_id) {
                let lang = Lang::from_code(row.author_language.as_deref().unwrap_or_default())
                    .unwrap_or_default();
                let key = if step == Step::Approve {
                    T::EditorialNotifyApproved
                } else {
                    T::EditorialNotifyReturned
                };
                let text = tell(lang, key);
                crate::notify::repo::add(&mut tx, author, "editorial_decided", &text, &url, now)
                    .await?;
            }
        }
        _ => {}
    }
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::EditorialStep)
            .target("editorial_item", Some(id), row.title.as_str())
            .ente(Some(ente.id))
            .details(format!("{} → {}", from.code(), to.code())),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(to)
}

/// A reviewer's comment; the author hears of it.
pub async fn comment(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    id: i64,
    body: &str,
) -> Result<(), AppError> {
    let row = repo::item(&state.db, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let body = check_len(&mut errors, "body", body, NOTE_MAX, true);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::add_note(&mut tx, id, actor.account_id, None, &body, now).await?;
    if let Some(author) = row.author_id.filter(|a| *a != actor.account_id) {
        let lang =
            Lang::from_code(row.author_language.as_deref().unwrap_or_default()).unwrap_or_default();
        let text = lang.tf(
            T::EditorialNotifyComment,
            &[("title", row.title.as_str()), ("name", actor.label())],
        );
        crate::notify::repo::add(
            &mut tx,
            author,
            "editorial_comment",
            &text,
            &item_path(&ente.slug, id),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves an item to another day at the same Rome time (dragging it in the calendar).
pub async fn reschedule(state: &AppState, ente: &Ente, id: i64, day: &str) -> Result<(), AppError> {
    let day = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("day", T::ValidationDate))?;
    let row = repo::item(&state.db, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = Lang::local_moment(day, row.planned_at.with_timezone(&Rome).time())
        .ok_or_else(|| AppError::invalid("day", T::ValidationDate))?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !repo::move_item(&mut tx, ente.id, id, at, now).await? {
        return Err(AppError::Refused(T::EditorialNotMovable));
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::social::channel::Platform;
    use crate::social::plan::model::sample_channel as channel;

    #[test]
    fn texts_are_checked_against_each_channel() {
        let channels = vec![channel(Platform::X, None)];
        let mut errors = Vec::new();
        let mut texts = BTreeMap::new();
        texts.insert("1".to_string(), "a".repeat(281));
        texts.insert("9".to_string(), "ciao".to_string());
        let ok = check_texts(&channels, &texts, &mut errors);
        assert!(ok.is_empty());
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].field, "texts[1]");
        assert_eq!(errors[0].problem, T::EditorialTextTooLong);
        assert_eq!(errors[0].limit, Some(280));
        assert_eq!(errors[1].problem, T::EditorialUnknownChannel);
        let mut errors = Vec::new();
        let empty = BTreeMap::from([("1".to_string(), "  ".to_string())]);
        check_texts(&channels, &empty, &mut errors);
        assert_eq!(errors[0].field, "texts");
    }
}
