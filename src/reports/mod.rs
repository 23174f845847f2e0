//! Reports for the project leader, the EU funder and each guide: leads, sources, the funnel,
//! outcomes, households and persons moved in, time to move, where movers come from,
//! contacts and follow-ups — per municipality and period, as tables, SVG charts, CSV and XLSX.
//!
//! Aggregates only: no name or free text reaches a report. Coordinators see every
//! municipality with small cells hidden; a guide sees its own municipality in full and the
//! region's totals with small cells hidden.

mod board;
mod chart;
pub mod disclosure;
mod export;
pub mod figures;
mod kept;
pub mod period;
pub mod table;
pub mod targets;
mod views;

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Datelike;

use self::period::{Period, ReportQuery};
use self::table::{Spec, Table, View};
use self::views::Section;
use crate::entities::municipality;
use crate::error::{AppError, AppResult};
use crate::i18n::t_args;
use crate::state::AppState;
use crate::web::ctx::StaffCtx;
use crate::web::format::today;
use crate::web::routes::Routes;
use crate::web::sheet::Separator;
use crate::web::Ctx;

pub fn router() -> Routes {
    Routes::new()
        .route("/reports", get(index))
        .route("/reports/export", get(export_table))
        .route("/reports/print", get(print))
        .route("/reports/targets", get(targets::show).post(targets::save))
}

fn parse(raw: Option<String>) -> ReportQuery {
    ReportQuery::from_pairs(
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default(),
    )
}

/// The sections this user may see, built for the period (`only`: just that one, if the user
/// may see it).
async fn sections(
    state: &AppState,
    ctx: &Ctx,
    (q, period): (&ReportQuery, &Period),
    all: &[municipality::Model],
    only: Option<&str>,
) -> AppResult<Vec<Section>> {
    let wanted = |key: &str| only.is_none_or(|o| o == key);
    let user = ctx.user()?;
    let names: HashMap<i64, String> = all.iter().map(|m| (m.id, m.name.clone())).collect();
    let every: Vec<i64> = all.iter().map(|m| m.id).collect();
    let targets = targets::of_year(&state.db, period.from.year()).await?;
    let cache = state.kept.get::<table::ReportCache>();
    let build = |view: View| Spec {
        lang: ctx.lang,
        names: &names,
        view,
        period: period.clone(),
        today: today(),
        threshold: state.config.reports.small_cell_threshold,
        targets: &targets,
        counted: table::Counted::Kept,
        cache: Some(&cache),
    };
    let mut out = Vec::new();
    let guide_of = user
        .municipality
        .as_ref()
        .filter(|_| user.roles.guide)
        .map(|m| (m.id, m.name.clone()));
    if let Some((id, name)) = guide_of.as_ref().filter(|_| wanted("own")) {
        out.push(Section {
            key: "own",
            heading: name.clone(),
            tables: table::build(&state.db, &build(View::Own(*id))).await?,
        });
    }
    if user.roles.coordinator {
        if !wanted("all") {
            return Ok(out);
        }
        let shown: Vec<i64> = q
            .municipalities
            .iter()
            .copied()
            .filter(|m| every.contains(m))
            .collect();
        let view = View::Coordinator {
            all: every.clone(),
            shown,
            known: guide_of.as_ref().map(|(id, _)| *id),
        };
        out.push(Section {
            key: "all",
            heading: ctx.t("report-all-municipalities"),
            tables: table::build(&state.db, &build(view)).await?,
        });
    } else if let Some((id, _)) = guide_of.filter(|_| wanted("region")) {
        let view = View::Region {
            all: every.clone(),
            own: id,
        };
        out.push(Section {
            key: "region",
            heading: ctx.t("report-region-totals"),
            tables: table::build(&state.db, &build(view)).await?,
        });
    }
    Ok(out)
}

async fn municipalities(state: &AppState) -> AppResult<Vec<municipality::Model>> {
    Ok(crate::accounts::list_municipalities(&state.db).await?)
}

async fn index(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let q = parse(raw);
    let period = q.period();
    let all = municipalities(&state).await?;
    let sections = sections(&state, &ctx, (&q, &period), &all, None).await?;
    state
        .audit
        .record(
            Some(ctx.user()?.id),
            "report_viewed",
            None,
            Some(period.label()),
        )
        .await?;
    let coordinator = ctx.user()?.roles.coordinator;
    Ok(views::page(
        &ctx,
        state.config.reports.small_cell_threshold,
        &q,
        &period,
        coordinator.then_some(all.as_slice()),
        &sections,
    )
    .into_response())
}

/// The page for the board (`board`): a coordinator's whole region, a guide's own
/// municipality.
async fn print(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let back = format!("/reports?{}", raw.as_deref().unwrap_or(""));
    let q = parse(raw);
    let period = q.period();
    let all = municipalities(&state).await?;
    let user = ctx.user()?;
    let key = if user.roles.coordinator { "all" } else { "own" };
    let sections = sections(&state, &ctx, (&q, &period), &all, Some(key)).await?;
    let Some(section) = sections.into_iter().find(|s| s.key == key) else {
        return Err(AppError::NotFound);
    };
    state
        .audit
        .record(
            Some(user.id),
            "report_viewed",
            None,
            Some(format!("print {}", period.label())),
        )
        .await?;
    let chosen: Vec<&str> = all
        .iter()
        .filter(|m| q.municipalities.contains(&m.id))
        .map(|m| m.name.as_str())
        .collect();
    let selection = match (&user.municipality, key) {
        (Some(m), "own") => m.name.clone(),
        _ if chosen.is_empty() => ctx.t("board-all"),
        _ => t_args(
            ctx.lang,
            "board-chosen",
            &[("names", chosen.join(", ").into())],
        ),
    };
    let about = board::About {
        period: &period,
        selection,
        printed: t_args(
            ctx.lang,
            "board-printed",
            &[
                ("date", today().to_string().into()),
                ("name", user.name.clone().into()),
            ],
        ),
        threshold: state.config.reports.small_cell_threshold,
    };
    Ok(board::page(&ctx, &about, &section.tables, &back).into_response())
}

async fn export_table(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let section = raw
        .as_deref()
        .and_then(|r| serde_urlencoded::from_str::<Vec<(String, String)>>(r).ok())
        .and_then(|p| p.into_iter().find(|(k, _)| k == "section").map(|(_, v)| v))
        .unwrap_or_default();
    let q = parse(raw);
    let period = q.period();
    let all = municipalities(&state).await?;
    let sections = sections(&state, &ctx, (&q, &period), &all, Some(&section)).await?;
    let tables: Vec<&Table> = sections
        .iter()
        .filter(|s| s.key == section)
        .flat_map(|s| s.tables.iter())
        .filter(|t| q.table == "all" || t.id == q.table)
        .collect();
    if tables.is_empty() || (q.format != "xlsx" && tables.len() != 1) {
        return Err(AppError::NotFound);
    }
    let detail = format!("{section}:{} {} {}", q.table, q.format, period.label());
    state
        .audit
        .record(Some(ctx.user()?.id), "report_exported", None, Some(detail))
        .await?;
    let name = format!(
        "lotsbok-{}-{}-{}",
        if q.table == "all" {
            "rapport"
        } else {
            tables[0].id
        },
        period.from,
        period.until.pred_opt().unwrap_or(period.until)
    );
    let (body, mime, ext) = if q.format == "xlsx" {
        let shown = t_args(
            ctx.lang,
            "report-period-shown",
            &[("period", period.label().into())],
        );
        let heading = export::Heading {
            period: &shown,
            note: &views::rule(&ctx, state.config.reports.small_cell_threshold),
        };
        (
            export::xlsx(&tables, &heading)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        let sep = Separator::for_reader(ctx.lang, &q.sep);
        (
            export::csv(tables[0], sep)?,
            "text/csv; charset=utf-8",
            "csv",
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}
