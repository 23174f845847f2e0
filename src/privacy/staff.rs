//! A guide's side of privacy: the readable dossier and JSON export of a lead's prospect (for
//! a data-subject request), erasure with a confirmation step, and the list of prospects the
//! retention rule will anonymise soon. Lead routes: found through the guide's scope.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::anonymise::{anonymise, Why};
use super::{dossier, retention, views};
use crate::entities::LeadId;
use crate::error::{AppError, AppResult};
use crate::leads::queries::{self, LeadRecord};
use crate::state::AppState;
use crate::web::components::post_form;
use crate::web::ctx::GuideCtx;
use crate::web::format::local_time;
use crate::web::{layout, Ctx};

async fn own(state: &AppState, g: &GuideCtx, id: LeadId) -> AppResult<LeadRecord> {
    queries::find_own(&state.db, &g.scope(), id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn page(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    let scope = g.scope();
    state
        .audit
        .lead(
            scope.user_id(),
            "prospect_dossier_viewed",
            id,
            r.prospect.key(),
        )
        .await?;
    let d = dossier::gather(&state.db, r.prospect.clone(), &scope).await?;
    let ctx = &g.0;
    Ok(layout::page(
        ctx,
        &ctx.t("privacy-lead-title"),
        html! {
            p { (ctx.t("privacy-lead-intro")) }
            (views::dossier(ctx, &d, true))
            p { a href={ "/leads/" (id) "/export.json" } download { (ctx.t("privacy-lead-json")) } }
            h2 { (ctx.t("privacy-lead-erase-title")) }
            p { (ctx.t("privacy-lead-erase-text")) }
            p { a.button href={ "/leads/" (id) "/erase" } { (ctx.t("privacy-lead-erase-link")) } }
            p { a href={ "/leads/" (id) } { (ctx.t("back-to-lead")) } }
        },
    )
    .into_response())
}

pub async fn export(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    let scope = g.scope();
    state
        .audit
        .lead(scope.user_id(), "prospect_exported", id, r.prospect.key())
        .await?;
    let d = dossier::gather(&state.db, r.prospect.clone(), &scope).await?;
    let body = serde_json::to_vec_pretty(&d.to_json())?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"lead-{id}.json\""),
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn erase_form(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    let ctx: &Ctx = &g.0;
    Ok(layout::page(
        ctx,
        &ctx.t("privacy-lead-erase-title"),
        html! {
            p { (crate::i18n::t_args(ctx.lang, "privacy-lead-erase-confirm-text", &[("name", crate::domain::full_name(&r.prospect).into())])) }
            (post_form(ctx, &format!("/leads/{id}/erase"), "stack", html! {
                button type="submit" { (ctx.t("privacy-lead-erase-confirm")) }
            }))
            p { a href={ "/leads/" (id) } { (ctx.t("my-erase-cancel")) } }
        },
    )
    .into_response())
}

pub async fn erase(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    let txn = state.db.begin().await?;
    // This municipality's record only: one the mover also gave another municipality stays
    // theirs (each is its own controller).
    let p = crate::leads::own_copy(&txn, r.lead.id, &r.prospect).await?;
    anonymise(&txn, p.id, Why::Guide, Some(g.scope().user_id())).await?;
    txn.commit().await?;
    Ctx::flash(&g.0.session, "privacy-lead-erased").await?;
    Ok(Redirect::to("/leads").into_response())
}

pub async fn coming(State(state): State<AppState>, g: GuideCtx) -> AppResult<Response> {
    let cfg = &state.config.retention;
    let rows = retention::coming(&state.db, &g.scope(), cfg).await?;
    let ctx = &g.0;
    Ok(layout::page(
        ctx,
        &ctx.t("retention-title"),
        html! {
            p { (crate::i18n::t_args(ctx.lang, "retention-intro", &[("months", cfg.inactive_months.into()), ("days", cfg.warn_days.into())])) }
            @if rows.is_empty() { p { (ctx.t("retention-none")) } } @else {
                div.table-wrap { table {
                    caption.visually-hidden { (ctx.t("retention-title")) }
                    thead { tr {
                        th scope="col" { (ctx.t("field-name")) }
                        th scope="col" { (ctx.t("retention-last-activity")) }
                        th scope="col" { (ctx.t("retention-due")) }
                    } }
                    tbody { @for (lead_id, name, last, due) in &rows { tr {
                        td { a href={ "/leads/" (lead_id) } { (name) } }
                        td { (local_time(last)) }
                        td { (local_time(due)) }
                    } } }
                } }
            }
        },
    )
    .into_response())
}
