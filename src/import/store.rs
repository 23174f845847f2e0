//! The imports table: an upload, its mapping, its state and its report. Every read takes the
//! municipality the import belongs to (from the guide's scope), so another municipality's
//! import answers like one that does not exist.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::mapping::Mapping;
use super::run::Summary;
use crate::entities::{import, import_result, ImportId};
use crate::scope::{Scope, Target};

pub mod state {
    pub const UPLOADED: &str = "uploaded";
    pub const CHECKING: &str = "checking";
    pub const CHECKED: &str = "checked";
    pub const IMPORTING: &str = "importing";
    pub const IMPORTED: &str = "imported";
    pub const FAILED: &str = "failed";
}

pub fn mapping_of(i: &import::Model) -> Mapping {
    serde_json::from_str(&i.mapping).unwrap_or_default()
}

pub struct NewImport<'a> {
    /// The guide's municipality (or the one the command line names).
    pub place: Target,
    pub user_id: Option<i64>,
    pub file_name: &'a str,
    pub format: &'a str,
    pub content: Vec<u8>,
    pub mapping: &'a Mapping,
}

pub async fn create(db: &impl ConnectionTrait, n: NewImport<'_>) -> Result<import::Model, DbErr> {
    let Some(municipality_id) = n.place.value() else {
        return Err(DbErr::Custom("an import belongs to a municipality".into()));
    };
    import::ActiveModel {
        municipality_id: Set(municipality_id),
        user_id: Set(n.user_id),
        file_name: Set(n.file_name.chars().take(255).collect()),
        format: Set(n.format.to_string()),
        size_bytes: Set(n.content.len() as i64),
        content: Set(n.content),
        mapping: Set(serde_json::to_string(n.mapping).unwrap_or_default()),
        duplicates: Set("merge".into()),
        state: Set(state::UPLOADED.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// An import of the guide's municipality, or None.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> Result<Option<import::Model>, DbErr> {
    import::Entity::find_by_id(id)
        .filter(scope.own(import::Column::MunicipalityId))
        .one(db)
        .await
}

/// An import's state and row count, without its file (for the progress poll).
pub async fn progress_of(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> Result<Option<(String, i64)>, DbErr> {
    import::Entity::find_by_id(id)
        .select_only()
        .columns([import::Column::State, import::Column::TotalRows])
        .filter(scope.own(import::Column::MunicipalityId))
        .into_tuple()
        .one(db)
        .await
}

/// The guide's municipality's recent imports, newest first (without their files).
pub async fn recent(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<(i64, String, String, DateTime<Utc>, i64, i64)>, DbErr> {
    import::Entity::find()
        .select_only()
        .columns([
            import::Column::Id,
            import::Column::FileName,
            import::Column::State,
            import::Column::CreatedAt,
            import::Column::NewRows,
            import::Column::ErrorRows,
        ])
        .filter(scope.own(import::Column::MunicipalityId))
        .order_by_desc(import::Column::CreatedAt)
        .limit(20)
        .into_tuple()
        .all(db)
        .await
}

/// Saves a changed mapping: an earlier check no longer holds.
pub async fn save_mapping(
    db: &impl ConnectionTrait,
    i: &import::Model,
    mapping: &Mapping,
    duplicates: &str,
) -> Result<(), DbErr> {
    let mut a: import::ActiveModel = i.clone().into();
    a.mapping = Set(serde_json::to_string(mapping).unwrap_or_default());
    a.duplicates = Set(duplicates.to_string());
    a.checked = Set(false);
    a.update(db).await?;
    Ok(())
}

/// A run still marked as going on after this long was cut off by a restart: its transaction
/// was rolled back with it, so it may be started again.
const STALE_HOURS: i64 = 2;

fn stale_before() -> DateTime<Utc> {
    Utc::now() - chrono::Duration::hours(STALE_HOURS)
}

/// A check or import is going on (somewhere) for this import.
pub fn is_running(i: &import::Model) -> bool {
    (i.state == state::CHECKING || i.state == state::IMPORTING)
        && i.started_at.is_some_and(|t| t >= stale_before())
}

/// Moves the import from one state to the next, if it is still in `from` or its last run
/// was cut off (so two clicks never start two runs). True if it moved.
pub async fn claim(
    db: &impl ConnectionTrait,
    id: i64,
    from: &[&str],
    to: &str,
) -> Result<bool, DbErr> {
    // Cut off: by a crash (started long ago) or by a stop (no start time, see `mark_cut_off`).
    let cut_off = Condition::all()
        .add(import::Column::State.is_in([state::CHECKING, state::IMPORTING]))
        .add(
            Condition::any()
                .add(import::Column::StartedAt.lt(stale_before()))
                .add(import::Column::StartedAt.is_null()),
        );
    let r = import::Entity::update_many()
        .col_expr(import::Column::State, Expr::value(to))
        .col_expr(import::Column::StartedAt, Expr::value(Utc::now()))
        .filter(import::Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(import::Column::State.is_in(from.iter().copied()))
                .add(cut_off),
        )
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Records how a run ended. An import that went in drops its file: it is not needed again.
pub async fn finish(
    db: &impl ConnectionTrait,
    id: i64,
    to: &str,
    s: &Summary,
) -> Result<(), DbErr> {
    let mut q = import::Entity::update_many()
        .col_expr(import::Column::State, Expr::value(to))
        .col_expr(import::Column::Checked, Expr::value(to == state::CHECKED))
        .col_expr(import::Column::TotalRows, Expr::value(s.total as i64))
        .col_expr(import::Column::NewRows, Expr::value(s.new as i64))
        .col_expr(import::Column::MergedRows, Expr::value(s.merged as i64))
        .col_expr(import::Column::SkippedRows, Expr::value(s.skipped as i64))
        .col_expr(import::Column::ErrorRows, Expr::value(s.errors as i64))
        .col_expr(
            import::Column::PastRetention,
            Expr::value(s.past_retention as i64),
        )
        .col_expr(
            import::Column::Failure,
            Expr::value(s.file_error.map(|e| e.key().to_string())),
        )
        .col_expr(import::Column::FinishedAt, Expr::value(Utc::now()));
    if to == state::IMPORTED {
        q = q.col_expr(import::Column::Content, Expr::value(Vec::<u8>::new()));
    }
    q.filter(import::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

pub async fn results(
    db: &impl ConnectionTrait,
    import_id: i64,
    limit: Option<u64>,
) -> Result<Vec<import_result::Model>, DbErr> {
    let mut q = import_result::Entity::find()
        .filter(import_result::Column::ImportId.eq(import_id))
        .order_by_asc(import_result::Column::RowNo)
        .order_by_asc(import_result::Column::Id);
    if let Some(n) = limit {
        q = q.limit(n);
    }
    q.all(db).await
}

pub async fn result_count(db: &impl ConnectionTrait, import_id: i64) -> Result<u64, DbErr> {
    import_result::Entity::find()
        .filter(import_result::Column::ImportId.eq(import_id))
        .count(db)
        .await
}

pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    import_result::Entity::delete_many()
        .filter(import_result::Column::ImportId.eq(id))
        .exec(db)
        .await?;
    import::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Deletes imports (files and reports) older than `days`: they hold personal data.
pub async fn delete_old(db: &impl ConnectionTrait, days: u32) -> Result<u64, DbErr> {
    let before = Utc::now() - chrono::Duration::days(days.into());
    let old: Vec<i64> = import::Entity::find()
        .select_only()
        .column(import::Column::Id)
        .filter(import::Column::CreatedAt.lt(before))
        .filter(import::Column::State.is_not_in([state::CHECKING, state::IMPORTING]))
        .into_tuple()
        .all(db)
        .await?;
    for id in &old {
        delete(db, *id).await?;
    }
    Ok(old.len() as u64)
}

/// Records what stopped a run that could not finish (the database, not the file).
pub async fn set_failure(db: &impl ConnectionTrait, id: i64, key: &str) -> Result<(), DbErr> {
    import::Entity::update_many()
        .col_expr(import::Column::Failure, Expr::value(key))
        .filter(import::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks these runs as cut off by a stop (no start time): the next start runs them again
/// (`handlers::resume_cut_off`), and meanwhile a guide may start them again.
pub async fn mark_cut_off(db: &impl ConnectionTrait, ids: &[ImportId]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    import::Entity::update_many()
        .col_expr(
            import::Column::StartedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(import::Column::Id.is_in(ids.iter().map(|i| i.0)))
        .filter(import::Column::State.is_in([state::CHECKING, state::IMPORTING]))
        .exec(db)
        .await?;
    Ok(())
}

/// The runs a stop cut off (see `mark_cut_off`), with their files.
pub async fn cut_off(db: &impl ConnectionTrait) -> Result<Vec<import::Model>, DbErr> {
    import::Entity::find()
        .filter(import::Column::State.is_in([state::CHECKING, state::IMPORTING]))
        .filter(import::Column::StartedAt.is_null())
        .order_by_asc(import::Column::Id)
        .all(db)
        .await
}

/// Takes a cut-off run to run it again; false if another instance took it first.
pub async fn reclaim(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let r = import::Entity::update_many()
        .col_expr(import::Column::StartedAt, Expr::value(Utc::now()))
        .filter(import::Column::Id.eq(id))
        .filter(import::Column::State.is_in([state::CHECKING, state::IMPORTING]))
        .filter(import::Column::StartedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}
