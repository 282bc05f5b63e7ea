//! Changes the builder makes to a questionnaire, one at a time: each takes what a
//! form sent, checks it, and gives back the new questionnaire or the problems. Pure
//! functions: the server stores the result only when it is valid.

use super::model::{Choice, Condition, Kind, Question, Questionnaire, Section};
use crate::i18n::T;
use crate::text::Bounded;
use serde::{Deserialize, Serialize};

/// The kinds an operator can add, by code. A file question accepts photos (JPEG,
/// PNG) and PDF up to 5 MB.
pub const KINDS: [&str; 11] = [
    "single_choice",
    "multiple_choice",
    "rating",
    "ranking",
    "short_text",
    "long_text",
    "number",
    "date",
    "yes_no",
    "matrix",
    "file_upload",
];

pub fn kind_label(code: &str) -> T {
    match code {
        "single_choice" => T::KindSingleChoice,
        "multiple_choice" => T::KindMultipleChoice,
        "rating" => T::KindRating,
        "ranking" => T::KindRanking,
        "short_text" => T::KindShortText,
        "long_text" => T::KindLongText,
        "number" => T::KindNumber,
        "date" => T::KindDate,
        "yes_no" => T::KindYesNo,
        "matrix" => T::KindMatrix,
        _ => T::KindFileUpload,
    }
}

fn options(labels: &[&str]) -> Vec<Choice> {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| Choice::new(&format!("o{}", i + 1), l))
        .collect()
}

/// A new question of a kind, with sensible defaults the operator then edits.
pub fn new_kind(code: &str, lang: crate::i18n::Lang) -> Option<Kind> {
    let opt = |n: u8| lang.tf(T::BuilderDefaultOption, &[("n", &n.to_string())]);
    let (a, b) = (opt(1), opt(2));
    Some(match code {
        "single_choice" => Kind::SingleChoice {
            options: options(&[&a, &b]),
        },
        "multiple_choice" => Kind::MultipleChoice {
            options: options(&[&a, &b]),
            min: None,
            max: None,
        },
        "rating" => Kind::Rating {
            min: 1,
            max: 5,
            min_label: lang.t(T::BuilderDefaultLow).to_string(),
            max_label: lang.t(T::BuilderDefaultHigh).to_string(),
        },
        "ranking" => Kind::Ranking {
            options: options(&[&a, &b]),
        },
        "short_text" => Kind::ShortText { max_len: 200 },
        "long_text" => Kind::LongText { max_len: 2000 },
        "number" => Kind::Number {
            min: None,
            max: None,
            integer: false,
        },
        "date" => Kind::Date {
            min: None,
            max: None,
        },
        "yes_no" => Kind::YesNo,
        "matrix" => Kind::Matrix {
            rows: options(&[&a, &b]),
            scale: options(&[lang.t(T::BuilderDefaultLow), lang.t(T::BuilderDefaultHigh)]),
        },
        "file_upload" => Kind::FileUpload {
            max_bytes: 5 * 1024 * 1024,
            types: vec![
                "image/jpeg".into(),
                "image/png".into(),
                "application/pdf".into(),
            ],
        },
        _ => return None,
    })
}

/// The next free question id.
fn next_id(q: &Questionnaire) -> String {
    let n = q
        .questions()
        .filter_map(|q| q.id.strip_prefix('q').and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    format!("q{}", n + 1)
}

/// Adds a question of `kind` at the end of section `section` (a new section if there
/// is none yet). Returns the new question's id.
pub fn add_question(
    q: &mut Questionnaire,
    section: usize,
    kind: Kind,
    label: &str,
) -> Option<String> {
    if q.sections.is_empty() {
        q.sections.push(Section {
            title: String::new(),
            description: String::new(),
            questions: vec![],
        });
    }
    let id = next_id(q);
    let s = q.sections.get_mut(section)?;
    s.questions.push(Question {
        id: id.clone(),
        label: label.to_string(),
        help: String::new(),
        required: false,
        kind,
        show_if: None,
    });
    Some(id)
}

pub fn add_section(q: &mut Questionnaire, title: &str) {
    q.sections.push(Section {
        title: title.to_string(),
        description: String::new(),
        questions: vec![],
    });
}

/// Where a question is: (section, position).
fn locate(q: &Questionnaire, id: &str) -> Option<(usize, usize)> {
    q.sections.iter().enumerate().find_map(|(s, sec)| {
        sec.questions
            .iter()
            .position(|x| x.id == id)
            .map(|p| (s, p))
    })
}

/// Moves a question up or down, across sections at their edges. Conditions must still
/// point backwards: a move that breaks one is refused (the caller checks the design).
pub fn move_question(q: &mut Questionnaire, id: &str, up: bool) -> bool {
    let Some((s, p)) = locate(q, id) else {
        return false;
    };
    let question = q.sections[s].questions.remove(p);
    let (ns, np) = match (up, p) {
        (true, 0) if s > 0 => (s - 1, q.sections[s - 1].questions.len()),
        (true, 0) => (s, 0),
        (true, p) => (s, p - 1),
        (false, p) if p >= q.sections[s].questions.len() && s + 1 < q.sections.len() => (s + 1, 0),
        (false, p) => (s, (p + 1).min(q.sections[s].questions.len())),
    };
    q.sections[ns].questions.insert(np, question);
    (ns, np) != (s, p)
}

/// Removes a question, and the conditions that pointed at it.
pub fn delete_question(q: &mut Questionnaire, id: &str) -> bool {
    let Some((s, p)) = locate(q, id) else {
        return false;
    };
    q.sections[s].questions.remove(p);
    for other in q.sections.iter_mut().flat_map(|s| s.questions.iter_mut()) {
        if other.show_if.as_ref().is_some_and(|c| c.question == id) {
            other.show_if = None;
        }
    }
    true
}

/// Removes an empty section (a section with questions keeps them: move them first).
pub fn delete_section(q: &mut Questionnaire, section: usize) -> bool {
    match q.sections.get(section) {
        Some(s) if s.questions.is_empty() => {
            q.sections.remove(section);
            true
        }
        _ => false,
    }
}

/// What the question form sends. Lists are one item per line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub label: String,
    pub help: String,
    pub required: bool,
    pub options: String,
    pub rows: String,
    pub min: String,
    pub max: String,
    pub min_label: String,
    pub max_label: String,
    pub max_len: String,
    pub integer: bool,
    pub show_if: String,
}

fn lines_to_choices(text: &str) -> Vec<Choice> {
    let labels: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    options(&labels)
}

/// Applies the question form; the problems are (field, text key).
pub fn update_question(
    q: &mut Questionnaire,
    id: &str,
    f: &QuestionForm,
) -> Result<(), Vec<(&'static str, T)>> {
    let mut problems = Vec::new();
    let Some((s, p)) = locate(q, id) else {
        return Err(vec![("label", T::ErrorNotFound)]);
    };
    let label = f.label.trim();
    if Bounded::<1, 500>::parse(label).is_err() {
        problems.push(("label", T::BuilderLabelLength));
    }
    if Bounded::<0, 1000>::parse(&f.help).is_err() {
        problems.push(("help", T::ValidationTooLong));
    }
    let int =
        |field: &'static str, text: &str, problems: &mut Vec<(&'static str, T)>| -> Option<i64> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push((field, T::AnswerNotInteger));
                    None
                }
            }
        };
    let mut kind = q.sections[s].questions[p].kind.clone();
    match &mut kind {
        Kind::SingleChoice { options } | Kind::Ranking { options } => {
            *options = lines_to_choices(&f.options)
        }
        Kind::MultipleChoice { options, min, max } => {
            *options = lines_to_choices(&f.options);
            *min = int("min", &f.min, &mut problems).map(|n| n.max(0) as u32);
            *max = int("max", &f.max, &mut problems).map(|n| n.max(0) as u32);
        }
        Kind::Rating {
            min,
            max,
            min_label,
            max_label,
        } => {
            *min = int("min", &f.min, &mut problems).unwrap_or(1) as i32;
            *max = int("max", &f.max, &mut problems).unwrap_or(5) as i32;
            *min_label = f.min_label.trim().to_string();
            *max_label = f.max_label.trim().to_string();
        }
        Kind::ShortText { max_len } | Kind::LongText { max_len } => {
            *max_len = int("max_len", &f.max_len, &mut problems)
                .unwrap_or(i64::from(*max_len))
                .clamp(0, 100_000) as u32;
        }
        Kind::Number { min, max, integer } => {
            let float = |field: &'static str, text: &str, problems: &mut Vec<(&'static str, T)>| {
                let text = text.trim().replace(',', ".");
                if text.is_empty() {
                    return None;
                }
                text.parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .or_else(|| {
                        problems.push((field, T::AnswerNotANumber));
                        None
                    })
            };
            *min = float("min", &f.min, &mut problems);
            *max = float("max", &f.max, &mut problems);
            *integer = f.integer;
        }
        Kind::Matrix { rows, scale } => {
            *rows = lines_to_choices(&f.rows);
            *scale = lines_to_choices(&f.options);
        }
        Kind::Date { .. } | Kind::YesNo | Kind::FileUpload { .. } => {}
    }
    let show_if = f
        .show_if
        .trim()
        .split_once('=')
        .map(|(question, value)| Condition {
            question: question.to_string(),
            value: value.to_string(),
        });
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut next = q.clone();
    {
        let target = &mut next.sections[s].questions[p];
        target.label = label.to_string();
        target.help = f.help.trim().to_string();
        target.required = f.required;
        target.kind = kind;
        target.show_if = show_if;
    }
    // Only this question's design problems count here.
    let mine: Vec<(&'static str, T)> = next
        .check()
        .into_iter()
        .filter_map(|d| {
            use super::model::DesignProblem as D;
            match d {
                D::NoOptions(x) if x == id => Some(("options", T::BuilderNoOptions)),
                D::DuplicateOption(x) if x == id => Some(("options", T::BuilderDuplicateOption)),
                D::BadLimits(x) if x == id => Some(("max", T::BuilderBadLimits)),
                D::BadCondition(x) if x == id => Some(("show_if", T::BuilderBadCondition)),
                D::NoLabel(x) if x == id => Some(("label", T::BuilderLabelLength)),
                _ => None,
            }
        })
        .collect();
    if !mine.is_empty() {
        return Err(mine);
    }
    *q = next;
    Ok(())
}

/// The conditions a question may have: "question=value" for each value of each
/// earlier question that has values, with a readable label.
pub fn condition_choices(q: &Questionnaire, id: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for earlier in q.questions().take_while(|x| x.id != id) {
        for value in earlier.kind.values() {
            let shown = match &earlier.kind {
                Kind::SingleChoice { options } | Kind::MultipleChoice { options, .. } => options
                    .iter()
                    .find(|o| o.id == value)
                    .map(|o| o.label.clone())
                    .unwrap_or_default(),
                _ => value.clone(),
            };
            out.push((
                format!("{}={value}", earlier.id),
                format!("{} → {shown}", earlier.label),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn sample() -> Questionnaire {
        let mut q = Questionnaire::default();
        for code in ["yes_no", "short_text", "single_choice"] {
            let kind = new_kind(code, Lang::It).unwrap_or(Kind::YesNo);
            add_question(&mut q, 0, kind, "Domanda");
        }
        q
    }

    #[test]
    fn every_kind_has_valid_defaults() {
        for code in KINDS {
            let mut q = Questionnaire::default();
            let kind = new_kind(code, Lang::It);
            assert!(kind.is_some(), "{code}");
            add_question(&mut q, 0, kind.unwrap_or(Kind::YesNo), "Una domanda");
            assert_eq!(q.check(), vec![], "{code}");
        }
        assert_eq!(new_kind("sconosciuto", Lang::It), None);
    }

    #[test]
    fn questions_move_and_ids_stay() {
        let mut q = sample();
        let ids = |q: &Questionnaire| q.questions().map(|x| x.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&q), ["q1", "q2", "q3"]);
        assert!(move_question(&mut q, "q3", true));
        assert_eq!(ids(&q), ["q1", "q3", "q2"]);
        assert!(!move_question(&mut q, "q1", true), "already first");
        add_section(&mut q, "Seconda parte");
        assert!(move_question(&mut q, "q2", false), "into the next section");
        assert_eq!(q.sections[1].questions[0].id, "q2");
        assert!(delete_question(&mut q, "q3"));
        assert!(!delete_section(&mut q, 1), "a section with questions stays");
        let kind = new_kind("number", Lang::It).unwrap_or(Kind::YesNo);
        let id = add_question(&mut q, 0, kind, "Altra").unwrap_or_default();
        assert_eq!(
            q.questions().filter(|x| x.id == id).count(),
            1,
            "a fresh id"
        );
    }

    #[test]
    fn the_question_form_is_checked() {
        let mut q = sample();
        let form = QuestionForm {
            label: "Dove abiti?".into(),
            options: "Centro\n\nPeriferia\n".into(),
            required: true,
            ..Default::default()
        };
        assert_eq!(update_question(&mut q, "q3", &form), Ok(()));
        let Some(Kind::SingleChoice { options }) = q.question("q3").map(|x| x.kind.clone()) else {
            panic!("kind")
        };
        assert_eq!(
            options.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(),
            ["Centro", "Periferia"]
        );
        let bad = QuestionForm {
            label: " ".into(),
            options: "Solo una".into(),
            ..Default::default()
        };
        assert_eq!(
            update_question(&mut q, "q3", &bad),
            Err(vec![("label", T::BuilderLabelLength)])
        );
        let one = QuestionForm {
            label: "Dove?".into(),
            options: "Solo una".into(),
            ..Default::default()
        };
        assert_eq!(
            update_question(&mut q, "q3", &one),
            Err(vec![("options", T::BuilderNoOptions)])
        );
        // A condition on a later question, or on a value that does not exist, is refused.
        let cond = QuestionForm {
            label: "Perché?".into(),
            show_if: "q3=o1".into(),
            ..Default::default()
        };
        assert_eq!(
            update_question(&mut q, "q2", &cond),
            Err(vec![("show_if", T::BuilderBadCondition)])
        );
        let cond = QuestionForm {
            label: "Perché?".into(),
            show_if: "q1=si".into(),
            ..Default::default()
        };
        assert_eq!(update_question(&mut q, "q2", &cond), Ok(()));
        assert_eq!(condition_choices(&q, "q3").len(), 2);
        // Deleting q1 drops the condition that pointed at it.
        assert!(delete_question(&mut q, "q1"));
        assert_eq!(q.question("q2").and_then(|x| x.show_if.clone()), None);
    }
}
