//! What the answers say, question by question: counts for choices and scales, Borda
//! points for rankings, row-by-scale counts for matrices, histograms for numbers and
//! the texts themselves: the shapes a summary takes, filled by `tally` one response at
//! a time, so the same code serves the operators' dashboard, the public results page
//! and the tests.

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

pub(super) fn histogram(values: &mut [f64]) -> Summary {
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
