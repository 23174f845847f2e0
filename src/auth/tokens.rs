//! Random tokens and the one-time links built on them (setup, invitation, password reset).
//! A link carries 128 random bits; the database keeps only their SHA-256, and a token is
//! consumed by one conditional UPDATE, so two clicks cannot both use it.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::{user_token, UserId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Setup,
    Invite,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Setup => "setup",
            Self::Invite => "invite",
            Self::Reset => "reset",
        }
    }
}

pub use crate::crypto::{hash, random_token};

/// Stores a new token and returns it in the clear, for the link.
pub async fn issue(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    user_id: Option<UserId>,
    valid_for: Duration,
) -> Result<String, sea_orm::DbErr> {
    let token = random_token();
    let now = Utc::now();
    user_token::ActiveModel {
        user_id: Set(user_id.map(|u| u.0)),
        purpose: Set(purpose.as_str().into()),
        token_hash: Set(hash(&token)),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The token's row if it is of this purpose, unused and unexpired (the link page shows its form).
pub async fn peek(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    token: &str,
) -> Result<Option<user_token::Model>, sea_orm::DbErr> {
    user_token::Entity::find()
        .filter(user_token::Column::TokenHash.eq(hash(token)))
        .filter(user_token::Column::Purpose.eq(purpose.as_str()))
        .filter(user_token::Column::UsedAt.is_null())
        .filter(user_token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await
}

/// Marks the token used; `None` if it was not valid (or another request used it first).
pub async fn consume(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    token: &str,
) -> Result<Option<user_token::Model>, sea_orm::DbErr> {
    let Some(row) = peek(db, purpose, token).await? else {
        return Ok(None);
    };
    let done = user_token::Entity::update_many()
        .col_expr(user_token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(user_token::Column::Id.eq(row.id))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok((done.rows_affected == 1).then_some(row))
}

/// Withdraws every unused token of this purpose (for a user, or the user-less setup tokens).
pub async fn revoke(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    user_id: Option<UserId>,
) -> Result<(), sea_orm::DbErr> {
    let mut q = user_token::Entity::delete_many()
        .filter(user_token::Column::Purpose.eq(purpose.as_str()))
        .filter(user_token::Column::UsedAt.is_null());
    q = match user_id {
        Some(id) => q.filter(user_token::Column::UserId.eq(id)),
        None => q.filter(user_token::Column::UserId.is_null()),
    };
    q.exec(db).await?;
    Ok(())
}

/// Removes expired and used tokens (housekeeping).
pub async fn delete_stale(db: &impl ConnectionTrait) -> Result<u64, sea_orm::DbErr> {
    let r = user_token::Entity::delete_many()
        .filter(
            user_token::Column::ExpiresAt
                .lt(Utc::now())
                .or(user_token::Column::UsedAt.is_not_null()),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}
