use sea_orm::entity::prelude::*;

/// A dated task on a lead. `municipality_id` copies the lead's, so that "due in my
/// municipality" is one index range; it moves with the lead.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_ups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub lead_id: i64,
    pub municipality_id: Option<i64>,
    pub due_on: Date,
    pub title: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
