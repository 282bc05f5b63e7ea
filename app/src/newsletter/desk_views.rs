//! The newsletter desk: `/gestione/{ente}/newsletter` (the lists, the issues with
//! their progress, a new issue) and `/gestione/{ente}/newsletter/{id}` (one issue:
//! its statistics as a chart with its table, the mail as recipients see it, a test
//! send to oneself, sending a draft).

use super::model::{
    paths, Candidate, Desk, IssuePage, IssueState, IssueStats, IssueSummary, NewsletterList,
};
use super::server::{
    issue_progress, load_desk, load_issue, AddList, ComposeIssue, SendIssue, SendTest,
};
use crate::components::chart::{Bar, BarChart};
use crate::components::form::{
    action_error, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::layout::resource_page;
use crate::components::live::use_live;
use crate::components::nav::{follow_destination, query_flag, route_param};
use crate::components::shell::{SideLink, WorkShell};
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, Lang, T};
use crate::ids::EnteId;
use crate::live::Topic;
use leptos::form::ActionForm;
use leptos::prelude::*;

fn side_links(lang: Lang, ente: &str) -> Vec<SideLink> {
    SideLink::all(
        lang,
        [
            (format!("/gestione/{ente}"), T::WorkOverview),
            (paths::desk(ente), T::NewsletterDeskTitle),
            (format!("/gestione/{ente}/sito"), T::SiteEditorTitlePage),
            (paths::subscribe(ente), T::NewsletterPublicPage),
        ],
    )
}

/// A progress bar of an issue's mails, with its numbers in words.
#[component]
fn Progress(stats: IssueStats) -> impl IntoView {
    let lang = use_lang();
    let pct = stats.percent();
    let words = lang.tf(
        T::NewsletterProgress,
        &[
            ("done", &stats.done().to_string()),
            ("queued", &stats.queued.to_string()),
        ],
    );
    view! {
        <div class="progress piazza-progress" role="progressbar" aria-label=words.clone()
            aria-valuemin="0" aria-valuemax="100" aria-valuenow=pct>
            <div class="progress-bar" style=format!("width: {pct}%")></div>
        </div>
        <span class="small">{words}</span>
    }
}

/// The progress of an issue being sent, moved on by the ente's live events (without
/// JavaScript: as of the page's load).
#[component]
fn LiveProgress(ente: EnteId, slug: String, id: i64, stats: IssueStats) -> impl IntoView {
    let now = RwSignal::new(stats);
    use_live(vec![Topic::Newsletter(ente).key()], move |event| {
        if event.subject != id {
            return;
        }
        let slug = slug.clone();
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = issue_progress(slug, id).await {
                now.set(fresh);
            }
        });
    });
    view! { <div class="mb-4" aria-live="polite">{move || view! { <Progress stats=now.get()/> }}</div> }
}

#[component]
pub fn NewsletterDeskPage() -> impl IntoView {
    let ente = route_param("ente");
    let data = Resource::new(ente, load_desk);
    resource_page(data, |desk| {
        let lang = use_lang();
        let Desk {
            ente_slug: slug,
            ente_name,
            lists,
            issues,
            candidates,
        } = desk;
        let title = lang.t(T::NewsletterDeskTitle);
        let links = side_links(lang, &slug);
        view! {
            <WorkShell place=ente_name title=title links>
                <h1 class="h2">{title}</h1>
                <p>{lang.t(T::NewsletterDeskIntro)}</p>
                <Issues slug=slug.clone() issues/>
                <Compose slug=slug.clone() lists=lists.clone() candidates/>
                <Lists slug lists/>
            </WorkShell>
        }
    })
}

#[component]
fn Issues(slug: String, issues: Vec<IssueSummary>) -> impl IntoView {
    let lang = use_lang();
    let body = if issues.is_empty() {
        view! { <EmptyState text=T::NewsletterNoIssues/> }.into_any()
    } else {
        view! {
            <div class="table-responsive"><table class="table piazza-issues">
                <thead><tr>
                    <th scope="col">{lang.t(T::NewsletterSubject)}</th>
                    <th scope="col">{lang.t(T::NewsletterList)}</th>
                    <th scope="col">{lang.t(T::NewsletterState)}</th>
                    <th scope="col">{lang.t(T::NewsletterSendAt)}</th>
                    <th scope="col">{lang.t(T::NewsletterDelivery)}</th>
                </tr></thead>
                <tbody>{issues.into_iter().map(|i| view! {
                    <tr>
                        <td><a href=paths::issue(&slug, i.id)>{i.subject}</a></td>
                        <td>{i.list_name}</td>
                        <td>{lang.t(i.state.label())}</td>
                        <td>{i.send_at.map(|at| lang.datetime(at)).unwrap_or_default()}</td>
                        <td>{(i.state != IssueState::Draft).then(|| view! { <Progress stats=i.stats/> })}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>
        }.into_any()
    };
    view! {
        <section aria-labelledby="numeri" class="mb-5">
            <h2 id="numeri" class="h4">{lang.t(T::NewsletterIssues)}</h2>
            {body}
        </section>
    }
}

#[component]
fn Compose(slug: String, lists: Vec<NewsletterList>, candidates: Vec<Candidate>) -> impl IntoView {
    let lang = use_lang();
    if lists.is_empty() {
        return ().into_any();
    }
    let compose = ServerAction::<ComposeIssue>::new();
    let errors = action_error(compose);
    follow_destination(compose);
    let options: Vec<(String, String)> = lists
        .iter()
        .map(|l| (l.id.to_string(), l.name.clone()))
        .collect();
    let when: Vec<(String, String)> = [
        ("bozza", T::NewsletterWhenDraft),
        ("ora", T::NewsletterWhenNow),
        ("programma", T::NewsletterWhenLater),
    ]
    .into_iter()
    .map(|(v, t)| (v.to_string(), lang.t(t).to_string()))
    .collect();
    let problem = move || {
        errors
            .get()
            .and_then(|e| e.field_message("contenuti", lang))
    };
    view! {
        <section aria-labelledby="nuovo" class="mb-5">
            <h2 id="nuovo" class="h4">{lang.t(T::NewsletterNewIssue)}</h2>
            <ActionForm action=compose attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="issue" errors/>
                <input type="hidden" name="ente" value=slug/>
                <SelectField form="issue" name="lista" label=T::NewsletterList errors options/>
                <Field form="issue" name="oggetto" label=T::NewsletterSubject required=true maxlength=150 errors/>
                <TextArea form="issue" name="testo" label=T::NewsletterText rows=6 maxlength=20000 errors help=T::NewsletterTextHelp/>
                <fieldset class="mb-4" aria-describedby="issue-contenuti-error">
                    <legend class="h5">{lang.t(T::NewsletterCards)}</legend>
                    {candidates.into_iter().map(|c| {
                        let id = format!("issue-contenuti-{}", c.key().replace(':', "-"));
                        let label = format!("{} · {}", lang.t(c.kind.label()), c.title);
                        view! {
                            <div class="form-check">
                                <input type="checkbox" id=id.clone() name="contenuti[]" value=c.key()/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                    <div id="issue-contenuti-error" class="invalid-feedback d-block" aria-live="polite">{move || problem()}</div>
                </fieldset>
                <SelectField form="issue" name="quando" label=T::NewsletterWhen errors options=when/>
                <Field form="issue" name="send_at" kind="datetime-local" label=T::NewsletterSendAt errors help=T::NewsletterSendAtHelp/>
                <Submit action=compose label=T::NewsletterSave/>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn Lists(slug: String, lists: Vec<NewsletterList>) -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddList>::new();
    let errors = action_error(add);
    follow_destination(add);
    let added = query_flag("lista");
    view! {
        <section aria-labelledby="liste" class="mb-5">
            <h2 id="liste" class="h4">{lang.t(T::NewsletterLists)}</h2>
            {move || added.get().then(|| view! { <Notice text=T::NewsletterListAdded/> })}
            <ul class="list-unstyled">{lists.into_iter().map(|l| {
                let count = lang.tf(T::NewsletterSubscribers, &[("n", &l.subscribers.to_string())]);
                view! { <li class="mb-2"><strong>{l.name}</strong> " · " {count}<br/><span class="small">{l.description}</span></li> }
            }).collect_view()}</ul>
            <ActionForm action=add attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="list" errors/>
                <input type="hidden" name="ente" value=slug/>
                <Field form="list" name="nome" label=T::NewsletterListName required=true maxlength=80 errors/>
                <Field form="list" name="descrizione" label=T::NewsletterListText maxlength=300 errors/>
                <Submit action=add label=T::NewsletterAddList/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn NewsletterIssuePage() -> impl IntoView {
    let ente = route_param("ente");
    let id = route_param("id");
    let data = Resource::new(
        move || (ente(), id()),
        |(e, id)| load_issue(e, id.parse().unwrap_or(0)),
    );
    resource_page(data, |page| view! { <Issue page/> })
}

#[component]
fn Issue(page: IssuePage) -> impl IntoView {
    let lang = use_lang();
    let IssuePage {
        ente_id,
        ente_slug: slug,
        ente_name,
        issue,
        body_text,
    } = page;
    let links = side_links(lang, &slug);
    let s = issue.stats;
    let bars = [
        (T::NewsletterSent, s.sent),
        (T::NewsletterFailed, s.failed),
        (T::NewsletterSuppressed, s.suppressed),
        (T::NewsletterUnsubscribed, s.unsubscribed),
    ]
    .into_iter()
    .map(|(t, n)| Bar {
        label: lang.t(t).to_string(),
        value: n as f64,
    })
    .collect::<Vec<_>>();
    let send = ServerAction::<SendIssue>::new();
    let test = ServerAction::<SendTest>::new();
    follow_destination(send);
    follow_destination(test);
    let send_errors = action_error(send);
    let tested = query_flag("prova");
    let draft = issue.state == IssueState::Draft;
    let (send_slug, preview) = (slug.clone(), paths::preview(&slug, issue.id));
    let id = issue.id;
    let queued = lang.tf(T::NewsletterQueued, &[("n", &s.queued.to_string())]);
    view! {
        <WorkShell place=ente_name title=issue.subject.clone() links>
            <h1 class="h2">{issue.subject.clone()}</h1>
            <p>{issue.list_name} " · " {lang.t(issue.state.label())} " · " {queued}</p>
            {move || tested.get().then(|| view! { <Notice text=T::NewsletterTestSent/> })}
            {(!draft).then(|| view! { <LiveProgress ente=ente_id slug=slug.clone() id=issue.id stats=s/> })}
            <div class="d-flex flex-wrap gap-2 mb-4">
                <ActionForm action=test>
                    <input type="hidden" name="ente" value=slug.clone()/>
                    <input type="hidden" name="id" value=issue.id/>
                    <button type="submit" class="btn btn-outline-primary">{lang.t(T::NewsletterSendTest)}</button>
                </ActionForm>
                {draft.then(move || view! {
                    <ActionForm action=send>
                        <ErrorSummary form="send" errors=send_errors/>
                        <input type="hidden" name="ente" value=send_slug/>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="btn btn-primary">{lang.t(T::NewsletterSendNow)}</button>
                    </ActionForm>
                })}
            </div>
            <BarChart title=lang.t(T::NewsletterStats) bars/>
            <h2 class="h4 mt-5">{lang.t(T::NewsletterPreview)}</h2>
            <iframe class="piazza-mail-preview" title=lang.t(T::NewsletterPreview) src=preview sandbox=""></iframe>
            <details class="mt-3"><summary>{lang.t(T::NewsletterTextPart)}</summary><pre class="piazza-mail-text">{body_text}</pre></details>
        </WorkShell>
    }
}
