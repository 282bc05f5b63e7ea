//! Server functions of the KPIs (`social/kpi…`), for the ente's social-media team.
//! The file itself is uploaded by a plain multipart form (`server/src/kpi_upload.rs`).

use crate::error::AppError;
use crate::social::kpi::model::{ImportPage, KpiPage};
use crate::social::kpi::report::ReportPage;
use crate::table_import::Problem;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::server::{fail, go_to, request_info},
    crate::i18n::detect_lang,
    crate::social::access::team,
    crate::social::kpi::model::{Mapping, Metric},
    crate::social::paths::kpi_path,
    crate::table_import::DayOrder,
};

#[server(endpoint = "social/kpi")]
pub async fn load_kpi(ente: String, channel: String, refused: String) -> Result<KpiPage, AppError> {
    let (state, ente, _) = team(&ente).await?;
    let refused = Some(refused.trim()).filter(|t| !t.is_empty());
    crate::social::kpi::charts::page(
        &state,
        &ente,
        detect_lang(),
        channel.trim().parse().ok(),
        refused,
    )
    .await
    .map_err(fail)
}

/// The mapping step of an upload: the page, and the problems of the last attempt.
#[server(endpoint = "social/kpi-import-page")]
pub async fn load_import(
    ente: String,
    token: String,
) -> Result<(ImportPage, Vec<Problem>), AppError> {
    let (state, ente, _) = team(&ente).await?;
    crate::social::kpi::import::import_page(&state, &ente, &token)
        .await
        .map_err(fail)
}

/// Imports a waiting file with the mapping chosen; each metric's columns come as
/// `<metric>[]`. Returns the KPI page.
#[server(endpoint = "social/kpi-import")]
#[allow(clippy::too_many_arguments)]
pub async fn import_file(
    ente: String,
    token: String,
    date: String,
    post: Option<String>,
    link: Option<String>,
    text: Option<String>,
    order: Option<String>,
    followers: Option<Vec<String>>,
    reach: Option<Vec<String>>,
    impressions: Option<Vec<String>>,
    engagements: Option<Vec<String>>,
    clicks: Option<Vec<String>>,
    views: Option<Vec<String>>,
) -> Result<String, AppError> {
    let (state, ente, actor) = team(&ente).await?;
    let clean = |v: Option<Vec<String>>| -> Vec<String> {
        v.unwrap_or_default()
            .into_iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    let metrics = [
        (Metric::Followers, clean(followers)),
        (Metric::Reach, clean(reach)),
        (Metric::Impressions, clean(impressions)),
        (Metric::Engagements, clean(engagements)),
        (Metric::Clicks, clean(clicks)),
        (Metric::Views, clean(views)),
    ]
    .into_iter()
    .filter(|(_, c)| !c.is_empty())
    .collect();
    let mapping = Mapping {
        date: date.trim().to_string(),
        post: post.unwrap_or_default().trim().to_string(),
        link: link.unwrap_or_default().trim().to_string(),
        text: text.unwrap_or_default().trim().to_string(),
        metrics,
        order: order.as_deref().and_then(DayOrder::from_code),
    };
    let rows = crate::social::kpi::import::confirm(
        &state,
        &request_info(),
        &ente,
        &actor,
        &token,
        mapping,
    )
    .await
    .map_err(fail)?;
    Ok(go_to(&format!("{}?importate={rows}", kpi_path(&ente.slug))))
}

/// A day's values typed in.
#[server(endpoint = "social/kpi-entry")]
#[allow(clippy::too_many_arguments)]
pub async fn add_entry(
    ente: String,
    channel: i64,
    day: String,
    followers: Option<String>,
    reach: Option<String>,
    impressions: Option<String>,
    engagements: Option<String>,
    clicks: Option<String>,
    views: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, _) = team(&ente).await?;
    let values = [
        (Metric::Followers, followers),
        (Metric::Reach, reach),
        (Metric::Impressions, impressions),
        (Metric::Engagements, engagements),
        (Metric::Clicks, clicks),
        (Metric::Views, views),
    ]
    .map(|(m, v)| (m, v.unwrap_or_default()));
    crate::social::kpi::entry::entry(&state, &ente, channel, &day, &values)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("{}?registrato=1", kpi_path(&ente.slug))))
}

/// The monthly report (`month` `YYYY-MM`, empty for the last full month).
#[server(endpoint = "social/kpi-report")]
pub async fn load_report(ente: String, month: String) -> Result<ReportPage, AppError> {
    let (state, ente, _) = team(&ente).await?;
    let month = Some(month.trim()).filter(|m| !m.is_empty());
    crate::social::kpi::report::report(&state, &ente, detect_lang(), month)
        .await
        .map_err(fail)
}
