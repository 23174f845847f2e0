//! The event list with its form, and an event's page.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use maud::{html, Markup};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Deserialize;

use crate::domain::parse_date;
use crate::domain::{CampaignKind, Status};
use crate::entities::{campaign, lead, municipality};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::components::{coded_options, error_summary, field, post_form, select, Input};
use crate::web::ctx::StaffCtx;
use crate::web::{layout, Ctx, FieldErrors};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventForm {
    name: String,
    kind: String,
    starts_on: String,
    ends_on: String,
    /// A municipality id, or empty for regional.
    municipality: String,
}

/// Municipalities this user may create events for: a guide its own, a coordinator any.
fn allowed_municipalities(ctx: &Ctx, all: &[municipality::Model]) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), ctx.t("event-regional"))];
    let Some(u) = &ctx.user else { return out };
    out.extend(
        all.iter()
            .filter(|m| {
                u.roles.coordinator || u.municipality.as_ref().is_some_and(|um| um.id == m.id)
            })
            .map(|m| (m.id.to_string(), m.name.clone())),
    );
    out
}

fn page(
    ctx: &Ctx,
    list: &[campaign::Model],
    all: &[municipality::Model],
    form: &EventForm,
    e: &FieldErrors,
) -> Markup {
    let kinds = coded_options(
        ctx,
        Some("choose"),
        CampaignKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), k.key())),
    );
    let munis = allowed_municipalities(ctx, all);
    let name_of = |id: Option<i64>| {
        id.and_then(|i| all.iter().find(|m| m.id == i))
            .map(|m| m.name.clone())
            .unwrap_or_else(|| ctx.t("event-regional"))
    };
    layout::page(
        ctx,
        &ctx.t("events-title"),
        html! {
            @if list.is_empty() { p { (ctx.t("events-none")) } } @else {
                div.table-wrap { table {
                    caption.visually-hidden { (ctx.t("events-title")) }
                    thead { tr {
                        th scope="col" { (ctx.t("field-name")) }
                        th scope="col" { (ctx.t("field-event-kind")) }
                        th scope="col" { (ctx.t("field-starts-on")) }
                        th scope="col" { (ctx.t("field-ends-on")) }
                        th scope="col" { (ctx.t("field-municipality")) }
                    } }
                    tbody { @for c in list { tr {
                        td { a href={ "/events/" (c.id) } { (c.name) } }
                        td { (ctx.t(&c.kind.key())) }
                        td { (c.starts_on.map(|d| d.to_string()).unwrap_or_default()) }
                        td { (c.ends_on.map(|d| d.to_string()).unwrap_or_default()) }
                        td { (name_of(c.municipality_id)) }
                    } } }
                } }
            }
            h2 #new-event { (ctx.t("event-new-title")) }
            (error_summary(ctx, e))
            (post_form(ctx, "/events", "stack", html! {
                (field(ctx, "name", "field-name", &form.name, e, Input { required: true, ..Input::default() }))
                (select(ctx, "kind", "field-event-kind", &kinds, &form.kind, e))
                (field(ctx, "starts_on", "field-starts-on", &form.starts_on, e, Input { kind: "date", ..Input::default() }))
                (field(ctx, "ends_on", "field-ends-on", &form.ends_on, e, Input { kind: "date", ..Input::default() }))
                (select(ctx, "municipality", "field-municipality", &munis, &form.municipality, e))
                button type="submit" { (ctx.t("event-create")) }
            }))
        },
    )
}

async fn visible_events(state: &AppState, ctx: &Ctx) -> AppResult<Vec<campaign::Model>> {
    let mut q = campaign::Entity::find();
    // A coordinator sees every campaign; a guide its municipality's and the regional ones.
    let coordinator = ctx.user.as_ref().is_some_and(|u| u.roles.coordinator);
    if let Some(scope) = ctx.guide_scope().filter(|_| !coordinator) {
        q = q.filter(scope.visible(campaign::Column::MunicipalityId));
    }
    Ok(q.order_by_desc(campaign::Column::StartsOn)
        .order_by_desc(campaign::Column::Id)
        .limit(500)
        .all(&state.db)
        .await?)
}

pub async fn index(State(state): State<AppState>, StaffCtx(ctx): StaffCtx) -> AppResult<Response> {
    let list = visible_events(&state, &ctx).await?;
    let all = crate::accounts::list_municipalities(&state.db).await?;
    Ok(page(
        &ctx,
        &list,
        &all,
        &EventForm::default(),
        &FieldErrors::default(),
    )
    .into_response())
}

pub async fn create(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Form(form): Form<EventForm>,
) -> AppResult<Response> {
    let all = crate::accounts::list_municipalities(&state.db).await?;
    let mut e = FieldErrors::default();
    if form.name.trim().is_empty() {
        e.add("name", "err-name-required");
    } else if form.name.trim().chars().count() > 200 {
        e.add("name", "err-too-long");
    }
    let kind = CampaignKind::parse(&form.kind);
    if kind.is_none() {
        e.add("kind", "err-event-kind-required");
    }
    let date = |s: &str, f: &'static str, e: &mut FieldErrors| {
        if s.trim().is_empty() {
            None
        } else {
            let d = parse_date(s);
            if d.is_none() {
                e.add(f, "err-date-invalid");
            }
            d
        }
    };
    let starts = date(&form.starts_on, "starts_on", &mut e);
    let ends = date(&form.ends_on, "ends_on", &mut e);
    if let (Some(s), Some(t)) = (starts, ends) {
        if t < s {
            e.add("ends_on", "err-ends-before-start");
        }
    }
    let allowed = allowed_municipalities(&ctx, &all);
    if !allowed.iter().any(|(id, _)| *id == form.municipality) {
        e.add("municipality", "err-municipality-required");
    }
    if !e.is_empty() {
        let list = visible_events(&state, &ctx).await?;
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&ctx, &list, &all, &form, &e),
        )
            .into_response());
    }
    let row = campaign::ActiveModel {
        name: Set(form.name.trim().to_string()),
        // Checked above: a form without a kind came back with its message.
        kind: Set(kind.unwrap_or(CampaignKind::Other)),
        starts_on: Set(starts),
        ends_on: Set(ends),
        municipality_id: Set(form.municipality.parse().ok()),
        created_by: Set(ctx.user.as_ref().map(|u| u.id.0)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    state.reference.changed();
    Ctx::flash(&ctx.session, "event-created").await?;
    Ok(Redirect::to(&format!("/events/{}", row.id)).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let list = visible_events(&state, &ctx).await?;
    let Some(c) = list.into_iter().find(|c| c.id == id) else {
        return Err(AppError::NotFound);
    };
    // Counts only: how many leads came through the event, and how many of them moved in.
    let leads = lead::Entity::find()
        .filter(lead::Column::CampaignId.eq(id))
        .count(&state.db)
        .await?;
    let moved: Option<i64> = lead::Entity::find()
        .select_only()
        .column_as(Expr::col(lead::Column::Id).count(), "n")
        .filter(lead::Column::CampaignId.eq(id))
        .filter(lead::Column::Status.eq(Status::MovedIn.as_str()))
        .into_tuple()
        .one(&state.db)
        .await?;
    let body = html! {
        dl {
            dt { (ctx.t("field-event-kind")) } dd { (ctx.t(&c.kind.key())) }
            dt { (ctx.t("field-starts-on")) } dd { (c.starts_on.map(|d| d.to_string()).unwrap_or_else(|| "–".into())) }
            dt { (ctx.t("field-ends-on")) } dd { (c.ends_on.map(|d| d.to_string()).unwrap_or_else(|| "–".into())) }
            dt { (ctx.t("event-leads")) } dd { (leads) }
            dt { (ctx.t("event-moved-in")) } dd { (moved.unwrap_or(0)) }
        }
        @if ctx.guide_scope().is_some() {
            p { a.button href={ "/events/" (c.id) "/capture" } { (ctx.t("capture-open")) } }
        }
        h2 { (ctx.t("event-qr-title")) }
        p { (ctx.t("event-qr-intro")) }
        img.qr src={ "/events/" (c.id) "/qr.svg" } width="240" height="240"
            alt=(crate::i18n::t_args(ctx.lang, "event-qr-alt", &[("event", c.name.clone().into())]));
        p { code { (super::capture::interest_link(&state, c.key())) } }
        p { a href="/events" { (ctx.t("back-to-events")) } }
    };
    Ok(layout::page(&ctx, &c.name, body).into_response())
}
