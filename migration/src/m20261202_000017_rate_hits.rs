//! The public forms' rate limit, kept in the database so that every instance on it enforces
//! one limit: submissions per client (a hash of its address, never the address) and minute.
//! Rows older than two minutes are deleted by housekeeping.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateHits {
    Table,
    ClientKey,
    Minute,
    Hits,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RateHits::Table)
                .col(
                    ColumnDef::new(RateHits::ClientKey)
                        .string_len(64)
                        .not_null(),
                )
                .col(ColumnDef::new(RateHits::Minute).big_integer().not_null())
                .col(ColumnDef::new(RateHits::Hits).integer().not_null())
                .primary_key(
                    Index::create()
                        .col(RateHits::ClientKey)
                        .col(RateHits::Minute),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RateHits::Table).to_owned())
            .await
    }
}
