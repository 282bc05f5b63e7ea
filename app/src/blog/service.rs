//! What the blog's server functions do once the policy said yes (server only).
//! Reading is public; writing needs `PostInCommunity` and, for members, a tutor's
//! authorisation (`blog_author`); tutors moderate comments.

use super::model::*;
use super::repo::{self, PostInput, PostRow};
use crate::account::model::author_label;
use crate::auth::model::Actor;
use crate::auth::policy::{can, Action, Target};
use crate::community::model::scope_of;
use crate::community::model::CommunityRef;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::paging::Paged;
use crate::state::AppState;
use crate::text::Bounded;
use std::collections::HashSet;

/// Whether `actor` may write on the blog: tutors, and members tutors authorised.
pub async fn may_write(
    state: &AppState,
    actor: Option<&Actor>,
    c: &CommunityRef,
) -> Result<bool, AppError> {
    let Some(actor) = actor else {
        return Ok(false);
    };
    let target = Target::In(scope_of(c));
    if !can(Some(actor), Action::PostInCommunity, target) {
        return Ok(false);
    }
    Ok(can(Some(actor), Action::ModerateCommunity, target)
        || crate::community::repo::is_blog_author(&state.db, c.id, actor.account_id).await?)
}

fn card(p: &PostRow, tags: Vec<String>, lang: Lang) -> PostCard {
    PostCard {
        slug: p.slug.clone(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        author: author_label(
            p.author_name.as_deref().unwrap_or_default(),
            p.author_deleted,
            lang,
        ),
        published: p
            .published_at
            .map(|t| lang.date(Lang::local_date(t)))
            .unwrap_or_default(),
        draft: !p.published(),
        tags,
        cover: p.cover(),
        comments: p.comments,
    }
}

async fn cards(state: &AppState, rows: &[PostRow], lang: Lang) -> Result<Vec<PostCard>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let tags = repo::tags_of(&state.db, &ids).await?;
    Ok(rows
        .iter()
        .map(|p| {
            let mine = tags
                .iter()
                .filter(|(id, _)| *id == p.id)
                .map(|(_, t)| t.clone())
                .collect();
            card(p, mine, lang)
        })
        .collect())
}

pub async fn index(
    state: &AppState,
    actor: Option<&Actor>,
    c: &CommunityRef,
    tag: Option<String>,
    page: Option<i64>,
    lang: Lang,
) -> Result<BlogIndex, AppError> {
    let writer = may_write(state, actor, c).await?;
    let page = page.unwrap_or(1).max(1);
    let tag = tag
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let (rows, total) = repo::posts(
        &state.db,
        c.id,
        writer,
        tag.as_deref(),
        POSTS_PER_PAGE,
        (page - 1) * POSTS_PER_PAGE,
    )
    .await?;
    Ok(BlogIndex {
        community: c.slug.clone(),
        name: c.name.clone(),
        description: c.description.clone(),
        posts: Paged {
            items: cards(state, &rows, lang).await?,
            total,
            page,
            per_page: POSTS_PER_PAGE,
        },
        tags: repo::tag_counts(&state.db, c.id).await?,
        tag,
        may_write: writer,
    })
}

/// A post as its page shows it; a draft only to those who may write.
pub async fn page(
    state: &AppState,
    actor: Option<&Actor>,
    c: &CommunityRef,
    slug: &str,
    lang: Lang,
) -> Result<PostPage, AppError> {
    let p = repo::post(&state.db, c.id, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let writer = may_write(state, actor, c).await?;
    if !p.published() && !writer {
        return Err(AppError::NotFound);
    }
    let target = Target::In(scope_of(c));
    let may_moderate = can(actor, Action::ModerateCommunity, target);
    let comments = repo::comments(&state.db, p.id)
        .await?
        .into_iter()
        .filter(|k| k.state == "visible" || may_moderate)
        .map(|k| CommentView {
            id: k.id,
            author: author_label(
                k.author_name.as_deref().unwrap_or_default(),
                k.author_deleted,
                lang,
            ),
            at: lang.datetime(k.created_at),
            hidden: k.state != "visible",
            html: k.body_html,
        })
        .collect();
    let cards = cards(state, std::slice::from_ref(&p), lang).await?;
    let post = cards.into_iter().next().ok_or(AppError::Internal)?;
    Ok(PostPage {
        community: c.slug.clone(),
        community_name: c.name.clone(),
        url: state.link(&post_path(&c.slug, &p.slug)),
        image: post.cover.as_ref().map(|f| state.link(&f.url())),
        html: p.body_html.clone(),
        comments,
        may_comment: can(actor, Action::PostInCommunity, target) && p.published(),
        may_moderate,
        may_edit: writer
            && (may_moderate || actor.is_some_and(|a| p.author_id == Some(a.account_id))),
        post,
    })
}

/// The editor's fields as submitted.
pub struct Draft {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub tags: String,
    pub published: bool,
}

/// Checks and renders a post; every problem at once.
fn check(
    d: &Draft,
    known: &HashSet<String>,
) -> Result<(String, String, String, String, Vec<String>), AppError> {
    let mut problems = crate::error::Problems::default();
    let mut add = |field: &str, t: T| problems.add(field, t);
    let title = d.title.split_whitespace().collect::<Vec<_>>().join(" ");
    match title.chars().count() {
        0..=4 => add("title", T::BlogTitleTooShort),
        n if n > TITLE_MAX_CHARS => add("title", T::ValidationTooLong),
        _ => {}
    }
    let summary = d.summary.split_whitespace().collect::<Vec<_>>().join(" ");
    if Bounded::<0, SUMMARY_MAX_CHARS>::parse(&summary).is_err() {
        add("summary", T::ValidationTooLong);
    }
    let body = crate::text::tidy(&d.body);
    match body.chars().count() {
        0..=19 => add("body", T::BlogBodyTooShort),
        n if n > BODY_MAX_CHARS => add("body", T::ValidationTooLong),
        _ => {}
    }
    let tags = match parse_tags(&d.tags) {
        Ok(t) => t,
        Err(t) => {
            add("tags", t);
            Vec::new()
        }
    };
    problems.into_result()?;
    let html = crate::markdown::render(&body, known);
    Ok((title, summary, body, html, tags))
}

/// Saves a new post (`slug` None) or changes one; the post's slug.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    slug: Option<&str>,
    d: Draft,
) -> Result<String, AppError> {
    if !may_write(state, Some(actor), c).await? {
        return Err(AppError::Forbidden);
    }
    let (title, summary, body, html, tags) = check(&d, &HashSet::new())?;
    let input = PostInput {
        title: &title,
        summary: &summary,
        body: &body,
        body_html: &html,
        published: d.published,
        tags: &tags,
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let saved = match slug {
        Some(slug) => {
            let p = repo::post(&state.db, c.id, slug)
                .await?
                .ok_or(AppError::NotFound)?;
            let tutor = can(
                Some(actor),
                Action::ModerateCommunity,
                Target::In(scope_of(c)),
            );
            if !tutor && p.author_id != Some(actor.account_id) {
                return Err(AppError::Forbidden);
            }
            repo::update(&mut tx, p.id, &input, now).await?;
            p.slug
        }
        None => {
            let base = crate::text::handle_of(&title).replace('.', "-");
            let base: String = base.chars().take(60).collect();
            let base = base.trim_end_matches('-').to_string();
            let mut chosen = None;
            for n in 1..=20 {
                let candidate = if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                if candidate == "scrivi" || candidate.is_empty() {
                    continue;
                }
                if repo::create(&mut tx, c.id, &candidate, actor.account_id, &input, now)
                    .await?
                    .is_some()
                {
                    chosen = Some(candidate);
                    break;
                }
            }
            chosen.ok_or_else(|| AppError::invalid("title", T::BlogTitleTaken))?
        }
    };
    tx.commit().await?;
    Ok(saved)
}

/// A member's comment on a published post.
pub async fn comment(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    slug: &str,
    body: &str,
) -> Result<i64, AppError> {
    let p = repo::post(&state.db, c.id, slug)
        .await?
        .filter(PostRow::published)
        .ok_or(AppError::NotFound)?;
    let body = crate::text::tidy(&body);
    match body.chars().count() {
        0..=1 => return Err(AppError::invalid("body", T::ForumBodyTooShort)),
        n if n > COMMENT_MAX_CHARS => return Err(AppError::invalid("body", T::ValidationTooLong)),
        _ => {}
    }
    let html = crate::markdown::render(&body, &HashSet::new());
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let id = repo::add_comment(&mut tx, p.id, actor.account_id, &body, &html, now).await?;
    if let Some(author) = p.author_id.filter(|a| *a != actor.account_id) {
        let lang = crate::account::repo::language(&state.db, author).await?;
        let text = lang.tf(
            T::BlogNotifyComment,
            &[("who", actor.label()), ("title", &p.title)],
        );
        let url = format!("{}#commento-{id}", post_path(&c.slug, &p.slug));
        crate::notify::repo::add(&mut tx, author, "blog_comment", &text, &url, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// A tutor hides a comment (audited, like comments on consultations).
pub async fn hide_comment(
    state: &AppState,
    info: &crate::auth::server::RequestInfo,
    c: &CommunityRef,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let p = repo::post(&state.db, c.id, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !repo::hide_comment(&mut tx, p.id, id).await? {
        return Err(AppError::NotFound);
    }
    crate::audit::repo::record(
        &mut tx,
        info,
        crate::audit::repo::Record::new(crate::audit::model::AuditAction::CommentHidden)
            .target("blog_comment", Some(id), p.title.as_str())
            .ente(c.ente_id)
            .details(c.slug.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The editor of a new post (None) or of one the actor may change.
pub async fn editor(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    slug: Option<&str>,
) -> Result<Editor, AppError> {
    if !may_write(state, Some(actor), c).await? {
        return Err(AppError::Forbidden);
    }
    let bar = crate::forum::service::bar(state, actor, c).await?;
    let Some(slug) = slug else {
        return Ok(Editor {
            bar,
            slug: None,
            title: String::new(),
            summary: String::new(),
            body: String::new(),
            tags: String::new(),
            published: false,
            cover: None,
            cover_alt: String::new(),
        });
    };
    let p = repo::post(&state.db, c.id, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !bar.may_moderate && p.author_id != Some(actor.account_id) {
        return Err(AppError::Forbidden);
    }
    let tags = repo::tags_of(&state.db, &[p.id]).await?;
    Ok(Editor {
        bar,
        slug: Some(p.slug.clone()),
        title: p.title.clone(),
        summary: p.summary.clone(),
        body: p.body.clone(),
        tags: tags
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(", "),
        published: p.published(),
        cover: p.cover(),
        cover_alt: p.cover_alt.clone(),
    })
}

/// A tutor lets a member write on the blog, or stops it.
/// Stores a checked image as a post's cover (the caller checked the policy).
pub async fn set_cover(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    slug: &str,
    alt: &str,
    file: crate::upload::check::Checked,
) -> Result<(), AppError> {
    let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
    if alt.is_empty() {
        return Err(AppError::invalid("alt", T::UploadAltRequired));
    }
    let editor = editor(state, actor, c, Some(slug)).await?;
    let p = repo::post(&state.db, c.id, editor.slug.as_deref().unwrap_or_default())
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let staged = crate::upload::repo::stage(&state.db, &state.files, &file).await?;
    let mut tx = state.db.begin().await?;
    let (upload, _) =
        crate::upload::repo::store(&mut tx, &staged, Some(actor.account_id), c.ente_id, now)
            .await?;
    repo::set_cover(&mut tx, p.id, upload, &alt, now).await?;
    tx.commit().await?;
    Ok(())
}
