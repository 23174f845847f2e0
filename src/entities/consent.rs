use sea_orm::entity::prelude::*;

/// What a mover agreed to: purpose, legal basis, the version and language of the text it
/// was shown, when; and when it was withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub prospect_id: i64,
    pub purpose: String,
    pub legal_basis: String,
    pub text_version: String,
    pub language: String,
    pub given_at: DateTimeUtc,
    pub withdrawn_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
