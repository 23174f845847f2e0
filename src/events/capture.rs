//! Fair mode: at an event, a guide captures movers on its phone with a minimal form (name,
//! e-mail or phone, which municipality, a note, consent ticked by the mover); each becomes a
//! lead with the event as its campaign, through the same intake as the interest form. And a
//! QR code that opens the public interest form with the event preset.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use qrcode::render::svg;
use qrcode::QrCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::domain::Household;
use crate::domain::{normalise_phone, HousingWish, Source};
use crate::entities::{campaign, lead, municipality, CampaignId};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::interest::intake::{self, Submission};
use crate::state::AppState;
use crate::web::components::{error_summary, field, post_form, select, textarea, Input};
use crate::web::ctx::{GuideCtx, StaffCtx};
use crate::web::{layout, Ctx, FieldErrors};

/// The version of the consent text on the capture form.
pub const CONSENT_VERSION: &str = "fair-2026-11";

async fn event_for(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<campaign::Model> {
    let mut q = campaign::Entity::find_by_id(id);
    // A coordinator reaches every campaign; a guide its municipality's and the regional ones.
    if !ctx.user()?.roles.coordinator {
        let scope = ctx.guide_scope().ok_or(AppError::NotFound)?;
        q = q.filter(scope.visible(campaign::Column::MunicipalityId));
    }
    q.one(&state.db).await?.ok_or(AppError::NotFound)
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct CaptureForm {
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    /// A municipality slug, or `pool`.
    interest: String,
    note: String,
    consent: Option<String>,
    /// The visitor wants news and invitations by e-mail (asked separately, unticked).
    news: Option<String>,
    /// The visitor's language (`sv`, `en`, `de`, `nl`): its confirmation mail is in it.
    language: String,
}

impl CaptureForm {
    /// The visitor's language as chosen, else the guide's.
    fn visitor_lang(&self, guide: Lang) -> Lang {
        Lang::parse(&self.language)
            .filter(|l| crate::i18n::PUBLIC.contains(l))
            .unwrap_or(guide)
    }
}

fn page(
    ctx: &Ctx,
    c: &campaign::Model,
    form: &CaptureForm,
    e: &FieldErrors,
    ms: &[municipality::Model],
    captured: u64,
) -> Markup {
    let own = ctx
        .user
        .as_ref()
        .and_then(|u| u.municipality.as_ref())
        .map(|m| m.slug.clone())
        .unwrap_or_default();
    let chosen = if form.interest.is_empty() {
        own.as_str()
    } else {
        form.interest.as_str()
    };
    let mut options: Vec<(String, String)> = ms
        .iter()
        .map(|m| (m.slug.clone(), m.name.clone()))
        .collect();
    options.push(("pool".into(), ctx.t("help-me-choose")));
    let langs: Vec<(String, String)> = crate::i18n::PUBLIC
        .iter()
        .map(|l| (l.code().to_string(), l.endonym().to_string()))
        .collect();
    let visitor = form.visitor_lang(ctx.lang);
    layout::page(
        ctx,
        &crate::i18n::t_args(
            ctx.lang,
            "capture-title",
            &[("event", c.name.clone().into())],
        ),
        html! {
            p role="status" { (crate::i18n::t_args(ctx.lang, "capture-count", &[("count", captured.into())])) }
            (error_summary(ctx, e))
            (post_form(ctx, &format!("/events/{}/capture", c.id), "stack", html! {
                (field(ctx, "first_name", "field-first-name", &form.first_name, e, Input { required: true, autocomplete: Some("off"), ..Input::default() }))
                (field(ctx, "last_name", "field-last-name", &form.last_name, e, Input { autocomplete: Some("off"), ..Input::default() }))
                (field(ctx, "email", "field-email", &form.email, e, Input { kind: "email", autocomplete: Some("off"), hint_key: Some("hint-capture-contact"), ..Input::default() }))
                (field(ctx, "phone", "field-phone", &form.phone, e, Input { kind: "tel", autocomplete: Some("off"), ..Input::default() }))
                (select(ctx, "interest", "capture-interest", &options, chosen, e))
                (select(ctx, "language", "capture-language", &langs, visitor.code(), e))
                (textarea(ctx, "note", "field-activity-body", &form.note, e, 3))
                div.field.checkbox.has-error[e.get("consent").is_some()] {
                    input #f-consent type="checkbox" name="consent" value="yes" checked[form.consent.is_some()]
                        aria-describedby=[e.get("consent").map(|_| "f-consent-error")];
                    label for="f-consent" { (ctx.t("capture-consent")) }
                }
                @if let Some(k) = e.get("consent") { p.error #f-consent-error { (ctx.t(k)) } }
                div.field.checkbox.has-error[e.get("news").is_some()] {
                    input #f-news type="checkbox" name="news" value="yes" checked[form.news.is_some()]
                        aria-describedby=[e.get("news").map(|_| "f-news-error")];
                    label for="f-news" { (ctx.t("capture-news")) }
                }
                @if let Some(k) = e.get("news") { p.error #f-news-error { (ctx.t(k)) } }
                button type="submit" { (ctx.t("capture-submit")) }
            }))
            p { a href={ "/events/" (c.id) } { (ctx.t("capture-back")) } }
        },
    )
}

async fn captured(state: &AppState, id: i64) -> AppResult<u64> {
    Ok(lead::Entity::find()
        .filter(lead::Column::CampaignId.eq(id))
        .filter(lead::Column::Source.eq(Source::Fair.as_str()))
        .count(&state.db)
        .await?)
}

async fn municipalities(state: &AppState) -> AppResult<Vec<municipality::Model>> {
    Ok(crate::accounts::list_active_municipalities(&state.db).await?)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct CaptureQuery {
    #[serde(default)]
    visitor: String,
}

pub async fn form(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<CaptureQuery>,
) -> AppResult<Response> {
    let c = event_for(&state, &g.0, id).await?;
    let ms = municipalities(&state).await?;
    let n = captured(&state, id).await?;
    let form = CaptureForm {
        language: q.visitor,
        ..CaptureForm::default()
    };
    Ok(page(&g.0, &c, &form, &FieldErrors::default(), &ms, n).into_response())
}

pub async fn capture(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<i64>,
    Form(form): Form<CaptureForm>,
) -> AppResult<Response> {
    let c = event_for(&state, &g.0, id).await?;
    let ms = municipalities(&state).await?;
    let mut e = FieldErrors::default();
    if form.first_name.trim().is_empty() {
        e.add("first_name", "err-first-name-required");
    }
    let phone = normalise_phone(&form.phone);
    if form.email.trim().is_empty() && phone.is_empty() {
        e.add("email", "err-capture-contact");
    } else if !form.email.trim().is_empty() {
        crate::web::components::validate_email(&form.email, &mut e);
    }
    if !form.phone.trim().is_empty() && !(6..=20).contains(&phone.trim_start_matches('+').len()) {
        e.add("phone", "err-phone-invalid");
    }
    let pool = form.interest == "pool";
    if !pool && !ms.iter().any(|m| m.slug == form.interest) {
        e.add("interest", "err-municipality-required");
    }
    if form.consent.is_none() {
        e.add("consent", "err-consent-required");
    }
    if form.news.is_some() && form.email.trim().is_empty() {
        e.add("news", "err-news-needs-email");
    }
    for (f, v, max) in [
        ("first_name", &form.first_name, 200),
        ("last_name", &form.last_name, 200),
        ("note", &form.note, 5000),
    ] {
        if v.trim().chars().count() > max {
            e.add(f, "err-too-long");
        }
    }
    if !e.is_empty() {
        let n = captured(&state, id).await?;
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&g.0, &c, &form, &e, &ms, n),
        )
            .into_response());
    }
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let household = Household {
        first_name: form.first_name.trim().into(),
        last_name: form.last_name.trim().into(),
        email: opt(&form.email).map(|m| m.to_lowercase()),
        phone: (!phone.is_empty()).then_some(phone),
        country: None,
        se_region: None,
        place: None,
        preferred_language: form.visitor_lang(g.0.lang).code().into(),
        languages: None,
        adults: 1,
        children_birth_years: None,
        occupation: None,
        partner_occupation: None,
        help: [false; 7],
        contact_via: if form.email.trim().is_empty() {
            "phone".into()
        } else {
            "email".into()
        },
        housing_wish: HousingWish::Unknown,
        move_when: None,
        notes: None,
    };
    let submission = Submission {
        household,
        municipalities: if pool {
            vec![]
        } else {
            vec![form.interest.clone()]
        },
        help_choose: pool,
        message: opt(&form.note),
        form_lang: form.visitor_lang(g.0.lang),
        campaign_id: Some(c.key()),
        source: Source::Fair,
        consent_version: CONSENT_VERSION,
        news_version: form
            .news
            .as_ref()
            .map(|_| crate::domain::purpose::NEWS_FAIR_VERSION),
        token: None,
        by: Some(g.scope().user_id()),
    };
    intake::take_in(&state.db, &state.reference, &state.config, &submission).await?;
    state.wake_outbox();
    Ctx::flash(&g.0.session, "capture-saved").await?;
    // The next visitor at a fair abroad most likely speaks the same language.
    let lang = form.visitor_lang(g.0.lang).code();
    Ok(Redirect::to(&format!("/events/{id}/capture?visitor={lang}")).into_response())
}

/// The QR code of the public interest form with this event preset, as SVG.
pub async fn qr(
    State(state): State<AppState>,
    StaffCtx(ctx): StaffCtx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let c = event_for(&state, &ctx, id).await?;
    let url = interest_link(&state, c.key());
    let code = QrCode::new(url.as_bytes()).map_err(|e| anyhow::anyhow!(e))?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        image,
    )
        .into_response())
}

pub fn interest_link(state: &AppState, campaign_id: CampaignId) -> String {
    state
        .config
        .link(&format!("/interest?campaign={campaign_id}"))
}
