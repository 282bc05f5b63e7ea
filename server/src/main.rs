//! `piazza`: see `piazza --help`.

#![recursion_limit = "512"]

use clap::Parser;
use piazza_server::cli::Cli;
use piazza_server::config::{LOG, LOG_FORMAT};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn init_tracing(filter: &str, format: &str) -> Result<(), String> {
    let filter = EnvFilter::try_new(filter).map_err(|e| format!("{LOG}: {e}"))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        "text" => builder.init(),
        "json" => builder.json().init(),
        other => return Err(format!("{LOG_FORMAT}: {other:?} is neither text nor json")),
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match init_tracing(&cli.global.log, &cli.global.log_format) {
        Ok(()) => piazza_server::run(cli).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("piazza: error: {}", message.replace(['\n', '\r'], " "));
            ExitCode::FAILURE
        }
    }
}
