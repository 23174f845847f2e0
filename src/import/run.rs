//! Checking and importing a file's rows. One code path does both: a check (`dry`) reads
//! and decides every row exactly as the import would, but writes nothing. The import runs
//! in one transaction: with errors and without "import the valid rows" it is rolled back
//! whole, so a file is never half imported.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::mapping::Mapping;
use super::reader::{self, FileError, Format};
use super::rows::{Checker, Row, RowError};
use super::store;
use crate::audit;
use crate::domain::{system_kind, Status};
use crate::entities::{activity, import_result, lead, prospect, UserId};
use crate::i18n::Lang;
use crate::scope::Target;
use crate::web::format::day_start;

/// What to do with a row whose e-mail or phone matches a prospect already in the municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    Merge,
    Skip,
}

impl Duplicates {
    pub fn parse(s: &str) -> Self {
        if s == "skip" {
            Duplicates::Skip
        } else {
            Duplicates::Merge
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Duplicates::Merge => "merge",
            Duplicates::Skip => "skip",
        }
    }
}

/// One run over a file.
pub struct Job<'a> {
    pub import_id: i64,
    /// The municipality whose leads the file makes or meets.
    pub place: Target,
    /// Who imports: the guide (also the new leads' owner), or nobody (the command line).
    pub actor: Option<UserId>,
    pub duplicates: Duplicates,
    pub valid_only: bool,
    pub dry: bool,
    pub lang: Lang,
    pub mapping: &'a Mapping,
    pub today: chrono::NaiveDate,
    /// Rows done so far, for a progress bar.
    pub progress: Arc<AtomicU64>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub total: u64,
    pub new: u64,
    pub merged: u64,
    pub skipped: u64,
    pub errors: u64,
    /// Rows whose last contact is older than the retention period.
    pub past_retention: u64,
    /// Nothing was stored: the file could not be read, or it had errors.
    pub rolled_back: bool,
    pub file_error: Option<FileError>,
}

/// A lead a row matched, already in the municipality or earlier in the file.
#[derive(Debug, Clone, Copy)]
struct Match {
    lead_id: Option<i64>,
    prospect_id: Option<i64>,
    /// The earlier row of the same file, if that is what it matched.
    line: Option<u64>,
}

fn keys(row: &Row) -> Vec<String> {
    let h = &row.household;
    [
        h.email.as_ref().map(|e| format!("e:{e}")),
        h.phone.as_ref().map(|p| format!("p:{p}")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Leads of the municipality whose prospect has one of these e-mails or phones, by key.
/// Two queries of one condition each, on an indexed column (the rest is filtered here):
/// inside an import's transaction the planner has no statistics for the rows just written,
/// and given a second condition it may walk the wrong index for every look-up, which turns
/// quadratic (seen on PostgreSQL at 50k rows).
async fn existing(
    db: &impl ConnectionTrait,
    place: Target,
    rows: &[Row],
) -> Result<HashMap<String, Match>, DbErr> {
    let emails: Vec<String> = rows
        .iter()
        .filter_map(|r| r.household.email.clone())
        .collect();
    let phones: Vec<String> = rows
        .iter()
        .filter_map(|r| r.household.phone.clone())
        .collect();
    let mut keys: HashMap<i64, Vec<String>> = HashMap::new();
    for (prefix, col, values) in [
        ("e", prospect::Column::Email, emails),
        ("p", prospect::Column::Phone, phones),
    ] {
        if values.is_empty() {
            continue;
        }
        let hits: Vec<(i64, Option<String>, Option<DateTime<Utc>>)> = prospect::Entity::find()
            .select_only()
            .column(prospect::Column::Id)
            .column(col)
            .column(prospect::Column::AnonymisedAt)
            .filter(col.is_in(values))
            .into_tuple()
            .all(db)
            .await?;
        let hits = hits
            .into_iter()
            .filter(|(_, _, anonymised)| anonymised.is_none())
            .map(|(id, value, _)| (id, value));
        for (id, value) in hits {
            if let Some(v) = value {
                keys.entry(id).or_default().push(format!("{prefix}:{v}"));
            }
        }
    }
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let leads: Vec<(i64, i64, Option<i64>)> = lead::Entity::find()
        .select_only()
        .column(lead::Column::Id)
        .column(lead::Column::ProspectId)
        .column(lead::Column::MunicipalityId)
        .filter(lead::Column::ProspectId.is_in(keys.keys().copied()))
        .order_by_asc(lead::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let leads = leads
        .into_iter()
        .filter(|(_, _, m)| Target::at(*m) == place)
        .map(|(l, p, _)| (l, p));
    let mut found = HashMap::new();
    for (lead_id, prospect_id) in leads {
        for k in keys.get(&prospect_id).into_iter().flatten() {
            found.entry(k.clone()).or_insert(Match {
                lead_id: Some(lead_id),
                prospect_id: Some(prospect_id),
                line: None,
            });
        }
    }
    Ok(found)
}

fn result(
    import_id: i64,
    line: u64,
    outcome: &str,
    m: Option<Match>,
    e: Option<&RowError>,
) -> import_result::ActiveModel {
    let cut = |s: &str| s.chars().take(500).collect::<String>();
    import_result::ActiveModel {
        import_id: Set(import_id),
        row_no: Set(line as i64),
        outcome: Set(outcome.to_string()),
        lead_id: Set(m.and_then(|m| m.lead_id)),
        column_name: Set(e.map(|e| cut(&e.column)).filter(|c| !c.is_empty())),
        value: Set(e
            .map(|e| cut(&e.value))
            .or_else(|| m.and_then(|m| m.line).map(|l| l.to_string()))),
        reason: Set(e.map(|e| e.reason.to_string()).or_else(|| {
            m.map(|m| {
                if m.line.is_some() {
                    "import-dup-in-file"
                } else {
                    "import-dup-existing"
                }
                .to_string()
            })
        })),
        ..Default::default()
    }
}

async fn save_results(
    db: &impl ConnectionTrait,
    rows: Vec<import_result::ActiveModel>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(500) {
        import_result::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Checks (`job.dry`) or imports the file. The report's rows replace the previous run's.
pub async fn run(
    db: &crate::db::Db,
    job: &Job<'_>,
    bytes: Arc<Vec<u8>>,
    format: Format,
    retention_cutoff: DateTime<Utc>,
) -> Result<Summary, DbErr> {
    // A check only reads: it holds no other writer up, however large the file.
    let txn = if job.dry {
        db.begin_read().await?
    } else {
        db.begin().await?
    };
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // The rows this transaction writes have no statistics yet, so the planner takes the
        // tables for empty and scans them for every look-up (500 values × 50k rows a
        // chunk, quadratic in all). Within this transaction only, it uses the indexes.
        txn.execute_unprepared("SET LOCAL enable_seqscan = off")
            .await?;
    }
    let checker = Checker {
        mapping: job.mapping,
        today: job.today,
        lang: job.lang,
    };
    let mut s = Summary::default();
    let mut results = Vec::new();
    let mut seen: HashMap<String, Match> = HashMap::new();
    let mut chunks = reader::stream(bytes, format);
    while let Some(chunk) = chunks.recv().await {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => {
                s.file_error = Some(e);
                break;
            }
        };
        let mut good = Vec::with_capacity(chunk.len());
        for raw in &chunk {
            s.total += 1;
            match checker.check(raw) {
                Ok(row) => good.push(row),
                Err(errors) => {
                    s.errors += 1;
                    results.extend(
                        errors
                            .iter()
                            .map(|e| result(job.import_id, e.line, "error", None, Some(e))),
                    );
                }
            }
        }
        let known = existing(&txn, job.place, &good).await?;
        // The chunk's timeline entries go in with one statement at its end.
        let mut timeline = Vec::new();
        for row in good {
            let keys = keys(&row);
            let hit = keys
                .iter()
                .find_map(|k| seen.get(k).or_else(|| known.get(k)).copied());
            if let Some(m) = hit {
                if job.duplicates == Duplicates::Skip {
                    s.skipped += 1;
                    results.push(result(job.import_id, row.line, "skipped", Some(m), None));
                    continue;
                }
                s.merged += 1;
                results.push(result(job.import_id, row.line, "merged", Some(m), None));
                if !job.dry {
                    merge(&txn, job, &row, m, &mut timeline).await?;
                }
                continue;
            }
            s.new += 1;
            let last = row
                .moved
                .map(|m| m.0)
                .max(row.date)
                .map_or_else(Utc::now, day_start);
            if last < retention_cutoff {
                s.past_retention += 1;
            }
            let m = if job.dry {
                Match {
                    lead_id: None,
                    prospect_id: None,
                    line: Some(row.line),
                }
            } else {
                let (l, p) = insert(&txn, job, &row, &mut timeline).await?;
                Match {
                    lead_id: Some(l),
                    prospect_id: Some(p),
                    line: Some(row.line),
                }
            };
            for k in keys {
                seen.entry(k).or_insert(m);
            }
        }
        for batch in timeline.chunks(500) {
            activity::Entity::insert_many(batch.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        job.progress
            .fetch_add(chunk.len() as u64, Ordering::Relaxed);
    }
    if s.file_error.is_none() && s.total == 0 {
        s.file_error = Some(FileError::NoRows);
    }
    let failed = s.file_error.is_some() || (s.errors > 0 && !job.valid_only);
    s.rolled_back = job.dry || failed;
    if s.rolled_back {
        txn.rollback().await?;
        import_result::Entity::delete_many()
            .filter(import_result::Column::ImportId.eq(job.import_id))
            .exec(db)
            .await?;
        save_results(db, results).await?;
        let to = if s.file_error.is_some() {
            store::state::FAILED
        } else {
            store::state::CHECKED
        };
        store::finish(db, job.import_id, to, &s).await?;
    } else {
        import_result::Entity::delete_many()
            .filter(import_result::Column::ImportId.eq(job.import_id))
            .exec(&txn)
            .await?;
        save_results(&txn, results).await?;
        audit::write(
            &txn,
            audit::Entry {
                user_id: job.actor,
                action: "leads_imported",
                target: Some(("import", job.import_id)),
                prospect: None,
                detail: Some(format!(
                    "{} new, {} merged, {} skipped, {} not imported",
                    s.new, s.merged, s.skipped, s.errors
                )),
            },
        )
        .await?;
        store::finish(&txn, job.import_id, store::state::IMPORTED, &s).await?;
        txn.commit().await?;
    }
    Ok(s)
}

/// A new prospect and lead, dated as the file says, with its note and status on the timeline.
async fn insert(
    db: &impl ConnectionTrait,
    job: &Job<'_>,
    row: &Row,
    timeline: &mut Vec<activity::ActiveModel>,
) -> Result<(i64, i64), DbErr> {
    let created = row.date.map_or_else(Utc::now, day_start);
    let closed = row.moved.map_or(created, |m| day_start(m.0).max(created));
    let p = crate::leads::insert_prospect_at(db, &row.household, created).await?;
    let l = lead::ActiveModel {
        prospect_id: Set(p.id),
        municipality_id: Set(job.place.value()),
        owner_id: Set(job.actor.map(|u| u.0)),
        source: Set(row.source),
        status: Set(row.status),
        reason_code: Set(row.reason),
        moved_in_on: Set(row.moved.map(|m| m.0)),
        moved_adults: Set(row.moved.map(|m| m.1)),
        moved_children: Set(row.moved.map(|m| m.2)),
        closed_at: Set(row.status.is_closed().then_some(closed)),
        created_at: Set(created),
        updated_at: Set(closed),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut entry = |kind: &str, at, body: String| {
        timeline.push(entry(l.id, job.actor, kind, at, body));
    };
    entry(system_kind::IMPORTED, created, job.import_id.to_string());
    if let Some(note) = &row.note {
        entry("note", created, note.clone());
    }
    if row.status != Status::New {
        entry(system_kind::STATUS, closed, row.status.as_str().to_string());
    }
    Ok((l.id, p.id))
}

/// A row merged into the lead it matched: the prospect gains the fields it lacked, the note
/// goes on the lead's timeline. The lead's status and source stay the guide's.
async fn merge(
    db: &impl ConnectionTrait,
    job: &Job<'_>,
    row: &Row,
    m: Match,
    timeline: &mut Vec<activity::ActiveModel>,
) -> Result<(), DbErr> {
    let (Some(lead_id), Some(prospect_id)) = (m.lead_id, m.prospect_id) else {
        return Ok(());
    };
    if let Some(p) = prospect::Entity::find_by_id(prospect_id).one(db).await? {
        if crate::leads::fill_blanks(&p, &row.household).is_some() {
            // Filled in on this municipality's own record only.
            let mine = crate::leads::own_copy(db, lead_id, &p).await?;
            if let Some(update) = crate::leads::fill_blanks(&mine, &row.household) {
                update.update(db).await?;
            }
        }
    }
    if let Some(note) = &row.note {
        let at = row.date.map_or_else(Utc::now, day_start);
        timeline.push(entry(lead_id, job.actor, "note", at, note.clone()));
    }
    lead::Entity::update_many()
        .col_expr(lead::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(lead::Column::Id.eq(lead_id))
        .exec(db)
        .await?;
    audit::write(
        db,
        audit::Entry {
            user_id: job.actor,
            action: "lead_merged_by_import",
            target: Some(("lead", lead_id)),
            prospect: Some(crate::entities::ProspectId(prospect_id)),
            detail: Some(format!("import {}", job.import_id)),
        },
    )
    .await
}

/// A timeline entry of an imported row, dated as the file says.
fn entry(
    lead_id: i64,
    by: Option<UserId>,
    kind: &str,
    at: DateTime<Utc>,
    body: String,
) -> activity::ActiveModel {
    activity::ActiveModel {
        lead_id: Set(lead_id),
        user_id: Set(by.map(|u| u.0)),
        kind: Set(kind.to_string()),
        direction: Set(None),
        occurred_at: Set(at),
        body: Set(Some(body)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}
