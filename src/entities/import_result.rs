use sea_orm::entity::prelude::*;

/// One row of an import's report: an error, or a duplicate that was merged or skipped.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub import_id: i64,
    /// The row's line in the file (the header is line 1).
    pub row_no: i64,
    /// `error`, `merged` or `skipped`.
    pub outcome: String,
    pub lead_id: Option<i64>,
    pub column_name: Option<String>,
    pub value: Option<String>,
    /// Translation key of the reason.
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
