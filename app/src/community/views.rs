//! `/comunita` (the directory), `/comunita/nuova` (a new community),
//! `/comunita/{slug}/membri` (members and requests) and
//! `/comunita/{slug}/impostazioni` (description, visibility, cover).

use super::model::*;
use super::server::{load_directory, load_new_community, AskToJoin, CreateCommunity};
use crate::components::form::{
    action_error, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_flag};
use crate::components::shell::{SideLink, WorkShell};
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The sidebar outside any one community.
fn directory_links(lang: Lang) -> Vec<SideLink> {
    vec![
        SideLink {
            href: "/gestione".into(),
            label: lang.t(T::WorkTitle).into(),
        },
        SideLink {
            href: "/comunita".into(),
            label: lang.t(T::CommunityDirectory).into(),
        },
    ]
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let ask = ServerAction::<AskToJoin>::new();
    let data = Resource::new(move || ask.version().get(), |_| load_directory());
    resource_page(data, move |d| view! { <DirectoryView d ask/> })
}

#[component]
fn DirectoryView(d: Directory, ask: ServerAction<AskToJoin>) -> impl IntoView {
    let lang = use_lang();
    let asked = query_flag("richiesta");
    let errors = action_error(ask);
    view! {
        <WorkShell place=lang.t(T::CommunityDirectory).to_string() title=lang.t(T::CommunityDirectory).to_string() links=directory_links(lang)>
            <div class="d-flex flex-wrap align-items-center gap-3 mb-3">
                <h1 class="mb-0 me-auto">{lang.t(T::CommunityDirectory)}</h1>
                {d.may_create.then(|| view! { <a class="btn btn-primary" href="/comunita/nuova">{lang.t(T::CommunityNew)}</a> })}
            </div>
            <Show when=move || asked.get() || ask.value().get().is_some_and(|r| r.is_ok())>
                <Notice text=T::CommunityRequestSent/>
            </Show>
            <ErrorSummary form="ask" errors/>
            <section class="mb-5" aria-labelledby="mine-title">
                <h2 id="mine-title" class="h4">{lang.t(T::CommunityMine)}</h2>
                {if d.mine.is_empty() {
                    view! { <EmptyState text=T::CommunityNoneMine/> }.into_any()
                } else {
                    view! { <div class="row">{d.mine.into_iter().map(|c| view! { <Card c ask may_ask=false/> }).collect_view()}</div> }.into_any()
                }}
            </section>
            <section class="mb-5" aria-labelledby="open-title">
                <h2 id="open-title" class="h4">{lang.t(T::CommunityOpen)}</h2>
                <p>{lang.t(T::CommunityOpenIntro)}</p>
                {(!d.may_ask).then(|| view! { <p class="alert alert-info">{lang.t(T::CommunityVerifyToAsk)}</p> })}
                {if d.open.is_empty() {
                    view! { <EmptyState text=T::CommunityNoneOpen/> }.into_any()
                } else {
                    let may_ask = d.may_ask;
                    view! { <div class="row">{d.open.into_iter().map(|c| view! { <Card c ask may_ask/> }).collect_view()}</div> }.into_any()
                }}
            </section>
        </WorkShell>
    }
}

#[component]
fn Card(c: CommunityCard, ask: ServerAction<AskToJoin>, may_ask: bool) -> impl IntoView {
    let lang = use_lang();
    let title_id = format!("community-{}", c.slug);
    let href = community_path(&c.slug, "");
    let form_id = format!("ask-{}", c.slug);
    view! {
        <div class="col-12 col-md-6 col-xl-4 mb-4">
            <article class="card card-bg h-100 piazza-community-card" aria-labelledby=title_id.clone()>
                {c.cover.clone().map(|f| view! { <img class="card-img-top piazza-cover" src=f.url() alt=""/> })}
                <div class="card-body">
                    <h3 id=title_id.clone() class="h5 card-title">
                        {if c.mine { view! { <a href=href>{c.name.clone()}</a> }.into_any() } else { view! { <span>{c.name.clone()}</span> }.into_any() }}
                    </h3>
                    <p class="small mb-2">
                        {lang.t(c.visibility.label())}" · "{lang.tf(T::CommunityMemberCount, &[("count", &c.members.to_string())])}
                        {c.ente.clone().map(|e| view! { " · "{e} })}
                    </p>
                    <p class="card-text">{c.description.clone()}</p>
                    {if c.requested {
                        view! { <p class="badge bg-secondary">{lang.t(T::CommunityRequestPending)}</p> }.into_any()
                    } else if may_ask && !c.mine {
                        let slug = c.slug.clone();
                        view! {
                            <details class="piazza-ask">
                                <summary class="btn btn-outline-primary btn-sm">{lang.t(T::CommunityAsk)}</summary>
                                <ActionForm action=ask attr:class="piazza-form mt-2">
                                    <input type="hidden" name="community" value=slug/>
                                    <div class="form-group">
                                        <label for=form_id.clone() class="active">{lang.t(T::CommunityAskMessage)}</label>
                                        <textarea id=form_id.clone() name="message" class="form-control" rows="3"
                                            maxlength=MESSAGE_MAX_CHARS.to_string()></textarea>
                                    </div>
                                    <Submit action=ask label=T::CommunityAskSend class="btn btn-primary btn-sm"/>
                                </ActionForm>
                            </details>
                        }.into_any()
                    } else {
                        ().into_any()
                    }}
                </div>
            </article>
        </div>
    }
}

#[component]
pub fn NewCommunityPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_new_community());
    resource_page(data, |choices| view! { <NewCommunityForm choices/> })
}

#[component]
fn NewCommunityForm(choices: NewCommunityChoices) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<CreateCommunity>::new();
    follow_destination(action);
    let errors = action_error(action);
    let visibilities: Vec<(String, String)> = Visibility::ALL
        .into_iter()
        .map(|v| (v.code().to_string(), lang.t(v.label()).to_string()))
        .collect();
    let runners: Vec<(String, String)> = choices
        .runners
        .iter()
        .map(|(slug, name)| {
            let text = if slug.is_empty() {
                lang.t(T::CommunityRunByPlatform).to_string()
            } else {
                name.clone()
            };
            (slug.clone(), text)
        })
        .collect();
    let single = (runners.len() == 1).then(|| runners[0].0.clone());
    view! {
        <WorkShell place=lang.t(T::CommunityDirectory).to_string() title=lang.t(T::CommunityNew).to_string() links=directory_links(lang)>
            <h1>{lang.t(T::CommunityNew)}</h1>
            <p>{lang.t(T::CommunityNewIntro)}</p>
            <ActionForm action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="community" errors/>
                <Field form="community" name="name" label=T::CommunityName required=true maxlength=NAME_MAX_CHARS as u32 errors/>
                <Field form="community" name="slug" label=T::CommunitySlug help=T::CommunitySlugHelp maxlength=60 errors/>
                <TextArea form="community" name="description" label=T::CommunityDescription maxlength=DESCRIPTION_MAX_CHARS as u32 errors/>
                <SelectField form="community" name="visibility" label=T::CommunityVisibility options=visibilities selected="invitation" help=T::CommunityVisibilityHelp errors/>
                {match single {
                    Some(only) => view! { <input type="hidden" name="runner" value=only/> }.into_any(),
                    None => view! { <SelectField form="community" name="runner" label=T::CommunityRunner options=runners errors/> }.into_any(),
                }}
                <Submit action label=T::CommunityCreate/>
            </ActionForm>
        </WorkShell>
    }
}
