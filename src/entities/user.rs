use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub is_guide: bool,
    pub is_coordinator: bool,
    pub is_admin: bool,
    pub municipality_id: Option<i64>,
    pub locale: String,
    pub active: bool,
    /// Raised on a password change or deactivation: every session of the user ends.
    pub auth_version: i32,
    pub created_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
    /// The sign-in before the last: "new since your last visit" counts from here.
    pub previous_login_at: Option<DateTimeUtc>,
    /// Whether the guide gets the daily reminder mail.
    pub reminders_enabled: bool,
    /// SHA-256 of the guide's private calendar-feed token; renewing it revokes the old one.
    pub calendar_token_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
