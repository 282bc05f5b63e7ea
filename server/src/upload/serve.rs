//! `GET /file/{token}/{name}`: a stored file, to whoever may read it (and a 404 to
//! everyone else, so that an address tells nothing), never run as a page.

use crate::gate;
use app::auth::model::{Actor, Scope};
use app::auth::policy::{can, Action, Target};
use app::auth::server::RequestInfo;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// Who may read a stored file (asked of the one policy for everything that is a
/// person's right, here only the file's place decides): anyone when a published consultation shows it or it
/// is a community's cover or a published blog post's; the members of the community whose document or forum
/// attachment it is; the operators of its ente and the person who uploaded it.
async fn may_read(
    state: &AppState,
    actor: Option<&Actor>,
    upload: &app::upload::repo::UploadRow,
) -> Result<bool, app::db::DbError> {
    if app::consultation::repo::file_is_public(&state.db, upload.id).await? {
        return Ok(true);
    }
    if app::community::repo::cover_of(&state.db, upload.id)
        .await?
        .is_some()
        || app::blog::repo::is_public_cover(&state.db, upload.id).await?
    {
        return Ok(true);
    }
    let Some(actor) = actor else {
        return Ok(false);
    };
    // A community's documents and forum attachments: its members.
    if let Some(c) = app::files::repo::community_reading(&state.db, upload.id).await? {
        if can(
            Some(actor),
            Action::OpenCommunity,
            Target::In(app::community::model::scope_of(&c)),
        ) {
            return Ok(true);
        }
    }
    // An editorial item's images: the ente's social team.
    if let Some(ente) = app::social::plan::media::ente_of(&state.db, upload.id).await? {
        if can(
            Some(actor),
            Action::ManageSocial,
            Target::In(Scope::Ente(ente)),
        ) {
            return Ok(true);
        }
    }
    let operator = upload.ente_id.is_some_and(|e| {
        can(
            Some(actor),
            Action::ManageConsultations,
            Target::In(Scope::Ente(e)),
        )
    });
    Ok(operator || upload.uploaded_by == Some(actor.account_id))
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
    if !gate::ok(&info, may_read(&state, info.actor.as_ref(), &found).await)? {
        return Err(AppError::NotFound.into_response());
    }
    let etag = format!("\"{}\"", found.sha256);
    let cache = "private, max-age=300";
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag)
    {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache.into())],
        )
            .into_response());
    }
    let bytes = gate::found(
        &info,
        app::upload::repo::bytes(&state.db, &found.sha256).await,
    )?;
    let pdf = found.mime == "application/pdf";
    let inline = found.mime.starts_with("image/") || pdf;
    let ascii: String = found
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "{}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        percent(&found.name)
    );
    // Never run as a page: no scripts, and a sandbox (the PDF viewer needs none).
    let policy = if pdf {
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    } else {
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    };
    Ok((
        [
            (header::CONTENT_TYPE, found.mime.clone()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CONTENT_SECURITY_POLICY, policy.to_string()),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, cache.to_string()),
            // A PDF is previewed in a frame of this site's pages; nothing else is.
            (
                header::X_FRAME_OPTIONS,
                if pdf { "SAMEORIGIN" } else { "DENY" }.to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
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
