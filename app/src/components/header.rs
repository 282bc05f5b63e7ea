//! The Design Italia header and footer of public pages ("modello Comuni"): slim
//! header with the aggregation, the language switch and the personal area; central
//! header with the emblem, the name and the search; the menu of the modules the ente
//! has switched on; the footer with contacts and legal pages. And breadcrumbs.

use crate::components::brand::{Brand, Icon, Link};
use crate::components::user_menu::UserMenu;
use crate::i18n::{use_lang, Lang, T};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Language buttons: a plain form, so they work before (and without) the wasm.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let next = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    view! {
        <form method="post" action="/lang" class="d-flex align-items-center gap-1">
            <input type="hidden" name="next" value=next/>
            <span class="visually-hidden">{lang.t(T::LangSwitchLabel)}</span>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let current = l == lang;
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=l.code()
                            class="btn btn-xs btn-link text-white text-uppercase fw-semibold p-1"
                            aria-pressed=if current { "true" } else { "false" }
                            lang=l.code()
                        >
                            {l.code()}
                            <span class="visually-hidden">{format!(" ({})", l.t(T::LangName))}</span>
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// The site search in the central header (hidden on phones, where the menu has it).
#[component]
fn HeaderSearch(action: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="get" action=action role="search" class="d-none d-md-flex align-items-center gap-2 piazza-header-search">
            <label for="piazza-header-q" class="visually-hidden">{lang.t(T::SearchLabel)}</label>
            <input id="piazza-header-q" type="search" name="q" class="form-control form-control-sm" placeholder=lang.t(T::SearchPlaceholder)/>
            <button type="submit" class="btn btn-icon btn-sm btn-outline-light piazza-header-search-button">
                <Icon name="it-search" class="icon-white icon-sm"/>
                <span class="visually-hidden">{lang.t(T::SearchSubmit)}</span>
            </button>
        </form>
    }
}

/// A row of the menu: each link marks itself as the current page.
#[component]
fn MenuList(links: Vec<Link>, class: &'static str, element: &'static str) -> impl IntoView {
    let location = use_location();
    if links.is_empty() {
        return ().into_any();
    }
    view! {
        <ul class=class data-element=(!element.is_empty()).then_some(element)>
            {links
                .into_iter()
                .map(|link| {
                    let current = {
                        let href = link.href.clone();
                        move || (location.pathname.get() == href).then_some("page")
                    };
                    view! {
                        <li class="nav-item">
                            <a class="nav-link" href=link.href data-element=link.element aria-current=current>{link.label}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn SiteHeader(brand: Brand) -> impl IntoView {
    let lang = use_lang();
    let menu_open = RwSignal::new(false);
    let (slim_name, slim_href) = brand
        .parent
        .clone()
        .unwrap_or_else(|| (lang.t(T::AppName).to_string(), "/".to_string()));
    let mut secondary = brand.secondary.clone();
    if let Some(search) = &brand.search {
        secondary.push(Link::new(lang.t(T::SearchSubmit), search.clone()));
    }
    view! {
        <header class="it-header-wrapper">
            <div class="it-header-slim-wrapper">
                <div class="container">
                    <div class="row">
                        <div class="col-12">
                            <div class="it-header-slim-wrapper-content">
                                <a class="navbar-brand" href=slim_href>{slim_name}</a>
                                <div class="it-header-slim-right-zone">
                                    <LangSwitch/>
                                    <UserMenu/>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <div class="it-nav-wrapper">
                <div class="it-header-center-wrapper">
                    <div class="container">
                        <div class="row">
                            <div class="col-12">
                                <div class="it-header-center-content-wrapper">
                                    <div class="it-brand-wrapper">
                                        <a href=brand.href.clone()>
                                            {match brand.logo.clone() {
                                                Some(src) => view! { <img class="icon piazza-logo" src=src alt=""/> }.into_any(),
                                                None => view! { <Icon name="it-pa"/> }.into_any(),
                                            }}
                                            <div class="it-brand-text">
                                                <div class="it-brand-title">{brand.name.clone()}</div>
                                                <div class="it-brand-tagline d-none d-md-block">{brand.tagline.clone()}</div>
                                            </div>
                                        </a>
                                    </div>
                                    <div class="it-right-zone">
                                        {brand.search.clone().map(|action| view! { <HeaderSearch action/> })}
                                        <button
                                            type="button"
                                            class="btn btn-sm btn-outline-light piazza-menu-toggle d-lg-none"
                                            aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                                            aria-controls="piazza-main-menu"
                                            on:click=move |_| menu_open.update(|open| *open = !*open)
                                        >
                                            {lang.t(T::NavMenu)}
                                        </button>
                                    </div>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
                <div class="it-header-navbar-wrapper">
                    <div class="container">
                        <nav
                            id="piazza-main-menu"
                            class="piazza-main-menu"
                            class:open=move || menu_open.get()
                            aria-label=lang.t(T::NavMainLabel)
                        >
                            <MenuList links=brand.menu.clone() class="nav" element="main-navigation"/>
                            <MenuList links=secondary class="nav piazza-secondary-menu" element=""/>
                        </nav>
                    </div>
                </div>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter(brand: Brand) -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="it-footer">
            <div class="it-footer-main">
                <div class="container">
                    <div class="row py-4">
                        <section class="col-12 col-md-7" aria-labelledby="footer-contacts">
                            <h2 id="footer-contacts" class="h5 text-white">{brand.name.clone()}</h2>
                            <ul class="list-unstyled text-white">
                                {brand
                                    .contacts
                                    .iter()
                                    .filter(|(_, v)| !v.is_empty())
                                    .map(|(label, value)| view! { <li>{format!("{}: {}", lang.t(*label), value)}</li> })
                                    .collect_view()}
                            </ul>
                        </section>
                        <nav class="col-12 col-md-5" aria-labelledby="footer-links">
                            <h2 id="footer-links" class="h5 text-white">{lang.t(T::FooterLinks)}</h2>
                            <ul class="list-unstyled piazza-footer-links">
                                {brand
                                    .legal
                                    .into_iter()
                                    .map(|l| view! { <li><a class="text-white" href=l.href data-element=l.element>{l.label}</a></li> })
                                    .collect_view()}
                            </ul>
                        </nav>
                    </div>
                </div>
            </div>
            <div class="it-footer-small-prints clearfix">
                <div class="container">
                    <p class="text-white py-3 mb-0">{lang.t(T::FooterPoweredBy)}</p>
                </div>
            </div>
        </footer>
    }
}

/// Where the page sits: links up to the current page (the last, not a link).
#[component]
pub fn Breadcrumbs(trail: Vec<(String, String)>, #[prop(into)] current: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav aria-label=lang.t(T::BreadcrumbLabel) class="breadcrumb-container">
            <ol class="breadcrumb" data-element="breadcrumb">
                {trail
                    .into_iter()
                    .map(|(label, href)| view! {
                        <li class="breadcrumb-item">
                            <a href=href>{label}</a>
                            <span class="separator" aria-hidden="true">"/"</span>
                        </li>
                    })
                    .collect_view()}
                <li class="breadcrumb-item active" aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}
