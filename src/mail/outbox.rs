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
