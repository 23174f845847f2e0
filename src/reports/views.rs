//! The report page: the period form, then each section's tables with their charts and
//! export links.

use maud::{html, Markup};

use super::chart;
use super::period::{Period, ReportQuery};
use super::table::{Cell, Table, HIDDEN};
use crate::entities::municipality;
use crate::i18n::t_args;
use crate::web::components::{field, select, Input};
use crate::web::sheet::Separator;
use crate::web::{layout, Ctx, FieldErrors};

pub struct Section {
    /// `all` (coordinator), `own` or `region` (guide).
    pub key: &'static str,
    pub heading: String,
    pub tables: Vec<Table>,
}

fn cell(ctx: &Ctx, c: &Cell) -> Markup {
    match c {
        Cell::Text(s) => html! { (s) },
        Cell::Count(n) => html! { (n) },
        Cell::Days(Some(d)) => html! { (format!("{d:.1}")) },
        Cell::Days(None) => html! { "–" },
        Cell::Share(Some(x)) => html! { (format!("{x:.0} %")) },
        Cell::Share(None) => html! { "–" },
        Cell::Hidden => {
            html! { span aria-hidden="true" { (HIDDEN) } span.visually-hidden { (ctx.t("report-hidden")) } }
        }
    }
}

fn export_href(
    q: &ReportQuery,
    period: &Period,
    section: &str,
    table: &str,
    format: &str,
    sep: Option<&str>,
) -> String {
    use chrono::Datelike;
    let mut pairs: Vec<(String, String)> = vec![
        ("period".into(), period.kind.clone()),
        ("year".into(), period.from.year().to_string()),
        ("quarter".into(), (period.from.month0() / 3 + 1).to_string()),
        ("month".into(), period.from.month().to_string()),
        ("section".into(), section.into()),
        ("table".into(), table.into()),
        ("format".into(), format.into()),
    ];
    if let Some(sep) = sep {
        pairs.push(("sep".into(), sep.into()));
    }
    pairs.extend(
        q.municipalities
            .iter()
            .map(|m| ("m".to_string(), m.to_string())),
    );
    format!(
        "/reports/export?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

fn table(ctx: &Ctx, t: &Table, q: &ReportQuery, period: &Period, section: &str) -> Markup {
    let id = format!("{section}-{}", t.id);
    html! {
        section aria-labelledby=(id) {
            h3 id=(id) { (t.title) }
            @if t.rows.is_empty() {
                p { (ctx.t("report-no-data")) }
            } @else {
                @if let Some(col) = t.chart {
                    (chart::bars(t, col, &t_args(ctx.lang, "report-chart-desc", &[("column", t.columns.get(col).cloned().unwrap_or_default().into())]), section))
                }
                div.table-wrap { table {
                    caption.visually-hidden { (t.title) }
                    thead { tr { @for c in &t.columns { th scope="col" { (c) } } } }
                    tbody { @for row in &t.rows {
                        tr { @for (i, c) in row.iter().enumerate() {
                            @if i == 0 { th scope="row" { (cell(ctx, c)) } } @else { td { (cell(ctx, c)) } }
                        } }
                    } }
                } }
                p.exports {
                    a href=(export_href(q, period, section, t.id, "csv", None)) { (t_args(ctx.lang, "report-download-csv", &[("table", t.title.clone().into())])) }
                    " · "
                    a href=(export_href(q, period, section, t.id, "csv", Some(Separator::for_reader(ctx.lang, "").other()))) { (ctx.t("export-csv-other")) }
                    " · "
                    a href=(export_href(q, period, section, t.id, "xlsx", None)) { (t_args(ctx.lang, "report-download-xlsx", &[("table", t.title.clone().into())])) }
                }
            }
        }
    }
}

fn form(
    ctx: &Ctx,
    q: &ReportQuery,
    period: &Period,
    municipalities: Option<&[municipality::Model]>,
) -> Markup {
    let none = FieldErrors::default();
    let kinds: Vec<(String, String)> = ["year", "quarter", "month"]
        .iter()
        .map(|k| (k.to_string(), ctx.t(&format!("report-period-{k}"))))
        .collect();
    let quarters: Vec<(String, String)> =
        (1..=4).map(|i| (i.to_string(), format!("Q{i}"))).collect();
    let months: Vec<(String, String)> = (1..=12)
        .map(|i| (i.to_string(), format!("{i:02}")))
        .collect();
    let year = period.from.format("%Y").to_string();
    let quarter = if q.quarter.is_empty() {
        "1".to_string()
    } else {
        q.quarter.clone()
    };
    let month = if q.month.is_empty() {
        "1".to_string()
    } else {
        q.month.clone()
    };
    html! {
        form.filters method="get" action="/reports" {
            div.filter-grid {
                (select(ctx, "period", "report-period", &kinds, &period.kind, &none))
                (field(ctx, "year", "report-year", &year, &none, Input { kind: "number", ..Input::default() }))
                (select(ctx, "quarter", "report-quarter", &quarters, &quarter, &none))
                (select(ctx, "month", "report-month", &months, &month, &none))
            }
            @if let Some(ms) = municipalities {
                fieldset {
                    legend { (ctx.t("report-municipalities")) }
                    p.hint { (ctx.t("report-municipalities-hint")) }
                    div.filter-grid {
                        @for m in ms {
                            div.field.checkbox {
                                input type="checkbox" id={ "f-m-" (m.id) } name="m" value=(m.id) checked[q.municipalities.contains(&m.id)];
                                label for={ "f-m-" (m.id) } { (m.name) }
                            }
                        }
                    }
                }
            }
            button type="submit" { (ctx.t("report-show")) }
        }
    }
}

/// The disclosure rule in words, for the page and every exported sheet.
pub fn rule(ctx: &Ctx, threshold: i64) -> String {
    if threshold <= 1 {
        return ctx.t("report-rule-off");
    }
    t_args(ctx.lang, "report-rule", &[("max", (threshold - 1).into())])
}

pub fn page(
    ctx: &Ctx,
    threshold: i64,
    q: &ReportQuery,
    period: &Period,
    municipalities: Option<&[municipality::Model]>,
    sections: &[Section],
) -> Markup {
    layout::page(
        ctx,
        &ctx.t("reports-title"),
        html! {
            (form(ctx, q, period, municipalities))
            p role="status" { (t_args(ctx.lang, "report-period-shown", &[("period", period.label().into())])) }
            p.hint { (rule(ctx, threshold)) }
            @for s in sections {
                h2 { (s.heading) }
                p.exports {
                    a href=(export_href(q, period, s.key, "all", "xlsx", None)) { (t_args(ctx.lang, "report-download-all", &[("section", s.heading.clone().into())])) }
                }
                @for t in &s.tables { (table(ctx, t, q, period, s.key)) }
            }
        },
    )
}
