//! Forum posts with their files, as plain multipart forms that work with or
//! without JavaScript: a new thread (`POST /comunita/{slug}/forum/{category}/apri`)
//! and a reply (`POST /comunita/{slug}/forum/t/{thread}/rispondi`). Whatever goes
//! wrong with the text or a file, what was written is kept as the writer's draft
//! and the form shows the problem (`?errore=<code>`); nothing is half-written.

use crate::community_files::{check_all, enter, first_problem, status_of, with_problem};
use crate::files::read_form;
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
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// Where a refused post goes back to, and where its text is kept.
struct Back<'a> {
    state: &'a AppState,
    actor: &'a Actor,
    c: &'a CommunityRef,
    /// The thread replied to; none for a new thread.
    thread: Option<i64>,
    page: String,
    anchor: &'static str,
}

impl Back<'_> {
    /// Keeps the title and text as the writer's draft and shows `problem` on the form.
    async fn keep(&self, title: &str, body: &str, problem: T) -> Response {
        let at = app::forum::service::place(self.actor, self.c, self.thread);
        let now = self.state.clock.now();
        if app::forum::drafts::save(&self.state.db, at, title, body, now)
            .await
            .is_err()
        {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        with_problem(&self.page, reply_code(problem), self.anchor)
    }

    /// Back to the form for an input problem; any other error as its status.
    async fn refuse(&self, title: &str, body: &str, e: &AppError) -> Response {
        match first_problem(e) {
            Some(t) => self.keep(title, body, t).await,
            None => status_of(e),
        }
    }
}

/// The title and text of the form and its files, checked: the text first (with
/// `check`), then each file, so that nothing is stored for a refused text.
async fn read_post(
    state: &AppState,
    info: &RequestInfo,
    multipart: Multipart,
    back: &Back<'_>,
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
        return Err(back.refuse(&title, &body, &e).await);
    }
    match check_all(state, info, form.files, Accept::Documents).await {
        Ok(files) => Ok((title, body, files)),
        Err(Ok(t)) => Err(back.keep(&title, &body, t).await),
        Err(Err(r)) => Err(r),
    }
}

/// A new thread with files attached to its opening post.
pub async fn start_thread(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, category)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    let (c, actor) = match enter(&state, &info, &slug, Action::PostInCommunity).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Ok(Some(k)) = app::forum::repo::category(&state.db, c.id, &category).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = Back {
        state: &state,
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
    let (title, body, files) = match read_post(&state, &info, multipart, &back, check).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match app::forum::posting::start_thread(&state, &actor, &c, k.id, &title, &body, &files).await {
        Ok(id) => Redirect::to(&format!("/comunita/{}/forum/t/{id}", c.slug)).into_response(),
        Err(e) => back.refuse(&title, &body, &e).await,
    }
}

/// A reply with its files.
pub async fn reply(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, thread)): Path<(String, i64)>,
    multipart: Multipart,
) -> Response {
    let (c, actor) = match enter(&state, &info, &slug, Action::PostInCommunity).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let back = Back {
        state: &state,
        actor: &actor,
        c: &c,
        thread: Some(thread),
        page: format!("/comunita/{}/forum/t/{thread}", c.slug),
        anchor: "rispondi",
    };
    let check = |_: &str, body: &str| app::forum::posting::check_body(body).map(|_| ());
    let (_, body, files) = match read_post(&state, &info, multipart, &back, check).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match app::forum::posting::reply(&state, &actor, &c, thread, &body, &files).await {
        Ok(number) => {
            // The extra `r` makes the address new even when only the anchor changes.
            let path =
                post_path(&c.slug, thread, number).replacen('#', &format!("&r={number}#"), 1);
            Redirect::to(&path).into_response()
        }
        Err(e) => back.refuse("", &body, &e).await,
    }
}
