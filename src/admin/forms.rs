//! Admin forms: inviting a user and changing a user's access.

use serde::Deserialize;

use crate::accounts::Roles;
use crate::auth::forms::{validate_email, validate_name};
use crate::i18n::{self, Lang};
use crate::web::FieldErrors;

#[derive(Debug, Default, Deserialize)]
pub struct AccessFields {
    #[serde(default)]
    pub guide: Option<String>,
    #[serde(default)]
    pub coordinator: Option<String>,
    #[serde(default)]
    pub admin: Option<String>,
    /// A municipality id, or empty.
    #[serde(default)]
    pub municipality: String,
}

impl AccessFields {
    pub fn roles(&self) -> Roles {
        Roles {
            guide: self.guide.is_some(),
            coordinator: self.coordinator.is_some(),
            admin: self.admin.is_some(),
        }
    }

    pub fn municipality_id(&self) -> Option<i64> {
        self.municipality.trim().parse().ok()
    }

    pub fn validate(&self, e: &mut FieldErrors) {
        let r = self.roles();
        if !(r.guide || r.coordinator || r.admin) {
            e.add("roles", "err-role-required");
        }
        if r.guide && self.municipality_id().is_none() {
            e.add("municipality", "err-guide-needs-municipality");
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub locale: String,
    #[serde(flatten)]
    pub access: AccessFields,
}

impl InviteForm {
    /// The language of the invitation mail and of the new user's pages.
    pub fn lang(&self) -> Lang {
        Lang::parse(&self.locale)
            .filter(|l| i18n::STAFF.contains(l))
            .unwrap_or(Lang::Sv)
    }

    pub fn validate(&self) -> FieldErrors {
        let mut e = FieldErrors::default();
        validate_name(&self.name, &mut e);
        validate_email(&self.email, &mut e);
        self.access.validate(&mut e);
        e
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    pub active: Option<String>,
    #[serde(flatten)]
    pub access: AccessFields,
}
