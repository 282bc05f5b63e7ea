//! `POST /gestione/{ente}/social/kpi/carica`: a platform's analytics export for one
//! channel, from the KPI page's plain multipart form (with or without JavaScript).
//! The file is kept until its column mapping is confirmed; a file that cannot be
//! read comes back to the KPI page with its problems, line by line.

use crate::gate::{self, Login};
use crate::upload::{count_upload, Back};
use app::auth::server::RequestInfo;
use app::error::AppError;
use app::i18n::T;
use app::social::paths::kpi_path;
use app::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn upload(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let page = kpi_path(&ente);
    let (found, actor) = super::team(&state, &info, &ente, Login::Back(&page)).await?;
    let back = Back::to(&page, "kpi-upload");
    let form = back.read(multipart, 1).await?;
    let (name, bytes) = form
        .files
        .into_iter()
        .next()
        .ok_or_else(|| back.with(T::UploadMissing))?;
    count_upload(&state, &info).await?;
    let channel = form
        .texts
        .get("channel")
        .and_then(|c| c.trim().parse::<i64>().ok())
        .unwrap_or(0);
    match app::social::kpi::import::upload(&state, &found, &actor, channel, &name, bytes).await {
        Ok(next) => Ok(Redirect::to(&next).into_response()),
        Err(AppError::Invalid(_)) => {
            Ok(Redirect::to(&format!("{page}?errore=canale#kpi-upload")).into_response())
        }
        Err(e) => Err(gate::refuse(&info, e)),
    }
}
