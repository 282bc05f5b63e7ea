//! The answers folded one response at a time: a [`Tally`] keeps, per question, only
//! its counts (and the numbers, months and texts it must show), so that results over
//! a hundred thousand responses never hold the responses themselves.

use super::answers::{Answer, Answers};
use super::model::{Choice, Kind, Question, Questionnaire};
use super::results::{histogram, Count, QuestionResult, Summary};
use std::collections::BTreeMap;

/// What one question has gathered so far.
enum Gathered {
    /// One number per option, scale step or matrix cell (row by row), in the
    /// question's order.
    Counts(Vec<f64>),
    Numbers(Vec<f64>),
    Months(BTreeMap<String, f64>),
    Texts(Vec<String>),
    /// Files: only how many answered.
    Nothing,
}

impl Gathered {
    fn for_kind(kind: &Kind) -> Gathered {
        let zeros = |n: usize| Gathered::Counts(vec![0.0; n]);
        match kind {
            Kind::SingleChoice { options }
            | Kind::MultipleChoice { options, .. }
            | Kind::Ranking { options } => zeros(options.len()),
            Kind::Rating { min, max, .. } => zeros((max - min + 1).max(0) as usize),
            Kind::YesNo => zeros(2),
            Kind::Matrix { rows, scale } => zeros(rows.len() * scale.len()),
            Kind::Number { .. } => Gathered::Numbers(Vec::new()),
            Kind::Date { .. } => Gathered::Months(BTreeMap::new()),
            Kind::ShortText { .. } | Kind::LongText { .. } => Gathered::Texts(Vec::new()),
            Kind::FileUpload { .. } => Gathered::Nothing,
        }
    }

    fn add(&mut self, kind: &Kind, answer: &Answer) {
        match (self, kind, answer) {
            (Gathered::Counts(c), Kind::SingleChoice { options }, Answer::Text(t)) => {
                if let Some(i) = options.iter().position(|o| o.id == *t) {
                    c[i] += 1.0;
                }
            }
            (Gathered::Counts(c), Kind::MultipleChoice { options, .. }, Answer::List(l)) => {
                for (i, o) in options.iter().enumerate() {
                    if l.contains(&o.id) {
                        c[i] += 1.0;
                    }
                }
            }
            (Gathered::Counts(c), Kind::Rating { min, max, .. }, Answer::Text(t)) => {
                if let Some(i) = (*min..=*max).position(|v| v.to_string() == *t) {
                    c[i] += 1.0;
                }
            }
            (Gathered::Counts(c), Kind::YesNo, Answer::Bool(yes)) => {
                c[usize::from(!yes)] += 1.0;
            }
            (Gathered::Counts(c), Kind::Ranking { options }, Answer::List(l)) => {
                let n = options.len();
                for (i, o) in options.iter().enumerate() {
                    if let Some(place) = l.iter().position(|x| *x == o.id) {
                        c[i] += n.saturating_sub(place) as f64;
                    }
                }
            }
            (Gathered::Counts(c), Kind::Matrix { rows, scale }, Answer::Rows(r)) => {
                for (ri, row) in rows.iter().enumerate() {
                    if let Some(si) = scale.iter().position(|s| r.get(&row.id) == Some(&s.id)) {
                        c[ri * scale.len() + si] += 1.0;
                    }
                }
            }
            (Gathered::Numbers(v), _, Answer::Number(n)) => v.push(*n),
            (Gathered::Months(m), _, Answer::Date(d)) => {
                *m.entry(d.format("%Y-%m").to_string()).or_default() += 1.0;
            }
            (Gathered::Texts(v), _, Answer::Text(t)) => v.push(t.clone()),
            _ => {}
        }
    }

    fn summary(self, kind: &Kind, yes: &str, no: &str, answered: i64) -> Summary {
        let labelled = |labels: Vec<String>, values: Vec<f64>| -> Vec<Count> {
            labels
                .into_iter()
                .zip(values)
                .map(|(label, value)| Count { label, value })
                .collect()
        };
        match (self, kind) {
            (Gathered::Counts(c), Kind::Ranking { options }) => {
                Summary::Points(labelled(labels(options), c))
            }
            (Gathered::Counts(c), Kind::Matrix { rows, scale }) => Summary::Rows {
                scale: labels(scale),
                rows: rows
                    .iter()
                    .enumerate()
                    .map(|(ri, row)| {
                        let steps = scale.len();
                        (row.label.clone(), c[ri * steps..(ri + 1) * steps].to_vec())
                    })
                    .collect(),
            },
            (Gathered::Counts(c), Kind::Rating { min, max, .. }) => {
                Summary::Counts(labelled((*min..=*max).map(|v| v.to_string()).collect(), c))
            }
            (Gathered::Counts(c), Kind::YesNo) => {
                Summary::Counts(labelled(vec![yes.to_string(), no.to_string()], c))
            }
            (
                Gathered::Counts(c),
                Kind::SingleChoice { options } | Kind::MultipleChoice { options, .. },
            ) => Summary::Counts(labelled(labels(options), c)),
            (Gathered::Counts(_), _) => Summary::Counts(Vec::new()),
            (Gathered::Numbers(mut v), _) => histogram(&mut v),
            (Gathered::Months(m), _) => Summary::Counts(
                m.into_iter()
                    .map(|(label, value)| Count { label, value })
                    .collect(),
            ),
            (Gathered::Texts(t), _) => Summary::Texts(t),
            (Gathered::Nothing, _) => Summary::Files(answered),
        }
    }
}

fn labels(options: &[Choice]) -> Vec<String> {
    options.iter().map(|o| o.label.clone()).collect()
}

/// Every question's results, folded one response at a time.
pub struct Tally<'q> {
    questions: Vec<(&'q Question, i64, Gathered)>,
}

impl<'q> Tally<'q> {
    pub fn new(q: &'q Questionnaire) -> Tally<'q> {
        Tally {
            questions: q
                .questions()
                .map(|question| (question, 0, Gathered::for_kind(&question.kind)))
                .collect(),
        }
    }

    /// Counts one response (shown questions left empty do not count).
    pub fn add(&mut self, answers: &Answers) {
        for (question, answered, gathered) in &mut self.questions {
            if let Some(answer) = answers.get(&question.id) {
                *answered += 1;
                gathered.add(&question.kind, answer);
            }
        }
    }

    /// The summaries, with yes/no in the reader's language.
    pub fn finish(self, yes: &str, no: &str) -> Vec<QuestionResult> {
        self.questions
            .into_iter()
            .map(|(question, answered, gathered)| QuestionResult {
                id: question.id.clone(),
                label: question.label.clone(),
                answered,
                summary: gathered.summary(&question.kind, yes, no, answered),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::model::Section;
    use chrono::NaiveDate;

    /// Every question summarised over the given answers (a [`Tally`] of them all).
    fn summarise(q: &Questionnaire, all: &[Answers], yes: &str, no: &str) -> Vec<QuestionResult> {
        let mut tally = Tally::new(q);
        for answers in all {
            tally.add(answers);
        }
        tally.finish(yes, no)
    }

    fn one_section(questions: Vec<Question>) -> Questionnaire {
        Questionnaire {
            sections: vec![Section {
                title: String::new(),
                description: String::new(),
                questions,
            }],
        }
    }

    fn question(id: &str, kind: Kind) -> Question {
        Question {
            id: id.into(),
            label: id.to_uppercase(),
            help: String::new(),
            required: false,
            kind,
            show_if: None,
        }
    }

    #[test]
    fn every_summary_counts_right() {
        let c = |ids: &[&str]| {
            ids.iter()
                .map(|i| Choice::new(i, &i.to_uppercase()))
                .collect::<Vec<_>>()
        };
        let q = one_section(vec![
            question(
                "s",
                Kind::SingleChoice {
                    options: c(&["a", "b"]),
                },
            ),
            question(
                "m",
                Kind::MultipleChoice {
                    options: c(&["x", "y"]),
                    min: None,
                    max: None,
                },
            ),
            question(
                "r",
                Kind::Ranking {
                    options: c(&["p", "q", "t"]),
                },
            ),
            question(
                "x",
                Kind::Matrix {
                    rows: c(&["r1"]),
                    scale: c(&["lo", "hi"]),
                },
            ),
            question(
                "n",
                Kind::Number {
                    min: None,
                    max: None,
                    integer: false,
                },
            ),
            question("y", Kind::YesNo),
            question("t", Kind::LongText { max_len: 100 }),
        ]);
        let a1: Answers = BTreeMap::from([
            ("s".into(), Answer::Text("a".into())),
            ("m".into(), Answer::List(vec!["x".into(), "y".into()])),
            (
                "r".into(),
                Answer::List(vec!["p".into(), "q".into(), "t".into()]),
            ),
            (
                "x".into(),
                Answer::Rows(BTreeMap::from([("r1".into(), "hi".into())])),
            ),
            ("n".into(), Answer::Number(10.0)),
            ("y".into(), Answer::Bool(true)),
            ("t".into(), Answer::Text("più verde".into())),
        ]);
        let a2: Answers = BTreeMap::from([
            ("s".into(), Answer::Text("a".into())),
            ("m".into(), Answer::List(vec!["y".into()])),
            (
                "r".into(),
                Answer::List(vec!["t".into(), "p".into(), "q".into()]),
            ),
            (
                "x".into(),
                Answer::Rows(BTreeMap::from([("r1".into(), "lo".into())])),
            ),
            ("n".into(), Answer::Number(30.0)),
            ("y".into(), Answer::Bool(false)),
        ]);
        let r = summarise(&q, &[a1, a2], "Sì", "No");
        let values = |s: &Summary| match s {
            Summary::Counts(c) | Summary::Points(c) => {
                c.iter().map(|c| c.value).collect::<Vec<_>>()
            }
            _ => vec![],
        };
        assert_eq!(values(&r[0].summary), [2.0, 0.0]);
        assert_eq!(values(&r[1].summary), [1.0, 2.0]);
        // p: 3 + 2, q: 2 + 1, t: 1 + 3
        assert_eq!(values(&r[2].summary), [5.0, 3.0, 4.0]);
        assert_eq!(
            r[3].summary,
            Summary::Rows {
                scale: vec!["LO".into(), "HI".into()],
                rows: vec![("R1".into(), vec![1.0, 1.0])]
            }
        );
        let Summary::Histogram { mean, median, bins } = &r[4].summary else {
            panic!("histogram")
        };
        assert_eq!((*mean, *median), (20.0, 20.0));
        assert_eq!(bins.iter().map(|b| b.value).sum::<f64>(), 2.0);
        assert_eq!(
            bins.len(),
            8,
            "10 and 30 are too far apart for a bar per value"
        );
        assert_eq!(values(&r[5].summary), [1.0, 1.0]);
        assert_eq!(r[6].summary, Summary::Texts(vec!["più verde".into()]));
        assert_eq!(r[6].answered, 1);
    }

    #[test]
    fn ratings_dates_and_odd_answers_fold_one_at_a_time() {
        let q = one_section(vec![
            question(
                "voto",
                Kind::Rating {
                    min: 1,
                    max: 3,
                    min_label: String::new(),
                    max_label: String::new(),
                },
            ),
            question(
                "quando",
                Kind::Date {
                    min: None,
                    max: None,
                },
            ),
        ]);
        let day = |m, d| Answer::Date(NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default());
        let mut tally = Tally::new(&q);
        for (voto, quando) in [("3", day(5, 2)), ("3", day(4, 30)), ("9", day(5, 20))] {
            tally.add(&Answers::from([
                ("voto".to_string(), Answer::Text(voto.into())),
                ("quando".to_string(), quando),
            ]));
        }
        // An answer of the wrong shape counts as answered and adds to no bar.
        tally.add(&Answers::from([("voto".to_string(), Answer::Bool(true))]));
        let r = tally.finish("Sì", "No");
        let counts = |s: &Summary| match s {
            Summary::Counts(c) => c.iter().map(|c| (c.label.clone(), c.value)).collect(),
            _ => Vec::new(),
        };
        assert_eq!(r[0].answered, 4);
        assert_eq!(
            counts(&r[0].summary),
            [("1".into(), 0.0), ("2".into(), 0.0), ("3".into(), 2.0)]
        );
        assert_eq!(
            counts(&r[1].summary),
            [("2026-04".into(), 1.0), ("2026-05".into(), 2.0)]
        );
    }
}
