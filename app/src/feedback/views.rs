//! The model's feedback widget, on every page of an ente's site (placed by the
//! public layout, through `components::layout::FeedbackSlot`), and the operators'
//! page of what visitors said.
//!
//! The widget follows the model's markup, whose `data-element`s AgID's validator
//! clicks and reads: the stars are radio buttons, and the follow-up questions appear
//! by CSS alone (`style/main.css`, `:has`), at once and on any later click, with or
//! without the wasm. The form is a plain POST; the wasm only keeps the page.

use super::model::{Answer, PageScore, DETAIL_MAX_CHARS};
use super::server::{load_feedback, FeedbackResults, RatePage};
use crate::components::brand::Icon;
use crate::components::chart::{Bar, BarChart};
use crate::components::form::{action_done, action_error, ErrorSummary, Notice, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::query_flag;
use crate::components::nav::route_param;
use crate::components::shell::{SideLink, WorkShell};
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn FeedbackWidget(ente: String) -> impl IntoView {
    let lang = use_lang();
    let path = use_location().pathname.get_untracked();
    let action = ServerAction::<RatePage>::new();
    let done = action_done(action);
    let thanked = query_flag("valutazione");
    let errors = action_error(action);
    let (ente, path) = (StoredValue::new(ente), StoredValue::new(path));
    view! {
        <section id="piazza-feedback" class="piazza-feedback container my-5" aria-labelledby="piazza-feedback-title">
            <div class="card shadow card-wrapper" data-element="feedback">
                <div class="card-body">
                    <h2 id="piazza-feedback-title" class="h4" data-element="feedback-title">{lang.t(T::FeedbackTitle)}</h2>
                    <Show when=move || !(done.get() || thanked.get()) fallback=move || view! { <Notice text=T::FeedbackThanks/> }>
                        <ActionForm action>
                            <input type="hidden" name="ente" value=ente.get_value()/>
                            <input type="hidden" id="feedback-pagina" name="pagina" value=path.get_value()/>
                            <ErrorSummary form="feedback" errors/>
                            <Stars lang/>
                            <div class="piazza-feedback-more">
                                <Answers lang good=true/>
                                <Answers lang good=false/>
                                <div class="form-group mt-3">
                                    <label for="feedback-dettagli" class="active">{lang.t(T::FeedbackDetail)}</label>
                                    <input id="feedback-dettagli" type="text" name="dettagli" class="form-control"
                                        maxlength=DETAIL_MAX_CHARS.to_string() data-element="feedback-input-text"
                                        aria-describedby="feedback-dettagli-help"/>
                                    <small id="feedback-dettagli-help" class="form-text">{lang.t(T::FeedbackDetailHelp)}</small>
                                </div>
                                <Submit action label=T::FeedbackSend/>
                            </div>
                        </ActionForm>
                    </Show>
                </div>
            </div>
        </section>
    }
}

/// One to five stars, each a radio button with its label (the model's marks).
#[component]
fn Stars(lang: Lang) -> impl IntoView {
    view! {
        <fieldset id="feedback-voto" class="piazza-rating">
            <legend class="visually-hidden">{lang.t(T::FeedbackStarsLegend)}</legend>
            {(1..=5u8).map(|i| {
                let id = format!("piazza-star-{i}");
                view! {
                    <input type="radio" id=id.clone() name="voto" value=i.to_string()/>
                    <label class="piazza-star" for=id data-element=format!("feedback-rate-{i}")>
                        <Icon name="it-star-full" class="icon-lg"/>
                        <span class="visually-hidden">{lang.tf(T::FeedbackStars, &[("n", &i.to_string())])}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The model's follow-up question and answers of one side: after a good rating or
/// after a poor one.
#[component]
fn Answers(lang: Lang, good: bool) -> impl IntoView {
    let (element, question, name, answers) = if good {
        (
            "feedback-rating-positive",
            T::FeedbackPositiveQuestion,
            "positivo",
            Answer::POSITIVE,
        )
    } else {
        (
            "feedback-rating-negative",
            T::FeedbackNegativeQuestion,
            "negativo",
            Answer::NEGATIVE,
        )
    };
    view! {
        <fieldset id=format!("feedback-{name}") class="piazza-feedback-answers mt-3" data-element=element>
            <legend class="h6"><span data-element="feedback-rating-question">{lang.t(question)}</span></legend>
            {answers.into_iter().map(|a| {
                let id = format!("piazza-feedback-{}", a.code());
                view! {
                    <div class="form-check">
                        <input class="form-check-input" type="radio" id=id.clone() name=name value=a.code()/>
                        <label class="form-check-label" for=id data-element="feedback-rating-answer">{lang.t(a.label())}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// `/gestione/{ente}/valutazioni`: what visitors said of each page.
#[component]
pub fn FeedbackResultsPage() -> impl IntoView {
    let ente = route_param("ente");
    let data = Resource::new(ente, load_feedback);
    resource_page(data, |results| view! { <Results results/> })
}

#[component]
fn Results(results: FeedbackResults) -> impl IntoView {
    let lang = use_lang();
    let FeedbackResults {
        ente_slug,
        ente_name,
        pages,
    } = results;
    let links = vec![
        SideLink {
            href: format!("/gestione/{ente_slug}"),
            label: lang.t(T::WorkOverview).into(),
        },
        SideLink {
            href: format!("/gestione/{ente_slug}/valutazioni"),
            label: lang.t(T::FeedbackResultsTitle).into(),
        },
        SideLink {
            href: format!("/{ente_slug}"),
            label: lang.t(T::WorkPublicSite).into(),
        },
    ];
    let mut all = PageScore::default();
    for p in &pages {
        for (total, n) in all.stars.iter_mut().zip(p.stars) {
            *total += n;
        }
    }
    let bars: Vec<Bar> = (1..=5)
        .zip(all.stars)
        .map(|(s, n)| Bar {
            label: lang.tf(T::FeedbackStars, &[("n", &s.to_string())]),
            value: n as f64,
        })
        .collect();
    let summary = lang.tf(
        T::FeedbackSummary,
        &[
            ("count", &lang.number(all.count())),
            ("average", &lang.decimal(all.average())),
        ],
    );
    view! {
        <WorkShell place=ente_name title=lang.t(T::FeedbackResultsTitle) links>
            <h1>{lang.t(T::FeedbackResultsTitle)}</h1>
            <p class="lead">{summary}</p>
            {if pages.is_empty() {
                view! { <p class="text-muted">{lang.t(T::FeedbackNone)}</p> }.into_any()
            } else {
                view! {
                    <BarChart title=lang.t(T::FeedbackByStars) bars/>
                    <PageTable pages/>
                }.into_any()
            }}
        </WorkShell>
    }
}

#[component]
fn PageTable(pages: Vec<PageScore>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-responsive mt-4">
            <table class="table">
                <caption>{lang.t(T::FeedbackByPage)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.t(T::FeedbackPage)}</th>
                        <th scope="col" class="text-end">{lang.t(T::FeedbackCount)}</th>
                        <th scope="col" class="text-end">{lang.t(T::FeedbackAverage)}</th>
                        <th scope="col">{lang.t(T::FeedbackAnswers)}</th>
                        <th scope="col">{lang.t(T::FeedbackDetails)}</th>
                    </tr>
                </thead>
                <tbody>
                    {pages.into_iter().map(|p| view! {
                        <tr>
                            <th scope="row"><a href=p.path.clone()>{p.path.clone()}</a></th>
                            <td class="text-end">{lang.number(p.count())}</td>
                            <td class="text-end">{lang.decimal(p.average())}</td>
                            <td>{p.answers.iter().map(|(a, n)| format!("{} ({n})", lang.t(a.label()))).collect::<Vec<_>>().join("; ")}</td>
                            <td><ul class="list-unstyled mb-0">{p.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
