//! A user's own second factor on `/settings/two-factor`, and the admin's rule and resets.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use serde::Deserialize;

use super::{passkey, recovery, rule, totp, views};
use crate::accounts::{self as users};
use crate::entities::{user, UserId};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::ctx::{AdminCtx, SignedIn};
use crate::web::{Ctx, FieldErrors};

const HOME: &str = "/settings/two-factor";

async fn me(state: &AppState, ctx: &Ctx) -> AppResult<user::Model> {
    users::find(&state.db, ctx.user()?.id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn status(state: &AppState, ctx: &Ctx, errors: &FieldErrors) -> AppResult<maud::Markup> {
    let u = me(state, ctx).await?;
    let passkeys = passkey::of_user(&state.db, u.id).await?;
    let s = views::Status {
        since: totp::in_force_since(&state.db, u.id).await?,
        passkeys: &passkeys,
        offered: passkey::offered(state),
        left: recovery::left(&state.db, u.id).await?,
        required: super::required(&state.db, &users::roles_of(&u)).await?,
    };
    Ok(views::status(ctx, &s, errors))
}

pub async fn show(State(state): State<AppState>, SignedIn(ctx): SignedIn) -> AppResult<Response> {
    Ok(status(&state, &ctx, &FieldErrors::default())
        .await?
        .into_response())
}

pub async fn totp_form(
    State(state): State<AppState>,
    SignedIn(ctx): SignedIn,
) -> AppResult<Response> {
    let u = me(&state, &ctx).await?;
    let setup = totp::begin(&ctx.session, &super::cipher(&state)?, u.id, &u.email).await?;
    Ok(views::setup(
        &ctx,
        "/settings/two-factor/totp",
        &setup,
        false,
        &FieldErrors::default(),
    )
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

pub async fn totp_confirm(
    State(state): State<AppState>,
    SignedIn(ctx): SignedIn,
    ClientAddr(client): ClientAddr,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let u = me(&state, &ctx).await?;
    let cipher = super::cipher(&state)?;
    let replaced = totp::in_force_since(&state.db, u.id).await?.is_some();
    let mut errors = FieldErrors::default();
    if let Err(key) = super::password_confirmed(&state, &u, &client, form.password).await? {
        errors.add("password", key);
    } else if !totp::confirm(
        &state.db,
        &ctx.session,
        &cipher,
        u.id,
        &form.code,
        Utc::now(),
    )
    .await?
    {
        errors.add("code", "err-code-wrong");
    }
    if !errors.is_empty() {
        let setup = totp::begin(&ctx.session, &cipher, u.id, &u.email).await?;
        let page = views::setup(&ctx, "/settings/two-factor/totp", &setup, false, &errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let action = if replaced {
        "two_factor_replaced"
    } else {
        "two_factor_enabled"
    };
    state
        .audit
        .record(Some(u.key()), action, Some(("user", u.id)), None)
        .await?;
    super::tell_added(&state, &u, "two-factor-app-title").await?;
    if recovery::left(&state.db, u.id).await? == 0 {
        let codes = recovery::renew(&state.db, u.id).await?;
        return Ok(views::codes(&ctx, &codes, HOME).into_response());
    }
    Ctx::flash(&ctx.session, "two-factor-on").await?;
    Ok(Redirect::to(HOME).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

/// The password of the removal form (a field of its own: Enter in the codes' form renews
/// codes, never removes a factor).
#[derive(Debug, Default, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    pub remove_password: String,
}

/// Whether `typed` is the user's password (throttled); `Err` with the settings page, the
/// error beside `field`, if not.
pub(super) async fn password_checked(
    state: &AppState,
    ctx: &Ctx,
    u: &user::Model,
    client: &str,
    (field, typed): (&'static str, String),
) -> AppResult<Result<(), Response>> {
    let Err(key) = super::password_confirmed(state, u, client, typed).await? else {
        return Ok(Ok(()));
    };
    let mut errors = FieldErrors::default();
    errors.add(field, key);
    let page = status(state, ctx, &errors).await?;
    Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, page).into_response()))
}

/// The settings page with an error beside `field`.
pub(super) async fn refused(
    state: &AppState,
    ctx: &Ctx,
    field: &'static str,
    key: &'static str,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    errors.add(field, key);
    let page = status(state, ctx, &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    SignedIn(ctx): SignedIn,
    ClientAddr(client): ClientAddr,
    Form(form): Form<RemoveForm>,
) -> AppResult<Response> {
    let u = me(&state, &ctx).await?;
    if totp::in_force_since(&state.db, u.id).await?.is_none() {
        return Ok(Redirect::to(HOME).into_response());
    }
    let passkeys = passkey::of_user(&state.db, u.id).await?.len();
    if passkeys == 0 && super::required(&state.db, &users::roles_of(&u)).await? {
        // The rule requires one: it may be replaced, not removed.
        return refused(&state, &ctx, "remove_password", "err-two-factor-required").await;
    }
    let typed = ("remove_password", form.remove_password);
    if let Err(page) = password_checked(&state, &ctx, &u, &client, typed).await? {
        return Ok(page);
    }
    let txn = state.db.begin().await?;
    totp::remove(&txn, u.id).await?;
    if passkeys == 0 {
        recovery::remove(&txn, u.id).await?;
    }
    crate::audit::record(
        &txn,
        Some(u.key()),
        "two_factor_removed",
        Some(("user", u.id)),
        None,
    )
    .await?;
    txn.commit().await?;
    Ctx::flash(&ctx.session, "two-factor-off-done").await?;
    Ok(Redirect::to(HOME).into_response())
}

pub async fn renew_codes(
    State(state): State<AppState>,
    SignedIn(ctx): SignedIn,
    ClientAddr(client): ClientAddr,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let u = me(&state, &ctx).await?;
    if !super::has_factor(&state.db, u.id).await? {
        return Ok(Redirect::to(HOME).into_response());
    }
    let typed = ("password", form.password);
    if let Err(page) = password_checked(&state, &ctx, &u, &client, typed).await? {
        return Ok(page);
    }
    let txn = state.db.begin().await?;
    let codes = recovery::renew(&txn, u.id).await?;
    crate::audit::record(
        &txn,
        Some(u.key()),
        "recovery_codes_renewed",
        Some(("user", u.id)),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(views::codes(&ctx, &codes, HOME).into_response())
}

// --- The admin's ---------------------------------------------------------------------------

pub async fn rule_form(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
) -> AppResult<Response> {
    let r = rule::load(&state.db).await?;
    let without = without_factor(&state).await?;
    Ok(views::rule(&ctx, r, &without).into_response())
}

/// The active accounts without a second factor, by role (admin, coordinator, guide).
async fn without_factor(state: &AppState) -> AppResult<[u64; 3]> {
    let mut n = [0u64; 3];
    for u in users::list(&state.db).await?.iter().filter(|u| u.active) {
        if super::has_factor(&state.db, u.id).await? {
            continue;
        }
        for (i, has) in [u.is_admin, u.is_coordinator, u.is_guide]
            .into_iter()
            .enumerate()
        {
            n[i] += u64::from(has);
        }
    }
    Ok(n)
}

#[derive(Debug, Default, Deserialize)]
pub struct RuleForm {
    admin: Option<String>,
    coordinator: Option<String>,
    guide: Option<String>,
}

pub async fn rule_save(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Form(form): Form<RuleForm>,
) -> AppResult<Response> {
    let r = rule::Rule {
        admin: form.admin.is_some(),
        coordinator: form.coordinator.is_some(),
        guide: form.guide.is_some(),
    };
    let txn = state.db.begin().await?;
    rule::save(&txn, r).await?;
    let detail = format!(
        "admin={} coordinator={} guide={}",
        r.admin, r.coordinator, r.guide
    );
    crate::audit::record(
        &txn,
        Some(ctx.user()?.id),
        "two_factor_rule",
        None,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ctx::flash(&ctx.session, "saved").await?;
    Ok(Redirect::to("/admin/two-factor").into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ResetForm {
    confirm: Option<String>,
}

/// An admin resets another user's second factor (their own they replace or remove on
/// their settings page, with their password, so that no admin removes theirs by mistake).
pub async fn admin_reset(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Path(id): Path<UserId>,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let u = users::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = ctx.user()?.id;
    let back = format!("/admin/users/{}", u.id);
    if id == me {
        Ctx::flash(&ctx.session, "two-factor-reset-self").await?;
        return Ok(Redirect::to(&back).into_response());
    }
    if form.confirm.is_none() {
        Ctx::flash(&ctx.session, "two-factor-reset-unconfirmed").await?;
        return Ok(Redirect::to(&back).into_response());
    }
    let txn = state.db.begin().await?;
    super::reset(&txn, &state.config, &u).await?;
    crate::audit::record(
        &txn,
        Some(me),
        "two_factor_reset",
        Some(("user", u.id)),
        None,
    )
    .await?;
    txn.commit().await?;
    state.reference.changed();
    state.wake_outbox();
    Ctx::flash(&ctx.session, "two-factor-reset-done").await?;
    Ok(Redirect::to(&back).into_response())
}
