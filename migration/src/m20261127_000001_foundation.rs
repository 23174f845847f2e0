//! The foundation: municipalities (the tenants, seeded), users and their one-time tokens,
//! sign-in throttling, the mail outbox and the audit log.

use sea_orm_migration::prelude::*;

/// The ten municipalities of Region 10: (slug, display name).
const MUNICIPALITIES: [(&str, &str); 10] = [
    ("arjeplog", "Arjeplog"),
    ("arvidsjaur", "Arvidsjaur"),
    ("dorotea", "Dorotea"),
    ("lycksele", "Lycksele"),
    ("mala", "Malå"),
    ("norsjo", "Norsjö"),
    ("sorsele", "Sorsele"),
    ("storuman", "Storuman"),
    ("vilhelmina", "Vilhelmina"),
    ("asele", "Åsele"),
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    Id,
    Slug,
    Name,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    IsGuide,
    IsCoordinator,
    IsAdmin,
    MunicipalityId,
    Locale,
    Active,
    AuthVersion,
    CreatedAt,
    LastLoginAt,
}

#[derive(DeriveIden)]
enum UserTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    AccountKey,
    ClientKey,
    At,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Recipient,
    Subject,
    BodyText,
    BodyHtml,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LockedBy,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    Action,
    TargetKind,
    TargetId,
    Detail,
}

fn pk(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn ts(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn ts_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Municipalities::Table)
                .col(pk(Municipalities::Id))
                .col(
                    ColumnDef::new(Municipalities::Slug)
                        .string_len(64)
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(Municipalities::Name)
                        .string_len(128)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Municipalities::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(ts(Municipalities::CreatedAt))
                .to_owned(),
        )
        .await?;

        let mut seed = Query::insert()
            .into_table(Municipalities::Table)
            .columns([
                Municipalities::Slug,
                Municipalities::Name,
                Municipalities::CreatedAt,
            ])
            .to_owned();
        for (slug, name) in MUNICIPALITIES {
            seed.values_panic([slug.into(), name.into(), Expr::current_timestamp().into()]);
        }
        m.exec_stmt(seed).await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk(Users::Id))
                .col(
                    ColumnDef::new(Users::Email)
                        .string_len(254)
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Users::Name).string_len(200).not_null())
                .col(ColumnDef::new(Users::PasswordHash).string_len(255).null())
                .col(
                    ColumnDef::new(Users::IsGuide)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(
                    ColumnDef::new(Users::IsCoordinator)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(
                    ColumnDef::new(Users::IsAdmin)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(ColumnDef::new(Users::MunicipalityId).big_integer().null())
                .col(
                    ColumnDef::new(Users::Locale)
                        .string_len(8)
                        .not_null()
                        .default("sv"),
                )
                .col(
                    ColumnDef::new(Users::Active)
                        .boolean()
                        .not_null()
                        .default(true),
                )
                .col(
                    ColumnDef::new(Users::AuthVersion)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(ts(Users::CreatedAt))
                .col(ts_null(Users::LastLoginAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Users::Table, Users::MunicipalityId)
                        .to(Municipalities::Table, Municipalities::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_users_municipality")
                .table(Users::Table)
                .col(Users::MunicipalityId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserTokens::Table)
                .col(pk(UserTokens::Id))
                .col(ColumnDef::new(UserTokens::UserId).big_integer().null())
                .col(
                    ColumnDef::new(UserTokens::Purpose)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(UserTokens::TokenHash)
                        .string_len(64)
                        .not_null()
                        .unique_key(),
                )
                .col(ts(UserTokens::ExpiresAt))
                .col(ts_null(UserTokens::UsedAt))
                .col(ts(UserTokens::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(UserTokens::Table, UserTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_user_tokens_user")
                .table(UserTokens::Table)
                .col(UserTokens::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .col(pk(LoginFailures::Id))
                .col(
                    ColumnDef::new(LoginFailures::AccountKey)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(LoginFailures::ClientKey)
                        .string_len(64)
                        .not_null(),
                )
                .col(ts(LoginFailures::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_login_failures_account", LoginFailures::AccountKey),
            ("ix_login_failures_client", LoginFailures::ClientKey),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(LoginFailures::Table)
                    .col(col)
                    .col(LoginFailures::At)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(pk(Outbox::Id))
                .col(ColumnDef::new(Outbox::Recipient).string_len(254).not_null())
                .col(ColumnDef::new(Outbox::Subject).string_len(500).not_null())
                .col(ColumnDef::new(Outbox::BodyText).text().not_null())
                .col(ColumnDef::new(Outbox::BodyHtml).text().not_null())
                .col(ColumnDef::new(Outbox::Status).string_len(16).not_null())
                .col(
                    ColumnDef::new(Outbox::Attempts)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(ts(Outbox::NextAttemptAt))
                .col(ts_null(Outbox::LockedUntil))
                .col(ColumnDef::new(Outbox::LockedBy).string_len(64).null())
                .col(ColumnDef::new(Outbox::LastError).text().null())
                .col(ts(Outbox::CreatedAt))
                .col(ts_null(Outbox::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_outbox_due")
                .table(Outbox::Table)
                .col(Outbox::Status)
                .col(Outbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk(AuditLog::Id))
                .col(ts(AuditLog::At))
                .col(ColumnDef::new(AuditLog::UserId).big_integer().null())
                .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                .col(ColumnDef::new(AuditLog::TargetKind).string_len(32).null())
                .col(ColumnDef::new(AuditLog::TargetId).big_integer().null())
                .col(ColumnDef::new(AuditLog::Detail).text().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(AuditLog::Table, AuditLog::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_audit_log_at", AuditLog::At),
            ("ix_audit_log_user", AuditLog::UserId),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(AuditLog::Table)
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            Outbox::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            UserTokens::Table.into_iden(),
            Users::Table.into_iden(),
            Municipalities::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
