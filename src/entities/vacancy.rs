use sea_orm::entity::prelude::*;

/// A vacancy in one municipality: sent in by an employer (waiting for the guide), or added
/// or imported by the guide. Open while published and not past its last day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vacancies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_id: i64,
    /// `pending`, `published`, `declined` or `withdrawn`.
    pub status: String,
    /// `employer`, `guide` or `import`.
    pub origin: String,
    pub employer: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub title: String,
    /// A code of the shared occupation list (`offers::occupations`).
    pub occupation: Option<String>,
    pub place: Option<String>,
    /// `full_time`, `part_time`, `temporary` or `seasonal`.
    pub extent: String,
    pub starts: Option<String>,
    pub last_day: Date,
    pub description: String,
    pub link: Option<String>,
    /// The language the employer wrote in: its mails are in it.
    pub lang: String,
    pub created_by: Option<i64>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub decline_reason: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
