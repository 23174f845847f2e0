//! Mailings to movers (news and invitations): a guide writes to its municipality's movers,
//! a coordinator to the region's without seeing who they are; a segment, a text per
//! language, a preview and a test to oneself, then sent now or at a time. Only movers who
//! gave the news consent and have not withdrawn it are reached (`segment`); the sending job
//! queues them through the outbox a batch at a time, each address once (`send`); each mail
//! carries a one-click unsubscribe (`unsubscribe`).

mod forms;
mod handlers;
pub mod segment;
pub mod send;
pub mod store;
mod unsubscribe;
mod views;

use axum::routing::{get, post};
use tokio::sync::Notify;

use crate::state::AppState;
use crate::web::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .route("/mailings", get(handlers::index).post(handlers::create))
        .route("/mailings/new", get(handlers::new_form))
        .route("/mailings/{id}", get(handlers::show))
        .route(
            "/mailings/{id}/edit",
            get(handlers::edit_form).post(handlers::update),
        )
        .route("/mailings/{id}/test", post(handlers::test))
        .route("/mailings/{id}/send", post(handlers::send))
        .route("/mailings/{id}/stop", post(handlers::stop))
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe::page).post(unsubscribe::submit),
        )
}

/// Wakes this instance's sending job (a mailing was just sent off; `jobs` waits on it).
#[derive(Default)]
pub struct Wake(pub Notify);

pub fn wake(state: &AppState) {
    state.kept.get::<Wake>().0.notify_one();
}
