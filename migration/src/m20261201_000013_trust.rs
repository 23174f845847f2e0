//! What the first week of daily use asked for: a municipality's own copy of a record that
//! another municipality holds too, linked to its origin for the mover's link; sign-in attempts that tell failures from
//! successes (a client over its limit still reaches accounts it has signed in to before) and
//! count password-reset requests; public-form tokens spent by their submission.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Kind,
    AccountKey,
    ClientKey,
    At,
}

#[derive(DeriveIden)]
enum Prospects {
    Table,
    OriginId,
}

#[derive(DeriveIden)]
enum SpentFormTokens {
    Table,
    TokenHash,
    FieldsHash,
    SpentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A municipality's own copy of a record another municipality holds too.
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .add_column(ColumnDef::new(Prospects::OriginId).big_integer().null())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_prospects_origin")
                .table(Prospects::Table)
                .col(Prospects::OriginId)
                .to_owned(),
        )
        .await?;
        // `failure` (as every row so far), `success`, `reset`.
        m.alter_table(
            Table::alter()
                .table(LoginFailures::Table)
                .add_column(
                    ColumnDef::new(LoginFailures::Kind)
                        .string_len(16)
                        .not_null()
                        .default("failure"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_login_failures_kind_account")
                .table(LoginFailures::Table)
                .col(LoginFailures::Kind)
                .col(LoginFailures::AccountKey)
                .col(LoginFailures::At)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_login_failures_kind_client")
                .table(LoginFailures::Table)
                .col(LoginFailures::Kind)
                .col(LoginFailures::ClientKey)
                .col(LoginFailures::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SpentFormTokens::Table)
                .col(
                    ColumnDef::new(SpentFormTokens::TokenHash)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(SpentFormTokens::FieldsHash)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SpentFormTokens::SpentAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_spent_form_tokens_fields")
                .table(SpentFormTokens::Table)
                .col(SpentFormTokens::FieldsHash)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SpentFormTokens::Table).to_owned())
            .await?;
        for name in [
            "ix_login_failures_kind_account",
            "ix_login_failures_kind_client",
        ] {
            m.drop_index(
                Index::drop()
                    .name(name)
                    .table(LoginFailures::Table)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(LoginFailures::Table)
                .drop_column(LoginFailures::Kind)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_prospects_origin")
                .table(Prospects::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .drop_column(Prospects::OriginId)
                .to_owned(),
        )
        .await
    }
}
