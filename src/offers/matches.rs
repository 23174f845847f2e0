//! A lead's matches: the open vacancies whose occupation is either adult's, in the places
//! the household considers, and the homes that fit its wish and size. The guide ticks what
//! to send; the mover gets it by mail in its language, with its self-service link, and the
//! lead's timeline says so.

use std::collections::BTreeSet;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use serde::Deserialize;

use super::store::{self, Item};
use super::{mails, occupations, views};
use crate::entities::{home, vacancy, LeadId};
use crate::error::AppResult;
use crate::i18n::{t, Lang};
use crate::leads::queries::{self, LeadRecord};
use crate::reference::Snapshot;
use crate::scope::Target;
use crate::state::AppState;
use crate::web::ctx::GuideCtx;
use crate::web::format::today;

/// Rooms a household needs at least: one for a couple or a single adult and one more for
/// each further adult, one for each two children, and a living room unless one lives alone.
pub fn rooms_needed(adults: i32, children: usize) -> i32 {
    let adults = adults.max(1);
    let kids = i32::try_from(children.div_ceil(2)).unwrap_or(10);
    let alone = adults == 1 && children == 0;
    1 + (adults - 2).max(0) + kids + i32::from(!alone)
}

/// The household's children: birth years of those under 18 this year (older ones are
/// adults, and need a room of their own).
fn children(p: &crate::entities::prospect::Model) -> (usize, i32) {
    use chrono::Datelike;
    let year = today().year();
    let years: Vec<i32> = p
        .children_birth_years
        .as_deref()
        .map(|s| s.split(',').filter_map(|y| y.trim().parse().ok()).collect())
        .unwrap_or_default();
    let young = years.iter().filter(|y| year - **y < 18).count();
    let grown = i32::try_from(years.len() - young).unwrap_or(0);
    (young, grown)
}

/// What a household is read as: the occupations found in what was typed for either adult.
fn occupations_of(p: &crate::entities::prospect::Model) -> (Vec<String>, Vec<&'static str>) {
    let typed: Vec<String> = [&p.occupation, &p.partner_occupation]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let codes: BTreeSet<&'static str> = typed
        .iter()
        .flat_map(|s| occupations::recognise(s))
        .collect();
    (typed, codes.into_iter().collect())
}

fn tenures(wish: &str) -> &'static [&'static str] {
    match wish {
        "rent" => &["rent"],
        "buy" => &["buy"],
        _ => &store::TENURES,
    }
}

fn place_name(held: &Snapshot, m: i64) -> String {
    held.municipality(m)
        .map(|x| x.name.clone())
        .unwrap_or_default()
}

/// The open offers for this record: the matching ones, or (`all`) every open one in its
/// places.
struct Found {
    typed: Vec<String>,
    codes: Vec<&'static str>,
    places: Vec<Target>,
    rooms: i32,
    jobs: Vec<vacancy::Model>,
    homes: Vec<home::Model>,
}

async fn find(state: &AppState, r: &LeadRecord, all: bool) -> AppResult<Found> {
    let p = &r.prospect;
    let (typed, codes) = occupations_of(p);
    let places = queries::places_considered(&state.db, r).await?;
    let (young, grown) = children(p);
    let rooms = rooms_needed(p.adults + grown, young);
    let day = today();
    let (jobs, homes) = if all {
        (
            store::open_vacancies(&state.db, &places, None, day).await?,
            store::open_homes(&state.db, &places, &store::TENURES, 0).await?,
        )
    } else {
        let jobs = if codes.is_empty() {
            Vec::new()
        } else {
            store::open_vacancies(&state.db, &places, Some(&codes), day).await?
        };
        let wish = p.housing_wish.as_str();
        (
            jobs,
            store::open_homes(&state.db, &places, tenures(wish), rooms).await?,
        )
    };
    Ok(Found {
        typed,
        codes,
        places,
        rooms,
        jobs,
        homes,
    })
}

/// Why nothing may be sent to this mover, if anything stops it.
async fn blocked(state: &AppState, r: &LeadRecord) -> AppResult<Option<&'static str>> {
    if r.prospect.email.is_none() {
        return Ok(Some("matches-blocked-no-email"));
    }
    let withdrawn = queries::withdrawn_consents(&state.db, &[r.prospect.id]).await?;
    if withdrawn.contains_key(&r.prospect.id) {
        return Ok(Some("matches-blocked-consent"));
    }
    Ok(None)
}

/// The most jobs and homes one selection sends: a mail a mover reads, not a catalogue.
const MAX_ITEMS: usize = 30;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MatchQuery {
    all: Option<String>,
}

async fn page(
    state: &AppState,
    g: &GuideCtx,
    r: &LeadRecord,
    all: bool,
    error: Option<&'static str>,
) -> AppResult<maud::Markup> {
    let f = find(state, r, all).await?;
    let held = state.reference.get(&state.db).await?;
    let places: Vec<String> = f
        .places
        .iter()
        .map(|t| match t.value() {
            Some(m) => place_name(&held, m),
            None => g.0.t("matches-anywhere"),
        })
        .collect();
    let jobs: Vec<(vacancy::Model, String)> = f
        .jobs
        .into_iter()
        .map(|v| {
            let n = place_name(&held, v.municipality_id);
            (v, n)
        })
        .collect();
    let homes: Vec<(home::Model, String)> = f
        .homes
        .into_iter()
        .map(|h| {
            let n = place_name(&held, h.municipality_id);
            (h, n)
        })
        .collect();
    let sent = store::selections_of(&state.db, r.lead.id).await?;
    Ok(views::matches(
        &g.0,
        &views::MatchPage {
            lead_id: r.lead.id,
            name: format!("{} {}", r.prospect.first_name, r.prospect.last_name),
            occupations: f.codes,
            typed: f.typed,
            places,
            wish: r.prospect.housing_wish.as_str(),
            rooms: f.rooms,
            all,
            jobs: &jobs,
            homes: &homes,
            blocked: blocked(state, r).await?,
            error,
            sent: &sent,
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Query(q): Query<MatchQuery>,
) -> AppResult<Response> {
    let r = crate::leads::own_lead(&state, &g, id).await?;
    state
        .audit
        .lead(
            g.scope().user_id(),
            "lead_matches_viewed",
            r.lead.key(),
            r.prospect.key(),
        )
        .await?;
    Ok(page(&state, &g, &r, q.all.is_some(), None)
        .await?
        .into_response())
}

/// The page again, with every open offer and what stopped the sending.
async fn refuse(
    state: &AppState,
    g: &GuideCtx,
    r: &LeadRecord,
    key: &'static str,
) -> AppResult<Response> {
    let body = page(state, g, r, true, Some(key)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

pub async fn send(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let r = crate::leads::own_lead(&state, &g, id).await?;
    let ids = |name: &str| -> BTreeSet<i64> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .filter_map(|(_, v)| v.trim().parse().ok())
            .collect()
    };
    let (jobs, homes) = (ids("job"), ids("home"));
    if blocked(&state, &r).await?.is_some() {
        return refuse(&state, &g, &r, "matches-blocked").await;
    }
    if jobs.is_empty() && homes.is_empty() {
        return refuse(&state, &g, &r, "matches-none-ticked").await;
    }
    if jobs.len() + homes.len() > MAX_ITEMS {
        return refuse(&state, &g, &r, "matches-too-many").await;
    }
    // What may be sent: what is open in the household's places now.
    let places = queries::places_considered(&state.db, &r).await?;
    let jobs: Vec<i64> = jobs.into_iter().collect();
    let homes: Vec<i64> = homes.into_iter().collect();
    let chosen_jobs = store::open_vacancies_among(&state.db, &places, &jobs, today()).await?;
    let chosen_homes = store::open_homes_among(&state.db, &places, &homes).await?;
    if chosen_jobs.len() != jobs.len() || chosen_homes.len() != homes.len() {
        return refuse(&state, &g, &r, "matches-gone").await;
    }
    let held = state.reference.get(&state.db).await?;
    let p = &r.prospect;
    let Some(to) = p.email.clone() else {
        return refuse(&state, &g, &r, "matches-blocked").await;
    };
    let lang = Lang::parse(&p.preferred_language).unwrap_or(Lang::Sv);
    let mut items: Vec<Item> = chosen_jobs
        .iter()
        .map(|v| mails::job_item(lang, v, &place_name(&held, v.municipality_id)))
        .collect();
    items.extend(
        chosen_homes
            .iter()
            .map(|h| mails::home_item(lang, h, &place_name(&held, h.municipality_id))),
    );
    let from = match r.lead.municipality_id {
        Some(m) => place_name(&held, m),
        None => t(lang, "mailing-from-region"),
    };
    let txn = state.db.begin().await?;
    // The form says how many selections it saw: a second send of it (a double click, the
    // back button) finds one more, and sends nothing.
    let seen: Option<u64> = pairs
        .iter()
        .find(|(k, _)| k == "sent")
        .and_then(|(_, v)| v.parse().ok());
    if seen != Some(store::sent_count_held(&txn, r.lead.id).await?) {
        drop(txn);
        crate::web::Ctx::flash(&g.0.session, "matches-already-sent").await?;
        return Ok(Redirect::to(&format!("/leads/{}", r.lead.id)).into_response());
    }
    let token =
        crate::privacy::links::issue(&txn, p.key(), state.config.retention.mover_link_days).await?;
    let link = state
        .config
        .link(&format!("/my/{token}?lang={}#selections", lang.code()));
    let mail = mails::selection(lang, &to, &p.first_name, &from, &items, &link);
    let outbox = crate::mail::enqueue_about(&txn, mail, p.key()).await?;
    store::record_selection(
        &txn,
        &r.lead,
        g.scope().user_id(),
        lang.code(),
        outbox,
        &items,
    )
    .await?;
    // The guide's timeline names the jobs and homes as the guide knows them.
    let titles: Vec<&str> = chosen_jobs
        .iter()
        .map(|v| v.title.as_str())
        .chain(chosen_homes.iter().map(|h| h.place.as_str()))
        .collect();
    crate::leads::insert_timeline(
        &txn,
        r.lead.key(),
        Some(g.scope().user_id()),
        crate::domain::system_kind::SELECTION,
        None,
        Utc::now(),
        Some(titles.join("; ")),
    )
    .await?;
    crate::audit::write(
        &txn,
        crate::audit::Entry {
            user_id: Some(g.scope().user_id()),
            action: "selection_sent",
            target: Some(("lead", r.lead.id)),
            prospect: Some(p.key()),
            detail: Some(format!(
                "{} jobs, {} homes",
                chosen_jobs.len(),
                chosen_homes.len()
            )),
        },
    )
    .await?;
    txn.commit().await?;
    state.wake_outbox();
    crate::web::Ctx::flash(&g.0.session, "matches-sent-notice").await?;
    Ok(Redirect::to(&format!("/leads/{}", r.lead.id)).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn rooms_grow_with_the_household() {
        assert_eq!(super::rooms_needed(1, 0), 1, "one alone");
        assert_eq!(super::rooms_needed(2, 0), 2, "a couple");
        assert_eq!(super::rooms_needed(2, 1), 3);
        assert_eq!(super::rooms_needed(2, 2), 3);
        assert_eq!(super::rooms_needed(2, 3), 4);
        assert_eq!(super::rooms_needed(1, 1), 3, "a parent and a child");
        assert_eq!(super::rooms_needed(1, 2), 3);
        assert_eq!(super::rooms_needed(3, 0), 3, "three adults");
    }
}
