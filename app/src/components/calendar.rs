//! A calendar of dated entries in three views: a month grid, a week, and a list by
//! day. Navigation is plain links (`vista=`, `data=`), so it works without
//! JavaScript; with it, entries can be dragged to another day (`on_move`), and the
//! same change is always possible from the entry's own page (dragging is never the
//! only way, WCAG 2.5.7). Used by the editorial plan; events and bookings will use
//! it too.

use crate::i18n::{use_lang, Lang, T};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarView {
    #[default]
    Month,
    Week,
    List,
}

impl CalendarView {
    pub const ALL: [CalendarView; 3] =
        [CalendarView::Month, CalendarView::Week, CalendarView::List];

    /// The value of `vista=` in the address.
    pub fn code(self) -> &'static str {
        match self {
            CalendarView::Month => "mese",
            CalendarView::Week => "settimana",
            CalendarView::List => "elenco",
        }
    }

    pub fn from_code(code: &str) -> CalendarView {
        CalendarView::ALL
            .into_iter()
            .find(|v| v.code() == code)
            .unwrap_or_default()
    }

    pub fn label(self) -> T {
        match self {
            CalendarView::Month => T::CalendarMonth,
            CalendarView::Week => T::CalendarWeek,
            CalendarView::List => T::CalendarList,
        }
    }

    /// The days the view shows around `anchor`: whole weeks (Monday to Sunday) for
    /// the month and the week, the month's days for the list.
    pub fn range(self, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
        let first_of_month = anchor.with_day(1).unwrap_or(anchor);
        let last_of_month = first_of_month
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(anchor);
        match self {
            CalendarView::Month => (monday_of(first_of_month), sunday_of(last_of_month)),
            CalendarView::Week => (monday_of(anchor), sunday_of(anchor)),
            CalendarView::List => (first_of_month, last_of_month),
        }
    }

    /// The anchor of the previous (`forward` false) or next period.
    pub fn shift(self, anchor: NaiveDate, forward: bool) -> NaiveDate {
        let moved = match (self, forward) {
            (CalendarView::Week, true) => anchor.checked_add_days(Days::new(7)),
            (CalendarView::Week, false) => anchor.checked_sub_days(Days::new(7)),
            (_, true) => anchor
                .with_day(1)
                .and_then(|d| d.checked_add_months(Months::new(1))),
            (_, false) => anchor
                .with_day(1)
                .and_then(|d| d.checked_sub_months(Months::new(1))),
        };
        moved.unwrap_or(anchor)
    }
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap_or(day)
}

fn sunday_of(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(
        6 - day.weekday().num_days_from_monday(),
    )))
    .unwrap_or(day)
}

/// The days from `first` to `last`, both included.
pub fn days(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |d| *d <= last)
}

/// One dated thing in the calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub id: i64,
    pub day: NaiveDate,
    /// "09:30", or empty for all day.
    pub time: String,
    pub title: String,
    pub href: String,
    pub badge: String,
    pub badge_class: String,
    /// Short labels (the channels of a post).
    pub tags: Vec<String>,
    /// Something to look at (a conflict), said in words.
    pub warning: Option<String>,
    /// Whether it may be dragged to another day.
    pub movable: bool,
}

pub fn weekday_label(lang: Lang, day: Weekday) -> &'static str {
    lang.t(match day {
        Weekday::Mon => T::DateWeekday1,
        Weekday::Tue => T::DateWeekday2,
        Weekday::Wed => T::DateWeekday3,
        Weekday::Thu => T::DateWeekday4,
        Weekday::Fri => T::DateWeekday5,
        Weekday::Sat => T::DateWeekday6,
        Weekday::Sun => T::DateWeekday7,
    })
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The heading of the period shown: "dicembre 2026", or the week's first and last day.
pub fn period_label(lang: Lang, view: CalendarView, anchor: NaiveDate) -> String {
    match view {
        CalendarView::Week => {
            let (first, last) = view.range(anchor);
            format!("{} – {}", lang.date(first), lang.date(last))
        }
        _ => format!("{} {}", lang.month(anchor.month()), anchor.year()),
    }
}

/// One entry; its link carries `element` as its `data-element` when given.
#[component]
fn EntryItem(
    entry: CalendarEntry,
    draggable: bool,
    element: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let id = entry.id;
    let warned = entry.warning.is_some();
    let dragstart = move |ev: leptos::ev::DragEvent| {
        if let Some(data) = ev.data_transfer() {
            let _ = data.set_data("text/plain", &id.to_string());
            data.set_effect_allowed("move");
        }
    };
    view! {
        <li class="piazza-cal-entry" class:piazza-cal-warning=warned
            draggable=draggable.then_some("true") data-entry=id on:dragstart=dragstart>
            <a href=entry.href data-element=element>
                {(!entry.time.is_empty()).then(|| view! { <span class="piazza-cal-time">{entry.time.clone()}</span> " " })}
                <span class="piazza-cal-title">{entry.title}</span>
            </a>
            " "
            <span class=entry.badge_class>{entry.badge}</span>
            {(!entry.tags.is_empty()).then(|| view! {
                <span class="piazza-cal-tags">
                    <span class="visually-hidden">{lang.t(T::CalendarOn)} " "</span>
                    {entry.tags.join(" · ")}
                </span>
            })}
            {entry.warning.map(|w| view! {
                <span class="piazza-cal-alert"><span aria-hidden="true">"⚠ "</span>{w}</span>
            })}
        </li>
    }
}

/// The calendar. `base` is the page's address with its other query parameters,
/// ending in `?` or `&`, so that the links only add `vista` and `data`.
#[component]
pub fn Calendar(
    view: CalendarView,
    anchor: NaiveDate,
    today: NaiveDate,
    entries: Vec<CalendarEntry>,
    #[prop(into)] base: String,
    #[prop(optional)] gaps: Vec<NaiveDate>,
    #[prop(optional)] on_move: Option<Callback<(i64, NaiveDate)>>,
    /// The `data-element` of the entries' links (the agenda's `event-link`).
    #[prop(optional)]
    link_element: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let link = {
        let base = base.clone();
        move |v: CalendarView, day: NaiveDate| format!("{base}vista={}&data={day}", v.code())
    };
    let (first, last) = view.range(anchor);
    let drag = on_move.is_some();
    let on_day = |day: NaiveDate| {
        entries
            .iter()
            .filter(move |e| e.day == day)
            .cloned()
            .collect::<Vec<_>>()
    };
    let cell = move |day: NaiveDate, entries: Vec<CalendarEntry>, gap: bool| {
        let outside = view == CalendarView::Month && day.month() != anchor.month();
        let drop = move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            let id = ev
                .data_transfer()
                .and_then(|d| d.get_data("text/plain").ok())
                .and_then(|s| s.parse::<i64>().ok());
            if let (Some(id), Some(cb)) = (id, on_move) {
                cb.run((id, day));
            }
        };
        view! {
            <td class="piazza-cal-day" class:piazza-cal-outside=outside class:piazza-cal-today={day == today}
                class:piazza-gap=gap data-day=day.to_string()
                on:dragover=move |ev: leptos::ev::DragEvent| if drag { ev.prevent_default() }
                on:drop=drop>
                <span class="piazza-cal-number">
                    <span aria-hidden="true">{day.day()}</span>
                    <span class="visually-hidden">{lang.date(day)}</span>
                </span>
                {gap.then(|| view! { <span class="piazza-cal-gap">{lang.t(T::CalendarGap)}</span> })}
                {(!entries.is_empty()).then(|| view! {
                    <ul class="list-unstyled mb-0">
                        {entries.into_iter().map(|e| {
                            let movable = drag && e.movable;
                            view! { <EntryItem entry=e draggable=movable element=link_element/> }
                        }).collect_view()}
                    </ul>
                })}
            </td>
        }
    };
    let body = match view {
        CalendarView::List => {
            let shown: Vec<NaiveDate> = days(first, last)
                .filter(|d| entries.iter().any(|e| e.day == *d))
                .collect();
            if shown.is_empty() {
                view! { <p class="piazza-cal-empty">{lang.t(T::CalendarEmpty)}</p> }.into_any()
            } else {
                view! {
                    <div class="piazza-cal-list">
                        {shown.into_iter().map(|d| view! {
                            <section>
                                <h3 class="h6 mt-3">{weekday_label(lang, d.weekday())} " " {lang.date(d)}</h3>
                                <ul class="list-unstyled">
                                    {on_day(d).into_iter().map(|e| view! { <EntryItem entry=e draggable=false element=link_element/> }).collect_view()}
                                </ul>
                            </section>
                        }).collect_view()}
                    </div>
                }
                .into_any()
            }
        }
        _ => {
            let weeks: Vec<Vec<NaiveDate>> = days(first, last)
                .collect::<Vec<_>>()
                .chunks(7)
                .map(<[NaiveDate]>::to_vec)
                .collect();
            view! {
                <div class="table-responsive">
                    <table class="piazza-calendar" class:piazza-calendar-week={view == CalendarView::Week}>
                        <caption class="visually-hidden">{period_label(lang, view, anchor)}</caption>
                        <thead>
                            <tr>
                                {WEEK.into_iter().map(|w| {
                                    let full = weekday_label(lang, w);
                                    let short: String = full.chars().take(3).collect();
                                    view! { <th scope="col" abbr=full>{short}</th> }
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {weeks.into_iter().map(|week| view! {
                                <tr>
                                    {week.into_iter().map(|d| cell(d, on_day(d), gaps.contains(&d))).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    let prev = link(view, view.shift(anchor, false));
    let next = link(view, view.shift(anchor, true));
    let now = link(view, today);
    view! {
        <div class="piazza-cal">
            <div class="piazza-cal-bar d-flex flex-wrap align-items-center gap-2 mb-3">
                <a class="btn btn-outline-primary btn-sm" href=prev>{lang.t(T::CalendarPrevious)}</a>
                <a class="btn btn-outline-primary btn-sm" href=now>{lang.t(T::CalendarToday)}</a>
                <a class="btn btn-outline-primary btn-sm" href=next>{lang.t(T::CalendarNext)}</a>
                <h2 class="h4 mb-0 ms-2" aria-live="polite">{period_label(lang, view, anchor)}</h2>
                <nav class="ms-auto" aria-label=lang.t(T::CalendarViews)>
                    <ul class="nav nav-pills">
                        {CalendarView::ALL.into_iter().map(|v| {
                            let active = v == view;
                            view! {
                                <li class="nav-item">
                                    <a class="nav-link" class:active=active aria-current=active.then_some("page")
                                        href=link(v, anchor)>{lang.t(v.label())}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </nav>
            </div>
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_month_is_shown_in_whole_weeks_from_monday() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let (first, last) = CalendarView::Month.range(day(2026, 12, 15));
        assert_eq!(first, day(2026, 11, 30));
        assert_eq!(last, day(2027, 1, 3));
        assert_eq!(days(first, last).count() % 7, 0);
        assert_eq!(
            CalendarView::Week.range(day(2026, 12, 3)),
            (day(2026, 11, 30), day(2026, 12, 6))
        );
        assert_eq!(
            CalendarView::List.range(day(2027, 2, 10)),
            (day(2027, 2, 1), day(2027, 2, 28))
        );
    }

    #[test]
    fn moving_keeps_to_periods() {
        assert_eq!(
            CalendarView::Month.shift(day(2026, 1, 31), true),
            day(2026, 2, 1)
        );
        assert_eq!(
            CalendarView::Week.shift(day(2026, 12, 31), true),
            day(2027, 1, 7)
        );
        assert_eq!(
            CalendarView::List.shift(day(2026, 1, 15), false),
            day(2025, 12, 1)
        );
        assert_eq!(CalendarView::from_code("nonsense"), CalendarView::Month);
    }
}
