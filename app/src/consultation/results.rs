//! Reading responses for results (server only).

use super::repo::{self, Row};
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::memo;
use crate::questionnaire::answers::Answers;
use crate::questionnaire::model::Questionnaire;
use crate::questionnaire::results::{self as summary, QuestionResult};
use crate::questionnaire::tally::Tally;
use crate::state::AppState;
use std::sync::Arc;

/// Every question summarised, with yes/no in the reader's language.
fn finish(tally: Tally, lang: Lang) -> Vec<QuestionResult> {
    tally.finish(lang.t(T::AnswerYes), lang.t(T::AnswerNo))
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
            let this_year = i64::from(chrono::Datelike::year(&today));
            // One response at a time: what is kept is the tally, not the responses.
            let mut tally = Tally::new(questionnaire);
            let mut times = Vec::new();
            let mut comuni = std::collections::BTreeSet::new();
            let mut total = 0;
            repo::each_response(&state.db, row.id, |r| {
                total += 1;
                comuni.extend(r.comune_id);
                if comune.is_some_and(|c| r.comune_id != Some(c))
                    || age.is_some_and(|a| summary::age_group(r.birth_year, this_year) != Some(a))
                {
                    return;
                }
                times.push(r.submitted_at);
                if let Ok(answers) = serde_json::from_str::<Answers>(&r.answers) {
                    tally.add(&answers);
                }
            })
            .await?;
            let until = row.closes_at.min(now);
            let days = ((until - row.opens_at).num_days() + 1).clamp(1, 120);
            Ok(Figures {
                shown: times.len() as i64,
                total,
                per_day: crate::components::chart::per_day(&times, until, days, lang),
                questions: finish(tally, lang),
                comuni: comuni.into_iter().collect(),
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
                let mut tally = Tally::new(questionnaire);
                let mut counted = 0;
                repo::each_response(&state.db, row.id, |r| {
                    if let Ok(answers) = serde_json::from_str::<Answers>(&r.answers) {
                        tally.add(&answers);
                        counted += 1;
                    }
                })
                .await?;
                let mut summaries = finish(tally, lang);
                summaries.retain(|r| {
                    !matches!(
                        r.summary,
                        summary::Summary::Texts(_) | summary::Summary::Files(_)
                    )
                });
                Ok((summaries, counted))
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
