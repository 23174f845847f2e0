//! Sign-in, first-start setup and password pages.

use maud::{html, Markup};

use super::forms::{LoginForm, SetupForm};
use crate::web::components::{error_summary, field, post_form, Input};
use crate::web::{layout, Ctx, FieldErrors};

fn password_fields(ctx: &Ctx, errors: &FieldErrors) -> Markup {
    html! {
        (field(ctx, "password", "field-new-password", "", errors, Input {
            kind: "password", autocomplete: Some("new-password"), required: true,
            hint_key: Some("hint-password"),
        }))
        (field(ctx, "password2", "field-new-password2", "", errors, Input {
            kind: "password", autocomplete: Some("new-password"), required: true, hint_key: None,
        }))
    }
}

pub fn login(
    ctx: &Ctx,
    form: &LoginForm,
    errors: &FieldErrors,
    signed_out: bool,
    passkey: Option<Markup>,
) -> Markup {
    layout::page(
        ctx,
        &ctx.t("login-title"),
        html! {
            @if signed_out { div.notice role="status" { p { (ctx.t("logout-done")) } } }
            (error_summary(ctx, errors))
            (post_form(ctx, "/login", "stack", html! {
                input type="hidden" name="next" value=(form.next);
                (field(ctx, "email", "field-email", &form.email, errors, Input {
                    kind: "email", autocomplete: Some("username"), required: true, hint_key: None,
                }))
                (field(ctx, "password", "field-password", "", errors, Input {
                    kind: "password", autocomplete: Some("current-password"), required: true, hint_key: None,
                }))
                button type="submit" { (ctx.t("login-submit")) }
            }))
            p { a href="/password/forgot" { (ctx.t("login-forgot")) } }
            @if let Some(p) = passkey { (p) }
        },
    )
}

pub fn setup(ctx: &Ctx, action: &str, form: &SetupForm, errors: &FieldErrors) -> Markup {
    layout::page(
        ctx,
        &ctx.t("setup-title"),
        html! {
            p { (ctx.t("setup-intro")) }
            (error_summary(ctx, errors))
            (post_form(ctx, action, "stack", html! {
                (field(ctx, "name", "field-name", &form.name, errors, Input {
                    autocomplete: Some("name"), required: true, ..Input::default()
                }))
                (field(ctx, "email", "field-email", &form.email, errors, Input {
                    kind: "email", autocomplete: Some("username"), required: true, hint_key: None,
                }))
                (password_fields(ctx, errors))
                button type="submit" { (ctx.t("setup-submit")) }
            }))
        },
    )
}

/// Choosing a password from an invitation or a reset link.
pub fn set_password(
    ctx: &Ctx,
    title_key: &str,
    action: &str,
    email: &str,
    errors: &FieldErrors,
) -> Markup {
    layout::page(
        ctx,
        &ctx.t(title_key),
        html! {
            p { (ctx.t("set-password-for")) " " strong { (email) } }
            (error_summary(ctx, errors))
            (post_form(ctx, action, "stack", html! {
                // Lets password managers store the new password under the right account.
                input type="hidden" name="username" autocomplete="username" value=(email);
                (password_fields(ctx, errors))
                button type="submit" { (ctx.t("set-password-submit")) }
            }))
        },
    )
}

pub fn forgot(ctx: &Ctx, email: &str, errors: &FieldErrors) -> Markup {
    layout::page(
        ctx,
        &ctx.t("forgot-title"),
        html! {
            p { (ctx.t("forgot-intro")) }
            (error_summary(ctx, errors))
            (post_form(ctx, "/password/forgot", "stack", html! {
                (field(ctx, "email", "field-email", email, errors, Input {
                    kind: "email", autocomplete: Some("username"), required: true, hint_key: None,
                }))
                button type="submit" { (ctx.t("forgot-submit")) }
            }))
        },
    )
}

pub fn forgot_sent(ctx: &Ctx) -> Markup {
    layout::page(
        ctx,
        &ctx.t("forgot-title"),
        html! {
            div.notice role="status" { p { (ctx.t("forgot-sent")) } }
            p { a href="/login" { (ctx.t("back-to-login")) } }
        },
    )
}

/// An expired, used or unknown link: what to do instead.
pub fn link_invalid(ctx: &Ctx, what_to_do_key: &str) -> Markup {
    layout::page(
        ctx,
        &ctx.t("link-invalid-title"),
        html! {
            p { (ctx.t("link-invalid-text")) }
            p { (ctx.t(what_to_do_key)) }
            p { a href="/login" { (ctx.t("back-to-login")) } }
        },
    )
}
