//! The pages of two-factor sign-in.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use qrcode::render::svg;
use qrcode::QrCode;

use super::rule::Rule;
use super::totp::Setup;
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
pub fn code(ctx: &Ctx, errors: &FieldErrors) -> Markup {
    layout::page(
        ctx,
        &ctx.t("two-factor-code-title"),
        html! {
            p { (ctx.t("two-factor-code-intro")) }
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

fn password_form(ctx: &Ctx, action: &str, button: &str, errors: &FieldErrors) -> Markup {
    post_form(
        ctx,
        action,
        "stack",
        html! {
            (field(ctx, "password", "field-password", "", errors, Input {
                kind: "password", autocomplete: Some("current-password"), required: true,
                hint_key: Some("hint-two-factor-password"),
            }))
            button type="submit" { (ctx.t(button)) }
        },
    )
}

/// A user's own second factor: whether it is on, the codes left, what can be done.
pub fn status(
    ctx: &Ctx,
    since: Option<DateTime<Utc>>,
    left: u64,
    required: bool,
    errors: &FieldErrors,
) -> Markup {
    layout::page(
        ctx,
        &ctx.t("two-factor-title"),
        html! {
            p { (ctx.t("two-factor-intro")) }
            @if required { p { strong { (ctx.t("two-factor-required-for-you")) } } }
            (error_summary(ctx, errors))
            h2 { (ctx.t("two-factor-app-title")) }
            @match since {
                Some(t) => {
                    p { (t_args(ctx.lang, "two-factor-on-since", &[("date", local_date(&t).into())])) }
                    p { a href="/settings/two-factor/totp" { (ctx.t("two-factor-replace")) } }
                    h2 { (ctx.t("two-factor-codes-heading")) }
                    p { (t_args(ctx.lang, "two-factor-codes-left", &[("count", left.into())])) }
                    (password_form(ctx, "/settings/two-factor/recovery", "two-factor-codes-renew", errors))
                    @if !required {
                        h2 { (ctx.t("two-factor-remove-title")) }
                        p { (ctx.t("two-factor-remove-intro")) }
                        (password_form(ctx, "/settings/two-factor/remove", "two-factor-remove", errors))
                    }
                }
                None => {
                    p { (ctx.t("two-factor-off")) }
                    p { a.button href="/settings/two-factor/totp" { (ctx.t("two-factor-set-up")) } }
                }
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

/// On an admin's page of a user: the second factor, and the reset.
pub fn admin_section(ctx: &Ctx, user_id: i64, since: Option<DateTime<Utc>>, own: bool) -> Markup {
    html! {
        h2 { (ctx.t("two-factor-title")) }
        @match since {
            Some(t) => {
                p { (t_args(ctx.lang, "two-factor-on-since", &[("date", local_date(&t).into())])) }
                @if own {
                    p { a href="/settings/two-factor" { (ctx.t("two-factor-reset-own")) } }
                } @else {
                    (post_form(ctx, &format!("/admin/users/{user_id}/two-factor/reset"), "stack", html! {
                        (checkbox(ctx, "confirm", "two-factor-reset-confirm", false))
                        button type="submit" { (ctx.t("two-factor-reset")) }
                    }))
                }
            }
            None => p { (ctx.t("two-factor-off-user")) },
        }
    }
}
