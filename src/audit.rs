//! The audit trail: who did what to which record, when. Written by every feature for sign-ins,
//! user administration and every read and change of a mover's personal data. Details never
//! hold personal data in the clear: they name records by id.

use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::entities::{audit_entry, LeadId, ProspectId, UserId};

/// Every action the trail records. The audit log shows each in the reader's language
/// (`audit-action-<code>` in the locale files); writing one not listed here fails in debug
/// builds, so the tests catch a new action without words.
pub const ACTIONS: &[&str] = &[
    "activity_added",
    "audit_exported",
    "calendar_link_renewed",
    "consent_withdrawn",
    "mailing_created",
    "mailing_queued",
    "mailing_scheduled",
    "mailing_stopped",
    "mailing_test_sent",
    "mailing_updated",
    "news_consent_given",
    "news_consent_withdrawn",
    "news_unsubscribed",
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
    "login_code_failed",
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
    "passkey_added",
    "passkey_removed",
    "recovery_code_used",
    "recovery_codes_renewed",
    "two_factor_enabled",
    "two_factor_removed",
    "two_factor_replaced",
    "two_factor_reset",
    "two_factor_rule",
    "vacancy_submitted",
    "vacancy_added",
    "vacancy_updated",
    "vacancy_published",
    "vacancy_declined",
    "vacancy_withdrawn",
    "home_added",
    "home_updated",
    "home_closed",
    "home_reopened",
    "lead_matches_viewed",
    "selection_sent",
    "offers_imported",
    "listings_changed",
];

/// The kinds of record an entry's target names.
pub const TARGETS: &[&str] = &["import", "lead", "user", "vacancy", "home"];

/// One entry. `prospect` names the mover whose data was read or changed, if any.
pub struct Entry<'a> {
    pub user_id: Option<UserId>,
    pub action: &'a str,
    pub target: Option<(&'a str, i64)>,
    pub prospect: Option<ProspectId>,
    pub detail: Option<String>,
}

/// Writes the entry in the caller's transaction (or as one statement of its own). A page
/// view's entry, written on its own, goes through `Trail` instead.
pub async fn write(db: &impl ConnectionTrait, e: Entry<'_>) -> Result<(), sea_orm::DbErr> {
    // Without reading the row back (on SQLite an insert's model is a second statement).
    audit_entry::Entity::insert(row(e))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn row(e: Entry<'_>) -> audit_entry::ActiveModel {
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
}

/// An entry about staff accounts and sign-ins (no mover involved).
pub async fn record(
    db: &impl ConnectionTrait,
    user_id: Option<UserId>,
    action: &str,
    target: Option<(&str, i64)>,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    write(db, Entry::staff(user_id, action, target, detail)).await
}

/// An entry about a lead and its prospect's personal data.
pub async fn lead(
    db: &impl ConnectionTrait,
    user_id: UserId,
    action: &str,
    lead: LeadId,
    prospect: ProspectId,
) -> Result<(), sea_orm::DbErr> {
    write(db, Entry::lead(user_id, action, lead, prospect)).await
}

impl<'a> Entry<'a> {
    pub fn staff(
        user_id: Option<UserId>,
        action: &'a str,
        target: Option<(&'a str, i64)>,
        detail: Option<String>,
    ) -> Self {
        Entry {
            user_id,
            action,
            target,
            prospect: None,
            detail,
        }
    }

    pub fn lead(user_id: UserId, action: &'a str, lead: LeadId, prospect: ProspectId) -> Self {
        Entry {
            user_id: Some(user_id),
            action,
            target: Some(("lead", lead.0)),
            prospect: Some(prospect),
            detail: None,
        }
    }
}

/// An entry and who waits for it to be stored.
type Waiting = (
    audit_entry::ActiveModel,
    tokio::sync::oneshot::Sender<Result<(), String>>,
);

/// The most entries stored by one statement.
const BATCH: usize = 256;

/// The entries of requests that write nothing else (a page view, a sign-in), stored by one
/// writer a batch at a time: the entries that arrived while the last batch was written go
/// in together, as one statement. Each request still waits until its own entry is
/// committed before it answers, so a page is never shown without its row, whatever
/// happens after (a crash, a stop). One statement for many page views, instead of one
/// each: on SQLite fewer turns to write, and fewer times every other connection finds the
/// database changed and drops its page cache.
pub struct Trail {
    db: crate::db::Db,
    /// To the writer, started with the first entry (on the runtime that sends it), and
    /// again should it have ended.
    send: std::sync::Mutex<Option<tokio::sync::mpsc::UnboundedSender<Waiting>>>,
}

impl Trail {
    pub fn new(db: crate::db::Db) -> Self {
        Trail {
            db,
            send: std::sync::Mutex::new(None),
        }
    }

    /// Stores the entry, committed when this returns.
    pub async fn write(&self, e: Entry<'_>) -> Result<(), sea_orm::DbErr> {
        let send = crate::db::writer(&self.send, |receive| store(self.db.clone(), receive));
        let (done, stored) = tokio::sync::oneshot::channel();
        let gone = || sea_orm::DbErr::Custom("the audit writer has stopped".into());
        send.send((row(e), done)).map_err(|_| gone())?;
        stored
            .await
            .map_err(|_| gone())?
            .map_err(sea_orm::DbErr::Custom)
    }

    /// An entry about staff accounts and sign-ins (no mover involved).
    pub async fn record(
        &self,
        user_id: Option<UserId>,
        action: &str,
        target: Option<(&str, i64)>,
        detail: Option<String>,
    ) -> Result<(), sea_orm::DbErr> {
        self.write(Entry::staff(user_id, action, target, detail))
            .await
    }

    /// An entry about a lead and its prospect's personal data.
    pub async fn lead(
        &self,
        user_id: UserId,
        action: &str,
        lead: LeadId,
        prospect: ProspectId,
    ) -> Result<(), sea_orm::DbErr> {
        self.write(Entry::lead(user_id, action, lead, prospect))
            .await
    }
}

/// The writer: whatever has arrived, up to `BATCH`, in one statement; then tells each.
async fn store(db: crate::db::Db, mut receive: tokio::sync::mpsc::UnboundedReceiver<Waiting>) {
    let mut batch: Vec<Waiting> = Vec::with_capacity(BATCH);
    while receive.recv_many(&mut batch, BATCH).await > 0 {
        let (rows, waiting): (Vec<_>, Vec<_>) = batch.drain(..).unzip();
        let stored = audit_entry::Entity::insert_many(rows.clone())
            .exec_without_returning(&db)
            .await;
        match stored {
            Ok(_) => {
                for w in waiting {
                    // One that stopped waiting (its request was dropped) needs no answer.
                    let _ = w.send(Ok(()));
                }
            }
            // One entry the database refuses costs no other its page: each alone.
            Err(_) => {
                for (row, w) in rows.into_iter().zip(waiting) {
                    let alone = audit_entry::Entity::insert(row)
                        .exec_without_returning(&db)
                        .await;
                    let _ = w.send(alone.map(|_| ()).map_err(|e| e.to_string()));
                }
            }
        }
    }
}
