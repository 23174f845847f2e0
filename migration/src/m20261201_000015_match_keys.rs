//! Duplicates a guide would call duplicates: each prospect gets keys that two records of
//! the same household share even when typed differently (`keys`, re-exported by this crate
//! as the current keys):
//! - `phone_key`: the last nine digits of the phone number, so "+46 70-123 45 67" and
//!   "070 123 45 67" meet (and "+31 6 1234 5678" and "06-12345678");
//! - `email_key`: the address in lower case without dots or a "+tag" before the "@", so
//!   "Maria.Lindqvist@Example.se" and "marialindqvist+lotsbok@example.se" meet;
//! - `name_key`: the first name, lower case, accents folded: the door to comparing last
//!   names and birth years (in the application).
//!
//! Each is indexed; the rows stored so far get theirs here, in batches.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, TryGetable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Prospects {
    Table,
    Id,
    FirstName,
    Email,
    Phone,
    PhoneKey,
    EmailKey,
    NameKey,
    AnonymisedAt,
}

/// The last nine digits of a phone number (fewer than seven digits: no key).
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 7).then(|| digits[digits.len().saturating_sub(9)..].iter().collect())
}

/// An e-mail address as its owner's mail arrives: lower case, and before the "@" no dots
/// and no "+tag".
pub fn email_key(email: &str) -> Option<String> {
    let email = email.trim().to_lowercase();
    let (local, domain) = email.rsplit_once('@')?;
    let local = local.split('+').next().unwrap_or(local).replace('.', "");
    (!local.is_empty() && !domain.is_empty()).then(|| format!("{local}@{domain}"))
}

/// A first name for comparison: lower case, accents folded, spaces and hyphens as one; at
/// most `NAME_KEY_CHARS` characters (a fold may make one letter two: "ß" is "ss").
pub fn name_key(first: &str) -> String {
    crate::fold(&first.trim().to_lowercase())
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(NAME_KEY_CHARS)
        .collect()
}

/// What the `name_key` column holds at most.
pub const NAME_KEY_CHARS: usize = 300;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [Prospects::PhoneKey, Prospects::EmailKey, Prospects::NameKey] {
            m.alter_table(
                Table::alter()
                    .table(Prospects::Table)
                    .add_column(ColumnDef::new(col).string_len(320).null())
                    .to_owned(),
            )
            .await?;
        }
        for (name, col) in [
            ("ix_prospects_phone_key", Prospects::PhoneKey),
            ("ix_prospects_email_key", Prospects::EmailKey),
            ("ix_prospects_name_key", Prospects::NameKey),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Prospects::Table)
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        fill(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "ix_prospects_phone_key",
            "ix_prospects_email_key",
            "ix_prospects_name_key",
        ] {
            m.drop_index(Index::drop().name(name).table(Prospects::Table).to_owned())
                .await?;
        }
        for col in [Prospects::PhoneKey, Prospects::EmailKey, Prospects::NameKey] {
            m.alter_table(
                Table::alter()
                    .table(Prospects::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

fn get<T: TryGetable>(
    row: &sea_orm_migration::sea_orm::QueryResult,
    col: &str,
) -> Result<T, DbErr> {
    row.try_get("", col)
}

/// The keys of the prospects stored before this migration (the erased ones have none).
async fn fill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let mut after = 0i64;
    loop {
        let select = Query::select()
            .columns([
                Prospects::Id,
                Prospects::FirstName,
                Prospects::Email,
                Prospects::Phone,
            ])
            .from(Prospects::Table)
            .and_where(Expr::col(Prospects::Id).gt(after))
            .and_where(Expr::col(Prospects::AnonymisedAt).is_null())
            .order_by(Prospects::Id, Order::Asc)
            .limit(1000)
            .to_owned();
        let rows = db.query_all(backend.build(&select)).await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = get(last, "id")?;
        for row in &rows {
            let id: i64 = get(row, "id")?;
            let first: String = get(row, "first_name")?;
            let email: Option<String> = get(row, "email")?;
            let phone: Option<String> = get(row, "phone")?;
            let update = Query::update()
                .table(Prospects::Table)
                .values([
                    (
                        Prospects::PhoneKey,
                        phone.as_deref().and_then(phone_key).into(),
                    ),
                    (
                        Prospects::EmailKey,
                        email.as_deref().and_then(email_key).into(),
                    ),
                    (Prospects::NameKey, Some(name_key(&first)).into()),
                ])
                .and_where(Expr::col(Prospects::Id).eq(id))
                .to_owned();
            db.execute(backend.build(&update)).await?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_meet_where_a_person_would_see_the_same() {
        assert_eq!(phone_key("+46 70-123 45 67"), phone_key("070 123 45 67"));
        assert_eq!(phone_key("+31 6 1234 5678"), phone_key("06-12345678"));
        assert_eq!(phone_key("0046701234567"), phone_key("0701234567"));
        assert_ne!(phone_key("0701234567"), phone_key("0701234568"));
        assert_eq!(phone_key("12 34"), None);
        assert_eq!(
            email_key("Maria.Lindqvist@Example.se"),
            email_key("marialindqvist+lotsbok@example.se")
        );
        assert_ne!(email_key("maria@example.se"), email_key("maria@example.nl"));
        assert_eq!(email_key("no-at-sign"), None);
        assert_eq!(name_key(" Anna-Karin "), name_key("anna karin"));
        assert_eq!(name_key("Åsa"), "asa");
        assert_eq!(name_key(&"ß".repeat(200)).chars().count(), NAME_KEY_CHARS);
    }
}
