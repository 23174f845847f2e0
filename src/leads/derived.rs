//! What the database derives from leads and prospects by triggers: the leads per
//! municipality and status (migration 10: triggers append signed changes to
//! `lead_count_changes`, `fold` moves them into `lead_counts`, and a count is the sum of
//! both; anonymised movers are not counted, as the list hides them; the regional pool is
//! municipality key 0), SQLite's search index `lead_search` (migration 18), and the
//! report's figures (migration 19: `report_lead_keys`, folded like the lead counts).

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement};

use crate::scope::Scope;

/// Leads per status in the guide's municipality.
pub async fn own_per_status(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<HashMap<String, i64>, DbErr> {
    per_status(db, scope.bind()).await
}

/// Leads per status in the regional pool (municipality key 0).
pub async fn pool_per_status(db: &impl ConnectionTrait) -> Result<HashMap<String, i64>, DbErr> {
    per_status(db, 0i64.into()).await
}

/// Leads per municipality key (0: the pool) and status, for the whole region: counts only.
pub async fn region_per_status(
    db: &impl ConnectionTrait,
) -> Result<std::collections::BTreeMap<(i64, String), i64>, DbErr> {
    let rows = db
        .query_all(Statement::from_string(
            db.get_database_backend(),
            "SELECT municipality_key AS m, status, CAST(SUM(n) AS BIGINT) AS n FROM (
                SELECT municipality_key, status, n FROM lead_counts
                UNION ALL
                SELECT municipality_key, status, n FROM lead_count_changes
             ) c GROUP BY municipality_key, status",
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                (
                    r.try_get::<i64>("", "m")?,
                    r.try_get::<String>("", "status")?,
                ),
                r.try_get("", "n")?,
            ))
        })
        .filter(|r: &Result<((i64, String), i64), DbErr>| !matches!(r, Ok((_, 0))))
        .collect()
}

async fn per_status(
    db: &impl ConnectionTrait,
    key: sea_orm::Value,
) -> Result<HashMap<String, i64>, DbErr> {
    let backend = db.get_database_backend();
    let p = |n: usize| match backend {
        DatabaseBackend::Postgres => format!("${n}"),
        _ => "?".to_string(),
    };
    // One statement, so that a fold committing meanwhile is seen whole or not at all.
    let sql = format!(
        "SELECT status, CAST(SUM(n) AS BIGINT) AS n FROM (
            SELECT status, n FROM lead_counts WHERE municipality_key = {}
            UNION ALL
            SELECT status, n FROM lead_count_changes WHERE municipality_key = {}
         ) c GROUP BY status",
        p(1),
        p(2)
    );
    let rows = db
        .query_all(Statement::from_sql_and_values(
            backend,
            sql,
            [key.clone(), key],
        ))
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<String>("", "status")?, r.try_get("", "n")?)))
        .filter(|r: &Result<(String, i64), DbErr>| !matches!(r, Ok((_, 0))))
        .collect()
}

/// Moves the changes into the totals: the lead counts, and the report's figures (migration
/// 19). Safe to run from several instances at once: on PostgreSQL each change row is deleted
/// (and so added) by one of them only; SQLite has one writer at a time.
pub async fn fold(db: &crate::db::Db) -> Result<(), DbErr> {
    fold_into(
        db,
        ("lead_count_changes", "lead_counts"),
        "municipality_key, status",
        &["n"],
    )
    .await?;
    fold_into(
        db,
        ("report_count_changes", "report_counts"),
        "family, month, municipality_key, k1, k2, k3, k4, k5",
        &["n", "a", "c"],
    )
    .await
}

/// Adds the rows of `changes` to those of `counts` with the same `key`, and deletes them.
async fn fold_into(
    db: &crate::db::Db,
    (changes, counts): (&str, &str),
    key: &str,
    sums: &[&str],
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let pending = db
        .query_one(Statement::from_string(
            backend,
            format!(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM {changes} LIMIT {}) p",
                VACUUM_AFTER + 1
            ),
        ))
        .await?
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    if pending == 0 {
        return Ok(());
    }
    let cols = sums.join(", ");
    let summed = sums
        .iter()
        .map(|c| format!("SUM({c})"))
        .collect::<Vec<_>>()
        .join(", ");
    let add = |prefix: &str| {
        sums.iter()
            .map(|c| format!("{c} = {prefix}{c} + excluded.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let txn = db.begin().await?;
    // The sums it touched come back: those at zero (a lead moved away, a task done) are
    // deleted, by key, so that a fold never reads the whole table.
    let touched = match backend {
        DatabaseBackend::Postgres => {
            txn.query_all(Statement::from_string(
                backend,
                format!(
                    "WITH moved AS (DELETE FROM {changes} RETURNING {key}, {cols})
                     INSERT INTO {counts} ({key}, {cols})
                     SELECT {key}, {summed} FROM moved GROUP BY {key}
                     ON CONFLICT ({key}) DO UPDATE SET {}
                     RETURNING {key}, {cols}",
                    add(&format!("{counts}."))
                ),
            ))
            .await?
        }
        _ => {
            let rows = txn
                .query_all(Statement::from_string(
                    backend,
                    format!(
                        "INSERT INTO {counts} ({key}, {cols})
                         SELECT {key}, {summed} FROM {changes} WHERE 1 GROUP BY {key}
                         ON CONFLICT ({key}) DO UPDATE SET {}
                         RETURNING {key}, {cols}",
                        add("")
                    ),
                ))
                .await?;
            txn.execute_unprepared(&format!("DELETE FROM {changes}"))
                .await?;
            rows
        }
    };
    let keys: Vec<&str> = key.split(", ").collect();
    for row in &touched {
        let zero = sums
            .iter()
            .all(|c| row.try_get::<i64>("", c).is_ok_and(|n| n == 0));
        if !zero {
            continue;
        }
        let mut values: Vec<sea_orm::Value> = Vec::new();
        for k in &keys {
            values.push(match *k {
                "municipality_key" => row.try_get::<i64>("", k)?.into(),
                _ => row.try_get::<String>("", k)?.into(),
            });
        }
        let filter = keys
            .iter()
            .enumerate()
            .map(|(i, k)| match backend {
                DatabaseBackend::Postgres => format!("{k} = ${}", i + 1),
                _ => format!("{k} = ?"),
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        txn.execute(Statement::from_sql_and_values(
            backend,
            format!("DELETE FROM {counts} WHERE {filter}"),
            values,
        ))
        .await?;
    }
    bump_generation(&txn, counts).await?;
    txn.commit().await?;
    // PostgreSQL keeps deleted rows until a vacuum, and every page view reads the counts'
    // changes through a bitmap scan, which visits each dead row: after a bulk change (an
    // import, the retention of 200 000 movers) that cost a list page 6–15 ms until
    // autovacuum came by. A large fold vacuums its table at once (outside a transaction).
    // The fold is done by then: a vacuum refused (another one running, a lock) is only
    // work left to autovacuum, never a failed fold.
    if backend == DatabaseBackend::Postgres && pending > VACUUM_AFTER {
        if let Err(e) = db.execute_unprepared(&format!("VACUUM {changes}")).await {
            tracing::warn!(table = changes, error = %e, "vacuum after a large fold refused");
        }
    }
    Ok(())
}

/// How many rows a fold moves before it vacuums the changes' table (PostgreSQL).
pub const VACUUM_AFTER: i64 = 10_000;

/// Counts a fold or rebuild of the report's figures (`migration::REPORT_GENERATION`): part
/// of their version (`reports::kept::version`), since a fold empties the changes without
/// changing a figure, and a rebuild changes figures without appending a change.
async fn bump_generation(txn: &impl ConnectionTrait, counts: &str) -> Result<(), DbErr> {
    if counts != "report_counts" {
        return Ok(());
    }
    txn.execute_unprepared(&format!(
        "INSERT INTO settings (key, value) VALUES ('{}', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)",
        migration::REPORT_GENERATION
    ))
    .await?;
    Ok(())
}

/// Derives everything again from the leads and prospects (after a bulk load that ran
/// without the triggers).
pub async fn rebuild(db: &crate::db::Db) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    let search: &[&str] = match db.get_database_backend() {
        DatabaseBackend::Sqlite => &[
            "INSERT INTO lead_search (lead_search) VALUES ('delete-all')",
            "INSERT INTO lead_search (rowid, doc)
                SELECT (COALESCE(l.municipality_id, 0) << 40) | l.id,
                       p.search_text || ' ' || COALESCE(p.phone, '')
                FROM leads l JOIN prospects p ON p.id = l.prospect_id",
        ],
        _ => &[],
    };
    for sql in search.iter().copied().chain([
        "DELETE FROM lead_count_changes",
        "DELETE FROM lead_counts",
        "INSERT INTO lead_counts (municipality_key, status, n)
            SELECT COALESCE(l.municipality_id, 0), l.status, COUNT(*)
            FROM leads l JOIN prospects p ON p.id = l.prospect_id
            WHERE p.anonymised_at IS NULL
            GROUP BY COALESCE(l.municipality_id, 0), l.status",
    ]) {
        txn.execute_unprepared(sql).await?;
    }
    for sql in migration::report_fill(db.get_database_backend()) {
        txn.execute_unprepared(&sql).await?;
    }
    bump_generation(&txn, "report_counts").await?;
    txn.commit().await
}
