//! Follow-through: daily reminder mails (once per guide and day), a private calendar feed per
//! guide, and stay checks (follow-ups 6 and 12 months after moving in, with their answers).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    RemindersEnabled,
    CalendarTokenHash,
}

#[derive(DeriveIden)]
enum FollowUps {
    Table,
    Kind,
    Answer,
    AnsweredOn,
}

#[derive(DeriveIden)]
enum ReminderLog {
    Table,
    UserId,
    Day,
    SentAt,
    FollowUps,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ColumnDef::new(Users::RemindersEnabled)
                .boolean()
                .not_null()
                .default(true)
                .to_owned(),
            ColumnDef::new(Users::CalendarTokenHash)
                .string_len(64)
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        for col in [
            ColumnDef::new(FollowUps::Kind)
                .string_len(16)
                .not_null()
                .default("task")
                .to_owned(),
            ColumnDef::new(FollowUps::Answer)
                .string_len(16)
                .null()
                .to_owned(),
            ColumnDef::new(FollowUps::AnsweredOn)
                .date()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(FollowUps::Table)
                    .add_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("ix_users_calendar_token")
                .table(Users::Table)
                .col(Users::CalendarTokenHash)
                .unique()
                .to_owned(),
        )
        .await?;
        // One row per guide and day: the primary key is what makes a reminder go out once,
        // however many instances try.
        m.create_table(
            Table::create()
                .table(ReminderLog::Table)
                .col(ColumnDef::new(ReminderLog::UserId).big_integer().not_null())
                .col(ColumnDef::new(ReminderLog::Day).date().not_null())
                .col(
                    ColumnDef::new(ReminderLog::SentAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(ReminderLog::FollowUps).integer().not_null())
                .primary_key(
                    Index::create()
                        .col(ReminderLog::UserId)
                        .col(ReminderLog::Day),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ReminderLog::Table, ReminderLog::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ReminderLog::Table).to_owned())
            .await?;
        m.drop_index(
            Index::drop()
                .name("ix_users_calendar_token")
                .table(Users::Table)
                .to_owned(),
        )
        .await?;
        for c in [FollowUps::AnsweredOn, FollowUps::Answer, FollowUps::Kind] {
            m.alter_table(
                Table::alter()
                    .table(FollowUps::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        for c in [Users::CalendarTokenHash, Users::RemindersEnabled] {
            m.alter_table(Table::alter().table(Users::Table).drop_column(c).to_owned())
                .await?;
        }
        Ok(())
    }
}
