//! The start page `/` and the follow-ups page `/follow-ups`: a guide's work queue. The
//! start page has one section for each role the signed-in user holds; a guide's begins with
//! the follow-ups due today, then the overdue ones by age, then the leads that came in since
//! its last visit. Every shortened list says how many there are and links to all of them.

mod due;
mod follow_ups;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Duration, Utc};
use maud::{html, Markup};

use crate::entities::follow_up;
use crate::error::AppResult;
use crate::i18n::t_args;
use crate::leads::queries::{self, Age, Due, LeadRecord};
use crate::scope::Scope;
use crate::state::AppState;
use crate::web::ctx::SignedIn;
use crate::web::format::{local_time, today};
use crate::web::routes::Routes;
use crate::web::{layout, Ctx};

pub fn router() -> Routes {
    Routes::new()
        .route("/", get(index))
        .route("/follow-ups", get(follow_ups::page))
}

/// How many of each list the start page shows before "show all".
const TODAY_SHOWN: u64 = 20;
const OVERDUE_SHOWN: u64 = 5;
const NEW_SHOWN: u64 = 10;

/// Some of a list and how many there are in all.
struct Part<T> {
    shown: Vec<T>,
    total: u64,
}

struct GuideDay {
    today: Part<(follow_up::Model, String)>,
    overdue: Vec<(Age, Part<(follow_up::Model, String)>)>,
    new_leads: Part<LeadRecord>,
    since: chrono::DateTime<Utc>,
    pool: u64,
    erasures: Vec<(i64, chrono::DateTime<Utc>, String)>,
    retention_soon: usize,
}

async fn due_part(
    state: &AppState,
    scope: &Scope,
    due: Due,
    shown: u64,
) -> AppResult<Part<(follow_up::Model, String)>> {
    let day = today();
    Ok(Part {
        shown: queries::due_page(&state.db, scope, due, day, (0, shown)).await?,
        total: queries::due_count(&state.db, scope, due, day).await?,
    })
}

async fn guide_day(state: &AppState, ctx: &Ctx, scope: &Scope) -> AppResult<GuideDay> {
    let user = ctx.user()?;
    let me = crate::accounts::find(&state.db, user.id).await?;
    let since = me
        .and_then(|u| u.previous_login_at)
        .unwrap_or_else(|| Utc::now() - Duration::days(7));
    let mut overdue = Vec::new();
    for age in Age::ALL {
        let part = due_part(state, scope, Due::Overdue(Some(age)), OVERDUE_SHOWN).await?;
        if part.total > 0 {
            overdue.push((age, part));
        }
    }
    let (new_leads, new_total) = queries::new_since(&state.db, scope, since, NEW_SHOWN).await?;
    Ok(GuideDay {
        today: due_part(state, scope, Due::Today, TODAY_SHOWN).await?,
        overdue,
        new_leads: Part {
            shown: new_leads,
            total: new_total,
        },
        since,
        pool: queries::pool_count(&state.db, scope).await?,
        erasures: queries::recent_erasures(&state.db, scope, Utc::now() - Duration::days(30))
            .await?,
        retention_soon: crate::privacy::retention::coming(
            &state.db,
            scope,
            &state.config.retention,
        )
        .await?
        .len(),
    })
}

async fn index(State(state): State<AppState>, SignedIn(ctx): SignedIn) -> AppResult<Response> {
    let user = ctx.user()?;
    let failed = if user.roles.admin {
        crate::mail::outbox::failed_count(&state.db).await?
    } else {
        0
    };
    let guide = match ctx.guide_scope() {
        Some(scope) => {
            let day = guide_day(&state, &ctx, &scope).await?;
            state
                .audit
                .record(Some(user.id), "start_page_viewed", None, None)
                .await?;
            Some(day)
        }
        None => None,
    };
    Ok(view(&ctx, failed, guide.as_ref()).into_response())
}

/// "Show all N" under a list that shows fewer than it has.
fn show_all(ctx: &Ctx, shown: usize, total: u64, href: &str) -> Markup {
    html! {
        @if total > shown as u64 {
            p.more {
                (t_args(ctx.lang, "home-more", &[("shown", shown.into()), ("count", total.into())])) " "
                a href=(href) { (t_args(ctx.lang, "home-show-all", &[("count", total.into())])) }
            }
        }
    }
}

fn today_section(ctx: &Ctx, day: &GuideDay) -> Markup {
    let t = &day.today;
    html! {
        section aria-labelledby="sec-today" {
            h2 #sec-today { (t_args(ctx.lang, "home-today-title", &[("count", t.total.into())])) }
            @if t.shown.is_empty() { p { (ctx.t("home-today-none")) } }
            @else { (due::list(ctx, &t.shown, "/", "sec-today")) }
            (show_all(ctx, t.shown.len(), t.total, "/follow-ups?when=today"))
        }
    }
}

fn overdue_section(ctx: &Ctx, day: &GuideDay) -> Markup {
    let total: u64 = day.overdue.iter().map(|(_, p)| p.total).sum();
    html! {
        @if total > 0 {
            section aria-labelledby="sec-overdue" {
                h2 #sec-overdue { (t_args(ctx.lang, "home-overdue-title", &[("count", total.into())])) }
                @for (age, part) in &day.overdue {
                    @let id = format!("sec-overdue-{}", age.as_str());
                    h3 id=(id) { (t_args(ctx.lang, &format!("due-age-{}", age.as_str()), &[("count", part.total.into())])) }
                    (due::list(ctx, &part.shown, "/", &id))
                    (show_all(ctx, part.shown.len(), part.total, &format!("/follow-ups?when=overdue&age={}", age.as_str())))
                }
                p { a href="/follow-ups?when=overdue" { (t_args(ctx.lang, "home-overdue-all", &[("count", total.into())])) } }
            }
        }
    }
}

fn new_section(ctx: &Ctx, day: &GuideDay) -> Markup {
    let n = &day.new_leads;
    let since = crate::web::format::local_date(&day.since);
    html! {
        section aria-labelledby="sec-new" {
            h2 #sec-new { (t_args(ctx.lang, "home-new-title", &[("count", n.total.into())])) }
            @if n.shown.is_empty() { p { (ctx.t("home-new-none")) } }
            @else {
                ul { @for r in &n.shown {
                    li { a href={ "/leads/" (r.lead.id) } { bdi { (crate::domain::full_name(&r.prospect)) } } " · " (local_time(&r.lead.created_at)) }
                } }
            }
            (show_all(ctx, n.shown.len(), n.total, &format!("/leads?created_from={since}&sort=created_desc")))
        }
    }
}

fn guide_section(ctx: &Ctx, day: &GuideDay) -> Markup {
    html! {
        (today_section(ctx, day))
        (overdue_section(ctx, day))
        (new_section(ctx, day))
        ul.actions {
            li { a href="/follow-ups?when=week" { (ctx.t("home-follow-ups-all")) } }
            li { a href="/leads/pool" { (t_args(ctx.lang, "pool-link", &[("count", day.pool.into())])) } }
            @if day.retention_soon > 0 {
                li { a href="/leads/retention" { (t_args(ctx.lang, "home-retention-soon", &[("count", day.retention_soon.into())])) } }
            }
        }
        @if !day.erasures.is_empty() {
            section aria-labelledby="sec-erasures" {
                h2 #sec-erasures { (ctx.t("home-erasures-title")) }
                ul { @for (lead_id, at, why) in &day.erasures {
                    li { (t_args(ctx.lang, "home-erasure", &[("id", (*lead_id).into()), ("date", local_time(at).into())])) " – " (ctx.t(&format!("timeline-erasure-{why}"))) }
                } }
            }
        }
    }
}

fn view(ctx: &Ctx, failed_mails: u64, guide: Option<&GuideDay>) -> Markup {
    let Some(u) = &ctx.user else {
        return html! {};
    };
    layout::page(
        ctx,
        &ctx.t("home-title"),
        html! {
            p { (t_args(ctx.lang, "home-welcome", &[("name", u.name.clone().into())])) }
            @if let (Some(m), Some(day)) = (&u.municipality, guide) {
                p { (ctx.t("home-guide-municipality")) " " strong { (m.name) } }
                (guide_section(ctx, day))
            }
            @if u.roles.coordinator {
                section aria-labelledby="sec-coordinator" {
                    h2 #sec-coordinator { (ctx.t("home-coordinator-title")) }
                    p { (ctx.t("home-coordinator-text")) }
                    ul {
                        li { a href="/reports" { (ctx.t("nav-reports")) } }
                        li { a href="/events" { (ctx.t("nav-events")) } }
                    }
                }
            }
            @if u.roles.admin {
                section aria-labelledby="sec-admin" {
                    h2 #sec-admin { (ctx.t("home-admin-title")) }
                    @if failed_mails > 0 {
                        p.warning { a href="/admin/outbox" { (t_args(ctx.lang, "home-admin-failed-mail", &[("count", failed_mails.into())])) } }
                    }
                    ul {
                        li { a href="/admin/users" { (ctx.t("nav-users")) } }
                        li { a href="/admin/users/invite" { (ctx.t("users-invite")) } }
                        li { a href="/admin/outbox" { (ctx.t("nav-outbox")) } }
                        li { a href="/admin/two-factor" { (ctx.t("two-factor-rule-title")) } }
                    }
                }
            }
        },
    )
}
