//! The HTML document and the route table.

mod pages;

use crate::account::views::LogoutButton;
use crate::components::layout::NotFoundPage;
use crate::components::toast::Toaster;
use crate::components::user_menu::CurrentUser;
use crate::i18n::detect_lang;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The Content-Security-Policy of a page: scripts only from this site or carrying the
/// page's nonce (the hydration script), WebAssembly allowed, nothing framed, forms and
/// requests only to this site.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) =
            axum::http::HeaderValue::from_str(&content_security_policy(&nonce.to_string()))
        {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href="/vendor/bootstrap-italia/css/bootstrap-italia.min.css"/>
                <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(detect_lang());
    provide_context(CurrentUser {
        me: Resource::new(|| (), |_| crate::account::server::current_user()),
        unread: Resource::new(|| (), |_| crate::notify::server::unread_count()),
        recount: || Box::pin(crate::notify::server::unread_count()),
        logout: ViewFn::from(|| view! { <LogoutButton/> }),
    });
    // Effects run only in the browser, once the page is live: mark it, so that
    // browser tests (and styles) can tell a hydrated page from a server-rendered one.
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="piazza" href="/pkg/piazza.css"/>
        <Toaster/>
        <Router>
            <Routes fallback=NotFoundPage>
                // Async: the whole page is rendered before it is sent, so it works
                // without JavaScript and errors can still set the HTTP status.
                // Fixed paths first: the first route that matches wins.
                <Route path=path!("") view={Lazy::<pages::Enti>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account") view={Lazy::<pages::AccountHome>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/accedi") view={Lazy::<pages::Login>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/registrati") view={Lazy::<pages::Register>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/verifica") view={Lazy::<pages::Verify>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/password-dimenticata") view={Lazy::<pages::Forgot>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/nuova-password") view={Lazy::<pages::Reset>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/invito") view={Lazy::<pages::Invitation>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/notifiche") view={Lazy::<pages::Notifications>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione") view={Lazy::<pages::WorkArea>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/persone") view={Lazy::<pages::Team>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente") view={Lazy::<pages::Dashboard>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/consultazioni") view={Lazy::<pages::AdminList>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/consultazioni/:slug") view={Lazy::<pages::Editor>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social") view={Lazy::<pages::SocialHome>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/piano") view={Lazy::<pages::Plan>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/piano/:id") view={Lazy::<pages::ItemEditor>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/canali") view={Lazy::<pages::Channels>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/kpi") view={Lazy::<pages::Kpi>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/kpi/report") view={Lazy::<pages::Report>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/kpi/importa/:token") view={Lazy::<pages::Import>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/strategia") view={Lazy::<pages::Strategy>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/policy") view={Lazy::<pages::Policy>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/formazione") view={Lazy::<pages::Training>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita") view={Lazy::<pages::Directory>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/nuova") view={Lazy::<pages::NewCommunity>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug") view={Lazy::<pages::Community>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/membri") view={Lazy::<pages::Members>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/impostazioni") view={Lazy::<pages::Settings>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/salute") view={Lazy::<pages::Health>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog") view={Lazy::<pages::BlogIndex>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog/scrivi") view={Lazy::<pages::BlogEditor>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog/:post") view={Lazy::<pages::BlogPost>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog/:post/modifica") view={Lazy::<pages::BlogEditor>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/file") view={Lazy::<pages::Files>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/file/:id") view={Lazy::<pages::Document>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum") view={Lazy::<pages::ForumIndex>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum/cerca") view={Lazy::<pages::ForumSearch>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum/t/:thread") view={Lazy::<pages::Thread>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum/:category") view={Lazy::<pages::Category>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/moderazione") view={Lazy::<pages::Moderation>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/posta") view={Lazy::<pages::Outbox>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/registro") view={Lazy::<pages::AuditLog>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/privacy") view={Lazy::<pages::PlatformPrivacy>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/accessibilita") view={Lazy::<pages::PlatformAccessibility>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente") view={Lazy::<pages::EnteHome>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/notizie") view={Lazy::<pages::NewsList>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/eventi") view={Lazy::<pages::Events>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/luoghi") view={Lazy::<pages::Places>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/cerca") view={Lazy::<pages::Search>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/consultazioni") view={Lazy::<pages::PublicList>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/consultazioni/:slug") view={Lazy::<pages::PublicConsultation>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/privacy") view={Lazy::<pages::EntePrivacy>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/accessibilita") view={Lazy::<pages::EnteAccessibility>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/social-media-policy") view={Lazy::<pages::PublicPolicy>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/:ente/notizie/:slug") view={Lazy::<pages::NewsDetail>::new()} ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
