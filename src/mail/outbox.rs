//! What the admin's outbox page reads: mails not yet sent first, then the latest sent.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{FAILED, SENT};
use crate::entities::outbox_mail::{self, Column};

const SHOWN: u64 = 100;

pub async fn list(db: &crate::db::Db) -> Result<Vec<outbox_mail::Model>, sea_orm::DbErr> {
    let mut unsent = outbox_mail::Entity::find()
        .filter(Column::Status.ne(SENT))
        .order_by_desc(Column::Id)
        .limit(SHOWN)
        .all(db)
        .await?;
    let room = SHOWN.saturating_sub(unsent.len() as u64);
    let sent = outbox_mail::Entity::find()
        .filter(Column::Status.eq(SENT))
        .order_by_desc(Column::Id)
        .limit(room)
        .all(db)
        .await?;
    unsent.extend(sent);
    Ok(unsent)
}

pub async fn counts(db: &crate::db::Db) -> Result<Vec<(String, i64)>, sea_orm::DbErr> {
    outbox_mail::Entity::find()
        .select_only()
        .column(Column::Status)
        .column_as(Expr::col(Column::Id).count(), "n")
        .group_by(Column::Status)
        .order_by_asc(Column::Status)
        .into_tuple()
        .all(db)
        .await
}

/// Mails that gave up, for the admin's start page.
pub async fn failed_count(db: &crate::db::Db) -> Result<u64, sea_orm::DbErr> {
    outbox_mail::Entity::find()
        .filter(Column::Status.eq(FAILED))
        .count(db)
        .await
}

/// The queue as an operator watches it (see `ops`).
pub struct Queue {
    pub unsent: i64,
    pub failed: i64,
    /// Seconds since the oldest unsent mail was queued; 0 when none waits.
    pub oldest_age_seconds: i64,
}

pub async fn queue(db: &crate::db::Db) -> Result<Queue, sea_orm::DbErr> {
    use super::PENDING;
    let (unsent, oldest): (i64, Option<chrono::DateTime<chrono::Utc>>) =
        outbox_mail::Entity::find()
            .select_only()
            .column_as(Expr::col(Column::Id).count(), "n")
            .column_as(Column::CreatedAt.min(), "oldest")
            .filter(Column::Status.eq(PENDING))
            .into_tuple()
            .one(db)
            .await?
            .unwrap_or((0, None));
    let failed = failed_count(db).await?;
    Ok(Queue {
        unsent,
        failed: i64::try_from(failed).unwrap_or(i64::MAX),
        oldest_age_seconds: oldest
            .map(|t| (chrono::Utc::now() - t).num_seconds().max(0))
            .unwrap_or(0),
    })
}
