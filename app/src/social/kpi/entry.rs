//! Values typed by hand (server only): a channel's followers and reach on a day, for
//! platforms whose exports carry none.

use crate::ente::model::Ente;
use crate::error::{AppError, FieldError};
use crate::i18n::{Lang, T};
use crate::social::kpi::model::*;
use crate::social::kpi::repo;
use crate::state::AppState;
use crate::table_import::number;
use chrono::NaiveDate;

/// A day's values typed in: each given metric replaces that day's value.
pub async fn entry(
    state: &AppState,
    ente: &Ente,
    channel: i64,
    day: &str,
    values: &[(Metric, String)],
) -> Result<(), AppError> {
    let channels = crate::social::plan::channel_repo::channels(&state.db, ente.id).await?;
    let channel = super::import::channel_of(&channels, channel)?;
    let now = state.clock.now();
    let mut errors = Vec::new();
    let day = match NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d") {
        Ok(d) if d <= Lang::local_date(now) => Some(d),
        Ok(_) => {
            errors.push(FieldError {
                field: "day".into(),
                problem: T::KpiDayFuture,
                limit: None,
            });
            None
        }
        Err(_) => {
            errors.push(FieldError {
                field: "day".into(),
                problem: T::ValidationDate,
                limit: None,
            });
            None
        }
    };
    let mut parsed = Vec::new();
    for (metric, text) in values {
        if text.trim().is_empty() {
            continue;
        }
        match number(text) {
            Some(n) if n >= 0.0 => parsed.push((*metric, n)),
            _ => errors.push(FieldError {
                field: metric.code().into(),
                problem: T::ImportNotANumber,
                limit: None,
            }),
        }
    }
    if parsed.is_empty() && errors.is_empty() {
        errors.push(FieldError {
            field: "metrics".into(),
            problem: T::KpiMapMetric,
            limit: None,
        });
    }
    let Some(day) = day.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let mut tx = state.db.begin().await?;
    for (metric, value) in parsed {
        repo::put_value(&mut tx, channel.id, day, metric, value, None, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
