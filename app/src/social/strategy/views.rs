//! `/gestione/{ente}/social/strategia` (the strategy and its objectives),
//! `…/social/policy` (the internal and the external policy) and the public
//! `/{ente}/social-media-policy`. Every document keeps its versions: the editor
//! saves a new one with a note of what changed, the history shows them all.

use crate::components::form::{
    action_error, CheckField, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::{follow_destination, query_flag, query_value};
use crate::components::shell::WorkShell;
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, T};
use crate::social::frame::{ente_param, links};
use crate::social::kpi::goal::Goal;
use crate::social::strategy::model::{DocKind, DocView, PolicyPage, PublicPolicy, StrategyPage};
use crate::social::strategy::server::{
    load_policy, load_public_policy, load_strategy, PublishPolicy, SaveDoc, SaveObjective,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The sections of a version, as written.
#[component]
fn Sections(doc: DocView) -> impl IntoView {
    let lang = use_lang();
    if doc.version == 0 {
        return view! { <EmptyState text=T::StrategyNothingYet/> }.into_any();
    }
    view! {
        <div class="piazza-doc">
            {doc.sections.into_iter().filter(|s| !s.source.is_empty()).map(|s| view! {
                <section class="mb-3">
                    <h3 class="h5">{lang.t(s.section.label())}</h3>
                    <div class="piazza-post-body" inner_html=s.html></div>
                </section>
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// The editor of a document: its sections filled with the latest version, and the
/// note of what changed.
#[component]
fn DocEditor(
    ente: String,
    doc: DocView,
    latest: Vec<(crate::social::strategy::model::Section, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveDoc>::new();
    let errors = action_error(save);
    follow_destination(save);
    let form: &'static str = doc.kind.code();
    view! {
        <details class="piazza-doc-editor mb-4" open={doc.version == 0}>
            <summary class="btn btn-outline-primary">{lang.t(T::StrategyEdit)}</summary>
            <ActionForm action=save attr:class="piazza-form mt-3" attr:novalidate=true>
                <ErrorSummary form errors/>
                <input type="hidden" name="ente" value=ente/>
                <input type="hidden" name="kind" value=doc.kind.code()/>
                {latest.into_iter().map(|(section, text)| view! {
                    <TextArea form name=section.field() label=section.label() help=section.help() rows=6 errors value=text/>
                }).collect_view()}
                <Field form name="note" label=T::StrategyNote maxlength=300 errors help=T::StrategyNoteHelp/>
                <Submit action=save label=T::StrategySave/>
            </ActionForm>
        </details>
    }
}

/// The versions of a document, newest first; `base` is the page's address.
#[component]
fn History(ente: String, doc: DocView, base: String, param: &'static str) -> impl IntoView {
    let lang = use_lang();
    let publish = ServerAction::<PublishPolicy>::new();
    follow_destination(publish);
    let external = doc.kind == DocKind::PolicyExternal;
    if doc.history.is_empty() {
        return ().into_any();
    }
    view! {
        <details class="piazza-history mb-4">
            <summary>{lang.tf(T::StrategyHistory, &[("n", &doc.history.len().to_string())])}</summary>
            <table class="table table-sm mt-2">
                <caption class="visually-hidden">{lang.t(T::StrategyHistoryCaption)}</caption>
                <thead><tr>
                    <th scope="col">{lang.t(T::StrategyVersion)}</th>
                    <th scope="col">{lang.t(T::ExportAuthor)}</th>
                    <th scope="col">{lang.t(T::ExportDate)}</th>
                    <th scope="col">{lang.t(T::StrategyChanged)}</th>
                    <th scope="col">{lang.t(T::StrategyNote)}</th>
                    {external.then(|| view! { <th scope="col">{lang.t(T::PolicyPublicColumn)}</th> })}
                </tr></thead>
                <tbody>
                    {doc.history.clone().into_iter().map(|v| {
                        let changed = v.changed.iter().map(|s| lang.t(s.label())).collect::<Vec<_>>().join(", ");
                        let ente = ente.clone();
                        view! {
                            <tr class:table-active=v.version == doc.version>
                                <td><a href=format!("{base}?{param}={}#{}", v.version, doc.kind.code())>{lang.tf(T::StrategyVersionN, &[("n", &v.version.to_string())])}</a></td>
                                <td>{v.author.clone()}</td>
                                <td>{v.at.clone()}</td>
                                <td>{changed}</td>
                                <td>{v.note.clone()}</td>
                                {external.then(|| if v.published {
                                    view! { <td><span class="badge bg-success">{lang.t(T::PolicyOnline)}</span></td> }.into_any()
                                } else {
                                    view! {
                                        <td>
                                            <ActionForm action=publish>
                                                <input type="hidden" name="ente" value=ente/>
                                                <input type="hidden" name="version" value=v.version/>
                                                <button type="submit" class="btn btn-sm btn-outline-primary">
                                                    {lang.t(T::PolicyPublish)}
                                                    <span class="visually-hidden">" " {lang.tf(T::StrategyVersionN, &[("n", &v.version.to_string())])}</span>
                                                </button>
                                            </ActionForm>
                                        </td>
                                    }.into_any()
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
    .into_any()
}

/// The latest version's texts, for the editor.
fn latest_texts(
    doc: &DocView,
    latest: &DocView,
) -> Vec<(crate::social::strategy::model::Section, String)> {
    doc.kind
        .sections()
        .iter()
        .map(|s| {
            let text = latest
                .sections
                .iter()
                .find(|t| t.section == *s)
                .map(|t| t.source.clone())
                .unwrap_or_default();
            (*s, text)
        })
        .collect()
}

#[component]
fn DocBlock(ente: String, doc: DocView, base: String, param: &'static str) -> impl IntoView {
    let lang = use_lang();
    let old = doc.version != 0 && doc.version < doc.latest;
    view! {
        {old.then(|| view! {
            <div class="alert alert-info" role="status">
                {lang.tf(T::StrategyOldVersion, &[("n", &doc.version.to_string()), ("latest", &doc.latest.to_string())])}
                " " <a href=format!("{base}#{}", doc.kind.code())>{lang.t(T::StrategySeeLatest)}</a>
            </div>
        })}
        <Sections doc=doc.clone()/>
        {(!old).then(|| view! { <DocEditor ente=ente.clone() doc=doc.clone() latest=latest_texts(&doc, &doc)/> })}
        <History ente doc base param/>
    }
}

#[component]
pub fn StrategyPageView() -> impl IntoView {
    let ente = ente_param();
    let version = query_value("versione");
    let page = Resource::new(
        move || (ente(), version.get()),
        |(e, v)| load_strategy(e, v.parse().ok()),
    );
    resource_page(page, |page| view! { <StrategyView page/> })
}

#[component]
fn StrategyView(page: StrategyPage) -> impl IntoView {
    let lang = use_lang();
    let ente = page.ente_slug.clone();
    let saved = query_flag("salvato");
    let save = ServerAction::<SaveObjective>::new();
    let errors = action_error(save);
    follow_destination(save);
    let editing = query_value("obiettivo").get_untracked().parse::<i64>().ok();
    let current = editing.and_then(|id| page.objectives.iter().find(|o| o.id == id).cloned());
    let goals: Vec<(String, String)> = Goal::all()
        .into_iter()
        .map(|g| (g.code().to_string(), lang.t(g.label()).to_string()))
        .collect();
    let channels: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::EditorialAllChannels).to_string()))
            .chain(
                page.channels
                    .iter()
                    .map(|c| (c.id.to_string(), c.name.clone())),
            )
            .collect();
    let base = format!("/gestione/{ente}/social/strategia");
    let o = current.clone();
    view! {
        <WorkShell place=page.ente_name.clone() title=lang.t(T::StrategyTitle) links=links(lang, &ente)>
            <h1>{lang.t(T::StrategyTitle)}</h1>
            <p>{lang.t(T::StrategyIntro)}</p>
            {move || saved.get().then(|| view! { <Notice text=T::StrategySaved/> })}
            <section aria-labelledby="strategy-title" id="strategy">
                <h2 id="strategy-title" class="h4 visually-hidden">{lang.t(T::StrategyTitle)}</h2>
                <DocBlock ente=ente.clone() doc=page.doc.clone() base=base.clone() param="versione"/>
            </section>
            <section aria-labelledby="obiettivi-title" id="obiettivi" class="mt-4">
                <h2 id="obiettivi-title" class="h4">{lang.t(T::StrategyObjectives)}</h2>
                {if page.objectives.is_empty() {
                    view! { <EmptyState text=T::StrategyNoObjectives/> }.into_any()
                } else {
                    view! {
                        <div class="table-responsive">
                            <table class="table piazza-objectives">
                                <thead><tr>
                                    <th scope="col">{lang.t(T::StrategyObjective)}</th>
                                    <th scope="col">{lang.t(T::StrategyGoal)}</th>
                                    <th scope="col">{lang.t(T::EditorialChannel)}</th>
                                    <th scope="col">{lang.t(T::StrategyTarget)}</th>
                                    <th scope="col">{lang.t(T::StrategyDeadline)}</th>
                                    <th scope="col">{lang.t(T::StrategyProgress)}</th>
                                </tr></thead>
                                <tbody>
                                    {page.objectives.iter().map(|o| {
                                        let pct = o.progress.unwrap_or(0.0).clamp(0.0, 100.0);
                                        view! {
                                            <tr class:text-muted=!o.active>
                                                <td><a href=format!("{base}?obiettivo={}#objective-form", o.id)>{o.title.clone()}</a></td>
                                                <td>{lang.t(o.goal.label())}</td>
                                                <td>{if o.channel.is_empty() { lang.t(T::EditorialAllChannels).to_string() } else { o.channel.clone() }}</td>
                                                <td>{lang.decimal(o.target)}</td>
                                                <td>{o.deadline.clone()}</td>
                                                <td>
                                                    {match (o.current, o.progress) {
                                                        (Some(c), Some(p)) => view! {
                                                            <div class="progress" role="progressbar" aria-label=o.title.clone()
                                                                aria-valuenow=pct aria-valuemin="0" aria-valuemax="100">
                                                                <div class="progress-bar" style=format!("width: {pct}%")></div>
                                                            </div>
                                                            <small>{lang.tf(T::StrategyProgressText, &[("current", &lang.decimal(c)), ("p", &lang.decimal(p))])}</small>
                                                        }.into_any(),
                                                        _ => view! { <small>{lang.t(T::StrategyNoData)}</small> }.into_any(),
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }}
                <h3 class="h5" id="objective-form">{if o.is_some() { lang.t(T::StrategyEditObjective) } else { lang.t(T::StrategyAddObjective) }}</h3>
                <ActionForm action=save attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="objective" errors/>
                    <input type="hidden" name="ente" value=ente.clone()/>
                    {o.as_ref().map(|o| view! { <input type="hidden" name="id" value=o.id/> })}
                    <Field form="objective" name="title" label=T::StrategyObjective required=true maxlength=200 errors value=o.as_ref().map(|o| o.title.clone()).unwrap_or_default() help=T::StrategyObjectiveHelp/>
                    <div class="row">
                        <div class="col-12 col-md-6">
                            <SelectField form="objective" name="goal" label=T::StrategyGoal errors options=goals selected=o.as_ref().map(|o| o.goal.code().to_string()).unwrap_or_default()/>
                        </div>
                        <div class="col-12 col-md-6">
                            <SelectField form="objective" name="channel" label=T::EditorialChannel errors options=channels selected=o.as_ref().and_then(|o| o.channel_id).map(|c| c.to_string()).unwrap_or_default()/>
                        </div>
                        <div class="col-12 col-md-6">
                            <Field form="objective" name="target" label=T::StrategyTarget required=true errors value=o.as_ref().map(|o| o.target.to_string()).unwrap_or_default() help=T::StrategyTargetHelp/>
                        </div>
                        <div class="col-12 col-md-6">
                            <Field form="objective" name="deadline" kind="date" label=T::StrategyDeadline required=true errors value=o.as_ref().map(|o| o.deadline_input.clone()).unwrap_or_default()/>
                        </div>
                    </div>
                    <CheckField form="objective" name="active" value="1" errors checked=o.as_ref().is_none_or(|o| o.active)>
                        {lang.t(T::StrategyActive)}
                    </CheckField>
                    <Submit action=save label=T::StrategySaveObjective/>
                </ActionForm>
            </section>
            {(!page.changes.is_empty()).then(|| view! {
                <section aria-labelledby="changes" class="mt-4">
                    <h2 id="changes" class="h5">{lang.t(T::StrategyChanges)}</h2>
                    <ul class="small">
                        {page.changes.iter().map(|c| view! { <li>{c.at.clone()} " · " {c.who.clone()} " · " {c.what.clone()}</li> }).collect_view()}
                    </ul>
                </section>
            })}
        </WorkShell>
    }
}

#[component]
pub fn PolicyPageView() -> impl IntoView {
    let ente = ente_param();
    let internal = query_value("interna");
    let external = query_value("esterna");
    let page = Resource::new(
        move || (ente(), internal.get(), external.get()),
        |(e, i, x)| load_policy(e, i.parse().ok(), x.parse().ok()),
    );
    resource_page(page, |page| view! { <PolicyView page/> })
}

#[component]
fn PolicyView(page: PolicyPage) -> impl IntoView {
    let lang = use_lang();
    let ente = page.ente_slug.clone();
    let saved = query_flag("salvato");
    let published = query_flag("pubblicata");
    let base = format!("/gestione/{ente}/social/policy");
    view! {
        <WorkShell place=page.ente_name.clone() title=lang.t(T::PolicyTitle) links=links(lang, &ente)>
            <h1>{lang.t(T::PolicyTitle)}</h1>
            <p>{lang.t(T::PolicyIntro)}</p>
            {move || saved.get().then(|| view! { <Notice text=T::StrategySaved/> })}
            {move || published.get().then(|| view! { <Notice text=T::PolicyPublished/> })}
            <section aria-labelledby="policy_internal-title" id="policy_internal" class="mb-5">
                <h2 id="policy_internal-title" class="h4">{lang.t(T::PolicyInternal)}</h2>
                <p class="small">{lang.t(T::PolicyInternalHelp)}</p>
                <DocBlock ente=ente.clone() doc=page.internal.clone() base=base.clone() param="interna"/>
            </section>
            <section aria-labelledby="policy_external-title" id="policy_external">
                <h2 id="policy_external-title" class="h4">{lang.t(T::PolicyExternal)}</h2>
                <p class="small">{lang.t(T::PolicyExternalHelp)}</p>
                {page.external.published.map(|v| view! {
                    <p>
                        <span class="badge bg-success">{lang.tf(T::PolicyOnlineVersion, &[("n", &v.to_string())])}</span>
                        " " <a href=crate::ente::model::social_policy_path(&ente)>{lang.t(T::PolicySeePublic)}</a>
                    </p>
                })}
                <DocBlock ente=ente.clone() doc=page.external.clone() base=base.clone() param="esterna"/>
            </section>
        </WorkShell>
    }
}

/// `/{ente}/social-media-policy`
#[component]
pub fn PublicPolicyPage() -> impl IntoView {
    let ente = ente_param();
    let page = Resource::new(ente, load_public_policy);
    resource_page(page, |page| view! { <PublicPolicyView page/> })
}

#[component]
fn PublicPolicyView(page: PublicPolicy) -> impl IntoView {
    let lang = use_lang();
    let brand = crate::ente::brand::ente_brand(&page.frame, lang);
    let ente = page.frame.ente.clone();
    let title = lang.t(T::PolicyPublicTitle);
    view! {
        <PublicLayout brand title=title>
            <Breadcrumbs trail=vec![(ente.name.clone(), format!("/{}", ente.slug))] current=title/>
            <h1 class="mb-2">{title}</h1>
            <p class="small">{lang.tf(T::PolicyPublicAbout, &[("ente", &ente.name), ("n", &page.version.to_string()), ("date", &page.published)])}</p>
            <div class="piazza-legal">
                {page.sections.into_iter().filter(|s| !s.source.is_empty()).map(|s| view! {
                    <section class="mb-4">
                        <h2 class="h4">{lang.t(s.section.label())}</h2>
                        <div class="piazza-post-body" inner_html=s.html></div>
                    </section>
                }).collect_view()}
            </div>
        </PublicLayout>
    }
}
