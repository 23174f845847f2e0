//! CSV and XLSX of a report table, with the same cells as the page (hidden cells included).
//! XLSX cells are typed: counts and days are numbers, so a spreadsheet can sum them.

use rust_xlsxwriter::{Format, Workbook};

use super::table::{Cell, Table};

fn text_of(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Days(Some(d)) => format!("{d:.1}"),
        Cell::Days(None) => String::new(),
        Cell::Hidden(th) => format!("<{th}"),
    }
}

pub fn csv(t: &Table) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&t.columns)?;
    for row in &t.rows {
        w.write_record(row.iter().map(text_of))?;
    }
    Ok(w.into_inner()?)
}

pub fn xlsx(t: &Table) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // Sheet names are at most 31 characters and some characters are not allowed.
    let name: String = t
        .title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    sheet.set_name(if name.is_empty() { "Lotsbok" } else { &name })?;
    let bold = Format::new().set_bold();
    let days = Format::new().set_num_format("0.0");
    for (c, head) in t.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, head, &bold)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ())?,
                Cell::Count(n) => sheet.write_number(r, c, *n as f64).map(|_| ())?,
                Cell::Days(Some(d)) => sheet
                    .write_number_with_format(r, c, *d, &days)
                    .map(|_| ())?,
                Cell::Days(None) => {}
                Cell::Hidden(_) => sheet.write_string(r, c, text_of(cell)).map(|_| ())?,
            }
        }
    }
    sheet.autofit();
    Ok(book.save_to_buffer()?)
}
