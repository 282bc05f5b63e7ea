//! A community blog's feeds: Atom (`/comunita/{slug}/blog/feed.atom`) and RSS 2.0
//! (`/comunita/{slug}/blog/rss.xml`), the 20 newest published posts with their
//! summary and full text; and a post's cover upload
//! (`POST /comunita/{slug}/blog/{post}/copertina`).

use super::enter;
use crate::formats::syndication::{self, Entry, Feed};
use crate::gate::{self, Login};
use crate::upload::Back;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::blog::model::{blog_path, post_path};
use app::community::model::CommunityRef;
use app::state::AppState;
use app::upload::check::Accept;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The community's 20 newest published posts (the blog is public), and its feed.
async fn entries(
    state: &AppState,
    info: &RequestInfo,
    slug: &str,
) -> Result<(CommunityRef, Vec<Entry>), Response> {
    gate::allow(info, Action::ReadPublic, Target::Site, Login::Status)?;
    let c = gate::found(info, app::community::repo::by_slug(&state.db, slug).await)?;
    let (rows, _) = gate::ok(
        info,
        app::blog::repo::posts(&state.db, c.id, false, None, 20, 0).await,
    )?;
    let list = rows
        .into_iter()
        .map(|p| Entry {
            url: state.link(&post_path(&c.slug, &p.slug)),
            author: Some(app::account::model::author_label(
                p.author_name.as_deref().unwrap_or_default(),
                p.author_deleted,
                app::i18n::Lang::It,
            )),
            category: None,
            published: p.published_at.unwrap_or(p.updated_at),
            updated: p.updated_at,
            title: p.title,
            summary: p.summary,
            html: p.body_html,
        })
        .collect();
    Ok((c, list))
}

/// Serves the blog's feed in the format `write` makes.
async fn serve(
    state: AppState,
    info: RequestInfo,
    slug: String,
    content_type: &'static str,
    write: fn(&Feed<'_>, &[Entry]) -> String,
) -> Result<Response, Response> {
    let (c, list) = entries(&state, &info, &slug).await?;
    let home = state.link(&blog_path(&c.slug));
    let feed = Feed {
        title: &c.name,
        subtitle: &c.description,
        atom: format!("{home}/feed.atom"),
        rss: format!("{home}/rss.xml"),
        home,
        author: &c.name,
        now: state.clock.now(),
    };
    Ok(syndication::response(content_type, write(&feed, &list)))
}

pub async fn atom(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
) -> Result<Response, Response> {
    serve(state, info, slug, syndication::ATOM, syndication::atom).await
}

pub async fn rss(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
) -> Result<Response, Response> {
    serve(state, info, slug, syndication::RSS, syndication::rss).await
}

pub async fn set_cover(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, post)): Path<(String, String)>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let (c, actor) = enter(&state, &info, &slug, Action::PostInCommunity).await?;
    let page = format!("{}/modifica", post_path(&c.slug, &post));
    let back = Back::to(&page, "blog-cover-title");
    let mut form = back.read(multipart, 1).await?;
    let file = back
        .one_file(&state, &info, &mut form, Accept::Images)
        .await?;
    app::blog::service::set_cover(&state, &actor, &c, &post, form.text("alt"), file)
        .await
        .map_err(|e| back.refused(&info, e))?;
    Ok(Redirect::to(&post_path(&c.slug, &post)).into_response())
}
