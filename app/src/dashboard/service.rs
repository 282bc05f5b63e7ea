//! Building the work areas (server only).

use super::model::{CommunityHome, CommunityPerson, Dashboard, ModuleState, WorkArea, WorkPlace};
use crate::auth::model::{Actor, Role, Scope};
use crate::auth::policy::{can, Action, Target};
use crate::components::chart::Bar;
use crate::db::{sql, DbError};
use crate::ente::model::{EnteRef, Kit};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

/// The enti someone may open a dashboard for: every ente for platform admins.
async fn dashboard_enti(state: &AppState, actor: &Actor) -> Result<Vec<EnteRef>, DbError> {
    let all = crate::ente::repo::all(&state.db).await?;
    Ok(all
        .into_iter()
        .filter(|e| {
            can(
                Some(actor),
                Action::OpenDashboard,
                Target::In(Scope::Ente(e.id)),
            )
        })
        .collect())
}

fn roles_in(actor: &Actor, scope: impl Fn(Scope) -> bool) -> Vec<Role> {
    actor
        .grants
        .iter()
        .filter(|g| scope(g.scope))
        .map(|g| g.role)
        .collect()
}

pub async fn work_area(state: &AppState, actor: &Actor) -> Result<WorkArea, AppError> {
    let enti = dashboard_enti(state, actor).await?;
    let communities = crate::community::repo::of_account(&state.db, actor.account_id).await?;
    Ok(WorkArea {
        enti: enti
            .into_iter()
            .map(|e| WorkPlace {
                roles: roles_in(actor, |s| s == Scope::Ente(e.id)),
                slug: e.slug,
                name: e.name,
            })
            .collect(),
        communities: communities
            .into_iter()
            .map(|c| WorkPlace {
                roles: roles_in(
                    actor,
                    |s| matches!(s, Scope::Community { id, .. } if id == c.id),
                ),
                slug: c.slug,
                name: c.name,
            })
            .collect(),
        platform_admin: actor.is_platform_admin(),
    })
}

/// Entries per Rome day over the last `days` days, oldest first.
pub fn per_day(times: &[DateTime<Utc>], now: DateTime<Utc>, days: i64, lang: Lang) -> Vec<Bar> {
    let today = Lang::local_date(now);
    let mut counts: BTreeMap<chrono::NaiveDate, f64> = (0..days)
        .map(|i| (today - Duration::days(days - 1 - i), 0.0))
        .collect();
    for t in times {
        if let Some(c) = counts.get_mut(&Lang::local_date(*t)) {
            *c += 1.0;
        }
    }
    counts
        .into_iter()
        .map(|(day, value)| Bar {
            label: lang.day_month(day),
            value,
        })
        .collect()
}

pub async fn dashboard(
    state: &AppState,
    actor: &Actor,
    ente: EnteRef,
    lang: Lang,
) -> Result<Dashboard, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let scope = Scope::Ente(ente.id);
    let modules = crate::ente::repo::modules(db, ente.id).await?;
    let today = Lang::local_date(now);
    let (team_size,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(DISTINCT account_id) FROM role_grant WHERE ente_id = $1")
                .bind(ente.id),
        )
        .await?;
    let (pending,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM invitation WHERE ente_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2")
                .bind(ente.id)
                .bind(now),
        )
        .await?;
    let since = now - Duration::days(30);
    let times: Vec<(DateTime<Utc>,)> = db
        .fetch_all(
            sql("SELECT at FROM audit_log WHERE ente_id = $1 AND at >= $2")
                .bind(ente.id)
                .bind(since),
        )
        .await?;
    let times: Vec<DateTime<Utc>> = times.into_iter().map(|(t,)| t).collect();
    let switcher = dashboard_enti(state, actor)
        .await?
        .into_iter()
        .map(|e| (e.slug, e.name))
        .collect();
    Ok(Dashboard {
        switcher,
        roles: roles_in(actor, |s| s == scope),
        manage_team: can(Some(actor), Action::ViewTeam, Target::In(scope)),
        view_audit: can(Some(actor), Action::ViewAuditLog, Target::In(scope)),
        manage_consultations: can(Some(actor), Action::ManageConsultations, Target::In(scope))
            && modules.iter().any(|m| {
                m.module == crate::ente::model::Module::Consultations && m.is_active_on(today)
            }),
        manage_social: can(Some(actor), Action::ManageSocial, Target::In(scope)),
        kit: Kit::of(&modules.iter().map(|m| m.module).collect::<Vec<_>>()),
        modules: modules
            .iter()
            .map(|m| ModuleState {
                module: m.module,
                starts_on: lang.date(m.starts_on),
                ends_on: m.ends_on.map(|d| lang.date(d)),
                active: m.is_active_on(today),
            })
            .collect(),
        team_size,
        pending_invitations: pending,
        activity: per_day(&times, now, 30, lang),
        ente,
    })
}

pub async fn community_home(
    state: &AppState,
    actor: &Actor,
    community: crate::community::model::CommunityRef,
    lang: Lang,
) -> Result<CommunityHome, AppError> {
    let db = &state.db;
    let scope = Scope::Community {
        id: community.id,
        ente: community.ente_id,
    };
    let people: Vec<CommunityPerson> = db
        .fetch_all(
            sql("SELECT a.display_name AS name, g.role,
                        (SELECT e.name FROM role_grant w JOIN ente e ON e.id = w.ente_id
                          WHERE w.account_id = a.id ORDER BY w.id LIMIT 1) AS ente
                   FROM role_grant g JOIN account a ON a.id = g.account_id
                  WHERE g.community_id = $1 AND a.deleted_at IS NULL
                  ORDER BY g.role DESC, a.display_name")
            .bind(community.id),
        )
        .await?;
    let ente_name = match community.ente_id {
        Some(id) => crate::ente::repo::reference(db, id).await?.map(|e| e.name),
        None => None,
    };
    let mine = crate::community::repo::of_account(db, actor.account_id).await?;
    let latest = crate::forum::service::latest(state, actor, &community, 5, lang).await?;
    Ok(CommunityHome {
        cover: crate::community::repo::cover(db, community.id).await?,
        latest,
        manage: can(Some(actor), Action::ViewTeam, Target::In(scope)),
        switcher: mine.into_iter().map(|c| (c.slug, c.name)).collect(),
        people,
        ente_name,
        community,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_is_counted_per_rome_day() {
        let now =
            DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z").map(|d| d.with_timezone(&Utc));
        let Ok(now) = now else { panic!("fixture") };
        let times = [
            now,
            now - Duration::hours(1),
            // 23:30 UTC on the 22nd is already the 23rd in Rome.
            now - Duration::hours(34) - Duration::minutes(30),
            now - Duration::days(40),
        ];
        let bars = per_day(&times, now, 3, Lang::It);
        assert_eq!(
            bars.iter().map(|b| b.value).collect::<Vec<_>>(),
            vec![0.0, 1.0, 2.0]
        );
        assert_eq!(bars[2].label, "24 nov");
    }
}
