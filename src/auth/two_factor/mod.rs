//! Two-factor sign-in (issue 21): authenticator codes (`totp`), one-time recovery codes
//! (`recovery`) and the admin's rule of who must have a second factor (`rule`).
//!
//! Nobody is signed in before the second factor: after the right password the session
//! (its id renewed) holds only a *pending* sign-in (`signin`), which the code page or, when
//! the rule requires a factor the user has not set up, the set-up page completes; the
//! session is renewed again when it does. Every page behind a sign-in therefore sees a
//! user who has passed both, with no check of its own. (A session signed in before the
//! admin turned the rule on goes on until it ends; the rule counts at the next sign-in.) A user sets up, replaces or removes
//! the authenticator and renews the recovery codes on `/settings/two-factor`; an admin sets
//! the rule and resets a user's second factor (`/admin/two-factor`, a user's page); and the
//! command line resets it for the admin who lost their phone (`lotsbok user reset-2fa`).

pub mod passkey;
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
        .route("/settings/passkeys/options", post(passkey::add_options))
        .route("/settings/passkeys", post(passkey::add))
        .route("/settings/passkeys/{id}/remove", post(passkey::remove))
        .route("/login/passkey/options", post(passkey::sign_in_options))
        .route("/login/passkey", post(passkey::sign_in))
        .route("/login/code/passkey/options", post(passkey::second_options))
        .route("/login/code/passkey", post(passkey::second))
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
    let passkeys = passkey::of_user(&state.db, u.id).await?.len();
    let own = ctx.user.as_ref().is_some_and(|me| me.id.0 == u.id);
    Ok(views::admin_section(ctx, u.id, since, passkeys, own))
}

/// The sign-in with a passkey, below the password's (shown by the passkey script).
pub fn passkey_sign_in(ctx: &crate::web::Ctx, next: &str) -> Markup {
    views::passkey_form(
        ctx,
        "get",
        "/login/passkey/options",
        "/login/passkey",
        maud::html! {
            h2 { (ctx.t("passkey-sign-in-title")) }
            input type="hidden" name="next" value=(next);
            button type="submit" { (ctx.t("passkey-sign-in")) }
        },
    )
}

/// The user's password, typed again to confirm a change of their second factors, checked
/// through the sign-in throttle (a stolen session guesses no faster than a stranger):
/// `Err` with the message's key if it is not right.
pub async fn password_confirmed(
    state: &AppState,
    u: &user::Model,
    client: &str,
    typed: String,
) -> crate::error::AppResult<Result<(), &'static str>> {
    use crate::auth::throttle;
    let keys = throttle::Keys::new(&u.email, client);
    let throttle::Attempt::Go(attempt) =
        throttle::reserve(&state.db, &state.config.login, &keys).await?
    else {
        return Ok(Err("err-login-throttled"));
    };
    match crate::auth::password::verify(typed, u.password_hash.clone()).await? {
        Some(true) => {
            throttle::succeeded(&state.db, &keys, attempt).await?;
            Ok(Ok(()))
        }
        Some(false) => Ok(Err("err-password-wrong")),
        None => {
            throttle::withdraw(&state.db, attempt).await?;
            Ok(Err("err-login-busy"))
        }
    }
}

/// Mails the user that a second factor was added to their account (`what`: the key of its
/// name), so that one added by someone else does not go unseen.
pub async fn tell_added(
    state: &AppState,
    u: &user::Model,
    what: &str,
) -> Result<(), sea_orm::DbErr> {
    let lang = Lang::parse(&u.locale).unwrap_or(Lang::Sv);
    let link = state.config.link("/settings/two-factor");
    mail::enqueue(
        &state.db,
        templates::two_factor_added(lang, &u.email, &u.name, &crate::i18n::t(lang, what), &link),
    )
    .await?;
    state.wake_outbox();
    Ok(())
}

/// Whether the user has a second factor in force.
pub async fn has_factor(
    db: &impl sea_orm::ConnectionTrait,
    user: i64,
) -> Result<bool, sea_orm::DbErr> {
    Ok(totp::in_force_since(db, user).await?.is_some()
        || !passkey::of_user(db, user).await?.is_empty())
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
    passkey::remove_all(db, u.id).await?;
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
