use sea_orm::entity::prelude::*;

/// One job or home of a selection, as it was sent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selection_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub selection_id: i64,
    /// `job` or `home`.
    pub kind: String,
    /// The vacancy's or home's id.
    pub ref_id: i64,
    pub title: String,
    pub detail: String,
    pub link: Option<String>,
    /// A job's last day to apply.
    pub until: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
