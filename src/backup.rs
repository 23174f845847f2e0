//! Backups of a SQLite database: `lotsbok backup FILE` and the scheduled ones copy it while
//! the server runs (`Db::backup_into`, SQLite's `VACUUM INTO`); `lotsbok restore FILE` puts
//! one back, only while no process uses the database. Every process that opens it (`serve`
//! and every command but `restore`) holds a shared lock on `<database>.lock` for as long as
//! it runs (several may); a restore takes it exclusively, so it is refused while any of them
//! runs, and none can start during a restore. PostgreSQL is backed up with its own tools
//! (README, "Backup and restore").

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::config::BackupConfig;
use crate::db::{self, Db};

/// The lock beside a SQLite database file.
fn lock_path(database: &Path) -> PathBuf {
    with_suffix(database, ".lock")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What a process holds while it uses a SQLite database (nothing for PostgreSQL).
pub struct Using(#[allow(dead_code)] Option<File>);

/// Takes the configured database's lock, shared (other processes may hold it too).
pub fn hold(database_url: &str) -> Result<Using, String> {
    let Some(file) = db::sqlite_file(database_url) else {
        return Ok(Using(None));
    };
    if file.as_os_str() == ":memory:" || database_url.contains("mode=memory") {
        return Ok(Using(None));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("database: cannot create {}: {e}", dir.display()))?;
    }
    let path = lock_path(&file);
    let lock = File::create(&path)
        .map_err(|e| format!("database: cannot open {}: {e}", path.display()))?;
    match lock.try_lock_shared() {
        Ok(()) => Ok(Using(Some(lock))),
        Err(TryLockError::WouldBlock) => Err(format!(
            "database: {} is being restored; start again when that is done",
            file.display()
        )),
        Err(TryLockError::Error(e)) => Err(format!(
            "database: cannot lock {} ({e}); the database must be on a local file system",
            path.display()
        )),
    }
}

/// Why a command found no database: most likely a relative path (the default
/// `data/lotsbok.db`) from another folder than the server's.
pub fn no_database(file: &Path) -> String {
    let cwd = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    format!(
        "no database at {} (in {cwd}): run it in the server's folder with its settings, or set LOTSBOK_DATABASE_URL",
        file.display()
    )
}

/// Only its owner may read a file that holds personal data (a backup, a restored database),
/// whatever the umask of whoever runs the command.
fn owner_only(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Makes the file and its folder's entry durable (a rename is only kept once the folder is).
fn sync(file: &Path) -> std::io::Result<()> {
    File::open(file)?.sync_all()?;
    match file.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => File::open(dir)?.sync_all(),
        None => File::open(".")?.sync_all(),
    }
}

/// `lotsbok backup FILE`: a consistent copy of the running database, checked, on disk.
pub async fn backup(db: &Db, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!("backup: {} exists already", to.display()));
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("backup: {}: {e}", dir.display()))?;
    }
    // Written under a temporary name, so a backup that fails half-way leaves no file that
    // looks like one; and removed then, as it holds personal data.
    let tmp = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&tmp);
    let made = async {
        db.backup_into(&tmp)
            .await
            .map_err(|e| format!("backup: {e}"))?;
        owner_only(&tmp).map_err(|e| format!("backup: {}: {e}", tmp.display()))?;
        db::check_sqlite_file(&tmp)
            .await
            .map_err(|e| format!("backup: the copy is not sound: {e}"))?;
        sync(&tmp).map_err(|e| format!("backup: {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, to).map_err(|e| format!("backup: {}: {e}", to.display()))?;
        sync(to).map_err(|e| format!("backup: {}: {e}", to.display()))
    }
    .await;
    if made.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    made
}

/// A name beside `file` that no file has yet: `<file>.replaced-<time>[-n]`.
fn unused_name(file: &Path) -> PathBuf {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let mut n = 0;
    loop {
        let suffix = match n {
            0 => format!(".replaced-{stamp}"),
            _ => format!(".replaced-{stamp}-{n}"),
        };
        let candidate = with_suffix(file, &suffix);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// `lotsbok restore FILE`: puts a backup back in place of the configured SQLite database.
/// Refused while any process uses the database, and for a file that is not a sound Lotsbok
/// database this binary can run. The backup is read through SQLite (so a live database
/// given as one, with its write-ahead log beside it, comes whole). The database it replaces
/// is kept beside it (`<database>.replaced-<time>`), never deleted. Returns that name, if
/// there was one.
pub async fn restore(
    database_url: &str,
    from: &Path,
    new: bool,
) -> Result<Option<PathBuf>, String> {
    let Some(file) = db::sqlite_file(database_url) else {
        return Err(
            "restore: puts back SQLite databases; for PostgreSQL use pg_restore (README)".into(),
        );
    };
    if !new && !file.is_file() {
        return Err(format!(
            "restore: {}; to restore where there is none yet, add --new",
            no_database(&file)
        ));
    }
    db::check_sqlite_file(from)
        .await
        .map_err(|e| format!("restore: {e}"))?;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("restore: {}: {e}", dir.display()))?;
    }
    let path = lock_path(&file);
    let lock =
        File::create(&path).map_err(|e| format!("restore: cannot open {}: {e}", path.display()))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(format!(
                "restore: {} is in use (a server or a command runs on it); stop it first",
                file.display()
            ))
        }
        Err(TryLockError::Error(e)) => {
            return Err(format!("restore: cannot lock {}: {e}", path.display()))
        }
    }
    let io = |e: std::io::Error| format!("restore: {e}");
    let tmp = with_suffix(&file, ".restoring");
    let _ = std::fs::remove_file(&tmp);
    let copied = async {
        db::copy_sqlite_file(from, &tmp)
            .await
            .map_err(|e| format!("restore: {e}"))?;
        owner_only(&tmp).map_err(io)?;
        db::check_sqlite_file(&tmp)
            .await
            .map_err(|e| format!("restore: the copy is not sound: {e}"))?;
        sync(&tmp).map_err(io)
    }
    .await;
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let kept = if file.exists() {
        let kept = unused_name(&file);
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
    sync(&file).map_err(io)?;
    drop(lock);
    Ok(kept)
}

/// One scheduled backup into `cfg.dir`, then the oldest beyond `cfg.keep` deleted (only
/// once the new one is on disk). Returns the new file.
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
