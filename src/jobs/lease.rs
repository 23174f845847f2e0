//! Leases for background jobs: with several app instances on one database, only the holder
//! of a job's lease runs it. Taking a lease is one conditional UPDATE (after an INSERT that
//! only the first ever succeeds), which works alike on SQLite and PostgreSQL.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use crate::entities::job_lease::{self, Column};

/// Takes (or renews) the lease on `name` for `ttl` if it is free, expired or already ours.
pub async fn try_lease(
    db: &impl ConnectionTrait,
    name: &str,
    holder: &str,
    ttl: Duration,
) -> Result<bool, sea_orm::DbErr> {
    let now = Utc::now();
    let _ = job_lease::ActiveModel {
        name: Set(name.into()),
        holder: Set(holder.into()),
        until: Set(now - Duration::seconds(1)),
    }
    .insert(db)
    .await;
    let took = job_lease::Entity::update_many()
        .col_expr(Column::Holder, Expr::value(holder))
        .col_expr(Column::Until, Expr::value(now + ttl))
        .filter(Column::Name.eq(name))
        .filter(
            Condition::any()
                .add(Column::Until.lt(now))
                .add(Column::Holder.eq(holder)),
        )
        .exec(db)
        .await?;
    Ok(took.rows_affected == 1)
}
