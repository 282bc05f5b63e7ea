//! The text in discussion on the public page (paragraphs, comments, supports,
//! reports) and the operators' "Testo e commenti" tab (the text, answers, hiding).
//! Every form posts without JavaScript; with it, the page reloads its data in place.

use super::discussion::{
    CommentStatus, CommentView, DiscussionState, Moderation, ParagraphView, ReportReason,
    COMMENT_MAX_CHARS,
};
use super::discussion_server::{AddComment, ReportComment, SupportComment};
use crate::components::form::{action_error, successes, ErrorSummary, Submit};
use crate::components::nav::{login_href, query_value};
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
pub(crate) fn errors_for(
    errors: Signal<Option<AppError>>,
    active: RwSignal<i64>,
    id: i64,
) -> Signal<Option<AppError>> {
    Signal::derive(move || errors.get().filter(|_| active.get() == id))
}

/// The message of one field's problem, under the field.
pub(crate) fn field_problem(
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

pub(crate) fn status_badge(lang: Lang, status: CommentStatus) -> impl IntoView {
    let class = match status {
        CommentStatus::Open => "badge bg-secondary",
        CommentStatus::Accepted => "badge bg-success",
        CommentStatus::Rejected => "badge bg-danger",
    };
    view! { <span class=class>{lang.t(status.label())}</span> }
}

pub(crate) fn paragraph_title(lang: Lang, p: &ParagraphView) -> String {
    if p.heading.is_empty() {
        lang.tf(T::DiscussionParagraph, &[("n", &p.position.to_string())])
    } else {
        p.heading.clone()
    }
}

pub(crate) fn lines(text: &str) -> impl IntoView {
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

pub type ModerationResource = Resource<Result<Option<Moderation>, AppError>>;
