//! Bar charts drawn on the server as SVG: no script, a title and a description for screen
//! readers, and the same numbers in the table beside it. Hand-written because a bar chart is
//! thirty lines of SVG, and the chart crates either draw through JavaScript or produce SVG
//! without the title and description that make it accessible.

use maud::{html, Markup};

use super::table::{Cell, Table, HIDDEN};

const WIDTH: f64 = 640.0;
const LABEL: f64 = 200.0;
const BAR: f64 = 22.0;
const GAP: f64 = 8.0;

/// Labels longer than this are shortened with "…" (the full text is the label's tooltip, and
/// in the table below): at 14 px they would run out of the chart on the left.
const LABEL_CHARS: usize = 26;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
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
    let height = rows.len() as f64 * (BAR + GAP) + GAP;
    let title_id = format!("chart-{prefix}-{}-title", t.id);
    let desc_id = format!("chart-{prefix}-{}-desc", t.id);
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (WIDTH) " " (height) }
            aria-labelledby={ (title_id) " " (desc_id) } {
            title id=(title_id) { (t.title) }
            desc id=(desc_id) { (description) }
            @for (i, (label, n, shown)) in rows.iter().enumerate() {
                @let y = GAP + i as f64 * (BAR + GAP);
                @let w = ((WIDTH - LABEL - 60.0) * (*n as f64) / max).max(if *n > 0 { 2.0 } else { 0.0 });
                text x=(LABEL - 8.0) y=(y + BAR * 0.7) text-anchor="end" font-size="14" fill="#1b1f24" {
                    @if short(label) != *label { title { (label) } }
                    (short(label))
                }
                rect x=(LABEL) y=(y) width=(w) height=(BAR) fill="#0b5a7a" {}
                text x=(LABEL + w + 6.0) y=(y + BAR * 0.7) font-size="14" fill="#1b1f24" { (shown) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_shortened_and_totals_not_drawn() {
        let t = Table {
            id: "campaigns",
            title: "Kampanjer".into(),
            columns: vec!["Kampanj".into(), "Antal".into()],
            rows: vec![
                vec![
                    Cell::Text("Auswanderermesse Hamburg 2025 im Frühjahr".into()),
                    Cell::Count(633),
                ],
                vec![Cell::Text("Totalt".into()), Cell::Count(9999)],
            ],
            chart: Some(1),
            total: true,
        };
        let svg = bars(&t, 1, "d", "all").into_string();
        assert!(
            svg.contains("<title>Auswanderermesse Hamburg 2025 im Frühjahr</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("</title>Auswanderermesse Hamburg…</text>"),
            "{svg}"
        );
        assert!(!svg.contains("Totalt") && !svg.contains("9999"), "{svg}");
    }
}
