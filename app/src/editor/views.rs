//! `/gestione/{ente}/sito` and `/gestione/{ente}/sito/{kind}`: the site's editor,
//! one kind at a time (news, events, places, services), with what waits for
//! approval and the ente's choice of a second person.

use super::model::{EditorHome, EntryKind, EntryLine};
use super::server::{entry_path, list_path, load_editor, OpenLive, SetSiteReview};
use crate::components::form::{Notice, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_flag, route_param};
use crate::components::shell::{SideLink, WorkShell};
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn EditorHomePage() -> impl IntoView {
    let ente = route_param("ente");
    let kind = route_param("kind");
    let data = Resource::new(move || (ente(), kind()), |(e, k)| load_editor(e, k));
    resource_page(data, |home| view! { <Home home/> })
}

/// The side links of every page of the editor.
pub fn side_links(lang: Lang, ente: &str) -> Vec<SideLink> {
    let mut links = vec![SideLink {
        href: format!("/gestione/{ente}"),
        label: lang.t(T::WorkOverview).into(),
    }];
    links.extend(EntryKind::ALL.into_iter().map(|k| SideLink {
        href: list_path(ente, k),
        label: lang.t(k.label()).into(),
    }));
    links.push(SideLink {
        href: format!("/gestione/{ente}/valutazioni"),
        label: lang.t(T::FeedbackResultsTitle).into(),
    });
    links.push(SideLink {
        href: format!("/{ente}"),
        label: lang.t(T::WorkPublicSite).into(),
    });
    links
}

fn table(lang: Lang, ente: &str, lines: Vec<EntryLine>, caption: T) -> impl IntoView {
    view! {
        <div class="table-responsive">
            <table class="table piazza-entries">
                <caption>{lang.t(caption)}</caption>
                <thead><tr>
                    <th scope="col">{lang.t(T::SiteEditorTitle)}</th>
                    <th scope="col">{lang.t(T::SiteEditorState)}</th>
                    <th scope="col">{lang.t(T::SiteEditorPublishAt)}</th>
                    <th scope="col">{lang.t(T::SiteEditorChanged)}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr>
                            <td><a href=entry_path(ente, l.kind, l.id)>{l.title}</a></td>
                            <td><span class=format!("badge {}", l.state.badge())>{lang.t(l.state.label())}</span></td>
                            <td>{l.publish}</td>
                            <td>{l.updated} " · " {l.changed_by}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Home(home: EditorHome) -> impl IntoView {
    let lang = use_lang();
    let slug = home.ente_slug.clone();
    let kind = home.kind;
    let title = lang.t(T::SiteEditorTitlePage).to_string();
    let saved = query_flag("revisione");
    view! {
        <WorkShell place=home.ente_name.clone() title=title.clone() links=side_links(lang, &slug)>
            <h1 class="h2">{title} " — " {lang.t(kind.label())}</h1>
            {move || saved.get().then(|| view! { <Notice text=T::SiteEditorReviewSaved/> })}
            <ul class="nav nav-tabs mb-4" aria-label=lang.t(T::SiteEditorKinds)>
                {home.counts.iter().map(|(k, n)| {
                    let current = *k == kind;
                    view! {
                        <li class="nav-item">
                            <a class="nav-link" class:active=current aria-current=current.then_some("page")
                                href=list_path(&slug, *k)>{lang.t(k.label())} " (" {*n} ")"</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p><a class="btn btn-primary" href=format!("{}/nuovo", list_path(&slug, kind))>{lang.t(kind.new_label())}</a></p>
            {(!home.waiting.is_empty()).then(|| table(lang, &slug, home.waiting.clone(), T::SiteEditorWaiting))}
            {if home.entries.is_empty() {
                view! { <p class="piazza-empty">{lang.t(T::SiteEditorEmpty)}</p> }.into_any()
            } else {
                table(lang, &slug, home.entries.clone(), T::SiteEditorEntries).into_any()
            }}
            <LiveList home=home.clone()/>
            <ReviewSetting home/>
        </WorkShell>
    }
}

/// What the site shows without an entry, each with a button that opens it.
#[component]
fn LiveList(home: EditorHome) -> impl IntoView {
    let lang = use_lang();
    if home.live.is_empty() {
        return ().into_any();
    }
    let action = ServerAction::<OpenLive>::new();
    follow_destination(action);
    let kind = home.kind.path();
    let ente = home.ente_slug.clone();
    view! {
        <section class="mt-5" aria-labelledby="editor-live-title">
            <h2 id="editor-live-title" class="h4">{lang.t(T::SiteEditorLive)}</h2>
            <p class="small">{lang.t(T::SiteEditorLiveHelp)}</p>
            <ul class="list-unstyled">
                {home.live.into_iter().map(|l| {
                    let ente = ente.clone();
                    view! {
                    <li class="mb-2">
                        <ActionForm action attr:class="d-inline">
                            <input type="hidden" name="ente" value=ente/>
                            <input type="hidden" name="kind" value=kind/>
                            <input type="hidden" name="slug" value=l.slug/>
                            <span class="me-2">{l.title.clone()}</span>
                            <button type="submit" class="btn btn-sm btn-outline-primary"
                                aria-label=format!("{} {}", lang.t(T::SiteEditorOpen), l.title)>
                                {lang.t(T::SiteEditorOpen)}
                            </button>
                        </ActionForm>
                    </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The ente's choice of a second person (its admins change it).
#[component]
fn ReviewSetting(home: EditorHome) -> impl IntoView {
    let lang = use_lang();
    let text = if home.review {
        T::SiteEditorReviewOn
    } else {
        T::SiteEditorReviewOff
    };
    if !home.may_configure {
        return view! { <p class="mt-5 small">{lang.t(text)}</p> }.into_any();
    }
    let action = ServerAction::<SetSiteReview>::new();
    follow_destination(action);
    view! {
        <section class="mt-5" aria-labelledby="editor-review-title">
            <h2 id="editor-review-title" class="h4">{lang.t(T::SiteEditorReviewTitle)}</h2>
            <ActionForm action attr:class="piazza-form">
                <input type="hidden" name="ente" value=home.ente_slug.clone()/>
                <div class="form-check">
                    <input type="checkbox" id="editor-review" name="on" value="1" checked=home.review/>
                    <label for="editor-review">{lang.t(T::SiteEditorReviewLabel)}</label>
                </div>
                <Submit action label=T::SiteEditorReviewSave class="btn btn-outline-primary"/>
            </ActionForm>
        </section>
    }
    .into_any()
}
