//! Second factors (issue 21). An authenticator's secret per user (`totp_secrets`), encrypted
//! with a key from the configuration: the one in force (`secret`), one being set up until a
//! code from it has been entered (`pending_secret`), and the time step of the last code
//! accepted, so that a code is refused once used; ten
//! one-time recovery codes per user (`recovery_codes`), kept as digests. Both tables are
//! apart from `users`, whose every change the app's held copy of the accounts follows
//! (migration 21): a code used is not a change of the account.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TotpSecrets {
    Table,
    UserId,
    Secret,
    PendingSecret,
    ConfirmedAt,
    LastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(TotpSecrets::Table)
                .col(
                    ColumnDef::new(TotpSecrets::UserId)
                        .big_integer()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(TotpSecrets::Secret).text().null())
                .col(ColumnDef::new(TotpSecrets::PendingSecret).text().null())
                .col(
                    ColumnDef::new(TotpSecrets::ConfirmedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ColumnDef::new(TotpSecrets::LastStep).big_integer().null())
                .col(
                    ColumnDef::new(TotpSecrets::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(TotpSecrets::Table, TotpSecrets::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RecoveryCodes::Table)
                .col(
                    ColumnDef::new(RecoveryCodes::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(RecoveryCodes::UserId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(RecoveryCodes::CodeHash)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(RecoveryCodes::UsedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(
                    ColumnDef::new(RecoveryCodes::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("recovery_codes_user")
                .table(RecoveryCodes::Table)
                .col(RecoveryCodes::UserId)
                .col(RecoveryCodes::CodeHash)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RecoveryCodes::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(TotpSecrets::Table).to_owned())
            .await
    }
}
