//! The signed-in person in the header: "Accedi" for visitors, otherwise their name
//! opening a menu (their account, their work areas, administration, logout). Before
//! the page is live the name is a plain link to the account page, which has all of it.

use crate::auth::model::Actor;
use crate::auth::policy::{can, Action, Target};
use crate::components::brand::Icon;
use crate::components::live::use_live;
use crate::components::nav::login_href;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use crate::live::model::ME;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The signed-in person for the whole page, and their unread notifications, loaded
/// once per request, with the button that logs them out. The app provides it
/// (`routes::App`), filling it from the account and notification modules, so that
/// the header needs neither. (Created with the app, outside any suspense: a
/// resource made inside one may never resolve on the server.)
#[derive(Clone)]
pub struct CurrentUser {
    pub me: Resource<Result<Option<Actor>, AppError>>,
    pub unread: Resource<Result<i64, AppError>>,
    /// Asks the server again how many are unread (when a live event says so).
    pub recount: Recount,
    /// The logout form, the last entry of the menu.
    pub logout: ViewFn,
}

/// A call of the server function that counts the unread notifications.
pub type Recount =
    fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<i64, AppError>>>>;

/// The current user's resource (anonymous outside an `App`).
pub fn use_current_user() -> Option<CurrentUser> {
    use_context::<CurrentUser>()
}

/// The bell: a link to the notifications, saying how many are unread. With
/// JavaScript the count follows the person's live events (a new notification, or
/// all read in another tab), and a new one is said to screen readers too.
#[component]
pub fn Bell(unread: i64, recount: Recount) -> impl IntoView {
    let lang = use_lang();
    let count = RwSignal::new(unread);
    let news = RwSignal::new(String::new());
    use_live(vec![ME.to_string()], move |event| {
        let arrived = event.kind == crate::live::model::kind::NOTIFICATION;
        leptos::task::spawn_local(async move {
            if let Ok(n) = recount().await {
                if arrived && n > count.get_untracked() {
                    news.set(lang.tf(T::NotifyArrived, &[("count", &n.to_string())]));
                }
                count.set(n);
            }
        });
    });
    let label = move || lang.tf(T::NotifyBell, &[("count", &count.get().to_string())]);
    view! {
        <a class="btn btn-primary btn-icon piazza-bell" href="/account/notifiche" aria-label=label title=label>
            <Icon name="it-inbox" class="icon-white"/>
            {move || (count.get() > 0).then(|| view! { <span class="badge bg-danger piazza-bell-count" aria-hidden="true">{count.get().to_string()}</span> })}
        </a>
        <span class="visually-hidden" role="status">{move || news.get()}</span>
    }
}

#[component]
pub fn UserMenu() -> impl IntoView {
    let Some(CurrentUser {
        me,
        unread,
        recount,
        logout,
    }) = use_current_user()
    else {
        return view! { <LoginLink/> }.into_any();
    };
    view! {
        <Suspense fallback=|| view! { <LoginLink/> }>
            {move || {
                let logout = logout.clone();
                Suspend::new(async move {
                match me.await {
                    Ok(Some(actor)) => {
                        let unread = unread.await.unwrap_or(0);
                        view! {
                            <div class="d-flex align-items-center gap-2">
                                <Bell unread recount/>
                                <UserButton actor logout=logout.clone()/>
                            </div>
                        }
                        .into_any()
                    }
                    _ => view! { <LoginLink/> }.into_any(),
                }
            })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn LoginLink() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let href = move || {
        let path = location.pathname.get();
        if path.starts_with("/account") {
            "/account/accedi".to_string()
        } else {
            login_href(&path)
        }
    };
    view! {
        <a class="btn btn-primary btn-icon btn-full piazza-login-link" href=href>
            <span class="rounded-icon" aria-hidden="true">
                <Icon name="it-user" class="icon-primary"/>
            </span>
            <span class="d-none d-lg-block">{lang.t(T::HeaderLogin)}</span>
            <span class="d-lg-none visually-hidden">{lang.t(T::HeaderLogin)}</span>
        </a>
    }
}

#[component]
fn UserButton(actor: Actor, logout: ViewFn) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    let works = !actor.grants.is_empty();
    let admin = can(Some(&actor), Action::ViewOutbox, Target::Site);
    let name = actor.label().to_string();
    view! {
        <div class="piazza-user-menu" on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
            <a
                class="btn btn-primary btn-icon btn-full piazza-user-button"
                href="/account"
                role="button"
                aria-haspopup="true"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="piazza-user-menu"
                on:click=move |ev| {
                    ev.prevent_default();
                    open.update(|o| *o = !*o);
                }
            >
                <span class="rounded-icon" aria-hidden="true">
                    <Icon name="it-user" class="icon-primary"/>
                </span>
                <span class="d-none d-lg-block piazza-user-name">{name.clone()}</span>
                <span class="d-lg-none visually-hidden">{name}</span>
            </a>
            <div id="piazza-user-menu" class="piazza-user-dropdown shadow" class:open=move || open.get()>
                <ul class="list-unstyled mb-0">
                    <li><a href="/account">{lang.t(T::HeaderAccount)}</a></li>
                    <li><a href="/account/notifiche">{lang.t(T::NotifyTitle)}</a></li>
                    {works.then(|| view! { <li><a href="/gestione">{lang.t(T::HeaderWork)}</a></li> })}
                    {admin.then(|| view! {
                        <li><a href="/admin/registro">{lang.t(T::AuditTitle)}</a></li>
                        <li><a href="/admin/posta">{lang.t(T::OutboxTitle)}</a></li>
                    })}
                    <li>{logout.run()}</li>
                </ul>
            </div>
        </div>
    }
}
