//! Multi-row INSERTs for the demo generator: a million leads go in as thousands of rows per
//! statement inside large transactions, which is what makes "a million in under two minutes"
//! possible on SQLite. Rows carry explicit ids; PostgreSQL's sequences are moved past them.

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement, Value};

/// Largest number of bound values per statement (SQLite allows 32766, PostgreSQL 65535).
const MAX_VALUES: usize = 30_000;

pub async fn insert(
    db: &impl ConnectionTrait,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let per = (MAX_VALUES / columns.len()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per).collect();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut values = Vec::with_capacity(chunk.len() * columns.len());
        let mut n = 0;
        for (i, row) in chunk.into_iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for (j, v) in row.into_iter().enumerate() {
                if j > 0 {
                    sql.push(',');
                }
                n += 1;
                match backend {
                    DatabaseBackend::Postgres => sql.push_str(&format!("${n}")),
                    _ => sql.push('?'),
                }
                values.push(v);
            }
            sql.push(')');
        }
        db.execute(Statement::from_sql_and_values(backend, sql, values))
            .await?;
    }
    Ok(())
}

/// The next free id of a table.
pub async fn next_id(db: &impl ConnectionTrait, table: &str) -> Result<i64, DbErr> {
    let row = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) AS m FROM {table}"),
        ))
        .await?;
    Ok(row
        .and_then(|r| r.try_get::<i64>("", "m").ok())
        .unwrap_or(0)
        + 1)
}

/// After inserting explicit ids, PostgreSQL's sequence must be moved past them.
pub async fn fix_sequence(db: &impl ConnectionTrait, table: &str) -> Result<(), DbErr> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
        ))
        .await?;
    }
    Ok(())
}

/// The tables the demo fills.
const TABLES: &str = "'prospects', 'consents', 'leads', 'activities', 'follow_ups'";

/// What a load into an empty database set aside, to be put back by `resume`.
pub struct Suspended(Vec<String>);

/// Sets the indexes and triggers of the demo's tables aside for a load into an empty
/// database. SQLite: the secondary indexes and the triggers are dropped (their SQL kept):
/// building an index once from the loaded rows is far faster than keeping it through a
/// million inserts in random order. PostgreSQL: the row triggers are disabled, the indexes
/// stay. `resume` puts everything back and derives what the triggers would have.
pub async fn suspend(db: &crate::db::Db) -> Result<Suspended, DbErr> {
    let backend = db.get_database_backend();
    if backend == DatabaseBackend::Postgres {
        for t in ["prospects", "leads", "activities", "follow_ups"] {
            db.execute_unprepared(&format!("ALTER TABLE {t} DISABLE TRIGGER USER"))
                .await?;
        }
        return Ok(Suspended(Vec::new()));
    }
    let rows = db
        .query_all(Statement::from_string(
            backend,
            format!(
                "SELECT type, name, sql FROM sqlite_master
                 WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ({TABLES})"
            ),
        ))
        .await?;
    let mut kept = Vec::new();
    for r in rows {
        let (kind, name, sql): (String, String, String) = (
            r.try_get("", "type")?,
            r.try_get("", "name")?,
            r.try_get("", "sql")?,
        );
        db.execute_unprepared(&format!("DROP {kind} \"{name}\""))
            .await?;
        kept.push(sql);
    }
    Ok(Suspended(kept))
}

/// Puts back what `suspend` set aside, and derives the lead counts and search index anew.
pub async fn resume(db: &crate::db::Db, s: Suspended) -> Result<(), DbErr> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        for t in ["prospects", "leads", "activities", "follow_ups"] {
            db.execute_unprepared(&format!("ALTER TABLE {t} ENABLE TRIGGER USER"))
                .await?;
        }
    }
    for sql in s.0 {
        db.execute_unprepared(&sql).await?;
    }
    crate::leads::derived::rebuild(db).await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        // Building the indexes went through the write-ahead log in one transaction (GBs
        // for a million leads); copy it into the database now and empty it, rather than
        // leave the first start of the server to read it all.
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    Ok(())
}
