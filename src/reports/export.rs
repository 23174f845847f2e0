//! CSV and XLSX of report tables, with the same cells as the page (hidden cells included).
//! CSV as Swedish Excel opens it (`web::sheet`); XLSX cells are typed, counts and days are
//! numbers, so a spreadsheet can sum them, and every sheet says which period it covers and
//! which figures are hidden and why.

use rust_xlsxwriter::{Format, Workbook};

use super::table::{Cell, Table, HIDDEN};
use crate::web::sheet::{self, Separator};

fn text_of(c: &Cell, sep: Separator) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Days(Some(d)) => sep.decimal(*d),
        Cell::Days(None) | Cell::Empty => String::new(),
        Cell::Share(Some(x)) => format!("{x:.0}"),
        Cell::Share(None) => String::new(),
        Cell::Hidden => HIDDEN.to_string(),
        Cell::Change(n) => super::table::change(*n),
    }
}

pub fn csv(t: &Table, sep: Separator) -> anyhow::Result<Vec<u8>> {
    let mut w = sheet::writer(sep);
    w.write_record(t.columns.iter().map(|c| sheet::safe(c)))?;
    for row in &t.rows {
        w.write_record(row.iter().map(|c| sheet::safe(&text_of(c, sep))))?;
    }
    Ok(w.into_inner()?)
}

/// What heads every sheet: the table's title, the period and selection, the rule.
pub struct Heading<'a> {
    pub period: &'a str,
    pub note: &'a str,
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(title: &str, taken: &[String]) -> String {
    let base: String = title
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let base = if base.trim().is_empty() {
        "Lotsbok".to_string()
    } else {
        base.trim().to_string()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

/// One sheet per table.
pub fn xlsx(tables: &[&Table], heading: &Heading) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let days = Format::new().set_num_format("0.0");
    let change = Format::new().set_num_format("+0;-0;0");
    let mut names = Vec::new();
    for t in tables {
        let sheet = book.add_worksheet();
        let name = sheet_name(&t.title, &names);
        sheet.set_name(&name)?;
        names.push(name);
        sheet.write_string_with_format(0, 0, &t.title, &bold)?;
        sheet.write_string(1, 0, heading.period)?;
        sheet.write_string(2, 0, heading.note)?;
        let top = 4;
        for (c, head) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(top, c as u16, head, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = top + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ())?,
                    Cell::Count(n) => sheet.write_number(r, c, *n as f64).map(|_| ())?,
                    Cell::Days(Some(d)) => sheet
                        .write_number_with_format(r, c, *d, &days)
                        .map(|_| ())?,
                    Cell::Share(Some(x)) => sheet.write_number(r, c, x.round()).map(|_| ())?,
                    Cell::Change(n) => sheet
                        .write_number_with_format(r, c, *n as f64, &change)
                        .map(|_| ())?,
                    Cell::Days(None) | Cell::Share(None) | Cell::Empty => {}
                    Cell::Hidden => sheet
                        .write_string(r, c, text_of(cell, Separator::Comma))
                        .map(|_| ())?,
                }
            }
        }
        // Fit the table, not the long lines above it.
        sheet.set_column_width(0, 28)?;
        for c in 1..t.columns.len() as u16 {
            sheet.set_column_width(c, 14)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_unique_and_allowed() {
        let mut taken = Vec::new();
        for t in [
            "Inflyttade: per kommun/månad",
            "Inflyttade: per kommun/månad",
            "",
        ] {
            let n = sheet_name(t, &taken);
            assert!(n.chars().count() <= 31 && !n.contains(':') && !n.contains('/'));
            taken.push(n);
        }
        assert_eq!(taken[1], format!("{} 2", taken[0]));
        assert_eq!(taken[2], "Lotsbok");
    }
}
