//! Who a page belongs to (`Brand`: the deployment, or an ente with its menu, contacts
//! and footer links) and the icons of Bootstrap Italia's sprite sheet.

use crate::i18n::{Lang, T};
use leptos::prelude::*;

const SPRITES: &str = "/vendor/bootstrap-italia/svg/sprites.svg";

/// A Bootstrap Italia icon from the sprite sheet served by Piazza.
#[component]
pub fn Icon(name: &'static str, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <svg
            class=format!("icon {class}")
            aria-hidden="true"
            inner_html=format!("<use href=\"{SPRITES}#{name}\"></use>")
        ></svg>
    }
}

/// A link of the header or the footer, with the `data-element` the model gives it
/// (AgID's validator finds the menu, the FAQ, the legal notes… by it), or none.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub element: Option<&'static str>,
}

impl Link {
    pub fn new(label: impl Into<String>, href: impl Into<String>) -> Link {
        Link {
            label: label.into(),
            href: href.into(),
            element: None,
        }
    }

    /// A link the model names by its `data-element`.
    pub fn marked(
        label: impl Into<String>,
        href: impl Into<String>,
        element: &'static str,
    ) -> Link {
        Link {
            label: label.into(),
            href: href.into(),
            element: Some(element),
        }
    }
}

/// Who the page belongs to: the deployment, or one ente and its aggregation.
#[derive(Clone, Debug, PartialEq)]
pub struct Brand {
    pub name: String,
    pub tagline: String,
    pub href: String,
    /// The ente's emblem (a path on this site), shown instead of the generic icon.
    pub logo: Option<String>,
    /// The aggregation (Unione) the ente belongs to: name and link.
    pub parent: Option<(String, String)>,
    pub contacts: Vec<(T, String)>,
    /// The main menu.
    pub menu: Vec<Link>,
    /// The second row of the menu (all topics, the modules beyond the model's four).
    pub secondary: Vec<Link>,
    /// Where the header's search form goes, on sites that have one.
    pub search: Option<String>,
    /// The footer's links (privacy, accessibility…).
    pub legal: Vec<Link>,
    /// The ente whose pages carry the model's feedback widget (its URL name).
    pub feedback: Option<String>,
    /// Feeds that follow the site, named in every page's head as
    /// `<link rel="alternate">`: (media type, title, path).
    pub feeds: Vec<(&'static str, String, String)>,
}

impl Brand {
    /// The deployment itself, on pages that belong to no ente.
    pub fn platform(lang: Lang) -> Brand {
        Brand {
            name: lang.t(T::AppName).to_string(),
            tagline: lang.t(T::AppTagline).to_string(),
            href: "/".to_string(),
            logo: None,
            parent: None,
            contacts: Vec::new(),
            menu: vec![Link::new(lang.t(T::NavAllEnti), "/")],
            secondary: Vec::new(),
            search: None,
            legal: vec![
                Link::new(lang.t(T::FooterPrivacy), "/privacy"),
                Link::new(lang.t(T::FooterAccessibility), "/accessibilita"),
            ],
            feedback: None,
            feeds: Vec::new(),
        }
    }
}
