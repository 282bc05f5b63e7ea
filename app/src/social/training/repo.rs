//! Reading and writing training-needs surveys and answers (server only).

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Utc};

#[derive(Clone, sqlx::FromRow)]
pub struct SurveyRow {
    pub id: i64,
    pub questionnaire: String,
    pub required: String,
}

/// The ente's current survey (the latest).
pub async fn current(db: &Db, ente: EnteId) -> Result<Option<SurveyRow>, DbError> {
    db.fetch_optional(
        sql("SELECT id, questionnaire, required FROM training_survey WHERE ente_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(ente),
    )
    .await
}

pub async fn start(
    tx: &mut Tx,
    ente: EnteId,
    questionnaire: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO training_survey (ente_id, questionnaire, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(ente)
                .bind(questionnaire)
                .bind(by)
                .bind(now),
        )
        .await?;
    Ok(id)
}

pub async fn set_required(tx: &mut Tx, survey: i64, required: &str) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE training_survey SET required = $2 WHERE id = $1")
            .bind(survey)
            .bind(required),
    )
    .await?;
    Ok(())
}

pub async fn answer(
    tx: &mut Tx,
    survey: i64,
    account: AccountId,
    answers: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO training_answer (survey_id, account_id, answers, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (survey_id, account_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at")
        .bind(survey)
        .bind(account)
        .bind(answers)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// The answers to a survey: (account, name, answers JSON).
pub async fn answers(db: &Db, survey: i64) -> Result<Vec<(AccountId, String, String)>, DbError> {
    db.fetch_all(
        sql("SELECT a.id, a.display_name, t.answers FROM training_answer t JOIN account a ON a.id = t.account_id
              WHERE t.survey_id = $1 AND a.deleted_at IS NULL ORDER BY a.display_name, a.id")
        .bind(survey),
    )
    .await
}

/// The ente's social-media team (its operators and admins): (account, name).
pub async fn team(db: &Db, ente: EnteId) -> Result<Vec<(AccountId, String)>, DbError> {
    db.fetch_all(
        sql("SELECT DISTINCT a.id, a.display_name FROM role_grant g JOIN account a ON a.id = g.account_id
              WHERE g.ente_id = $1 AND g.role IN ('social_media', 'ente_admin') AND a.deleted_at IS NULL
              ORDER BY a.display_name, a.id")
        .bind(ente),
    )
    .await
}
