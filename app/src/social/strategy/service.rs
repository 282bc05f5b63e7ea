//! The strategy, the policies and the objectives (server only). A document is
//! saved as a new version (never overwritten) with a note of what changed; the
//! external policy's chosen version is the ente's public page; each change is in
//! the audit log, where the strategy page reads who changed what.

use crate::audit::model::AuditAction;
use crate::audit::repo::Record;
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::ente::model::{Ente, EnteFrame};
use crate::error::{AppError, FieldError};
use crate::i18n::{Lang, T};
use crate::ids::EnteId;
use crate::social::strategy::model::*;
use crate::social::strategy::repo::{self as repo, DocRow};
use crate::state::AppState;
use crate::text::Bounded;
use std::collections::{BTreeMap, HashSet};

/// The longest section.
pub const SECTION_MAX: usize = 20_000;

fn fields_of(row: &DocRow) -> BTreeMap<String, String> {
    serde_json::from_str(&row.fields).unwrap_or_default()
}

fn texts(kind: DocKind, fields: &BTreeMap<String, String>) -> Vec<SectionText> {
    kind.sections()
        .iter()
        .map(|s| {
            let source = fields.get(s.code()).cloned().unwrap_or_default();
            SectionText {
                section: *s,
                html: crate::markdown::render(&source, &HashSet::new()),
                source,
            }
        })
        .collect()
}

/// A document at `version` (the latest when None), with its history.
pub async fn doc(
    state: &AppState,
    ente: EnteId,
    kind: DocKind,
    version: Option<i64>,
    lang: Lang,
) -> Result<DocView, AppError> {
    let rows = repo::versions(&state.db, ente, kind).await?;
    let latest = rows.first().map(|r| r.version).unwrap_or(0);
    let shown = version
        .and_then(|v| rows.iter().find(|r| r.version == v))
        .or(rows.first());
    let published = rows
        .iter()
        .filter(|r| r.published_at.is_some())
        .max_by_key(|r| (r.published_at, r.version))
        .map(|r| r.version);
    let history = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let before = rows.get(i + 1).map(fields_of).unwrap_or_default();
            let now = fields_of(r);
            VersionView {
                version: r.version,
                author: crate::account::model::author_label(
                    r.author_name.as_deref().unwrap_or_default(),
                    r.author_name.is_none(),
                    lang,
                ),
                at: lang.datetime(r.created_at),
                note: r.note.clone(),
                changed: kind
                    .sections()
                    .iter()
                    .filter(|s| before.get(s.code()) != now.get(s.code()))
                    .copied()
                    .collect(),
                published: Some(r.version) == published,
            }
        })
        .collect();
    Ok(DocView {
        kind,
        version: shown.map(|r| r.version).unwrap_or(0),
        latest,
        sections: texts(kind, &shown.map(fields_of).unwrap_or_default()),
        history,
        published,
    })
}

/// Saves a new version of a document; its number.
pub async fn save_doc(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    actor: &Actor,
    kind: DocKind,
    sections: &BTreeMap<String, String>,
    note: &str,
) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let mut fields = BTreeMap::new();
    for s in kind.sections() {
        let text = sections
            .get(s.code())
            .map(|t| t.replace("\r\n", "\n").trim().to_string())
            .unwrap_or_default();
        if Bounded::<0, SECTION_MAX>::parse(&text).is_err() {
            errors.push(FieldError {
                field: format!("sections[{}]", s.code()),
                problem: T::ValidationTooLong,
                limit: Some(SECTION_MAX as i64),
            });
        }
        fields.insert(s.code().to_string(), text);
    }
    let note = note.trim();
    if Bounded::<0, 300>::parse(note).is_err() {
        errors.push(FieldError {
            field: "note".into(),
            problem: T::ValidationTooLong,
            limit: Some(300),
        });
    }
    if fields.values().all(String::is_empty) {
        errors.push(FieldError {
            field: format!("sections[{}]", kind.sections()[0].code()),
            problem: T::StrategyEmpty,
            limit: None,
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let rows = repo::versions(&state.db, ente.id, kind).await?;
    if rows.first().is_some_and(|r| fields_of(r) == fields) {
        return Err(AppError::Refused(T::StrategyUnchanged));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let version = repo::add_version(
        &mut tx,
        ente.id,
        kind,
        &serde_json::to_string(&fields).unwrap_or_default(),
        note,
        actor.account_id,
        now,
    )
    .await?;
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::SocialDocumentSaved)
            .target("social_document", Some(version), kind.code())
            .ente(Some(ente.id))
            .details(note),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Puts a version of the external policy on the public page.
pub async fn publish(
    state: &AppState,
    info: &RequestInfo,
    ente: &Ente,
    version: i64,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !repo::publish(&mut tx, ente.id, version, now).await? {
        return Err(AppError::NotFound);
    }
    crate::audit::repo::record(
        &mut tx,
        info,
        Record::new(AuditAction::SocialPolicyPublished)
            .target(
                "social_document",
                Some(version),
                DocKind::PolicyExternal.code(),
            )
            .ente(Some(ente.id)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn strategy_page(
    state: &AppState,
    ente: &Ente,
    lang: Lang,
    version: Option<i64>,
) -> Result<StrategyPage, AppError> {
    let doc = doc(state, ente.id, DocKind::Strategy, version, lang).await?;
    let channels = crate::social::plan::channel_repo::channels(&state.db, ente.id).await?;
    let objectives = crate::social::kpi::objectives::list(state, ente, lang).await?;
    let changes = repo::changes(&state.db, ente.id)
        .await?
        .into_iter()
        .map(|(who, at, action, label)| {
            // Documents are recorded by their kind's code: say it in words.
            let label = DocKind::from_code(&label)
                .map(|k| lang.t(k.label()).to_string())
                .unwrap_or(label);
            ChangeView {
                who,
                at: lang.datetime(at),
                what: format!(
                    "{}: {label}",
                    AuditAction::from_code(&action)
                        .map(|a| lang.t(a.label()))
                        .unwrap_or_default()
                ),
            }
        })
        .collect();
    Ok(StrategyPage {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        doc,
        objectives,
        channels,
        changes,
    })
}

pub async fn policy_page(
    state: &AppState,
    ente: &Ente,
    lang: Lang,
    internal: Option<i64>,
    external: Option<i64>,
) -> Result<PolicyPage, AppError> {
    Ok(PolicyPage {
        ente_slug: ente.slug.clone(),
        ente_name: ente.name.clone(),
        internal: doc(state, ente.id, DocKind::PolicyInternal, internal, lang).await?,
        external: doc(state, ente.id, DocKind::PolicyExternal, external, lang).await?,
    })
}

/// The public external policy of an ente; NotFound until one is published.
pub async fn public_policy(
    state: &AppState,
    frame: EnteFrame,
    lang: Lang,
) -> Result<PublicPolicy, AppError> {
    let row = repo::published(&state.db, frame.ente.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PublicPolicy {
        version: row.version,
        published: row
            .published_at
            .map(|t| lang.date(Lang::local_date(t)))
            .unwrap_or_default(),
        sections: texts(DocKind::PolicyExternal, &fields_of(&row)),
        frame,
    })
}
