//! `lotsbok serve`: migrate, print the setup link on first start, start the background jobs
//! (`jobs`) beside the HTTP server, and stop all of them gracefully on Ctrl-C or SIGTERM.

use std::net::SocketAddr;

use crate::app;
use crate::config::Config;
use crate::jobs::Jobs;
use crate::mail::transport::Transport;
use crate::state::AppState;
use crate::{auth, db};

pub async fn serve(cfg: Config) -> anyhow::Result<()> {
    // The metrics recorder first: a job's first run, at start, is counted too.
    crate::ops::recorder();
    let assets = crate::assets::Assets::load(&cfg.assets_dir).map_err(anyhow::Error::msg)?;
    // Held until the server stops: a restore is refused meanwhile.
    let _serving = crate::backup::hold(&cfg.database_url).map_err(anyhow::Error::msg)?;
    let conn = db::connect(&cfg.database_url, cfg.pool_size())
        .await
        .map_err(anyhow::Error::msg)?;
    db::migrate(&conn).await.map_err(anyhow::Error::msg)?;
    let transport = Transport::from_config(&cfg)
        .map_err(|e| anyhow::anyhow!("mail: cannot use the configured transport: {e}"))?;
    let listener = tokio::net::TcpListener::bind(cfg.bind)
        .await
        .map_err(|e| anyhow::anyhow!("bind: cannot listen on {}: {e}", cfg.bind))?;
    let state = AppState::new(conn, cfg, assets);
    auth::password::warm_up().await;
    // The two-factor key read (or made) now: a key file that cannot be read stops the
    // start here, not a sign-in later.
    auth::two_factor::cipher(&state).map_err(|e| anyhow::anyhow!("two_factor: {e}"))?;

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
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        bind = %state.config.bind,
        database = %db::redacted(&state.config.database_url),
        assets = %state.assets.source(),
        mail = if state.config.smtp_url.is_empty() { "files" } else { "smtp" },
        "started"
    );

    let jobs = Jobs::start(&state, transport).await;
    let app = app::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let stop = jobs.shutdown();
    let until = stop.clone();
    let mut server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(until.cancelled_owned())
            .await
    });
    tokio::select! {
        ended = &mut server => {
            // The server ended by itself: an error of its listener (it ends without one
            // only after the stop below, which has not come).
            let ended = ended.map_err(anyhow::Error::from).and_then(|r| r.map_err(Into::into));
            stop.cancel();
            let within = std::time::Duration::from_secs(state.config.stop_seconds);
            jobs.stop(&state, within).await;
            return ended;
        }
        _ = wait_for_signal() => {}
    }
    // One deadline for the whole stop (`stop_seconds`): the answers being written, then the
    // work under way. A connection that still sends nothing at the deadline (a client that
    // stalled half-way through a request) is closed; it cannot hold the stop up.
    let within = std::time::Duration::from_secs(state.config.stop_seconds);
    let deadline = tokio::time::Instant::now() + within;
    tracing::info!(within_seconds = within.as_secs(), "shutting down");
    stop.cancel();
    if tokio::time::timeout_at(deadline, &mut server)
        .await
        .is_err()
    {
        tracing::warn!("connections still open at the deadline: closed");
        server.abort();
    }
    jobs.stop(
        &state,
        deadline.saturating_duration_since(tokio::time::Instant::now()),
    )
    .await;
    tracing::info!("stopped");
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
