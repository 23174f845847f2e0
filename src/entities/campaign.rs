use sea_orm::entity::prelude::*;

use super::codes::CampaignKind;

/// A fair, a digital campaign, a visiting weekend: what brought leads in.
/// `municipality_id` NULL: regional.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub kind: CampaignKind,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub municipality_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
