//! What the community's server functions do once the policy said yes (server only):
//! the directory, creating a community, requests to join and their review, the
//! members' page and the settings.

use super::model::*;
use super::repo::{self, NewCommunity};
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::{Actor, Role, Scope};
use crate::auth::policy::{can, Action, Target};
use crate::auth::server::RequestInfo;
use crate::error::AppError;
use crate::error::Problems;
use crate::i18n::{Lang, T};
use crate::ids::{AccountId, EnteId};
use crate::state::AppState;
use crate::text::Bounded;

/// The scope a new community is created in: the ente that runs it, or the platform.
pub fn creation_scope(ente_id: Option<EnteId>) -> Scope {
    ente_id.map(Scope::Ente).unwrap_or(Scope::Platform)
}

pub async fn directory(state: &AppState, actor: &Actor) -> Result<Directory, AppError> {
    let (mut mine, mut open) = (Vec::new(), Vec::new());
    for row in repo::cards(&state.db, actor.account_id).await? {
        let visibility = Visibility::from_code(&row.visibility).unwrap_or(Visibility::Invitation);
        let card = CommunityCard {
            cover: row.cover(),
            slug: row.slug,
            name: row.name,
            description: row.description,
            visibility,
            ente: row.ente,
            members: row.members,
            mine: row.mine,
            requested: row.requested,
        };
        if card.mine {
            mine.push(card);
        } else if visibility == Visibility::Open {
            open.push(card);
        }
    }
    let choices = choices(state, actor).await?;
    Ok(Directory {
        mine,
        open,
        may_create: !choices.runners.is_empty(),
        may_ask: actor.verified,
    })
}

/// Who the signed-in person may create a community for.
pub async fn choices(state: &AppState, actor: &Actor) -> Result<NewCommunityChoices, AppError> {
    let mut runners = Vec::new();
    if can(
        Some(actor),
        Action::CreateCommunity,
        Target::In(Scope::Platform),
    ) {
        runners.push((String::new(), String::new()));
    }
    for e in crate::ente::repo::all(&state.db).await? {
        if can(
            Some(actor),
            Action::CreateCommunity,
            Target::In(Scope::Ente(e.id)),
        ) {
            runners.push((e.slug, e.name));
        }
    }
    Ok(NewCommunityChoices { runners })
}

/// The form of a new community as submitted.
pub struct NewCommunityInput {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub visibility: String,
}

/// Creates the community (run by `ente_id`, checked by the caller) with its creator
/// as tutor; its slug.
pub async fn create(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    ente_id: Option<EnteId>,
    input: NewCommunityInput,
) -> Result<String, AppError> {
    let mut problems = Problems::default();
    let mut problem = |field: &str, t: T| problems.add(field, t);
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0..=2 => problem("name", T::CommunityNameTooShort),
        n if n > NAME_MAX_CHARS => problem("name", T::CommunityNameTooLong),
        _ => {}
    }
    let wanted = if input.slug.trim().is_empty() {
        crate::text::handle_of(&name).replace('.', "-")
    } else {
        input.slug.trim().to_lowercase()
    };
    let slug = match crate::ente::model::Slug::parse(&wanted) {
        Ok(_) if RESERVED.contains(&wanted.as_str()) => {
            problem("slug", T::ValidationSlugReserved);
            None
        }
        Ok(s) => Some(s.as_str().to_string()),
        Err(t) => {
            problem("slug", t);
            None
        }
    };
    let description = crate::text::tidy(&input.description);
    if Bounded::<0, DESCRIPTION_MAX_CHARS>::parse(&description).is_err() {
        problem("description", T::ValidationTooLong);
    }
    let visibility = Visibility::from_code(&input.visibility);
    if visibility.is_none() {
        problem("visibility", T::ValidationChoice);
    }
    problems.into_result()?;
    let (Some(slug), Some(visibility)) = (slug, visibility) else {
        return Err(AppError::Internal);
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let new = NewCommunity {
        slug: &slug,
        name: &name,
        description: &description,
        ente_id,
        visibility,
    };
    let id = repo::create(&mut tx, &new, actor.account_id, now)
        .await?
        .ok_or_else(|| AppError::invalid("slug", T::CommunitySlugTaken))?;
    let scope = Scope::Community { id, ente: ente_id };
    crate::account::repo::grant(
        &mut tx,
        actor.account_id,
        Role::CommunityTutor,
        scope,
        Some(actor.account_id),
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::CommunityCreated)
            .target("community", Some(id), name.as_str())
            .ente(ente_id)
            .details(slug.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(slug)
}

/// Asks to join an open community; tutors hear of it in the bell.
pub async fn ask_to_join(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    message: &str,
) -> Result<(), AppError> {
    let message = message.trim();
    Bounded::<0, MESSAGE_MAX_CHARS>::field("message", message, T::ValidationTooLong)?;
    if repo::visibility(&state.db, c.id).await? != Visibility::Open {
        return Err(AppError::Refused(T::CommunityInvitationOnly));
    }
    if actor
        .grants
        .iter()
        .any(|g| matches!(g.scope, Scope::Community { id, .. } if id == c.id))
    {
        return Err(AppError::Refused(T::CommunityAlreadyMember));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !repo::add_request(&mut tx, c.id, actor.account_id, message, now).await? {
        return Err(AppError::Refused(T::CommunityAlreadyRequested));
    }
    let url = community_path(&c.slug, "membri");
    for m in repo::roster(&state.db, c.id).await? {
        if m.tutor {
            let lang = Lang::of(&m.language);
            let text = lang.tf(
                T::CommunityNotifyRequest,
                &[("who", actor.label()), ("community", &c.name)],
            );
            crate::notify::repo::add(&mut tx, m.id, "community_request", &text, &url, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A tutor approves (the member role is granted) or declines a request.
pub async fn decide_request(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    c: &CommunityRef,
    id: i64,
    decision: RequestDecision,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    Bounded::<0, MESSAGE_MAX_CHARS>::field("reason", reason, T::ValidationTooLong)?;
    let request = repo::pending_requests(&state.db, c.id, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::Refused(T::CommunityRequestGone))?;
    let approve = decision == RequestDecision::Approve;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !repo::close_request(&mut tx, id, approve, reason, actor.account_id, now).await? {
        return Err(AppError::Refused(T::CommunityRequestGone));
    }
    if approve {
        crate::account::repo::grant(
            &mut tx,
            request.account_id,
            Role::CommunityMember,
            scope_of(c),
            Some(actor.account_id),
            now,
        )
        .await?;
    }
    let lang = Lang::of(&request.language);
    let (text, url) = if approve {
        (
            lang.tf(T::CommunityNotifyApproved, &[("community", &c.name)]),
            community_path(&c.slug, ""),
        )
    } else {
        let why = if reason.is_empty() { "—" } else { reason };
        (
            lang.tf(
                T::CommunityNotifyDeclined,
                &[("community", &c.name), ("reason", why)],
            ),
            "/comunita".to_string(),
        )
    };
    crate::notify::repo::add(
        &mut tx,
        request.account_id,
        "community_request",
        &text,
        &url,
        now,
    )
    .await?;
    let action = if approve {
        AuditAction::MembershipApproved
    } else {
        AuditAction::MembershipDeclined
    };
    audit::record(
        &mut tx,
        info,
        Record::new(action)
            .target_account(request.account_id, request.email.as_str())
            .ente(c.ente_id)
            .details(c.slug.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_settings(
    state: &AppState,
    info: &RequestInfo,
    c: &CommunityRef,
    description: &str,
    visibility: &str,
    (flag_threshold, approve_first_posts): (&str, &str),
) -> Result<(), AppError> {
    let threshold = flag_threshold
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| FLAG_THRESHOLD_RANGE.contains(n))
        .ok_or_else(|| AppError::invalid("flag_threshold", T::CommunityFlagThresholdInvalid))?;
    let approve = approve_first_posts
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| APPROVE_FIRST_POSTS.contains(n))
        .ok_or_else(|| AppError::invalid("approve_first_posts", T::ValidationChoice))?;
    let description = crate::text::tidy(&description);
    Bounded::<0, DESCRIPTION_MAX_CHARS>::field("description", &description, T::ValidationTooLong)?;
    let visibility = Visibility::from_code(visibility)
        .ok_or_else(|| AppError::invalid("visibility", T::ValidationChoice))?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::update(
        &mut tx,
        c.id,
        &description,
        visibility,
        (threshold, approve),
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::CommunityUpdated)
            .target("community", Some(c.id), c.name.as_str())
            .ente(c.ente_id)
            .details(visibility.code()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Lets a member write on the community's blog, or stops it.
pub async fn set_blog_author(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    account: AccountId,
    on: bool,
) -> Result<(), AppError> {
    let members = repo::roster(&state.db, c.id).await?;
    if !members.iter().any(|m| m.id == account) {
        return Err(AppError::invalid("account", T::ValidationChoice));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::set_blog_author(&mut tx, c.id, account, on, actor.account_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Stores a checked image as the community's cover (the caller checked the policy).
pub async fn set_cover(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    c: &CommunityRef,
    file: crate::upload::check::Checked,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let staged = crate::upload::repo::stage(&state.db, &state.files, &file).await?;
    let mut tx = state.db.begin().await?;
    let (upload, _) =
        crate::upload::repo::store(&mut tx, &staged, Some(actor.account_id), c.ente_id, now)
            .await?;
    repo::set_cover(&mut tx, c.id, upload, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::CommunityUpdated)
            .target("community", Some(c.id), c.name.as_str())
            .ente(c.ente_id)
            .details("cover"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
