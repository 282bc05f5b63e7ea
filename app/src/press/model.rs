//! The press office as pages see it. Shared by browser and server.

use crate::content::model::NewsCard;
use crate::ente::model::EnteFrame;
use serde::{Deserialize, Serialize};

/// The longest a journalist's name, outlet or beat may be.
pub const NAME_MAX: usize = 120;
/// The longest the note on how consent was given may be.
pub const CONSENT_MAX: usize = 300;
/// The most journalists one ente's list may hold.
pub const LIST_MAX: i64 = 2_000;

/// A journalist on the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Journalist {
    pub id: i64,
    pub name: String,
    pub outlet: String,
    pub beat: String,
    pub email: String,
    /// How and when they agreed to receive releases, as the office recorded it.
    pub consent: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A release mailed to the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Mailing {
    pub title: String,
    pub embargo_until: Option<chrono::DateTime<chrono::Utc>>,
    pub recipients: i64,
    pub sent_at: chrono::DateTime<chrono::Utc>,
}

/// The office's contacts (each may be empty: the ente's own are shown instead).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PressContact {
    pub press_contact: String,
    pub press_email: String,
    pub press_phone: String,
}

impl PressContact {
    /// The contacts as journalists see them (the press kit, the end of a release):
    /// the office's own, else the ente's; `office` names the office when it gave no
    /// name.
    pub fn shown(self, ente: &crate::ente::model::Ente, office: &str) -> PressContact {
        let or = |own: String, other: &str| {
            if own.is_empty() {
                other.to_string()
            } else {
                own
            }
        };
        PressContact {
            press_contact: or(self.press_contact, office),
            press_email: or(self.press_email, &ente.email),
            press_phone: or(self.press_phone, &ente.phone),
        }
    }
}

/// `/gestione/{ente}/stampa`: the list, the releases mailed, the contacts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PressDesk {
    pub ente_slug: String,
    pub ente_name: String,
    pub contact: PressContact,
    pub journalists: Vec<Journalist>,
    pub mailings: Vec<Mailing>,
}

/// `/{ente}/ufficio-stampa`: what a journalist looks for first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PressKit {
    pub frame: EnteFrame,
    pub contact: PressContact,
    pub releases: Vec<NewsCard>,
    /// How many releases the ente has published in all.
    pub total: i64,
}

/// Where a journalist takes themselves off the list (with `?token=`): below the
/// press kit page (`ente::paths::sections::press_kit`).
pub fn leave_path(ente: &str) -> String {
    format!(
        "{}/cancellazione",
        crate::ente::paths::sections::press_kit(ente)
    )
}
