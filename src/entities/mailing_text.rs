use sea_orm::entity::prelude::*;

/// A mailing's text in one language.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailing_texts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub mailing_id: i64,
    pub lang: String,
    pub subject: String,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
