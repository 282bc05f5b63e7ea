//! `/{ente}/consultazioni` and `/{ente}/consultazioni/{slug}`: what citizens see and
//! answer. The form posts without JavaScript; with it, it answers in place and keeps a
//! signed-in person's draft as they type.

use super::admin_views::phase_badge;
use super::model::Phase;
use super::public::{load_public, load_public_list, Answer, AnswerState, PublicPage, SaveDraft};
use super::results_view::QuestionResultView;
use crate::components::form::{action_error, ErrorSummary, Submit};
use crate::components::header::Breadcrumbs;
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::{login_href, query_flag, query_value};
use crate::components::table::EmptyState;
use crate::ente::brand::ente_brand;
use crate::i18n::{use_lang, T};
use crate::questionnaire::form_view::QuestionnaireFields;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PublicListPage() -> impl IntoView {
    let params = use_params_map();
    let ente = move || params.read().get("ente").unwrap_or_default();
    let list = Resource::new(ente, load_public_list);
    resource_page(list, |list| {
        let lang = use_lang();
        let slug = list.frame.ente.slug.clone();
        view! {
            <crate::ente::brand::SectionPage frame=list.frame title=T::ConsultationsTitle>
                {if list.items.is_empty() {
                    view! { <EmptyState text=T::ConsultationsPublicEmpty/> }.into_any()
                } else {
                    view! {
                        <div class="row">
                            {list.items.into_iter().map(|c| view! {
                                <div class="col-12 col-md-6 col-lg-4 mb-4">
                                    <article class="card card-bg h-100 piazza-consultation-card">
                                        <div class="card-body">
                                            <p class="category-top">{phase_badge(lang, c.phase)}</p>
                                            <h2 class="card-title h5"><a href=format!("/{slug}/consultazioni/{}", c.slug)>{c.title}</a></h2>
                                            <p class="card-text">{c.summary}</p>
                                            <p class="card-text small">{lang.tf(T::ConsultationUntil, &[("date", &c.closes)])}</p>
                                        </div>
                                    </article>
                                </div>
                            }).collect_view()}
                        </div>
                    }
                    .into_any()
                }}
            </crate::ente::brand::SectionPage>
        }
    })
}

#[component]
pub fn PublicConsultationPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("ente").unwrap_or_default(),
            p.get("slug").unwrap_or_default(),
        )
    };
    let actions = super::discussion_views::PublicActions::new();
    let check = query_flag("verifica");
    let page = Resource::new(
        move || (key(), actions.version(), check.get()),
        |((e, s), _, check)| load_public(e, s, Some(check)),
    );
    resource_page(page, move |page| view! { <PublicView page actions/> })
}

#[component]
fn PublicView(page: PublicPage, actions: super::discussion_views::PublicActions) -> impl IntoView {
    let lang = use_lang();
    let brand = ente_brand(&page.frame, lang);
    let ente = page.frame.ente.clone();
    let c = page.consultation.clone();
    let receipt_param = query_value("ricevuta");
    let answer = ServerAction::<Answer>::new();
    let sent = action_error(answer);
    let kept = page.problems.clone();
    // The answer's problems: of this submission, or of the plain form post before.
    let errors = Signal::derive(move || sent.get().or_else(|| kept.clone()));
    let receipt = move || match answer.value().get() {
        Some(Ok(r)) => Some(r),
        _ => Some(receipt_param.get()).filter(|r| !r.is_empty()),
    };
    let here = format!("/{}/consultazioni/{}", ente.slug, c.slug);
    let state = page.state.clone();
    let form = match state {
        AnswerState::Open => {
            let q = c.questionnaire.clone();
            let labels: Vec<(String, String)> = q.questions().map(|x| (x.id.clone(), x.label.clone())).collect();
            let draft = page.draft.clone();
            let (e, s) = (ente.slug.clone(), c.slug.clone());
            view! {
                <section aria-labelledby="answer-title" class="mb-5" hidden=move || receipt().is_some()>
                        <h2 id="answer-title" class="h3">{lang.t(T::ConsultationAnswerTitle)}</h2>
                        <p class="small">{lang.t(T::ConsultationRequiredNote)}</p>
                        {if q.has_files() {
                            // Files need a multipart form: a plain post, with or without
                            // JavaScript, to the handler that checks and stores them.
                            view! {
                                <form method="post" enctype="multipart/form-data" action=format!("/{e}/consultazioni/{s}/risposta")
                                    class="piazza-form piazza-answer-form" novalidate>
                                    <ErrorSummary form="answers" errors labels=labels.clone()/>
                                    <input type="hidden" name="ticket" value=page.ticket.clone()/>
                                    <QuestionnaireFields questionnaire=q.clone() values=draft.clone() errors/>
                                    <DraftKeeper ente=e.clone() slug=s.clone() signed_in=page.signed_in/>
                                    <button type="submit" class="btn btn-primary">{lang.t(T::ConsultationSend)}</button>
                                </form>
                            }
                            .into_any()
                        } else {
                            view! {
                                <ActionForm action=answer attr:class="piazza-form piazza-answer-form" attr:novalidate=true>
                                    <ErrorSummary form="answers" errors labels=labels.clone()/>
                                    <input type="hidden" name="ente" value=e.clone()/>
                                    <input type="hidden" name="slug" value=s.clone()/>
                                    <input type="hidden" name="ticket" value=page.ticket.clone()/>
                                    <QuestionnaireFields questionnaire=q.clone() values=draft.clone() errors/>
                                    <DraftKeeper ente=e.clone() slug=s.clone() signed_in=page.signed_in/>
                                    <Submit action=answer label=T::ConsultationSend/>
                                </ActionForm>
                            }
                            .into_any()
                        }}
                </section>
            }
            .into_any()
        }
        AnswerState::SignIn => view! {
            <div class="alert alert-info" role="status">
                <p>{lang.t(T::ConsultationSignIn)}</p>
                <a class="btn btn-primary" href=login_href(&here)>{lang.t(T::HeaderLogin)}</a>
            </div>
        }
        .into_any(),
        AnswerState::Verify => view! { <div class="alert alert-warning" role="status"><p class="mb-0">{lang.t(T::ErrorEmailNotVerified)}</p></div> }.into_any(),
        AnswerState::Refused(t) => view! { <div class="alert alert-warning" role="status"><p class="mb-0">{lang.t(t)}</p></div> }.into_any(),
        AnswerState::Answered(r) => view! {
            <div class="alert alert-success" role="status"><p class="mb-0">{lang.tf(T::ConsultationAlreadyWithReceipt, &[("receipt", &r)])}</p></div>
        }
        .into_any(),
        AnswerState::NotOpen => ().into_any(),
    };
    let when = match c.phase {
        Phase::Scheduled => lang.tf(T::ConsultationOpensOn, &[("date", &c.opens)]),
        Phase::Open => lang.tf(T::ConsultationUntil, &[("date", &c.closes)]),
        _ => lang.tf(T::ConsultationClosedOn, &[("date", &c.closes)]),
    };
    view! {
        <PublicLayout brand title=c.title.clone()>
            <Breadcrumbs
                trail=vec![
                    (ente.name.clone(), format!("/{}", ente.slug)),
                    (lang.t(T::ConsultationsTitle).to_string(), format!("/{}/consultazioni", ente.slug)),
                ]
                current=c.title.clone()
            />
            <article>
                <p class="category-top">{phase_badge(lang, c.phase)}" · "{when}</p>
                <h1>{c.title.clone()}</h1>
                <p class="lead">{c.summary.clone()}</p>
                {c.cover.clone().map(|f| view! { <img src=f.url() alt=f.label class="img-fluid mb-4 piazza-cover"/> })}
                {c.body.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                <p class="small">{lang.t(T::ConsultationWho)}": "{lang.t(c.participation.label())}</p>
                {(!c.attachments.is_empty()).then(|| view! {
                    <section aria-labelledby="documents-title" class="mb-4">
                        <h2 id="documents-title" class="h4">{lang.t(T::ConsultationDocuments)}</h2>
                        <ul class="piazza-attachments">
                            {c.attachments.clone().into_iter().map(|f| view! {
                                <li>
                                    <a href=f.url()>{if f.label.is_empty() { f.name.clone() } else { f.label.clone() }}</a>
                                    " " <span class="small">"(" {f.describe(lang)} ")"</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </article>
            {move || receipt().map(|r| view! {
                <div class="alert alert-success piazza-receipt" role="status" tabindex="-1">
                    <h2 class="h4">{lang.t(T::ConsultationThanks)}</h2>
                    <p class="mb-0">{lang.tf(T::ConsultationReceipt, &[("receipt", &r)])}</p>
                </div>
            })}
            {(!page.discussion.is_empty()).then(|| view! {
                <super::discussion_views::DiscussionSection
                    paragraphs=page.discussion.clone()
                    state=page.discussion_state.clone()
                    ente=ente.slug.clone()
                    slug=c.slug.clone()
                    actions
                />
            })}
            {form}
            {page.results.clone().map(|results| view! {
                <section aria-labelledby="outcome-title" class="mt-5">
                    <h2 id="outcome-title" class="h3">{lang.t(T::ConsultationOutcome)}</h2>
                    {c.outcome.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                    <p>{lang.tf(T::ResultsShown, &[("shown", &lang.number(page.total)), ("total", &lang.number(page.total))])}</p>
                    {results.into_iter().map(|q| view! { <QuestionResultView q lang/> }).collect_view()}
                </section>
            })}
        </PublicLayout>
    }
}

/// Saves a signed-in person's draft a moment after they change something (only with
/// JavaScript; without it, a failed submission is what keeps the typing).
#[component]
fn DraftKeeper(ente: String, slug: String, signed_in: bool) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveDraft>::new();
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    #[cfg(not(feature = "hydrate"))]
    let _ = (ente, slug, signed_in);
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
        let handler = move |ev: web_sys::Event| {
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("form").ok().flatten())
                .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let (ente, slug) = (ente.clone(), slug.clone());
            let handle = set_timeout_with_handle(
                move || {
                    let answers = crate::questionnaire::form_view::form_fields(&form);
                    save.dispatch(SaveDraft {
                        ente,
                        slug,
                        answers: Some(answers),
                    });
                },
                std::time::Duration::from_millis(1500),
            )
            .ok();
            pending.set_value(handle);
        };
        if signed_in {
            let listener = window_event_listener(leptos::ev::change, handler);
            on_cleanup(move || listener.remove());
        }
    }
    view! {
        <p class="small text-muted piazza-draft-status" aria-live="polite">
            {move || saved().then(|| lang.t(T::ConsultationDraftSaved))}
        </p>
    }
}
