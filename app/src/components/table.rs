//! Tables shown a page at a time: the pager (plain links, so it works without
//! JavaScript) and the empty state.

use crate::i18n::{use_lang, T};
use leptos::prelude::*;

/// `base` with `page=n` added to its query string.
fn page_href(base: &str, n: i64) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}page={n}")
}

/// Previous / "page x of y" / next, as a navigation landmark.
#[component]
pub fn Pager(
    page: i64,
    pages: i64,
    /// The list's address with its filters, without `page`.
    base: String,
) -> impl IntoView {
    let lang = use_lang();
    if pages <= 1 {
        return ().into_any();
    }
    let prev = (page > 1).then(|| page_href(&base, page - 1));
    let next = (page < pages).then(|| page_href(&base, page + 1));
    let (no_prev, no_next) = (prev.is_none(), next.is_none());
    view! {
        <nav class="pagination-wrapper piazza-pager" aria-label=lang.t(T::PagerLabel)>
            <ul class="pagination">
                <li class="page-item" class:disabled=no_prev>
                    {match prev {
                        Some(href) => view! { <a class="page-link" href=href>{lang.t(T::PagerPrevious)}</a> }.into_any(),
                        None => view! { <span class="page-link">{lang.t(T::PagerPrevious)}</span> }.into_any(),
                    }}
                </li>
                <li class="page-item">
                    <span class="page-link" aria-current="page">
                        {lang.tf(T::PagerPosition, &[("page", &page.to_string()), ("pages", &pages.to_string())])}
                    </span>
                </li>
                <li class="page-item" class:disabled=no_next>
                    {match next {
                        Some(href) => view! { <a class="page-link" href=href>{lang.t(T::PagerNext)}</a> }.into_any(),
                        None => view! { <span class="page-link">{lang.t(T::PagerNext)}</span> }.into_any(),
                    }}
                </li>
            </ul>
        </nav>
    }
    .into_any()
}

/// The sort a list's query string asks for: (column key, descending).
pub fn sort_from_query() -> Signal<(String, bool)> {
    let key = crate::components::nav::query_value("ordina");
    let dir = crate::components::nav::query_value("verso");
    Signal::derive(move || (key.get(), dir.get() == "desc"))
}

/// A column header that sorts the list through the query string
/// (`?ordina=key&verso=asc|desc`): a link, so it works without JavaScript too.
#[component]
pub fn SortHeader(key: &'static str, label: T, base: String) -> impl IntoView {
    let lang = use_lang();
    let sort = sort_from_query();
    let active = move || sort.get().0 == key;
    let desc = move || active() && sort.get().1;
    let href = move || {
        let sep = if base.contains('?') { '&' } else { '?' };
        let dir = if active() && !desc() { "desc" } else { "asc" };
        format!("{base}{sep}ordina={key}&verso={dir}")
    };
    let aria = move || active().then(|| if desc() { "descending" } else { "ascending" });
    let arrow = move || match (active(), desc()) {
        (false, _) => "↕",
        (true, false) => "↑",
        (true, true) => "↓",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <a class="piazza-sort" href=href>
                {lang.t(label)}
                " "
                <span aria-hidden="true">{arrow}</span>
            </a>
        </th>
    }
}

/// Sorts rows by the column the query string names, with a key per column.
pub fn sort_rows<R>(rows: &mut [R], sort: &(String, bool), key: impl Fn(&R, &str) -> String) {
    if sort.0.is_empty() {
        return;
    }
    rows.sort_by_cached_key(|r| key(r, &sort.0).to_lowercase());
    if sort.1 {
        rows.reverse();
    }
}

/// What a list shows when it has nothing.
#[component]
pub fn EmptyState(text: T) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="text-muted piazza-empty">{lang.t(text)}</p> }
}

#[cfg(test)]
mod tests {
    use super::page_href;

    #[test]
    fn page_links_keep_the_filters() {
        assert_eq!(page_href("/admin/posta", 2), "/admin/posta?page=2");
        assert_eq!(
            page_href("/admin/posta?status=sent", 3),
            "/admin/posta?status=sent&page=3"
        );
    }
}
