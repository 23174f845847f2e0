//! Authentication: sign-in and sign-out, sessions, passwords, one-time links (first-start
//! setup, invitations, password reset), CSRF, sign-in throttling and the second factor
//! (`two_factor`). Public routes: anyone
//! may reach them; what they do is limited by the token or the password they carry.

pub mod forms;
mod handlers;
pub mod password;
pub mod setup;
pub mod throttle;
pub mod tokens;
pub mod two_factor;
mod views;

use axum::routing::{get, post};

use crate::web::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .route("/login", get(handlers::login_form).post(handlers::login))
        .route("/logout", post(handlers::logout))
        .route(
            "/setup/{token}",
            get(handlers::setup_form).post(handlers::setup),
        )
        .route(
            "/invite/{token}",
            get(handlers::invite_form).post(handlers::invite_accept),
        )
        .route(
            "/password/forgot",
            get(handlers::forgot_form).post(handlers::forgot),
        )
        .route(
            "/password/reset/{token}",
            get(handlers::reset_form).post(handlers::reset),
        )
        .merge(two_factor::router())
}
