//! `/comunita/{slug}/blog` (public list, by tag), `/comunita/{slug}/blog/{post}`
//! (a post with its comments and its sharing metadata) and the editor
//! (`/comunita/{slug}/blog/scrivi`, `…/{post}/modifica`).

use super::model::*;
use super::server::{load_blog, load_editor, load_post, Comment, HideComment, SavePost};
use crate::community::frame::CommunityFrame;
use crate::components::brand::Brand;
use crate::components::form::{action_error, ErrorSummary, Field, Submit, TextArea};
use crate::components::layout::{resource_page, PublicLayout};
use crate::components::nav::route_param as param;
use crate::components::nav::{login_href, query_value};
use crate::components::sharing::SharingMeta;
use crate::components::table::{EmptyState, Pager};
use crate::i18n::{use_lang, T};
use crate::upload::model::problem_of;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};

#[component]
pub fn BlogIndexPage() -> impl IntoView {
    let slug = param("slug");
    let tag = query_value("tag");
    let page = query_value("page");
    let data = Resource::new(
        move || (slug(), tag.get(), page.get().parse::<i64>().ok()),
        |(s, t, p)| load_blog(s, (!t.is_empty()).then_some(t), p),
    );
    resource_page(data, |b| view! { <BlogIndexView b/> })
}

/// A post's card in a list.
#[component]
fn Card(p: PostCard, community: String) -> impl IntoView {
    let lang = use_lang();
    let href = post_path(&community, &p.slug);
    view! {
        <article class="card card-bg mb-4 piazza-blog-card">
            {p.cover.clone().map(|f| view! { <img class="card-img-top piazza-cover" src=f.url() alt=""/> })}
            <div class="card-body">
                <h2 class="h4 card-title"><a href=href>{p.title.clone()}</a></h2>
                <p class="small mb-2">
                    {if p.draft { lang.t(T::BlogDraft).to_string() } else { lang.tf(T::BlogByOn, &[("who", &p.author), ("date", &p.published)]) }}
                    " · "{lang.tf(T::BlogCommentCount, &[("count", &p.comments.to_string())])}
                </p>
                <p class="card-text">{p.summary.clone()}</p>
                <Tags tags=p.tags.clone() community=community.clone()/>
            </div>
        </article>
    }
}

#[component]
fn Tags(tags: Vec<String>, community: String) -> impl IntoView {
    let lang = use_lang();
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="list-inline mb-0 piazza-tags" aria-label=lang.t(T::BlogTags)>
                {tags.into_iter().map(|t| {
                    let href = format!("{}?tag={}", blog_path(&community), crate::components::nav::encode_query_value(&t));
                    view! { <li class="list-inline-item"><a class="badge bg-light text-dark border" href=href>{format!("#{t}")}</a></li> }
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn BlogIndexView(b: BlogIndex) -> impl IntoView {
    let lang = use_lang();
    let title = lang.tf(T::BlogTitle, &[("community", &b.name)]);
    let base = blog_path(&b.community);
    let feed = format!("{base}/feed.atom");
    let rss = format!("{base}/rss.xml");
    let pages = b.posts.pages();
    let pager_base = match &b.tag {
        Some(t) => format!(
            "{base}?tag={}",
            crate::components::nav::encode_query_value(t)
        ),
        None => base.clone(),
    };
    view! {
        <Link rel="alternate" type_="application/atom+xml" href=feed.clone() title=title.clone()/>
        <Link rel="alternate" type_="application/rss+xml" href=rss.clone() title=title.clone()/>
        <Meta name="description" content=b.description.clone()/>
        <PublicLayout brand=Brand::platform(lang) title=title.clone()>
            <div class="d-flex flex-wrap align-items-center gap-3 mb-2">
                <h1 class="mb-0 me-auto">{title.clone()}</h1>
                {b.may_write.then(|| view! { <a class="btn btn-primary" href=format!("{base}/scrivi")>{lang.t(T::BlogWrite)}</a> })}
            </div>
            <p class="lead">{b.description.clone()}</p>
            <p class="small">
                <a href=feed>{lang.t(T::BlogFeedAtom)}</a>" · "<a href=rss>{lang.t(T::BlogFeedRss)}</a>
            </p>
            {b.tag.clone().map(|t| view! {
                <p>{lang.tf(T::BlogTagged, &[("tag", &t)])}" "<a href=base.clone()>{lang.t(T::BlogAllPosts)}</a></p>
            })}
            <div class="row">
                <div class="col-12 col-lg-8">
                    {if b.posts.items.is_empty() {
                        view! { <EmptyState text=T::BlogEmpty/> }.into_any()
                    } else {
                        b.posts.items.clone().into_iter().map(|p| view! { <Card p community=b.community.clone()/> }).collect_view().into_any()
                    }}
                    <Pager page=b.posts.page pages base=pager_base/>
                </div>
                <aside class="col-12 col-lg-4" aria-labelledby="blog-tags-title">
                    <h2 id="blog-tags-title" class="h5">{lang.t(T::BlogTags)}</h2>
                    <ul class="list-unstyled">
                        {b.tags.iter().map(|(t, n)| {
                            let href = format!("{}?tag={}", blog_path(&b.community), crate::components::nav::encode_query_value(t));
                            view! { <li><a href=href>{format!("#{t}")}</a>" ("{*n}")"</li> }
                        }).collect_view()}
                    </ul>
                </aside>
            </div>
        </PublicLayout>
    }
}

#[component]
pub fn BlogPostPage() -> impl IntoView {
    let slug = param("slug");
    let post = param("post");
    let comment = ServerAction::<Comment>::new();
    let hide = ServerAction::<HideComment>::new();
    let data = Resource::new(
        move || {
            (
                slug(),
                post(),
                comment.version().get(),
                hide.version().get(),
            )
        },
        |(s, p, ..)| load_post(s, p),
    );
    resource_page(data, move |p| view! { <PostView p comment hide/> })
}

#[component]
fn PostView(
    p: PostPage,
    comment: ServerAction<Comment>,
    hide: ServerAction<HideComment>,
) -> impl IntoView {
    let lang = use_lang();
    let post = p.post.clone();
    let errors = action_error(comment);
    let here = post_path(&p.community, &post.slug);
    let description = if post.summary.is_empty() {
        p.community_name.clone()
    } else {
        post.summary.clone()
    };
    view! {
        <SharingMeta kind="article" title=post.title.clone() description url=p.url.clone()
            site=p.community_name.clone() image=p.image.clone()/>
        <PublicLayout brand=Brand::platform(lang) title=post.title.clone()>
            <nav class="breadcrumb-container" aria-label=lang.t(T::BreadcrumbLabel)>
                <ol class="breadcrumb p-0">
                    <li class="breadcrumb-item"><a href=blog_path(&p.community)>{lang.tf(T::BlogTitle, &[("community", &p.community_name)])}</a><span class="separator">"/"</span></li>
                    <li class="breadcrumb-item active" aria-current="page">{post.title.clone()}</li>
                </ol>
            </nav>
            <article class="piazza-blog-post">
                {post.cover.clone().map(|f| view! { <img class="piazza-cover mb-3" src=f.url() alt=f.label.clone()/> })}
                <h1>{post.title.clone()}</h1>
                <p class="small">
                    {if post.draft { lang.t(T::BlogDraft).to_string() } else { lang.tf(T::BlogByOn, &[("who", &post.author), ("date", &post.published)]) }}
                </p>
                {p.may_edit.then(|| view! { <p><a class="btn btn-outline-primary btn-sm" href=format!("{here}/modifica")>{lang.t(T::BlogEdit)}</a></p> })}
                {(!post.summary.is_empty()).then(|| view! { <p class="lead">{post.summary.clone()}</p> })}
                <div class="piazza-post-body" inner_html=p.html.clone()></div>
                <Tags tags=post.tags.clone() community=p.community.clone()/>
            </article>
            <section class="mt-5" aria-labelledby="comments-title">
                <h2 id="comments-title" class="h4">{lang.tf(T::BlogCommentCount, &[("count", &post.comments.to_string())])}</h2>
                <ol class="list-unstyled">
                    {p.comments.clone().into_iter().map(|k| {
                        let id = format!("commento-{}", k.id);
                        let comment_id = k.id.to_string();
                        let (community, slug) = (p.community.clone(), post.slug.clone());
                        view! {
                            <li id=id class="card card-bg mb-3">
                                <div class="card-body">
                                    <p class="small mb-1"><strong>{k.author.clone()}</strong>" · "{k.at.clone()}</p>
                                    {if k.hidden {
                                        view! { <p class="fst-italic">{lang.t(T::BlogCommentHidden)}</p> }.into_any()
                                    } else {
                                        view! { <div class="piazza-post-body" inner_html=k.html.clone()></div> }.into_any()
                                    }}
                                    {(p.may_moderate && !k.hidden).then(move || view! {
                                        <ActionForm action=hide attr:class="d-inline">
                                            <input type="hidden" name="community" value=community/>
                                            <input type="hidden" name="post" value=slug/>
                                            <input type="hidden" name="id" value=comment_id/>
                                            <button type="submit" class="btn btn-sm btn-outline-danger">{lang.t(T::BlogHideComment)}</button>
                                        </ActionForm>
                                    })}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                {if p.may_comment {
                    let (community, slug) = (p.community.clone(), post.slug.clone());
                    view! {
                        <ActionForm action=comment attr:class="piazza-form" attr:novalidate=true>
                            <ErrorSummary form="comment" errors/>
                            <input type="hidden" name="community" value=community/>
                            <input type="hidden" name="post" value=slug/>
                            <TextArea form="comment" name="body" label=T::BlogYourComment required=true maxlength=COMMENT_MAX_CHARS as u32 help=T::ForumMarkdownHelp errors/>
                            <Submit action=comment label=T::BlogSendComment/>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <p class="alert alert-info">{lang.t(T::BlogCommentsForMembers)}" "<a href=login_href(&here)>{lang.t(T::LoginTitle)}</a></p>
                    }.into_any()
                }}
            </section>
        </PublicLayout>
    }
}

#[component]
pub fn BlogEditorPage() -> impl IntoView {
    let slug = param("slug");
    let post = param("post");
    let data = Resource::new(
        move || (slug(), post()),
        |(s, p)| load_editor(s, (!p.is_empty()).then_some(p)),
    );
    resource_page(data, |e| view! { <EditorView e/> })
}

#[component]
fn EditorView(e: Editor) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SavePost>::new();
    crate::components::nav::follow_destination(action);
    let errors = action_error(action);
    let community = e.bar.slug.clone();
    let title = lang
        .t(if e.slug.is_some() {
            T::BlogEdit
        } else {
            T::BlogWrite
        })
        .to_string();
    let refused = query_value("errore");
    let cover_action = e
        .slug
        .as_ref()
        .map(|s| format!("{}/copertina", post_path(&community, s)));
    view! {
        <CommunityFrame bar=e.bar.clone() title=title.clone()>
            <h1>{title.clone()}</h1>
            <ActionForm action attr:class="piazza-form" attr:novalidate=true>
                <ErrorSummary form="blog" errors/>
                <input type="hidden" name="community" value=community.clone()/>
                <input type="hidden" name="post" value=e.slug.clone().unwrap_or_default()/>
                <Field form="blog" name="title" label=T::BlogPostTitle required=true maxlength=TITLE_MAX_CHARS as u32 value=e.title.clone() errors/>
                <TextArea form="blog" name="summary" label=T::BlogSummary help=T::BlogSummaryHelp maxlength=SUMMARY_MAX_CHARS as u32 rows=2 value=e.summary.clone() errors/>
                <TextArea form="blog" name="body" label=T::BlogBody help=T::ForumMarkdownHelp required=true maxlength=BODY_MAX_CHARS as u32 rows=14 value=e.body.clone() errors/>
                <Field form="blog" name="tags" label=T::BlogTags help=T::BlogTagsHelp maxlength=300 value=e.tags.clone() errors/>
                <div class="form-check mb-3">
                    <input id="blog-publish" class="form-check-input" type="checkbox" name="publish" checked=e.published/>
                    <label for="blog-publish" class="form-check-label">{lang.t(T::BlogPublish)}</label>
                </div>
                <Submit action label=T::BlogSave/>
            </ActionForm>
            {match cover_action {
                Some(href) => view! {
                    <section class="mt-5" aria-labelledby="blog-cover-title">
                        <h2 id="blog-cover-title" class="h4">{lang.t(T::CommunityCover)}</h2>
                        {move || problem_of(&refused.get()).map(|t| view! {
                            <div class="alert alert-danger" role="alert"><p class="mb-0">{lang.t(t)}</p></div>
                        })}
                        {e.cover.clone().map(|f| view! { <img class="piazza-cover-preview mb-3" src=f.url() alt=f.label.clone()/> })}
                        <form method="post" action=href enctype="multipart/form-data" class="piazza-form">
                            <div class="form-group">
                                <label for="blog-cover-file" class="active">{lang.t(T::CommunityCoverFile)}</label>
                                <input type="file" id="blog-cover-file" name="file" class="form-control" accept="image/png,image/jpeg,image/webp,image/gif"/>
                            </div>
                            <div class="form-group">
                                <label for="blog-cover-alt" class="active">{lang.t(T::BlogCoverAlt)}</label>
                                <input type="text" id="blog-cover-alt" name="alt" class="form-control" maxlength="200" value=e.cover_alt.clone()/>
                            </div>
                            <button type="submit" class="btn btn-primary">{lang.t(T::CommunityCoverUpload)}</button>
                        </form>
                    </section>
                }.into_any(),
                None => view! { <p class="mt-4">{lang.t(T::BlogCoverAfterSave)}</p> }.into_any(),
            }}
        </CommunityFrame>
    }
}
