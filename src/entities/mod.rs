//! sea-orm entities, one file per table. Queries on personal data do not use these directly
//! from handlers: they go through each feature's `queries.rs`, which takes a scope.

pub mod accessibility_report;
pub mod activity;
pub mod audit_entry;
pub mod campaign;
pub mod codes;
pub mod consent;
pub mod follow_up;
pub mod import;
pub mod import_result;
pub mod job_lease;
pub mod lead;
pub mod login_failure;
pub mod mover_token;
pub mod municipality;
pub mod outbox_mail;
pub mod prospect;
pub mod referral;
pub mod reminder_log;
pub mod setting;
pub mod spent_form_token;
pub mod user;
pub mod user_token;

/// A lead's id where it crosses modules (the audit trail, the timeline): it cannot be passed
/// where a prospect's is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LeadId(pub i64);

/// A prospect's id where it crosses modules (the audit trail, self-service links, mails
/// about a mover).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProspectId(pub i64);

impl lead::Model {
    pub fn key(&self) -> LeadId {
        LeadId(self.id)
    }
}

impl prospect::Model {
    pub fn key(&self) -> ProspectId {
        ProspectId(self.id)
    }
}
