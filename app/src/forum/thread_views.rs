//! A thread: its posts a page at a time, reactions, quoting, flags, the answer
//! that solved it, tutors' tools (hide, approve, edit with a note; the thread's
//! own in `thread_tools`) and the reply box.

use super::model::*;
use super::post_box::PostBox;
use super::server::{load_thread, Decide, EditPost, FlagPost, React, Solve, ThreadState, Watch};
use super::thread_tools::ThreadTools;
use super::views::WatchButton;
use crate::community::frame::{CommunityFrame, Trail};
use crate::components::form::{action_error, successes, ErrorSummary, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::query_value;
use crate::components::table::Pager;
use crate::i18n::{use_lang, T};
use crate::upload::views::Preview;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Every action of the page; the page's data reloads after each success.
#[derive(Clone, Copy)]
struct Actions {
    react: ServerAction<React>,
    flag: ServerAction<FlagPost>,
    solve: ServerAction<Solve>,
    decide: ServerAction<Decide>,
    edit: ServerAction<EditPost>,
    watch: ServerAction<Watch>,
    state: ServerAction<ThreadState>,
}

/// `/comunita/{slug}/forum/t/{thread}`
#[component]
pub fn ThreadPageView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let thread = move || {
        params
            .read()
            .get("thread")
            .and_then(|t| t.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let page = query_value("page");
    let quote = query_value("quote");
    let a = Actions {
        react: ServerAction::new(),
        flag: ServerAction::new(),
        solve: ServerAction::new(),
        decide: ServerAction::new(),
        edit: ServerAction::new(),
        watch: ServerAction::new(),
        state: ServerAction::new(),
    };
    let done = [
        successes(a.react),
        successes(a.flag),
        successes(a.solve),
        successes(a.decide),
        successes(a.edit),
        successes(a.watch),
        successes(a.state),
    ];
    let version = move || done.iter().map(|s| s.get()).sum::<usize>();
    let data = Resource::new(
        move || {
            (
                slug(),
                thread(),
                page.get().parse::<i64>().ok(),
                quote.get().parse::<i64>().ok(),
                version(),
            )
        },
        |(s, t, p, q, _)| load_thread(s, t, p, q),
    );
    resource_page(data, move |data| view! { <ThreadView data a/> })
}

#[component]
fn ThreadView(data: ThreadPage, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let bar = data.bar.clone();
    let slug = bar.slug.clone();
    let t = data.thread.clone();
    let here = format!("/comunita/{slug}/forum/t/{}", t.id);
    let pages = data.posts.pages();
    let may_reply = bar.may_post && (!t.locked || bar.may_moderate) && t.merged_into.is_none();
    let flag_errors = action_error(a.flag);
    let decide_errors = action_error(a.decide);
    let edit_errors = action_error(a.edit);
    let react_errors = action_error(a.react);
    let solve_errors = action_error(a.solve);
    let may_solve = t.mine || bar.may_moderate;
    let posts = data.posts.items.clone();
    view! {
        <CommunityFrame bar=bar.clone() title=t.title.clone()>
            <Trail trail=vec![
                (forum_path(&slug), lang.t(T::ForumTitle).to_string()),
                (format!("/comunita/{slug}/forum/{}", t.category_slug), t.category_name.clone()),
            ] current=t.title.clone()/>
            <div class="d-flex flex-wrap align-items-center gap-2 mb-3">
                <h1 class="mb-0 me-2">{t.title.clone()}</h1>
                {t.pinned.then(|| view! { <span class="badge bg-primary">{lang.t(T::ForumPinned)}</span> })}
                {t.locked.then(|| view! { <span class="badge bg-secondary">{lang.t(T::ForumLocked)}</span> })}
                {t.solved.then(|| view! { <span class="badge bg-success">{lang.t(T::ForumSolved)}</span> })}
                <WatchButton action=a.watch community=slug.clone() thread=t.id watching=t.watching back=here.clone()/>
            </div>
            <ErrorSummary form="react" errors=react_errors/>
            <ErrorSummary form="solve" errors=solve_errors/>
            <ErrorSummary form="flag" errors=flag_errors/>
            <ErrorSummary form="decide" errors=decide_errors/>
            <ErrorSummary form="edit" errors=edit_errors/>
            {bar.may_moderate.then(|| view! {
                <ThreadTools slug=slug.clone() t=t.clone() categories=data.categories.clone() state=a.state/>
            })}
            {t.merged_into.clone().map(|(id, title)| view! {
                <div class="alert alert-info" role="status">
                    <p class="mb-1">{lang.tf(T::ForumMergedNotice, &[("title", &title)])}</p>
                    <a href=format!("/comunita/{slug}/forum/t/{id}")>{lang.t(T::ForumMergedOpen)}</a>
                </div>
            })}
            <h2 class="visually-hidden">{lang.t(T::ForumPosts)}</h2>
            <Pager page=data.posts.page pages base=here.clone()/>
            <ol class="list-unstyled piazza-posts">
                {posts.into_iter().map(|p| view! {
                    <PostItem p slug=slug.clone() thread=t.id a may_post=bar.may_post may_moderate=bar.may_moderate may_solve/>
                }).collect_view()}
            </ol>
            <Pager page=data.posts.page pages base=here.clone()/>
            {if may_reply {
                view! {
                    <section id="rispondi" class="mt-4" aria-labelledby="reply-title">
                        <h2 id="reply-title" class="h4">{lang.t(T::ForumReply)}</h2>
                        <PostBox action=format!("{here}/rispondi") community=slug.clone() thread=Some(t.id)
                            seen=data.posts.total title=None body=data.draft.clone() id="reply" submit=T::ForumSendReply/>
                    </section>
                }.into_any()
            } else if t.locked {
                view! { <p class="alert alert-info" role="status">{lang.t(T::ForumThreadLocked)}</p> }.into_any()
            } else {
                ().into_any()
            }}
        </CommunityFrame>
    }
}

#[component]
fn PostItem(
    p: PostView,
    slug: String,
    thread: i64,
    a: Actions,
    may_post: bool,
    may_moderate: bool,
    may_solve: bool,
) -> impl IntoView {
    let lang = use_lang();
    let anchor = format!("post-{}", p.number);
    let heading = format!("post-{}-author", p.number);
    let shown = !p.html.is_empty();
    let state_note = match p.state {
        PostState::Visible => None,
        PostState::Pending if p.held => Some(lang.t(T::ForumPostHeld).to_string()),
        PostState::Pending => Some(lang.t(T::ForumPostPending).to_string()),
        PostState::Hidden => Some(lang.tf(T::ForumPostHidden, &[("reason", &p.hidden_reason)])),
    };
    let quote_href = format!("/comunita/{slug}/forum/t/{thread}?quote={}#rispondi", p.id);
    let pid = p.id.to_string();
    let acts = may_post && p.state == PostState::Visible;
    view! {
        <li id=anchor class="card card-bg mb-3 piazza-post" class:piazza-post-solution=p.solution aria-labelledby=heading.clone()>
            <article class="card-body">
                <header class="d-flex flex-wrap align-items-baseline gap-2 mb-2">
                    <h3 id=heading.clone() class="h6 mb-0">{p.author.clone()}</h3>
                    {(!p.handle.is_empty()).then(|| view! { <span class="small text-muted">{format!("@{}", p.handle)}</span> })}
                    <span class="small">{format!("#{} · {}", p.number, p.at)}</span>
                    {p.solution.then(|| view! { <span class="badge bg-success">{lang.t(T::ForumSolution)}</span> })}
                    {(p.flags > 0).then(|| view! { <span class="badge bg-danger">{lang.tf(T::ForumFlagsCount, &[("count", &p.flags.to_string())])}</span> })}
                </header>
                {state_note.map(|n| view! { <p class="alert alert-warning py-2">{n}</p> })}
                {shown.then(|| view! { <div class="piazza-post-body" inner_html=p.html.clone()></div> })}
                {(!p.attachments.is_empty()).then(|| view! { <Attachments files=p.attachments.clone()/> })}
                {(!p.edit_note.is_empty()).then(|| view! {
                    <p class="small fst-italic piazza-edit-note">{lang.tf(T::ForumEditedNote, &[("note", &p.edit_note)])}</p>
                })}
                <div class="d-flex flex-wrap align-items-center gap-2 mt-2 piazza-post-actions">
                    {p.reactions_or_all().into_iter().map(|(kind, n, mine)| {
                        let (slug, pid) = (slug.clone(), pid.clone());
                        let label = lang.t(kind.label());
                        let given = mine;
                        view! {
                            <ActionForm action=a.react attr:class="d-inline">
                                <input type="hidden" name="community" value=slug.clone()/>
                                <input type="hidden" name="post" value=pid.clone()/>
                                <input type="hidden" name="kind" value=kind.code()/>
                                <button type="submit" class="btn btn-sm btn-outline-primary piazza-reaction"
                                    aria-pressed=if given { "true" } else { "false" }
                                    disabled=!acts || p.mine
                                    title=label>
                                    {format!("{label} · {n}")}
                                </button>
                            </ActionForm>
                        }
                    }).collect_view()}
                    {acts.then(|| view! { <a class="btn btn-sm btn-link" href=quote_href.clone()>{lang.t(T::ForumQuote)}</a> })}
                    {(may_solve && p.number > 1 && p.state == PostState::Visible).then(|| { let (slug, pid) = (slug.clone(), pid.clone()); view! {
                        <ActionForm action=a.solve attr:class="d-inline">
                            <input type="hidden" name="community" value=slug.clone()/>
                            <input type="hidden" name="post" value=pid.clone()/>
                            <button type="submit" class="btn btn-sm btn-outline-success">
                                {lang.t(if p.solution { T::ForumUnmarkSolution } else { T::ForumMarkSolution })}
                            </button>
                        </ActionForm>
                    }})}
                    {p.flagged.then(|| view! { <span class="small">{lang.t(T::ForumFlagged)}</span> })}
                </div>
                {(may_post && !p.mine && !p.flagged && p.state != PostState::Hidden).then(|| {
                        let (slug, pid) = (slug.clone(), pid.clone());
                        let id = format!("flag-{}", p.id);
                        view! {
                            <details class="piazza-flag mt-2">
                                <summary class="btn btn-sm btn-link">{lang.t(T::ForumFlag)}</summary>
                                <ActionForm action=a.flag attr:class="piazza-form mt-2">
                                    <input type="hidden" name="community" value=slug.clone()/>
                                    <input type="hidden" name="post" value=pid.clone()/>
                                    <fieldset>
                                        <legend class="h6">{lang.t(T::ForumFlagWhy)}</legend>
                                        {FlagReason::ALL.into_iter().map(|r| {
                                            let rid = format!("{id}-{}", r.code());
                                            view! {
                                                <div class="form-check">
                                                    <input class="form-check-input" type="radio" name="reason" id=rid.clone() value=r.code() required/>
                                                    <label class="form-check-label" for=rid>{lang.t(r.label())}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                    <div class="form-group">
                                        <label for=format!("{id}-note") class="active">{lang.t(T::ForumFlagNote)}</label>
                                        <input type="text" id=format!("{id}-note") name="note" class="form-control" maxlength=REASON_MAX_CHARS.to_string()/>
                                    </div>
                                    <Submit action=a.flag label=T::ForumSendFlag class="btn btn-sm btn-danger"/>
                                </ActionForm>
                            </details>
                        }
                    })}
                {may_moderate.then(|| view! { <Tools p=p.clone() slug=slug.clone() a/> })}
            </article>
        </li>
    }
}

impl PostView {
    /// Every kind of reaction with its count (zero when nobody gave it).
    fn reactions_or_all(&self) -> Vec<(ReactionKind, i64, bool)> {
        ReactionKind::ALL
            .into_iter()
            .map(|k| {
                self.reactions
                    .iter()
                    .find(|(r, _, _)| *r == k)
                    .copied()
                    .unwrap_or((k, 0, false))
            })
            .collect()
    }
}

/// A tutor's tools on a post: approve, hide with a reason, edit with a note.
#[component]
fn Tools(p: PostView, slug: String, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let pid = p.id.to_string();
    let id = format!("tools-{}", p.id);
    view! {
        <div class="d-flex flex-wrap gap-2 mt-2 piazza-mod-tools">
            {(p.state != PostState::Visible || p.flags > 0).then(|| { let (slug, pid) = (slug.clone(), pid.clone()); view! {
                <ActionForm action=a.decide attr:class="d-inline">
                    <input type="hidden" name="community" value=slug.clone()/>
                    <input type="hidden" name="post" value=pid.clone()/>
                    <input type="hidden" name="decision" value="approva"/>
                    <button type="submit" class="btn btn-sm btn-success">{lang.t(T::ForumApprove)}</button>
                </ActionForm>
            }})}
            {(p.state != PostState::Hidden).then(|| { let (slug, pid) = (slug.clone(), pid.clone()); view! {
                <details>
                    <summary class="btn btn-sm btn-outline-danger">{lang.t(T::ForumHide)}</summary>
                    <ActionForm action=a.decide attr:class="piazza-form mt-2">
                        <input type="hidden" name="community" value=slug.clone()/>
                        <input type="hidden" name="post" value=pid.clone()/>
                        <input type="hidden" name="decision" value="nascondi"/>
                        <div class="form-group">
                            <label for=format!("{id}-reason") class="active">{lang.t(T::ForumHideReason)}</label>
                            <input type="text" id=format!("{id}-reason") name="reason" class="form-control" required maxlength=REASON_MAX_CHARS.to_string()/>
                        </div>
                        <button type="submit" class="btn btn-sm btn-danger">{lang.t(T::ForumHide)}</button>
                    </ActionForm>
                </details>
            }})}
            <details>
                <summary class="btn btn-sm btn-outline-secondary">{lang.t(T::ForumEdit)}</summary>
                <EditForm p=p.clone() slug=slug.clone() a/>
            </details>
        </div>
    }
}

#[component]
fn EditForm(p: PostView, slug: String, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let id = format!("edit-{}", p.id);
    view! {
        <ActionForm action=a.edit attr:class="piazza-form mt-2">
            <input type="hidden" name="community" value=slug/>
            <input type="hidden" name="post" value=p.id.to_string()/>
            <div class="form-group">
                <label for=format!("{id}-body") class="active">{lang.t(T::ForumBody)}</label>
                <textarea id=format!("{id}-body") name="body" class="form-control" rows="5" required maxlength=BODY_MAX_CHARS.to_string()>{crate::text::raw_text(&p.source.clone())}</textarea>
            </div>
            <div class="form-group">
                <label for=format!("{id}-note") class="active">{lang.t(T::ForumEditNote)}</label>
                <input type="text" id=format!("{id}-note") name="note" class="form-control" required maxlength=REASON_MAX_CHARS.to_string()/>
            </div>
            <Submit action=a.edit label=T::ForumSave class="btn btn-sm btn-primary"/>
        </ActionForm>
    }
}

/// The files attached to a post: images shown small, every file as a link.
#[component]
fn Attachments(files: Vec<crate::upload::model::FileView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="piazza-attachments mt-2">
            <p class="small fw-semibold mb-1">{lang.t(T::FilesAttachments)}</p>
            <ul class="list-unstyled mb-0">
                {files.into_iter().map(|f| {
                    let text = format!("{} ({})", f.name, f.describe(lang));
                    view! {
                        <li class="mb-1">
                            {f.is_image().then(|| view! { <div class="piazza-attachment-image"><Preview file=f.clone() label=f.name.clone()/></div> })}
                            <a href=f.url()>{text}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
