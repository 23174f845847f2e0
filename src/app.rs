//! Application state and the router: the features' routers merged, with the layers every
//! request passes (request id, tracing, security headers, sessions, error pages, CSRF).

use axum::extract::{MatchedPath, Request};
use axum::middleware;
use axum::routing::get;
use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Config;
use crate::db::DbSessionStore;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::routes::Routes;
use crate::web::{errors, headers};
use crate::{
    admin, auth, events, home, import, interest, leads, mailings, offers, pages, privacy, reports,
    settings,
};

/// Every feature's routes, merged.
fn routes(config: &Config) -> Routes {
    Routes::new()
        .merge(home::router())
        .merge(auth::router())
        .merge(admin::router())
        .merge(leads::router())
        .merge(import::router(config.imports.max_upload_bytes))
        .merge(events::router())
        .merge(mailings::router())
        .merge(offers::router(
            config.interest.max_body_bytes,
            config.imports.max_upload_bytes,
        ))
        .merge(reports::router())
        .merge(settings::router())
        .merge(privacy::router(config.interest.max_body_bytes))
        .merge(interest::router(config.interest.max_body_bytes))
        .merge(pages::router(config.interest.max_body_bytes))
}

/// The path of every route the features serve (as written: `/leads/{id}`), for the tests
/// that walk them all.
pub fn paths(config: &Config) -> Vec<&'static str> {
    routes(config).paths().to_vec()
}

pub fn router(state: AppState) -> Router {
    crate::ops::recorder();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(&state.db))
        .with_name("lotsbok_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.cookies_secure())
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
            state.config.session.idle_minutes.into(),
        )));
    routes(&state.config)
        .into_router()
        .route("/healthz", get(crate::ops::healthz))
        .route("/readyz", get(crate::ops::readyz))
        .route("/metrics", get(crate::ops::metrics))
        .route("/assets/{*path}", get(assets))
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
        .layer(middleware::from_fn(crate::ops::track))
        .layer(
            TraceLayer::new_for_http()
                // One line per answer, at info: its status and time, inside the request's span
                // (route pattern, method, request id). Never the path or the query.
                .on_response(
                    tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO),
                )
                .make_span_with(|req: &Request| {
                    // The route pattern, never the path: paths carry tokens, queries carry searches.
                    let route = req
                        .extensions()
                        .get::<MatchedPath>()
                        .map(|m| m.as_str().to_string())
                        .unwrap_or_else(|| "unmatched".into());
                    let request_id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), route, request_id)
                }),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// `GET /assets/{*path}` (see `assets`).
async fn assets(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Path(name): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    crate::assets::serve(&state.assets, &name, &headers)
}
