use sea_orm::entity::prelude::*;

use super::codes::FollowUpKind;

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
    /// `task`, or `stay_6` / `stay_12`: the stay checks after moving in.
    pub kind: FollowUpKind,
    /// A stay check's answer: `stayed` or `moved_away`.
    pub answer: Option<String>,
    pub answered_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::lead::Entity",
        from = "Column::LeadId",
        to = "super::lead::Column::Id"
    )]
    Lead,
}

impl Related<super::lead::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Lead.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
