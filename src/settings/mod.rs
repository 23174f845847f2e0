//! A user's own settings: for a guide, the daily reminder mail on or off and the private
//! calendar feed (an iCalendar URL with a random token; renewing it revokes the old one).
//! The feed holds the guide's open follow-ups: their titles and a link, no mover's name.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use chrono::Utc;
use icalendar::{Calendar, Component, Event, EventLike};
use maud::{html, Markup};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use crate::crypto::{hash, random_token};
use crate::entities::{follow_up, lead, prospect, user};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::scope::Scope;
use crate::state::AppState;
use crate::web::components::{checkbox, post_form};
use crate::web::ctx::{GuideCtx, SignedIn};
use crate::web::routes::Routes;
use crate::web::{layout, Ctx};

pub fn router() -> Routes {
    Routes::new()
        .route("/settings", get(show).post(save))
        .route("/settings/calendar", post(renew_calendar))
        .route("/calendar/{token}", get(feed))
}

fn page(ctx: &Ctx, reminders: bool, has_calendar: bool, new_link: Option<&str>) -> Markup {
    let guide = ctx.guide_scope().is_some();
    layout::page(
        ctx,
        &ctx.t("settings-title"),
        html! {
            @if guide {
                h2 { (ctx.t("settings-reminders-title")) }
                (post_form(ctx, "/settings", "stack", html! {
                    (checkbox(ctx, "reminders", "settings-reminders", reminders))
                    button type="submit" { (ctx.t("save")) }
                }))
                h2 { (ctx.t("settings-calendar-title")) }
                p { (ctx.t("settings-calendar-intro")) }
                @if let Some(link) = new_link {
                    div.notice role="status" {
                        p { (ctx.t("settings-calendar-new")) }
                        p { code.copyable { (link) } }
                    }
                } @else if has_calendar {
                    p { (ctx.t("settings-calendar-exists")) }
                }
                (post_form(ctx, "/settings/calendar", "stack", html! {
                    button type="submit" { (ctx.t(if has_calendar { "settings-calendar-renew" } else { "settings-calendar-create" })) }
                }))
            }
            h2 { (ctx.t("settings-two-factor-title")) }
            p { a href="/settings/two-factor" { (ctx.t("settings-two-factor-link")) } }
        },
    )
}

async fn me(state: &AppState, ctx: &Ctx) -> AppResult<user::Model> {
    let id = ctx.user()?.id;
    crate::accounts::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn show(State(state): State<AppState>, SignedIn(ctx): SignedIn) -> AppResult<Response> {
    let u = me(&state, &ctx).await?;
    Ok(page(
        &ctx,
        u.reminders_enabled,
        u.calendar_token_hash.is_some(),
        None,
    )
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SettingsForm {
    reminders: Option<String>,
}

async fn save(
    State(state): State<AppState>,
    g: GuideCtx,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    user::Entity::update_many()
        .col_expr(
            user::Column::RemindersEnabled,
            Expr::value(form.reminders.is_some()),
        )
        .filter(user::Column::Id.eq(g.scope().user_id()))
        .exec(&state.db)
        .await?;
    Ctx::flash(&g.0.session, "saved").await?;
    Ok(Redirect::to("/settings").into_response())
}

/// A new feed URL; the old one stops working at once. Shown once: only its hash is kept.
async fn renew_calendar(State(state): State<AppState>, g: GuideCtx) -> AppResult<Response> {
    let token = random_token();
    user::Entity::update_many()
        .col_expr(user::Column::CalendarTokenHash, Expr::value(hash(&token)))
        .filter(user::Column::Id.eq(g.scope().user_id()))
        .exec(&state.db)
        .await?;
    state
        .audit
        .record(
            Some(g.scope().user_id()),
            "calendar_link_renewed",
            None,
            None,
        )
        .await?;
    let u = me(&state, &g.0).await?;
    let link = state.config.link(&format!("/calendar/{token}.ics"));
    Ok(page(&g.0, u.reminders_enabled, true, Some(&link)).into_response())
}

/// The feed: public URL, the token is the key. A renewed (revoked) or unknown token is 404.
async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> AppResult<Response> {
    let token = token.trim_end_matches(".ics");
    if token.len() != 32 {
        return Err(AppError::NotFound);
    }
    let owner = user::Entity::find()
        .filter(user::Column::CalendarTokenHash.eq(hash(token)))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::IsGuide.eq(true))
        .one(&state.db)
        .await?;
    let Some((u, scope)) = owner.and_then(|u| Scope::of_account(&u).map(|s| (u, s))) else {
        return Err(AppError::NotFound);
    };
    let lang = Lang::parse(&u.locale).unwrap_or(Lang::Sv);
    let open = follow_up::Entity::find()
        .inner_join(lead::Entity)
        .filter(scope.own_leads())
        .filter(follow_up::Column::DoneAt.is_null())
        .order_by_asc(follow_up::Column::DueOn)
        .all(&state.db)
        .await?;
    // Follow-ups of anonymised prospects are left out (their titles are gone anyway).
    let living: Vec<i64> = lead::Entity::find()
        .inner_join(prospect::Entity)
        .filter(scope.own_leads())
        .filter(prospect::Column::AnonymisedAt.is_null())
        .filter(lead::Column::Id.is_in(open.iter().map(|f| f.lead_id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let host = state
        .config
        .base_url
        .host_str()
        .unwrap_or("lotsbok")
        .to_string();
    let mut cal = Calendar::new();
    cal.name(&crate::i18n::t(lang, "calendar-name"));
    for f in open.iter().filter(|f| living.contains(&f.lead_id)) {
        let link = state.config.link(&format!("/leads/{}", f.lead_id));
        cal.push(
            Event::new()
                .uid(&format!("follow-up-{}@{host}", f.id))
                .summary(&crate::domain::follow_up_title(lang, f))
                .all_day(f.due_on)
                .description(&link)
                .add_property("URL", &link)
                .timestamp(Utc::now())
                .done(),
        );
    }
    let body = cal.done().to_string();
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}
