//! `/gestione/{ente}/sito/{kind}/{id}` (and `…/nuovo`): the editor of one entry:
//! its fields as `schema` lists them, when it goes live and comes down, the news
//! item's image, the steps of the review and the versions.

use super::model::{EntryPage, EntryState, Step};
use super::schema::{fields, Spec, Widget};
use super::server::{load_entry, RemoveEntryImage, SaveEntry, TakeSiteStep};
use super::views::side_links;
use crate::components::form::{
    action_error, CheckField, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::layout::resource_page;
use crate::components::nav::{follow_destination, query_flag, query_value, route_param};
use crate::components::shell::WorkShell;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use crate::upload::views::ImageForm;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn EntryEditorPage() -> impl IntoView {
    let (ente, kind, id) = (route_param("ente"), route_param("kind"), route_param("id"));
    let data = Resource::new(
        move || (ente(), kind(), id()),
        |(e, k, id)| load_entry(e, k, id.parse::<i64>().ok()),
    );
    resource_page(data, |page| view! { <Editor page/> })
}

/// One field of the form, drawn as its widget asks.
fn field(spec: &'static Spec, page: &EntryPage, errors: Signal<Option<AppError>>) -> AnyView {
    let value = page.values.get(spec.key).cloned().unwrap_or_default();
    let (name, label, required, max) = (spec.input, spec.label, spec.required, spec.max as u32);
    let input = |kind: &'static str| {
        match spec.help {
        Some(help) => view! { <Field form="entry" name kind label errors required maxlength=max value=value.clone() help/> }.into_any(),
        None => view! { <Field form="entry" name kind label errors required maxlength=max value=value.clone()/> }.into_any(),
    }
    };
    match spec.widget {
        Widget::Line => input("text"),
        Widget::Url => input("url"),
        Widget::Email => input("email"),
        Widget::Phone => input("tel"),
        Widget::Moment => input("datetime-local"),
        Widget::Date => input("date"),
        Widget::Number(..) => input("text"),
        Widget::Text | Widget::Markdown => {
            let rows = match spec.max {
                m if m > 10_000 => 10,
                m if m > 1_000 => 4,
                _ => 3,
            };
            match spec.help {
                Some(help) => view! { <TextArea form="entry" name label errors required maxlength=max rows value help/> }.into_any(),
                None => view! { <TextArea form="entry" name label errors required maxlength=max rows value/> }.into_any(),
            }
        }
        Widget::Choose(c) => {
            let options = page.choices.get(c.key()).cloned().unwrap_or_default();
            match spec.help {
                Some(help) => view! { <SelectField form="entry" name label errors options selected=value help/> }.into_any(),
                None => view! { <SelectField form="entry" name label errors options selected=value/> }.into_any(),
            }
        }
        Widget::Check => {
            let lang = use_lang();
            view! { <CheckField form="entry" name errors value="1" checked=!value.is_empty()>{lang.t(label)}</CheckField> }.into_any()
        }
    }
}

#[component]
fn Editor(page: EntryPage) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveEntry>::new();
    let errors = action_error(save);
    follow_destination(save);
    let saved = query_flag("salvato");
    let moved = query_value("stato");
    let slug = page.ente_slug.clone();
    let kind = page.kind;
    let title = match page.values.get("title") {
        Some(t) if page.id.is_some() => t.clone(),
        _ => lang.t(kind.new_label()).to_string(),
    };
    let labels: Vec<(String, String)> = fields(kind)
        .iter()
        .map(|s| (s.input.to_string(), lang.t(s.label).to_string()))
        .collect();
    let inputs = fields(kind)
        .iter()
        .map(|s| field(s, &page, errors))
        .collect_view();
    let image = kind
        .carries_image()
        .then(|| page.id.map(|id| view! { <Image page=page.clone() id/> }));
    let steps = page.id.map(|id| view! { <Steps page=page.clone() id/> });
    let to_plan = page
        .plan_source
        .clone()
        .map(|source| view! { <ToPlan ente=page.ente_slug.clone() source/> });
    let (publish_at, expires_at, id) = (page.publish_at.clone(), page.expires_at.clone(), page.id);
    view! {
        <WorkShell place=page.ente_name.clone() title=title.clone() links=side_links(lang, &slug)>
            <p class="small"><a href=super::server::list_path(&slug, kind)>{lang.t(kind.label())}</a></p>
            <h1 class="h2">{title}</h1>
            {move || saved.get().then(|| view! { <Notice text=T::SiteEditorSaved/> })}
            {move || EntryState::from_code(&moved.get()).map(|s| view! {
                <div class="alert alert-success" role="status">{lang.tf(T::SiteEditorMoved, &[("state", lang.t(s.label()))])}</div>
            })}
            {page.id.map(|_| view! {
                <p>
                    <span class=format!("badge {}", page.state.badge())>{lang.t(page.state.label())}</span>
                    {page.live_url.clone().map(|u| view! { " " <a href=u>{lang.t(T::SiteEditorSeeLive)}</a> })}
                </p>
            })}
            <ActionForm action=save attr:class="piazza-form piazza-entry-form" attr:novalidate=true>
                <ErrorSummary form="entry" errors labels/>
                <input type="hidden" name="ente" value=slug.clone()/>
                <input type="hidden" name="kind" value=kind.path()/>
                {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
                {inputs}
                <fieldset class="mb-3 mt-5">
                    <legend class="h5 mb-4">{lang.t(T::SiteEditorWhen)}</legend>
                    <Field form="entry" name="publish_at" kind="datetime-local" label=T::SiteEditorPublishAt errors value=publish_at help=T::SiteEditorPublishAtHelp/>
                    <Field form="entry" name="expires_at" kind="datetime-local" label=T::SiteEditorExpiresAt errors value=expires_at help=T::SiteEditorExpiresAtHelp/>
                </fieldset>
                <Submit action=save label=T::SiteEditorSave/>
            </ActionForm>
            {image}
            {steps}
            {to_plan}
            <Versions page/>
        </WorkShell>
    }
}

/// The news item's image: shown with a button that takes it away, and a plain
/// multipart form that sets another.
#[component]
fn Image(page: EntryPage, id: i64) -> impl IntoView {
    let lang = use_lang();
    let remove = ServerAction::<RemoveEntryImage>::new();
    follow_destination(remove);
    let problem = query_value("errore");
    let action = format!(
        "{}/immagine",
        super::server::entry_path(&page.ente_slug, page.kind, id)
    );
    view! {
        <section id="immagine" class="mt-5" aria-labelledby="immagine-title">
            <h2 id="immagine-title" class="h4">{lang.t(T::SiteEditorImage)}</h2>
            {move || crate::upload::model::problem_of(&problem.get()).map(|t| view! {
                <div class="alert alert-danger" role="alert">{lang.t(t)}</div>
            })}
            {page.image.clone().map(|f| view! {
                <img src=f.url() alt=f.label.clone() class="piazza-cover-preview"/>
                <p class="small">{f.label.clone()}</p>
                <ActionForm action=remove>
                    <input type="hidden" name="ente" value=page.ente_slug.clone()/>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="btn btn-sm btn-outline-danger">{lang.t(T::SiteEditorImageRemove)}</button>
                </ActionForm>
            })}
            <div class="mt-3">
                <ImageForm action prefix="entry-image" submit=T::SiteEditorImageSet/>
            </div>
        </section>
    }
}

/// The steps the reader may take, each its own small form.
#[component]
fn Steps(page: EntryPage, id: i64) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="mt-5" aria-labelledby="steps-title">
            <h2 id="steps-title" class="h4">{lang.t(T::SiteEditorSteps)}</h2>
            {page.own_change.then(|| view! { <p class="small">{lang.t(T::SiteEditorOwnApproval)}</p> })}
            {page.review.then(|| view! { <p class="small">{lang.t(T::SiteEditorReviewOn)}</p> })}
            {page.steps.iter().map(|s| view! { <StepForm ente=page.ente_slug.clone() id version=page.version step=*s/> }).collect_view()}
        </section>
    }
}

#[component]
fn StepForm(ente: String, id: i64, version: i64, step: Step) -> impl IntoView {
    let action = ServerAction::<TakeSiteStep>::new();
    let errors = action_error(action);
    follow_destination(action);
    let class = match step {
        Step::Withdraw => "btn btn-outline-danger",
        Step::Return => "btn btn-outline-primary",
        _ => "btn btn-primary",
    };
    let form: &'static str = step.code();
    view! {
        <ActionForm action attr:class="piazza-form piazza-step mb-3" attr:novalidate=true attr:data-step=step.code()>
            <ErrorSummary form errors/>
            <input type="hidden" name="ente" value=ente/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=version/>
            <input type="hidden" name="step" value=step.code()/>
            {match step {
                Step::Return => view! { <TextArea form name="note" label=T::SiteEditorReturnNote required=true maxlength=2000 rows=2 errors/> }.into_any(),
                Step::Withdraw => view! { <TextArea form name="note" label=T::SiteEditorWithdrawNote required=true maxlength=2000 rows=2 errors/> }.into_any(),
                Step::Approve => view! { <TextArea form name="note" label=T::SiteEditorApproveNote maxlength=2000 rows=2 errors/> }.into_any(),
                _ => ().into_any(),
            }}
            <Submit action label=step.label() class/>
        </ActionForm>
    }
}

/// A draft of the editorial plan from this live news item or event.
#[component]
fn ToPlan(ente: String, source: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<crate::social::plan::server::FromContent>::new();
    let errors = action_error(action);
    follow_destination(action);
    view! {
        <section class="mt-5" aria-labelledby="to-plan-title">
            <h2 id="to-plan-title" class="h4">{lang.t(T::SiteEditorToPlanTitle)}</h2>
            <ActionForm action attr:class="piazza-form">
                <ErrorSummary form="to-plan" errors/>
                <input type="hidden" name="ente" value=ente/>
                <input type="hidden" name="source" value=source/>
                <Submit action label=T::SiteEditorToPlan class="btn btn-outline-primary"/>
            </ActionForm>
        </section>
    }
}

#[component]
fn Versions(page: EntryPage) -> impl IntoView {
    let lang = use_lang();
    (!page.versions.is_empty()).then(|| view! {
        <section class="mt-5" aria-labelledby="versions-title">
            <h2 id="versions-title" class="h4">{lang.t(T::SiteEditorVersions)}</h2>
            <ol class="list-unstyled piazza-versions" reversed>
                {page.versions.into_iter().map(|v| view! {
                    <li class="mb-2">
                        <strong>{lang.tf(T::SiteEditorVersion, &[("n", &v.number.to_string())])}</strong>
                        " · " {lang.t(v.state.label())} " · " {v.at} " · " {v.who}
                        {(!v.note.is_empty()).then(|| view! { <p class="mb-0 small piazza-note-body">{v.note}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}
