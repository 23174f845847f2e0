//! The pages of two-factor sign-in.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use qrcode::render::svg;
use qrcode::QrCode;

use super::rule::Rule;
use super::totp::Setup;
use crate::entities::passkey;
use crate::i18n::t_args;
use crate::web::components::{checkbox, error_summary, field, post_form, Input};
use crate::web::format::local_date;
use crate::web::{layout, Ctx, FieldErrors};

fn code_field(ctx: &Ctx, label: &str, hint: &str, errors: &FieldErrors) -> Markup {
    field(
        ctx,
        "code",
        label,
        "",
        errors,
        Input {
            kind: "text",
            autocomplete: Some("one-time-code"),
            required: true,
            hint_key: Some(hint),
        },
    )
}

/// The second step of a sign-in.
pub fn code(ctx: &Ctx, errors: &FieldErrors, totp: bool, passkey: bool) -> Markup {
    layout::page(
        ctx,
        &ctx.t("two-factor-code-title"),
        html! {
            @if passkey {
                (passkey_form(ctx, "get", "/login/code/passkey/options", "/login/code/passkey", html! {
                    p { (ctx.t("passkey-second-intro")) }
                    button type="submit" { (ctx.t("passkey-use")) }
                }))
            }
            p { (ctx.t(if totp { "two-factor-code-intro" } else { "two-factor-code-intro-recovery" })) }
            (error_summary(ctx, errors))
            (post_form(ctx, "/login/code", "stack", html! {
                (code_field(ctx, "field-two-factor-code", "hint-two-factor-code", errors))
                button type="submit" { (ctx.t("two-factor-code-submit")) }
            }))
            p { a href="/login" { (ctx.t("two-factor-code-restart")) } }
        },
    )
}

/// The QR code of the `otpauth://` link, as an image (an SVG in a data URL).
fn qr(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Some(format!("data:image/svg+xml;base64,{}", B64.encode(image)))
}

/// Adding Lotsbok to an authenticator app, and the code that confirms it.
pub fn setup(ctx: &Ctx, action: &str, s: &Setup, at_sign_in: bool, errors: &FieldErrors) -> Markup {
    // Groups of four, as the apps show typed secrets.
    let grouped = s
        .secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    layout::page(
        ctx,
        &ctx.t("two-factor-setup-title"),
        html! {
            @if at_sign_in { p { (ctx.t("two-factor-setup-required")) } }
            (error_summary(ctx, errors))
            ol.steps {
                li {
                    p { (ctx.t("two-factor-setup-step-app")) }
                }
                li {
                    p { (ctx.t("two-factor-setup-step-scan")) }
                    @if let Some(src) = qr(&s.url) {
                        img.qr src=(src) width="200" height="200" alt=(ctx.t("two-factor-qr-alt"));
                    }
                    p { (ctx.t("two-factor-setup-step-type")) }
                    p { code.copyable #totp-secret { (grouped) } }
                }
                li {
                    (post_form(ctx, action, "stack", html! {
                        (code_field(ctx, "field-two-factor-new-code", "hint-two-factor-new-code", errors))
                        @if !at_sign_in { (password_field(ctx, "password", "field-password", errors)) }
                        button type="submit" { (ctx.t("two-factor-setup-submit")) }
                    }))
                }
            }
            @if !at_sign_in { p { a href="/settings/two-factor" { (ctx.t("two-factor-back")) } } }
        },
    )
}

/// The recovery codes, shown once.
pub fn codes(ctx: &Ctx, codes: &[String], next: &str) -> Markup {
    layout::page(
        ctx,
        &ctx.t("two-factor-codes-title"),
        html! {
            div.notice role="status" { p { (ctx.t("two-factor-codes-intro")) } }
            ul.recovery-codes {
                @for c in codes { li { code { (c) } } }
            }
            p { (ctx.t("two-factor-codes-once")) }
            p { a.button href=(next) { (ctx.t("two-factor-codes-continue")) } }
        },
    )
}

/// What the settings page shows of a user's second factors.
pub struct Status<'a> {
    pub since: Option<DateTime<Utc>>,
    pub passkeys: &'a [passkey::Model],
    /// Whether passkeys can be used here (`passkey::offered`).
    pub offered: bool,
    pub left: u64,
    pub required: bool,
}

impl Status<'_> {
    fn factors(&self) -> usize {
        self.passkeys.len() + usize::from(self.since.is_some())
    }
}

/// A form the passkey script takes over (`assets/js/passkey.js`): hidden until it does, as
/// a passkey needs the browser's credential call.
pub fn passkey_form(ctx: &Ctx, kind: &str, action: &str, answer: &str, body: Markup) -> Markup {
    html! {
        form method="post" action=(action) class="stack passkey" data-passkey=(kind)
            data-answer=(answer) data-failed=(ctx.t("err-passkey-failed")) hidden {
            input type="hidden" name="csrf" value=(ctx.csrf);
            (body)
            p.error role="alert" data-passkey-error {}
        }
        script src={ "/assets/js/passkey.js?v=" (ctx.assets_version) } defer {}
    }
}

/// A password field that confirms a change (`name`: a field of each form's own, so that
/// Enter in one form never does another's change).
fn password_field(ctx: &Ctx, name: &str, label: &str, errors: &FieldErrors) -> Markup {
    field(
        ctx,
        name,
        label,
        "",
        errors,
        Input {
            kind: "password",
            autocomplete: Some("current-password"),
            required: true,
            hint_key: Some("hint-two-factor-password"),
        },
    )
}

/// New recovery codes; and, each its own form, removing a factor (not the last one where
/// the rule requires one), with a button per factor (`formaction`).
fn password_forms(ctx: &Ctx, s: &Status<'_>, errors: &FieldErrors) -> Markup {
    let removable = !s.required || s.factors() > 1;
    let renew = if s.left == 0 {
        "two-factor-codes-make"
    } else {
        "two-factor-codes-renew"
    };
    html! {
        (post_form(ctx, "/settings/two-factor/recovery", "stack", html! {
            (password_field(ctx, "password", "field-password", errors))
            button type="submit" { (ctx.t(renew)) }
        }))
        @if removable {
            h2 { (ctx.t("two-factor-remove")) }
            p { (ctx.t("two-factor-remove-intro")) }
            @let first = s.passkeys.first().map(|k| format!("/settings/passkeys/{}/remove", k.id));
            @let action = if s.since.is_some() { "/settings/two-factor/remove".to_string() } else { first.unwrap_or_default() };
            (post_form(ctx, &action, "stack", html! {
                (password_field(ctx, "remove_password", "field-remove-password", errors))
                @if s.since.is_some() {
                    button.secondary type="submit" formaction="/settings/two-factor/remove" {
                        (ctx.t("two-factor-remove-app"))
                    }
                }
                @for k in s.passkeys {
                    " "
                    button.secondary type="submit" formaction={ "/settings/passkeys/" (k.id) "/remove" } {
                        (t_args(ctx.lang, "passkey-remove", &[("name", k.name.clone().into())]))
                    }
                }
            }))
        }
    }
}

/// A user's own second factors: the authenticator app, passkeys, recovery codes.
pub fn status(ctx: &Ctx, s: &Status<'_>, errors: &FieldErrors) -> Markup {
    layout::page(
        ctx,
        &ctx.t("two-factor-title"),
        html! {
            p { (ctx.t("two-factor-intro")) }
            @if s.required { p { strong { (ctx.t("two-factor-required-for-you")) } } }
            (error_summary(ctx, errors))
            h2 { (ctx.t("two-factor-app-title")) }
            @match s.since {
                Some(t) => {
                    p { (t_args(ctx.lang, "two-factor-on-since", &[("date", local_date(&t).into())])) }
                    p { a href="/settings/two-factor/totp" { (ctx.t("two-factor-replace")) } }
                }
                None => {
                    p { (ctx.t("two-factor-app-off")) }
                    p { a.button href="/settings/two-factor/totp" { (ctx.t("two-factor-set-up")) } }
                }
            }
            h2 { (ctx.t("passkey-title")) }
            p { (ctx.t("passkey-intro")) }
            @if !s.passkeys.is_empty() {
                ul.passkeys {
                    @for k in s.passkeys {
                        li {
                            strong { (k.name) } " – "
                            (t_args(ctx.lang, "passkey-added-on", &[("date", local_date(&k.created_at).into())]))
                            @if let Some(used) = &k.last_used_at {
                                ", " (t_args(ctx.lang, "passkey-used-on", &[("date", local_date(used).into())]))
                            }
                        }
                    }
                }
            }
            @if s.offered {
                (passkey_form(ctx, "create", "/settings/passkeys/options", "/settings/passkeys", html! {
                    (field(ctx, "name", "field-passkey-name", "", &FieldErrors::default(), Input {
                        autocomplete: Some("off"), required: true, hint_key: Some("hint-passkey-name"),
                        ..Input::default()
                    }))
                    (password_field(ctx, "passkey_password", "field-password", &FieldErrors::default()))
                    button type="submit" { (ctx.t("passkey-add")) }
                }))
                noscript { p { (ctx.t("passkey-needs-script")) } }
            } @else {
                p { (ctx.t("passkey-unavailable-here")) }
            }
            @if s.factors() > 0 {
                h2 { (ctx.t("two-factor-codes-heading")) }
                p { (t_args(ctx.lang, "two-factor-codes-left", &[("count", s.left.into())])) }
                (password_forms(ctx, s, errors))
            }
            p { a href="/settings" { (ctx.t("two-factor-back-settings")) } }
        },
    )
}

/// The admin's rule, and how many accounts of each role have no second factor yet.
pub fn rule(ctx: &Ctx, r: Rule, without: &[u64; 3]) -> Markup {
    let roles = [
        ("admin", "role-admin", r.admin),
        ("coordinator", "role-coordinator", r.coordinator),
        ("guide", "role-guide", r.guide),
    ];
    layout::page(
        ctx,
        &ctx.t("two-factor-rule-title"),
        html! {
            p { (ctx.t("two-factor-rule-intro")) }
            (post_form(ctx, "/admin/two-factor", "stack", html! {
                fieldset {
                    legend { (ctx.t("two-factor-rule-legend")) }
                    @for (name, label, on) in roles { (checkbox(ctx, name, label, on)) }
                }
                button type="submit" { (ctx.t("save")) }
            }))
            h2 { (ctx.t("two-factor-rule-without-title")) }
            ul {
                @for ((_, label, _), n) in roles.iter().zip(without) {
                    li { (ctx.t(label)) ": " strong { (n) } }
                }
            }
            p { (ctx.t("two-factor-rule-reset-hint")) }
        },
    )
}

/// On an admin's page of a user: the second factors, and the reset.
pub fn admin_section(
    ctx: &Ctx,
    user_id: i64,
    since: Option<DateTime<Utc>>,
    passkeys: usize,
    own: bool,
) -> Markup {
    html! {
        h2 { (ctx.t("two-factor-title")) }
        @if since.is_none() && passkeys == 0 {
            p { (ctx.t("two-factor-off-user")) }
        } @else {
            @if let Some(t) = since {
                p { (t_args(ctx.lang, "two-factor-on-since", &[("date", local_date(&t).into())])) }
            }
            @if passkeys > 0 {
                p { (t_args(ctx.lang, "passkey-count", &[("count", passkeys.into())])) }
            }
            @if own {
                p { a href="/settings/two-factor" { (ctx.t("two-factor-reset-own")) } }
            } @else {
                (post_form(ctx, &format!("/admin/users/{user_id}/two-factor/reset"), "stack", html! {
                    (checkbox(ctx, "confirm", "two-factor-reset-confirm", false))
                    button type="submit" { (ctx.t("two-factor-reset")) }
                }))
            }
        }
    }
}
