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
    pub async fn check(&self, client: &str, honeypot: &str, token: &str) -> Result<(), Stop> {
        let per_minute = self.state.config.interest.per_minute;
        match admit(&self.state.db, &self.key, client, per_minute, Utc::now()).await {
            Ok(true) => {}
            Ok(false) => return Err(Stop::RateLimited),
            // A database that cannot count cannot store the submission either: the form
            // comes back, as typed, asking to try again.
            Err(e) => {
                tracing::warn!(error = %e, "rate limit not counted");
                return Err(Stop::RateLimited);
            }
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

/// Counts a submission from `client` against the limit of `per_minute`, shared by every
/// instance on the database: a sliding window, the current minute's count plus the part of
/// the minute before that the window still covers. Counted only when admitted (one
/// conditional upsert, atomic on both databases), so a client that waits gets in again.
/// The client is stored as an HMAC of its address under the app's key (`key`), which names
/// no one even in a backup: an address alone is easily found again from a plain hash.
pub async fn admit(
    db: &crate::db::Db,
    key: &[u8],
    client: &str,
    per_minute: u32,
    now: chrono::DateTime<Utc>,
) -> Result<bool, sea_orm::DbErr> {
    use sea_orm::sea_query::{Alias, Expr, OnConflict, Query};
    use sea_orm::ConnectionTrait;
    let client_key = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .map(|mut m| {
            m.update(b"rate:");
            m.update(client.as_bytes());
            hex::encode(m.finalize().into_bytes())
        })
        .unwrap_or_default();
    let table = Alias::new("rate_hits");
    let (key, minute, hits) = (
        Alias::new("client_key"),
        Alias::new("minute"),
        Alias::new("hits"),
    );
    let this = now.timestamp().div_euclid(60);
    let covered = 1.0 - (now.timestamp_millis().rem_euclid(60_000) as f64) / 60_000.0;
    let before: Option<i32> = db
        .query_one(
            db.get_database_backend().build(
                Query::select()
                    .column(hits.clone())
                    .from(table.clone())
                    .and_where(Expr::col(key.clone()).eq(client_key.clone()))
                    .and_where(Expr::col(minute.clone()).eq(this - 1)),
            ),
        )
        .await?
        .map(|r| r.try_get_by_index(0))
        .transpose()?;
    // Rounded up: a client that used its whole minute gets nothing more at the turn of the
    // minute (a fixed window would give it a whole new minute at once).
    let carried = (f64::from(before.unwrap_or(0)) * covered).ceil() as i64;
    let room = i64::from(per_minute) - carried;
    if room < 1 {
        return Ok(false);
    }
    let insert = Query::insert()
        .into_table(table.clone())
        .columns([key.clone(), minute.clone(), hits.clone()])
        .values_panic([client_key.into(), this.into(), 1.into()])
        .on_conflict(
            OnConflict::columns([key, minute])
                .value(
                    hits.clone(),
                    Expr::col((table.clone(), hits.clone())).add(1),
                )
                .action_and_where(Expr::col((table, hits.clone())).lt(room))
                .to_owned(),
        )
        .returning_col(hits)
        .to_owned();
    let row = db
        .query_one(db.get_database_backend().build(&insert))
        .await?;
    Ok(row.is_some())
}

/// Deletes the counts no window covers any longer (housekeeping).
pub async fn forget_old_hits(db: &crate::db::Db) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::{Alias, Expr, Query};
    use sea_orm::ConnectionTrait;
    let old = Utc::now().timestamp().div_euclid(60) - 2;
    db.execute(
        db.get_database_backend().build(
            Query::delete()
                .from_table(Alias::new("rate_hits"))
                .and_where(Expr::col(Alias::new("minute")).lt(old)),
        ),
    )
    .await?;
    Ok(())
}

/// The app's signing key: made once, kept in the database so every instance shares it.
pub async fn signing_key(state: &AppState) -> Result<Vec<u8>, sea_orm::DbErr> {
    state
        .signing_key
        .get_or_try_init(|| async {
            if let Some(key) = stored_key(&state.db).await? {
                return Ok(key);
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

/// The signing key, if one was made (`lotsbok bench-tokens` signs with it).
pub async fn stored_key(db: &crate::db::Db) -> Result<Option<Vec<u8>>, sea_orm::DbErr> {
    Ok(setting::Entity::find_by_id(KEY_NAME)
        .one(db)
        .await?
        .map(|row| hex::decode(row.value).unwrap_or_default()))
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
