//! The start page `/`: one section for each role the signed-in user holds. A guide sees its
//! follow-ups due today and overdue, the leads that came in since its last visit, and the
//! size of the regional pool.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Duration, Utc};
use maud::{html, Markup};

use crate::entities::follow_up;
use crate::error::AppResult;
use crate::i18n::t_args;
use crate::leads::queries::{self, LeadRecord};
use crate::state::AppState;
use crate::web::ctx::SignedIn;
use crate::web::format::{local_time, today};
use crate::web::routes::Routes;
use crate::web::{layout, Ctx};

pub fn router() -> Routes {
    Routes::new().route("/", get(index))
}

struct GuideDay {
    agenda: queries::Agenda,
    new_leads: Vec<LeadRecord>,
    pool: u64,
    erasures: Vec<(i64, chrono::DateTime<Utc>, String)>,
    retention_soon: usize,
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
            let me = crate::accounts::find(&state.db, user.id).await?;
            let since = me
                .and_then(|u| u.previous_login_at)
                .unwrap_or_else(|| Utc::now() - Duration::days(7));
            let day = GuideDay {
                agenda: queries::agenda(&state.db, &scope, today()).await?,
                new_leads: queries::new_since(&state.db, &scope, since).await?,
                pool: queries::pool_count(&state.db, &scope).await?,
                erasures: queries::recent_erasures(
                    &state.db,
                    &scope,
                    Utc::now() - Duration::days(30),
                )
                .await?,
                retention_soon: crate::privacy::retention::coming(
                    &state.db,
                    &scope,
                    &state.config.retention,
                )
                .await?
                .len(),
            };
            crate::audit::record(&state.db, Some(user.id), "start_page_viewed", None, None).await?;
            Some(day)
        }
        None => None,
    };
    Ok(view(&ctx, failed, guide.as_ref()).into_response())
}

fn due_item(ctx: &Ctx, f: &follow_up::Model, name: &str) -> Markup {
    html! {
        time datetime=(f.due_on) { (f.due_on) } " – "
        a href={ "/leads/" (f.lead_id) "#h-follow-ups" } { bdi { (name) } } ": " (crate::domain::follow_up_title(ctx.lang, f))
    }
}

fn guide_section(ctx: &Ctx, day: &GuideDay) -> Markup {
    let a = &day.agenda;
    html! {
        section aria-labelledby="sec-today" {
            h2 #sec-today { (ctx.t("home-today-title")) }
            @if a.today.is_empty() { p { (ctx.t("home-today-none")) } }
            @else {
                ul.follow-ups { @for (f, name) in &a.today { li { (due_item(ctx, f, name)) } } }
                @if a.today_total > a.today.len() as u64 {
                    p { (t_args(ctx.lang, "home-more", &[("shown", a.today.len().into()), ("count", a.today_total.into())])) }
                }
            }
        }
        @if a.overdue_total > 0 {
            section aria-labelledby="sec-overdue" {
                h2 #sec-overdue { (t_args(ctx.lang, "home-overdue-title", &[("count", a.overdue_total.into())])) }
                ul.follow-ups { @for (f, name) in &a.overdue {
                    li.overdue {
                        (due_item(ctx, f, name))
                        " (" strong { (ctx.t("follow-up-overdue")) } ")"
                    }
                } }
                @if a.overdue_total > a.overdue.len() as u64 {
                    p { (t_args(ctx.lang, "home-more", &[("shown", a.overdue.len().into()), ("count", a.overdue_total.into())])) }
                }
                p { a href="/leads?overdue=on&sort=updated_asc" { (t_args(ctx.lang, "home-overdue-all", &[("count", a.overdue_total.into())])) } }
            }
        }
        section aria-labelledby="sec-new" {
            h2 #sec-new { (ctx.t("home-new-title")) }
            @if day.new_leads.is_empty() { p { (ctx.t("home-new-none")) } }
            @else {
                ul { @for r in &day.new_leads {
                    li { a href={ "/leads/" (r.lead.id) } { bdi { (crate::domain::full_name(&r.prospect)) } } " · " (local_time(&r.lead.created_at)) }
                } }
            }
        }
        p { a href="/leads/pool" { (t_args(ctx.lang, "pool-link", &[("count", day.pool.into())])) } }
        @if day.retention_soon > 0 {
            p { a href="/leads/retention" { (t_args(ctx.lang, "home-retention-soon", &[("count", day.retention_soon.into())])) } }
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
                    }
                }
            }
        },
    )
}
