//! A questionnaire drawn as a form. Every input is a plain form field (`answers[q1]`,
//! `answers[q2__o1]`…), so it posts without JavaScript; with it, questions whose
//! condition is not met hide as people answer. Errors appear under each question.

use super::answers::{shown, sub_field};
use super::model::{Kind, Question, Questionnaire};
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The `answers[…]` fields of a form, as the server will read them.
#[cfg(feature = "hydrate")]
pub fn form_fields(form: &web_sys::HtmlFormElement) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    if let Ok(data) = web_sys::FormData::new_with_form(form) {
        if let Ok(Some(entries)) = js_sys::try_iter(&data.entries()) {
            for entry in entries.flatten() {
                let pair = js_sys::Array::from(&entry);
                if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                    if let Some(field) =
                        k.strip_prefix("answers[").and_then(|k| k.strip_suffix(']'))
                    {
                        map.insert(field.to_string(), v);
                    }
                }
            }
        }
    }
    map
}

fn name(field: &str) -> String {
    format!("answers[{field}]")
}

/// The sections and questions, with the values given (a draft, or what was typed).
#[component]
pub fn QuestionnaireFields(
    questionnaire: Questionnaire,
    values: BTreeMap<String, String>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let current = RwSignal::new(values.clone());
    let q_for_shown = questionnaire.clone();
    let visible = Memo::new(move |_| shown(&q_for_shown, &current.get()));
    let values = StoredValue::new(values);
    // Follow the form as it changes (only in the browser, after hydration).
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let form = event_target::<web_sys::HtmlElement>(&ev)
                .closest("form")
                .ok()
                .flatten();
            if let Some(form) = form.and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok()) {
                current.set(form_fields(&form));
            }
        }
        let _ = ev;
    };
    view! {
        <div class="piazza-questionnaire" on:change=on_change>
            {questionnaire
                .sections
                .iter()
                .enumerate()
                .map(|(i, section)| {
                    let heading_id = format!("section-{i}");
                    view! {
                        <section class="mb-5" aria-labelledby=heading_id.clone()>
                            {(!section.title.is_empty()).then(|| view! { <h2 id=heading_id.clone() class="h4">{section.title.clone()}</h2> })}
                            {(!section.description.is_empty()).then(|| view! { <p>{section.description.clone()}</p> })}
                            {section
                                .questions
                                .iter()
                                .map(|q| {
                                    let id = q.id.clone();
                                    let hidden = move || !visible.get().contains(&id);
                                    let condition = q.show_if.as_ref().map(|c| {
                                        let label = questionnaire
                                            .question(&c.question)
                                            .map(|x| x.label.clone())
                                            .unwrap_or_default();
                                        lang.tf(T::AnswerOnlyIf, &[("question", &label)])
                                    });
                                    view! {
                                        <div class="piazza-question mb-4" id=format!("answers-{}", q.id) hidden=hidden tabindex="-1">
                                            <QuestionInput q=q.clone() values=values.get_value() errors condition/>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn QuestionInput(
    q: Question,
    values: BTreeMap<String, String>,
    errors: Signal<Option<AppError>>,
    condition: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let qid = q.id.clone();
    let error_id = format!("{}-error", q.id);
    let help_id = format!("{}-help", q.id);
    let problem = {
        let qid = qid.clone();
        move || errors.get().and_then(|e| e.field_message(&qid, lang))
    };
    let has_problem = {
        let p = problem.clone();
        move || p().is_some()
    };
    let described = format!("{help_id} {error_id}");
    let value = |field: &str| values.get(field).cloned().unwrap_or_default();
    let label = view! {
        <span class="piazza-question-label">
            {q.label.clone()}
            {q.required.then(|| view! { <span class="piazza-required">" *"<span class="visually-hidden">{lang.t(T::AnswerRequiredMark)}</span></span> })}
        </span>
    };
    let help = view! {
        <p id=help_id.clone() class="form-text mb-2">
            {q.help.clone()}
            {condition.map(|c| view! { " " <em class="piazza-only-if">{c}</em> })}
        </p>
    };
    let error = view! {
        <div id=error_id.clone() class="invalid-feedback d-block" aria-live="polite">{problem.clone()}</div>
    };
    let radios = |options: Vec<(String, String)>, selected: String| {
        let qid = qid.clone();
        options
            .into_iter()
            .map(|(v, text)| {
                let input_id = format!("{qid}-{v}");
                let checked = v == selected;
                view! {
                    <div class="form-check form-check-inline">
                        <input type="radio" id=input_id.clone() name=name(&qid) value=v checked=checked/>
                        <label for=input_id>{text}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let body = match q.kind.clone() {
        Kind::SingleChoice { options } => {
            let opts = options.into_iter().map(|o| (o.id, o.label)).collect();
            view! { <div>{radios(opts, value(&qid))}</div> }.into_any()
        }
        Kind::YesNo => {
            let opts = vec![("si".to_string(), lang.t(T::AnswerYes).to_string()), ("no".to_string(), lang.t(T::AnswerNo).to_string())];
            view! { <div>{radios(opts, value(&qid))}</div> }.into_any()
        }
        Kind::Rating { min, max, min_label, max_label } => {
            let opts = (min..=max).map(|v| (v.to_string(), v.to_string())).collect();
            view! {
                <div class="piazza-rating">
                    <span class="small me-2">{min_label}</span>
                    {radios(opts, value(&qid))}
                    <span class="small ms-2">{max_label}</span>
                </div>
            }
            .into_any()
        }
        Kind::MultipleChoice { options, min, max } => {
            let hint = match (min, max) {
                (Some(a), Some(b)) => Some(lang.tf(T::AnswerChooseBetween, &[("min", &a.to_string()), ("max", &b.to_string())])),
                (None, Some(b)) => Some(lang.tf(T::AnswerTooMany, &[("n", &b.to_string())])),
                (Some(a), None) => Some(lang.tf(T::AnswerTooFew, &[("n", &a.to_string())])),
                (None, None) => None,
            };
            view! {
                <div>
                    {hint.map(|h| view! { <p class="small mb-1">{h}</p> })}
                    {options
                        .into_iter()
                        .map(|o| {
                            let field = sub_field(&qid, &o.id);
                            let checked = values.contains_key(&field);
                            let input_id = format!("{qid}-{}", o.id);
                            view! {
                                <div class="form-check">
                                    <input type="checkbox" id=input_id.clone() name=name(&field) value="on" checked=checked/>
                                    <label for=input_id>{o.label}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        Kind::Ranking { options } => {
            let n = options.len();
            view! {
                <div>
                    <p class="small mb-1">{lang.t(T::AnswerRankingHint)}</p>
                    {options
                        .into_iter()
                        .map(|o| {
                            let field = sub_field(&qid, &o.id);
                            let chosen = value(&field);
                            let select_id = format!("{qid}-{}", o.id);
                            view! {
                                <div class="d-flex align-items-center gap-2 mb-2">
                                    <select id=select_id.clone() name=name(&field) class="form-select w-auto">
                                        <option value="">"—"</option>
                                        {(1..=n).map(|p| {
                                            let selected = chosen == p.to_string();
                                            view! { <option value=p.to_string() selected=selected>{p.to_string()}</option> }
                                        }).collect_view()}
                                    </select>
                                    <label for=select_id>{o.label}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        Kind::Matrix { rows, scale } => view! {
            <div class="table-responsive">
                <table class="table table-sm piazza-matrix">
                    <thead>
                        <tr>
                            <td></td>
                            {scale.iter().map(|s| view! { <th scope="col" class="text-center">{s.label.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| {
                                let field = sub_field(&qid, &row.id);
                                let selected = value(&field);
                                let row_label = row.label.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{row.label}</th>
                                        {scale
                                            .iter()
                                            .map(|s| {
                                                let checked = s.id == selected;
                                                let aria = format!("{row_label}: {}", s.label);
                                                view! {
                                                    <td class="text-center">
                                                        <input type="radio" name=name(&field) value=s.id.clone() checked=checked aria-label=aria/>
                                                    </td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
        Kind::ShortText { max_len } => view! {
            <input type="text" id=qid.clone() name=name(&qid) class="form-control" maxlength=max_len value=value(&qid)
                aria-describedby=described.clone() aria-invalid=move || has_problem().then_some("true")/>
        }
        .into_any(),
        Kind::LongText { max_len } => view! {
            <textarea id=qid.clone() name=name(&qid) class="form-control" rows="5" maxlength=max_len
                aria-describedby=described.clone() aria-invalid=move || has_problem().then_some("true")>{crate::text::raw_text(&value(&qid))}</textarea>
        }
        .into_any(),
        Kind::Number { .. } => view! {
            <input type="text" inputmode="decimal" id=qid.clone() name=name(&qid) class="form-control w-auto" value=value(&qid)
                aria-describedby=described.clone() aria-invalid=move || has_problem().then_some("true")/>
        }
        .into_any(),
        Kind::Date { .. } => view! {
            <input type="date" id=qid.clone() name=name(&qid) class="form-control w-auto" value=value(&qid)
                aria-describedby=described.clone() aria-invalid=move || has_problem().then_some("true")/>
        }
        .into_any(),
        Kind::FileUpload { max_bytes, types } => {
            // A file sent before (kept in the draft) stays unless another is chosen.
            let current = value(&qid);
            let formats = types
                .iter()
                .map(|t| crate::upload::model::kind_name(t))
                .collect::<Vec<_>>()
                .join(", ");
            let size = crate::upload::model::size_text(max_bytes as i64, lang);
            view! {
                <input type="hidden" name=name(&qid) value=current.clone()/>
                {(!current.is_empty()).then(|| view! { <p class="small mb-1 piazza-file-kept">{lang.t(T::AnswerFileKept)}</p> })}
                <input type="file" id=qid.clone() name=format!("file[{qid}]") class="form-control" accept=types.join(",")
                    aria-describedby=described.clone() aria-invalid=move || has_problem().then_some("true")/>
                <small class="form-text">{lang.tf(T::AnswerFileFormats, &[("types", &formats), ("size", &size)])}</small>
            }
            .into_any()
        }
    };
    // A single field gets a <label>; groups of inputs get a fieldset with a legend.
    let single = matches!(
        q.kind,
        Kind::ShortText { .. }
            | Kind::LongText { .. }
            | Kind::Number { .. }
            | Kind::Date { .. }
            | Kind::FileUpload { .. }
    );
    if single {
        view! {
            <div class="form-group mb-0">
                <label for=qid.clone() class="active piazza-question-title">{label}</label>
                {help}
                {body}
                {error}
            </div>
        }
        .into_any()
    } else {
        view! {
            <fieldset aria-describedby=described>
                <legend class="piazza-question-title">{label}</legend>
                {help}
                {body}
                {error}
            </fieldset>
        }
        .into_any()
    }
}
