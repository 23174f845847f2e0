//! What each column of a file means, and what its status and source values mean. Guessed
//! from the headers and values (Swedish and English, and the names Lotsbok itself exports),
//! then shown to the guide, who may change every choice before anything is imported.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::{ReasonCode, Source, Status};
use crate::i18n;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Ignore,
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    Country,
    County,
    Place,
    Adults,
    Children,
    Occupation,
    Status,
    Source,
    Date,
    Note,
    HouseholdNotes,
    MovedInOn,
    MovedAdults,
    MovedChildren,
    Reason,
}

impl Target {
    pub const ALL: [Target; 21] = [
        Target::Ignore,
        Target::Name,
        Target::FirstName,
        Target::LastName,
        Target::Email,
        Target::Phone,
        Target::Country,
        Target::County,
        Target::Place,
        Target::Adults,
        Target::Children,
        Target::Occupation,
        Target::Status,
        Target::Source,
        Target::Date,
        Target::Note,
        Target::HouseholdNotes,
        Target::MovedInOn,
        Target::MovedAdults,
        Target::MovedChildren,
        Target::Reason,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Target::Ignore => "ignore",
            Target::Name => "name",
            Target::FirstName => "first_name",
            Target::LastName => "last_name",
            Target::Email => "email",
            Target::Phone => "phone",
            Target::Country => "country",
            Target::County => "county",
            Target::Place => "place",
            Target::Adults => "adults",
            Target::Children => "children",
            Target::Occupation => "occupation",
            Target::Status => "status",
            Target::Source => "source",
            Target::Date => "date",
            Target::Note => "note",
            Target::HouseholdNotes => "household_notes",
            Target::MovedInOn => "moved_in_on",
            Target::MovedAdults => "moved_adults",
            Target::MovedChildren => "moved_children",
            Target::Reason => "reason",
        }
    }

    pub fn parse(code: &str) -> Option<Target> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The locale key of its name: also the header Lotsbok writes when it exports.
    pub fn key(self) -> String {
        format!("import-target-{}", self.code())
    }

    /// Other headers that mean this column, in Swedish and English (lower case).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Target::Ignore => &[],
            Target::Name => &[
                "namn",
                "name",
                "full name",
                "fullständigt namn",
                "kontakt",
                "contact",
            ],
            Target::FirstName => &[
                "förnamn",
                "first name",
                "firstname",
                "given name",
                "fornamn",
            ],
            Target::LastName => &[
                "efternamn",
                "last name",
                "lastname",
                "surname",
                "family name",
            ],
            Target::Email => &[
                "e-post",
                "epost",
                "e-mail",
                "email",
                "mail",
                "e-postadress",
                "email address",
                "mejl",
            ],
            Target::Phone => &[
                "telefon",
                "phone",
                "tel",
                "tel.",
                "mobil",
                "mobile",
                "telefonnummer",
                "phone number",
                "mobilnummer",
            ],
            Target::Country => &["land", "country", "från land", "hemland"],
            Target::County => &["län", "county", "region"],
            Target::Place => &[
                "ort",
                "place",
                "stad",
                "city",
                "town",
                "bostadsort",
                "hemort",
                "flyttar från",
                "moving from",
            ],
            Target::Adults => &["vuxna", "adults", "antal vuxna", "number of adults"],
            Target::Children => &[
                "barn",
                "children",
                "antal barn",
                "number of children",
                "barnens födelseår",
            ],
            Target::Occupation => &["yrke", "occupation", "jobb", "job", "profession"],
            Target::Status => &["status", "läge", "state"],
            Target::Source => &["källa", "source", "kanal", "channel", "kom via"],
            Target::Date => &[
                "datum",
                "date",
                "skapad",
                "created",
                "registrerad",
                "första kontakt",
                "first contact",
                "kontaktdatum",
            ],
            Target::Note => &[
                "anteckning",
                "note",
                "kommentar",
                "comment",
                "anteckningar",
                "notes",
                "kommentarer",
                "comments",
                "notering",
            ],
            Target::HouseholdNotes => &["om hushållet", "about the household"],
            Target::MovedInOn => &[
                "inflyttningsdatum",
                "inflyttad datum",
                "flyttdatum",
                "moved in on",
                "move-in date",
            ],
            Target::MovedAdults => &["inflyttade vuxna", "adults moved in"],
            Target::MovedChildren => &["inflyttade barn", "children moved in"],
            Target::Reason => &["orsak", "reason", "anledning", "varför inte"],
        }
    }
}

/// A header or value as compared: lower case, single spaces, without `:`, `*` or quotes.
pub fn normalise(s: &str) -> String {
    s.trim()
        .trim_end_matches([':', '*'])
        .trim_matches('"')
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The names Lotsbok gives a code in every language, normalised.
fn names(key: &str) -> Vec<String> {
    i18n::PUBLIC
        .iter()
        .map(|l| normalise(&i18n::t(*l, key)))
        .collect()
}

/// The column a header most likely is.
pub fn guess_target(header: &str) -> Target {
    let h = normalise(header);
    if h.is_empty() {
        return Target::Ignore;
    }
    Target::ALL
        .into_iter()
        .skip(1)
        .find(|t| t.aliases().contains(&h.as_str()) || names(&t.key()).contains(&h))
        .unwrap_or(Target::Ignore)
}

/// A status written in a file, by its code, its name in Lotsbok, or a common word for it.
pub fn guess_status(value: &str) -> Option<Status> {
    let v = normalise(value);
    let words: &[(&str, Status)] = &[
        ("ny", Status::New),
        ("nytt", Status::New),
        ("kontaktad", Status::Contacted),
        ("dialog", Status::InDialogue),
        ("pågående", Status::InDialogue),
        ("ongoing", Status::InDialogue),
        ("besök", Status::Visit),
        ("beslutat", Status::Decided),
        ("bestämt", Status::Decided),
        ("inflyttad", Status::MovedIn),
        ("flyttat hit", Status::MovedIn),
        ("flyttade hit", Status::MovedIn),
        ("moved", Status::MovedIn),
        ("flyttar inte", Status::NotMoving),
        ("ej aktuell", Status::NotMoving),
        ("inte aktuell", Status::NotMoving),
        ("avbruten", Status::NotMoving),
        ("annan ort", Status::MovedElsewhere),
        ("flyttat annan ort", Status::MovedElsewhere),
        ("ej nåbar", Status::Unreachable),
        ("går ej att nå", Status::Unreachable),
        ("no answer", Status::Unreachable),
    ];
    Status::ALL
        .iter()
        .copied()
        .find(|s| normalise(s.as_str()) == v || names(&s.key()).contains(&v))
        .or_else(|| words.iter().find(|(w, _)| *w == v).map(|(_, s)| *s))
}

/// A source written in a file, the same way.
pub fn guess_source(value: &str) -> Option<Source> {
    let v = normalise(value);
    let words: &[(&str, Source)] = &[
        ("intresseanmälan", Source::InterestForm),
        ("formulär", Source::InterestForm),
        ("webb", Source::InterestForm),
        ("hemsida", Source::InterestForm),
        ("web", Source::InterestForm),
        ("website", Source::InterestForm),
        ("mässa", Source::Fair),
        ("event", Source::Fair),
        ("evenemang", Source::Fair),
        ("samtal", Source::Phone),
        ("telefon", Source::Phone),
        ("mejl", Source::Email),
        ("mail", Source::Email),
        ("e-post", Source::Email),
        ("spontanbesök", Source::WalkIn),
        ("walk-in", Source::WalkIn),
        ("facebook", Source::SocialMedia),
        ("instagram", Source::SocialMedia),
        ("tips", Source::Referral),
        ("rekommendation", Source::Referral),
        ("övrigt", Source::Other),
        ("annan", Source::Other),
    ];
    Source::ALL
        .iter()
        .copied()
        .find(|s| normalise(s.as_str()) == v || names(&s.key()).contains(&v))
        .or_else(|| words.iter().find(|(w, _)| *w == v).map(|(_, s)| *s))
}

/// A reason a lead closed, by code or name; anything else written is "other".
pub fn guess_reason(value: &str) -> ReasonCode {
    let v = normalise(value);
    ReasonCode::ALL
        .iter()
        .copied()
        .find(|r| normalise(r.as_str()) == v || names(&r.key()).contains(&v))
        .unwrap_or(ReasonCode::Other)
}

/// A country by ISO code or by its name in any of Lotsbok's languages.
pub fn guess_country(value: &str) -> Option<&'static str> {
    let bare = |s: String| s.strip_prefix("the ").map(str::to_string).unwrap_or(s);
    let v = bare(normalise(value));
    let extra: &[(&str, &str)] = &[
        ("holland", "NL"),
        ("sweden", "SE"),
        ("germany", "DE"),
        ("england", "GB"),
        ("uk", "GB"),
        ("united kingdom", "GB"),
        ("usa", "US"),
    ];
    crate::domain::COUNTRIES
        .iter()
        .copied()
        .filter(|c| *c != "ZZ")
        .find(|c| {
            c.to_lowercase() == v
                || names(&format!("country-{c}"))
                    .into_iter()
                    .any(|n| bare(n) == v)
        })
        .or_else(|| extra.iter().find(|(w, _)| *w == v).map(|(_, c)| *c))
}

/// A Swedish county by letter code or name, with or without "län".
pub fn guess_county(value: &str) -> Option<&'static str> {
    let v = normalise(value);
    crate::domain::SE_REGIONS
        .iter()
        .find(|(code, name)| {
            let name = normalise(name);
            code.to_lowercase() == v
                || name == v
                || name.trim_end_matches(" län").trim_end_matches('s') == v
                || name.trim_end_matches(" län") == v
        })
        .map(|(code, _)| *code)
}

/// The mapping a guide confirms: a target per column, and the meaning of each status and
/// source value found in the file (normalised value → code; empty: not chosen yet).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Mapping {
    pub headers: Vec<String>,
    pub columns: Vec<Target>,
    pub statuses: BTreeMap<String, String>,
    pub sources: BTreeMap<String, String>,
}

/// Most distinct values of a status or source column that are listed for mapping.
pub const MAX_VALUES: usize = 100;

impl Mapping {
    /// The guess for a file with these headers: each target at most once.
    pub fn guess(headers: Vec<String>) -> Mapping {
        let mut columns: Vec<Target> = Vec::with_capacity(headers.len());
        for h in &headers {
            let t = guess_target(h);
            let t = if t != Target::Ignore && columns.contains(&t) {
                Target::Ignore
            } else {
                t
            };
            columns.push(t);
        }
        Mapping {
            headers,
            columns,
            ..Mapping::default()
        }
    }

    pub fn column_of(&self, t: Target) -> Option<usize> {
        self.columns.iter().position(|c| *c == t)
    }

    /// Fills in the value tables for the values found, keeping choices already made.
    pub fn set_values(&mut self, statuses: Vec<String>, sources: Vec<String>) {
        let keep = |old: &BTreeMap<String, String>,
                    found: Vec<String>,
                    guess: &dyn Fn(&str) -> Option<&'static str>| {
            found
                .into_iter()
                .map(|v| {
                    let code = old
                        .get(&v)
                        .cloned()
                        .unwrap_or_else(|| guess(&v).unwrap_or("").to_string());
                    (v, code)
                })
                .collect::<BTreeMap<_, _>>()
        };
        self.statuses = keep(&self.statuses, statuses, &|v| {
            guess_status(v).map(Status::as_str)
        });
        self.sources = keep(&self.sources, sources, &|v| {
            guess_source(v).map(Source::as_str)
        });
    }

    /// Problems with the mapping itself, as translation keys: these stop a check.
    pub fn problems(&self) -> Vec<&'static str> {
        let mut p = Vec::new();
        let has = |t| self.column_of(t).is_some();
        if !has(Target::Name) && !has(Target::FirstName) {
            p.push("import-mapping-no-name");
        }
        if !has(Target::Email) && !has(Target::Phone) && !has(Target::Place) {
            p.push("import-mapping-no-contact");
        }
        for t in Target::ALL.into_iter().skip(1) {
            if self.columns.iter().filter(|c| **c == t).count() > 1 {
                p.push("import-mapping-twice");
                break;
            }
        }
        if self.statuses.values().any(String::is_empty)
            || self.sources.values().any(String::is_empty)
        {
            p.push("import-mapping-values-unchosen");
        }
        p
    }

    /// The headers no column target was found for.
    pub fn unknown_headers(&self) -> Vec<&str> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(h, t)| **t == Target::Ignore && !h.trim().is_empty())
            .map(|(h, _)| h.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_english_headers_are_recognised() {
        let m = Mapping::guess(
            [
                "Namn",
                "E-post",
                "Telefon",
                "Land",
                "Ort",
                "Vuxna",
                "Barn",
                "Status",
                "Källa",
                "Datum",
                "Anteckning",
                "Skonummer",
            ]
            .map(String::from)
            .to_vec(),
        );
        assert_eq!(m.columns[0], Target::Name);
        assert_eq!(m.columns[1], Target::Email);
        assert_eq!(m.columns[10], Target::Note);
        assert_eq!(m.columns[11], Target::Ignore);
        assert_eq!(m.unknown_headers(), vec!["Skonummer"]);
        let en = Mapping::guess(
            ["First name", "Last name", "e-mail", "phone"]
                .map(String::from)
                .to_vec(),
        );
        assert_eq!(
            en.columns,
            vec![
                Target::FirstName,
                Target::LastName,
                Target::Email,
                Target::Phone
            ]
        );
        assert!(en.problems().is_empty());
    }

    #[test]
    fn values_are_guessed_in_both_languages() {
        assert_eq!(guess_status("Inflyttad"), Some(Status::MovedIn));
        assert_eq!(guess_status("moved_in"), Some(Status::MovedIn));
        assert_eq!(guess_status("In dialogue"), Some(Status::InDialogue));
        assert_eq!(guess_status("kanske"), None);
        assert_eq!(guess_source("Mässa"), Some(Source::Fair));
        assert_eq!(guess_country("Nederländerna"), Some("NL"));
        assert_eq!(guess_country("Deutschland"), Some("DE"));
        assert_eq!(guess_country("Netherlands"), Some("NL"));
        assert_eq!(guess_country("The United Kingdom"), Some("GB"));
        assert_eq!(guess_county("Skåne"), Some("M"));
        assert_eq!(guess_county("Stockholms län"), Some("AB"));
        assert_eq!(guess_county("Stockholm"), Some("AB"));
    }
}
