//! Form pieces every module uses: fields with their label, help and error; an error
//! summary at the top of a form; success notices. Errors come from the server
//! function's `AppError`, with JavaScript (the action's value) or without it (the
//! router hands the error of a plain form post back to the same action).

use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The error of the last submission of a server action, if it failed.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// Whether the last submission of a server action succeeded.
pub fn action_done<S>(action: ServerAction<S>) -> Signal<bool>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || matches!(action.value().get(), Some(Ok(_))))
}

/// Counts the action's successful submissions. A resource keyed on it loads again
/// after a change, not after a refusal, which would redraw the form and lose what
/// was typed next to its error.
pub fn successes<S>(action: ServerAction<S>) -> Signal<usize>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let count = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            count.update(|n| *n += 1);
        }
    });
    count.into()
}

/// Counts the action's refused submissions: a resource keyed on it loads again to
/// show why (what the server kept of the refusal), not after a success that
/// leaves the page.
pub fn failures<S>(action: ServerAction<S>) -> Signal<usize>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let count = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Err(_))) {
            count.update(|n| *n += 1);
        }
    });
    count.into()
}

/// The name a field's errors are reported under (`topics[]` → `topics`).
fn field_key(name: &str) -> &str {
    name.trim_end_matches("[]")
}

/// The id of a field's input (forms on one page use different `form` prefixes).
pub(crate) fn field_id(form: &str, name: &str) -> String {
    format!("{form}-{}", name.replace(['[', ']'], ""))
}

/// A labelled input with its help text and its error, announced to screen readers.
#[component]
pub fn Field(
    /// The form this field belongs to (for unique ids on pages with several forms).
    form: &'static str,
    name: &'static str,
    label: T,
    errors: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] help: Option<T>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let id = field_id(form, name);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let problem = move || {
        errors
            .get()
            .and_then(|e| e.field_message(field_key(name), lang))
    };
    let described = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if help.is_some() {
                ids.push(help_id.clone());
            }
            if problem().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group piazza-field">
            <label for=id.clone() class="active">
                {lang.t(label)}
                {required.then(|| view! { <span class="piazza-required" aria-hidden="true">" *"</span> })}
            </label>
            <input
                type=kind
                id=id
                name=name
                class="form-control"
                class:is-invalid=move || problem().is_some()
                value=value
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                required=required
                maxlength=maxlength
                aria-invalid=move || problem().is_some().then_some("true")
                aria-describedby=described
            />
            {help.map(|h| view! { <small id=help_id class="form-text">{lang.t(h)}</small> })}
            <div id=error_id class="invalid-feedback d-block" aria-live="polite">
                {move || problem()}
            </div>
        </div>
    }
}

/// A labelled text area with its help text and its error.
#[component]
pub fn TextArea(
    form: &'static str,
    name: &'static str,
    label: T,
    errors: Signal<Option<AppError>>,
    #[prop(optional)] help: Option<T>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let lang = use_lang();
    let id = field_id(form, name);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let problem = move || {
        errors
            .get()
            .and_then(|e| e.field_message(field_key(name), lang))
    };
    let described = if help.is_some() {
        format!("{help_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="form-group piazza-field">
            <label for=id.clone() class="active">
                {lang.t(label)}
                {required.then(|| view! { <span class="piazza-required" aria-hidden="true">" *"</span> })}
            </label>
            <textarea
                id=id
                name=name
                class="form-control"
                class:is-invalid=move || problem().is_some()
                rows=rows
                required=required
                maxlength=maxlength
                aria-invalid=move || problem().is_some().then_some("true")
                aria-describedby=described
            >{crate::text::raw_text(&value)}</textarea>
            {help.map(|h| view! { <small id=help_id class="form-text">{lang.t(h)}</small> })}
            <div id=error_id class="invalid-feedback d-block" aria-live="polite">
                {move || problem()}
            </div>
        </div>
    }
}

/// A checkbox with its label and error.
#[component]
pub fn CheckField(
    form: &'static str,
    name: &'static str,
    errors: Signal<Option<AppError>>,
    #[prop(into)] value: String,
    #[prop(optional)] checked: bool,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{}-{}", field_id(form, name), value);
    let error_id = format!("{id}-error");
    let problem = move || {
        errors
            .get()
            .and_then(|e| e.field_message(field_key(name), lang))
    };
    view! {
        <div class="form-check piazza-field">
            <input
                type="checkbox"
                id=id.clone()
                name=name
                value=value
                checked=checked
                aria-invalid=move || problem().is_some().then_some("true")
                aria-describedby=error_id.clone()
            />
            <label for=id>{children()}</label>
            <div id=error_id class="invalid-feedback d-block" aria-live="polite">
                {move || problem()}
            </div>
        </div>
    }
}

/// A select with its label and error; `options` are (value, text).
#[component]
pub fn SelectField(
    form: &'static str,
    name: &'static str,
    label: T,
    errors: Signal<Option<AppError>>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] help: Option<T>,
) -> impl IntoView {
    let lang = use_lang();
    let id = field_id(form, name);
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let problem = move || {
        errors
            .get()
            .and_then(|e| e.field_message(field_key(name), lang))
    };
    view! {
        <div class="select-wrapper form-group piazza-field">
            <label for=id.clone() class="active">{lang.t(label)}</label>
            <select
                id=id
                name=name
                class:is-invalid=move || problem().is_some()
                aria-invalid=move || problem().is_some().then_some("true")
                aria-describedby=format!("{error_id} {help_id}")
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is = value == selected;
                        view! { <option value=value selected=is>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {help.map(|h| view! { <small id=help_id.clone() class="form-text">{lang.t(h)}</small> })}
            <div id=error_id class="invalid-feedback d-block" aria-live="polite">
                {move || problem()}
            </div>
        </div>
    }
}

/// At the top of a form: what went wrong, with a link to each field at fault.
#[component]
pub fn ErrorSummary(
    form: &'static str,
    errors: Signal<Option<AppError>>,
    /// The names people know the fields by (field, label), shown before each problem
    /// when the problem alone does not say which field it is about.
    #[prop(optional)]
    labels: Vec<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        errors.get().map(|error| {
            let fields = match &error {
                AppError::Invalid(list) => list.clone(),
                _ => Vec::new(),
            };
            view! {
                <div class="alert alert-danger piazza-error-summary" role="alert" tabindex="-1">
                    <p class="fw-semibold mb-1">{error.message(lang)}</p>
                    {(!fields.is_empty())
                        .then(|| {
                            view! {
                                <ul class="mb-0">
                                    {fields
                                        .into_iter()
                                        .map(|f| {
                                            let href = format!("#{}", field_id(form, &f.field));
                                            let prefix = labels
                                                .iter()
                                                .find(|(field, _)| *field == f.field)
                                                .map(|(_, label)| format!("{label}: "))
                                                .unwrap_or_default();
                                            view! {
                                                <li>
                                                    <a href=href>{prefix}{f.message(lang)}</a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                </div>
            }
        })
    }
}

/// A notice that something went well (role=status, so it is announced).
#[component]
pub fn Notice(text: T, #[prop(optional)] kind: &'static str) -> impl IntoView {
    let lang = use_lang();
    let class = format!(
        "alert alert-{} piazza-notice",
        if kind.is_empty() { "success" } else { kind }
    );
    view! {
        <div class=class role="status">
            <p class="mb-0">{lang.t(text)}</p>
        </div>
    }
}

/// A submit button that says it is working while the action is pending.
#[component]
pub fn Submit<S>(
    action: ServerAction<S>,
    label: T,
    #[prop(optional)] class: &'static str,
) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let lang = use_lang();
    let class = if class.is_empty() {
        "btn btn-primary"
    } else {
        class
    };
    view! {
        <button type="submit" class=class disabled=move || action.pending().get()>
            {move || if action.pending().get() { lang.t(T::FormWorking) } else { lang.t(label) }}
        </button>
    }
}

/// Empties a form once its action succeeds (with JavaScript; a plain post reloads).
pub fn reset_on_success<S>(action: ServerAction<S>, form: NodeRef<leptos::html::Form>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
}
