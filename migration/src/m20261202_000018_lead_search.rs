//! Search within one municipality (SQLite). Migration 11 indexed each prospect's search text
//! once; a guide's search then had to find which of the matching prospects had a lead in its
//! municipality, and SQLite chose to walk the municipality's leads in date order, probing
//! the match set: fine for a common word, seconds at a million leads for a rare one (the
//! one person on the phone), and worse for a word common elsewhere but rare here.
//!
//! `lead_search` is the same trigram index with one row per lead, whose rowid carries the
//! lead's municipality in its high bits: `municipality << 40 | lead id` (0 for the regional
//! pool). A municipality's leads are then one range of rowids, and FTS5 answers a match
//! within a rowid range by seeking in its lists, so a search reads only the municipality's
//! hits, and can stop after the first few thousand (see `leads::search`). Triggers keep it:
//! on a lead's insert, move (municipality), merge (prospect) and delete, and on a change of
//! the prospect's search text or phone, for each of its leads. The per-prospect index of
//! migration 11 is dropped. PostgreSQL keeps its `pg_trgm` indexes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DatabaseBackend, TransactionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// How many low bits of a `lead_search` rowid hold the lead id.
pub const LEAD_BITS: u32 = 40;

const SQLITE: [&str; 10] = [
    "DROP TRIGGER prospect_search_delete",
    "DROP TRIGGER prospect_search_update",
    "DROP TRIGGER prospect_search_insert",
    "DROP TABLE prospect_search",
    "CREATE VIRTUAL TABLE lead_search USING fts5(
        doc, content = '', contentless_delete = 1, tokenize = 'trigram'
    )",
    "INSERT INTO lead_search (rowid, doc)
        SELECT (COALESCE(l.municipality_id, 0) << 40) | l.id,
               p.search_text || ' ' || COALESCE(p.phone, '')
        FROM leads l JOIN prospects p ON p.id = l.prospect_id",
    // The mover's text as a value (one scalar subquery), so that a lead always gets its
    // row, and the text is read in one place.
    "CREATE TRIGGER lead_search_insert AFTER INSERT ON leads BEGIN
        INSERT INTO lead_search (rowid, doc) VALUES (
            (COALESCE(NEW.municipality_id, 0) << 40) | NEW.id,
            (SELECT p.search_text || ' ' || COALESCE(p.phone, '')
             FROM prospects p WHERE p.id = NEW.prospect_id));
     END",
    "CREATE TRIGGER lead_search_update AFTER UPDATE OF municipality_id, prospect_id ON leads BEGIN
        DELETE FROM lead_search WHERE rowid = (COALESCE(OLD.municipality_id, 0) << 40) | OLD.id;
        INSERT INTO lead_search (rowid, doc) VALUES (
            (COALESCE(NEW.municipality_id, 0) << 40) | NEW.id,
            (SELECT p.search_text || ' ' || COALESCE(p.phone, '')
             FROM prospects p WHERE p.id = NEW.prospect_id));
     END",
    "CREATE TRIGGER lead_search_delete AFTER DELETE ON leads BEGIN
        DELETE FROM lead_search WHERE rowid = (COALESCE(OLD.municipality_id, 0) << 40) | OLD.id;
     END",
    "CREATE TRIGGER lead_search_prospect AFTER UPDATE OF search_text, phone ON prospects BEGIN
        DELETE FROM lead_search WHERE rowid IN
            (SELECT (COALESCE(municipality_id, 0) << 40) | id FROM leads WHERE prospect_id = NEW.id);
        INSERT INTO lead_search (rowid, doc)
        SELECT (COALESCE(l.municipality_id, 0) << 40) | l.id,
               NEW.search_text || ' ' || COALESCE(NEW.phone, '')
        FROM leads l WHERE l.prospect_id = NEW.id;
     END",
];

/// What `down` drops before migration 11's index is made again (its own statements).
const SQLITE_DOWN: [&str; 5] = [
    "DROP TRIGGER lead_search_prospect",
    "DROP TRIGGER lead_search_delete",
    "DROP TRIGGER lead_search_update",
    "DROP TRIGGER lead_search_insert",
    "DROP TABLE lead_search",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Sqlite {
            // One transaction on one connection: the pool's other connections see the
            // whole change at once.
            let txn = m.get_connection().begin().await?;
            for sql in SQLITE {
                txn.execute_unprepared(sql).await?;
            }
            txn.commit().await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Sqlite {
            let db = m.get_connection();
            let again = super::m20261127_000011_search_index::SQLITE;
            for sql in SQLITE_DOWN.into_iter().chain(again) {
                db.execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }
}
