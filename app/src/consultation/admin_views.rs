//! The operators' pages: `/gestione/{ente}/consultazioni` (the list and a new one) and
//! `/gestione/{ente}/consultazioni/{slug}` with three tabs: details, questionnaire,
//! results.

use super::model::{Participation, Phase};
use super::server::{
    load_admin_list, load_editor, AdminList, CreateConsultation, Editor, RemoveFile, SaveDetails,
    SetPhase,
};
use crate::components::form::{
    action_error, CheckField, ErrorSummary, Field, Notice, SelectField, Submit,
};
use crate::components::layout::resource_page;
use crate::components::nav::{query_flag, query_value};
use crate::components::shell::{SideLink, WorkShell};
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The sidebar of consultation pages: back to the ente's dashboard and the list.
pub fn links(lang: Lang, ente: &str) -> Vec<SideLink> {
    vec![
        SideLink {
            href: format!("/gestione/{ente}"),
            label: lang.t(T::WorkOverview).into(),
        },
        SideLink {
            href: format!("/gestione/{ente}/consultazioni"),
            label: lang.t(T::ConsultationsTitle).into(),
        },
        SideLink {
            href: format!("/{ente}/consultazioni"),
            label: lang.t(T::WorkPublicSite).into(),
        },
    ]
}

pub fn phase_badge(lang: Lang, phase: Phase) -> impl IntoView {
    let class = match phase {
        Phase::Draft => "badge bg-secondary",
        Phase::Scheduled => "badge bg-info text-dark",
        Phase::Open => "badge bg-success",
        Phase::Closed => "badge bg-dark",
        Phase::Results => "badge bg-primary",
    };
    view! { <span class=class>{lang.t(phase.label())}</span> }
}

#[component]
pub fn AdminListPage() -> impl IntoView {
    let params = use_params_map();
    let ente = move || params.read().get("ente").unwrap_or_default();
    let list = Resource::new(ente, load_admin_list);
    resource_page(list, |list| view! { <AdminListView list/> })
}

#[component]
fn AdminListView(list: AdminList) -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateConsultation>::new();
    let errors = action_error(create);
    crate::components::nav::follow_destination(create);
    let slug = list.ente_slug.clone();
    view! {
        <WorkShell place=list.ente_name.clone() title=lang.t(T::ConsultationsTitle) links=links(lang, &slug)>
            <h1>{lang.t(T::ConsultationsTitle)}</h1>
            {if list.items.is_empty() {
                view! { <EmptyState text=T::ConsultationsEmpty/> }.into_any()
            } else {
                view! {
                    <div class="table-responsive mb-5">
                        <table class="table piazza-consultations">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.t(T::ConsultationTitleField)}</th>
                                    <th scope="col">{lang.t(T::WorkModuleState)}</th>
                                    <th scope="col">{lang.t(T::ConsultationOpens)}</th>
                                    <th scope="col">{lang.t(T::ConsultationCloses)}</th>
                                    <th scope="col">{lang.t(T::ConsultationResponses)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.items.into_iter().map(|c| view! {
                                    <tr>
                                        <td><a href=format!("/gestione/{slug}/consultazioni/{}?scheda=dettagli", c.slug)>{c.title}</a></td>
                                        <td>{phase_badge(lang, c.phase)}</td>
                                        <td>{c.opens}</td>
                                        <td>{c.closes}</td>
                                        <td>{lang.number(c.responses)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            <section aria-labelledby="new-consultation">
                <h2 id="new-consultation" class="h4">{lang.t(T::ConsultationNew)}</h2>
                <ActionForm action=create attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="new" errors/>
                    <input type="hidden" name="ente" value=list.ente_slug.clone()/>
                    <Field form="new" name="title" label=T::ConsultationTitleField required=true maxlength=200 errors/>
                    <Submit action=create label=T::ConsultationCreate/>
                </ActionForm>
            </section>
        </WorkShell>
    }
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("ente").unwrap_or_default(),
            p.get("slug").unwrap_or_default(),
        )
    };
    let tab = query_value("scheda");
    let actions = super::builder_view::BuilderActions::new();
    let details = ServerAction::<SaveDetails>::new();
    let phase = ServerAction::<SetPhase>::new();
    let remove_file = ServerAction::<RemoveFile>::new();
    let editor = Resource::new(
        move || {
            (
                key(),
                actions.version(),
                details.version().get(),
                phase.version().get(),
                remove_file.version().get(),
                // A new tab renders the page again (with the data of the moment).
                tab.get(),
            )
        },
        |((ente, slug), ..)| load_editor(ente, slug),
    );
    let results = super::results_view::results_resource(key);
    let text_actions = super::discussion_admin_views::AdminActions::new();
    let moderation = super::discussion_admin_views::moderation_resource(key, text_actions);
    resource_page(editor, move |editor| {
        let lang = use_lang();
        let c = editor.consultation.clone();
        let base = format!("/gestione/{}/consultazioni/{}", c.ente_slug, c.slug);
        let current = tab.get_untracked();
        let tabs = [
            ("dettagli", T::ConsultationTabDetails),
            ("questionario", T::ConsultationTabQuestions),
            ("testo", T::DiscussionTab),
            ("risultati", T::ConsultationTabResults),
        ];
        let body = match current.as_str() {
            "questionario" => view! { <super::builder_view::Builder editor=editor.clone() actions/> }.into_any(),
            "testo" => view! { <super::discussion_admin_views::TextTab moderation actions=text_actions ente=c.ente_slug.clone() slug=c.slug.clone()/> }.into_any(),
            "risultati" => view! { <super::results_view::ResultsTab results ente=c.ente_slug.clone() slug=c.slug.clone()/> }.into_any(),
            _ => view! { <Details editor=editor.clone() action=details phase remove_file/> }.into_any(),
        };
        view! {
            <WorkShell place=editor.ente_name.clone() title=c.title.clone() links=links(lang, &c.ente_slug)>
                <p class="mb-1"><a href=format!("/gestione/{}/consultazioni", c.ente_slug)>{lang.t(T::ConsultationsTitle)}</a></p>
                <h1 class="mb-2">{c.title.clone()}</h1>
                <p>{phase_badge(lang, c.phase)} " " {lang.tf(T::ConsultationResponsesCount, &[("count", &lang.number(c.responses))])}</p>
                <nav aria-label=lang.t(T::ConsultationTabs)>
                    <ul class="nav nav-tabs mb-4">
                        {tabs.into_iter().map(|(key, label)| {
                            let active = current == key || (current.is_empty() && key == "dettagli");
                            view! {
                                <li class="nav-item">
                                    <a class="nav-link" class:active=active aria-current=active.then_some("page") href=format!("{base}?scheda={key}")>
                                        {lang.t(label)}
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </nav>
                {body}
            </WorkShell>
        }
    })
}

#[component]
fn Details(
    editor: Editor,
    action: ServerAction<SaveDetails>,
    phase: ServerAction<SetPhase>,
    remove_file: ServerAction<RemoveFile>,
) -> impl IntoView {
    let lang = use_lang();
    let errors = action_error(action);
    let phase_errors = action_error(phase);
    let c = editor.consultation.clone();
    let participation: Vec<(String, String)> = Participation::ALL
        .iter()
        .map(|p| (p.code().to_string(), lang.t(p.label()).to_string()))
        .collect();
    let mut communities = vec![(
        String::new(),
        lang.t(T::ConsultationNoCommunityChosen).to_string(),
    )];
    communities.extend(editor.communities.clone());
    let saved = query_flag("salvato");
    let done = crate::components::form::action_done(action);
    let comuni: Vec<(String, String, bool)> = editor
        .comuni
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone(), c.comuni.contains(id)))
        .collect();
    let topics: Vec<(String, String, bool)> = editor
        .topics
        .iter()
        .map(|t| {
            (
                t.slug.clone(),
                t.name(lang).to_string(),
                c.topics.contains(&t.slug),
            )
        })
        .collect();
    let files = view! { <Files consultation=c.clone() remove=remove_file/> };
    let (ente, slug) = (c.ente_slug.clone(), c.slug.clone());
    let (ente2, slug2) = (ente.clone(), slug.clone());
    let phase_part = match c.phase {
        Phase::Draft => view! {
            <p>{lang.t(T::ConsultationDraftHelp)}</p>
            <PhaseButton ente=ente.clone() slug=slug.clone() to="publish" label=T::ConsultationPublish action=phase/>
        }
        .into_any(),
        Phase::Scheduled | Phase::Open if c.responses == 0 => view! {
            <PhaseButton ente=ente.clone() slug=slug.clone() to="withdraw" label=T::ConsultationWithdraw action=phase/>
        }
        .into_any(),
        Phase::Closed | Phase::Results => view! {
            <ActionForm action=phase attr:class="piazza-form">
                <input type="hidden" name="ente" value=ente2/>
                <input type="hidden" name="slug" value=slug2/>
                <input type="hidden" name="to" value="results"/>
                <div class="form-group">
                    <label for="phase-outcome" class="active">{lang.t(T::ConsultationOutcome)}</label>
                    <textarea id="phase-outcome" name="outcome" class="form-control" rows="6">{crate::text::raw_text(&c.outcome.clone())}</textarea>
                </div>
                <Submit action=phase label=T::ConsultationPublishResults/>
            </ActionForm>
        }
        .into_any(),
        _ => view! { <p>{lang.t(T::ConsultationOpenHelp)}</p> }.into_any(),
    };
    view! {
        {move || (saved.get() || done.get()).then(|| view! { <Notice text=T::ConsultationSaved/> })}
        <section class="mb-5" aria-labelledby="phase-title">
            <h2 id="phase-title" class="h4">{lang.t(T::ConsultationPhaseTitle)}</h2>
            <ErrorSummary form="phase" errors=phase_errors/>
            {phase_part}
        </section>
        {files}
        <section aria-labelledby="details-title">
            <h2 id="details-title" class="h4">{lang.t(T::ConsultationTabDetails)}</h2>
            <ActionForm action=action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="details" errors/>
                <input type="hidden" name="ente" value=ente.clone()/>
                <input type="hidden" name="slug" value=slug.clone()/>
                <Field form="details" name="title" label=T::ConsultationTitleField required=true maxlength=200 value=c.title.clone() errors/>
                <Field form="details" name="summary" label=T::ConsultationSummary maxlength=500 value=c.summary.clone() errors/>
                <div class="form-group">
                    <label for="details-body" class="active">{lang.t(T::ConsultationBody)}</label>
                    <textarea id="details-body" name="body" class="form-control" rows="8">{crate::text::raw_text(&c.body.clone())}</textarea>
                </div>
                <div class="row">
                    <div class="col-12 col-md-6">
                        <Field form="details" name="opens" kind="datetime-local" label=T::ConsultationOpens required=true value=c.opens_input.clone() errors/>
                    </div>
                    <div class="col-12 col-md-6">
                        <Field form="details" name="closes" kind="datetime-local" label=T::ConsultationCloses required=true value=c.closes_input.clone() errors/>
                    </div>
                </div>
                <SelectField form="details" name="participation" label=T::ConsultationWho options=participation selected=c.participation.code() errors/>
                <fieldset class="mb-4">
                    <legend class="h6">{lang.t(T::ConsultationComuni)}</legend>
                    <p class="form-text">{lang.t(T::ConsultationComuniHelp)}</p>
                    {comuni.into_iter().map(|(id, name, checked)| {
                        view! { <CheckField form="details" name="comuni[]" value=id checked errors>{name}</CheckField> }
                    }).collect_view()}
                </fieldset>
                <SelectField form="details" name="community" label=T::ConsultationCommunity options=communities selected=editor.community.clone() errors/>
                <CheckField form="details" name="anonymous" value="si" checked=c.anonymous_results errors>{lang.t(T::ConsultationAnonymous)}</CheckField>
                <fieldset class="mb-4">
                    <legend class="h6">{lang.t(T::AccountTopics)}</legend>
                    <div class="piazza-topics">
                        {topics.into_iter().map(|(slug, name, checked)| {
                            view! { <CheckField form="details" name="topics[]" value=slug checked errors>{name}</CheckField> }
                        }).collect_view()}
                    </div>
                </fieldset>
                <Submit action label=T::ConsultationSave/>
            </ActionForm>
        </section>
    }
}

#[component]
fn PhaseButton(
    ente: String,
    slug: String,
    to: &'static str,
    label: T,
    action: ServerAction<SetPhase>,
) -> impl IntoView {
    view! {
        <ActionForm action>
            <input type="hidden" name="ente" value=ente/>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="to" value=to/>
            <Submit action label/>
        </ActionForm>
    }
}

/// The cover and the documents: what is there (each with a remove button) and a plain
/// multipart form to upload more (it works the same with and without JavaScript).
#[component]
fn Files(
    consultation: super::model::Consultation,
    remove: ServerAction<RemoveFile>,
) -> impl IntoView {
    let lang = use_lang();
    let c = consultation;
    let problem = query_value("errore");
    let uploaded = query_flag("caricato");
    let action = format!("/gestione/{}/consultazioni/{}/file", c.ente_slug, c.slug);
    let remove_button = {
        let (ente, slug) = (c.ente_slug.clone(), c.slug.clone());
        move |token: String| {
            let (ente, slug) = (ente.clone(), slug.clone());
            view! {
                <ActionForm action=remove attr:class="d-inline">
                    <input type="hidden" name="ente" value=ente/>
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="btn btn-outline-danger btn-xs">{lang.t(T::ConsultationFileRemove)}</button>
                </ActionForm>
            }
        }
    };
    let remove_cover = remove_button.clone();
    let roles = vec![
        (
            "attachment".to_string(),
            lang.t(T::ConsultationFileAttachment).to_string(),
        ),
        (
            "cover".to_string(),
            lang.t(T::ConsultationFileCover).to_string(),
        ),
    ];
    view! {
        <section id="file" class="mb-5" aria-labelledby="files-title">
            <h2 id="files-title" class="h4">{lang.t(T::ConsultationFilesTitle)}</h2>
            {move || crate::upload::model::problem_of(&problem.get()).map(|t| view! {
                <div class="alert alert-danger" role="alert"><p class="mb-0">{lang.t(t)}</p></div>
            })}
            {move || uploaded.get().then(|| view! { <Notice text=T::ConsultationFileUploaded/> })}
            {(c.cover.is_none() && c.attachments.is_empty()).then(|| view! { <p class="text-muted">{lang.t(T::ConsultationNoFiles)}</p> })}
            {c.cover.clone().map(|f| view! {
                <div class="d-flex align-items-center gap-3 mb-3 piazza-cover-admin">
                    <img src=f.url() alt=f.label.clone() class="piazza-thumb"/>
                    <span>{lang.tf(T::ConsultationCoverAlt, &[("alt", &f.label)])}</span>
                    {remove_cover(f.token.clone())}
                </div>
            })}
            {(!c.attachments.is_empty()).then(|| view! {
                <ul class="list-unstyled piazza-attachments">
                    {c.attachments.clone().into_iter().map(|f| view! {
                        <li class="mb-2">
                            <a href=f.url()>{if f.label.is_empty() { f.name.clone() } else { f.label.clone() }}</a>
                            " " <span class="small text-muted">"(" {f.describe(lang)} ")"</span> " "
                            {remove_button(f.token.clone())}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <form method="post" enctype="multipart/form-data" action=action class="piazza-form mt-3">
                <p class="form-text" id="file-help">{lang.t(T::ConsultationFilesHelp)}</p>
                <div class="select-wrapper mb-4">
                    <label for="file-role">{lang.t(T::ConsultationFileRole)}</label>
                    <select id="file-role" name="role" class="form-select">
                        {roles.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label for="file-label" class="active">{lang.t(T::ConsultationFileLabel)}</label>
                    <input id="file-label" name="label" type="text" class="form-control" maxlength="300"/>
                </div>
                <div class="mb-4">
                    <label for="file-file" class="form-label d-block">{lang.t(T::ConsultationFileChoose)}</label>
                    <input id="file-file" name="file" type="file" class="form-control" aria-describedby="file-help"
                        accept=".pdf,.odt,.ods,.docx,.xlsx,.csv,.txt,.png,.jpg,.jpeg,.webp,.gif"/>
                </div>
                <button type="submit" class="btn btn-primary">{lang.t(T::ConsultationFileUpload)}</button>
            </form>
        </section>
    }
}
