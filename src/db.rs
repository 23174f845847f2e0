//! Database connection for both backends, and the session store on the same pool.
//! SQLite gets WAL, foreign keys and a busy timeout; the file and its folder are created.

use std::str::FromStr;
use std::time::Duration;

use sea_orm::sqlx::postgres::PgPoolOptions;
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr, ExecResult,
    QueryResult, SqlxPostgresConnector, SqlxSqliteConnector, Statement, TransactionTrait,
};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The database URL with any password replaced, fit for a message.
pub fn redacted(url: &str) -> String {
    let Ok(mut u) = url::Url::parse(url) else {
        return "(a database URL that is not a URL)".into();
    };
    if u.password().is_some() {
        let _ = u.set_password(Some("***"));
    }
    // A password may also come as a query pair (`?password=…`).
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| match k.to_ascii_lowercase().as_str() {
            "password" | "pass" | "sslpassword" => (k.into_owned(), "***".into()),
            _ => (k.into_owned(), v.into_owned()),
        })
        .collect();
    if !pairs.is_empty() {
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

pub async fn connect(url: &str, max_connections: u32) -> Result<Db, String> {
    let fail = |e: &dyn std::fmt::Display| format!("database: cannot open {}: {e}", redacted(url));
    if url.starts_with("sqlite:") {
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(|e| fail(&e))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let file = opts.get_filename().to_path_buf();
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        // A database made here holds personal data: it is made empty first, readable by
        // its owner only, whatever the umask (SQLite gives its journal files the same mode).
        #[cfg(unix)]
        if !file.exists() && file.as_os_str() != ":memory:" {
            use std::os::unix::fs::OpenOptionsExt;
            let made = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&file);
            // Another process made it meanwhile: it is there, which is all that matters.
            match made {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(fail(&e)),
            }
        }
        // Processes started together on a new file race to turn on its write-ahead log;
        // the loser is told "locked" at once (SQLite does not wait for a lock upgrade that
        // could deadlock), or waits out its busy time behind another's long migration: it
        // tries again, for up to a minute.
        let started = std::time::Instant::now();
        let pool = loop {
            let tried = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts.clone())
                .await;
            match tried {
                Err(e)
                    if e.to_string().contains("database is locked")
                        && started.elapsed() < Duration::from_secs(60) =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                other => break other.map_err(|e| fail(&e))?,
            }
        };
        Ok(Db(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)))
    } else {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(|e| fail(&e))?;
        Ok(Db(SqlxPostgresConnector::from_sqlx_postgres_pool(pool)))
    }
}

/// The file of a SQLite database URL (`None` for PostgreSQL or a bad URL).
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    if !url.starts_with("sqlite:") {
        return None;
    }
    SqliteConnectOptions::from_str(url)
        .ok()
        .map(|o| o.get_filename().to_path_buf())
}

/// Checks that `file` is a sound SQLite database of Lotsbok that this binary can run:
/// SQLite's integrity check passes, and every migration it has applied is one this binary
/// knows (a backup from a newer Lotsbok is refused). Opened read-only.
pub async fn check_sqlite_file(file: &std::path::Path) -> Result<(), String> {
    use migration::MigratorTrait;
    use sea_orm::sqlx::{Connection, Row};
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", file.display());
    let opts = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .create_if_missing(false);
    let mut conn = sea_orm::sqlx::SqliteConnection::connect_with(&opts)
        .await
        .map_err(|e| fail(&e))?;
    let verdict: String = sea_orm::sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .and_then(|r| r.try_get(0))
        .map_err(|e| fail(&e))?;
    if verdict != "ok" {
        return Err(fail(&format!("not sound: {verdict}")));
    }
    let applied: Vec<String> = sea_orm::sqlx::query("SELECT version FROM seaql_migrations")
        .fetch_all(&mut conn)
        .await
        .map_err(|_| fail(&"not a Lotsbok database (no migrations table)"))?
        .iter()
        .filter_map(|r| r.try_get(0).ok())
        .collect();
    let known: Vec<String> = migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    if let Some(unknown) = applied.iter().find(|v| !known.contains(v)) {
        return Err(fail(&format!(
            "made by a newer Lotsbok (migration {unknown} is unknown to this one)"
        )));
    }
    let _ = conn.close().await;
    Ok(())
}

/// A consistent copy of the SQLite database `from` in `to` (which must not exist), read
/// through SQLite (`VACUUM INTO` on a read-only connection), so a write-ahead log beside
/// `from` is part of it.
pub async fn copy_sqlite_file(from: &std::path::Path, to: &std::path::Path) -> Result<(), String> {
    use sea_orm::sqlx::{Connection, Executor};
    let opts = SqliteConnectOptions::new()
        .filename(from)
        .read_only(true)
        .create_if_missing(false);
    let mut conn = sea_orm::sqlx::SqliteConnection::connect_with(&opts)
        .await
        .map_err(|e| format!("{}: {e}", from.display()))?;
    let path = to.to_string_lossy().replace('\'', "''");
    conn.execute(format!("VACUUM INTO '{path}'").as_str())
        .await
        .map_err(|e| format!("{}: {e}", to.display()))?;
    let _ = conn.close().await;
    Ok(())
}

/// Applies every pending migration, the session store's table included. On PostgreSQL one
/// instance at a time: instances started together (as an orchestrator starts them) queue on
/// an advisory lock, held on a connection of its own, and each finds the work of the one
/// before it done. The lock ends with its connection, so a migrator that dies frees it.
pub async fn migrate(db: &Db) -> Result<(), String> {
    use migration::MigratorTrait;
    use sea_orm::sqlx::{Connection, Executor};
    let lock = match db.0.get_database_backend() {
        DatabaseBackend::Postgres => {
            let pool = db.0.get_postgres_connection_pool();
            let mut conn = sea_orm::sqlx::PgConnection::connect_with(&pool.connect_options())
                .await
                .map_err(|e| format!("database: migration lock: {e}"))?;
            conn.execute(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})").as_str())
                .await
                .map_err(|e| format!("database: migration lock: {e}"))?;
            Some(conn)
        }
        _ => None,
    };
    // SQLite: processes started together on one file queue on a lock file beside it.
    let file_lock = match sqlite_file_of(db) {
        Some(file) => Some(migration_file_lock(file).await?),
        None => None,
    };
    let result = async {
        match db.0.get_database_backend() {
            // SQLite: on a connection of its own, closed afterwards. sea-orm runs SQLite's
            // migrations statement by statement on whichever pooled connection is free,
            // and a pooled connection that had taken part then failed a lead's insert with
            // "no such table: leads" once the search index's triggers existed (the tests,
            // run in parallel, now and then); the pool's connections now only ever load
            // the finished schema.
            DatabaseBackend::Sqlite => {
                let opts = db.0.get_sqlite_connection_pool().connect_options();
                let own = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with((*opts).clone())
                    .await
                    .map_err(|e| format!("database: migration connection: {e}"))?;
                let conn = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(own.clone());
                let done = migration::Migrator::up(&conn, None).await;
                own.close().await;
                done
            }
            _ => migration::Migrator::up(db.raw(), None).await,
        }
        .map_err(|e| format!("database: migration failed: {e}"))?;
        DbSessionStore::new(db)
            .migrate()
            .await
            .map_err(|e| format!("database: session table: {e}"))
    }
    .await;
    if let Some(conn) = lock {
        // Closing the connection ends the lock (and so would a crash).
        let _ = conn.close().await;
    }
    drop(file_lock);
    result
}

/// The file of a SQLite pool (not an in-memory database).
fn sqlite_file_of(db: &Db) -> Option<std::path::PathBuf> {
    if db.0.get_database_backend() != DatabaseBackend::Sqlite {
        return None;
    }
    let file =
        db.0.get_sqlite_connection_pool()
            .connect_options()
            .get_filename()
            .to_path_buf();
    (file.as_os_str() != ":memory:" && !file.as_os_str().is_empty()).then_some(file)
}

/// Waits for `<database>.migrate.lock` (held until dropped, or the process ends).
async fn migration_file_lock(file: std::path::PathBuf) -> Result<std::fs::File, String> {
    let mut name = file.into_os_string();
    name.push(".migrate.lock");
    tokio::task::spawn_blocking(move || {
        let lock = std::fs::File::create(&name)?;
        lock.lock()?;
        Ok::<_, std::io::Error>(lock)
    })
    .await
    .map_err(|e| format!("database: migration lock: {e}"))?
    .map_err(|e| format!("database: migration lock: {e}"))
}

/// The advisory lock the migrators of one PostgreSQL database take ("lotsbok" in ASCII).
const MIGRATION_LOCK: i64 = 0x006c_6f74_7362_6f6b;

/// The lock a mailing's batch holds shared while it queues recipients, and a withdrawal of
/// the news consent or an erasure holds alone (`hold`): on PostgreSQL neither then commits
/// in the middle of the other (a batch would queue a mail to a mover erased meanwhile).
pub const RECIPIENTS_LOCK: i64 = 0x006c_6f74_736d_6169;

/// Holds the advisory lock `key` until the transaction `conn` is in ends, on PostgreSQL:
/// shared holders run together, an exclusive one alone. SQLite's write turn already runs
/// one writing transaction at a time.
pub async fn hold(conn: &impl ConnectionTrait, key: i64, shared: bool) -> Result<(), DbErr> {
    if conn.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let f = if shared {
        "pg_advisory_xact_lock_shared"
    } else {
        "pg_advisory_xact_lock"
    };
    conn.query_one(Statement::from_string(
        DatabaseBackend::Postgres,
        format!("SELECT CAST(1 AS BIGINT) AS held FROM (SELECT {f}({key})) AS l"),
    ))
    .await?;
    Ok(())
}

/// tower-sessions' sqlx stores, on sea-orm's own pool, behind one type.
#[derive(Debug, Clone)]
pub enum DbSessionStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl DbSessionStore {
    pub fn new(db: &Db) -> Self {
        let db = db.raw();
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

/// The database as every part of Lotsbok reaches it: the pool behind a handle whose writes
/// always take SQLite's write turn (`WriteTurn`), so no call site can forget it. Reads go
/// straight to the pool; a transaction (`begin`) holds the turn until it ends; a single
/// statement that writes outside a transaction takes the turn for that statement. On
/// PostgreSQL there is no turn: its writers do not exclude each other.
#[derive(Clone, Debug)]
pub struct Db(DatabaseConnection);

impl From<DatabaseConnection> for Db {
    fn from(conn: DatabaseConnection) -> Self {
        Db(conn)
    }
}

impl Db {
    /// The pool itself, for the two that must take it as it is: the migrator and the session
    /// store (tower-sessions writes sessions on its own; they are small and rare). Nothing
    /// else calls this (the architecture test checks).
    pub fn raw(&self) -> &DatabaseConnection {
        &self.0
    }

    /// Begins a transaction that may write, in its turn (see `WriteTurn`). On SQLite it also
    /// takes the write lock first: a transaction that read before writing is refused
    /// ("database is locked") if another writer committed meanwhile, while one that writes
    /// first waits its turn. Reads in it see one snapshot.
    pub async fn begin(&self) -> Result<Txn, DbErr> {
        let turn = write_turn(&self.0).await?;
        let txn = self.0.begin().await?;
        if txn.get_database_backend() == DatabaseBackend::Sqlite {
            // A write that changes nothing, but starts the write transaction.
            txn.execute_unprepared("UPDATE settings SET value = value WHERE key = ''")
                .await?;
        }
        Ok(Txn {
            txn,
            turn: Some(turn),
            nested: false,
        })
    }

    /// Begins a transaction that only reads (one snapshot; an import's check): it takes no
    /// turn, so it holds no other writer up however long it runs, and a statement in it that
    /// would write is refused.
    pub async fn begin_read(&self) -> Result<Txn, DbErr> {
        Ok(Txn {
            txn: self.0.begin().await?,
            turn: None,
            nested: false,
        })
    }

    /// Several statements in one turn, each committing on its own (on PostgreSQL too, where
    /// a transaction would hide each from the others until it ends): the sign-in throttle's
    /// "write the attempt, then count" is one step for every other writer of this process.
    pub async fn turn(&self) -> Result<InTurn, DbErr> {
        let turn = write_turn(&self.0).await?;
        Ok(InTurn {
            conn: self.0.clone(),
            _turn: turn,
        })
    }

    /// How many of this binary's migrations are not yet applied (for `/readyz`), read
    /// without writing anything. Migrations a newer instance applied (a rolling update) do
    /// not count: this instance runs on them as it did before.
    pub async fn pending_migrations(&self) -> Result<usize, DbErr> {
        use migration::MigratorTrait;
        let applied: Vec<String> = self
            .0
            .query_all(Statement::from_string(
                self.0.get_database_backend(),
                "SELECT version FROM seaql_migrations",
            ))
            .await?
            .iter()
            .filter_map(|r| r.try_get_by_index(0).ok())
            .collect();
        Ok(migration::Migrator::migrations()
            .iter()
            .filter(|m| !applied.iter().any(|a| a == m.name()))
            .count())
    }

    /// The pool's connections: open, idle and the most it may open (for `/metrics`).
    pub fn pool_use(&self) -> PoolUse {
        match self.0.get_database_backend() {
            DatabaseBackend::Postgres => {
                let p = self.0.get_postgres_connection_pool();
                PoolUse {
                    size: p.size(),
                    idle: u32::try_from(p.num_idle()).unwrap_or(u32::MAX),
                    max: p.options().get_max_connections(),
                }
            }
            _ => {
                let p = self.0.get_sqlite_connection_pool();
                PoolUse {
                    size: p.size(),
                    idle: u32::try_from(p.num_idle()).unwrap_or(u32::MAX),
                    max: p.options().get_max_connections(),
                }
            }
        }
    }

    /// A consistent copy of a SQLite database in `file` (which must not exist), made while
    /// others go on writing: `VACUUM INTO` reads one snapshot, and takes no write turn.
    pub async fn backup_into(&self, file: &std::path::Path) -> Result<(), DbErr> {
        if self.0.get_database_backend() != DatabaseBackend::Sqlite {
            return Err(DbErr::Custom(
                "backup copies SQLite databases: for PostgreSQL use pg_dump (README)".into(),
            ));
        }
        let path = file.to_string_lossy().replace('\'', "''");
        self.0
            .execute_unprepared(&format!("VACUUM INTO '{path}'"))
            .await?;
        Ok(())
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.0.ping().await
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.0.close().await
    }
}

/// The way in to a task that writes what it is sent, a batch at a time (`audit::Trail`,
/// `interest::intake::Intake`): started by `start` on first use (on the runtime of the
/// one that sends), and again should it have ended.
pub fn writer<T, F>(
    slot: &std::sync::Mutex<Option<tokio::sync::mpsc::UnboundedSender<T>>>,
    start: impl FnOnce(tokio::sync::mpsc::UnboundedReceiver<T>) -> F,
) -> tokio::sync::mpsc::UnboundedSender<T>
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
    match slot.as_ref().filter(|s| !s.is_closed()) {
        Some(s) => s.clone(),
        None => {
            let (send, receive) = tokio::sync::mpsc::unbounded_channel();
            tokio::spawn(start(receive));
            slot.insert(send).clone()
        }
    }
}

/// The pool's connections (see `Db::pool_use`).
#[derive(Clone, Copy, Debug)]
pub struct PoolUse {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

/// Whether a statement only reads (so it needs no turn): a `SELECT`. Anything else,
/// `INSERT … RETURNING` included, may write.
fn reads_only(sql: &str) -> bool {
    let head = sql.trim_start();
    head.get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("select"))
}

#[async_trait::async_trait]
impl ConnectionTrait for Db {
    fn get_database_backend(&self) -> DatabaseBackend {
        self.0.get_database_backend()
    }
    async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        let _turn = write_turn(&self.0).await?;
        self.0.execute(stmt).await
    }
    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        let _turn = match reads_only(sql) {
            true => None,
            false => Some(write_turn(&self.0).await?),
        };
        self.0.execute_unprepared(sql).await
    }
    async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        let _turn = match reads_only(&stmt.sql) {
            true => None,
            false => Some(write_turn(&self.0).await?),
        };
        self.0.query_one(stmt).await
    }
    async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let _turn = match reads_only(&stmt.sql) {
            true => None,
            false => Some(write_turn(&self.0).await?),
        };
        self.0.query_all(stmt).await
    }
    fn support_returning(&self) -> bool {
        self.0.support_returning()
    }
}

/// A transaction from `Db::begin`, holding the write turn until it commits or is dropped
/// (dropped uncommitted, it rolls back); or from `Db::begin_read`, with no turn and reads
/// only. Fields drop in order: the transaction, then the turn.
pub struct Txn {
    txn: DatabaseTransaction,
    /// None: a read-only transaction, or a savepoint (`Txn::savepoint`).
    turn: Option<WriteTurn>,
    /// Within a transaction that may write (a savepoint of one).
    nested: bool,
}

impl Txn {
    /// Refuses a statement that would write in a read-only transaction (a `SET` of the
    /// transaction's own settings is no write).
    fn check(&self, sql: &str) -> Result<(), DbErr> {
        let setting = sql
            .trim_start()
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("set "));
        if self.turn.is_none() && !self.nested && !reads_only(sql) && !setting {
            return Err(DbErr::Custom(
                "a read-only transaction does not write: use Db::begin".into(),
            ));
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    /// A savepoint in this transaction (which may write): committed, it is released into
    /// this one; rolled back or dropped, only what was done since it is undone.
    pub async fn savepoint(&self) -> Result<Txn, DbErr> {
        if self.turn.is_none() && !self.nested {
            return Err(DbErr::Custom(
                "a savepoint is for a transaction that writes: use Db::begin".into(),
            ));
        }
        Ok(Txn {
            txn: self.txn.begin().await?,
            turn: None,
            nested: true,
        })
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Txn {
    fn get_database_backend(&self) -> DatabaseBackend {
        self.txn.get_database_backend()
    }
    async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.check(&stmt.sql)?;
        self.txn.execute(stmt).await
    }
    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.check(sql)?;
        self.txn.execute_unprepared(sql).await
    }
    async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.check(&stmt.sql)?;
        self.txn.query_one(stmt).await
    }
    async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.check(&stmt.sql)?;
        self.txn.query_all(stmt).await
    }
    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

/// Statements in a turn (`Db::turn`), each committing on its own.
pub struct InTurn {
    conn: DatabaseConnection,
    _turn: WriteTurn,
}

#[async_trait::async_trait]
impl ConnectionTrait for InTurn {
    fn get_database_backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }
    async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.conn.execute(stmt).await
    }
    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.conn.execute_unprepared(sql).await
    }
    async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.conn.query_one(stmt).await
    }
    async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.conn.query_all(stmt).await
    }
    fn support_returning(&self) -> bool {
        self.conn.support_returning()
    }
}

/// A turn to write to SQLite, held until dropped. SQLite has one writer at a time, and a
/// connection that finds the database locked polls for it with growing sleeps (1, 2, 5,
/// 10 … ms, up to the busy timeout): under load most of a write's time went to those sleeps,
/// though the lock was free again within a millisecond. Every write of this process therefore
/// queues here, first come, first served, and meets SQLite's lock free. One queue per
/// database file; PostgreSQL has none. A turn is not re-entrant: `Db` takes it, and only
/// `Db` (a transaction writes through itself, never through `Db`).
struct WriteTurn(#[allow(dead_code)] Option<tokio::sync::OwnedMutexGuard<()>>);

/// How long a write waits for its turn: SQLite's busy timeout, so a write behind a long
/// import fails as it would have without the queue, instead of hanging.
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

async fn write_turn(db: &DatabaseConnection) -> Result<WriteTurn, DbErr> {
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
        Err(_) => Err(DbErr::Custom(
            "database is locked: no turn to write within the busy timeout".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_password_never_reaches_a_message() {
        for url in [
            "postgres://lotsbok:s3cret@db.example/lotsbok?sslmode=verify-full",
            "postgres://lotsbok@db.example/lotsbok?password=s3cret&sslmode=require",
            "postgres://db.example/lotsbok?PASSWORD=s3cret",
            "host=db.example password=s3cret",
        ] {
            let shown = crate::db::redacted(url);
            assert!(!shown.contains("s3cret"), "{shown}");
        }
        assert_eq!(
            crate::db::redacted("sqlite://data/lotsbok.db"),
            "sqlite://data/lotsbok.db"
        );
    }
}
