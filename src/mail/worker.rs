//! The outbox worker. Each instance claims one due mail at a time with a conditional UPDATE
//! (a lease: `locked_until`, `locked_by`), which only one instance can win on SQLite and on
//! PostgreSQL alike; a crashed instance's lease runs out and another takes the mail over.
//! A failure is retried with exponential back-off; after `max_attempts` the mail is marked
//! failed and stays on the admin's outbox page with its last error.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tokio_util::sync::CancellationToken;

use super::transport::Transport;
use super::{FAILED, PENDING, SENT};
use crate::config::OutboxConfig;
use crate::entities::outbox_mail::{self, Column};
use crate::state::AppState;

/// Runs until `shutdown`; a mail being sent when it comes is finished first.
pub async fn run(state: AppState, transport: Transport, shutdown: CancellationToken) {
    // The process id first, so an operator (and the test of a sender killed mid-send) can
    // tell which process holds a mail.
    let worker_id = format!("p{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
    let poll = StdDuration::from_secs(state.config.outbox.poll_seconds.max(1));
    loop {
        if let Err(e) = process_due(&state, &transport, &worker_id).await {
            tracing::warn!(error = format!("{e:#}"), "outbox pass failed");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = state.outbox.notified() => {}
            _ = tokio::time::sleep(poll) => {}
        }
    }
}

/// Sends every mail that is due now; returns how many were delivered.
pub async fn process_due(
    state: &AppState,
    transport: &Transport,
    worker_id: &str,
) -> anyhow::Result<usize> {
    let from: Mailbox = state.config.mail_from.parse()?;
    let cfg = &state.config.outbox;
    let mut delivered = 0;
    // Mailings' mails are due one after another at `mailings.per_minute`; after a stop
    // (or behind a slow server) many are due at once, and they still go at that pace.
    let spacing =
        StdDuration::from_secs_f64(60.0 / f64::from(state.config.mailings.per_minute.max(1)));
    let mut last_mailing: Option<std::time::Instant> = None;
    while let Some(mail) = claim_next(&state.db, worker_id, cfg).await? {
        if mail.unsubscribe_url.is_some() {
            if let Some(wait) = last_mailing.and_then(|t| spacing.checked_sub(t.elapsed())) {
                tokio::time::sleep(wait).await;
            }
            last_mailing = Some(std::time::Instant::now());
        }
        match transport.send(&from, &mail).await {
            Ok(()) => {
                finish(
                    &state.db,
                    mail.id,
                    SENT,
                    mail.attempts + 1,
                    None,
                    Utc::now(),
                )
                .await?;
                tracing::info!(mail_id = mail.id, "mail delivered");
                metrics::counter!("lotsbok_mail_sent_total").increment(1);
                delivered += 1;
            }
            Err(e) => {
                let attempts = mail.attempts + 1;
                let status = if attempts >= cfg.max_attempts {
                    FAILED
                } else {
                    PENDING
                };
                let next = Utc::now() + backoff(cfg, attempts);
                // The error text may name the recipient: it goes to the table, not the log.
                finish(
                    &state.db,
                    mail.id,
                    status,
                    attempts,
                    Some(format!("{e:#}")),
                    next,
                )
                .await?;
                tracing::warn!(mail_id = mail.id, attempts, status, "mail delivery failed");
                metrics::counter!("lotsbok_mail_failures_total").increment(1);
            }
        }
    }
    Ok(delivered)
}

/// Delay before attempt `attempts + 1`: base · 2^(attempts-1), at most the configured maximum.
pub fn backoff(cfg: &OutboxConfig, attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let secs = cfg
        .retry_base_seconds
        .saturating_mul(1u64 << exp)
        .min(cfg.retry_max_seconds);
    Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// A mail not sent yet that no worker holds (one being sent now is left to go).
pub fn unsent_and_unleased(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Column::Status.ne(SENT))
        .add(unleased(now))
}

fn unleased(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(Column::LockedUntil.is_null())
        .add(Column::LockedUntil.lt(now))
}

async fn claim_next(
    db: &crate::db::Db,
    worker_id: &str,
    cfg: &OutboxConfig,
) -> anyhow::Result<Option<outbox_mail::Model>> {
    // A few tries: another instance may win the row we picked; then we pick again.
    for _ in 0..8 {
        let now = Utc::now();
        // Mail to one person (a sign-in link, a confirmation) before a mailing's many: each
        // read walks an index of its own kind (migration 23), however long the other queue.
        let due = |mailing: bool| {
            let kind = if mailing {
                Column::UnsubscribeUrl.is_not_null()
            } else {
                Column::UnsubscribeUrl.is_null()
            };
            outbox_mail::Entity::find()
                .select_only()
                .column(Column::Id)
                .filter(Column::Status.eq(PENDING))
                .filter(kind)
                .filter(Column::NextAttemptAt.lte(now))
                .filter(unleased(now))
                .order_by_asc(Column::NextAttemptAt)
                .order_by_asc(Column::Id)
                .into_tuple::<i64>()
                .one(db)
        };
        let candidate = match due(false).await? {
            Some(id) => Some(id),
            None => due(true).await?,
        };
        let Some(id) = candidate else {
            return Ok(None);
        };
        let won = outbox_mail::Entity::update_many()
            .col_expr(
                Column::LockedUntil,
                Expr::value(now + Duration::seconds(cfg.lease_seconds)),
            )
            .col_expr(Column::LockedBy, Expr::value(worker_id))
            .filter(Column::Id.eq(id))
            .filter(Column::Status.eq(PENDING))
            .filter(unleased(now))
            .exec(db)
            .await?;
        if won.rows_affected == 1 {
            return Ok(outbox_mail::Entity::find_by_id(id).one(db).await?);
        }
    }
    Ok(None)
}

async fn finish(
    db: &crate::db::Db,
    id: i64,
    status: &str,
    attempts: i32,
    error: Option<String>,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut q = outbox_mail::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(Column::Attempts, Expr::value(attempts))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(Column::LastError, Expr::value(error));
    q = if status == SENT {
        q.col_expr(Column::SentAt, Expr::value(at))
    } else {
        q.col_expr(Column::NextAttemptAt, Expr::value(at))
    };
    q.filter(Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// An admin's "try again now" on a failed or waiting mail.
pub async fn retry_now(db: &crate::db::Db, id: i64) -> Result<bool, sea_orm::DbErr> {
    let r = outbox_mail::Entity::update_many()
        .col_expr(Column::Status, Expr::value(PENDING))
        .col_expr(Column::NextAttemptAt, Expr::value(Utc::now()))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.ne(SENT))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let cfg = OutboxConfig {
            poll_seconds: 5,
            retry_base_seconds: 30,
            retry_max_seconds: 3600,
            max_attempts: 10,
            lease_seconds: 120,
        };
        assert_eq!(backoff(&cfg, 1), Duration::seconds(30));
        assert_eq!(backoff(&cfg, 2), Duration::seconds(60));
        assert_eq!(backoff(&cfg, 3), Duration::seconds(120));
        assert_eq!(backoff(&cfg, 9), Duration::seconds(3600));
        assert_eq!(backoff(&cfg, 60), Duration::seconds(3600));
    }
}
