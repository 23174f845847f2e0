use sea_orm::entity::prelude::*;

/// A reminder mail sent (or found unnecessary) for one guide on one Stockholm day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    pub sent_at: DateTimeUtc,
    /// How many follow-ups it listed (0: nothing was due, no mail went out).
    pub follow_ups: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
