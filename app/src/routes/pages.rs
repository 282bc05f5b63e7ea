//! Every page as a lazy route: the browser loads a page's code (its views, its server
//! functions' calls, its types) only when a route of it is visited. The release build
//! splits each into its own wasm chunk (`cargo leptos build --split`), so the first
//! page a citizen opens downloads the shell and that page, not every page there is.
//! The server renders them as before.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// `Name => path::to::Page`: a route type whose view is the page, loaded on demand.
macro_rules! lazy_pages {
    ($($route:ident => $page:path,)*) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    Enti => crate::site::views::EntiPage,
    AccountHome => crate::account::page::AccountHomePage,
    Login => crate::account::views::LoginPage,
    Register => crate::account::views::RegisterPage,
    Verify => crate::account::views::VerifyPage,
    Forgot => crate::account::views::ForgotPage,
    Reset => crate::account::views::ResetPage,
    Invitation => crate::invite::views::InvitationPage,
    Notifications => crate::notify::views::NotificationsPage,
    WorkArea => crate::dashboard::views::WorkAreaPage,
    Team => crate::invite::views::TeamPageView,
    Dashboard => crate::dashboard::views::DashboardPage,
    AdminList => crate::consultation::admin_views::AdminListPage,
    Editor => crate::consultation::admin_views::EditorPage,
    SocialHome => crate::social::plan::views::SocialHomePage,
    Plan => crate::social::plan::views::PlanPageView,
    ItemEditor => crate::social::plan::item_views::ItemEditorPage,
    Channels => crate::social::plan::views::ChannelsPageView,
    Kpi => crate::social::kpi::views::KpiPageView,
    Report => crate::social::kpi::report_views::ReportPageView,
    Import => crate::social::kpi::views::ImportPageView,
    Strategy => crate::social::strategy::views::StrategyPageView,
    Policy => crate::social::strategy::views::PolicyPageView,
    Training => crate::social::training::views::TrainingPageView,
    Directory => crate::community::views::DirectoryPage,
    NewCommunity => crate::community::views::NewCommunityPage,
    Community => crate::dashboard::views::CommunityPage,
    Members => crate::dashboard::community_views::MembersPageView,
    Settings => crate::dashboard::community_views::SettingsPage,
    Health => crate::forum::health_page::HealthPage,
    BlogIndex => crate::blog::views::BlogIndexPage,
    BlogEditor => crate::blog::views::BlogEditorPage,
    BlogPost => crate::blog::views::BlogPostPage,
    Files => crate::files::views::FilesPageView,
    Document => crate::files::views::DocumentPage,
    ForumIndex => crate::forum::views::ForumIndexPage,
    ForumSearch => crate::forum::views::ForumSearchPage,
    Thread => crate::forum::thread_views::ThreadPageView,
    Category => crate::forum::views::CategoryPageView,
    Moderation => crate::forum::moderation_views::ModerationPage,
    Outbox => crate::mail::views::OutboxPage,
    AuditLog => crate::audit::views::AuditLogPage,
    PlatformPrivacy => crate::site::legal::PlatformPrivacyPage,
    PlatformAccessibility => crate::site::legal::PlatformAccessibilityPage,
    EnteHome => crate::site::views::EnteHomePage,
    NewsList => crate::content::views::NewsListPage,
    Events => crate::content::views::EventsPage,
    Places => crate::content::views::PlacesPage,
    Search => crate::site::search::SearchPage,
    PublicList => crate::consultation::public_views::PublicListPage,
    PublicConsultation => crate::consultation::public_views::PublicConsultationPage,
    EntePrivacy => crate::site::legal::EntePrivacyPage,
    EnteAccessibility => crate::site::legal::EnteAccessibilityPage,
    PublicPolicy => crate::social::strategy::views::PublicPolicyPage,
    NewsDetail => crate::content::views::NewsDetailPage,
}
