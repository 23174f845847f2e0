//! The mailing form as typed: kept whole when it comes back with mistakes.

use super::segment::{Segment, POOL, WISHES};
use super::store::{Draft, Text, LANGS};
use crate::domain::{HousingWish, Source, Status, COUNTRIES};
use crate::web::FieldErrors;

pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 20_000;
pub const MAX_NAME: usize = 200;

/// The field names of a language's text (static, as `FieldErrors` keeps them).
pub fn text_fields(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "sv" => ("subject_sv", "body_sv"),
        "en" => ("subject_en", "body_en"),
        "de" => ("subject_de", "body_de"),
        _ => ("subject_nl", "body_nl"),
    }
}

#[derive(Clone, Debug, Default)]
pub struct MailingForm {
    pub name: String,
    pub status: String,
    pub source: String,
    pub campaign: String,
    pub country: String,
    pub language: String,
    pub housing: String,
    pub wishes: Vec<String>,
    /// Municipality slugs and `pool` (a coordinator's).
    pub places: Vec<String>,
    pub quiet_days: String,
    /// (lang, subject, body) for each of `LANGS`.
    pub texts: Vec<(String, String, String)>,
}

impl MailingForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = MailingForm {
            texts: LANGS
                .iter()
                .map(|l| (l.to_string(), String::new(), String::new()))
                .collect(),
            ..Default::default()
        };
        for (k, v) in pairs {
            match k.as_str() {
                "name" => f.name = v,
                "status" => f.status = v,
                "source" => f.source = v,
                "campaign" => f.campaign = v,
                "country" => f.country = v,
                "language" => f.language = v,
                "housing" => f.housing = v,
                "wish" => f.wishes.push(v),
                "place" => f.places.push(v),
                "quiet_days" => f.quiet_days = v,
                other => {
                    if let Some((what, lang)) = other.split_once('_') {
                        if let Some(t) = f.texts.iter_mut().find(|t| t.0 == lang) {
                            match what {
                                "subject" => t.1 = v,
                                "body" => t.2 = v,
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
        f
    }

    /// The form of a stored draft.
    pub fn of(d: &Draft, slug_of: impl Fn(i64) -> Option<String>) -> Self {
        let s = &d.segment;
        MailingForm {
            name: d.name.clone(),
            status: s.status.clone(),
            source: s.source.clone().unwrap_or_default(),
            campaign: s.campaign.map(|c| c.to_string()).unwrap_or_default(),
            country: s.country.clone().unwrap_or_default(),
            language: s.language.clone().unwrap_or_default(),
            housing: s.housing.clone().unwrap_or_default(),
            wishes: s.wishes.clone(),
            places: s
                .places
                .iter()
                .filter_map(|p| match p {
                    Some(id) => slug_of(*id),
                    None => Some(POOL.to_string()),
                })
                .collect(),
            quiet_days: s.quiet_days.map(|d| d.to_string()).unwrap_or_default(),
            texts: LANGS
                .iter()
                .map(|l| {
                    let t = d.texts.iter().find(|t| t.lang == *l);
                    (
                        l.to_string(),
                        t.map(|t| t.subject.clone()).unwrap_or_default(),
                        t.map(|t| t.body.clone()).unwrap_or_default(),
                    )
                })
                .collect(),
        }
    }

    /// The draft it says, or what is wrong beside each field. `places` names the
    /// municipalities a coordinator may choose (slug → id; a guide's form has none),
    /// `campaigns` the campaigns it may choose.
    pub fn parse(&self, places: &[(String, i64)], campaigns: &[i64]) -> Result<Draft, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            e.add("name", "err-mailing-name-required");
        } else if name.chars().count() > MAX_NAME {
            e.add("name", "err-too-long");
        }
        let status = match self.status.as_str() {
            "" | "open" => self.status.clone(),
            s if Status::parse(s).is_some() => s.to_string(),
            _ => {
                e.add("status", "err-choose-from-list");
                String::new()
            }
        };
        let coded = |v: &str, ok: bool, field: &'static str, e: &mut FieldErrors| {
            if !v.is_empty() && !ok {
                e.add(field, "err-choose-from-list");
            }
        };
        let source = Source::parse(&self.source);
        coded(&self.source, source.is_some(), "source", &mut e);
        let campaign = self
            .campaign
            .parse::<i64>()
            .ok()
            .filter(|c| campaigns.contains(c));
        coded(&self.campaign, campaign.is_some(), "campaign", &mut e);
        let country = COUNTRIES.contains(&self.country.as_str());
        coded(&self.country, country, "country", &mut e);
        let language = LANGS.contains(&self.language.as_str());
        coded(&self.language, language, "language", &mut e);
        let housing = HousingWish::parse(&self.housing);
        coded(&self.housing, housing.is_some(), "housing", &mut e);
        if self.wishes.iter().any(|w| !WISHES.contains(&w.as_str())) {
            e.add("wish", "err-choose-from-list");
        }
        let mut chosen = Vec::new();
        for p in &self.places {
            if p == POOL {
                chosen.push(None);
            } else if let Some((_, id)) = places.iter().find(|(slug, _)| slug == p) {
                chosen.push(Some(*id));
            } else {
                e.add("place", "err-choose-from-list");
            }
        }
        let quiet = self.quiet_days.trim();
        let quiet_days = if quiet.is_empty() {
            None
        } else {
            match quiet.parse::<u32>() {
                Ok(d) if (1..=3650).contains(&d) => Some(d),
                _ => {
                    e.add("quiet_days", "err-quiet-days");
                    None
                }
            }
        };
        let mut texts = Vec::new();
        for (lang, subject, body) in &self.texts {
            let (sf, bf) = text_fields(lang);
            let (subject, body) = (subject.trim(), body.trim());
            match (subject.is_empty(), body.is_empty()) {
                (true, true) => continue,
                (true, false) => e.add(sf, "err-mailing-subject-required"),
                (false, true) => e.add(bf, "err-mailing-body-required"),
                (false, false) => {}
            }
            if subject.contains(['\r', '\n']) {
                e.add(sf, "err-mailing-subject-one-line");
            } else if subject.chars().count() > MAX_SUBJECT {
                e.add(sf, "err-too-long");
            }
            if body.chars().count() > MAX_BODY {
                e.add(bf, "err-too-long");
            }
            texts.push(Text {
                lang: lang.clone(),
                subject: subject.to_string(),
                body: body.replace("\r\n", "\n"),
            });
        }
        if texts.is_empty() {
            e.add("subject_sv", "err-mailing-text-required");
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Draft {
            name: name.to_string(),
            segment: Segment {
                status,
                source: source.map(|x| x.as_str().to_string()),
                campaign,
                country: country.then(|| self.country.clone()),
                language: language.then(|| self.language.clone()),
                housing: housing.map(|h| h.as_str().to_string()),
                wishes: self.wishes.clone(),
                places: chosen,
                quiet_days,
            },
            texts,
        })
    }
}
