//! Jobs and homes: vacancies that employers send in (`/jobs/new`, public) and guides
//! approve, add or import; homes that guides register; and for a lead, the open vacancies
//! and homes that match its household, of which the guide mails the mover a selection
//! (`/leads/{id}/matches`). The shared occupation list (`occupations`) reads what movers
//! type in four languages.

mod forms;
mod handlers;
pub mod import;
mod import_pages;
mod import_views;
mod listings;
mod mails;
mod matches;
pub mod occupations;
mod public;
pub mod store;
mod views;

use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;

use crate::web::routes::Routes;

pub fn router(max_body: usize, max_upload: usize) -> Routes {
    let public = Routes::new()
        .route("/jobs/new", get(public::show).post(public::submit))
        .route("/jobs/thanks", get(public::thanks))
        .route("/jobs", get(listings::jobs))
        .route("/homes", get(listings::homes))
        .layer(RequestBodyLimitLayer::new(max_body));
    let sheets = |kind, paths| import_pages::routes(kind, paths, max_upload);
    Routes::new()
        .merge(public)
        .merge(sheets(
            import::Kind::Vacancies,
            [
                "/vacancies/import",
                "/vacancies/import/{id}",
                "/vacancies/import/{id}/check",
                "/vacancies/import/{id}/run",
                "/vacancies/import/{id}/discard",
            ],
        ))
        .merge(sheets(
            import::Kind::Homes,
            [
                "/housing/import",
                "/housing/import/{id}",
                "/housing/import/{id}/check",
                "/housing/import/{id}/run",
                "/housing/import/{id}/discard",
            ],
        ))
        .route("/vacancies", get(handlers::vacancies))
        .route("/vacancies/listings", post(listings::set))
        .route(
            "/vacancies/new",
            get(handlers::vacancy_new_form).post(handlers::vacancy_create),
        )
        .route(
            "/vacancies/{id}",
            get(handlers::vacancy).post(handlers::vacancy_update),
        )
        .route("/vacancies/{id}/publish", post(handlers::publish))
        .route("/vacancies/{id}/decline", post(handlers::decline))
        .route("/vacancies/{id}/withdraw", post(handlers::withdraw))
        .route("/housing", get(handlers::homes))
        .route(
            "/housing/new",
            get(handlers::home_new_form).post(handlers::home_create),
        )
        .route(
            "/housing/{id}",
            get(handlers::home).post(handlers::home_update),
        )
        .route("/housing/{id}/close", post(handlers::home_close))
        .route("/housing/{id}/open", post(handlers::home_open))
        .route(
            "/leads/{id}/matches",
            get(matches::show).post(matches::send),
        )
}
