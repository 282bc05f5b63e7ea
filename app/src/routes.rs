//! The HTML document and the route table.

use crate::account::page::AccountHomePage;
use crate::account::views::{
    ForgotPage, LoginPage, LogoutButton, RegisterPage, ResetPage, VerifyPage,
};
use crate::audit::views::AuditLogPage;
use crate::components::layout::NotFoundPage;
use crate::components::toast::Toaster;
use crate::components::user_menu::CurrentUser;
use crate::consultation::admin_views::{AdminListPage, EditorPage};
use crate::consultation::public_views::{PublicConsultationPage, PublicListPage};
use crate::content::event_views::{EventDetailPage, EventsPage};
use crate::content::model::NewsKind;
use crate::content::section_views::NewsListPage;
use crate::content::views::{NewsDetailPage, PlacesPage};
use crate::dashboard::views::{CommunityPage, DashboardPage, WorkAreaPage};
use crate::i18n::detect_lang;
use crate::invite::views::{InvitationPage, TeamPageView};
use crate::mail::views::OutboxPage;
use crate::site::legal::{
    EnteAccessibilityPage, EntePrivacyPage, PlatformAccessibilityPage, PlatformPrivacyPage,
};
use crate::site::search::SearchPage;
use crate::site::views::{EnteHomePage, EntiPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The Content-Security-Policy of a page: scripts only from this site or carrying the
/// page's nonce (the hydration script), WebAssembly allowed, images from this site and
/// from the map tiles' server (`tiles`, an origin, or empty), nothing framed, forms and
/// requests only to this site.
pub fn content_security_policy(nonce: &str, tiles: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: {tiles}; font-src 'self' data:; \
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
        let tiles = use_context::<crate::state::AppState>()
            .and_then(|s| s.tiles.map(|t| t.origin().to_string()))
            .unwrap_or_default();
        if let Ok(value) =
            axum::http::HeaderValue::from_str(&content_security_policy(&nonce.to_string(), &tiles))
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
                <script src="/vendor/bootstrap-italia/version.js" defer></script>
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
    provide_context(crate::components::layout::FeedbackSlot(|ente| {
        view! { <crate::feedback::views::FeedbackWidget ente/> }.into_any()
    }));
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
                <Route path=path!("") view=EntiPage ssr=SsrMode::Async/>
                <Route path=path!("/account") view=AccountHomePage ssr=SsrMode::Async/>
                <Route path=path!("/account/accedi") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/account/registrati") view=RegisterPage ssr=SsrMode::Async/>
                <Route path=path!("/account/verifica") view=VerifyPage ssr=SsrMode::Async/>
                <Route path=path!("/account/password-dimenticata") view=ForgotPage ssr=SsrMode::Async/>
                <Route path=path!("/account/nuova-password") view=ResetPage ssr=SsrMode::Async/>
                <Route path=path!("/account/invito") view=InvitationPage ssr=SsrMode::Async/>
                <Route path=path!("/account/notifiche") view=crate::notify::views::NotificationsPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione") view=WorkAreaPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/persone") view=TeamPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente") view=DashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/consultazioni") view=AdminListPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/consultazioni/:slug") view=EditorPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/sito") view=crate::editor::views::EditorHomePage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/sito/:kind") view=crate::editor::views::EditorHomePage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/sito/:kind/:id") view=crate::editor::form_views::EntryEditorPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/stampa") view=crate::press::views::PressDeskPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/newsletter") view=crate::newsletter::desk_views::NewsletterDeskPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/newsletter/:id") view=crate::newsletter::desk_views::NewsletterIssuePage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/valutazioni") view=crate::feedback::views::FeedbackResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social") view=crate::social::plan::views::SocialHomePage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/piano") view=crate::social::plan::views::PlanPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/piano/:id") view=crate::social::plan::item_views::ItemEditorPage ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/canali") view=crate::social::plan::views::ChannelsPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/kpi") view=crate::social::kpi::views::KpiPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/kpi/report") view=crate::social::kpi::report_views::ReportPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/kpi/importa/:token") view=crate::social::kpi::views::ImportPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/strategia") view=crate::social::strategy::views::StrategyPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/policy") view=crate::social::strategy::views::PolicyPageView ssr=SsrMode::Async/>
                <Route path=path!("/gestione/:ente/social/formazione") view=crate::social::training::views::TrainingPageView ssr=SsrMode::Async/>
                <Route path=path!("/comunita") view=crate::community::views::DirectoryPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/nuova") view=crate::community::views::NewCommunityPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug") view=CommunityPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/membri") view=crate::dashboard::community_views::MembersPageView ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/impostazioni") view=crate::dashboard::community_views::SettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/salute") view=crate::forum::health_page::HealthPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog") view=crate::blog::views::BlogIndexPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog/scrivi") view=crate::blog::views::BlogEditorPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog/:post") view=crate::blog::views::BlogPostPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/blog/:post/modifica") view=crate::blog::views::BlogEditorPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/file") view=crate::files::views::FilesPageView ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/file/:id") view=crate::files::views::DocumentPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum") view=crate::forum::views::ForumIndexPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum/cerca") view=crate::forum::views::ForumSearchPage ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum/t/:thread") view=crate::forum::thread_views::ThreadPageView ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/forum/:category") view=crate::forum::views::CategoryPageView ssr=SsrMode::Async/>
                <Route path=path!("/comunita/:slug/moderazione") view=crate::forum::moderation_views::ModerationPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/posta") view=OutboxPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/registro") view=AuditLogPage ssr=SsrMode::Async/>
                <Route path=path!("/privacy") view=PlatformPrivacyPage ssr=SsrMode::Async/>
                <Route path=path!("/accessibilita") view=PlatformAccessibilityPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente") view=EnteHomePage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/amministrazione") view=crate::administration::views::AdministrationPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/novita") view=crate::content::section_views::NovitaPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/notizie") view=|| view! { <NewsListPage kind=NewsKind::News/> } ssr=SsrMode::Async/>
                <Route path=path!("/:ente/comunicati") view=|| view! { <NewsListPage kind=NewsKind::Release/> } ssr=SsrMode::Async/>
                <Route path=path!("/:ente/avvisi") view=|| view! { <NewsListPage kind=NewsKind::Notice/> } ssr=SsrMode::Async/>
                <Route path=path!("/:ente/servizi") view=crate::catalogue::views::ServicesHomePage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/vivere-il-comune") view=crate::content::section_views::LivePage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/argomenti") view=crate::site::topics::TopicsPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/note-legali") view=crate::site::legal::EnteLegalNotesPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/faq") view=crate::site::faq::EnteFaqPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/prenota-appuntamento") view=crate::administration::views::BookingPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/segnala-disservizio") view=crate::site::inefficiency::InefficiencyPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/ufficio-stampa") view=crate::press::views::PressKitPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/ufficio-stampa/cancellazione") view=crate::press::views::PressLeavePage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/newsletter") view=crate::newsletter::views::NewsletterPage ssr=SsrMode::Async/>
                <Route path=path!("/account/newsletter") view=crate::newsletter::mine_views::MyNewslettersPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/newsletter/conferma") view=crate::newsletter::views::NewsletterConfirmPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/newsletter/preferenze") view=crate::newsletter::views::NewsletterPreferencesPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/newsletter/cancellazione") view=crate::newsletter::views::NewsletterLeavePage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/pagine/:slug") view=crate::content::page_views::FreePagePage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/eventi") view=EventsPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/luoghi") view=PlacesPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/cerca") view=SearchPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/consultazioni") view=PublicListPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/consultazioni/:slug") view=PublicConsultationPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/privacy") view=EntePrivacyPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/accessibilita") view=EnteAccessibilityPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/social-media-policy") view=crate::social::strategy::views::PublicPolicyPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/notizie/:slug") view=NewsDetailPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/eventi/:slug") view=EventDetailPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/amministrazione/:sezione") view=crate::administration::views::AdministrationSectionPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/amministrazione/:sezione/:slug") view=crate::administration::views::AdministrationDetailPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/servizi/categoria/:categoria") view=crate::catalogue::views::ServiceCategoryPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/servizi/:slug") view=crate::catalogue::service_views::ServiceDetailPage ssr=SsrMode::Async/>
                <Route path=path!("/:ente/argomenti/:slug") view=crate::site::topics::TopicDetailPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn map_tiles_join_the_images_allowed() {
        let policy = super::content_security_policy("n0nce", "https://tiles.example.it");
        assert!(policy.contains("img-src 'self' data: https://tiles.example.it;"));
        assert!(policy.contains("script-src 'self' 'nonce-n0nce' 'wasm-unsafe-eval';"));
        let without = super::content_security_policy("n0nce", "");
        assert!(without.contains("img-src 'self' data: ;"));
    }
}
