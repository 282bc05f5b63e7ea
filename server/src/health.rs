//! `/healthz` (the process answers) and `/readyz` (the database answers and every
//! migration is applied), for load balancers and orchestrators.

use app::db::sql;
use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let reachable = state
        .db
        .fetch_one::<(i64,)>(sql("SELECT CAST(1 AS BIGINT)"))
        .await
        .is_ok();
    let migrated = reachable && state.db.is_migrated().await;
    let ready = reachable && migrated;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({
            "status": if ready { "ready" } else { "not ready" },
            "database": state.db.backend().name(),
            "database_reachable": reachable,
            "migrations_applied": migrated,
        })),
    )
}
