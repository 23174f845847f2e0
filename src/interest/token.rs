//! The public forms' signed time-trap token: when the form was shown, signed with the app's
//! key (HMAC-SHA256). A submission sooner than a person could type, or from a form older than
//! a day, or with a forged token, is refused politely with the form kept. The token also
//! makes the public forms independent of sessions, so a visitor leaves no session behind.

use chrono::Utc;
use hmac::{Hmac, Mac};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use sha2::Sha256;

use crate::app::AppState;
use crate::entities::setting;

const KEY_NAME: &str = "form_signing_key";

/// The app's signing key: made once, kept in the database so every instance shares it.
pub async fn signing_key(state: &AppState) -> Result<Vec<u8>, sea_orm::DbErr> {
    state
        .signing_key
        .get_or_try_init(|| async {
            if let Some(row) = setting::Entity::find_by_id(KEY_NAME).one(&state.db).await? {
                return Ok(hex::decode(row.value).unwrap_or_default());
            }
            let fresh = crate::auth::tokens::random_token() + &crate::auth::tokens::random_token();
            // Two instances may race here: the second insert fails and both read the winner.
            let _ = setting::ActiveModel {
                key: Set(KEY_NAME.into()),
                value: Set(fresh),
            }
            .insert(&state.db)
            .await;
            let row = setting::Entity::find_by_id(KEY_NAME).one(&state.db).await?;
            Ok(row
                .and_then(|r| hex::decode(r.value).ok())
                .unwrap_or_default())
        })
        .await
        .cloned()
}

/// HMAC accepts a key of any length, so this is `None` only in theory.
fn mac(key: &[u8], purpose: &str, issued: i64, nonce: &str) -> Option<Hmac<Sha256>> {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).ok()?;
    m.update(format!("{purpose}:{issued}:{nonce}").as_bytes());
    Some(m)
}

/// A token for a form of `purpose` shown at `issued` (Unix seconds). Its random part makes
/// each form shown its own token, so that a submission can spend it (see `intake`).
pub fn sign(key: &[u8], purpose: &str, issued: i64) -> String {
    let nonce = crate::auth::tokens::random_token();
    let sig = mac(key, purpose, issued, &nonce).map(|m| hex::encode(m.finalize().into_bytes()));
    format!("{issued}.{nonce}.{}", sig.unwrap_or_default())
}

pub fn issue(key: &[u8], purpose: &str) -> String {
    sign(key, purpose, Utc::now().timestamp())
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    TooFast,
    TooOld,
    Forged,
}

pub fn check(
    key: &[u8],
    purpose: &str,
    token: &str,
    min_seconds: i64,
    max_age_hours: i64,
) -> Verdict {
    let mut parts = token.splitn(3, '.');
    let (Some(issued), Some(nonce), Some(sig)) = (parts.next(), parts.next(), parts.next()) else {
        return Verdict::Forged;
    };
    let (Ok(issued), Ok(sig)) = (issued.parse::<i64>(), hex::decode(sig)) else {
        return Verdict::Forged;
    };
    if mac(key, purpose, issued, nonce).is_none_or(|m| m.verify_slice(&sig).is_err()) {
        return Verdict::Forged;
    }
    let age = Utc::now().timestamp() - issued;
    if age < min_seconds {
        Verdict::TooFast
    } else if age > max_age_hours * 3600 {
        Verdict::TooOld
    } else {
        Verdict::Ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_age_and_cannot_be_forged() {
        let key = b"0123456789abcdef0123456789abcdef";
        let now = Utc::now().timestamp();
        assert_eq!(
            check(key, "interest", &sign(key, "interest", now - 10), 3, 24),
            Verdict::Ok
        );
        assert_eq!(
            check(key, "interest", &sign(key, "interest", now), 3, 24),
            Verdict::TooFast
        );
        assert_eq!(
            check(
                key,
                "interest",
                &sign(key, "interest", now - 25 * 3600),
                3,
                24
            ),
            Verdict::TooOld
        );
        assert_eq!(
            check(key, "report", &sign(key, "interest", now - 10), 3, 24),
            Verdict::Forged
        );
        assert_eq!(
            check(
                b"another key",
                "interest",
                &sign(key, "interest", now - 10),
                3,
                24
            ),
            Verdict::Forged
        );
        let t = sign(key, "interest", now - 10);
        let earlier = t.replacen(&(now - 10).to_string(), &(now - 100).to_string(), 1);
        assert_eq!(check(key, "interest", &earlier, 3, 24), Verdict::Forged);
        assert_eq!(check(key, "interest", "garbage", 3, 24), Verdict::Forged);
    }
}
