//! `/gestione/{ente}/social/formazione`: each member of the social team answers the
//! skills questionnaire (the questionnaire engine's form); the team sees the
//! skills-gap matrix against the levels the ente requires, the average gap per
//! skill as a chart, and the training paths suggested.

use crate::components::chart::BarChart;
use crate::components::form::{action_error, ErrorSummary, Notice, SelectField, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_flag};
use crate::components::shell::WorkShell;
use crate::i18n::{use_lang, T};
use crate::questionnaire::form_view::QuestionnaireFields;
use crate::social::frame::{ente_param, links};
use crate::social::paths::training_path;
use crate::social::training::model::{SurveyView, TrainingPage, LEVELS, SKILLS};
use crate::social::training::server::{load_training, AnswerTraining, SetRequired, StartTraining};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The required-level field of each skill, in [`SKILLS`] order.
const LEVEL_FIELDS: [&str; 10] = [
    "levels[s1]",
    "levels[s2]",
    "levels[s3]",
    "levels[s4]",
    "levels[s5]",
    "levels[s6]",
    "levels[s7]",
    "levels[s8]",
    "levels[s9]",
    "levels[s10]",
];

#[component]
pub fn TrainingPageView() -> impl IntoView {
    let ente = ente_param();
    let page = Resource::new(ente, load_training);
    resource_page(page, |page| view! { <TrainingView page/> })
}

#[component]
fn TrainingView(page: TrainingPage) -> impl IntoView {
    let lang = use_lang();
    let ente = page.ente_slug.clone();
    let start = ServerAction::<StartTraining>::new();
    follow_destination(start);
    let start_ente = ente.clone();
    let body = match page.survey {
        None => view! {
            <p>{lang.t(T::TrainingNone)}</p>
            <ActionForm action=start>
                <input type="hidden" name="ente" value=start_ente/>
                <Submit action=start label=T::TrainingStart/>
            </ActionForm>
        }
        .into_any(),
        Some(survey) => view! { <Survey ente=ente.clone() survey/> }.into_any(),
    };
    view! {
        <WorkShell place=page.ente_name.clone() title=lang.t(T::TrainingTitle) links=links(lang, &ente)>
            <h1>{lang.t(T::TrainingTitle)}</h1>
            <p>{lang.t(T::TrainingIntro)}</p>
            {body}
        </WorkShell>
    }
}

#[component]
fn Survey(ente: String, survey: SurveyView) -> impl IntoView {
    let lang = use_lang();
    let answer = ServerAction::<AnswerTraining>::new();
    let errors = action_error(answer);
    follow_destination(answer);
    let required = ServerAction::<SetRequired>::new();
    let required_errors = action_error(required);
    follow_destination(required);
    let answered = query_flag("risposto");
    let saved = query_flag("salvato");
    let level = |l: usize| lang.t(LEVELS[l.min(LEVELS.len() - 1)]);
    let levels: Vec<(String, String)> = LEVELS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                crate::social::training::model::level_id(i),
                lang.t(*t).to_string(),
            )
        })
        .collect();
    let people = survey.people.clone();
    let (answer_ente, required_ente, home) = (ente.clone(), ente.clone(), training_path(&ente));
    view! {
        {move || answered.get().then(|| view! { <Notice text=T::TrainingAnswered/> })}
        {move || saved.get().then(|| view! { <Notice text=T::TrainingRequiredSaved/> })}
        <details class="mb-4 piazza-training-form" open={!survey.answered}>
            <summary class="btn btn-outline-primary">
                {if survey.answered { lang.t(T::TrainingChangeAnswers) } else { lang.t(T::TrainingAnswer) }}
            </summary>
            <ActionForm action=answer attr:class="piazza-form mt-3" attr:novalidate=true>
                <ErrorSummary form="answers" errors/>
                <input type="hidden" name="ente" value=answer_ente/>
                <QuestionnaireFields questionnaire=survey.questionnaire.clone() values=survey.mine.clone() errors/>
                <Submit action=answer label=T::TrainingSend/>
            </ActionForm>
        </details>
        <section aria-labelledby="matrice-title" id="matrice" class="mb-5">
            <h2 id="matrice-title" class="h4">{lang.t(T::TrainingMatrix)}</h2>
            <p>{lang.tf(T::TrainingAnsweredCount, &[("n", &people.len().to_string())])}
                {(!survey.missing.is_empty()).then(|| format!(" {}", lang.tf(T::TrainingMissing, &[("names", &survey.missing.join(", "))])))}
            </p>
            {if people.is_empty() {
                view! { <p>{lang.t(T::TrainingNoAnswers)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-responsive" tabindex="0" role="region" aria-label=lang.t(T::TrainingMatrix)>
                        <table class="table table-sm piazza-skills-matrix">
                            <caption>{lang.t(T::TrainingMatrixCaption)}</caption>
                            <thead><tr>
                                <th scope="col">{lang.t(T::TrainingSkill)}</th>
                                <th scope="col">{lang.t(T::TrainingRequired)}</th>
                                {people.iter().map(|p| view! { <th scope="col">{p.name.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {survey.skills.iter().enumerate().map(|(i, skill)| {
                                    let need = survey.required[i];
                                    view! {
                                        <tr>
                                            <th scope="row">{skill.clone()}</th>
                                            <td>{level(need)}</td>
                                            {people.iter().map(|p| {
                                                let have = p.levels[i];
                                                let gap = have.map(|h| need.saturating_sub(h));
                                                let class = match gap {
                                                    None => "piazza-gap-none",
                                                    Some(0) => "piazza-gap-ok",
                                                    Some(1) => "piazza-gap-one",
                                                    Some(_) => "piazza-gap-big",
                                                };
                                                let text = match (have, gap) {
                                                    (Some(h), Some(0)) => level(h).to_string(),
                                                    (Some(h), Some(g)) => format!("{} ({})", level(h), lang.tf(T::TrainingShort, &[("n", &g.to_string())])),
                                                    _ => "–".to_string(),
                                                };
                                                view! { <td class=class>{text}</td> }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <BarChart title=lang.t(T::TrainingGapChart) bars=survey.gaps.clone()/>
                }
                .into_any()
            }}
        </section>
        <section aria-labelledby="percorsi" class="mb-5">
            <h2 id="percorsi" class="h4">{lang.t(T::TrainingPaths)}</h2>
            {if survey.priorities.is_empty() {
                view! { <p>{lang.t(T::TrainingNoGaps)}</p> }.into_any()
            } else {
                view! {
                    <p>{lang.t(T::TrainingTeamPriorities)}</p>
                    <ul>
                        {survey.priorities.iter().map(|(skill, path)| view! { <li><strong>{skill.clone()}</strong> ": " {lang.t(*path)}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {people.iter().filter(|p| !p.suggestions.is_empty()).map(|p| view! {
                <h3 class="h6 mt-3">{p.name.clone()}</h3>
                <ul class="small">
                    {p.suggestions.iter().map(|(skill, gap, path)| view! {
                        <li>{skill.clone()} " (" {lang.tf(T::TrainingShort, &[("n", &gap.to_string())])} "): " {lang.t(*path)}</li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
        <section aria-labelledby="richiesti">
            <h2 id="richiesti" class="h4">{lang.t(T::TrainingRequiredTitle)}</h2>
            <p class="small">{lang.t(T::TrainingRequiredHelp)}</p>
            <ActionForm action=required attr:class="piazza-form">
                <ErrorSummary form="required" errors=required_errors/>
                <input type="hidden" name="ente" value=required_ente/>
                <div class="row">
                    {SKILLS.iter().enumerate().map(|(i, (_, t))| view! {
                        <div class="col-12 col-md-6 col-xl-4">
                            <SelectField form="required" name=LEVEL_FIELDS[i] label=*t errors=required_errors options=levels.clone()
                                selected=crate::social::training::model::level_id(survey.required[i])/>
                        </div>
                    }).collect_view()}
                </div>
                <Submit action=required label=T::TrainingRequiredSave/>
            </ActionForm>
        </section>
        <p class="mt-4"><a href=home>{lang.t(T::TrainingReload)}</a></p>
    }
}
