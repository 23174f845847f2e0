use sea_orm::entity::prelude::*;

/// A spreadsheet of vacancies or homes a guide uploaded, waiting for its mapping, check
/// and import; removed then, or after a day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_uploads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub user_id: Option<i64>,
    /// `vacancies` or `homes`.
    pub kind: String,
    pub file_name: String,
    pub content: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
