//! Recovery codes: ten one-time codes, shown once when made and kept as digests. Each is 16
//! characters of Crockford's base32 (80 random bits, so a plain digest is safe to keep),
//! written in groups of four; typed back, case, spaces, dashes and the letters read as
//! digits (O, I, L) do not matter.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::entities::recovery_code;

pub const HOW_MANY: usize = 10;
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH: usize = 16;

fn new_code() -> String {
    let mut bytes = [0u8; LENGTH];
    OsRng.fill_bytes(&mut bytes);
    let plain: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect();
    plain
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code as typed, in the form its digest is of; `None` if it cannot be one.
fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            c => c,
        })
        .collect();
    (code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

fn digest(user: i64, code: &str) -> String {
    hex::encode(Sha256::digest(format!("recovery:{user}:{code}").as_bytes()))
}

/// A new set of codes for the user, replacing any earlier ones; returned to be shown once.
pub async fn renew(db: &impl ConnectionTrait, user: i64) -> Result<Vec<String>, sea_orm::DbErr> {
    remove(db, user).await?;
    let codes: Vec<String> = (0..HOW_MANY).map(|_| new_code()).collect();
    let now = Utc::now();
    recovery_code::Entity::insert_many(codes.iter().map(|c| recovery_code::ActiveModel {
        user_id: Set(user),
        code_hash: Set(digest(user, &normalise(c).unwrap_or_default())),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    Ok(codes)
}

/// Spends `typed` if it is one of the user's unused codes.
pub async fn spend(
    db: &impl ConnectionTrait,
    user: i64,
    typed: &str,
    now: DateTime<Utc>,
) -> Result<bool, sea_orm::DbErr> {
    let Some(code) = normalise(typed) else {
        return Ok(false);
    };
    let spent = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user))
        .filter(recovery_code::Column::CodeHash.eq(digest(user, &code)))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// How many of the user's codes are left unused.
pub async fn left(db: &impl ConnectionTrait, user: i64) -> Result<u64, sea_orm::DbErr> {
    recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await
}

pub async fn remove(db: &impl ConnectionTrait, user: i64) -> Result<(), sea_orm::DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_back_however_it_is_typed() {
        let c = new_code();
        assert_eq!(c.len(), LENGTH + 3);
        let n = normalise(&c).unwrap();
        assert_eq!(normalise(&c.to_uppercase()), Some(n.clone()));
        assert_eq!(
            normalise(&format!(" {} ", c.replace('-', " "))),
            Some(n.clone())
        );
        assert_eq!(
            normalise("0000-0000-0000-000O"),
            normalise("0000000000000000")
        );
        assert_eq!(normalise("123456"), None);
        assert_eq!(
            normalise("uuuu-uuuu-uuuu-uuuu"),
            None,
            "u is not in the alphabet"
        );
    }
}
