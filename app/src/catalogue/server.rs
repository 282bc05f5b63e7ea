//! Server functions of Servizi: the services by category and one service's card.

use super::model::{Category, ServiceCard, ServiceDetail};
use crate::ente::model::EnteFrame;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::ente::{model::Module, server::module_frame};

/// Servizi, or one of its categories: the categories that hold services (with how
/// many), and the services shown, every one on one page (AgID's validator reads
/// them there: no pages to turn).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServicesPage {
    pub frame: EnteFrame,
    pub category: Option<Category>,
    pub categories: Vec<(Category, usize)>,
    pub items: Vec<ServiceCard>,
}

/// Every service of an ente, or those of one `categoria` (its code).
#[server(endpoint = "catalogue/services")]
pub async fn load_services(ente: String, categoria: String) -> Result<ServicesPage, AppError> {
    let (state, frame) = module_frame(&ente, Module::Site).await?;
    let category = match categoria.trim() {
        "" => None,
        code => Some(
            Category::from_code(code)
                .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?,
        ),
    };
    let all = super::repo::cards(&state.db, frame.ente.id, None).await?;
    let categories = Category::ALL
        .into_iter()
        .map(|c| (c, all.iter().filter(|s| s.category == c).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let items = all
        .into_iter()
        .filter(|s| category.is_none_or(|c| s.category == c))
        .collect();
    Ok(ServicesPage {
        frame,
        category,
        categories,
        items,
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServicePage {
    pub frame: EnteFrame,
    pub service: ServiceDetail,
    /// Its address, whole (for sharing and search engines).
    pub url: String,
    /// Its GovernmentService JSON-LD.
    pub schema: serde_json::Value,
}

/// One service's card.
#[server(endpoint = "catalogue/service")]
pub async fn load_service(ente: String, slug: String) -> Result<ServicePage, AppError> {
    let (state, frame) = module_frame(&ente, Module::Site).await?;
    let lang = crate::i18n::detect_lang();
    let service = super::repo::detail(&state.db, frame.ente.id, &slug, lang, |s| {
        crate::markdown::render(s, &std::collections::HashSet::new())
    })
    .await?
    .ok_or_else(|| crate::auth::server::fail(AppError::NotFound))?;
    let url = state.link(&crate::ente::paths::sections::service(
        &frame.ente.slug,
        &slug,
    ));
    let schema = super::schema::government_service(&service, &frame.ente, &url, lang);
    Ok(ServicePage {
        frame,
        service,
        url,
        schema,
    })
}
