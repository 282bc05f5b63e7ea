//! The forum's pages in the community area: the index, a category, the search, and
//! the pieces they share (the frame, thread lists, follow buttons). The thread page
//! is `thread_views.rs`, the tutors' page `moderation_views.rs`. Every form works
//! as a plain post; with JavaScript the page reloads its data in place.

use super::model::*;
use super::post_box::PostBox;
use super::server::{load_category, load_forum, search_forum, NewCategory, Watch};
use crate::community::frame::{CommunityFrame, Trail};
use crate::components::form::{action_error, successes, ErrorSummary, Field, Submit};
use crate::components::layout::resource_page;
use crate::components::nav::query_value;
use crate::components::table::{EmptyState, Pager};
use crate::error::AppError;
use crate::i18n::{use_lang, T};
use crate::search::views::Excerpt;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A button that follows or stops following a thread or a category.
#[component]
pub fn WatchButton(
    action: ServerAction<Watch>,
    community: String,
    #[prop(optional)] thread: Option<i64>,
    #[prop(optional)] category: Option<i64>,
    watching: bool,
    back: String,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ActionForm action attr:class="d-inline piazza-watch">
            <input type="hidden" name="community" value=community/>
            {thread.map(|t| view! { <input type="hidden" name="thread" value=t.to_string()/> })}
            {category.map(|c| view! { <input type="hidden" name="category" value=c.to_string()/> })}
            <input type="hidden" name="to" value=if watching { "smetti" } else { "segui" }/>
            <input type="hidden" name="back" value=back/>
            <button type="submit" class="btn btn-outline-primary btn-sm" aria-pressed=if watching { "true" } else { "false" }>
                {lang.t(if watching { T::ForumUnwatch } else { T::ForumWatch })}
            </button>
        </ActionForm>
    }
}

/// Threads as a table: title and badges, category, replies, last activity.
#[component]
pub fn ThreadList(
    threads: Vec<ThreadSummary>,
    community: String,
    #[prop(optional)] show_category: bool,
) -> impl IntoView {
    let lang = use_lang();
    if threads.is_empty() {
        return view! { <EmptyState text=T::ForumNoThreads/> }.into_any();
    }
    view! {
        <div class="table-responsive">
            <table class="table piazza-threads">
                <thead>
                    <tr>
                        <th scope="col">{lang.t(T::ForumThread)}</th>
                        {show_category.then(|| view! { <th scope="col" class="d-none d-md-table-cell">{lang.t(T::ForumCategory)}</th> })}
                        <th scope="col" class="text-end">{lang.t(T::ForumReplies)}</th>
                        <th scope="col" class="d-none d-md-table-cell">{lang.t(T::ForumLastActivity)}</th>
                    </tr>
                </thead>
                <tbody>
                    {threads.into_iter().map(|t| {
                        let href = format!("/comunita/{community}/forum/t/{}", t.id);
                        let unread = (!t.is_new && t.unread > 0).then(|| {
                            lang.tf(T::ForumUnread, &[("count", &t.unread.to_string())])
                        });
                        let hot = t.is_new || t.unread > 0;
                        let community = community.clone();
                        view! {
                            <tr class:piazza-unread=hot>
                                <td>
                                    {t.pinned.then(|| view! { <span class="badge bg-primary me-1">{lang.t(T::ForumPinned)}</span> })}
                                    {t.locked.then(|| view! { <span class="badge bg-secondary me-1">{lang.t(T::ForumLocked)}</span> })}
                                    {t.solved.then(|| view! { <span class="badge bg-success me-1">{lang.t(T::ForumSolved)}</span> })}
                                    <a href=href class="fw-semibold">{t.title}</a>
                                    {t.is_new.then(|| view! { <span class="badge bg-warning text-dark ms-1">{lang.t(T::ForumNew)}</span> })}
                                    {unread.map(|u| view! { <span class="badge bg-warning text-dark ms-1">{u}</span> })}
                                    <br/><span class="small">{lang.tf(T::ForumStartedBy, &[("who", &t.author), ("when", &t.started)])}</span>
                                </td>
                                {show_category.then(|| view! {
                                    <td class="d-none d-md-table-cell"><a href=format!("/comunita/{community}/forum/{}", t.category_slug)>{t.category_name.clone()}</a></td>
                                })}
                                <td class="text-end">{lang.number(t.replies)}</td>
                                <td class="small d-none d-md-table-cell">{t.last_post}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The forum's search box (a plain GET form).
#[component]
fn SearchBox(community: String, #[prop(optional, into)] value: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="get" action=format!("/comunita/{community}/forum/cerca") role="search" class="d-flex gap-2 mb-4 piazza-forum-search">
            <label for="forum-q" class="visually-hidden">{lang.t(T::ForumSearchLabel)}</label>
            <input id="forum-q" type="search" name="q" class="form-control" value=value placeholder=lang.t(T::ForumSearchLabel)/>
            <button type="submit" class="btn btn-primary">{lang.t(T::ForumSearch)}</button>
        </form>
    }
}

fn community_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("slug").unwrap_or_default()
}

/// `/comunita/{slug}/forum`
#[component]
pub fn ForumIndexPage() -> impl IntoView {
    let slug = community_param();
    let watch = ServerAction::<Watch>::new();
    let create = ServerAction::<NewCategory>::new();
    let (w, c) = (successes(watch), successes(create));
    let index = Resource::new(move || (slug(), w.get() + c.get()), |(s, _)| load_forum(s));
    resource_page(
        index,
        move |index| view! { <ForumIndexView index watch create/> },
    )
}

#[component]
fn ForumIndexView(
    index: ForumIndex,
    watch: ServerAction<Watch>,
    create: ServerAction<NewCategory>,
) -> impl IntoView {
    let lang = use_lang();
    let slug = index.bar.slug.clone();
    let moderate = index.bar.may_moderate;
    let errors = action_error(create);
    view! {
        <CommunityFrame bar=index.bar.clone() title=lang.t(T::ForumTitle)>
            <h1>{lang.t(T::ForumTitle)}</h1>
            <p class="lead">{lang.t(T::ForumIntro)}</p>
            <SearchBox community=slug.clone()/>
            <section class="mb-5" aria-labelledby="categories-title">
                <h2 id="categories-title" class="h4">{lang.t(T::ForumCategories)}</h2>
                {if index.categories.is_empty() { view! { <EmptyState text=T::ForumNoCategories/> }.into_any() } else {
                    view! {
                        <div class="row">
                            {index.categories.into_iter().map(|k| {
                                let back = forum_path(&slug);
                                view! {
                                    <div class="col-12 col-md-6 mb-3">
                                        <article class="card card-bg h-100">
                                            <div class="card-body">
                                                <h3 class="card-title h5"><a href=format!("/comunita/{slug}/forum/{}", k.slug)>{k.name}</a></h3>
                                                <p class="card-text">{k.description}</p>
                                                <p class="small mb-2">{lang.tf(T::ForumCounts, &[("threads", &k.threads.to_string()), ("posts", &k.posts.to_string())])}</p>
                                                <WatchButton action=watch community=slug.clone() category=k.id watching=k.watched back/>
                                            </div>
                                        </article>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </section>
            <section class="mb-5" aria-labelledby="latest-title">
                <h2 id="latest-title" class="h4">{lang.t(T::ForumLatest)}</h2>
                <ThreadList threads=index.latest community=slug.clone() show_category=true/>
            </section>
            {moderate.then(|| view! {
                <section class="mb-5" aria-labelledby="new-category-title">
                    <h2 id="new-category-title" class="h4">{lang.t(T::ForumNewCategory)}</h2>
                    <ActionForm action=create attr:class="piazza-form" attr:novalidate=true>
                        <ErrorSummary form="category" errors/>
                        <input type="hidden" name="community" value=slug.clone()/>
                        <Field form="category" name="name" label=T::ForumCategoryName errors required=true maxlength=NAME_MAX_CHARS as u32/>
                        <Field form="category" name="description" label=T::ForumCategoryDescription errors maxlength=REASON_MAX_CHARS as u32/>
                        <Submit action=create label=T::ForumCreateCategory/>
                    </ActionForm>
                </section>
            })}
        </CommunityFrame>
    }
}

/// The message of a field's problem, under a textarea.
pub fn problem_of(
    errors: Signal<Option<AppError>>,
    field: &'static str,
    id: String,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div id=id class="invalid-feedback d-block" aria-live="polite">
            {move || errors.get().and_then(|e| e.field_message(field, lang))}
        </div>
    }
}

/// `/comunita/{slug}/forum/{category}`
#[component]
pub fn CategoryPageView() -> impl IntoView {
    let slug = community_param();
    let params = use_params_map();
    let category = move || params.read().get("category").unwrap_or_default();
    let page = query_value("page");
    let watch = ServerAction::<Watch>::new();
    let w = successes(watch);
    let data = Resource::new(
        move || (slug(), category(), page.get().parse::<i64>().ok(), w.get()),
        |(s, c, p, _)| load_category(s, c, p),
    );
    resource_page(data, move |data| view! { <CategoryView data watch/> })
}

#[component]
fn CategoryView(data: CategoryPage, watch: ServerAction<Watch>) -> impl IntoView {
    let lang = use_lang();
    let slug = data.bar.slug.clone();
    let k = data.category.clone();
    let base = format!("/comunita/{slug}/forum/{}", k.slug);
    let pages = data.threads.pages();
    view! {
        <CommunityFrame bar=data.bar.clone() title=k.name.clone()>
            <Trail trail=vec![(forum_path(&slug), lang.t(T::ForumTitle).to_string())] current=k.name.clone()/>
            <div class="d-flex flex-wrap align-items-center gap-3 mb-3">
                <h1 class="mb-0">{k.name.clone()}</h1>
                <WatchButton action=watch community=slug.clone() category=k.id watching=k.watched back=base.clone()/>
            </div>
            <p class="lead">{k.description.clone()}</p>
            <ThreadList threads=data.threads.items.clone() community=slug.clone()/>
            <Pager page=data.threads.page pages base=base.clone()/>
            {data.bar.may_post.then(|| view! {
                <section id="nuova-discussione" class="mt-5" aria-labelledby="new-thread-title">
                    <h2 id="new-thread-title" class="h4">{lang.t(T::ForumNewThread)}</h2>
                    <PostBox action=format!("{base}/apri") community=slug.clone() thread=None seen=data.started
                        title=Some(data.draft_title.clone()) body=data.draft_body.clone() id="thread" submit=T::ForumPublish/>
                </section>
            })}
        </CommunityFrame>
    }
}

/// `/comunita/{slug}/forum/cerca?q=…`
#[component]
pub fn ForumSearchPage() -> impl IntoView {
    let slug = community_param();
    let q = query_value("q");
    let page = query_value("page");
    let data = Resource::new(
        move || (slug(), q.get(), page.get().parse::<i64>().ok()),
        |(s, q, p)| search_forum(s, q, p),
    );
    resource_page(data, |data| view! { <SearchView data/> })
}

#[component]
fn SearchView(data: ForumSearch) -> impl IntoView {
    let lang = use_lang();
    let slug = data.bar.slug.clone();
    let pages = data.hits.pages();
    let base = format!(
        "/comunita/{slug}/forum/cerca?q={}",
        crate::components::nav::encode_query_value(&data.query)
    );
    let asked = !data.query.trim().is_empty();
    view! {
        <CommunityFrame bar=data.bar.clone() title=lang.t(T::ForumSearch)>
            <Trail trail=vec![(forum_path(&slug), lang.t(T::ForumTitle).to_string())] current=lang.t(T::ForumSearch)/>
            <h1>{lang.t(T::ForumSearch)}</h1>
            <SearchBox community=slug.clone() value=data.query.clone()/>
            {asked.then(|| view! {
                <p role="status">{lang.tf(T::ForumSearchCount, &[("count", &data.hits.total.to_string())])}</p>
            })}
            <ul class="list-unstyled piazza-search-results">
                {data.hits.items.clone().into_iter().map(|h| view! {
                    <li class="mb-3">
                        <a href=h.url class="fw-semibold">{h.title}</a>
                        <p class="small mb-0"><Excerpt text=h.excerpt/></p>
                    </li>
                }).collect_view()}
            </ul>
            <Pager page=data.hits.page pages base/>
        </CommunityFrame>
    }
}
