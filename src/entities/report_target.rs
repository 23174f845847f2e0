use sea_orm::entity::prelude::*;

/// A coordinator's yearly target for the report: per municipality, or for the whole region
/// (`municipality_id` 0), per measure (`persons`, `households`, `leads`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_targets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub municipality_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub measure: String,
    pub value: i64,
    pub set_by: Option<i64>,
    pub set_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
