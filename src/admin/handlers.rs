//! Admin handlers. Every one takes `AdminCtx`: without the admin role they are not reached.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Duration;

use super::forms::{AccessFields, EditForm, InviteForm};
use super::views;
use crate::accounts::{self as users, NewUser};
use crate::audit;
use crate::auth::tokens::{self, Purpose};
use crate::entities::{user, UserId};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::mail::{self, templates, worker};
use crate::state::AppState;
use crate::web::ctx::AdminCtx;
use crate::web::{Ctx, FieldErrors};

pub async fn index(State(state): State<AppState>, AdminCtx(ctx): AdminCtx) -> AppResult<Response> {
    let list = users::list(&state.db).await?;
    let ms = users::list_municipalities(&state.db).await?;
    Ok(views::users(&ctx, &list, &ms).into_response())
}

pub async fn invite_form(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
) -> AppResult<Response> {
    let ms = users::list_municipalities(&state.db).await?;
    Ok(views::invite(&ctx, &InviteForm::default(), &FieldErrors::default(), &ms).into_response())
}

/// Queues an invitation mail with a fresh one-time link (earlier links are withdrawn).
async fn send_invitation(
    state: &AppState,
    txn: &impl sea_orm::ConnectionTrait,
    u: &user::Model,
    lang: Lang,
) -> Result<(), sea_orm::DbErr> {
    let hours = state.config.tokens.invite_hours;
    tokens::revoke(txn, Purpose::Invite, Some(u.key())).await?;
    let token = tokens::issue(
        txn,
        Purpose::Invite,
        Some(u.key()),
        Duration::hours(hours.into()),
    )
    .await?;
    let link = state.config.link(&format!("/invite/{token}"));
    mail::enqueue(
        txn,
        templates::invite(lang, &u.email, &u.name, &link, hours),
    )
    .await?;
    Ok(())
}

pub async fn invite(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    let mut errors = form.validate();
    if errors.is_empty() {
        let txn = state.db.begin().await?;
        let new = NewUser {
            email: form.email.clone(),
            name: form.name.clone(),
            roles: form.access.roles(),
            municipality_id: form.access.municipality_id(),
            locale: form.lang().code().into(),
            password_hash: None,
        };
        match users::create(&txn, new).await {
            Ok(u) => {
                send_invitation(&state, &txn, &u, form.lang()).await?;
                let me = ctx.user()?.id;
                audit::record(&txn, Some(me), "user_invited", Some(("user", u.id)), None).await?;
                txn.commit().await?;
                state.reference.changed();
                state.wake_outbox();
                Ctx::flash(&ctx.session, "invite-sent").await?;
                return Ok(Redirect::to("/admin/users").into_response());
            }
            Err(e) => match e.field_error() {
                Some((f, k)) => errors.add(f, k),
                None => return Err(anyhow::anyhow!(e).into()),
            },
        }
    }
    let ms = users::list_municipalities(&state.db).await?;
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        views::invite(&ctx, &form, &errors, &ms),
    )
        .into_response())
}

async fn load(db: &crate::db::Db, id: UserId) -> AppResult<user::Model> {
    users::find(db, id).await?.ok_or(AppError::NotFound)
}

fn access_of(u: &user::Model) -> AccessFields {
    let on = |b: bool| b.then(|| "on".to_string());
    AccessFields {
        guide: on(u.is_guide),
        coordinator: on(u.is_coordinator),
        admin: on(u.is_admin),
        municipality: u.municipality_id.map(|m| m.to_string()).unwrap_or_default(),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    let u = load(&state.db, id).await?;
    let ms = users::list_municipalities(&state.db).await?;
    let two_factor = crate::auth::two_factor::admin_section(&state, &ctx, &u).await?;
    Ok(views::edit(
        &ctx,
        &u,
        &access_of(&u),
        u.active,
        &FieldErrors::default(),
        &ms,
        two_factor,
    )
    .into_response())
}

pub async fn update(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Path(id): Path<UserId>,
    Form(form): Form<EditForm>,
) -> AppResult<Response> {
    let u = load(&state.db, id).await?;
    let active = form.active.is_some();
    let mut errors = FieldErrors::default();
    form.access.validate(&mut errors);
    let me = ctx.user()?.id;
    // An admin cannot lock everyone out by removing their own admin role or account.
    if id == me && (!active || !form.access.roles().admin) {
        errors.add("roles", "err-cannot-demote-self");
    }
    if errors.is_empty() {
        let txn = state.db.begin().await?;
        users::update_access(
            &txn,
            id,
            form.access.roles(),
            form.access.municipality_id(),
            active,
        )
        .await
        .map_err(|e| anyhow::anyhow!(e))?;
        audit::record(&txn, Some(me), "user_updated", Some(("user", id.0)), None).await?;
        txn.commit().await?;
        state.reference.changed();
        Ctx::flash(&ctx.session, "saved").await?;
        return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response());
    }
    let ms = users::list_municipalities(&state.db).await?;
    let two_factor = crate::auth::two_factor::admin_section(&state, &ctx, &u).await?;
    let page = views::edit(&ctx, &u, &form.access, active, &errors, &ms, two_factor);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn reinvite(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    let u = load(&state.db, id).await?;
    if u.password_hash.is_none() && u.active {
        let txn = state.db.begin().await?;
        send_invitation(&state, &txn, &u, Lang::parse(&u.locale).unwrap_or(Lang::Sv)).await?;
        audit::record(
            &txn,
            Some(ctx.user()?.id),
            "user_invited",
            Some(("user", id.0)),
            None,
        )
        .await?;
        txn.commit().await?;
        state.wake_outbox();
        Ctx::flash(&ctx.session, "invite-sent").await?;
    }
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

pub async fn outbox(State(state): State<AppState>, AdminCtx(ctx): AdminCtx) -> AppResult<Response> {
    let mails = crate::mail::outbox::list(&state.db).await?;
    let counts = crate::mail::outbox::counts(&state.db).await?;
    Ok(views::outbox(&ctx, &mails, &counts).into_response())
}

pub async fn retry(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    if !worker::retry_now(&state.db, id).await? {
        return Err(AppError::NotFound);
    }
    state.wake_outbox();
    Ctx::flash(&ctx.session, "outbox-retry-queued").await?;
    Ok(Redirect::to("/admin/outbox").into_response())
}
