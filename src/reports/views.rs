//! The report page: the period form, then each section's tables with their charts and
//! export links.

use maud::{html, Markup};

use super::chart;
use super::period::{Period, ReportQuery};
use super::table::{Cell, Chart, Table, HIDDEN};
use super::targets::Measure;
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
        Cell::Share(None) | Cell::Empty => html! { "–" },
        Cell::Change(n) => html! { (super::table::change(*n)) },
        Cell::Hidden => {
            html! { span aria-hidden="true" { (HIDDEN) } span.visually-hidden { (ctx.t("report-hidden")) } }
        }
    }
}

/// A link under `/reports` for the same period and selection, with `more` pairs.
fn href(path: &str, q: &ReportQuery, period: &Period, more: &[(&str, &str)]) -> String {
    use chrono::Datelike;
    let mut pairs: Vec<(String, String)> = vec![
        ("period".into(), period.kind.clone()),
        ("year".into(), period.from.year().to_string()),
        ("quarter".into(), (period.from.month0() / 3 + 1).to_string()),
        ("month".into(), period.from.month().to_string()),
    ];
    pairs.extend(more.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    pairs.extend(
        q.municipalities
            .iter()
            .map(|m| ("m".to_string(), m.to_string())),
    );
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

/// The page for the board, for the same period and selection.
fn print_href(q: &ReportQuery, period: &Period) -> String {
    href("/reports/print", q, period, &[])
}

fn export_href(
    q: &ReportQuery,
    period: &Period,
    section: &str,
    table: &str,
    format: &str,
    sep: Option<&str>,
) -> String {
    let mut more = vec![("section", section), ("table", table), ("format", format)];
    more.extend(sep.map(|s| ("sep", s)));
    href("/reports/export", q, period, &more)
}

/// Targets as a table of a row per area and a column per measure: "12 av 20 (60 %)" and a
/// small bar (decoration: the words say it). Readable at any width, and compact enough for
/// the first page of the board.
pub fn progress(ctx: &Ctx, t: &Table) -> Markup {
    let text = |c: Option<&Cell>| match c {
        Some(Cell::Text(s)) => s.clone(),
        _ => String::new(),
    };
    let mut areas: Vec<String> = Vec::new();
    for row in &t.rows {
        let a = text(row.first());
        if !areas.contains(&a) {
            areas.push(a);
        }
    }
    // The measures with a target, always in the same order.
    let measures: Vec<String> = Measure::ALL
        .iter()
        .map(|m| ctx.t(m.key()))
        .filter(|name| t.rows.iter().any(|r| text(r.get(1)) == *name))
        .collect();
    let find = |a: &str, m: &str| {
        t.rows
            .iter()
            .find(|r| text(r.first()) == a && text(r.get(1)) == m)
    };
    html! {
        (wrap(ctx, t, measures.len() > 1, html! { table.report.progress {
            caption.visually-hidden { (t.title) }
            thead { tr {
                th scope="col" { (t.columns.first().cloned().unwrap_or_default()) }
                @for m in &measures { th scope="col" { (m) } }
            } }
            tbody { @for a in &areas {
                tr {
                    th scope="row" { (a) }
                    @for m in &measures {
                        td { @match find(a, m).map(|r| (r.get(2), r.get(3), r.get(4))) {
                            Some((Some(Cell::Count(n)), Some(Cell::Count(target)), Some(Cell::Share(Some(share))))) => {
                                (t_args(ctx.lang, "board-of-target", &[("figure", (*n).into()), ("target", (*target).into()), ("share", format!("{share:.0}").into())]))
                                svg.meter xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 8" aria-hidden="true" focusable="false" {
                                    rect width="100" height="8" fill="#e3e7ea" {}
                                    rect width=(share.min(100.0)) height="8" fill="#0b5a7a" {}
                                }
                            }
                            Some((Some(Cell::Hidden), Some(Cell::Count(target)), _)) => {
                                (cell(ctx, &Cell::Hidden)) " " (t_args(ctx.lang, "board-of-target-hidden", &[("target", (*target).into())]))
                            }
                            _ => { "–" }
                        } }
                    }
                }
            } }
        } }))
    }
}

/// A bar chart with what its bars show above it.
pub fn bars(ctx: &Ctx, t: &Table, col: usize, section: &str) -> Markup {
    let column = t.columns.get(col).cloned().unwrap_or_default();
    let desc = t_args(
        ctx.lang,
        "report-chart-desc",
        &[("column", column.clone().into())],
    );
    html! {
        p.chart-caption aria-hidden="true" { (t_args(ctx.lang, "report-bars-show", &[("column", column.into())])) }
        (chart::bars(t, col, &desc, section))
    }
}

/// The chart of a table, if it has one, and what it does not draw.
fn chart_of(ctx: &Ctx, t: &Table, section: &str) -> Markup {
    match t.chart {
        Some(Chart::Bars(col)) => {
            let total = t.rows.last().filter(|_| t.total).and_then(|r| {
                let label = match r.first() {
                    Some(Cell::Text(s)) => s.clone(),
                    _ => return None,
                };
                let value = match r.get(col) {
                    Some(Cell::Count(n)) => n.to_string(),
                    _ => HIDDEN.to_string(),
                };
                Some(t_args(
                    ctx.lang,
                    "report-chart-total",
                    &[("label", label.into()), ("value", value.into())],
                ))
            });
            html! {
                (bars(ctx, t, col, section))
                @if let Some(total) = total { p.chart-total { (total) } }
            }
        }
        Some(Chart::Lines) => chart::lines(t, &ctx.t("report-lines-desc"), section),
        Some(Chart::Progress) => html! {},
        Some(Chart::Heat(_)) => html! { p.hint { (ctx.t("report-heat-hint")) } },
        None => html! {},
    }
}

/// The shade class of each cell of a heat table (`""` where none).
fn shades(t: &Table) -> Vec<Vec<&'static str>> {
    const CLASSES: [&str; 5] = ["", "shade1", "shade2", "shade3", "shade4"];
    let Some(Chart::Heat(cols)) = t.chart else {
        return t.rows.iter().map(|r| vec![""; r.len()]).collect();
    };
    let parts = t.rows.len() - usize::from(t.total && !t.rows.is_empty());
    let shaded = |r: usize, c: usize| r < parts && (1..=cols).contains(&c);
    let count = |c: &Cell| match c {
        Cell::Count(n) => *n,
        _ => 0,
    };
    let max = t.rows[..parts]
        .iter()
        .flat_map(|r| r.iter().enumerate().filter(|(c, _)| shaded(0, *c)))
        .map(|(_, c)| count(c))
        .max()
        .unwrap_or(0);
    t.rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, cell)| {
                    if shaded(r, c) {
                        CLASSES[usize::from(chart::heat(count(cell), max))]
                    } else {
                        ""
                    }
                })
                .collect()
        })
        .collect()
}

/// What an empty table says instead of its rows.
pub fn empty(ctx: &Ctx, t: &Table) -> Markup {
    let key = if t.chart == Some(Chart::Progress) {
        "report-no-targets"
    } else {
        "report-no-data"
    };
    html! { p { (ctx.t(key)) } }
}

/// A table with its chart and its export links.
pub fn table(ctx: &Ctx, t: &Table, q: &ReportQuery, period: &Period, section: &str) -> Markup {
    let id = format!("{section}-{}", t.id);
    html! {
        section aria-labelledby=(id) {
            h3 id=(id) { (t.title) }
            @if t.rows.is_empty() {
                (empty(ctx, t))
            } @else {
                (chart_of(ctx, t, section))
                @if t.chart == Some(Chart::Progress) { (progress(ctx, t)) } @else { (grid(ctx, t, true)) }
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

/// A table on the page scrolls sideways, when wider than a phone, in a wrapper a keyboard
/// can reach; a two-column table always fits and gets no tab stop, nor does a copy for
/// screen readers only.
fn wrap(ctx: &Ctx, t: &Table, wide: bool, inner: Markup) -> Markup {
    let label = t_args(
        ctx.lang,
        "report-table-of",
        &[("title", t.title.clone().into())],
    );
    html! {
        @if wide {
            div.table-wrap tabindex="0" role="region" aria-label=(label) { (inner) }
        } @else {
            (inner)
        }
    }
}

/// The table's cells (for screen readers the chart's figures too). `seen`: on the page (a
/// wide table there is a tab stop), not a copy for screen readers only.
pub fn grid(ctx: &Ctx, t: &Table, seen: bool) -> Markup {
    let shades = shades(t);
    wrap(
        ctx,
        t,
        seen && t.columns.len() > 2,
        html! {
            table.report {
                caption.visually-hidden { (t.title) }
                thead { tr { @for c in &t.columns { th scope="col" { (c) } } } }
                tbody { @for (row, shade) in t.rows.iter().zip(&shades) {
                    tr { @for (i, (c, s)) in row.iter().zip(shade).enumerate() {
                        @if i == 0 { th scope="row" { (cell(ctx, c)) } }
                        @else if s.is_empty() { td { (cell(ctx, c)) } }
                        @else { td class=(s) { (cell(ctx, c)) } }
                    } }
                } }
            }
        },
    )
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
    let quarters: Vec<(String, String)> = (1..=4)
        .map(|i| {
            (
                i.to_string(),
                t_args(ctx.lang, "report-quarter-n", &[("quarter", i.into())]),
            )
        })
        .collect();
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
            p.actions {
                a href=(print_href(q, period)) { (ctx.t("report-print")) }
                @if municipalities.is_some() {
                    " · " a href={ "/reports/targets?year=" (period.from.format("%Y")) } { (ctx.t("report-set-targets")) }
                }
            }
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
