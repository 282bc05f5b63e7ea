//! Turning what a form sent into checked answers. Field names are flat, so that a
//! plain HTML form (no JavaScript) can send them: `q1` for most questions,
//! `q2__{option}` for each box of a multiple choice, `q4__{option}` for the position
//! of each option of a ranking, `q9__{row}` for each row of a matrix.

use super::model::{Kind, Question, Questionnaire};
use crate::i18n::T;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A checked answer. Stored as JSON with its kind named (`{"Text": "…"}`), so that a
/// text that looks like a date or a number reads back as the text it was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Bool(bool),
    Number(f64),
    Date(NaiveDate),
    /// A choice id, a rating or a text.
    Text(String),
    /// Choice ids (multiple choice), or option ids in order (ranking).
    List(Vec<String>),
    /// Row id → scale id (matrix).
    Rows(BTreeMap<String, String>),
}

pub type Answers = BTreeMap<String, Answer>;

/// What is wrong with the answer to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub question: String,
    pub problem: T,
    /// A number the message needs (the least or most choices, the longest text…).
    pub limit: Option<i64>,
}

/// The name of a sub-field: `q2__a`.
pub fn sub_field(question: &str, part: &str) -> String {
    format!("{question}__{part}")
}

fn value<'a>(raw: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    raw.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// Whether a question is shown, given the answers before it.
pub fn visible(q: &Question, answers: &Answers) -> bool {
    let Some(c) = &q.show_if else { return true };
    match answers.get(&c.question) {
        Some(Answer::Text(v)) => *v == c.value,
        Some(Answer::Bool(b)) => (c.value == "si") == *b,
        Some(Answer::Number(n)) => c.value.parse::<f64>().is_ok_and(|v| v == *n),
        Some(Answer::List(list)) => list.contains(&c.value),
        _ => false,
    }
}

/// The questions shown for what a form holds now (as the browser sees it while
/// someone types): a question is shown when it has no condition, or when the question
/// its condition names is shown and holds the value.
pub fn shown(questionnaire: &Questionnaire, raw: &BTreeMap<String, String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in questionnaire.questions() {
        let ok = match &q.show_if {
            None => true,
            Some(c) => {
                out.contains(&c.question)
                    && (value(raw, &c.question) == Some(c.value.as_str())
                        || value(raw, &sub_field(&c.question, &c.value)).is_some())
            }
        };
        if ok {
            out.push(q.id.clone());
        }
    }
    out
}

/// Checks every shown question; hidden ones are dropped whatever they hold. Returns
/// the answers, or every problem found.
pub fn parse(
    questionnaire: &Questionnaire,
    raw: &BTreeMap<String, String>,
) -> Result<Answers, Vec<Problem>> {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    for q in questionnaire.questions() {
        if !visible(q, &answers) {
            continue;
        }
        match parse_one(q, raw) {
            Ok(Some(answer)) => {
                answers.insert(q.id.clone(), answer);
            }
            Ok(None) if q.required => problems.push(problem(q, T::AnswerRequired, None)),
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

fn problem(q: &Question, problem: T, limit: Option<i64>) -> Problem {
    Problem {
        question: q.id.clone(),
        problem,
        limit,
    }
}

fn parse_one(q: &Question, raw: &BTreeMap<String, String>) -> Result<Option<Answer>, Problem> {
    let one = value(raw, &q.id);
    match &q.kind {
        Kind::SingleChoice { options } => match one {
            None => Ok(None),
            Some(v) if options.iter().any(|o| o.id == v) => Ok(Some(Answer::Text(v.to_string()))),
            Some(_) => Err(problem(q, T::AnswerInvalidChoice, None)),
        },
        Kind::MultipleChoice { options, min, max } => {
            let unknown = raw.keys().any(|k| {
                k.strip_prefix(&format!("{}__", q.id))
                    .is_some_and(|o| !options.iter().any(|c| c.id == o))
            });
            if unknown {
                return Err(problem(q, T::AnswerInvalidChoice, None));
            }
            let chosen: Vec<String> = options
                .iter()
                .filter(|o| value(raw, &sub_field(&q.id, &o.id)).is_some())
                .map(|o| o.id.clone())
                .collect();
            let n = chosen.len() as u32;
            if n == 0 {
                return Ok(None);
            }
            if let Some(m) = min.filter(|m| n < *m) {
                return Err(problem(q, T::AnswerTooFew, Some(i64::from(m))));
            }
            if let Some(m) = max.filter(|m| n > *m) {
                return Err(problem(q, T::AnswerTooMany, Some(i64::from(m))));
            }
            Ok(Some(Answer::List(chosen)))
        }
        Kind::Rating { min, max, .. } => match one {
            None => Ok(None),
            Some(v) => match v.parse::<i32>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(Some(Answer::Text(n.to_string()))),
                _ => Err(problem(q, T::AnswerOutOfScale, None)),
            },
        },
        Kind::Ranking { options } => {
            let given: Vec<(&str, Option<&str>)> = options
                .iter()
                .map(|o| (o.id.as_str(), value(raw, &sub_field(&q.id, &o.id))))
                .collect();
            if given.iter().all(|(_, v)| v.is_none()) {
                return Ok(None);
            }
            let n = options.len();
            let mut places: Vec<(usize, &str)> = Vec::new();
            for (id, v) in given {
                match v.and_then(|v| v.parse::<usize>().ok()) {
                    Some(p) if (1..=n).contains(&p) => places.push((p, id)),
                    _ => return Err(problem(q, T::AnswerRankingIncomplete, None)),
                }
            }
            places.sort_unstable();
            if places.iter().enumerate().any(|(i, (p, _))| *p != i + 1) {
                return Err(problem(q, T::AnswerRankingIncomplete, None));
            }
            Ok(Some(Answer::List(
                places.into_iter().map(|(_, id)| id.to_string()).collect(),
            )))
        }
        Kind::ShortText { max_len } | Kind::LongText { max_len } => match one {
            None => Ok(None),
            Some(v) if v.chars().count() > *max_len as usize => {
                Err(problem(q, T::AnswerTooLong, Some(i64::from(*max_len))))
            }
            Some(v)
                if v.chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') =>
            {
                Err(problem(q, T::AnswerInvalidText, None))
            }
            Some(v) => Ok(Some(Answer::Text(v.replace("\r\n", "\n")))),
        },
        Kind::Number { min, max, integer } => match one {
            None => Ok(None),
            Some(v) => {
                // Italian decimals use a comma; thousands separators are not accepted.
                let n = v
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite());
                match n {
                    None => Err(problem(q, T::AnswerNotANumber, None)),
                    Some(n) if *integer && n.fract() != 0.0 => {
                        Err(problem(q, T::AnswerNotInteger, None))
                    }
                    Some(n) if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) => {
                        Err(problem(q, T::AnswerOutOfRange, None))
                    }
                    Some(n) => Ok(Some(Answer::Number(n))),
                }
            }
        },
        Kind::Date { min, max } => match one {
            None => Ok(None),
            Some(v) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Err(_) => Err(problem(q, T::AnswerBadDate, None)),
                Ok(d) if min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m) => {
                    Err(problem(q, T::AnswerOutOfRange, None))
                }
                Ok(d) => Ok(Some(Answer::Date(d))),
            },
        },
        Kind::YesNo => match one {
            None => Ok(None),
            Some("si") => Ok(Some(Answer::Bool(true))),
            Some("no") => Ok(Some(Answer::Bool(false))),
            Some(_) => Err(problem(q, T::AnswerInvalidChoice, None)),
        },
        Kind::Matrix { rows, scale } => {
            let mut out = BTreeMap::new();
            for row in rows {
                match value(raw, &sub_field(&q.id, &row.id)) {
                    None => {}
                    Some(v) if scale.iter().any(|s| s.id == v) => {
                        out.insert(row.id.clone(), v.to_string());
                    }
                    Some(_) => return Err(problem(q, T::AnswerInvalidChoice, None)),
                }
            }
            if out.is_empty() {
                Ok(None)
            } else if out.len() < rows.len() {
                Err(problem(q, T::AnswerMatrixIncomplete, None))
            } else {
                Ok(Some(Answer::Rows(out)))
            }
        }
        // The form sends the id of a file already uploaded and checked.
        Kind::FileUpload { .. } => match one {
            None => Ok(None),
            Some(v)
                if v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
            {
                Ok(Some(Answer::Text(v.to_string())))
            }
            Some(_) => Err(problem(q, T::AnswerInvalidFile, None)),
        },
    }
}
