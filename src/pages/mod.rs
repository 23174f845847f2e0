//! Public information pages in the four languages: the privacy notice and the accessibility
//! statement (tillgänglighetsredogörelse), whose problem-report form stores the report and
//! mails the admins, so that a report is more than an e-mail address to write to.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Form;
use chrono::Utc;
use maud::{html, Markup};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use tower_http::limit::RequestBodyLimitLayer;

use crate::entities::{accessibility_report, user};
use crate::error::AppResult;
use crate::i18n::{t, Lang};
use crate::mail::{self, Mail};
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::components::{error_summary, field, textarea, Input};
use crate::web::ctx::PublicCtx;
use crate::web::gate::Gate;
use crate::web::routes::Routes;
use crate::web::{layout, Ctx, FieldErrors};

const PURPOSE: &str = "a11y-report";

pub fn router(max_body: usize) -> Routes {
    Routes::new()
        .route("/privacy", get(privacy))
        .route("/accessibility", get(accessibility).post(report))
        .layer(RequestBodyLimitLayer::new(max_body))
}

/// Paragraphs `<prefix>-1`, `<prefix>-2`, … of a section, as many as the locale has.
fn paragraphs(ctx: &Ctx, prefix: &str, count: usize) -> Markup {
    html! { @for i in 1..=count { p { (ctx.t(&format!("{prefix}-{i}"))) } } }
}

async fn privacy(PublicCtx(ctx): PublicCtx) -> Response {
    let sections = [
        ("privacy-who", 2),
        ("privacy-what", 2),
        ("privacy-why", 2),
        ("privacy-access", 2),
        ("privacy-keep", 1),
        ("privacy-rights", 3),
    ];
    layout::page(
        &ctx,
        &ctx.t("privacy-title"),
        html! {
            p.lead { (ctx.t("privacy-intro")) }
            @for (key, n) in sections {
                h2 { (ctx.t(&format!("{key}-title"))) }
                (paragraphs(&ctx, key, n))
            }
            p { a href={ "/interest?lang=" (ctx.lang.code()) } { (ctx.t("back-to-interest")) } }
        },
    )
    .into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReportForm {
    page_url: String,
    description: String,
    name: String,
    email: String,
    token: String,
}

#[derive(Debug, Default, Deserialize)]
struct SentQuery {
    #[serde(default)]
    sent: Option<String>,
}

fn statement(
    ctx: &Ctx,
    form: &ReportForm,
    errors: &FieldErrors,
    problem: Option<&str>,
    sent: bool,
    token: &str,
) -> Markup {
    let action = format!("/accessibility?lang={}", ctx.lang.code());
    layout::page(
        ctx,
        &ctx.t("a11y-title"),
        html! {
            @if sent { div.notice role="status" { p { (ctx.t("a11y-report-sent")) } } }
            p.lead { (ctx.t("a11y-intro")) }
            h2 { (ctx.t("a11y-status-title")) }
            (paragraphs(ctx, "a11y-status", 2))
            h2 { (ctx.t("a11y-tested-title")) }
            (paragraphs(ctx, "a11y-tested", 1))
            h2 #report { (ctx.t("a11y-report-title")) }
            p { (ctx.t("a11y-report-intro")) }
            @if let Some(k) = problem { div.error-summary role="alert" { p { (ctx.t(k)) } } }
            (error_summary(ctx, errors))
            form method="post" action=(action) class="stack" novalidate {
                input type="hidden" name="token" value=(token);
                (field(ctx, "page_url", "field-page-url", &form.page_url, errors, Input { kind: "url", ..Input::default() }))
                (textarea(ctx, "description", "field-description", &form.description, errors, 5))
                (field(ctx, "name", "field-name-optional", &form.name, errors, Input { autocomplete: Some("name"), ..Input::default() }))
                (field(ctx, "email", "field-email-optional", &form.email, errors, Input { kind: "email", autocomplete: Some("email"), hint_key: Some("hint-report-email"), required: false }))
                button type="submit" { (ctx.t("a11y-report-submit")) }
            }
            h2 { (ctx.t("a11y-enforcement-title")) }
            (paragraphs(ctx, "a11y-enforcement", 1))
            p { a href="https://www.digg.se/tdosanmalan" { (ctx.t("a11y-enforcement-link")) } }
        },
    )
}

async fn accessibility(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Query(q): Query<SentQuery>,
) -> AppResult<Response> {
    let gate = Gate::of(&state, PURPOSE).await?;
    let page = statement(
        &ctx,
        &ReportForm::default(),
        &FieldErrors::default(),
        None,
        q.sent.is_some(),
        &gate.token(),
    );
    Ok(page.into_response())
}

async fn report(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    let gate = Gate::of(&state, PURPOSE).await?;
    let fresh = gate.token();
    let none = FieldErrors::default();
    if let Err(stop) = gate.check(&client, "", &form.token).await {
        let page = statement(&ctx, &form, &none, Some(stop.message()), false, &fresh);
        return Ok((stop.status(), page).into_response());
    }
    let mut e = FieldErrors::default();
    if form.description.trim().is_empty() {
        e.add("description", "err-description-required");
    } else if form.description.chars().count() > crate::domain::MAX_MESSAGE {
        e.add("description", "err-message-too-long");
    }
    if !form.email.trim().is_empty() {
        crate::web::components::validate_email(&form.email, &mut e);
    }
    for (f, v) in [("page_url", &form.page_url), ("name", &form.name)] {
        if v.chars().count() > 500 {
            e.add(f, "err-too-long");
        }
    }
    if !e.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            statement(&ctx, &form, &e, None, false, &fresh),
        )
            .into_response());
    }
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let txn = state.db.begin().await?;
    let saved = accessibility_report::ActiveModel {
        page_url: Set(opt(&form.page_url)),
        description: Set(form.description.trim().to_string()),
        name: Set(opt(&form.name)),
        email: Set(opt(&form.email)),
        language: Set(ctx.lang.code().into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let admins = user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .filter(user::Column::Active.eq(true))
        .all(&txn)
        .await?;
    for a in admins {
        let lang = Lang::parse(&a.locale).unwrap_or(Lang::Sv);
        let text = format!(
            "{}\n\n{}: {}\n{}:\n{}\n\n{}: {} {}\n",
            t(lang, "mail-a11y-intro"),
            t(lang, "field-page-url"),
            saved.page_url.as_deref().unwrap_or("–"),
            t(lang, "field-description"),
            saved.description,
            t(lang, "mail-a11y-from"),
            saved.name.as_deref().unwrap_or("–"),
            saved.email.as_deref().unwrap_or(""),
        );
        let html = html! { @for line in text.lines() { (line) br; } }.into_string();
        let subject = format!("{} #{}", t(lang, "mail-a11y-subject"), saved.id);
        mail::enqueue(
            &txn,
            Mail {
                to: a.email,
                subject,
                text,
                html,
            },
        )
        .await?;
    }
    txn.commit().await?;
    state.wake_outbox();
    Ok(Redirect::to(&format!(
        "/accessibility?lang={}&sent=1#main",
        ctx.lang.code()
    ))
    .into_response())
}
