//! `piazza serve`: open the database, migrate, listen, and stop gracefully.

use crate::config::{ConfigError, ServeConfig, LISTEN, SMTP_URL};
use crate::{live, mailer, maintenance, router};
use app::db::Db;
use app::state::AppState;
use leptos::prelude::LeptosOptions;

/// Leptos options built from Piazza's own configuration (no Cargo.toml at run time).
pub fn leptos_options(config: &ServeConfig) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("piazza")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .build()
}

pub async fn serve(db: Db, config: ServeConfig) -> Result<(), ConfigError> {
    let stop = shutdown_signal();
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                " (is another program using it?)"
            } else {
                ""
            };
            ConfigError::new(
                LISTEN,
                format!("cannot listen on {}: {e}{hint}", config.listen),
            )
        })?;
    // A database restored or migrated before search existed has an empty index.
    if app::search::repo::is_empty(&db).await.unwrap_or(false) {
        if let Err(e) = app::search::repo::reindex_all(&db).await {
            tracing::error!(error = %e, "cannot build the search index");
        }
    }
    let smtp = config.smtp_url.as_deref();
    let transport = mailer::Transport::from_url(smtp, 1, std::time::Duration::from_secs(30))
        .map_err(|e| ConfigError::new(SMTP_URL, e))?;
    // The newsletters' lane has its own connections, timed by its lease.
    let bulk =
        mailer::Transport::from_url(smtp, config.bulk.concurrency, config.bulk.command_timeout())
            .map_err(|e| ConfigError::new(SMTP_URL, e))?;
    let mut state = AppState::new(db.clone(), config.public_url.clone());
    state.trust_proxy = config.trust_proxy;
    state.files = config.uploads.clone();
    state.tiles = config.tiles.clone();
    tokio::spawn(mailer::run(
        state.clone(),
        transport,
        config.mail_from.clone(),
    ));
    tokio::spawn(crate::newsletter::sender::run(
        state.clone(),
        bulk,
        config.mail_from.clone(),
        config.bulk,
    ));
    live::spawn_bus(&state);
    let bus = state.live.clone();
    tokio::spawn(maintenance::run(state.clone()));
    tokio::spawn(crate::publisher::run(state.clone()));
    tokio::spawn(app::notify::digest::run(state.clone()));
    let uploads = config.uploads.describe();
    let metrics = crate::metrics::Metrics::with_token(config.metrics_token.clone());
    let app = router::app_with(state, leptos_options(&config), metrics)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    tracing::info!(address = %config.listen, public_url = %config.public_url, database = db.backend().name(), uploads = %uploads, "Piazza is listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            stop.await;
            // Open streams end now; the rest of the requests may finish.
            bus.close();
        })
        .await
        .map_err(|e| ConfigError::new(LISTEN, format!("server stopped: {e}")))?;
    tracing::info!("in-flight requests finished; closing the database");
    db.close().await;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; axum then stops accepting and lets in-flight
/// requests finish. The handlers are registered when this is called (before the port
/// opens), so a signal that comes while starting is heard, not the default abrupt end.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (interrupt, terminate) = signals;
            tokio::select! {
                () = heard(interrupt, "SIGINT") => {},
                () = heard(terminate, "SIGTERM") => {},
            }
        }
        #[cfg(not(unix))]
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
        tracing::info!("shutdown requested");
    }
}

/// Resolves when the signal comes; never, when it could not be listened for (the other
/// one still can stop the server).
#[cfg(unix)]
async fn heard(signal: std::io::Result<tokio::signal::unix::Signal>, name: &'static str) {
    match signal {
        Ok(mut s) => {
            s.recv().await;
        }
        Err(e) => {
            tracing::warn!(error = %e, signal = name, "cannot listen for a signal");
            std::future::pending::<()>().await;
        }
    }
}
