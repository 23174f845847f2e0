//! Yearly targets a coordinator sets for the report: per municipality and for the whole
//! region (`municipality_id` 0, as no municipality has that id), per measure (`persons`
//! and `households` moved in, new `leads`). One row per year, area and measure; a target
//! cleared is a row deleted.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReportTargets {
    Table,
    Year,
    MunicipalityId,
    Measure,
    Value,
    SetBy,
    SetAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ReportTargets::Table)
                .col(ColumnDef::new(ReportTargets::Year).integer().not_null())
                .col(
                    ColumnDef::new(ReportTargets::MunicipalityId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ReportTargets::Measure)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ReportTargets::Value)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(ReportTargets::SetBy).big_integer().null())
                .col(
                    ColumnDef::new(ReportTargets::SetAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(ReportTargets::Year)
                        .col(ReportTargets::MunicipalityId)
                        .col(ReportTargets::Measure),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ReportTargets::Table).to_owned())
            .await
    }
}
