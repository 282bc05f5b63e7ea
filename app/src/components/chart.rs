//! Charts drawn on the server as SVG: no JavaScript, the same picture in every
//! browser, and the numbers also in a table for screen readers and for copying.

use crate::i18n::{use_lang, Lang, T};
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// One bar: its label and value.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

/// Entries per Rome day over the last `days` days, oldest first.
pub fn per_day(times: &[DateTime<Utc>], now: DateTime<Utc>, days: i64, lang: Lang) -> Vec<Bar> {
    let today = Lang::local_date(now);
    let mut counts: BTreeMap<chrono::NaiveDate, f64> = (0..days)
        .map(|i| (today - Duration::days(days - 1 - i), 0.0))
        .collect();
    for t in times {
        if let Some(c) = counts.get_mut(&Lang::local_date(*t)) {
            *c += 1.0;
        }
    }
    counts
        .into_iter()
        .map(|(day, value)| Bar {
            label: lang.day_month(day),
            value,
        })
        .collect()
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 12.0;

/// The step between grid lines: 1, 2 or 5 times a power of ten, so that about four
/// steps reach `max`; whole numbers when the data are whole numbers.
fn axis_step(max: f64, whole: bool) -> f64 {
    let raw = (max / 4.0).max(if whole { 1.0 } else { f64::MIN_POSITIVE });
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// The axis: (its top, the step between grid lines).
fn axis(values: &[f64]) -> (f64, f64) {
    let max = values.iter().copied().fold(0.0, f64::max);
    let whole = values.iter().all(|v| v.fract() == 0.0);
    let step = axis_step(max, whole);
    (step * (max / step).ceil().max(1.0), step)
}

/// A label cut to the room under its bar (about 6 units a character), with "…";
/// the bar's tooltip and the data table keep it whole.
fn fit(label: &str, room: f64) -> String {
    let most = ((room / 6.0).floor() as usize).max(3);
    if label.chars().count() <= most {
        label.to_string()
    } else {
        let cut: String = label.chars().take(most - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A bar chart with a caption, an SVG picture and its data table.
#[component]
pub fn BarChart(
    /// The chart's title, shown above it and used as the table caption.
    #[prop(into)]
    title: String,
    bars: Vec<Bar>,
    /// Label every n-th bar on the axis (long series).
    #[prop(default = 1)]
    label_every: usize,
    /// Show the title above the chart (off when a heading right above says it).
    #[prop(default = true)]
    caption: bool,
    /// A target to measure the bars against, drawn as a dashed line, and its
    /// deadline (said under the chart).
    #[prop(default = None)]
    target: Option<(f64, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let mut values: Vec<f64> = bars.iter().map(|b| b.value).collect();
    values.extend(target.as_ref().map(|(t, _)| *t));
    let (max, step) = axis(&values);
    let n = bars.len().max(1) as f64;
    let slot = (WIDTH - LEFT) / n;
    let plot = HEIGHT - BOTTOM - TOP;
    let y = move |v: f64| TOP + plot - (v / max) * plot;
    let ticks: Vec<f64> = (0..=((max / step).round() as u32))
        .map(|i| step * f64::from(i))
        .collect();
    let fmt = move |v: f64| {
        if v.fract() == 0.0 {
            lang.number(v as i64)
        } else {
            format!("{v:.1}")
        }
    };
    let rows = bars.clone();
    view! {
        <figure class="piazza-chart">
            <figcaption class=if caption { "h6" } else { "visually-hidden" }>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title.clone() class="piazza-chart-svg">
                {ticks
                    .iter()
                    .map(|t| {
                        let ty = y(*t);
                        view! {
                            <line x1=LEFT x2=WIDTH y1=ty y2=ty class="piazza-chart-grid"></line>
                            <text x=LEFT - 6.0 y=ty + 4.0 text-anchor="end" class="piazza-chart-tick">{fmt(*t)}</text>
                        }
                    })
                    .collect_view()}
                {bars
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let x = LEFT + slot * i as f64 + slot * 0.15;
                        let top = y(b.value);
                        let label = (i % label_every.max(1) == 0).then(|| {
                            view! {
                                <text x=x + slot * 0.35 y=HEIGHT - 8.0 text-anchor="middle" class="piazza-chart-tick">
                                    {fit(&b.label, slot * label_every.max(1) as f64)}
                                </text>
                            }
                        });
                        view! {
                            <rect x=x y=top width=slot * 0.7 height=(TOP + plot - top).max(0.0) class="piazza-chart-bar">
                                <title>{format!("{}: {}", b.label, fmt(b.value))}</title>
                            </rect>
                            {label}
                        }
                    })
                    .collect_view()}
                {target.as_ref().map(|(t, _)| {
                    let ty = y(*t);
                    view! {
                        <line x1=LEFT x2=WIDTH y1=ty y2=ty class="piazza-chart-target"></line>
                        <text x=WIDTH - 4.0 y=ty - 4.0 text-anchor="end" class="piazza-chart-tick">{lang.t(T::ChartTarget)}</text>
                    }
                })}
            </svg>
            {target.as_ref().map(|(t, deadline)| view! {
                <p class="small mb-1 piazza-chart-goal">
                    {lang.tf(T::ChartTargetText, &[("target", &fmt(*t)), ("deadline", deadline)])}
                </p>
            })}
            <details class="piazza-chart-data">
                <summary>{lang.t(T::ChartShowData)}</summary>
                <table class="table table-sm">
                    <caption class="visually-hidden">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(T::ChartLabel)}</th>
                            <th scope="col">{lang.t(T::ChartValue)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|b| view! { <tr><td>{b.label}</td><td>{fmt(b.value)}</td></tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn long_labels_are_cut_to_their_room() {
        assert_eq!(super::fit("24 nov", 60.0), "24 nov");
        assert_eq!(super::fit("Comunicazione di crisi", 60.0), "Comunicaz…");
        assert_eq!(super::fit("Comunicazione", 1.0), "Co…");
    }

    use super::axis;

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(
            axis(&[0.0, 0.0]),
            (1.0, 1.0),
            "an empty series still has an axis"
        );
        assert_eq!(axis(&[3.0, 7.0]), (8.0, 2.0));
        assert_eq!(axis(&[12.0]), (15.0, 5.0));
        assert_eq!(axis(&[48.0]), (60.0, 20.0));
        assert_eq!(axis(&[100.0]), (100.0, 50.0));
        assert_eq!(axis(&[0.3, 0.9]), (1.0, 0.5));
    }

    #[test]
    fn activity_is_counted_per_rome_day() {
        let now =
            DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z").map(|d| d.with_timezone(&Utc));
        let Ok(now) = now else { panic!("fixture") };
        let times = [
            now,
            now - Duration::hours(1),
            // 23:30 UTC on the 22nd is already the 23rd in Rome.
            now - Duration::hours(34) - Duration::minutes(30),
            now - Duration::days(40),
        ];
        let bars = per_day(&times, now, 3, Lang::It);
        assert_eq!(
            bars.iter().map(|b| b.value).collect::<Vec<_>>(),
            vec![0.0, 1.0, 2.0]
        );
        assert_eq!(bars[2].label, "24 nov");
    }
}
