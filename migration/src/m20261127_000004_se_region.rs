//! Where in Sweden a mover from Sweden lives (the county, län), for the reports' "where
//! movers come from".

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Prospects {
    Table,
    SeRegion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .add_column(ColumnDef::new(Prospects::SeRegion).string_len(4).null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .drop_column(Prospects::SeRegion)
                .to_owned(),
        )
        .await
    }
}
