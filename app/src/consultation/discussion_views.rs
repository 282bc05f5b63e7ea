//! The text in discussion on the public page (paragraphs, comments, supports,
//! reports) and the operators' "Testo e commenti" tab (the text, answers, hiding).
//! Every form posts without JavaScript; with it, the page reloads its data in place.

use super::discussion::{
    CommentStatus, CommentView, DiscussionState, Moderation, ParagraphView, ReportReason,
    COMMENT_MAX_CHARS,
};
use super::discussion_server::{
    load_moderation, AddComment, HideComment, ReplyComment, ReportComment, SaveText, SupportComment,
};
use crate::components::form::{action_error, successes, ErrorSummary, Notice, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::{login_href, query_flag, query_value};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang, T};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The participants' actions; the public page reloads when one of them is done.
#[derive(Clone, Copy)]
pub struct PublicActions {
    pub comment: ServerAction<AddComment>,
    pub support: ServerAction<SupportComment>,
    pub report: ServerAction<ReportComment>,
    done: [Signal<usize>; 3],
}

impl PublicActions {
    pub fn new() -> PublicActions {
        let (comment, support, report) = (
            ServerAction::new(),
            ServerAction::new(),
            ServerAction::new(),
        );
        PublicActions {
            done: [successes(comment), successes(support), successes(report)],
            comment,
            support,
            report,
        }
    }

    /// Changes so far (successful submissions).
    pub fn version(&self) -> usize {
        self.done.iter().map(|s| s.get()).sum()
    }
}

impl Default for PublicActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The error of `errors` when it belongs to the form of `id` (the one last used).
fn errors_for(
    errors: Signal<Option<AppError>>,
    active: RwSignal<i64>,
    id: i64,
) -> Signal<Option<AppError>> {
    Signal::derive(move || errors.get().filter(|_| active.get() == id))
}

/// The message of one field's problem, under the field.
fn field_problem(
    errors: Signal<Option<AppError>>,
    field: &'static str,
    id: String,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        errors.get().and_then(|e| e.field_message(field, lang)).map(|m| {
            view! { <div id=id.clone() class="form-feedback just-validate-error-label piazza-field-error">{m}</div> }
        })
    }
}

fn status_badge(lang: Lang, status: CommentStatus) -> impl IntoView {
    let class = match status {
        CommentStatus::Open => "badge bg-secondary",
        CommentStatus::Accepted => "badge bg-success",
        CommentStatus::Rejected => "badge bg-danger",
    };
    view! { <span class=class>{lang.t(status.label())}</span> }
}

fn paragraph_title(lang: Lang, p: &ParagraphView) -> String {
    if p.heading.is_empty() {
        lang.tf(T::DiscussionParagraph, &[("n", &p.position.to_string())])
    } else {
        p.heading.clone()
    }
}

fn lines(text: &str) -> impl IntoView {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p class="piazza-pre-line">{p.to_string()}</p> })
        .collect_view()
}

/// The text in discussion on the public page of a consultation.
#[component]
pub fn DiscussionSection(
    paragraphs: Vec<ParagraphView>,
    state: DiscussionState,
    ente: String,
    slug: String,
    actions: PublicActions,
) -> impl IntoView {
    let lang = use_lang();
    let here = format!("/{ente}/consultazioni/{slug}");
    let open = state == DiscussionState::Open;
    let active = RwSignal::new(0_i64);
    let reported = query_value("segnalato");
    let note = match state {
        DiscussionState::Open => view! { <p>{lang.t(T::DiscussionIntro)}</p> }.into_any(),
        DiscussionState::SignIn => view! {
            <div class="alert alert-info" role="status">
                <p>{lang.t(T::DiscussionSignIn)}</p>
                <a class="btn btn-outline-primary btn-sm" href=login_href(&here)>{lang.t(T::HeaderLogin)}</a>
            </div>
        }
        .into_any(),
        DiscussionState::Verify => view! { <p class="alert alert-warning">{lang.t(T::ErrorEmailNotVerified)}</p> }.into_any(),
        DiscussionState::Refused(t) => view! { <p class="alert alert-warning">{lang.t(t)}</p> }.into_any(),
        DiscussionState::Closed => view! { <p>{lang.t(T::DiscussionClosed)}</p> }.into_any(),
    };
    let support_errors = action_error(actions.support);
    let report_errors = action_error(actions.report);
    let comment_errors = action_error(actions.comment);
    view! {
        <section aria-labelledby="discussion-title" class="mb-5 piazza-discussion">
            <h2 id="discussion-title" class="h3">{lang.t(T::DiscussionTitle)}</h2>
            {note}
            <ErrorSummary form="support" errors=support_errors/>
            {paragraphs.into_iter().map(|p| {
                let title = paragraph_title(lang, &p);
                let title_id = format!("paragrafo-{}-titolo", p.position);
                let count = p.comments.len();
                let pid = p.id;
                let errors = errors_for(comment_errors, active, pid);
                let field = format!("commento-p{pid}");
                let (ente, slug) = (ente.clone(), slug.clone());
                // After a comment is published here, the form empties and closes (the
                // page's data reloads into the same elements, which keep their state).
                let form_ref = NodeRef::<leptos::html::Form>::new();
                let details_ref = NodeRef::<leptos::html::Details>::new();
                Effect::new(move |_| {
                    if matches!(actions.comment.value().get(), Some(Ok(_))) && active.get_untracked() == pid {
                        if let Some(form) = form_ref.get_untracked() {
                            form.reset();
                        }
                        if let Some(details) = details_ref.get_untracked() {
                            details.set_open(false);
                        }
                    }
                });
                view! {
                    <article class="piazza-paragraph card card-bg mb-4" id=format!("paragrafo-{}", p.position) aria-labelledby=title_id.clone()>
                        <div class="card-body">
                            <h3 id=title_id.clone() class="h5">{title}</h3>
                            <div class="piazza-paragraph-text">{lines(&p.body)}</div>
                            <h4 class="h6 mt-3">{lang.tf(T::DiscussionComments, &[("count", &count.to_string())])}</h4>
                            {if p.comments.is_empty() {
                                view! { <p class="small text-muted">{lang.t(T::DiscussionNoComments)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="list-unstyled piazza-comments">
                                        {p.comments.into_iter().map(|c| view! {
                                            <PublicComment c open ente=ente.clone() slug=slug.clone() actions active reported report_errors/>
                                        }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                            {open.then(|| view! {
                                <details class="piazza-comment-form mt-3" node_ref=details_ref on:focusin=move |_| active.set(pid)>
                                    <summary class="btn btn-outline-primary btn-sm">{lang.t(T::DiscussionCommentOn)}</summary>
                                    <ActionForm action=actions.comment node_ref=form_ref attr:class="piazza-form mt-3" attr:novalidate=true>
                                        <ErrorSummary form="comment" errors/>
                                        <input type="hidden" name="ente" value=ente.clone()/>
                                        <input type="hidden" name="slug" value=slug.clone()/>
                                        <input type="hidden" name="paragraph" value=pid.to_string()/>
                                        <div class="form-group">
                                            <label for=field.clone() class="active">{lang.t(T::DiscussionYourComment)}</label>
                                            <textarea id=field.clone() name="body" class="form-control" rows="4" required
                                                maxlength=COMMENT_MAX_CHARS.to_string()
                                                aria-describedby=format!("{field}-help {field}-error")></textarea>
                                            <small id=format!("{field}-help") class="form-text">{lang.t(T::DiscussionCommentHelp)}</small>
                                            {field_problem(errors, "body", format!("{field}-error"))}
                                        </div>
                                        <Submit action=actions.comment label=T::DiscussionSend/>
                                    </ActionForm>
                                </details>
                            })}
                        </div>
                    </article>
                }
            }).collect_view()}
        </section>
    }
}

#[component]
fn PublicComment(
    c: CommentView,
    open: bool,
    ente: String,
    slug: String,
    actions: PublicActions,
    active: RwSignal<i64>,
    reported: Signal<String>,
    report_errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = c.id;
    if c.hidden {
        return view! {
            <li class="piazza-comment piazza-comment-hidden" id=format!("commento-{id}")>
                <p class="fst-italic text-muted mb-0">{lang.tf(T::DiscussionHiddenNote, &[("reason", &c.hidden_reason)])}</p>
            </li>
        }
        .into_any();
    }
    let errors = errors_for(report_errors, active, id);
    let just_reported = move || reported.get() == id.to_string();
    let reasons: Vec<(String, String)> = ReportReason::ALL
        .iter()
        .map(|r| (r.code().to_string(), lang.t(r.label()).to_string()))
        .collect();
    let may_act = !c.mine && !ente.is_empty();
    let (ente2, slug2) = (ente.clone(), slug.clone());
    view! {
        <li class="piazza-comment" id=format!("commento-{id}")>
            <p class="small mb-1">
                <strong>{c.author.clone()}</strong>
                {c.mine.then(|| view! { " " {lang.t(T::DiscussionYou)} })}
                " · " {c.at.clone()} " "
                {status_badge(lang, c.status)}
            </p>
            <p class="piazza-pre-line mb-2">{c.body.clone()}</p>
            {(!c.reply.is_empty()).then(|| view! {
                <div class="piazza-reply mb-2">
                    <p class="small fw-semibold mb-1">{lang.tf(T::DiscussionAnswer, &[("date", &c.replied_at)])}</p>
                    <p class="piazza-pre-line mb-0">{c.reply.clone()}</p>
                </div>
            })}
            <div class="d-flex flex-wrap gap-2 align-items-center">
                <span class="small">{lang.tf(T::DiscussionSupports, &[("count", &c.supports.to_string())])}</span>
                {(open && may_act).then(|| view! {
                    <ActionForm action=actions.support>
                        <input type="hidden" name="ente" value=ente.clone()/>
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <input type="hidden" name="comment" value=id.to_string()/>
                        <button type="submit" class="btn btn-outline-primary btn-xs" aria-pressed=c.supported.to_string()>
                            {lang.t(if c.supported { T::DiscussionUnsupport } else { T::DiscussionSupport })}
                        </button>
                    </ActionForm>
                })}
            </div>
            {move || (c.reported || just_reported()).then(|| view! {
                <p class="small text-muted mt-1 mb-0" role="status">{lang.t(T::DiscussionReported)}</p>
            })}
            {(may_act && !c.reported && open).then(|| {
                let (ente, slug) = (ente2.clone(), slug2.clone());
                let reasons = reasons.clone();
                view! {
                    <details class="piazza-report mt-1" hidden=just_reported on:focusin=move |_| active.set(id)>
                        <summary class="small">{lang.t(T::DiscussionReport)}</summary>
                        <ActionForm action=actions.report attr:class="piazza-form mt-2" attr:novalidate=true>
                            <ErrorSummary form="report" errors/>
                            <input type="hidden" name="ente" value=ente/>
                            <input type="hidden" name="slug" value=slug/>
                            <input type="hidden" name="comment" value=id.to_string()/>
                            <div class="select-wrapper mb-3">
                                <label for=format!("report-{id}-reason")>{lang.t(T::DiscussionReportReason)}</label>
                                <select id=format!("report-{id}-reason") name="reason" class="form-select">
                                    {reasons.into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="form-group">
                                <label for=format!("report-{id}-note") class="active">{lang.t(T::DiscussionReportNote)}</label>
                                <textarea id=format!("report-{id}-note") name="note" class="form-control" rows="2" maxlength="3000"></textarea>
                            </div>
                            <Submit action=actions.report label=T::DiscussionReportSend class="btn btn-outline-danger btn-sm"/>
                        </ActionForm>
                    </details>
                }
            })}
        </li>
    }
    .into_any()
}

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

pub type ModerationResource = Resource<Result<Option<Moderation>, AppError>>;

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
                    <textarea id="text-text" name="text" class="form-control font-monospace" rows="16" aria-describedby="text-text-help text-text-error">{m.text.clone()}</textarea>
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
                                    aria-describedby=format!("{reply_id}-error")>{c.reply.clone()}</textarea>
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
