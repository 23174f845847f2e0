//! An index for the lead list's search, which finds a word anywhere in a mover's name,
//! e-mail, place or phone number (`LIKE '%word%'`, which no b-tree index can serve).
//!
//! SQLite: an FTS5 table with the trigram tokenizer (`prospect_search`, one row per
//! prospect, rowid = prospect id, the search text and the phone number), kept by triggers;
//! it answers substrings of three characters or more. PostgreSQL: `pg_trgm` GIN indexes on
//! the same two columns, which serve the `LIKE` itself. `pg_trgm` ships with PostgreSQL but
//! is an extension: where it cannot be created, the indexes are left out and search still
//! works, by a scan, as before.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) const SQLITE: [&str; 5] = [
    "CREATE VIRTUAL TABLE prospect_search USING fts5(
        doc, content = '', contentless_delete = 1, tokenize = 'trigram'
    )",
    "INSERT INTO prospect_search (rowid, doc)
        SELECT id, search_text || ' ' || COALESCE(phone, '') FROM prospects",
    "CREATE TRIGGER prospect_search_insert AFTER INSERT ON prospects BEGIN
        INSERT INTO prospect_search (rowid, doc)
        VALUES (NEW.id, NEW.search_text || ' ' || COALESCE(NEW.phone, ''));
     END",
    "CREATE TRIGGER prospect_search_update AFTER UPDATE OF search_text, phone ON prospects BEGIN
        DELETE FROM prospect_search WHERE rowid = OLD.id;
        INSERT INTO prospect_search (rowid, doc)
        VALUES (NEW.id, NEW.search_text || ' ' || COALESCE(NEW.phone, ''));
     END",
    "CREATE TRIGGER prospect_search_delete AFTER DELETE ON prospects BEGIN
        DELETE FROM prospect_search WHERE rowid = OLD.id;
     END",
];

const POSTGRES: &str = "DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available: search runs without an index';
        RETURN;
    END;
    CREATE INDEX ix_prospects_search_trgm ON prospects USING gin (search_text gin_trgm_ops);
    CREATE INDEX ix_prospects_phone_trgm ON prospects USING gin (phone gin_trgm_ops);
END $$";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(POSTGRES).await?;
            }
            _ => {
                for sql in SQLITE {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let drops: &[&str] = match m.get_database_backend() {
            DatabaseBackend::Postgres => &[
                "DROP INDEX IF EXISTS ix_prospects_phone_trgm",
                "DROP INDEX IF EXISTS ix_prospects_search_trgm",
            ],
            _ => &[
                "DROP TRIGGER prospect_search_delete",
                "DROP TRIGGER prospect_search_update",
                "DROP TRIGGER prospect_search_insert",
                "DROP TABLE prospect_search",
            ],
        };
        for sql in drops {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
