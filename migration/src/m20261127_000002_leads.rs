//! Lead management: prospects (households), their leads (one per municipality, or one in the
//! regional pool), activities (the timeline), follow-ups, campaigns/events and referrals.
//! Indexes are laid out for a million leads: every list query starts from a municipality.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Prospects {
    Table,
    Id,
    FirstName,
    LastName,
    Email,
    Phone,
    Country,
    Place,
    PreferredLanguage,
    Languages,
    Adults,
    ChildrenBirthYears,
    Occupation,
    PartnerOccupation,
    HelpJob,
    HelpPartnerJob,
    HelpHousing,
    HelpSchool,
    HelpBusiness,
    HelpLeisure,
    HousingWish,
    MoveWhen,
    Notes,
    SearchText,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Leads {
    Table,
    Id,
    ProspectId,
    MunicipalityId,
    OwnerId,
    Source,
    CampaignId,
    Status,
    ReasonCode,
    MovedInOn,
    MovedAdults,
    MovedChildren,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Activities {
    Table,
    Id,
    LeadId,
    UserId,
    Kind,
    Direction,
    OccurredAt,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FollowUps {
    Table,
    Id,
    LeadId,
    MunicipalityId,
    DueOn,
    Title,
    CreatedBy,
    CreatedAt,
    DoneAt,
    DoneBy,
}

#[derive(DeriveIden)]
enum Campaigns {
    Table,
    Id,
    Name,
    Kind,
    StartsOn,
    EndsOn,
    MunicipalityId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Referrals {
    Table,
    Id,
    LeadId,
    Kind,
    FromMunicipalityId,
    ToMunicipalityId,
    ByUser,
    At,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    PreviousLoginAt,
}

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    ProspectId,
}

fn pk(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn text_null(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).null().to_owned()
}

fn flag(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}

fn ts(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn fk(
    from_table: impl IntoIden + 'static,
    from_col: impl IntoIden + 'static,
    to_table: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    cols: Vec<DynIden>,
) -> Result<(), DbErr> {
    let mut idx = Index::create().name(name).table(table).to_owned();
    for c in cols {
        idx.col(c);
    }
    m.create_index(idx).await
}

macro_rules! cols {
    ($($c:expr),*) => { vec![$($c.into_iden()),*] };
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Prospects::Table)
                .col(pk(Prospects::Id))
                .col(
                    ColumnDef::new(Prospects::FirstName)
                        .string_len(200)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Prospects::LastName)
                        .string_len(200)
                        .not_null(),
                )
                .col(text_null(Prospects::Email, 254))
                .col(text_null(Prospects::Phone, 40))
                .col(text_null(Prospects::Country, 2))
                .col(text_null(Prospects::Place, 200))
                .col(
                    ColumnDef::new(Prospects::PreferredLanguage)
                        .string_len(8)
                        .not_null()
                        .default("sv"),
                )
                .col(text_null(Prospects::Languages, 200))
                .col(
                    ColumnDef::new(Prospects::Adults)
                        .integer()
                        .not_null()
                        .default(1),
                )
                .col(text_null(Prospects::ChildrenBirthYears, 200))
                .col(text_null(Prospects::Occupation, 200))
                .col(text_null(Prospects::PartnerOccupation, 200))
                .col(flag(Prospects::HelpJob))
                .col(flag(Prospects::HelpPartnerJob))
                .col(flag(Prospects::HelpHousing))
                .col(flag(Prospects::HelpSchool))
                .col(flag(Prospects::HelpBusiness))
                .col(flag(Prospects::HelpLeisure))
                .col(
                    ColumnDef::new(Prospects::HousingWish)
                        .string_len(16)
                        .not_null()
                        .default("unknown"),
                )
                .col(text_null(Prospects::MoveWhen, 100))
                .col(ColumnDef::new(Prospects::Notes).text().null())
                // Lower-cased name, e-mail and place, written by the app: SQLite's lower()
                // knows only ASCII, and Åsa must be found as "åsa" on both databases.
                .col(
                    ColumnDef::new(Prospects::SearchText)
                        .string_len(1000)
                        .not_null()
                        .default(""),
                )
                .col(ts(Prospects::CreatedAt))
                .col(ts(Prospects::UpdatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_prospects_email",
            Prospects::Table,
            cols!(Prospects::Email),
        )
        .await?;
        index(
            m,
            "ix_prospects_phone",
            Prospects::Table,
            cols!(Prospects::Phone),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Campaigns::Table)
                .col(pk(Campaigns::Id))
                .col(ColumnDef::new(Campaigns::Name).string_len(200).not_null())
                .col(ColumnDef::new(Campaigns::Kind).string_len(32).not_null())
                .col(ColumnDef::new(Campaigns::StartsOn).date().null())
                .col(ColumnDef::new(Campaigns::EndsOn).date().null())
                .col(
                    ColumnDef::new(Campaigns::MunicipalityId)
                        .big_integer()
                        .null(),
                )
                .col(ColumnDef::new(Campaigns::CreatedBy).big_integer().null())
                .col(ts(Campaigns::CreatedAt))
                .foreign_key(&mut fk(
                    Campaigns::Table,
                    Campaigns::MunicipalityId,
                    Municipalities::Table,
                    Municipalities::Id,
                ))
                .foreign_key(&mut fk(
                    Campaigns::Table,
                    Campaigns::CreatedBy,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Leads::Table)
                .col(pk(Leads::Id))
                .col(ColumnDef::new(Leads::ProspectId).big_integer().not_null())
                .col(ColumnDef::new(Leads::MunicipalityId).big_integer().null())
                .col(ColumnDef::new(Leads::OwnerId).big_integer().null())
                .col(ColumnDef::new(Leads::Source).string_len(32).not_null())
                .col(ColumnDef::new(Leads::CampaignId).big_integer().null())
                .col(ColumnDef::new(Leads::Status).string_len(32).not_null())
                .col(text_null(Leads::ReasonCode, 32))
                .col(ColumnDef::new(Leads::MovedInOn).date().null())
                .col(ColumnDef::new(Leads::MovedAdults).integer().null())
                .col(ColumnDef::new(Leads::MovedChildren).integer().null())
                .col(
                    ColumnDef::new(Leads::ClosedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ts(Leads::CreatedAt))
                .col(ts(Leads::UpdatedAt))
                .foreign_key(&mut fk(
                    Leads::Table,
                    Leads::ProspectId,
                    Prospects::Table,
                    Prospects::Id,
                ))
                .foreign_key(&mut fk(
                    Leads::Table,
                    Leads::MunicipalityId,
                    Municipalities::Table,
                    Municipalities::Id,
                ))
                .foreign_key(&mut fk(
                    Leads::Table,
                    Leads::OwnerId,
                    Users::Table,
                    Users::Id,
                ))
                .foreign_key(&mut fk(
                    Leads::Table,
                    Leads::CampaignId,
                    Campaigns::Table,
                    Campaigns::Id,
                ))
                .to_owned(),
        )
        .await?;
        // The lead list: a municipality's leads by last change (the default order), by
        // creation, and counted per status.
        index(
            m,
            "ix_leads_muni_updated",
            Leads::Table,
            cols!(Leads::MunicipalityId, Leads::UpdatedAt, Leads::Id),
        )
        .await?;
        index(
            m,
            "ix_leads_muni_created",
            Leads::Table,
            cols!(Leads::MunicipalityId, Leads::CreatedAt, Leads::Id),
        )
        .await?;
        index(
            m,
            "ix_leads_muni_status",
            Leads::Table,
            cols!(Leads::MunicipalityId, Leads::Status),
        )
        .await?;
        index(
            m,
            "ix_leads_prospect",
            Leads::Table,
            cols!(Leads::ProspectId),
        )
        .await?;
        index(
            m,
            "ix_leads_campaign",
            Leads::Table,
            cols!(Leads::CampaignId),
        )
        .await?;
        index(m, "ix_leads_owner", Leads::Table, cols!(Leads::OwnerId)).await?;

        m.create_table(
            Table::create()
                .table(Activities::Table)
                .col(pk(Activities::Id))
                .col(ColumnDef::new(Activities::LeadId).big_integer().not_null())
                .col(ColumnDef::new(Activities::UserId).big_integer().null())
                .col(ColumnDef::new(Activities::Kind).string_len(32).not_null())
                .col(text_null(Activities::Direction, 16))
                .col(ts(Activities::OccurredAt))
                .col(ColumnDef::new(Activities::Body).text().null())
                .col(ts(Activities::CreatedAt))
                .foreign_key(&mut fk(
                    Activities::Table,
                    Activities::LeadId,
                    Leads::Table,
                    Leads::Id,
                ))
                .foreign_key(&mut fk(
                    Activities::Table,
                    Activities::UserId,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_activities_lead",
            Activities::Table,
            cols!(Activities::LeadId, Activities::OccurredAt),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(FollowUps::Table)
                .col(pk(FollowUps::Id))
                .col(ColumnDef::new(FollowUps::LeadId).big_integer().not_null())
                .col(
                    ColumnDef::new(FollowUps::MunicipalityId)
                        .big_integer()
                        .null(),
                )
                .col(ColumnDef::new(FollowUps::DueOn).date().not_null())
                .col(ColumnDef::new(FollowUps::Title).string_len(300).not_null())
                .col(ColumnDef::new(FollowUps::CreatedBy).big_integer().null())
                .col(ts(FollowUps::CreatedAt))
                .col(
                    ColumnDef::new(FollowUps::DoneAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ColumnDef::new(FollowUps::DoneBy).big_integer().null())
                .foreign_key(&mut fk(
                    FollowUps::Table,
                    FollowUps::LeadId,
                    Leads::Table,
                    Leads::Id,
                ))
                .foreign_key(&mut fk(
                    FollowUps::Table,
                    FollowUps::CreatedBy,
                    Users::Table,
                    Users::Id,
                ))
                .foreign_key(&mut fk(
                    FollowUps::Table,
                    FollowUps::DoneBy,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_follow_ups_lead",
            FollowUps::Table,
            cols!(FollowUps::LeadId),
        )
        .await?;
        // "Due and overdue in my municipality": the start page and the overdue filter.
        index(
            m,
            "ix_follow_ups_open",
            FollowUps::Table,
            cols!(
                FollowUps::MunicipalityId,
                FollowUps::DoneAt,
                FollowUps::DueOn
            ),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Referrals::Table)
                .col(pk(Referrals::Id))
                .col(ColumnDef::new(Referrals::LeadId).big_integer().not_null())
                .col(ColumnDef::new(Referrals::Kind).string_len(16).not_null())
                .col(
                    ColumnDef::new(Referrals::FromMunicipalityId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(Referrals::ToMunicipalityId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(Referrals::ByUser).big_integer().null())
                .col(ts(Referrals::At))
                .foreign_key(&mut fk(
                    Referrals::Table,
                    Referrals::LeadId,
                    Leads::Table,
                    Leads::Id,
                ))
                .foreign_key(&mut fk(
                    Referrals::Table,
                    Referrals::ByUser,
                    Users::Table,
                    Users::Id,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_referrals_lead",
            Referrals::Table,
            cols!(Referrals::LeadId),
        )
        .await?;

        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(
                    ColumnDef::new(Users::PreviousLoginAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .add_column(ColumnDef::new(AuditLog::ProspectId).big_integer().null())
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_audit_log_prospect",
            AuditLog::Table,
            cols!(AuditLog::ProspectId),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_audit_log_prospect")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .drop_column(AuditLog::ProspectId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .drop_column(Users::PreviousLoginAt)
                .to_owned(),
        )
        .await?;
        for t in [
            Referrals::Table.into_iden(),
            FollowUps::Table.into_iden(),
            Activities::Table.into_iden(),
            Leads::Table.into_iden(),
            Campaigns::Table.into_iden(),
            Prospects::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
