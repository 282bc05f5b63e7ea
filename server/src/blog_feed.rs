//! A community blog's feeds: Atom (`/comunita/{slug}/blog/feed.atom`) and RSS 2.0
//! (`/comunita/{slug}/blog/rss.xml`), the 20 newest published posts with their
//! summary and full text; and a post's cover upload
//! (`POST /comunita/{slug}/blog/{post}/copertina`).

use crate::community_files::enter;
use crate::files::{check_file, count_upload, read_form};
use app::auth::policy::Action;
use app::auth::server::RequestInfo;
use app::blog::model::{blog_path, post_path};
use app::state::AppState;
use app::upload::check::Accept;
use app::upload::model::problem_code;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
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

async fn entries(
    state: &AppState,
    slug: &str,
) -> Result<Option<(app::community::model::CommunityRef, Vec<Entry>)>, app::db::DbError> {
    let Some(c) = app::community::repo::by_slug(&state.db, slug).await? else {
        return Ok(None);
    };
    let (rows, _) = app::blog::repo::posts(&state.db, c.id, false, None, 20, 0).await?;
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
    Ok(Some((c, list)))
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

pub async fn atom(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let (c, list) = match entries(&state, &slug).await {
        Ok(Some(x)) => x,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
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
    feed_response("application/atom+xml; charset=utf-8", out)
}

pub async fn rss(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let (c, list) = match entries(&state, &slug).await {
        Ok(Some(x)) => x,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
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
    feed_response("application/rss+xml; charset=utf-8", out)
}

pub async fn set_cover(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, post)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    let (c, actor) = match enter(&state, &info, &slug, Action::PostInCommunity).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let page = format!("{}/modifica", post_path(&c.slug, &post));
    let back = |code: &str| {
        Redirect::to(&format!("{page}?errore={code}#blog-cover-title")).into_response()
    };
    let mut form = match read_form(multipart, 1).await {
        Ok(f) => f,
        Err(t) => return back(problem_code(t)),
    };
    let Some((name, bytes)) = form.files.pop() else {
        return back(problem_code(app::i18n::T::UploadMissing));
    };
    if let Err(r) = count_upload(&state, &info).await {
        return r;
    }
    let file = match check_file(name, bytes, Accept::Images).await {
        Ok(f) => f,
        Err(t) => return back(problem_code(t)),
    };
    match app::blog::service::set_cover(&state, &actor, &c, &post, form.text("alt"), file).await {
        Ok(()) => Redirect::to(&post_path(&c.slug, &post)).into_response(),
        Err(app::error::AppError::Invalid(list)) => back(problem_code(
            list.first()
                .map(|f| f.problem)
                .unwrap_or(app::i18n::T::UploadMissing),
        )),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
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
