//! Retention: a prospect with no activity for `inactive_months` is anonymised. "Activity" is
//! the last change to the prospect or to any of its leads (a logged contact, a follow-up, a
//! status change all touch the lead). Runs as `lotsbok retention [--dry-run]` and as a
//! background job that one app instance at a time holds the lease for.

use chrono::{DateTime, Duration, Months, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::anonymise::{anonymise, Why};
use crate::config::RetentionConfig;
use crate::entities::{lead, prospect};
use crate::scope::Scope;

/// The moment before which a prospect's last activity makes it due.
pub fn cutoff(cfg: &RetentionConfig, now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(cfg.inactive_months))
        .unwrap_or(now)
}

/// Prospects (not yet anonymised) whose last activity is before `before`.
fn inactive_before(before: DateTime<Utc>) -> sea_orm::Select<prospect::Entity> {
    let recent_lead = Query::select()
        .expr(Expr::val(1))
        .from(lead::Entity)
        .and_where(
            Expr::col((lead::Entity, lead::Column::ProspectId))
                .equals((prospect::Entity, prospect::Column::Id)),
        )
        .and_where(Expr::col((lead::Entity, lead::Column::UpdatedAt)).gte(before))
        .to_owned();
    prospect::Entity::find()
        .filter(prospect::Column::AnonymisedAt.is_null())
        .filter(prospect::Column::UpdatedAt.lt(before))
        .filter(Expr::exists(recent_lead).not())
}

/// The ids of the prospects that are due now.
pub async fn due(
    db: &crate::db::Db,
    cfg: &RetentionConfig,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    inactive_before(cutoff(cfg, now))
        .select_only()
        .column(prospect::Column::Id)
        .order_by_asc(prospect::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Anonymises everything due, in batches; returns the ids (only lists them with `dry_run`).
pub async fn run(
    db: &crate::db::Db,
    cfg: &RetentionConfig,
    dry_run: bool,
) -> Result<Vec<i64>, DbErr> {
    let ids = due(db, cfg, Utc::now()).await?;
    if dry_run {
        return Ok(ids);
    }
    for chunk in ids.chunks(500) {
        // In turn with the requests' writes, so a busy SQLite never answers "locked".
        let txn = db.begin().await?;
        for id in chunk {
            anonymise(&txn, *id, Why::Retention, None).await?;
        }
        txn.commit().await?;
    }
    Ok(ids)
}

/// The guide's leads whose prospect will be anonymised within `warn_days`, with the day it
/// happens: (lead id, name, last activity, due). Starts from the guide's leads last changed
/// between the cutoff and the horizon (an index range), then drops prospects with activity
/// elsewhere since.
pub async fn coming(
    db: &crate::db::Db,
    scope: &Scope,
    cfg: &RetentionConfig,
) -> Result<Vec<(i64, String, DateTime<Utc>, DateTime<Utc>)>, DbErr> {
    let now = Utc::now();
    let cut = cutoff(cfg, now);
    let horizon = cut + Duration::days(i64::from(cfg.warn_days));
    let candidates = lead::Entity::find()
        .filter(scope.own_leads())
        .filter(lead::Column::UpdatedAt.gte(cut))
        .filter(lead::Column::UpdatedAt.lt(horizon))
        .find_also_related(prospect::Entity)
        .filter(prospect::Column::AnonymisedAt.is_null())
        .filter(prospect::Column::UpdatedAt.lt(horizon))
        .order_by_asc(lead::Column::UpdatedAt)
        .limit(500)
        .all(db)
        .await?;
    let ids: Vec<i64> = candidates.iter().map(|(l, _)| l.prospect_id).collect();
    let busy: Vec<i64> = lead::Entity::find()
        .select_only()
        .column(lead::Column::ProspectId)
        .filter(lead::Column::ProspectId.is_in(ids))
        .filter(lead::Column::UpdatedAt.gte(horizon))
        .into_tuple()
        .all(db)
        .await?;
    Ok(candidates
        .into_iter()
        .filter_map(|(l, p)| p.map(|p| (l, p)))
        .filter(|(_, p)| !busy.contains(&p.id))
        .map(|(l, p)| {
            let last = p.updated_at.max(l.updated_at);
            let when = last
                .checked_add_months(Months::new(cfg.inactive_months))
                .unwrap_or(last);
            (
                l.id,
                format!("{} {}", p.first_name, p.last_name),
                last,
                when,
            )
        })
        .collect())
}
