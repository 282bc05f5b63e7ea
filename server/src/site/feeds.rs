//! `GET /{ente}/notizie/feed.atom` and `…/rss.xml`: the ente's 30 newest news items
//! of every kind, with their summary, full text and topic;
//! `GET /{ente}/comunicati/feed.atom` and `…/rss.xml`: its press releases alone.

use super::section;
use crate::formats::syndication::{self, Entry, Feed};
use crate::formats::xml::paragraphs;
use app::auth::server::RequestInfo;
use app::content::feed_repo::FeedNews;
use app::content::model::NewsKind;
use app::ente::model::Module;
use app::ente::paths::feeds;
use app::i18n::{Lang, T};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;

/// How many news items a feed carries.
const FEED_LENGTH: i64 = 30;

async fn serve(
    state: AppState,
    info: RequestInfo,
    ente: String,
    releases: bool,
    content_type: &'static str,
    write: fn(&Feed<'_>, &[Entry]) -> String,
) -> Result<Response, Response> {
    let frame = section(&state, &info, &ente, Module::Site).await?;
    let e = &frame.ente;
    let now = state.clock.now();
    let kind = NewsKind::Release;
    let news = crate::gate::ok(
        &info,
        app::content::feed_repo::news(&state.db, e.id, releases.then_some(kind), now, FEED_LENGTH)
            .await,
    )?;
    let entries: Vec<Entry> = news
        .into_iter()
        .map(
            |FeedNews {
                 item: n,
                 updated_at,
             }| Entry {
                url: state.link(&format!("/{}/notizie/{}", e.slug, n.slug)),
                html: paragraphs(&n.body),
                author: None,
                category: Some(n.topic),
                published: n.published_at,
                updated: updated_at.max(n.published_at),
                title: n.title,
                summary: n.summary,
            },
        )
        .collect();
    let (name, atom, rss, home) = match releases {
        true => (
            T::NewsReleases,
            feeds::releases_atom(&e.slug),
            feeds::releases_rss(&e.slug),
            kind.path(),
        ),
        false => (
            T::NavNews,
            feeds::news_atom(&e.slug),
            feeds::news_rss(&e.slug),
            NewsKind::News.path(),
        ),
    };
    let title = format!("{} – {}", Lang::It.t(name), e.name);
    let feed = Feed {
        title: &title,
        subtitle: &e.description,
        atom: state.link(&atom),
        rss: state.link(&rss),
        home: state.link(&format!("/{}/{home}", e.slug)),
        author: &e.name,
        now,
    };
    Ok(syndication::response(content_type, write(&feed, &entries)))
}

pub async fn atom(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
) -> Result<Response, Response> {
    serve(
        state,
        info,
        ente,
        false,
        syndication::ATOM,
        syndication::atom,
    )
    .await
}

pub async fn rss(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
) -> Result<Response, Response> {
    serve(state, info, ente, false, syndication::RSS, syndication::rss).await
}

pub async fn releases_atom(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
) -> Result<Response, Response> {
    serve(
        state,
        info,
        ente,
        true,
        syndication::ATOM,
        syndication::atom,
    )
    .await
}

pub async fn releases_rss(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
) -> Result<Response, Response> {
    serve(state, info, ente, true, syndication::RSS, syndication::rss).await
}
