//! The mover's self-service: see what is stored, correct contact details, withdraw consent,
//! have everything erased — through the link in the confirmation mail. Public pages: the
//! link is the key, there is no account and no session.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;

use super::anonymise::{anonymise, Why};
use super::views::{self, ContactForm, MyPage};
use super::{dossier, links};
use crate::domain::normalise_phone;
use crate::entities::{consent, lead, prospect};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::mail::{self, templates};
use crate::state::AppState;
use crate::web::client::ClientAddr;
use crate::web::ctx::PublicCtx;
use crate::web::gate::Gate;
use crate::web::{Ctx, FieldErrors};

const PURPOSE: &str = "my-link";

#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    #[serde(default)]
    done: Option<String>,
}

fn invalid(ctx: &Ctx) -> Response {
    (StatusCode::NOT_FOUND, views::link_invalid(ctx)).into_response()
}

fn contact_of(p: &prospect::Model) -> ContactForm {
    ContactForm {
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        email: p.email.clone().unwrap_or_default(),
        phone: p.phone.clone().unwrap_or_default(),
        place: p.place.clone().unwrap_or_default(),
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
    p: prospect::Model,
    form: Option<ContactForm>,
    errors: &FieldErrors,
    notice: Option<&str>,
) -> AppResult<maud::Markup> {
    let contact = form.unwrap_or_else(|| contact_of(&p));
    let group = links::group(&state.db, &p).await?;
    let d = dossier::gather_group(&state.db, p, &group).await?;
    Ok(views::my_page(
        ctx,
        &MyPage {
            token,
            dossier: &d,
            contact: &contact,
            errors,
            notice,
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
    Query(n): Query<Notice>,
) -> AppResult<Response> {
    let Some(p) = links::prospect_of(&state.db, &token).await? else {
        return Ok(invalid(&ctx));
    };
    audit(&state, p.id, "mover_viewed_own_data").await?;
    let notice = match n.done.as_deref() {
        Some("contact") => Some("my-contact-saved"),
        Some("withdrawn") => Some("my-withdrawn"),
        Some("news-on") => Some("my-news-on"),
        Some("news-off") => Some("my-news-off"),
        _ => None,
    };
    Ok(page(
        &state,
        &ctx,
        &token,
        p,
        None,
        &FieldErrors::default(),
        notice,
    )
    .await?
    .into_response())
}

pub async fn data_json(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some(p) = links::prospect_of(&state.db, &token).await? else {
        return Ok(invalid(&ctx));
    };
    audit(&state, p.id, "mover_exported_own_data").await?;
    let group = links::group(&state.db, &p).await?;
    let d = dossier::gather_group(&state.db, p, &group).await?;
    let body = serde_json::to_vec_pretty(&d.to_json())?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-data.json\"",
            ),
        ],
        body,
    )
        .into_response())
}

async fn audit(state: &AppState, prospect: i64, action: &str) -> Result<(), sea_orm::DbErr> {
    state
        .audit
        .write(crate::audit::Entry {
            user_id: None,
            action,
            target: None,
            prospect: Some(crate::entities::ProspectId(prospect)),
            detail: None,
        })
        .await
}

/// A system entry on each of the prospect's leads, and a short mail to their guides.
async fn tell_guides(
    txn: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    prospects: &[i64],
    kind: &str,
    mail_key: &str,
) -> Result<(), sea_orm::DbErr> {
    let leads = lead::Entity::find()
        .filter(lead::Column::ProspectId.is_in(prospects.to_vec()))
        .all(txn)
        .await?;
    for l in &leads {
        if kind != super::anonymise::ERASURE_KIND {
            crate::leads::insert_timeline(txn, l.key(), None, kind, None, Utc::now(), None).await?;
        }
        let Some(m) = l.municipality_id else { continue };
        let guides = crate::accounts::guides_of(txn, m).await?;
        for g in guides {
            let lang = Lang::parse(&g.locale).unwrap_or(Lang::Sv);
            let link = state.config.link(&format!("/leads/{}", l.id));
            mail::enqueue(
                txn,
                templates::mover_request_for_guide(lang, &g.email, mail_key, l.key(), &link),
            )
            .await?;
        }
    }
    Ok(())
}

pub async fn correct(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
    Form(form): Form<ContactForm>,
) -> AppResult<Response> {
    let Some(p) = links::prospect_of(&state.db, &token).await? else {
        return Ok(invalid(&ctx));
    };
    let mut e = FieldErrors::default();
    if form.first_name.trim().is_empty() {
        e.add("first_name", "err-first-name-required");
    }
    if form.last_name.trim().is_empty() {
        e.add("last_name", "err-last-name-required");
    }
    crate::web::components::validate_email(&form.email, &mut e);
    let phone = normalise_phone(&form.phone);
    if !form.phone.trim().is_empty() && !(6..=20).contains(&phone.trim_start_matches('+').len()) {
        e.add("phone", "err-phone-invalid");
    }
    for (f, v) in [
        ("first_name", &form.first_name),
        ("last_name", &form.last_name),
        ("place", &form.place),
    ] {
        if v.trim().chars().count() > crate::domain::MAX_SHORT {
            e.add(f, "err-too-long");
        }
    }
    if !e.is_empty() {
        let page = page(&state, &ctx, &token, p, Some(form), &e, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let email = form.email.trim().to_lowercase();
    let place = Some(form.place.trim().to_string()).filter(|s| !s.is_empty());
    // The mover's say reaches every record its link opens, in every municipality.
    let group = links::group(&state.db, &p).await?;
    let txn = state.db.begin().await?;
    let phone = (!phone.is_empty()).then_some(phone);
    let findable = crate::domain::Findable::of(
        (form.first_name.trim(), form.last_name.trim()),
        Some(&email),
        phone.as_deref(),
        (place.as_deref(), p.children_birth_years.as_deref()),
    );
    let mut update = prospect::Entity::update_many()
        .col_expr(
            prospect::Column::FirstName,
            Expr::value(form.first_name.trim()),
        )
        .col_expr(
            prospect::Column::LastName,
            Expr::value(form.last_name.trim()),
        )
        .col_expr(prospect::Column::Email, Expr::value(email.clone()))
        .col_expr(prospect::Column::Phone, Expr::value(phone))
        .col_expr(prospect::Column::Place, Expr::value(place.clone()));
    // The household key is each record's own: a guide may have corrected its children.
    for (col, value) in findable.columns() {
        if !matches!(col, prospect::Column::FamilyKey) {
            update = update.col_expr(col, Expr::value(value));
        }
    }
    update
        .col_expr(prospect::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(prospect::Column::Id.is_in(group.clone()))
        .exec(&txn)
        .await?;
    let children: Vec<(i64, Option<String>)> = prospect::Entity::find()
        .select_only()
        .columns([prospect::Column::Id, prospect::Column::ChildrenBirthYears])
        .filter(prospect::Column::Id.is_in(group.clone()))
        .into_tuple()
        .all(&txn)
        .await?;
    for (id, years) in children {
        let key = migration::family_key(form.first_name.trim(), years.as_deref());
        prospect::Entity::update_many()
            .col_expr(prospect::Column::FamilyKey, Expr::value(key))
            .filter(prospect::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    tell_guides(
        &txn,
        &state,
        &group,
        crate::domain::system_kind::MOVER_UPDATE,
        "mail-mover-updated",
    )
    .await?;
    crate::audit::write(
        &txn,
        crate::audit::Entry {
            user_id: None,
            action: "mover_corrected_data",
            target: None,
            prospect: Some(p.key()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok(Redirect::to(&format!(
        "/my/{token}?lang={}&done=contact",
        ctx.lang.code()
    ))
    .into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some(p) = links::prospect_of(&state.db, &token).await? else {
        return Ok(invalid(&ctx));
    };
    let group = links::group(&state.db, &p).await?;
    let txn = state.db.begin().await?;
    // News and invitations too, with the mailings' mails still waiting.
    super::news::withdraw(&txn, &group, Utc::now()).await?;
    consent::Entity::update_many()
        .col_expr(consent::Column::WithdrawnAt, Expr::value(Utc::now()))
        .filter(consent::Column::ProspectId.is_in(group.clone()))
        .filter(consent::Column::WithdrawnAt.is_null())
        .exec(&txn)
        .await?;
    tell_guides(
        &txn,
        &state,
        &group,
        crate::domain::system_kind::CONSENT_WITHDRAWN,
        "mail-mover-withdrew",
    )
    .await?;
    crate::audit::write(
        &txn,
        crate::audit::Entry {
            user_id: None,
            action: "consent_withdrawn",
            target: None,
            prospect: Some(p.key()),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    state.wake_outbox();
    Ok(Redirect::to(&format!(
        "/my/{token}?lang={}&done=withdrawn",
        ctx.lang.code()
    ))
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewsForm {
    /// `yes` to receive news (with the box `news` ticked), `no` to stop them.
    want: String,
    news: Option<String>,
}

/// The mover gives or withdraws its consent to news and invitations.
pub async fn news(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
    Form(form): Form<NewsForm>,
) -> AppResult<Response> {
    let Some(p) = links::prospect_of(&state.db, &token).await? else {
        return Ok(invalid(&ctx));
    };
    let wants = form.want == "yes";
    if wants && (form.news.is_none() || p.email.is_none()) {
        let mut e = FieldErrors::default();
        let why = if p.email.is_none() {
            "err-news-needs-email"
        } else {
            "err-news-tick"
        };
        e.add("news", why);
        let body = page(&state, &ctx, &token, p, None, &e, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    }
    let group = links::group(&state.db, &p).await?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let (changed, action) = if wants {
        let version = crate::domain::purpose::NEWS_VERSION;
        let given = super::news::give(&txn, &group, version, ctx.lang.code(), now).await?;
        (!given.is_empty(), "news_consent_given")
    } else {
        let gone = super::news::withdraw(&txn, &group, now).await?;
        (!gone.is_empty(), "news_consent_withdrawn")
    };
    if changed {
        crate::audit::write(
            &txn,
            crate::audit::Entry {
                user_id: None,
                action,
                target: None,
                prospect: Some(p.key()),
                detail: Some("self-service".into()),
            },
        )
        .await?;
    }
    txn.commit().await?;
    let done = if wants { "news-on" } else { "news-off" };
    Ok(Redirect::to(&format!(
        "/my/{token}?lang={}&done={done}#news",
        ctx.lang.code()
    ))
    .into_response())
}

pub async fn erase_form(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if links::prospect_of(&state.db, &token).await?.is_none() {
        return Ok(invalid(&ctx));
    }
    Ok(views::erase_confirm(&ctx, &token).into_response())
}

/// The mover's erasure: carried out at once, and the guides are told (without a name).
pub async fn erase(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some(p) = links::prospect_of(&state.db, &token).await? else {
        return Ok(invalid(&ctx));
    };
    let group = links::group(&state.db, &p).await?;
    let txn = state.db.begin().await?;
    tell_guides(
        &txn,
        &state,
        &group,
        super::anonymise::ERASURE_KIND,
        "mail-mover-erased",
    )
    .await?;
    for id in &group {
        anonymise(&txn, *id, Why::Mover, None).await?;
    }
    txn.commit().await?;
    state.wake_outbox();
    Ok(views::erased(&ctx).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AskForm {
    email: String,
    token: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Sent {
    #[serde(default)]
    sent: Option<String>,
}

/// A link for each record held for this address (a municipality the mover went to later
/// keeps its own), in one transaction.
async fn send_links(state: &AppState, email: &str, fallback: Lang) -> anyhow::Result<()> {
    let mut found = prospect::Entity::find()
        .filter(prospect::Column::Email.eq(email))
        .filter(prospect::Column::AnonymisedAt.is_null())
        .order_by_asc(prospect::Column::Id)
        .all(&state.db)
        .await?;
    // One link per record and its copies (`links::group`): the first of each.
    let mut roots = std::collections::BTreeSet::new();
    found.retain(|p| roots.insert(p.origin_id.unwrap_or(p.id)));
    if found.is_empty() {
        return Ok(());
    }
    let txn = state.db.begin().await?;
    for p in found {
        let token = links::issue(&txn, p.key(), state.config.retention.mover_link_days).await?;
        let lang = Lang::parse(&p.preferred_language).unwrap_or(fallback);
        let link = state
            .config
            .link(&format!("/my/{token}?lang={}", lang.code()));
        if let Some(to) = &p.email {
            mail::enqueue(
                &txn,
                templates::mover_link(
                    lang,
                    to,
                    &p.first_name,
                    &link,
                    state.config.retention.mover_link_days,
                ),
            )
            .await?;
        }
    }
    txn.commit().await?;
    state.wake_outbox();
    Ok(())
}

pub async fn ask_form(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Query(s): Query<Sent>,
) -> AppResult<Response> {
    let t = Gate::of(&state, PURPOSE).await?.token();
    Ok(views::ask_link(
        &ctx,
        "",
        &FieldErrors::default(),
        None,
        s.sent.is_some(),
        &t,
    )
    .into_response())
}

/// A new link by mail; the same answer whether or not the address is known.
pub async fn ask(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<AskForm>,
) -> AppResult<Response> {
    let gate = Gate::of(&state, PURPOSE).await?;
    let fresh = gate.token();
    let none = FieldErrors::default();
    if let Err(stop) = gate.check(&client, "", &form.token).await {
        let page = views::ask_link(
            &ctx,
            &form.email,
            &none,
            Some(stop.message()),
            false,
            &fresh,
        );
        return Ok((stop.status(), page).into_response());
    }
    let mut e = FieldErrors::default();
    crate::web::components::validate_email(&form.email, &mut e);
    if !e.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            views::ask_link(&ctx, &form.email, &e, None, false, &fresh),
        )
            .into_response());
    }
    // The look-up and the mails come after the answer, so that its time does not tell
    // whether the address is known (as for password resets).
    let email = form.email.trim().to_lowercase();
    let lang = ctx.lang;
    let tracker = state.after_answer.clone();
    tracker.spawn(async move {
        if let Err(e) = send_links(&state, &email, lang).await {
            tracing::error!(error = %e, "self-service link: the mail was not queued");
        }
    });
    Ok(Redirect::to(&format!("/my?lang={}&sent=1", ctx.lang.code())).into_response())
}
