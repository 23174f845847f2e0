//! The public interest form: the project's front door. Movers tell the guides about
//! themselves in Swedish, English, German or Dutch, without an account. Spam is kept out
//! without third-country services: a honeypot, a signed time-trap token, a rate limit per
//! client address and size limits. No session is used (see `PublicCtx`).

pub mod forms;
mod handlers;
pub mod intake;
mod views;

use axum::routing::get;
use tower_http::limit::RequestBodyLimitLayer;

use crate::web::routes::Routes;

pub fn router(max_body: usize) -> Routes {
    Routes::new()
        .route("/interest", get(handlers::show).post(handlers::submit))
        .route("/interest/thanks", get(handlers::thanks))
        .route("/interest/{slug}", get(handlers::show_for))
        .layer(RequestBodyLimitLayer::new(max_body))
}
