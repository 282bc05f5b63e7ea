//! Enti (the public bodies using Piazza), their aggregations and their kit of modules.

use crate::i18n::T;
use crate::ids::EnteId;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// What kind of public body an ente is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EnteKind {
    Comune,
    UnioneComuni,
    Provincia,
    Regione,
    UnioneMontana,
}

impl EnteKind {
    pub const ALL: [EnteKind; 5] = [
        EnteKind::Comune,
        EnteKind::UnioneComuni,
        EnteKind::Provincia,
        EnteKind::Regione,
        EnteKind::UnioneMontana,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            EnteKind::Comune => "comune",
            EnteKind::UnioneComuni => "unione_comuni",
            EnteKind::Provincia => "provincia",
            EnteKind::Regione => "regione",
            EnteKind::UnioneMontana => "unione_montana",
        }
    }

    pub fn label(self) -> T {
        match self {
            EnteKind::Comune => T::EnteKindComune,
            EnteKind::UnioneComuni => T::EnteKindUnioneComuni,
            EnteKind::Provincia => T::EnteKindProvincia,
            EnteKind::Regione => T::EnteKindRegione,
            EnteKind::UnioneMontana => T::EnteKindUnioneMontana,
        }
    }

    /// Whether this kind of ente aggregates member Comuni.
    pub fn is_aggregation(self) -> bool {
        matches!(self, EnteKind::UnioneComuni | EnteKind::UnioneMontana)
    }
}

impl TryFrom<String> for EnteKind {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        EnteKind::ALL.into_iter().find(|k| k.code() == s).ok_or(s)
    }
}

/// A module an ente can switch on (the pieces of the OpenPA kit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Module {
    Site,
    Newsletter,
    Transparency,
    OpenData,
    Webinars,
    PressOffice,
    Events,
    Spaces,
    CommunityLab,
    Consultations,
    Reports,
    Community,
}

impl Module {
    pub const ALL: [Module; 12] = [
        Module::Site,
        Module::Newsletter,
        Module::Transparency,
        Module::OpenData,
        Module::Webinars,
        Module::PressOffice,
        Module::Events,
        Module::Spaces,
        Module::CommunityLab,
        Module::Consultations,
        Module::Reports,
        Module::Community,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Module::Site => "site",
            Module::Newsletter => "newsletter",
            Module::Transparency => "transparency",
            Module::OpenData => "open_data",
            Module::Webinars => "webinars",
            Module::PressOffice => "press_office",
            Module::Events => "events",
            Module::Spaces => "spaces",
            Module::CommunityLab => "community_lab",
            Module::Consultations => "consultations",
            Module::Reports => "reports",
            Module::Community => "community",
        }
    }

    pub fn label(self) -> T {
        match self {
            Module::Site => T::ModuleSite,
            Module::Newsletter => T::ModuleNewsletter,
            Module::Transparency => T::ModuleTransparency,
            Module::OpenData => T::ModuleOpenData,
            Module::Webinars => T::ModuleWebinars,
            Module::PressOffice => T::ModulePressOffice,
            Module::Events => T::ModuleEvents,
            Module::Spaces => T::ModuleSpaces,
            Module::CommunityLab => T::ModuleCommunityLab,
            Module::Consultations => T::ModuleConsultations,
            Module::Reports => T::ModuleReports,
            Module::Community => T::ModuleCommunity,
        }
    }
}

impl TryFrom<String> for Module {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Module::ALL.into_iter().find(|m| m.code() == s).ok_or(s)
    }
}

/// The OpenPA kits for Aggregazioni di Comuni; each adds modules to the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kit {
    Basic,
    Intermediate,
    Plus,
    /// Any other set of modules.
    Custom,
}

impl Kit {
    const BASIC: [Module; 5] = [
        Module::Site,
        Module::Newsletter,
        Module::Transparency,
        Module::OpenData,
        Module::Webinars,
    ];
    const INTERMEDIATE: [Module; 4] = [
        Module::PressOffice,
        Module::Events,
        Module::Spaces,
        Module::CommunityLab,
    ];
    const PLUS: [Module; 3] = [Module::Consultations, Module::Reports, Module::Community];

    /// The modules of a kit, sorted.
    pub fn modules(self) -> Vec<Module> {
        let mut all: Vec<Module> = match self {
            Kit::Basic => Self::BASIC.to_vec(),
            Kit::Intermediate => [&Self::BASIC[..], &Self::INTERMEDIATE[..]].concat(),
            Kit::Plus => [&Self::BASIC[..], &Self::INTERMEDIATE[..], &Self::PLUS[..]].concat(),
            Kit::Custom => Vec::new(),
        };
        all.sort();
        all
    }

    /// How long the support of a kit lasts (BASIC 4 months, INTERMEDIATE 6, PLUS 9).
    pub fn months(self) -> Option<u32> {
        match self {
            Kit::Basic => Some(4),
            Kit::Intermediate => Some(6),
            Kit::Plus => Some(9),
            Kit::Custom => None,
        }
    }

    /// The end date of a kit started on `start`.
    pub fn ends_on(self, start: NaiveDate) -> Option<NaiveDate> {
        self.months()
            .and_then(|m| start.checked_add_months(Months::new(m)))
    }

    /// The kit a set of modules corresponds to.
    pub fn of(modules: &[Module]) -> Kit {
        let mut sorted = modules.to_vec();
        sorted.sort();
        sorted.dedup();
        [Kit::Basic, Kit::Intermediate, Kit::Plus]
            .into_iter()
            .find(|k| k.modules() == sorted)
            .unwrap_or(Kit::Custom)
    }

    pub fn label(self) -> T {
        match self {
            Kit::Basic => T::KitBasic,
            Kit::Intermediate => T::KitIntermediate,
            Kit::Plus => T::KitPlus,
            Kit::Custom => T::KitCustom,
        }
    }
}

/// The URL name of an ente: `/{slug}/…`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

/// Path segments that belong to Piazza itself and cannot name an ente.
pub const RESERVED_SLUGS: &[&str] = &[
    "api",
    "pkg",
    "vendor",
    "healthz",
    "readyz",
    "admin",
    "account",
    "accedi",
    "login",
    "logout",
    "lang",
    "static",
    "assets",
    "favicon.ico",
    "robots.txt",
    "dashboard",
    "community",
    "search",
    "gestione",
    "comunita",
    "persone",
    "privacy",
    "accessibilita",
    "cerca",
    "live",
    "metrics",
];

impl Slug {
    /// Lowercase letters, digits and single hyphens; 2 to 60 characters; not reserved.
    pub fn parse(s: &str) -> Result<Slug, T> {
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !(2..=60).contains(&s.len())
            || !ok_chars
            || s.starts_with('-')
            || s.ends_with('-')
            || s.contains("--")
        {
            return Err(T::ValidationSlug);
        }
        if RESERVED_SLUGS.contains(&s) {
            return Err(T::ValidationSlugReserved);
        }
        Ok(Slug(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A short reference to an ente, for lists and links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EnteRef {
    pub id: EnteId,
    pub slug: String,
    pub name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: EnteKind,
}

/// One line of the list of enti on the home page of a deployment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EnteSummary {
    pub id: EnteId,
    pub slug: String,
    pub name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: EnteKind,
    pub description: String,
    pub parent_name: Option<String>,
    pub member_count: i64,
}

/// Everything public about an ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Ente {
    pub id: EnteId,
    pub slug: String,
    pub name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: EnteKind,
    pub parent_id: Option<EnteId>,
    pub description: String,
    pub logo_path: Option<String>,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub pec: String,
    pub website: String,
    pub ipa_code: Option<String>,
    pub istat_code: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Its accessibility statement as published on AgID's form site
    /// (`https://form.agid.gov.it/view/…`), or empty: the footer links it.
    #[serde(default)]
    pub accessibility_url: String,
}

/// An ente and the aggregation it belongs to: what every page of the ente needs for
/// its header and footer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnteFrame {
    pub ente: Ente,
    pub parent: Option<EnteRef>,
    /// The modules active today (Rome time): the site shows only these.
    pub active: Vec<Module>,
    /// The ente has put a social media policy online (linked from the footer).
    #[serde(default)]
    pub social_policy: bool,
}

impl EnteFrame {
    pub fn has(&self, module: Module) -> bool {
        self.active.contains(&module)
    }
}

/// A module switched on for an ente, from `starts_on` to `ends_on` (open-ended if none).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EnabledModule {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub module: Module,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl EnabledModule {
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|end| day <= end)
    }
}

/// A list page of an ente: its frame and the items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Listing<T> {
    pub frame: EnteFrame,
    pub items: T,
}

/// The public page of an ente's social media policy.
pub fn social_policy_path(ente: &str) -> String {
    format!("/{ente}/social-media-policy")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kits_grow_and_are_recognised() {
        assert_eq!(Kit::Basic.modules().len(), 5);
        assert_eq!(Kit::Intermediate.modules().len(), 9);
        assert_eq!(Kit::Plus.modules().len(), 12);
        assert_eq!(Kit::of(&Kit::Intermediate.modules()), Kit::Intermediate);
        assert_eq!(Kit::of(&[Module::Site, Module::Reports]), Kit::Custom);
    }

    #[test]
    fn kit_duration_ends_on_the_same_day_months_later() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 31);
        let end = start.and_then(|s| Kit::Basic.ends_on(s));
        assert_eq!(end, NaiveDate::from_ymd_opt(2026, 5, 31));
        assert_eq!(start.and_then(|s| Kit::Custom.ends_on(s)), None);
    }

    #[test]
    fn slugs_are_checked() {
        assert!(Slug::parse("bassa-romagna").is_ok());
        assert!(Slug::parse("lugo2").is_ok());
        assert_eq!(Slug::parse("Lugo"), Err(T::ValidationSlug));
        assert_eq!(Slug::parse("a"), Err(T::ValidationSlug));
        assert_eq!(Slug::parse("-lugo"), Err(T::ValidationSlug));
        assert_eq!(Slug::parse("lu--go"), Err(T::ValidationSlug));
        assert_eq!(Slug::parse("lugo/../x"), Err(T::ValidationSlug));
        assert_eq!(Slug::parse("api"), Err(T::ValidationSlugReserved));
    }

    #[test]
    fn module_activity_respects_dates() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day);
        let (Some(start), Some(end)) = (d(3, 1), d(6, 30)) else {
            panic!("fixture")
        };
        let m = EnabledModule {
            module: Module::Events,
            starts_on: start,
            ends_on: Some(end),
        };
        assert!(m.is_active_on(start));
        assert!(m.is_active_on(end));
        assert!(d(7, 1).is_some_and(|day| !m.is_active_on(day)));
        assert!(d(2, 28).is_some_and(|day| !m.is_active_on(day)));
    }

    #[test]
    fn codes_round_trip() {
        for k in EnteKind::ALL {
            assert_eq!(EnteKind::try_from(k.code().to_string()), Ok(k));
        }
        for m in Module::ALL {
            assert_eq!(Module::try_from(m.code().to_string()), Ok(m));
        }
        assert!(Module::try_from("nope".to_string()).is_err());
    }
}
