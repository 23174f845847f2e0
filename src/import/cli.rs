//! `lotsbok import FILE --municipality SLUG`: the same check and import as the web pages,
//! for an administrator at the server. The mapping is the automatic one; a file it cannot
//! map fully is refused with one line saying why. All rows or none, unless `--valid-only`.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::run::{self, Duplicates, Job, Summary};
use super::{store, Recognised};
use crate::config::Config;
use crate::i18n::{t, Lang};
use crate::scope::Target;

pub struct Options<'a> {
    pub file: &'a Path,
    pub municipality: &'a str,
    pub duplicates: Duplicates,
    pub valid_only: bool,
    pub dry_run: bool,
    pub ignore_unknown_columns: bool,
}

/// Messages on the command line are in English.
const LANG: Lang = Lang::En;

pub async fn import(db: &crate::db::Db, cfg: &Config, o: Options<'_>) -> anyhow::Result<()> {
    let m = crate::accounts::find_municipality(db, o.municipality).await?;
    let bytes = std::fs::read(o.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", o.file.display()))?;
    let bytes = Arc::new(bytes);
    let Recognised { format, mapping } = super::recognise(Arc::clone(&bytes))
        .await
        .map_err(|e| anyhow::anyhow!("{}: {}", o.file.display(), t(LANG, e.key())))?;
    let unknown = mapping.unknown_headers();
    if !unknown.is_empty() && !o.ignore_unknown_columns {
        anyhow::bail!(
            "unknown columns: {} (leave them out with --ignore-unknown-columns)",
            unknown.join(", ")
        );
    }
    let unmapped: Vec<String> = [("status", &mapping.statuses), ("source", &mapping.sources)]
        .iter()
        .flat_map(|(what, table)| {
            table
                .iter()
                .filter(|(_, code)| code.is_empty())
                .map(move |(v, _)| format!("{what} \"{v}\""))
        })
        .collect();
    if !unmapped.is_empty() {
        anyhow::bail!(
            "values Lotsbok does not know: {} (use its status and source names, or import on the web page to map them)",
            unmapped.join(", ")
        );
    }
    if let Some(p) = mapping.problems().first() {
        anyhow::bail!("{}", t(LANG, p));
    }
    let name = o
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let i = store::create(
        db,
        store::NewImport {
            place: Target::chosen(&m),
            user_id: None,
            file_name: &name,
            format: format.code(),
            content: bytes.to_vec(),
            mapping: &mapping,
        },
    )
    .await?;
    let outcome = check_then_import(
        db,
        cfg,
        &o,
        i.id,
        Target::chosen(&m),
        &mapping,
        bytes,
        format,
    )
    .await;
    // The file and its report are only needed while the command runs.
    store::delete(db, i.id).await?;
    outcome
}

#[allow(clippy::too_many_arguments)]
async fn check_then_import(
    db: &crate::db::Db,
    cfg: &Config,
    o: &Options<'_>,
    import_id: i64,
    place: Target,
    mapping: &super::mapping::Mapping,
    bytes: Arc<Vec<u8>>,
    format: super::reader::Format,
) -> anyhow::Result<()> {
    let cutoff = crate::privacy::retention::cutoff(&cfg.retention, chrono::Utc::now());
    let mut job = Job {
        import_id,
        place,
        actor: None,
        duplicates: o.duplicates,
        valid_only: o.valid_only,
        dry: true,
        lang: Lang::Sv,
        mapping,
        today: crate::web::format::today(),
        progress: Arc::new(AtomicU64::new(0)),
    };
    let checked = with_bar(
        &job.progress,
        None,
        run::run(db, &job, Arc::clone(&bytes), format, cutoff),
    )
    .await?;
    for r in store::results(db, import_id, None).await? {
        if r.outcome == "error" {
            println!(
                "row {}: {} \"{}\": {}",
                r.row_no,
                r.column_name.as_deref().unwrap_or("-"),
                r.value.as_deref().unwrap_or(""),
                r.reason.as_deref().map(|k| t(LANG, k)).unwrap_or_default()
            );
        }
    }
    print_summary("check", &checked);
    if checked.errors > 0 && !o.valid_only {
        anyhow::bail!(
            "{} of {} rows have errors; nothing was imported (fix them, or import the rest with --valid-only)",
            checked.errors,
            checked.total
        );
    }
    if o.dry_run {
        return Ok(());
    }
    job.dry = false;
    job.progress = Arc::new(AtomicU64::new(0));
    let done = with_bar(
        &job.progress,
        Some(checked.total),
        run::run(db, &job, bytes, format, cutoff),
    )
    .await?;
    if done.rolled_back {
        anyhow::bail!("nothing was imported: the file changed between the check and the import");
    }
    print_summary("imported", &done);
    Ok(())
}

fn print_summary(what: &str, s: &Summary) {
    println!(
        "{what}: {} rows, {} new, {} merged, {} skipped, {} with errors",
        s.total, s.new, s.merged, s.skipped, s.errors
    );
    if s.past_retention > 0 {
        println!(
            "note: {} new leads had their last contact longer ago than the retention period; the retention job will anonymise them",
            s.past_retention
        );
    }
}

/// Shows a progress bar on standard error while `work` runs.
async fn with_bar<T>(
    done: &Arc<AtomicU64>,
    total: Option<u64>,
    work: impl std::future::Future<Output = T>,
) -> T {
    let bar = match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} rows, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} rows checked")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    let ticker = {
        let bar = bar.clone();
        let done = Arc::clone(done);
        tokio::spawn(async move {
            loop {
                bar.set_position(done.load(Ordering::Relaxed));
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        })
    };
    let out = work.await;
    ticker.abort();
    bar.finish_and_clear();
    out
}
