//! `GET /file/{token}/{name}`: a stored file, to whoever may read it (and a 404 to
//! everyone else, so that an address tells nothing), never run as a page.

use crate::gate;
use app::auth::model::Scope;
use app::auth::policy::files::{may_read_file, Holder};
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// What a stored file belongs to (the policy's `may_read_file` then decides): a
/// consultation (published or not, or an answer), a community's cover or a published
/// blog post's, a community's document or forum post, an editorial item.
async fn holders_of(
    state: &AppState,
    upload: &app::upload::repo::UploadRow,
) -> Result<Vec<Holder>, app::db::DbError> {
    let db = &state.db;
    let mut holders = Vec::new();
    for (ente, published) in app::consultation::file_repo::file_holders(db, upload.id).await? {
        holders.push(if published {
            Holder::Public
        } else {
            Holder::Consultation { ente }
        });
    }
    if app::community::repo::cover_of(db, upload.id)
        .await?
        .is_some()
        || app::blog::repo::is_public_cover(db, upload.id).await?
    {
        holders.push(Holder::Public);
    }
    for held in app::files::repo::community_holdings(db, upload.id).await? {
        let community = Scope::Community {
            id: held.id,
            ente: held.ente_id,
        };
        holders.push(if held.seen {
            Holder::Community(community)
        } else {
            Holder::UnseenPost {
                community,
                author: held.author_id,
            }
        });
    }
    if let Some(ente) = app::social::plan::media::ente_of(db, upload.id).await? {
        holders.push(Holder::Editorial { ente });
    }
    if app::content::repo::is_public_image(db, upload.id).await? {
        holders.push(Holder::Public);
    }
    if let Some(ente) = app::editor::image_repo::ente_of_image(db, upload.id).await? {
        holders.push(Holder::SiteDraft { ente });
    }
    // A file sent with an answer is held by nothing else: only then are the answers
    // searched, so that no page's cover costs a scan of the responses.
    if holders.is_empty() {
        for ente in app::consultation::file_repo::answer_enti(db, &upload.token).await? {
            holders.push(Holder::Consultation { ente });
        }
    }
    Ok(holders)
}

pub async fn serve(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((token, _name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    gate::allow(&info, Action::ReadPublic, Target::Site, gate::Login::Status)?;
    let found = gate::found(&info, app::upload::repo::by_token(&state.db, &token).await)?;
    // A file one may not read answers as one that does not exist.
    let holders = gate::ok(&info, holders_of(&state, &found).await)?;
    if !may_read_file(info.actor.as_ref(), found.uploaded_by, &holders) {
        return Err(AppError::NotFound.into_response());
    }
    // Decided before anything else: a 304 must carry its own variant's headers.
    let headers_out = answer_headers(&found, &headers);
    let etag = headers_out.iter().find(|(name, _)| name == header::ETAG);
    let asked = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    if asked.is_some_and(|v| etag.is_some_and(|(_, e)| v == e)) {
        return Ok((StatusCode::NOT_MODIFIED, headers_out).into_response());
    }
    let bytes = gate::found(
        &info,
        app::upload::repo::bytes(&state.db, &state.files, &found.sha256).await,
    )?;
    Ok((headers_out, bytes).into_response())
}

/// The headers of a file's answer (also of its 304). A PDF opens inline only in a
/// frame of this site's own pages (the preview); any other request for it (a link
/// followed, an address typed, a page elsewhere) gets it as a download, so it is never
/// a document of this origin by itself. The two variants have their own ETags, so
/// that one is never revalidated as the other.
fn answer_headers(
    found: &app::upload::repo::UploadRow,
    request: &HeaderMap,
) -> [(header::HeaderName, String); 7] {
    let pdf = found.mime == "application/pdf" && framed_here(request);
    let inline = found.mime.starts_with("image/") || pdf;
    let disposition = format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        ascii(&found.name),
        percent(&found.name)
    );
    // Never run as a page: no scripts, and a sandbox (but Chromium's PDF viewer
    // refuses a sandboxed PDF, so a framed preview has none; it runs no script).
    let policy = if pdf {
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    } else {
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    };
    let etag = if pdf {
        format!("\"{}-inline\"", found.sha256)
    } else {
        format!("\"{}\"", found.sha256)
    };
    [
        (header::CONTENT_TYPE, found.mime.clone()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CONTENT_SECURITY_POLICY, policy.to_string()),
        (header::ETAG, etag),
        (header::CACHE_CONTROL, "private, max-age=300".to_string()),
        (header::VARY, VARY.to_string()),
        // A PDF is previewed in a frame of this site's pages; nothing else is.
        (
            header::X_FRAME_OPTIONS,
            if pdf { "SAMEORIGIN" } else { "DENY" }.to_string(),
        ),
    ]
}

/// A name for the plain `filename` parameter: printable ASCII, no quote or backslash.
fn ascii(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The request headers an answer depends on (besides the session).
const VARY: &str = "Sec-Fetch-Dest, Sec-Fetch-Site";

/// Whether the browser says (Fetch Metadata) that it loads the file into a frame of a
/// page of this same origin. Browsers that send no such headers get downloads.
fn framed_here(headers: &HeaderMap) -> bool {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    matches!(get("sec-fetch-dest"), Some("iframe" | "frame"))
        && get("sec-fetch-site") == Some("same-origin")
}

/// Percent-encoding for a `filename*` value (RFC 5987).
fn percent(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_percent_encoded() {
        assert_eq!(super::percent("Relazione è.pdf"), "Relazione%20%C3%A8.pdf");
    }
}
