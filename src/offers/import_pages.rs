//! The pages of a spreadsheet of vacancies or homes: upload, mapping and check, import.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

use super::import::{self, Kind, Mapping, Sheet};
use super::{import_views as views, store};
use crate::entities::offer_upload;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::ctx::GuideCtx;
use crate::web::format::today;
use crate::web::Ctx;

fn max_mb(state: &AppState) -> usize {
    state.config.imports.max_upload_bytes.div_ceil(1024 * 1024)
}

pub async fn upload_form(kind: Kind, state: AppState, g: GuideCtx) -> Response {
    views::import_upload(&g.0, kind, None, max_mb(&state)).into_response()
}

pub async fn upload(
    kind: Kind,
    state: AppState,
    g: GuideCtx,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let refuse = |key: &'static str, status: StatusCode| {
        Ok((
            status,
            views::import_upload(&g.0, kind, Some(key), max_mb(&state)),
        )
            .into_response())
    };
    let Ok(mp) = mp else {
        return refuse("import-err-no-file", StatusCode::UNPROCESSABLE_ENTITY);
    };
    let (name, bytes) = match crate::import::read_file(mp).await {
        Ok(f) => f,
        Err((key, status)) => return refuse(key, status),
    };
    let bytes = std::sync::Arc::new(bytes);
    let read = {
        let b = std::sync::Arc::clone(&bytes);
        tokio::task::spawn_blocking(move || import::read(&b).map(|_| ()))
            .await
            .unwrap_or(Err(crate::import::reader::FileError::BrokenCsv))
    };
    if let Err(e) = read {
        return refuse(e.key(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let scope = g.scope();
    let id = import::save(
        &state.db,
        &scope,
        kind,
        &name,
        std::sync::Arc::unwrap_or_clone(bytes),
    )
    .await?;
    Ok(Redirect::to(&format!("{}/{id}", kind.base())).into_response())
}

async fn found(
    state: &AppState,
    g: &GuideCtx,
    kind: Kind,
    id: i64,
) -> AppResult<offer_upload::Model> {
    import::find(&state.db, &g.scope(), kind, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn sheet(u: &offer_upload::Model) -> AppResult<Sheet> {
    let bytes = u.content.clone();
    tokio::task::spawn_blocking(move || import::read(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("an upload no longer reads: {e}")))
}

/// What the mapping form sent: a field per column, the contact for every row, and whether
/// to import the valid rows when others fail.
struct Choices {
    mapping: Mapping,
    contact: String,
    valid_only: bool,
}

fn choices(kind: Kind, columns: usize, pairs: &[(String, String)]) -> Choices {
    let mut mapping = vec![String::new(); columns];
    let mut contact = String::new();
    let mut valid_only = false;
    for (k, v) in pairs {
        if let Some(i) = k.strip_prefix("col_").and_then(|i| i.parse::<usize>().ok()) {
            if i < columns && kind.fields().iter().any(|f| f.name == v) {
                mapping[i] = v.clone();
            }
        } else if k == "contact" {
            contact = v.trim().chars().take(300).collect();
        } else if k == "valid_only" {
            valid_only = true;
        }
    }
    Choices {
        mapping,
        contact,
        valid_only,
    }
}

/// The mapping page, with the check's outcome when there is one.
fn page(
    ctx: &Ctx,
    kind: Kind,
    u: &offer_upload::Model,
    sheet: &Sheet,
    c: &Choices,
    outcome: Option<views::Outcome>,
    error: Option<&'static str>,
) -> maud::Markup {
    views::import_page(
        ctx,
        &views::ImportPage {
            kind,
            id: u.id,
            file_name: &u.file_name,
            sheet,
            mapping: &c.mapping,
            contact: &c.contact,
            missing: import::missing(kind, &c.mapping),
            outcome,
            error,
        },
    )
}

pub async fn show(kind: Kind, state: AppState, g: GuideCtx, id: i64) -> AppResult<Response> {
    let u = found(&state, &g, kind, id).await?;
    let s = sheet(&u).await?;
    let c = Choices {
        mapping: import::guess_mapping(kind, &s.header),
        contact: String::new(),
        valid_only: false,
    };
    Ok(page(&g.0, kind, &u, &s, &c, None, None).into_response())
}

/// The check's outcome: how many rows are valid, and the others with their problems.
fn check(kind: Kind, s: &Sheet, c: &Choices) -> (usize, Vec<import::RowError>) {
    match kind {
        Kind::Vacancies => {
            let r = import::check_vacancies(s, &c.mapping, today());
            (r.valid.len(), r.errors)
        }
        Kind::Homes => {
            let r = import::check_homes(s, &c.mapping, &c.contact);
            (r.valid.len(), r.errors)
        }
    }
}

pub async fn check_page(
    kind: Kind,
    state: AppState,
    g: GuideCtx,
    id: i64,
    pairs: Vec<(String, String)>,
) -> AppResult<Response> {
    let u = found(&state, &g, kind, id).await?;
    let s = sheet(&u).await?;
    let c = choices(kind, s.header.cells.len(), &pairs);
    let (valid, errors) = check(kind, &s, &c);
    let outcome = views::Outcome {
        valid,
        errors,
        too_many: s.rows.len() > import::MAX_ROWS,
    };
    Ok(page(&g.0, kind, &u, &s, &c, Some(outcome), None).into_response())
}

pub async fn run(
    kind: Kind,
    state: AppState,
    g: GuideCtx,
    id: i64,
    pairs: Vec<(String, String)>,
) -> AppResult<Response> {
    let u = found(&state, &g, kind, id).await?;
    let s = sheet(&u).await?;
    let c = choices(kind, s.header.cells.len(), &pairs);
    let too_many = s.rows.len() > import::MAX_ROWS;
    let missing = !import::missing(kind, &c.mapping).is_empty();
    let (valid, errors) = check(kind, &s, &c);
    let stop = if too_many {
        Some("offers-import-too-many")
    } else if missing {
        Some("offers-import-missing")
    } else if valid == 0 {
        Some("offers-import-nothing")
    } else if !errors.is_empty() && !c.valid_only {
        Some("import-err-choose-valid-only")
    } else {
        None
    };
    if let Some(key) = stop {
        let outcome = views::Outcome {
            valid,
            errors,
            too_many,
        };
        let body = page(&g.0, kind, &u, &s, &c, Some(outcome), Some(key));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    }
    let scope = g.scope();
    let txn = state.db.begin().await?;
    // The file goes first: a second click on "Importera" finds it gone and imports nothing.
    if !import::delete(&txn, u.id).await? {
        drop(txn);
        return Ok(Redirect::to(kind.list()).into_response());
    }
    let count = match kind {
        Kind::Vacancies => {
            let rows = import::check_vacancies(&s, &c.mapping, today()).valid;
            for n in &rows {
                store::add(&txn, &scope, n.clone(), true).await?;
            }
            rows.len()
        }
        Kind::Homes => {
            let rows = import::check_homes(&s, &c.mapping, &c.contact).valid;
            for n in &rows {
                store::add_home(&txn, &scope, n.clone()).await?;
            }
            rows.len()
        }
    };
    crate::audit::write(
        &txn,
        crate::audit::Entry {
            user_id: Some(scope.user_id()),
            action: "offers_imported",
            target: None,
            prospect: None,
            detail: Some(format!("{} {count}", kind.code())),
        },
    )
    .await?;
    txn.commit().await?;
    let notice = match kind {
        Kind::Vacancies => "offers-imported-vacancies",
        Kind::Homes => "offers-imported-homes",
    };
    Ctx::flash(&g.0.session, notice).await?;
    Ok(Redirect::to(kind.list()).into_response())
}

pub async fn discard(kind: Kind, state: AppState, g: GuideCtx, id: i64) -> AppResult<Response> {
    let u = found(&state, &g, kind, id).await?;
    import::delete(&state.db, u.id).await?;
    Ok(Redirect::to(kind.base()).into_response())
}

/// The routes of one kind's spreadsheets.
pub fn routes(
    kind: Kind,
    paths: [&'static str; 5],
    max_upload: usize,
) -> crate::web::routes::Routes {
    use axum::routing::{get, post};
    let [base, one, check, run_path, discard_path] = paths;
    crate::web::routes::Routes::new()
        .route(
            base,
            get(move |State(s): State<AppState>, g: GuideCtx| upload_form(kind, s, g))
                .post(move |State(s): State<AppState>, g: GuideCtx, mp| upload(kind, s, g, mp))
                .layer(axum::extract::DefaultBodyLimit::max(max_upload)),
        )
        .route(
            one,
            get(
                move |State(s): State<AppState>, g: GuideCtx, Path(id): Path<i64>| {
                    show(kind, s, g, id)
                },
            ),
        )
        .route(
            check,
            post(
                move |State(s): State<AppState>,
                      g: GuideCtx,
                      Path(id): Path<i64>,
                      Form(p): Form<Vec<(String, String)>>| {
                    check_page(kind, s, g, id, p)
                },
            ),
        )
        .route(
            run_path,
            post(
                move |State(s): State<AppState>,
                      g: GuideCtx,
                      Path(id): Path<i64>,
                      Form(p): Form<Vec<(String, String)>>| {
                    run(kind, s, g, id, p)
                },
            ),
        )
        .route(
            discard_path,
            post(
                move |State(s): State<AppState>, g: GuideCtx, Path(id): Path<i64>| {
                    discard(kind, s, g, id)
                },
            ),
        )
}
