//! Sign-in, sign-out, first-start setup, invitations and password reset.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Duration;
use serde::Deserialize;

use super::forms::{self, ForgotForm, LoginForm, PasswordForm, SetupForm};
use super::tokens::{self, Purpose};
use super::{password, throttle, views};
use crate::accounts::{self as users, NewUser};
use crate::audit;
use crate::entities::UserId;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::mail::{self, templates};
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::session;
use crate::web::{Ctx, FieldErrors};

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    bye: Option<String>,
}

fn unprocessable(page: maud::Markup) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// The sign-in page, with a passkey's sign-in where passkeys are offered.
fn login_page(
    state: &AppState,
    ctx: &Ctx,
    form: &LoginForm,
    errors: &FieldErrors,
    signed_out: bool,
) -> maud::Markup {
    let passkey = super::two_factor::passkey::offered(state)
        .then(|| super::two_factor::passkey_sign_in(ctx, form.safe_next()));
    views::login(ctx, form, errors, signed_out, passkey)
}

pub async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Response {
    if ctx.user.is_some() {
        return Redirect::to("/").into_response();
    }
    let form = LoginForm {
        next: q.next,
        ..LoginForm::default()
    };
    login_page(
        &state,
        &ctx,
        &form,
        &FieldErrors::default(),
        q.bye.is_some(),
    )
    .into_response()
}

pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddr(client): ClientAddr,
    Form(mut form): Form<LoginForm>,
) -> AppResult<Response> {
    let mut errors = form.validate();
    if !errors.is_empty() {
        return Ok(unprocessable(login_page(
            &state, &ctx, &form, &errors, false,
        )));
    }
    let keys = throttle::Keys::new(&form.email, &client);
    let attempt = throttle::reserve(&state.db, &state.config.login, &keys).await?;
    let throttle::Attempt::Go(attempt) = attempt else {
        errors.add("email", "err-login-throttled");
        let page = login_page(&state, &ctx, &form, &errors, false);
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    };
    let account = users::find_by_email(&state.db, &form.email)
        .await?
        .filter(|u| u.active);
    // The password is checked in every case, so that time does not tell which case it was.
    let stored = account.as_ref().and_then(|u| u.password_hash.clone());
    let Some(ok) = password::verify(std::mem::take(&mut form.password), stored).await? else {
        // Too many sign-ins at once: this one is not checked, and not counted against anyone.
        throttle::withdraw(&state.db, attempt).await?;
        errors.add("email", "err-login-busy");
        let page = login_page(&state, &ctx, &form, &errors, false);
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    };
    match account {
        Some(user) if ok => {
            crate::auth::two_factor::signin::after_password(
                &state,
                &ctx,
                user,
                form.safe_next(),
                &keys,
                attempt,
            )
            .await
        }
        found => {
            let uid = found.map(|u| u.key());
            state.audit.record(uid, "login_failed", None, None).await?;
            errors.add("email", "err-login-failed");
            Ok(unprocessable(login_page(
                &state, &ctx, &form, &errors, false,
            )))
        }
    }
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if let Some(u) = &ctx.user {
        state.audit.record(Some(u.id), "logout", None, None).await?;
    }
    session::sign_out(&ctx.session).await?;
    Ok(Redirect::to("/login?bye=1").into_response())
}

// --- First start -------------------------------------------------------------------------

async fn setup_allowed(state: &AppState, token: &str) -> AppResult<bool> {
    Ok(!users::any_active_admin(&state.db).await?
        && tokens::peek(&state.db, Purpose::Setup, token)
            .await?
            .is_some())
}

pub async fn setup_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if !setup_allowed(&state, &token).await? {
        return Ok((
            StatusCode::NOT_FOUND,
            views::link_invalid(&ctx, "link-invalid-setup"),
        )
            .into_response());
    }
    let action = format!("/setup/{token}");
    Ok(views::setup(
        &ctx,
        &action,
        &SetupForm::default(),
        &FieldErrors::default(),
    )
    .into_response())
}

pub async fn setup(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<SetupForm>,
) -> AppResult<Response> {
    if !setup_allowed(&state, &token).await? {
        return Ok((
            StatusCode::NOT_FOUND,
            views::link_invalid(&ctx, "link-invalid-setup"),
        )
            .into_response());
    }
    let mut errors = form.validate();
    if errors.is_empty() {
        let hash = password::hash(form.password.password.clone()).await?;
        let txn = state.db.begin().await?;
        if tokens::consume(&txn, Purpose::Setup, &token)
            .await?
            .is_none()
        {
            return Ok((
                StatusCode::NOT_FOUND,
                views::link_invalid(&ctx, "link-invalid-setup"),
            )
                .into_response());
        }
        let new = NewUser {
            email: form.email.clone(),
            name: form.name.clone(),
            roles: crate::accounts::Roles {
                admin: true,
                ..Default::default()
            },
            municipality_id: None,
            locale: ctx.lang.code().into(),
            password_hash: Some(hash),
        };
        match users::create(&txn, new).await {
            Ok(user) => {
                audit::record(
                    &txn,
                    Some(user.key()),
                    "setup_admin",
                    Some(("user", user.id)),
                    None,
                )
                .await?;
                txn.commit().await?;
                state.reference.changed();
                session::sign_in(&ctx.session, &user).await?;
                Ctx::flash(&ctx.session, "setup-done").await?;
                return Ok(Redirect::to("/").into_response());
            }
            Err(e) => match e.field_error() {
                Some((f, k)) => errors.add(f, k),
                None => return Err(anyhow::anyhow!(e).into()),
            },
        }
    }
    let action = format!("/setup/{token}");
    Ok(unprocessable(views::setup(&ctx, &action, &form, &errors)))
}

// --- Invitation and reset links ----------------------------------------------------------

/// The link page for an invitation or a reset: a password form for the token's user.
async fn password_link_form(
    state: &AppState,
    ctx: &Ctx,
    purpose: Purpose,
    token: &str,
) -> AppResult<Response> {
    let (title, action, invalid) = link_texts(purpose, token);
    let user = match tokens::peek(&state.db, purpose, token).await? {
        Some(t) => users::find(&state.db, UserId(t.user_id.unwrap_or_default())).await?,
        None => None,
    };
    match user.filter(|u| u.active) {
        Some(u) => Ok(
            views::set_password(ctx, title, &action, &u.email, &FieldErrors::default())
                .into_response(),
        ),
        None => Ok((StatusCode::NOT_FOUND, views::link_invalid(ctx, invalid)).into_response()),
    }
}

fn link_texts(purpose: Purpose, token: &str) -> (&'static str, String, &'static str) {
    match purpose {
        Purpose::Invite => (
            "invite-title",
            format!("/invite/{token}"),
            "link-invalid-invite",
        ),
        _ => (
            "reset-title",
            format!("/password/reset/{token}"),
            "link-invalid-reset",
        ),
    }
}

async fn password_link_submit(
    state: &AppState,
    ctx: &Ctx,
    purpose: Purpose,
    token: &str,
    form: PasswordForm,
) -> AppResult<Response> {
    let (title, action, invalid) = link_texts(purpose, token);
    let Some(t) = tokens::peek(&state.db, purpose, token).await? else {
        return Ok((StatusCode::NOT_FOUND, views::link_invalid(ctx, invalid)).into_response());
    };
    let Some(user) = users::find(&state.db, UserId(t.user_id.unwrap_or_default()))
        .await?
        .filter(|u| u.active)
    else {
        return Ok((StatusCode::NOT_FOUND, views::link_invalid(ctx, invalid)).into_response());
    };
    let mut errors = FieldErrors::default();
    form.validate(&mut errors);
    if !errors.is_empty() {
        return Ok(unprocessable(views::set_password(
            ctx,
            title,
            &action,
            &user.email,
            &errors,
        )));
    }
    let hash = password::hash(form.password).await?;
    let txn = state.db.begin().await?;
    if tokens::consume(&txn, purpose, token).await?.is_none() {
        return Ok((StatusCode::NOT_FOUND, views::link_invalid(ctx, invalid)).into_response());
    }
    users::set_password(&txn, user.key(), hash).await?;
    let action_name = if purpose == Purpose::Invite {
        "invite_accepted"
    } else {
        "password_reset"
    };
    audit::record(
        &txn,
        Some(user.key()),
        action_name,
        Some(("user", user.id)),
        None,
    )
    .await?;
    txn.commit().await?;
    state.reference.changed();
    Ctx::flash(&ctx.session, "password-set").await?;
    Ok(Redirect::to("/login").into_response())
}

pub async fn invite_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    password_link_form(&state, &ctx, Purpose::Invite, &token).await
}

pub async fn invite_accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    password_link_submit(&state, &ctx, Purpose::Invite, &token, form).await
}

pub async fn reset_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    password_link_form(&state, &ctx, Purpose::Reset, &token).await
}

pub async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    password_link_submit(&state, &ctx, Purpose::Reset, &token, form).await
}

pub async fn forgot_form(ctx: Ctx) -> Response {
    views::forgot(&ctx, "", &FieldErrors::default()).into_response()
}

/// Reset mails one address may be sent in an hour, and requests one client may make.
const RESETS_PER_ADDRESS: u64 = 3;
const RESETS_PER_CLIENT: u64 = 10;

/// Always the same answer after the same work, whether or not the address has an account:
/// the request is counted (a few an hour per address and per client, so that no one can
/// fill a guide's mailbox), and the look-up and the mail happen after the answer.
pub async fn forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<ForgotForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    forms::validate_email(&form.email, &mut errors);
    if !errors.is_empty() {
        return Ok(unprocessable(views::forgot(&ctx, &form.email, &errors)));
    }
    let keys = throttle::Keys::new(&form.email, &client);
    let allowed = throttle::allow_request(
        &state.db,
        &keys,
        "reset",
        RESETS_PER_ADDRESS,
        RESETS_PER_CLIENT,
    )
    .await?;
    if allowed {
        let email = form.email.clone();
        let tracker = state.after_answer.clone();
        tracker.spawn(async move {
            if let Err(e) = send_reset(&state, &email).await {
                tracing::error!(error = %e, "password reset: the mail was not queued");
            }
        });
    }
    Ok(views::forgot_sent(&ctx).into_response())
}

async fn send_reset(state: &AppState, email: &str) -> anyhow::Result<()> {
    let Some(user) = users::find_by_email(&state.db, email)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(());
    };
    let minutes = state.config.tokens.reset_minutes;
    let txn = state.db.begin().await?;
    tokens::revoke(&txn, Purpose::Reset, Some(user.key())).await?;
    let token = tokens::issue(
        &txn,
        Purpose::Reset,
        Some(user.key()),
        Duration::minutes(minutes.into()),
    )
    .await?;
    let link = state.config.link(&format!("/password/reset/{token}"));
    let lang = Lang::parse(&user.locale).unwrap_or(Lang::Sv);
    mail::enqueue(
        &txn,
        templates::reset(lang, &user.email, &user.name, &link, minutes),
    )
    .await?;
    audit::record(
        &txn,
        Some(user.key()),
        "password_reset_requested",
        Some(("user", user.id)),
        None,
    )
    .await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok(())
}
