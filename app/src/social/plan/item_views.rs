//! `/gestione/{ente}/social/piano/{id}` (and `…/nuovo`): the editor of one item of
//! the editorial plan, with a text box per channel whose counter follows the
//! channel's own way of counting, the steps of the review, and the timeline.

use crate::components::form::{
    action_error, field_id, ErrorSummary, Field, Notice, SelectField, Submit, TextArea,
};
use crate::components::layout::resource_page;
use crate::components::live::use_live;
use crate::components::nav::{follow_destination, query_flag, query_value};
use crate::components::shell::WorkShell;
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use crate::ids::EnteId;
use crate::live::Topic;
use crate::social::frame::links;
use crate::social::paths::plan_path;
use crate::social::plan::model::{ItemPage, ItemState, NoteView, Repeat, Step, TextBox};
use crate::social::plan::server::{load_item, CommentItem, RemoveImage, SaveItem, TakeStep};
use crate::upload::views::ImageForm;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ItemEditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("ente").unwrap_or_default(),
            p.get("id").and_then(|id| id.parse::<i64>().ok()),
        )
    };
    let day = query_value("giorno");
    let item = Resource::new(
        move || (key(), day.get()),
        |((ente, id), day)| load_item(ente, id, (!day.is_empty()).then_some(day)),
    );
    resource_page(item, |item| view! { <ItemEditor item/> })
}

/// With JavaScript, the plan's live events: when this item's review is no longer
/// at the step the page shows (another member of the team took one), the page says
/// so and offers to reload it (what the reader was writing stays until they choose).
#[component]
fn ItemChanged(ente: (EnteId, String), id: i64, shown: ItemState) -> impl IntoView {
    let lang = use_lang();
    let changed = RwSignal::new(false);
    let (ente_id, ente) = ente;
    let href = crate::social::paths::item_path(&ente, id);
    use_live(vec![Topic::Plan(ente_id).key()], move |event| {
        if event.subject != id {
            return;
        }
        let ente = ente.clone();
        leptos::task::spawn_local(async move {
            if let Ok(now) = load_item(ente, Some(id), None).await {
                changed.set(now.state != shown);
            }
        });
    });
    view! {
        <div class="piazza-item-changed" aria-live="polite">
            {move || changed.get().then(|| view! {
                <div class="alert alert-info">
                    {lang.t(T::EditorialItemChanged)} " "
                    <a href=href.clone() rel="external">{lang.t(T::EditorialItemReload)}</a>
                </div>
            })}
        </div>
    }
}

/// One channel's text, with its live counter and the channel's limit.
#[component]
fn ChannelText(text: TextBox, errors: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    let channel = text.channel.clone();
    let platform = channel.platform;
    let limit = channel.limit();
    let name = format!("texts[{}]", channel.id);
    let id = field_id("item", &name);
    let counter_id = format!("{id}-count");
    let error_id = format!("{id}-error");
    let count = RwSignal::new(platform.measure(&text.body));
    let over = move || limit.is_some_and(|l| count.get() > l);
    let channel_name = channel.name.clone();
    let field = name.clone();
    let problem = move || {
        let live = limit.filter(|_| over()).map(|l| {
            lang.tf(
                T::EditorialTooLongLive,
                &[
                    ("channel", channel_name.as_str()),
                    ("n", &lang.number(l as i64)),
                    ("over", &lang.number((count.get() - l) as i64)),
                ],
            )
        });
        live.or_else(|| errors.get().and_then(|e| e.field_message(&field, lang)))
    };
    let has_problem = {
        let problem = problem.clone();
        move || problem().is_some()
    };
    let invalid = has_problem.clone();
    let counter = move || match limit {
        Some(l) => lang.tf(
            T::EditorialCounter,
            &[
                ("count", &lang.number(count.get() as i64)),
                ("n", &lang.number(l as i64)),
            ],
        ),
        None => lang.tf(
            T::EditorialCounterNoLimit,
            &[("count", &lang.number(count.get() as i64))],
        ),
    };
    view! {
        <div class="form-group piazza-field piazza-channel-text" data-platform=platform.code()>
            <label for=id.clone() class="active">
                {channel.name.clone()} " "
                <span class="text-muted small">"(" {lang.t(platform.label())} ")"</span>
            </label>
            <textarea id=id name=name class="form-control" rows=4
                class:is-invalid=has_problem
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=format!("{counter_id} {error_id}")
                on:input=move |ev| count.set(platform.measure(&event_target_value(&ev)))
            >{crate::text::raw_text(&text.body)}</textarea>
            <small id=counter_id class="form-text piazza-counter" class:text-danger=over>{counter}</small>
            <div id=error_id class="invalid-feedback d-block" aria-live="polite">{problem}</div>
        </div>
    }
}

/// A step of the review, as its own small form (its own errors).
#[component]
fn StepForm(ente: String, id: i64, step: Step) -> impl IntoView {
    let action = ServerAction::<TakeStep>::new();
    let errors = action_error(action);
    follow_destination(action);
    let form: &'static str = step.code();
    let class = match step {
        Step::Approve | Step::Submit | Step::Publish => "btn btn-primary",
        Step::Drop => "btn btn-outline-danger",
        _ => "btn btn-outline-primary",
    };
    view! {
        <ActionForm action attr:class="piazza-form piazza-step mb-3" attr:novalidate=true attr:data-step=step.code()>
            <ErrorSummary form errors/>
            <input type="hidden" name="ente" value=ente/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="step" value=step.code()/>
            {match step {
                Step::Return => view! { <TextArea form name="note" label=T::EditorialReturnNote required=true maxlength=2000 rows=2 errors/> }.into_any(),
                Step::Drop => view! { <TextArea form name="note" label=T::EditorialDropNote required=true maxlength=2000 rows=2 errors/> }.into_any(),
                Step::Approve => view! { <TextArea form name="note" label=T::EditorialApproveNote maxlength=2000 rows=2 errors/> }.into_any(),
                Step::Publish => view! { <Field form name="link" kind="url" label=T::EditorialPublishedLink required=true maxlength=500 errors/> }.into_any(),
                _ => ().into_any(),
            }}
            <Submit action label=step.label() class/>
        </ActionForm>
    }
}

fn timeline_entry(lang: crate::i18n::Lang, n: NoteView) -> impl IntoView {
    let change = match (n.from, n.to) {
        (Some(from), Some(to)) => Some(lang.tf(
            T::EditorialTimelineStep,
            &[("from", lang.t(from.label())), ("to", lang.t(to.label()))],
        )),
        _ => None,
    };
    view! {
        <li class="piazza-note mb-3">
            <div class="small"><strong>{n.author}</strong> " · " {n.at}</div>
            {change.map(|c| view! { <div class="small fst-italic">{c}</div> })}
            {(!n.body.is_empty()).then(|| view! { <p class="mb-0 piazza-note-body">{n.body}</p> })}
        </li>
    }
}

/// The item's images, and (while it may change) the form that adds one.
#[component]
fn Images(item: ItemPage, id: i64, editable: bool) -> impl IntoView {
    let lang = use_lang();
    let remove = ServerAction::<RemoveImage>::new();
    follow_destination(remove);
    let added = query_flag("immagine");
    let problem = query_value("errore");
    let ente = item.ente_slug.clone();
    let full = item.images.len() as i64 >= crate::social::plan::model::MAX_IMAGES;
    view! {
        <section aria-labelledby="immagini-title" id="immagini" class="mt-4">
            <h2 id="immagini-title" class="h4">{lang.t(T::EditorialImages)}</h2>
            {move || added.get().then(|| view! { <Notice text=T::EditorialImageAdded/> })}
            {move || {
                let code = problem.get();
                match code.as_str() {
                    "pieno" => Some(T::EditorialMediaFull),
                    "approvato" => Some(T::EditorialNotEditable),
                    c => crate::upload::model::problem_of(c),
                }
            }.map(|t| view! {
                <div class="alert alert-danger" role="alert">{lang.t(t)}</div>
            })}
            {if item.images.is_empty() {
                view! { <p>{lang.t(T::EditorialNoImages)}</p> }.into_any()
            } else {
                view! {
                    <ul class="list-unstyled d-flex flex-wrap gap-3 piazza-item-images">
                        {item.images.clone().into_iter().map(|(position, f)| {
                            let ente = ente.clone();
                            view! {
                                <li class="piazza-item-image">
                                    <img src=f.url() alt=f.label.clone() class="piazza-cover-preview"/>
                                    <p class="small mb-1">{f.label.clone()}</p>
                                    {editable.then(|| view! {
                                        <ActionForm action=remove>
                                            <input type="hidden" name="ente" value=ente/>
                                            <input type="hidden" name="id" value=id/>
                                            <input type="hidden" name="position" value=position/>
                                            <button type="submit" class="btn btn-sm btn-outline-danger">
                                                {lang.t(T::EditorialImageRemove)}
                                                <span class="visually-hidden">": " {f.label.clone()}</span>
                                            </button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(editable && !full).then(|| view! {
                <ImageForm action=format!("{}/immagini", crate::social::paths::item_path(&ente, id))
                    prefix="image" submit=T::EditorialImageAdd help=T::EditorialImagesHelp/>
            })}
        </section>
    }
}

#[component]
fn ItemEditor(item: ItemPage) -> impl IntoView {
    let lang = use_lang();
    let ente = item.ente_slug.clone();
    let save = ServerAction::<SaveItem>::new();
    let errors = action_error(save);
    follow_destination(save);
    let comment = ServerAction::<CommentItem>::new();
    let comment_errors = action_error(comment);
    follow_destination(comment);
    let saved = query_flag("salvato");
    let editable = item.state.editable();
    let title = if item.id.is_some() {
        item.title.clone()
    } else {
        lang.t(T::EditorialNew).to_string()
    };
    let repeat_options: Vec<(String, String)> = Repeat::ALL
        .iter()
        .map(|r| (r.code().to_string(), lang.t(r.label()).to_string()))
        .collect();
    let labels: Vec<(String, String)> = item
        .texts
        .iter()
        .map(|t| (format!("texts[{}]", t.channel.id), t.channel.name.clone()))
        .collect();
    let no_channels = item.texts.is_empty();
    let form = editable.then(|| {
        let item = item.clone();
        view! {
            <ActionForm action=save attr:class="piazza-form piazza-item-form" attr:novalidate=true>
                <ErrorSummary form="item" errors labels/>
                <input type="hidden" name="ente" value=item.ente_slug.clone()/>
                {item.id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field form="item" name="title" label=T::EditorialItemTitle required=true maxlength=200 errors value=item.title.clone() help=T::EditorialItemTitleHelp/>
                <div class="row">
                    <div class="col-12 col-md-6">
                        <Field form="item" name="planned" kind="datetime-local" label=T::EditorialPlanned required=true errors value=item.planned_input.clone()/>
                    </div>
                    <div class="col-12 col-md-6">
                        <Field form="item" name="due" kind="date" label=T::EditorialDue errors value=item.due_input.clone() help=T::EditorialDueHelp/>
                    </div>
                </div>
                <div class="form-group piazza-field">
                    <label for="item-campaign" class="active">{lang.t(T::EditorialCampaign)}</label>
                    <input id="item-campaign" name="campaign" class="form-control" maxlength="100" list="item-campaigns" value=item.campaign.clone()/>
                    <datalist id="item-campaigns">
                        {item.campaigns.iter().map(|c| view! { <option value=c.clone()></option> }).collect_view()}
                    </datalist>
                </div>
                <fieldset class="mb-3">
                    <legend class="h5">{lang.t(T::EditorialTexts)}</legend>
                    <p class="small" id="item-texts">{lang.t(T::EditorialTextsHelp)}</p>
                    <div class="invalid-feedback d-block" aria-live="polite">
                        {move || errors.get().and_then(|e| e.field_message("texts", lang))}
                    </div>
                    {item.texts.iter().cloned().map(|t| view! { <ChannelText text=t errors/> }).collect_view()}
                </fieldset>
                <TextArea form="item" name="media" label=T::EditorialMedia maxlength=2000 rows=2 errors value=item.media.clone() help=T::EditorialMediaHelp/>
                {item.id.is_none().then(|| view! {
                    <div class="row">
                        <div class="col-12 col-md-6">
                            <SelectField form="item" name="repeat" label=T::EditorialRepeat errors options=repeat_options.clone()/>
                        </div>
                        <div class="col-12 col-md-6">
                            <Field form="item" name="until" kind="date" label=T::EditorialUntil errors help=T::EditorialUntilHelp/>
                        </div>
                    </div>
                })}
                <Submit action=save label=T::EditorialSave/>
            </ActionForm>
        }
    });
    let read_only = (!editable).then(|| {
        let texts: Vec<TextBox> = item.texts.iter().filter(|t| !t.body.is_empty()).cloned().collect();
        view! {
            <p class="alert alert-info" role="status">{lang.t(T::EditorialLocked)}</p>
            <dl class="piazza-item-facts">
                <dt>{lang.t(T::EditorialPlanned)}</dt><dd>{item.planned_label.clone()}</dd>
                {(!item.campaign.is_empty()).then(|| view! { <dt>{lang.t(T::EditorialCampaign)}</dt><dd>{item.campaign.clone()}</dd> })}
                {(!item.media.is_empty()).then(|| view! { <dt>{lang.t(T::EditorialMedia)}</dt><dd class="piazza-note-body">{item.media.clone()}</dd> })}
            </dl>
            {texts.into_iter().map(|t| {
                let n = t.channel.platform.measure(&t.body);
                view! {
                    <section class="card card-bg mb-3 piazza-channel-copy">
                        <div class="card-body">
                            <h3 class="h6">{t.channel.name.clone()} " " <span class="text-muted small">"(" {lang.t(t.channel.platform.label())} ")"</span></h3>
                            <p class="piazza-note-body mb-1">{t.body}</p>
                            <small>{lang.tf(T::EditorialCounterNoLimit, &[("count", &lang.number(n as i64))])}</small>
                        </div>
                    </section>
                }
            }).collect_view()}
        }
    });
    let images = item
        .id
        .map(|id| view! { <Images item=item.clone() id editable/> });
    let steps = item.id.map(|id| {
        let ente = ente.clone();
        view! {
            <section aria-labelledby="item-steps" class="mt-4">
                <h2 id="item-steps" class="h4">{lang.t(T::EditorialSteps)}</h2>
                {(item.mine && item.state == ItemState::Review).then(|| view! {
                    <p class="small">{lang.t(T::EditorialOwnApprovalHelp)}</p>
                })}
                {if item.steps.is_empty() {
                    view! { <p>{lang.t(T::EditorialNoSteps)}</p> }.into_any()
                } else {
                    item.steps.iter().map(|s| view! { <StepForm ente=ente.clone() id step=*s/> }).collect_view().into_any()
                }}
            </section>
        }
    });
    let timeline = item.id.map(|id| {
        let ente = ente.clone();
        let notes = item.notes.clone();
        view! {
            <section aria-labelledby="cronologia-title" id="cronologia" class="mt-4">
                <h2 id="cronologia-title" class="h4">{lang.t(T::EditorialTimeline)}</h2>
                {if notes.is_empty() {
                    view! { <p>{lang.t(T::EditorialTimelineEmpty)}</p> }.into_any()
                } else {
                    view! { <ol class="list-unstyled">{notes.into_iter().map(|n| timeline_entry(lang, n)).collect_view()}</ol> }.into_any()
                }}
                <ActionForm action=comment attr:class="piazza-form" attr:novalidate=true>
                    <ErrorSummary form="comment" errors=comment_errors/>
                    <input type="hidden" name="ente" value=ente.clone()/>
                    <input type="hidden" name="id" value=id/>
                    <TextArea form="comment" name="body" label=T::EditorialComment required=true maxlength=2000 rows=2 errors=comment_errors/>
                    <Submit action=comment label=T::EditorialCommentSend class="btn btn-outline-primary"/>
                </ActionForm>
            </section>
        }
    });
    view! {
        <WorkShell place=item.ente_name.clone() title=title.clone() links=links(lang, &ente)>
            <p class="mb-1"><a href=plan_path(&ente)>{lang.t(T::EditorialTitle)}</a></p>
            <h1 class="mb-2">{title}</h1>
            {item.id.map(|id| view! { <ItemChanged ente=(item.ente_id, ente.clone()) id shown=item.state/> })}
            {item.id.is_some().then(|| view! {
                <p>
                    <span class=item.state.badge()>{lang.t(item.state.label())}</span> " "
                    {lang.tf(T::EditorialBy, &[("name", &item.author)])}
                    {(!item.approved_by.is_empty()).then(|| format!(" · {}", lang.tf(T::EditorialApprovedBy, &[("name", &item.approved_by)])))}
                    {(!item.published_url.is_empty()).then(|| view! {
                        " · " <a href=item.published_url.clone() rel="noopener noreferrer">{lang.t(T::EditorialSeePublished)}</a>
                    })}
                </p>
            })}
            {item.source.clone().map(|(label, href)| view! {
                <p class="small">{lang.t(T::EditorialFromSite)} " " <a href=href>{label}</a></p>
            })}
            {move || saved.get().then(|| view! { <Notice text=T::EditorialSaved/> })}
            {no_channels.then(|| view! {
                <div class="alert alert-warning" role="status">
                    {lang.t(T::ChannelsNoneYet)} " "
                    <a href=format!("/gestione/{}/social/canali", item.ente_slug)>{lang.t(T::ChannelsAdd)}</a>
                </div>
            })}
            {form}
            {read_only}
            {images}
            {steps}
            {(!item.series.is_empty()).then(|| view! {
                <section aria-labelledby="item-series" class="mt-4">
                    <h2 id="item-series" class="h5">{lang.t(T::EditorialSeries)}</h2>
                    <ul>
                        {item.series.iter().map(|(id, when)| view! {
                            <li><a href=crate::social::paths::item_path(&item.ente_slug, *id)>{when.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {timeline}
        </WorkShell>
    }
}
