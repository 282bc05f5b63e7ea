//! The model's Servizi: the service cards of an ente, by the model's categories.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// The model's categories of service (their titles are the second-level pages of
/// Servizi that AgID's validator accepts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    Registry,
    Culture,
    Work,
    Business,
    Procurement,
    Planning,
    Tourism,
    Mobility,
    Education,
    Justice,
    Taxes,
    Environment,
    Health,
    Permits,
    Farming,
}

impl Category {
    pub const ALL: [Category; 15] = [
        Category::Registry,
        Category::Culture,
        Category::Work,
        Category::Business,
        Category::Procurement,
        Category::Planning,
        Category::Tourism,
        Category::Mobility,
        Category::Education,
        Category::Justice,
        Category::Taxes,
        Category::Environment,
        Category::Health,
        Category::Permits,
        Category::Farming,
    ];

    /// The value stored in the database, and the category page's address.
    pub fn code(self) -> &'static str {
        match self {
            Category::Registry => "anagrafe-e-stato-civile",
            Category::Culture => "cultura-e-tempo-libero",
            Category::Work => "vita-lavorativa",
            Category::Business => "imprese-e-commercio",
            Category::Procurement => "appalti-pubblici",
            Category::Planning => "catasto-e-urbanistica",
            Category::Tourism => "turismo",
            Category::Mobility => "mobilita-e-trasporti",
            Category::Education => "educazione-e-formazione",
            Category::Justice => "giustizia-e-sicurezza-pubblica",
            Category::Taxes => "tributi-finanze-e-contravvenzioni",
            Category::Environment => "ambiente",
            Category::Health => "salute-benessere-e-assistenza",
            Category::Permits => "autorizzazioni",
            Category::Farming => "agricoltura-e-pesca",
        }
    }

    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Its title, as the model writes it.
    pub fn label(self) -> T {
        match self {
            Category::Registry => T::ServiceCategoryRegistry,
            Category::Culture => T::ServiceCategoryCulture,
            Category::Work => T::ServiceCategoryWork,
            Category::Business => T::ServiceCategoryBusiness,
            Category::Procurement => T::ServiceCategoryProcurement,
            Category::Planning => T::ServiceCategoryPlanning,
            Category::Tourism => T::ServiceCategoryTourism,
            Category::Mobility => T::ServiceCategoryMobility,
            Category::Education => T::ServiceCategoryEducation,
            Category::Justice => T::ServiceCategoryJustice,
            Category::Taxes => T::ServiceCategoryTaxes,
            Category::Environment => T::ServiceCategoryEnvironment,
            Category::Health => T::ServiceCategoryHealth,
            Category::Permits => T::ServiceCategoryPermits,
            Category::Farming => T::ServiceCategoryFarming,
        }
    }
}

/// A service in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: Category,
    pub active: bool,
}

/// A topic of the model's vocabulary: its address part and its name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicRef {
    pub slug: String,
    pub name: String,
}

/// The office that answers for a service, and where it is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Office {
    pub slug: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// A section of a service card: which one, and its safe HTML (empty when the ente
/// wrote nothing there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Audience,
    Description,
    HowTo,
    Needed,
    Outcome,
    Times,
    Costs,
    Access,
    Conditions,
    Contacts,
}

impl Part {
    /// The index in the model's order (the validator reads these titles).
    pub const ALL: [Part; 10] = [
        Part::Audience,
        Part::Description,
        Part::HowTo,
        Part::Needed,
        Part::Outcome,
        Part::Times,
        Part::Costs,
        Part::Access,
        Part::Conditions,
        Part::Contacts,
    ];

    /// The section's anchor on the page.
    pub fn anchor(self) -> &'static str {
        match self {
            Part::Audience => "a-chi-e-rivolto",
            Part::Description => "descrizione",
            Part::HowTo => "come-fare",
            Part::Needed => "cosa-serve",
            Part::Outcome => "cosa-si-ottiene",
            Part::Times => "tempi-e-scadenze",
            Part::Costs => "quanto-costa",
            Part::Access => "accedi-al-servizio",
            Part::Conditions => "condizioni-di-servizio",
            Part::Contacts => "contatti",
        }
    }

    pub fn title(self) -> T {
        match self {
            Part::Audience => T::ServicePartAudience,
            Part::Description => T::ServicePartDescription,
            Part::HowTo => T::ServicePartHowTo,
            Part::Needed => T::ServicePartNeeded,
            Part::Outcome => T::ServicePartOutcome,
            Part::Times => T::ServicePartTimes,
            Part::Costs => T::ServicePartCosts,
            Part::Access => T::ServicePartAccess,
            Part::Conditions => T::ServicePartConditions,
            Part::Contacts => T::ServicePartContacts,
        }
    }

    /// The `data-element` of the section's text, where the model names one.
    pub fn element(self) -> Option<&'static str> {
        match self {
            Part::Audience => Some("service-addressed"),
            Part::HowTo => Some("service-how-to"),
            Part::Needed => Some("service-needed"),
            Part::Outcome => Some("service-achieved"),
            Part::Times => Some("service-calendar-text"),
            Part::Access => Some("service-generic-access"),
            _ => None,
        }
    }
}

/// A service's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub card: ServiceCard,
    /// Why it is not active, when it is not.
    pub status_reason: String,
    /// The written sections, in the model's order (HTML).
    pub parts: Vec<(Part, String)>,
    /// Where to use it online (an http(s) address), or empty.
    pub access_url: String,
    pub office: Option<Office>,
    pub topics: Vec<TopicRef>,
    /// "A chi è rivolto" as written (for the JSON-LD, made on the server; not sent).
    #[serde(skip)]
    pub audience_source: String,
}

/// The page of a category of services.
pub fn category_path(ente: &str, category: Category) -> String {
    format!("/{ente}/servizi/categoria/{}", category.code())
}
