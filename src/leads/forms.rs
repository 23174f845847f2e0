//! Lead forms: what was typed (kept as typed, to re-render), and its parsed, checked form.

use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use crate::domain::{
    normalise_phone, parse_date, se_region, ActivityKind, Direction, Household, HousingWish,
    ReasonCode, Source, Status, MAX_TEXT,
};
use crate::entities::{CampaignId, UserId};
use crate::web::components::validate_email;
use crate::web::FieldErrors;

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn short(e: &mut FieldErrors, field: &'static str, value: &str, max: usize) {
    if value.trim().chars().count() > max {
        e.add(field, "err-too-long");
    }
}

/// The household as typed: for the new-lead form and the edit form.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct HouseholdForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub country: String,
    pub se_region: String,
    pub place: String,
    pub preferred_language: String,
    pub languages: String,
    pub adults: String,
    pub children_birth_years: String,
    pub occupation: String,
    pub partner_occupation: String,
    pub help_job: Option<String>,
    pub help_partner_job: Option<String>,
    pub help_housing: Option<String>,
    pub help_school: Option<String>,
    pub help_business: Option<String>,
    pub help_leisure: Option<String>,
    pub help_other: Option<String>,
    pub contact_via: String,
    pub housing_wish: String,
    pub move_when: String,
    pub notes: String,
    pub source: String,
    pub campaign: String,
    pub owner: String,
}

/// The lead's own fields in the same forms.
#[derive(Debug, Clone, Copy)]
pub struct LeadFields {
    pub source: Source,
    pub campaign_id: Option<CampaignId>,
    pub owner_id: Option<UserId>,
}

/// Birth years as "2016, 2019": each a plausible year for a child living at home.
fn parse_years(raw: &str, this_year: i32) -> Result<Option<String>, ()> {
    let years: Result<Vec<i32>, ()> = raw
        .split([',', ' ', ';'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<i32>()
                .ok()
                .filter(|y| (this_year - 25..=this_year + 1).contains(y))
                .ok_or(())
        })
        .collect();
    let years = years?;
    Ok((!years.is_empty()).then(|| {
        years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }))
}

impl HouseholdForm {
    /// Checks every field (each problem beside its field) and makes the household and the
    /// lead's own fields.
    pub fn parse(&self, this_year: i32) -> Result<(Household, LeadFields), FieldErrors> {
        let mut e = FieldErrors::default();
        let phone = self.check_name_and_contact(&mut e);
        self.check_lengths(&mut e);
        let country = self.country(&mut e);
        let adults = self.adults(&mut e);
        let years = parse_years(&self.children_birth_years, this_year).unwrap_or_else(|()| {
            e.add("children_birth_years", "err-birth-years-invalid");
            None
        });
        let source = Source::parse(&self.source).unwrap_or_else(|| {
            e.add("source", "err-source-required");
            Source::Other
        });
        if !e.is_empty() {
            return Err(e);
        }
        let id = |s: &str| s.trim().parse::<i64>().ok();
        Ok((
            self.household(phone, country, adults, years),
            LeadFields {
                source,
                campaign_id: id(&self.campaign).map(CampaignId),
                owner_id: id(&self.owner).map(UserId),
            },
        ))
    }

    /// A first name, and a way to reach the mover (an e-mail, a phone or at least a place);
    /// returns the phone number as stored.
    fn check_name_and_contact(&self, e: &mut FieldErrors) -> String {
        if self.first_name.trim().is_empty() {
            e.add("first_name", "err-first-name-required");
        }
        short(e, "first_name", &self.first_name, 200);
        short(e, "last_name", &self.last_name, 200);
        if !self.email.trim().is_empty() {
            validate_email(&self.email, e);
        }
        let phone = normalise_phone(&self.phone);
        if !self.phone.trim().is_empty() && !(6..=20).contains(&phone.trim_start_matches('+').len())
        {
            e.add("phone", "err-phone-invalid");
        }
        if self.email.trim().is_empty()
            && self.phone.trim().is_empty()
            && self.place.trim().is_empty()
        {
            e.add("email", "err-contact-required");
        }
        phone
    }

    fn check_lengths(&self, e: &mut FieldErrors) {
        for (f, v) in [
            ("place", &self.place),
            ("languages", &self.languages),
            ("occupation", &self.occupation),
            ("partner_occupation", &self.partner_occupation),
            ("move_when", &self.move_when),
        ] {
            short(e, f, v, 200);
        }
        short(e, "notes", &self.notes, MAX_TEXT);
    }

    /// An ISO country code, if one was given.
    fn country(&self, e: &mut FieldErrors) -> Option<String> {
        let country = opt(&self.country).map(|c| c.to_ascii_uppercase());
        if country
            .as_ref()
            .is_some_and(|c| c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_uppercase()))
        {
            e.add("country", "err-country-invalid");
        }
        country
    }

    /// Adults in the household: 1 when not given, 1–20 when given.
    fn adults(&self, e: &mut FieldErrors) -> i32 {
        let adults = if self.adults.trim().is_empty() {
            Ok(1)
        } else {
            self.adults.trim().parse::<i32>()
        };
        match adults {
            Ok(n) if (1..=20).contains(&n) => n,
            _ => {
                e.add("adults", "err-adults-invalid");
                1
            }
        }
    }

    /// The household of a checked form.
    fn household(
        &self,
        phone: String,
        country: Option<String>,
        adults: i32,
        years: Option<String>,
    ) -> Household {
        let lang =
            crate::i18n::Lang::parse(&self.preferred_language).unwrap_or(crate::i18n::Lang::Sv);
        Household {
            first_name: self.first_name.trim().to_string(),
            last_name: self.last_name.trim().to_string(),
            email: opt(&self.email).map(|m| m.to_lowercase()),
            phone: (!phone.is_empty()).then_some(phone),
            se_region: se_region(country.as_deref(), &self.se_region),
            country,
            place: opt(&self.place),
            preferred_language: lang.code().to_string(),
            languages: opt(&self.languages),
            adults,
            children_birth_years: years,
            occupation: opt(&self.occupation),
            partner_occupation: opt(&self.partner_occupation),
            help: [
                self.help_job.is_some(),
                self.help_partner_job.is_some(),
                self.help_housing.is_some(),
                self.help_school.is_some(),
                self.help_business.is_some(),
                self.help_leisure.is_some(),
                self.help_other.is_some(),
            ],
            contact_via: if self.contact_via == "phone" {
                "phone".into()
            } else {
                "email".into()
            },
            housing_wish: HousingWish::parse(&self.housing_wish).unwrap_or(HousingWish::Unknown),
            move_when: opt(&self.move_when),
            notes: opt(&self.notes),
        }
    }
}

/// The new-lead form: the household, a first note, and the answer to a duplicate warning.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct NewLeadForm {
    #[serde(flatten)]
    pub household: HouseholdForm,
    pub note: String,
    pub create_anyway: Option<String>,
}

/// A contact or note for the timeline.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    pub kind: String,
    pub direction: String,
    /// `YYYY-MM-DDTHH:MM` in Stockholm time (an `<input type="datetime-local">`).
    pub occurred_at: String,
    pub body: String,
}

pub struct NewActivity {
    pub kind: ActivityKind,
    pub direction: Option<Direction>,
    pub occurred_at: chrono::DateTime<Utc>,
    pub body: Option<String>,
}

impl ActivityForm {
    pub fn parse(&self, now: chrono::DateTime<Utc>) -> Result<NewActivity, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = ActivityKind::parse(&self.kind);
        if kind.is_none() {
            e.add("kind", "err-kind-required");
        }
        let direction = Direction::parse(&self.direction);
        let occurred_at = if self.occurred_at.trim().is_empty() {
            Some(now)
        } else {
            crate::web::format::parse_local_input(&self.occurred_at)
        };
        match occurred_at {
            None => e.add("occurred_at", "err-datetime-invalid"),
            Some(t) if t > now + chrono::Duration::hours(24) => {
                e.add("occurred_at", "err-datetime-future")
            }
            _ => {}
        }
        if kind == Some(ActivityKind::Note) && self.body.trim().is_empty() {
            e.add("body", "err-note-required");
        }
        short(&mut e, "body", &self.body, MAX_TEXT);
        match (kind, occurred_at) {
            (Some(kind), Some(occurred_at)) if e.is_empty() => Ok(NewActivity {
                kind,
                direction: direction.filter(|_| kind != ActivityKind::Note),
                occurred_at,
                body: opt(&self.body),
            }),
            _ => Err(e),
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub title: String,
    pub due_on: String,
}

impl FollowUpForm {
    pub fn parse(&self) -> Result<(String, NaiveDate), FieldErrors> {
        let mut e = FieldErrors::default();
        if self.title.trim().is_empty() {
            e.add("title", "err-title-required");
        }
        short(&mut e, "title", &self.title, 300);
        let due = parse_date(&self.due_on);
        if due.is_none() {
            e.add("due_on", "err-date-invalid");
        }
        match due {
            Some(d) if e.is_empty() => Ok((self.title.trim().to_string(), d)),
            _ => Err(e),
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
    pub moved_in_on: String,
    pub moved_adults: String,
    pub moved_children: String,
    pub reason_code: String,
}

/// A checked status change, with the outcome a closing status needs.
pub struct StatusChange {
    pub status: Status,
    pub moved_in: Option<(NaiveDate, i32, i32)>,
    pub reason: Option<ReasonCode>,
}

impl StatusForm {
    pub fn parse(&self, today: NaiveDate) -> Result<StatusChange, FieldErrors> {
        let mut e = FieldErrors::default();
        let Some(status) = Status::parse(&self.status) else {
            e.add("status", "err-status-required");
            return Err(e);
        };
        let mut moved_in = None;
        let mut reason = None;
        if status == Status::MovedIn {
            let date = parse_date(&self.moved_in_on);
            match date {
                None => e.add("moved_in_on", "err-date-invalid"),
                Some(d) if d > today + chrono::Duration::days(366) => {
                    e.add("moved_in_on", "err-date-invalid")
                }
                _ => {}
            }
            let count = |s: &str| {
                s.trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|n| (0..=20).contains(n))
            };
            let adults = count(&self.moved_adults);
            let children = if self.moved_children.trim().is_empty() {
                Some(0)
            } else {
                count(&self.moved_children)
            };
            if adults.is_none() {
                e.add("moved_adults", "err-count-invalid");
            }
            if children.is_none() {
                e.add("moved_children", "err-count-invalid");
            }
            if let (Some(a), Some(c)) = (adults, children) {
                if a + c == 0 {
                    e.add("moved_adults", "err-nobody-moved");
                }
            }
            if let (Some(d), Some(a), Some(c)) = (date, adults, children) {
                moved_in = Some((d, a, c));
            }
        } else if status.is_lost() {
            reason = ReasonCode::parse(&self.reason_code);
            if reason.is_none() {
                e.add("reason_code", "err-reason-required");
            }
        }
        if e.is_empty() {
            Ok(StatusChange {
                status,
                moved_in,
                reason,
            })
        } else {
            Err(e)
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReferralForm {
    /// `handover` or `share`.
    pub referral_kind: String,
    pub to_municipality: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MergeForm {
    /// The id of the duplicate lead to merge into this one.
    pub other: String,
}

/// The lead list's filters, sort and page, from the query string.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub status: String,
    pub owner: String,
    pub source: String,
    pub campaign: String,
    pub created_from: String,
    pub created_to: String,
    pub updated_from: String,
    pub updated_to: String,
    pub overdue: Option<String>,
    pub withdrawn: Option<String>,
    pub sort: String,
    pub page: String,
    /// The CSV export's separator (`comma`, `semicolon`; else the language's).
    pub sep: String,
}
