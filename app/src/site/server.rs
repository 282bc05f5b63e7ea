//! Server functions of an ente's public site: its home page and its search.

use crate::content::model::{EventCard, NewsCard, Place};
use crate::ente::model::{EnteFrame, EnteRef, Kit};
use crate::error::AppError;
use crate::paging::Paged;
use crate::search::model::Hit;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything shown on an ente's home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnteHome {
    pub frame: EnteFrame,
    pub members: Vec<EnteRef>,
    /// The kit the ente subscribed to.
    pub kit: Kit,
    pub news: Vec<NewsCard>,
    pub events: Vec<EventCard>,
    pub places: Vec<Place>,
    /// For someone signed in who follows topics: what the site holds on them, as
    /// (title, address, when).
    pub for_you: Vec<(String, String, String)>,
    /// Whether the reader follows no topic yet (then the section invites them to).
    pub follows_nothing: bool,
    /// Whether the reader follows this ente (None: nobody is signed in).
    #[serde(default)]
    pub following: Option<bool>,
}

/// The home page of one ente.
#[server(endpoint = "ente/home")]
pub async fn load_ente_home(slug: String) -> Result<EnteHome, AppError> {
    use crate::content::repo as content;
    let (state, frame) = crate::ente::server::public_frame(&slug).await?;
    let db = &state.db;
    let id = frame.ente.id;
    let modules = crate::ente::repo::modules(db, id).await?;
    let now = state.clock.now();
    let actor = crate::auth::server::current_actor();
    let following = match &actor {
        Some(a) => Some(crate::account::follows::follows(db, a.account_id, id).await?),
        None => None,
    };
    let (for_you, follows_nothing) = match actor {
        Some(actor) => {
            let lang = crate::i18n::detect_lang();
            let rows =
                content::on_topics(db, id, content::Interest::Account(actor.account_id), now, 6)
                    .await?;
            let empty = rows.is_empty()
                && crate::account::repo::followed_topics(db, actor.account_id)
                    .await?
                    .is_empty();
            let items = crate::content::model::topic_links(&frame.ente.slug, lang, rows);
            (items, empty)
        }
        None => (Vec::new(), false),
    };
    Ok(EnteHome {
        following,
        for_you,
        follows_nothing,
        members: crate::ente::repo::members(db, id).await?,
        kit: Kit::of(&modules.iter().map(|m| m.module).collect::<Vec<_>>()),
        news: content::latest_news(db, id, now, 6).await?,
        events: crate::content::event_repo::upcoming(db, id, state.clock.now(), 6).await?,
        places: content::places(db, id).await?,
        frame,
    })
}

/// Results per page.
#[cfg(feature = "ssr")]
const PER_PAGE: i64 = 10;

/// The site search's page: the hits, how many of each kind and of each topic
/// matched (the facets), and the kind and topic chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub frame: EnteFrame,
    pub hits: Paged<Hit>,
    pub facets: Vec<(crate::search::model::DocKind, i64)>,
    pub kind: Option<crate::search::model::DocKind>,
    /// (slug, name, count), most results first.
    #[serde(default)]
    pub topics: Vec<(String, String, i64)>,
    /// The topic chosen (its slug).
    #[serde(default)]
    pub topic: Option<String>,
}

/// What an ente's site holds that matches every word of `q`, of one kind (`tipo`)
/// or of all, on one topic (`argomento`) or on any.
#[server(endpoint = "search/ente")]
pub async fn search_ente(
    ente: String,
    q: String,
    page: Option<i64>,
    tipo: Option<String>,
    argomento: Option<String>,
) -> Result<SearchResults, AppError> {
    use crate::search::repo::{counts, search_kinds, By, Filter, Within};
    let (state, frame) = crate::ente::server::public_frame(&ente).await?;
    let (page, limit, offset) = crate::paging::window(page, PER_PAGE);
    let q: String = q.chars().take(200).collect();
    let kinds = shown_kinds(&frame);
    let kind = tipo.and_then(|t| kinds.iter().copied().find(|k| k.code() == t.trim()));
    let vocabulary = crate::account::repo::topics(&state.db).await?;
    let topic = argomento.and_then(|a| vocabulary.iter().find(|t| t.slug == a.trim()));
    let only = kind.map(|k| vec![k]).unwrap_or(kinds.clone());
    let filter = Filter {
        kinds: Some(&only),
        topic: topic.map_or("", |t| t.slug.as_str()),
    };
    let (within, now, db) = (Within::Ente(frame.ente.id), state.clock.now(), &state.db);
    let by_kind = counts(db, within, &q, now, filter, By::Kind).await?;
    let facets = kinds
        .iter()
        .filter_map(|k| {
            let n = by_kind
                .iter()
                .find(|(c, _)| c == k.code())
                .map_or(0, |c| c.1);
            (n > 0).then_some((*k, n))
        })
        .collect();
    let lang = crate::i18n::detect_lang();
    let topics = counts(db, within, &q, now, filter, By::Topic)
        .await?
        .into_iter()
        .filter_map(|(slug, n)| {
            let t = vocabulary.iter().find(|t| t.slug == slug)?;
            Some((slug, t.name(lang).to_string(), n))
        })
        .collect();
    let (items, total) = search_kinds(db, within, filter, &q, now, limit, offset).await?;
    Ok(SearchResults {
        hits: Paged {
            items,
            total,
            page,
            per_page: limit,
        },
        facets,
        kind,
        topics,
        topic: topic.map(|t| t.slug.clone()),
        frame,
    })
}

/// The kinds an ente's search looks among: only what the modules switched on show
/// (the site's kinds, the agenda's events).
#[cfg(feature = "ssr")]
fn shown_kinds(frame: &EnteFrame) -> Vec<crate::search::model::DocKind> {
    use crate::ente::model::Module;
    use crate::search::model::DocKind;
    DocKind::ALL
        .into_iter()
        .filter(|k| match k {
            DocKind::Event => frame.has(Module::Events),
            _ => frame.has(Module::Site),
        })
        .collect()
}
