use sea_orm::entity::prelude::*;

/// A mailing to movers: a guide's to its municipality's (`municipality_id`), a
/// coordinator's to the region (none). Its segment is JSON (`mailings::segment::Segment`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: Option<i64>,
    pub author_id: i64,
    pub name: String,
    /// `draft`, `scheduled`, `sending`, `sent` or `cancelled`.
    pub status: String,
    pub segment: String,
    pub send_at: Option<DateTimeUtc>,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    /// How many recipients it has queued so far.
    pub recipients: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
