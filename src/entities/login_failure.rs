use sea_orm::entity::prelude::*;

/// One sign-in attempt (`failure`, `success`) or password-reset request (`reset`). Keys are
/// hashes of the account e-mail and the client address, so the table holds no personal data
/// in the clear.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_failures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_key: String,
    pub client_key: String,
    pub at: DateTimeUtc,
    pub kind: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
