//! Reading responses for results (server only).

use super::repo::{self, Row};
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::memo;
use crate::questionnaire::answers::Answers;
use crate::questionnaire::model::Questionnaire;
use crate::questionnaire::results::{self as summary, QuestionResult};
use crate::state::AppState;
use std::sync::Arc;

/// The answers of every response, optionally of one Comune and one age group.
pub async fn responses(
    state: &AppState,
    row: &Row,
    comune: Option<EnteId>,
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

/// What the results dashboard shows of the answers (after its filters).
#[derive(Clone, Debug)]
pub struct Figures {
    pub shown: i64,
    pub total: i64,
    pub per_day: Vec<crate::components::chart::Bar>,
    pub questions: Vec<QuestionResult>,
    /// The Comuni the answers name (the filter's choices).
    pub comuni: Vec<EnteId>,
}

/// The dashboard's figures, computed once per count of answers on each node (`memo`),
/// in one of the node's heavy turns.
pub async fn dashboard(
    state: &AppState,
    row: &Row,
    questionnaire: &Questionnaire,
    comune: Option<EnteId>,
    age: Option<&str>,
    lang: Lang,
) -> Result<Arc<Figures>, AppError> {
    let version = repo::response_count(&state.db, row.id).await?;
    let now = state.clock.now();
    let today = Lang::local_date(now);
    let key = memo::key((
        "consultation dashboard",
        (row.id, &row.questionnaire, row.opens_at, row.closes_at),
        (comune, age, lang, today),
    ));
    state
        .memo
        .get_or(key, version, |f: &Figures| weight(&f.questions), async {
            let _turn = state.heavy_turn().await?;
            let stored = repo::responses(&state.db, row.id).await?;
            let this_year = i64::from(chrono::Datelike::year(&today));
            let kept: Vec<&repo::StoredResponse> = stored
                .iter()
                .filter(|r| comune.is_none_or(|c| r.comune_id == Some(c)))
                .filter(|r| {
                    age.is_none_or(|a| summary::age_group(r.birth_year, this_year) == Some(a))
                })
                .collect();
            let answers: Vec<Answers> = kept
                .iter()
                .filter_map(|r| serde_json::from_str(&r.answers).ok())
                .collect();
            let times: Vec<chrono::DateTime<chrono::Utc>> =
                kept.iter().map(|r| r.submitted_at).collect();
            let until = row.closes_at.min(now);
            let days = ((until - row.opens_at).num_days() + 1).clamp(1, 120);
            let mut comuni: Vec<EnteId> = stored.iter().filter_map(|r| r.comune_id).collect();
            comuni.sort_unstable();
            comuni.dedup();
            Ok(Figures {
                shown: kept.len() as i64,
                total: stored.len() as i64,
                per_day: crate::components::chart::per_day(&times, until, days, lang),
                questions: summarise(questionnaire, &answers, lang),
                comuni,
            })
        })
        .await
}

/// The public results of a closed consultation (counts only: no texts, no files) and
/// how many answered, kept like the dashboard's.
pub async fn public(
    state: &AppState,
    row: &Row,
    questionnaire: &Questionnaire,
    lang: Lang,
) -> Result<Arc<(Vec<QuestionResult>, i64)>, AppError> {
    let version = repo::response_count(&state.db, row.id).await?;
    let key = memo::key((
        "consultation public results",
        row.id,
        &row.questionnaire,
        lang,
    ));
    state
        .memo
        .get_or(
            key,
            version,
            |kept: &(Vec<QuestionResult>, i64)| weight(&kept.0),
            async {
                let _turn = state.heavy_turn().await?;
                let all = responses(state, row, None, None).await?;
                let mut summaries = summarise(questionnaire, &all, lang);
                summaries.retain(|r| {
                    !matches!(
                        r.summary,
                        summary::Summary::Texts(_) | summary::Summary::Files(_)
                    )
                });
                Ok((summaries, all.len() as i64))
            },
        )
        .await
}

/// About how many bytes summaries hold (their texts above all), for the memo's bound.
fn weight(questions: &[QuestionResult]) -> usize {
    questions
        .iter()
        .map(|q| {
            256 + match &q.summary {
                summary::Summary::Texts(texts) => texts.iter().map(|t| t.len() + 24).sum(),
                summary::Summary::Rows { rows, .. } => rows.len() * 128,
                _ => 1024,
            }
        })
        .sum()
}
