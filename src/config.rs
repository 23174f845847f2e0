//! Layered configuration: `config/default.toml` (compiled in, so the binary always has every
//! default), then the file named by `LOTSBOK_CONFIG`, then `LOTSBOK_*` environment variables.
//! A bad value is reported as one line that names the key.

use std::net::SocketAddr;
use std::path::PathBuf;

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use serde::Deserialize;
use url::Url;

const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    pub base_url: Url,
    pub smtp_url: String,
    pub mail_dir: PathBuf,
    pub mail_from: String,
    pub assets_dir: PathBuf,
    pub db_max_connections: u32,
    pub db_sqlite_max_connections: u32,
    pub trust_forwarded_for: bool,
    pub session: SessionConfig,
    pub two_factor: TwoFactorConfig,
    pub login: LoginConfig,
    pub tokens: TokenConfig,
    pub outbox: OutboxConfig,
    pub mailings: MailingsConfig,
    pub interest: InterestConfig,
    pub reports: ReportsConfig,
    pub retention: RetentionConfig,
    pub reminders: RemindersConfig,
    pub imports: ImportsConfig,
    pub metrics: MetricsConfig,
    pub backup: BackupConfig,
    /// `text` (one line per event, for a terminal) or `json` (one object per line).
    pub log_format: LogFormat,
    /// How long a stop (SIGTERM, Ctrl-C) waits for answers and work under way.
    pub stop_seconds: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MetricsConfig {
    /// TCP peers that may read `/metrics` without the token.
    pub allow_from: Vec<std::net::IpAddr>,
    /// A bearer token that may read `/metrics` from anywhere; empty: none.
    pub token: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BackupConfig {
    /// Hours between scheduled backups of a SQLite database; 0: none.
    pub every_hours: u64,
    pub dir: PathBuf,
    /// How many scheduled backups to keep (the oldest beyond are deleted).
    pub keep: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ImportsConfig {
    pub max_upload_bytes: usize,
    pub keep_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RemindersConfig {
    /// `HH:MM`, Stockholm time.
    pub local_time: String,
    pub poll_minutes: u64,
}

impl RemindersConfig {
    pub fn time(&self) -> Option<chrono::NaiveTime> {
        chrono::NaiveTime::parse_from_str(&self.local_time, "%H:%M").ok()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct RetentionConfig {
    pub inactive_months: u32,
    pub warn_days: u32,
    pub run_every_minutes: u64,
    pub mover_link_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReportsConfig {
    pub small_cell_threshold: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InterestConfig {
    pub min_seconds: i64,
    pub max_age_hours: i64,
    pub per_minute: u32,
    pub max_body_bytes: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionConfig {
    pub idle_minutes: u32,
    /// How long the accounts, municipalities and campaigns held in memory are trusted
    /// before the database is asked whether any changed (see `reference`).
    pub recheck_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TwoFactorConfig {
    /// 64 hex digits: the key the authenticator secrets are encrypted with.
    pub key: String,
    /// Where a key is made and kept when `key` is empty.
    pub key_file: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LoginConfig {
    pub max_failures_per_account: u32,
    pub max_failures_per_client: u32,
    pub window_minutes: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TokenConfig {
    pub invite_hours: u32,
    pub reset_minutes: u32,
    pub setup_hours: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MailingsConfig {
    pub per_minute: u32,
    pub confirm_above: u32,
    pub batch: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OutboxConfig {
    pub poll_seconds: u64,
    pub retry_base_seconds: u64,
    pub retry_max_seconds: u64,
    pub max_attempts: i32,
    pub lease_seconds: i64,
}

impl Config {
    /// Reads the layers from the process environment.
    pub fn load() -> Result<Self, String> {
        let mut fig = Figment::from(Toml::string(DEFAULTS));
        if let Ok(path) = std::env::var("LOTSBOK_CONFIG") {
            if !std::path::Path::new(&path).is_file() {
                return Err(format!(
                    "config: LOTSBOK_CONFIG names {path}, which is not a file"
                ));
            }
            fig = fig.merge(Toml::file(path));
        }
        let fig = fig.merge(Env::prefixed("LOTSBOK_").ignore(&["config"]).split("__"));
        Self::from_figment(fig)
    }

    /// The compiled-in defaults alone (tests start from these).
    pub fn defaults() -> Result<Self, String> {
        Self::from_figment(Figment::from(Toml::string(DEFAULTS)))
    }

    fn from_figment(fig: Figment) -> Result<Self, String> {
        let cfg: Config = fig.extract().map_err(|e| {
            let key = e.path.join(".");
            let msg = e.kind.to_string();
            if key.is_empty() {
                format!("config: {msg}")
            } else {
                format!("config: bad value for `{key}`: {msg}")
            }
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    fn validate(&self) -> Result<(), String> {
        if !matches!(self.base_url.scheme(), "http" | "https") {
            return Err(
                "config: bad value for `base_url`: must start with http:// or https://".into(),
            );
        }
        if !(self.database_url.starts_with("sqlite:") || self.database_url.starts_with("postgres"))
        {
            return Err(
                "config: bad value for `database_url`: must be sqlite://… or postgres://…".into(),
            );
        }
        if !self.smtp_url.is_empty() {
            check_smtp_url(&self.smtp_url)
                .map_err(|e| format!("config: bad value for `smtp_url`: {e}"))?;
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err("config: bad value for `mail_from`: not a mail address".into());
        }
        if self.reminders.time().is_none() {
            return Err("config: bad value for `reminders.local_time`: must be HH:MM".into());
        }
        if self.interest.per_minute == 0 {
            return Err("config: bad value for `interest.per_minute`: must be at least 1".into());
        }
        let key_ok = hex::decode(self.two_factor.key.trim()).is_ok_and(|k| k.len() == 32);
        if !self.two_factor.key.is_empty() && !key_ok {
            return Err("config: bad value for `two_factor.key`: must be 64 hex digits".into());
        }
        if self.session.idle_minutes == 0 {
            return Err("config: bad value for `session.idle_minutes`: must be at least 1".into());
        }
        Ok(())
    }

    /// Cookies may go without the Secure flag only on plain http to this machine.
    pub fn cookies_secure(&self) -> bool {
        let local = matches!(
            self.base_url.host_str(),
            Some("localhost" | "127.0.0.1" | "[::1]")
        );
        !(self.base_url.scheme() == "http" && local)
    }

    /// An absolute link for mail: `base_url` joined with `path`.
    /// The pool's size for the configured database.
    pub fn pool_size(&self) -> u32 {
        if self.database_url.starts_with("sqlite:") {
            self.db_sqlite_max_connections
        } else {
            self.db_max_connections
        }
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.as_str().trim_end_matches('/'), path)
    }
}

/// Checks that an SMTP URL is one lettre understands (for the config check at start-up).
fn check_smtp_url(url: &str) -> Result<(), String> {
    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
