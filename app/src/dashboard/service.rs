//! Building the work areas (server only).

use super::model::{CommunityHome, Dashboard, ModuleState, WorkArea, WorkPlace};
use crate::auth::model::{Actor, Role, Scope};
use crate::auth::policy::{can, Action, Target};
use crate::community::{
    self,
    model::{scope_of, CommunityRef, JoinRequest, MemberProfile, MembersPage, Settings},
};
use crate::components::chart::per_day;
use crate::db::DbError;
use crate::ente::model::{EnteRef, Kit};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use chrono::Duration;

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
    let team_size = crate::invite::repo::team_size(db, ente.id).await?;
    let pending = crate::invite::repo::pending_count(db, ente.id, now).await?;
    let times = crate::audit::repo::times(db, ente.id, now - Duration::days(30)).await?;
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
        manage_site: can(Some(actor), Action::ManageSite, Target::In(scope))
            && modules
                .iter()
                .any(|m| m.module == crate::ente::model::Module::Site && m.is_active_on(today)),
        manage_press: can(Some(actor), Action::ManagePress, Target::In(scope))
            && modules
                .iter()
                .any(|m| m.module == crate::ente::model::Module::Site && m.is_active_on(today)),
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
    let people = crate::community::repo::people(db, community.id).await?;
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

/// The members' page of a community.
pub async fn members_page(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    lang: Lang,
) -> Result<MembersPage, AppError> {
    let target = Target::In(scope_of(c));
    let may_invite = can(Some(actor), Action::Appoint(Role::CommunityMember), target);
    let authors = community::repo::blog_authors(&state.db, c.id).await?;
    let members = community::repo::members(&state.db, c.id)
        .await?
        .into_iter()
        .map(|m| MemberProfile {
            account_id: m.account_id,
            blog_author: authors.contains(&m.account_id),
            handle: crate::text::handle_of(&m.display_name),
            skills: crate::account::model::parse_skills(&m.skills).unwrap_or_default(),
            name: m.display_name,
            job_title: m.job_title,
            ente: m.ente,
            tutor: m.tutor,
            since: lang.date(Lang::local_date(m.since)),
        })
        .collect();
    let requests = if may_invite {
        community::repo::pending_requests(&state.db, c.id, None)
            .await?
            .into_iter()
            .map(|r| JoinRequest {
                id: r.id,
                name: r.display_name,
                email: r.email,
                job_title: r.job_title,
                ente: r.ente,
                message: r.message,
                at: lang.datetime(r.created_at),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(MembersPage {
        bar: crate::forum::service::bar(state, actor, c).await?,
        members,
        requests,
        may_invite,
    })
}

/// The settings page of a community.
pub async fn settings(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
) -> Result<Settings, AppError> {
    Ok(Settings {
        bar: crate::forum::service::bar(state, actor, c).await?,
        name: c.name.clone(),
        description: c.description.clone(),
        visibility: community::repo::visibility(&state.db, c.id).await?,
        flag_threshold: community::repo::flag_threshold(&state.db, c.id).await?,
        approve_first_posts: community::repo::approve_first_posts(&state.db, c.id).await?,
        cover: community::repo::cover(&state.db, c.id).await?,
    })
}
