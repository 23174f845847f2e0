//! Mailings to movers (issue 22). A mailing (`mailings`) is written by a guide to its
//! municipality's movers (`municipality_id`) or by a coordinator to the region (none), to a
//! segment kept as JSON; its texts, one per language (`mailing_texts`); and its recipients
//! (`mailing_recipients`), one row per address and mailing (unique: a mailing reaches an
//! address once, however many records the mover has and however often the sending job runs
//! or restarts), each with the outbox mail it queued, its unsubscribe token's digest and
//! when the address unsubscribed through it. A recipient's personal links (prospect, lead,
//! address key) are cleared on erasure; the row stays for the counts.
//!
//! The outbox gets `unsubscribe_url`: a mailing's mail carries `List-Unsubscribe` with it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Mailings {
    Table,
    Id,
    MunicipalityId,
    AuthorId,
    Name,
    Status,
    Segment,
    SendAt,
    StartedAt,
    FinishedAt,
    Recipients,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MailingTexts {
    Table,
    Id,
    MailingId,
    Lang,
    Subject,
    Body,
}

#[derive(DeriveIden)]
enum MailingRecipients {
    Table,
    Id,
    MailingId,
    ProspectId,
    LeadId,
    MunicipalityId,
    EmailKey,
    Lang,
    TokenHash,
    OutboxId,
    QueuedAt,
    UnsubscribedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    UnsubscribeUrl,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Municipalities {
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

fn at<T: IntoIden>(c: T) -> ColumnDef {
    ColumnDef::new(c)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Mailings::Table)
                .col(id(Mailings::Id))
                .col(
                    ColumnDef::new(Mailings::MunicipalityId)
                        .big_integer()
                        .null(),
                )
                .col(ColumnDef::new(Mailings::AuthorId).big_integer().not_null())
                .col(ColumnDef::new(Mailings::Name).string_len(200).not_null())
                .col(ColumnDef::new(Mailings::Status).string_len(16).not_null())
                .col(ColumnDef::new(Mailings::Segment).text().not_null())
                .col(at(Mailings::SendAt))
                .col(at(Mailings::StartedAt))
                .col(at(Mailings::FinishedAt))
                .col(
                    ColumnDef::new(Mailings::Recipients)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(
                    ColumnDef::new(Mailings::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Mailings::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Mailings::Table, Mailings::MunicipalityId)
                        .to(Municipalities::Table, Municipalities::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Mailings::Table, Mailings::AuthorId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MailingTexts::Table)
                .col(id(MailingTexts::Id))
                .col(
                    ColumnDef::new(MailingTexts::MailingId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(MailingTexts::Lang).string_len(8).not_null())
                .col(
                    ColumnDef::new(MailingTexts::Subject)
                        .string_len(300)
                        .not_null(),
                )
                .col(ColumnDef::new(MailingTexts::Body).text().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(MailingTexts::Table, MailingTexts::MailingId)
                        .to(Mailings::Table, Mailings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MailingRecipients::Table)
                .col(id(MailingRecipients::Id))
                .col(
                    ColumnDef::new(MailingRecipients::MailingId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::ProspectId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::LeadId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::MunicipalityId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::EmailKey)
                        .string_len(320)
                        .null(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::Lang)
                        .string_len(8)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::TokenHash)
                        .string_len(64)
                        .not_null()
                        .unique_key(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::OutboxId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(MailingRecipients::QueuedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(at(MailingRecipients::UnsubscribedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(MailingRecipients::Table, MailingRecipients::MailingId)
                        .to(Mailings::Table, Mailings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        let indexes = [
            Index::create()
                .name("ux_mailing_texts_lang")
                .table(MailingTexts::Table)
                .col(MailingTexts::MailingId)
                .col(MailingTexts::Lang)
                .unique()
                .to_owned(),
            // One mail per address and mailing: the guard of "exactly once".
            Index::create()
                .name("ux_mailing_recipients_address")
                .table(MailingRecipients::Table)
                .col(MailingRecipients::MailingId)
                .col(MailingRecipients::EmailKey)
                .unique()
                .to_owned(),
            Index::create()
                .name("ix_mailing_recipients_prospect")
                .table(MailingRecipients::Table)
                .col(MailingRecipients::ProspectId)
                .to_owned(),
            // The newest unsubscribe: part of the report's version (`reports::kept`).
            Index::create()
                .name("ix_mailing_recipients_unsubscribed")
                .table(MailingRecipients::Table)
                .col(MailingRecipients::UnsubscribedAt)
                .to_owned(),
            // A cancel or a withdrawal takes a recipient back by its mail.
            Index::create()
                .name("ix_mailing_recipients_outbox")
                .table(MailingRecipients::Table)
                .col(MailingRecipients::OutboxId)
                .to_owned(),
            // The report reads a year's recipients.
            Index::create()
                .name("ix_mailing_recipients_queued")
                .table(MailingRecipients::Table)
                .col(MailingRecipients::QueuedAt)
                .to_owned(),
            Index::create()
                .name("ix_mailings_municipality")
                .table(Mailings::Table)
                .col(Mailings::MunicipalityId)
                .col(Mailings::Id)
                .to_owned(),
            Index::create()
                .name("ix_mailings_status")
                .table(Mailings::Table)
                .col(Mailings::Status)
                .col(Mailings::SendAt)
                .to_owned(),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .add_column(ColumnDef::new(Outbox::UnsubscribeUrl).text().null())
                .to_owned(),
        )
        .await?;
        // The outbox worker takes mail to one person before a mailing's: each kind is read
        // by an index of its own, so neither walks past the other's backlog.
        for (name, kind) in [
            ("ix_outbox_due_single", "IS NULL"),
            ("ix_outbox_due_mailing", "IS NOT NULL"),
        ] {
            m.get_connection()
                .execute_unprepared(&format!(
                    "CREATE INDEX {name} ON outbox (status, next_attempt_at, id) \
                     WHERE unsubscribe_url {kind}"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_outbox_due_single", "ix_outbox_due_mailing"] {
            m.get_connection()
                .execute_unprepared(&format!("DROP INDEX {name}"))
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .drop_column(Outbox::UnsubscribeUrl)
                .to_owned(),
        )
        .await?;
        for t in [
            MailingRecipients::Table.into_iden(),
            MailingTexts::Table.into_iden(),
            Mailings::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
