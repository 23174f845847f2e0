//! The employer's vacancy form (`/jobs/new`), in Swedish and English: behind the same gate
//! as every public form (rate, honeypot, time trap), without a session. A vacancy sent in
//! waits for its municipality's guide, who is mailed a link; the employer gets a receipt.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::forms::VacancyForm;
use super::{mails, store, views};
use crate::error::AppResult;
use crate::i18n::{self, Lang};
use crate::scope::Target;
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::ctx::PublicCtx;
use crate::web::format::today;
use crate::web::gate::{Gate, Stop};
use crate::web::{Ctx, FieldErrors};

const PURPOSE: &str = "vacancy";

/// The public context in the staff languages: an employer's page is in Swedish or English.
fn employer_ctx(mut ctx: Ctx) -> Ctx {
    if !i18n::STAFF.contains(&ctx.lang) {
        ctx.lang = Lang::En;
    }
    ctx.langs = i18n::STAFF;
    ctx
}

/// The municipalities that take vacancies: (slug, id, name), by name.
async fn places(state: &AppState) -> AppResult<Vec<(String, i64, String)>> {
    let held = state.reference.get(&state.db).await?;
    Ok(held
        .municipalities()
        .iter()
        .filter(|m| m.active)
        .map(|m| (m.slug.clone(), m.id, m.name.clone()))
        .collect())
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    form: &VacancyForm,
    errors: &FieldErrors,
    problem: Option<&str>,
) -> AppResult<maud::Markup> {
    let gate = Gate::of(state, PURPOSE).await?;
    let shown: Vec<(String, String)> = places(state)
        .await?
        .into_iter()
        .map(|(slug, _, name)| (slug, name))
        .collect();
    Ok(views::public_form(
        ctx,
        &views::PublicForm {
            form,
            errors,
            problem,
            places: &shown,
            token: &gate.token(),
        },
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct FormQuery {
    /// A municipality chosen beforehand (`/jobs/new?m=lycksele`, the guide's link).
    #[serde(default)]
    m: String,
}

pub async fn show(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Query(q): Query<FormQuery>,
) -> AppResult<Response> {
    let ctx = employer_ctx(ctx);
    let form = VacancyForm {
        municipality: q.m,
        ..VacancyForm::default()
    };
    Ok(render(&state, &ctx, &form, &FieldErrors::default(), None)
        .await?
        .into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<VacancyForm>,
) -> AppResult<Response> {
    let ctx = employer_ctx(ctx);
    let thanks = Redirect::to(&format!("/jobs/thanks?lang={}", ctx.lang.code())).into_response();
    let problem = match Gate::of(&state, PURPOSE)
        .await?
        .check(&client, &form.website, &form.token)
        .await
    {
        Ok(()) => None,
        Err(Stop::Honeypot) => return Ok(thanks),
        Err(stop @ Stop::RateLimited) => {
            let page = render(
                &state,
                &ctx,
                &form,
                &FieldErrors::default(),
                Some(stop.message()),
            )
            .await?;
            return Ok((stop.status(), page).into_response());
        }
        Err(stop) => Some(stop.message()),
    };
    let all = places(&state).await?;
    let known: Vec<(String, i64)> = all.iter().map(|(s, id, _)| (s.clone(), *id)).collect();
    let new = match form.parse(Some(&known), today()) {
        Ok(n) => n,
        Err(errors) => {
            let page = render(&state, &ctx, &form, &errors, problem).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if let Some(p) = problem {
        let page = render(&state, &ctx, &form, &FieldErrors::default(), Some(p)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let Some(m) = new.municipality else {
        return Ok(thanks);
    };
    let txn = state.db.begin().await?;
    if !spend(&txn, &form.token).await? {
        // The same form sent again with its spent token: shown again, with a fresh one.
        drop(txn);
        let page = render(
            &state,
            &ctx,
            &form,
            &FieldErrors::default(),
            Some("interest-already-sent"),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    // No receipt by mail: the address is not known to be the employer's until a guide has
    // read the vacancy (a form that mails any address what a stranger typed is a relay).
    let Some(v) = store::submit(&txn, Target::municipality(m), new, ctx.lang.code()).await? else {
        // The same vacancy sent again (the back button): thanked, stored once.
        drop(txn);
        return Ok(thanks);
    };
    for g in crate::accounts::guides_of(&txn, m).await? {
        let lang = Lang::parse(&g.locale).unwrap_or(Lang::Sv);
        let link = state.config.link(&format!("/vacancies/{}", v.id));
        crate::mail::enqueue(&txn, mails::waiting_for_guide(lang, &g.email, &link)).await?;
    }
    crate::audit::write(
        &txn,
        crate::audit::Entry {
            user_id: None,
            action: "vacancy_submitted",
            target: Some(("vacancy", v.id)),
            prospect: None,
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok(thanks)
}

/// Spends the form's token: false if it was spent already.
async fn spend(txn: &crate::db::Txn, token: &str) -> Result<bool, sea_orm::DbErr> {
    use crate::entities::spent_form_token;
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{EntityTrait, Set};
    let n = spent_form_token::Entity::insert(spent_form_token::ActiveModel {
        token_hash: Set(crate::crypto::hash(token)),
        fields_hash: Set(PURPOSE.into()),
        spent_at: Set(chrono::Utc::now()),
    })
    .on_conflict(
        OnConflict::column(spent_form_token::Column::TokenHash)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(n == 1)
}

pub async fn thanks(PublicCtx(ctx): PublicCtx) -> Response {
    views::public_thanks(&employer_ctx(ctx)).into_response()
}
