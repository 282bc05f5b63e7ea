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
    /// The main menu: (label, path).
    pub menu: Vec<(String, String)>,
    /// Where the header's search form goes, on sites that have one.
    pub search: Option<String>,
    /// The footer's links (privacy, accessibility…): (label, path).
    pub legal: Vec<(String, String)>,
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
            menu: vec![(lang.t(T::NavAllEnti).to_string(), "/".to_string())],
            search: None,
            legal: vec![
                (lang.t(T::FooterPrivacy).to_string(), "/privacy".to_string()),
                (
                    lang.t(T::FooterAccessibility).to_string(),
                    "/accessibilita".to_string(),
                ),
            ],
            feeds: Vec::new(),
        }
    }
}
