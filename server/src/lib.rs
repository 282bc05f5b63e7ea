//! The Piazza server: the command line, configuration, HTTP assembly and the
//! server-only commands (demo data, backup, restore), and the plain HTTP handlers
//! (uploads, downloads, exports, feeds) in a folder per domain, each deciding through
//! `gate`. Pages, server functions and the data layer live in the `app` crate.

#![recursion_limit = "512"]
// Plain handlers return `Result<Response, Response>` (axum's idiom): a refusal is the
// response itself, and its size is no concern.
#![allow(clippy::result_large_err)]

pub mod admin;
pub mod auth;
pub mod backup;
pub mod cli;
pub mod community;
pub mod config;
pub mod consultation;
pub mod csrf;
pub mod demo;
pub mod download;
pub mod formats;
pub mod gate;
pub mod health;
pub mod lang;
pub mod live;
pub mod mailer;
pub mod maintenance;
pub mod metrics;
pub mod newsletter;
pub mod page_cache;
pub mod privacy;
pub mod publisher;
pub mod router;
pub mod serve;
pub mod site;
pub mod social;
pub mod upload;

use app::db::Db;
use cli::{Cli, Command};
use config::{ConfigError, ServeConfig, DATABASE_URL};

/// Opens the configured database and brings its schema up to date.
pub async fn open_database(global: &cli::GlobalArgs) -> Result<Db, ConfigError> {
    let url = config::database_url(global)?;
    let db = Db::connect(&url)
        .await
        .map_err(|e| ConfigError::new(DATABASE_URL, format!("{} ({})", e, config::redact(&url))))?;
    db.migrate()
        .await
        .map_err(|e| ConfigError::new(DATABASE_URL, e.to_string()))?;
    Ok(db)
}

/// Runs one command of the command line. Errors come back as one printable line.
pub async fn run(cli: Cli) -> Result<(), String> {
    let global = cli.global.clone();
    let command = match cli.command {
        Some(command) => command,
        None => Command::Serve(cli::default_serve_args().map_err(|e| e.to_string())?),
    };
    // Check serve's settings before touching the database, so a typo fails fast.
    let serve_config = match &command {
        Command::Serve(args) => Some(ServeConfig::from_args(args).map_err(|e| e.to_string())?),
        _ => None,
    };
    let db = open_database(&global).await.map_err(|e| e.to_string())?;
    let result = match command {
        Command::Serve(_) => match serve_config {
            Some(config) => serve::serve(db.clone(), config)
                .await
                .map_err(|e| e.to_string()),
            None => Ok(()),
        },
        Command::Migrate => {
            tracing::info!(database = db.backend().name(), "migrations applied");
            Ok(())
        }
        Command::SeedDemo => {
            demo::seed(&db)
                .await
                .map_err(|e| format!("seed-demo: {e}"))?;
            tracing::info!("demo data loaded");
            Ok(())
        }
        Command::SeedBench => {
            let done = demo::large::seed(&db, demo::large::Scale::FULL)
                .await
                .map_err(|e| format!("seed-bench: {e}"))?;
            for line in done {
                tracing::info!("{line}");
            }
            Ok(())
        }
        Command::SeedNewsletter { subscribers } => {
            let issue = demo::newsletter_bench::seed(&db, subscribers)
                .await
                .map_err(|e| format!("seed-newsletter: {e}"))?;
            tracing::info!(issue, subscribers, "newsletter issue due now");
            Ok(())
        }
        Command::CreateAdmin {
            email,
            name,
            password,
        } => {
            let created = admin::create_admin(&db, &email, &name, password.as_deref()).await?;
            match (&created.generated_password, created.new_account) {
                (Some(p), _) => {
                    println!("Platform administrator {email} created. Password (shown once): {p}")
                }
                (None, true) => {
                    println!("Platform administrator {email} created with the given password.")
                }
                (None, false) => {
                    println!("{email} already had an account; it is now a platform administrator.")
                }
            }
            Ok(())
        }
        Command::Backup { to } => {
            let rows = backup::backup(&db, &to)
                .await
                .map_err(|e| format!("backup: {e}"))?;
            tracing::info!(rows, file = %to.display(), "backup written");
            Ok(())
        }
        Command::Restore { from } => {
            let rows = backup::restore(&db, &from)
                .await
                .map_err(|e| format!("restore: {e}"))?;
            tracing::info!(rows, file = %from.display(), "backup restored");
            Ok(())
        }
    };
    db.close().await;
    result
}
