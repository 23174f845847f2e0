//! Sign-in throttling, per account and per client address, kept in the database so that it
//! holds across app instances and restarts. Keys are hashes: the table names no one. The
//! account key does not depend on whether the account exists, so the answer cannot tell.
//!
//! An attempt is written down *before* its password is checked (`reserve`), so that thirty
//! attempts at once see each other: at most the allowed number is ever checked. An account
//! is not locked: past `max_failures_per_account` each further attempt waits a delay that
//! doubles with every failure (up to `MAX_DELAY`). A client that has signed in to an account
//! before (a guide at its usual address) is held to its own failures for that account, so a
//! stranger's wrong passwords cannot lock that guide out; nor does the per-client limit
//! (password spraying from one address) shut out the accounts already used from it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use sha2::{Digest, Sha256};

use crate::config::LoginConfig;
use crate::entities::login_failure;

/// The first delay past the allowed failures; each further failure doubles it.
const FIRST_DELAY_SECONDS: i64 = 5;
/// The longest delay between two attempts on one account.
const MAX_DELAY_SECONDS: i64 = 300;
/// How long a successful sign-in makes a client known to an account.
const KNOWN_DAYS: i64 = 30;

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

/// What `reserve` decided.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Check the password; the attempt is written down as a failure until `succeeded`.
    Go(i64),
    /// Too many failures: refuse without checking (nothing is written down).
    Wait,
}

/// The delay an attempt must wait after `failures` earlier failures.
fn delay_after(failures: u64, allowed: u32) -> Option<Duration> {
    let over = failures.checked_sub(u64::from(allowed))?;
    let doublings = u32::try_from(over.min(16)).unwrap_or(16);
    let secs = (FIRST_DELAY_SECONDS << doublings).min(MAX_DELAY_SECONDS);
    Some(Duration::seconds(secs))
}

/// Failures within the window (other than `except`) and the latest of them, in one query.
async fn failures(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
    except: i64,
    filter: sea_orm::Condition,
) -> Result<(u64, Option<DateTime<Utc>>), sea_orm::DbErr> {
    let (n, latest) = login_failure::Entity::find()
        .select_only()
        .column_as(login_failure::Column::Id.count(), "n")
        .column_as(login_failure::Column::At.max(), "latest")
        .filter(login_failure::Column::Kind.eq("failure"))
        .filter(login_failure::Column::At.gt(since))
        .filter(login_failure::Column::Id.ne(except))
        .filter(filter)
        .into_tuple::<(i64, Option<DateTime<Utc>>)>()
        .one(db)
        .await?
        .unwrap_or((0, None));
    Ok((u64::try_from(n).unwrap_or(0), latest))
}

/// Writes the attempt down and decides whether its password may be checked. In the write
/// turn (SQLite: one at a time, never "locked" behind an import); each statement commits on
/// its own, so on PostgreSQL too an attempt sees every attempt written before it.
pub async fn reserve(
    db: &crate::db::Db,
    cfg: &LoginConfig,
    keys: &Keys,
) -> Result<Attempt, sea_orm::DbErr> {
    let db = &db.turn().await?;
    let now = Utc::now();
    let since = now - Duration::minutes(i64::from(cfg.window_minutes));
    let mine = insert(db, keys, "failure", now).await?;
    let known = login_failure::Entity::find()
        .filter(login_failure::Column::Kind.eq("success"))
        .filter(login_failure::Column::AccountKey.eq(&keys.account))
        .filter(login_failure::Column::ClientKey.eq(&keys.client))
        .filter(login_failure::Column::At.gt(now - Duration::days(KNOWN_DAYS)))
        .one(db)
        .await?
        .is_some();
    let account = if known {
        sea_orm::Condition::all()
            .add(login_failure::Column::AccountKey.eq(&keys.account))
            .add(login_failure::Column::ClientKey.eq(&keys.client))
    } else {
        sea_orm::Condition::all().add(login_failure::Column::AccountKey.eq(&keys.account))
    };
    let (n, latest) = failures(db, since, mine, account).await?;
    let mut wait = match (delay_after(n, cfg.max_failures_per_account), latest) {
        (Some(d), Some(t)) => now - t < d,
        _ => false,
    };
    if !wait && !known {
        let client =
            sea_orm::Condition::all().add(login_failure::Column::ClientKey.eq(&keys.client));
        let (n, _) = failures(db, since, mine, client).await?;
        wait = n >= u64::from(cfg.max_failures_per_client);
    }
    if wait {
        login_failure::Entity::delete_by_id(mine).exec(db).await?;
        return Ok(Attempt::Wait);
    }
    Ok(Attempt::Go(mine))
}

async fn insert(
    db: &impl ConnectionTrait,
    keys: &Keys,
    kind: &str,
    at: DateTime<Utc>,
) -> Result<i64, sea_orm::DbErr> {
    Ok(login_failure::ActiveModel {
        account_key: Set(keys.account.clone()),
        client_key: Set(keys.client.clone()),
        at: Set(at),
        kind: Set(kind.into()),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// The attempt was not checked after all (the server was too busy): it counts for no one.
pub async fn withdraw(db: &impl ConnectionTrait, attempt: i64) -> Result<(), sea_orm::DbErr> {
    login_failure::Entity::delete_by_id(attempt)
        .exec(db)
        .await?;
    Ok(())
}

/// The attempt succeeded: this client's failures on the account are forgotten (a stranger's
/// elsewhere are not: their delay goes on), and the client is known to the account from
/// now on.
pub async fn succeeded(
    db: &crate::db::Db,
    keys: &Keys,
    attempt: i64,
) -> Result<(), sea_orm::DbErr> {
    let db = &db.turn().await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::AccountKey.eq(&keys.account))
        .filter(login_failure::Column::ClientKey.eq(&keys.client))
        .filter(login_failure::Column::Kind.is_in(["failure", "success"]))
        .filter(login_failure::Column::Id.ne(attempt))
        .exec(db)
        .await?;
    login_failure::Entity::update_many()
        .col_expr(login_failure::Column::Kind, Expr::value("success"))
        .filter(login_failure::Column::Id.eq(attempt))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts a request of `kind` (a password reset) for these keys, and says whether it is
/// within `per_account` and `per_client` for the last hour. A refused request is not counted.
pub async fn allow_request(
    db: &crate::db::Db,
    keys: &Keys,
    kind: &str,
    per_account: u64,
    per_client: u64,
) -> Result<bool, sea_orm::DbErr> {
    let db = &db.turn().await?;
    let now = Utc::now();
    let since = now - Duration::hours(1);
    let mine = insert(db, keys, kind, now).await?;
    let count = |c: sea_orm::Condition| {
        login_failure::Entity::find()
            .filter(login_failure::Column::Kind.eq(kind))
            .filter(login_failure::Column::At.gt(since))
            .filter(login_failure::Column::Id.ne(mine))
            .filter(c)
            .count(db)
    };
    let account =
        count(sea_orm::Condition::all().add(login_failure::Column::AccountKey.eq(&keys.account)))
            .await?;
    let client =
        count(sea_orm::Condition::all().add(login_failure::Column::ClientKey.eq(&keys.client)))
            .await?;
    if account >= per_account || client >= per_client {
        login_failure::Entity::delete_by_id(mine).exec(db).await?;
        return Ok(false);
    }
    Ok(true)
}

/// Forgets failures and requests older than the window, and successes older than
/// `KNOWN_DAYS` (housekeeping).
pub async fn delete_old(
    db: &impl ConnectionTrait,
    cfg: &LoginConfig,
) -> Result<u64, sea_orm::DbErr> {
    let now = Utc::now();
    let window = now - Duration::minutes(i64::from(cfg.window_minutes)).max(Duration::hours(1));
    let known = now - Duration::days(KNOWN_DAYS);
    let r = login_failure::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(
                    sea_orm::Condition::all()
                        .add(login_failure::Column::Kind.ne("success"))
                        .add(login_failure::Column::At.lt(window)),
                )
                .add(login_failure::Column::At.lt(known)),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stop_growing() {
        assert_eq!(delay_after(4, 5), None);
        assert_eq!(delay_after(5, 5), Some(Duration::seconds(5)));
        assert_eq!(delay_after(6, 5), Some(Duration::seconds(10)));
        assert_eq!(delay_after(500, 5), Some(Duration::seconds(300)));
    }
}
