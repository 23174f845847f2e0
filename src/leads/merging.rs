//! Merging two leads of one household, by hand: from the lead page a guide searches for
//! the other lead (or follows a duplicate warning), sees side by side what the merge will
//! keep, and only then merges. Both leads are the guide's municipality's.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

use super::forms::MergeForm;
use super::handlers::{back, own};
use super::queries::{self, Filter, Probe};
use super::views;
use crate::entities::LeadId;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::ctx::GuideCtx;
use crate::web::format::today;
use crate::web::Ctx;

/// How many leads a merge search shows.
const CANDIDATES: usize = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
}

/// `GET /leads/{id}/merge?q=…`: the leads of the municipality that match, to pick the other.
pub async fn search(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Query(q): Query<SearchQuery>,
) -> AppResult<Response> {
    let keep = own(&state, &g, id).await?;
    let scope = g.scope();
    let words = q.q.trim();
    let mut candidates = Vec::new();
    let mut total = queries::Total::Exact(0);
    if !words.is_empty() {
        let f = Filter {
            q: Some(words.to_string()),
            ..Filter::default()
        };
        let found = queries::list(&state.db, &scope, &f, today()).await?;
        total = found.total;
        candidates = found
            .rows
            .into_iter()
            .filter(|r| r.lead.id != keep.lead.id)
            .take(CANDIDATES)
            .collect();
        state
            .audit
            .record(Some(scope.user_id()), "leads_listed", None, None)
            .await?;
    }
    Ok(views::merge_search(&g.0, &keep, words, &candidates, total).into_response())
}

/// `GET /leads/{id}/merge/{other}`: what the merge of `other` into this lead keeps.
pub async fn preview(
    State(state): State<AppState>,
    g: GuideCtx,
    Path((id, other)): Path<(LeadId, LeadId)>,
) -> AppResult<Response> {
    if id == other {
        return Err(AppError::NotFound);
    }
    let keep = own(&state, &g, id).await?;
    let gone = own(&state, &g, other).await?;
    let scope = g.scope();
    // Both records are shown in full: both views are in the audit trail.
    for r in [&keep, &gone] {
        state
            .audit
            .lead(
                scope.user_id(),
                "lead_viewed",
                r.lead.key(),
                r.prospect.key(),
            )
            .await?;
    }
    let why = queries::duplicates(
        &state.db,
        &scope,
        &Probe::of_prospect(&keep.prospect),
        Some(keep.lead.id),
    )
    .await?
    .into_iter()
    .find(|(r, _)| r.lead.id == gone.lead.id)
    .map(|(_, why)| why)
    .unwrap_or_default();
    let page = views::MergePreview {
        after: super::records::merged(&keep.prospect, &gone.prospect),
        moving_entries: queries::timeline(
            &state.db,
            &gone,
            &*state.reference.get(&state.db).await?,
        )
        .await?
        .len(),
        moving_follow_ups: queries::follow_ups(&state.db, &gone).await?.len(),
        keep: &keep,
        gone: &gone,
        why,
    };
    Ok(views::merge_preview(&g.0, &page).into_response())
}

/// `POST /leads/{id}/merge`: merges the other lead into this one.
pub async fn merge(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Form(form): Form<MergeForm>,
) -> AppResult<Response> {
    let keep = own(&state, &g, id).await?;
    let other_id = form
        .other
        .trim()
        .parse::<i64>()
        .map(LeadId)
        .map_err(|_| AppError::NotFound)?;
    if other_id == id {
        return Err(AppError::NotFound);
    }
    let other = own(&state, &g, other_id).await?;
    super::records::merge(&state.db, &g.scope(), &keep, &other).await?;
    Ctx::flash(&g.0.session, "merge-done").await?;
    Ok(back(id, "h-timeline"))
}
