use sea_orm::entity::prelude::*;

/// One address a mailing was queued to (once: unique per mailing and address key). The
/// prospect, lead and address key are cleared when the mover is erased.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mailing_recipients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub mailing_id: i64,
    pub prospect_id: Option<i64>,
    pub lead_id: Option<i64>,
    /// The municipality of the lead it was reached through (none: the pool).
    pub municipality_id: Option<i64>,
    pub email_key: Option<String>,
    pub lang: String,
    /// The unsubscribe token's digest (`crypto::hash`).
    pub token_hash: String,
    pub outbox_id: Option<i64>,
    pub queued_at: DateTimeUtc,
    pub unsubscribed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
