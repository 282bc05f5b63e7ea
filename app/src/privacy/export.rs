//! The personal data export (GDPR art. 15 and 20): everything Piazza keeps about
//! the signed-in person, as one JSON document (server only). It reads every
//! module's tables, so it sits above them all.

use crate::account::repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::auth::session;
use crate::db::{sql, Db, DbError};
use crate::error::AppError;
use crate::ids::AccountId;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

/// Everything Piazza keeps about the signed-in person, as JSON (GDPR art. 15 and 20).
pub async fn export(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
) -> Result<Value, AppError> {
    let now = state.clock.now();
    let db = &state.db;
    let profile = repo::profile(db, actor.account_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    #[derive(sqlx::FromRow)]
    struct Dates {
        created_at: DateTime<Utc>,
        email_verified_at: Option<DateTime<Utc>>,
        privacy_accepted_at: Option<DateTime<Utc>>,
    }
    let dates: Dates = db
        .fetch_one(
            sql("SELECT created_at, email_verified_at, privacy_accepted_at FROM account WHERE id = $1")
                .bind(actor.account_id),
        )
        .await?;
    let roles = repo::roles(db, actor.account_id).await?;
    let sessions = session::list(db, actor.account_id).await?;
    let audit_rows: Vec<(DateTime<Utc>, String, String)> = db
        .fetch_all(
            sql("SELECT at, action, ip FROM audit_log WHERE actor_id = $1 ORDER BY id")
                .bind(actor.account_id),
        )
        .await?;
    let comments = crate::consultation::discussion_repo::own_comments(db, actor.account_id).await?;
    let posts = crate::forum::repo::own_posts(db, actor.account_id).await?;
    let community = community_data(db, actor.account_id).await?;
    let editorial = editorial_data(db, actor.account_id).await?;
    let responses: Vec<(String, String, String, DateTime<Utc>)> = db
        .fetch_all(
            sql(
                "SELECT c.title, r.receipt, r.answers, r.submitted_at FROM response r
                   JOIN consultation c ON c.id = r.consultation_id
                  WHERE r.account_id = $1 ORDER BY r.id",
            )
            .bind(actor.account_id),
        )
        .await?;
    let followed_enti = crate::account::follows::followed(db, actor.account_id).await?;
    // Only an address the account proved is its own opens what the newsletters keep
    // of it (anyone may register with someone else's address, unconfirmed).
    let newsletters = match actor.verified {
        true => crate::newsletter::repo::of_address(db, &profile.email).await?,
        false => Vec::new(),
    };
    let residence = match profile.residence_ente_id {
        Some(id) => crate::ente::repo::reference(db, id).await?.map(|e| e.name),
        None => None,
    };
    let value = json!({
        "exported_at": now,
        "account": {
            "email": profile.email,
            "name": profile.name,
            "language": profile.language,
            "created_at": dates.created_at,
            "email_verified_at": dates.email_verified_at,
            "privacy_accepted_at": dates.privacy_accepted_at,
            "residence": residence,
            "birth_year": profile.birth_year,
            "fiscal_code": profile.fiscal_code,
            "topics": profile.topics,
            "followed_enti": followed_enti,
            "job_title": profile.job_title,
            "skills": profile.skills,
            "digest": profile.digest,
        },
        "roles": roles.into_iter().map(|(role, ente, community)| json!({
            "role": role, "ente": ente, "community": community,
        })).collect::<Vec<_>>(),
        "sessions": sessions.into_iter().map(|s| json!({
            "started": s.created_at, "last_seen": s.last_seen_at, "ip": s.ip, "device": s.user_agent,
        })).collect::<Vec<_>>(),
        "consultation_responses": responses.into_iter().map(|(title, receipt, answers, at)| json!({
            "consultation": title, "receipt": receipt, "submitted_at": at,
            "answers": serde_json::from_str::<Value>(&answers).unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "comments": comments.into_iter().map(|(title, heading, body, at)| json!({
            "consultation": title, "paragraph": heading, "text": body, "at": at,
        })).collect::<Vec<_>>(),
        "forum_posts": posts.into_iter().map(|(community, thread, number, body, at)| json!({
            "community": community, "thread": thread, "number": number, "text": body, "at": at,
        })).collect::<Vec<_>>(),
        "community": community,
        "newsletters": newsletters.into_iter().map(|(ente, list, now, action, source, ip, at)| json!({
            "ente": ente, "list": list, "state": now, "step": action, "how": source, "ip": ip, "at": at,
        })).collect::<Vec<_>>(),
        "editorial_plan": editorial,
        "activity": audit_rows.into_iter().map(|(at, action, ip)| json!({
            "at": at, "action": action, "ip": ip,
        })).collect::<Vec<_>>(),
    });
    let mut tx = db.begin().await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::DataExported).target(
            "account",
            Some(actor.account_id),
            actor.email.as_str(),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(value)
}

/// What someone wrote for an ente's social team: the editorial items they drafted
/// (with their texts), their comments and review notes, their training-needs answers.
async fn editorial_data(db: &Db, account: AccountId) -> Result<Value, DbError> {
    let items: Vec<(i64, String, String, String, DateTime<Utc>)> = db
        .fetch_all(
            sql("SELECT i.id, e.name, i.title, i.state, i.planned_at
                   FROM editorial_item i JOIN ente e ON e.id = i.ente_id
                  WHERE i.author_id = $1 ORDER BY i.id")
            .bind(account),
        )
        .await?;
    let texts: Vec<(i64, String, String)> = db
        .fetch_all(
            sql("SELECT t.item_id, c.name, t.body FROM editorial_text t
                   JOIN editorial_item i ON i.id = t.item_id
                   JOIN social_channel c ON c.id = t.channel_id
                  WHERE i.author_id = $1 ORDER BY t.item_id, c.name")
            .bind(account),
        )
        .await?;
    let notes: Vec<(String, String, String, DateTime<Utc>)> = db
        .fetch_all(
            sql("SELECT i.title, n.to_state, n.body, n.created_at
                   FROM editorial_note n JOIN editorial_item i ON i.id = n.item_id
                  WHERE n.author_id = $1 ORDER BY n.id")
            .bind(account),
        )
        .await?;
    let training: Vec<(String, String, DateTime<Utc>)> = db
        .fetch_all(
            sql(
                "SELECT e.name, t.answers, t.updated_at FROM training_answer t
                   JOIN training_survey s ON s.id = t.survey_id JOIN ente e ON e.id = s.ente_id
                  WHERE t.account_id = $1 ORDER BY s.id",
            )
            .bind(account),
        )
        .await?;
    Ok(json!({
        "training_needs": training.into_iter().map(|(ente, answers, at)| json!({
            "ente": ente, "at": at,
            "answers": serde_json::from_str::<Value>(&answers).unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "items": items.into_iter().map(|(id, ente, title, state, at)| json!({
            "ente": ente, "title": title, "state": state, "planned_at": at,
            "texts": texts.iter().filter(|(i, _, _)| *i == id)
                .map(|(_, channel, body)| json!({ "channel": channel, "text": body }))
                .collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "notes": notes.into_iter().map(|(item, step, body, at)| json!({
            "item": item, "step": step, "text": body, "at": at,
        })).collect::<Vec<_>>(),
    }))
}

/// What someone wrote and did in communities beyond the forum's posts: blog posts
/// and comments, documents uploaded, requests to join, drafts kept.
async fn community_data(db: &Db, account: AccountId) -> Result<Value, DbError> {
    let posts: Vec<(String, String, String, String, Option<DateTime<Utc>>)> = db
        .fetch_all(
            sql("SELECT c.name, p.title, p.body, p.state, p.published_at
                   FROM blog_post p JOIN community c ON c.id = p.community_id
                  WHERE p.author_id = $1 ORDER BY p.id")
            .bind(account),
        )
        .await?;
    let comments: Vec<(String, String, String, DateTime<Utc>)> = db
        .fetch_all(
            sql("SELECT c.name, p.title, k.body, k.created_at
                   FROM blog_comment k JOIN blog_post p ON p.id = k.post_id
                   JOIN community c ON c.id = p.community_id
                  WHERE k.author_id = $1 ORDER BY k.id")
            .bind(account),
        )
        .await?;
    let files: Vec<(String, String, i64, String, String, DateTime<Utc>)> = db
        .fetch_all(
            sql(
                "SELECT c.name, f.title, v.number, u.name, v.note, v.created_at
                   FROM community_file_version v JOIN community_file f ON f.id = v.file_id
                   JOIN community c ON c.id = f.community_id JOIN upload u ON u.id = v.upload_id
                  WHERE v.uploaded_by = $1 ORDER BY v.id",
            )
            .bind(account),
        )
        .await?;
    let requests: Vec<(String, String, String, String, DateTime<Utc>)> = db
        .fetch_all(
            sql("SELECT c.name, r.message, r.state, r.reason, r.created_at
                   FROM community_request r JOIN community c ON c.id = r.community_id
                  WHERE r.account_id = $1 ORDER BY r.id")
            .bind(account),
        )
        .await?;
    let drafts: Vec<(String, Option<String>, String, DateTime<Utc>)> = db
        .fetch_all(
            sql("SELECT c.name, t.title, d.body, d.updated_at
                   FROM forum_draft d JOIN community c ON c.id = d.community_id
                   LEFT JOIN forum_thread t ON t.id = d.thread_id
                  WHERE d.account_id = $1 ORDER BY d.id")
            .bind(account),
        )
        .await?;
    Ok(json!({
        "blog_posts": posts.into_iter().map(|(community, title, body, state, at)| json!({
            "community": community, "title": title, "text": body, "state": state, "published_at": at,
        })).collect::<Vec<_>>(),
        "blog_comments": comments.into_iter().map(|(community, post, body, at)| json!({
            "community": community, "post": post, "text": body, "at": at,
        })).collect::<Vec<_>>(),
        "documents_uploaded": files.into_iter().map(|(community, title, version, name, note, at)| json!({
            "community": community, "document": title, "version": version, "file": name, "note": note, "at": at,
        })).collect::<Vec<_>>(),
        "requests_to_join": requests.into_iter().map(|(community, message, state, reason, at)| json!({
            "community": community, "message": message, "state": state, "reason": reason, "at": at,
        })).collect::<Vec<_>>(),
        "forum_drafts": drafts.into_iter().map(|(community, thread, body, at)| json!({
            "community": community, "thread": thread, "text": body, "saved_at": at,
        })).collect::<Vec<_>>(),
    }))
}
