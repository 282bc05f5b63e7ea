//! Grids of cards that lead to the pages of a section (the model's category cards):
//! the link holds only the title, as AgID's validator reads it; a line about the
//! page and a count sit beside it.

use leptos::prelude::*;

/// One card: where it leads, its title, what it says, how many things it holds
/// (shown when given), and the `data-element` the model gives such a link.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryCard {
    pub title: String,
    pub href: String,
    pub blurb: String,
    pub count: Option<String>,
    pub element: &'static str,
}

/// `level` is the cards' heading level: 2 right under the page's title, 3 under a
/// section's heading.
#[component]
pub fn CategoryCards(items: Vec<CategoryCard>, #[prop(default = 2)] level: u8) -> impl IntoView {
    view! {
        <div class="row g-4 mb-5">
            {items
                .into_iter()
                .map(|c| view! {
                    <div class="col-12 col-md-6 col-lg-4">
                        <div class="card card-teaser shadow rounded h-100">
                            <div class="card-body">
                                <a class="text-decoration-none" href=c.href data-element=c.element>
                                    {match level {
                                        3 => view! { <h3 class="card-title h5">{c.title}</h3> }.into_any(),
                                        _ => view! { <h2 class="card-title h5">{c.title}</h2> }.into_any(),
                                    }}
                                </a>
                                <p class="card-text">{c.blurb}</p>
                                {c.count.map(|n| view! { <p class="card-text small text-muted mb-0">{n}</p> })}
                            </div>
                        </div>
                    </div>
                })
                .collect_view()}
        </div>
    }
}

/// A list of links to pages of one kind, each with a line about it, marked with the
/// `data-element` the model gives such a link; right under the page's title.
#[component]
pub fn LinkCards(items: Vec<(String, String, String)>, element: &'static str) -> impl IntoView {
    view! {
        <div class="row g-4">
            {items
                .into_iter()
                .map(|(title, href, blurb)| view! {
                    <div class="col-12 col-md-6 col-lg-4">
                        <div class="card card-bg h-100">
                            <div class="card-body">
                                <h2 class="card-title h5">
                                    <a href=href data-element=element>{title}</a>
                                </h2>
                                <p class="card-text">{blurb}</p>
                            </div>
                        </div>
                    </div>
                })
                .collect_view()}
        </div>
    }
}
