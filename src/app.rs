//! Application state and the router: the features' routers merged, with the layers every
//! request passes (request id, tracing, security headers, sessions, error pages, CSRF).

use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio_util::sync::CancellationToken;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::db::DbSessionStore;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{errors, headers};
use crate::{
    admin, auth, events, home, import, interest, leads, pages, privacy, reports, settings,
};

pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(&state.db))
        .with_name("lotsbok_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.cookies_secure())
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            state.config.session.idle_minutes.into(),
        )));
    let assets = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .service(ServeDir::new(&state.config.assets_dir));

    Router::new()
        .merge(home::router())
        .merge(auth::router())
        .merge(admin::router())
        .merge(leads::router())
        .merge(import::router(state.config.imports.max_upload_bytes))
        .merge(events::router())
        .merge(reports::router())
        .merge(settings::router())
        .merge(privacy::router(state.config.interest.max_body_bytes))
        .merge(interest::router(state.config.interest.max_body_bytes))
        .merge(pages::router(state.config.interest.max_body_bytes))
        .route("/healthz", get(healthz))
        .nest_service("/assets", assets)
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::web::csrf::protect,
        ))
        .layer(middleware::from_fn(crate::web::input::clean))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            errors::render,
        ))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            // The route pattern, never the path: paths carry tokens, queries carry searches.
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map(|m| m.as_str().to_string())
                .unwrap_or_else(|| "-".into());
            let id = req
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), route, id)
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

/// Periodic clean-up: expired sessions, old sign-in failures, used and expired tokens.
/// Every statement is an idempotent delete, so several instances may run it.
pub async fn housekeeping(state: AppState, shutdown: CancellationToken) {
    use tower_sessions::session_store::ExpiredDeletion;
    let store = DbSessionStore::new(&state.db);
    loop {
        let result: anyhow::Result<()> = async {
            store.delete_expired().await?;
            auth::throttle::delete_old(&state.db, &state.config.login).await?;
            auth::tokens::delete_stale(&state.db).await?;
            import::store::delete_old(&state.db, state.config.imports.keep_days).await?;
            interest::intake::forget_spent(&state.db, state.config.interest.max_age_hours).await?;
            state.public_limiter.retain_recent();
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = format!("{e:#}"), "housekeeping failed");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
        }
    }
}
