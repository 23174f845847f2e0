//! Campaigns and events: fairs, digital campaigns, visiting weekends — what brings leads in.
//! Guides create them for their municipality or the region; coordinators for any. They hold
//! no personal data: an event page shows counts only.

mod capture;
mod handlers;

use axum::routing::get;

use crate::web::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .route("/events", get(handlers::index).post(handlers::create))
        .route("/events/{id}", get(handlers::show))
        .route(
            "/events/{id}/capture",
            get(capture::form).post(capture::capture),
        )
        .route("/events/{id}/qr.svg", get(capture::qr))
}
