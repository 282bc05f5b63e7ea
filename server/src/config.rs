//! Turning the command line into a checked configuration. A wrong setting becomes
//! one [`ConfigError`] that names the setting, printed on one line at start-up.

use crate::cli::{GlobalArgs, ServeArgs};
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A setting that cannot be used, and why.
#[derive(Debug)]
pub struct ConfigError {
    pub setting: &'static str,
    pub problem: String,
}

impl ConfigError {
    pub fn new(setting: &'static str, problem: impl Into<String>) -> ConfigError {
        ConfigError {
            setting,
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, whatever the underlying error printed.
        let problem = self.problem.replace(['\n', '\r'], " ");
        write!(f, "{}: {}", self.setting, problem)
    }
}

impl std::error::Error for ConfigError {}

pub const DATABASE_URL: &str = "DATABASE_URL (--database-url)";
pub const DATA_DIR: &str = "PIAZZA_DATA_DIR (--data-dir)";
pub const LISTEN: &str = "PIAZZA_LISTEN (--listen)";
pub const PUBLIC_URL: &str = "PIAZZA_PUBLIC_URL (--public-url)";
pub const SITE_ROOT: &str = "PIAZZA_SITE_ROOT (--site-root)";
pub const SMTP_URL: &str = "PIAZZA_SMTP_URL (--smtp-url)";
pub const MAIL_FROM: &str = "PIAZZA_MAIL_FROM (--mail-from)";
pub const UPLOADS: &str = "PIAZZA_UPLOADS (--uploads)";
pub const MAP_TILES: &str = "PIAZZA_MAP_TILES (--map-tiles)";
pub const LOG: &str = "PIAZZA_LOG (--log)";
pub const LOG_FORMAT: &str = "PIAZZA_LOG_FORMAT (--log-format)";

/// Makes sure the data directory exists and can be written to.
pub fn prepare_data_dir(dir: &Path) -> Result<PathBuf, ConfigError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ConfigError::new(DATA_DIR, format!("cannot create {}: {e}", dir.display())))?;
    let probe = dir.join(".piazza-write-test");
    std::fs::write(&probe, b"ok")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|e| {
            ConfigError::new(DATA_DIR, format!("cannot write to {}: {e}", dir.display()))
        })?;
    Ok(dir.to_path_buf())
}

/// The database URL: the one given, or a SQLite file in the data directory.
pub fn database_url(global: &GlobalArgs) -> Result<String, ConfigError> {
    match &global.database_url {
        Some(url) if url.starts_with("sqlite:") => {
            // A SQLite file lives in a directory that must be writable too.
            let path = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            let path = path.split('?').next().unwrap_or_default();
            if let Some(parent) = Path::new(path)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(parent).map_err(|e| {
                    ConfigError::new(
                        DATABASE_URL,
                        format!("cannot create {}: {e}", parent.display()),
                    )
                })?;
            }
            Ok(url.clone())
        }
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(url.clone())
        }
        Some(url) => Err(ConfigError::new(
            DATABASE_URL,
            format!(
                "{:?} is neither sqlite://FILE nor postgres://…",
                redact(url)
            ),
        )),
        None => {
            let dir = prepare_data_dir(&global.data_dir)?;
            Ok(format!("sqlite://{}", dir.join("piazza.db").display()))
        }
    }
}

/// A URL with its password hidden, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Settings of `piazza serve`, checked.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    pub public_url: String,
    pub site_root: PathBuf,
    pub smtp_url: Option<String>,
    pub mail_from: lettre::message::Mailbox,
    /// How newsletters are sent (`crate::newsletter::sender`).
    pub bulk: crate::newsletter::sender::Settings,
    pub trust_proxy: bool,
    pub metrics_token: Option<String>,
    pub uploads: app::db::blobs::Storage,
    pub tiles: Option<app::tiles::MapTiles>,
}

impl ServeConfig {
    pub fn from_args(args: &ServeArgs) -> Result<ServeConfig, ConfigError> {
        let listen: SocketAddr = args.listen.trim().parse().map_err(|_| {
            ConfigError::new(
                LISTEN,
                format!("{:?} is not an address like 127.0.0.1:3000", args.listen),
            )
        })?;
        let public_url = match &args.public_url {
            Some(url) => {
                let url = url.trim().trim_end_matches('/').to_string();
                if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() < 10 {
                    return Err(ConfigError::new(
                        PUBLIC_URL,
                        format!("{url:?} must be an address like https://piazza.example.it"),
                    ));
                }
                url
            }
            None => format!("http://{listen}"),
        };
        if !args.site_root.join("pkg").is_dir() {
            return Err(ConfigError::new(
                SITE_ROOT,
                format!(
                    "{} has no pkg/ folder: build the site first (cargo leptos build) or point to it",
                    args.site_root.display()
                ),
            ));
        }
        if let Some(smtp) = &args.smtp_url {
            if !(smtp.starts_with("smtp://") || smtp.starts_with("smtps://")) {
                return Err(ConfigError::new(
                    SMTP_URL,
                    "must start with smtp:// or smtps://",
                ));
            }
        }
        let mail_from = match &args.mail_from {
            Some(text) => text.trim().parse().map_err(|e| {
                ConfigError::new(MAIL_FROM, format!("{text:?} is not a mail address: {e}"))
            })?,
            None => default_sender(&public_url).map_err(|e| {
                ConfigError::new(
                    MAIL_FROM,
                    format!("cannot make a sender from {public_url}: {e}"),
                )
            })?,
        };
        let uploads = app::db::blobs::Storage::from_setting(&args.uploads)
            .map_err(|e| ConfigError::new(UPLOADS, e))?;
        let tiles = match &args.map_tiles {
            Some(url) if !url.trim().is_empty() => Some(
                app::tiles::MapTiles::parse(url, &args.map_attribution)
                    .map_err(|e| ConfigError::new(MAP_TILES, e))?,
            ),
            _ => None,
        };
        Ok(ServeConfig {
            tiles,
            uploads,
            listen,
            public_url,
            site_root: args.site_root.clone(),
            smtp_url: args.smtp_url.clone(),
            mail_from,
            bulk: crate::newsletter::sender::Settings {
                concurrency: usize::from(args.mail_concurrency),
                rate: args.mail_rate,
                lease: std::time::Duration::from_secs(u64::from(args.mail_lease)),
            },
            trust_proxy: args.trust_proxy,
            metrics_token: args.metrics_token.clone(),
        })
    }
}

/// `Piazza <noreply@HOST>`; a local address (an IP or localhost) gets a domain that
/// cannot be mistaken for a real one.
fn default_sender(
    public_url: &str,
) -> Result<lettre::message::Mailbox, lettre::address::AddressError> {
    let host = app::state::host_of(public_url);
    let local = host.is_empty()
        || host == "localhost"
        || !host.contains('.')
        || host.parse::<std::net::IpAddr>().is_ok();
    let domain = if local { "piazza.invalid" } else { host };
    let address = lettre::Address::new("noreply", domain)?;
    Ok(lettre::message::Mailbox::new(
        Some("Piazza".to_string()),
        address,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve_args(listen: &str) -> ServeArgs {
        ServeArgs {
            listen: listen.into(),
            site_root: std::env::temp_dir(),
            ..ServeArgs::default()
        }
    }

    #[test]
    fn a_bad_listen_address_names_the_setting() {
        let err = ServeConfig::from_args(&serve_args("port 80")).err();
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.starts_with("PIAZZA_LISTEN"), "{text}");
    }

    #[test]
    fn a_missing_site_root_is_explained() {
        let err = ServeConfig::from_args(&serve_args("127.0.0.1:0")).err();
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.starts_with("PIAZZA_SITE_ROOT"), "{text}");
    }

    #[test]
    fn passwords_are_hidden_in_messages() {
        assert_eq!(
            redact("postgres://piazza:secret@db/piazza"),
            "postgres://piazza:***@db/piazza"
        );
        assert_eq!(redact("postgres://db/piazza"), "postgres://db/piazza");
    }

    #[test]
    fn the_default_sender_uses_the_public_host() {
        assert_eq!(
            default_sender("https://piazza.comune.lugo.it").map(|m| m.to_string()),
            Ok("Piazza <noreply@piazza.comune.lugo.it>".to_string())
        );
        assert_eq!(
            default_sender("http://127.0.0.1:3000").map(|m| m.email.to_string()),
            Ok("noreply@piazza.invalid".to_string())
        );
    }

    #[test]
    fn errors_fit_on_one_line() {
        let e = ConfigError::new(LISTEN, "first\nsecond");
        assert!(!e.to_string().contains('\n'));
    }
}
