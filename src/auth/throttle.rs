//! Sign-in throttling, per account and per client address, kept in the database so that it
//! holds across app instances and restarts. Keys are hashes: the table names no one. The
//! account key does not depend on whether the account exists, so the answer cannot tell.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

use crate::config::LoginConfig;
use crate::entities::login_failure;

pub struct Keys {
    account: String,
    client: String,
}

impl Keys {
    pub fn new(email: &str, client: &str) -> Self {
        let h = |s: String| hex::encode(Sha256::digest(s.as_bytes()));
        Keys {
            account: h(format!("account:{}", email.trim().to_lowercase())),
            client: h(format!("client:{client}")),
        }
    }
}

/// True when either key has had too many failures within the window.
pub async fn is_throttled(
    db: &impl ConnectionTrait,
    cfg: &LoginConfig,
    keys: &Keys,
) -> Result<bool, sea_orm::DbErr> {
    let since = Utc::now() - Duration::minutes(i64::from(cfg.window_minutes));
    let account = login_failure::Entity::find()
        .filter(login_failure::Column::AccountKey.eq(&keys.account))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await?;
    if account >= u64::from(cfg.max_failures_per_account) {
        return Ok(true);
    }
    let client = login_failure::Entity::find()
        .filter(login_failure::Column::ClientKey.eq(&keys.client))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await?;
    Ok(client >= u64::from(cfg.max_failures_per_client))
}

pub async fn record_failure(db: &impl ConnectionTrait, keys: &Keys) -> Result<(), sea_orm::DbErr> {
    login_failure::ActiveModel {
        account_key: Set(keys.account.clone()),
        client_key: Set(keys.client.clone()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A successful sign-in clears the account's failures (not the client's).
pub async fn clear_account(db: &impl ConnectionTrait, keys: &Keys) -> Result<(), sea_orm::DbErr> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::AccountKey.eq(&keys.account))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets failures older than the window (housekeeping).
pub async fn delete_old(
    db: &impl ConnectionTrait,
    cfg: &LoginConfig,
) -> Result<u64, sea_orm::DbErr> {
    let before = Utc::now() - Duration::minutes(i64::from(cfg.window_minutes));
    let r = login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lt(before))
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}
