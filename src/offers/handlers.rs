//! The guide's vacancies and homes: its municipality's only (`Scope::own`); another's
//! answers 404 like one that does not exist.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::forms::{HomeForm, VacancyForm};
use super::{mails, store, views};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::scope::Scope;
use crate::state::AppState;
use crate::web::ctx::GuideCtx;
use crate::web::format::today;
use crate::web::{Ctx, FieldErrors};

async fn audit(
    txn: &crate::db::Txn,
    scope: &Scope,
    action: &'static str,
    target: (&'static str, i64),
) -> AppResult<()> {
    crate::audit::write(
        txn,
        crate::audit::Entry {
            user_id: Some(scope.user_id()),
            action,
            target: Some(target),
            prospect: None,
            detail: None,
        },
    )
    .await?;
    Ok(())
}

pub async fn vacancies(State(state): State<AppState>, g: GuideCtx) -> AppResult<Response> {
    let scope = g.scope();
    let list = store::vacancies(&state.db, &scope).await?;
    let held = state.reference.get(&state.db).await?;
    let own = scope.home().value().and_then(|m| held.municipality(m));
    let slug = own.map(|m| m.slug.clone()).unwrap_or_default();
    let listings = views::Listings {
        form: state.config.link(&format!("/jobs/new?m={slug}")),
        shown: own.is_some_and(|m| m.listings),
        public: format!("/jobs?m={slug}"),
    };
    Ok(views::vacancies(&g.0, &list, today(), &listings).into_response())
}

pub async fn vacancy_new_form(g: GuideCtx) -> Response {
    views::vacancy_new(&g.0, &VacancyForm::default(), &FieldErrors::default()).into_response()
}

pub async fn vacancy_create(
    State(state): State<AppState>,
    g: GuideCtx,
    Form(form): Form<VacancyForm>,
) -> AppResult<Response> {
    let scope = g.scope();
    let new = match form.parse(None, today()) {
        Ok(n) => n,
        Err(e) => {
            let page = views::vacancy_new(&g.0, &form, &e);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let txn = state.db.begin().await?;
    let v = store::add(&txn, &scope, new, false).await?;
    audit(&txn, &scope, "vacancy_added", ("vacancy", v.id)).await?;
    txn.commit().await?;
    Ctx::flash(&g.0.session, "vacancy-added").await?;
    Ok(Redirect::to(&format!("/vacancies/{}", v.id)).into_response())
}

async fn found_vacancy(
    state: &AppState,
    scope: &Scope,
    id: i64,
) -> AppResult<crate::entities::vacancy::Model> {
    store::vacancy(&state.db, scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn vacancy_page(
    state: &AppState,
    ctx: &Ctx,
    v: &crate::entities::vacancy::Model,
    form: &VacancyForm,
    errors: &FieldErrors,
) -> AppResult<maud::Markup> {
    let held = state.reference.get(&state.db).await?;
    Ok(views::vacancy(
        ctx,
        &views::VacancyPage {
            v,
            form,
            errors,
            today: today(),
            decided_by: v.decided_by.and_then(|u| held.user_name(u)),
        },
    ))
}

pub async fn vacancy(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = found_vacancy(&state, &g.scope(), id).await?;
    let form = VacancyForm::of(&v);
    Ok(
        vacancy_page(&state, &g.0, &v, &form, &FieldErrors::default())
            .await?
            .into_response(),
    )
}

pub async fn vacancy_update(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
    Form(form): Form<VacancyForm>,
) -> AppResult<Response> {
    let scope = g.scope();
    let v = found_vacancy(&state, &scope, id).await?;
    // A past last day may stay as it was; a new one must lie ahead.
    let floor = today().min(v.last_day);
    let new = match form.parse(None, floor) {
        Ok(n) => n,
        Err(e) => {
            let page = vacancy_page(&state, &g.0, &v, &form, &e).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let txn = state.db.begin().await?;
    store::update_vacancy(&txn, v, new).await?;
    audit(&txn, &scope, "vacancy_updated", ("vacancy", id)).await?;
    txn.commit().await?;
    Ctx::flash(&g.0.session, "saved").await?;
    Ok(Redirect::to(&format!("/vacancies/{id}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeclineForm {
    reason: String,
    /// Tell the employer nothing: spam, or an address that is not the employer's.
    silent: Option<String>,
}

async fn decide(
    state: &AppState,
    g: &GuideCtx,
    id: i64,
    publish: bool,
    (reason, tell): (Option<String>, bool),
) -> AppResult<Response> {
    let scope = g.scope();
    let v = found_vacancy(state, &scope, id).await?;
    if publish && v.last_day < today() {
        // Published, it would be shown nowhere while its employer is told it is.
        Ctx::flash(&g.0.session, "vacancy-publish-past").await?;
        return Ok(Redirect::to(&format!("/vacancies/{id}")).into_response());
    }
    let txn = state.db.begin().await?;
    let Some(v) = store::decide(&txn, v, publish, reason, scope.user_id()).await? else {
        drop(txn);
        Ctx::flash(&g.0.session, "vacancy-already-decided").await?;
        return Ok(Redirect::to(&format!("/vacancies/{id}")).into_response());
    };
    let held = state.reference.get(&state.db).await?;
    let place = held
        .municipality(v.municipality_id)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let what = if publish { "published" } else { "declined" };
    if let Some(to) = v.contact_email.as_ref().filter(|_| tell) {
        let lang = Lang::parse(&v.lang).unwrap_or(Lang::Sv);
        crate::mail::enqueue(&txn, mails::to_employer(lang, to, &v, what, &place)).await?;
    }
    let action = if publish {
        "vacancy_published"
    } else {
        "vacancy_declined"
    };
    audit(&txn, &scope, action, ("vacancy", id)).await?;
    txn.commit().await?;
    state.wake_outbox();
    let notice = if publish {
        "vacancy-published"
    } else {
        "vacancy-declined"
    };
    Ctx::flash(&g.0.session, notice).await?;
    Ok(Redirect::to(&format!("/vacancies/{id}")).into_response())
}

pub async fn publish(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    decide(&state, &g, id, true, (None, true)).await
}

pub async fn decline(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
    Form(f): Form<DeclineForm>,
) -> AppResult<Response> {
    let reason: String = f
        .reason
        .trim()
        .chars()
        .take(crate::domain::MAX_MESSAGE)
        .collect();
    let reason = Some(reason).filter(|r| !r.is_empty());
    decide(&state, &g, id, false, (reason, f.silent.is_none())).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let scope = g.scope();
    let v = found_vacancy(&state, &scope, id).await?;
    let txn = state.db.begin().await?;
    if store::withdraw(&txn, v).await? {
        audit(&txn, &scope, "vacancy_withdrawn", ("vacancy", id)).await?;
        txn.commit().await?;
        Ctx::flash(&g.0.session, "vacancy-withdrawn").await?;
    }
    Ok(Redirect::to(&format!("/vacancies/{id}")).into_response())
}

pub async fn homes(State(state): State<AppState>, g: GuideCtx) -> AppResult<Response> {
    let list = store::homes(&state.db, &g.scope()).await?;
    Ok(views::homes(&g.0, &list).into_response())
}

pub async fn home_new_form(g: GuideCtx) -> Response {
    let form = HomeForm {
        tenure: "rent".into(),
        ..HomeForm::default()
    };
    views::home_new(&g.0, &form, &FieldErrors::default()).into_response()
}

pub async fn home_create(
    State(state): State<AppState>,
    g: GuideCtx,
    Form(form): Form<HomeForm>,
) -> AppResult<Response> {
    let scope = g.scope();
    let new = match form.parse() {
        Ok(n) => n,
        Err(e) => {
            let page = views::home_new(&g.0, &form, &e);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let txn = state.db.begin().await?;
    let h = store::add_home(&txn, &scope, new).await?;
    audit(&txn, &scope, "home_added", ("home", h.id)).await?;
    txn.commit().await?;
    Ctx::flash(&g.0.session, "home-added").await?;
    Ok(Redirect::to(&format!("/housing/{}", h.id)).into_response())
}

async fn found_home(
    state: &AppState,
    scope: &Scope,
    id: i64,
) -> AppResult<crate::entities::home::Model> {
    store::home(&state.db, scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn home(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let h = found_home(&state, &g.scope(), id).await?;
    let form = HomeForm::of(&h);
    Ok(views::home(&g.0, &h, &form, &FieldErrors::default()).into_response())
}

pub async fn home_update(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
    Form(form): Form<HomeForm>,
) -> AppResult<Response> {
    let scope = g.scope();
    let h = found_home(&state, &scope, id).await?;
    let new = match form.parse() {
        Ok(n) => n,
        Err(e) => {
            let page = views::home(&g.0, &h, &form, &e);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let txn = state.db.begin().await?;
    store::update_home(&txn, h, new).await?;
    audit(&txn, &scope, "home_updated", ("home", id)).await?;
    txn.commit().await?;
    Ctx::flash(&g.0.session, "saved").await?;
    Ok(Redirect::to(&format!("/housing/{id}")).into_response())
}

async fn set_open(state: &AppState, g: &GuideCtx, id: i64, open: bool) -> AppResult<Response> {
    let scope = g.scope();
    let h = found_home(state, &scope, id).await?;
    let txn = state.db.begin().await?;
    store::set_home_open(&txn, h, open).await?;
    let action = if open { "home_reopened" } else { "home_closed" };
    audit(&txn, &scope, action, ("home", id)).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/housing/{id}")).into_response())
}

pub async fn home_close(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    set_open(&state, &g, id, false).await
}

pub async fn home_open(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    set_open(&state, &g, id, true).await
}
