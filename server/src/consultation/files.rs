//! A consultation's files over HTTP: `POST /gestione/{ente}/consultazioni/{slug}/file`
//! (a plain multipart form: the cover or an attachment, for its operators) and
//! `POST /{ente}/consultazioni/{slug}/risposta` (an answer with files).

use crate::gate::{self, Login};
use crate::upload::{check_file, count_upload, Back};
use app::auth::model::Scope;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::error::AppError;
use app::i18n::T;
use app::state::AppState;
use app::upload::check::Accept;
use app::upload::model::problem_code;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn upload_to_consultation(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let found = gate::found(&info, app::ente::repo::by_slug(&state.db, &ente).await)?;
    let target = Target::In(Scope::Ente(found.id));
    gate::require(&info, Action::ManageConsultations, target, Login::Status)?;
    let row = gate::found(
        &info,
        app::consultation::repo::by_slug(&state.db, found.id, &slug).await,
    )?;
    let page = format!(
        "/gestione/{}/consultazioni/{}?scheda=dettagli",
        found.slug, row.slug
    );
    let back = Back::to(&page, "file");
    let mut form = back.read(multipart, 1).await?;
    let role = form.text("role").to_string();
    let accept = if role == "cover" {
        Accept::Images
    } else {
        Accept::Documents
    };
    let raw = form
        .files
        .pop()
        .ok_or_else(|| back.with(T::UploadMissing))?;
    let file = check_file(raw.0, raw.1, accept)
        .await
        .map_err(|t| back.with(t))?;
    app::consultation::service::add_file(
        &state,
        &info,
        &found,
        &row,
        &role,
        form.text("label"),
        file,
    )
    .await
    .map_err(|e| back.refused(&info, e))?;
    Ok(Redirect::to(&format!("{page}&caricato=1#file")).into_response())
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
) -> Result<Response, Response> {
    use app::consultation::model::Phase;
    use app::questionnaire::model::Kind;
    gate::allow(&info, Action::ReadPublic, Target::Site, Login::Status)?;
    let found = gate::found(&info, app::ente::repo::by_slug(&state.db, &ente).await)?;
    let row = gate::found(
        &info,
        app::consultation::repo::by_slug(&state.db, found.id, &slug).await,
    )?;
    if row.status == "draft" {
        return Err(AppError::NotFound.into_response());
    }
    let page = format!("/{}/consultazioni/{}", found.slug, row.slug);
    let now = state.clock.now();
    let actor = info.actor.as_ref();
    // Nothing is stored for someone who may not answer.
    if Phase::of(&row.status, row.opens_at, row.closes_at, now) != Phase::Open {
        return Ok(Redirect::to(&page).into_response());
    }
    match app::consultation::answering::may_answer(&state, &row, actor).await {
        Ok(()) => {}
        Err(AppError::Unauthorized) => {
            return Ok(Redirect::to(&app::components::nav::login_href(&page)).into_response())
        }
        Err(_) => return Ok(Redirect::to(&page).into_response()),
    }
    let questionnaire = row.questionnaire();
    let mut raw = std::collections::BTreeMap::new();
    let mut files = Vec::new();
    let mut ticket = String::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(StatusCode::PAYLOAD_TOO_LARGE.into_response()),
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
                _ => return Err(StatusCode::PAYLOAD_TOO_LARGE.into_response()),
            }
        } else if let Some(key) = name.strip_prefix("file[").and_then(|k| k.strip_suffix(']')) {
            let key = key.to_string();
            let file_name = field.file_name().unwrap_or_default().to_string();
            match field.bytes().await {
                Ok(bytes) if !bytes.is_empty() => files.push((key, file_name, bytes.to_vec())),
                Ok(_) => {}
                Err(_) => return Err(StatusCode::PAYLOAD_TOO_LARGE.into_response()),
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
        count_upload(&state, &info).await?;
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
                raw.insert(question, gate::ok(&info, stored.await)?);
            }
            Err(t) => {
                raw.insert(
                    format!("{}{question}", app::consultation::answering::FILE_PROBLEM),
                    problem_code(t).to_string(),
                );
                problems = true;
            }
        }
    }
    let Some((owner, cookie)) =
        app::consultation::public::draft_owner_from(&headers, actor, state.secure_cookies(), true)
    else {
        return Err(gate::refuse(&info, AppError::Internal));
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
        gate::ok(&info, saved.await)?;
        Redirect::to(&back).into_response()
    } else {
        match app::consultation::answering::submit(
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
            Err(AppError::Invalid(_)) => Redirect::to(&back).into_response(),
            Err(e) => return Err(gate::refuse(&info, e)),
        }
    };
    Ok(
        match cookie.and_then(|c| axum::http::HeaderValue::from_str(&c).ok()) {
            Some(value) => {
                let mut response = response;
                response.headers_mut().append(header::SET_COOKIE, value);
                response
            }
            None => response,
        },
    )
}
