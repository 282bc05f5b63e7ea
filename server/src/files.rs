//! Files over HTTP: `POST /gestione/{ente}/consultazioni/{slug}/file` (a plain
//! multipart form: the cover or an attachment of a consultation, for its operators)
//! and `GET /file/{token}/{name}` (a stored file, to whoever may read it).

use app::auth::model::{Actor, Scope};
use app::auth::policy::{can, decide, Action, Decision, Target};
use app::auth::server::RequestInfo;
use app::i18n::T;
use app::state::AppState;
use app::upload::check::{check, Accept, Checked};
use app::upload::model::{problem_code, MAX_BYTES};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The largest upload request: twice the largest file, so that a file a little too
/// large gets its message back on the form rather than a bare error.
pub const MAX_UPLOAD_BODY: usize = 2 * MAX_BYTES;

/// The fields of a multipart upload form: its texts by name, and its files as
/// (name the browser gave, bytes), empty file inputs left out.
#[derive(Default)]
pub struct Form {
    pub texts: std::collections::HashMap<String, String>,
    pub files: Vec<(String, Vec<u8>)>,
    /// More files were sent than the form takes (they were dropped).
    pub too_many: bool,
}

impl Form {
    pub fn text(&self, name: &str) -> &str {
        self.texts.get(name).map(String::as_str).unwrap_or_default()
    }
}

/// Reads a form with files in the fields named `file` (at most `max_files`; more
/// are dropped and marked `too_many`, the texts still read) and short texts; a
/// field too large (or a broken body) is the file's problem.
pub async fn read_form(mut multipart: Multipart, max_files: usize) -> Result<Form, T> {
    let mut form = Form::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| T::UploadTooLarge)?
    {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|_| T::UploadTooLarge)?;
            if !file_name.is_empty() || !bytes.is_empty() {
                if form.files.len() == max_files {
                    form.too_many = true;
                } else {
                    form.files.push((file_name, bytes.to_vec()));
                }
            }
        } else if form.texts.len() < 20 {
            let text = field.text().await.map_err(|_| T::ValidationTooLong)?;
            form.texts.insert(name, text);
        }
    }
    Ok(form)
}

/// Counts an upload against the sender's hourly allowance.
pub async fn count_upload(state: &AppState, info: &RequestInfo) -> Result<(), Response> {
    let bucket = app::auth::ratelimit::bucket("upload-ip", &info.ip);
    app::auth::ratelimit::hit(
        &state.db,
        &bucket,
        app::auth::ratelimit::UPLOADS_PER_IP,
        state.clock.now(),
    )
    .await
    .map_err(|e| {
        StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::TOO_MANY_REQUESTS)
            .into_response()
    })
}

/// Sniffs and cleans a file off the async threads (it reads the whole file).
pub async fn check_file(name: String, bytes: Vec<u8>, accept: Accept) -> Result<Checked, T> {
    tokio::task::spawn_blocking(move || check(&name, bytes, accept))
        .await
        .unwrap_or(Err(T::UploadDamaged))
}

pub async fn upload_to_consultation(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    let Ok(Some(found)) = app::ente::repo::by_slug(&state.db, &ente).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match decide(
        info.actor.as_ref(),
        Action::ManageConsultations,
        Target::In(Scope::Ente(found.id)),
    ) {
        Decision::Allowed => {}
        Decision::NeedsLogin => return StatusCode::UNAUTHORIZED.into_response(),
        _ => return StatusCode::FORBIDDEN.into_response(),
    }
    let Ok(Some(row)) = app::consultation::repo::by_slug(&state.db, found.id, &slug).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = |query: &str| {
        Redirect::to(&format!(
            "/gestione/{}/consultazioni/{}?scheda=dettagli&{query}#file",
            found.slug, row.slug
        ))
        .into_response()
    };
    let refused = |problem: T| back(&format!("errore={}", problem_code(problem)));
    let mut form = match read_form(multipart, 1).await {
        Ok(f) => f,
        Err(problem) => return refused(problem),
    };
    let Some((name, bytes)) = form.files.pop() else {
        return refused(T::UploadMissing);
    };
    let role = form.text("role").to_string();
    let accept = if role == "cover" {
        Accept::Images
    } else {
        Accept::Documents
    };
    let file = match check_file(name, bytes, accept).await {
        Ok(f) => f,
        Err(problem) => return refused(problem),
    };
    match app::consultation::service::add_file(
        &state,
        &info,
        &found,
        &row,
        &role,
        form.text("label"),
        file,
    )
    .await
    {
        Ok(()) => back("caricato=1"),
        Err(app::error::AppError::Invalid(list)) => {
            refused(list.first().map(|f| f.problem).unwrap_or(T::UploadMissing))
        }
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}

/// `POST /{ente}/consultazioni/{slug}/risposta`: the answer form of a questionnaire
/// with file questions (multipart). Files are checked against their question and
/// stored; the answers then go through the same `submit` as the server function. A
/// failure keeps everything (files included) in the draft and goes back to the form,
/// which shows the problems.
pub async fn answer_with_files(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    use app::consultation::model::Phase;
    use app::questionnaire::model::Kind;
    let Ok(Some(found)) = app::ente::repo::by_slug(&state.db, &ente).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let row = match app::consultation::repo::by_slug(&state.db, found.id, &slug).await {
        Ok(Some(r)) if r.status != "draft" => r,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let page = format!("/{}/consultazioni/{}", found.slug, row.slug);
    let now = state.clock.now();
    let actor = info.actor.as_ref();
    // Nothing is stored for someone who may not answer.
    if Phase::of(&row.status, row.opens_at, row.closes_at, now) != Phase::Open {
        return Redirect::to(&page).into_response();
    }
    match app::consultation::service::may_answer(&state, &row, actor).await {
        Ok(()) => {}
        Err(app::error::AppError::Unauthorized) => {
            return Redirect::to(&format!("/account/accedi?next={page}")).into_response()
        }
        Err(_) => return Redirect::to(&page).into_response(),
    }
    let questionnaire = row.questionnaire();
    let mut raw = std::collections::BTreeMap::new();
    let mut files = Vec::new();
    let mut ticket = String::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "ticket" {
            ticket = field.text().await.unwrap_or_default();
        } else if let Some(key) = name
            .strip_prefix("answers[")
            .and_then(|k| k.strip_suffix(']'))
        {
            let key = key.to_string();
            match field.text().await {
                Ok(text) if raw.len() < 500 => {
                    raw.insert(key, text);
                }
                _ => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
            }
        } else if let Some(key) = name.strip_prefix("file[").and_then(|k| k.strip_suffix(']')) {
            let key = key.to_string();
            let file_name = field.file_name().unwrap_or_default().to_string();
            match field.bytes().await {
                Ok(bytes) if !bytes.is_empty() => files.push((key, file_name, bytes.to_vec())),
                Ok(_) => {}
                Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
            }
        }
    }
    let mut problems = false;
    for (question, file_name, bytes) in files {
        let Some((max_bytes, types)) = questionnaire.questions().find_map(|q| match &q.kind {
            Kind::FileUpload { max_bytes, types } if q.id == question => {
                Some((*max_bytes, types.clone()))
            }
            _ => None,
        }) else {
            continue;
        };
        if let Err(refused) = count_upload(&state, &info).await {
            return refused;
        }
        let file = match check_file(file_name, bytes, Accept::Documents).await {
            Ok(f) if f.bytes.len() as u64 > max_bytes => Err(T::UploadTooLarge),
            Ok(f) if !types.iter().any(|t| t == f.mime) => Err(T::UploadTypeRefused),
            other => other,
        };
        match file {
            Ok(file) => {
                let stored = async {
                    let mut tx = state.db.begin().await?;
                    let (_, token) = app::upload::repo::store(
                        &mut tx,
                        &file,
                        actor.map(|a| a.account_id),
                        Some(found.id),
                        now,
                    )
                    .await?;
                    tx.commit().await?;
                    Ok::<_, app::db::DbError>(token)
                };
                match stored.await {
                    Ok(token) => {
                        raw.insert(question, token);
                    }
                    Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                }
            }
            Err(t) => {
                raw.insert(
                    format!("{}{question}", app::consultation::service::FILE_PROBLEM),
                    problem_code(t).to_string(),
                );
                problems = true;
            }
        }
    }
    let Some((owner, cookie)) =
        app::consultation::public::draft_owner_from(&headers, actor, state.secure_cookies(), true)
    else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let back = format!("{page}?verifica=1#answer-title");
    let response = if problems {
        let saved = async {
            let mut tx = state.db.begin().await?;
            app::consultation::repo::save_draft(
                &mut tx,
                row.id,
                &owner,
                &serde_json::to_string(&raw).unwrap_or_default(),
                now,
            )
            .await?;
            tx.commit().await
        };
        if saved.await.is_err() {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Redirect::to(&back).into_response()
    } else {
        match app::consultation::service::submit(
            &state,
            &info,
            &row,
            raw,
            Some(owner),
            Some(&ticket),
        )
        .await
        {
            Ok(receipt) => Redirect::to(&format!("{page}?ricevuta={receipt}")).into_response(),
            Err(app::error::AppError::Invalid(_)) => Redirect::to(&back).into_response(),
            Err(e) => StatusCode::from_u16(e.status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response(),
        }
    };
    match cookie.and_then(|c| axum::http::HeaderValue::from_str(&c).ok()) {
        Some(value) => {
            let mut response = response;
            response.headers_mut().append(header::SET_COOKIE, value);
            response
        }
        None => response,
    }
}

/// Who may read a stored file: anyone when a published consultation shows it or it
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
            Target::In(app::forum::service::scope_of(&c)),
        ) {
            return Ok(true);
        }
    }
    // An editorial item's images: the ente's social team.
    if let Some(ente) = app::social::media::ente_of(&state.db, upload.id).await? {
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
) -> Response {
    let found = match app::upload::repo::by_token(&state.db, &token).await {
        Ok(Some(u)) => u,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // A file one may not read answers as one that does not exist.
    match may_read(&state, info.actor.as_ref(), &found).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    let etag = format!("\"{}\"", found.sha256);
    let cache = "private, max-age=300";
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag)
    {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache.into())],
        )
            .into_response();
    }
    let bytes = match app::upload::repo::bytes(&state.db, &found.sha256).await {
        Ok(Some(b)) => b,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
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
    (
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
        .into_response()
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
