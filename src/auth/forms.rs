//! Sign-in and password forms: what was typed, and what is wrong with it.

use serde::Deserialize;

use super::password;
use crate::web::FieldErrors;

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

impl LoginForm {
    pub fn validate(&self) -> FieldErrors {
        let mut e = FieldErrors::default();
        if self.email.trim().is_empty() {
            e.add("email", "err-email-required");
        }
        if self.password.is_empty() {
            e.add("password", "err-password-required");
        }
        e
    }

    /// Where to go after signing in: only a path on this site. Browsers drop tabs and line
    /// breaks from a URL and read `\\` as `/`, so `/\t/evil.example` would be `//evil.example`:
    /// anything but visible ASCII, a backslash, or a second leading slash goes to `/`.
    pub fn safe_next(&self) -> &str {
        safe_next(&self.next)
    }
}

/// Where to go after signing in: a path on this site, or the start page.
pub fn safe_next(n: &str) -> &str {
    let plain = n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if plain && n.starts_with('/') && !n.starts_with("//") {
        n
    } else {
        "/"
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password2: String,
}

impl PasswordForm {
    pub fn validate(&self, errors: &mut FieldErrors) {
        let len = self.password.chars().count();
        if len < password::MIN_LEN {
            errors.add("password", "err-password-short");
        } else if len > password::MAX_LEN {
            errors.add("password", "err-password-long");
        } else if self.password != self.password2 {
            errors.add("password2", "err-password-mismatch");
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(flatten)]
    pub password: PasswordForm,
}

impl SetupForm {
    pub fn validate(&self) -> FieldErrors {
        let mut e = FieldErrors::default();
        validate_name(&self.name, &mut e);
        validate_email(&self.email, &mut e);
        self.password.validate(&mut e);
        e
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    pub email: String,
}

pub fn validate_name(name: &str, e: &mut FieldErrors) {
    let n = name.trim().chars().count();
    if n == 0 {
        e.add("name", "err-name-required");
    } else if n > 200 {
        e.add("name", "err-too-long");
    }
}

pub use crate::web::components::validate_email;

pub use crate::accounts::normalise_email;
