//! The ente's channels (server only): checked and saved, audited.

use super::channel_repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::server::RequestInfo;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::T;
use crate::ids::AccountId;
use crate::social::channel::Platform;
use crate::social::plan::channel_repo::ChannelInput;
use crate::social::plan::model::ChannelsPage;
use crate::social::plan::service::{check_len, problem, TEXT_MAX};
use crate::state::AppState;

/// A channel as its form sent it.
pub struct ChannelForm {
    pub id: Option<i64>,
    pub platform: String,
    pub name: String,
    pub handle: String,
    pub url: String,
    pub owner: Option<AccountId>,
    pub goal: String,
    pub char_limit: String,
    pub active: bool,
}

pub async fn save_channel(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    form: ChannelForm,
) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let platform = Platform::from_code(form.platform.trim());
    if platform.is_none() {
        errors.push(problem("platform", T::ValidationRequired, None));
    }
    let name = check_len(&mut errors, "name", &form.name, 80, true);
    let handle = check_len(&mut errors, "handle", &form.handle, 100, false);
    let url = check_len(&mut errors, "url", &form.url, 500, false);
    if !url.is_empty()
        && (!(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace))
    {
        errors.push(problem("url", T::EditorialLinkInvalid, None));
    }
    let goal = check_len(&mut errors, "goal", &form.goal, 500, false);
    let char_limit = match form.char_limit.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(n) if (1..=TEXT_MAX as i64).contains(&n) => Some(n),
            _ => {
                errors.push(problem(
                    "char_limit",
                    T::ChannelLimitRange,
                    Some(TEXT_MAX as i64),
                ));
                None
            }
        },
    };
    let team = channel_repo::team(&state.db, ente.id).await?;
    let owner = form.owner.filter(|o| o.get() > 0);
    if owner.is_some_and(|o| !team.iter().any(|(id, _)| *id == o)) {
        errors.push(problem("owner", T::ChannelOwnerNotInTeam, None));
    }
    let Some(platform) = platform.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let input = ChannelInput {
        platform,
        name: &name,
        handle: &handle,
        url: &url,
        owner_id: owner,
        goal: &goal,
        char_limit,
        active: form.active,
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let saved = match channel_repo::save_channel(&mut tx, ente.id, form.id, &input, now).await {
        Ok(saved) => saved.ok_or(AppError::NotFound)?,
        Err(e) if e.is_unique_violation() => {
            return Err(AppError::invalid("name", T::ChannelNameTaken))
        }
        Err(e) => return Err(e.into()),
    };
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::SocialChannelSaved)
            .target("social_channel", Some(saved), name.as_str())
            .ente(Some(ente.id))
            .details(platform.code()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(saved)
}

pub async fn channels_page(state: &AppState, ente: &Ente) -> Result<ChannelsPage, AppError> {
    Ok(ChannelsPage {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        channels: channel_repo::channels(&state.db, ente.id).await?,
        team: channel_repo::team(&state.db, ente.id).await?,
    })
}
