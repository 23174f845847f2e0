//! The audit log for admins: who read or changed what, when; filtered by user, prospect,
//! action and period; exported as CSV (the export is itself audited).

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::html;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::Deserialize;

use crate::domain::parse_date;
use crate::entities::{audit_entry, user};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::components::{field, select, Input};
use crate::web::ctx::AdminCtx;
use crate::web::format::{day_start, iso, local_time};
use crate::web::{layout, FieldErrors};

const PAGE: u64 = 100;
/// Rows in one CSV export at most.
const EXPORT_MAX: u64 = 100_000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    user: String,
    prospect: String,
    action: String,
    from: String,
    to: String,
    page: String,
}

fn filtered(q: &AuditQuery) -> Select<audit_entry::Entity> {
    let mut s = audit_entry::Entity::find();
    if let Ok(u) = q.user.parse::<i64>() {
        s = s.filter(audit_entry::Column::UserId.eq(u));
    }
    if let Ok(p) = q.prospect.trim().parse::<i64>() {
        s = s.filter(audit_entry::Column::ProspectId.eq(p));
    }
    if !q.action.is_empty() {
        s = s.filter(audit_entry::Column::Action.eq(q.action.as_str()));
    }
    if let Some(d) = parse_date(&q.from) {
        s = s.filter(audit_entry::Column::At.gte(day_start(d)));
    }
    if let Some(d) = parse_date(&q.to) {
        s = s.filter(audit_entry::Column::At.lt(day_start(d + chrono::Duration::days(1))));
    }
    s.order_by_desc(audit_entry::Column::At)
        .order_by_desc(audit_entry::Column::Id)
}

async fn names(db: &crate::db::Db) -> Result<Vec<(i64, String)>, sea_orm::DbErr> {
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .order_by_asc(user::Column::Name)
        .into_tuple()
        .all(db)
        .await
}

async fn actions(db: &crate::db::Db) -> Result<Vec<String>, sea_orm::DbErr> {
    audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::Action)
        .distinct()
        .order_by_asc(audit_entry::Column::Action)
        .into_tuple()
        .all(db)
        .await
}

/// An action in the reader's language (its code, should a new one lack words).
pub fn action_words(lang: Lang, code: &str) -> String {
    let key = format!("audit-action-{code}");
    let words = crate::i18n::t(lang, &key);
    if words == key {
        code.to_string()
    } else {
        words
    }
}

fn target_words(lang: Lang, kind: &str) -> String {
    if crate::audit::TARGETS.contains(&kind) {
        crate::i18n::t(lang, &format!("audit-target-{kind}"))
    } else {
        kind.to_string()
    }
}

/// The details the trail writes (`3 shown`, `2 leads`, `120 rows`, why a mover was
/// erased) in words; anything else (ids, a report's name) as it is.
fn detail_words(lang: Lang, detail: &str) -> String {
    if let Some((n, what)) = detail.split_once(' ') {
        if let (Ok(n), Some(key)) = (
            n.parse::<i64>(),
            match what {
                "shown" => Some("audit-detail-shown"),
                "leads" => Some("audit-detail-leads"),
                "rows" => Some("audit-detail-rows"),
                _ => None,
            },
        ) {
            return crate::i18n::t_args(lang, key, &[("count", n.into())]);
        }
    }
    match detail {
        "mover" | "guide" | "retention" => {
            crate::i18n::t(lang, &format!("timeline-erasure-{detail}"))
        }
        _ => detail.to_string(),
    }
}

pub async fn index(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    let page = q.page.parse::<u64>().unwrap_or(0).min(1_000_000);
    let rows = filtered(&q)
        .offset(page.saturating_mul(PAGE))
        .limit(PAGE + 1)
        .all(&state.db)
        .await?;
    let more = rows.len() as u64 > PAGE;
    let users = names(&state.db).await?;
    let acts = actions(&state.db).await?;
    let none = FieldErrors::default();
    let mut user_opts = vec![(String::new(), ctx.t("all"))];
    user_opts.extend(users.iter().map(|(id, n)| (id.to_string(), n.clone())));
    let mut action_opts = vec![(String::new(), ctx.t("all"))];
    action_opts.extend(acts.iter().map(|a| (a.clone(), action_words(ctx.lang, a))));
    let name_of = |id: Option<i64>| {
        id.and_then(|i| users.iter().find(|(u, _)| *u == i))
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| ctx.t("audit-system"))
    };
    let query = serde_urlencoded::to_string([
        ("user", &q.user),
        ("prospect", &q.prospect),
        ("action", &q.action),
        ("from", &q.from),
        ("to", &q.to),
    ])
    .unwrap_or_default();
    let date = Input {
        kind: "date",
        ..Input::default()
    };
    Ok(layout::page(
        &ctx,
        &ctx.t("audit-title"),
        html! {
            form.filters method="get" action="/admin/audit" {
                div.filter-grid {
                    (select(&ctx, "user", "audit-user", &user_opts, &q.user, &none))
                    (field(&ctx, "prospect", "audit-prospect", &q.prospect, &none, Input { kind: "number", ..Input::default() }))
                    (select(&ctx, "action", "audit-action", &action_opts, &q.action, &none))
                    (field(&ctx, "from", "report-from", &q.from, &none, date))
                    (field(&ctx, "to", "report-to", &q.to, &none, date))
                }
                button type="submit" { (ctx.t("leads-filter-submit")) }
            }
            p { a href={ "/admin/audit/export.csv?" (query) } { (ctx.t("audit-export")) } }
            div.table-wrap { table {
                caption.visually-hidden { (ctx.t("audit-title")) }
                thead { tr {
                    th scope="col" { (ctx.t("audit-when")) }
                    th scope="col" { (ctx.t("audit-user")) }
                    th scope="col" { (ctx.t("audit-action")) }
                    th scope="col" { (ctx.t("audit-target")) }
                    th scope="col" { (ctx.t("audit-prospect")) }
                    th scope="col" { (ctx.t("audit-detail")) }
                } }
                tbody { @for e in rows.iter().take(PAGE as usize) { tr {
                    td { time datetime=(iso(&e.at)) { (local_time(&e.at)) } }
                    td { (name_of(e.user_id)) }
                    td { (action_words(ctx.lang, &e.action)) }
                    td { @if let (Some(k), Some(i)) = (&e.target_kind, e.target_id) { (target_words(ctx.lang, k)) " " (i) } }
                    td { @if let Some(p) = e.prospect_id { (p) } }
                    td { (detail_words(ctx.lang, e.detail.as_deref().unwrap_or(""))) }
                } } }
            } }
            nav.pager aria-label=(ctx.t("pager-label")) {
                @if page > 0 { a rel="prev" href={ "/admin/audit?" (query) "&page=" (page - 1) } { (ctx.t("pager-prev")) } }
                @if more { a rel="next" href={ "/admin/audit?" (query) "&page=" (page + 1) } { (ctx.t("pager-next")) } }
            }
        },
    )
    .into_response())
}

pub async fn export(
    State(state): State<AppState>,
    AdminCtx(ctx): AdminCtx,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    let rows = filtered(&q).limit(EXPORT_MAX).all(&state.db).await?;
    let users = names(&state.db).await?;
    // Read by scripts as much as by people: codes for column names, commas, no byte-order
    // mark, whatever the admin's language (unlike the downloads meant for a spreadsheet).
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "at",
        "user_id",
        "user",
        "action",
        "action_words",
        "target_kind",
        "target_id",
        "prospect_id",
        "detail",
    ])?;
    for e in &rows {
        let name = e
            .user_id
            .and_then(|i| users.iter().find(|(u, _)| *u == i))
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        w.write_record([
            iso(&e.at),
            e.user_id.map(|x| x.to_string()).unwrap_or_default(),
            name,
            e.action.clone(),
            action_words(ctx.lang, &e.action),
            e.target_kind.clone().unwrap_or_default(),
            e.target_id.map(|x| x.to_string()).unwrap_or_default(),
            e.prospect_id.map(|x| x.to_string()).unwrap_or_default(),
            e.detail.clone().unwrap_or_default(),
        ])?;
    }
    let body = w.into_inner().map_err(|e| anyhow::anyhow!(e.to_string()))?;
    state
        .audit
        .record(
            Some(ctx.user()?.id),
            "audit_exported",
            None,
            Some(format!("{} rows", rows.len())),
        )
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"lotsbok-audit.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}
