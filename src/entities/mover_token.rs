use sea_orm::entity::prelude::*;

/// A mover's self-service link: 128 random bits, stored hashed, for one prospect only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mover_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub prospect_id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
