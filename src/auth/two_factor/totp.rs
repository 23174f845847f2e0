//! Authenticator codes (TOTP, RFC 6238: six digits, 30-second steps, SHA-1, as every
//! authenticator app reads from a QR code). A code is accepted within one step either side
//! of the server's clock, and once: the step of the last code accepted is kept, and a code
//! of that step or an earlier one is refused, by one conditional update (two requests with
//! the same code at once: one wins).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use totp_rs::{Algorithm, TOTP};

use super::secret::Cipher;
use crate::entities::totp_secret;

const STEP: u64 = 30;
const DIGITS: usize = 6;
/// Steps either side of the server's clock a code may be from.
const WINDOW: i64 = 1;
const ISSUER: &str = "Lotsbok";

/// What a user needs to add Lotsbok to an authenticator app.
pub struct Setup {
    /// The secret as the apps take it typed in (base32).
    pub secret: String,
    /// The `otpauth://` link the QR code holds.
    pub url: String,
}

fn totp(secret: Vec<u8>, account: &str) -> anyhow::Result<TOTP> {
    // The label may not hold a colon; an e-mail address does not.
    let account = account.replace(':', "");
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP,
        secret,
        Some(ISSUER.into()),
        account,
    )
    .map_err(|e| anyhow::anyhow!("totp: {e}"))
}

/// The six digits of `step`, for tests and the set-up's check.
pub fn code_at(secret: &[u8], step: i64) -> anyhow::Result<String> {
    let t = totp(secret.to_vec(), "x")?;
    Ok(t.generate(u64::try_from(step).unwrap_or(0) * STEP))
}

fn step_of(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(STEP as i64)
}

/// The step within the window whose code `code` is, if any.
fn matching_step(secret: &[u8], code: &str, now: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_of(now);
    (now - WINDOW..=now + WINDOW).find(|&s| {
        code_at(secret, s).is_ok_and(|c| crate::crypto::same(c.as_bytes(), code.as_bytes()))
    })
}

/// Whether `code` is all digits once spaces are taken out (an authenticator code rather
/// than a recovery code).
pub fn looks_like_code(code: &str) -> bool {
    let digits = code.chars().filter(|c| !c.is_whitespace()).count();
    digits == DIGITS
        && code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace())
}

/// Where the session keeps a secret being set up (sealed, with its user) until a code from
/// it is entered: never in the database, so no one else's page can show it.
const SETUP: &str = "totp_setup";

/// A new secret being set up by this session for the user, or the one it is already
/// setting up (the page shown again after a wrong code keeps the QR code the user
/// scanned). The secret in force, if any, stays until the new one is confirmed.
pub async fn begin(
    session: &tower_sessions::Session,
    cipher: &Cipher,
    user: i64,
    account: &str,
) -> anyhow::Result<Setup> {
    let held = session.get::<(i64, String)>(SETUP).await?;
    let secret = match held
        .filter(|(u, _)| *u == user)
        .and_then(|(_, s)| cipher.open(user, &s))
    {
        Some(s) => s,
        None => {
            let mut s = vec![0u8; 20];
            argon2::password_hash::rand_core::RngCore::fill_bytes(
                &mut argon2::password_hash::rand_core::OsRng,
                &mut s,
            );
            session
                .insert(SETUP, (user, cipher.seal(user, &s)?))
                .await?;
            s
        }
    };
    let t = totp(secret, account)?;
    Ok(Setup {
        secret: t.get_secret_base32(),
        url: t.get_url(),
    })
}

/// Puts the secret this session is setting up in force if `code` is one of its codes.
pub async fn confirm(
    db: &impl ConnectionTrait,
    session: &tower_sessions::Session,
    cipher: &Cipher,
    user: i64,
    code: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some((owner, sealed)) = session.get::<(i64, String)>(SETUP).await? else {
        return Ok(false);
    };
    let Some(step) = cipher
        .open(user, &sealed)
        .filter(|_| owner == user)
        .and_then(|s| matching_step(&s, code, now))
    else {
        return Ok(false);
    };
    totp_secret::Entity::insert(totp_secret::ActiveModel {
        user_id: Set(user),
        secret: Set(sealed),
        confirmed_at: Set(Some(now)),
        last_step: Set(Some(step)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(totp_secret::Column::UserId)
            .update_columns([
                totp_secret::Column::Secret,
                totp_secret::Column::ConfirmedAt,
                totp_secret::Column::LastStep,
                totp_secret::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    session.remove::<(i64, String)>(SETUP).await?;
    Ok(true)
}

/// Whether `code` is a code of the user's secret in force not used before; if so it is
/// spent.
pub async fn verify(
    db: &impl ConnectionTrait,
    cipher: &Cipher,
    user: i64,
    code: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(row) = totp_secret::Entity::find_by_id(user).one(db).await? else {
        return Ok(false);
    };
    let Some(secret) = cipher.open(user, &row.secret) else {
        // Sealed with another key (a key lost, or instances with keys of their own): the
        // user's codes cannot be checked until an admin resets the factor.
        tracing::warn!(
            user = user,
            "an authenticator secret does not open with this key"
        );
        return Err(anyhow::anyhow!(
            "the two-factor key does not open this secret"
        ));
    };
    let Some(step) = matching_step(&secret, code, now) else {
        return Ok(false);
    };
    let spent = totp_secret::Entity::update_many()
        .col_expr(totp_secret::Column::LastStep, Expr::value(step))
        .filter(totp_secret::Column::UserId.eq(user))
        .filter(
            sea_orm::Condition::any()
                .add(totp_secret::Column::LastStep.is_null())
                .add(totp_secret::Column::LastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// Since when the user's authenticator has been in force, if it is.
pub async fn in_force_since(
    db: &impl ConnectionTrait,
    user: i64,
) -> Result<Option<DateTime<Utc>>, sea_orm::DbErr> {
    Ok(totp_secret::Entity::find_by_id(user)
        .one(db)
        .await?
        .and_then(|r| r.confirmed_at))
}

/// The user's authenticator removed (and one being set up).
pub async fn remove(db: &impl ConnectionTrait, user: i64) -> Result<(), sea_orm::DbErr> {
    totp_secret::Entity::delete_by_id(user).exec(db).await?;
    Ok(())
}
