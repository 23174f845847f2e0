//! Jobs and homes (issue 23). A vacancy (`vacancies`) belongs to one municipality: sent in
//! by an employer through the public form (waiting for the guide's approval), or added or
//! imported by the guide (published at once); it is open from its publication to its last
//! day. A home (`homes`) is a housing offer a guide registered. A selection (`selections`)
//! is what a guide mailed one lead's mover, with its items (`selection_items`) kept as they
//! were sent: what the mover sees again on its self-service page. A spreadsheet of
//! vacancies or homes a guide uploads waits in `offer_uploads` between its mapping, its
//! check and its import (removed then, or after a day). A municipality's `listings` says
//! whether its published vacancies and homes are shown on the public pages.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Vacancies {
    Table,
    Id,
    MunicipalityId,
    Status,
    Origin,
    Employer,
    ContactName,
    ContactEmail,
    ContactPhone,
    Title,
    Occupation,
    Place,
    Extent,
    Starts,
    LastDay,
    Description,
    Link,
    Lang,
    CreatedBy,
    DecidedBy,
    DecidedAt,
    DeclineReason,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Homes {
    Table,
    Id,
    MunicipalityId,
    Status,
    Tenure,
    Rooms,
    SizeM2,
    Cost,
    Place,
    AvailableFrom,
    Contact,
    Link,
    Description,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Selections {
    Table,
    Id,
    LeadId,
    SentOn,
    MunicipalityId,
    SentBy,
    Lang,
    OutboxId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SelectionItems {
    Table,
    Id,
    SelectionId,
    Kind,
    RefId,
    Title,
    Detail,
    Link,
    Until,
}

#[derive(DeriveIden)]
enum OfferUploads {
    Table,
    Id,
    MunicipalityId,
    UserId,
    Kind,
    FileName,
    Content,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    Id,
    Listings,
}

#[derive(DeriveIden)]
enum Leads {
    Table,
    Id,
}

fn id<T: IntoIden>(c: T) -> ColumnDef {
    ColumnDef::new(c)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn text<T: IntoIden>(c: T, len: u32, required: bool) -> ColumnDef {
    let mut d = ColumnDef::new(c);
    d.string_len(len);
    if required {
        d.not_null();
    } else {
        d.null();
    }
    d.to_owned()
}

fn at<T: IntoIden>(c: T, required: bool) -> ColumnDef {
    let mut d = ColumnDef::new(c);
    d.timestamp_with_time_zone();
    if required {
        d.not_null();
    } else {
        d.null();
    }
    d.to_owned()
}

fn number<T: IntoIden>(c: T) -> ColumnDef {
    ColumnDef::new(c).big_integer().null().to_owned()
}

fn place_key<T: IntoIden + 'static>(table: T, col: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Municipalities::Table, Municipalities::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Vacancies::Table)
                .col(id(Vacancies::Id))
                .col(
                    ColumnDef::new(Vacancies::MunicipalityId)
                        .big_integer()
                        .not_null(),
                )
                .col(text(Vacancies::Status, 16, true))
                .col(text(Vacancies::Origin, 16, true))
                .col(text(Vacancies::Employer, 200, true))
                .col(text(Vacancies::ContactName, 200, false))
                .col(text(Vacancies::ContactEmail, 320, false))
                .col(text(Vacancies::ContactPhone, 40, false))
                .col(text(Vacancies::Title, 200, true))
                .col(text(Vacancies::Occupation, 40, false))
                .col(text(Vacancies::Place, 200, false))
                .col(text(Vacancies::Extent, 16, true))
                .col(text(Vacancies::Starts, 100, false))
                .col(ColumnDef::new(Vacancies::LastDay).date().not_null())
                .col(ColumnDef::new(Vacancies::Description).text().not_null())
                .col(text(Vacancies::Link, 500, false))
                .col(text(Vacancies::Lang, 8, true))
                .col(number(Vacancies::CreatedBy))
                .col(number(Vacancies::DecidedBy))
                .col(at(Vacancies::DecidedAt, false))
                .col(ColumnDef::new(Vacancies::DeclineReason).text().null())
                .col(at(Vacancies::PublishedAt, false))
                .col(at(Vacancies::CreatedAt, true))
                .col(at(Vacancies::UpdatedAt, true))
                .foreign_key(&mut place_key(Vacancies::Table, Vacancies::MunicipalityId))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Homes::Table)
                .col(id(Homes::Id))
                .col(
                    ColumnDef::new(Homes::MunicipalityId)
                        .big_integer()
                        .not_null(),
                )
                .col(text(Homes::Status, 16, true))
                .col(text(Homes::Tenure, 8, true))
                .col(ColumnDef::new(Homes::Rooms).integer().not_null())
                .col(ColumnDef::new(Homes::SizeM2).integer().null())
                .col(number(Homes::Cost))
                .col(text(Homes::Place, 200, true))
                .col(ColumnDef::new(Homes::AvailableFrom).date().null())
                .col(text(Homes::Contact, 300, true))
                .col(text(Homes::Link, 500, false))
                .col(ColumnDef::new(Homes::Description).text().null())
                .col(number(Homes::CreatedBy))
                .col(at(Homes::CreatedAt, true))
                .col(at(Homes::UpdatedAt, true))
                .col(at(Homes::ClosedAt, false))
                .foreign_key(&mut place_key(Homes::Table, Homes::MunicipalityId))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Selections::Table)
                .col(id(Selections::Id))
                .col(ColumnDef::new(Selections::LeadId).big_integer().not_null())
                .col(ColumnDef::new(Selections::SentOn).date().not_null())
                .col(number(Selections::MunicipalityId))
                .col(number(Selections::SentBy))
                .col(text(Selections::Lang, 8, true))
                .col(number(Selections::OutboxId))
                .col(at(Selections::CreatedAt, true))
                .foreign_key(
                    ForeignKey::create()
                        .from(Selections::Table, Selections::LeadId)
                        .to(Leads::Table, Leads::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SelectionItems::Table)
                .col(id(SelectionItems::Id))
                .col(
                    ColumnDef::new(SelectionItems::SelectionId)
                        .big_integer()
                        .not_null(),
                )
                .col(text(SelectionItems::Kind, 8, true))
                .col(
                    ColumnDef::new(SelectionItems::RefId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(SelectionItems::Title).text().not_null())
                .col(ColumnDef::new(SelectionItems::Detail).text().not_null())
                .col(text(SelectionItems::Link, 500, false))
                .col(ColumnDef::new(SelectionItems::Until).date().null())
                .foreign_key(
                    ForeignKey::create()
                        .from(SelectionItems::Table, SelectionItems::SelectionId)
                        .to(Selections::Table, Selections::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(OfferUploads::Table)
                .col(id(OfferUploads::Id))
                .col(
                    ColumnDef::new(OfferUploads::MunicipalityId)
                        .big_integer()
                        .not_null(),
                )
                .col(number(OfferUploads::UserId))
                .col(text(OfferUploads::Kind, 16, true))
                .col(text(OfferUploads::FileName, 300, true))
                .col(ColumnDef::new(OfferUploads::Content).binary().not_null())
                .col(at(OfferUploads::CreatedAt, true))
                .foreign_key(&mut place_key(
                    OfferUploads::Table,
                    OfferUploads::MunicipalityId,
                ))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Municipalities::Table)
                .add_column(
                    ColumnDef::new(Municipalities::Listings)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        let indexes = [
            // A guide's list: its municipality's, by status and last day.
            Index::create()
                .name("ix_vacancies_municipality")
                .table(Vacancies::Table)
                .col(Vacancies::MunicipalityId)
                .col(Vacancies::Status)
                .col(Vacancies::LastDay)
                .to_owned(),
            // Matching: the open vacancies of an occupation.
            Index::create()
                .name("ix_vacancies_open")
                .table(Vacancies::Table)
                .col(Vacancies::Status)
                .col(Vacancies::Occupation)
                .col(Vacancies::LastDay)
                .to_owned(),
            Index::create()
                .name("ix_vacancies_published")
                .table(Vacancies::Table)
                .col(Vacancies::PublishedAt)
                .to_owned(),
            Index::create()
                .name("ix_homes_municipality")
                .table(Homes::Table)
                .col(Homes::MunicipalityId)
                .col(Homes::Status)
                .to_owned(),
            Index::create()
                .name("ix_homes_created")
                .table(Homes::Table)
                .col(Homes::CreatedAt)
                .to_owned(),
            Index::create()
                .name("ix_selections_lead")
                .table(Selections::Table)
                .col(Selections::LeadId)
                .to_owned(),
            Index::create()
                .name("ix_selections_created")
                .table(Selections::Table)
                .col(Selections::CreatedAt)
                .to_owned(),
            Index::create()
                .name("ix_selection_items_selection")
                .table(SelectionItems::Table)
                .col(SelectionItems::SelectionId)
                .to_owned(),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Municipalities::Table)
                .drop_column(Municipalities::Listings)
                .to_owned(),
        )
        .await?;
        for t in [
            OfferUploads::Table.into_iden(),
            SelectionItems::Table.into_iden(),
            Selections::Table.into_iden(),
            Homes::Table.into_iden(),
            Vacancies::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
