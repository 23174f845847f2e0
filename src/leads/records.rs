//! Whose record a change reaches. Each municipality is its own data controller: a change one
//! guide makes (an erasure, a merge, an edit) must not reach the record another municipality
//! holds of the same mover, yet the mover's self-service link must still reach every record
//! held of it. `own_copy` gives a lead a record of its own before such a change, linked to
//! its origin; `merge` joins two leads of one municipality within those rules.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::changes::{insert_timeline, touch_lead};
use super::queries::LeadRecord;
use crate::audit;
use crate::domain::system_kind;
use crate::domain::Findable;
use crate::entities::{
    activity, consent, follow_up, lead, mover_token, outbox_mail, prospect, referral,
};
use crate::scope::Scope;

/// Gives `lead_id` a prospect of its own when its prospect also has leads in another
/// municipality (or the pool), and returns the prospect the lead now has.
///
/// The copy keeps everything the mover gave (and the consents it gave with it) and names
/// the original as its origin: the mover's self-service link, on the original, covers the
/// copies too (`privacy::links::group`).
pub async fn own_copy(
    db: &impl ConnectionTrait,
    lead_id: i64,
    p: &prospect::Model,
) -> Result<prospect::Model, DbErr> {
    let shared = lead::Entity::find()
        .filter(lead::Column::ProspectId.eq(p.id))
        .filter(lead::Column::Id.ne(lead_id))
        .one(db)
        .await?
        .is_some();
    if !shared {
        return Ok(p.clone());
    }
    let mut copy: prospect::ActiveModel = p.clone().into();
    copy.id = sea_orm::ActiveValue::NotSet;
    copy.origin_id = Set(Some(p.origin_id.unwrap_or(p.id)));
    let copy = copy.insert(db).await?;
    copy_consents(db, p.id, copy.id).await?;
    lead::Entity::update_many()
        .col_expr(lead::Column::ProspectId, Expr::value(copy.id))
        .filter(lead::Column::Id.eq(lead_id))
        .exec(db)
        .await?;
    Ok(copy)
}

/// The consents given with one record hold for another made of it.
async fn copy_consents(db: &impl ConnectionTrait, from: i64, to: i64) -> Result<(), DbErr> {
    for c in consent::Entity::find()
        .filter(consent::Column::ProspectId.eq(from))
        .all(db)
        .await?
    {
        let mut c: consent::ActiveModel = c.into();
        c.id = sea_orm::ActiveValue::NotSet;
        c.prospect_id = Set(to);
        c.insert(db).await?;
    }
    Ok(())
}

fn fill<T: Clone>(keep: &Option<T>, other: &Option<T>) -> Option<T> {
    keep.clone().or_else(|| other.clone())
}

/// Merges `other` (a duplicate in the same municipality) into `keep`: every activity,
/// follow-up and referral moves over; the kept lead's prospect keeps its data and gains what
/// only the duplicate knew; the duplicate lead is removed, and its prospect too if nothing
/// else uses it (its consents and the mover's self-service links then follow the kept one).
///
/// Only this municipality's records change: a prospect that another municipality also holds
/// is copied for the kept lead first (`own_copy`), and the duplicate's prospect stays as it
/// is for the others.
pub async fn merge(
    db: &crate::db::Db,
    scope: &Scope,
    keep: &LeadRecord,
    other: &LeadRecord,
) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    let by = scope.user_id();
    activity::Entity::update_many()
        .col_expr(activity::Column::LeadId, Expr::value(keep.lead.id))
        .filter(activity::Column::LeadId.eq(other.lead.id))
        .exec(&txn)
        .await?;
    follow_up::Entity::update_many()
        .col_expr(follow_up::Column::LeadId, Expr::value(keep.lead.id))
        .col_expr(
            follow_up::Column::MunicipalityId,
            Expr::value(keep.lead.municipality_id),
        )
        .filter(follow_up::Column::LeadId.eq(other.lead.id))
        .exec(&txn)
        .await?;
    referral::Entity::update_many()
        .col_expr(referral::Column::LeadId, Expr::value(keep.lead.id))
        .filter(referral::Column::LeadId.eq(other.lead.id))
        .exec(&txn)
        .await?;
    // The jobs and homes sent to the duplicate's mover were sent to this one.
    crate::entities::selection::Entity::update_many()
        .col_expr(
            crate::entities::selection::Column::LeadId,
            Expr::value(keep.lead.id),
        )
        .col_expr(
            crate::entities::selection::Column::MunicipalityId,
            Expr::value(keep.lead.municipality_id),
        )
        .filter(crate::entities::selection::Column::LeadId.eq(other.lead.id))
        .exec(&txn)
        .await?;
    lead::Entity::delete_by_id(other.lead.id).exec(&txn).await?;

    if other.prospect.id != keep.prospect.id {
        let k = own_copy(&txn, keep.lead.id, &keep.prospect).await?;
        let o = &other.prospect;
        fill_from(&txn, &k, o).await?;
        let left = lead::Entity::find()
            .filter(lead::Column::ProspectId.eq(o.id))
            .one(&txn)
            .await?;
        if left.is_none() {
            take_over(&txn, &k, o).await?;
        } else {
            join_movers_records(&txn, &k, o).await?;
        }
        audit::lead(&txn, by, "prospect_merged_away", other.lead.key(), o.key()).await?;
    }
    let body = format!("{}", other.lead.id);
    insert_timeline(
        &txn,
        keep.lead.key(),
        Some(by),
        system_kind::MERGE,
        None,
        Utc::now(),
        Some(body),
    )
    .await?;
    touch_lead(&txn, keep.lead.id).await?;
    audit::lead(
        &txn,
        by,
        "leads_merged",
        keep.lead.key(),
        keep.prospect.key(),
    )
    .await?;
    txn.commit().await
}

/// The kept record as a merge leaves it: it gains what only the duplicate's knew, and
/// notes are joined. The merge preview shows exactly this.
pub fn merged(k: &prospect::Model, o: &prospect::Model) -> prospect::Model {
    let mut m = k.clone();
    m.email = fill(&k.email, &o.email);
    m.phone = fill(&k.phone, &o.phone);
    m.country = fill(&k.country, &o.country);
    m.place = fill(&k.place, &o.place);
    m.languages = fill(&k.languages, &o.languages);
    m.children_birth_years = fill(&k.children_birth_years, &o.children_birth_years);
    m.occupation = fill(&k.occupation, &o.occupation);
    m.partner_occupation = fill(&k.partner_occupation, &o.partner_occupation);
    m.move_when = fill(&k.move_when, &o.move_when);
    m.notes = match (&k.notes, &o.notes) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n\n{b}")),
        (a, b) => fill(a, b),
    };
    m
}

async fn fill_from(
    db: &impl ConnectionTrait,
    k: &prospect::Model,
    o: &prospect::Model,
) -> Result<(), DbErr> {
    let m = merged(k, o);
    let mut p: prospect::ActiveModel = k.clone().into();
    p.email = Set(m.email.clone());
    p.phone = Set(m.phone.clone());
    p.country = Set(m.country);
    p.place = Set(m.place.clone());
    p.languages = Set(m.languages);
    p.children_birth_years = Set(m.children_birth_years.clone());
    p.occupation = Set(m.occupation);
    p.partner_occupation = Set(m.partner_occupation);
    p.move_when = Set(m.move_when);
    p.notes = Set(m.notes);
    Findable::of(
        (&k.first_name, &k.last_name),
        m.email.as_deref(),
        m.phone.as_deref(),
        (m.place.as_deref(), m.children_birth_years.as_deref()),
    )
    .set(&mut p);
    p.updated_at = Set(Utc::now());
    p.update(db).await?;
    Ok(())
}

/// The duplicate's record is used by no one else: what the mover agreed to, its link, its
/// mails and the copies other municipalities made of it follow the kept record, and the
/// duplicate's record goes.
async fn take_over(
    db: &impl ConnectionTrait,
    k: &prospect::Model,
    o: &prospect::Model,
) -> Result<(), DbErr> {
    consent::Entity::update_many()
        .col_expr(consent::Column::ProspectId, Expr::value(k.id))
        .filter(consent::Column::ProspectId.eq(o.id))
        .exec(db)
        .await?;
    mover_token::Entity::update_many()
        .col_expr(mover_token::Column::ProspectId, Expr::value(k.id))
        .filter(mover_token::Column::ProspectId.eq(o.id))
        .exec(db)
        .await?;
    outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::ProspectId, Expr::value(k.id))
        .filter(outbox_mail::Column::ProspectId.eq(o.id))
        .exec(db)
        .await?;
    prospect::Entity::update_many()
        .col_expr(
            prospect::Column::OriginId,
            Expr::value(k.origin_id.unwrap_or(k.id)),
        )
        .filter(prospect::Column::OriginId.eq(o.id))
        .exec(db)
        .await?;
    prospect::Entity::delete_by_id(o.id).exec(db).await?;
    Ok(())
}

/// The duplicate's record stays for the others, and its mover's link goes on opening it:
/// the kept record joins it as a copy, so that the link also shows, corrects and erases what
/// this municipality keeps (a kept record that is already some other record's copy, or has
/// copies or a link of its own, stays where it is); the duplicate's consents hold here too.
async fn join_movers_records(
    db: &impl ConnectionTrait,
    k: &prospect::Model,
    o: &prospect::Model,
) -> Result<(), DbErr> {
    let standalone = k.origin_id.is_none()
        && prospect::Entity::find()
            .filter(prospect::Column::OriginId.eq(k.id))
            .one(db)
            .await?
            .is_none()
        && mover_token::Entity::find()
            .filter(mover_token::Column::ProspectId.eq(k.id))
            .one(db)
            .await?
            .is_none();
    if standalone {
        prospect::Entity::update_many()
            .col_expr(
                prospect::Column::OriginId,
                Expr::value(o.origin_id.unwrap_or(o.id)),
            )
            .filter(prospect::Column::Id.eq(k.id))
            .exec(db)
            .await?;
    }
    copy_consents(db, o.id, k.id).await
}
