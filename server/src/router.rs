//! The one place where the HTTP application is assembled: `app()`.

use crate::metrics::{self, Metrics};
use crate::{
    auth, community, consultation, csrf, health, lang, live, newsletter, page_cache, privacy, site,
    social, upload,
};
use app::state::AppState;
use app::{shell, App};
use axum::http::{header, HeaderName, HeaderValue, Request};
use axum::middleware;
use axum::routing::{get, post};
use axum::{Extension, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_http::CompressionLevel;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The largest request body accepted (1 MiB).
pub const MAX_BODY: usize = 1 << 20;

/// The pages' routes, listed once per process. Listing them renders the whole app
/// with resource loading switched off, and that switch is one for the process
/// (leptos_server's `SuppressResourceLoad` is a static, not per thread): a page
/// rendered on another thread meanwhile waits for ever for its resources. Building a
/// router per test did exactly that, now and then, under the 60-second timeout.
static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> =
    std::sync::LazyLock::new(|| generate_route_list(App));

/// Every route of Piazza: health checks, plain form endpoints, server functions,
/// the Leptos pages and the static files of the site.
pub fn app(state: AppState, options: LeptosOptions) -> Router {
    app_with(state, options, Metrics::default())
}

/// [`app`], with the node's metrics (and the token scrapers send for them).
pub fn app_with(state: AppState, options: LeptosOptions, metrics: Metrics) -> Router {
    let routes = ROUTES.clone();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let pages = Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .with_state(options);

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/lang", post(lang::switch))
        .route("/account/dati.json", get(privacy::download))
        .route("/live", get(live::events))
        .route("/metrics", get(metrics::serve))
        .route(
            "/gestione/{ente}/consultazioni/{slug}/risposte.csv",
            get(consultation::export::download),
        )
        .route(
            "/gestione/{ente}/consultazioni/{slug}/risposte.xlsx",
            get(consultation::export::download_xlsx),
        )
        .route(
            "/gestione/{ente}/social/piano.csv",
            get(social::plan_export::csv),
        )
        .route(
            "/gestione/{ente}/social/piano.ics",
            get(social::plan_export::ics),
        )
        .route("/file/{token}/{name}", get(upload::serve::serve))
        .route(
            "/comunita/{slug}/file/{id}/scarica",
            get(community::files::download),
        )
        .route("/comunita/{slug}/blog/feed.atom", get(community::blog::atom))
        .route("/comunita/{slug}/blog/rss.xml", get(community::blog::rss))
        .route("/sitemap.xml", get(site::sitemap::sitemap))
        .route("/robots.txt", get(site::sitemap::robots))
        .route("/{ente}/notizie/feed.atom", get(site::feeds::atom))
        .route("/{ente}/notizie/rss.xml", get(site::feeds::rss))
        .route("/{ente}/comunicati/feed.atom", get(site::feeds::releases_atom))
        .route("/{ente}/comunicati/rss.xml", get(site::feeds::releases_rss))
        .route("/{ente}/eventi/calendario.ics", get(site::calendar::agenda))
        .route("/{ente}/eventi/{slug}/calendario.ics", get(site::calendar::one))
        .route("/{ente}/luoghi/mappa.geojson", get(site::places::geojson))
        .route("/{ente}/servizi/{slug}/condizioni.txt", get(site::terms::conditions))
        .route(
            "/newsletter/uscita/{token}",
            get(newsletter::one_click::open).post(newsletter::one_click::leave),
        )
        .route(
            "/gestione/{ente}/newsletter/{id}/anteprima",
            get(newsletter::preview::show),
        )
        .with_state(state.clone())
        .merge(pages)
        // No request body is larger than this (forms, server functions)…
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        // …but uploads, on their own routes.
        .merge(
            Router::new()
                .route(
                    "/gestione/{ente}/consultazioni/{slug}/file",
                    post(consultation::files::upload_to_consultation),
                )
                .route(
                    "/{ente}/consultazioni/{slug}/risposta",
                    post(consultation::files::answer_with_files),
                )
                .route(
                    "/comunita/{slug}/carica-file",
                    post(community::files::upload_document),
                )
                .route(
                    "/comunita/{slug}/file/{id}/versione",
                    post(community::files::upload_version),
                )
                .route("/comunita/{slug}/copertina", post(community::files::set_cover))
                .route(
                    "/comunita/{slug}/blog/{post}/copertina",
                    post(community::blog::set_cover),
                )
                .route(
                    "/comunita/{slug}/forum/t/{thread}/rispondi",
                    post(community::forum::reply),
                )
                .route(
                    "/comunita/{slug}/forum/{category}/apri",
                    post(community::forum::start_thread),
                )
                .route(
                    "/gestione/{ente}/social/kpi/carica",
                    post(social::kpi_upload::upload),
                )
                .route(
                    "/gestione/{ente}/social/piano/{id}/immagini",
                    post(social::media::upload),
                )
                .route(
                    "/gestione/{ente}/sito/{kind}/{id}/immagine",
                    post(site::image::upload),
                )
                .with_state(state.clone())
                .layer(axum::extract::DefaultBodyLimit::disable())
                .layer(RequestBodyLimitLayer::new(upload::MAX_UPLOAD_BODY)),
        )
        // Inner layers run last: CSRF is checked before anything else happens, and
        // the request is identified before pages and server functions see it.
        .layer(middleware::from_fn_with_state(state.clone(), auth::identify))
        .layer(middleware::from_fn_with_state(state.clone(), csrf::guard))
        // Anonymous pages come from the node's cache when they can (before anyone
        // is identified: a request that has a session is never served from it).
        .layer(middleware::from_fn_with_state(
            (page_cache::PageCache::following(&state.live), state.clone()),
            page_cache::layer,
        ))
        // Behind https, browsers are told to come back only over https.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            state
                .secure_cookies()
                .then(|| HeaderValue::from_static("max-age=31536000")),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        // gzip's fastest level, nginx's default: pages are small and rendered per request
        // (or copied from the page cache), so the CPU matters more than the last bytes;
        // the wasm, scripts and styles are compressed once, at build time.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(60)))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(middleware::from_fn(metrics::count))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
            let id = req
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            let theirs = req
                .headers()
                .get(&CLIENT_REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            // The matched route, not the path: no personal data in a span's name.
            let route = metrics::route_of(req);
            tracing::info_span!("request", method = %req.method(), route = %route, request_id = %id, client_request_id = %theirs)
        }))
        .layer(Extension(metrics))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(middleware::map_request(own_request_id))
}

/// The id a client sent, kept for the log only (at most 64 visible characters).
const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("x-client-request-id");

/// Every request gets an id of ours (a UUID, in logs and audit rows); one that the
/// client sent is moved aside, bounded, so that nobody writes into the audit log.
async fn own_request_id(mut req: axum::extract::Request) -> axum::extract::Request {
    let headers = req.headers_mut();
    headers.remove(&CLIENT_REQUEST_ID);
    if let Some(theirs) = headers.remove(&REQUEST_ID) {
        let bounded: String = String::from_utf8_lossy(theirs.as_bytes())
            .chars()
            .filter(|c| c.is_ascii_graphic())
            .take(64)
            .collect();
        if let Ok(value) = HeaderValue::from_str(&bounded) {
            headers.insert(CLIENT_REQUEST_ID, value);
        }
    }
    req
}
