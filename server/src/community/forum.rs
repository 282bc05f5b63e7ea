//! Forum posts with their files, as plain multipart forms that work with or
//! without JavaScript: a new thread (`POST /comunita/{slug}/forum/{category}/apri`)
//! and a reply (`POST /comunita/{slug}/forum/t/{thread}/rispondi`). Whatever goes
//! wrong with the text or a file, what was written is kept as the writer's draft
//! and the form shows the problem (`?errore=<code>`); nothing is half-written.

use super::enter;
use crate::gate;
use crate::upload::{check_file, count_upload, problem_of, read_form, Back};
use app::auth::model::Actor;
use app::auth::policy::Action;
use app::auth::server::RequestInfo;
use app::community::model::CommunityRef;
use app::error::AppError;
use app::forum::drafts::MAX_ATTACHMENTS;
use app::forum::model::{post_path, reply_code};
use app::i18n::T;
use app::state::AppState;
use app::upload::check::{Accept, Checked};
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// Where a refused post goes back to, and where its text is kept.
struct Kept<'a> {
    state: &'a AppState,
    info: &'a RequestInfo,
    actor: &'a Actor,
    c: &'a CommunityRef,
    /// The thread replied to; none for a new thread.
    thread: Option<i64>,
    page: String,
    anchor: &'static str,
}

impl Kept<'_> {
    /// Keeps the title and text as the writer's draft and shows `problem` on the form.
    async fn keep(&self, title: &str, body: &str, problem: T) -> Response {
        let at = app::forum::service::place(self.actor, self.c, self.thread);
        let now = self.state.clock.now();
        let saved = app::forum::drafts::save(&self.state.db, at, title, body, now).await;
        if let Err(e) = saved {
            return gate::refuse(self.info, e.into());
        }
        let back = Back {
            page: &self.page,
            anchor: self.anchor,
            code: reply_code,
        };
        back.with(problem)
    }

    /// Back to the form for an input problem; any other error as its status.
    async fn refuse(&self, title: &str, body: &str, e: AppError) -> Response {
        match problem_of(&e) {
            Some(t) => self.keep(title, body, t).await,
            None => gate::refuse(self.info, e),
        }
    }
}

/// The title and text of the form and its files, checked: the text first (with
/// `check`), then each file, so that nothing is stored for a refused text.
async fn read_post(
    state: &AppState,
    info: &RequestInfo,
    multipart: Multipart,
    back: &Kept<'_>,
    check: impl Fn(&str, &str) -> Result<(), AppError>,
) -> Result<(String, String, Vec<Checked>), Response> {
    let form = read_form(multipart, MAX_ATTACHMENTS).await;
    let (title, body) = form
        .as_ref()
        .map(|f| (f.text("title").to_string(), f.text("body").to_string()))
        .unwrap_or_default();
    let form = match form {
        Ok(f) if f.too_many => return Err(back.keep(&title, &body, T::FilesTooMany).await),
        Ok(f) => f,
        Err(t) => return Err(back.keep(&title, &body, t).await),
    };
    if let Err(e) = check(&title, &body) {
        return Err(back.refuse(&title, &body, e).await);
    }
    let mut files = Vec::new();
    for (name, bytes) in form.files {
        count_upload(state, info).await?;
        match check_file(name, bytes, Accept::Documents).await {
            Ok(file) => files.push(file),
            Err(t) => return Err(back.keep(&title, &body, t).await),
        }
    }
    Ok((title, body, files))
}

/// A new thread with files attached to its opening post.
pub async fn start_thread(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, category)): Path<(String, String)>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let (c, actor) = enter(&state, &info, &slug, Action::PostInCommunity).await?;
    let k = gate::found(
        &info,
        app::forum::repo::category(&state.db, c.id, &category).await,
    )?;
    let back = Kept {
        state: &state,
        info: &info,
        actor: &actor,
        c: &c,
        thread: None,
        page: format!("/comunita/{}/forum/{}", c.slug, k.slug),
        anchor: "nuova-discussione",
    };
    let check = |title: &str, body: &str| {
        app::forum::posting::check_title(title)?;
        app::forum::posting::check_body(body).map(|_| ())
    };
    let (title, body, files) = read_post(&state, &info, multipart, &back, check).await?;
    match app::forum::posting::start_thread(&state, &actor, &c, k.id, &title, &body, &files).await {
        Ok(id) => Ok(Redirect::to(&format!("/comunita/{}/forum/t/{id}", c.slug)).into_response()),
        Err(e) => Err(back.refuse(&title, &body, e).await),
    }
}

/// A reply with its files.
pub async fn reply(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, thread)): Path<(String, i64)>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let (c, actor) = enter(&state, &info, &slug, Action::PostInCommunity).await?;
    let back = Kept {
        state: &state,
        info: &info,
        actor: &actor,
        c: &c,
        thread: Some(thread),
        page: format!("/comunita/{}/forum/t/{thread}", c.slug),
        anchor: "rispondi",
    };
    let check = |_: &str, body: &str| app::forum::posting::check_body(body).map(|_| ());
    let (_, body, files) = read_post(&state, &info, multipart, &back, check).await?;
    match app::forum::posting::reply(&state, &actor, &c, thread, &body, &files).await {
        Ok(number) => {
            // The extra `r` makes the address new even when only the anchor changes.
            let path =
                post_path(&c.slug, thread, number).replacen('#', &format!("&r={number}#"), 1);
            Ok(Redirect::to(&path).into_response())
        }
        Err(e) => Err(back.refuse("", &body, e).await),
    }
}
