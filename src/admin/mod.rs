//! Administration: staff users (list, invite by mail, roles, deactivation) and the mail
//! outbox (what is waiting, what failed and why). Admins only; the guard is in each
//! handler's signature (`AdminCtx`).

mod forms;
mod handlers;
mod views;

use axum::routing::{get, post};

use crate::web::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .route("/admin/users", get(handlers::index))
        .route(
            "/admin/users/invite",
            get(handlers::invite_form).post(handlers::invite),
        )
        .route(
            "/admin/users/{id}",
            get(handlers::edit_form).post(handlers::update),
        )
        .route("/admin/users/{id}/reinvite", post(handlers::reinvite))
        .route("/admin/outbox", get(handlers::outbox))
        .route("/admin/outbox/{id}/retry", post(handlers::retry))
}
