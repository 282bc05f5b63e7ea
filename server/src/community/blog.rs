//! A community blog's feeds: Atom (`/comunita/{slug}/blog/feed.atom`) and RSS 2.0
//! (`/comunita/{slug}/blog/rss.xml`), the 20 newest published posts with their
//! summary and full text; and a post's cover upload
//! (`POST /comunita/{slug}/blog/{post}/copertina`).

use super::enter;
use crate::gate::{self, Login};
use crate::upload::Back;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::blog::model::{blog_path, post_path};
use app::community::model::CommunityRef;
use app::state::AppState;
use app::upload::check::Accept;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// Text for XML: the five special characters escaped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

struct Entry {
    title: String,
    url: String,
    summary: String,
    html: String,
    author: String,
    published: chrono::DateTime<chrono::Utc>,
    updated: chrono::DateTime<chrono::Utc>,
}

/// The community's 20 newest published posts (the blog is public).
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
            author: app::account::model::author_label(
                p.author_name.as_deref().unwrap_or_default(),
                p.author_deleted,
                app::i18n::Lang::It,
            ),
            published: p.published_at.unwrap_or(p.updated_at),
            updated: p.updated_at,
            title: p.title,
            summary: p.summary,
            html: p.body_html,
        })
        .collect();
    Ok((c, list))
}

fn feed_response(kind: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

pub async fn atom(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
) -> Result<Response, Response> {
    let (c, list) = entries(&state, &info, &slug).await?;
    let home = state.link(&blog_path(&c.slug));
    let updated = list
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| state.clock.now());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"it\">\n\
         <title>{}</title>\n<subtitle>{}</subtitle>\n<id>{home}</id>\n<link href=\"{home}\"/>\n\
         <link rel=\"self\" href=\"{home}/feed.atom\"/>\n<updated>{}</updated>\n",
        xml(&c.name),
        xml(&c.description),
        updated.to_rfc3339()
    );
    for e in list {
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<published>{}</published>\n\
             <updated>{}</updated>\n<author><name>{}</name></author>\n<summary>{}</summary>\n\
             <content type=\"html\">{}</content>\n</entry>\n",
            xml(&e.title),
            xml(&e.url),
            xml(&e.url),
            e.published.to_rfc3339(),
            e.updated.to_rfc3339(),
            xml(&e.author),
            xml(&e.summary),
            xml(&e.html)
        ));
    }
    out.push_str("</feed>\n");
    Ok(feed_response("application/atom+xml; charset=utf-8", out))
}

pub async fn rss(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
) -> Result<Response, Response> {
    let (c, list) = entries(&state, &info, &slug).await?;
    let home = state.link(&blog_path(&c.slug));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\n\
         <title>{}</title>\n<link>{home}</link>\n<description>{}</description>\n<language>it</language>\n",
        xml(&c.name),
        xml(&c.description)
    );
    for e in list {
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n\
             <pubDate>{}</pubDate>\n<description>{}</description>\n</item>\n",
            xml(&e.title),
            xml(&e.url),
            xml(&e.url),
            e.published.to_rfc2822(),
            xml(&e.html)
        ));
    }
    out.push_str("</channel></rss>\n");
    Ok(feed_response("application/rss+xml; charset=utf-8", out))
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

#[cfg(test)]
mod tests {
    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            super::xml("<a href=\"x\">Tom & Jerry's</a>\u{7}"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;"
        );
    }
}
