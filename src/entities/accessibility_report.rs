use sea_orm::entity::prelude::*;

/// A problem reported through the accessibility statement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accessibility_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub page_url: Option<String>,
    pub description: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub language: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
