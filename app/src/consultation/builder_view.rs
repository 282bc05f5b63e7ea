//! The questionnaire tab: every section and question with its own small form. Each
//! change is one server function (it works without JavaScript); with it, the page
//! reloads its data in place.

use super::server::{
    AddQuestion, AddSection, DeleteQuestion, DeleteSection, Editor, MoveQuestion, SaveQuestion,
    SaveSection,
};
use crate::components::dialog::ConfirmSubmit;
use crate::components::form::{action_error, ErrorSummary, Submit};
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use crate::questionnaire::edit::{kind_label, KINDS};
use crate::questionnaire::model::{Choice, Kind, Question};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The builder's actions, created once by the page so that their results survive the
/// reload of the editor's data.
#[derive(Clone, Copy)]
pub struct BuilderActions {
    add: ServerAction<AddQuestion>,
    save: ServerAction<SaveQuestion>,
    moved: ServerAction<MoveQuestion>,
    delete: ServerAction<DeleteQuestion>,
    add_section: ServerAction<AddSection>,
    save_section: ServerAction<SaveSection>,
    delete_section: ServerAction<DeleteSection>,
}

impl BuilderActions {
    pub fn new() -> BuilderActions {
        BuilderActions {
            add: ServerAction::new(),
            save: ServerAction::new(),
            moved: ServerAction::new(),
            delete: ServerAction::new(),
            add_section: ServerAction::new(),
            save_section: ServerAction::new(),
            delete_section: ServerAction::new(),
        }
    }

    /// Changes whenever any of them completes.
    pub fn version(self) -> usize {
        self.add.version().get()
            + self.save.version().get()
            + self.moved.version().get()
            + self.delete.version().get()
            + self.add_section.version().get()
            + self.save_section.version().get()
            + self.delete_section.version().get()
    }

    /// The last error of any of them.
    fn errors(self) -> Signal<Option<AppError>> {
        let all = [
            action_error(self.add),
            action_error(self.moved),
            action_error(self.delete),
            action_error(self.add_section),
            action_error(self.delete_section),
        ];
        Signal::derive(move || all.iter().find_map(|e| e.get()))
    }
}

impl Default for BuilderActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The consultation a form is about: (ente, slug), copied into every form.
type Keys = StoredValue<(String, String)>;

fn hidden(keys: Keys) -> impl IntoView {
    keys.with_value(|(ente, slug)| {
        view! {
            <input type="hidden" name="ente" value=ente.clone()/>
            <input type="hidden" name="slug" value=slug.clone()/>
        }
    })
}

#[component]
pub fn Builder(editor: Editor, actions: BuilderActions) -> impl IntoView {
    let lang = use_lang();
    let c = editor.consultation.clone();
    let keys: Keys = StoredValue::new((c.ente_slug.clone(), c.slug.clone()));
    if c.responses > 0 {
        return view! { <div class="alert alert-info" role="status">{lang.t(T::ConsultationHasAnswers)}</div> <ReadOnly editor/> }.into_any();
    }
    let errors = actions.errors();
    let kinds: Vec<(String, String)> = KINDS
        .iter()
        .map(|k| (k.to_string(), lang.t(kind_label(k)).to_string()))
        .collect();
    let sections = c.questionnaire.sections.clone();
    let section_count = sections.len().max(1);
    view! {
        <ErrorSummary form="builder" errors/>
        {(!editor.problems.is_empty()).then(|| view! {
            <div class="alert alert-warning" role="status">
                <p class="mb-1">{lang.t(T::ConsultationNotReady)}</p>
                <ul class="mb-0">
                    {editor.problems.iter().map(|(q, t)| view! { <li>{if q.is_empty() { String::new() } else { format!("{q}: ") }}{lang.t(*t)}</li> }).collect_view()}
                </ul>
            </div>
        })}
        {sections.into_iter().enumerate().map(|(i, s)| {
            let questions = s.questions.clone();
            let editor = editor.clone();
            view! {
                <section class="card card-bg mb-4 piazza-builder-section">
                    <div class="card-body">
                        <ActionForm action=actions.save_section attr:class="piazza-form">
                            {hidden(keys)}
                            <input type="hidden" name="section" value=i.to_string()/>
                            <div class="form-group">
                                <label for=format!("s{i}-title") class="active">{lang.tf(T::BuilderSectionTitle, &[("n", &(i + 1).to_string())])}</label>
                                <input id=format!("s{i}-title") name="title" class="form-control" value=s.title.clone() maxlength="200"/>
                            </div>
                            <div class="form-group">
                                <label for=format!("s{i}-description") class="active">{lang.t(T::BuilderSectionDescription)}</label>
                                <input id=format!("s{i}-description") name="description" class="form-control" value=s.description.clone() maxlength="2000"/>
                            </div>
                            <Submit action=actions.save_section label=T::BuilderSaveSection class="btn btn-outline-primary btn-sm"/>
                        </ActionForm>
                        {questions.is_empty().then(|| view! {
                            <ActionForm action=actions.delete_section attr:class="mt-2">
                                {hidden(keys)}
                                <input type="hidden" name="section" value=i.to_string()/>
                                <button type="submit" class="btn btn-link btn-sm p-0">{lang.t(T::BuilderDeleteSection)}</button>
                            </ActionForm>
                        })}
                        {questions.into_iter().map(|q| view! { <QuestionEditor q editor=editor.clone() actions/> }).collect_view()}
                    </div>
                </section>
            }
        }).collect_view()}
        <section class="card card-bg mb-4" aria-labelledby="add-question">
            <div class="card-body">
                <h2 id="add-question" class="h5">{lang.t(T::BuilderAddQuestion)}</h2>
                <ActionForm action=actions.add attr:class="row g-2 align-items-end">
                    {hidden(keys)}
                    <div class="col-12 col-md-5">
                        <label for="add-kind" class="form-label">{lang.t(T::BuilderKind)}</label>
                        <select id="add-kind" name="kind" class="form-select">
                            {kinds.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="col-12 col-md-4">
                        <label for="add-section" class="form-label">{lang.t(T::BuilderInSection)}</label>
                        <select id="add-section" name="section" class="form-select">
                            {(0..section_count).map(|i| {
                                let selected = i + 1 == section_count;
                                view! { <option value=i.to_string() selected=selected>{(i + 1).to_string()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="col-12 col-md-3">
                        <Submit action=actions.add label=T::BuilderAdd/>
                    </div>
                </ActionForm>
                <ActionForm action=actions.add_section attr:class="mt-3">
                    {hidden(keys)}
                    <input type="hidden" name="title" value=""/>
                    <button type="submit" class="btn btn-outline-primary btn-sm">{lang.t(T::BuilderAddSection)}</button>
                </ActionForm>
            </div>
        </section>
    }
    .into_any()
}

fn lines(choices: &[Choice]) -> String {
    choices
        .iter()
        .map(|c| c.label.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
fn QuestionEditor(q: Question, editor: Editor, actions: BuilderActions) -> impl IntoView {
    let lang = use_lang();
    let c = &editor.consultation;
    let keys: Keys = StoredValue::new((c.ente_slug.clone(), c.slug.clone()));
    let id = q.id.clone();
    let qid = StoredValue::new(q.id.clone());
    let save_errors = action_error(actions.save);
    let field_error = move |field: &'static str| {
        move || {
            save_errors
                .get()
                .and_then(|e| qid.with_value(|id| e.field_message(&format!("{id}-{field}"), lang)))
        }
    };
    let f = move |name: &str| qid.with_value(|id| format!("{id}-{name}"));
    let conditions = editor.conditions.get(&id).cloned().unwrap_or_default();
    let current_condition = q
        .show_if
        .as_ref()
        .map(|c| format!("{}={}", c.question, c.value))
        .unwrap_or_default();
    let (options_text, rows_text, min, max, min_label, max_label, max_len, integer) = match &q.kind
    {
        Kind::SingleChoice { options } | Kind::Ranking { options } => (
            Some(lines(options)),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
        Kind::MultipleChoice { options, min, max } => (
            Some(lines(options)),
            None,
            Some(min.map(|m| m.to_string()).unwrap_or_default()),
            Some(max.map(|m| m.to_string()).unwrap_or_default()),
            None,
            None,
            None,
            None,
        ),
        Kind::Rating {
            min,
            max,
            min_label,
            max_label,
        } => (
            None,
            None,
            Some(min.to_string()),
            Some(max.to_string()),
            Some(min_label.clone()),
            Some(max_label.clone()),
            None,
            None,
        ),
        Kind::Matrix { rows, scale } => (
            Some(lines(scale)),
            Some(lines(rows)),
            None,
            None,
            None,
            None,
            None,
            None,
        ),
        Kind::ShortText { max_len } | Kind::LongText { max_len } => (
            None,
            None,
            None,
            None,
            None,
            None,
            Some(max_len.to_string()),
            None,
        ),
        Kind::Number { min, max, integer } => (
            None,
            None,
            Some(min.map(|m| m.to_string()).unwrap_or_default()),
            Some(max.map(|m| m.to_string()).unwrap_or_default()),
            None,
            None,
            None,
            Some(*integer),
        ),
        _ => (None, None, None, None, None, None, None, None),
    };
    let options_label = if matches!(q.kind, Kind::Matrix { .. }) {
        T::BuilderScale
    } else {
        T::BuilderOptions
    };
    let text_input = move |name: &'static str, label: T, value: String| {
        let fid = f(name);
        let problem = field_error(name);
        view! {
            <div class="form-group">
                <label for=fid.clone() class="active">{lang.t(label)}</label>
                <input id=fid name=name class="form-control" value=value/>
                <div class="invalid-feedback d-block" aria-live="polite">{problem}</div>
            </div>
        }
    };
    let area = move |name: &'static str, label: T, value: String| {
        let fid = f(name);
        let problem = field_error(name);
        view! {
            <div class="form-group">
                <label for=fid.clone() class="active">{lang.t(label)}</label>
                <textarea id=fid name=name class="form-control" rows="4">{crate::text::raw_text(&value)}</textarea>
                <small class="form-text">{lang.t(T::BuilderOnePerLine)}</small>
                <div class="invalid-feedback d-block" aria-live="polite">{problem}</div>
            </div>
        }
    };
    let question_title = format!("{} · {}", q.id, lang.t(kind_label(q.kind.code())));
    let delete_question = lang.tf(T::BuilderDeleteQuestion, &[("id", &q.id)]);
    view! {
        <article class="border-top pt-3 mt-3 piazza-builder-question" id=format!("builder-{}", q.id)>
            <h3 class="h6">{question_title}</h3>
            <ActionForm action=actions.save attr:class="piazza-form">
                {hidden(keys)}
                <input type="hidden" name="question" value=qid.get_value()/>
                {text_input("label", T::BuilderLabel, q.label.clone())}
                {text_input("help", T::BuilderHelp, q.help.clone())}
                {options_text.map(|t| area("options", options_label, t))}
                {rows_text.map(|t| area("rows", T::BuilderRows, t))}
                {min.map(|v| text_input("min", T::BuilderMin, v))}
                {max.map(|v| text_input("max", T::BuilderMax, v))}
                {min_label.map(|v| text_input("min_label", T::BuilderMinLabel, v))}
                {max_label.map(|v| text_input("max_label", T::BuilderMaxLabel, v))}
                {max_len.map(|v| text_input("max_len", T::BuilderMaxLen, v))}
                {integer.map(|checked| view! {
                    <div class="form-check">
                        <input type="checkbox" id=f("integer") name="integer" value="si" checked=checked/>
                        <label for=f("integer")>{lang.t(T::BuilderInteger)}</label>
                    </div>
                })}
                <div class="form-check">
                    <input type="checkbox" id=f("required") name="required" value="si" checked=q.required/>
                    <label for=f("required")>{lang.t(T::BuilderRequired)}</label>
                </div>
                {(!conditions.is_empty()).then(|| {
                    let fid = f("show_if");
                    let problem = field_error("show_if");
                    view! {
                        <div class="select-wrapper form-group">
                            <label for=fid.clone() class="active">{lang.t(T::BuilderShowIf)}</label>
                            <select id=fid name="show_if">
                                <option value="">{lang.t(T::BuilderAlways)}</option>
                                {conditions.into_iter().map(|(v, l)| {
                                    let selected = v == current_condition;
                                    view! { <option value=v selected=selected>{l}</option> }
                                }).collect_view()}
                            </select>
                            <div class="invalid-feedback d-block" aria-live="polite">{problem}</div>
                        </div>
                    }
                })}
                <Submit action=actions.save label=T::BuilderSaveQuestion class="btn btn-primary btn-sm"/>
            </ActionForm>
            <div class="d-flex gap-2 mt-2">
                {["su", "giu"].map(|dir| view! {
                    <ActionForm action=actions.moved>
                        {hidden(keys)}
                        <input type="hidden" name="question" value=qid.get_value()/>
                        <input type="hidden" name="direction" value=dir/>
                        <button type="submit" class="btn btn-outline-secondary btn-xs">
                            {lang.t(if dir == "su" { T::BuilderMoveUp } else { T::BuilderMoveDown })}
                        </button>
                    </ActionForm>
                }).collect_view()}
                <ActionForm action=actions.delete>
                    {hidden(keys)}
                    <input type="hidden" name="question" value=qid.get_value()/>
                    <ConfirmSubmit label=T::BuilderDelete question=format!("{delete_question}?") confirm=T::BuilderDelete class="btn btn-outline-danger btn-xs" aria_label=delete_question.clone()/>
                </ActionForm>
            </div>
        </article>
    }
}

/// Once someone has answered, the questions are only shown.
#[component]
fn ReadOnly(editor: Editor) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="piazza-builder-readonly">
            {editor.consultation.questionnaire.questions().map(|q| view! {
                <li><strong>{q.label.clone()}</strong>" · "{lang.t(kind_label(q.kind.code()))}</li>
            }).collect_view()}
        </ol>
    }
}
