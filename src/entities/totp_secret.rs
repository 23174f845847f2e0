use sea_orm::entity::prelude::*;

/// A user's authenticator secret in force (`two_factor::totp`), encrypted
/// (`two_factor::secret`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "totp_secrets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub secret: String,
    pub confirmed_at: Option<DateTimeUtc>,
    /// The time step of the last code accepted: a code of that step or before is refused.
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
