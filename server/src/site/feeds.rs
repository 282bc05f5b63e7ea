//! `GET /{ente}/notizie/feed.atom` and `…/rss.xml`: the ente's 30 newest news items,
//! with their summary, full text and topic.

use super::section;
use crate::formats::syndication::{self, Entry, Feed};
use crate::formats::xml::paragraphs;
use app::auth::server::RequestInfo;
use app::content::feed_repo::FeedNews;
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
    content_type: &'static str,
    write: fn(&Feed<'_>, &[Entry]) -> String,
) -> Result<Response, Response> {
    let frame = section(&state, &info, &ente, Module::Site).await?;
    let e = &frame.ente;
    let now = state.clock.now();
    let news = crate::gate::ok(
        &info,
        app::content::feed_repo::news(&state.db, e.id, now, FEED_LENGTH).await,
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
    let title = format!("{} – {}", Lang::It.t(T::NavNews), e.name);
    let feed = Feed {
        title: &title,
        subtitle: &e.description,
        atom: state.link(&feeds::news_atom(&e.slug)),
        rss: state.link(&feeds::news_rss(&e.slug)),
        home: state.link(&format!("/{}/notizie", e.slug)),
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
    serve(state, info, ente, syndication::ATOM, syndication::atom).await
}

pub async fn rss(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
) -> Result<Response, Response> {
    serve(state, info, ente, syndication::RSS, syndication::rss).await
}
