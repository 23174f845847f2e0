//! Lead management: the guide's daily work. Prospects (households) and their leads, one per
//! municipality; the timeline of contacts, follow-ups, status and outcome; the regional pool,
//! referrals, duplicates and merging. Guides only, each within its own municipality (plus
//! reading the pool): every query takes the `Scope` of `GuideCtx`.

mod changes;
pub mod derived;
pub mod forms;
mod handlers;
mod merging;
pub mod queries;
mod records;
mod search;
mod views;

pub use changes::{
    fill_blanks, insert_lead, insert_prospect, insert_prospect_at, insert_timeline, NewLead,
};
pub use handlers::own as own_lead;
pub use handlers::to_filter as list_filter;
pub use records::own_copy;

use axum::routing::{get, post};

use crate::web::routes::Routes;

pub fn router() -> Routes {
    Routes::new()
        .route("/leads", get(handlers::index))
        .route("/leads/pool", get(handlers::pool))
        .route("/leads/new", get(handlers::new_form).post(handlers::create))
        .route("/leads/{id}", get(handlers::show))
        .route(
            "/leads/{id}/edit",
            get(handlers::edit_form).post(handlers::update),
        )
        .route("/leads/{id}/activities", post(handlers::add_activity))
        .route("/leads/{id}/follow-ups", post(handlers::add_follow_up))
        .route(
            "/leads/{id}/follow-ups/{fid}/done",
            post(handlers::complete_follow_up),
        )
        .route(
            "/leads/{id}/follow-ups/{fid}/stay",
            post(handlers::answer_stay),
        )
        .route("/leads/{id}/status", post(handlers::change_status))
        .route("/leads/{id}/refer", post(handlers::refer))
        .route("/leads/{id}/take", post(handlers::take))
        .route(
            "/leads/{id}/merge",
            get(merging::search).post(merging::merge),
        )
        .route("/leads/{id}/merge/{other}", get(merging::preview))
}
