//! sea-orm entities, one file per table. Queries on personal data do not use these directly
//! from handlers: they go through each feature's `queries.rs`, which takes a scope.

pub mod accessibility_report;
pub mod activity;
pub mod audit_entry;
pub mod campaign;
pub mod codes;
pub mod consent;
pub mod follow_up;
pub mod home;
pub mod import;
pub mod import_result;
pub mod job_lease;
pub mod lead;
pub mod login_failure;
pub mod mailing;
pub mod mailing_recipient;
pub mod mailing_text;
pub mod mover_token;
pub mod municipality;
pub mod offer_upload;
pub mod outbox_mail;
pub mod passkey;
pub mod prospect;
pub mod recovery_code;
pub mod referral;
pub mod reminder_log;
pub mod report_target;
pub mod selection;
pub mod selection_item;
pub mod setting;
pub mod spent_form_token;
pub mod totp_secret;
pub mod user;
pub mod user_token;
pub mod vacancy;

/// Typed ids for where ids cross modules (the audit trail, the timeline, jobs, mails about a
/// mover): a lead's id cannot be passed where a prospect's is meant, nor a campaign's where an
/// account's is. Inside the module that owns a table, the entity's plain `i64` is fine.
///
/// ```
/// use lotsbok::entities::{LeadId, ProspectId};
/// fn about_a_lead(_: LeadId, _: ProspectId) {}
/// about_a_lead(LeadId(1), ProspectId(2));
/// ```
/// ```compile_fail
/// use lotsbok::entities::{LeadId, ProspectId};
/// fn about_a_lead(_: LeadId, _: ProspectId) {}
/// about_a_lead(ProspectId(2), LeadId(1));
/// ```
/// ```compile_fail
/// use lotsbok::entities::{CampaignId, UserId};
/// fn owned_by(_: UserId) {}
/// owned_by(CampaignId(3));
/// ```
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident for $entity:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $entity::Model {
            pub fn key(&self) -> $name {
                $name(self.id)
            }
        }

        /// So a typed id binds in a query (`col.eq(id)`) like the plain one it wraps.
        impl From<$name> for sea_orm::Value {
            fn from(id: $name) -> Self {
                id.0.into()
            }
        }

        impl sea_orm::sea_query::Nullable for $name {
            fn null() -> sea_orm::Value {
                sea_orm::Value::BigInt(None)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

ids! {
    /// A lead: one prospect in one municipality (or the pool).
    LeadId for lead;
    /// A prospect: the person and household, shared by their leads.
    ProspectId for prospect;
    /// A staff account (guide, coordinator, admin).
    UserId for user;
    /// A campaign or event.
    CampaignId for campaign;
    /// One run of the importer.
    ImportId for import;
}
