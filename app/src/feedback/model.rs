//! A rating of a page and what visitors said, page by page.

use crate::i18n::T;
use serde::{Deserialize, Serialize};

/// The model's follow-up answers: after 4 or 5 stars, what was liked; after 1 to 3,
/// where it was hard. AgID's validator compares their texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    Clear,
    Complete,
    OnTrack,
    NoTechnicalProblems,
    OtherGood,
    Unclear,
    Incomplete,
    Lost,
    TechnicalProblems,
    OtherBad,
}

impl Answer {
    /// The answers after a good rating, then after a poor one, in the model's order.
    pub const POSITIVE: [Answer; 5] = [
        Answer::Clear,
        Answer::Complete,
        Answer::OnTrack,
        Answer::NoTechnicalProblems,
        Answer::OtherGood,
    ];
    pub const NEGATIVE: [Answer; 5] = [
        Answer::Unclear,
        Answer::Incomplete,
        Answer::Lost,
        Answer::TechnicalProblems,
        Answer::OtherBad,
    ];

    /// The value stored in the database and sent by the form.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Clear => "chiare",
            Answer::Complete => "complete",
            Answer::OnTrack => "procedura-chiara",
            Answer::NoTechnicalProblems => "nessun-problema",
            Answer::OtherGood => "altro-positivo",
            Answer::Unclear => "non-chiare",
            Answer::Incomplete => "non-complete",
            Answer::Lost => "procedura-incerta",
            Answer::TechnicalProblems => "problemi-tecnici",
            Answer::OtherBad => "altro-negativo",
        }
    }

    pub fn from_code(code: &str) -> Option<Answer> {
        Answer::POSITIVE
            .into_iter()
            .chain(Answer::NEGATIVE)
            .find(|a| a.code() == code)
    }

    pub fn label(self) -> T {
        match self {
            Answer::Clear => T::FeedbackClear,
            Answer::Complete => T::FeedbackComplete,
            Answer::OnTrack => T::FeedbackOnTrack,
            Answer::NoTechnicalProblems => T::FeedbackNoProblems,
            Answer::OtherGood | Answer::OtherBad => T::FeedbackOther,
            Answer::Unclear => T::FeedbackUnclear,
            Answer::Incomplete => T::FeedbackIncomplete,
            Answer::Lost => T::FeedbackLost,
            Answer::TechnicalProblems => T::FeedbackProblems,
        }
    }

    /// Whether it answers a good rating (4 or 5 stars).
    pub fn is_positive(self) -> bool {
        Answer::POSITIVE.contains(&self)
    }
}

/// The most characters of the free-text detail.
pub const DETAIL_MAX_CHARS: usize = 200;
/// The longest page address that is rated.
pub const PATH_MAX_CHARS: usize = 300;

/// Whether a rating of `stars` is a good one (the model's threshold: above 3).
pub fn is_good(stars: u8) -> bool {
    stars > 3
}

/// What visitors said of one page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageScore {
    pub path: String,
    /// How many gave 1, 2, 3, 4 and 5 stars.
    pub stars: [i64; 5],
    pub answers: Vec<(Answer, i64)>,
    /// The latest details written, newest first.
    pub details: Vec<String>,
}

impl PageScore {
    pub fn count(&self) -> i64 {
        self.stars.iter().sum()
    }

    /// The mean rating, or 0 without ratings.
    pub fn average(&self) -> f64 {
        let n = self.count();
        if n == 0 {
            return 0.0;
        }
        let total: i64 = self.stars.iter().zip(1..).map(|(c, s)| c * s).sum();
        total as f64 / n as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_of_a_page() {
        let p = PageScore {
            stars: [1, 0, 0, 1, 2],
            ..Default::default()
        };
        assert_eq!(p.count(), 4);
        assert!((p.average() - 3.75).abs() < 1e-9);
        assert_eq!(PageScore::default().average(), 0.0);
    }

    #[test]
    fn answers_round_trip_and_know_their_side() {
        for a in Answer::POSITIVE.into_iter().chain(Answer::NEGATIVE) {
            assert_eq!(Answer::from_code(a.code()), Some(a));
        }
        assert!(Answer::OtherGood.is_positive());
        assert!(!Answer::OtherBad.is_positive());
        assert!(is_good(4) && !is_good(3));
    }
}
