//! The application state every handler and job is given: the database, the configuration
//! and the few shared things that live in the process.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use crate::config::Config;
use crate::entities::ImportId;

/// An import running in this instance: the rows done so far (for the progress bar), and
/// the handle that cuts it off when a stop cannot wait for it (see `jobs`).
#[derive(Clone, Debug)]
pub struct RunningImport {
    pub rows: Arc<AtomicU64>,
    pub abort: Option<tokio::task::AbortHandle>,
}

/// The imports running in this instance, by import id (see `import`).
pub type ImportProgress = Arc<Mutex<HashMap<ImportId, RunningImport>>>;

#[derive(Clone)]
pub struct AppState {
    pub db: crate::db::Db,
    pub config: Arc<Config>,
    /// Wakes the outbox worker when a mail has been queued.
    pub outbox: Arc<Notify>,
    /// The stylesheet and scripts, and their version (see `web::assets`).
    pub assets: Arc<crate::assets::Assets>,
    /// The assets' version, for `?v=` in links (a hash of what is served).
    pub assets_version: Arc<str>,
    /// The key that signs public form tokens, read from the database on first use.
    pub signing_key: Arc<tokio::sync::OnceCell<Vec<u8>>>,
    /// Rows done by the imports running in this instance (see `import`).
    pub import_progress: ImportProgress,
    /// Work a request hands off to finish after its answer (a password-reset mail), so that
    /// the answer takes the same time whatever that work finds.
    pub after_answer: tokio_util::task::TaskTracker,
    /// Long work a request starts and does not wait for (an import); `jobs` waits for it
    /// at a stop.
    pub background: tokio_util::task::TaskTracker,
    /// What a feature keeps in the process for itself, by type (the report's cache of
    /// published years): `state` needs not know the features above it.
    pub kept: Arc<Kept>,
    /// The audit entries of requests that write nothing else, stored a batch at a time.
    pub audit: Arc<crate::audit::Trail>,
    /// Accounts, municipalities and campaigns held in memory (see `reference`).
    pub reference: Arc<crate::reference::Reference>,
}

/// One value per type, made on first use and shared by every clone of the state.
#[derive(Default)]
pub struct Kept(
    std::sync::Mutex<
        std::collections::HashMap<std::any::TypeId, Arc<dyn std::any::Any + Send + Sync>>,
    >,
);

impl Kept {
    pub fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let any = all
            .entry(std::any::TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()))
            .clone();
        // The entry of `T` holds a `T`: the downcast cannot fail, but a fresh one is harmless.
        any.downcast::<T>().unwrap_or_default()
    }
}

impl AppState {
    pub fn new(db: crate::db::Db, config: Config, assets: crate::assets::Assets) -> Self {
        AppState {
            audit: Arc::new(crate::audit::Trail::new(db.clone())),
            db,
            outbox: Arc::new(Notify::new()),
            assets_version: assets.version().into(),
            assets: Arc::new(assets),
            signing_key: Arc::new(tokio::sync::OnceCell::new()),
            import_progress: Arc::default(),
            after_answer: tokio_util::task::TaskTracker::new(),
            background: tokio_util::task::TaskTracker::new(),
            kept: Arc::default(),
            reference: Arc::new(crate::reference::Reference::new(
                std::time::Duration::from_secs(config.session.recheck_seconds),
            )),
            config: Arc::new(config),
        }
    }

    pub fn wake_outbox(&self) {
        self.outbox.notify_one();
    }

    /// Waits until the work handed off after answers so far is done.
    pub async fn settle(&self) {
        self.after_answer.close();
        self.after_answer.wait().await;
        self.after_answer.reopen();
    }
}
