//! Two-factor sign-in (issue 21): authenticator codes (`totp`), one-time recovery codes
//! (`recovery`) and the admin's rule of who must have a second factor (`rule`).
//!
//! Nobody is signed in before the second factor: after the right password the session
//! (its id renewed) holds only a *pending* sign-in (`signin`), which the code page or, when
//! the rule requires a factor the user has not set up, the set-up page completes; the
//! session is renewed again when it does. Every page behind a sign-in therefore sees a
//! user who has passed both, with no check of its own. A user sets up, replaces or removes
//! the authenticator and renews the recovery codes on `/settings/two-factor`; an admin sets
//! the rule and resets a user's second factor (`/admin/two-factor`, a user's page); and the
//! command line resets it for the admin who lost their phone (`lotsbok user reset-2fa`).

pub mod recovery;
pub mod rule;
pub mod secret;
mod settings;
pub mod signin;
pub mod totp;
mod views;

use axum::routing::{get, post};
use maud::Markup;

use crate::accounts::{self, Roles};
use crate::entities::{user, UserId};
use crate::i18n::Lang;
use crate::mail::{self, templates};
use crate::state::AppState;
use crate::web::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .route("/login/code", get(signin::code_form).post(signin::code))
        .route("/login/enrol", get(signin::enrol_form).post(signin::enrol))
        .route("/settings/two-factor", get(settings::show))
        .route(
            "/settings/two-factor/totp",
            get(settings::totp_form).post(settings::totp_confirm),
        )
        .route("/settings/two-factor/remove", post(settings::remove))
        .route("/settings/two-factor/recovery", post(settings::renew_codes))
        .route(
            "/admin/two-factor",
            get(settings::rule_form).post(settings::rule_save),
        )
        .route(
            "/admin/users/{id}/two-factor/reset",
            post(settings::admin_reset),
        )
}

/// The key the secrets are sealed with (read once per process).
pub fn cipher(state: &AppState) -> anyhow::Result<secret::Cipher> {
    state
        .kept
        .get::<secret::Held>()
        .key(&state.config.two_factor)
}

/// The second factor on an admin's page of a user `u`, with the reset.
pub async fn admin_section(
    state: &AppState,
    ctx: &crate::web::Ctx,
    u: &user::Model,
) -> Result<Markup, sea_orm::DbErr> {
    let since = totp::in_force_since(&state.db, u.id).await?;
    let own = ctx.user.as_ref().is_some_and(|me| me.id.0 == u.id);
    Ok(views::admin_section(ctx, u.id, since, own))
}

/// Whether the user has a second factor in force.
pub async fn has_factor(
    db: &impl sea_orm::ConnectionTrait,
    user: i64,
) -> Result<bool, sea_orm::DbErr> {
    Ok(totp::in_force_since(db, user).await?.is_some())
}

/// Whether the admin's rule requires a second factor of a user with `roles`.
pub async fn required(
    db: &impl sea_orm::ConnectionTrait,
    roles: &Roles,
) -> Result<bool, sea_orm::DbErr> {
    Ok(rule::load(db).await?.requires(roles))
}

/// Removes the user's second factor and recovery codes and ends their sessions, and mails
/// them (an admin's reset, or the command line's): at the next sign-in they set it up again
/// if the rule requires it. Audited by the caller with who did it.
pub async fn reset(
    db: &impl sea_orm::ConnectionTrait,
    config: &crate::config::Config,
    u: &user::Model,
) -> Result<(), sea_orm::DbErr> {
    totp::remove(db, u.id).await?;
    recovery::remove(db, u.id).await?;
    accounts::end_sessions(db, UserId(u.id)).await?;
    let lang = Lang::parse(&u.locale).unwrap_or(Lang::Sv);
    mail::enqueue(
        db,
        templates::two_factor_reset(lang, &u.email, &u.name, &config.link("/login")),
    )
    .await?;
    Ok(())
}
