//! What an operator watches: `/healthz` (the process answers), `/readyz` (the database
//! answers and every migration is applied) and `/metrics` in the Prometheus text format
//! (the `metrics` crate's Prometheus recorder), reachable only from the configured addresses
//! or with the configured token.
//!
//! What it counts: requests by route pattern, method and status with their latency
//! (`track`, a layer), mails sent and failed (`mail::worker`), job runs and their duration
//! (`jobs`); read at each scrape: the outbox's queue and the age of its oldest unsent mail,
//! and the database pool's connections. Labels are route patterns and job names, never a
//! path or anything typed.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::state::AppState;

/// Latency buckets, in seconds: from a cached page to a year's report.
const BUCKETS: &[f64] = &[
    0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed on first use (every instance of the app in one process,
/// as in the tests, shares it).
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("metrics: another recorder was installed first");
        }
        describe();
        handle
    })
}

fn describe() {
    use metrics::{describe_counter, describe_histogram, Unit};
    describe_counter!(
        "lotsbok_http_requests_total",
        "Requests answered, by route pattern, method and status"
    );
    describe_histogram!(
        "lotsbok_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer, by route pattern"
    );
    describe_counter!("lotsbok_mail_sent_total", "Mails handed to the transport");
    describe_counter!(
        "lotsbok_mail_failures_total",
        "Failed deliveries (each is retried until max_attempts)"
    );
    describe_counter!(
        "lotsbok_job_runs_total",
        "Background job runs, by job and result"
    );
    describe_histogram!(
        "lotsbok_job_duration_seconds",
        Unit::Seconds,
        "Background job run time, by job"
    );
}

/// A layer: counts every request by its route pattern and times it.
pub async fn track(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    // Only the standard methods by name: any other a client invents counts as "other",
    // so that no one can grow the metrics without end.
    let method = match req.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS") => m.to_string(),
        _ => "other".to_string(),
    };
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("lotsbok_http_requests_total",
        "route" => route.clone(), "method" => method, "status" => status)
    .increment(1);
    metrics::histogram!("lotsbok_http_request_duration_seconds", "route" => route)
        .record(start.elapsed().as_secs_f64());
    response
}

/// Records one run of a background job.
pub fn job_ran(job: &'static str, start: Instant, ok: bool) {
    let result = if ok { "ok" } else { "error" };
    metrics::counter!("lotsbok_job_runs_total", "job" => job, "result" => result).increment(1);
    metrics::histogram!("lotsbok_job_duration_seconds", "job" => job)
        .record(start.elapsed().as_secs_f64());
}

/// `GET /healthz`: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers and no migration is pending.
/// Answers within two seconds whatever the database does (a probe's timeout is short).
pub async fn readyz(State(state): State<AppState>) -> Response {
    let asked = tokio::time::timeout(
        std::time::Duration::from_secs(2),
        state.db.pending_migrations(),
    );
    match asked.await {
        Ok(Ok(0)) => (StatusCode::OK, "ready").into_response(),
        Ok(Ok(n)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{n} migrations pending"),
        )
            .into_response(),
        Ok(Err(_)) | Err(_) => {
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Whether the scraper may read the metrics: it sends `Authorization: Bearer <token>` with
/// the configured token, or its TCP peer is one of `allow_from` and no proxy stands between.
/// Behind a reverse proxy every request comes from the proxy's address, so the peer says
/// nothing of who asks: when `trust_forwarded_for` is on, or the request carries a proxy's
/// header, only the token opens it.
fn may_scrape(state: &AppState, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    let cfg = &state.config.metrics;
    let proxied = state.config.trust_forwarded_for
        || headers.contains_key("x-forwarded-for")
        || headers.contains_key(header::FORWARDED);
    if let (false, Some(peer)) = (proxied, peer) {
        let ip = peer.ip().to_canonical();
        if cfg.allow_from.iter().any(|a| a.to_canonical() == ip) {
            return true;
        }
    }
    // The scheme's name is case-insensitive (RFC 9110).
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    match given {
        Some(t) if !cfg.token.is_empty() => crate::crypto::same(t.as_bytes(), cfg.token.as_bytes()),
        _ => false,
    }
}

/// `GET /metrics`: 404 to anyone else (as if there were none).
pub async fn metrics(State(state): State<AppState>, parts: axum::http::request::Parts) -> Response {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    if !may_scrape(&state, peer, &parts.headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    // What is read from the database at each scrape is written here, not kept in the
    // process-wide recorder: it belongs to this app's database.
    let mut text = String::new();
    let mut gauge = |name: &str, help: &str, values: &[(&str, f64)]| {
        text.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n"));
        for (labels, v) in values {
            text.push_str(&format!("{name}{labels} {v}\n"));
        }
    };
    match crate::mail::outbox::queue(&state.db).await {
        Ok(q) => {
            gauge(
                "lotsbok_outbox_unsent",
                "Mails waiting to be sent",
                &[("", q.unsent as f64)],
            );
            gauge(
                "lotsbok_outbox_failed",
                "Mails given up on, for an admin",
                &[("", q.failed as f64)],
            );
            gauge(
                "lotsbok_outbox_oldest_unsent_age_seconds",
                "Age of the oldest mail waiting to be sent (0 when none waits)",
                &[("", q.oldest_age_seconds as f64)],
            );
        }
        Err(e) => tracing::warn!(error = %e, "metrics: outbox not read"),
    }
    let pool = state.db.pool_use();
    gauge(
        "lotsbok_db_pool_connections",
        "Database pool connections open, by state",
        &[
            ("{state=\"idle\"}", f64::from(pool.idle)),
            (
                "{state=\"in_use\"}",
                f64::from(pool.size.saturating_sub(pool.idle)),
            ),
        ],
    );
    gauge(
        "lotsbok_db_pool_max_connections",
        "The most connections the pool may open",
        &[("", f64::from(pool.max))],
    );
    gauge(
        "lotsbok_build_info",
        "The running version",
        &[(
            &format!("{{version=\"{}\"}}", env!("CARGO_PKG_VERSION")),
            1.0,
        )],
    );
    let handle = recorder();
    handle.run_upkeep();
    text.push_str(&handle.render());
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}
