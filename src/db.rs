//! Database connection for both backends, and the session store on the same pool.
//! SQLite gets WAL, foreign keys and a busy timeout; the file and its folder are created.

use std::str::FromStr;
use std::time::Duration;

use sea_orm::sqlx::postgres::PgPoolOptions;
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, SqlxPostgresConnector,
    SqlxSqliteConnector,
};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The database URL with any password replaced, fit for a message.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, String> {
    let fail = |e: &dyn std::fmt::Display| format!("database: cannot open {}: {e}", redacted(url));
    if url.starts_with("sqlite:") {
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(|e| fail(&e))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let file = opts.get_filename();
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await
            .map_err(|e| fail(&e))?;
        Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
    } else {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(|e| fail(&e))?;
        Ok(SqlxPostgresConnector::from_sqlx_postgres_pool(pool))
    }
}

/// Applies every pending migration, the session store's table included.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), String> {
    use migration::MigratorTrait;
    migration::Migrator::up(db, None)
        .await
        .map_err(|e| format!("database: migration failed: {e}"))?;
    DbSessionStore::new(db)
        .migrate()
        .await
        .map_err(|e| format!("database: session table: {e}"))
}

/// tower-sessions' sqlx stores, on sea-orm's own pool, behind one type.
#[derive(Debug, Clone)]
pub enum DbSessionStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl DbSessionStore {
    pub fn new(db: &DatabaseConnection) -> Self {
        // get_*_connection_pool panics on the other backend, so ask first.
        match db.get_database_backend() {
            DatabaseBackend::Postgres => Self::Postgres(PostgresStore::new(
                db.get_postgres_connection_pool().clone(),
            )),
            _ => Self::Sqlite(SqliteStore::new(db.get_sqlite_connection_pool().clone())),
        }
    }

    pub async fn migrate(&self) -> Result<(), sea_orm::sqlx::Error> {
        match self {
            Self::Sqlite(s) => s.migrate().await,
            Self::Postgres(s) => s.migrate().await,
        }
    }
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.create(record).await,
            Self::Postgres(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.save(record).await,
            Self::Postgres(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(s) => s.load(id).await,
            Self::Postgres(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.delete(id).await,
            Self::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.delete_expired().await,
            Self::Postgres(s) => s.delete_expired().await,
        }
    }
}

/// A turn to write to SQLite, held until dropped. SQLite has one writer at a time, and a
/// connection that finds the database locked polls for it with growing sleeps (1, 2, 5,
/// 10 … ms, up to the busy timeout): under load most of a write's time went to those sleeps,
/// though the lock was free again within a millisecond. The busy writes of this process (the
/// public forms, the audit entries of page views, the outbox worker, imports) therefore
/// queue here, first come, first served, and meet SQLite's lock free. One queue per
/// database file; PostgreSQL has none (its writers do not exclude each other). A turn is
/// not re-entrant: while holding one, write through its transaction, not the connection.
pub struct WriteTurn(#[allow(dead_code)] Option<tokio::sync::OwnedMutexGuard<()>>);

/// How long a write waits for its turn: SQLite's busy timeout, so a write behind a long
/// import fails as it would have without the queue, instead of hanging.
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

pub async fn write_turn(db: &DatabaseConnection) -> Result<WriteTurn, sea_orm::DbErr> {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{Arc, Mutex, OnceLock};
    type Queues = Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>;
    static QUEUES: OnceLock<Queues> = OnceLock::new();
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Ok(WriteTurn(None));
    }
    let file = db
        .get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    let queue = QUEUES
        .get_or_init(Queues::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(file)
        .or_default()
        .clone();
    match tokio::time::timeout(TURN_TIMEOUT, queue.lock_owned()).await {
        Ok(guard) => Ok(WriteTurn(Some(guard))),
        Err(_) => Err(sea_orm::DbErr::Custom(
            "database is locked: no turn to write within the busy timeout".into(),
        )),
    }
}

/// Begins a transaction that will write, in its turn (`write_turn`; keep the turn until the
/// transaction ends). On SQLite it also takes the write lock first: a transaction that read
/// before writing is refused ("database is locked") if another writer committed meanwhile,
/// while one that writes first waits its turn.
pub async fn begin_write(
    db: &DatabaseConnection,
) -> Result<(WriteTurn, sea_orm::DatabaseTransaction), sea_orm::DbErr> {
    use sea_orm::TransactionTrait;
    let turn = write_turn(db).await?;
    let txn = db.begin().await?;
    if txn.get_database_backend() == DatabaseBackend::Sqlite {
        // A write that changes nothing, but starts the write transaction.
        txn.execute_unprepared("UPDATE settings SET value = value WHERE key = ''")
            .await?;
    }
    Ok((turn, txn))
}
