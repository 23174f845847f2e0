//! The audit trail: who did what to which record, when. Written by every feature for sign-ins,
//! user administration and every read and change of a mover's personal data. Details never
//! hold personal data in the clear: they name records by id.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::{audit_entry, LeadId, ProspectId, UserId};

/// Every action the trail records. The audit log shows each in the reader's language
/// (`audit-action-<code>` in the locale files); writing one not listed here fails in debug
/// builds, so the tests catch a new action without words.
pub const ACTIONS: &[&str] = &[
    "activity_added",
    "audit_exported",
    "calendar_link_renewed",
    "consent_withdrawn",
    "follow_up_added",
    "follow_up_done",
    "import_discarded",
    "import_report_downloaded",
    "import_uploaded",
    "import_viewed",
    "interest_submitted",
    "invite_accepted",
    "lead_created",
    "lead_handed_over",
    "lead_merged_by_import",
    "lead_shared",
    "lead_taken_from_pool",
    "lead_viewed",
    "leads_exported",
    "leads_imported",
    "leads_listed",
    "leads_merged",
    "login",
    "login_failed",
    "logout",
    "mover_corrected_data",
    "mover_exported_own_data",
    "mover_viewed_own_data",
    "password_reset",
    "password_reset_requested",
    "pool_listed",
    "prospect_anonymised",
    "prospect_dossier_viewed",
    "prospect_exported",
    "prospect_merged_away",
    "prospect_updated",
    "report_exported",
    "report_targets_set",
    "report_viewed",
    "setup_admin",
    "start_page_viewed",
    "follow_ups_viewed",
    "status_changed",
    "stay_check_answered",
    "user_created_cli",
    "user_invited",
    "user_updated",
];

/// The kinds of record an entry's target names.
pub const TARGETS: &[&str] = &["import", "lead", "user"];

/// One entry. `prospect` names the mover whose data was read or changed, if any.
pub struct Entry<'a> {
    pub user_id: Option<UserId>,
    pub action: &'a str,
    pub target: Option<(&'a str, i64)>,
    pub prospect: Option<ProspectId>,
    pub detail: Option<String>,
}

/// Writes the entry: in the caller's transaction, or, given `Db` itself (a page view's
/// entry, written on its own), as one statement in its write turn.
pub async fn write(db: &impl ConnectionTrait, e: Entry<'_>) -> Result<(), sea_orm::DbErr> {
    debug_assert!(
        ACTIONS.contains(&e.action),
        "audit action {} is not in audit::ACTIONS",
        e.action
    );
    debug_assert!(e.target.is_none_or(|t| TARGETS.contains(&t.0)));
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        user_id: Set(e.user_id.map(|u| u.0)),
        action: Set(e.action.to_string()),
        target_kind: Set(e.target.map(|t| t.0.to_string())),
        target_id: Set(e.target.map(|t| t.1)),
        detail: Set(e.detail),
        prospect_id: Set(e.prospect.map(|p| p.0)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An entry about staff accounts and sign-ins (no mover involved).
pub async fn record(
    db: &impl ConnectionTrait,
    user_id: Option<UserId>,
    action: &str,
    target: Option<(&str, i64)>,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    write(
        db,
        Entry {
            user_id,
            action,
            target,
            prospect: None,
            detail,
        },
    )
    .await
}

/// An entry about a lead and its prospect's personal data.
pub async fn lead(
    db: &impl ConnectionTrait,
    user_id: UserId,
    action: &str,
    lead: LeadId,
    prospect: ProspectId,
) -> Result<(), sea_orm::DbErr> {
    write(
        db,
        Entry {
            user_id: Some(user_id),
            action,
            target: Some(("lead", lead.0)),
            prospect: Some(prospect),
            detail: None,
        },
    )
    .await
}
