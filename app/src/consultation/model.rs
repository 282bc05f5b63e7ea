//! Consultations as the interface sees them.

use crate::i18n::T;
use crate::ids::EnteId;
use crate::questionnaire::model::Questionnaire;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a consultation is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Being prepared; only operators see it.
    Draft,
    /// Published, not open yet.
    Scheduled,
    Open,
    Closed,
    /// The outcome (esiti) is published.
    Results,
}

impl Phase {
    /// The phase from the stored status and dates.
    pub fn of(
        status: &str,
        opens_at: DateTime<Utc>,
        closes_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Phase {
        match status {
            "draft" => Phase::Draft,
            "results" => Phase::Results,
            _ if now < opens_at => Phase::Scheduled,
            _ if now < closes_at => Phase::Open,
            _ => Phase::Closed,
        }
    }

    pub fn label(self) -> T {
        match self {
            Phase::Draft => T::ConsultationPhaseDraft,
            Phase::Scheduled => T::ConsultationPhaseScheduled,
            Phase::Open => T::ConsultationPhaseOpen,
            Phase::Closed => T::ConsultationPhaseClosed,
            Phase::Results => T::ConsultationPhaseResults,
        }
    }

    /// Whether the public can see it at all.
    pub fn is_public(self) -> bool {
        self != Phase::Draft
    }
}

/// Who may answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Participation {
    /// Anyone, without an account (protected against floods).
    Anyone,
    /// Anyone with a verified account.
    Verified,
    /// Verified accounts resident in the listed Comuni.
    Residents,
    /// Members of a community.
    Community,
}

impl Participation {
    pub const ALL: [Participation; 4] = [
        Participation::Anyone,
        Participation::Verified,
        Participation::Residents,
        Participation::Community,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Participation::Anyone => "anyone",
            Participation::Verified => "verified",
            Participation::Residents => "residents",
            Participation::Community => "community",
        }
    }

    pub fn from_code(code: &str) -> Option<Participation> {
        Participation::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Participation::Anyone => T::ConsultationForAnyone,
            Participation::Verified => T::ConsultationForVerified,
            Participation::Residents => T::ConsultationForResidents,
            Participation::Community => T::ConsultationForCommunity,
        }
    }
}

impl TryFrom<String> for Participation {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Participation::from_code(&s).ok_or(s)
    }
}

/// A consultation in lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub phase: Phase,
    pub opens: String,
    pub closes: String,
    pub responses: i64,
}

/// A whole consultation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Consultation {
    pub id: i64,
    pub ente_slug: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub phase: Phase,
    pub status: String,
    /// Dates as `YYYY-MM-DDTHH:MM` in Rome time, for the form's inputs.
    pub opens_input: String,
    pub closes_input: String,
    /// Dates as people read them.
    pub opens: String,
    pub closes: String,
    pub participation: Participation,
    pub anonymous_results: bool,
    pub questionnaire: Questionnaire,
    pub outcome: String,
    pub responses: i64,
    pub comuni: Vec<EnteId>,
    pub topics: Vec<String>,
    /// The cover image (its label is the alternative text) and the documents.
    pub cover: Option<crate::upload::model::FileView>,
    pub attachments: Vec<crate::upload::model::FileView>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn phases_follow_status_and_dates() {
        let now = Utc::now();
        let (a, b) = (now - Duration::days(1), now + Duration::days(1));
        assert_eq!(Phase::of("draft", a, b, now), Phase::Draft);
        assert_eq!(Phase::of("published", a, b, now), Phase::Open);
        assert_eq!(
            Phase::of("published", b, b + Duration::days(1), now),
            Phase::Scheduled
        );
        assert_eq!(
            Phase::of("published", a - Duration::days(2), a, now),
            Phase::Closed
        );
        assert_eq!(
            Phase::of("results", a - Duration::days(2), a, now),
            Phase::Results
        );
        for p in Participation::ALL {
            assert_eq!(Participation::from_code(p.code()), Some(p));
        }
    }
}
