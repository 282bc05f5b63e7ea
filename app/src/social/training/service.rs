//! The training-needs analysis (server only): one survey per ente at a time, made
//! with the questionnaire engine and answered by each member of the social team
//! (answering again replaces one's answers); the levels the ente requires; the
//! skills-gap matrix, the average gap per skill and the suggested paths.

use crate::auth::model::Actor;
use crate::components::chart::Bar;
use crate::ente::model::Ente;
use crate::error::{AppError, FieldError};
use crate::i18n::{Lang, T};
use crate::questionnaire::answers::{self, Answer, Answers};
use crate::questionnaire::model::Questionnaire;
use crate::social::training::model::*;
use crate::social::training::repo;
use crate::state::AppState;
use std::collections::BTreeMap;

/// The level required for each skill when none was set.
const DEFAULT_REQUIRED: usize = 3;

fn required_of(json: &str) -> Vec<usize> {
    let map: BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    SKILLS
        .iter()
        .map(|(id, _)| {
            map.get(*id)
                .and_then(|l| level_of(l))
                .unwrap_or(DEFAULT_REQUIRED)
        })
        .collect()
}

/// Each skill's level in someone's answers.
fn levels_of(answers: &Answers) -> Vec<Option<usize>> {
    let rows = match answers.get(MATRIX) {
        Some(Answer::Rows(r)) => r.clone(),
        _ => BTreeMap::new(),
    };
    SKILLS
        .iter()
        .map(|(id, _)| rows.get(*id).and_then(|l| level_of(l)))
        .collect()
}

/// Answers as the form's fields, to fill the form again.
fn as_fields(q: &Questionnaire, a: &Answers) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for question in q.questions() {
        match a.get(&question.id) {
            Some(Answer::Rows(rows)) => {
                for (row, level) in rows {
                    out.insert(answers::sub_field(&question.id, row), level.clone());
                }
            }
            Some(Answer::Text(t)) => {
                out.insert(question.id.clone(), t.clone());
            }
            _ => {}
        }
    }
    out
}

pub async fn start(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    lang: Lang,
) -> Result<(), AppError> {
    // Started already (by a colleague, or a second click): nothing more to do.
    if repo::current(&state.db, ente.id).await?.is_some() {
        return Ok(());
    }
    let q = serde_json::to_string(&default_questionnaire(lang)).unwrap_or_default();
    let mut tx = state.db.begin().await?;
    repo::start(&mut tx, ente.id, &q, actor.account_id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

async fn survey(
    state: &AppState,
    ente: &Ente,
) -> Result<(repo::SurveyRow, Questionnaire), AppError> {
    let row = repo::current(&state.db, ente.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let q = serde_json::from_str(&row.questionnaire).map_err(|_| AppError::Internal)?;
    Ok((row, q))
}

/// Keeps someone's answers, checked by the questionnaire engine.
pub async fn answer(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    raw: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    let (row, q) = survey(state, ente).await?;
    let parsed = answers::parse(&q, raw).map_err(|problems| {
        AppError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError {
                    field: p.question,
                    problem: p.problem,
                    limit: p.limit,
                })
                .collect(),
        )
    })?;
    let mut tx = state.db.begin().await?;
    repo::answer(
        &mut tx,
        row.id,
        actor.account_id,
        &serde_json::to_string(&parsed).unwrap_or_default(),
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the level the ente needs for each skill (`levels`: skill → `l0`…`l4`).
pub async fn set_required(
    state: &AppState,
    ente: &Ente,
    levels: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    let (row, _) = survey(state, ente).await?;
    let mut clean = BTreeMap::new();
    for (id, _) in SKILLS {
        match levels.get(id).map(|l| level_of(l)) {
            Some(Some(level)) => {
                clean.insert(id.to_string(), level_id(level));
            }
            Some(None) => {
                return Err(AppError::invalid(
                    &format!("levels[{id}]"),
                    T::ValidationChoice,
                ))
            }
            None => {}
        }
    }
    let mut tx = state.db.begin().await?;
    repo::set_required(
        &mut tx,
        row.id,
        &serde_json::to_string(&clean).unwrap_or_default(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn page(
    state: &AppState,
    ente: &Ente,
    actor: &Actor,
    lang: Lang,
) -> Result<TrainingPage, AppError> {
    let Some(row) = repo::current(&state.db, ente.id).await? else {
        return Ok(TrainingPage {
            ente_slug: ente.slug.clone(),
            ente_name: ente.name.clone(),
            survey: None,
        });
    };
    let q: Questionnaire =
        serde_json::from_str(&row.questionnaire).map_err(|_| AppError::Internal)?;
    let required = required_of(&row.required);
    let skills: Vec<String> = SKILLS.iter().map(|(_, t)| lang.t(*t).to_string()).collect();
    let all = repo::answers(&state.db, row.id).await?;
    let team = repo::team(&state.db, ente.id).await?;
    let mut mine = BTreeMap::new();
    let mut people = Vec::new();
    for (account, name, json) in &all {
        let a: Answers = serde_json::from_str(json).unwrap_or_default();
        if *account == actor.account_id {
            mine = as_fields(&q, &a);
        }
        let levels = levels_of(&a);
        let suggestions = levels
            .iter()
            .zip(&required)
            .zip(&skills)
            .filter_map(|((l, r), s)| {
                let gap = r.saturating_sub(l.unwrap_or(0));
                path_for(gap).map(|p| (s.clone(), gap, p))
            })
            .collect();
        people.push(PersonSkills {
            name: name.clone(),
            levels,
            suggestions,
        });
    }
    let gaps: Vec<Bar> = skills
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let answered: Vec<usize> = people.iter().filter_map(|p| p.levels[i]).collect();
            let total: usize = answered
                .iter()
                .map(|l| required[i].saturating_sub(*l))
                .sum();
            let avg = if answered.is_empty() {
                0.0
            } else {
                total as f64 / answered.len() as f64
            };
            Bar {
                label: s.clone(),
                value: (avg * 10.0).round() / 10.0,
            }
        })
        .collect();
    let mut ranked: Vec<&Bar> = gaps.iter().filter(|b| b.value >= 1.0).collect();
    ranked.sort_by(|a, b| b.value.total_cmp(&a.value));
    let priorities = ranked
        .into_iter()
        .take(3)
        .filter_map(|b| path_for(b.value.round() as usize).map(|p| (b.label.clone(), p)))
        .collect();
    Ok(TrainingPage {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        survey: Some(SurveyView {
            id: row.id,
            answered: all.iter().any(|(a, _, _)| *a == actor.account_id),
            mine,
            missing: team
                .into_iter()
                .filter(|(id, _)| !all.iter().any(|(a, _, _)| a == id))
                .map(|(_, n)| n)
                .collect(),
            questionnaire: q,
            skills,
            required,
            people,
            gaps,
            priorities,
        }),
    })
}
