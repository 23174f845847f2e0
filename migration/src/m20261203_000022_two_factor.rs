//! Second factors (issue 21). An authenticator's secret per user (`totp_secrets`), encrypted
//! with a key from the configuration, stored once a code from it has been entered (until
//! then it stays in the session of the one setting it up), and the time step of the last
//! code accepted, so that a code is refused once used; ten
//! one-time recovery codes per user (`recovery_codes`), kept as digests; passkeys
//! (`passkeys`: WebAuthn credentials, several per user, named, each with the user's random
//! handle that a passkey sign-in names the user by). Both tables are
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
enum Passkeys {
    Table,
    Id,
    UserId,
    UserHandle,
    CredentialId,
    Name,
    Passkey,
    CreatedAt,
    LastUsedAt,
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
                .col(ColumnDef::new(TotpSecrets::Secret).text().not_null())
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
        m.create_table(
            Table::create()
                .table(Passkeys::Table)
                .col(
                    ColumnDef::new(Passkeys::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(Passkeys::UserId).big_integer().not_null())
                .col(
                    ColumnDef::new(Passkeys::UserHandle)
                        .string_len(36)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Passkeys::CredentialId)
                        .string_len(1400)
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Passkeys::Name).string_len(100).not_null())
                .col(ColumnDef::new(Passkeys::Passkey).text().not_null())
                .col(
                    ColumnDef::new(Passkeys::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Passkeys::LastUsedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Passkeys::Table, Passkeys::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("passkeys_user", Passkeys::UserId),
            ("passkeys_handle", Passkeys::UserHandle),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Passkeys::Table)
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
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
        m.drop_table(Table::drop().table(Passkeys::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RecoveryCodes::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(TotpSecrets::Table).to_owned())
            .await
    }
}
