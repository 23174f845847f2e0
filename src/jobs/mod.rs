//! Background work, with one owner: `Jobs::start` starts the outbox worker, housekeeping,
//! the retention rule, the reminder mails and the lead counts' fold, and resumes the imports
//! a stop cut off; `Jobs::stop` stops them all under one shutdown signal and waits a bounded
//! time for running work (the imports requests started, the mails handed off after an
//! answer). An import still running when the time is up is marked as cut off, and the next
//! start runs it again from its stored file (its transaction was rolled back with the stop).
//! With several instances on one database, a job that must run once takes a lease (`lease`).

pub mod lease;

use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::db::DbSessionStore;
use crate::entities::ImportId;
use crate::mail::transport::Transport;
use crate::state::AppState;
use crate::{auth, import, interest};

pub use lease::try_lease;

pub struct Jobs {
    shutdown: CancellationToken,
    tasks: TaskTracker,
}

impl Jobs {
    /// Starts every job of this instance, and the imports a stop cut off.
    pub async fn start(state: &AppState, transport: Transport) -> Jobs {
        let shutdown = CancellationToken::new();
        let tasks = TaskTracker::new();
        state.background.reopen();
        state.after_answer.reopen();
        let s = || (state.clone(), shutdown.clone());
        let (st, sd) = s();
        tasks.spawn(crate::mail::worker::run(st, transport, sd));
        let (st, sd) = s();
        tasks.spawn(housekeeping(st, sd));
        let (st, sd) = s();
        tasks.spawn(retention(st, sd));
        let (st, sd) = s();
        tasks.spawn(crate::reminders::job(st, sd));
        let (st, sd) = s();
        tasks.spawn(fold_counts(st, sd));
        let (st, sd) = s();
        tasks.spawn(mailings(st, sd));
        if state.config.backup.every_hours > 0 {
            if crate::db::sqlite_file(&state.config.database_url).is_some() {
                let (st, sd) = s();
                tasks.spawn(backups(st, sd));
            } else {
                tracing::warn!("backup.every_hours is for SQLite: back up PostgreSQL with pg_dump");
            }
        }
        match import::resume_cut_off(state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "imports cut off by a stop: resumed"),
            Err(e) => tracing::warn!(error = format!("{e:#}"), "imports cut off: not resumed"),
        }
        tasks.close();
        Jobs { shutdown, tasks }
    }

    /// The signal every job stops on (cancelled by `stop`, or by the server's own stop).
    pub fn shutdown(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// Stops the jobs and waits, at most `within`, for them and for the work requests
    /// started (imports, mails handed off after an answer). Imports still running then are
    /// marked as cut off, for the next start.
    pub async fn stop(self, state: &AppState, within: Duration) {
        self.shutdown.cancel();
        state.background.close();
        state.after_answer.close();
        let all = async {
            self.tasks.wait().await;
            state.after_answer.wait().await;
            state.background.wait().await;
        };
        if tokio::time::timeout(within, all).await.is_err() {
            // The imports still running are cut off: each transaction rolls back as its
            // task is dropped, and the next start runs it again.
            let running: Vec<ImportId> = match state.import_progress.lock() {
                Ok(mut m) => m
                    .drain()
                    .map(|(id, r)| {
                        if let Some(a) = r.abort {
                            a.abort();
                        }
                        id
                    })
                    .collect(),
                Err(_) => Vec::new(),
            };
            tracing::warn!(imports = running.len(), "stopped before all work was done");
            if let Err(e) = import::store::mark_cut_off(&state.db, &running).await {
                tracing::error!(error = %e, "imports cut off: not marked");
            }
        }
    }
}

/// Periodic clean-up: expired sessions, old sign-in failures, used and expired tokens.
/// Every statement is an idempotent delete, so several instances may run it.
async fn housekeeping(state: AppState, shutdown: CancellationToken) {
    use tower_sessions::session_store::ExpiredDeletion;
    let store = DbSessionStore::new(&state.db);
    loop {
        let start = std::time::Instant::now();
        let result: anyhow::Result<()> = async {
            store.delete_expired().await?;
            auth::throttle::delete_old(&state.db, &state.config.login).await?;
            auth::tokens::delete_stale(&state.db).await?;
            import::store::delete_old(&state.db, state.config.imports.keep_days).await?;
            crate::offers::import::delete_old(&state.db).await?;
            crate::offers::store::forget_contacts(&state.db, crate::offers::store::CONTACT_DAYS)
                .await?;
            interest::intake::forget_spent(&state.db, state.config.interest.max_age_hours).await?;
            crate::web::gate::forget_old_hits(&state.db).await?;
            Ok(())
        }
        .await;
        crate::ops::job_ran("housekeeping", start, result.is_ok());
        if let Err(e) = result {
            tracing::warn!(error = format!("{e:#}"), "housekeeping failed");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
        }
    }
}

/// How soon a background job that failed is tried again.
const RETRY_SOON: std::time::Duration = std::time::Duration::from_secs(60);

/// The retention rule, run by whichever instance holds the job's lease.
async fn retention(state: AppState, shutdown: CancellationToken) {
    let holder = format!("i-{}", uuid::Uuid::new_v4().simple());
    let every = state.config.retention.run_every_minutes.max(1);
    let ttl = chrono::Duration::minutes(i64::try_from(every).unwrap_or(60));
    let full = std::time::Duration::from_secs(every * 60);
    // A failed run (or lease) is tried again soon, not after a whole interval: the lease is
    // ours meanwhile, so no other instance would run it either.
    let soon = RETRY_SOON.min(full);
    loop {
        let next = match try_lease(&state.db, "retention", &holder, ttl).await {
            Ok(true) => {
                let start = std::time::Instant::now();
                let result =
                    crate::privacy::retention::run(&state.db, &state.config.retention, false).await;
                crate::ops::job_ran("retention", start, result.is_ok());
                match result {
                    Ok(ids) => {
                        if !ids.is_empty() {
                            tracing::info!(count = ids.len(), "retention: prospects anonymised");
                        }
                        full
                    }
                    Err(e) => {
                        tracing::warn!(error = format!("{e:#}"), "retention failed; again soon");
                        soon
                    }
                }
            }
            Ok(false) => full,
            Err(e) => {
                tracing::warn!(
                    error = format!("{e:#}"),
                    "retention lease failed; again soon"
                );
                soon
            }
        };
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(next) => {}
        }
    }
}

/// Scheduled backups of a SQLite database (`backup.every_hours`), by whichever instance
/// holds the job's lease, the oldest beyond `backup.keep` deleted.
async fn backups(state: AppState, shutdown: CancellationToken) {
    let holder = format!("i-{}", uuid::Uuid::new_v4().simple());
    let hours = state.config.backup.every_hours;
    let ttl = chrono::Duration::hours(i64::try_from(hours).unwrap_or(24));
    let full = std::time::Duration::from_secs(hours.saturating_mul(3600));
    loop {
        let next = match try_lease(&state.db, "backup", &holder, ttl).await {
            Ok(true) => {
                let start = std::time::Instant::now();
                let result = crate::backup::scheduled(&state.db, &state.config.backup).await;
                crate::ops::job_ran("backup", start, result.is_ok());
                match result {
                    Ok(file) => {
                        tracing::info!(file = %file.display(), "backup made");
                        full
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "backup failed; again soon");
                        RETRY_SOON.min(full)
                    }
                }
            }
            // Another instance (or this one before a restart) made the last: look again
            // soon, so that restarts never push the next backup further away.
            Ok(false) => RETRY_SOON.saturating_mul(10).min(full),
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "backup lease failed; again soon");
                RETRY_SOON.min(full)
            }
        };
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(next) => {}
        }
    }
}

/// Queues the mailings that are due (`mailings::send`), by whichever instance holds the
/// job's lease; woken when a mailing is sent off here, else every few seconds. A pass cut
/// short loses nothing: each batch is one transaction, and the next pass goes on from the
/// addresses not yet queued.
async fn mailings(state: AppState, shutdown: CancellationToken) {
    let holder = format!("i-{}", uuid::Uuid::new_v4().simple());
    let wake = state.kept.get::<crate::mailings::Wake>();
    loop {
        let start = std::time::Instant::now();
        let result = async {
            if try_lease(
                &state.db,
                "mailings",
                &holder,
                chrono::Duration::seconds(60),
            )
            .await?
            {
                // A bounded pass, so that the lease is renewed between passes.
                crate::mailings::send::run_due(&state, Some(50)).await?;
            }
            anyhow::Ok(())
        }
        .await;
        crate::ops::job_ran("mailings", start, result.is_ok());
        if let Err(e) = result {
            tracing::warn!(error = format!("{e:#}"), "mailings: sending deferred");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = wake.0.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(10)) => {}
        }
    }
}

/// Folds the lead counts' changes into their totals every few seconds, so the lead list
/// sums a handful of rows (see `leads::derived`). A failed fold (SQLite busy behind a long
/// import) loses nothing: the changes wait for the next.
async fn fold_counts(state: AppState, shutdown: CancellationToken) {
    loop {
        let start = std::time::Instant::now();
        let result = crate::leads::derived::fold(&state.db).await;
        crate::ops::job_ran("fold_counts", start, result.is_ok());
        if let Err(e) = result {
            tracing::debug!(error = format!("{e:#}"), "lead counts: fold deferred");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(std::time::Duration::from_secs(5)) => {}
        }
    }
}
