//! Erasure: a prospect's personal data is removed for good — names, contact data, free text,
//! the texts of its timeline and follow-ups, its mail in the outbox — while the statistical
//! skeleton stays (municipality, dates, statuses, outcome and counts, country and county),
//! so that the reports' totals do not change. Irreversible by design: nothing is kept aside.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::entities::{
    activity, consent, follow_up, lead, mailing_recipient, mover_token, outbox_mail, prospect,
    UserId,
};

/// Why a prospect was anonymised: written on its leads' timelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The mover asked, through its self-service link.
    Mover,
    /// A guide carried out an erasure request.
    Guide,
    /// The retention rule: no activity for the configured period.
    Retention,
}

impl Why {
    pub fn as_str(self) -> &'static str {
        match self {
            Why::Mover => "mover",
            Why::Guide => "guide",
            Why::Retention => "retention",
        }
    }
}

pub const ERASURE_KIND: &str = crate::domain::system_kind::ERASURE;

/// Anonymises one prospect inside the caller's transaction. Returns false if it already was.
pub async fn anonymise(
    db: &impl ConnectionTrait,
    prospect_id: i64,
    why: Why,
    by: Option<UserId>,
) -> Result<bool, DbErr> {
    let Some(p) = prospect::Entity::find_by_id(prospect_id).one(db).await? else {
        return Ok(false);
    };
    if p.anonymised_at.is_some() {
        return Ok(false);
    }
    // Not while a mailing's batch is queueing: it could queue a mail to this mover.
    crate::db::hold(db, crate::db::RECIPIENTS_LOCK, false).await?;
    let now = Utc::now();
    let none = Option::<String>::None;
    prospect::Entity::update_many()
        .col_expr(prospect::Column::FirstName, Expr::value(""))
        .col_expr(prospect::Column::LastName, Expr::value(""))
        .col_expr(prospect::Column::Email, Expr::value(none.clone()))
        .col_expr(prospect::Column::Phone, Expr::value(none.clone()))
        .col_expr(prospect::Column::Place, Expr::value(none.clone()))
        .col_expr(prospect::Column::Languages, Expr::value(none.clone()))
        .col_expr(
            prospect::Column::ChildrenBirthYears,
            Expr::value(none.clone()),
        )
        .col_expr(prospect::Column::Occupation, Expr::value(none.clone()))
        .col_expr(
            prospect::Column::PartnerOccupation,
            Expr::value(none.clone()),
        )
        .col_expr(prospect::Column::MoveWhen, Expr::value(none.clone()))
        .col_expr(prospect::Column::Notes, Expr::value(none.clone()))
        .col_expr(prospect::Column::SearchText, Expr::value(""))
        .col_expr(prospect::Column::PhoneKey, Expr::value(none.clone()))
        .col_expr(prospect::Column::EmailKey, Expr::value(none.clone()))
        .col_expr(prospect::Column::NameKey, Expr::value(none.clone()))
        .col_expr(prospect::Column::FamilyKey, Expr::value(none.clone()))
        .col_expr(prospect::Column::AnonymisedAt, Expr::value(now))
        .col_expr(prospect::Column::UpdatedAt, Expr::value(now))
        .filter(prospect::Column::Id.eq(prospect_id))
        .exec(db)
        .await?;
    let lead_ids: Vec<i64> = lead::Entity::find()
        .select_only()
        .column(lead::Column::Id)
        .filter(lead::Column::ProspectId.eq(prospect_id))
        .into_tuple()
        .all(db)
        .await?;
    activity::Entity::update_many()
        .col_expr(activity::Column::Body, Expr::value(none.clone()))
        .filter(activity::Column::LeadId.is_in(lead_ids.clone()))
        // System entries hold codes (statuses, municipality ids), not text about the person.
        .filter(
            activity::Column::Kind
                .is_in(crate::domain::ActivityKind::ALL.iter().map(|k| k.as_str())),
        )
        .exec(db)
        .await?;
    follow_up::Entity::update_many()
        .col_expr(follow_up::Column::Title, Expr::value("–"))
        .filter(follow_up::Column::LeadId.is_in(lead_ids.clone()))
        .exec(db)
        .await?;
    consent::Entity::update_many()
        .col_expr(consent::Column::WithdrawnAt, Expr::value(now))
        .filter(consent::Column::ProspectId.eq(prospect_id))
        .filter(consent::Column::WithdrawnAt.is_null())
        .exec(db)
        .await?;
    // A mailing's recipient row stays for the counts, without whom it reached.
    mailing_recipient::Entity::update_many()
        .col_expr(
            mailing_recipient::Column::ProspectId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            mailing_recipient::Column::EmailKey,
            Expr::value(Option::<String>::None),
        )
        .filter(mailing_recipient::Column::ProspectId.eq(prospect_id))
        .exec(db)
        .await?;
    mover_token::Entity::delete_many()
        .filter(mover_token::Column::ProspectId.eq(prospect_id))
        .exec(db)
        .await?;
    let mut to_mover =
        sea_orm::Condition::any().add(outbox_mail::Column::ProspectId.eq(prospect_id));
    if let Some(email) = &p.email {
        to_mover = to_mover.add(outbox_mail::Column::Recipient.eq(email.as_str()));
    }
    outbox_mail::Entity::delete_many()
        .filter(to_mover)
        .exec(db)
        .await?;
    for id in &lead_ids {
        crate::leads::insert_timeline(
            db,
            crate::entities::LeadId(*id),
            by,
            ERASURE_KIND,
            None,
            now,
            Some(why.as_str().into()),
        )
        .await?;
    }
    crate::audit::write(
        db,
        crate::audit::Entry {
            user_id: by,
            action: "prospect_anonymised",
            target: None,
            prospect: Some(crate::entities::ProspectId(prospect_id)),
            detail: Some(why.as_str().into()),
        },
    )
    .await?;
    Ok(true)
}
