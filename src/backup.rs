//! Backups of a SQLite database: `lotsbok backup FILE` and the scheduled ones copy it while
//! the server runs (`Db::backup_into`, SQLite's `VACUUM INTO`); `lotsbok restore FILE` puts
//! one back, only while no server holds the database. A serving process holds a shared lock
//! on `<database>.lock` for its lifetime (several may serve one file); a restore takes it
//! exclusively, so it is refused while any of them runs. PostgreSQL is backed up with its
//! own tools (README, "Backup and restore").

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::config::BackupConfig;
use crate::db::{self, Db};

/// The lock beside a SQLite database file.
fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// What a server holds while it serves a SQLite database (nothing for PostgreSQL).
pub struct Serving(#[allow(dead_code)] Option<File>);

/// Takes the serving lock of the configured database (shared: other servers may hold it too).
pub fn hold(database_url: &str) -> Result<Serving, String> {
    let Some(file) = db::sqlite_file(database_url) else {
        return Ok(Serving(None));
    };
    if file.as_os_str() == ":memory:" || database_url.contains("mode=memory") {
        return Ok(Serving(None));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("database: cannot create {}: {e}", dir.display()))?;
    }
    let lock = File::create(lock_path(&file))
        .map_err(|e| format!("database: cannot open {}: {e}", lock_path(&file).display()))?;
    lock.try_lock_shared().map_err(|_| {
        format!(
            "database: {} is being restored; start again when it is done",
            file.display()
        )
    })?;
    Ok(Serving(Some(lock)))
}

/// `lotsbok backup FILE`: a consistent copy of the running database.
pub async fn backup(db: &Db, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!("backup: {} exists already", to.display()));
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("backup: {}: {e}", dir.display()))?;
    }
    // Written under a temporary name, so a backup that fails half-way leaves no file that
    // looks like one.
    let tmp = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&tmp);
    db.backup_into(&tmp)
        .await
        .map_err(|e| format!("backup: {e}"))?;
    db::check_sqlite_file(&tmp)
        .await
        .map_err(|e| format!("backup: the copy is not sound: {e}"))?;
    std::fs::rename(&tmp, to).map_err(|e| format!("backup: {}: {e}", to.display()))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `lotsbok restore FILE`: puts a backup back in place of the configured SQLite database.
/// Refused while a server holds the database, and for a file that is not a sound Lotsbok
/// database this binary can run. The database it replaces is kept beside it
/// (`<database>.replaced-<time>`), never deleted. Returns that name, if there was one.
pub async fn restore(database_url: &str, from: &Path) -> Result<Option<PathBuf>, String> {
    let Some(file) = db::sqlite_file(database_url) else {
        return Err(
            "restore: puts back SQLite databases; for PostgreSQL use pg_restore (README)".into(),
        );
    };
    db::check_sqlite_file(from)
        .await
        .map_err(|e| format!("restore: {e}"))?;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("restore: {}: {e}", dir.display()))?;
    }
    let lock = File::create(lock_path(&file))
        .map_err(|e| format!("restore: cannot open {}: {e}", lock_path(&file).display()))?;
    lock.try_lock().map_err(|_| {
        format!(
            "restore: a server is running on {}; stop it first",
            file.display()
        )
    })?;
    let io = |e: std::io::Error| format!("restore: {e}");
    let tmp = with_suffix(&file, ".restoring");
    std::fs::copy(from, &tmp).map_err(io)?;
    File::open(&tmp).and_then(|f| f.sync_all()).map_err(io)?;
    let kept = if file.exists() {
        let kept = with_suffix(
            &file,
            &format!(".replaced-{}", Utc::now().format("%Y%m%dT%H%M%SZ")),
        );
        std::fs::rename(&file, &kept).map_err(io)?;
        Some(kept)
    } else {
        None
    };
    // The replaced database's write-ahead log belongs to it, not to the backup.
    for side in ["-wal", "-shm"] {
        let side_file = with_suffix(&file, side);
        if side_file.exists() {
            match &kept {
                Some(k) => std::fs::rename(&side_file, with_suffix(k, side)).map_err(io)?,
                None => std::fs::remove_file(&side_file).map_err(io)?,
            }
        }
    }
    std::fs::rename(&tmp, &file).map_err(io)?;
    drop(lock);
    Ok(kept)
}

/// One scheduled backup into `cfg.dir`, then the oldest beyond `cfg.keep` deleted.
/// Returns the new file.
pub async fn scheduled(db: &Db, cfg: &BackupConfig) -> Result<PathBuf, String> {
    let to = cfg.dir.join(format!(
        "lotsbok-{}.db",
        Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
    ));
    backup(db, &to).await?;
    let mut old: Vec<PathBuf> = std::fs::read_dir(&cfg.dir)
        .map_err(|e| format!("backup: {}: {e}", cfg.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("lotsbok-") && n.ends_with(".db"))
        })
        .collect();
    // The names sort by time.
    old.sort();
    let surplus = old.len().saturating_sub(cfg.keep.max(1));
    for path in old.into_iter().take(surplus) {
        std::fs::remove_file(&path).map_err(|e| format!("backup: {}: {e}", path.display()))?;
    }
    Ok(to)
}
