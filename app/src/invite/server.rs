//! Server functions of team pages and invitations. Scoped actions find their scope
//! first (an unknown one is NotFound), then ask the policy about that scope.

use super::model::{InvitationView, TeamPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::model::Role,
    crate::auth::policy::{Action, Target},
    crate::auth::server::{authorize, fail, go_to, request_info, require, set_cookie},
    crate::i18n::detect_lang,
    crate::i18n::T,
    crate::state::app_state,
};

/// The team page of a scope (`ente:<slug>`, `comunita:<slug>`, `piattaforma`), or of
/// the first scope the viewer manages.
#[server(endpoint = "team/page")]
pub async fn load_team(scope: Option<String>) -> Result<TeamPage, AppError> {
    let state = app_state()?;
    let lang = detect_lang();
    let code = match scope.filter(|s| !s.trim().is_empty()) {
        Some(code) => code,
        None => {
            let actor = require(Action::ViewOwnAccount, Target::OwnAccount)?;
            super::repo::managed_scopes(&state.db, &actor, lang.t(T::AppName))
                .await?
                .into_iter()
                .next()
                .map(|s| s.code)
                .ok_or_else(|| fail(AppError::Forbidden))?
        }
    };
    let target = super::service::resolve_scope(&state, &code, lang)
        .await
        .map_err(fail)?;
    let actor = require(Action::ViewTeam, Target::In(target.scope))?;
    super::service::team_page(&state, &actor, &target, lang).await
}

#[server(endpoint = "team/invite")]
pub async fn invite(
    scope: String,
    email: String,
    role: String,
    message: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = detect_lang();
    let target = super::service::resolve_scope(&state, &scope, lang)
        .await
        .map_err(fail)?;
    let role = Role::from_code(&role)
        .ok_or_else(|| fail(AppError::invalid("role", T::ValidationChoice)))?;
    let actor = require(Action::Appoint(role), Target::In(target.scope))?;
    super::service::invite(
        &state,
        &request_info(),
        &actor,
        &target,
        &email,
        role,
        &message,
        lang,
    )
    .await
    .map_err(fail)?;
    go_to(&format!("{}&invitato=1", target.team_path()));
    Ok(())
}

#[server(endpoint = "team/revoke-invitation")]
pub async fn revoke_invitation(id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = detect_lang();
    let record = super::repo::by_id(&state.db, id)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let target = super::repo::scope_of(
        &state.db,
        record.ente_id,
        record.community_id,
        lang.t(T::AppName),
    )
    .await?
    .ok_or_else(|| fail(AppError::NotFound))?;
    let role = Role::from_code(&record.role).ok_or(AppError::Internal)?;
    require(Action::Appoint(role), Target::In(target.scope))?;
    super::service::revoke_invitation(&state, &request_info(), &record, &target)
        .await
        .map_err(fail)?;
    go_to(&target.team_path());
    Ok(())
}

#[server(endpoint = "team/revoke-role")]
pub async fn revoke_role(grant_id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let lang = detect_lang();
    let (account_id, email, role, ente_id, community_id) =
        super::repo::grant_by_id(&state.db, grant_id)
            .await?
            .ok_or_else(|| fail(AppError::NotFound))?;
    let target = super::repo::scope_of(&state.db, ente_id, community_id, lang.t(T::AppName))
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let role = Role::from_code(&role).ok_or(AppError::Internal)?;
    require(Action::Appoint(role), Target::In(target.scope))?;
    super::service::revoke_role(
        &state,
        &request_info(),
        grant_id,
        account_id,
        &email,
        role,
        &target,
    )
    .await
    .map_err(fail)?;
    go_to(&target.team_path());
    Ok(())
}

/// The invitation behind a mailed link.
#[server(endpoint = "invitation/show")]
pub async fn load_invitation(token: String) -> Result<InvitationView, AppError> {
    authorize(Action::ReadPublic, Target::Site)?;
    let state = app_state()?;
    super::service::view(&state, &request_info(), &token, detect_lang())
        .await
        .map_err(fail)
}

/// Accepts an invitation: as the signed-in account, or with a new account for the
/// invited address (name, password and the privacy notice are then required).
#[server(endpoint = "invitation/accept")]
pub async fn accept_invitation(
    token: String,
    name: Option<String>,
    password: Option<String>,
    password_confirm: Option<String>,
    privacy: Option<String>,
) -> Result<String, AppError> {
    authorize(Action::AcceptInvitation, Target::Site)?;
    let state = app_state()?;
    let input = crate::account::registration::NewAccountInput {
        email: String::new(),
        name: name.unwrap_or_default(),
        password: password.unwrap_or_default(),
        password_confirm: password_confirm.unwrap_or_default(),
        privacy: privacy.is_some(),
    };
    let accepted = super::service::accept(&state, &request_info(), &token, input, detect_lang())
        .await
        .map_err(fail)?;
    if let Some(token) = accepted.session_token {
        set_cookie(&crate::auth::session::set_cookie(
            &token,
            state.secure_cookies(),
        ));
    }
    Ok(go_to(&accepted.landing))
}
