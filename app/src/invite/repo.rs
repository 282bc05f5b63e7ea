//! Role grants, invitations and the scopes they live in (server only).

use super::model::{ManagedScope, ScopeRef, TeamMember};
use crate::auth::model::{Actor, Role, Scope};
use crate::auth::token;
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId, EnteId};
use chrono::{DateTime, Duration, Utc};

/// A scope found from its URL name: the scope, its slug and its display name.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub scope: Scope,
    pub slug: String,
    pub label: String,
}

impl Resolved {
    /// The scope's URL name, as [`ScopeRef::parse`] reads it.
    pub fn code(&self) -> String {
        match self.scope {
            Scope::Platform => ScopeRef::Platform.code(),
            Scope::Ente(_) => ScopeRef::Ente(self.slug.clone()).code(),
            Scope::Community { .. } => ScopeRef::Community(self.slug.clone()).code(),
        }
    }

    /// The team page of this scope.
    pub fn team_path(&self) -> String {
        format!("/gestione/persone?ambito={}", self.code())
    }
}

pub async fn resolve(
    db: &Db,
    r: &ScopeRef,
    platform_label: &str,
) -> Result<Option<Resolved>, DbError> {
    Ok(match r {
        ScopeRef::Platform => Some(Resolved {
            scope: Scope::Platform,
            slug: String::new(),
            label: platform_label.to_string(),
        }),
        ScopeRef::Ente(slug) => {
            let row: Option<(EnteId, String)> = db
                .fetch_optional(
                    sql("SELECT id, name FROM ente WHERE slug = $1").bind(slug.as_str()),
                )
                .await?;
            row.map(|(id, name)| Resolved {
                scope: Scope::Ente(id),
                slug: slug.clone(),
                label: name,
            })
        }
        ScopeRef::Community(slug) => {
            community(
                db,
                sql("SELECT id, slug, name, ente_id FROM community WHERE slug = $1")
                    .bind(slug.as_str()),
            )
            .await?
        }
    })
}

async fn community(db: &Db, query: crate::db::Sql) -> Result<Option<Resolved>, DbError> {
    let row: Option<(CommunityId, String, String, Option<EnteId>)> =
        db.fetch_optional(query).await?;
    Ok(row.map(|(id, slug, name, ente)| Resolved {
        scope: Scope::Community { id, ente },
        slug,
        label: name,
    }))
}

/// The scope of a grant or invitation row, from its columns.
pub async fn scope_of(
    db: &Db,
    ente_id: Option<EnteId>,
    community_id: Option<CommunityId>,
    platform_label: &str,
) -> Result<Option<Resolved>, DbError> {
    match (ente_id, community_id) {
        (None, None) => resolve(db, &ScopeRef::Platform, platform_label).await,
        (Some(id), None) => {
            let row: Option<(String, String)> = db
                .fetch_optional(sql("SELECT slug, name FROM ente WHERE id = $1").bind(id))
                .await?;
            Ok(row.map(|(slug, label)| Resolved {
                scope: Scope::Ente(id),
                slug,
                label,
            }))
        }
        (None, Some(id)) => {
            community(
                db,
                sql("SELECT id, slug, name, ente_id FROM community WHERE id = $1").bind(id),
            )
            .await
        }
        (Some(_), Some(_)) => Ok(None),
    }
}

/// The scopes whose team the actor may see: everything for platform admins, their
/// enti and those enti's communities for ente admins, their communities for tutors.
pub async fn managed_scopes(
    db: &Db,
    actor: &Actor,
    platform_label: &str,
) -> Result<Vec<ManagedScope>, DbError> {
    let enti: Vec<(EnteId, String, String)> = db
        .fetch_all(sql("SELECT id, slug, name FROM ente ORDER BY name"))
        .await?;
    let communities: Vec<(CommunityId, String, String, Option<EnteId>)> = db
        .fetch_all(sql(
            "SELECT id, slug, name, ente_id FROM community ORDER BY name",
        ))
        .await?;
    let mut out = Vec::new();
    let can_view = |scope| {
        crate::auth::can(
            Some(actor),
            crate::auth::Action::ViewTeam,
            crate::auth::Target::In(scope),
        )
    };
    if can_view(Scope::Platform) {
        out.push(ManagedScope {
            code: ScopeRef::Platform.code(),
            label: platform_label.to_string(),
        });
    }
    for (id, slug, name) in enti {
        if can_view(Scope::Ente(id)) {
            out.push(ManagedScope {
                code: ScopeRef::Ente(slug).code(),
                label: name,
            });
        }
    }
    for (id, slug, name, ente) in communities {
        if can_view(Scope::Community { id, ente }) {
            out.push(ManagedScope {
                code: ScopeRef::Community(slug).code(),
                label: name,
            });
        }
    }
    Ok(out)
}

/// Who holds a role in the scope.
pub async fn members(db: &Db, scope: Scope) -> Result<Vec<TeamMember>, DbError> {
    let (ente_id, community_id) = scope.columns();
    db.fetch_all(
        sql("SELECT g.id AS grant_id, a.display_name AS name, a.email, g.role
               FROM role_grant g JOIN account a ON a.id = g.account_id
              WHERE COALESCE(g.ente_id, 0) = COALESCE($1, 0) AND COALESCE(g.community_id, 0) = COALESCE($2, 0)
              ORDER BY g.role, a.display_name, a.email")
        .bind(ente_id)
        .bind(community_id),
    )
    .await
}

/// An invitation row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRecord {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub ente_id: Option<EnteId>,
    pub community_id: Option<CommunityId>,
    pub message: String,
    pub inviter: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

macro_rules! select_invitation {
    ($rest:literal) => {
        concat!(
            "SELECT i.id, i.email, i.role, i.ente_id, i.community_id, i.message,
                    COALESCE(NULLIF(a.display_name, ''), a.email) AS inviter,
                    i.created_at, i.expires_at, i.accepted_at, i.revoked_at
               FROM invitation i LEFT JOIN account a ON a.id = i.invited_by ",
            $rest
        )
    };
}

/// The invitations of a scope, newest first (the last 100).
pub async fn invitations(db: &Db, scope: Scope) -> Result<Vec<InvitationRecord>, DbError> {
    let (ente_id, community_id) = scope.columns();
    db.fetch_all(
        sql(select_invitation!(
            "WHERE COALESCE(i.ente_id, 0) = COALESCE($1, 0) AND COALESCE(i.community_id, 0) = COALESCE($2, 0)
             ORDER BY i.id DESC LIMIT 100"
        ))
        .bind(ente_id)
        .bind(community_id),
    )
    .await
}

pub async fn by_token(db: &Db, token_value: &str) -> Result<Option<InvitationRecord>, DbError> {
    db.fetch_optional(
        sql(select_invitation!("WHERE i.token_hash = $1")).bind(token::digest(token_value)),
    )
    .await
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<InvitationRecord>, DbError> {
    db.fetch_optional(sql(select_invitation!("WHERE i.id = $1")).bind(id))
        .await
}

/// A new invitation; earlier pending ones for the same address, role and scope are
/// revoked, so only the newest link works. Returns (id, token).
pub async fn create(
    tx: &mut Tx,
    email: &str,
    role: Role,
    scope: Scope,
    message: &str,
    invited_by: AccountId,
    now: DateTime<Utc>,
) -> Result<(i64, String), DbError> {
    let (ente_id, community_id) = scope.columns();
    tx.execute(
        sql("UPDATE invitation SET revoked_at = $1
              WHERE email = $2 AND role = $3 AND COALESCE(ente_id, 0) = COALESCE($4, 0)
                AND COALESCE(community_id, 0) = COALESCE($5, 0)
                AND accepted_at IS NULL AND revoked_at IS NULL")
        .bind(now)
        .bind(email)
        .bind(role.code())
        .bind(ente_id)
        .bind(community_id),
    )
    .await?;
    let (token_value, digest) = token::new_token();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO invitation (token_hash, email, role, ente_id, community_id, message, invited_by, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
            .bind(digest)
            .bind(email)
            .bind(role.code())
            .bind(ente_id)
            .bind(community_id)
            .bind(message)
            .bind(invited_by)
            .bind(now)
            .bind(now + Duration::days(super::model::INVITATION_DAYS)),
        )
        .await?;
    Ok((id, token_value))
}

/// Marks a pending invitation accepted; false if it was no longer pending (a double
/// click, or two people racing with the same link).
pub async fn mark_accepted(
    tx: &mut Tx,
    id: i64,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql(
                "UPDATE invitation SET accepted_at = $1, accepted_by = $2
                  WHERE id = $3 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
            )
            .bind(now)
            .bind(account_id)
            .bind(id),
        )
        .await?;
    Ok(n == 1)
}

pub async fn mark_revoked(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE invitation SET revoked_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL")
                .bind(now)
                .bind(id),
        )
        .await?;
    Ok(n == 1)
}

/// A role grant: (account id, account email, role, ente id, community id).
pub async fn grant_by_id(
    db: &Db,
    id: i64,
) -> Result<
    Option<(
        AccountId,
        String,
        String,
        Option<EnteId>,
        Option<CommunityId>,
    )>,
    DbError,
> {
    db.fetch_optional(
        sql(
            "SELECT g.account_id, a.email, g.role, g.ente_id, g.community_id
               FROM role_grant g JOIN account a ON a.id = g.account_id WHERE g.id = $1",
        )
        .bind(id),
    )
    .await
}

pub async fn delete_grant(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    tx.execute(sql("DELETE FROM role_grant WHERE id = $1").bind(id))
        .await?;
    Ok(())
}

pub async fn platform_admin_count(tx: &mut Tx) -> Result<i64, DbError> {
    let (n,): (i64,) = tx
        .fetch_one(sql(
            "SELECT COUNT(*) FROM role_grant WHERE role = 'platform_admin'",
        ))
        .await?;
    Ok(n)
}

/// How many people hold a role in an ente.
pub async fn team_size(db: &Db, ente_id: EnteId) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(DISTINCT account_id) FROM role_grant WHERE ente_id = $1")
                .bind(ente_id),
        )
        .await?;
    Ok(n)
}

/// Invitations to an ente that can still be accepted.
pub async fn pending_count(db: &Db, ente_id: EnteId, now: DateTime<Utc>) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM invitation WHERE ente_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2")
                .bind(ente_id)
                .bind(now),
        )
        .await?;
    Ok(n)
}
