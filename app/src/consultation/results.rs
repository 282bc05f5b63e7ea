//! Reading responses for results (server only).

use super::repo::{self, Row};
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::questionnaire::answers::Answers;
use crate::questionnaire::model::Questionnaire;
use crate::questionnaire::results::{self as summary, QuestionResult};
use crate::state::AppState;

/// The answers of every response, optionally of one Comune and one age group.
pub async fn responses(
    state: &AppState,
    row: &Row,
    comune: Option<i64>,
    age: Option<&str>,
) -> Result<Vec<Answers>, AppError> {
    let this_year = i64::from(chrono::Datelike::year(&Lang::local_date(state.clock.now())));
    Ok(repo::responses(&state.db, row.id)
        .await?
        .into_iter()
        .filter(|r| comune.is_none_or(|c| r.comune_id == Some(c)))
        .filter(|r| age.is_none_or(|a| summary::age_group(r.birth_year, this_year) == Some(a)))
        .filter_map(|r| serde_json::from_str(&r.answers).ok())
        .collect())
}

/// Every question summarised, with yes/no in the reader's language.
pub fn summarise(q: &Questionnaire, answers: &[Answers], lang: Lang) -> Vec<QuestionResult> {
    summary::summarise(q, answers, lang.t(T::AnswerYes), lang.t(T::AnswerNo))
}
