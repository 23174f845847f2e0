//! Anonymising a mover (erasure, and the retention job, 500 to a transaction) deletes the
//! mails about it still in the outbox, found by prospect or by recipient: without these
//! indexes each anonymisation read every mail ever sent, inside the transaction.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (index, table, columns)
const INDEXES: [(&str, &str, &[&str]); 2] = [
    ("ix_outbox_prospect", "outbox", &["prospect_id"]),
    ("ix_outbox_recipient", "outbox", &["recipient"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, cols) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for c in cols {
                index.col(Alias::new(*c));
            }
            m.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
