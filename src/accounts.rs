//! Staff accounts: creating them (command line, first-start setup, invitation), changing
//! roles, deactivating, setting passwords. The rules live here, once: a guide belongs to a
//! municipality; a user has at least one role; an e-mail is used once.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::entities::{municipality, user, UserId};

/// What a staff account may do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    pub guide: bool,
    pub coordinator: bool,
    pub admin: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UserError {
    #[error("unknown municipality `{0}` (known: arjeplog, arvidsjaur, dorotea, lycksele, mala, norsjo, sorsele, storuman, vilhelmina, asele)")]
    UnknownMunicipality(String),
    #[error("a guide needs a municipality (--municipality SLUG)")]
    GuideWithoutMunicipality,
    #[error("a user needs at least one role")]
    NoRole,
    #[error("a user with that e-mail address already exists")]
    EmailTaken,
    #[error("database: {0}")]
    Db(String),
}

impl From<sea_orm::DbErr> for UserError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Db(e.to_string())
    }
}

impl UserError {
    /// The field and message key to show beside a form field.
    pub fn field_error(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::UnknownMunicipality(_) | Self::GuideWithoutMunicipality => {
                Some(("municipality", "err-guide-needs-municipality"))
            }
            Self::NoRole => Some(("roles", "err-role-required")),
            Self::EmailTaken => Some(("email", "err-email-taken")),
            Self::Db(_) => None,
        }
    }
}

pub struct NewUser {
    pub email: String,
    pub name: String,
    pub roles: Roles,
    pub municipality_id: Option<i64>,
    pub locale: String,
    pub password_hash: Option<String>,
}

pub async fn find_municipality(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<municipality::Model, UserError> {
    municipality::Entity::find()
        .filter(municipality::Column::Slug.eq(slug.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or_else(|| UserError::UnknownMunicipality(slug.to_string()))
}

pub async fn list_municipalities(
    db: &impl ConnectionTrait,
) -> Result<Vec<municipality::Model>, sea_orm::DbErr> {
    municipality::Entity::find()
        .order_by_asc(municipality::Column::Name)
        .all(db)
        .await
}

/// The municipalities movers can choose and guides can refer to (active ones), by name.
pub async fn list_active_municipalities(
    db: &impl ConnectionTrait,
) -> Result<Vec<municipality::Model>, sea_orm::DbErr> {
    municipality::Entity::find()
        .filter(municipality::Column::Active.eq(true))
        .order_by_asc(municipality::Column::Name)
        .all(db)
        .await
}

fn check_roles(roles: Roles, municipality_id: Option<i64>) -> Result<(), UserError> {
    if !(roles.guide || roles.coordinator || roles.admin) {
        return Err(UserError::NoRole);
    }
    if roles.guide && municipality_id.is_none() {
        return Err(UserError::GuideWithoutMunicipality);
    }
    Ok(())
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, sea_orm::DbErr> {
    user::Entity::find()
        .filter(user::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await
}

pub async fn find(
    db: &impl ConnectionTrait,
    id: UserId,
) -> Result<Option<user::Model>, sea_orm::DbErr> {
    user::Entity::find_by_id(id.0).one(db).await
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<user::Model>, sea_orm::DbErr> {
    user::Entity::find()
        .order_by_desc(user::Column::Active)
        .order_by_asc(user::Column::Name)
        .all(db)
        .await
}

pub async fn any_active_admin(db: &impl ConnectionTrait) -> Result<bool, sea_orm::DbErr> {
    let n = user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .filter(user::Column::Active.eq(true))
        .count(db)
        .await?;
    Ok(n > 0)
}

pub async fn create(db: &impl ConnectionTrait, new: NewUser) -> Result<user::Model, UserError> {
    check_roles(new.roles, new.municipality_id)?;
    let email = normalise_email(&new.email);
    if find_by_email(db, &email).await?.is_some() {
        return Err(UserError::EmailTaken);
    }
    let model = user::ActiveModel {
        email: Set(email),
        name: Set(new.name.trim().to_string()),
        password_hash: Set(new.password_hash),
        is_guide: Set(new.roles.guide),
        is_coordinator: Set(new.roles.coordinator),
        is_admin: Set(new.roles.admin),
        // Only a guide is bound to a municipality.
        municipality_id: Set(new.municipality_id.filter(|_| new.roles.guide)),
        locale: Set(new.locale),
        active: Set(true),
        auth_version: Set(0),
        created_at: Set(Utc::now()),
        last_login_at: Set(None),
        previous_login_at: Set(None),
        reminders_enabled: Set(true),
        calendar_token_hash: Set(None),
        ..Default::default()
    };
    Ok(model.insert(db).await?)
}

/// Changes roles, municipality and whether the account may sign in. Sessions check the
/// account held in memory (`reference`): the caller calls `reference.changed()` after its
/// commit, so the change (a deactivation included) holds at once on this instance, and
/// within `session.recheck_seconds` on the others.
pub async fn update_access(
    db: &impl ConnectionTrait,
    id: UserId,
    roles: Roles,
    municipality_id: Option<i64>,
    active: bool,
) -> Result<(), UserError> {
    check_roles(roles, municipality_id)?;
    user::Entity::update_many()
        .col_expr(user::Column::IsGuide, Expr::value(roles.guide))
        .col_expr(user::Column::IsCoordinator, Expr::value(roles.coordinator))
        .col_expr(user::Column::IsAdmin, Expr::value(roles.admin))
        .col_expr(
            user::Column::MunicipalityId,
            Expr::value(municipality_id.filter(|_| roles.guide)),
        )
        .col_expr(user::Column::Active, Expr::value(active))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a new password hash and ends every existing session of the user.
pub async fn set_password(
    db: &impl ConnectionTrait,
    id: UserId,
    hash: String,
) -> Result<(), sea_orm::DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::AuthVersion, next_version())
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The account's `auth_version` raised: every session of it ends.
fn next_version() -> sea_orm::sea_query::SimpleExpr {
    Expr::col(user::Column::AuthVersion).add(1)
}

/// Ends every existing session of the user (a second factor reset).
pub async fn end_sessions(db: &impl ConnectionTrait, id: UserId) -> Result<(), sea_orm::DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::AuthVersion, next_version())
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The roles of an account as stored.
pub fn roles_of(u: &user::Model) -> Roles {
    Roles {
        guide: u.is_guide,
        coordinator: u.is_coordinator,
        admin: u.is_admin,
    }
}

pub async fn mark_login(db: &impl ConnectionTrait, id: UserId) -> Result<(), sea_orm::DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::PreviousLoginAt,
            Expr::col(user::Column::LastLoginAt).into(),
        )
        .col_expr(user::Column::LastLoginAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The form of a mail address that is stored and compared.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The active guides of a municipality (to mail them about one of its leads).
pub async fn guides_of(
    db: &impl ConnectionTrait,
    municipality_id: i64,
) -> Result<Vec<user::Model>, sea_orm::DbErr> {
    user::Entity::find()
        .filter(user::Column::MunicipalityId.eq(municipality_id))
        .filter(user::Column::IsGuide.eq(true))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
}
