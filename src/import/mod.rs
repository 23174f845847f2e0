//! Bringing spreadsheets in, and the lead list out. A guide uploads a CSV or XLSX file
//! (`/leads/import`), sees its first rows with a column mapping it may change, runs a check
//! that lists every row that would fail and why, and imports, all into its own municipality
//! and in one transaction. Admins import from the command line (`lotsbok import`). The lead
//! list's export (CSV, XLSX) writes the headers this importer reads, so a file exported from
//! Lotsbok comes back in as the same leads.

pub mod cli;
pub mod export;
mod handlers;
pub use handlers::{read_file, resume_cut_off, spawn};
pub mod mapping;
pub mod reader;
pub mod rows;
pub mod run;
pub mod store;
mod views;

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::web::routes::Routes;
use mapping::{Mapping, Target};
use reader::{Cell, FileError, Format};

pub fn router(max_upload: usize) -> Routes {
    Routes::new()
        .route(
            "/leads/import",
            get(handlers::upload_form)
                .post(handlers::upload)
                .layer(DefaultBodyLimit::max(max_upload)),
        )
        .route("/leads/import/{id}", get(handlers::show))
        .route("/leads/import/{id}/check", post(handlers::check))
        .route("/leads/import/{id}/run", post(handlers::run))
        .route("/leads/import/{id}/discard", post(handlers::discard))
        .route("/leads/import/{id}/progress", get(handlers::progress))
        .route("/leads/import/{id}/report.csv", get(handlers::report))
        .route("/leads/export.csv", get(export::csv))
        .route("/leads/export.xlsx", get(export::xlsx))
}

/// A file recognised, with the mapping guessed for it and its first rows.
pub struct Recognised {
    pub format: Format,
    pub mapping: Mapping,
}

/// Recognises a file and guesses its mapping (on a blocking thread: it reads the file).
pub async fn recognise(bytes: Arc<Vec<u8>>) -> Result<Recognised, FileError> {
    tokio::task::spawn_blocking(move || {
        let format = reader::detect(&bytes)?;
        let (header, _) = reader::preview(&bytes, format, 1)?;
        let headers: Vec<String> = header.cells.iter().map(Cell::display).collect();
        let mut mapping = Mapping::guess(headers);
        let (st, so) = distinct_values(&bytes, format, &mapping)?;
        mapping.set_values(st, so);
        Ok(Recognised { format, mapping })
    })
    .await
    .unwrap_or(Err(FileError::BrokenCsv))
}

/// The different values of the status and source columns (normalised, at most
/// `mapping::MAX_VALUES` each), for the tables the guide confirms.
pub fn distinct_values(
    bytes: &[u8],
    format: Format,
    m: &Mapping,
) -> Result<(Vec<String>, Vec<String>), FileError> {
    let cols = [m.column_of(Target::Status), m.column_of(Target::Source)];
    let mut found = [BTreeSet::new(), BTreeSet::new()];
    if cols.iter().all(Option::is_none) {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut first = true;
    reader::each_row(bytes, format, |row| {
        if std::mem::take(&mut first) {
            return true;
        }
        for (i, col) in cols.iter().enumerate() {
            let v = col
                .and_then(|c| row.cells.get(c))
                .map(|c| mapping::normalise(&c.display()))
                .unwrap_or_default();
            if !v.is_empty() && found[i].len() < mapping::MAX_VALUES {
                found[i].insert(v);
            }
        }
        true
    })?;
    let [a, b] = found;
    Ok((a.into_iter().collect(), b.into_iter().collect()))
}
