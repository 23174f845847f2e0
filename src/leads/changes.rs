//! Changing leads. Like the queries, every function takes a `Scope`, and the records it is
//! given were found through that scope. Each change runs in one transaction with its
//! timeline entry and its audit entry, so none of the three exists without the others.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::forms::{LeadFields, NewActivity, StatusChange};
use super::queries::LeadRecord;
use super::records::own_copy;
use crate::audit;
use crate::domain::{system_kind, Direction, FollowUpKind, Source, Status};
use crate::domain::{Findable, Household};
use crate::entities::{
    activity, follow_up, lead, prospect, referral, CampaignId, LeadId, ProspectId, UserId,
};
use crate::scope::{Scope, Target};

fn apply_household(p: &mut prospect::ActiveModel, h: &Household, now: DateTime<Utc>) {
    p.first_name = Set(h.first_name.clone());
    p.last_name = Set(h.last_name.clone());
    p.email = Set(h.email.clone());
    p.phone = Set(h.phone.clone());
    p.country = Set(h.country.clone());
    p.se_region = Set(h.se_region.clone());
    p.place = Set(h.place.clone());
    p.preferred_language = Set(h.preferred_language.clone());
    p.languages = Set(h.languages.clone());
    p.adults = Set(h.adults);
    p.children_birth_years = Set(h.children_birth_years.clone());
    p.occupation = Set(h.occupation.clone());
    p.partner_occupation = Set(h.partner_occupation.clone());
    let [job, partner_job, housing, school, business, leisure, other] = h.help;
    p.help_job = Set(job);
    p.help_partner_job = Set(partner_job);
    p.help_housing = Set(housing);
    p.help_school = Set(school);
    p.help_business = Set(business);
    p.help_leisure = Set(leisure);
    p.help_other = Set(other);
    p.contact_via = Set(h.contact_via.clone());
    p.housing_wish = Set(h.housing_wish);
    p.move_when = Set(h.move_when.clone());
    p.notes = Set(h.notes.clone());
    Findable::of(
        (&h.first_name, &h.last_name),
        h.email.as_deref(),
        h.phone.as_deref(),
        (h.place.as_deref(), h.children_birth_years.as_deref()),
    )
    .set(p);
    p.updated_at = Set(now);
}

pub async fn insert_timeline(
    db: &impl ConnectionTrait,
    lead: LeadId,
    user_id: Option<UserId>,
    kind: &str,
    direction: Option<Direction>,
    occurred_at: DateTime<Utc>,
    body: Option<String>,
) -> Result<(), DbErr> {
    activity::ActiveModel {
        lead_id: Set(lead.0),
        user_id: Set(user_id.map(|u| u.0)),
        kind: Set(kind.to_string()),
        direction: Set(direction),
        occurred_at: Set(occurred_at),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub(super) async fn touch_lead(db: &impl ConnectionTrait, lead_id: i64) -> Result<(), DbErr> {
    lead::Entity::update_many()
        .col_expr(lead::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(lead::Column::Id.eq(lead_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Inserts a prospect. Shared with the public interest form and imports.
pub async fn insert_prospect(
    db: &impl ConnectionTrait,
    h: &Household,
) -> Result<prospect::Model, DbErr> {
    insert_prospect_at(db, h, Utc::now()).await
}

/// Inserts a prospect first known at `at` (an import of older records).
pub async fn insert_prospect_at(
    db: &impl ConnectionTrait,
    h: &Household,
    at: DateTime<Utc>,
) -> Result<prospect::Model, DbErr> {
    let mut p = prospect::ActiveModel {
        created_at: Set(at),
        ..Default::default()
    };
    apply_household(&mut p, h, at);
    p.insert(db).await
}

/// What an imported row adds to a prospect that already exists: the fields it lacks.
pub fn fill_blanks(p: &prospect::Model, h: &Household) -> Option<prospect::ActiveModel> {
    let mut a: prospect::ActiveModel = p.clone().into();
    let mut changed = false;
    let mut set = |cur: &Option<String>, new: &Option<String>| match (cur, new) {
        (None, Some(v)) => {
            changed = true;
            Some(v.clone())
        }
        _ => cur.clone(),
    };
    a.email = Set(set(&p.email, &h.email));
    a.phone = Set(set(&p.phone, &h.phone));
    a.country = Set(set(&p.country, &h.country));
    a.se_region = Set(set(&p.se_region, &h.se_region));
    a.place = Set(set(&p.place, &h.place));
    a.children_birth_years = Set(set(&p.children_birth_years, &h.children_birth_years));
    a.occupation = Set(set(&p.occupation, &h.occupation));
    a.notes = Set(set(&p.notes, &h.notes));
    if !changed {
        return None;
    }
    let email = p.email.clone().or_else(|| h.email.clone());
    let phone = p.phone.clone().or_else(|| h.phone.clone());
    let place = p.place.clone().or_else(|| h.place.clone());
    let years = p
        .children_birth_years
        .clone()
        .or_else(|| h.children_birth_years.clone());
    Findable::of(
        (&p.first_name, &p.last_name),
        email.as_deref(),
        phone.as_deref(),
        (place.as_deref(), years.as_deref()),
    )
    .set(&mut a);
    a.updated_at = Set(Utc::now());
    Some(a)
}

/// A lead to insert: a prospect's, where it goes, from which source; who owns it, the
/// campaign it came from and who made it are optional.
#[derive(Clone, Copy, Debug)]
pub struct NewLead {
    pub prospect: ProspectId,
    pub target: Target,
    pub source: Source,
    pub owner_id: Option<UserId>,
    pub campaign_id: Option<CampaignId>,
    pub by: Option<UserId>,
}

impl NewLead {
    pub fn new(prospect: ProspectId, target: Target, source: Source) -> Self {
        NewLead {
            prospect,
            target,
            source,
            owner_id: None,
            campaign_id: None,
            by: None,
        }
    }
}

/// Inserts a lead with a "created" entry.
pub async fn insert_lead(db: &impl ConnectionTrait, new: NewLead) -> Result<lead::Model, DbErr> {
    let NewLead {
        prospect,
        target,
        source,
        owner_id,
        campaign_id,
        by,
    } = new;
    let now = Utc::now();
    let l = lead::ActiveModel {
        prospect_id: Set(prospect.0),
        municipality_id: Set(target.value()),
        owner_id: Set(owner_id.map(|u| u.0)),
        source: Set(source),
        campaign_id: Set(campaign_id.map(|c| c.0)),
        status: Set(Status::New),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    insert_timeline(
        db,
        l.key(),
        by,
        system_kind::CREATED,
        None,
        now,
        Some(source.as_str().into()),
    )
    .await?;
    Ok(l)
}

/// A new lead in the guide's municipality, with a first note if one was written.
pub async fn create(
    db: &crate::db::Db,
    scope: &Scope,
    h: &Household,
    fields: LeadFields,
    note: Option<String>,
) -> Result<i64, DbErr> {
    let txn = db.begin().await?;
    let p = insert_prospect(&txn, h).await?;
    let owner = fields.owner_id.or(Some(scope.user_id()));
    let l = insert_lead(
        &txn,
        NewLead {
            owner_id: owner,
            campaign_id: fields.campaign_id,
            by: Some(scope.user_id()),
            ..NewLead::new(p.key(), scope.home(), fields.source)
        },
    )
    .await?;
    if let Some(text) = note {
        insert_timeline(
            &txn,
            l.key(),
            Some(scope.user_id()),
            "note",
            None,
            Utc::now(),
            Some(text),
        )
        .await?;
    }
    audit::lead(&txn, scope.user_id(), "lead_created", l.key(), p.key()).await?;
    txn.commit().await?;
    Ok(l.id)
}

pub async fn update_household(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    h: &Household,
    fields: LeadFields,
) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    // What this guide records stays this municipality's (`own_copy`).
    let mine = own_copy(&txn, r.lead.id, &r.prospect).await?;
    let mut p: prospect::ActiveModel = mine.into();
    apply_household(&mut p, h, Utc::now());
    p.update(&txn).await?;
    let mut l: lead::ActiveModel = r.lead.clone().into();
    l.source = Set(fields.source);
    l.campaign_id = Set(fields.campaign_id.map(|c| c.0));
    l.owner_id = Set(fields.owner_id.map(|u| u.0));
    l.updated_at = Set(Utc::now());
    l.update(&txn).await?;
    audit::lead(
        &txn,
        scope.user_id(),
        "prospect_updated",
        r.lead.key(),
        r.prospect.key(),
    )
    .await?;
    txn.commit().await
}

pub async fn add_activity(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    a: NewActivity,
) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    insert_timeline(
        &txn,
        r.lead.key(),
        Some(scope.user_id()),
        a.kind.as_str(),
        a.direction,
        a.occurred_at,
        a.body,
    )
    .await?;
    touch_lead(&txn, r.lead.id).await?;
    audit::lead(
        &txn,
        scope.user_id(),
        "activity_added",
        r.lead.key(),
        r.prospect.key(),
    )
    .await?;
    txn.commit().await
}

pub async fn add_follow_up(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    title: String,
    due_on: NaiveDate,
) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    follow_up::ActiveModel {
        lead_id: Set(r.lead.id),
        municipality_id: Set(r.lead.municipality_id),
        due_on: Set(due_on),
        title: Set(title),
        created_by: Set(Some(scope.user_id().0)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    touch_lead(&txn, r.lead.id).await?;
    audit::lead(
        &txn,
        scope.user_id(),
        "follow_up_added",
        r.lead.key(),
        r.prospect.key(),
    )
    .await?;
    txn.commit().await
}

/// Closes an open follow-up of this lead (with `update`'s other changes), touches the lead
/// and audits it, in one transaction; false if the lead has no such open follow-up.
async fn close_follow_up(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    id: i64,
    update: sea_orm::UpdateMany<follow_up::Entity>,
    action: &str,
) -> Result<bool, DbErr> {
    let txn = db.begin().await?;
    let done = update
        .col_expr(follow_up::Column::DoneAt, Expr::value(Utc::now()))
        .col_expr(follow_up::Column::DoneBy, Expr::value(scope.user_id()))
        .filter(follow_up::Column::Id.eq(id))
        .filter(follow_up::Column::LeadId.eq(r.lead.id))
        .filter(follow_up::Column::DoneAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 1 {
        touch_lead(&txn, r.lead.id).await?;
        audit::lead(
            &txn,
            scope.user_id(),
            action,
            r.lead.key(),
            r.prospect.key(),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(done.rows_affected == 1)
}

/// Marks a follow-up of this lead done; false if the lead has no such open follow-up.
pub async fn complete_follow_up(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    id: i64,
) -> Result<bool, DbErr> {
    let update = follow_up::Entity::update_many();
    close_follow_up(db, scope, r, id, update, "follow_up_done").await
}

pub async fn change_status(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    c: StatusChange,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let txn = db.begin().await?;
    let mut l: lead::ActiveModel = r.lead.clone().into();
    l.status = Set(c.status);
    l.reason_code = Set(c.reason);
    l.moved_in_on = Set(c.moved_in.map(|m| m.0));
    l.moved_adults = Set(c.moved_in.map(|m| m.1));
    l.moved_children = Set(c.moved_in.map(|m| m.2));
    l.closed_at = Set(c.status.is_closed().then_some(now));
    l.updated_at = Set(now);
    l.update(&txn).await?;
    insert_timeline(
        &txn,
        r.lead.key(),
        Some(scope.user_id()),
        system_kind::STATUS,
        None,
        now,
        Some(c.status.as_str().into()),
    )
    .await?;
    if let Some((moved_on, _, _)) = c.moved_in {
        plan_stay_checks(&txn, r, moved_on, scope.user_id()).await?;
    }
    audit::lead(
        &txn,
        scope.user_id(),
        "status_changed",
        r.lead.key(),
        r.prospect.key(),
    )
    .await?;
    txn.commit().await
}

/// The stay checks: follow-ups 6 and 12 months after moving in, asking whether the household
/// still lives here. Planned once per lead; a corrected moving-in date moves the open ones.
async fn plan_stay_checks(
    db: &impl ConnectionTrait,
    r: &LeadRecord,
    moved_on: NaiveDate,
    by: UserId,
) -> Result<(), DbErr> {
    for (kind, months) in [(FollowUpKind::Stay6, 6), (FollowUpKind::Stay12, 12)] {
        let due = moved_on
            .checked_add_months(chrono::Months::new(months))
            .unwrap_or(moved_on);
        let existing = follow_up::Entity::find()
            .filter(follow_up::Column::LeadId.eq(r.lead.id))
            .filter(follow_up::Column::Kind.eq(kind.as_str()))
            .one(db)
            .await?;
        match existing {
            Some(f) if f.done_at.is_none() => {
                follow_up::Entity::update_many()
                    .col_expr(follow_up::Column::DueOn, Expr::value(due))
                    .filter(follow_up::Column::Id.eq(f.id))
                    .exec(db)
                    .await?;
            }
            Some(_) => {}
            None => {
                follow_up::ActiveModel {
                    lead_id: Set(r.lead.id),
                    municipality_id: Set(r.lead.municipality_id),
                    due_on: Set(due),
                    title: Set(kind.as_str().into()),
                    kind: Set(kind),
                    created_by: Set(Some(by.0)),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

/// Records a stay check's answer (`stayed` or `moved_away`, and when) and closes it. Only a
/// check that is due by `today` (an answer given on moving-in day says nothing about
/// staying), unless the household told the guide early that it has moved away.
pub async fn answer_stay_check(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    id: i64,
    (answer, on): (&str, NaiveDate),
    today: NaiveDate,
    told_early: bool,
) -> Result<bool, DbErr> {
    let mut update = follow_up::Entity::update_many()
        .col_expr(follow_up::Column::Answer, Expr::value(answer))
        .col_expr(follow_up::Column::AnsweredOn, Expr::value(on))
        .filter(follow_up::Column::Kind.is_in(["stay_6", "stay_12"]));
    // Before it is due, only the household's own word that it has moved away.
    if !(told_early && answer == "moved_away") {
        update = update.filter(follow_up::Column::DueOn.lte(today));
    }
    close_follow_up(db, scope, r, id, update, "stay_check_answered").await
}

/// Does the prospect already have a lead in this municipality?
async fn has_lead_in(
    db: &impl ConnectionTrait,
    prospect_id: i64,
    place: Target,
) -> Result<bool, DbErr> {
    Ok(lead::Entity::find()
        .filter(lead::Column::ProspectId.eq(prospect_id))
        .filter(crate::scope::leads_in(&[place]))
        .one(db)
        .await?
        .is_some())
}

/// Moves a lead (with its follow-ups) to another municipality and logs it.
async fn move_lead(
    db: &impl ConnectionTrait,
    r: &LeadRecord,
    to: Target,
    owner: Option<UserId>,
    kind: &str,
    by: UserId,
) -> Result<(), DbErr> {
    let Some(to) = to.value() else {
        return Err(DbErr::Custom(
            "a lead moves to a municipality, not the pool".into(),
        ));
    };
    let now = Utc::now();
    lead::Entity::update_many()
        .col_expr(lead::Column::MunicipalityId, Expr::value(to))
        .col_expr(lead::Column::OwnerId, Expr::value(owner))
        .col_expr(lead::Column::UpdatedAt, Expr::value(now))
        .filter(lead::Column::Id.eq(r.lead.id))
        .exec(db)
        .await?;
    follow_up::Entity::update_many()
        .col_expr(follow_up::Column::MunicipalityId, Expr::value(to))
        .filter(follow_up::Column::LeadId.eq(r.lead.id))
        .exec(db)
        .await?;
    log_referral(db, r.lead.id, kind, r.lead.municipality_id, to, by).await
}

async fn log_referral(
    db: &impl ConnectionTrait,
    lead_id: i64,
    kind: &str,
    from: Option<i64>,
    to: i64,
    by: UserId,
) -> Result<(), DbErr> {
    let now = Utc::now();
    referral::ActiveModel {
        lead_id: Set(lead_id),
        kind: Set(kind.to_string()),
        from_municipality_id: Set(from),
        to_municipality_id: Set(to),
        by_user: Set(Some(by.0)),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let body = format!(
        "{kind}:{}:{to}",
        from.map(|f| f.to_string()).unwrap_or_default()
    );
    insert_timeline(
        db,
        crate::entities::LeadId(lead_id),
        Some(by),
        system_kind::REFERRAL,
        None,
        now,
        Some(body),
    )
    .await
}

#[derive(Debug, PartialEq, Eq)]
pub enum MoveOutcome {
    Done(i64),
    /// The prospect already has a lead there (its id, if visible to the caller).
    AlreadyThere,
}

/// Takes a pool lead into the guide's municipality.
pub async fn take_from_pool(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
) -> Result<MoveOutcome, DbErr> {
    let txn = db.begin().await?;
    if has_lead_in(&txn, r.prospect.id, scope.home()).await? {
        return Ok(MoveOutcome::AlreadyThere);
    }
    // Only a lead still in the pool: two guides taking it at once, one wins.
    let claimed = lead::Entity::update_many()
        .col_expr(
            lead::Column::MunicipalityId,
            Expr::value(scope.home().value()),
        )
        .filter(lead::Column::Id.eq(r.lead.id))
        .filter(scope.pool_leads())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(MoveOutcome::AlreadyThere);
    }
    move_lead(
        &txn,
        r,
        scope.home(),
        Some(scope.user_id()),
        "take",
        scope.user_id(),
    )
    .await?;
    audit::lead(
        &txn,
        scope.user_id(),
        "lead_taken_from_pool",
        r.lead.key(),
        r.prospect.key(),
    )
    .await?;
    txn.commit().await?;
    Ok(MoveOutcome::Done(r.lead.id))
}

/// Hands the lead over to another municipality, or shares it (a new lead there).
pub async fn refer(
    db: &crate::db::Db,
    scope: &Scope,
    r: &LeadRecord,
    share: bool,
    to: i64,
) -> Result<MoveOutcome, DbErr> {
    let txn = db.begin().await?;
    if scope.owns(Some(to)) || has_lead_in(&txn, r.prospect.id, Target::municipality(to)).await? {
        return Ok(MoveOutcome::AlreadyThere);
    }
    let by = scope.user_id();
    let id = if share {
        let new = insert_lead(
            &txn,
            NewLead {
                by: Some(by),
                ..NewLead::new(r.prospect.key(), Target::municipality(to), Source::Referral)
            },
        )
        .await?;
        log_referral(&txn, r.lead.id, "share", r.lead.municipality_id, to, by).await?;
        log_referral(&txn, new.id, "share", r.lead.municipality_id, to, by).await?;
        audit::lead(&txn, by, "lead_shared", r.lead.key(), r.prospect.key()).await?;
        new.id
    } else {
        move_lead(&txn, r, Target::municipality(to), None, "handover", by).await?;
        audit::lead(&txn, by, "lead_handed_over", r.lead.key(), r.prospect.key()).await?;
        r.lead.id
    };
    txn.commit().await?;
    Ok(MoveOutcome::Done(id))
}
