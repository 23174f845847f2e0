use sea_orm::entity::prelude::*;

/// A lead handed over (`handover`), shared (`share`) or taken from the pool (`take`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub lead_id: i64,
    pub kind: String,
    pub from_municipality_id: Option<i64>,
    pub to_municipality_id: i64,
    pub by_user: Option<i64>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
