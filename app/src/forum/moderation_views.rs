//! `/comunita/{slug}/moderazione`: the tutors' queue (flagged and pending posts with
//! their flags and the post they answered), and members' warnings, silences and
//! suspensions.

use super::model::*;
use super::server::{load_queue, Decide, Lift, Restrict};
use super::views::problem_of;
use crate::community::frame::CommunityFrame;
use crate::components::form::{action_error, successes, ErrorSummary, Submit};
use crate::components::layout::resource_page;
use crate::components::live::use_live;
use crate::components::table::EmptyState;
use crate::i18n::{use_lang, T};
use crate::ids::CommunityId;
use crate::live::Topic;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let decide = ServerAction::<Decide>::new();
    let restrict = ServerAction::<Restrict>::new();
    let lift = ServerAction::<Lift>::new();
    let done = [successes(decide), successes(restrict), successes(lift)];
    let data = Resource::new(
        move || (slug(), done.iter().map(|s| s.get()).sum::<usize>()),
        |(s, _)| load_queue(s),
    );
    let refresh = Callback::new(move |()| data.refetch());
    resource_page(
        data,
        move |q| view! { <QueueView q decide restrict lift refresh/> },
    )
}

/// What waits, as the notice compares it: each post with its number of flags.
fn waiting(items: &[QueueItem]) -> Vec<(i64, usize)> {
    items.iter().map(|i| (i.post.id, i.flags.len())).collect()
}

/// With JavaScript, the queue's live events: when what waits is no longer what the
/// page shows (a new flag, another tutor's decision), it says so, politely, and
/// offers to update, rather than redrawing under a tutor writing a reason.
#[component]
fn QueueChanged(
    community: CommunityId,
    slug: String,
    shown: Vec<(i64, usize)>,
    refresh: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let changed = RwSignal::new(false);
    use_live(vec![Topic::Moderation(community).key()], move |_| {
        let (slug, shown) = (slug.clone(), shown.clone());
        leptos::task::spawn_local(async move {
            if let Ok(now) = load_queue(slug).await {
                changed.set(waiting(&now.items) != shown);
            }
        });
    });
    view! {
        <div class="piazza-queue-changed" aria-live="polite">
            {move || changed.get().then(|| view! {
                <div class="alert alert-info d-flex flex-wrap align-items-center gap-2">
                    {lang.t(T::ForumQueueChanged)}
                    <button type="button" class="btn btn-outline-primary btn-xs" on:click=move |_| {
                        changed.set(false);
                        refresh.run(());
                    }>{lang.t(T::ForumQueueRefresh)}</button>
                </div>
            })}
        </div>
    }
}

#[component]
fn QueueView(
    q: ModerationQueue,
    decide: ServerAction<Decide>,
    restrict: ServerAction<Restrict>,
    lift: ServerAction<Lift>,
    refresh: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let slug = q.bar.slug.clone();
    let shown = waiting(&q.items);
    let decide_errors = action_error(decide);
    let restrict_errors = action_error(restrict);
    let lift_errors = action_error(lift);
    let empty = q.items.is_empty();
    let restrict_slug = slug.clone();
    view! {
        <CommunityFrame bar=q.bar.clone() title=lang.t(T::ForumModeration)>
            <h1>{lang.t(T::ForumModeration)}</h1>
            <QueueChanged community=q.community slug=slug.clone() shown refresh/>
            <section class="mb-5" aria-labelledby="queue-title">
                <h2 id="queue-title" class="h4">{lang.t(T::ForumQueue)}</h2>
                <ErrorSummary form="decide" errors=decide_errors/>
                {if empty { view! { <EmptyState text=T::ForumQueueEmpty/> }.into_any() } else {
                    view! {
                        <ul class="list-unstyled">
                            {q.items.clone().into_iter().map(|item| {
                                let (slug, slug2) = (slug.clone(), slug.clone());
                                let p = item.post.clone();
                                let href = post_path(&slug, item.thread_id, p.number);
                                let rid = format!("queue-{}-reason", p.id);
                                view! {
                                    <li class="card card-bg mb-4 piazza-queue-item">
                                        <div class="card-body">
                                            <h3 class="h6"><a href=href>{item.thread_title.clone()}</a>{format!(" · #{}", p.number)}</h3>
                                            <p class="small">{format!("{} · {}", p.author, p.at)}
                                                {(p.state == PostState::Pending).then(|| view! { <span class="badge bg-warning text-dark ms-2">{lang.t(if p.held { T::ForumHeldBadge } else { T::ForumPendingBadge })}</span> })}
                                            </p>
                                            {item.previous.clone().map(|html| view! {
                                                <details class="mb-2"><summary class="small">{lang.t(T::ForumContext)}</summary>
                                                    <blockquote class="blockquote small" inner_html=html></blockquote>
                                                </details>
                                            })}
                                            <div class="piazza-post-body border-start ps-3 mb-3" inner_html=p.html.clone()></div>
                                            <ul class="small">
                                                {item.flags.clone().into_iter().map(|f| view! {
                                                    <li>
                                                        <strong>{lang.t(f.reason.label())}</strong>
                                                        {(!f.note.is_empty()).then(|| format!(": {}", f.note))}
                                                        {format!(" — {}, {}", f.by, f.at)}
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                            <div class="d-flex flex-wrap gap-3 align-items-end">
                                                <ActionForm action=decide attr:class="d-inline">
                                                    <input type="hidden" name="community" value=slug.clone()/>
                                                    <input type="hidden" name="post" value=p.id.to_string()/>
                                                    <input type="hidden" name="decision" value="approva"/>
                                                    <input type="hidden" name="back" value="coda"/>
                                                    <button type="submit" class="btn btn-sm btn-success">{lang.t(T::ForumApprove)}</button>
                                                </ActionForm>
                                                <ActionForm action=decide attr:class="d-flex gap-2 align-items-end">
                                                    <input type="hidden" name="community" value=slug2.clone()/>
                                                    <input type="hidden" name="post" value=p.id.to_string()/>
                                                    <input type="hidden" name="decision" value="nascondi"/>
                                                    <input type="hidden" name="back" value="coda"/>
                                                    <div class="form-group mb-0 piazza-reason">
                                                        <label for=rid.clone() class="active">{lang.t(T::ForumHideReason)}</label>
                                                        <input type="text" id=rid.clone() name="reason" class="form-control form-control-sm" required maxlength=REASON_MAX_CHARS.to_string()/>
                                                    </div>
                                                    <button type="submit" class="btn btn-sm btn-danger">{lang.t(T::ForumHide)}</button>
                                                </ActionForm>
                                            </div>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section id="provvedimenti" class="mb-5" aria-labelledby="restrict-title">
                <h2 id="restrict-title" class="h4">{lang.t(T::ForumRestrictions)}</h2>
                <p>{lang.t(T::ForumRestrictIntro)}</p>
                <ActionForm action=restrict attr:class="piazza-form mb-4" attr:novalidate=true>
                    <ErrorSummary form="restrict" errors=restrict_errors/>
                    <input type="hidden" name="community" value=restrict_slug.clone()/>
                    <div class="row">
                        <div class="col-12 col-md-4 select-wrapper mb-3">
                            <label for="restrict-account">{lang.t(T::ForumMember)}</label>
                            <select id="restrict-account" name="account" class="form-select">
                                {q.members.clone().into_iter().map(|m| view! {
                                    <option value=m.account_id.to_string()>{format!("{} (@{}, {})", m.name, m.handle, lang.tf(T::ForumPostsCount, &[("count", &m.posts.to_string())]))}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="col-12 col-md-4 select-wrapper mb-3">
                            <label for="restrict-kind">{lang.t(T::ForumRestrictKind)}</label>
                            <select id="restrict-kind" name="kind" class="form-select">
                                {RestrictionChoice::ALL.into_iter().map(|k| view! { <option value=k.code()>{lang.t(k.label())}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="col-12 col-md-4 form-group mb-3">
                            <label for="restrict-days" class="active">{lang.t(T::ForumRestrictDaysLabel)}</label>
                            <input id="restrict-days" name="days" type="number" min="1" max=RESTRICTION_MAX_DAYS.to_string() class="form-control" aria-describedby="restrict-days-error"/>
                            {problem_of(restrict_errors, "days", "restrict-days-error".into())}
                        </div>
                    </div>
                    <div class="form-group">
                        <label for="restrict-reason" class="active">{lang.t(T::ForumRestrictReason)}</label>
                        <input type="text" id="restrict-reason" name="reason" class="form-control" required maxlength=REASON_MAX_CHARS.to_string() aria-describedby="restrict-reason-error"/>
                        {problem_of(restrict_errors, "reason", "restrict-reason-error".into())}
                    </div>
                    <Submit action=restrict label=T::ForumRestrictSend/>
                </ActionForm>
                <ErrorSummary form="lift" errors=lift_errors/>
                {if q.restrictions.is_empty() { view! { <EmptyState text=T::ForumNoRestrictions/> }.into_any() } else {
                    view! {
                        <div class="table-responsive">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{lang.t(T::ForumMember)}</th>
                                    <th scope="col">{lang.t(T::ForumRestrictKind)}</th>
                                    <th scope="col">{lang.t(T::ForumRestrictReason)}</th>
                                    <th scope="col">{lang.t(T::ForumRestrictUntil)}</th>
                                    <th scope="col"><span class="visually-hidden">{lang.t(T::ForumLift)}</span></th>
                                </tr></thead>
                                <tbody>
                                    {q.restrictions.clone().into_iter().map(|r| { let slug = slug.clone(); view! {
                                        <tr>
                                            <td>{r.name}</td>
                                            <td>{lang.t(r.kind.label())}</td>
                                            <td>{r.reason}</td>
                                            <td>{if r.until.is_empty() { r.at.clone() } else { r.until.clone() }}</td>
                                            <td>{r.in_force.then(|| view! {
                                                <ActionForm action=lift>
                                                    <input type="hidden" name="community" value=slug.clone()/>
                                                    <input type="hidden" name="restriction" value=r.id.to_string()/>
                                                    <button type="submit" class="btn btn-sm btn-outline-primary">{lang.t(T::ForumLift)}</button>
                                                </ActionForm>
                                            })}</td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        </CommunityFrame>
    }
}
