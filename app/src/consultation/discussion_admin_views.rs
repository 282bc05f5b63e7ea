//! The operators' side of a text in discussion (the tab "Testo e commenti"): every
//! comment with its status, the answer to it, hiding and showing again.

use super::discussion::{CommentStatus, CommentView, Moderation};
use super::discussion_server::{load_moderation, HideComment, ReplyComment, SaveText};
use super::discussion_views::{
    errors_for, field_problem, paragraph_title, status_badge, ModerationResource,
};
use crate::components::form::{action_error, successes, ErrorSummary, Notice, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::{query_flag, query_value};
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The operators' actions on the text tab.
#[derive(Clone, Copy)]
pub struct AdminActions {
    pub text: ServerAction<SaveText>,
    pub reply: ServerAction<ReplyComment>,
    pub hide: ServerAction<HideComment>,
    done: [Signal<usize>; 3],
}

impl AdminActions {
    pub fn new() -> AdminActions {
        let (text, reply, hide) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        AdminActions {
            done: [successes(text), successes(reply), successes(hide)],
            text,
            reply,
            hide,
        }
    }

    /// Changes so far (successful submissions).
    pub fn version(&self) -> usize {
        self.done.iter().map(|s| s.get()).sum()
    }
}

impl Default for AdminActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The tab's data, loaded only on the tab, again after each of its actions.
pub fn moderation_resource(
    key: impl Fn() -> (String, String) + Send + Sync + 'static,
    actions: AdminActions,
) -> ModerationResource {
    let tab = query_value("scheda");
    Resource::new(
        move || (key(), tab.get(), actions.version()),
        |((ente, slug), tab, _)| async move {
            if tab != "testo" {
                return Ok(None);
            }
            load_moderation(ente, slug).await.map(Some)
        },
    )
}

#[component]
pub fn TextTab(
    moderation: ModerationResource,
    actions: AdminActions,
    ente: String,
    slug: String,
) -> impl IntoView {
    resource_page(moderation, move |m| {
        m.map(|m| view! { <TextTabView m actions ente=ente.clone() slug=slug.clone()/> })
    })
}

#[component]
fn TextTabView(m: Moderation, actions: AdminActions, ente: String, slug: String) -> impl IntoView {
    let lang = use_lang();
    let text_errors = action_error(actions.text);
    let saved = query_flag("salvato");
    let done = crate::components::form::action_done(actions.text);
    let all: Vec<&CommentView> = m
        .paragraphs
        .iter()
        .flat_map(|p| p.comments.iter())
        .collect();
    let counts = lang.tf(
        T::DiscussionCounts,
        &[
            ("total", &all.len().to_string()),
            (
                "open",
                &all.iter()
                    .filter(|c| c.status == CommentStatus::Open)
                    .count()
                    .to_string(),
            ),
            (
                "reported",
                &all.iter().filter(|c| c.reports > 0).count().to_string(),
            ),
            (
                "hidden",
                &all.iter().filter(|c| c.hidden).count().to_string(),
            ),
        ],
    );
    let active = RwSignal::new(0_i64);
    let reply_errors = action_error(actions.reply);
    let hide_errors = action_error(actions.hide);
    let editor = if m.locked {
        view! { <Notice text=T::DiscussionLocked kind="info"/> }.into_any()
    } else {
        let (ente, slug) = (ente.clone(), slug.clone());
        view! {
            <ActionForm action=actions.text attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="text" errors=text_errors/>
                <input type="hidden" name="ente" value=ente/>
                <input type="hidden" name="slug" value=slug/>
                <div class="form-group">
                    <label for="text-text" class="active">{lang.t(T::DiscussionTextField)}</label>
                    <textarea id="text-text" name="text" class="form-control font-monospace" rows="16" aria-describedby="text-text-help text-text-error">{crate::text::raw_text(&m.text.clone())}</textarea>
                    <small id="text-text-help" class="form-text">{lang.t(T::DiscussionTextHelp)}</small>
                    {field_problem(text_errors, "text", "text-text-error".into())}
                </div>
                <Submit action=actions.text label=T::DiscussionSave/>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        {move || (saved.get() || done.get()).then(|| view! { <Notice text=T::DiscussionSaved/> })}
        <section class="mb-5" aria-labelledby="text-title">
            <h2 id="text-title" class="h4">{lang.t(T::DiscussionTextField)}</h2>
            {editor}
        </section>
        <section aria-labelledby="moderation-title" class="piazza-moderation">
            <h2 id="moderation-title" class="h4">{lang.t(T::DiscussionModerationTitle)}</h2>
            <p>{counts}</p>
            {all.is_empty().then(|| view! { <p class="text-muted">{lang.t(T::DiscussionNoneYet)}</p> })}
            {m.paragraphs.iter().filter(|p| !p.comments.is_empty()).map(|p| {
                let title = paragraph_title(lang, p);
                view! {
                    <h3 class="h5 mt-4">{title}</h3>
                    <ul class="list-unstyled">
                        {p.comments.iter().cloned().map(|c| view! {
                            <AdminComment c actions ente=ente.clone() slug=slug.clone() active reply_errors hide_errors/>
                        }).collect_view()}
                    </ul>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn AdminComment(
    c: CommentView,
    actions: AdminActions,
    ente: String,
    slug: String,
    active: RwSignal<i64>,
    reply_errors: Signal<Option<AppError>>,
    hide_errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = c.id;
    let reply_errors = errors_for(reply_errors, active, id);
    let hide_errors = errors_for(hide_errors, active, id);
    let statuses: Vec<(String, String, bool)> = CommentStatus::ALL
        .iter()
        .map(|s| {
            (
                s.code().to_string(),
                lang.t(s.label()).to_string(),
                *s == c.status,
            )
        })
        .collect();
    let (ente2, slug2) = (ente.clone(), slug.clone());
    let reply_id = format!("reply-{id}-text");
    let hide_id = format!("hide-{id}-reason");
    view! {
        <li class="piazza-comment card card-bg mb-3" id=format!("commento-{id}") on:focusin=move |_| active.set(id)>
            <div class="card-body">
                <p class="small mb-1">
                    <strong>{c.author.clone()}</strong> " · " {c.at.clone()} " "
                    {status_badge(lang, c.status)} " "
                    {c.hidden.then(|| view! { <span class="badge bg-dark">{lang.t(T::DiscussionHiddenBadge)}</span> })}
                </p>
                <p class="piazza-pre-line">{c.body.clone()}</p>
                <p class="small">
                    {lang.tf(T::DiscussionSupports, &[("count", &c.supports.to_string())])} " · "
                    {lang.tf(T::DiscussionReports, &[("count", &c.reports.to_string())])}
                    {(!c.report_reasons.is_empty()).then(|| {
                        let reasons = c.report_reasons.iter().map(|(r, n)| format!("{} ({n})", lang.t(r.label()))).collect::<Vec<_>>().join(", ");
                        view! { " — " {reasons} }
                    })}
                </p>
                <div class="row">
                    <div class="col-12 col-lg-7">
                        <ActionForm action=actions.reply attr:class="piazza-form" attr:novalidate=true>
                            <ErrorSummary form="reply" errors=reply_errors/>
                            <input type="hidden" name="ente" value=ente.clone()/>
                            <input type="hidden" name="slug" value=slug.clone()/>
                            <input type="hidden" name="comment" value=id.to_string()/>
                            <div class="select-wrapper mb-4">
                                <label for=format!("reply-{id}-status")>{lang.t(T::DiscussionDecision)}</label>
                                <select id=format!("reply-{id}-status") name="status" class="form-select">
                                    {statuses.into_iter().map(|(code, label, selected)| view! { <option value=code selected=selected>{label}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="form-group">
                                <label for=reply_id.clone() class="active">{lang.t(T::DiscussionReplyField)}</label>
                                <textarea id=reply_id.clone() name="reply" class="form-control" rows="3" maxlength="3000"
                                    aria-describedby=format!("{reply_id}-error")>{crate::text::raw_text(&c.reply.clone())}</textarea>
                                {field_problem(reply_errors, "reply", format!("{reply_id}-error"))}
                            </div>
                            <Submit action=actions.reply label=T::DiscussionReplySend class="btn btn-primary btn-sm"/>
                        </ActionForm>
                    </div>
                    <div class="col-12 col-lg-5">
                        <ActionForm action=actions.hide attr:class="piazza-form" attr:novalidate=true>
                            <ErrorSummary form="hide" errors=hide_errors/>
                            <input type="hidden" name="ente" value=ente2.clone()/>
                            <input type="hidden" name="slug" value=slug2.clone()/>
                            <input type="hidden" name="comment" value=id.to_string()/>
                            {if c.hidden {
                                view! {
                                    <input type="hidden" name="to" value="mostra"/>
                                    <p class="small">{lang.tf(T::DiscussionHiddenNote, &[("reason", &c.hidden_reason)])}</p>
                                    <Submit action=actions.hide label=T::DiscussionShow class="btn btn-outline-primary btn-sm"/>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <input type="hidden" name="to" value="nascondi"/>
                                    <div class="form-group">
                                        <label for=hide_id.clone() class="active">{lang.t(T::DiscussionHideReason)}</label>
                                        <textarea id=hide_id.clone() name="reason" class="form-control" rows="2" maxlength="3000"
                                            aria-describedby=format!("{hide_id}-error")></textarea>
                                        {field_problem(hide_errors, "reason", format!("{hide_id}-error"))}
                                    </div>
                                    <Submit action=actions.hide label=T::DiscussionHide class="btn btn-outline-danger btn-sm"/>
                                }
                                .into_any()
                            }}
                        </ActionForm>
                    </div>
                </div>
            </div>
        </li>
    }
}
