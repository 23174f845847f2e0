//! A household as the duplicate check looks for it by name (issue 17): the same first name
//! and the same children's birth years. Migration 15 keyed the first name alone, and the lead
//! page compared up to 500 of the municipality's movers with the same first name on every
//! view (94 ms at a million leads: the page's slowest statement). `family_key` is the first
//! name's key and the years, sorted, so the check reads the few movers with both, and
//! compares only their last names in the application. No key without children (the check
//! by name needs them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement, TryGetable};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Prospects {
    Table,
    Id,
    FirstName,
    ChildrenBirthYears,
    FamilyKey,
    AnonymisedAt,
}

/// Children's birth years as a set: "2019, 2016" is "2016, 2019".
pub fn birth_years(s: Option<&str>) -> Vec<String> {
    let mut y: Vec<String> = s
        .unwrap_or("")
        .split([',', ' ', ';'])
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    y.sort();
    y
}

/// The first name's key and the children's years (none without children), at most
/// `FAMILY_KEY_CHARS` characters (a longer one only finds more to compare).
pub fn family_key(first: &str, years: Option<&str>) -> Option<String> {
    let years = birth_years(years);
    (!years.is_empty()).then(|| {
        format!("{}|{}", super::name_key(first), years.join(","))
            .chars()
            .take(FAMILY_KEY_CHARS)
            .collect()
    })
}

pub const FAMILY_KEY_CHARS: usize = 320;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .add_column(
                    ColumnDef::new(Prospects::FamilyKey)
                        .string_len(FAMILY_KEY_CHARS as u32)
                        .null(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_prospects_family_key")
                .table(Prospects::Table)
                .col(Prospects::FamilyKey)
                .to_owned(),
        )
        .await?;
        fill(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_prospects_family_key")
                .table(Prospects::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Prospects::Table)
                .drop_column(Prospects::FamilyKey)
                .to_owned(),
        )
        .await
    }
}

fn get<T: TryGetable>(
    row: &sea_orm_migration::sea_orm::QueryResult,
    col: &str,
) -> Result<T, DbErr> {
    row.try_get("", col)
}

/// The keys of the living prospects with children stored before this migration.
async fn fill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let mut after = 0i64;
    loop {
        let select = Query::select()
            .columns([
                Prospects::Id,
                Prospects::FirstName,
                Prospects::ChildrenBirthYears,
            ])
            .from(Prospects::Table)
            .and_where(Expr::col(Prospects::Id).gt(after))
            .and_where(Expr::col(Prospects::AnonymisedAt).is_null())
            .and_where(Expr::col(Prospects::ChildrenBirthYears).is_not_null())
            .order_by(Prospects::Id, Order::Asc)
            .limit(1000)
            .to_owned();
        let rows = db.query_all(backend.build(&select)).await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = get(last, "id")?;
        // One statement a batch: a statement per row took two minutes at a million.
        let mut values = Vec::new();
        for row in &rows {
            let first: String = get(row, "first_name")?;
            let years: Option<String> = get(row, "children_birth_years")?;
            if let Some(key) = family_key(&first, years.as_deref()) {
                values.push(get::<i64>(row, "id")?.into());
                values.push(key.into());
            }
        }
        if values.is_empty() {
            continue;
        }
        let marks = vec!["(CAST(? AS BIGINT), CAST(? AS TEXT))"; values.len() / 2].join(", ");
        let mut sql = format!(
            "WITH v (id, k) AS (VALUES {marks})
             UPDATE prospects SET family_key = (SELECT k FROM v WHERE v.id = prospects.id)
             WHERE id IN (SELECT id FROM v)"
        );
        if backend == DatabaseBackend::Postgres {
            let mut n = 0;
            sql = sql
                .split('?')
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part.to_string()
                    } else {
                        n += 1;
                        format!("${n}{part}")
                    }
                })
                .collect();
        }
        db.execute(Statement::from_sql_and_values(backend, sql, values))
            .await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_household_is_its_first_name_and_childrens_years() {
        assert_eq!(
            family_key("Anna-Karin", Some("2019, 2016")),
            family_key(" anna karin ", Some("2016;2019"))
        );
        assert_ne!(
            family_key("Anna", Some("2016")),
            family_key("Anna", Some("2016, 2019"))
        );
        assert_eq!(family_key("Anna", None), None);
        assert_eq!(family_key("Anna", Some(" , ")), None);
        assert_eq!(
            family_key(&"ß".repeat(200), Some(&"2016, ".repeat(100))).map(|k| k.chars().count()),
            Some(FAMILY_KEY_CHARS)
        );
    }
}
