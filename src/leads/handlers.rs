//! Lead handlers. Each takes `GuideCtx` (coordinators and admins are refused) and finds its
//! lead through the guide's scope: another municipality's lead is a 404 on every route.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Datelike;
use serde::Deserialize;

use super::changes::{self, MoveOutcome};
use super::forms::{
    ActivityForm, FollowUpForm, HouseholdForm, ListQuery, NewLeadForm, ReferralForm, StatusForm,
};
use super::queries::{self, Filter, LeadRecord, Sort};
use super::views;
use crate::domain::{self, parse_date};
use crate::entities::{LeadId, UserId};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::ctx::GuideCtx;
use crate::web::format::{day_start, now_local_input, today};
use crate::web::{draft, Ctx, FieldErrors};

pub fn to_filter(q: &ListQuery) -> Filter {
    let id = |s: &str| s.trim().parse::<i64>().ok();
    let from = |s: &str| parse_date(s).map(day_start);
    let to = |s: &str| parse_date(s).map(|d| day_start(d + chrono::Duration::days(1)));
    Filter {
        q: Some(q.q.trim().to_string()).filter(|s| !s.is_empty()),
        status: domain::Status::parse(&q.status),
        owner: id(&q.owner),
        source: domain::Source::parse(&q.source),
        campaign: id(&q.campaign),
        created: (from(&q.created_from), to(&q.created_to)),
        updated: (from(&q.updated_from), to(&q.updated_to)),
        overdue: q.overdue.is_some(),
        withdrawn: q.withdrawn.is_some(),
        sort: Sort::parse(&q.sort),
        // Far past any list's end is no page anyone asked for, and an offset must fit in i64.
        page: q.page.trim().parse::<u64>().unwrap_or(0).min(1_000_000),
    }
}

pub async fn index(
    State(state): State<AppState>,
    g: GuideCtx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = g.scope();
    let filter = to_filter(&q);
    let (found, counts) = queries::list_with_counts(&state.db, &scope, &filter, today()).await?;
    let rows = found.rows;
    let held = state.reference.get(&state.db).await?;
    let guides = queries::guides(&held, &scope);
    let campaigns = queries::campaigns(&held, &scope);
    let pool_size = queries::pool_count(&state.db, &scope).await?;
    state
        .audit
        .record(
            Some(scope.user_id()),
            "leads_listed",
            None,
            Some(format!("{} shown", rows.len())),
        )
        .await?;
    let shown: Vec<i64> = rows.iter().map(|r| r.prospect.id).collect();
    let withdrawn = queries::withdrawn_consents(&state.db, &shown).await?;
    let page = views::ListPage {
        query: &q,
        rows: &rows,
        withdrawn: &withdrawn,
        total: found.total,
        more: found.more,
        page: filter.page,
        counts: &counts,
        guides: &guides,
        campaigns: &campaigns,
        pool_size,
    };
    Ok(views::list(&g.0, &page).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: String,
}

pub async fn pool(
    State(state): State<AppState>,
    g: GuideCtx,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let scope = g.scope();
    let (rows, total) = queries::pool(
        &state.db,
        &scope,
        q.page.parse::<u64>().unwrap_or(0).min(1_000_000),
    )
    .await?;
    state
        .audit
        .record(
            Some(scope.user_id()),
            "pool_listed",
            None,
            Some(format!("{} shown", rows.len())),
        )
        .await?;
    Ok(views::pool(&g.0, &rows, total).into_response())
}

pub async fn new_form(State(state): State<AppState>, g: GuideCtx) -> AppResult<Response> {
    let campaigns = queries::campaigns(&*state.reference.get(&state.db).await?, &g.scope());
    let form = NewLeadForm {
        household: HouseholdForm {
            adults: "1".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    Ok(views::new(&g.0, &form, &FieldErrors::default(), &campaigns, &[]).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    g: GuideCtx,
    Form(form): Form<NewLeadForm>,
) -> AppResult<Response> {
    let scope = g.scope();
    let campaigns = queries::campaigns(&*state.reference.get(&state.db).await?, &scope);
    let parsed = form.household.parse(today().year());
    let (household, fields) = match parsed {
        Ok(ok) => ok,
        Err(errors) => {
            let page = views::new(&g.0, &form, &errors, &campaigns, &[]);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if form.create_anyway.is_none() {
        let probe = queries::Probe::of_household(&household);
        let dups = queries::duplicates(&state.db, &scope, &probe, None).await?;
        if !dups.is_empty() {
            let page = views::new(&g.0, &form, &FieldErrors::default(), &campaigns, &dups);
            return Ok((StatusCode::CONFLICT, page).into_response());
        }
    }
    let guides = queries::guides(&*state.reference.get(&state.db).await?, &scope);
    let fields = changes_fields(fields, &campaigns, &guides, None);
    let note = Some(form.note.trim().to_string()).filter(|n| !n.is_empty());
    let id = changes::create(&state.db, &scope, &household, fields, note).await?;
    Ctx::flash(&g.0.session, "lead-created").await?;
    Ok(Redirect::to(&format!("/leads/{id}")).into_response())
}

/// Only campaigns the guide may use (its own or regional) are kept, and only an owner among
/// the municipality's guides (else `owner`, what the lead had).
fn changes_fields(
    mut f: super::forms::LeadFields,
    campaigns: &[crate::entities::campaign::Model],
    guides: &[crate::reference::Staff],
    owner: Option<UserId>,
) -> super::forms::LeadFields {
    if f.campaign_id
        .is_some_and(|c| !campaigns.iter().any(|x| x.key() == c))
    {
        f.campaign_id = None;
    }
    if f.owner_id
        .is_some_and(|o| !guides.iter().any(|g| crate::entities::UserId(g.id) == o))
    {
        f.owner_id = owner;
    }
    f
}

/// The forms' state when the lead page is rendered after a failed submission.
#[derive(Default)]
struct Forms {
    activity: (ActivityForm, FieldErrors),
    follow_up: (FollowUpForm, FieldErrors),
    status: (StatusForm, FieldErrors),
    referral_error: Option<&'static str>,
    recovered_note: bool,
}

async fn render(
    state: &AppState,
    g: &GuideCtx,
    r: &LeadRecord,
    forms: Forms,
) -> AppResult<maud::Markup> {
    let scope = g.scope();
    let db = &state.db;
    let own = scope.owns(r.lead.municipality_id);
    let held = state.reference.get(db).await?;
    let all = held.municipalities();
    let muni_name = r
        .lead
        .municipality_id
        .and_then(|m| held.municipality(m))
        .map(|m| m.name.clone());
    let owner = r.lead.owner_id.and_then(|o| held.user_name(o));
    let campaign = r.lead.campaign_id.and_then(|c| held.campaign(c));
    let campaign = campaign.map(|c| c.name.as_str());
    let others = queries::other_municipalities(db, r, &held).await?;
    let timeline = queries::timeline(db, r, &held).await?;
    let follow_ups = queries::follow_ups(db, r).await?;
    let duplicates = if own {
        let probe = queries::Probe::of_prospect(&r.prospect);
        queries::duplicates(db, &scope, &probe, Some(r.lead.id)).await?
    } else {
        Vec::new()
    };
    let municipalities: Vec<(i64, String)> = all
        .iter()
        .filter(|m| m.active && !scope.owns(Some(m.id)))
        .map(|m| (m.id, m.name.clone()))
        .collect();
    let municipality_names: HashMap<i64, String> =
        all.iter().map(|m| (m.id, m.name.clone())).collect();
    let consent_withdrawn = queries::withdrawn_consents(db, &[r.prospect.id])
        .await?
        .remove(&r.prospect.id);
    let consent_given = queries::consent_given(db, r.prospect.key()).await?;
    let news = queries::news_consent(db, r.prospect.key()).await?;
    let page = views::LeadPage {
        news,
        consent_withdrawn,
        consent_given,
        record: r,
        own,
        municipality: muni_name.as_deref(),
        owner,
        campaign,
        others: &others,
        timeline: &timeline,
        follow_ups: &follow_ups,
        duplicates: &duplicates,
        municipalities: &municipalities,
        municipality_names: &municipality_names,
        today: today(),
        now_local: now_local_input(),
        activity: (&forms.activity.0, &forms.activity.1),
        follow_up: (&forms.follow_up.0, &forms.follow_up.1),
        status: (&forms.status.0, &forms.status.1),
        referral_error: forms.referral_error,
        recovered_note: forms.recovered_note,
    };
    Ok(views::show(&g.0, &page))
}

async fn visible(state: &AppState, g: &GuideCtx, id: LeadId) -> AppResult<LeadRecord> {
    queries::find_visible(&state.db, &g.scope(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A lead of the guide's own municipality, or 404 (used by features that act on one).
pub async fn own(state: &AppState, g: &GuideCtx, id: LeadId) -> AppResult<LeadRecord> {
    queries::find_own(&state.db, &g.scope(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every view of a lead page is one audit entry.
pub async fn show(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
) -> AppResult<Response> {
    let r = visible(&state, &g, id).await?;
    state
        .audit
        .lead(
            g.scope().user_id(),
            "lead_viewed",
            r.lead.key(),
            r.prospect.key(),
        )
        .await?;
    let mut forms = Forms::default();
    if let Some(d) =
        draft::take::<ActivityForm>(&g.0.session, &format!("/leads/{id}/activities")).await
    {
        forms.activity.0 = d;
        forms.recovered_note = true;
    }
    Ok(render(&state, &g, &r, forms).await?.into_response())
}

fn unprocessable(page: maud::Markup) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

pub(super) fn back(id: LeadId, anchor: &str) -> Response {
    Redirect::to(&format!("/leads/{id}#{anchor}")).into_response()
}

pub async fn edit_form(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    state
        .audit
        .lead(
            g.scope().user_id(),
            "lead_viewed",
            r.lead.key(),
            r.prospect.key(),
        )
        .await?;
    let p = &r.prospect;
    let on = |b: bool| b.then(|| "on".to_string());
    let form = HouseholdForm {
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        email: p.email.clone().unwrap_or_default(),
        phone: p.phone.clone().unwrap_or_default(),
        country: p.country.clone().unwrap_or_default(),
        se_region: p.se_region.clone().unwrap_or_default(),
        place: p.place.clone().unwrap_or_default(),
        preferred_language: p.preferred_language.clone(),
        languages: p.languages.clone().unwrap_or_default(),
        adults: p.adults.to_string(),
        children_birth_years: p.children_birth_years.clone().unwrap_or_default(),
        occupation: p.occupation.clone().unwrap_or_default(),
        partner_occupation: p.partner_occupation.clone().unwrap_or_default(),
        help_job: on(p.help_job),
        help_partner_job: on(p.help_partner_job),
        help_housing: on(p.help_housing),
        help_school: on(p.help_school),
        help_business: on(p.help_business),
        help_leisure: on(p.help_leisure),
        help_other: on(p.help_other),
        contact_via: p.contact_via.clone(),
        housing_wish: p.housing_wish.as_str().to_string(),
        move_when: p.move_when.clone().unwrap_or_default(),
        notes: p.notes.clone().unwrap_or_default(),
        source: r.lead.source.as_str().to_string(),
        campaign: r
            .lead
            .campaign_id
            .map(|c| c.to_string())
            .unwrap_or_default(),
        owner: r.lead.owner_id.map(|o| o.to_string()).unwrap_or_default(),
    };
    let held = state.reference.get(&state.db).await?;
    let campaigns = queries::campaigns(&held, &g.scope());
    let guides = queries::guides(&held, &g.scope());
    Ok(views::edit(
        &g.0,
        id,
        &form,
        &FieldErrors::default(),
        &campaigns,
        &guides,
    )
    .into_response())
}

pub async fn update(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Form(form): Form<HouseholdForm>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    let scope = g.scope();
    let held = state.reference.get(&state.db).await?;
    let campaigns = queries::campaigns(&held, &scope);
    let guides = queries::guides(&held, &scope);
    match form.parse(today().year()) {
        Ok((h, mut fields)) => {
            fields = changes_fields(fields, &campaigns, &guides, r.lead.owner_id.map(UserId));
            changes::update_household(&state.db, &scope, &r, &h, fields).await?;
            Ctx::flash(&g.0.session, "saved").await?;
            Ok(back(id, "h-household"))
        }
        Err(errors) => Ok(unprocessable(views::edit(
            &g.0, id, &form, &errors, &campaigns, &guides,
        ))),
    }
}

pub async fn add_activity(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Form(form): Form<ActivityForm>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    match form.parse(chrono::Utc::now()) {
        Ok(a) => {
            changes::add_activity(&state.db, &g.scope(), &r, a).await?;
            Ctx::flash(&g.0.session, "activity-saved").await?;
            Ok(back(id, "h-timeline"))
        }
        Err(errors) => {
            let forms = Forms {
                activity: (form, errors),
                ..Forms::default()
            };
            Ok(unprocessable(render(&state, &g, &r, forms).await?))
        }
    }
}

pub async fn add_follow_up(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Form(form): Form<FollowUpForm>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    match form.parse() {
        Ok((title, due)) => {
            changes::add_follow_up(&state.db, &g.scope(), &r, title, due).await?;
            Ctx::flash(&g.0.session, "follow-up-saved").await?;
            Ok(back(id, "h-follow-ups"))
        }
        Err(errors) => {
            let forms = Forms {
                follow_up: (form, errors),
                ..Forms::default()
            };
            Ok(unprocessable(render(&state, &g, &r, forms).await?))
        }
    }
}

/// Where "Done" was pressed, if not on the lead page: the start page or the follow-ups
/// page, at the item after the one done.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneForm {
    back: String,
}

impl DoneForm {
    /// Only the two lists that offer "Done" (a local path; never another site), in plain
    /// printable ASCII as a `Location` header must be.
    fn back(&self) -> Option<&str> {
        let b = self.back.as_str();
        if !b.bytes().all(|c| (0x21..0x7f).contains(&c)) {
            return None;
        }
        let (path, _) = b.split_once('#').unwrap_or((b, ""));
        let path = path.split('?').next().unwrap_or(path);
        (path == "/" || path == "/follow-ups").then_some(b)
    }
}

pub async fn complete_follow_up(
    State(state): State<AppState>,
    g: GuideCtx,
    Path((id, fid)): Path<(LeadId, i64)>,
    Form(form): Form<DoneForm>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    if !changes::complete_follow_up(&state.db, &g.scope(), &r, fid).await? {
        return Err(AppError::NotFound);
    }
    Ok(match form.back() {
        Some(to) => Redirect::to(to).into_response(),
        None => back(id, "h-follow-ups"),
    })
}

/// The stay-check form's fields carry the follow-up in their names (`answer-stay-7`), so
/// that several such forms on one page have distinct ids.
pub async fn answer_stay(
    State(state): State<AppState>,
    g: GuideCtx,
    Path((id, fid)): Path<(LeadId, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    let value = |prefix: &str| {
        pairs
            .iter()
            .find(|(k, _)| k.starts_with(prefix))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let answer = value("answer-stay-");
    let on = parse_date(&value("answered_on-stay-")).unwrap_or_else(today);
    if !["stayed", "moved_away"].contains(&answer.as_str()) {
        Ctx::flash(&g.0.session, "err-stay-answer").await?;
        return Ok(back(id, "h-follow-ups"));
    }
    let check = queries::follow_ups(&state.db, &r)
        .await?
        .into_iter()
        .find(|f| f.id == fid)
        .ok_or(AppError::NotFound)?;
    // Before the check is due only "they told me they have moved away", said by today.
    let early = !value("early-stay-").is_empty();
    let after_moving_in = r.lead.moved_in_on.is_none_or(|d| on >= d);
    let told_early = early && answer == "moved_away" && on <= today() && after_moving_in;
    if check.due_on > today() && !told_early {
        Ctx::flash(&g.0.session, "err-stay-not-due").await?;
        return Ok(back(id, "h-follow-ups"));
    }
    let answered = (answer.as_str(), on);
    if !changes::answer_stay_check(
        &state.db,
        &g.scope(),
        &r,
        fid,
        answered,
        today(),
        told_early,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    Ctx::flash(&g.0.session, "stay-saved").await?;
    Ok(back(id, "h-follow-ups"))
}

pub async fn change_status(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Form(form): Form<StatusForm>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    match form.parse(today()) {
        Ok(change) => {
            changes::change_status(&state.db, &g.scope(), &r, change).await?;
            Ctx::flash(&g.0.session, "status-saved").await?;
            Ok(back(id, "h-status"))
        }
        Err(errors) => {
            let forms = Forms {
                status: (form, errors),
                ..Forms::default()
            };
            Ok(unprocessable(render(&state, &g, &r, forms).await?))
        }
    }
}

pub async fn refer(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
    Form(form): Form<ReferralForm>,
) -> AppResult<Response> {
    let r = own(&state, &g, id).await?;
    let to = form.to_municipality.trim().parse::<i64>().ok();
    let known = match to {
        Some(m) => crate::accounts::list_municipalities(&state.db)
            .await?
            .iter()
            .any(|x| x.id == m && x.active),
        None => false,
    };
    let (Some(to), true) = (to, known) else {
        let forms = Forms {
            referral_error: Some("err-municipality-required"),
            ..Forms::default()
        };
        return Ok(unprocessable(render(&state, &g, &r, forms).await?));
    };
    match changes::refer(&state.db, &g.scope(), &r, form.referral_kind == "share", to).await? {
        MoveOutcome::Done(_) => {
            Ctx::flash(&g.0.session, "referral-saved").await?;
            // A handed-over lead is no longer this guide's: back to the list.
            Ok(if form.referral_kind == "share" {
                back(id, "h-timeline")
            } else {
                Redirect::to("/leads").into_response()
            })
        }
        MoveOutcome::AlreadyThere => {
            let forms = Forms {
                referral_error: Some("err-already-there"),
                ..Forms::default()
            };
            Ok(unprocessable(render(&state, &g, &r, forms).await?))
        }
    }
}

pub async fn take(
    State(state): State<AppState>,
    g: GuideCtx,
    Path(id): Path<LeadId>,
) -> AppResult<Response> {
    let r = visible(&state, &g, id).await?;
    if r.lead.municipality_id.is_some() {
        return Err(AppError::NotFound);
    }
    match changes::take_from_pool(&state.db, &g.scope(), &r).await? {
        MoveOutcome::Done(_) => {
            Ctx::flash(&g.0.session, "pool-taken").await?;
            Ok(back(id, "main"))
        }
        MoveOutcome::AlreadyThere => {
            Ctx::flash(&g.0.session, "pool-already-yours").await?;
            Ok(Redirect::to("/leads/pool").into_response())
        }
    }
}
