use sea_orm::entity::prelude::*;

use super::codes::Direction;

/// An entry on a lead's timeline: a logged contact or note, or a recorded event (status
/// change, referral, merge).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub lead_id: i64,
    pub user_id: Option<i64>,
    pub kind: String,
    pub direction: Option<Direction>,
    pub occurred_at: DateTimeUtc,
    pub body: Option<String>,
    pub created_at: DateTimeUtc,
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

impl ActiveModelBehavior for ActiveModel {}
