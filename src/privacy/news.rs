//! The mover's consent to news and invitations (`domain::purpose::NEWS`): given on the
//! interest form, at a fair or on the self-service page; withdrawn on the self-service page
//! or through a mailing's unsubscribe link (with one click from the mail client too). Each
//! change is a system entry on the mover's leads, so its guides see it; a withdrawal also
//! takes the mailings' mails to the mover that still wait in the outbox back.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
};

use crate::domain::purpose::NEWS;
use crate::domain::system_kind;
use crate::entities::{consent, lead, mailing, mailing_recipient, outbox_mail, prospect};

/// Gives the news consent (text `version`, shown in `lang`) to each of `prospects` that
/// holds none now (and is not erased); the prospects it was given to.
pub async fn give(
    txn: &impl ConnectionTrait,
    prospects: &[i64],
    version: &str,
    lang: &str,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    let holding = standing(txn, prospects).await?;
    let living: Vec<i64> = prospect::Entity::find()
        .select_only()
        .column(prospect::Column::Id)
        .filter(prospect::Column::Id.is_in(prospects.to_vec()))
        .filter(prospect::Column::AnonymisedAt.is_null())
        .into_tuple()
        .all(txn)
        .await?;
    let mut given = Vec::new();
    for p in living.iter().filter(|p| !holding.contains(p)) {
        consent::ActiveModel {
            prospect_id: Set(*p),
            purpose: Set(NEWS.into()),
            legal_basis: Set("consent".into()),
            text_version: Set(version.into()),
            language: Set(lang.into()),
            given_at: Set(now),
            withdrawn_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        given.push(*p);
    }
    note(txn, &given, system_kind::NEWS_GIVEN, now).await?;
    Ok(given)
}

/// Withdraws the news consent of each of `prospects` that holds one; the prospects it was
/// withdrawn from. Their mailings' mails not yet sent are taken out of the outbox.
pub async fn withdraw(
    txn: &impl ConnectionTrait,
    prospects: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    // Not while a mailing's batch is queueing (it could queue this mover meanwhile).
    crate::db::hold(txn, crate::db::RECIPIENTS_LOCK, false).await?;
    let holding = standing(txn, prospects).await?;
    if holding.is_empty() {
        return Ok(holding);
    }
    consent::Entity::update_many()
        .col_expr(consent::Column::WithdrawnAt, Expr::value(now))
        .filter(consent::Column::ProspectId.is_in(holding.clone()))
        .filter(consent::Column::Purpose.eq(NEWS))
        .filter(consent::Column::WithdrawnAt.is_null())
        .exec(txn)
        .await?;
    // Their mailings' mails not sent yet are taken back, with their recipient rows: the
    // mailing's counts then say whom it reached. (A mail being sent this moment goes.)
    let unsent: Vec<i64> = outbox_mail::Entity::find()
        .select_only()
        .column(outbox_mail::Column::Id)
        .filter(outbox_mail::Column::ProspectId.is_in(holding.clone()))
        .filter(outbox_mail::Column::UnsubscribeUrl.is_not_null())
        .filter(crate::mail::worker::unsent_and_unleased(now))
        .into_tuple()
        .all(txn)
        .await?;
    take_back(txn, &unsent, now).await?;
    note(txn, &holding, system_kind::NEWS_WITHDRAWN, now).await?;
    Ok(holding)
}

/// Takes mailings' mails back out of the outbox (by id) with their recipient rows, and sets
/// each mailing's count of recipients to those left (its change also marks the report's
/// figures as changed, `reports::kept::version`).
pub async fn take_back(
    txn: &impl ConnectionTrait,
    outbox_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for chunk in outbox_ids.chunks(500) {
        let mailings: Vec<i64> = mailing_recipient::Entity::find()
            .select_only()
            .column(mailing_recipient::Column::MailingId)
            .filter(mailing_recipient::Column::OutboxId.is_in(chunk.to_vec()))
            .distinct()
            .into_tuple()
            .all(txn)
            .await?;
        mailing_recipient::Entity::delete_many()
            .filter(mailing_recipient::Column::OutboxId.is_in(chunk.to_vec()))
            .exec(txn)
            .await?;
        outbox_mail::Entity::delete_many()
            .filter(outbox_mail::Column::Id.is_in(chunk.to_vec()))
            .exec(txn)
            .await?;
        for m in mailings {
            let left = mailing_recipient::Entity::find()
                .filter(mailing_recipient::Column::MailingId.eq(m))
                .count(txn)
                .await?;
            mailing::Entity::update_many()
                .col_expr(
                    mailing::Column::Recipients,
                    Expr::value(i32::try_from(left).unwrap_or(i32::MAX)),
                )
                .col_expr(mailing::Column::UpdatedAt, Expr::value(now))
                .filter(mailing::Column::Id.eq(m))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Withdraws the news consent of every mover record with this address key (a mailing's
/// unsubscribe: the address said stop, whichever record the mail was made from).
pub async fn withdraw_address(
    txn: &impl ConnectionTrait,
    email_key: &str,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    let ids: Vec<i64> = prospect::Entity::find()
        .select_only()
        .column(prospect::Column::Id)
        .filter(prospect::Column::EmailKey.eq(email_key))
        .filter(prospect::Column::AnonymisedAt.is_null())
        .into_tuple()
        .all(txn)
        .await?;
    withdraw(txn, &ids, now).await
}

/// Of `prospects`, those holding a news consent now.
async fn standing(txn: &impl ConnectionTrait, prospects: &[i64]) -> Result<Vec<i64>, DbErr> {
    if prospects.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<i64> = consent::Entity::find()
        .select_only()
        .column(consent::Column::ProspectId)
        .filter(consent::Column::ProspectId.is_in(prospects.to_vec()))
        .filter(consent::Column::Purpose.eq(NEWS))
        .filter(consent::Column::WithdrawnAt.is_null())
        .into_tuple()
        .all(txn)
        .await?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// A system entry on each lead of these prospects.
async fn note(
    txn: &impl ConnectionTrait,
    prospects: &[i64],
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if prospects.is_empty() {
        return Ok(());
    }
    let leads = lead::Entity::find()
        .filter(lead::Column::ProspectId.is_in(prospects.to_vec()))
        .all(txn)
        .await?;
    for l in &leads {
        crate::leads::insert_timeline(txn, l.key(), None, kind, None, now, None).await?;
    }
    Ok(())
}
