//! The unsubscribe link of a mailing's mail: public, no session, the token is the key.
//! GET shows a button (a link checker that opens the page withdraws nothing); POST
//! withdraws the news consent of the address, from the button or with one click from the
//! mail client (RFC 8058: `List-Unsubscribe=One-Click`, without cookies or CSRF token).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::views;
use crate::entities::{mailing_recipient, ProspectId};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::ctx::PublicCtx;

async fn recipient(
    state: &AppState,
    token: &str,
) -> Result<Option<mailing_recipient::Model>, sea_orm::DbErr> {
    if token.len() > 100 {
        return Ok(None);
    }
    mailing_recipient::Entity::find()
        .filter(mailing_recipient::Column::TokenHash.eq(crate::crypto::hash(token)))
        .one(&state.db)
        .await
}

pub async fn page(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some(r) = recipient(&state, &token).await? else {
        return Ok((StatusCode::NOT_FOUND, views::unsubscribe_invalid(&ctx)).into_response());
    };
    let done = r.unsubscribed_at.is_some() || r.email_key.is_none();
    Ok(views::unsubscribe(&ctx, &token, done).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
    body: String,
) -> AppResult<Response> {
    let Some(r) = recipient(&state, &token).await? else {
        return Ok((StatusCode::NOT_FOUND, views::unsubscribe_invalid(&ctx)).into_response());
    };
    // RFC 8058's body, as a form or as the multipart form some clients send.
    let one_click = body.contains("One-Click");
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let withdrawn = match &r.email_key {
        Some(key) => crate::privacy::news::withdraw_address(&txn, key, now).await?,
        None => Vec::new(),
    };
    // Counted as this mailing's unsubscribe only when it withdrew the consent (not a
    // second click, nor one after the mover had said no elsewhere).
    if !withdrawn.is_empty() {
        mailing_recipient::Entity::update_many()
            .col_expr(mailing_recipient::Column::UnsubscribedAt, Expr::value(now))
            .filter(mailing_recipient::Column::Id.eq(r.id))
            .filter(mailing_recipient::Column::UnsubscribedAt.is_null())
            .exec(&txn)
            .await?;
        crate::audit::write(
            &txn,
            crate::audit::Entry {
                user_id: None,
                action: "news_unsubscribed",
                target: None,
                prospect: r.prospect_id.map(ProspectId),
                detail: Some(format!(
                    "mailing {} ({})",
                    r.mailing_id,
                    if one_click { "one-click" } else { "link" }
                )),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(views::unsubscribe(&ctx, &token, true).into_response())
}
