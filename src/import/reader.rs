//! Reading an uploaded file as a table of rows: CSV in any common delimiter and encoding, or
//! the first sheet of an XLSX workbook. Parsing is the `csv`, `encoding_rs(_io)` and
//! `calamine` crates' work; what is ours is recognising which of them a file needs and
//! streaming its rows in chunks, so that a 100k-row file is never held as rows in memory.

use std::io::{Cursor, Read};
use std::sync::Arc;

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;
use tokio::sync::mpsc;

/// Rows handed over at a time by `stream`.
pub const CHUNK: usize = 500;

/// Which reader a file needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Format {
    Csv {
        delimiter: u8,
        encoding: &'static Encoding,
    },
    Xlsx,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Csv { .. } => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// One cell as the file holds it: CSV cells are all text; XLSX cells keep their type.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as a person reads it (in a preview or a report).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row and its number as the guide sees it in the file (the header is row 1).
#[derive(Debug, Clone)]
pub struct RawRow {
    pub line: u64,
    pub cells: Vec<Cell>,
}

/// Why a file cannot be read at all. Each is a translation key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("import-file-empty")]
    Empty,
    #[error("import-file-no-rows")]
    NoRows,
    #[error("import-file-wrong-type")]
    WrongType,
    #[error("import-file-old-excel")]
    OldExcel,
    #[error("import-file-broken-xlsx")]
    BrokenXlsx,
    #[error("import-file-broken-csv")]
    BrokenCsv,
}

impl FileError {
    pub fn key(self) -> &'static str {
        match self {
            FileError::Empty => "import-file-empty",
            FileError::NoRows => "import-file-no-rows",
            FileError::WrongType => "import-file-wrong-type",
            FileError::OldExcel => "import-file-old-excel",
            FileError::BrokenXlsx => "import-file-broken-xlsx",
            FileError::BrokenCsv => "import-file-broken-csv",
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Recognises the file: XLSX by its ZIP signature, CSV by being text, then the CSV's
/// encoding (a BOM; else UTF-8 if every byte is valid UTF-8, else Windows-1252, which is
/// what Excel in Swedish writes) and delimiter.
pub fn detect(bytes: &[u8]) -> Result<Format, FileError> {
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Xlsx::new(Cursor::new(bytes))
            .map(|_| Format::Xlsx)
            .map_err(|_| FileError::BrokenXlsx);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(FileError::OldExcel);
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let head = &bytes[..bytes.len().min(8192)];
    if !utf16 && (head.contains(&0) || head.starts_with(b"%PDF")) {
        return Err(FileError::WrongType);
    }
    let encoding = if utf16 {
        // The BOM decides; `DecodeReaderBytes` follows it.
        UTF_8
    } else if std::str::from_utf8(body).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    };
    let delimiter = guess_delimiter(bytes, encoding);
    Ok(Format::Csv {
        delimiter,
        encoding,
    })
}

fn decoder<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> impl Read + 'a {
    DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(Cursor::new(bytes))
}

/// The delimiter that splits the first rows most consistently into the most columns.
fn guess_delimiter(bytes: &[u8], encoding: &'static Encoding) -> u8 {
    let mut best = (0usize, 0usize, b',');
    for d in [b';', b',', b'\t', b'|'] {
        let mut r = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(decoder(bytes, encoding));
        let mut widths = Vec::new();
        for rec in r.records().take(20) {
            match rec {
                Ok(rec) => widths.push(rec.len()),
                Err(_) => break,
            }
        }
        let Some(&header) = widths.first() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let consistent = widths.iter().filter(|w| **w == header).count();
        if (consistent, header) > (best.0, best.1) {
            best = (consistent, header, d);
        }
    }
    best.2
}

/// Calls `each` with every row that has a value (the header first) until it returns false.
pub fn each_row(
    bytes: &[u8],
    format: Format,
    mut each: impl FnMut(RawRow) -> bool,
) -> Result<(), FileError> {
    match format {
        Format::Csv {
            delimiter,
            encoding,
        } => {
            let mut r = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(decoder(bytes, encoding));
            let mut rec = csv::StringRecord::new();
            // The row as a spreadsheet numbers it (a record may span lines in the file).
            let mut line = 0u64;
            loop {
                match r.read_record(&mut rec) {
                    Ok(false) => return Ok(()),
                    Ok(true) => {}
                    Err(_) => return Err(FileError::BrokenCsv),
                }
                line += 1;
                let cells: Vec<Cell> = rec.iter().map(text).collect();
                if cells.iter().all(Cell::is_empty) {
                    continue;
                }
                if !each(RawRow { line, cells }) {
                    return Ok(());
                }
            }
        }
        Format::Xlsx => each_xlsx_row(bytes, each),
    }
}

fn each_xlsx_row(bytes: &[u8], mut each: impl FnMut(RawRow) -> bool) -> Result<(), FileError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileError::BrokenXlsx)?;
    let Some(sheet) = book.sheet_names().into_iter().next() else {
        return Err(FileError::Empty);
    };
    let mut cells = book
        .worksheet_cells_reader(&sheet)
        .map_err(|_| FileError::BrokenXlsx)?;
    let mut row: Option<RawRow> = None;
    let emit = |row: Option<RawRow>, each: &mut dyn FnMut(RawRow) -> bool| match row {
        Some(r) if !r.cells.iter().all(Cell::is_empty) => each(r),
        _ => true,
    };
    loop {
        let next = cells.next_cell().map_err(|_| FileError::BrokenXlsx)?;
        let Some(cell) = next else {
            emit(row, &mut each);
            return Ok(());
        };
        let (r, c) = cell.get_position();
        let line = u64::from(r) + 1;
        if row.as_ref().is_some_and(|x| x.line != line) && !emit(row.take(), &mut each) {
            return Ok(());
        }
        let current = row.get_or_insert_with(|| RawRow {
            line,
            cells: Vec::new(),
        });
        let c = c as usize;
        if current.cells.len() <= c {
            current.cells.resize(c + 1, Cell::Empty);
        }
        current.cells[c] = xlsx_cell(cell.get_value());
    }
}

/// A cell's text without NUL and the other control characters (tab and line breaks stay),
/// as `web::input` does for forms: PostgreSQL cannot store NUL, and no one means them.
fn text(s: &str) -> Cell {
    Cell::Text(
        s.chars()
            .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect(),
    )
}

fn xlsx_cell(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(t) if d.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(d.as_f64()),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(_) => Cell::Text("#ERROR".into()),
    }
}

/// The header and the first `n` rows below it.
pub fn preview(bytes: &[u8], format: Format, n: usize) -> Result<(RawRow, Vec<RawRow>), FileError> {
    let mut header = None;
    let mut rows = Vec::new();
    each_row(bytes, format, |r| {
        if header.is_none() {
            header = Some(r);
        } else {
            rows.push(r);
        }
        rows.len() < n
    })?;
    let header = header.ok_or(FileError::Empty)?;
    if rows.is_empty() {
        return Err(FileError::NoRows);
    }
    Ok((header, rows))
}

/// The rows below the header in chunks of `CHUNK`, read on a blocking thread; at most two
/// chunks wait in the channel, so memory stays flat whatever the file's length.
pub fn stream(
    bytes: Arc<Vec<u8>>,
    format: Format,
) -> mpsc::Receiver<Result<Vec<RawRow>, FileError>> {
    let (tx, rx) = mpsc::channel(2);
    tokio::task::spawn_blocking(move || {
        let mut buf = Vec::with_capacity(CHUNK);
        let mut first = true;
        let result = each_row(&bytes, format, |r| {
            if std::mem::take(&mut first) {
                return true;
            }
            buf.push(r);
            if buf.len() == CHUNK {
                tx.blocking_send(Ok(std::mem::take(&mut buf))).is_ok()
            } else {
                true
            }
        });
        let last = match result {
            Ok(()) => Ok(buf),
            Err(e) => Err(e),
        };
        let _ = tx.blocking_send(last);
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_swedish_excel_csv() {
        let (text, _, _) = WINDOWS_1252.encode("Namn;Ort\r\nÅsa Öberg;Malå\r\n");
        let f = detect(&text).unwrap();
        assert_eq!(
            f,
            Format::Csv {
                delimiter: b';',
                encoding: WINDOWS_1252
            }
        );
        let (h, rows) = preview(&text, f, 5).unwrap();
        assert_eq!(h.cells[0], Cell::Text("Namn".into()));
        assert_eq!(super::text("a\0b\u{1b}c\td"), Cell::Text("abc\td".into()));
        assert_eq!(rows[0].cells[0], Cell::Text("Åsa Öberg".into()));
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn a_bom_is_not_part_of_the_first_header() {
        let bytes = b"\xEF\xBB\xBFname,email\nAnna,a@example.org\n";
        let f = detect(bytes).unwrap();
        let (h, _) = preview(bytes, f, 5).unwrap();
        assert_eq!(h.cells[0], Cell::Text("name".into()));
    }

    #[test]
    fn refuses_what_is_not_a_table() {
        assert_eq!(detect(b""), Err(FileError::Empty));
        assert_eq!(detect(b"\xEF\xBB\xBF \n"), Err(FileError::Empty));
        assert_eq!(detect(b"%PDF-1.4\n\x00\x01"), Err(FileError::WrongType));
        assert_eq!(detect(b"PK\x03\x04broken"), Err(FileError::BrokenXlsx));
        assert_eq!(detect(b"\xD0\xCF\x11\xE0rest"), Err(FileError::OldExcel));
        let f = detect(b"name;email\n").unwrap();
        assert_eq!(
            preview(b"name;email\n", f, 5).err(),
            Some(FileError::NoRows)
        );
    }
}
