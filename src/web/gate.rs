//! The one gate of every public form (interest, new self-service link, accessibility
//! report): a rate limit per client address, a honeypot field, and a signed time-trap token
//! (when the form was shown, signed with the app's key, HMAC-SHA256). A submission sooner
//! than a person could type, or from a form older than a day, or with a forged token, is
//! refused politely with the form kept. The token also makes the public forms independent
//! of sessions, so a visitor leaves no session behind.

use chrono::Utc;
use hmac::{Hmac, Mac};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use sha2::Sha256;

use crate::entities::setting;
use crate::state::AppState;

const KEY_NAME: &str = "form_signing_key";

/// Why a submission did not pass the gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Too many submissions from this client address within the minute.
    RateLimited,
    /// The hidden field a person leaves empty was filled in: a bot.
    Honeypot,
    /// Sent sooner after the form was shown than a person could type.
    TooFast,
    /// From a form shown too long ago, or with a token that is not ours.
    TooOld,
}

impl Stop {
    /// The notice shown above the form kept as typed (not for `Honeypot`, which is thanked).
    pub fn message(self) -> &'static str {
        match self {
            Stop::RateLimited => "interest-rate-limited",
            Stop::TooFast => "interest-too-fast",
            Stop::Honeypot | Stop::TooOld => "interest-too-old",
        }
    }

    pub fn status(self) -> axum::http::StatusCode {
        match self {
            Stop::RateLimited => axum::http::StatusCode::TOO_MANY_REQUESTS,
            _ => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// The gate of one public form (`purpose` names it in its tokens).
pub struct Gate<'a> {
    state: &'a AppState,
    key: Vec<u8>,
    purpose: &'static str,
}

impl<'a> Gate<'a> {
    pub async fn of(state: &'a AppState, purpose: &'static str) -> Result<Self, sea_orm::DbErr> {
        Ok(Gate {
            key: signing_key(state).await?,
            state,
            purpose,
        })
    }

    /// A token for the form as it is shown now.
    pub fn token(&self) -> String {
        issue(&self.key, self.purpose)
    }

    /// Checks a submission from `client`: its rate, its honeypot (`""` where a form has
    /// none), then its token. The first reason to stop wins.
    pub fn check(&self, client: &str, honeypot: &str, token: &str) -> Result<(), Stop> {
        if self
            .state
            .public_limiter
            .check_key(&client.to_string())
            .is_err()
        {
            return Err(Stop::RateLimited);
        }
        if !honeypot.is_empty() {
            tracing::info!(form = self.purpose, "honeypot filled, submission dropped");
            return Err(Stop::Honeypot);
        }
        let cfg = &self.state.config.interest;
        match check(
            &self.key,
            self.purpose,
            token,
            cfg.min_seconds,
            cfg.max_age_hours,
        ) {
            Verdict::Ok => Ok(()),
            Verdict::TooFast => Err(Stop::TooFast),
            Verdict::TooOld | Verdict::Forged => Err(Stop::TooOld),
        }
    }
}

/// The app's signing key: made once, kept in the database so every instance shares it.
pub async fn signing_key(state: &AppState) -> Result<Vec<u8>, sea_orm::DbErr> {
    state
        .signing_key
        .get_or_try_init(|| async {
            if let Some(row) = setting::Entity::find_by_id(KEY_NAME).one(&state.db).await? {
                return Ok(hex::decode(row.value).unwrap_or_default());
            }
            let fresh = crate::crypto::random_token() + &crate::crypto::random_token();
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
    let nonce = crate::crypto::random_token();
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
