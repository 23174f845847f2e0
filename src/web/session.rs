//! Who is signed in. The session holds only the user id and the user's `auth_version`; the
//! account is checked on every request against the accounts held in memory (`reference`),
//! so a deactivation or a password change ends every session of that user: at once on the
//! instance that made it, within `session.recheck_seconds` on every other.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use tower_sessions::Session;

use crate::accounts::Roles;
use crate::entities::{municipality, user, UserId};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::reference::{Snapshot, Staff};

const USER_KEY: &str = "uid";
const VERSION_KEY: &str = "av";
const SEEN_KEY: &str = "seen";

/// How often (seconds) a request refreshes the session's idle expiry. Refreshing means a
/// write, so it is done at most once a minute per session rather than on every request.
const TOUCH_EVERY: i64 = 60;

#[derive(Clone, Debug)]
pub struct Municipality {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub roles: Roles,
    /// The guide's municipality.
    pub municipality: Option<Municipality>,
    pub locale: String,
}

/// The signed-in user, if the session has one that is still valid. The account is taken from
/// the reference data held in memory (`reference`): a change made through this instance
/// counts at once, one made elsewhere within `session.recheck_seconds`. A session the held
/// copy would end (an account it does not know yet, a password version it has not seen) is
/// asked of the database before it is ended.
pub async fn current_user(
    state: &crate::state::AppState,
    session: &Session,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(id) = session.get::<i64>(USER_KEY).await? else {
        return Ok(None);
    };
    let version = session.get::<i32>(VERSION_KEY).await?;
    let valid = |s: &Snapshot| {
        s.user(id)
            .filter(|u| u.active && Some(u.auth_version) == version)
            .map(|u| (u.clone(), u.municipality_id.and_then(|m| s.municipality(m))))
            .map(|(u, m)| current(u, m))
    };
    let held = state.reference.get(&state.db).await?;
    let found = match valid(&held) {
        Some(u) => Some(u),
        None => {
            state.reference.changed();
            valid(&*state.reference.get(&state.db).await?)
        }
    };
    if found.is_none() {
        // Deactivated, password changed or deleted: this session is over.
        session.flush().await?;
    }
    Ok(found)
}

fn current(u: Staff, m: Option<&municipality::Model>) -> CurrentUser {
    CurrentUser {
        id: UserId(u.id),
        name: u.name,
        email: u.email,
        roles: Roles {
            guide: u.is_guide,
            coordinator: u.is_coordinator,
            admin: u.is_admin,
        },
        municipality: m.map(|m| Municipality {
            id: m.id,
            slug: m.slug.clone(),
            name: m.name.clone(),
        }),
        locale: u.locale,
    }
}

/// Signs `u` in on a fresh session id (no session fixation) with a fresh CSRF token.
pub async fn sign_in(session: &Session, u: &user::Model) -> Result<(), AppError> {
    session.cycle_id().await?;
    session.insert(USER_KEY, u.id).await?;
    session.insert(VERSION_KEY, u.auth_version).await?;
    session.insert("lang", &u.locale).await?;
    super::csrf::renew(session).await?;
    touch(session).await
}

/// Ends the session: the row is deleted and the cookie cleared.
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await?;
    Ok(())
}

/// Keeps an active session alive (see `TOUCH_EVERY`).
pub async fn touch(session: &Session) -> Result<(), AppError> {
    let now = Utc::now().timestamp();
    let seen = session.get::<i64>(SEEN_KEY).await?.unwrap_or(0);
    if now - seen >= TOUCH_EVERY {
        session.insert(SEEN_KEY, now).await?;
    }
    Ok(())
}

pub async fn save_locale(db: &crate::db::Db, user_id: UserId, lang: Lang) -> Result<(), AppError> {
    user::ActiveModel {
        id: Set(user_id.0),
        locale: Set(lang.code().to_string()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
