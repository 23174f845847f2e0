use sea_orm::entity::prelude::*;

/// A housing offer a guide registered in its municipality.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "homes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    /// `open` or `closed` (let, sold or taken off).
    pub status: String,
    /// `rent` or `buy`.
    pub tenure: String,
    pub rooms: i32,
    pub size_m2: Option<i32>,
    /// Kronor: a month's rent, or the asking price.
    pub cost: Option<i64>,
    pub place: String,
    pub available_from: Option<Date>,
    /// The landlord's or broker's name and how to reach them.
    pub contact: String,
    pub link: Option<String>,
    pub description: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
