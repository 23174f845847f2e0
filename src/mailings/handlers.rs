//! The mailing pages: a guide's to its municipality's movers, a coordinator's to the
//! region's (who sees how many, never who). Short handlers: the form, the store, the view.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use serde::Deserialize;

use super::forms::MailingForm;
use super::segment::{self, Segment};
use super::store::{self, Draft, Text};
use super::views::{self, FormPage, SendForm, ShowPage};
use crate::entities::UserId;
use crate::error::{AppError, AppResult};
use crate::scope::Reach;
use crate::state::AppState;
use crate::web::ctx::StaffCtx;
use crate::web::{Ctx, FieldErrors};

/// Whom the signed-in user's mailings reach: a guide its municipality, a coordinator the
/// region.
fn reach_of(ctx: &Ctx) -> AppResult<Reach> {
    if let Some(scope) = ctx.guide_scope() {
        return Ok(Reach::of_guide(&scope));
    }
    match &ctx.user {
        Some(u) if u.roles.coordinator => Ok(Reach::Region),
        _ => Err(AppError::Forbidden),
    }
}

fn author(ctx: &Ctx) -> AppResult<UserId> {
    Ok(ctx.user()?.id)
}

async fn audit(
    txn: &crate::db::Txn,
    ctx: &Ctx,
    action: &'static str,
    detail: String,
) -> AppResult<()> {
    crate::audit::write(
        txn,
        crate::audit::Entry {
            user_id: Some(author(ctx)?),
            action,
            target: None,
            prospect: None,
            detail: Some(detail),
        },
    )
    .await?;
    Ok(())
}

/// What the form may offer this reach: municipalities (slug, id, name) a coordinator may
/// choose, and the campaigns (id, name).
async fn choices(state: &AppState, reach: Reach) -> AppResult<views::Choices> {
    let r = state.reference.get(&state.db).await?;
    let places = match reach {
        Reach::Region => r
            .municipalities()
            .iter()
            .filter(|m| m.active)
            .map(|m| (m.slug.clone(), m.id, m.name.clone()))
            .collect(),
        Reach::Own(_) => Vec::new(),
    };
    let mut campaigns: Vec<(i64, String)> = r
        .campaigns()
        .filter(|c| reach.may_use(c.municipality_id))
        .map(|c| (c.id, c.name.clone()))
        .collect();
    campaigns.sort_by_key(|c| std::cmp::Reverse(c.0));
    Ok(views::Choices { places, campaigns })
}

pub async fn index(State(state): State<AppState>, StaffCtx(ctx): StaffCtx) -> AppResult<Response> {
    let reach = reach_of(&ctx)?;
    let list = store::list(&state.db, reach).await?;
    let threshold = state.config.reports.small_cell_threshold;
    Ok(views::index(&ctx, reach, threshold, &list).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
) -> AppResult<Response> {
    let reach = reach_of(&ctx)?;
    let choices = choices(&state, reach).await?;
    let form = MailingForm::from_pairs(Vec::new());
    Ok(views::form(
        &ctx,
        &FormPage {
            id: None,
            form: &form,
            errors: &FieldErrors::default(),
            choices: &choices,
        },
    )
    .into_response())
}

/// The form's draft, or the form again with what was typed and what is wrong.
async fn parsed(
    state: &AppState,
    ctx: &Ctx,
    reach: Reach,
    id: Option<i64>,
    pairs: Vec<(String, String)>,
) -> AppResult<Result<Draft, Response>> {
    let choices = choices(state, reach).await?;
    let form = MailingForm::from_pairs(pairs);
    let places: Vec<(String, i64)> = choices
        .places
        .iter()
        .map(|(s, id, _)| (s.clone(), *id))
        .collect();
    let campaigns: Vec<i64> = choices.campaigns.iter().map(|(id, _)| *id).collect();
    match form.parse(&places, &campaigns) {
        Ok(d) => Ok(Ok(d)),
        Err(errors) => {
            let page = views::form(
                ctx,
                &FormPage {
                    id,
                    form: &form,
                    errors: &errors,
                    choices: &choices,
                },
            );
            Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, page).into_response()))
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let reach = reach_of(&ctx)?;
    let draft = match parsed(&state, &ctx, reach, None, pairs).await? {
        Ok(d) => d,
        Err(page) => return Ok(page),
    };
    let txn = state.db.begin().await?;
    let id = store::create(&txn, reach, author(&ctx)?, &draft).await?;
    audit(&txn, &ctx, "mailing_created", format!("mailing {id}")).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/mailings/{id}")).into_response())
}

async fn found(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
) -> AppResult<(Reach, crate::entities::mailing::Model)> {
    let reach = reach_of(ctx)?;
    let m = store::find(&state.db, reach, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((reach, m))
}

pub async fn edit_form(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (reach, m) = found(&state, &ctx, id).await?;
    if m.status != store::DRAFT {
        return Ok(Redirect::to(&format!("/mailings/{id}")).into_response());
    }
    let choices = choices(&state, reach).await?;
    let draft = Draft {
        name: m.name.clone(),
        segment: Segment::from_json(&m.segment).unwrap_or_default(),
        texts: store::texts(&state.db, id).await?,
    };
    let form = MailingForm::of(&draft, |mid| {
        choices
            .places
            .iter()
            .find(|p| p.1 == mid)
            .map(|p| p.0.clone())
    });
    Ok(views::form(
        &ctx,
        &FormPage {
            id: Some(id),
            form: &form,
            errors: &FieldErrors::default(),
            choices: &choices,
        },
    )
    .into_response())
}

pub async fn update(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (reach, _) = found(&state, &ctx, id).await?;
    let draft = match parsed(&state, &ctx, reach, Some(id), pairs).await? {
        Ok(d) => d,
        Err(page) => return Ok(page),
    };
    let txn = state.db.begin().await?;
    if !store::update(&txn, id, &draft).await? {
        drop(txn);
        Ctx::flash(&ctx.session, "mailing-not-draft").await?;
        return Ok(Redirect::to(&format!("/mailings/{id}")).into_response());
    }
    audit(&txn, &ctx, "mailing_updated", format!("mailing {id}")).await?;
    txn.commit().await?;
    Ctx::flash(&ctx.session, "mailing-saved").await?;
    Ok(Redirect::to(&format!("/mailings/{id}")).into_response())
}

/// The show page, with the send form as typed and its errors.
async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    reach: Reach,
    m: &crate::entities::mailing::Model,
    send: &SendForm,
    errors: &FieldErrors,
) -> AppResult<maud::Markup> {
    let texts = store::texts(&state.db, m.id).await?;
    // A segment this version cannot read (a newer one's) is neither counted nor shown.
    let read = Segment::from_json(&m.segment);
    let seg = read.clone().unwrap_or_default();
    let count = match read {
        Some(seg) if m.status == store::DRAFT || m.status == store::SCHEDULED => {
            Some(segment::count(&state.db, &seg, reach).await?)
        }
        _ => None,
    };
    let progress = store::progress(&state.db, m.id).await?;
    let r = state.reference.get(&state.db).await?;
    let from = super::send::sender_name(&r, reach);
    Ok(views::show(
        ctx,
        &ShowPage {
            mailing: m,
            segment: &seg,
            texts: &texts,
            count: count.as_ref(),
            progress,
            from: from.as_deref(),
            send,
            errors,
            confirm_above: state.config.mailings.confirm_above,
            reference: &r,
            reach,
            threshold: state.config.reports.small_cell_threshold,
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (reach, m) = found(&state, &ctx, id).await?;
    let page = show_page(
        &state,
        &ctx,
        reach,
        &m,
        &SendForm::default(),
        &FieldErrors::default(),
    )
    .await?;
    Ok(page.into_response())
}

/// A test of every text to the sender's own address, marked as a test; no unsubscribe.
pub async fn test(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (reach, m) = found(&state, &ctx, id).await?;
    let texts = store::texts(&state.db, id).await?;
    let me = ctx.user()?.email.clone();
    let r = state.reference.get(&state.db).await?;
    let from = super::send::sender_name(&r, reach);
    let link = state.config.link(&format!("/mailings/{}", m.id));
    let txn = state.db.begin().await?;
    for t in &texts {
        let lang = crate::i18n::Lang::parse(&t.lang).unwrap_or(crate::i18n::Lang::En);
        let marked = Text {
            subject: format!("{} {}", ctx.t("mailing-test-prefix"), t.subject),
            ..t.clone()
        };
        let mail = super::send::compose(lang, &me, &marked, from.as_deref(), &link);
        crate::mail::enqueue(&txn, mail).await?;
    }
    audit(
        &txn,
        &ctx,
        "mailing_test_sent",
        format!("mailing {id}: {} texts", texts.len()),
    )
    .await?;
    txn.commit().await?;
    state.wake_outbox();
    Ctx::flash(&ctx.session, "mailing-test-queued").await?;
    Ok(Redirect::to(&format!("/mailings/{id}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SendFields {
    when: String,
    send_at: String,
    confirm: String,
}

/// Sends a draft now or at a time, once its count is confirmed when it is large.
pub async fn send(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
    Form(f): Form<SendFields>,
) -> AppResult<Response> {
    let (reach, m) = found(&state, &ctx, id).await?;
    let mut form = SendForm {
        later: f.when == "later",
        send_at: f.send_at.clone(),
        asked: false,
    };
    let mut e = FieldErrors::default();
    if m.status != store::DRAFT {
        Ctx::flash(&ctx.session, "mailing-not-draft").await?;
        return Ok(Redirect::to(&format!("/mailings/{id}")).into_response());
    }
    let at = if form.later {
        crate::web::format::parse_local_input(&f.send_at)
    } else {
        Some(Utc::now())
    };
    match at {
        None => e.add("send_at", "err-mailing-when"),
        Some(t) if form.later && t <= Utc::now() => e.add("send_at", "err-mailing-when-past"),
        _ => {}
    }
    let Some(seg) = Segment::from_json(&m.segment) else {
        e.add("send", "err-mailing-segment-unreadable");
        let page = show_page(&state, &ctx, reach, &m, &form, &e).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let texts = store::texts(&state.db, id).await?;
    let count = segment::count(&state.db, &seg, reach).await?;
    if count.total == 0 {
        e.add("send", "err-mailing-nobody");
    } else if !covered(&texts, &count) {
        e.add("send", "err-mailing-no-fallback");
    }
    // The number confirmed is the one the sender was shown.
    let shown = segment::Approx::of(
        reach,
        state.config.reports.small_cell_threshold,
        count.total,
    );
    let confirmed = f.confirm.trim().parse::<i64>().ok() == Some(shown.number());
    let large = count.total > i64::from(state.config.mailings.confirm_above);
    if !e.is_empty() || (large && !confirmed) {
        form.asked = e.is_empty();
        let page = show_page(&state, &ctx, reach, &m, &form, &e).await?;
        let code = if e.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return Ok((code, page).into_response());
    }
    let at = at.unwrap_or_else(Utc::now);
    let txn = state.db.begin().await?;
    if !store::schedule(&txn, id, at).await? {
        drop(txn);
        Ctx::flash(&ctx.session, "mailing-not-draft").await?;
        return Ok(Redirect::to(&format!("/mailings/{id}")).into_response());
    }
    audit(
        &txn,
        &ctx,
        "mailing_scheduled",
        format!(
            "mailing {id}: {} recipients, at {}",
            count.total,
            at.to_rfc3339()
        ),
    )
    .await?;
    txn.commit().await?;
    super::wake(&state);
    let key = if form.later {
        "mailing-scheduled"
    } else {
        "mailing-sending"
    };
    Ctx::flash(&ctx.session, key).await?;
    Ok(Redirect::to(&format!("/mailings/{id}")).into_response())
}

/// Every mover gets a text: its language's, or the English one.
fn covered(texts: &[Text], count: &segment::Count) -> bool {
    count
        .by_language
        .keys()
        .all(|l| store::text_for(texts, l).is_some())
}

/// Stops a mailing: a scheduled one back to a draft, one being sent cancelled.
pub async fn stop(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let _ = found(&state, &ctx, id).await?;
    let txn = state.db.begin().await?;
    if store::stop(&txn, id).await? {
        audit(&txn, &ctx, "mailing_stopped", format!("mailing {id}")).await?;
        txn.commit().await?;
        Ctx::flash(&ctx.session, "mailing-stopped").await?;
    }
    Ok(Redirect::to(&format!("/mailings/{id}")).into_response())
}
