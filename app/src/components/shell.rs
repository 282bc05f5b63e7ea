//! The frame of the work areas (operator dashboard, community area): a top bar with
//! the place switcher, a sidebar of what the person may use there, and the content.
//! Desktop first, but it stacks on a phone.

use crate::components::brand::Icon;
use crate::components::header::LangSwitch;
use crate::components::user_menu::UserMenu;
use crate::i18n::{use_lang, Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// One entry of the sidebar.
#[derive(Clone, Debug, PartialEq)]
pub struct SideLink {
    pub href: String,
    pub label: String,
}

impl SideLink {
    /// A sidebar from addresses and their labels, in the reader's language.
    pub fn all(
        lang: crate::i18n::Lang,
        links: impl IntoIterator<Item = (String, crate::i18n::T)>,
    ) -> Vec<SideLink> {
        links
            .into_iter()
            .map(|(href, label)| SideLink {
                href,
                label: lang.t(label).into(),
            })
            .collect()
    }
}

/// The place switcher: a plain GET form to `/gestione?tipo=…&luogo=…`, which
/// redirects to the chosen place (works without JavaScript).
#[derive(Clone, Debug, PartialEq)]
pub struct Switcher {
    /// `ente` or `comunita`.
    pub kind: &'static str,
    pub label: T,
    pub current: String,
    /// (slug, name)
    pub choices: Vec<(String, String)>,
}

/// The sidebar of a scope's administration pages (its team, its log), from the scope's
/// URL name: `ente:<slug>`, `comunita:<slug>` or `piattaforma`. Only managers reach
/// these pages, so every link is one they may follow.
pub fn scope_links(lang: Lang, scope_code: &str) -> Vec<SideLink> {
    let link = |href: String, label: T| SideLink {
        href,
        label: lang.t(label).to_string(),
    };
    match scope_code.split_once(':') {
        Some(("ente", slug)) => vec![
            link(format!("/gestione/{slug}"), T::WorkOverview),
            link(
                format!("/gestione/persone?ambito=ente:{slug}"),
                T::WorkPeople,
            ),
            link(format!("/admin/registro?ente={slug}"), T::AuditTitle),
            link(format!("/{slug}"), T::WorkPublicSite),
        ],
        Some(("comunita", slug)) => vec![
            link(format!("/comunita/{slug}"), T::CommunityHome),
            link(
                format!("/gestione/persone?ambito=comunita:{slug}"),
                T::WorkPeople,
            ),
        ],
        _ => platform_links(lang),
    }
}

/// The sidebar of the platform's administration.
pub fn platform_links(lang: Lang) -> Vec<SideLink> {
    let link = |href: &str, label: T| SideLink {
        href: href.to_string(),
        label: lang.t(label).to_string(),
    };
    vec![
        link("/gestione", T::WorkTitle),
        link("/gestione/persone?ambito=piattaforma", T::WorkPeople),
        link("/admin/registro", T::AuditTitle),
        link("/admin/posta", T::OutboxTitle),
    ]
}

#[component]
pub fn WorkShell(
    /// Shown in the top bar and as the page title's first part.
    #[prop(into)]
    place: String,
    #[prop(into)] title: String,
    links: Vec<SideLink>,
    #[prop(optional)] switcher: Option<Switcher>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let here = {
        let search = location.search.get_untracked();
        let search = search.trim_start_matches('?');
        let path = location.pathname.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    view! {
        <Title text=crate::text::raw_text(&format!("{title} · {place} · {}", lang.t(T::AppName)))/>
        <a class="visually-hidden-focusable piazza-skip-link" href="#main">{lang.t(T::SkipToContent)}</a>
        <header class="piazza-work-header">
            <div class="container-fluid d-flex flex-wrap align-items-center gap-3 py-2">
                <a class="piazza-work-brand" href="/gestione">
                    <Icon name="it-pa" class="icon-white icon-sm"/>
                    <span>{lang.t(T::WorkTitle)}</span>
                </a>
                <span class="piazza-work-place">{place.clone()}</span>
                {switcher.filter(|s| s.choices.len() > 1).map(|s| {
                    view! {
                        <form method="get" action="/gestione" class="d-flex align-items-center gap-2 piazza-switcher">
                            <input type="hidden" name="tipo" value=s.kind/>
                            <label for="piazza-switcher" class="visually-hidden">{lang.t(s.label)}</label>
                            <select id="piazza-switcher" name="luogo" class="form-select form-select-sm">
                                {s.choices.into_iter().map(|(slug, name)| {
                                    let selected = slug == s.current;
                                    view! { <option value=slug selected=selected>{name}</option> }
                                }).collect_view()}
                            </select>
                            <button type="submit" class="btn btn-sm btn-outline-light">{lang.t(T::WorkSwitch)}</button>
                        </form>
                    }
                })}
                <div class="ms-auto d-flex align-items-center gap-2 piazza-work-tools">
                    <LangSwitch/>
                    <UserMenu/>
                </div>
            </div>
        </header>
        <div class="container-fluid">
            <div class="row">
                <nav class="col-12 col-lg-3 col-xl-2 piazza-work-nav" aria-label=lang.t(T::WorkNavLabel)>
                    <div class="sidebar-wrapper py-3">
                        <div class="sidebar-linklist-wrapper">
                            <div class="link-list-wrapper">
                                <ul class="link-list">
                                    {links.into_iter().map(|l| {
                                        let current = l.href == here;
                                        view! {
                                            <li>
                                                <a class="list-item" class:active=current href=l.href aria-current=current.then_some("page")>
                                                    <span>{l.label}</span>
                                                </a>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </div>
                        </div>
                    </div>
                </nav>
                <main id="main" class="col-12 col-lg-9 col-xl-10 py-4 piazza-work-main" tabindex="-1">
                    {children()}
                </main>
            </div>
        </div>
    }
}
