//! Bar charts drawn on the server as SVG: no script, a title and a description for screen
//! readers, and the same numbers in the table beside it. Hand-written because a bar chart is
//! thirty lines of SVG, and the chart crates either draw through JavaScript or produce SVG
//! without the title and description that make it accessible.

use maud::{html, Markup};

use super::table::{Cell, Table, HIDDEN};

const WIDTH: f64 = 440.0;
const LABEL: f64 = 180.0;
const BAR: f64 = 22.0;
const GAP: f64 = 8.0;
/// The height of a label's line at 14 px.
const LINE: f64 = 16.0;

/// A label's line holds at most this many characters: at 14 px about 8 px each, so a line
/// stays inside the room left of the bars. Longer labels wrap onto a second line, and what
/// does not fit there is shortened with "…" (the full text is the label's tooltip, and in
/// the table below).
const LABEL_CHARS: usize = 20;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A label in at most two lines, broken between words where it can be.
fn wrap(label: &str) -> Vec<String> {
    if label.chars().count() <= LABEL_CHARS {
        return vec![label.to_string()];
    }
    let mut first = String::new();
    let mut words = label.split(' ').peekable();
    while let Some(w) = words.peek() {
        let len = first.chars().count() + usize::from(!first.is_empty()) + w.chars().count();
        if len > LABEL_CHARS {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(w);
        words.next();
    }
    if first.is_empty() {
        // One word longer than a line: cut it.
        let head: String = label.chars().take(LABEL_CHARS).collect();
        let rest: String = label.chars().skip(LABEL_CHARS).collect();
        return vec![head, short(&rest)];
    }
    let rest: Vec<&str> = words.collect();
    vec![first, short(&rest.join(" "))]
}

/// `prefix` keeps ids unique when a page shows the same table twice (a guide's two sections).
/// A table's total row is not drawn: on the same scale it would squash its parts.
pub fn bars(t: &Table, value_col: usize, description: &str, prefix: &str) -> Markup {
    let parts = if t.total {
        &t.rows[..t.rows.len().saturating_sub(1)]
    } else {
        &t.rows[..]
    };
    let rows: Vec<(String, i64, String)> = parts
        .iter()
        .filter_map(|r| {
            let label = match r.first() {
                Some(Cell::Text(s)) => s.clone(),
                _ => return None,
            };
            match r.get(value_col) {
                Some(Cell::Count(n)) => Some((label, *n, n.to_string())),
                Some(Cell::Hidden) => Some((label, 0, HIDDEN.to_string())),
                _ => None,
            }
        })
        .collect();
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    // Each row as tall as its label: a bar, or two lines.
    let mut tops = Vec::with_capacity(rows.len());
    let mut y = GAP;
    for (label, _, _) in &rows {
        let lines = wrap(label).len() as f64;
        let height = BAR.max(lines * LINE + 4.0);
        tops.push((y, height));
        y += height + GAP;
    }
    let height = y;
    let title_id = format!("chart-{prefix}-{}-title", t.id);
    let desc_id = format!("chart-{prefix}-{}-desc", t.id);
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (WIDTH) " " (height) }
            aria-labelledby={ (title_id) " " (desc_id) } {
            title id=(title_id) { (t.title) }
            desc id=(desc_id) { (description) }
            @for ((label, n, shown), (top, h)) in rows.iter().zip(&tops) {
                @let lines = wrap(label);
                @let w = ((WIDTH - LABEL - 56.0) * (*n as f64) / max).max(if *n > 0 { 2.0 } else { 0.0 });
                @let bar = top + (h - BAR) / 2.0;
                @let first = top + (h - lines.len() as f64 * LINE) / 2.0 + LINE * 0.8;
                text x=(LABEL - 8.0) y=(first) text-anchor="end" font-size="14" fill="#1b1f24" {
                    @if lines.join(" ") != *label { title { (label) } }
                    @for (i, line) in lines.iter().enumerate() {
                        tspan x=(LABEL - 8.0) dy=(if i == 0 { 0.0 } else { LINE }) { (line) }
                    }
                }
                rect x=(LABEL) y=(bar) width=(w) height=(BAR) fill="#0b5a7a" {}
                text x=(LABEL + w + 6.0) y=(bar + BAR * 0.7) font-size="14" fill="#1b1f24" { (shown) }
            }
        }
    }
}

/// The step of a value axis: 1, 2 or 5 times a power of ten, giving at most five steps.
fn step(max: i64) -> i64 {
    let mut unit = 1;
    loop {
        for s in [unit, 2 * unit, 5 * unit] {
            if max <= 5 * s {
                return s;
            }
        }
        unit *= 10;
    }
}

const LINE_W: f64 = 480.0;
const LINE_H: f64 = 260.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 32.0;
/// The colours of the lines: this year, the year before (dashed as well, so colour is not
/// the only difference).
const INK: [&str; 2] = ["#0b5a7a", "#8a5a00"];

/// A line per column after the first over the rows (months): this year solid, the year
/// before dashed. A hidden figure breaks its line; an empty one (a month to come) ends it.
pub fn lines(t: &Table, description: &str, prefix: &str) -> Markup {
    let series: Vec<Vec<Option<i64>>> = (1..t.columns.len())
        .map(|c| {
            t.rows
                .iter()
                .map(|r| match r.get(c) {
                    Some(Cell::Count(n)) => Some(*n),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let max = series
        .iter()
        .flatten()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let step = step(max);
    let top = step * ((max + step - 1) / step);
    let n = t.rows.len().max(2) as f64;
    let x = |i: usize| LEFT + (LINE_W - LEFT - RIGHT) * (i as f64 + 0.5) / n;
    let y = |v: i64| TOP + (LINE_H - TOP - BOTTOM) * (1.0 - v as f64 / top as f64);
    let title_id = format!("chart-{prefix}-{}-title", t.id);
    let desc_id = format!("chart-{prefix}-{}-desc", t.id);
    // Runs of consecutive shown figures, each a polyline.
    let runs = |s: &[Option<i64>]| {
        let mut out: Vec<Vec<(usize, i64)>> = vec![vec![]];
        for (i, v) in s.iter().enumerate() {
            match v {
                Some(v) => out.last_mut().into_iter().for_each(|r| r.push((i, *v))),
                None => out.push(vec![]),
            }
        }
        out.retain(|r| !r.is_empty());
        out
    };
    let label = |i: usize| match t.rows.get(i).and_then(|r| r.first()) {
        Some(Cell::Text(s)) => s.clone(),
        _ => String::new(),
    };
    html! {
        svg.chart.lines xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (LINE_W) " " (LINE_H) }
            aria-labelledby={ (title_id) " " (desc_id) } {
            title id=(title_id) { (t.title) }
            desc id=(desc_id) { (description) }
            @for k in 0..=(top / step) {
                @let v = k * step;
                line x1=(LEFT) x2=(LINE_W - RIGHT) y1=(y(v)) y2=(y(v)) stroke="#d0d5da" stroke-width="1" {}
                text x=(LEFT - 6.0) y=(y(v) + 5.0) text-anchor="end" font-size="13" fill="#1b1f24" { (v) }
            }
            @for i in 0..t.rows.len() {
                text x=(x(i)) y=(LINE_H - 10.0) text-anchor="middle" font-size="13" fill="#1b1f24" {
                    (label(i).chars().take(3).collect::<String>())
                }
            }
            @for (s, values) in series.iter().enumerate().rev() {
                @let ink = INK[s.min(1)];
                @let dash = if s == 0 { "none" } else { "6 4" };
                @for run in runs(values) {
                    polyline fill="none" stroke=(ink) stroke-width=(if s == 0 { "3" } else { "2" }) stroke-dasharray=(dash)
                        points=(run.iter().map(|(i, v)| format!("{:.1},{:.1}", x(*i), y(*v))).collect::<Vec<_>>().join(" ")) {}
                    @for (i, v) in &run {
                        circle cx=(x(*i)) cy=(y(*v)) r="3.5" fill=(ink) {
                            title { (label(*i)) " " (t.columns.get(s + 1).cloned().unwrap_or_default()) ": " (v) }
                        }
                    }
                }
            }
            @for (s, name) in t.columns.iter().skip(1).enumerate() {
                @let lx = LEFT + 8.0 + s as f64 * 120.0;
                line x1=(lx) x2=(lx + 28.0) y1="16" y2="16" stroke=(INK[s.min(1)]) stroke-width=(if s == 0 { "3" } else { "2" })
                    stroke-dasharray=(if s == 0 { "none" } else { "6 4" }) {}
                text x=(lx + 34.0) y="21" font-size="14" fill="#1b1f24" { (name) }
            }
        }
    }
}

/// The shade of a cell in a heat table: 0 (none), else a quarter of the largest figure
/// each, 4 for the largest.
pub fn heat(n: i64, max: i64) -> u8 {
    if n <= 0 || max <= 0 {
        0
    } else {
        ((4 * n + max - 1) / max).clamp(1, 4) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::table::Chart;

    #[test]
    fn long_labels_wrap_or_are_shortened_and_totals_not_drawn() {
        let row = |label: &str, n| vec![Cell::Text(label.into()), Cell::Count(n)];
        let t = Table {
            id: "campaigns",
            title: "Kampanjer".into(),
            columns: vec!["Kampanj".into(), "Antal".into()],
            rows: vec![
                row("Auswanderermesse Hamburg 2025", 633),
                row(
                    "Emigratiebeurs Utrecht voorjaar 2026 met informatieavond en lezingen",
                    12,
                ),
                row("Totalt", 9999),
            ],
            chart: Some(Chart::Bars(1)),
            total: true,
        };
        let svg = bars(&t, 1, "d", "all").into_string();
        assert!(
            svg.contains(">Auswanderermesse</tspan>") && svg.contains(">Hamburg 2025</tspan>"),
            "two lines, nothing lost: {svg}"
        );
        assert!(!svg.contains("<title>Auswanderermesse"), "{svg}");
        assert!(
            svg.contains("<title>Emigratiebeurs Utrecht voorjaar 2026 met informatieavond en lezingen</title>")
                && svg.contains(">Utrecht voorjaar 20…</tspan>"),
            "{svg}"
        );
        assert!(!svg.contains("Totalt") && !svg.contains("9999"), "{svg}");
        assert_eq!(
            wrap("Kommunövergripandeinformationskväll"),
            ["Kommunövergripandein", "formationskväll"]
        );
    }

    #[test]
    fn axis_steps_and_shades() {
        assert_eq!(
            [step(1), step(5), step(6), step(23), step(99), step(737)],
            [1, 1, 2, 5, 20, 200]
        );
        assert_eq!(
            [heat(0, 9), heat(1, 9), heat(5, 9), heat(9, 9), heat(1, 1)],
            [0, 1, 3, 4, 4]
        );
    }

    #[test]
    fn a_hidden_month_breaks_the_line_and_a_month_to_come_ends_it() {
        let row = |m: &str, a: Cell, b: Cell| vec![Cell::Text(m.into()), a, b];
        let t = Table {
            id: "region_months",
            title: "Per månad".into(),
            columns: vec!["Månad".into(), "2026".into(), "2025".into()],
            rows: vec![
                row("januari", Cell::Count(4), Cell::Count(3)),
                row("februari", Cell::Hidden, Cell::Count(5)),
                row("mars", Cell::Count(6), Cell::Count(7)),
                row("april", Cell::Empty, Cell::Count(2)),
            ],
            chart: Some(Chart::Lines),
            total: false,
        };
        let svg = lines(&t, "d", "all").into_string();
        assert_eq!(
            svg.matches("<polyline").count(),
            3,
            "2026 in two runs, 2025 in one: {svg}"
        );
        assert!(svg.contains("<title>mars 2026: 6</title>"), "{svg}");
        assert!(!svg.contains("april 2026"), "{svg}");
    }
}
