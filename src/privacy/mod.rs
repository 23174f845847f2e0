//! Privacy by design: consents, data-subject access (a readable page and JSON), erasure that
//! keeps the statistics, retention, the movers' self-service links and the audit log.

pub mod anonymise;
mod audit_log;
pub mod dossier;
pub mod links;
mod mover;
pub mod news;
pub mod retention;
mod staff;
mod views;

use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;

use crate::web::routes::Routes;

pub fn router(max_body: usize) -> Routes {
    let public = Routes::new()
        .route("/my", get(mover::ask_form).post(mover::ask))
        .route("/my/{token}", get(mover::show))
        .route("/my/{token}/data.json", get(mover::data_json))
        .route("/my/{token}/contact", post(mover::correct))
        .route("/my/{token}/withdraw", post(mover::withdraw))
        .route("/my/{token}/news", post(mover::news))
        .route(
            "/my/{token}/erase",
            get(mover::erase_form).post(mover::erase),
        )
        .layer(RequestBodyLimitLayer::new(max_body));
    Routes::new()
        .merge(public)
        .route("/leads/retention", get(staff::coming))
        .route("/leads/{id}/privacy", get(staff::page))
        .route("/leads/{id}/export.json", get(staff::export))
        .route(
            "/leads/{id}/erase",
            get(staff::erase_form).post(staff::erase),
        )
        .route("/admin/audit", get(audit_log::index))
        .route("/admin/audit/export.csv", get(audit_log::export))
}
