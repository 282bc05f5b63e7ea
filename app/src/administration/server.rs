//! Server functions of Amministrazione: its landing page, a section's list, the page
//! of a unit or a person. Part of the institutional site (module Site).

use super::model::{Card, Detail, Section};
use crate::ente::model::{EnteFrame, Listing};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ente::{model::Module, server::module_frame};

/// Safe HTML from what an operator wrote.
#[cfg(feature = "ssr")]
pub(crate) fn html(source: &str) -> String {
    crate::markdown::render(source, &std::collections::HashSet::new())
}

/// Amministrazione: its sections and how much each holds, and its free pages.
#[server(endpoint = "administration/home")]
pub async fn load_administration(ente: String) -> Result<Listing<AdministrationHome>, AppError> {
    use crate::content::{model::PageSection, page_repo};
    let (state, frame) = module_frame(&ente, Module::Site).await?;
    let id = frame.ente.id;
    let items = AdministrationHome {
        sections: super::repo::counts(&state.db, id).await?,
        pages: page_repo::links(&state.db, id, PageSection::Administration).await?,
    };
    Ok(Listing { frame, items })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdministrationHome {
    pub sections: Vec<(Section, i64)>,
    pub pages: Vec<crate::content::model::PageLink>,
}

/// One section of Amministrazione and what it lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionList {
    pub frame: EnteFrame,
    pub section: Section,
    pub items: Vec<Card>,
}

/// The units or the people of one section (`organi-di-governo`, `uffici`, `politici`…).
#[server(endpoint = "administration/section")]
pub async fn load_section(ente: String, sezione: String) -> Result<SectionList, AppError> {
    let (state, frame) = module_frame(&ente, Module::Site).await?;
    let section = Section::from_path(&sezione)
        .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    let items = super::repo::cards(&state.db, frame.ente.id, section).await?;
    Ok(SectionList {
        frame,
        section,
        items,
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetailPage {
    pub frame: EnteFrame,
    pub detail: Detail,
    /// Its address, whole (for sharing and search engines).
    pub url: String,
}

/// The page of one unit or one person.
#[server(endpoint = "administration/detail")]
pub async fn load_detail(
    ente: String,
    sezione: String,
    slug: String,
) -> Result<DetailPage, AppError> {
    use super::model::Section::{People, Units};
    let (state, frame) = module_frame(&ente, Module::Site).await?;
    let missing = || crate::auth::server::fail(AppError::NotFound);
    let section = Section::from_path(&sezione).ok_or_else(missing)?;
    let id = frame.ente.id;
    let detail = match section {
        Units(kind) => super::repo::unit(&state.db, id, kind, &slug, html).await?,
        People(kind) => super::repo::person(&state.db, id, kind, &slug, html).await?,
    }
    .ok_or_else(missing)?;
    let url = state.link(&super::model::detail_path(&frame.ente.slug, section, &slug));
    Ok(DetailPage { frame, detail, url })
}
