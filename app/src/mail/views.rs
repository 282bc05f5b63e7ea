//! `/admin/posta`: the outbox, for platform administrators: what was sent, what is
//! waiting or failing, and (without an SMTP server) the captured messages.

use super::model::{MailStatus, OutboxItem};
use super::server::load_outbox;
use crate::components::form::SelectField;
use crate::components::layout::resource_page;
use crate::components::nav::{encode_query_value, query_value};
use crate::components::shell::{platform_links, WorkShell};
use crate::components::table::{EmptyState, Pager};
use crate::i18n::{use_lang, T};
use crate::paging::Paged;
use leptos::prelude::*;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let status = query_value("stato");
    let to = query_value("a");
    let page = query_value("page");
    let outbox = Resource::new(
        move || (status.get(), to.get(), page.get()),
        |(status, to, page)| {
            load_outbox(
                (!status.is_empty()).then_some(status),
                Some(to),
                page.parse().ok(),
            )
        },
    );
    resource_page(outbox, move |items| {
        view! { <Outbox items status=status.get_untracked() to=to.get_untracked()/> }
    })
}

#[component]
fn Outbox(items: Paged<OutboxItem>, status: String, to: String) -> impl IntoView {
    let lang = use_lang();
    let title = lang.t(T::OutboxTitle).to_string();
    let mut statuses = vec![(String::new(), lang.t(T::OutboxAllStatuses).to_string())];
    statuses.extend(MailStatus::ALL.map(|s| (s.code().to_string(), lang.t(s.label()).to_string())));
    let base = format!(
        "/admin/posta?stato={}&a={}",
        encode_query_value(&status),
        encode_query_value(&to)
    );
    let pages = items.pages();
    view! {
        <WorkShell place=lang.t(T::AppName) title=title.clone() links=platform_links(lang)>
            <h1>{title}</h1>
            <p>{lang.t(T::OutboxIntro)}</p>
            <form method="get" action="/admin/posta" class="row g-2 align-items-end mb-4">
                <div class="col-12 col-md-4">
                    <SelectField form="outbox" name="stato" label=T::OutboxStatus options=statuses selected=status errors=Signal::derive(|| None)/>
                </div>
                <div class="col-12 col-md-5">
                    <div class="form-group">
                        <label for="outbox-to" class="active">{lang.t(T::OutboxTo)}</label>
                        <input id="outbox-to" type="search" name="a" class="form-control" value=to/>
                    </div>
                </div>
                <div class="col-12 col-md-3">
                    <button type="submit" class="btn btn-primary mb-3">{lang.t(T::FilterSubmit)}</button>
                </div>
            </form>
            <p aria-live="polite">{lang.tf(T::OutboxCount, &[("count", &lang.number(items.total))])}</p>
            {if items.items.is_empty() {
                view! { <EmptyState text=T::OutboxEmpty/> }.into_any()
            } else {
                view! {
                    <ul class="list-unstyled piazza-outbox">
                        {items.items.into_iter().map(|m| view! { <OutboxEntry m/> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <Pager page=items.page pages base/>
        </WorkShell>
    }
}

#[component]
fn OutboxEntry(m: OutboxItem) -> impl IntoView {
    let lang = use_lang();
    let status = MailStatus::from_code(&m.status)
        .map(|s| lang.t(s.label()))
        .unwrap_or_default();
    view! {
        <li class="card card-bg mb-3 piazza-mail">
            <div class="card-body">
                <p class="category-top mb-1">
                    <span class="piazza-mail-status">{status}</span>
                    " · "
                    <span>{lang.datetime(m.created_at)}</span>
                    {(m.attempts > 1).then(|| view! { " · " <span>{lang.tf(T::OutboxAttempts, &[("count", &m.attempts.to_string())])}</span> })}
                </p>
                <h2 class="h6 mb-1">{m.subject.clone()}</h2>
                <p class="mb-2">
                    <span class="visually-hidden">{lang.t(T::OutboxTo)}": "</span>
                    <span class="piazza-mail-to">{m.to_address.clone()}</span>
                </p>
                {(!m.last_error.is_empty()).then(|| view! { <p class="text-danger small">{m.last_error.clone()}</p> })}
                <details>
                    <summary>{lang.t(T::OutboxShowBody)}</summary>
                    <pre class="piazza-mail-body">{m.body_text.clone()}</pre>
                </details>
            </div>
        </li>
    }
}
