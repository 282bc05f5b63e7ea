//! `/gestione/{ente}/social/kpi`: the channels' KPIs as charts against the
//! strategy's targets, the best posts, the imports and manual entry; and
//! `…/kpi/importa/{token}`: the column mapping of an uploaded export.

use crate::components::chart::BarChart;
use crate::components::form::{
    action_error, failures, ErrorSummary, Field, Notice, SelectField, Submit,
};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_value};
use crate::components::shell::WorkShell;
use crate::components::table::EmptyState;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang, T};
use crate::social::frame::{ente_param, links};
use crate::social::kpi::model::{ImportPage, KpiPage, Metric};
use crate::social::kpi::server::{load_import, load_kpi, AddEntry, ImportFile};
use crate::social::paths::kpi_path;
use crate::table_import::{DayOrder, Problem};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// "Line 4, column «Reach»: «12a» is not a number."
pub fn problem_text(lang: Lang, p: &Problem) -> String {
    let what = lang.t(p.problem);
    match (p.line, p.column.is_empty()) {
        (0, _) => what.to_string(),
        (line, true) => lang.tf(
            T::ImportAtLine,
            &[("line", &line.to_string()), ("what", what)],
        ),
        (line, false) => lang.tf(
            T::ImportAtCell,
            &[
                ("line", &line.to_string()),
                ("column", &p.column),
                ("value", &p.value),
                ("what", what),
            ],
        ),
    }
}

#[component]
fn Problems(problems: Vec<Problem>) -> impl IntoView {
    let lang = use_lang();
    (!problems.is_empty()).then(|| {
        view! {
            <div class="alert alert-danger piazza-import-problems" role="alert" tabindex="-1">
                <p class="fw-semibold mb-1">{lang.t(T::KpiImportRefused)}</p>
                <ul class="mb-0">
                    {problems.iter().map(|p| view! { <li>{problem_text(lang, p)}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
pub fn KpiPageView() -> impl IntoView {
    let ente = ente_param();
    let channel = query_value("canale");
    let refused = query_value("rifiutato");
    let page = Resource::new(
        move || (ente(), channel.get(), refused.get()),
        |(e, c, r)| load_kpi(e, c, r),
    );
    resource_page(page, |page| view! { <KpiView page/> })
}

#[component]
fn KpiView(page: KpiPage) -> impl IntoView {
    let lang = use_lang();
    let ente = page.ente_slug.clone();
    let entry = ServerAction::<AddEntry>::new();
    let entry_errors = action_error(entry);
    follow_destination(entry);
    let imported = query_value("importate");
    let recorded = query_value("registrato");
    let upload_error = query_value("errore");
    let no_errors = Signal::derive(|| None);
    let channel_options: Vec<(String, String)> = page
        .channels
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let filter_options: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::EditorialAllChannels).to_string()))
            .chain(channel_options.iter().cloned())
            .collect();
    let upload_problem = move || {
        let code = upload_error.get();
        if code.is_empty() {
            return None;
        }
        let key = if code == "canale" {
            T::KpiChooseChannel
        } else {
            crate::upload::model::problem_of(&code).unwrap_or(T::ErrorInvalid)
        };
        Some(lang.t(key))
    };
    view! {
        <WorkShell place=page.ente_name.clone() title=lang.t(T::KpiTitle) links=links(lang, &ente)>
            <h1>{lang.t(T::KpiTitle)}</h1>
            <p>{lang.t(T::KpiIntro)}</p>
            {move || (!imported.get().is_empty()).then(|| view! {
                <div class="alert alert-success" role="status">
                    {lang.tf(T::KpiImported, &[("n", &imported.get())])}
                </div>
            })}
            {move || (!recorded.get().is_empty()).then(|| view! { <Notice text=T::KpiRecorded/> })}
            <Problems problems=page.problems.clone()/>
            <form method="get" action=kpi_path(&ente) class="row g-2 align-items-end mb-3">
                <div class="col-12 col-md-6">
                    <SelectField form="kpi-filter" name="canale" label=T::EditorialChannel errors=no_errors options=filter_options selected=page.channel.clone()/>
                </div>
                <div class="col-12 col-md-6">
                    <button type="submit" class="btn btn-outline-primary mb-3">{lang.t(T::EditorialFilter)}</button>
                    " "
                    <a class="btn btn-outline-primary mb-3" href=format!("{}/report", kpi_path(&ente))>{lang.t(T::KpiReport)}</a>
                </div>
            </form>
            <div class="row">
                {page.charts.iter().cloned().map(|c| view! {
                    <div class="col-12 col-xl-6 mb-4">
                        <BarChart title=c.title bars=c.bars target=c.target/>
                    </div>
                }).collect_view()}
            </div>
            <section aria-labelledby="top-posts" class="mb-5">
                <h2 id="top-posts" class="h4">{lang.t(T::KpiTopPosts)}</h2>
                {if page.top.is_empty() {
                    view! { <EmptyState text=T::KpiTopPostsEmpty/> }.into_any()
                } else {
                    view! {
                        <div class="table-responsive">
                            <table class="table piazza-top-posts">
                                <thead><tr>
                                    <th scope="col">{lang.t(T::ExportDate)}</th>
                                    <th scope="col">{lang.t(T::EditorialChannel)}</th>
                                    <th scope="col">{lang.t(T::ExportText)}</th>
                                    <th scope="col">{lang.t(T::KpiReach)}</th>
                                    <th scope="col">{lang.t(T::KpiEngagements)}</th>
                                    <th scope="col">{lang.t(T::KpiEngagementRate)}</th>
                                </tr></thead>
                                <tbody>
                                    {page.top.iter().map(|p| view! {
                                        <tr>
                                            <td>{p.day.clone()}</td>
                                            <td>{p.channel.clone()}</td>
                                            <td>{if p.link.starts_with("https://") {
                                                view! { <a href=p.link.clone() rel="noopener noreferrer">{if p.text.is_empty() { p.link.clone() } else { p.text.clone() }}</a> }.into_any()
                                            } else {
                                                p.text.clone().into_any()
                                            }}</td>
                                            <td>{lang.decimal(p.reach)}</td>
                                            <td>{lang.decimal(p.engagements)}</td>
                                            <td>{p.rate.map(|r| format!("{} %", lang.decimal(r))).unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }}
            </section>
            <div class="row">
                <section class="col-12 col-lg-6" aria-labelledby="kpi-upload-title" id="kpi-upload">
                    <h2 id="kpi-upload-title" class="h4">{lang.t(T::KpiUpload)}</h2>
                    <p class="small">{lang.t(T::KpiUploadHelp)}</p>
                    {move || upload_problem().map(|t| view! { <div class="alert alert-danger" role="alert">{t}</div> })}
                    <form method="post" action=format!("{}/carica", kpi_path(&ente)) enctype="multipart/form-data" class="piazza-form">
                        <SelectField form="kpi-upload" name="channel" label=T::EditorialChannel errors=no_errors options=channel_options.clone()/>
                        <div class="form-group">
                            <label for="kpi-file" class="active">{lang.t(T::KpiFile)}</label>
                            <input type="file" id="kpi-file" name="file" accept=".csv,text/csv,text/plain" class="form-control"/>
                        </div>
                        <button type="submit" class="btn btn-primary">{lang.t(T::KpiUploadSubmit)}</button>
                    </form>
                </section>
                <section class="col-12 col-lg-6" aria-labelledby="kpi-entry-title">
                    <h2 id="kpi-entry-title" class="h4">{lang.t(T::KpiEntry)}</h2>
                    <ActionForm action=entry attr:class="piazza-form" attr:novalidate=true>
                        <ErrorSummary form="entry" errors=entry_errors/>
                        <input type="hidden" name="ente" value=ente.clone()/>
                        <SelectField form="entry" name="channel" label=T::EditorialChannel errors=entry_errors options=channel_options.clone()/>
                        <Field form="entry" name="day" kind="date" label=T::ExportDate required=true errors=entry_errors/>
                        <div class="row">
                            {Metric::ALL.into_iter().map(|m| view! {
                                <div class="col-6">
                                    <Field form="entry" name=m.code() kind="text" label=m.label() errors=entry_errors/>
                                </div>
                            }).collect_view()}
                        </div>
                        <Submit action=entry label=T::KpiEntrySubmit/>
                    </ActionForm>
                </section>
            </div>
            <section aria-labelledby="kpi-imports" class="mt-4">
                <h2 id="kpi-imports" class="h4">{lang.t(T::KpiImports)}</h2>
                {if page.imports.is_empty() {
                    view! { <EmptyState text=T::KpiImportsEmpty/> }.into_any()
                } else {
                    view! {
                        <ul class="list-unstyled">
                            {page.imports.iter().map(|i| view! {
                                <li>{lang.tf(T::KpiImportLine, &[
                                    ("channel", &i.channel), ("file", &i.file_name), ("rows", &i.rows.to_string()),
                                    ("first", &i.first_day), ("last", &i.last_day), ("by", &i.by), ("at", &i.at),
                                ])}</li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </WorkShell>
    }
}

#[component]
pub fn ImportPageView() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("ente").unwrap_or_default(),
            p.get("token").unwrap_or_default(),
        )
    };
    let import = ServerAction::<ImportFile>::new();
    // Loaded again after a refusal (to show its problems), never after the import,
    // which removes the file and leaves the page.
    let refused = failures(import);
    let page = Resource::new(
        move || (key(), refused.get()),
        |((e, t), _)| load_import(e, t),
    );
    resource_page(
        page,
        move |(page, problems)| view! { <ImportView page problems import/> },
    )
}

#[component]
fn ImportView(
    page: ImportPage,
    problems: Vec<Problem>,
    import: ServerAction<ImportFile>,
) -> impl IntoView {
    let lang = use_lang();
    // A refused file's problems are listed above the sample: the summary says the rest.
    let errors = {
        let all = action_error(import);
        Signal::derive(move || {
            all.get()
                .filter(|e| *e != AppError::Refused(T::KpiImportRefused))
        })
    };
    follow_destination(import);
    let ente = page.ente_slug.clone();
    let columns: Vec<(String, String)> =
        std::iter::once((String::new(), lang.t(T::KpiNoColumn).to_string()))
            .chain(page.headers.iter().map(|h| (h.clone(), h.clone())))
            .collect();
    let m = page.mapping.clone();
    let first = {
        let m = m.clone();
        move |metric: Metric| m.columns(metric).first().cloned().unwrap_or_default()
    };
    let orders = vec![
        (String::new(), lang.t(T::KpiOrderAuto).to_string()),
        (
            DayOrder::DayFirst.code().to_string(),
            lang.t(T::KpiOrderDayFirst).to_string(),
        ),
        (
            DayOrder::MonthFirst.code().to_string(),
            lang.t(T::KpiOrderMonthFirst).to_string(),
        ),
    ];
    let engaged = m.columns(Metric::Engagements).to_vec();
    let title = lang.tf(T::KpiImportTitle, &[("file", &page.file_name)]);
    view! {
        <WorkShell place=page.ente_name.clone() title=title.clone() links=links(lang, &ente)>
            <p class="mb-1"><a href=kpi_path(&ente)>{lang.t(T::KpiTitle)}</a></p>
            <h1>{title}</h1>
            <p>{lang.tf(T::KpiImportAbout, &[("channel", &page.channel.name), ("rows", &page.rows.to_string())])}</p>
            <p class="small">{if page.saved { lang.t(T::KpiMappingSaved) } else { lang.t(T::KpiMappingGuessed) }}</p>
            <Problems problems/>
            // It scrolls sideways when the file is wide: keyboard users reach it too.
            <div class="table-responsive mb-4" tabindex="0" role="region" aria-label=lang.t(T::KpiSample)>
                <table class="table table-sm piazza-import-sample">
                    <caption>{lang.t(T::KpiSample)}</caption>
                    <thead><tr>{page.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {page.sample.iter().map(|r| view! {
                            <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <ActionForm action=import attr:class="piazza-form piazza-mapping" attr:novalidate=true>
                <ErrorSummary form="map" errors/>
                <input type="hidden" name="ente" value=ente.clone()/>
                <input type="hidden" name="token" value=page.token.clone()/>
                <div class="row">
                    <div class="col-12 col-md-6">
                        <SelectField form="map" name="date" label=T::KpiMapDateField errors options=columns.clone() selected=m.date.clone()/>
                    </div>
                    <div class="col-12 col-md-6">
                        <SelectField form="map" name="order" label=T::KpiOrder errors options=orders selected=m.order.map(|o| o.code().to_string()).unwrap_or_default()/>
                    </div>
                    <div class="col-12 col-md-4">
                        <SelectField form="map" name="post" label=T::KpiMapPost errors options=columns.clone() selected=m.post.clone() help=T::KpiMapPostHelp/>
                    </div>
                    <div class="col-12 col-md-4">
                        <SelectField form="map" name="link" label=T::KpiMapLink errors options=columns.clone() selected=m.link.clone()/>
                    </div>
                    <div class="col-12 col-md-4">
                        <SelectField form="map" name="text" label=T::KpiMapText errors options=columns.clone() selected=m.text.clone()/>
                    </div>
                </div>
                <fieldset class="mb-3">
                    <legend class="h5">{lang.t(T::KpiMapMetrics)}</legend>
                    <div class="invalid-feedback d-block" aria-live="polite">
                        {move || errors.get().and_then(|e| e.field_message("metrics", lang))}
                    </div>
                    <div class="row">
                        {[Metric::Followers, Metric::Reach, Metric::Impressions, Metric::Clicks, Metric::Views].into_iter().map(|metric| {
                            let name: &'static str = match metric {
                                Metric::Followers => "followers[]",
                                Metric::Reach => "reach[]",
                                Metric::Impressions => "impressions[]",
                                Metric::Clicks => "clicks[]",
                                _ => "views[]",
                            };
                            view! {
                                <div class="col-12 col-md-4">
                                    <SelectField form="map" name label=metric.label() errors options=columns.clone() selected=first(metric)/>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <fieldset>
                        <legend class="h6">{lang.t(T::KpiEngagements)}</legend>
                        <p class="small" id="map-engagements-help">{lang.t(T::KpiMapEngagementsHelp)}</p>
                        {page.headers.iter().enumerate().map(|(i, h)| {
                            let id = format!("map-engagements-{i}");
                            view! {
                                <div class="form-check form-check-inline">
                                    <input type="checkbox" id=id.clone() name="engagements[]" value=h.clone() checked=engaged.contains(h)/>
                                    <label for=id>{h.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                </fieldset>
                <Submit action=import label=T::KpiImportSubmit/>
            </ActionForm>
        </WorkShell>
    }
}
