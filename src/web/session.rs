//! Who is signed in. The session holds only the user id and the user's `auth_version`; the
//! user row is read on every request, so a deactivation or a password change ends every
//! session of that user at once, on every app instance.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use tower_sessions::Session;

use crate::accounts::Roles;
use crate::entities::{municipality, user, UserId};
use crate::error::AppError;
use crate::i18n::Lang;

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

/// The signed-in user, if the session has one that is still valid.
pub async fn current_user(
    db: &crate::db::Db,
    session: &Session,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(id) = session.get::<i64>(USER_KEY).await? else {
        return Ok(None);
    };
    let version = session.get::<i32>(VERSION_KEY).await?;
    let found = user::Entity::find_by_id(id).one(db).await?;
    let Some(u) = found.filter(|u| u.active && Some(u.auth_version) == version) else {
        // Deactivated, password changed or deleted: this session is over.
        session.flush().await?;
        return Ok(None);
    };
    let municipality = match u.municipality_id {
        Some(mid) => municipality::Entity::find_by_id(mid)
            .one(db)
            .await?
            .map(|m| Municipality {
                id: m.id,
                slug: m.slug,
                name: m.name,
            }),
        None => None,
    };
    Ok(Some(CurrentUser {
        id: u.key(),
        name: u.name,
        email: u.email,
        roles: Roles {
            guide: u.is_guide,
            coordinator: u.is_coordinator,
            admin: u.is_admin,
        },
        municipality,
        locale: u.locale,
    }))
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
