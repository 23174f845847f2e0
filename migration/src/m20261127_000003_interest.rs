//! The public interest form: consents with their text version and language, the preferred
//! way of contact and "other" help, a settings table for the app's signing secret, and
//! problem reports from the accessibility statement.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    ProspectId,
    Purpose,
    LegalBasis,
    TextVersion,
    Language,
    GivenAt,
    WithdrawnAt,
}

#[derive(DeriveIden)]
enum Prospects {
    Table,
    Id,
    ContactVia,
    HelpOther,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum AccessibilityReports {
    Table,
    Id,
    PageUrl,
    Description,
    Name,
    Email,
    Language,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Consents::Table)
                .col(
                    ColumnDef::new(Consents::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(Consents::ProspectId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(Consents::Purpose).string_len(64).not_null())
                .col(
                    ColumnDef::new(Consents::LegalBasis)
                        .string_len(64)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Consents::TextVersion)
                        .string_len(32)
                        .not_null(),
                )
                .col(ColumnDef::new(Consents::Language).string_len(8).not_null())
                .col(
                    ColumnDef::new(Consents::GivenAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Consents::WithdrawnAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Consents::Table, Consents::ProspectId)
                        .to(Prospects::Table, Prospects::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_consents_prospect")
                .table(Consents::Table)
                .col(Consents::ProspectId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .add_column(
                    ColumnDef::new(Prospects::ContactVia)
                        .string_len(16)
                        .not_null()
                        .default("email"),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .add_column(
                    ColumnDef::new(Prospects::HelpOther)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Settings::Table)
                .col(
                    ColumnDef::new(Settings::Key)
                        .string_len(64)
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(Settings::Value).text().not_null())
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AccessibilityReports::Table)
                .col(
                    ColumnDef::new(AccessibilityReports::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(AccessibilityReports::PageUrl)
                        .string_len(500)
                        .null(),
                )
                .col(
                    ColumnDef::new(AccessibilityReports::Description)
                        .text()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AccessibilityReports::Name)
                        .string_len(200)
                        .null(),
                )
                .col(
                    ColumnDef::new(AccessibilityReports::Email)
                        .string_len(254)
                        .null(),
                )
                .col(
                    ColumnDef::new(AccessibilityReports::Language)
                        .string_len(8)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(AccessibilityReports::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AccessibilityReports::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Settings::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .drop_column(Prospects::HelpOther)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .drop_column(Prospects::ContactVia)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Consents::Table).to_owned())
            .await
    }
}
