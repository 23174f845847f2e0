//! Times are stored in UTC and shown in Europe/Stockholm.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Stockholm;

pub fn local_time(t: &DateTime<Utc>) -> String {
    t.with_timezone(&Stockholm)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The day of `t` in Stockholm, as `YYYY-MM-DD` (a date filter's value).
pub fn local_date(t: &DateTime<Utc>) -> String {
    t.with_timezone(&Stockholm).format("%Y-%m-%d").to_string()
}

/// For `<time datetime=…>`.
pub fn iso(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Today's date in Stockholm.
pub fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&Stockholm).date_naive()
}

/// The current Stockholm time as an `<input type="datetime-local">` value.
pub fn now_local_input() -> String {
    Utc::now()
        .with_timezone(&Stockholm)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// An `<input type="datetime-local">` value read as Stockholm wall-clock time.
pub fn parse_local_input(raw: &str) -> Option<DateTime<Utc>> {
    use chrono::{Datelike, NaiveDateTime, TimeZone};
    let naive = NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M")
        .ok()
        .filter(|t| (1900..=2200).contains(&t.year()))?;
    Stockholm
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Midnight at the start of `day` in Stockholm, in UTC.
pub fn day_start(day: chrono::NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Stockholm
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| midnight.and_utc())
}
