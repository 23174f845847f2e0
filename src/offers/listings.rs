//! The public pages of what is published (`/jobs`, `/homes`), in four languages, for the
//! municipalities that chose to show theirs: vacancies and homes with their links, never a
//! contact person's name, address or number (a mover asks its guide). And the guide's
//! choice to show its municipality's.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{mails, store};
use crate::entities::{home, municipality, vacancy};
use crate::error::AppResult;
use crate::i18n::t_args;
use crate::scope::Target;
use crate::state::AppState;
use crate::web::ctx::{GuideCtx, PublicCtx};
use crate::web::format::today;
use crate::web::{layout, Ctx};
use maud::{html, Markup};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// One municipality's slug, or every listing one.
    m: String,
}

/// The municipalities that show their listings, by name, and those the query chose.
async fn listing(
    state: &AppState,
    chosen: &str,
) -> AppResult<(Vec<municipality::Model>, Vec<Target>)> {
    let held = state.reference.get(&state.db).await?;
    let shown: Vec<municipality::Model> = held
        .municipalities()
        .iter()
        .filter(|m| m.active && m.listings)
        .cloned()
        .collect();
    let places: Vec<Target> = shown
        .iter()
        .filter(|m| chosen.is_empty() || m.slug == chosen)
        .map(Target::chosen)
        .collect();
    Ok((shown, places))
}

fn name_of(shown: &[municipality::Model], id: i64) -> String {
    shown
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

/// The filter by municipality: a GET form, no script.
fn filter(ctx: &Ctx, path: &str, shown: &[municipality::Model], chosen: &str) -> Markup {
    html! {
        form method="get" action=(path) class="filters" {
            input type="hidden" name="lang" value=(ctx.lang.code());
            div.field {
                label for="f-m" { (ctx.t("listing-municipality")) }
                select #f-m name="m" {
                    option value="" selected[chosen.is_empty()] { (ctx.t("listing-all")) }
                    @for m in shown { option value=(m.slug) selected[m.slug == chosen] { (m.name) } }
                }
            }
            button type="submit" { (ctx.t("listing-show")) }
        }
    }
}

fn page(ctx: &Ctx, title_key: &str, other: (&str, &str), body: Markup) -> Markup {
    let q = format!("?lang={}", ctx.lang.code());
    layout::page(
        ctx,
        &ctx.t(title_key),
        html! {
            p.lead { (ctx.t("listing-intro")) }
            p.actions {
                a.button href={ "/interest" (q) } { (ctx.t("listing-interest")) }
                a href={ (other.0) (q) } { (ctx.t(other.1)) }
            }
            (body)
        },
    )
}

fn job(ctx: &Ctx, v: &vacancy::Model, place: &str) -> Markup {
    // The facts as a selection's mail gives them, in the visitor's language.
    let item = mails::job_item(ctx.lang, v, place);
    html! {
        article.listing {
            h3 { (v.title) }
            p { (item.detail) }
            p.pre { (v.description) }
            @if let Some(l) = &v.link {
                p { a href=(l) rel="noopener noreferrer" { (ctx.t("my-selection-open-job")) span.visually-hidden { ": " (v.title) } } }
            }
        }
    }
}

pub async fn jobs(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let (shown, places) = listing(&state, &q.m).await?;
    let list = if places.is_empty() {
        Vec::new()
    } else {
        store::open_vacancies(&state.db, &places, None, today()).await?
    };
    let body = html! {
        @if shown.is_empty() { p { (ctx.t("listing-none-jobs")) } } @else {
            (filter(&ctx, "/jobs", &shown, &q.m))
            h2 { (t_args(ctx.lang, "listing-count-jobs", &[("count", list.len().into())])) }
            @for v in &list { (job(&ctx, v, &name_of(&shown, v.municipality_id))) }
        }
    };
    Ok(page(
        &ctx,
        "listing-jobs-title",
        ("/homes", "listing-to-homes"),
        body,
    )
    .into_response())
}

fn home_card(ctx: &Ctx, h: &home::Model, place: &str) -> Markup {
    let lang = ctx.lang;
    let title = mails::home_title(lang, h);
    let buy = h.tenure == "buy";
    let mut facts = vec![
        ctx.t(if buy { "housing-buy" } else { "housing-rent" }),
        place.to_string(),
    ];
    let cost_key = if buy {
        "mail-selection-price"
    } else {
        "mail-selection-rent"
    };
    if let Some(c) = h.cost {
        facts.push(t_args(
            lang,
            cost_key,
            &[("amount", mails::kronor(c).into())],
        ));
    }
    if let Some(d) = h.available_from {
        facts.push(t_args(
            lang,
            "mail-selection-from",
            &[("date", d.to_string().into())],
        ));
    }
    // The landlord's or broker's contact is for the guide to pass on: not shown here.
    html! {
        article.listing {
            h3 { (title) }
            p { (facts.join(" · ")) }
            @if let Some(d) = &h.description { p.pre { (d) } }
            @if let Some(l) = &h.link {
                p { a href=(l) rel="noopener noreferrer" { (ctx.t("my-selection-open-home")) span.visually-hidden { ": " (title) } } }
            }
        }
    }
}

pub async fn homes(
    State(state): State<AppState>,
    PublicCtx(ctx): PublicCtx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let (shown, places) = listing(&state, &q.m).await?;
    let list = if places.is_empty() {
        Vec::new()
    } else {
        store::open_homes(&state.db, &places, &store::TENURES, 0).await?
    };
    let body = html! {
        @if shown.is_empty() { p { (ctx.t("listing-none-homes")) } } @else {
            (filter(&ctx, "/homes", &shown, &q.m))
            h2 { (t_args(ctx.lang, "listing-count-homes", &[("count", list.len().into())])) }
            @for h in &list { (home_card(&ctx, h, &name_of(&shown, h.municipality_id))) }
        }
    };
    Ok(page(
        &ctx,
        "listing-homes-title",
        ("/jobs", "listing-to-jobs"),
        body,
    )
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListingsForm {
    show: Option<String>,
}

/// The guide shows, or stops showing, its municipality's offers on the public pages.
pub async fn set(
    State(state): State<AppState>,
    g: GuideCtx,
    Form(f): Form<ListingsForm>,
) -> AppResult<Response> {
    let scope = g.scope();
    let show = f.show.is_some();
    let txn = state.db.begin().await?;
    store::set_listings(&txn, &scope, show).await?;
    crate::audit::write(
        &txn,
        crate::audit::Entry {
            user_id: Some(scope.user_id()),
            action: "listings_changed",
            target: None,
            prospect: None,
            detail: Some(if show { "shown" } else { "hidden" }.into()),
        },
    )
    .await?;
    txn.commit().await?;
    state.reference.changed();
    Ctx::flash(
        &g.0.session,
        if show { "listings-on" } else { "listings-off" },
    )
    .await?;
    Ok(Redirect::to("/vacancies").into_response())
}
