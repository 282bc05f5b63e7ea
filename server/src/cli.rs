//! The command line: `piazza [options] <command>`. Every option can also be given
//! through the environment variable named beside it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "piazza",
    version,
    about = "Piazza: civic participation and community for Italian public administrations"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Database: `sqlite://FILE` or `postgres://USER@HOST/DB`. Default: a SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Directory for the default SQLite database.
    #[arg(long, env = "PIAZZA_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Log filter, e.g. `info` or `piazza_server=debug,info`.
    #[arg(
        long,
        env = "PIAZZA_LOG",
        default_value = "info,sqlx=warn",
        global = true
    )]
    pub log: String,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "PIAZZA_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default command).
    Serve(ServeArgs),
    /// Apply the database migrations and exit.
    Migrate,
    /// Load the demo Unione di Comuni and its content (safe to run again).
    SeedDemo,
    /// Grow the demo data to a benchmark's size (10 enti, 200,000 accounts, 1,000,000
    /// forum posts, 100,000 answers); once, after seed-demo.
    SeedBench,
    /// Add subscribers to Lugo's general list and an issue due now, for the
    /// newsletter benchmark (`bench/newsletter`); after seed-demo.
    SeedNewsletter {
        /// How many subscribers to add.
        #[arg(long, default_value_t = 76_000)]
        subscribers: i64,
    },
    /// Create a platform administrator (or make an existing account one).
    CreateAdmin {
        /// The administrator's email address.
        #[arg(long)]
        email: String,
        /// The name shown in the interface.
        #[arg(long, default_value = "")]
        name: String,
        /// The password; generated and printed once when not given.
        #[arg(long, env = "PIAZZA_ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Write every table to a portable backup file (JSON lines).
    Backup {
        /// The file to write.
        #[arg(long)]
        to: PathBuf,
    },
    /// Load a backup file into an empty database.
    Restore {
        /// The file to read.
        #[arg(long)]
        from: PathBuf,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PIAZZA_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: String,

    /// The address people use to reach Piazza (links in emails, feeds). Default: http://LISTEN.
    #[arg(long, env = "PIAZZA_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Directory with the compiled site (wasm, css, vendor assets) made by `cargo leptos build`.
    #[arg(long, env = "PIAZZA_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Outgoing mail server, e.g. `smtp://localhost:2525` or `smtps://user:pass@mail.example.it`.
    /// Without it, mail is kept in the outbox and shown to administrators at /admin/posta.
    #[arg(long, env = "PIAZZA_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The sender of Piazza's mail, e.g. `Comune di Lugo <noreply@comune.lugo.it>`.
    /// Default: `Piazza <noreply@HOST>` with the host of the public address.
    #[arg(long, env = "PIAZZA_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// How many mails of a newsletter a node sends at once (SMTP connections).
    #[arg(long, env = "PIAZZA_MAIL_CONCURRENCY", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub mail_concurrency: u16,

    /// The most newsletter mails a node sends per second (0: as fast as the SMTP
    /// server takes them), for relays that limit their senders.
    #[arg(long, env = "PIAZZA_MAIL_RATE", default_value_t = 50,
          value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub mail_rate: u32,

    /// Seconds a node holds the newsletter mails it took before another node may
    /// take them (after a crash, sending resumes at most this long after).
    #[arg(long, env = "PIAZZA_MAIL_LEASE", default_value_t = 120,
          value_parser = clap::value_parser!(u32).range(30..=3600))]
    pub mail_lease: u32,

    /// Take the client address from the last `X-Forwarded-For` entry (only behind a
    /// reverse proxy that sets it; otherwise anyone could choose their address).
    #[arg(long, env = "PIAZZA_TRUST_PROXY")]
    pub trust_proxy: bool,

    /// The token a metrics scraper sends (`Authorization: Bearer …`, at least 16
    /// characters) to read `/metrics`; without it only platform admins may.
    #[arg(long, env = "PIAZZA_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Where uploaded files' contents go: `database` (the default), `dir:/PATH`, or
    /// `s3://BUCKET` with the usual AWS_* variables (AWS_ENDPOINT for a compatible store).
    #[arg(long, env = "PIAZZA_UPLOADS", default_value = "database")]
    pub uploads: String,

    /// The map tiles maps draw on, an address with {z}, {x} and {y}, e.g.
    /// `https://tiles.example.it/{z}/{x}/{y}.png`. Without it maps show their markers
    /// on a plain background.
    #[arg(long, env = "PIAZZA_MAP_TILES")]
    pub map_tiles: Option<String>,

    /// The attribution the tiles' provider asks for, shown on every map.
    #[arg(long, env = "PIAZZA_MAP_ATTRIBUTION", default_value = "")]
    pub map_attribution: String,
}

/// `piazza` with no command means `piazza serve`, with serve's defaults and
/// environment variables applied exactly as clap applies them to `serve`.
pub fn default_serve_args() -> Result<ServeArgs, clap::Error> {
    #[derive(Parser)]
    struct ServeOnly {
        #[command(flatten)]
        args: ServeArgs,
    }
    ServeOnly::try_parse_from(["piazza"]).map(|s| s.args)
}
