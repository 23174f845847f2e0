//! Leads per municipality and status, kept by the database itself, so that the lead list's
//! counts per status (and the regional pool's size) read a few rows instead of counting up
//! to a hundred thousand leads on every page view.
//!
//! Triggers on `leads` (insert, delete, a change of municipality, status or prospect) and on
//! `prospects` (anonymisation: an anonymised mover leaves the list, so it leaves the counts)
//! append signed changes to `lead_count_changes`; they never update a shared row, so two
//! transactions adding leads to one municipality never wait for each other (a long import
//! would otherwise hold that municipality's counter until it commits). The app folds the
//! changes into `lead_counts` now and then (`leads::derived::fold`); a count is the sum of
//! both. The regional pool (no municipality) is `municipality_key` 0.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COMMON: [&str; 3] = [
    "CREATE TABLE lead_counts (
        municipality_key BIGINT NOT NULL,
        status VARCHAR(32) NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (municipality_key, status)
    )",
    "INSERT INTO lead_counts (municipality_key, status, n)
        SELECT COALESCE(l.municipality_id, 0), l.status, COUNT(*)
        FROM leads l JOIN prospects p ON p.id = l.prospect_id
        WHERE p.anonymised_at IS NULL
        GROUP BY COALESCE(l.municipality_id, 0), l.status",
    "CREATE INDEX ix_lead_count_changes_key ON lead_count_changes (municipality_key, status)",
];

const SQLITE: [&str; 5] = [
    "CREATE TABLE lead_count_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        municipality_key BIGINT NOT NULL,
        status VARCHAR(32) NOT NULL,
        n BIGINT NOT NULL
    )",
    "CREATE TRIGGER lead_counts_insert AFTER INSERT ON leads
     WHEN (SELECT anonymised_at FROM prospects WHERE id = NEW.prospect_id) IS NULL
     BEGIN
        INSERT INTO lead_count_changes (municipality_key, status, n)
        VALUES (COALESCE(NEW.municipality_id, 0), NEW.status, 1);
     END",
    "CREATE TRIGGER lead_counts_delete AFTER DELETE ON leads
     WHEN (SELECT anonymised_at FROM prospects WHERE id = OLD.prospect_id) IS NULL
     BEGIN
        INSERT INTO lead_count_changes (municipality_key, status, n)
        VALUES (COALESCE(OLD.municipality_id, 0), OLD.status, -1);
     END",
    "CREATE TRIGGER lead_counts_update AFTER UPDATE OF municipality_id, status, prospect_id ON leads
     WHEN COALESCE(OLD.municipality_id, 0) <> COALESCE(NEW.municipality_id, 0)
       OR OLD.status <> NEW.status OR OLD.prospect_id <> NEW.prospect_id
     BEGIN
        INSERT INTO lead_count_changes (municipality_key, status, n)
        SELECT COALESCE(OLD.municipality_id, 0), OLD.status, -1
        WHERE (SELECT anonymised_at FROM prospects WHERE id = OLD.prospect_id) IS NULL;
        INSERT INTO lead_count_changes (municipality_key, status, n)
        SELECT COALESCE(NEW.municipality_id, 0), NEW.status, 1
        WHERE (SELECT anonymised_at FROM prospects WHERE id = NEW.prospect_id) IS NULL;
     END",
    "CREATE TRIGGER lead_counts_anonymise AFTER UPDATE OF anonymised_at ON prospects
     WHEN (OLD.anonymised_at IS NULL) <> (NEW.anonymised_at IS NULL)
     BEGIN
        INSERT INTO lead_count_changes (municipality_key, status, n)
        SELECT COALESCE(municipality_id, 0), status,
               CASE WHEN NEW.anonymised_at IS NULL THEN COUNT(*) ELSE -COUNT(*) END
        FROM leads WHERE prospect_id = NEW.id
        GROUP BY COALESCE(municipality_id, 0), status;
     END",
];

const POSTGRES: [&str; 6] = [
    "CREATE TABLE lead_count_changes (
        id BIGSERIAL PRIMARY KEY,
        municipality_key BIGINT NOT NULL,
        status VARCHAR(32) NOT NULL,
        n BIGINT NOT NULL
    )",
    "CREATE FUNCTION lead_counts_on_lead() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') AND NOT EXISTS
            (SELECT 1 FROM prospects WHERE id = OLD.prospect_id AND anonymised_at IS NOT NULL) THEN
            INSERT INTO lead_count_changes (municipality_key, status, n)
            VALUES (COALESCE(OLD.municipality_id, 0), OLD.status, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NOT EXISTS
            (SELECT 1 FROM prospects WHERE id = NEW.prospect_id AND anonymised_at IS NOT NULL) THEN
            INSERT INTO lead_count_changes (municipality_key, status, n)
            VALUES (COALESCE(NEW.municipality_id, 0), NEW.status, 1);
        END IF;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER lead_counts AFTER INSERT OR DELETE ON leads
     FOR EACH ROW EXECUTE FUNCTION lead_counts_on_lead()",
    "CREATE TRIGGER lead_counts_update AFTER UPDATE OF municipality_id, status, prospect_id ON leads
     FOR EACH ROW
     WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id
        OR OLD.status <> NEW.status OR OLD.prospect_id <> NEW.prospect_id)
     EXECUTE FUNCTION lead_counts_on_lead()",
    "CREATE FUNCTION lead_counts_on_prospect() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
        INSERT INTO lead_count_changes (municipality_key, status, n)
        SELECT COALESCE(municipality_id, 0), status,
               CASE WHEN NEW.anonymised_at IS NULL THEN COUNT(*) ELSE -COUNT(*) END
        FROM leads WHERE prospect_id = NEW.id
        GROUP BY COALESCE(municipality_id, 0), status;
        RETURN NULL;
     END $$",
    "CREATE TRIGGER lead_counts_anonymise
     AFTER UPDATE OF anonymised_at ON prospects FOR EACH ROW
     WHEN ((OLD.anonymised_at IS NULL) <> (NEW.anonymised_at IS NULL))
     EXECUTE FUNCTION lead_counts_on_prospect()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        // The changes table first (its shape differs), then what both share, then triggers.
        let own: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &POSTGRES,
            _ => &SQLITE,
        };
        for sql in own[..1].iter().chain(&COMMON).chain(&own[1..]) {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let drops: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &[
                "DROP TRIGGER lead_counts_anonymise ON prospects",
                "DROP TRIGGER lead_counts_update ON leads",
                "DROP TRIGGER lead_counts ON leads",
                "DROP FUNCTION lead_counts_on_prospect()",
                "DROP FUNCTION lead_counts_on_lead()",
            ],
            _ => &[
                "DROP TRIGGER lead_counts_anonymise",
                "DROP TRIGGER lead_counts_update",
                "DROP TRIGGER lead_counts_delete",
                "DROP TRIGGER lead_counts_insert",
            ],
        };
        for sql in drops
            .iter()
            .chain(&["DROP TABLE lead_count_changes", "DROP TABLE lead_counts"])
        {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
