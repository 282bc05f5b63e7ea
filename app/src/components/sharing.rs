//! What a public page tells link previews and search engines: Open Graph and its
//! description, its canonical address (`SharingMeta`), and schema.org data as
//! JSON-LD (`JsonLd`).

use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use leptos_meta::{Link, Meta};

/// Open Graph (`og:type` is `kind`: article, website…), the description, the
/// Twitter card and the canonical address (`url`, absolute).
#[component]
pub fn SharingMeta(
    kind: &'static str,
    title: String,
    description: String,
    url: String,
    site: String,
    #[prop(default = None)] image: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    view! {
        <Meta property="og:type" content=kind/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=url.clone()/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:locale" content=if lang == Lang::It { "it_IT" } else { "en_GB" }/>
        {image.map(|i| view! { <Meta property="og:image" content=i/> })}
        <Meta name="twitter:card" content=card/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=url/>
    }
}

/// schema.org data as JSON-LD, with `<` escaped so that no text can close the script;
/// `element` is the `data-element` the model gives it (`metatag` on a service).
#[component]
pub fn JsonLd(
    data: serde_json::Value,
    #[prop(optional)] element: Option<&'static str>,
) -> impl IntoView {
    let text = data.to_string().replace('<', "\\u003c");
    view! { <script type="application/ld+json" data-element=element inner_html=text></script> }
}
