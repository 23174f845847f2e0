use sea_orm::entity::prelude::*;

/// A user's passkey (`auth::two_factor::passkey`): the credential as the WebAuthn crate keeps
/// it (JSON), named by the user, found by its credential id (base64url) or the user's handle.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "passkeys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub user_handle: String,
    pub credential_id: String,
    pub name: String,
    pub passkey: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
