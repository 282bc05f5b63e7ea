//! The box members write in: a reply at the end of a thread, or a new thread with
//! its title. A plain multipart form, with or without JavaScript: the text and up
//! to three files go together; a refusal comes back as `?errore=…` with what was
//! written kept as a draft. With JavaScript the draft is also kept whenever a
//! field loses focus.

use super::model::*;
use super::server::save_draft;
use crate::components::nav::query_value;
use crate::i18n::{use_lang, T};
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn PostBox(
    /// Where the form posts.
    action: String,
    community: String,
    /// The thread replied to; none for a new thread.
    thread: Option<i64>,
    /// See `forum/save-draft`: posts of the thread, or threads the writer started.
    seen: i64,
    /// The kept title of a new thread (none for a reply: no title field).
    title: Option<String>,
    body: String,
    /// The ids' prefix: `reply` or `thread`.
    id: &'static str,
    submit: T,
) -> impl IntoView {
    let lang = use_lang();
    let refused = query_value("errore");
    let title_ref = NodeRef::<html::Input>::new();
    let body_ref = NodeRef::<html::Textarea>::new();
    let (title_id, body_id, files_id) = (
        format!("{id}-title"),
        format!("{id}-body"),
        format!("{id}-files"),
    );
    let keep = move |_| {
        let title = title_ref.get().map(|el| el.value());
        let body = body_ref.get().map(|el| el.value()).unwrap_or_default();
        let community = community.clone();
        leptos::task::spawn_local(async move {
            let _ = save_draft(community, thread, title, body, seen).await;
        });
    };
    // The problem the form came back with, and the field it is about.
    let problem = move || {
        let code = refused.get();
        let field = match code.as_str() {
            "titolo" | "titolo-lungo" => "title",
            "corto" | "troppo" | "chiusa" => "body",
            _ => "files",
        };
        reply_problem(&code).map(|t| (field, lang.t(t)))
    };
    let on =
        move |field: &'static str| move || problem().filter(|(f, _)| *f == field).map(|(_, m)| m);
    let (on_title, on_body, on_files) = (on("title"), on("body"), on("files"));
    let ids = (title_id.clone(), body_id.clone(), files_id.clone());
    let summary = move || {
        problem().map(|(field, message)| {
            let at = match field {
                "title" => &ids.0,
                "body" => &ids.1,
                _ => &ids.2,
            };
            view! {
                <div class="alert alert-danger piazza-error-summary" role="alert" tabindex="-1">
                    <p class="mb-0"><a href=format!("#{at}")>{message}</a></p>
                </div>
            }
        })
    };
    let help = format!("{body_id}-help");
    let files_help = format!("{files_id}-help");
    let (title_error, body_error, files_error) = (
        format!("{title_id}-error"),
        format!("{body_id}-error"),
        format!("{files_id}-error"),
    );
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="piazza-form" novalidate>
            {summary}
            {title.map(|value| view! {
                <div class="form-group piazza-field">
                    <label for=title_id.clone() class="active">{lang.t(T::ForumThreadTitle)}<span class="piazza-required" aria-hidden="true">" *"</span></label>
                    <input type="text" id=title_id.clone() name="title" class="form-control" required
                        maxlength=TITLE_MAX_CHARS.to_string() aria-describedby=title_error.clone()
                        aria-invalid=move || on_title().is_some().then_some("true")
                        node_ref=title_ref on:change=keep.clone() value=value/>
                    <div id=title_error.clone() class="invalid-feedback d-block" aria-live="polite">{on_title}</div>
                </div>
            })}
            <div class="form-group piazza-field">
                <label for=body_id.clone() class="active">{lang.t(T::ForumBody)}<span class="piazza-required" aria-hidden="true">" *"</span></label>
                <textarea id=body_id.clone() name="body" class="form-control" rows="6" required
                    maxlength=BODY_MAX_CHARS.to_string() aria-describedby=format!("{help} {body_error}")
                    aria-invalid=move || on_body().is_some().then_some("true")
                    node_ref=body_ref on:change=keep
                    prop:value=body.clone()>{crate::text::raw_text(&body.clone())}</textarea>
                <small id=help class="form-text">{lang.t(T::ForumMarkdownHelp)}</small>
                <div id=body_error class="invalid-feedback d-block" aria-live="polite">{on_body}</div>
            </div>
            <div class="form-group piazza-field">
                <label for=files_id.clone() class="active">{lang.t(T::FilesAttach)}</label>
                <input type="file" id=files_id name="file" class="form-control" multiple
                    aria-describedby=format!("{files_help} {files_error}")
                    aria-invalid=move || on_files().is_some().then_some("true")/>
                <small id=files_help class="form-text">{lang.t(T::FilesAcceptHelp)}</small>
                <div id=files_error class="invalid-feedback d-block" aria-live="polite">{on_files}</div>
            </div>
            <button type="submit" class="btn btn-primary">{lang.t(submit)}</button>
        </form>
    }
}
