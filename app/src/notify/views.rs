//! `/account/notifiche` (the bell in the header is `components::user_menu::Bell`).

use super::server::{load_notifications, MarkAllRead};
use crate::components::brand::Brand;
use crate::components::form::{successes, Submit};
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::query_value;
use crate::components::table::{EmptyState, Pager};
use crate::i18n::{use_lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let page_param = query_value("page");
    let read = ServerAction::<MarkAllRead>::new();
    let done = successes(read);
    let list = Resource::new(
        move || (page_param.get(), done.get()),
        |(p, _)| load_notifications(p.parse().ok()),
    );
    resource_page(list, move |list| {
        let lang = use_lang();
        let title = lang.t(T::NotifyTitle).to_string();
        view! {
            <PublicLayout brand=Brand::platform(lang) title=title.clone()>
                <h1>{title}</h1>
                <p>{lang.tf(T::NotifyUnread, &[("count", &list.unread.to_string())])}</p>
                {(list.unread > 0).then(|| view! {
                    <ActionForm action=read attr:class="mb-4">
                        <Submit action=read label=T::NotifyReadAll class="btn btn-outline-primary btn-sm"/>
                    </ActionForm>
                })}
                {if list.items.is_empty() {
                    view! { <EmptyState text=T::NotifyEmpty/> }.into_any()
                } else {
                    view! {
                        <ul class="list-unstyled piazza-notifications">
                            {list.items.into_iter().map(|n| view! {
                                <li class="piazza-notification py-2" class:fw-semibold=!n.read>
                                    <a href=n.url>{n.title}</a>
                                    <span class="d-block small text-muted">
                                        {n.at}
                                        {(!n.read).then(|| view! { " · " {lang.t(T::NotifyNew)} })}
                                    </span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                <Pager page=list.page pages=list.pages base="/account/notifiche".to_string()/>
            </PublicLayout>
        }
    })
}
