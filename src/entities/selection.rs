use sea_orm::entity::prelude::*;

/// Jobs and homes a guide mailed to one lead's mover.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "selections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub lead_id: i64,
    /// The day it was sent, in Stockholm (the report compares it with the day of moving in).
    pub sent_on: Date,
    /// The lead's municipality when it was sent (none: the pool).
    pub municipality_id: Option<i64>,
    pub sent_by: Option<i64>,
    pub lang: String,
    pub outbox_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
