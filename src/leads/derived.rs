//! What the database derives from leads and prospects by triggers: the leads per
//! municipality and status (migration 10: triggers append signed changes to
//! `lead_count_changes`, `fold` moves them into `lead_counts`, and a count is the sum of
//! both; anonymised movers are not counted, as the list hides them; the regional pool is
//! municipality key 0), and SQLite's search index `lead_search` (migration 18).

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

/// Moves the changes into the totals. Safe to run from several instances at once: on
/// PostgreSQL each change row is deleted (and so added) by one of them only; SQLite has one
/// writer at a time.
pub async fn fold(db: &crate::db::Db) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let pending = db
        .query_one(Statement::from_string(
            backend,
            "SELECT 1 AS x FROM lead_count_changes LIMIT 1",
        ))
        .await?;
    if pending.is_none() {
        return Ok(());
    }
    match backend {
        DatabaseBackend::Postgres => {
            db.execute_unprepared(
                "WITH moved AS (DELETE FROM lead_count_changes RETURNING municipality_key, status, n)
                 INSERT INTO lead_counts (municipality_key, status, n)
                 SELECT municipality_key, status, SUM(n) FROM moved
                 GROUP BY municipality_key, status
                 ON CONFLICT (municipality_key, status) DO UPDATE SET n = lead_counts.n + excluded.n",
            )
            .await?;
        }
        _ => {
            let txn = db.begin().await?;
            txn.execute_unprepared(
                "INSERT INTO lead_counts (municipality_key, status, n)
                 SELECT municipality_key, status, SUM(n) FROM lead_count_changes WHERE 1
                 GROUP BY municipality_key, status
                 ON CONFLICT (municipality_key, status) DO UPDATE SET n = n + excluded.n",
            )
            .await?;
            txn.execute_unprepared("DELETE FROM lead_count_changes")
                .await?;
            txn.commit().await?;
        }
    }
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
    txn.commit().await
}
