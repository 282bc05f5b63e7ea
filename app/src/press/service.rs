//! The press office's changes (server only): adding and removing journalists, the
//! office's contacts, and a journalist leaving the list by the link in a release.
//! Each checks every field first, then writes and audits in one transaction.

use super::model::{PressContact, CONSENT_MAX, LIST_MAX, NAME_MAX};
use super::repo::{self, NewJournalist};
use crate::account::model::Email;
use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::{AppError, Problems};
use crate::i18n::T;
use crate::state::AppState;

/// What the form for a new journalist sent.
pub struct JournalistForm {
    pub name: String,
    pub outlet: String,
    pub beat: String,
    pub email: String,
    /// The box saying they agreed to receive releases.
    pub consented: bool,
    /// How and when they agreed.
    pub consent: String,
}

pub async fn add_journalist(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    form: JournalistForm,
) -> Result<i64, AppError> {
    let mut p = Problems::default();
    let name = p.one_line("name", &form.name, NAME_MAX, true);
    let outlet = p.one_line("outlet", &form.outlet, NAME_MAX, true);
    let beat = p.one_line("beat", &form.beat, NAME_MAX, false);
    let email = p.check("email", Email::parse(&form.email));
    let consent = p.one_line("consent_note", &form.consent, CONSENT_MAX, false);
    if !form.consented {
        p.add("consented", T::PressConsentNeeded);
    }
    p.into_result()?;
    let email = email.ok_or(AppError::Internal)?;
    if repo::count(&state.db, ente.id).await? >= LIST_MAX {
        return Err(AppError::invalid("email", T::PressListFull));
    }
    let now = state.clock.now();
    let consent = if consent.is_empty() {
        format!("{} · {}", actor.name, crate::i18n::Lang::It.datetime(now))
    } else {
        consent
    };
    let new = NewJournalist {
        name: &name,
        outlet: &outlet,
        beat: &beat,
        email: email.as_str(),
        consent: &consent,
    };
    let mut tx = state.db.begin().await?;
    let id = repo::add(&mut tx, ente.id, &new, Some(actor.account_id), now)
        .await?
        .ok_or_else(|| AppError::invalid("email", T::PressAlreadyListed))?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::JournalistAdded)
            .target("journalist", Some(id), outlet.as_str())
            .ente(Some(ente.id)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove_journalist(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    id: i64,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::remove(&mut tx, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::JournalistRemoved)
            .target("journalist", Some(id), "")
            .ente(Some(ente.id)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_contact(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    form: PressContact,
) -> Result<(), AppError> {
    let mut p = Problems::default();
    let press_contact = p.one_line("press_contact", &form.press_contact, NAME_MAX, false);
    let press_email = match form.press_email.trim() {
        "" => String::new(),
        text => p
            .check("press_email", Email::parse(text))
            .map(|e| e.as_str().to_string())
            .unwrap_or_default(),
    };
    let press_phone = p.one_line("press_phone", &form.press_phone, 40, false);
    p.into_result()?;
    let contact = PressContact {
        press_contact,
        press_email,
        press_phone,
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::set_contact(&mut tx, ente.id, &contact).await?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::PressContactSaved)
            .target("ente", Some(ente.id), ente.name.as_str())
            .ente(Some(ente.id)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A journalist leaves the list by the link of a release they received.
pub async fn leave(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    token: &str,
) -> Result<(), AppError> {
    let digest = crate::auth::token::digest(token);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let (id, _) = repo::by_leave(&mut tx, ente.id, &digest)
        .await?
        .ok_or_else(|| AppError::invalid("token", T::PressLeaveInvalid))?;
    repo::remove(&mut tx, ente.id, id).await?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::JournalistRemoved)
            .target("journalist", Some(id), "")
            .ente(Some(ente.id))
            .details("link"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
