//! Passkeys (WebAuthn, with the `webauthn-rs` crate): a second factor and, once a user has
//! one, a sign-in without a password. A user may have several, named and removable.
//!
//! Each ceremony is two requests: the options (a challenge) for the browser's credential
//! call, and its answer. The state between them is kept in the server-side session, never
//! in the browser. The only JavaScript is `assets/js/passkey.js`, which makes the call and
//! posts its answer as JSON; everything else is the server's pages.
//!
//! WebAuthn needs a domain name: with a `base_url` on an IP address (the default,
//! `http://127.0.0.1:3000`) passkeys are not offered (`localhost` works for trying).

use std::sync::{Arc, OnceLock};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use base64::Engine;
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Deserialize;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyAuthentication,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Uuid, Webauthn,
    WebauthnBuilder,
};

use super::signin;
use crate::accounts as users;
use crate::entities::{passkey, UserId};
use crate::error::{AppError, AppResult};
use crate::i18n::t;
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::ctx::SignedIn;
use crate::web::Ctx;

const REGISTRATION: &str = "passkey_registration";
const SIGN_IN: &str = "passkey_sign_in";
const SECOND: &str = "passkey_second_factor";
const NAME_MAX: usize = 60;

/// The relying party, made once per process from `base_url`; `None` on an IP address.
#[derive(Default)]
pub struct Held(OnceLock<Option<Arc<Webauthn>>>);

pub fn relying_party(state: &AppState) -> Option<Arc<Webauthn>> {
    state
        .kept
        .get::<Held>()
        .0
        .get_or_init(|| {
            let origin = &state.config.base_url;
            let host = origin.domain()?;
            let rp = WebauthnBuilder::new(host, origin).ok()?.rp_name("Lotsbok");
            rp.build().ok().map(Arc::new)
        })
        .clone()
}

/// Whether passkeys are offered here (a `base_url` with a domain name).
pub fn offered(state: &AppState) -> bool {
    relying_party(state).is_some()
}

fn b64(bytes: &[u8]) -> String {
    B64URL.encode(bytes)
}

/// A user's passkeys, oldest first.
pub async fn of_user(
    db: &impl ConnectionTrait,
    user: i64,
) -> Result<Vec<passkey::Model>, sea_orm::DbErr> {
    passkey::Entity::find()
        .filter(passkey::Column::UserId.eq(user))
        .order_by_asc(passkey::Column::Id)
        .all(db)
        .await
}

pub async fn remove_all(db: &impl ConnectionTrait, user: i64) -> Result<(), sea_orm::DbErr> {
    passkey::Entity::delete_many()
        .filter(passkey::Column::UserId.eq(user))
        .exec(db)
        .await?;
    Ok(())
}

fn parsed(rows: &[passkey::Model]) -> Vec<Passkey> {
    rows.iter()
        .filter_map(|r| serde_json::from_str(&r.passkey).ok())
        .collect()
}

/// A JSON answer with a message for the page to show.
fn refused(ctx: &Ctx, status: StatusCode, key: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "error": t(ctx.lang, key) })),
    )
        .into_response()
}

fn unavailable(ctx: &Ctx) -> Response {
    refused(ctx, StatusCode::NOT_FOUND, "passkey-unavailable")
}

// --- Adding one -----------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    passkey_password: String,
}

/// The options for the browser to make a passkey for the signed-in user, who types the
/// password again: a passkey signs in by itself, so a session left open must not add one.
pub async fn add_options(
    State(state): State<AppState>,
    SignedIn(ctx): SignedIn,
    ClientAddr(client): ClientAddr,
    Form(form): Form<NameForm>,
) -> AppResult<Response> {
    let Some(rp) = relying_party(&state) else {
        return Ok(unavailable(&ctx));
    };
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        return Ok(refused(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "err-passkey-name",
        ));
    }
    let u = users::find(&state.db, ctx.user()?.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let typed = form.passkey_password;
    if let Err(key) = super::password_confirmed(&state, &u, &client, typed).await? {
        return Ok(refused(&ctx, StatusCode::UNPROCESSABLE_ENTITY, key));
    }
    let rows = of_user(&state.db, u.id).await?;
    let handle = rows
        .first()
        .and_then(|r| Uuid::parse_str(&r.user_handle).ok())
        .unwrap_or_else(Uuid::new_v4);
    let exclude = parsed(&rows).iter().map(|p| p.cred_id().clone()).collect();
    let (options, reg) = rp
        .start_passkey_registration(handle, &u.email, &u.name, Some(exclude))
        .map_err(|e| anyhow::anyhow!("passkey registration: {e}"))?;
    ctx.session
        .insert(REGISTRATION, (reg, name, handle.to_string()))
        .await?;
    Ok(Json(options).into_response())
}

/// The browser's new passkey: kept under the name given.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(ctx): SignedIn,
    Json(answer): Json<RegisterPublicKeyCredential>,
) -> AppResult<Response> {
    let Some(rp) = relying_party(&state) else {
        return Ok(unavailable(&ctx));
    };
    let Some((reg, name, handle)) = ctx
        .session
        .remove::<(PasskeyRegistration, String, String)>(REGISTRATION)
        .await?
    else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let Ok(key) = rp.finish_passkey_registration(&answer, &reg) else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let me = ctx.user()?.id;
    let cred = b64(key.cred_id());
    let known = passkey::Entity::find()
        .filter(passkey::Column::CredentialId.eq(&cred))
        .one(&state.db)
        .await?;
    if known.is_some() {
        return Ok(refused(&ctx, StatusCode::CONFLICT, "err-passkey-known"));
    }
    let txn = state.db.begin().await?;
    passkey::Entity::insert(passkey::ActiveModel {
        user_id: Set(me.0),
        user_handle: Set(handle),
        credential_id: Set(cred),
        name: Set(name),
        passkey: Set(serde_json::to_string(&key).map_err(|e| anyhow::anyhow!(e))?),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    crate::audit::record(&txn, Some(me), "passkey_added", Some(("user", me.0)), None).await?;
    txn.commit().await?;
    if let Some(u) = users::find(&state.db, me).await? {
        super::tell_added(&state, &u, "passkey-title").await?;
    }
    Ctx::flash(&ctx.session, "passkey-added").await?;
    Ok(Json(serde_json::json!({ "redirect": "/settings/two-factor" })).into_response())
}

/// Removes one of the signed-in user's passkeys, with their password; not the last factor
/// of a user the rule requires one of.
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(ctx): SignedIn,
    ClientAddr(client): ClientAddr,
    Path(id): Path<i64>,
    Form(form): Form<super::settings::RemoveForm>,
) -> AppResult<Response> {
    let u = users::find(&state.db, ctx.user()?.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(row) = passkey::Entity::find_by_id(id)
        .filter(passkey::Column::UserId.eq(u.id))
        .one(&state.db)
        .await?
    else {
        return Err(AppError::NotFound);
    };
    let others = of_user(&state.db, u.id).await?.len() > 1
        || super::totp::in_force_since(&state.db, u.id)
            .await?
            .is_some();
    if !others && super::required(&state.db, &users::roles_of(&u)).await? {
        let field = "remove_password";
        return super::settings::refused(&state, &ctx, field, "err-two-factor-required").await;
    }
    let typed = ("remove_password", form.remove_password);
    if let Err(page) = super::settings::password_checked(&state, &ctx, &u, &client, typed).await? {
        return Ok(page);
    }
    let txn = state.db.begin().await?;
    passkey::Entity::delete_by_id(row.id).exec(&txn).await?;
    if !super::has_factor(&txn, u.id).await? {
        super::recovery::remove(&txn, u.id).await?;
    }
    crate::audit::record(
        &txn,
        Some(u.key()),
        "passkey_removed",
        Some(("user", u.id)),
        None,
    )
    .await?;
    txn.commit().await?;
    Ctx::flash(&ctx.session, "passkey-removed").await?;
    Ok(Redirect::to("/settings/two-factor").into_response())
}

// --- Signing in -----------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub struct NextForm {
    #[serde(default)]
    next: String,
}

/// The options for a sign-in with any passkey the browser holds for Lotsbok.
pub async fn sign_in_options(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NextForm>,
) -> AppResult<Response> {
    let Some(rp) = relying_party(&state) else {
        return Ok(unavailable(&ctx));
    };
    let (options, auth) = rp
        .start_discoverable_authentication()
        .map_err(|e| anyhow::anyhow!("passkey sign-in: {e}"))?;
    ctx.session
        .insert(
            SIGN_IN,
            (auth, crate::auth::forms::safe_next(&form.next).to_string()),
        )
        .await?;
    Ok(Json(options).into_response())
}

/// The browser's answer: the user its passkey names is signed in.
pub async fn sign_in(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(answer): Json<PublicKeyCredential>,
) -> AppResult<Response> {
    let Some(rp) = relying_party(&state) else {
        return Ok(unavailable(&ctx));
    };
    let Some((auth, next)) = ctx
        .session
        .remove::<(DiscoverableAuthentication, String)>(SIGN_IN)
        .await?
    else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let Ok((handle, cred_id)) = rp.identify_discoverable_authentication(&answer) else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let row = passkey::Entity::find()
        .filter(passkey::Column::CredentialId.eq(b64(cred_id)))
        .filter(passkey::Column::UserHandle.eq(handle.to_string()))
        .one(&state.db)
        .await?;
    let Some((row, key)) = row.and_then(|r| {
        let key: Passkey = serde_json::from_str(&r.passkey).ok()?;
        Some((r, key))
    }) else {
        return Ok(refused(
            &ctx,
            StatusCode::BAD_REQUEST,
            "err-passkey-unknown",
        ));
    };
    let Ok(result) =
        rp.finish_discoverable_authentication_v2(&answer, auth, DiscoverableKey::from(&key))
    else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let Some(u) = users::find(&state.db, UserId(row.user_id))
        .await?
        .filter(|u| u.active)
    else {
        return Ok(refused(
            &ctx,
            StatusCode::BAD_REQUEST,
            "err-passkey-unknown",
        ));
    };
    used(&state, row, key, &result).await?;
    signin::complete(&state, &ctx, &u, "passkey").await?;
    Ok(Json(serde_json::json!({ "redirect": next })).into_response())
}

/// The options for the second step of a password sign-in, with the user's passkeys.
pub async fn second_options(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let Some(rp) = relying_party(&state) else {
        return Ok(unavailable(&ctx));
    };
    let Some(u) = signin::pending_user(&state, &ctx).await? else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let keys = parsed(&of_user(&state.db, u.id).await?);
    if keys.is_empty() {
        return Ok(refused(
            &ctx,
            StatusCode::BAD_REQUEST,
            "err-passkey-unknown",
        ));
    }
    let (options, auth) = rp
        .start_passkey_authentication(&keys)
        .map_err(|e| anyhow::anyhow!("passkey second factor: {e}"))?;
    ctx.session.insert(SECOND, (auth, u.id)).await?;
    Ok(Json(options).into_response())
}

/// The answer of the second step: the pending sign-in completed.
pub async fn second(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddr(client): ClientAddr,
    Json(answer): Json<PublicKeyCredential>,
) -> AppResult<Response> {
    let Some(rp) = relying_party(&state) else {
        return Ok(unavailable(&ctx));
    };
    let Some(u) = signin::pending_user(&state, &ctx).await? else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let Some((auth, uid)) = ctx
        .session
        .remove::<(PasskeyAuthentication, i64)>(SECOND)
        .await?
    else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let Ok(result) = rp.finish_passkey_authentication(&answer, &auth) else {
        return Ok(refused(&ctx, StatusCode::BAD_REQUEST, "err-passkey-failed"));
    };
    let row = passkey::Entity::find()
        .filter(passkey::Column::CredentialId.eq(b64(result.cred_id())))
        .filter(passkey::Column::UserId.eq(u.id))
        .one(&state.db)
        .await?;
    let Some((row, key)) = row.filter(|_| uid == u.id).and_then(|r| {
        let key: Passkey = serde_json::from_str(&r.passkey).ok()?;
        Some((r, key))
    }) else {
        return Ok(refused(
            &ctx,
            StatusCode::BAD_REQUEST,
            "err-passkey-unknown",
        ));
    };
    used(&state, row, key, &result).await?;
    let next = signin::complete_pending(&state, &ctx, &u, &client, "passkey").await?;
    Ok(Json(serde_json::json!({ "redirect": next })).into_response())
}

/// A passkey used: its counter kept, and when it was last used.
async fn used(
    state: &AppState,
    row: passkey::Model,
    mut key: Passkey,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> AppResult<()> {
    key.update_credential(result);
    let stored = serde_json::to_string(&key).map_err(|e| anyhow::anyhow!(e))?;
    // Only over the record read (two sign-ins at once: the counter never goes back; a
    // passkey removed meanwhile stays removed).
    passkey::Entity::update_many()
        .col_expr(
            passkey::Column::Passkey,
            sea_orm::sea_query::Expr::value(stored),
        )
        .col_expr(
            passkey::Column::LastUsedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(passkey::Column::Id.eq(row.id))
        .filter(passkey::Column::Passkey.eq(row.passkey))
        .exec(&state.db)
        .await?;
    Ok(())
}
