use sea_orm::entity::prelude::*;

/// An uploaded spreadsheet of leads for one municipality, its mapping and its outcome.
/// `content` holds personal data until the import is done or discarded.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    pub user_id: Option<i64>,
    pub file_name: String,
    /// `csv` or `xlsx`.
    pub format: String,
    pub content: Vec<u8>,
    pub size_bytes: i64,
    /// The column and value mapping, as JSON (see `import::mapping::Mapping`).
    pub mapping: String,
    /// `merge` or `skip`.
    pub duplicates: String,
    /// `uploaded`, `checking`, `checked`, `importing`, `imported` or `failed`.
    pub state: String,
    /// A check has run on the current mapping.
    pub checked: bool,
    pub total_rows: i64,
    pub new_rows: i64,
    pub merged_rows: i64,
    pub skipped_rows: i64,
    pub error_rows: i64,
    /// New leads whose last contact is older than the retention period.
    pub past_retention: i64,
    /// Translation key of what stopped the whole file, if anything did.
    pub failure: Option<String>,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
