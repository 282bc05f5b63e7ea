//! How an uploaded file is shown in a page.

use super::model::FileView;
use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// A preview of an image or a PDF; nothing for other documents.
#[component]
pub fn Preview(file: FileView, #[prop(into)] label: String) -> impl IntoView {
    if file.is_image() {
        view! { <img class="piazza-preview img-fluid mb-3" src=file.url() alt=label/> }.into_any()
    } else if file.mime == "application/pdf" {
        view! { <iframe class="piazza-preview-pdf mb-3" src=file.url() title=label></iframe> }
            .into_any()
    } else {
        ().into_any()
    }
}

/// A plain multipart form that sends one image with its alternative text to
/// `action` (fields `file` and `alt`; ids start with `prefix`), with or without the
/// wasm. `help` says what the file may be, when given.
#[component]
pub fn ImageForm(
    #[prop(into)] action: String,
    prefix: &'static str,
    submit: T,
    #[prop(optional)] help: Option<T>,
) -> impl IntoView {
    let lang = use_lang();
    let (file, alt) = (format!("{prefix}-file"), format!("{prefix}-alt"));
    let (file_help, alt_help) = (format!("{prefix}-file-help"), format!("{prefix}-alt-help"));
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="piazza-form">
            <div class="form-group">
                <label for=file.clone() class="active">{lang.t(T::EditorialImageFile)}</label>
                <input type="file" id=file name="file" accept="image/png,image/jpeg,image/webp,image/gif" class="form-control"
                    aria-describedby=help.map(|_| file_help.clone())/>
                {help.map(|h| view! { <small id=file_help.clone() class="form-text">{lang.t(h)}</small> })}
            </div>
            <div class="form-group">
                <label for=alt.clone() class="active">{lang.t(T::EditorialImageAlt)}</label>
                <input type="text" id=alt name="alt" maxlength="300" class="form-control" aria-describedby=alt_help.clone()/>
                <small id=alt_help class="form-text">{lang.t(T::EditorialImageAltHelp)}</small>
            </div>
            <button type="submit" class="btn btn-outline-primary">{lang.t(submit)}</button>
        </form>
    }
}
