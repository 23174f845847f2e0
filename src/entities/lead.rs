use sea_orm::entity::prelude::*;

use super::codes::{ReasonCode, Source, Status};

/// One prospect's case in one municipality (`municipality_id` NULL: the regional pool).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "leads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub prospect_id: i64,
    pub municipality_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub source: Source,
    pub campaign_id: Option<i64>,
    pub status: Status,
    pub reason_code: Option<ReasonCode>,
    pub moved_in_on: Option<Date>,
    pub moved_adults: Option<i32>,
    pub moved_children: Option<i32>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::prospect::Entity",
        from = "Column::ProspectId",
        to = "super::prospect::Column::Id"
    )]
    Prospect,
    #[sea_orm(has_many = "super::follow_up::Entity")]
    FollowUp,
}

impl Related<super::follow_up::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FollowUp.def()
    }
}

impl Related<super::prospect::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Prospect.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
