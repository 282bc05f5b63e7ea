//! Navigation helpers shared by pages.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

/// After a server action that changes who is signed in succeeds, load the page it
/// names in full, so that everything on it is rendered for the new session. (A plain
/// form post was already redirected there by the server.)
pub fn follow_destination<S>(action: ServerAction<S>)
where
    S: ServerFn<Output = String, Error = AppError> + Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(destination)) = action.value().get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().location().set_href(&destination);
            }
            let _ = destination;
        }
    });
}

/// Whether the page's query string has `key` (e.g. `?fatto=1` after a plain form post).
pub fn query_flag(key: &'static str) -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.read().get(key).is_some())
}

/// A part of the route's path (`:ente`, `:slug`…), or empty, as a getter for resources.
pub fn route_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// A query string value, or empty.
pub fn query_value(key: &'static str) -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.read().get(key).unwrap_or_default())
}

/// Percent-encodes a query value (letters, digits and `-_.~` pass through).
pub fn encode_query_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The login page, coming back to `next` afterwards.
pub fn login_href(next: &str) -> String {
    format!("/account/accedi?next={}", encode_query_value(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_links_carry_the_way_back() {
        assert_eq!(
            login_href("/account/invito?token=ab12"),
            "/account/accedi?next=%2Faccount%2Finvito%3Ftoken%3Dab12"
        );
    }
}
