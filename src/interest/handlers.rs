//! The public interest form: show it, take it in, thank the mover.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Datelike;
use sea_orm::EntityTrait;
use serde::Deserialize;

use super::forms::InterestForm;
use super::intake::{self, Submission};
use super::views::{self, FormPage};
use crate::entities::{campaign, municipality};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::ctx::PublicCtx;
use crate::web::format::today;
use crate::web::gate::{Gate, Stop};
use crate::web::{Ctx, FieldErrors};

const PURPOSE: &str = "interest";

/// The municipalities that take movers, by name (held in the process: `reference`).
async fn municipalities(state: &AppState) -> AppResult<Vec<municipality::Model>> {
    let held = state.reference.get(&state.db).await?;
    Ok(held
        .municipalities()
        .iter()
        .filter(|m| m.active)
        .cloned()
        .collect())
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    form: &InterestForm,
    errors: &FieldErrors,
    problem: Option<&str>,
) -> AppResult<maud::Markup> {
    let gate = Gate::of(state, PURPOSE).await?;
    let ms = municipalities(state).await?;
    let page = FormPage {
        form,
        errors,
        problem,
        municipalities: &ms,
        token: &gate.token(),
    };
    Ok(views::form(ctx, &page))
}

#[derive(Debug, Default, Deserialize)]
pub struct FormQuery {
    #[serde(default)]
    campaign: String,
}

pub async fn show(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Query(q): Query<FormQuery>,
) -> AppResult<Response> {
    let form = InterestForm {
        campaign: q.campaign,
        adults: "1".into(),
        ..InterestForm::default()
    };
    Ok(render(&state, &ctx, &form, &FieldErrors::default(), None)
        .await?
        .into_response())
}

pub async fn show_for(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(slug): Path<String>,
    Query(q): Query<FormQuery>,
) -> AppResult<Response> {
    if !municipalities(&state).await?.iter().any(|m| m.slug == slug) {
        return Err(AppError::NotFound);
    }
    let form = InterestForm {
        municipalities: vec![slug],
        campaign: q.campaign,
        adults: "1".into(),
        ..InterestForm::default()
    };
    Ok(render(&state, &ctx, &form, &FieldErrors::default(), None)
        .await?
        .into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    ClientAddr(client): ClientAddr,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = InterestForm::from_pairs(pairs);
    let none = FieldErrors::default();
    let thanks =
        Redirect::to(&format!("/interest/thanks?lang={}", ctx.lang.code())).into_response();
    let problem = match Gate::of(&state, PURPOSE)
        .await?
        .check(&client, &form.website, &form.token)
        .await
    {
        Ok(()) => None,
        // A bot filled in the honeypot: it is thanked and nothing is stored.
        Err(Stop::Honeypot) => return Ok(thanks),
        Err(stop @ Stop::RateLimited) => {
            let page = render(&state, &ctx, &form, &none, Some(stop.message())).await?;
            return Ok((stop.status(), page).into_response());
        }
        // The fields are checked first: a form with mistakes shows them, not the trap.
        Err(stop) => Some(stop.message()),
    };
    let submission = match submission_of(&state, &ctx, &form).await? {
        Ok(s) => s,
        Err(errors) => {
            let page = render(&state, &ctx, &form, &errors, problem).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if let Some(p) = problem {
        // Sent back at once after the back button reloaded the form: if it is what was
        // already taken in, it is thanked as such; anything else waits for the time trap.
        if p == "interest-too-fast" && intake::seen(&state.db, &submission).await? {
            return Ok(thanks);
        }
        let page = render(&state, &ctx, &form, &none, Some(p)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let together = state.kept.get::<intake::Intake>();
    match together
        .take_in(&state.db, &state.reference, &state.config, submission)
        .await?
    {
        intake::Taken::Stored(_) => {
            state.wake_outbox();
            Ok(thanks)
        }
        intake::Taken::Again => Ok(thanks),
        intake::Taken::NoneOpen => {
            let mut errors = FieldErrors::default();
            errors.add("municipalities", "err-municipality-choose");
            let page = render(&state, &ctx, &form, &errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        intake::Taken::Replayed => {
            // What was typed comes back with a fresh token, to be sent once more on purpose.
            let page = render(&state, &ctx, &form, &none, Some("interest-already-sent")).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// The form's submission, checked; the errors beside the fields otherwise.
async fn submission_of(
    state: &AppState,
    ctx: &crate::web::Ctx,
    form: &InterestForm,
) -> AppResult<Result<Submission, FieldErrors>> {
    let known: Vec<String> = municipalities(state)
        .await?
        .into_iter()
        .map(|m| m.slug)
        .collect();
    let (household, chosen) = match form.parse(&known, today().year(), ctx.lang) {
        Ok(ok) => ok,
        Err(errors) => return Ok(Err(errors)),
    };
    let campaign_id = match form.campaign.trim().parse::<i64>() {
        Ok(id) => campaign::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .map(|c| c.key()),
        Err(_) => None,
    };
    Ok(Ok(Submission {
        household,
        municipalities: chosen,
        help_choose: form.help_choose,
        message: Some(form.message.trim().to_string()).filter(|m| !m.is_empty()),
        form_lang: ctx.lang,
        campaign_id,
        source: crate::domain::Source::InterestForm,
        consent_version: intake::CONSENT_VERSION,
        news_version: form.news.then_some(crate::domain::purpose::NEWS_VERSION),
        token: Some(form.token.clone()),
        by: None,
    }))
}

pub async fn thanks(PublicCtx(ctx): PublicCtx) -> Response {
    views::thanks(&ctx).into_response()
}
