//! The public page frame (Design Italia header, main landmark, footer), the language
//! switch, and the loading and error states every page uses.

use crate::components::nav::login_href;
use crate::components::user_menu::UserMenu;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const SPRITES: &str = "/vendor/bootstrap-italia/svg/sprites.svg";

/// A Bootstrap Italia icon from the sprite sheet served by Piazza.
#[component]
pub fn Icon(name: &'static str, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <svg
            class=format!("icon {class}")
            aria-hidden="true"
            inner_html=format!("<use href=\"{SPRITES}#{name}\"></use>")
        ></svg>
    }
}

/// Who the page belongs to: the deployment, or one ente and its aggregation.
#[derive(Clone, Debug, PartialEq)]
pub struct Brand {
    pub name: String,
    pub tagline: String,
    pub href: String,
    /// The ente's emblem (a path on this site), shown instead of the generic icon.
    pub logo: Option<String>,
    /// The aggregation (Unione) the ente belongs to: name and link.
    pub parent: Option<(String, String)>,
    pub contacts: Vec<(T, String)>,
}

impl Brand {
    /// The deployment itself, on pages that belong to no ente.
    pub fn platform(lang: Lang) -> Brand {
        Brand {
            name: lang.t(T::AppName).to_string(),
            tagline: lang.t(T::AppTagline).to_string(),
            href: "/".to_string(),
            logo: None,
            parent: None,
            contacts: Vec::new(),
        }
    }
}

/// Language buttons: a plain form, so they work before (and without) the wasm.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let next = move || location.pathname.get();
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
                            <span class="visually-hidden">
                                {format!(" ({})", l.t(T::LangName))}
                            </span>
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

#[component]
fn SiteHeader(brand: Brand) -> impl IntoView {
    let lang = use_lang();
    let menu_open = RwSignal::new(false);
    let (slim_name, slim_href) = brand
        .parent
        .clone()
        .unwrap_or_else(|| (lang.t(T::AppName).to_string(), "/".to_string()));
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
                                                Some(src) => {
                                                    view! { <img class="icon piazza-logo" src=src alt=""/> }
                                                        .into_any()
                                                }
                                                None => view! { <Icon name="it-pa"/> }.into_any(),
                                            }}
                                            <div class="it-brand-text">
                                                <div class="it-brand-title">{brand.name.clone()}</div>
                                                <div class="it-brand-tagline d-none d-md-block">
                                                    {brand.tagline.clone()}
                                                </div>
                                            </div>
                                        </a>
                                    </div>
                                    <div class="it-right-zone d-lg-none">
                                        <button
                                            type="button"
                                            class="btn btn-sm btn-outline-light piazza-menu-toggle"
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
                            <ul class="nav">
                                <li class="nav-item">
                                    <a class="nav-link" href=brand.href.clone()>{lang.t(T::NavHome)}</a>
                                </li>
                                <li class="nav-item">
                                    <a class="nav-link" href="/">{lang.t(T::NavAllEnti)}</a>
                                </li>
                            </ul>
                        </nav>
                    </div>
                </div>
            </div>
        </header>
    }
}

#[component]
fn SiteFooter(brand: Brand) -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="it-footer">
            <div class="it-footer-main">
                <div class="container">
                    <section class="py-4">
                        <h2 class="h4 text-white">{brand.name.clone()}</h2>
                        <ul class="list-unstyled text-white">
                            {brand
                                .contacts
                                .iter()
                                .filter(|(_, v)| !v.is_empty())
                                .map(|(label, value)| {
                                    view! { <li>{format!("{}: {}", lang.t(*label), value)}</li> }
                                })
                                .collect_view()}
                        </ul>
                    </section>
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

/// The frame of every public page: skip link, header, `<main>`, footer.
#[component]
pub fn PublicLayout(brand: Brand, title: String, children: Children) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=format!("{title} · {}", lang.t(T::AppName))/>
        <a class="visually-hidden-focusable piazza-skip-link" href="#main">
            {lang.t(T::SkipToContent)}
        </a>
        <SiteHeader brand=brand.clone()/>
        <main id="main" class="container my-4" tabindex="-1">
            {children()}
        </main>
        <SiteFooter brand/>
    }
}

/// Shown while a page's data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="container my-5" role="status">
            <p>{lang.t(T::Loading)}</p>
        </div>
    }
}

/// A whole page for an error, with the right HTTP status on the server.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            response.set_status(status);
        }
    }
    let title = error.message(lang);
    let location = use_location();
    let login = (error == AppError::Unauthorized).then(|| {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            login_href(&path)
        } else {
            login_href(&format!("{path}?{search}"))
        }
    });
    view! {
        <PublicLayout brand=Brand::platform(lang) title=title.clone()>
            <div class="alert alert-danger" role="alert">
                <h1 class="h3">{title}</h1>
                {login.map(|href| view! {
                    <p><a class="btn btn-primary" href=href>{lang.t(T::HeaderLogin)}</a></p>
                })}
                <p class="mb-0">
                    <a href="/">{lang.t(T::ErrorBackHome)}</a>
                </p>
            </div>
        </PublicLayout>
    }
}

/// The fallback of the router.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound/> }
}

/// A page whose content comes from one server resource: the loading state while it
/// comes, then `render` with the data, or the error page (with its HTTP status).
pub fn resource_page<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=Loading>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => render(data).into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
