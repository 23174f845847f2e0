//! A year's report figures read from the sums the database keeps (migration 19): per family,
//! municipality (0: the pool), Stockholm month and key, the kept sums plus the changes not
//! yet folded in. The families are the same as those counted from the rows
//! (`figures`), record for record up to order, which the report tests compare figure by
//! figure after every kind of change.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, QueryResult, Statement, Value};

use super::disclosure::{Record, NONE};
use super::figures::{
    contacts_family, index_of, leads_family, moved_family, municipality_code, numbered,
    open_family, outcome_code, outcomes_family, short_code, stay_state, Part, Selection, Year,
};
use crate::domain::{ReasonCode, Source, Status};

/// One kept row: the municipality (None: the pool), the month (0–11), the keys and the sum.
struct Row {
    municipality: Option<i64>,
    month: u8,
    keys: [String; 5],
    n: i64,
}

/// `municipality_key IN (…)`, the pool's 0 too if the selection has it.
fn selected(sel: &Selection, values: &mut Vec<Value>) -> String {
    let mut keys: Vec<i64> = sel.municipalities.clone();
    if sel.include_pool {
        keys.push(0);
    }
    if keys.is_empty() {
        return "1 = 0".into();
    }
    let marks = vec!["?"; keys.len()].join(", ");
    values.extend(keys.into_iter().map(Value::from));
    format!("municipality_key IN ({marks})")
}

/// The family's rows of the year (`None`: every month, as the open tasks are kept).
async fn rows(
    db: &crate::db::Db,
    family: &str,
    sel: &Selection,
    year: Option<i32>,
) -> Result<Vec<Row>, DbErr> {
    let backend = db.get_database_backend();
    let mut values: Vec<Value> = Vec::new();
    let mut filter = String::from("family = ?");
    values.push(family.into());
    if let Some(y) = year {
        filter.push_str(" AND month >= ? AND month <= ?");
        values.push(format!("{y:04}-01").into());
        values.push(format!("{y:04}-12").into());
    }
    filter = format!("{filter} AND {}", selected(sel, &mut values));
    // Both tables take the same filter, one after the other.
    let both: Vec<Value> = values.iter().cloned().chain(values.clone()).collect();
    let cols = "municipality_key, month, k1, k2, k3, k4, k5";
    let sql = format!(
        "SELECT {cols}, CAST(SUM(n) AS BIGINT) AS n FROM (
            SELECT {cols}, n FROM report_counts WHERE {filter}
            UNION ALL
            SELECT {cols}, n FROM report_count_changes WHERE {filter}
         ) x GROUP BY {cols} HAVING SUM(n) <> 0"
    );
    let found = db
        .query_all(Statement::from_sql_and_values(
            backend,
            numbered(backend, &sql),
            both,
        ))
        .await?;
    found.iter().map(row).collect()
}

fn row(r: &QueryResult) -> Result<Row, DbErr> {
    let key = |c: &str| r.try_get::<String>("", c);
    let month: String = key("month")?;
    let m: i64 = r.try_get("", "municipality_key")?;
    Ok(Row {
        municipality: (m != 0).then_some(m),
        month: month
            .get(5..7)
            .and_then(|m| m.parse::<u8>().ok())
            .map_or(0, |m| m.saturating_sub(1).min(11)),
        keys: [key("k1")?, key("k2")?, key("k3")?, key("k4")?, key("k5")?],
        n: r.try_get("", "n")?,
    })
}

/// What the kept figures are at: the changes appended so far (SQLite: the last change's
/// number, one writer at a time and never going back; PostgreSQL: the last number handed
/// out and how many changes are visible, since a change may commit after a newer one), how
/// many folds and rebuilds there were (a fold empties the changes, a rebuild after a bulk
/// load changes figures without a change), and the names a report shows (campaigns,
/// guides). Two reads of the same version read the same figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    changes: (i64, i64),
    generation: i64,
    names: u64,
}

impl Version {
    /// Whether these figures are older than `other`'s: fewer folds, or fewer changes since
    /// the last (the names have no order: a change of names alone is not older).
    pub fn older_than(&self, other: &Version) -> bool {
        (self.generation, self.changes) < (other.generation, other.changes)
    }

    #[cfg(test)]
    pub fn at(generation: i64, change: i64, names: u64) -> Version {
        Version {
            changes: (change, 0),
            generation,
            names,
        }
    }
}

pub async fn version(db: &crate::db::Db) -> Result<Version, DbErr> {
    use std::hash::{Hash, Hasher};
    let backend = db.get_database_backend();
    let generation = format!(
        "(SELECT CAST(value AS BIGINT) FROM settings WHERE key = '{}')",
        migration::REPORT_GENERATION
    );
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => format!(
            "SELECT (SELECT last_value FROM report_count_changes_id_seq) AS v,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM report_count_changes) AS n,
                CAST(COALESCE({generation}, 0) AS BIGINT) AS g"
        ),
        _ => format!(
            "SELECT CAST(COALESCE((SELECT seq FROM sqlite_sequence
                WHERE name = 'report_count_changes'), 0) AS BIGINT) AS v, 0 AS n,
                CAST(COALESCE({generation}, 0) AS BIGINT) AS g"
        ),
    };
    // Mailings are read from their rows (`figures::read_mailings`): the newest recipient,
    // unsubscribe and change of a mailing (a cancel takes recipients back) mark their
    // version, hashed with the names (no order: a change of them alone is not older).
    // So are jobs and homes (`figures::read_offers`): the newest selection, and the newest
    // change of a vacancy (its publication) and of a home.
    let mailed = "SELECT (SELECT CAST(MAX(id) AS TEXT) FROM mailing_recipients) AS a,
        (SELECT CAST(MAX(unsubscribed_at) AS TEXT) FROM mailing_recipients) AS b,
        (SELECT CAST(MAX(updated_at) AS TEXT) FROM mailings) AS c,
        (SELECT CAST(MAX(id) AS TEXT) FROM selections) AS d,
        (SELECT CAST(MAX(updated_at) AS TEXT) FROM vacancies) AS e,
        (SELECT CAST(MAX(updated_at) AS TEXT) FROM homes) AS f";
    let (changes, names, mailings) = tokio::try_join!(
        db.query_one(Statement::from_string(backend, sql)),
        db.query_all(Statement::from_string(
            backend,
            "SELECT id, name FROM campaigns UNION ALL SELECT id, name FROM users ORDER BY 1, 2",
        )),
        db.query_one(Statement::from_string(backend, mailed)),
    )?;
    let mut hash = rustc_hash::FxHasher::default();
    if let Some(r) = &mailings {
        for col in ["a", "b", "c", "d", "e", "f"] {
            r.try_get::<Option<String>>("", col)?.hash(&mut hash);
        }
    }
    for r in &names {
        r.try_get::<i64>("", "id")?.hash(&mut hash);
        r.try_get::<String>("", "name")?.hash(&mut hash);
    }
    let (changes, generation) = match changes {
        Some(r) => (
            (r.try_get::<i64>("", "v")?, r.try_get::<i64>("", "n")?),
            r.try_get::<i64>("", "g")?,
        ),
        None => ((0, 0), 0),
    };
    Ok(Version {
        changes,
        generation,
        names: hash.finish(),
    })
}

fn number(s: &str) -> Option<i64> {
    s.parse().ok()
}

/// The year's families for the selection, as `figures::year` counts them from the rows.
pub async fn year(
    db: &crate::db::Db,
    sel: &Selection,
    (year, today): (i32, NaiveDate),
    guides: bool,
    part: Part,
) -> Result<Year, DbErr> {
    let (leads, moved, contacts) = tokio::try_join!(
        rows(db, "lead", sel, Some(year)),
        rows(db, "moved", sel, Some(year)),
        rows(db, "contact", sel, Some(year)),
    )?;
    let (outcomes, open) = match part {
        Part::All => {
            let (o, t) = tokio::try_join!(
                rows(db, "outcome", sel, Some(year)),
                rows(db, "task", sel, None)
            )?;
            (Some(o), Some(t))
        }
        Part::Totals => (None, None),
    };
    let (leads, campaigns) = lead_records(db, leads).await?;
    let (moved, days) = moved_records(moved, today);
    let (contacts, guides_named) = contact_records(db, contacts).await?;
    Ok(Year {
        leads: leads_family(sel, leads),
        moved: moved_family(sel, moved, (year, today)),
        days,
        contacts: contacts_family(sel, contacts, guides),
        outcomes: outcomes.map_or_else(Default::default, |o| outcomes_family(outcome_records(o))),
        open: open.map_or_else(Default::default, |t| {
            open_family(sel, task_records(t, today))
        }),
        campaigns,
        guides: guides_named,
        ..Year::default()
    })
}

/// Names of the ids of a table that the records use.
async fn names(
    db: &crate::db::Db,
    table: &str,
    ids: impl Iterator<Item = u32>,
) -> Result<HashMap<u32, String>, DbErr> {
    let mut ids: Vec<u32> = ids.filter(|i| *i != NONE).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT id, name FROM {table} WHERE id IN ({})",
        vec!["?"; ids.len()].join(", ")
    );
    let found = db
        .query_all(Statement::from_sql_and_values(
            backend,
            numbered(backend, &sql),
            ids.iter().map(|i| Value::from(i64::from(*i))),
        ))
        .await?;
    found
        .iter()
        .map(|r| Ok((r.try_get::<i64>("", "id")? as u32, r.try_get("", "name")?)))
        .collect()
}

async fn lead_records(
    db: &crate::db::Db,
    rows: Vec<Row>,
) -> Result<(Vec<Record>, HashMap<u32, String>), DbErr> {
    let records: Vec<Record> = rows
        .into_iter()
        .map(|r| {
            let [source, campaign, country, county, step] = &r.keys;
            Record {
                attrs: vec![
                    municipality_code(r.municipality),
                    index_of(Source::ALL, Source::parse(source)),
                    number(campaign).map_or(NONE, |c| c as u32),
                    if country.is_empty() {
                        0
                    } else {
                        short_code(country)
                    },
                    if county.is_empty() {
                        NONE
                    } else {
                        short_code(county)
                    },
                    number(step).unwrap_or(0).clamp(0, 5) as u32,
                ],
                month: r.month,
                weight: r.n,
                unit: vec![1],
            }
        })
        .collect();
    let campaigns = names(
        db,
        "campaigns",
        records
            .iter()
            .map(|r| r.attrs[super::figures::leads::CAMPAIGN]),
    )
    .await?;
    Ok((records, campaigns))
}

/// A stay check as kept ("checks|first answer|last due day") as its state today.
fn stay(kept: &str, today: NaiveDate) -> u32 {
    let mut parts = kept.splitn(3, '|');
    let checks = parts.next().and_then(number).unwrap_or(0);
    let answer = parts.next().filter(|a| !a.is_empty()).map(str::to_string);
    let later = parts
        .next()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .is_some_and(|due| due > today);
    stay_state(answer, i64::from(later), checks > 0)
}

/// One record per household (each has its own days to move), as counted from the rows.
fn moved_records(rows: Vec<Row>, today: NaiveDate) -> (Vec<Record>, Vec<i64>) {
    let mut records = Vec::new();
    let mut days = Vec::new();
    for r in rows {
        let [source, d, six, twelve, household] = &r.keys;
        let (a, c) = household.split_once('|').unwrap_or(("0", "0"));
        let (a, c) = (number(a).unwrap_or(0).max(0), number(c).unwrap_or(0).max(0));
        for _ in 0..r.n.max(0) {
            records.push(Record {
                attrs: vec![
                    municipality_code(r.municipality),
                    index_of(Source::ALL, Source::parse(source)),
                    stay(six, today),
                    stay(twelve, today),
                ],
                month: r.month,
                weight: 1,
                unit: vec![1, a, c, a + c],
            });
            days.push(number(d).unwrap_or(0));
        }
    }
    (records, days)
}

async fn contact_records(
    db: &crate::db::Db,
    rows: Vec<Row>,
) -> Result<(Vec<Record>, HashMap<u32, String>), DbErr> {
    let records: Vec<Record> = rows
        .into_iter()
        .map(|r| Record {
            attrs: vec![
                municipality_code(r.municipality),
                number(&r.keys[0]).map_or(NONE, |g| g as u32),
            ],
            month: r.month,
            weight: r.n,
            unit: vec![1],
        })
        .collect();
    let guides = names(
        db,
        "users",
        records
            .iter()
            .map(|r| r.attrs[super::figures::contacts::GUIDE]),
    )
    .await?;
    Ok((records, guides))
}

fn outcome_records(rows: Vec<Row>) -> Vec<Record> {
    rows.into_iter()
        .map(|r| Record {
            attrs: vec![outcome_code(
                Status::parse(&r.keys[0]),
                ReasonCode::parse(&r.keys[1]),
            )],
            month: r.month,
            weight: r.n,
            unit: vec![1],
        })
        .collect()
}

/// Open tasks per municipality and due day, as overdue or not today.
fn task_records(rows: Vec<Row>, today: NaiveDate) -> Vec<Record> {
    let mut sums: HashMap<(u32, u32), i64> = HashMap::new();
    for r in rows {
        let late = NaiveDate::parse_from_str(&r.keys[0], "%Y-%m-%d").is_ok_and(|d| d < today);
        *sums
            .entry((
                municipality_code(r.municipality),
                if late { 1 } else { NONE },
            ))
            .or_default() += r.n;
    }
    let mut records: Vec<Record> = sums
        .into_iter()
        .map(|((m, late), n)| Record {
            attrs: vec![m, late],
            month: 0,
            weight: n,
            unit: vec![1],
        })
        .collect();
    records.sort_by(|a, b| a.attrs.cmp(&b.attrs));
    records
}

#[cfg(test)]
mod tests {
    use crate::domain::ActivityKind;
    use crate::reports::figures::PIPELINE;

    /// The migration's lists are the app's: a new status or contact kind must be kept too.
    #[test]
    fn the_kept_statuses_and_contacts_are_the_apps() {
        let pipeline: Vec<&str> = PIPELINE.iter().map(|s| s.as_str()).collect();
        assert_eq!(pipeline, migration::REPORT_PIPELINE);
        let contacts: Vec<&str> = ActivityKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(contacts, migration::REPORT_CONTACT_KINDS);
    }
}
