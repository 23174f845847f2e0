//! Imports of leads from spreadsheets. The uploaded file is kept in the database (not on one
//! instance's disk) until it is imported or discarded, with the guide's column mapping; the
//! rows a check or an import reports on (errors, merged and skipped duplicates) are kept
//! beside it for the downloadable report. Both hold personal data and are deleted after a
//! few days by the housekeeping job.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Imports {
    Table,
    Id,
    MunicipalityId,
    UserId,
    FileName,
    Format,
    Content,
    SizeBytes,
    Mapping,
    Duplicates,
    State,
    Checked,
    TotalRows,
    NewRows,
    MergedRows,
    SkippedRows,
    ErrorRows,
    PastRetention,
    Failure,
    StartedAt,
    FinishedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ImportResults {
    Table,
    Id,
    ImportId,
    RowNo,
    Outcome,
    LeadId,
    ColumnName,
    Value,
    Reason,
}

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn pk(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn count(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .default(0)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Imports::Table)
                .col(pk(Imports::Id))
                .col(
                    ColumnDef::new(Imports::MunicipalityId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(Imports::UserId).big_integer().null())
                .col(ColumnDef::new(Imports::FileName).string_len(255).not_null())
                .col(ColumnDef::new(Imports::Format).string_len(8).not_null())
                .col(ColumnDef::new(Imports::Content).binary().not_null())
                .col(ColumnDef::new(Imports::SizeBytes).big_integer().not_null())
                .col(ColumnDef::new(Imports::Mapping).text().not_null())
                .col(
                    ColumnDef::new(Imports::Duplicates)
                        .string_len(8)
                        .not_null()
                        .default("merge"),
                )
                .col(ColumnDef::new(Imports::State).string_len(16).not_null())
                .col(
                    ColumnDef::new(Imports::Checked)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(count(Imports::TotalRows))
                .col(count(Imports::NewRows))
                .col(count(Imports::MergedRows))
                .col(count(Imports::SkippedRows))
                .col(count(Imports::ErrorRows))
                .col(count(Imports::PastRetention))
                .col(ColumnDef::new(Imports::Failure).string_len(200).null())
                .col(
                    ColumnDef::new(Imports::StartedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(
                    ColumnDef::new(Imports::FinishedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(
                    ColumnDef::new(Imports::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Imports::Table, Imports::MunicipalityId)
                        .to(Municipalities::Table, Municipalities::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Imports::Table, Imports::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_imports_municipality")
                .table(Imports::Table)
                .col(Imports::MunicipalityId)
                .col(Imports::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ImportResults::Table)
                .col(pk(ImportResults::Id))
                .col(
                    ColumnDef::new(ImportResults::ImportId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ImportResults::RowNo)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ImportResults::Outcome)
                        .string_len(16)
                        .not_null(),
                )
                .col(ColumnDef::new(ImportResults::LeadId).big_integer().null())
                .col(
                    ColumnDef::new(ImportResults::ColumnName)
                        .string_len(200)
                        .null(),
                )
                .col(ColumnDef::new(ImportResults::Value).string_len(500).null())
                .col(ColumnDef::new(ImportResults::Reason).string_len(64).null())
                .foreign_key(
                    ForeignKey::create()
                        .from(ImportResults::Table, ImportResults::ImportId)
                        .to(Imports::Table, Imports::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_import_results_import")
                .table(ImportResults::Table)
                .col(ImportResults::ImportId)
                .col(ImportResults::RowNo)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ImportResults::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Imports::Table).to_owned())
            .await
    }
}
