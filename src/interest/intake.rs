//! Taking in a submission: one prospect (or the one that already has this e-mail), a lead per
//! chosen municipality (or one in the regional pool), the consent with its text version, a
//! confirmation mail to the mover and a notice to the guides — all in one transaction.
//!
//! This is the system acting for the mover, not a person reading data, so it does not take a
//! guide's `Scope`; it reads only the prospect with the address the mover typed, and shows
//! the mover nothing of it (the same thank-you page either way).

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::config::Config;
use crate::entities::{consent, lead, municipality, prospect, user};
use crate::i18n::Lang;
use crate::leads::domain::Source;
use crate::leads::forms::Household;
use crate::leads::{insert_lead, insert_prospect};
use crate::mail::{self, templates};

/// The version of the consent text shown with the form; raise it when the text changes.
pub const CONSENT_VERSION: &str = "interest-2026-11";
pub const CONSENT_PURPOSE: &str = "relocation_guidance";
pub const CONSENT_BASIS: &str = "consent";

pub struct Submission {
    pub household: Household,
    /// Chosen municipalities (slugs); empty with `help_choose` means the regional pool.
    pub municipalities: Vec<String>,
    pub help_choose: bool,
    pub message: Option<String>,
    pub form_lang: Lang,
    pub campaign_id: Option<i64>,
    /// `InterestForm`, or `Fair` for a lead captured by a guide at an event.
    pub source: Source,
    /// The version of the consent text the mover agreed to.
    pub consent_version: &'static str,
}

/// Stores the submission; returns the prospect's id.
pub async fn take_in(db: &DatabaseConnection, cfg: &Config, s: &Submission) -> Result<i64, DbErr> {
    // Read before the turn to write (SQLite's writers queue for it): the municipalities
    // and the guides to tell change seldom, and are small.
    let chosen: Vec<municipality::Model> = municipality::Entity::find()
        .filter(municipality::Column::Slug.is_in(s.municipalities.clone()))
        .filter(municipality::Column::Active.eq(true))
        .all(db)
        .await?;
    let guides = user::Entity::find()
        .filter(user::Column::IsGuide.eq(true))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    let (_turn, txn) = crate::db::begin_write(db).await?;
    let existing = match &s.household.email {
        Some(e) => {
            prospect::Entity::find()
                .filter(prospect::Column::Email.eq(e.as_str()))
                .one(&txn)
                .await?
        }
        None => None,
    };
    let (prospect_id, had): (i64, Vec<lead::Model>) = match existing {
        Some(p) => (
            p.id,
            lead::Entity::find()
                .filter(lead::Column::ProspectId.eq(p.id))
                .all(&txn)
                .await?,
        ),
        None => (insert_prospect(&txn, &s.household).await?.id, Vec::new()),
    };
    let had_in: BTreeSet<Option<i64>> = had.iter().map(|l| l.municipality_id).collect();

    // New leads: each chosen municipality the prospect had none in; the pool only for a
    // mover with no lead anywhere.
    let mut targets: Vec<Option<i64>> = chosen
        .iter()
        .map(|m| Some(m.id))
        .filter(|m| !had_in.contains(m))
        .collect();
    if s.help_choose && chosen.is_empty() && had.is_empty() {
        targets.push(None);
    }
    let mut touched: Vec<lead::Model> = Vec::new();
    for m in targets {
        touched.push(insert_lead(&txn, prospect_id, m, None, s.source, s.campaign_id, None).await?);
    }
    let new_leads = touched.len();
    // Leads it already had in a chosen municipality (or anywhere, if it chose none) hear of it.
    let chosen_ids: BTreeSet<i64> = chosen.iter().map(|m| m.id).collect();
    touched.extend(had.into_iter().filter(|l| {
        chosen_ids.is_empty() || l.municipality_id.is_some_and(|m| chosen_ids.contains(&m))
    }));

    let now = Utc::now();
    for (i, l) in touched.iter().enumerate() {
        let body = match &s.message {
            Some(m) => Some(m.clone()),
            None => Some(String::new()),
        };
        crate::leads::insert_timeline(
            &txn,
            l.id,
            None,
            "message",
            Some("in"),
            now,
            body.filter(|b| !b.is_empty()),
        )
        .await?;
        // A lead made just now is as new as it gets; one it had is touched.
        if i >= new_leads {
            lead::Entity::update_many()
                .col_expr(
                    lead::Column::UpdatedAt,
                    sea_orm::sea_query::Expr::value(now),
                )
                .filter(lead::Column::Id.eq(l.id))
                .exec(&txn)
                .await?;
        }
    }
    consent::ActiveModel {
        prospect_id: Set(prospect_id),
        purpose: Set(CONSENT_PURPOSE.into()),
        legal_basis: Set(CONSENT_BASIS.into()),
        text_version: Set(s.consent_version.into()),
        language: Set(s.form_lang.code().into()),
        given_at: Set(now),
        withdrawn_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    if let Some(to) = &s.household.email {
        let names: Vec<String> = chosen.iter().map(|m| m.name.clone()).collect();
        let privacy = cfg.link(&format!("/privacy?lang={}", s.form_lang.code()));
        let token =
            crate::privacy::links::issue(&txn, prospect_id, cfg.retention.mover_link_days).await?;
        let own = cfg.link(&format!("/my/{token}?lang={}", s.form_lang.code()));
        let mail = templates::interest_confirmation(
            s.form_lang,
            to,
            &s.household.first_name,
            &names,
            &privacy,
            &own,
        );
        mail::enqueue_about(&txn, mail, prospect_id).await?;
    }
    notify_guides(&txn, cfg, &s.household, &touched, &guides).await?;
    crate::audit::write(
        &txn,
        crate::audit::Entry {
            user_id: None,
            action: "interest_submitted",
            target: None,
            prospect: Some(prospect_id),
            detail: Some(format!("{} leads", touched.len())),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(prospect_id)
}

/// A short mail to each guide concerned (of the active `guides`): the name and a link,
/// nothing more.
async fn notify_guides(
    txn: &impl sea_orm::ConnectionTrait,
    cfg: &Config,
    h: &Household,
    leads: &[lead::Model],
    guides: &[user::Model],
) -> Result<(), DbErr> {
    let name = format!("{} {}", h.first_name, h.last_name);
    for l in leads {
        // A pool lead concerns every guide; a municipality's lead its own guides.
        let concerned = guides
            .iter()
            .filter(|g| l.municipality_id.is_none() || g.municipality_id == l.municipality_id);
        for g in concerned {
            let lang = Lang::parse(&g.locale).unwrap_or(Lang::Sv);
            let link = cfg.link(&format!("/leads/{}", l.id));
            mail::enqueue_about(
                txn,
                templates::new_interest_for_guide(
                    lang,
                    &g.email,
                    &name,
                    &link,
                    l.municipality_id.is_none(),
                ),
                l.prospect_id,
            )
            .await?;
        }
    }
    Ok(())
}
