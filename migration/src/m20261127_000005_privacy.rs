//! Privacy: when a prospect was anonymised, the movers' self-service links, and leases for
//! background jobs that only one app instance may run at a time (retention).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Prospects {
    Table,
    Id,
    AnonymisedAt,
}

#[derive(DeriveIden)]
enum MoverTokens {
    Table,
    Id,
    ProspectId,
    TokenHash,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ProspectId,
}

#[derive(DeriveIden)]
enum JobLeases {
    Table,
    Name,
    Holder,
    Until,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .add_column(
                    ColumnDef::new(Prospects::AnonymisedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MoverTokens::Table)
                .col(
                    ColumnDef::new(MoverTokens::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(MoverTokens::ProspectId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(MoverTokens::TokenHash)
                        .string_len(64)
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(MoverTokens::ExpiresAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(MoverTokens::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(MoverTokens::Table, MoverTokens::ProspectId)
                        .to(Prospects::Table, Prospects::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_mover_tokens_prospect")
                .table(MoverTokens::Table)
                .col(MoverTokens::ProspectId)
                .to_owned(),
        )
        .await?;
        // Mail to a mover names its prospect, so an erasure can remove it whatever address
        // it was sent to.
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .add_column(ColumnDef::new(Outbox::ProspectId).big_integer().null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(JobLeases::Table)
                .col(
                    ColumnDef::new(JobLeases::Name)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(JobLeases::Holder).string_len(64).not_null())
                .col(
                    ColumnDef::new(JobLeases::Until)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(JobLeases::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(MoverTokens::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .drop_column(Prospects::AnonymisedAt)
                .to_owned(),
        )
        .await
    }
}
