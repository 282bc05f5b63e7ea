//! The public pages of the newsletters: `/{ente}/newsletter` (choose lists, give an
//! address, agree), `…/conferma?token=` (a button confirms: a link opened by a mail
//! scanner changes nothing), `…/preferenze?token=` (the lists, on or off, from any
//! mail) and `…/cancellazione?token=` (leave one list by a mail's link). All are
//! plain forms first.

use super::model::{paths, Choice, NewsletterList, Preferences, SubscribePage};
use super::server::{
    load_preferences, load_subscribe_page, ChooseLists, ConfirmSubscription, LeaveList, Subscribe,
};
use crate::components::form::{action_error, CheckField, ErrorSummary, Field, Notice, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_flag, query_value, route_param};
use crate::components::table::EmptyState;
use crate::ente::brand::SectionPage;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The lists as boxes in one group, with one error for the group.
#[component]
fn ListBoxes(
    form: &'static str,
    choices: Vec<(NewsletterList, bool)>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let error_id = format!("{form}-liste-error");
    let described = error_id.clone();
    let problem = move || errors.get().and_then(|e| e.field_message("liste", lang));
    view! {
        <fieldset class="mb-4" aria-describedby=described>
            <legend class="h5">{lang.t(T::NewsletterLists)}</legend>
            {choices.into_iter().map(|(list, on)| {
                let id = format!("{form}-liste-{}", list.id);
                let help = format!("{id}-help");
                view! {
                    <div class="form-check">
                        <input type="checkbox" id=id.clone() name="liste[]" value=list.id checked=on
                            aria-describedby=help.clone()/>
                        <label for=id>{list.name}</label>
                        <p id=help class="form-text small mb-2">{list.description}</p>
                    </div>
                }
            }).collect_view()}
            <div id=error_id class="invalid-feedback d-block" aria-live="polite">{move || problem()}</div>
        </fieldset>
    }
}

#[component]
pub fn NewsletterPage() -> impl IntoView {
    let ente = route_param("ente");
    let data = Resource::new(ente, load_subscribe_page);
    resource_page(data, |page| {
        let sent = query_flag("inviata");
        let SubscribePage { frame, lists } = page;
        let slug = frame.ente.slug.clone();
        let name = frame.ente.name.clone();
        let form = move || view! { <SubscribeForm slug=slug.clone() name=name.clone() lists=lists.clone()/> };
        view! {
            <SectionPage frame title=T::NewsletterTitle>
                <Show when=move || !sent.get() fallback=|| view! {
                    <Notice text=T::NewsletterCheckMail/>
                    <p>{use_lang().t(T::NewsletterCheckMailMore)}</p>
                }>
                    {form()}
                </Show>
            </SectionPage>
        }
    })
}

#[component]
fn SubscribeForm(slug: String, name: String, lists: Vec<NewsletterList>) -> impl IntoView {
    let lang = use_lang();
    if lists.is_empty() {
        return view! { <EmptyState text=T::NewsletterNoLists/> }.into_any();
    }
    let send = ServerAction::<Subscribe>::new();
    let errors = action_error(send);
    follow_destination(send);
    let choices = lists
        .into_iter()
        .map(|l| {
            let on = l.is_general;
            (l, on)
        })
        .collect();
    let consent = lang.tf(T::NewsletterConsent, &[("ente", &name)]);
    let privacy = format!("/{slug}/privacy");
    view! {
        <p class="lead">{lang.tf(T::NewsletterIntro, &[("ente", &name)])}</p>
        <ActionForm action=send attr:class="piazza-form" attr:novalidate=true>
            <ErrorSummary form="newsletter" errors/>
            <input type="hidden" name="ente" value=slug/>
            <Field form="newsletter" name="email" kind="email" label=T::ContactEmail required=true maxlength=254 errors autocomplete="email" help=T::NewsletterEmailHelp/>
            <ListBoxes form="newsletter" choices errors/>
            <CheckField form="newsletter" name="consenso" value="1" errors>
                {consent} " " <a href=privacy>{lang.t(T::FooterPrivacy)}</a>
            </CheckField>
            <Submit action=send label=T::NewsletterSubscribe/>
        </ActionForm>
    }
    .into_any()
}

/// A page of the ente whose frame is all it needs, with a token from the query.
fn token_page(
    title: T,
    body: impl Fn(crate::ente::model::EnteFrame, Signal<String>) -> AnyView
        + Copy
        + Send
        + Sync
        + 'static,
) -> impl IntoView {
    let ente = route_param("ente");
    let frame = Resource::new(ente, crate::ente::server::load_ente_frame);
    resource_page(frame, move |frame| {
        let token = query_value("token");
        let inner = body(frame.clone(), token);
        view! { <SectionPage frame title>{inner}</SectionPage> }
    })
}

/// One step by a mailed link: what it does, its form (a button that posts the
/// link's token: a mail scanner opening the link changes nothing), then what was
/// done and `after`.
#[component]
fn ButtonStep(
    intro: T,
    done: T,
    #[prop(optional)] after: Option<(String, T)>,
    children: ChildrenFn,
) -> impl IntoView {
    let lang = use_lang();
    let finished = query_flag("fatto");
    view! {
        <Show when=move || !finished.get() fallback=move || {
            let after = after.clone();
            view! {
                <Notice text=done/>
                {after.map(|(href, label)| view! { <p><a href=href>{lang.t(label)}</a></p> })}
            }
        }>
            <p>{lang.t(intro)}</p>
            {children()}
        </Show>
    }
}

/// `/{ente}/newsletter/conferma?token=…`
#[component]
pub fn NewsletterConfirmPage() -> impl IntoView {
    token_page(T::NewsletterConfirmTitle, |frame, token| {
        let action = ServerAction::<ConfirmSubscription>::new();
        let errors = action_error(action);
        follow_destination(action);
        // Copy, for the form drawn again with the page's state.
        let slug = StoredValue::new(frame.ente.slug);
        view! {
            <ButtonStep intro=T::NewsletterConfirmIntro done=T::NewsletterConfirmed>
                <ActionForm action attr:class="piazza-form">
                    <ErrorSummary form="newsletter-confirm" errors/>
                    <input type="hidden" name="ente" value=move || slug.get_value()/>
                    <input type="hidden" name="token" value=move || token.get()/>
                    <Submit action label=T::NewsletterConfirmSubmit/>
                </ActionForm>
            </ButtonStep>
        }
        .into_any()
    })
}

/// `/{ente}/newsletter/cancellazione?token=…`
#[component]
pub fn NewsletterLeavePage() -> impl IntoView {
    token_page(T::NewsletterLeaveTitle, |frame, token| {
        let action = ServerAction::<LeaveList>::new();
        let errors = action_error(action);
        follow_destination(action);
        let again = (
            paths::subscribe(&frame.ente.slug),
            T::NewsletterSubscribeAgain,
        );
        // Copy, for the form drawn again with the page's state.
        let slug = StoredValue::new(frame.ente.slug);
        view! {
            <ButtonStep intro=T::NewsletterLeaveIntro done=T::NewsletterLeft after=again>
                <ActionForm action attr:class="piazza-form">
                    <ErrorSummary form="newsletter-leave" errors/>
                    <input type="hidden" name="ente" value=move || slug.get_value()/>
                    <input type="hidden" name="token" value=move || token.get()/>
                    <Submit action label=T::NewsletterLeaveSubmit/>
                </ActionForm>
            </ButtonStep>
        }
        .into_any()
    })
}

/// `/{ente}/newsletter/preferenze?token=…`
#[component]
pub fn NewsletterPreferencesPage() -> impl IntoView {
    let ente = route_param("ente");
    let token = query_value("token");
    let data = Resource::new(
        move || (ente(), token.get()),
        |(e, t)| load_preferences(e, t),
    );
    resource_page(data, move |page| {
        let lang = use_lang();
        let save = ServerAction::<ChooseLists>::new();
        let errors = action_error(save);
        follow_destination(save);
        let saved = query_flag("salvate");
        let Preferences {
            frame,
            email,
            choices,
        } = page;
        let slug = frame.ente.slug.clone();
        let boxes = choices
            .into_iter()
            .map(|Choice { list, on }| (list, on))
            .collect();
        view! {
            <SectionPage frame title=T::NewsletterPreferencesTitle>
                {move || saved.get().then(|| view! { <Notice text=T::NewsletterPreferencesSaved/> })}
                <p>{lang.tf(T::NewsletterPreferencesIntro, &[("email", &email)])}</p>
                <ActionForm action=save attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="newsletter-preferences" errors/>
                    <input type="hidden" name="ente" value=slug/>
                    <input type="hidden" name="token" value=move || token.get()/>
                    <ListBoxes form="newsletter-preferences" choices=boxes errors/>
                    <p class="form-text">{lang.t(T::NewsletterPreferencesNone)}</p>
                    <Submit action=save label=T::NewsletterPreferencesSave/>
                </ActionForm>
            </SectionPage>
        }
    })
}
