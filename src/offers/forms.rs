//! The vacancy and home forms as typed, and their checked values. A form with mistakes comes
//! back as typed with a message beside each field.

use chrono::NaiveDate;
use serde::Deserialize;

use super::occupations;
use super::store::{NewHome, NewVacancy, EXTENTS, TENURES};
use crate::domain::{parse_date, MAX_MESSAGE, MAX_SHORT};
use crate::web::FieldErrors;

/// The longest link accepted.
const MAX_LINK: usize = 500;

/// A vacancy's last day may be at most this far ahead.
const MAX_DAYS_AHEAD: i64 = 366;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct VacancyForm {
    pub employer: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub title: String,
    pub occupation: String,
    /// A municipality's slug (the public form; a guide's vacancy is its own municipality's).
    pub municipality: String,
    pub place: String,
    pub extent: String,
    pub starts: String,
    pub last_day: String,
    pub description: String,
    pub link: String,
    /// The honeypot and the time-trap token of the public form.
    pub website: String,
    pub token: String,
}

fn short(
    value: &str,
    field: &'static str,
    required: bool,
    max: usize,
    e: &mut FieldErrors,
) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        if required {
            e.add(field, "err-offer-required");
        }
        None
    } else if v.chars().count() > max {
        e.add(field, "err-too-long");
        None
    } else {
        Some(v.to_string())
    }
}

/// A web address: `http(s)://` and a host, no spaces.
fn link(value: &str, e: &mut FieldErrors) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let ok = v.len() <= MAX_LINK
        && !v.chars().any(char::is_whitespace)
        && ["https://", "http://"].iter().any(|p| {
            v.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p)) && v.len() > p.len() + 3
        });
    if ok {
        Some(v.to_string())
    } else {
        e.add("link", "err-offer-link");
        None
    }
}

fn email(value: &str, field: &'static str, required: bool, e: &mut FieldErrors) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        if required {
            e.add(field, "err-email-required");
        }
        return None;
    }
    if v.len() > 254 || v.parse::<lettre::Address>().is_err() {
        e.add(field, "err-email-invalid");
        return None;
    }
    Some(crate::accounts::normalise_email(v))
}

fn date(
    value: &str,
    field: &'static str,
    required: bool,
    e: &mut FieldErrors,
) -> Option<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        if required {
            e.add(field, "err-offer-required");
        }
        return None;
    }
    let d = parse_date(v);
    if d.is_none() {
        e.add(field, "err-date-invalid");
    }
    d
}

impl VacancyForm {
    pub fn of(v: &crate::entities::vacancy::Model) -> Self {
        VacancyForm {
            employer: v.employer.clone(),
            contact_name: v.contact_name.clone().unwrap_or_default(),
            contact_email: v.contact_email.clone().unwrap_or_default(),
            contact_phone: v.contact_phone.clone().unwrap_or_default(),
            title: v.title.clone(),
            occupation: v.occupation.clone().unwrap_or_default(),
            place: v.place.clone().unwrap_or_default(),
            extent: v.extent.clone(),
            starts: v.starts.clone().unwrap_or_default(),
            last_day: v.last_day.to_string(),
            description: v.description.clone(),
            link: v.link.clone().unwrap_or_default(),
            ..VacancyForm::default()
        }
    }

    /// The checked vacancy. `places` are the (slug, id) a public form may name; `None` for a
    /// guide's own (its municipality is its scope's). An employer must give a contact.
    pub fn parse(
        &self,
        places: Option<&[(String, i64)]>,
        today: NaiveDate,
    ) -> Result<NewVacancy, FieldErrors> {
        let mut e = FieldErrors::default();
        let public = places.is_some();
        let employer = short(&self.employer, "employer", true, MAX_SHORT, &mut e);
        let contact_name = short(
            &self.contact_name,
            "contact_name",
            public,
            MAX_SHORT,
            &mut e,
        );
        let contact_email = email(&self.contact_email, "contact_email", public, &mut e);
        let contact_phone = short(&self.contact_phone, "contact_phone", false, 40, &mut e);
        let title = short(&self.title, "title", true, MAX_SHORT, &mut e);
        let occupation = match self.occupation.trim() {
            "" => None,
            code => match occupations::find(code) {
                Some(o) => Some(o.code.to_string()),
                None => {
                    e.add("occupation", "err-choose-from-list");
                    None
                }
            },
        };
        let municipality = match places {
            None => None,
            Some(ps) => match ps.iter().find(|(s, _)| *s == self.municipality.trim()) {
                Some((_, id)) => Some(*id),
                None => {
                    e.add("municipality", "err-offer-municipality");
                    None
                }
            },
        };
        let place = short(&self.place, "place", false, MAX_SHORT, &mut e);
        let extent = EXTENTS
            .iter()
            .find(|x| **x == self.extent.trim())
            .map(|x| x.to_string());
        if extent.is_none() {
            e.add("extent", "err-choose-from-list");
        }
        let starts = short(&self.starts, "starts", false, 100, &mut e);
        let last_day = date(&self.last_day, "last_day", true, &mut e);
        if let Some(d) = last_day {
            if d < today {
                e.add("last_day", "err-offer-last-day-past");
            } else if (d - today).num_days() > MAX_DAYS_AHEAD {
                e.add("last_day", "err-offer-last-day-far");
            }
        }
        let description = short(&self.description, "description", true, MAX_MESSAGE, &mut e);
        let link = link(&self.link, &mut e);
        match (employer, title, extent, last_day, description) {
            (Some(employer), Some(title), Some(extent), Some(last_day), Some(description))
                if e.is_empty() =>
            {
                // An occupation not chosen is read from the title, where the list knows it.
                let occupation = occupation.or_else(|| {
                    let found = occupations::recognise(&title);
                    (found.len() == 1)
                        .then(|| found.into_iter().next().map(str::to_string))
                        .flatten()
                });
                Ok(NewVacancy {
                    municipality,
                    employer,
                    contact_name,
                    contact_email,
                    contact_phone,
                    title,
                    occupation,
                    place,
                    extent,
                    starts,
                    last_day,
                    description,
                    link,
                })
            }
            _ => Err(e),
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct HomeForm {
    pub tenure: String,
    pub rooms: String,
    pub size_m2: String,
    pub cost: String,
    pub place: String,
    pub available_from: String,
    pub contact: String,
    pub link: String,
    pub description: String,
}

/// A whole number in `range`, spaces allowed ("6 500").
fn whole(
    value: &str,
    field: &'static str,
    required: bool,
    range: std::ops::RangeInclusive<i64>,
    e: &mut FieldErrors,
) -> Option<i64> {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if v.is_empty() {
        if required {
            e.add(field, "err-offer-required");
        }
        return None;
    }
    match v.parse::<i64>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            e.add(field, "err-offer-number");
            None
        }
    }
}

impl HomeForm {
    pub fn of(h: &crate::entities::home::Model) -> Self {
        HomeForm {
            tenure: h.tenure.clone(),
            rooms: h.rooms.to_string(),
            size_m2: h.size_m2.map(|n| n.to_string()).unwrap_or_default(),
            cost: h.cost.map(|n| n.to_string()).unwrap_or_default(),
            place: h.place.clone(),
            available_from: h.available_from.map(|d| d.to_string()).unwrap_or_default(),
            contact: h.contact.clone(),
            link: h.link.clone().unwrap_or_default(),
            description: h.description.clone().unwrap_or_default(),
        }
    }

    pub fn parse(&self) -> Result<NewHome, FieldErrors> {
        let mut e = FieldErrors::default();
        let tenure = TENURES
            .iter()
            .find(|x| **x == self.tenure.trim())
            .map(|x| x.to_string());
        if tenure.is_none() {
            e.add("tenure", "err-choose-from-list");
        }
        let rooms = whole(&self.rooms, "rooms", true, 1..=20, &mut e);
        let size_m2 = whole(&self.size_m2, "size_m2", false, 5..=2000, &mut e);
        let cost = whole(&self.cost, "cost", false, 0..=100_000_000, &mut e);
        let place = short(&self.place, "place", true, MAX_SHORT, &mut e);
        let available_from = date(&self.available_from, "available_from", false, &mut e);
        let contact = short(&self.contact, "contact", true, 300, &mut e);
        let link = link(&self.link, &mut e);
        let description = short(&self.description, "description", false, MAX_MESSAGE, &mut e);
        match (tenure, rooms, place, contact) {
            (Some(tenure), Some(rooms), Some(place), Some(contact)) if e.is_empty() => {
                Ok(NewHome {
                    tenure,
                    rooms: rooms as i32,
                    size_m2: size_m2.map(|n| n as i32),
                    cost,
                    place,
                    available_from,
                    contact,
                    link,
                    description,
                })
            }
            _ => Err(e),
        }
    }
}
