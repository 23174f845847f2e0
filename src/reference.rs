//! Reference data held in the process (issue 20): staff accounts, municipalities and
//! campaigns. Nearly every page needs some of them (who is signed in and may they still,
//! the municipality's name, the guide who owns a lead, a campaign's name), they are few
//! (tens of rows) and change seldom, so each page read them again for nothing.
//!
//! The database keeps a version of them (`reference_version`, raised by a trigger on every
//! write of those tables: see migration 21), and this copy is trusted for
//! `session.recheck_seconds` before the version is asked again; a new version loads the
//! three tables whole. So a deactivation, a password change or a new role made anywhere
//! (another instance, the command line) takes effect within that many seconds, and one made
//! through this instance at once: whoever writes those tables here calls `changed()` after
//! its commit, so the next request asks.
//!
//! Password hashes and calendar tokens are not held: only what pages show and what the
//! session check needs.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder, Statement};

use crate::entities::{campaign, municipality, user};

/// A staff account as pages and the session check need it.
#[derive(Clone, Debug)]
pub struct Staff {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub is_guide: bool,
    pub is_coordinator: bool,
    pub is_admin: bool,
    pub municipality_id: Option<i64>,
    pub locale: String,
    pub active: bool,
    pub auth_version: i32,
}

impl From<user::Model> for Staff {
    fn from(u: user::Model) -> Self {
        Staff {
            id: u.id,
            email: u.email,
            name: u.name,
            is_guide: u.is_guide,
            is_coordinator: u.is_coordinator,
            is_admin: u.is_admin,
            municipality_id: u.municipality_id,
            locale: u.locale,
            active: u.active,
            auth_version: u.auth_version,
        }
    }
}

/// One version of the reference data.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// False only for the empty one held before the first load.
    loaded: bool,
    version: i64,
    users: HashMap<i64, Staff>,
    /// By name, as every list of them is shown.
    municipalities: Vec<municipality::Model>,
    campaigns: HashMap<i64, campaign::Model>,
}

impl Snapshot {
    pub fn user(&self, id: i64) -> Option<&Staff> {
        self.users.get(&id)
    }

    pub fn users(&self) -> impl Iterator<Item = &Staff> {
        self.users.values()
    }

    pub fn campaigns(&self) -> impl Iterator<Item = &campaign::Model> {
        self.campaigns.values()
    }

    pub fn user_name(&self, id: i64) -> Option<&str> {
        self.users.get(&id).map(|u| u.name.as_str())
    }

    /// All municipalities, by name (closed ones too).
    pub fn municipalities(&self) -> &[municipality::Model] {
        &self.municipalities
    }

    pub fn municipality(&self, id: i64) -> Option<&municipality::Model> {
        self.municipalities.iter().find(|m| m.id == id)
    }

    pub fn campaign(&self, id: i64) -> Option<&campaign::Model> {
        self.campaigns.get(&id)
    }
}

/// The copy held by the process (one per `AppState`).
pub struct Reference {
    /// The snapshot and when its version was last confirmed; `None` until the first load,
    /// and after `changed()`.
    held: RwLock<(Arc<Snapshot>, Option<Instant>)>,
    /// One request at a time asks the database; the others wait for its answer.
    asking: tokio::sync::Mutex<()>,
    /// Raised by `changed()`: a question asked before a change was made here cannot
    /// confirm the copy (it may have read the tables before the change's commit).
    changes: AtomicU64,
    trust: Duration,
}

impl Reference {
    /// A copy trusted for `trust` after each confirmation (0: asked on every use, one
    /// question at a time: for tests, not for production).
    pub fn new(trust: Duration) -> Self {
        Reference {
            held: RwLock::new((Arc::default(), None)),
            asking: tokio::sync::Mutex::new(()),
            changes: AtomicU64::new(0),
            trust,
        }
    }

    /// The reference data: the copy held while it is trusted, otherwise the database's
    /// version is asked and, if it moved, the tables are read again.
    pub async fn get(&self, db: &crate::db::Db) -> Result<Arc<Snapshot>, DbErr> {
        if let Some(s) = self.trusted() {
            return Ok(s);
        }
        let _asking = self.asking.lock().await;
        if let Some(s) = self.trusted() {
            return Ok(s);
        }
        let changes = self.changes.load(Ordering::SeqCst);
        let held = self.read().0.clone();
        // The version first: a change committed while the tables are read raises it again,
        // so the next question reads them again.
        let version = version(db).await?;
        let snapshot = if held.loaded && version == held.version {
            held
        } else {
            Arc::new(load(db, version).await?)
        };
        let mut held = self.held.write().unwrap_or_else(|e| e.into_inner());
        let unchanged = self.changes.load(Ordering::SeqCst) == changes;
        *held = (snapshot.clone(), unchanged.then(Instant::now));
        Ok(snapshot)
    }

    /// This process has written users, municipalities or campaigns (and committed): the
    /// next use asks the database.
    pub fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
        self.held.write().unwrap_or_else(|e| e.into_inner()).1 = None;
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, (Arc<Snapshot>, Option<Instant>)> {
        self.held.read().unwrap_or_else(|e| e.into_inner())
    }

    fn trusted(&self) -> Option<Arc<Snapshot>> {
        let held = self.read();
        let confirmed = held.1?;
        (!self.trust.is_zero() && confirmed.elapsed() < self.trust).then(|| held.0.clone())
    }
}

async fn version(db: &crate::db::Db) -> Result<i64, DbErr> {
    let row = db
        .query_one(Statement::from_sql_and_values(
            db.get_database_backend(),
            match db.get_database_backend() {
                sea_orm::DatabaseBackend::Postgres => "SELECT value FROM settings WHERE key = $1",
                _ => "SELECT value FROM settings WHERE key = ?",
            },
            [migration::REFERENCE_VERSION.into()],
        ))
        .await?;
    let value: Option<String> = row.map(|r| r.try_get_by_index(0)).transpose()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
}

async fn load(db: &crate::db::Db, version: i64) -> Result<Snapshot, DbErr> {
    let users = user::Entity::find().all(db).await?;
    let municipalities = municipality::Entity::find()
        .order_by_asc(municipality::Column::Name)
        .all(db)
        .await?;
    let campaigns = campaign::Entity::find().all(db).await?;
    Ok(Snapshot {
        loaded: true,
        version,
        users: users.into_iter().map(|u| (u.id, Staff::from(u))).collect(),
        municipalities,
        campaigns: campaigns.into_iter().map(|c| (c.id, c)).collect(),
    })
}
