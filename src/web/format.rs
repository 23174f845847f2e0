//! Times are stored in UTC and shown in Europe/Stockholm.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Stockholm;

pub fn local_time(t: &DateTime<Utc>) -> String {
    t.with_timezone(&Stockholm)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// For `<time datetime=…>`.
pub fn iso(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
