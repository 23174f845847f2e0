//! A version of the reference data the app holds in memory (issue 20): staff accounts,
//! municipalities and campaigns. Every insert, update or delete of those tables raises the
//! setting `reference_version`, by a trigger, so no path that writes them (a page, the
//! command line, another instance, a hand-written statement) can leave an instance's copy
//! stale beyond the time it trusts it without asking (`session.recheck_seconds`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose rows the app holds in memory.
pub const TABLES: &[&str] = &["users", "municipalities", "campaigns"];

/// The setting the triggers raise.
pub const KEY: &str = "reference_version";

const BUMP: &str = "UPDATE settings SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) \
                    WHERE key = 'reference_version'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO settings (key, value) VALUES ('{KEY}', '0') ON CONFLICT (key) DO NOTHING"
        ))
        .await?;
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION reference_bump() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN {BUMP}; RETURN NULL; END $$"
                ))
                .await?;
                for t in TABLES {
                    // Once per statement, whatever rows it touched.
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {t}_reference AFTER INSERT OR UPDATE OR DELETE ON {t} \
                         FOR EACH STATEMENT EXECUTE FUNCTION reference_bump()"
                    ))
                    .await?;
                }
            }
            _ => {
                for t in TABLES {
                    for op in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {t}_reference_{op} AFTER {op} ON {t} \
                             BEGIN {BUMP}; END"
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                for t in TABLES {
                    db.execute_unprepared(&format!("DROP TRIGGER {t}_reference ON {t}"))
                        .await?;
                }
                db.execute_unprepared("DROP FUNCTION reference_bump()")
                    .await?;
            }
            _ => {
                for t in TABLES {
                    for op in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!("DROP TRIGGER {t}_reference_{op}"))
                            .await?;
                    }
                }
            }
        }
        db.execute_unprepared(&format!("DELETE FROM settings WHERE key = '{KEY}'"))
            .await?;
        Ok(())
    }
}
