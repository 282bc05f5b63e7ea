//! Server functions of accounts: each authorizes first, then hands over to
//! `service`. Forms post to them directly (they work without JavaScript).

use super::model::AccountPage;
use crate::auth::model::Actor;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::policy::{Action, Target},
    crate::auth::server::{authorize, fail, go_to, request_info, require, set_cookie},
    crate::auth::session,
    crate::i18n::{lang_cookie, Lang},
    crate::state::app_state,
};

/// The language cookie, so that the interface follows the profile.
#[cfg(feature = "ssr")]
fn set_lang_cookie(lang: Lang) {
    set_cookie(&lang_cookie(lang));
}

/// The signed-in person, for the header and for views that adapt to them.
#[server(endpoint = "account/me")]
pub async fn current_user() -> Result<Option<Actor>, AppError> {
    authorize(Action::ReadPublic, Target::Site)
}

/// A new account. A mail with a link proves the address.
#[server(endpoint = "account/register")]
pub async fn register(
    email: String,
    name: String,
    password: String,
    password_confirm: String,
    privacy: Option<String>,
) -> Result<(), AppError> {
    authorize(Action::Register, Target::Site)?;
    let state = app_state()?;
    let input = super::registration::NewAccountInput {
        email,
        name,
        password,
        password_confirm,
        privacy: privacy.is_some(),
    };
    super::registration::register(&state, &request_info(), input, crate::i18n::detect_lang())
        .await
        .map_err(fail)?;
    go_to("/account/registrati?fatto=1");
    Ok(())
}

/// The link of the verification mail, confirmed with a button.
#[server(endpoint = "account/verify")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    authorize(Action::VerifyEmail, Target::Site)?;
    let state = app_state()?;
    super::registration::verify_email(&state, &request_info(), &token)
        .await
        .map_err(fail)?;
    go_to("/account/accedi?verificato=1");
    Ok(())
}

#[server(endpoint = "account/resend-verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let actor = require(Action::ResendVerification, Target::OwnAccount)?;
    let state = app_state()?;
    super::registration::resend_verification(
        &state,
        &request_info(),
        &actor,
        crate::i18n::detect_lang(),
    )
    .await
    .map_err(fail)
}

/// Email and password. Returns where to go next; a plain form post is redirected.
#[server(endpoint = "account/login")]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    authorize(Action::LogIn, Target::Site)?;
    let state = app_state()?;
    let done = super::login::login(&state, &request_info(), &email, password)
        .await
        .map_err(fail)?;
    set_cookie(&session::set_cookie(&done.token, state.secure_cookies()));
    set_lang_cookie(done.language);
    Ok(go_to(next.as_deref().unwrap_or("/account")))
}

#[server(endpoint = "account/logout")]
pub async fn logout() -> Result<String, AppError> {
    let actor = require(Action::LogOut, Target::OwnAccount)?;
    let state = app_state()?;
    super::login::logout(&state, &request_info(), &actor, false)
        .await
        .map_err(fail)?;
    set_cookie(&session::clear_cookie(state.secure_cookies()));
    Ok(go_to("/"))
}

/// Ends every session of the account, on every device.
#[server(endpoint = "account/logout-everywhere")]
pub async fn logout_everywhere() -> Result<String, AppError> {
    let actor = require(Action::LogOutEverywhere, Target::OwnAccount)?;
    let state = app_state()?;
    super::login::logout(&state, &request_info(), &actor, true)
        .await
        .map_err(fail)?;
    set_cookie(&session::clear_cookie(state.secure_cookies()));
    Ok(go_to("/account/accedi?uscito=1"))
}

#[server(endpoint = "account/forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    authorize(Action::RequestPasswordReset, Target::Site)?;
    let state = app_state()?;
    super::password_change::request_password_reset(&state, &request_info(), &email)
        .await
        .map_err(fail)?;
    go_to("/account/password-dimenticata?inviata=1");
    Ok(())
}

#[server(endpoint = "account/reset")]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<String, AppError> {
    authorize(Action::ResetPassword, Target::Site)?;
    let state = app_state()?;
    super::password_change::reset_password(
        &state,
        &request_info(),
        &token,
        password,
        &password_confirm,
    )
    .await
    .map_err(fail)?;
    Ok(go_to("/account/accedi?password=1"))
}

/// Whether a link of a mail is still good (for the page it opens).
#[server(endpoint = "account/link-state")]
pub async fn link_is_valid(token: String, reset: bool) -> Result<bool, AppError> {
    authorize(Action::ReadPublic, Target::Site)?;
    let state = app_state()?;
    let purpose = if reset {
        super::repo::Purpose::ResetPassword
    } else {
        super::repo::Purpose::VerifyEmail
    };
    Ok(super::repo::token_is_valid(&state.db, &token, purpose, state.clock.now()).await?)
}

/// The account page: profile, roles, sessions.
#[server(endpoint = "account/page")]
pub async fn load_account_page() -> Result<AccountPage, AppError> {
    let actor = require(Action::ViewOwnAccount, Target::OwnAccount)?;
    let state = app_state()?;
    let info = request_info();
    super::profile::account_page(&state, &actor, info.session_id, crate::i18n::detect_lang()).await
}

#[server(endpoint = "account/profile")]
pub async fn update_profile(
    name: String,
    language: String,
    residence: String,
    birth_year: String,
    fiscal_code: String,
    topics: Option<Vec<String>>,
    job_title: Option<String>,
    skills: Option<String>,
    digest: Option<String>,
) -> Result<(), AppError> {
    let actor = require(Action::UpdateOwnProfile, Target::OwnAccount)?;
    let state = app_state()?;
    let input = super::profile::ProfileInput {
        name,
        language,
        residence,
        birth_year,
        fiscal_code,
        topics: topics.unwrap_or_default(),
        job_title: job_title.unwrap_or_default(),
        skills: skills.unwrap_or_default(),
        digest,
    };
    let lang = super::profile::update_profile(&state, &request_info(), &actor, input)
        .await
        .map_err(fail)?;
    set_lang_cookie(lang);
    go_to("/account?salvato=1");
    Ok(())
}

#[server(endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    let actor = require(Action::ChangeOwnPassword, Target::OwnAccount)?;
    let state = app_state()?;
    super::password_change::change_password(
        &state,
        &request_info(),
        &actor,
        current_password,
        password,
        &password_confirm,
    )
    .await
    .map_err(fail)?;
    go_to("/account?password=1");
    Ok(())
}

/// Erases the account (GDPR): personal data goes, public contributions stay anonymous.
#[server(endpoint = "account/delete")]
pub async fn delete_account(password: String) -> Result<String, AppError> {
    let actor = require(Action::DeleteOwnAccount, Target::OwnAccount)?;
    let state = app_state()?;
    super::erasure::delete_account(&state, &request_info(), &actor, password)
        .await
        .map_err(fail)?;
    set_cookie(&session::clear_cookie(state.secure_cookies()));
    Ok(go_to("/?account-eliminato=1"))
}
