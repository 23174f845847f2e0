//! `/follow-ups`: all of a guide's open follow-ups, by when they are due (today, overdue,
//! the coming week, later), paged, each done in one click.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::due;
use crate::error::AppResult;
use crate::i18n::t_args;
use crate::leads::queries::{self, Age, Due};
use crate::state::AppState;
use crate::web::ctx::GuideCtx;
use crate::web::format::today;
use crate::web::layout;

const PER_PAGE: u64 = 50;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FollowUpsQuery {
    when: String,
    age: String,
    page: String,
}

impl FollowUpsQuery {
    fn due(&self) -> Due {
        match self.when.as_str() {
            "overdue" => Due::Overdue(Age::parse(&self.age)),
            "week" => Due::Week,
            "later" => Due::Later,
            _ => Due::Today,
        }
    }
}

fn href(due: Due, page: u64) -> String {
    let mut h = format!("/follow-ups?when={}", due.as_str());
    if let Due::Overdue(Some(age)) = due {
        h.push_str(&format!("&age={}", age.as_str()));
    }
    if page > 0 {
        h.push_str(&format!("&page={page}"));
    }
    h
}

pub async fn page(
    State(state): State<AppState>,
    g: GuideCtx,
    Query(q): Query<FollowUpsQuery>,
) -> AppResult<Response> {
    let scope = g.scope();
    let ctx = &g.0;
    let day = today();
    let chosen = q.due();
    let tabs = [Due::Today, Due::Overdue(None), Due::Week, Due::Later];
    let mut counts = Vec::new();
    for d in tabs {
        counts.push((d, queries::due_count(&state.db, &scope, d, day).await?));
    }
    let total = queries::due_count(&state.db, &scope, chosen, day).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = q.page.parse::<u64>().unwrap_or(0).min(pages - 1);
    let items = queries::due_page(&state.db, &scope, chosen, day, (page, PER_PAGE)).await?;
    state
        .audit
        .record(Some(scope.user_id()), "follow_ups_viewed", None, None)
        .await?;
    let here = href(chosen, page);
    let heading = match chosen {
        Due::Overdue(Some(age)) => t_args(
            ctx.lang,
            &format!("due-age-{}", age.as_str()),
            &[("count", total.into())],
        ),
        d => t_args(
            ctx.lang,
            &format!("due-{}", d.as_str()),
            &[("count", total.into())],
        ),
    };
    let body = html! {
        nav.tabs aria-label=(ctx.t("follow-ups-when")) {
            ul { @for (d, n) in &counts {
                li { a href=(href(*d, 0)) aria-current=[(d.as_str() == chosen.as_str()).then_some("page")] {
                    (t_args(ctx.lang, &format!("due-{}", d.as_str()), &[("count", (*n).into())]))
                } }
            } }
        }
        section aria-labelledby="h-due-list" {
            h2 #h-due-list { (heading) }
            @if items.is_empty() { p { (ctx.t("follow-ups-none-here")) } }
            @else { (due::list(ctx, &items, &here, "h-due-list")) }
            @if pages > 1 {
                nav.pager aria-label=(ctx.t("pager-label")) {
                    @if page > 0 { a rel="prev" href=(href(chosen, page - 1)) { (ctx.t("pager-prev")) } }
                    span { (t_args(ctx.lang, "pager-position", &[("page", (page + 1).into()), ("pages", pages.into())])) }
                    @if page + 1 < pages { a rel="next" href=(href(chosen, page + 1)) { (ctx.t("pager-next")) } }
                }
            }
        }
    };
    Ok(layout::page(ctx, &ctx.t("follow-ups-page-title"), body).into_response())
}
