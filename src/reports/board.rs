//! The page for the board: a chosen period on two A4 pages — the headline figures beside the
//! year before, the targets, households per month of the region, then moving in per
//! municipality, per month and where the leads came from — dated, with the selection and the
//! disclosure rule stated. The same tables as the report (so the same hidden figures).
//!
//! No PDF is made on the server: every browser prints this page to PDF at A4 (the print
//! stylesheet sets the page), and the Rust PDF libraries would mean laying the report out a
//! second time by hand, charts included. The browser suite prints it and counts two pages.

use maud::{html, Markup};

use super::chart;
use super::period::Period;
use super::table::{Chart, Table};
use super::views::{bars, empty, grid, progress, rule};
use crate::i18n::t_args;
use crate::web::{layout, Ctx};

/// The tables the board sees, in order, by page.
const FIRST: [&str; 3] = ["headline", "targets", "region_months"];
const SECOND: [&str; 3] = ["moved_in", "moved_in_month", "sources"];

/// What the page says about itself: the period, the selection, who printed it and when.
pub struct About<'a> {
    pub period: &'a Period,
    pub selection: String,
    pub printed: String,
    pub threshold: i64,
}

fn find<'t>(tables: &'t [Table], id: &str) -> Option<&'t Table> {
    tables.iter().find(|t| t.id == id)
}

/// A table drawn for paper: its chart where it has one (the figures are in it), else the
/// table; the heat table as itself.
fn part(ctx: &Ctx, t: &Table) -> Markup {
    let id = format!("board-{}", t.id);
    html! {
        section.board-part aria-labelledby=(id) {
            h2 id=(id) { (t.title) }
            @if t.rows.is_empty() {
                (empty(ctx, t))
            } @else {
                @match t.chart {
                    Some(Chart::Progress) => (progress(ctx, t)),
                    Some(Chart::Bars(col)) => {
                        (bars(ctx, t, col, "board"))
                        div.visually-hidden { (grid(ctx, t, false)) }
                    }
                    Some(Chart::Lines) => {
                        (chart::lines(t, &ctx.t("report-lines-desc"), "board"))
                        div.visually-hidden { (grid(ctx, t, false)) }
                    }
                    _ => (grid(ctx, t, true)),
                }
            }
        }
    }
}

pub fn page(ctx: &Ctx, about: &About, tables: &[Table], back: &str) -> Markup {
    let title = t_args(
        ctx.lang,
        "board-title",
        &[("period", about.period.short(ctx.lang).into())],
    );
    html! {
        (layout::page(ctx, &title, html! {
            div.board {
                p.no-print { a href=(back) { (ctx.t("board-back")) } " · " (ctx.t("board-how")) }
                div.board-page {
                    p.board-about {
                        (t_args(ctx.lang, "report-period-shown", &[("period", about.period.label().into())]))
                        " · " (about.selection)
                        " · " (about.printed)
                    }
                    @for id in FIRST { @if let Some(t) = find(tables, id) { (part(ctx, t)) } }
                    p.board-rule { (rule(ctx, about.threshold)) }
                }
                div.board-page {
                    @for id in SECOND { @if let Some(t) = find(tables, id) { (part(ctx, t)) } }
                    p.board-rule { (rule(ctx, about.threshold)) }
                }
            }
        }))
    }
}
