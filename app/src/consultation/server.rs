//! Server functions of consultations: the operators' side (`consult/admin…`) asks for
//! `ManageConsultations` in the ente; the public side reads published ones and takes
//! answers from whoever the consultation admits.

use super::model::{Consultation, ConsultationCard};
use crate::error::AppError;
use crate::ids::EnteId;
use crate::questionnaire::results::QuestionResult;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    crate::auth::model::{Actor, Scope},
    crate::auth::policy::{Action, Target},
    crate::auth::server::{fail, go_to, request_info, require},
    crate::ente::model::Ente,
    crate::i18n::detect_lang,
    crate::i18n::T,
    crate::questionnaire::edit::QuestionForm,
    crate::state::{app_state, AppState},
    crate::text::Bounded,
};

/// The consultations of an ente, for its operators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminList {
    pub ente_slug: String,
    pub ente_name: String,
    pub items: Vec<ConsultationCard>,
}

/// One consultation in the editor: the consultation and the choices its forms offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editor {
    pub ente_name: String,
    pub consultation: Consultation,
    /// (id, name) of the Comuni of the deployment.
    pub comuni: Vec<(EnteId, String)>,
    pub topics: Vec<crate::account::model::Topic>,
    /// (slug, name)
    pub communities: Vec<(String, String)>,
    /// The community the consultation is for, if any (slug).
    pub community: String,
    /// For each question: the conditions it may have ("q1=o2", label).
    pub conditions: BTreeMap<String, Vec<(String, String)>>,
    /// Design problems that stop publication: (question id, text key).
    pub problems: Vec<(String, crate::i18n::T)>,
}

/// The results dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub ente_name: String,
    pub consultation: Consultation,
    /// Responses shown (after the filters) and in all.
    pub shown: i64,
    pub total: i64,
    pub per_day: Vec<crate::components::chart::Bar>,
    pub questions: Vec<QuestionResult>,
    /// Filter choices: Comuni (id, name) that appear in the responses.
    pub comuni: Vec<(EnteId, String)>,
}

/// The state, the ente and the operator, once `ManageConsultations` is granted there.
#[cfg(feature = "ssr")]
pub(crate) async fn manage(ente: &str) -> Result<(AppState, Ente, Actor), AppError> {
    let state = app_state()?;
    let found = crate::ente::repo::by_slug(&state.db, ente)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let actor = require(
        Action::ManageConsultations,
        Target::In(Scope::Ente(found.id)),
    )?;
    Ok((state, found, actor))
}

#[cfg(feature = "ssr")]
pub(crate) fn admin_path(ente: &Ente, slug: &str, tab: &str) -> String {
    format!("/gestione/{}/consultazioni/{slug}?scheda={tab}", ente.slug)
}

#[server(endpoint = "consult/admin-list")]
pub async fn load_admin_list(ente: String) -> Result<AdminList, AppError> {
    let (state, ente, _) = manage(&ente).await?;
    let lang = detect_lang();
    let now = state.clock.now();
    let counts = super::repo::response_counts(&state.db, ente.id).await?;
    let items = super::repo::list(&state.db, ente.id, true)
        .await?
        .into_iter()
        .map(|r| ConsultationCard {
            phase: super::model::Phase::of(&r.status, r.opens_at, r.closes_at, now),
            opens: lang.datetime(r.opens_at),
            closes: lang.datetime(r.closes_at),
            responses: counts
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            slug: r.slug,
            title: r.title,
            summary: r.summary,
        })
        .collect();
    Ok(AdminList {
        ente_slug: ente.slug,
        ente_name: ente.name,
        items,
    })
}

#[server(endpoint = "consult/create")]
pub async fn create_consultation(ente: String, title: String) -> Result<String, AppError> {
    let (state, ente, actor) = manage(&ente).await?;
    let slug = super::service::create(&state, &request_info(), &ente, &actor, &title)
        .await
        .map_err(fail)?;
    Ok(go_to(&admin_path(&ente, &slug, "dettagli")))
}

#[server(endpoint = "consult/admin")]
pub async fn load_editor(ente: String, slug: String) -> Result<Editor, AppError> {
    let (state, ente, _) = manage(&ente).await?;
    let lang = detect_lang();
    let row = super::service::load(&state, ente.id, &slug).await?;
    let consultation = super::service::view(&state, &ente, &row, lang).await?;
    let q = &consultation.questionnaire;
    let conditions = q
        .questions()
        .map(|x| {
            (
                x.id.clone(),
                crate::questionnaire::edit::condition_choices(q, &x.id),
            )
        })
        .collect();
    let problems = q
        .check()
        .into_iter()
        .map(|d| {
            use crate::questionnaire::model::DesignProblem as D;
            match d {
                D::Empty => (String::new(), T::BuilderEmpty),
                D::DuplicateId(id) | D::BadId(id) => (id, T::BuilderBadId),
                D::NoLabel(id) => (id, T::BuilderLabelLength),
                D::NoOptions(id) => (id, T::BuilderNoOptions),
                D::DuplicateOption(id) => (id, T::BuilderDuplicateOption),
                D::BadLimits(id) => (id, T::BuilderBadLimits),
                D::BadCondition(id) => (id, T::BuilderBadCondition),
            }
        })
        .collect();
    let community = match row.community_id {
        Some(id) => crate::community::repo::slug_of(&state.db, id)
            .await?
            .unwrap_or_default(),
        None => String::new(),
    };
    let communities = crate::community::repo::names(&state.db).await?;
    Ok(Editor {
        ente_name: ente.name.clone(),
        comuni: crate::ente::repo::comuni(&state.db).await?,
        topics: crate::account::repo::topics(&state.db).await?,
        communities,
        community,
        conditions,
        problems,
        consultation,
    })
}

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "consult/details")]
pub async fn save_details(
    ente: String,
    slug: String,
    title: String,
    summary: String,
    body: String,
    opens: String,
    closes: String,
    participation: String,
    community: Option<String>,
    anonymous: Option<String>,
    comuni: Option<Vec<String>>,
    topics: Option<Vec<String>>,
) -> Result<(), AppError> {
    let (state, ente, _) = manage(&ente).await?;
    let row = super::service::load(&state, ente.id, &slug).await?;
    let form = super::service::DetailsForm {
        title,
        summary,
        body,
        opens,
        closes,
        participation,
        community: community.unwrap_or_default(),
        anonymous: anonymous.is_some(),
        comuni: comuni.unwrap_or_default(),
        topics: topics.unwrap_or_default(),
    };
    super::service::save_details(&state, &request_info(), &ente, &row, form)
        .await
        .map_err(fail)?;
    go_to(&format!(
        "{}&salvato=1",
        admin_path(&ente, &slug, "dettagli")
    ));
    Ok(())
}

/// Runs one change of the builder and goes back to the questionnaire tab.
#[cfg(feature = "ssr")]
async fn build(
    ente: &str,
    slug: &str,
    change: impl FnOnce(&mut crate::questionnaire::model::Questionnaire) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let (state, ente, _) = manage(ente).await?;
    let row = super::service::load(&state, ente.id, slug).await?;
    super::service::edit_questionnaire(&state, &row, change)
        .await
        .map_err(fail)?;
    go_to(&admin_path(&ente, slug, "questionario"));
    Ok(())
}

#[server(endpoint = "consult/add-question")]
pub async fn add_question(
    ente: String,
    slug: String,
    section: usize,
    kind: String,
) -> Result<(), AppError> {
    let lang = detect_lang();
    build(&ente, &slug, |q| {
        let k = crate::questionnaire::edit::new_kind(&kind, lang)
            .ok_or_else(|| AppError::invalid("kind", T::ValidationChoice))?;
        crate::questionnaire::edit::add_question(q, section, k, lang.t(T::BuilderNewQuestion))
            .map(|_| ())
            .ok_or_else(|| AppError::invalid("section", T::ValidationChoice))
    })
    .await
}

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "consult/save-question")]
pub async fn save_question(
    ente: String,
    slug: String,
    question: String,
    label: String,
    help: String,
    required: Option<String>,
    options: Option<String>,
    rows: Option<String>,
    min: Option<String>,
    max: Option<String>,
    min_label: Option<String>,
    max_label: Option<String>,
    max_len: Option<String>,
    integer: Option<String>,
    show_if: Option<String>,
) -> Result<(), AppError> {
    let form = QuestionForm {
        label,
        help,
        required: required.is_some(),
        options: options.unwrap_or_default(),
        rows: rows.unwrap_or_default(),
        min: min.unwrap_or_default(),
        max: max.unwrap_or_default(),
        min_label: min_label.unwrap_or_default(),
        max_label: max_label.unwrap_or_default(),
        max_len: max_len.unwrap_or_default(),
        integer: integer.is_some(),
        show_if: show_if.unwrap_or_default(),
    };
    build(&ente, &slug, |q| {
        crate::questionnaire::edit::update_question(q, &question, &form).map_err(|problems| {
            let mut p = crate::error::Problems::default();
            for (field, t) in problems {
                p.add(&format!("{question}-{field}"), t);
            }
            p.into_result().err().unwrap_or(AppError::Internal)
        })
    })
    .await
}

#[server(endpoint = "consult/move-question")]
pub async fn move_question(
    ente: String,
    slug: String,
    question: String,
    direction: String,
) -> Result<(), AppError> {
    build(&ente, &slug, |q| {
        let mut moved = q.clone();
        crate::questionnaire::edit::move_question(&mut moved, &question, direction == "su");
        // A move that puts a question before the one its condition names is refused.
        if moved.check().iter().any(|d| {
            matches!(
                d,
                crate::questionnaire::model::DesignProblem::BadCondition(_)
            )
        }) && !q.check().iter().any(|d| {
            matches!(
                d,
                crate::questionnaire::model::DesignProblem::BadCondition(_)
            )
        }) {
            return Err(AppError::Refused(T::BuilderMoveBreaksCondition));
        }
        *q = moved;
        Ok(())
    })
    .await
}

#[server(endpoint = "consult/delete-question")]
pub async fn delete_question(ente: String, slug: String, question: String) -> Result<(), AppError> {
    build(&ente, &slug, |q| {
        crate::questionnaire::edit::delete_question(q, &question);
        Ok(())
    })
    .await
}

#[server(endpoint = "consult/add-section")]
pub async fn add_section(ente: String, slug: String, title: String) -> Result<(), AppError> {
    build(&ente, &slug, |q| {
        let title = title.trim();
        Bounded::<0, 200>::field("title", title, T::ValidationTooLong)?;
        crate::questionnaire::edit::add_section(q, title);
        Ok(())
    })
    .await
}

#[server(endpoint = "consult/save-section")]
pub async fn save_section(
    ente: String,
    slug: String,
    section: usize,
    title: String,
    description: String,
) -> Result<(), AppError> {
    build(&ente, &slug, |q| {
        if Bounded::<0, 200>::parse(&title).is_err()
            || Bounded::<0, 2000>::parse(&description).is_err()
        {
            return Err(AppError::invalid(
                &format!("s{section}-title"),
                T::ValidationTooLong,
            ));
        }
        let s = q.sections.get_mut(section).ok_or(AppError::NotFound)?;
        s.title = title.trim().to_string();
        s.description = description.trim().to_string();
        Ok(())
    })
    .await
}

#[server(endpoint = "consult/delete-section")]
pub async fn delete_section(ente: String, slug: String, section: usize) -> Result<(), AppError> {
    build(&ente, &slug, |q| {
        if crate::questionnaire::edit::delete_section(q, section) {
            Ok(())
        } else {
            Err(AppError::Refused(T::BuilderSectionNotEmpty))
        }
    })
    .await
}

/// Publishes (`publish`), withdraws (`withdraw`) or publishes the outcome (`results`).
#[server(endpoint = "consult/phase")]
pub async fn set_phase(
    ente: String,
    slug: String,
    to: String,
    outcome: Option<String>,
) -> Result<(), AppError> {
    let (state, ente, _) = manage(&ente).await?;
    let row = super::service::load(&state, ente.id, &slug).await?;
    super::phases::set_phase(
        &state,
        &request_info(),
        &ente,
        &row,
        &to,
        outcome.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    go_to(&admin_path(&ente, &slug, "dettagli"));
    Ok(())
}

/// Takes a cover or an attachment off the consultation.
#[server(endpoint = "consult/remove-file")]
pub async fn remove_file(ente: String, slug: String, token: String) -> Result<(), AppError> {
    let (state, ente, _) = manage(&ente).await?;
    let row = super::service::load(&state, ente.id, &slug).await?;
    super::service::remove_file(&state, &request_info(), &ente, &row, &token)
        .await
        .map_err(fail)?;
    go_to(&admin_path(&ente, &slug, "dettagli"));
    Ok(())
}
