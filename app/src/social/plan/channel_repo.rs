//! Reading and writing the ente's channels and who is in its social-media team
//! (server only).

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use crate::social::channel::Platform;
use crate::social::plan::model::Channel;
use chrono::{DateTime, Utc};

#[derive(Clone, sqlx::FromRow)]
struct ChannelRow {
    id: i64,
    platform: String,
    name: String,
    handle: String,
    url: String,
    owner_id: Option<AccountId>,
    owner_name: Option<String>,
    goal: String,
    char_limit: Option<i64>,
    active: bool,
}

impl ChannelRow {
    fn channel(self) -> Option<Channel> {
        Some(Channel {
            platform: Platform::from_code(&self.platform)?,
            id: self.id,
            name: self.name,
            handle: self.handle,
            url: self.url,
            owner_id: self.owner_id,
            owner_name: self.owner_name.unwrap_or_default(),
            goal: self.goal,
            char_limit: self.char_limit,
            active: self.active,
        })
    }
}

/// The channels of an ente, active ones first, then by name.
pub async fn channels(db: &Db, ente: EnteId) -> Result<Vec<Channel>, DbError> {
    let rows: Vec<ChannelRow> = db
        .fetch_all(
            sql(
                "SELECT c.id, c.platform, c.name, c.handle, c.url, c.owner_id,
                        a.display_name AS owner_name, c.goal, c.char_limit, c.active
                   FROM social_channel c LEFT JOIN account a ON a.id = c.owner_id
                  WHERE c.ente_id = $1 ORDER BY c.active DESC, c.name, c.id",
            )
            .bind(ente),
        )
        .await?;
    Ok(rows.into_iter().filter_map(ChannelRow::channel).collect())
}

/// What a channel form saves.
pub struct ChannelInput<'a> {
    pub platform: Platform,
    pub name: &'a str,
    pub handle: &'a str,
    pub url: &'a str,
    pub owner_id: Option<AccountId>,
    pub goal: &'a str,
    pub char_limit: Option<i64>,
    pub active: bool,
}

/// Adds a channel (`id` None) or changes one of the ente; its id, None when no such
/// channel is the ente's.
pub async fn save_channel(
    tx: &mut Tx,
    ente: EnteId,
    id: Option<i64>,
    c: &ChannelInput<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    match id {
        None => {
            let (id,): (i64,) = tx
                .fetch_one(
                    sql("INSERT INTO social_channel (ente_id, platform, name, handle, url, owner_id, goal, char_limit, active, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id")
                    .bind(ente)
                    .bind(c.platform.code())
                    .bind(c.name)
                    .bind(c.handle)
                    .bind(c.url)
                    .bind(c.owner_id)
                    .bind(c.goal)
                    .bind(c.char_limit)
                    .bind(c.active)
                    .bind(now),
                )
                .await?;
            Ok(Some(id))
        }
        Some(id) => {
            let n = tx
                .execute(
                    sql("UPDATE social_channel SET platform = $3, name = $4, handle = $5, url = $6, owner_id = $7,
                            goal = $8, char_limit = $9, active = $10, updated_at = $11
                          WHERE id = $1 AND ente_id = $2")
                    .bind(id)
                    .bind(ente)
                    .bind(c.platform.code())
                    .bind(c.name)
                    .bind(c.handle)
                    .bind(c.url)
                    .bind(c.owner_id)
                    .bind(c.goal)
                    .bind(c.char_limit)
                    .bind(c.active)
                    .bind(now),
                )
                .await?;
            Ok((n > 0).then_some(id))
        }
    }
}

/// People who work for the ente (any ente role), for the owner's choice.
pub async fn team(db: &Db, ente: EnteId) -> Result<Vec<(AccountId, String)>, DbError> {
    db.fetch_all(
        sql("SELECT DISTINCT a.id, a.display_name FROM role_grant g JOIN account a ON a.id = g.account_id
              WHERE g.ente_id = $1 AND a.deleted_at IS NULL ORDER BY a.display_name, a.id")
        .bind(ente),
    )
    .await
}

/// Who may review the ente's items, other than `except`: its social-media operators
/// and admins, with their language.
pub async fn reviewers(
    tx: &mut Tx,
    ente: EnteId,
    except: AccountId,
) -> Result<Vec<(AccountId, String)>, DbError> {
    tx.fetch_all(
        sql("SELECT DISTINCT a.id, a.language FROM role_grant g JOIN account a ON a.id = g.account_id
              WHERE g.ente_id = $1 AND g.role IN ('social_media', 'ente_admin')
                AND a.id <> $2 AND a.deleted_at IS NULL")
        .bind(ente)
        .bind(except),
    )
    .await
}
