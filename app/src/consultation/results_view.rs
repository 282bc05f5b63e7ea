//! The results tab: how many answered and when, then every question as a chart with
//! its numbers; free texts can be searched. Filters by Comune and age group are plain
//! links and forms, and the export is a CSV download.

use super::public::load_results;
use super::server::Results;
use crate::components::chart::{Bar, BarChart};
use crate::components::layout::resource_page;
use crate::components::live::use_live;
use crate::components::nav::query_value;
use crate::i18n::{use_lang, Lang, T};
use crate::live::Topic;
use crate::questionnaire::results::{Count, QuestionResult, Summary, AGE_GROUPS};
use leptos::prelude::*;

fn bars(counts: &[Count]) -> Vec<Bar> {
    counts
        .iter()
        .map(|c| Bar {
            label: c.label.clone(),
            value: c.value,
        })
        .collect()
}

/// The results of the consultation the editor shows, loaded only on the results tab.
/// Created by the page (outside any suspense), as resources must be.
pub type ResultsResource = Resource<Result<Option<Results>, crate::error::AppError>>;

pub fn results_resource(
    key: impl Fn() -> (String, String) + Send + Sync + 'static,
) -> ResultsResource {
    let tab = query_value("scheda");
    let comune = query_value("comune");
    let age = query_value("eta");
    Resource::new(
        move || (key(), tab.get(), comune.get(), age.get()),
        |((ente, slug), tab, c, a)| async move {
            if tab != "risultati" {
                return Ok(None);
            }
            load_results(ente, slug, c.parse().ok(), (!a.is_empty()).then_some(a))
                .await
                .map(Some)
        },
    )
}

#[component]
pub fn ResultsTab(results: ResultsResource, ente: String, slug: String) -> impl IntoView {
    let comune = query_value("comune");
    let age = query_value("eta");
    resource_page(results, move |r| {
        r.map(|r| {
            view! { <ResultsView r ente=ente.clone() slug=slug.clone() comune=comune.get_untracked() age=age.get_untracked()/> }
        })
    })
}

#[component]
fn ResultsView(
    r: Results,
    ente: String,
    slug: String,
    comune: String,
    age: String,
) -> impl IntoView {
    let lang = use_lang();
    let mut comuni = vec![(String::new(), lang.t(T::ResultsAllComuni).to_string())];
    comuni.extend(r.comuni.iter().map(|(id, n)| (id.to_string(), n.clone())));
    let mut ages = vec![(String::new(), lang.t(T::ResultsAllAges).to_string())];
    ages.extend(AGE_GROUPS.iter().map(|a| (a.to_string(), a.to_string())));
    let csv = format!("/gestione/{ente}/consultazioni/{slug}/risposte.csv");
    let xlsx = format!("/gestione/{ente}/consultazioni/{slug}/risposte.xlsx");
    let every = (r.per_day.len() / 8).max(1);
    view! {
        <form method="get" class="row g-2 align-items-end mb-4 piazza-results-filter">
            <input type="hidden" name="scheda" value="risultati"/>
            <div class="col-12 col-md-4">
                <label for="results-comune" class="form-label">{lang.t(T::ResultsComune)}</label>
                <select id="results-comune" name="comune" class="form-select">
                    {comuni.into_iter().map(|(v, l)| { let s = v == comune; view! { <option value=v selected=s>{l}</option> } }).collect_view()}
                </select>
            </div>
            <div class="col-12 col-md-4">
                <label for="results-eta" class="form-label">{lang.t(T::ResultsAge)}</label>
                <select id="results-eta" name="eta" class="form-select">
                    {ages.into_iter().map(|(v, l)| { let s = v == age; view! { <option value=v selected=s>{l}</option> } }).collect_view()}
                </select>
            </div>
            <div class="col-12 d-flex flex-wrap gap-2">
                <button type="submit" class="btn btn-primary">{lang.t(T::FilterSubmit)}</button>
                <a class="btn btn-outline-primary" href=csv download="">{lang.t(T::ResultsCsv)}</a>
                <a class="btn btn-outline-primary" href=xlsx download="">{lang.t(T::ResultsXlsx)}</a>
            </div>
        </form>
        <p class="lead piazza-results-count">
            {lang.tf(T::ResultsShown, &[("shown", &lang.number(r.shown)), ("total", &lang.number(r.total))])}
        </p>
        <LiveCount consultation=r.consultation.id ente=ente.clone() slug=slug.clone() loaded=r.total/>
        <section class="mb-5" aria-labelledby="per-day">
            <h2 id="per-day" class="h5">{lang.t(T::ResultsPerDay)}</h2>
            <BarChart title=lang.t(T::ResultsPerDay) bars=r.per_day.clone() label_every=every/>
        </section>
        {r.questions.into_iter().map(|q| view! { <QuestionResultView q lang/> }).collect_view()}
    }
}

/// One question's result (also used by the public results page).
#[component]
pub fn QuestionResultView(q: QuestionResult, lang: Lang) -> impl IntoView {
    let title = format!("{} — {}", q.id, q.label);
    let answered = lang.tf(T::ResultsAnswered, &[("count", &lang.number(q.answered))]);
    let body = match q.summary {
        Summary::Counts(c) => view! { <BarChart title=title.clone() bars=bars(&c) caption=false/> }.into_any(),
        Summary::Points(c) => view! {
            <p class="small">{lang.t(T::ResultsPointsHelp)}</p>
            <BarChart title=title.clone() bars=bars(&c) caption=false/>
        }
        .into_any(),
        Summary::Histogram { bins, mean, median } => view! {
            <p>{lang.tf(T::ResultsMeanMedian, &[("mean", &format!("{mean:.1}")), ("median", &format!("{median:.1}"))])}</p>
            <BarChart title=title.clone() bars=bars(&bins) caption=false/>
        }
        .into_any(),
        Summary::Rows { scale, rows } => view! { <StackedRows scale rows/> }.into_any(),
        Summary::Texts(texts) => view! { <Texts texts/> }.into_any(),
        Summary::Files(n) => view! { <p>{lang.tf(T::ResultsFiles, &[("count", &lang.number(n))])}</p> }.into_any(),
    };
    view! {
        <section class="mb-5 piazza-question-result">
            <h2 class="h5">{q.label}</h2>
            <p class="small text-muted">{answered}</p>
            {body}
        </section>
    }
}

/// A matrix: for each row a bar split by the steps of the scale, and the numbers.
#[component]
fn StackedRows(scale: Vec<String>, rows: Vec<(String, Vec<f64>)>) -> impl IntoView {
    const SHADES: [&str; 6] = [
        "#004d99", "#0066cc", "#3385d6", "#66a3e0", "#99c2eb", "#cce0f5",
    ];
    view! {
        <div class="piazza-stacked">
            <ul class="list-inline small mb-2" aria-hidden="true">
                {scale.iter().enumerate().map(|(i, s)| view! {
                    <li class="list-inline-item">
                        <span class="piazza-swatch" style=format!("background:{}", SHADES[i % SHADES.len()])></span>" "{s.clone()}
                    </li>
                }).collect_view()}
            </ul>
            {rows.iter().map(|(label, counts)| {
                let total: f64 = counts.iter().sum::<f64>().max(1.0);
                view! {
                    <div class="mb-2">
                        <div class="small fw-semibold">{label.clone()}</div>
                        <div class="piazza-stacked-bar" aria-hidden="true">
                            {counts.iter().enumerate().map(|(i, c)| view! {
                                <span style=format!("width:{:.2}%;background:{}", c / total * 100.0, SHADES[i % SHADES.len()])></span>
                            }).collect_view()}
                        </div>
                    </div>
                }
            }).collect_view()}
            <table class="table table-sm mt-2">
                <thead>
                    <tr><td></td>{scale.iter().map(|s| view! { <th scope="col">{s.clone()}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(label, counts)| view! {
                        <tr><th scope="row">{label}</th>{counts.into_iter().map(|c| view! { <td>{c.to_string()}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Free texts, searchable once the page is live.
#[component]
fn Texts(texts: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let filter = RwSignal::new(String::new());
    let all = StoredValue::new(texts);
    let shown = move || {
        let f = filter.get().to_lowercase();
        all.with_value(|t| {
            t.iter()
                .filter(|x| f.is_empty() || x.to_lowercase().contains(&f))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let id = format!("texts-{}", all.with_value(|t| t.len()));
    view! {
        <div class="form-group mb-2">
            <label for=id.clone() class="active">{lang.t(T::ResultsSearchTexts)}</label>
            <input id=id type="search" class="form-control" prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
        </div>
        <ul class="piazza-texts">
            {move || shown().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
        </ul>
    }
}

/// As answers arrive (with JavaScript: the consultation's live events), how many
/// there are now; when new ones arrived since the page was loaded, it says so
/// (politely, to screen readers too) and offers to update the charts, rather than
/// redrawing under the reader's eyes.
#[component]
fn LiveCount(consultation: i64, ente: String, slug: String, loaded: i64) -> impl IntoView {
    let lang = use_lang();
    let now = RwSignal::new(loaded);
    use_live(vec![Topic::Results(consultation).key()], move |_| {
        let (ente, slug) = (ente.clone(), slug.clone());
        leptos::task::spawn_local(async move {
            if let Ok(n) = super::public::response_count(ente, slug).await {
                now.set(n);
            }
        });
    });
    view! {
        <p class="piazza-live-count" aria-live="polite">
            {move || (now.get() > loaded).then(|| view! {
                {lang.tf(T::ResultsNew, &[("count", &lang.number(now.get() - loaded))])} " "
                <button type="button" class="btn btn-outline-primary btn-xs piazza-refresh" on:click=move |_| {
                    #[cfg(feature = "hydrate")]
                    {
                        let _ = window().location().reload();
                    }
                }>{lang.t(T::ResultsRefresh)}</button>
            })}
        </p>
    }
}
