//! `lotsbok serve`: migrate, print the setup link on first start, run the outbox worker and
//! housekeeping beside the HTTP server, and stop all of them gracefully on Ctrl-C or SIGTERM.

use std::net::SocketAddr;

use tokio_util::sync::CancellationToken;

use crate::app;
use crate::config::Config;
use crate::mail::transport::Transport;
use crate::state::AppState;
use crate::{auth, db};

pub async fn serve(cfg: Config) -> anyhow::Result<()> {
    let conn = db::connect(&cfg.database_url, cfg.pool_size())
        .await
        .map_err(anyhow::Error::msg)?;
    db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
    let transport = Transport::from_config(&cfg)
        .map_err(|e| anyhow::anyhow!("mail: cannot use the configured transport: {e}"))?;
    let listener = tokio::net::TcpListener::bind(cfg.bind)
        .await
        .map_err(|e| anyhow::anyhow!("bind: cannot listen on {}: {e}", cfg.bind))?;
    let state = AppState::new(conn, cfg);
    auth::password::warm_up().await;

    if let Some(link) = auth::setup::first_start_link(&state).await? {
        println!(
            "Lotsbok has no administrator yet. Open this one-time link to create the first one"
        );
        println!(
            "(valid for {} hours, a new one is printed at every start until then):",
            state.config.tokens.setup_hours
        );
        println!("  {link}");
    }
    println!(
        "Lotsbok is listening on {} ({})",
        state.config.base_url, state.config.bind
    );

    let shutdown = CancellationToken::new();
    let worker = tokio::spawn(crate::mail::worker::run(
        state.clone(),
        transport,
        shutdown.clone(),
    ));
    let housekeeping = tokio::spawn(app::housekeeping(state.clone(), shutdown.clone()));
    let retention = tokio::spawn(retention_job(state.clone(), shutdown.clone()));
    let reminders = tokio::spawn(crate::reminders::job(state.clone(), shutdown.clone()));
    let counts = tokio::spawn(fold_counts(state.clone(), shutdown.clone()));

    let handed_off = state.clone();
    let app = app::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let stop = shutdown.clone();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            wait_for_signal().await;
            tracing::info!("shutting down");
            stop.cancel();
        })
        .await?;
    shutdown.cancel();
    handed_off.settle().await;
    let _ = tokio::join!(worker, housekeeping, retention, reminders, counts);
    Ok(())
}

async fn wait_for_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// How soon a background job that failed is tried again.
const RETRY_SOON: std::time::Duration = std::time::Duration::from_secs(60);

/// The retention rule, run by whichever instance holds the job's lease.
async fn retention_job(state: AppState, shutdown: CancellationToken) {
    let holder = format!("i-{}", uuid::Uuid::new_v4().simple());
    let every = state.config.retention.run_every_minutes.max(1);
    let ttl = chrono::Duration::minutes(i64::try_from(every).unwrap_or(60));
    let full = std::time::Duration::from_secs(every * 60);
    // A failed run (or lease) is tried again soon, not after a whole interval: the lease is
    // ours meanwhile, so no other instance would run it either.
    let soon = RETRY_SOON.min(full);
    loop {
        let next = match crate::jobs::try_lease(&state.db, "retention", &holder, ttl).await {
            Ok(true) => {
                match crate::privacy::retention::run(&state.db, &state.config.retention, false)
                    .await
                {
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

/// Folds the lead counts' changes into their totals every few seconds, so the lead list
/// sums a handful of rows (see `leads::derived`). A failed fold (SQLite busy behind a long
/// import) loses nothing: the changes wait for the next.
async fn fold_counts(state: AppState, shutdown: CancellationToken) {
    loop {
        if let Err(e) = crate::leads::derived::fold(&state.db).await {
            tracing::debug!(error = format!("{e:#}"), "lead counts: fold deferred");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(std::time::Duration::from_secs(5)) => {}
        }
    }
}
