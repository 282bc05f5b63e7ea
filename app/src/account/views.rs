//! The pages of signing in: login, registration, address verification, forgotten
//! and new password. Every form posts to its server function and works without
//! JavaScript; with it, errors and confirmations appear in place.

use super::server::{
    link_is_valid, Login, Logout, Register, RequestPasswordReset, ResetPassword, VerifyEmail,
};
use crate::components::brand::Brand;
use crate::components::form::{
    action_done, action_error, CheckField, ErrorSummary, Field, Notice, Submit,
};
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::{follow_destination, query_flag, query_value};
use crate::i18n::{use_lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The logout button of the header's menu (given to it by the app: see
/// `components::user_menu::CurrentUser`). Logging out reloads the page.
#[component]
pub fn LogoutButton() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    follow_destination(logout);
    view! {
        <ActionForm action=logout>
            <Submit action=logout label=T::HeaderLogout class="btn btn-link p-0 piazza-logout"/>
        </ActionForm>
    }
}

/// A narrow column for the forms of this file.
#[component]
fn AuthFrame(title: T, children: Children) -> impl IntoView {
    let lang = use_lang();
    view! {
        <PublicLayout brand=Brand::platform(lang) title=lang.t(title).to_string()>
            <div class="row justify-content-center">
                <div class="col-12 col-md-9 col-lg-6">
                    <h1 class="mb-4">{lang.t(title)}</h1>
                    {children()}
                </div>
            </div>
        </PublicLayout>
    }
}

/// `/account/accedi?next=…`
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    let errors = action_error(action);
    follow_destination(action);
    let next = query_value("next");
    view! {
        <AuthFrame title=T::LoginTitle>
            {move || query_flag("verificato").get().then(|| view! { <Notice text=T::LoginVerifiedNotice/> })}
            {move || query_flag("password").get().then(|| view! { <Notice text=T::LoginPasswordNotice/> })}
            {move || query_flag("uscito").get().then(|| view! { <Notice text=T::LoginLoggedOutNotice kind="info"/> })}
            <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="login" errors/>
                <input type="hidden" name="next" value=move || next.get()/>
                <Field form="login" name="email" kind="email" label=T::FieldEmail autocomplete="username" required=true errors/>
                <Field form="login" name="password" kind="password" label=T::FieldPassword autocomplete="current-password" required=true errors/>
                <Submit action label=T::LoginSubmit/>
            </ActionForm>
            <ul class="list-unstyled mt-4">
                <li><a href="/account/password-dimenticata">{lang.t(T::LoginForgotLink)}</a></li>
                <li><a href="/account/registrati">{lang.t(T::LoginRegisterLink)}</a></li>
            </ul>
        </AuthFrame>
    }
}

/// `/account/registrati`
#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Register>::new();
    let errors = action_error(action);
    let done = action_done(action);
    let sent = query_flag("fatto");
    view! {
        <AuthFrame title=T::RegisterTitle>
            <Show
                when=move || done.get() || sent.get()
                fallback=move || {
                    view! {
                        <p>{lang.t(T::RegisterIntro)}</p>
                        <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                            <ErrorSummary form="register" errors/>
                            <Field form="register" name="name" label=T::FieldName autocomplete="name" required=true maxlength=80 errors/>
                            <Field form="register" name="email" kind="email" label=T::FieldEmail autocomplete="email" required=true errors/>
                            <Field form="register" name="password" kind="password" label=T::FieldNewPassword autocomplete="new-password" help=T::FieldPasswordHelp required=true errors/>
                            <Field form="register" name="password_confirm" kind="password" label=T::FieldPasswordConfirm autocomplete="new-password" required=true errors/>
                            <CheckField form="register" name="privacy" value="si" errors>
                                {lang.t(T::RegisterPrivacyBefore)}
                                " "
                                <a href="/privacy">{lang.t(T::RegisterPrivacyLink)}</a>
                            </CheckField>
                            <Submit action label=T::RegisterSubmit/>
                        </ActionForm>
                        <p class="mt-4">
                            <a href="/account/accedi">{lang.t(T::RegisterHaveAccount)}</a>
                        </p>
                    }
                }
            >
                <div class="alert alert-success" role="status">
                    <h2 class="h4">{lang.t(T::RegisterDoneTitle)}</h2>
                    <p class="mb-0">{lang.t(T::RegisterDoneText)}</p>
                </div>
            </Show>
        </AuthFrame>
    }
}

/// `/account/verifica?token=…`: a button confirms (a link opened by a mail scanner
/// must not be enough).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let token = query_value("token");
    let valid = Resource::new(move || token.get(), |t| link_is_valid(t, false));
    let action = ServerAction::<VerifyEmail>::new();
    let errors = action_error(action);
    let done = action_done(action);
    resource_page(valid, move |valid| {
        let lang = use_lang();
        view! {
            <AuthFrame title=T::VerifyTitle>
                <Show when=move || !done.get() fallback=move || view! { <Notice text=T::LoginVerifiedNotice/> }>
                    {if valid {
                        view! {
                            <p>{lang.t(T::VerifyIntro)}</p>
                            <ActionForm action=action attr:class="piazza-form">
                                <ErrorSummary form="verify" errors/>
                                <input type="hidden" name="token" value=move || token.get()/>
                                <Submit action label=T::VerifySubmit/>
                            </ActionForm>
                        }
                            .into_any()
                    } else {
                        view! { <LinkInvalid/> }.into_any()
                    }}
                </Show>
            </AuthFrame>
        }
    })
}

#[component]
fn LinkInvalid() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="alert alert-warning" role="alert">
            <p>{lang.t(T::AccountLinkInvalid)}</p>
            <p class="mb-0">
                <a href="/account/password-dimenticata">{lang.t(T::LinkInvalidForgot)}</a>
                " · "
                <a href="/account">{lang.t(T::LinkInvalidResend)}</a>
            </p>
        </div>
    }
}

/// `/account/password-dimenticata`
#[component]
pub fn ForgotPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RequestPasswordReset>::new();
    let errors = action_error(action);
    let done = action_done(action);
    let sent = query_flag("inviata");
    view! {
        <AuthFrame title=T::ForgotTitle>
            <Show
                when=move || done.get() || sent.get()
                fallback=move || {
                    view! {
                        <p>{lang.t(T::ForgotIntro)}</p>
                        <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                            <ErrorSummary form="forgot" errors/>
                            <Field form="forgot" name="email" kind="email" label=T::FieldEmail autocomplete="email" required=true errors/>
                            <Submit action label=T::ForgotSubmit/>
                        </ActionForm>
                    }
                }
            >
                <Notice text=T::ForgotDone/>
            </Show>
        </AuthFrame>
    }
}

/// `/account/nuova-password?token=…`
#[component]
pub fn ResetPage() -> impl IntoView {
    let token = query_value("token");
    let valid = Resource::new(move || token.get(), |t| link_is_valid(t, true));
    let action = ServerAction::<ResetPassword>::new();
    let errors = action_error(action);
    follow_destination(action);
    resource_page(valid, move |valid| {
        let lang = use_lang();
        view! {
            <AuthFrame title=T::ResetTitle>
                {if valid {
                    view! {
                        <p>{lang.t(T::ResetIntro)}</p>
                        <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                            <ErrorSummary form="reset" errors/>
                            <input type="hidden" name="token" value=move || token.get()/>
                            <Field form="reset" name="password" kind="password" label=T::FieldNewPassword autocomplete="new-password" help=T::FieldPasswordHelp required=true errors/>
                            <Field form="reset" name="password_confirm" kind="password" label=T::FieldPasswordConfirm autocomplete="new-password" required=true errors/>
                            <Submit action label=T::ResetSubmit/>
                        </ActionForm>
                    }
                        .into_any()
                } else {
                    view! { <LinkInvalid/> }.into_any()
                }}
            </AuthFrame>
        }
    })
}
