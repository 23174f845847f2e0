//! The start page `/`: one section for each role the signed-in user holds.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};

use crate::app::AppState;
use crate::error::AppResult;
use crate::web::ctx::SignedIn;
use crate::web::{layout, Ctx};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(index))
}

async fn index(State(state): State<AppState>, SignedIn(ctx): SignedIn) -> AppResult<Response> {
    let failed = if ctx.user()?.roles.admin {
        crate::admin::outbox::failed_count(&state.db).await?
    } else {
        0
    };
    Ok(view(&ctx, failed).into_response())
}

fn view(ctx: &Ctx, failed_mails: u64) -> Markup {
    let Some(u) = &ctx.user else {
        return html! {};
    };
    layout::page(
        ctx,
        &ctx.t("home-title"),
        html! {
            p { (crate::i18n::t_args(ctx.lang, "home-welcome", &[("name", u.name.clone().into())])) }
            @if u.roles.guide {
                section aria-labelledby="sec-guide" {
                    h2 #sec-guide { (ctx.t("home-guide-title")) }
                    @if let Some(m) = &u.municipality {
                        p { (ctx.t("home-guide-municipality")) " " strong { (m.name) } }
                    }
                }
            }
            @if u.roles.coordinator {
                section aria-labelledby="sec-coordinator" {
                    h2 #sec-coordinator { (ctx.t("home-coordinator-title")) }
                    p { (ctx.t("home-coordinator-text")) }
                }
            }
            @if u.roles.admin {
                section aria-labelledby="sec-admin" {
                    h2 #sec-admin { (ctx.t("home-admin-title")) }
                    @if failed_mails > 0 {
                        p.warning { a href="/admin/outbox" { (crate::i18n::t_args(ctx.lang, "home-admin-failed-mail", &[("count", failed_mails.into())])) } }
                    }
                    ul {
                        li { a href="/admin/users" { (ctx.t("nav-users")) } }
                        li { a href="/admin/users/invite" { (ctx.t("users-invite")) } }
                        li { a href="/admin/outbox" { (ctx.t("nav-outbox")) } }
                    }
                }
            }
        },
    )
}
