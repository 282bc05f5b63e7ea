//! What the answers say, question by question: counts for choices and scales, Borda
//! points for rankings, row-by-scale counts for matrices, histograms for numbers and
//! the texts themselves. Pure functions over stored answers, so the same code serves
//! the operators' dashboard, the public results page and the tests.

use super::answers::{Answer, Answers};
use super::model::{Kind, Questionnaire};
use serde::{Deserialize, Serialize};

/// One labelled number (a bar).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub value: f64,
}

/// The summary of one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Summary {
    /// Choices, yes/no, ratings, dates by month: how many chose each.
    Counts(Vec<Count>),
    /// Rankings: points per option (first place = as many points as options).
    Points(Vec<Count>),
    /// Matrices: for each row, how many chose each step of the scale.
    Rows {
        scale: Vec<String>,
        rows: Vec<(String, Vec<f64>)>,
    },
    /// Numbers: bins, and the mean and median.
    Histogram {
        bins: Vec<Count>,
        mean: f64,
        median: f64,
    },
    /// Texts, newest last.
    Texts(Vec<String>),
    /// Files: how many were sent.
    Files(i64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: String,
    pub label: String,
    /// How many answered it (shown questions left empty do not count).
    pub answered: i64,
    pub summary: Summary,
}

fn counts(labels: &[(String, String)], hits: impl Fn(&str) -> f64) -> Vec<Count> {
    labels
        .iter()
        .map(|(id, label)| Count {
            label: label.clone(),
            value: hits(id),
        })
        .collect()
}

fn histogram(values: &mut [f64]) -> Summary {
    if values.is_empty() {
        return Summary::Histogram {
            bins: vec![],
            mean: 0.0,
            median: 0.0,
        };
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    let (lo, hi) = (values[0], values[n - 1]);
    // Whole numbers over a short range: one bar per value.
    if values.iter().all(|v| v.fract() == 0.0) && hi - lo <= 12.0 {
        let bins = (lo as i64..=hi as i64)
            .map(|v| Count {
                label: v.to_string(),
                value: values.iter().filter(|x| **x as i64 == v).count() as f64,
            })
            .collect();
        return Summary::Histogram { bins, mean, median };
    }
    let bins_n = if hi > lo { 8usize } else { 1 };
    let width = if hi > lo {
        (hi - lo) / bins_n as f64
    } else {
        1.0
    };
    let mut bins = vec![0.0; bins_n];
    for v in values.iter() {
        let i = (((v - lo) / width) as usize).min(bins_n - 1);
        bins[i] += 1.0;
    }
    let fmt = |x: f64| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x:.1}")
        }
    };
    let bins = bins
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let from = lo + width * i as f64;
            let label = if bins_n == 1 {
                fmt(lo)
            } else {
                format!("{}–{}", fmt(from), fmt(from + width))
            };
            Count { label, value }
        })
        .collect();
    Summary::Histogram { bins, mean, median }
}

/// Summarises every question over the given answers.
pub fn summarise(q: &Questionnaire, all: &[Answers], yes: &str, no: &str) -> Vec<QuestionResult> {
    q.questions()
        .map(|question| {
            let given: Vec<&Answer> = all.iter().filter_map(|a| a.get(&question.id)).collect();
            let answered = given.len() as i64;
            let text_of = |a: &&Answer| match a {
                Answer::Text(t) => Some(t.clone()),
                _ => None,
            };
            let summary = match &question.kind {
                Kind::SingleChoice { options } => {
                    let labels: Vec<(String, String)> = options.iter().map(|o| (o.id.clone(), o.label.clone())).collect();
                    Summary::Counts(counts(&labels, |id| given.iter().filter(|a| matches!(a, Answer::Text(t) if t == id)).count() as f64))
                }
                Kind::MultipleChoice { options, .. } => {
                    let labels: Vec<(String, String)> = options.iter().map(|o| (o.id.clone(), o.label.clone())).collect();
                    Summary::Counts(counts(&labels, |id| {
                        given.iter().filter(|a| matches!(a, Answer::List(l) if l.iter().any(|x| x == id))).count() as f64
                    }))
                }
                Kind::Rating { min, max, .. } => {
                    let labels: Vec<(String, String)> = (*min..=*max).map(|v| (v.to_string(), v.to_string())).collect();
                    Summary::Counts(counts(&labels, |id| given.iter().filter(|a| matches!(a, Answer::Text(t) if t == id)).count() as f64))
                }
                Kind::YesNo => Summary::Counts(vec![
                    Count { label: yes.to_string(), value: given.iter().filter(|a| **a == &Answer::Bool(true)).count() as f64 },
                    Count { label: no.to_string(), value: given.iter().filter(|a| **a == &Answer::Bool(false)).count() as f64 },
                ]),
                Kind::Ranking { options } => {
                    let n = options.len();
                    Summary::Points(
                        options
                            .iter()
                            .map(|o| Count {
                                label: o.label.clone(),
                                value: given
                                    .iter()
                                    .filter_map(|a| match a {
                                        Answer::List(l) => l.iter().position(|x| *x == o.id).map(|p| (n - p) as f64),
                                        _ => None,
                                    })
                                    .sum(),
                            })
                            .collect(),
                    )
                }
                Kind::Matrix { rows, scale } => Summary::Rows {
                    scale: scale.iter().map(|s| s.label.clone()).collect(),
                    rows: rows
                        .iter()
                        .map(|row| {
                            let per_step = scale
                                .iter()
                                .map(|step| {
                                    given
                                        .iter()
                                        .filter(|a| matches!(a, Answer::Rows(r) if r.get(&row.id) == Some(&step.id)))
                                        .count() as f64
                                })
                                .collect();
                            (row.label.clone(), per_step)
                        })
                        .collect(),
                },
                Kind::Number { .. } => {
                    let mut values: Vec<f64> = given.iter().filter_map(|a| match a { Answer::Number(n) => Some(*n), _ => None }).collect();
                    histogram(&mut values)
                }
                Kind::Date { .. } => {
                    let mut months: Vec<String> = given
                        .iter()
                        .filter_map(|a| match a { Answer::Date(d) => Some(d.format("%Y-%m").to_string()), _ => None })
                        .collect();
                    months.sort();
                    let mut out: Vec<Count> = Vec::new();
                    for m in months {
                        match out.last_mut() {
                            Some(last) if last.label == m => last.value += 1.0,
                            _ => out.push(Count { label: m, value: 1.0 }),
                        }
                    }
                    Summary::Counts(out)
                }
                Kind::ShortText { .. } | Kind::LongText { .. } => Summary::Texts(given.iter().filter_map(text_of).collect()),
                Kind::FileUpload { .. } => Summary::Files(answered),
            };
            QuestionResult {
                id: question.id.clone(),
                label: question.label.clone(),
                answered,
                summary,
            }
        })
        .collect()
}

/// The age group of a year of birth at a given year: the groups results are filtered by.
pub fn age_group(birth_year: Option<i64>, this_year: i64) -> Option<&'static str> {
    let age = this_year - birth_year?;
    Some(match age {
        i64::MIN..=17 => "0-17",
        18..=29 => "18-29",
        30..=44 => "30-44",
        45..=64 => "45-64",
        _ => "65+",
    })
}

pub const AGE_GROUPS: [&str; 5] = ["0-17", "18-29", "30-44", "45-64", "65+"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::model::{Choice, Question, Section};
    use std::collections::BTreeMap;

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
        let q = Questionnaire {
            sections: vec![Section {
                title: String::new(),
                description: String::new(),
                questions: vec![
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
                ],
            }],
        };
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
    fn small_whole_numbers_get_a_bar_each() {
        let Summary::Histogram { bins, .. } = histogram(&mut [0.0, 2.0, 2.0, 3.0]) else {
            panic!("histogram")
        };
        let shown: Vec<(String, f64)> = bins.into_iter().map(|b| (b.label, b.value)).collect();
        assert_eq!(
            shown,
            vec![
                ("0".into(), 1.0),
                ("1".into(), 0.0),
                ("2".into(), 2.0),
                ("3".into(), 1.0)
            ]
        );
    }

    #[test]
    fn age_groups() {
        assert_eq!(age_group(Some(2010), 2026), Some("0-17"));
        assert_eq!(age_group(Some(1990), 2026), Some("30-44"));
        assert_eq!(age_group(Some(1950), 2026), Some("65+"));
        assert_eq!(age_group(None, 2026), None);
    }
}
