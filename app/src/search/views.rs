//! How a search result's excerpt is shown: the words that matched in `<mark>`, the
//! rest as text (never as HTML).

use super::model::marked;
use leptos::prelude::*;

#[component]
pub fn Excerpt(text: String) -> impl IntoView {
    marked(&text)
        .into_iter()
        .map(|(hit, piece)| {
            if hit {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
