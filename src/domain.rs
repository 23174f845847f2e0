//! The shared vocabulary of a mover and a household, used by every feature: statuses,
//! sources, contact kinds, outcome reasons (each stored as its code and shown through the
//! locale key `<family>-<code>`), the household as it is stored, countries, counties, the
//! limits of free text, and dates as forms send them.

use chrono::NaiveDate;

use crate::entities::{follow_up, prospect};
use crate::i18n::Lang;

pub use crate::entities::codes::{
    ActivityKind, CampaignKind, Direction, FollowUpKind, HousingWish, ReasonCode, Source, Status,
};

/// Sweden's counties (län) by their letter codes. Proper names, the same in every language.
pub const SE_REGIONS: [(&str, &str); 21] = [
    ("AB", "Stockholms län"),
    ("C", "Uppsala län"),
    ("D", "Södermanlands län"),
    ("E", "Östergötlands län"),
    ("F", "Jönköpings län"),
    ("G", "Kronobergs län"),
    ("H", "Kalmar län"),
    ("I", "Gotlands län"),
    ("K", "Blekinge län"),
    ("M", "Skåne län"),
    ("N", "Hallands län"),
    ("O", "Västra Götalands län"),
    ("S", "Värmlands län"),
    ("T", "Örebro län"),
    ("U", "Västmanlands län"),
    ("W", "Dalarnas län"),
    ("X", "Gävleborgs län"),
    ("Y", "Västernorrlands län"),
    ("Z", "Jämtlands län"),
    ("AC", "Västerbottens län"),
    ("BD", "Norrbottens län"),
];

pub fn se_region_name(code: &str) -> Option<&'static str> {
    SE_REGIONS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// Timeline entries that the system writes (beside the contacts a guide logs).
pub mod system_kind {
    pub const STATUS: &str = "status";
    pub const REFERRAL: &str = "referral";
    pub const MERGE: &str = "merge";
    pub const CREATED: &str = "created";
    /// Created by an import; the body is the import's id.
    pub const IMPORTED: &str = "imported";
    /// The mover withdrew its consent on its self-service page.
    pub const CONSENT_WITHDRAWN: &str = "consent_withdrawn";
    /// The mover corrected its contact details on its self-service page.
    pub const MOVER_UPDATE: &str = "mover_update";
    /// The mover's data was erased; the body says why (`mover`, `guide`, `retention`).
    pub const ERASURE: &str = "erasure";
    /// A mailing was queued to the mover; the body is its subject as sent.
    pub const MAILING: &str = "mailing";
    /// The mover gave its consent to news and invitations (self-service).
    pub const NEWS_GIVEN: &str = "news_given";
    /// The mover withdrew its consent to news (a mailing's unsubscribe, self-service).
    pub const NEWS_WITHDRAWN: &str = "news_withdrawn";
    /// A guide mailed the mover a selection of jobs and homes; the body is their titles.
    pub const SELECTION: &str = "selection";
    /// Every system kind, for the test that each has a title in every staff language.
    pub const ALL: [&str; 12] = [
        STATUS,
        REFERRAL,
        MERGE,
        CREATED,
        IMPORTED,
        CONSENT_WITHDRAWN,
        MOVER_UPDATE,
        ERASURE,
        MAILING,
        NEWS_GIVEN,
        NEWS_WITHDRAWN,
        SELECTION,
    ];
}

/// What a consent is for. The guidance consent is given with the interest form (or at a
/// fair) and covers the guides' contact about the move; the news consent is a choice of its
/// own, never ticked in advance, and the only ground for a mailing.
pub mod purpose {
    pub const GUIDANCE: &str = "relocation_guidance";
    pub const NEWS: &str = "news";
    /// The version of the news consent's text (`field-news` and its translations) on the
    /// interest form and the self-service page; raise it when the text changes.
    pub const NEWS_VERSION: &str = "news-2026-12";
    /// The version of the text a guide reads out in fair mode (`capture-news`).
    pub const NEWS_FAIR_VERSION: &str = "fair-news-2026-12";
}

/// A phone number as stored and compared: digits, with a leading + kept.
pub fn normalise_phone(raw: &str) -> String {
    let t = raw.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if t.starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}

/// A checked household, ready to store.
#[derive(Debug, Clone)]
pub struct Household {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub country: Option<String>,
    /// The county, only for movers living in Sweden.
    pub se_region: Option<String>,
    pub place: Option<String>,
    pub preferred_language: String,
    pub languages: Option<String>,
    pub adults: i32,
    pub children_birth_years: Option<String>,
    pub occupation: Option<String>,
    pub partner_occupation: Option<String>,
    /// Job, partner's job, housing, school, business, leisure, other.
    pub help: [bool; 7],
    /// `email` or `phone`.
    pub contact_via: String,
    pub housing_wish: HousingWish,
    pub move_when: Option<String>,
    pub notes: Option<String>,
}

/// The county code if it is one and the mover lives in Sweden.
pub fn se_region(country: Option<&str>, code: &str) -> Option<String> {
    let code = code.trim();
    (country == Some("SE") && se_region_name(code).is_some()).then(|| code.to_string())
}

/// A date as a date field sends it (`YYYY-MM-DD`), within the years a person means
/// (1900–2200): what lies outside is no date anyone typed, and PostgreSQL cannot store all
/// of what chrono can.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&d.year()))
}

/// Longest free text accepted in one field.
pub const MAX_TEXT: usize = 10_000;

/// The longest free text accepted.
pub const MAX_MESSAGE: usize = 5_000;

/// The longest short text (names, places, occupations).
pub const MAX_SHORT: usize = 200;

/// When the mover might move: codes of the select.
pub const MOVE_WHEN: [&str; 5] = [
    "within_6_months",
    "6_12_months",
    "1_2_years",
    "later",
    "unknown",
];

/// A mover's name as it is shown.
pub fn full_name(p: &prospect::Model) -> String {
    format!("{} {}", p.first_name, p.last_name)
        .trim()
        .to_string()
}

/// Countries offered in forms (ISO codes; names from the locale files); "ZZ" is any other.
pub const COUNTRIES: [&str; 16] = [
    "SE", "NL", "DE", "BE", "DK", "NO", "FI", "GB", "PL", "CH", "AT", "FR", "ES", "IT", "US", "ZZ",
];

/// The county select, with an empty first choice.
pub fn se_region_options(lang: Lang) -> Vec<(String, String)> {
    let mut o = vec![(String::new(), crate::i18n::t(lang, "se-region-none"))];
    o.extend(
        SE_REGIONS
            .iter()
            .map(|(c, n)| (c.to_string(), n.to_string())),
    );
    o
}

/// A follow-up's title as a person reads it: stay checks are named by their kind.
pub fn follow_up_title(lang: Lang, f: &follow_up::Model) -> String {
    match f.kind {
        FollowUpKind::Stay6 => crate::i18n::t(lang, "stay-check-6"),
        FollowUpKind::Stay12 => crate::i18n::t(lang, "stay-check-12"),
        FollowUpKind::Task => f.title.clone(),
    }
}

/// Name, e-mail and place, for search: lower case, accents folded (`search_word`).
pub fn search_text(first: &str, last: &str, email: Option<&str>, place: Option<&str>) -> String {
    search_word(
        &[Some(first), Some(last), email, place]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// What is derived from a mover's name and contact details to find it again: the search
/// text, and the keys that find its duplicates. Every write of those details (and of the
/// children's birth years) sets all five.
pub struct Findable {
    pub search_text: String,
    pub phone_key: Option<String>,
    pub email_key: Option<String>,
    pub name_key: String,
    pub family_key: Option<String>,
}

impl Findable {
    pub fn of(
        (first, last): (&str, &str),
        email: Option<&str>,
        phone: Option<&str>,
        (place, years): (Option<&str>, Option<&str>),
    ) -> Self {
        Findable {
            search_text: search_text(first, last, email, place)
                .chars()
                .take(migration::SEARCH_TEXT_CHARS)
                .collect(),
            phone_key: phone.and_then(migration::phone_key),
            email_key: email.and_then(migration::email_key),
            name_key: migration::name_key(first),
            family_key: migration::family_key(first, years),
        }
    }

    /// The columns and values, for an update of several rows.
    pub fn columns(self) -> [(prospect::Column, sea_orm::Value); 5] {
        [
            (prospect::Column::SearchText, self.search_text.into()),
            (prospect::Column::PhoneKey, self.phone_key.into()),
            (prospect::Column::EmailKey, self.email_key.into()),
            (prospect::Column::NameKey, Some(self.name_key).into()),
            (prospect::Column::FamilyKey, self.family_key.into()),
        ]
    }

    pub fn set(self, p: &mut prospect::ActiveModel) {
        use sea_orm::Set;
        p.search_text = Set(self.search_text);
        p.phone_key = Set(self.phone_key);
        p.email_key = Set(self.email_key);
        p.name_key = Set(Some(self.name_key));
        p.family_key = Set(self.family_key);
    }
}

/// A search word as the search text holds it: lower case, "ö" as "o", "é" as "e", so that
/// each finds the other (the fold is the migrations' own, which folded the rows stored
/// before it).
pub fn search_word(text: &str) -> String {
    migration::fold(&text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Status::MovedIn.key(), "status-moved_in");
        assert!(Status::Unreachable.is_lost() && !Status::MovedIn.is_lost());
        assert!(!Status::Visit.is_closed());
    }

    #[test]
    fn phones_compare_by_digits() {
        assert_eq!(normalise_phone(" +46 70-123 45 67"), "+46701234567");
        assert_eq!(normalise_phone("070-123 45 67"), "0701234567");
    }
}
