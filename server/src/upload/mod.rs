//! What every plain upload form shares: reading a multipart form (texts and files,
//! with limits), counting uploads against the sender's allowance, checking a file's
//! content off the async threads, and sending a refusal back to the form as
//! `?errore=<code>`. `serve` answers `GET /file/{token}/{name}`.

pub mod serve;

use crate::gate;
use app::auth::server::RequestInfo;
use app::error::AppError;
use app::i18n::T;
use app::state::AppState;
use app::upload::check::{check, Accept, Checked};
use app::upload::model::{problem_code, MAX_BYTES};
use axum::extract::Multipart;
use axum::response::{IntoResponse, Redirect, Response};

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
    let bucket = app::auth::ratelimit::per_address("upload-ip", &info.ip);
    app::auth::ratelimit::hit(
        &state.db,
        &bucket,
        app::auth::ratelimit::UPLOADS_PER_IP,
        state.clock.now(),
    )
    .await
    .map_err(|e| gate::refuse(info, e))
}

/// Sniffs and cleans a file off the async threads (it reads the whole file).
pub async fn check_file(name: String, bytes: Vec<u8>, accept: Accept) -> Result<Checked, T> {
    tokio::task::spawn_blocking(move || check(&name, bytes, accept))
        .await
        .unwrap_or(Err(T::UploadDamaged))
}

/// The problem of a refused input that its form can show: the first invalid field,
/// or the reason of a refusal. None for anything else (not allowed, broken…).
pub fn problem_of(error: &AppError) -> Option<T> {
    match error {
        AppError::Invalid(list) => list.first().map(|f| f.problem),
        AppError::Refused(t) => Some(*t),
        _ => None,
    }
}

/// The form a refusal goes back to: its page and the anchor of the form there.
#[derive(Clone, Copy)]
pub struct Back<'a> {
    pub page: &'a str,
    pub anchor: &'a str,
    /// The code each problem goes back as (the page says it in words).
    pub code: fn(T) -> &'static str,
}

impl<'a> Back<'a> {
    pub fn to(page: &'a str, anchor: &'a str) -> Back<'a> {
        Back {
            page,
            anchor,
            code: problem_code,
        }
    }

    /// The page with `?errore=<code>` (or `&errore=`) and the form's anchor.
    pub fn with(&self, problem: T) -> Response {
        let glue = if self.page.contains('?') { '&' } else { '?' };
        Redirect::to(&format!(
            "{}{glue}errore={}#{}",
            self.page,
            (self.code)(problem),
            self.anchor
        ))
        .into_response()
    }

    /// A service's refusal: its first problem back at the form; anything else is
    /// answered with its status (and logged when internal).
    pub fn refused(&self, info: &RequestInfo, error: AppError) -> Response {
        match problem_of(&error) {
            Some(t) => self.with(t),
            None => gate::refuse(info, error),
        }
    }

    /// Reads the form, a broken or oversized body being the file's problem.
    pub async fn read(&self, multipart: Multipart, max_files: usize) -> Result<Form, Response> {
        read_form(multipart, max_files)
            .await
            .map_err(|t| self.with(t))
    }

    /// Checks every file of a form, each counted against the sender's allowance; the
    /// first refused goes back to the form.
    pub async fn check_all(
        &self,
        state: &AppState,
        info: &RequestInfo,
        files: Vec<(String, Vec<u8>)>,
        accept: Accept,
    ) -> Result<Vec<Checked>, Response> {
        let mut out = Vec::new();
        for (name, bytes) in files {
            count_upload(state, info).await?;
            out.push(
                check_file(name, bytes, accept)
                    .await
                    .map_err(|t| self.with(t))?,
            );
        }
        Ok(out)
    }

    /// The one file of a form, checked; none sent is `UploadMissing`.
    pub async fn one_file(
        &self,
        state: &AppState,
        info: &RequestInfo,
        form: &mut Form,
        accept: Accept,
    ) -> Result<Checked, Response> {
        let raw = form
            .files
            .pop()
            .ok_or_else(|| self.with(T::UploadMissing))?;
        let mut checked = self.check_all(state, info, vec![raw], accept).await?;
        checked.pop().ok_or_else(|| self.with(T::UploadMissing))
    }
}
