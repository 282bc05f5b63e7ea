//! `/account`: the signed-in person's own page: profile, roles, security (password,
//! sessions), their data (download, erasure).

use super::model::AccountPage;
use super::server::{
    load_account_page, ChangePassword, DeleteAccount, LogoutEverywhere, ResendVerification,
    UpdateProfile,
};
use crate::auth::model::Role;
use crate::components::brand::Brand;
use crate::components::dialog::ConfirmSubmit;
use crate::components::form::{
    action_done, action_error, CheckField, ErrorSummary, Field, Notice, SelectField, Submit,
};
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::{follow_destination, query_flag};
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn AccountHomePage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_account_page());
    resource_page(page, |page| view! { <AccountView page/> })
}

#[component]
fn AccountView(page: AccountPage) -> impl IntoView {
    let lang = use_lang();
    let title = lang.t(T::AccountTitle).to_string();
    let verified = page.profile.verified;
    view! {
        <PublicLayout brand=Brand::platform(lang) title=title.clone()>
            <h1>{title}</h1>
            <p class="lead">{page.profile.email.clone()}</p>
            {(!verified).then(|| view! { <VerifyReminder/> })}
            {move || query_flag("salvato").get().then(|| view! { <Notice text=T::AccountSavedNotice/> })}
            {move || query_flag("password").get().then(|| view! { <Notice text=T::AccountPasswordNotice/> })}
            <div class="row">
                <div class="col-12 col-lg-8">
                    <ProfileForm page=page.clone()/>
                    <PasswordForm/>
                    <Sessions page=page.clone()/>
                    <YourData/>
                </div>
                <aside class="col-12 col-lg-4" aria-labelledby="roles-title">
                    <Roles roles=page.roles.clone()/>
                    <section class="card card-bg mb-4">
                        <div class="card-body">
                            <h2 class="h4">{lang.t(T::NewsletterMineTitle)}</h2>
                            <p>{lang.t(T::AccountNewslettersText)}</p>
                            // The newsletters' own page (`newsletter::model::paths::MINE`).
                            <a class="btn btn-outline-primary btn-sm" href="/account/newsletter">{lang.t(T::AccountNewslettersLink)}</a>
                        </div>
                    </section>
                </aside>
            </div>
        </PublicLayout>
    }
}

#[component]
fn VerifyReminder() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ResendVerification>::new();
    let errors = action_error(action);
    let done = action_done(action);
    view! {
        <div class="alert alert-warning piazza-verify-reminder" role="region" aria-label=lang.t(T::AccountVerifyTitle)>
            <p>{lang.t(T::AccountVerifyText)}</p>
            <Show when=move || !done.get() fallback=move || view! { <p class="mb-0" role="status">{lang.t(T::AccountVerifySent)}</p> }>
                <ActionForm action=action>
                    <ErrorSummary form="resend" errors/>
                    <Submit action label=T::AccountVerifyResend class="btn btn-outline-primary btn-sm"/>
                </ActionForm>
            </Show>
        </div>
    }
}

#[component]
fn ProfileForm(page: AccountPage) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<UpdateProfile>::new();
    let errors = action_error(action);
    let done = action_done(action);
    let p = page.profile;
    let languages = Lang::ALL
        .into_iter()
        .map(|l| (l.code().to_string(), l.t(T::LangName).to_string()))
        .collect();
    let mut comuni = vec![(String::new(), lang.t(T::AccountResidenceNone).to_string())];
    comuni.extend(
        page.comuni
            .into_iter()
            .map(|(id, name)| (id.to_string(), name)),
    );
    let digests: Vec<(String, String)> = crate::notify::model::Digest::ALL
        .into_iter()
        .map(|d| (d.code().to_string(), lang.t(d.label()).to_string()))
        .collect();
    let residence = p
        .residence_ente_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    view! {
        <section class="mb-5" aria-labelledby="profile-title">
            <h2 id="profile-title" class="h3">{lang.t(T::AccountProfileTitle)}</h2>
            <Show when=move || done.get()>
                <Notice text=T::AccountSavedNotice/>
            </Show>
            <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="profile" errors/>
                <Field form="profile" name="name" label=T::FieldName autocomplete="name" required=true maxlength=80 value=p.name.clone() errors/>
                <SelectField form="profile" name="language" label=T::AccountLanguage options=languages selected=p.language.clone() errors/>
                <SelectField form="profile" name="residence" label=T::AccountResidence options=comuni selected=residence help=T::AccountResidenceHelp errors/>
                <Field form="profile" name="birth_year" kind="text" label=T::AccountBirthYear help=T::AccountBirthYearHelp maxlength=4
                    value=p.birth_year.map(|y| y.to_string()).unwrap_or_default() errors/>
                <Field form="profile" name="fiscal_code" label=T::AccountFiscalCode help=T::AccountFiscalCodeHelp maxlength=16
                    value=p.fiscal_code.clone().unwrap_or_default() errors/>
                <SelectField form="profile" name="digest" label=T::NotifyDigest options=digests selected=p.digest.clone() help=T::NotifyDigestHelp errors/>
                <Field form="profile" name="job_title" label=T::AccountJobTitle help=T::AccountJobTitleHelp maxlength=80
                    value=p.job_title.clone() errors/>
                <Field form="profile" name="skills" label=T::AccountSkills help=T::AccountSkillsHelp maxlength=450
                    value=p.skills.clone() errors/>
                <fieldset class="mb-4">
                    <legend class="h6">{lang.t(T::AccountTopics)}</legend>
                    <p class="form-text">{lang.t(T::AccountTopicsHelp)}</p>
                    <div class="piazza-topics">
                        {page
                            .topics
                            .into_iter()
                            .map(|t| {
                                let checked = p.topics.contains(&t.slug);
                                let name = t.name(lang).to_string();
                                view! {
                                    <CheckField form="profile" name="topics[]" value=t.slug.clone() checked errors>
                                        {name}
                                    </CheckField>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <Submit action label=T::AccountSave/>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    let errors = action_error(action);
    let done = action_done(action);
    view! {
        <section class="mb-5" aria-labelledby="password-title">
            <h2 id="password-title" class="h3">{lang.t(T::AccountPasswordTitle)}</h2>
            <Show when=move || done.get()>
                <Notice text=T::AccountPasswordNotice/>
            </Show>
            <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="password" errors/>
                <Field form="password" name="current_password" kind="password" label=T::AccountCurrentPassword autocomplete="current-password" required=true errors/>
                <Field form="password" name="password" kind="password" label=T::FieldNewPassword autocomplete="new-password" help=T::FieldPasswordHelp required=true errors/>
                <Field form="password" name="password_confirm" kind="password" label=T::FieldPasswordConfirm autocomplete="new-password" required=true errors/>
                <Submit action label=T::AccountPasswordSubmit/>
            </ActionForm>
        </section>
    }
}

#[component]
fn Sessions(page: AccountPage) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<LogoutEverywhere>::new();
    let errors = action_error(action);
    follow_destination(action);
    view! {
        <section class="mb-5" aria-labelledby="sessions-title">
            <h2 id="sessions-title" class="h3">{lang.t(T::AccountSessionsTitle)}</h2>
            <div class="table-responsive">
                <table class="table">
                    <caption class="visually-hidden">{lang.t(T::AccountSessionsTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(T::AccountSessionDevice)}</th>
                            <th scope="col">{lang.t(T::AccountSessionStarted)}</th>
                            <th scope="col">{lang.t(T::AccountSessionLastSeen)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page
                            .sessions
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <tr>
                                        <td>
                                            <span class="piazza-device">{s.device}</span>
                                            <br/>
                                            <small class="text-muted">{s.ip}</small>
                                            {s.current.then(|| view! { " " <span class="badge bg-primary">{lang.t(T::AccountSessionCurrent)}</span> })}
                                        </td>
                                        <td>{s.started}</td>
                                        <td>{s.last_seen}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <ActionForm action=action>
                <ErrorSummary form="everywhere" errors/>
                <ConfirmSubmit label=T::AccountLogoutEverywhere question=lang.t(T::AccountLogoutEverywhereQuestion) confirm=T::AccountLogoutEverywhere/>
            </ActionForm>
        </section>
    }
}

#[component]
fn YourData() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<DeleteAccount>::new();
    let errors = action_error(action);
    follow_destination(action);
    view! {
        <section class="mb-5" aria-labelledby="data-title">
            <h2 id="data-title" class="h3">{lang.t(T::AccountDataTitle)}</h2>
            <p>{lang.t(T::AccountExportText)}</p>
            <p>
                <a class="btn btn-outline-primary" href="/account/dati.json" download="">
                    {lang.t(T::AccountExportLink)}
                </a>
            </p>
            <h3 class="h5 mt-4">{lang.t(T::AccountDeleteTitle)}</h3>
            <p>{lang.t(T::AccountDeleteText)}</p>
            <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="delete" errors/>
                <Field form="delete" name="password" kind="password" label=T::AccountDeletePassword autocomplete="current-password" required=true errors/>
                <ConfirmSubmit label=T::AccountDeleteSubmit question=lang.t(T::AccountDeleteQuestion) confirm=T::AccountDeleteSubmit class="btn btn-danger"/>
            </ActionForm>
        </section>
    }
}

#[component]
fn Roles(roles: Vec<(Role, String)>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card card-bg mb-4">
            <div class="card-body">
                <h2 id="roles-title" class="h4">{lang.t(T::AccountRolesTitle)}</h2>
                {if roles.is_empty() {
                    view! { <p class="mb-0">{lang.t(T::AccountRolesNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-unstyled mb-3">
                            {roles
                                .into_iter()
                                .map(|(role, place)| {
                                    view! {
                                        <li class="mb-2">
                                            <strong>{lang.t(role.label())}</strong>
                                            <br/>
                                            <span>{place}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <a class="btn btn-primary btn-sm" href="/gestione">{lang.t(T::AccountToWork)}</a>
                    }
                        .into_any()
                }}
            </div>
        </section>
    }
}
