//! How an uploaded file is shown in a page.

use super::model::FileView;
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
