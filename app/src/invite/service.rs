//! Team management and invitations, once the server function has authorized the
//! caller (server only).

use super::model::{self as m, InvitationRow, InvitationState, InvitationView, ScopeRef, TeamPage};
use super::repo::{self, InvitationRecord, Resolved};
use crate::account::model::Email;
use crate::account::password::hash_password;
use crate::account::registration::{validate_new_account, NewAccountInput};
use crate::account::repo as accounts;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::{Actor, Role};
use crate::auth::policy::{can, Action, Target};
use crate::auth::server::RequestInfo;
use crate::auth::session;
use crate::error::AppError;
use crate::error::Problems;
use crate::i18n::{Lang, T};
use crate::ids::AccountId;
use crate::mail::model::MailKind;
use crate::mail::outbox::{self, NewMail};
use crate::state::AppState;
use chrono::{DateTime, Utc};

/// The scope named in a URL, or NotFound.
pub async fn resolve_scope(state: &AppState, code: &str, lang: Lang) -> Result<Resolved, AppError> {
    let r = ScopeRef::parse(code).ok_or(AppError::NotFound)?;
    repo::resolve(&state.db, &r, lang.t(T::AppName))
        .await?
        .ok_or(AppError::NotFound)
}

fn state_of(r: &InvitationRecord, now: DateTime<Utc>) -> InvitationState {
    if r.accepted_at.is_some() {
        InvitationState::Accepted
    } else if r.revoked_at.is_some() {
        InvitationState::Revoked
    } else if r.expires_at <= now {
        InvitationState::Expired
    } else {
        InvitationState::Pending
    }
}

pub async fn team_page(
    state: &AppState,
    actor: &Actor,
    target: &Resolved,
    lang: Lang,
) -> Result<TeamPage, AppError> {
    let now = state.clock.now();
    let invitations = repo::invitations(&state.db, target.scope).await?;
    Ok(TeamPage {
        scope_code: target.code(),
        scope_label: target.label.clone(),
        members: repo::members(&state.db, target.scope).await?,
        invitations: invitations
            .iter()
            .filter_map(|r| {
                Some(InvitationRow {
                    id: r.id,
                    email: r.email.clone(),
                    role: Role::from_code(&r.role)?,
                    sent: lang.datetime(r.created_at),
                    expires: lang.datetime(r.expires_at),
                    state: state_of(r, now),
                })
            })
            .collect(),
        appointable: Role::ALL
            .into_iter()
            .filter(|role| {
                can(
                    Some(actor),
                    Action::Appoint(*role),
                    Target::In(target.scope),
                )
            })
            .collect(),
        scopes: repo::managed_scopes(&state.db, actor, lang.t(T::AppName)).await?,
    })
}

/// Invites an address to a role; the mail carries a link valid for seven days.
pub async fn invite(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    target: &Resolved,
    email: &str,
    role: Role,
    message: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut p = Problems::default();
    let email = p.check("email", Email::parse(email));
    let message = message.trim();
    p.bounded::<0, 1000>("message", message, T::ValidationTooLong);
    p.into_result()?;
    let Some(email) = email else {
        return Err(AppError::Internal);
    };
    let recipient_lang = match accounts::by_email(&state.db, &email).await? {
        Some(a) => Lang::from_code(&a.language).unwrap_or(lang),
        None => lang,
    };
    let mut tx = state.db.begin().await?;
    let (id, token) = repo::create(
        &mut tx,
        email.as_str(),
        role,
        target.scope,
        message,
        actor.account_id,
        now,
    )
    .await?;
    let link = state.link(&format!("/account/invito?token={token}"));
    let role_label = recipient_lang.t(role.label());
    outbox::enqueue(
        &mut tx,
        NewMail {
            to: email.as_str(),
            account_id: None,
            kind: MailKind::Invitation,
            lang: recipient_lang,
            values: &[
                ("inviter", actor.label()),
                ("role", role_label),
                ("scope", &target.label),
                ("link", &link),
                ("site", &state.public_url),
                ("days", &m::INVITATION_DAYS.to_string()),
            ],
        },
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::Invited)
            .target("invitation", Some(id), email.as_str())
            .ente(target.scope.columns().0)
            .details(format!("{} · {}", role.code(), target.label)),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

pub async fn revoke_invitation(
    state: &AppState,
    info: &RequestInfo,
    record: &InvitationRecord,
    target: &Resolved,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !repo::mark_revoked(&mut tx, record.id, now).await? {
        return Err(AppError::Refused(T::InviteNotPending));
    }
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::InvitationRevoked)
            .target("invitation", Some(record.id), record.email.as_str())
            .ente(target.scope.columns().0)
            .details(format!("{} · {}", record.role, target.label)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a role away. The last platform administrator cannot be removed.
pub async fn revoke_role(
    state: &AppState,
    info: &RequestInfo,
    grant_id: i64,
    account_id: AccountId,
    email: &str,
    role: Role,
    target: &Resolved,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if role == Role::PlatformAdmin && repo::platform_admin_count(&mut tx).await? <= 1 {
        return Err(AppError::Refused(T::TeamLastAdmin));
    }
    repo::delete_grant(&mut tx, grant_id).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::RoleRevoked)
            .target_account(account_id, email)
            .ente(target.scope.columns().0)
            .details(format!("{} · {}", role.code(), target.label)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The invitation behind a link, as its recipient sees it.
pub async fn view(
    state: &AppState,
    info: &RequestInfo,
    token: &str,
    lang: Lang,
) -> Result<InvitationView, AppError> {
    let now = state.clock.now();
    let record = repo::by_token(&state.db, token)
        .await?
        .ok_or(AppError::Refused(T::InviteInvalid))?;
    let role = Role::from_code(&record.role).ok_or(AppError::Internal)?;
    let target = repo::scope_of(
        &state.db,
        record.ente_id,
        record.community_id,
        lang.t(T::AppName),
    )
    .await?
    .ok_or(AppError::Refused(T::InviteInvalid))?;
    let email = Email::parse(&record.email).map_err(|_| AppError::Internal)?;
    Ok(InvitationView {
        account_exists: accounts::by_email(&state.db, &email).await?.is_some(),
        signed_in_as: info.actor.as_ref().map(|a| a.email.clone()),
        email: record.email.clone(),
        role,
        scope_label: target.label,
        inviter: record.inviter.clone().unwrap_or_default(),
        message: record.message.clone(),
        expires: lang.datetime(record.expires_at),
        state: state_of(&record, now),
    })
}

/// What accepting gave: where to go, and the token of a new session when the
/// invitation created the account.
pub struct Accepted {
    pub landing: String,
    pub session_token: Option<String>,
}

/// Accepts an invitation: with the signed-in account, or by creating an account for
/// the invited address (which the link proves), then signing it in.
pub async fn accept(
    state: &AppState,
    info: &RequestInfo,
    token: &str,
    new_account: NewAccountInput,
    lang: Lang,
) -> Result<Accepted, AppError> {
    let now = state.clock.now();
    let record = repo::by_token(&state.db, token)
        .await?
        .ok_or(AppError::Refused(T::InviteInvalid))?;
    if state_of(&record, now) != InvitationState::Pending {
        return Err(AppError::Refused(T::InviteInvalid));
    }
    let role = Role::from_code(&record.role).ok_or(AppError::Internal)?;
    let target = repo::scope_of(
        &state.db,
        record.ente_id,
        record.community_id,
        lang.t(T::AppName),
    )
    .await?
    .ok_or(AppError::Refused(T::InviteInvalid))?;
    let email = Email::parse(&record.email).map_err(|_| AppError::Internal)?;

    let (account_id, account_email, session_token, mut tx) = match &info.actor {
        // The link gives the role to the person it was sent to: a forwarded or leaked
        // link does nothing for another account, nor for one whose address is not
        // confirmed.
        Some(actor) if !actor.verified || !actor.email.eq_ignore_ascii_case(email.as_str()) => {
            return Err(AppError::Refused(T::InviteOtherAccount));
        }
        Some(actor) => (
            actor.account_id,
            actor.email.clone(),
            None,
            state.db.begin().await?,
        ),
        None => {
            if accounts::by_email(&state.db, &email).await?.is_some() {
                return Err(AppError::Refused(T::InviteSignInFirst));
            }
            let input = NewAccountInput {
                email: email.as_str().to_string(),
                ..new_account
            };
            let mut p = Problems::default();
            let valid = validate_new_account(&input, &mut p);
            p.into_result()?;
            let Some(valid) = valid else {
                return Err(AppError::Internal);
            };
            let hash = hash_password(input.password).await?;
            let mut tx = state.db.begin().await?;
            let new = accounts::NewAccount {
                email: &valid.email,
                name: &valid.name,
                password_hash: Some(&hash),
                language: lang.code(),
                verified: true,
                privacy_accepted: true,
            };
            let id = accounts::create(&mut tx, new, now)
                .await?
                .ok_or(AppError::Refused(T::InviteSignInFirst))?;
            audit::record(
                &mut tx,
                info,
                Record::new(AuditAction::Register)
                    .by(id, valid.email.as_str())
                    .target_account(id, valid.email.as_str()),
                now,
            )
            .await?;
            let token = session::start(&mut tx, id, &info.ip, &info.user_agent, now).await?;
            (id, valid.email.as_str().to_string(), Some(token), tx)
        }
    };
    if !repo::mark_accepted(&mut tx, record.id, account_id, now).await? {
        return Err(AppError::Refused(T::InviteInvalid));
    }
    accounts::grant(&mut tx, account_id, role, target.scope, None, now).await?;
    let details = format!("{} · {}", role.code(), target.label);
    for (action, kind, id, label) in [
        (
            AuditAction::InvitationAccepted,
            "invitation",
            record.id,
            record.email.as_str(),
        ),
        (
            AuditAction::RoleGranted,
            "account",
            account_id.get(),
            account_email.as_str(),
        ),
    ] {
        audit::record(
            &mut tx,
            info,
            Record::new(action)
                .by(account_id, &account_email)
                .target(kind, Some(id), label)
                .ente(target.scope.columns().0)
                .details(details.clone()),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Accepted {
        landing: m::landing(target.scope, &target.slug),
        session_token,
    })
}
