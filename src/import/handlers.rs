//! Import handlers: guides only, each import found through the guide's municipality.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use serde::Deserialize;

use super::mapping::{Mapping, Target};
use super::run::{self, Duplicates, Job, Summary};
use super::{reader, store, views};
use crate::entities::{import, ImportId, UserId};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, RunningImport};
use crate::web::ctx::GuideCtx;
use crate::web::format::today;
use crate::web::Ctx;

/// How long a request waits for a run before it shows the progress page instead.
const WAIT: Duration = Duration::from_secs(2);

fn max_mb(state: &AppState) -> usize {
    state.config.imports.max_upload_bytes.div_ceil(1024 * 1024)
}

async fn upload_page(
    state: &AppState,
    g: &GuideCtx,
    error: Option<&'static str>,
    status: StatusCode,
) -> AppResult<Response> {
    let recent = store::recent(&state.db, &g.scope()).await?;
    Ok((status, views::upload(&g.0, &recent, error, max_mb(state))).into_response())
}

pub async fn upload_form(State(state): State<AppState>, g: GuideCtx) -> AppResult<Response> {
    upload_page(&state, &g, None, StatusCode::OK).await
}

/// The uploaded file's name and bytes, or the message for the form.
pub async fn read_file(mut mp: Multipart) -> Result<(String, Vec<u8>), (&'static str, StatusCode)> {
    let too_large = ("import-err-too-large", StatusCode::PAYLOAD_TOO_LARGE);
    let no_file = ("import-err-no-file", StatusCode::UNPROCESSABLE_ENTITY);
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Err(no_file),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large),
            Err(_) => return Err(no_file),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_string();
        return match field.bytes().await {
            Ok(b) if name.is_empty() && b.is_empty() => Err(no_file),
            Ok(b) => Ok((name, b.to_vec())),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large),
            Err(_) => Err(no_file),
        };
    }
}

pub async fn upload(
    State(state): State<AppState>,
    g: GuideCtx,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let Ok(mp) = mp else {
        return upload_page(
            &state,
            &g,
            Some("import-err-no-file"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let (name, bytes) = match read_file(mp).await {
        Ok(f) => f,
        Err((key, status)) => return upload_page(&state, &g, Some(key), status).await,
    };
    let bytes = Arc::new(bytes);
    let found = match super::recognise(Arc::clone(&bytes)).await {
        Ok(r) => r,
        Err(e) => {
            return upload_page(&state, &g, Some(e.key()), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    };
    let scope = g.scope();
    let i = store::create(
        &state.db,
        store::NewImport {
            place: scope.home(),
            user_id: Some(scope.user_id().0),
            file_name: &name,
            format: found.format.code(),
            content: Arc::unwrap_or_clone(bytes),
            mapping: &found.mapping,
        },
    )
    .await?;
    state
        .audit
        .record(
            Some(scope.user_id()),
            "import_uploaded",
            Some(("import", i.id)),
            Some(format!("{} bytes", i.size_bytes)),
        )
        .await?;
    Ok(Redirect::to(&format!("/leads/import/{}", i.id)).into_response())
}

async fn find(state: &AppState, g: &GuideCtx, id: i64) -> AppResult<import::Model> {
    store::find(&state.db, &g.scope(), id)
        .await?
        .ok_or(AppError::NotFound)
}

fn done_of(state: &AppState, id: i64) -> Option<u64> {
    let map = state.import_progress.lock().ok()?;
    map.get(&ImportId(id))
        .map(|p| p.rows.load(Ordering::Relaxed))
}

async fn render(
    state: &AppState,
    g: &GuideCtx,
    i: &import::Model,
    problems: &[&'static str],
    run_error: Option<&'static str>,
    status: StatusCode,
) -> AppResult<Response> {
    let mapping = store::mapping_of(i);
    let preview = if i.content.is_empty() {
        Vec::new()
    } else {
        let bytes = i.content.clone();
        tokio::task::spawn_blocking(move || {
            reader::detect(&bytes).and_then(|f| reader::preview(&bytes, f, 5))
        })
        .await
        .ok()
        .and_then(Result::ok)
        .map(|(_, rows)| rows)
        .unwrap_or_default()
    };
    let results = store::results(&state.db, i.id, Some(100)).await?;
    let result_count = store::result_count(&state.db, i.id).await?;
    let page = views::Page {
        import: i,
        mapping: &mapping,
        preview: &preview,
        results: &results,
        result_count,
        done: done_of(state, i.id),
        problems,
        run_error,
    };
    Ok((status, views::show(&g.0, &page)).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let i = find(&state, &g, id).await?;
    // While a run goes on the page shows only its progress, no personal data; and on SQLite
    // an audit row would have to wait for the import's write lock.
    if !store::is_running(&i) {
        state
            .audit
            .record(
                Some(g.scope().user_id()),
                "import_viewed",
                Some(("import", id)),
                None,
            )
            .await?;
    }
    render(&state, &g, &i, &[], None, StatusCode::OK).await
}

#[derive(serde::Serialize)]
pub struct ProgressJson {
    state: String,
    done: u64,
    total: i64,
}

pub async fn progress(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Json<ProgressJson>> {
    // Polled every two seconds while a run goes on: the file itself is not read.
    let (state_code, total) = store::progress_of(&state.db, &g.scope(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(ProgressJson {
        done: done_of(&state, id).unwrap_or(0),
        total,
        state: state_code,
    }))
}

/// The guide's changes to the mapping: `col_N` targets, `st_N` / `so_N` value meanings (in
/// the order of the saved tables) and `duplicates`.
fn apply_form(
    i: &import::Model,
    old: &Mapping,
    form: &[(String, String)],
) -> Result<Mapping, reader::FileError> {
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let mut m = old.clone();
    for (k, col) in m.columns.iter_mut().enumerate() {
        if let Some(t) = get(&format!("col_{k}")).and_then(Target::parse) {
            *col = t;
        }
    }
    for (prefix, table) in [("st", &mut m.statuses), ("so", &mut m.sources)] {
        for (k, code) in table.values_mut().enumerate() {
            if let Some(v) = get(&format!("{prefix}_{k}")) {
                *code = v.to_string();
            }
        }
    }
    let moved = |t| old.column_of(t) != m.column_of(t);
    if moved(Target::Status) || moved(Target::Source) {
        let format = reader::detect(&i.content)?;
        let (st, so) = super::distinct_values(&i.content, format, &m)?;
        m.set_values(st, so);
    }
    Ok(m)
}

pub async fn check(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let i = find(&state, &g, id).await?;
    if i.content.is_empty() || store::is_running(&i) || i.state == store::state::IMPORTED {
        return Ok(Redirect::to(&format!("/leads/import/{id}")).into_response());
    }
    let old = store::mapping_of(&i);
    let duplicates = form
        .iter()
        .find(|(k, _)| k == "duplicates")
        .map_or("merge", |(_, v)| Duplicates::parse(v).as_str());
    // On a blocking thread: when the status or source column changed, the file is read
    // again for its values.
    let mapping = tokio::task::spawn_blocking({
        let i = i.clone();
        move || apply_form(&i, &old, &form)
    })
    .await
    .map_err(anyhow::Error::from)?;
    let mapping = match mapping {
        Ok(m) => m,
        Err(e) => {
            return Err(AppError::Internal(anyhow::anyhow!(
                "stored file unreadable: {}",
                e.key()
            )))
        }
    };
    store::save_mapping(&state.db, &i, &mapping, duplicates).await?;
    let problems = mapping.problems();
    if !problems.is_empty() {
        let i = find(&state, &g, id).await?;
        return render(
            &state,
            &g,
            &i,
            &problems,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    start(&state, &g, id, true, false).await
}

#[derive(Debug, Default, Deserialize)]
pub struct RunForm {
    #[serde(default)]
    valid_only: Option<String>,
}

pub async fn run(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
    Form(form): Form<RunForm>,
) -> AppResult<Response> {
    let i = find(&state, &g, id).await?;
    let cut_off = i.state == store::state::IMPORTING && !store::is_running(&i);
    if !i.checked || (i.state != store::state::CHECKED && !cut_off) {
        return Ok(Redirect::to(&format!("/leads/import/{id}")).into_response());
    }
    let valid_only = form.valid_only.is_some();
    if i.error_rows > 0 && !valid_only {
        return render(
            &state,
            &g,
            &i,
            &[],
            Some("import-err-choose-valid-only"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    start(&state, &g, id, false, valid_only).await
}

/// Starts a check or an import in the background and waits a moment for it: a small file
/// is done by then, a large one shows its progress.
async fn start(
    state: &AppState,
    g: &GuideCtx,
    id: i64,
    dry: bool,
    valid_only: bool,
) -> AppResult<Response> {
    let (from, to): (&[&str], &str) = if dry {
        (
            &[
                store::state::UPLOADED,
                store::state::CHECKED,
                store::state::FAILED,
            ],
            store::state::CHECKING,
        )
    } else {
        (&[store::state::CHECKED], store::state::IMPORTING)
    };
    if !store::claim(&state.db, id, from, to).await? {
        return Ok(Redirect::to(&format!("/leads/import/{id}")).into_response());
    }
    let i = find(state, g, id).await?;
    let scope = g.scope();
    let handle = spawn(
        state.clone(),
        i,
        Some(scope.user_id()),
        g.0.lang,
        dry,
        valid_only,
    );
    let _ = tokio::time::timeout(WAIT, handle).await;
    Ok(Redirect::to(&format!("/leads/import/{id}")).into_response())
}

/// Runs a check or an import of `i` as its own task, counting its rows in
/// `AppState::import_progress` for the progress bar.
pub fn spawn(
    state: AppState,
    i: import::Model,
    actor: Option<UserId>,
    lang: crate::i18n::Lang,
    dry: bool,
    valid_only: bool,
) -> tokio::task::JoinHandle<()> {
    let progress = Arc::new(AtomicU64::new(0));
    let key = i.key();
    // The registry stays locked until the run is in it with its abort handle, so that a
    // stop (which empties it) either cuts the run off or does not see it at all.
    let registry = state.import_progress.clone();
    let mut running = registry.lock().ok();
    if let Some(map) = running.as_mut() {
        let rows = Arc::clone(&progress);
        map.insert(key, RunningImport { rows, abort: None });
    }
    let tracker = state.background.clone();
    let handle = tracker.spawn(async move {
        let id = i.id;
        let outcome = execute(&state, i, actor, lang, dry, valid_only, progress).await;
        if let Err(e) = outcome {
            tracing::error!(import = id, error = format!("{e:#}"), "import run failed");
            let failed = Summary::default();
            let _ = store::finish(&state.db, id, store::state::FAILED, &failed).await;
            let _ = store::set_failure(&state.db, id, "import-run-failed").await;
        }
        if let Ok(mut map) = state.import_progress.lock() {
            map.remove(&key);
        }
    });
    if let Some(r) = running.as_mut().and_then(|m| m.get_mut(&key)) {
        r.abort = Some(handle.abort_handle());
    }
    drop(running);
    handle
}

async fn execute(
    state: &AppState,
    i: import::Model,
    actor: Option<UserId>,
    lang: crate::i18n::Lang,
    dry: bool,
    valid_only: bool,
    progress: Arc<AtomicU64>,
) -> anyhow::Result<Summary> {
    let mut i = i;
    let mapping = store::mapping_of(&i);
    let format = reader::detect(&i.content).map_err(|e| anyhow::anyhow!(e.key()))?;
    let bytes = Arc::new(std::mem::take(&mut i.content));
    let job = Job {
        import_id: i.id,
        place: crate::scope::Target::municipality(i.municipality_id),
        actor,
        duplicates: Duplicates::parse(&i.duplicates),
        valid_only,
        dry,
        lang,
        mapping: &mapping,
        today: today(),
        progress,
    };
    let cutoff = crate::privacy::retention::cutoff(&state.config.retention, chrono::Utc::now());
    Ok(run::run(&state.db, &job, bytes, format, cutoff).await?)
}

pub async fn discard(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let i = find(&state, &g, id).await?;
    if store::is_running(&i) {
        return Ok(Redirect::to(&format!("/leads/import/{id}")).into_response());
    }
    store::delete(&state.db, id).await?;
    state
        .audit
        .record(
            Some(g.scope().user_id()),
            "import_discarded",
            Some(("import", id)),
            None,
        )
        .await?;
    Ctx::flash(&g.0.session, "import-discarded").await?;
    Ok(Redirect::to("/leads/import").into_response())
}

/// The report of the last check or import as CSV: every error, merge and skip.
pub async fn report(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let i = find(&state, &g, id).await?;
    let ctx = &g.0;
    let rows = store::results(&state.db, i.id, None).await?;
    let mut w = crate::web::sheet::writer(crate::web::sheet::Separator::for_reader(ctx.lang, ""));
    let header: Vec<String> = [
        "import-row",
        "import-outcome",
        "import-lead",
        "import-column",
        "import-value",
        "import-reason",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    w.write_record(&header).map_err(anyhow::Error::from)?;
    for r in &rows {
        w.write_record([
            r.row_no.to_string(),
            ctx.t(&format!("import-outcome-{}", r.outcome)),
            r.lead_id.map(|l| l.to_string()).unwrap_or_default(),
            crate::web::sheet::safe(r.column_name.as_deref().unwrap_or("")),
            crate::web::sheet::safe(r.value.as_deref().unwrap_or("")),
            r.reason.as_deref().map(|k| ctx.t(k)).unwrap_or_default(),
        ])
        .map_err(anyhow::Error::from)?;
    }
    let body = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    state
        .audit
        .record(
            Some(g.scope().user_id()),
            "import_report_downloaded",
            Some(("import", id)),
            Some(format!("{} rows", rows.len())),
        )
        .await?;
    let name = format!("attachment; filename=\"import-{id}-report.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}

/// Runs again the checks and imports a stop cut off (`jobs`): each as it was started, by the
/// guide who started it (an import with rows in error was started for the valid rows only:
/// it could not have been otherwise). Returns how many.
pub async fn resume_cut_off(state: &AppState) -> Result<usize, sea_orm::DbErr> {
    let mut n = 0;
    for i in store::cut_off(&state.db).await? {
        if !store::reclaim(&state.db, i.id).await? {
            continue; // another instance took it
        }
        let dry = i.state == store::state::CHECKING;
        let valid_only = i.error_rows > 0;
        let actor = i.user_id.map(UserId);
        let lang = match actor {
            Some(u) => crate::accounts::find(&state.db, u)
                .await?
                .and_then(|u| crate::i18n::Lang::parse(&u.locale))
                .unwrap_or(crate::i18n::Lang::Sv),
            None => crate::i18n::Lang::Sv,
        };
        drop(spawn(state.clone(), i, actor, lang, dry, valid_only));
        n += 1;
    }
    Ok(n)
}
