//! The public page frame (header, main landmark, footer: see `header.rs`), and the
//! loading and error states every page uses.

use crate::components::brand::Brand;
use crate::components::header::{SiteFooter, SiteHeader};
use crate::components::nav::login_href;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::use_location;

/// What draws the feedback widget under an ente's pages (given by `routes::App`, so
/// that the interface layer imports no domain): the ente's URL name in, the widget out.
#[derive(Clone, Copy)]
pub struct FeedbackSlot(pub fn(String) -> AnyView);

/// The frame of every public page: skip link, header, `<main>`, the feedback widget
/// (on an ente's pages), footer.
#[component]
pub fn PublicLayout(
    brand: Brand,
    #[prop(into)] title: String,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let feeds = brand
        .feeds
        .iter()
        .map(|(kind, name, href)| {
            view! { <Link rel="alternate" type_=*kind title=name.clone() href=href.clone()/> }
        })
        .collect_view();
    let feedback = brand
        .feedback
        .clone()
        .zip(use_context::<FeedbackSlot>())
        .map(|(ente, slot)| (slot.0)(ente));
    view! {
        <Title text=crate::text::raw_text(&format!("{title} · {}", lang.t(T::AppName)))/>
        {feeds}
        <a class="visually-hidden-focusable piazza-skip-link" href="#main">
            {lang.t(T::SkipToContent)}
        </a>
        <SiteHeader brand=brand.clone()/>
        <main id="main" class="container my-4" tabindex="-1">
            {children()}
        </main>
        {feedback}
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
