//! The lead list with its filters, counts per status and pages; and the regional pool.

use std::collections::HashMap;

use maud::{html, Markup};

use super::super::forms::ListQuery;
use super::super::queries::{LeadRecord, Sort, Total, PAGE_SIZE};
use crate::domain::full_name;
use crate::domain::{Source, Status};
use crate::entities::campaign;
use crate::web::components::{checkbox, coded_options, field, select, Input};
use crate::web::format::{iso, local_time};
use crate::web::sheet::Separator;
use crate::web::{layout, Ctx, FieldErrors};

pub struct ListPage<'a> {
    pub query: &'a ListQuery,
    pub rows: &'a [LeadRecord],
    /// The shown movers who withdrew their consent, by prospect.
    pub withdrawn: &'a HashMap<i64, chrono::DateTime<chrono::Utc>>,
    pub total: Total,
    /// Whether the list goes on after this page.
    pub more: bool,
    pub page: u64,
    pub counts: &'a HashMap<String, i64>,
    pub guides: &'a [crate::reference::Staff],
    pub campaigns: &'a [campaign::Model],
    pub pool_size: u64,
}

/// The query string of the current filters with another page (or status).
fn href(q: &ListQuery, page: u64, status: Option<&str>) -> String {
    format!("/leads?{}", query(q, page, status))
}

/// The export of the list as it is filtered (every page).
fn export_href(q: &ListQuery, ext: &str, sep: Option<&str>) -> String {
    let mut href = format!("/leads/export.{ext}?{}", query(q, 0, None));
    if let Some(sep) = sep {
        href.push_str("&sep=");
        href.push_str(sep);
    }
    href
}

fn query(q: &ListQuery, page: u64, status: Option<&str>) -> String {
    let page = page.to_string();
    let pairs = [
        ("q", q.q.as_str()),
        ("status", status.unwrap_or(&q.status)),
        ("owner", &q.owner),
        ("source", &q.source),
        ("campaign", &q.campaign),
        ("created_from", &q.created_from),
        ("created_to", &q.created_to),
        ("updated_from", &q.updated_from),
        ("updated_to", &q.updated_to),
        ("overdue", q.overdue.as_deref().unwrap_or("")),
        ("withdrawn", q.withdrawn.as_deref().unwrap_or("")),
        ("sort", &q.sort),
        ("page", if page == "0" { "" } else { &page }),
    ];
    let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

fn filters(ctx: &Ctx, p: &ListPage) -> Markup {
    let q = p.query;
    let none = FieldErrors::default();
    let statuses = coded_options(
        ctx,
        Some("all"),
        Status::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), s.key())),
    );
    let sources = coded_options(
        ctx,
        Some("all"),
        Source::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), s.key())),
    );
    let mut owners = vec![(String::new(), ctx.t("all"))];
    owners.extend(p.guides.iter().map(|g| (g.id.to_string(), g.name.clone())));
    let mut camps = vec![(String::new(), ctx.t("all"))];
    camps.extend(
        p.campaigns
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone())),
    );
    let sorts: Vec<(String, String)> = Sort::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                ctx.t(&format!("sort-{}", s.as_str())),
            )
        })
        .collect();
    let date = Input {
        kind: "date",
        ..Input::default()
    };
    html! {
        form.filters method="get" action="/leads" role="search" {
            (field(ctx, "q", "leads-search", &q.q, &none, Input { kind: "search", hint_key: Some("leads-search-hint"), ..Input::default() }))
            details open[!q.status.is_empty() || !q.owner.is_empty() || !q.source.is_empty() || !q.campaign.is_empty() || !q.created_from.is_empty() || !q.created_to.is_empty() || !q.updated_from.is_empty() || !q.updated_to.is_empty() || q.overdue.is_some() || q.withdrawn.is_some()] {
                summary { (ctx.t("leads-more-filters")) }
                div.filter-grid {
                    (select(ctx, "status", "field-status", &statuses, &q.status, &none))
                    (select(ctx, "owner", "field-owner", &owners, &q.owner, &none))
                    (select(ctx, "source", "field-source", &sources, &q.source, &none))
                    (select(ctx, "campaign", "field-campaign", &camps, &q.campaign, &none))
                    (field(ctx, "created_from", "filter-created-from", &q.created_from, &none, date))
                    (field(ctx, "created_to", "filter-created-to", &q.created_to, &none, date))
                    (field(ctx, "updated_from", "filter-updated-from", &q.updated_from, &none, date))
                    (field(ctx, "updated_to", "filter-updated-to", &q.updated_to, &none, date))
                    (checkbox(ctx, "overdue", "filter-overdue", q.overdue.is_some()))
                    (checkbox(ctx, "withdrawn", "filter-withdrawn", q.withdrawn.is_some()))
                }
            }
            (select(ctx, "sort", "field-sort", &sorts, &q.sort, &none))
            button type="submit" { (ctx.t("leads-filter-submit")) }
        }
    }
}

fn table(
    ctx: &Ctx,
    rows: &[LeadRecord],
    owners: &[crate::reference::Staff],
    withdrawn: &HashMap<i64, chrono::DateTime<chrono::Utc>>,
) -> Markup {
    html! {
        div.table-wrap {
            table {
                caption.visually-hidden { (ctx.t("leads-title")) }
                thead { tr {
                    th scope="col" { (ctx.t("field-name")) }
                    th scope="col" { (ctx.t("field-place")) }
                    th scope="col" { (ctx.t("field-status")) }
                    th scope="col" { (ctx.t("field-source")) }
                    th scope="col" { (ctx.t("field-owner")) }
                    th scope="col" { (ctx.t("leads-updated")) }
                } }
                tbody {
                    @for r in rows {
                        tr {
                            td {
                                a href={ "/leads/" (r.lead.id) } { bdi { (full_name(&r.prospect)) } }
                                @if withdrawn.contains_key(&r.prospect.id) {
                                    " " span.badge.warning { (ctx.t("leads-withdrawn-mark")) }
                                }
                            }
                            td {
                                (r.prospect.place.as_deref().unwrap_or(""))
                                @if let Some(c) = &r.prospect.country { " (" (c) ")" }
                            }
                            td { (ctx.t(&r.lead.status.key())) }
                            td { (ctx.t(&r.lead.source.key())) }
                            td { (r.lead.owner_id.and_then(|o| owners.iter().find(|g| g.id == o)).map(|g| g.name.as_str()).unwrap_or("–")) }
                            td { time datetime=(iso(&r.lead.updated_at)) { (local_time(&r.lead.updated_at)) } }
                        }
                    }
                }
            }
        }
    }
}

/// The pages of the list; past a count that stopped ("more than"), by page alone.
fn pager(ctx: &Ctx, q: &ListQuery, page: u64, total: Total, more: bool) -> Markup {
    let position = match total {
        Total::Exact(n) => crate::i18n::t_args(
            ctx.lang,
            "pager-position",
            &[
                ("page", (page + 1).into()),
                ("pages", n.div_ceil(PAGE_SIZE).max(1).into()),
            ],
        ),
        Total::MoreThan(_) => {
            crate::i18n::t_args(ctx.lang, "pager-page", &[("page", (page + 1).into())])
        }
    };
    html! {
        nav.pager aria-label=(ctx.t("pager-label")) {
            @if page > 0 { a rel="prev" href=(href(q, page - 1, None)) { (ctx.t("pager-prev")) } }
            span { (position) }
            @if more { a rel="next" href=(href(q, page + 1, None)) { (ctx.t("pager-next")) } }
        }
    }
}

/// How many leads the list holds, in words.
fn found(ctx: &Ctx, total: Total) -> String {
    match total {
        Total::Exact(n) => crate::i18n::t_args(ctx.lang, "leads-found", &[("count", n.into())]),
        Total::MoreThan(n) => {
            crate::i18n::t_args(ctx.lang, "leads-found-more", &[("count", n.into())])
        }
    }
}

pub fn list(ctx: &Ctx, p: &ListPage) -> Markup {
    layout::page(
        ctx,
        &ctx.t("leads-title"),
        html! {
            p.actions {
                a.button href="/leads/new" { (ctx.t("lead-new-title")) }
                " "
                a href="/leads/pool" { (crate::i18n::t_args(ctx.lang, "pool-link", &[("count", p.pool_size.into())])) }
                " "
                a href="/leads/import" { (ctx.t("import-link")) }
            }
            nav aria-label=(ctx.t("leads-by-status")) {
                ul.counts {
                    li { a href=(href(p.query, 0, Some(""))) aria-current=[p.query.status.is_empty().then_some("true")] { (ctx.t("all")) ": " (p.counts.values().sum::<i64>()) } }
                    @for s in Status::ALL {
                        li { a href=(href(p.query, 0, Some(s.as_str()))) aria-current=[(p.query.status == s.as_str()).then_some("true")] {
                            (ctx.t(&s.key())) ": " (p.counts.get(s.as_str()).copied().unwrap_or(0))
                        } }
                    }
                }
            }
            (filters(ctx, p))
            p role="status" { (found(ctx, p.total)) }
            @if !p.rows.is_empty() {
                p.exports {
                    (ctx.t("leads-export")) " "
                    a href=(export_href(p.query, "csv", None)) { (ctx.t("leads-export-csv")) }
                    " · "
                    a href=(export_href(p.query, "csv", Some(Separator::for_reader(ctx.lang, "").other()))) { (ctx.t("export-csv-other")) }
                    " · "
                    a href=(export_href(p.query, "xlsx", None)) { (ctx.t("leads-export-xlsx")) }
                }
                (table(ctx, p.rows, p.guides, p.withdrawn))
                (pager(ctx, p.query, p.page, p.total, p.more))
            }
        },
    )
}

pub fn pool(ctx: &Ctx, rows: &[LeadRecord], total: u64) -> Markup {
    layout::page(
        ctx,
        &ctx.t("pool-title"),
        html! {
            p { (ctx.t("pool-intro")) }
            p role="status" { (crate::i18n::t_args(ctx.lang, "leads-found", &[("count", total.into())])) }
            @if !rows.is_empty() {
                div.table-wrap { table {
                    caption.visually-hidden { (ctx.t("pool-title")) }
                    thead { tr {
                        th scope="col" { (ctx.t("field-name")) }
                        th scope="col" { (ctx.t("field-place")) }
                        th scope="col" { (ctx.t("field-move-when")) }
                        th scope="col" { (ctx.t("leads-created")) }
                    } }
                    tbody { @for r in rows { tr {
                        td { a href={ "/leads/" (r.lead.id) } { bdi { (full_name(&r.prospect)) } } }
                        td { (r.prospect.place.as_deref().unwrap_or("")) @if let Some(c) = &r.prospect.country { " (" (c) ")" } }
                        td { (r.prospect.move_when.as_deref().unwrap_or("")) }
                        td { (local_time(&r.lead.created_at)) }
                    } } }
                } }
            }
        },
    )
}
