//! The sign-in between the password and the second factor. The password page hands over
//! to `after_password`; the session then holds a `Pending` sign-in (for ten minutes), not a
//! user: the code page completes it with an authenticator or recovery code, the set-up
//! page (when the admin's rule requires a factor the user has none of) with a code from the
//! authenticator just set up. Wrong codes count toward the sign-in throttle as wrong
//! passwords do: the password's own attempt stays a failure until the code is right.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{recovery, totp, views};
use crate::accounts as users;
use crate::auth::throttle;
use crate::entities::{user, UserId};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::mail::{self, templates};
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::session;
use crate::web::{Ctx, FieldErrors};

const PENDING: &str = "pending_sign_in";
/// How long the second step may take after the password.
const PENDING_MINUTES: i64 = 10;

#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    uid: i64,
    /// The account's `auth_version` at the password: a password changed meanwhile ends it.
    av: i32,
    at: i64,
    next: String,
    /// Set-up rather than a code.
    enrol: bool,
    /// The password's throttle attempt, a failure until the second factor succeeds.
    #[serde(default)]
    attempt: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// After the right password: signed in at once, or on to the code or set-up page.
pub async fn after_password(
    state: &AppState,
    ctx: &Ctx,
    u: user::Model,
    next: &str,
    keys: &throttle::Keys,
    attempt: i64,
) -> AppResult<Response> {
    let has = super::has_factor(&state.db, u.id).await?;
    if !has && !super::required(&state.db, &users::roles_of(&u)).await? {
        throttle::succeeded(&state.db, keys, attempt).await?;
        complete(state, ctx, &u, "password").await?;
        return Ok(Redirect::to(next).into_response());
    }
    if !has {
        // Nothing more to guess: the user sets a factor up.
        throttle::succeeded(&state.db, keys, attempt).await?;
    }
    ctx.session.cycle_id().await?;
    let pending = Pending {
        uid: u.id,
        av: u.auth_version,
        at: Utc::now().timestamp(),
        next: next.to_string(),
        enrol: !has,
        attempt: has.then_some(attempt),
    };
    ctx.session.insert(PENDING, &pending).await?;
    Ok(Redirect::to(if has { "/login/code" } else { "/login/enrol" }).into_response())
}

/// Signs `u` in (a fresh session id), ends the pending sign-in, notes the sign-in.
pub async fn complete(state: &AppState, ctx: &Ctx, u: &user::Model, how: &str) -> AppResult<()> {
    session::sign_in(&ctx.session, u).await?;
    ctx.session.remove::<Pending>(PENDING).await?;
    users::mark_login(&state.db, u.key()).await?;
    let detail = (how != "password").then(|| how.to_string());
    state
        .audit
        .record(Some(u.key()), "login", None, detail)
        .await?;
    Ok(())
}

/// The pending sign-in of this session and its account, if still valid and of the kind.
async fn pending(
    state: &AppState,
    ctx: &Ctx,
    enrol: bool,
) -> AppResult<Option<(Pending, user::Model)>> {
    let Some(p) = ctx.session.get::<Pending>(PENDING).await? else {
        return Ok(None);
    };
    let fresh = Utc::now().timestamp() - p.at <= Duration::minutes(PENDING_MINUTES).num_seconds();
    if !fresh || p.enrol != enrol {
        return Ok(None);
    }
    let u = users::find(&state.db, UserId(p.uid))
        .await?
        .filter(|u| u.active && u.auth_version == p.av);
    Ok(u.map(|u| (p, u)))
}

/// The account of this session's pending sign-in awaiting its second factor.
pub async fn pending_user(state: &AppState, ctx: &Ctx) -> AppResult<Option<user::Model>> {
    Ok(pending(state, ctx, false).await?.map(|(_, u)| u))
}

/// Completes this session's pending sign-in of `u` after a second step checked elsewhere
/// (a passkey): the password's throttle attempt cleared, `u` signed in; where to go next.
pub async fn complete_pending(
    state: &AppState,
    ctx: &Ctx,
    u: &user::Model,
    client: &str,
    how: &str,
) -> AppResult<String> {
    let pending = ctx.session.get::<Pending>(PENDING).await?;
    if let Some(attempt) = pending.as_ref().and_then(|p| p.attempt) {
        let keys = throttle::Keys::new(&u.email, client);
        throttle::succeeded(&state.db, &keys, attempt).await?;
    }
    complete(state, ctx, u, how).await?;
    Ok(pending.map(|p| p.next).unwrap_or_else(|| "/".into()))
}

fn to_login() -> Response {
    Redirect::to("/login").into_response()
}

/// The second step's page for `u`: a passkey where it has one, a code field always.
async fn code_page(
    state: &AppState,
    ctx: &Ctx,
    u: &user::Model,
    errors: &FieldErrors,
) -> AppResult<maud::Markup> {
    let has_totp = totp::in_force_since(&state.db, u.id).await?.is_some();
    let passkey = super::passkey::offered(state)
        && !super::passkey::of_user(&state.db, u.id).await?.is_empty();
    Ok(views::code(ctx, errors, has_totp, passkey))
}

pub async fn code_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let Some((_, u)) = pending(&state, &ctx, false).await? else {
        return Ok(to_login());
    };
    Ok(code_page(&state, &ctx, &u, &FieldErrors::default())
        .await?
        .into_response())
}

pub async fn code(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let Some((p, u)) = pending(&state, &ctx, false).await? else {
        return Ok(to_login());
    };
    let mut errors = FieldErrors::default();
    if form.code.trim().is_empty() {
        errors.add("code", "err-code-missing");
        let page = code_page(&state, &ctx, &u, &errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let keys = throttle::Keys::new(&u.email, &client);
    let throttle::Attempt::Go(attempt) =
        throttle::reserve(&state.db, &state.config.login, &keys).await?
    else {
        errors.add("code", "err-login-throttled");
        let page = code_page(&state, &ctx, &u, &errors).await?;
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    };
    let now = Utc::now();
    let how = if totp::looks_like_code(&form.code) {
        let cipher = super::cipher(&state)?;
        let Ok(ok) = totp::verify(&state.db, &cipher, u.id, &form.code, now).await else {
            // Not the user's mistake: not counted against them, and said as it is.
            throttle::withdraw(&state.db, attempt).await?;
            errors.add("code", "err-two-factor-key");
            let page = code_page(&state, &ctx, &u, &errors).await?;
            return Ok((StatusCode::SERVICE_UNAVAILABLE, page).into_response());
        };
        ok.then_some("totp")
    } else {
        recovery_spent(&state, &u, &form.code, now)
            .await?
            .then_some("recovery_code")
    };
    let Some(how) = how else {
        state
            .audit
            .record(Some(u.key()), "login_code_failed", None, None)
            .await?;
        errors.add("code", "err-code-wrong");
        let page = code_page(&state, &ctx, &u, &errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    throttle::succeeded(&state.db, &keys, attempt).await?;
    complete(&state, &ctx, &u, how).await?;
    Ok(Redirect::to(&p.next).into_response())
}

/// Spends a recovery code, if it is one of the user's: in one transaction with its audit
/// entry and the mail to the user (someone else may have it), so none goes without the
/// others.
async fn recovery_spent(
    state: &AppState,
    u: &user::Model,
    typed: &str,
    now: chrono::DateTime<Utc>,
) -> AppResult<bool> {
    let txn = state.db.begin().await?;
    if !recovery::spend(&txn, u.id, typed, now).await? {
        return Ok(false);
    }
    let left = recovery::left(&txn, u.id).await?;
    crate::audit::record(
        &txn,
        Some(u.key()),
        "recovery_code_used",
        Some(("user", u.id)),
        Some(format!("left={left}")),
    )
    .await?;
    let lang = Lang::parse(&u.locale).unwrap_or(Lang::Sv);
    let link = state.config.link("/settings/two-factor");
    mail::enqueue(
        &txn,
        templates::recovery_code_used(lang, &u.email, &u.name, left, &link),
    )
    .await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok(true)
}

pub async fn enrol_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let Some((_, u)) = pending(&state, &ctx, true).await? else {
        return Ok(to_login());
    };
    let setup = totp::begin(&ctx.session, &super::cipher(&state)?, u.id, &u.email).await?;
    Ok(views::setup(&ctx, "/login/enrol", &setup, true, &FieldErrors::default()).into_response())
}

pub async fn enrol(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<CodeForm>,
) -> AppResult<Response> {
    let Some((p, u)) = pending(&state, &ctx, true).await? else {
        return Ok(to_login());
    };
    let cipher = super::cipher(&state)?;
    if !totp::confirm(
        &state.db,
        &ctx.session,
        &cipher,
        u.id,
        &form.code,
        Utc::now(),
    )
    .await?
    {
        let mut errors = FieldErrors::default();
        errors.add("code", "err-code-wrong");
        let setup = totp::begin(&ctx.session, &cipher, u.id, &u.email).await?;
        let page = views::setup(&ctx, "/login/enrol", &setup, true, &errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let codes = recovery::renew(&state.db, u.id).await?;
    state
        .audit
        .record(
            Some(u.key()),
            "two_factor_enabled",
            Some(("user", u.id)),
            None,
        )
        .await?;
    super::tell_added(&state, &u, "two-factor-app-title").await?;
    complete(&state, &ctx, &u, "totp").await?;
    // The page is rendered for the user now signed in, with the new session's token.
    let ctx = Ctx {
        user: session::current_user(&state, &ctx.session).await?,
        csrf: crate::web::csrf::token(&ctx.session, None).await?,
        ..ctx
    };
    Ok(views::codes(&ctx, &codes, &p.next).into_response())
}
