//! Every question kind, with good and bad answers.

use super::answers::{parse, Answer, Problem};
use super::model::*;
use crate::i18n::T;
use std::collections::BTreeMap;

fn q(id: &str, kind: Kind, required: bool) -> Question {
    Question {
        id: id.into(),
        label: format!("Domanda {id}"),
        help: String::new(),
        required,
        kind,
        show_if: None,
    }
}

fn choices(ids: &[&str]) -> Vec<Choice> {
    ids.iter()
        .map(|i| Choice::new(i, &i.to_uppercase()))
        .collect()
}

/// A questionnaire with one question of each kind; q11 shows only when q8 is "si".
fn sample() -> Questionnaire {
    let mut conditional = q("q11", Kind::ShortText { max_len: 50 }, true);
    conditional.show_if = Some(Condition {
        question: "q8".into(),
        value: "si".into(),
    });
    Questionnaire {
        sections: vec![
            Section {
                title: "Tu e il quartiere".into(),
                description: String::new(),
                questions: vec![
                    q(
                        "q1",
                        Kind::SingleChoice {
                            options: choices(&["centro", "periferia"]),
                        },
                        true,
                    ),
                    q(
                        "q2",
                        Kind::MultipleChoice {
                            options: choices(&["bus", "bici", "auto", "piedi"]),
                            min: Some(1),
                            max: Some(2),
                        },
                        false,
                    ),
                    q(
                        "q3",
                        Kind::Rating {
                            min: 1,
                            max: 5,
                            min_label: "Per niente".into(),
                            max_label: "Molto".into(),
                        },
                        true,
                    ),
                    q(
                        "q4",
                        Kind::Ranking {
                            options: choices(&["verde", "parcheggi", "piste"]),
                        },
                        false,
                    ),
                    q("q5", Kind::ShortText { max_len: 20 }, false),
                    q("q6", Kind::LongText { max_len: 500 }, false),
                ],
            },
            Section {
                title: "Dettagli".into(),
                description: String::new(),
                questions: vec![
                    q(
                        "q7",
                        Kind::Number {
                            min: Some(0.0),
                            max: Some(120.0),
                            integer: true,
                        },
                        false,
                    ),
                    q("q8", Kind::YesNo, true),
                    q(
                        "q9",
                        Kind::Matrix {
                            rows: choices(&["pulizia", "luce"]),
                            scale: choices(&["male", "bene"]),
                        },
                        false,
                    ),
                    q(
                        "q10",
                        Kind::Date {
                            min: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
                            max: None,
                        },
                        false,
                    ),
                    conditional,
                    q(
                        "q12",
                        Kind::FileUpload {
                            max_bytes: 5_000_000,
                            types: vec!["image/jpeg".into()],
                        },
                        false,
                    ),
                ],
            },
        ],
    }
}

fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const GOOD: &[(&str, &str)] = &[
    ("q1", "centro"),
    ("q2__bus", "on"),
    ("q2__bici", "on"),
    ("q3", "4"),
    ("q4__verde", "1"),
    ("q4__parcheggi", "3"),
    ("q4__piste", "2"),
    ("q5", "  2026-06-01  "),
    ("q6", "Più alberi\r\ne panchine"),
    ("q7", "42"),
    ("q8", "si"),
    ("q9__pulizia", "male"),
    ("q9__luce", "bene"),
    ("q10", "2026-06-01"),
    ("q11", "piazza"),
];

fn with(changes: &[(&str, Option<&str>)]) -> BTreeMap<String, String> {
    let mut r = raw(GOOD);
    for (k, v) in changes {
        match v {
            Some(v) => {
                r.insert(k.to_string(), v.to_string());
            }
            None => {
                r.remove(*k);
            }
        }
    }
    r
}

fn problems(r: &BTreeMap<String, String>) -> Vec<(String, T)> {
    match parse(&sample(), r) {
        Ok(_) => vec![],
        Err(ps) => ps
            .into_iter()
            .map(
                |Problem {
                     question, problem, ..
                 }| (question, problem),
            )
            .collect(),
    }
}

#[test]
fn the_design_checks_out() {
    assert_eq!(sample().check(), vec![]);
}

#[test]
fn good_answers_are_typed() {
    let a = match parse(&sample(), &raw(GOOD)) {
        Ok(a) => a,
        Err(p) => panic!("{p:?}"),
    };
    assert_eq!(a["q1"], Answer::Text("centro".into()));
    assert_eq!(a["q2"], Answer::List(vec!["bus".into(), "bici".into()]));
    assert_eq!(
        a["q4"],
        Answer::List(vec!["verde".into(), "piste".into(), "parcheggi".into()])
    );
    assert_eq!(
        a["q5"],
        Answer::Text("2026-06-01".into()),
        "a text that looks like a date"
    );
    assert_eq!(a["q6"], Answer::Text("Più alberi\ne panchine".into()));
    assert_eq!(a["q7"], Answer::Number(42.0));
    assert_eq!(a["q8"], Answer::Bool(true));
    assert_eq!(
        a["q10"],
        Answer::Date(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default())
    );
    assert_eq!(a["q11"], Answer::Text("piazza".into()));
    assert!(!a.contains_key("q12"));
    // Stored as JSON and read back the same.
    let json = serde_json::to_string(&a).unwrap_or_default();
    let back: super::answers::Answers = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, a);
}

#[test]
fn every_kind_refuses_bad_answers() {
    let cases: Vec<(Vec<(&str, Option<&str>)>, &str, T)> = vec![
        (vec![("q1", Some("altrove"))], "q1", T::AnswerInvalidChoice),
        (vec![("q1", None)], "q1", T::AnswerRequired),
        (vec![("q2__auto", Some("on"))], "q2", T::AnswerTooMany),
        (
            vec![("q2__aereo", Some("on"))],
            "q2",
            T::AnswerInvalidChoice,
        ),
        (vec![("q3", Some("7"))], "q3", T::AnswerOutOfScale),
        (vec![("q3", Some("quattro"))], "q3", T::AnswerOutOfScale),
        (
            vec![("q4__piste", Some("1"))],
            "q4",
            T::AnswerRankingIncomplete,
        ),
        (vec![("q4__piste", None)], "q4", T::AnswerRankingIncomplete),
        (
            vec![("q5", Some("una via molto, molto lunga"))],
            "q5",
            T::AnswerTooLong,
        ),
        (
            vec![("q6", Some("zero\u{0}byte"))],
            "q6",
            T::AnswerInvalidText,
        ),
        (vec![("q7", Some("tanti"))], "q7", T::AnswerNotANumber),
        (vec![("q7", Some("4,5"))], "q7", T::AnswerNotInteger),
        (vec![("q7", Some("130"))], "q7", T::AnswerOutOfRange),
        (vec![("q8", Some("forse"))], "q8", T::AnswerInvalidChoice),
        (vec![("q9__luce", None)], "q9", T::AnswerMatrixIncomplete),
        (
            vec![("q9__luce", Some("benissimo"))],
            "q9",
            T::AnswerInvalidChoice,
        ),
        (vec![("q10", Some("31/12/2026"))], "q10", T::AnswerBadDate),
        (
            vec![("q10", Some("2025-12-31"))],
            "q10",
            T::AnswerOutOfRange,
        ),
        (vec![("q11", None)], "q11", T::AnswerRequired),
        (
            vec![("q12", Some("../../etc/passwd"))],
            "q12",
            T::AnswerInvalidFile,
        ),
    ];
    for (changes, question, expected) in cases {
        assert_eq!(
            problems(&with(&changes)),
            vec![(question.to_string(), expected)],
            "{changes:?}"
        );
    }
}

#[test]
fn hidden_questions_are_neither_required_nor_kept() {
    let r = with(&[("q8", Some("no")), ("q11", None)]);
    let a = parse(&sample(), &r).unwrap_or_default();
    assert!(!a.contains_key("q11"));
    let r = with(&[("q8", Some("no")), ("q11", Some("non richiesto"))]);
    let a = parse(&sample(), &r).unwrap_or_default();
    assert!(
        !a.contains_key("q11"),
        "an answer to a hidden question is dropped"
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let r = with(&[("q1", None), ("q3", Some("9")), ("q7", Some("x"))]);
    let found: Vec<String> = problems(&r).into_iter().map(|(q, _)| q).collect();
    assert_eq!(found, ["q1", "q3", "q7"]);
}

#[test]
fn design_mistakes_are_found() {
    let mut s = sample();
    s.sections[0].questions[0].kind = Kind::SingleChoice {
        options: choices(&["solo"]),
    };
    s.sections[0].questions[1].kind = Kind::MultipleChoice {
        options: choices(&["a", "a"]),
        min: Some(3),
        max: Some(1),
    };
    s.sections[0].questions[2].kind = Kind::Rating {
        min: 5,
        max: 1,
        min_label: String::new(),
        max_label: String::new(),
    };
    s.sections[1].questions[4].show_if = Some(Condition {
        question: "q12".into(),
        value: "si".into(),
    });
    s.sections[1].questions[5].id = "q1".into();
    assert_eq!(
        s.check(),
        vec![
            DesignProblem::NoOptions("q1".into()),
            DesignProblem::DuplicateOption("q2".into()),
            DesignProblem::BadLimits("q2".into()),
            DesignProblem::BadLimits("q3".into()),
            DesignProblem::BadCondition("q11".into()),
            DesignProblem::DuplicateId("q1".into()),
        ]
    );
    assert_eq!(Questionnaire::default().check(), vec![DesignProblem::Empty]);
}

#[test]
fn the_browser_shows_conditional_questions_as_people_answer() {
    let q = sample();
    let shown = super::answers::shown(&q, &with(&[("q8", Some("no"))]));
    assert!(!shown.contains(&"q11".to_string()));
    let shown = super::answers::shown(&q, &with(&[]));
    assert!(shown.contains(&"q11".to_string()));
}
