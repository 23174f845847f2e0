//! The interest form as typed, and its checked form. Parsed from the raw pairs because the
//! municipality checkboxes repeat one name (`m=lycksele&m=dorotea`).

use crate::domain::{normalise_phone, Household, HousingWish, MAX_MESSAGE, MAX_SHORT, MOVE_WHEN};
use crate::i18n::Lang;
use crate::web::components::validate_email;
use crate::web::FieldErrors;

#[derive(Debug, Default, Clone)]
pub struct InterestForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub country: String,
    pub se_region: String,
    pub place: String,
    pub adults: String,
    pub children: String,
    pub children_ages: String,
    pub occupation: String,
    pub partner_occupation: String,
    pub help: Vec<String>,
    pub housing_wish: String,
    pub move_when: String,
    /// Chosen municipality slugs.
    pub municipalities: Vec<String>,
    pub help_choose: bool,
    pub contact_via: String,
    pub contact_language: String,
    pub message: String,
    pub consent: bool,
    /// News and invitations by e-mail: a choice of its own, unticked unless the mover ticks it.
    pub news: bool,
    /// The honeypot: people leave it empty, bots fill it in.
    pub website: String,
    pub token: String,
    /// A campaign or event that brought the mover here (from a QR code).
    pub campaign: String,
}

/// The codes of "what do you want help with".
pub const HELP: [&str; 7] = [
    "job",
    "partner_job",
    "housing",
    "school",
    "business",
    "leisure",
    "other",
];

impl InterestForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = InterestForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "first_name" => f.first_name = v,
                "last_name" => f.last_name = v,
                "email" => f.email = v,
                "phone" => f.phone = v,
                "country" => f.country = v,
                "se_region" => f.se_region = v,
                "place" => f.place = v,
                "adults" => f.adults = v,
                "children" => f.children = v,
                "children_ages" => f.children_ages = v,
                "occupation" => f.occupation = v,
                "partner_occupation" => f.partner_occupation = v,
                "help" => f.help.push(v),
                "housing_wish" => f.housing_wish = v,
                "move_when" => f.move_when = v,
                "m" => f.municipalities.push(v),
                "help_choose" => f.help_choose = true,
                "contact_via" => f.contact_via = v,
                "contact_language" => f.contact_language = v,
                "message" => f.message = v,
                "consent" => f.consent = true,
                "news" => f.news = true,
                "website" => f.website = v,
                "token" => f.token = v,
                "campaign" => f.campaign = v,
                _ => {}
            }
        }
        f
    }

    /// Checks the form against the known municipality slugs; `this_year` turns ages into
    /// birth years. Returns the household and the chosen slugs.
    pub fn parse(
        &self,
        known: &[String],
        this_year: i32,
        lang: Lang,
    ) -> Result<(Household, Vec<String>), FieldErrors> {
        let mut e = FieldErrors::default();
        let too_long = |v: &str, max: usize| v.trim().chars().count() > max;
        if self.first_name.trim().is_empty() {
            e.add("first_name", "err-first-name-required");
        }
        if self.last_name.trim().is_empty() {
            e.add("last_name", "err-last-name-required");
        }
        validate_email(&self.email, &mut e);
        let phone = normalise_phone(&self.phone);
        if !self.phone.trim().is_empty() && !(6..=20).contains(&phone.trim_start_matches('+').len())
        {
            e.add("phone", "err-phone-invalid");
        }
        if self.contact_via == "phone" && self.phone.trim().is_empty() {
            e.add("phone", "err-phone-for-contact");
        }
        let country = self.country.trim().to_ascii_uppercase();
        if !crate::domain::COUNTRIES.contains(&country.as_str()) {
            e.add("country", "err-country-required");
        }
        let adults = self
            .adults
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=20).contains(n));
        if adults.is_none() {
            e.add("adults", "err-adults-invalid");
        }
        let children = if self.children.trim().is_empty() {
            Some(0)
        } else {
            self.children
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= 15)
        };
        let ages: Option<Vec<i32>> = self
            .children_ages
            .split([',', ' ', ';'])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<i32>().ok().filter(|a| (0..=25).contains(a)))
            .collect();
        match (children, &ages) {
            (None, _) => e.add("children", "err-children-invalid"),
            (Some(_), None) => e.add("children_ages", "err-ages-invalid"),
            (Some(n), Some(a)) if a.len() != n => e.add("children_ages", "err-ages-count"),
            _ => {}
        }
        for (field, value) in [
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
            ("place", &self.place),
            ("occupation", &self.occupation),
            ("partner_occupation", &self.partner_occupation),
        ] {
            if too_long(value, MAX_SHORT) {
                e.add(field, "err-too-long");
            }
        }
        if too_long(&self.message, MAX_MESSAGE) {
            e.add("message", "err-message-too-long");
        }
        let chosen: Vec<String> = self
            .municipalities
            .iter()
            .filter(|m| known.contains(m))
            .cloned()
            .collect();
        if chosen.is_empty() && !self.help_choose {
            e.add("municipalities", "err-municipality-choose");
        }
        if !self.consent {
            e.add("consent", "err-consent-required");
        }
        if self.news && self.email.trim().is_empty() {
            e.add("news", "err-news-needs-email");
        }
        if !e.is_empty() {
            return Err(e);
        }
        let years = ages
            .unwrap_or_default()
            .iter()
            .map(|a| (this_year - a).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let has = |code: &str| self.help.iter().any(|h| h == code);
        let contact_lang = Lang::parse(&self.contact_language).unwrap_or(lang);
        let move_when = MOVE_WHEN
            .contains(&self.move_when.as_str())
            .then(|| self.move_when.clone());
        Ok((
            Household {
                first_name: self.first_name.trim().to_string(),
                last_name: self.last_name.trim().to_string(),
                email: opt(&self.email).map(|m| m.to_lowercase()),
                phone: (!phone.is_empty()).then_some(phone),
                se_region: crate::domain::se_region(Some(country.as_str()), &self.se_region),
                country: Some(country),
                place: opt(&self.place),
                preferred_language: contact_lang.code().to_string(),
                languages: None,
                adults: adults.unwrap_or(1),
                children_birth_years: (!years.is_empty()).then_some(years),
                occupation: opt(&self.occupation),
                partner_occupation: opt(&self.partner_occupation),
                help: [
                    has("job"),
                    has("partner_job"),
                    has("housing"),
                    has("school"),
                    has("business"),
                    has("leisure"),
                    has("other"),
                ],
                contact_via: if self.contact_via == "phone" {
                    "phone".into()
                } else {
                    "email".into()
                },
                housing_wish: HousingWish::parse(&self.housing_wish)
                    .unwrap_or(HousingWish::Unknown),
                move_when,
                notes: None,
            },
            chosen,
        ))
    }
}
