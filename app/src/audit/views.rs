//! `/admin/registro`: the audit log, filtered by action, person, ente and dates.
//! Platform admins see everything; an ente admin opens it for their ente.

use super::model::{AuditAction, AuditEntry, AuditFilter, AuditPage};
use super::server::load_audit;
use crate::components::form::SelectField;
use crate::components::layout::resource_page;
use crate::components::nav::{encode_query_value, query_value};
use crate::components::shell::{platform_links, scope_links, WorkShell};
use crate::components::table::{EmptyState, Pager};
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let keys = ["azione", "persona", "ente", "dal", "al", "page"].map(query_value);
    let filter = move || {
        let [action, actor, ente, from, to, page] = keys.map(|k| k.get());
        AuditFilter {
            action: (!action.is_empty()).then_some(action),
            actor: (!actor.is_empty()).then_some(actor),
            ente: (!ente.is_empty()).then_some(ente),
            from: from.parse().ok(),
            to: to.parse().ok(),
            page: page.parse().ok(),
        }
    };
    let log = Resource::new(filter, load_audit);
    resource_page(log, move |page| view! { <AuditLog page filter=filter()/> })
}

#[component]
fn AuditLog(page: AuditPage, filter: AuditFilter) -> impl IntoView {
    let lang = use_lang();
    let title = lang.t(T::AuditTitle).to_string();
    let mut actions = vec![(String::new(), lang.t(T::AuditAllActions).to_string())];
    actions.extend(AuditAction::ALL.map(|a| (a.code().to_string(), lang.t(a.label()).to_string())));
    let mut enti = vec![(String::new(), lang.t(T::AuditAllEnti).to_string())];
    enti.extend(page.enti.iter().cloned());
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let base = format!(
        "/admin/registro?azione={}&persona={}&ente={}&dal={}&al={}",
        encode_query_value(&text(&filter.action)),
        encode_query_value(&text(&filter.actor)),
        encode_query_value(&text(&filter.ente)),
        date(filter.from),
        date(filter.to)
    );
    let entries = page.entries;
    let pages = entries.pages();
    let none = Signal::derive(|| None);
    let (place, links) = match &filter.ente {
        Some(slug) => (
            page.enti
                .iter()
                .find(|(s, _)| s == slug)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            scope_links(lang, &format!("ente:{slug}")),
        ),
        None => (lang.t(T::AppName).to_string(), platform_links(lang)),
    };
    view! {
        <WorkShell place=place title=title.clone() links>
            <h1>{title}</h1>
            <form method="get" action="/admin/registro" class="row g-2 align-items-end mb-4 piazza-audit-filter">
                <div class="col-12 col-md-4">
                    <SelectField form="audit" name="azione" label=T::AuditAction options=actions selected=text(&filter.action) errors=none/>
                </div>
                <div class="col-12 col-md-4">
                    <div class="form-group">
                        <label for="audit-persona" class="active">{lang.t(T::AuditActor)}</label>
                        <input id="audit-persona" type="search" name="persona" class="form-control" value=text(&filter.actor)/>
                    </div>
                </div>
                <div class="col-12 col-md-4">
                    <SelectField form="audit" name="ente" label=T::AuditEnte options=enti selected=text(&filter.ente) errors=none/>
                </div>
                <div class="col-6 col-md-4">
                    <div class="form-group">
                        <label for="audit-dal" class="active">{lang.t(T::AuditFrom)}</label>
                        <input id="audit-dal" type="date" name="dal" class="form-control" value=date(filter.from)/>
                    </div>
                </div>
                <div class="col-6 col-md-4">
                    <div class="form-group">
                        <label for="audit-al" class="active">{lang.t(T::AuditTo)}</label>
                        <input id="audit-al" type="date" name="al" class="form-control" value=date(filter.to)/>
                    </div>
                </div>
                <div class="col-12 col-md-4">
                    <button type="submit" class="btn btn-primary mb-3">{lang.t(T::FilterSubmit)}</button>
                </div>
            </form>
            <p aria-live="polite">{lang.tf(T::AuditCount, &[("count", &lang.number(entries.total))])}</p>
            {if entries.items.is_empty() {
                view! { <EmptyState text=T::AuditEmpty/> }.into_any()
            } else {
                view! {
                    <div class="table-responsive">
                        <table class="table table-sm piazza-audit">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.t(T::AuditWhen)}</th>
                                    <th scope="col">{lang.t(T::AuditActor)}</th>
                                    <th scope="col">{lang.t(T::AuditAction)}</th>
                                    <th scope="col">{lang.t(T::AuditTarget)}</th>
                                    <th scope="col">{lang.t(T::AuditEnte)}</th>
                                    <th scope="col">{lang.t(T::AuditFromWhere)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {entries.items.into_iter().map(|e| view! { <AuditRow e/> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
            <Pager page=entries.page pages base/>
        </WorkShell>
    }
}

#[component]
fn AuditRow(e: AuditEntry) -> impl IntoView {
    let lang = use_lang();
    let action = AuditAction::from_code(&e.action)
        .map(|a| lang.t(a.label()).to_string())
        .unwrap_or(e.action.clone());
    let actor = if e.actor_email.is_empty() {
        lang.t(T::AuditNobody).to_string()
    } else {
        e.actor_email.clone()
    };
    let target = if e.details.is_empty() {
        e.target_label.clone()
    } else {
        format!("{} ({})", e.target_label, e.details)
    };
    view! {
        <tr>
            <td>{lang.datetime(e.at)}</td>
            <td>{actor}</td>
            <td>{action}</td>
            <td>{target}</td>
            <td>{e.ente_name.clone().unwrap_or_default()}</td>
            <td>{e.ip.clone()}</td>
        </tr>
    }
}
