//! `/gestione/{ente}/social/kpi/report?mese=YYYY-MM`: the month's report of the
//! social channels, laid out to be printed or saved as PDF (the work area's frame
//! is not printed).

use crate::components::layout::resource_page;
use crate::components::nav::query_value;
use crate::components::shell::WorkShell;
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, Lang, T};
use crate::social::frame::{ente_param, links};
use crate::social::kpi::model::MonthKpi;
use crate::social::kpi::report::ReportPage;
use crate::social::kpi::server::load_report;
use crate::social::paths::kpi_path;
use leptos::prelude::*;

fn rate(lang: Lang, m: &MonthKpi) -> String {
    m.engagement_rate()
        .map(|r| format!("{} %", lang.decimal(r)))
        .unwrap_or_else(|| "–".into())
}

#[component]
pub fn ReportPageView() -> impl IntoView {
    let ente = ente_param();
    let month = query_value("mese");
    let page = Resource::new(move || (ente(), month.get()), |(e, m)| load_report(e, m));
    resource_page(page, |page| view! { <ReportView page/> })
}

#[component]
fn ReportView(page: ReportPage) -> impl IntoView {
    let lang = use_lang();
    let ente = page.ente_slug.clone();
    let base = format!("{}/report", kpi_path(&ente));
    let title = lang.tf(T::KpiReportTitle, &[("month", &page.title)]);
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().print();
        }
    };
    let row = move |name: String, m: &MonthKpi| {
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td>{m.followers.map(|f| lang.decimal(f)).unwrap_or_else(|| "–".into())}</td>
                <td>{lang.decimal(m.reach)}</td>
                <td>{lang.decimal(m.impressions)}</td>
                <td>{lang.decimal(m.engagements)}</td>
                <td>{rate(lang, m)}</td>
                <td>{lang.decimal(m.clicks)}</td>
                <td>{lang.decimal(m.views)}</td>
            </tr>
        }
    };
    view! {
        <WorkShell place=page.ente_name.clone() title=title.clone() links=links(lang, &ente)>
            <div class="piazza-report">
                <p class="mb-1 piazza-no-print"><a href=kpi_path(&ente)>{lang.t(T::KpiTitle)}</a></p>
                <h1>{title}</h1>
                <p>{page.ente_name.clone()}</p>
                <div class="d-flex flex-wrap gap-2 mb-4 piazza-no-print">
                    <a class="btn btn-outline-primary btn-sm" href=format!("{base}?mese={}", page.previous)>{lang.t(T::KpiReportPrevious)}</a>
                    <a class="btn btn-outline-primary btn-sm" href=format!("{base}?mese={}", page.next)>{lang.t(T::KpiReportNext)}</a>
                    <button type="button" class="btn btn-primary btn-sm" on:click=print>{lang.t(T::KpiReportPrint)}</button>
                </div>
                <section aria-labelledby="report-channels" class="mb-4">
                    <h2 id="report-channels" class="h4">{lang.t(T::KpiReportChannels)}</h2>
                    <div class="table-responsive">
                        <table class="table table-sm">
                            <thead><tr>
                                <th scope="col">{lang.t(T::EditorialChannel)}</th>
                                <th scope="col">{lang.t(T::KpiFollowers)}</th>
                                <th scope="col">{lang.t(T::KpiReach)}</th>
                                <th scope="col">{lang.t(T::KpiImpressions)}</th>
                                <th scope="col">{lang.t(T::KpiEngagements)}</th>
                                <th scope="col">{lang.t(T::KpiEngagementRate)}</th>
                                <th scope="col">{lang.t(T::KpiClicks)}</th>
                                <th scope="col">{lang.t(T::KpiViews)}</th>
                            </tr></thead>
                            <tbody>
                                {page.rows.iter().map(|(name, m)| row(name.clone(), m)).collect_view()}
                            </tbody>
                            <tfoot>{row(lang.t(T::KpiReportTotal).to_string(), &page.total)}</tfoot>
                        </table>
                    </div>
                </section>
                <section aria-labelledby="report-objectives" class="mb-4">
                    <h2 id="report-objectives" class="h4">{lang.t(T::StrategyObjectives)}</h2>
                    {if page.objectives.is_empty() {
                        view! { <EmptyState text=T::StrategyNoObjectives/> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {page.objectives.iter().map(|o| view! {
                                    <li>
                                        <strong>{o.title.clone()}</strong> ": "
                                        {lang.tf(T::KpiReportObjective, &[
                                            ("target", &lang.decimal(o.target)),
                                            ("deadline", &o.deadline),
                                            ("current", &o.current.map(|c| lang.decimal(c)).unwrap_or_else(|| "–".into())),
                                            ("p", &o.progress.map(|p| lang.decimal(p)).unwrap_or_else(|| "–".into())),
                                        ])}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
                <section aria-labelledby="report-published" class="mb-4">
                    <h2 id="report-published" class="h4">{lang.t(T::KpiReportPublished)}</h2>
                    <p>{lang.tf(T::KpiReportPlanned, &[("published", &page.published.len().to_string()), ("planned", &page.planned.to_string())])}</p>
                    {(!page.published.is_empty()).then(|| view! {
                        <ul>
                            {page.published.iter().map(|(day, title, channels, link)| view! {
                                <li>
                                    {day.clone()} " · "
                                    {if link.starts_with("https://") {
                                        view! { <a href=link.clone() rel="noopener noreferrer">{title.clone()}</a> }.into_any()
                                    } else {
                                        title.clone().into_any()
                                    }}
                                    " · " {channels.clone()}
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                </section>
                <section aria-labelledby="report-top" class="mb-4">
                    <h2 id="report-top" class="h4">{lang.t(T::KpiReportTop)}</h2>
                    {if page.top.is_empty() {
                        view! { <EmptyState text=T::KpiTopPostsEmpty/> }.into_any()
                    } else {
                        view! {
                            <ol>
                                {page.top.iter().map(|p| view! {
                                    <li>
                                        {p.day.clone()} " · " {p.channel.clone()} " · " {p.text.clone()} " · "
                                        {lang.tf(T::KpiReportPost, &[("reach", &lang.decimal(p.reach)), ("engagements", &lang.decimal(p.engagements))])}
                                    </li>
                                }).collect_view()}
                            </ol>
                        }
                        .into_any()
                    }}
                </section>
            </div>
        </WorkShell>
    }
}
