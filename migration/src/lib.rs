//! Schema migrations for Lotsbok, applied in order by `lotsbok migrate` and at `serve`.
//! A migration that has landed is never edited: a change is a new file here.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_foundation;
mod m20261127_000002_leads;
mod m20261127_000003_interest;
mod m20261127_000004_se_region;
mod m20261127_000005_privacy;
mod m20261127_000006_follow_through;
mod m20261127_000007_perf;
mod m20261127_000008_imports;
mod m20261127_000009_status_counts;
mod m20261127_000010_lead_counts;
mod m20261127_000011_search_index;
mod m20261127_000012_outbox_indexes;
mod m20261201_000013_trust;
mod m20261201_000014_search_fold;
mod m20261201_000015_match_keys;
mod m20261202_000016_report_targets;
mod m20261202_000017_rate_hits;
mod m20261202_000018_lead_search;
mod m20261202_000019_report_figures;
mod m20261202_000020_family_key;
mod m20261202_000021_reference_version;
mod m20261203_000022_two_factor;
mod m20261204_000023_mailings;
mod m20261205_000024_offers;

/// How search text and search words are folded now (see migration 14).
pub use m20261201_000014_search_fold::{fold, fold_sql, FOLD, SEARCH_TEXT_CHARS};

/// The keys that find duplicates (see migration 15).
pub use m20261201_000015_match_keys::{email_key, name_key, phone_key};
pub use m20261202_000018_lead_search::LEAD_BITS;
/// The report's kept figures (see migration 19).
pub use m20261202_000019_report_figures::{
    report_fill, REPORT_CONTACT_KINDS, REPORT_GENERATION, REPORT_PIPELINE,
};
/// A household's key for the duplicate check by name (see migration 20).
pub use m20261202_000020_family_key::{birth_years, family_key};
/// The version of the reference data held in memory (see migration 21).
pub use m20261202_000021_reference_version::{
    KEY as REFERENCE_VERSION, TABLES as REFERENCE_TABLES,
};

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_foundation::Migration),
            Box::new(m20261127_000002_leads::Migration),
            Box::new(m20261127_000003_interest::Migration),
            Box::new(m20261127_000004_se_region::Migration),
            Box::new(m20261127_000005_privacy::Migration),
            Box::new(m20261127_000006_follow_through::Migration),
            Box::new(m20261127_000007_perf::Migration),
            Box::new(m20261127_000008_imports::Migration),
            Box::new(m20261127_000009_status_counts::Migration),
            Box::new(m20261127_000010_lead_counts::Migration),
            Box::new(m20261127_000011_search_index::Migration),
            Box::new(m20261127_000012_outbox_indexes::Migration),
            Box::new(m20261201_000013_trust::Migration),
            Box::new(m20261201_000014_search_fold::Migration),
            Box::new(m20261201_000015_match_keys::Migration),
            Box::new(m20261202_000016_report_targets::Migration),
            Box::new(m20261202_000017_rate_hits::Migration),
            Box::new(m20261202_000018_lead_search::Migration),
            Box::new(m20261202_000019_report_figures::Migration),
            Box::new(m20261202_000020_family_key::Migration),
            Box::new(m20261202_000021_reference_version::Migration),
            Box::new(m20261203_000022_two_factor::Migration),
            Box::new(m20261204_000023_mailings::Migration),
            Box::new(m20261205_000024_offers::Migration),
        ]
    }
}
