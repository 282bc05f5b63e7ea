//! The model's Amministrazione: the ente's units (organs of government, areas,
//! offices) and its people (politicians, staff), as its public pages show them.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// What a unit of the ente is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    Organ,
    Area,
    Office,
}

/// What a person of the ente is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonKind {
    Political,
    Staff,
}

/// A second-level page of Amministrazione: a list of units or of people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    Units(UnitKind),
    People(PersonKind),
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Units(UnitKind::Organ),
        Section::Units(UnitKind::Area),
        Section::Units(UnitKind::Office),
        Section::People(PersonKind::Political),
        Section::People(PersonKind::Staff),
    ];

    /// Its part of the address, `/{ente}/amministrazione/{path}`.
    pub fn path(self) -> &'static str {
        match self {
            Section::Units(UnitKind::Organ) => "organi-di-governo",
            Section::Units(UnitKind::Area) => "aree-amministrative",
            Section::Units(UnitKind::Office) => "uffici",
            Section::People(PersonKind::Political) => "politici",
            Section::People(PersonKind::Staff) => "personale-amministrativo",
        }
    }

    pub fn from_path(path: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.path() == path)
    }

    /// Its title (the model's second-level page titles).
    pub fn title(self) -> T {
        match self {
            Section::Units(UnitKind::Organ) => T::AdminOrgans,
            Section::Units(UnitKind::Area) => T::AdminAreas,
            Section::Units(UnitKind::Office) => T::AdminOffices,
            Section::People(PersonKind::Political) => T::AdminPoliticians,
            Section::People(PersonKind::Staff) => T::AdminStaff,
        }
    }

    /// What the section's landing card says about it.
    pub fn blurb(self) -> T {
        match self {
            Section::Units(UnitKind::Organ) => T::AdminOrgansBlurb,
            Section::Units(UnitKind::Area) => T::AdminAreasBlurb,
            Section::Units(UnitKind::Office) => T::AdminOfficesBlurb,
            Section::People(PersonKind::Political) => T::AdminPoliticiansBlurb,
            Section::People(PersonKind::Staff) => T::AdminStaffBlurb,
        }
    }
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::Organ, UnitKind::Area, UnitKind::Office];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Organ => "organ",
            UnitKind::Area => "area",
            UnitKind::Office => "office",
        }
    }

    pub fn from_code(code: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// One unit of the kind, as the editor names it.
    pub fn label(self) -> T {
        match self {
            UnitKind::Organ => T::AdminKindOrgan,
            UnitKind::Area => T::AdminKindArea,
            UnitKind::Office => T::AdminKindOffice,
        }
    }
}

impl PersonKind {
    pub const ALL: [PersonKind; 2] = [PersonKind::Political, PersonKind::Staff];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            PersonKind::Political => "political",
            PersonKind::Staff => "staff",
        }
    }

    pub fn from_code(code: &str) -> Option<PersonKind> {
        PersonKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// One person of the kind, as the editor names them.
    pub fn label(self) -> T {
        match self {
            PersonKind::Political => T::AdminKindPolitical,
            PersonKind::Staff => T::AdminKindStaff,
        }
    }
}

/// A unit or a person in a list: a link, a name, a line about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Card {
    pub slug: String,
    pub name: String,
    /// A person's role, or empty.
    pub role: String,
    pub summary: String,
}

/// A link to a unit or a person, with the role held there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub section: Section,
    pub slug: String,
    pub name: String,
    pub role: String,
}

/// Where an office is: a place of the ente.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Whereabouts {
    pub name: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
}

/// How to reach a unit or a person (any field may be empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contacts {
    pub phone: String,
    pub email: String,
    pub pec: String,
    /// One line per period ("lun-ven 08:30-12:30").
    pub hours: Vec<String>,
}

/// The page of a unit or of a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    pub section: Section,
    pub card: Card,
    /// What it does, or a person's curriculum and delegations: safe HTML.
    pub body_html: String,
    pub contacts: Contacts,
    pub place: Option<Whereabouts>,
    /// The area an office belongs to.
    pub parent: Option<Member>,
    /// A unit's people and offices; the units a person sits in.
    pub members: Vec<Member>,
    /// The services a unit answers for (title, address).
    pub services: Vec<(String, String)>,
}

/// The page of a unit or a person.
pub fn detail_path(ente: &str, section: Section, slug: &str) -> String {
    format!("/{ente}/amministrazione/{}/{slug}", section.path())
}

/// The list of a section.
pub fn section_path(ente: &str, section: Section) -> String {
    format!("/{ente}/amministrazione/{}", section.path())
}
