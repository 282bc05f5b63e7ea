//! A questionnaire: sections of questions of eleven kinds, with required flags, help
//! texts and conditions ("show B when A is x"). Shared by the browser (to draw and
//! pre-check the form) and the server (to check and store answers). Consultations,
//! training-needs surveys and any later survey use the same engine.

use serde::{Deserialize, Serialize};

/// One option of a choice, ranking or matrix question. `id` is stable (answers and
/// conditions refer to it); `label` is what people read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

impl Choice {
    pub fn new(id: &str, label: &str) -> Choice {
        Choice {
            id: id.to_string(),
            label: label.to_string(),
        }
    }
}

/// What kind of answer a question takes, with its limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kind {
    SingleChoice {
        options: Vec<Choice>,
    },
    MultipleChoice {
        options: Vec<Choice>,
        min: Option<u32>,
        max: Option<u32>,
    },
    /// A scale from `min` to `max` (e.g. 1 to 5), with words at both ends.
    Rating {
        min: i32,
        max: i32,
        min_label: String,
        max_label: String,
    },
    /// Every option put in order of preference.
    Ranking {
        options: Vec<Choice>,
    },
    ShortText {
        max_len: u32,
    },
    LongText {
        max_len: u32,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
    },
    Date {
        min: Option<chrono::NaiveDate>,
        max: Option<chrono::NaiveDate>,
    },
    YesNo,
    /// Each row answered on the same scale.
    Matrix {
        rows: Vec<Choice>,
        scale: Vec<Choice>,
    },
    /// A file, with the largest size and the accepted types (MIME).
    FileUpload {
        max_bytes: u64,
        types: Vec<String>,
    },
}

impl Questionnaire {
    /// Whether some question asks for a file (the form must then send files).
    pub fn has_files(&self) -> bool {
        self.questions()
            .any(|q| matches!(q.kind, Kind::FileUpload { .. }))
    }
}

impl Kind {
    pub fn code(&self) -> &'static str {
        match self {
            Kind::SingleChoice { .. } => "single_choice",
            Kind::MultipleChoice { .. } => "multiple_choice",
            Kind::Rating { .. } => "rating",
            Kind::Ranking { .. } => "ranking",
            Kind::ShortText { .. } => "short_text",
            Kind::LongText { .. } => "long_text",
            Kind::Number { .. } => "number",
            Kind::Date { .. } => "date",
            Kind::YesNo => "yes_no",
            Kind::Matrix { .. } => "matrix",
            Kind::FileUpload { .. } => "file_upload",
        }
    }

    /// The options a condition on this question can name.
    pub fn values(&self) -> Vec<String> {
        match self {
            Kind::SingleChoice { options } | Kind::MultipleChoice { options, .. } => {
                options.iter().map(|c| c.id.clone()).collect()
            }
            Kind::YesNo => vec!["si".into(), "no".into()],
            Kind::Rating { min, max, .. } => (*min..=*max).map(|v| v.to_string()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Show a question only when another one (earlier in the questionnaire) was answered
/// with `value` (for a multiple choice: when `value` is among the choices).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within the questionnaire: `q1`, `q2`…; answers are keyed by it.
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: bool,
    pub kind: Kind,
    #[serde(default)]
    pub show_if: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub sections: Vec<Section>,
}

/// Why a questionnaire cannot be published as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DesignProblem {
    Empty,
    DuplicateId(String),
    BadId(String),
    NoLabel(String),
    /// A choice, ranking or matrix question without (enough) options.
    NoOptions(String),
    DuplicateOption(String),
    /// Limits that contradict each other (min above max, a scale of one step…).
    BadLimits(String),
    /// The condition names a question that does not come earlier, or a value it cannot take.
    BadCondition(String),
}

impl Questionnaire {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// Every problem that stops the questionnaire from being published.
    pub fn check(&self) -> Vec<DesignProblem> {
        let mut problems = Vec::new();
        if self.questions().next().is_none() {
            problems.push(DesignProblem::Empty);
        }
        let mut seen: Vec<&Question> = Vec::new();
        for q in self.questions() {
            let id_ok = !q.id.is_empty()
                && q.id.len() <= 40
                && q.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !id_ok {
                problems.push(DesignProblem::BadId(q.id.clone()));
            }
            if seen.iter().any(|s| s.id == q.id) {
                problems.push(DesignProblem::DuplicateId(q.id.clone()));
            }
            if q.label.trim().is_empty() {
                problems.push(DesignProblem::NoLabel(q.id.clone()));
            }
            problems.extend(check_kind(q));
            if let Some(c) = &q.show_if {
                let valid = seen
                    .iter()
                    .find(|s| s.id == c.question)
                    .is_some_and(|s| s.kind.values().contains(&c.value));
                if !valid {
                    problems.push(DesignProblem::BadCondition(q.id.clone()));
                }
            }
            seen.push(q);
        }
        problems
    }
}

fn check_kind(q: &Question) -> Vec<DesignProblem> {
    let id = || q.id.clone();
    let options_problems = |options: &[Choice], least: usize| {
        let mut p = Vec::new();
        if options.len() < least || options.iter().any(|o| o.label.trim().is_empty()) {
            p.push(DesignProblem::NoOptions(id()));
        }
        let mut ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) || ids.iter().any(|i| i.is_empty()) {
            p.push(DesignProblem::DuplicateOption(id()));
        }
        p
    };
    match &q.kind {
        Kind::SingleChoice { options } | Kind::Ranking { options } => options_problems(options, 2),
        Kind::MultipleChoice { options, min, max } => {
            let mut p = options_problems(options, 2);
            let n = options.len() as u32;
            let bad = min.is_some_and(|m| m > n)
                || max.is_some_and(|m| m == 0 || m > n)
                || matches!((min, max), (Some(a), Some(b)) if a > b);
            if bad {
                p.push(DesignProblem::BadLimits(id()));
            }
            p
        }
        Kind::Rating { min, max, .. } => {
            if max <= min || max - min > 10 {
                vec![DesignProblem::BadLimits(id())]
            } else {
                vec![]
            }
        }
        Kind::Matrix { rows, scale } => {
            let mut p = options_problems(rows, 1);
            p.extend(options_problems(scale, 2));
            p.dedup();
            p
        }
        Kind::ShortText { max_len } | Kind::LongText { max_len } => {
            if *max_len == 0 || *max_len > 20_000 {
                vec![DesignProblem::BadLimits(id())]
            } else {
                vec![]
            }
        }
        Kind::Number { min, max, .. } => match (min, max) {
            (Some(a), Some(b)) if a > b => vec![DesignProblem::BadLimits(id())],
            _ => vec![],
        },
        Kind::Date { min, max } => match (min, max) {
            (Some(a), Some(b)) if a > b => vec![DesignProblem::BadLimits(id())],
            _ => vec![],
        },
        Kind::FileUpload { max_bytes, types } => {
            if *max_bytes == 0 || types.is_empty() {
                vec![DesignProblem::BadLimits(id())]
            } else {
                vec![]
            }
        }
        Kind::YesNo => vec![],
    }
}
