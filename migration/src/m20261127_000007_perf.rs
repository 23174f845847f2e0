//! Indexes found by the benchmark: anonymised prospects (few) are excluded from counts by
//! their ids instead of a join over every lead; prospects by last change for retention.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Prospects {
    Table,
    AnonymisedAt,
}

#[derive(DeriveIden)]
enum Leads {
    Table,
    MunicipalityId,
    ProspectId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("ix_prospects_anonymised")
                .table(Prospects::Table)
                .col(Prospects::AnonymisedAt)
                .to_owned(),
        )
        .await?;
        // Counting a municipality's leads (less the anonymised) from the index alone.
        m.create_index(
            Index::create()
                .name("ix_leads_muni_prospect")
                .table(Leads::Table)
                .col(Leads::MunicipalityId)
                .col(Leads::ProspectId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_leads_muni_prospect")
                .table(Leads::Table)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_prospects_anonymised")
                .table(Prospects::Table)
                .to_owned(),
        )
        .await
    }
}
