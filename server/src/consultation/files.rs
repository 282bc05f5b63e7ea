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
use std::collections::BTreeMap;

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

/// What an answer form with files sent: its answers by question, its files as
/// (question, name, bytes), and its ticket.
#[derive(Default)]
struct Sent {
    raw: BTreeMap<String, String>,
    files: Vec<(String, String, Vec<u8>)>,
    ticket: String,
}

/// Reads the multipart answer form (the body's size is bounded by the router).
async fn read_answer(mut multipart: Multipart) -> Result<Sent, Response> {
    let too_large = || StatusCode::PAYLOAD_TOO_LARGE.into_response();
    let mut sent = Sent::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| too_large())? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "ticket" {
            sent.ticket = field.text().await.unwrap_or_default();
        } else if let Some(key) = name
            .strip_prefix("answers[")
            .and_then(|k| k.strip_suffix(']'))
        {
            let key = key.to_string();
            match field.text().await {
                Ok(text) if sent.raw.len() < 500 => {
                    sent.raw.insert(key, text);
                }
                _ => return Err(too_large()),
            }
        } else if let Some(key) = name.strip_prefix("file[").and_then(|k| k.strip_suffix(']')) {
            let key = key.to_string();
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|_| too_large())?;
            if !bytes.is_empty() {
                sent.files.push((key, file_name, bytes.to_vec()));
            }
        }
    }
    Ok(sent)
}

/// Checks each file against its question and stores it (counted against the
/// sender's allowance), its token becoming the answer; a refused file leaves its
/// problem instead. Whether any was refused.
async fn store_files(
    state: &AppState,
    info: &RequestInfo,
    row: &app::consultation::repo::Row,
    sent: &mut Sent,
) -> Result<bool, Response> {
    use app::questionnaire::model::Kind;
    let questionnaire = row.questionnaire();
    let mut problems = false;
    for (question, file_name, bytes) in std::mem::take(&mut sent.files) {
        let Some((max_bytes, types)) = questionnaire.questions().find_map(|q| match &q.kind {
            Kind::FileUpload { max_bytes, types } if q.id == question => {
                Some((*max_bytes, types.clone()))
            }
            _ => None,
        }) else {
            continue;
        };
        count_upload(state, info).await?;
        let file = match check_file(file_name, bytes, Accept::Documents).await {
            Ok(f) if f.bytes.len() as u64 > max_bytes => Err(T::UploadTooLarge),
            Ok(f) if !types.iter().any(|t| t == f.mime) => Err(T::UploadTypeRefused),
            other => other,
        };
        let file = match file {
            Ok(file) => file,
            Err(t) => {
                let key = format!("{}{question}", app::consultation::answering::FILE_PROBLEM);
                sent.raw.insert(key, problem_code(t).to_string());
                problems = true;
                continue;
            }
        };
        let by = info.actor.as_ref().map(|a| a.account_id);
        let stored = async {
            let staged = app::upload::repo::stage(&state.db, &state.files, &file).await?;
            let mut tx = state.db.begin().await?;
            let now = state.clock.now();
            let (_, token) =
                app::upload::repo::store(&mut tx, &staged, by, Some(row.ente_id), now).await?;
            tx.commit().await?;
            Ok::<_, app::db::DbError>(token)
        };
        sent.raw.insert(question, gate::ok(info, stored.await)?);
    }
    Ok(problems)
}

/// `POST /{ente}/consultazioni/{slug}/risposta`: the answer form of a questionnaire
/// with file questions (multipart). Limits come before work: nothing is stored for
/// someone who may not answer, and an answer without an account redeems its ticket
/// before any file is stored. Files are checked against their question and stored;
/// the answers then go through the same `submit` as the server function. A failure
/// keeps what was sent (files included) in the draft and goes back to the form,
/// which shows the problems.
pub async fn answer_with_files(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Result<Response, Response> {
    use app::consultation::answering::{self, Ticket};
    use app::consultation::model::Phase;
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
    let actor = info.actor.as_ref();
    if Phase::of(&row.status, row.opens_at, row.closes_at, state.clock.now()) != Phase::Open {
        return Ok(Redirect::to(&page).into_response());
    }
    match answering::may_answer(&state, &row, actor).await {
        Ok(()) => {}
        Err(AppError::Unauthorized) => {
            return Ok(Redirect::to(&app::components::nav::login_href(&page)).into_response())
        }
        Err(_) => return Ok(Redirect::to(&page).into_response()),
    }
    let mut sent = read_answer(multipart).await?;
    let Some((owner, cookie)) =
        app::consultation::public::draft_owner_from(&headers, actor, state.secure_cookies(), true)
    else {
        return Err(gate::refuse(&info, AppError::Internal));
    };
    let back = format!("{page}?verifica=1#answer-title");
    let refuse = |e| gate::refuse(&info, e);
    let answered = async {
        let ticket = Ticket::Given(Some(sent.ticket.as_str()));
        if let Err(refused) = answering::redeem_ticket(&state, &row, actor, ticket).await {
            let kept = answering::keep_draft(&state, &info, &row, Some(&owner), &sent.raw).await;
            return Err(refuse(kept.err().unwrap_or(refused)));
        }
        if store_files(&state, &info, &row, &mut sent).await? {
            let kept = answering::keep_draft(&state, &info, &row, Some(&owner), &sent.raw).await;
            return kept
                .map(|()| Redirect::to(&back).into_response())
                .map_err(refuse);
        }
        let raw = std::mem::take(&mut sent.raw);
        match answering::submit(&state, &info, &row, raw, Some(owner), Ticket::Redeemed).await {
            Ok(receipt) => Ok(Redirect::to(&format!("{page}?ricevuta={receipt}")).into_response()),
            Err(AppError::Invalid(_)) => Ok(Redirect::to(&back).into_response()),
            Err(e) => Err(refuse(e)),
        }
    };
    let mut response = answered.await.unwrap_or_else(|refused| refused);
    // The draft is this browser's only through its cookie, whatever the answer.
    if let Some(value) = cookie.and_then(|c| axum::http::HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}
