//! Search that finds "Göteborg" for "Goteborg" and "Åkesson" for "akesson": a mover's search
//! text (name, e-mail, place, already lower case) is stored with its accented Latin letters
//! folded to their base letters, and the application folds each search word the same way
//! (`fold`, re-exported by this crate as the current fold). This migration folds the rows
//! stored so far; SQLite's search index follows by its update trigger (migration 11).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each letter and what it folds to, after lower-casing. Letters outside this list (other
/// scripts included) are kept as they are.
#[rustfmt::skip]
pub const FOLD: &[(char, &str)] = &[
    ('à', "a"), ('á', "a"), ('â', "a"), ('ã', "a"), ('ä', "a"), ('å', "a"), ('ā', "a"), ('ą', "a"),
    ('æ', "ae"), ('ç', "c"), ('č', "c"), ('ć', "c"), ('ď', "d"), ('đ', "d"), ('ð', "d"),
    ('è', "e"), ('é', "e"), ('ê', "e"), ('ë', "e"), ('ē', "e"), ('ę', "e"), ('ě', "e"),
    ('ì', "i"), ('í', "i"), ('î', "i"), ('ï', "i"), ('ī', "i"), ('ł', "l"),
    ('ñ', "n"), ('ń', "n"), ('ň', "n"),
    ('ò', "o"), ('ó', "o"), ('ô', "o"), ('õ', "o"), ('ö', "o"), ('ø', "o"), ('ō', "o"), ('ő', "o"),
    ('œ', "oe"), ('ř', "r"), ('ś', "s"), ('š', "s"), ('ß', "ss"), ('ť', "t"), ('þ', "th"),
    ('ù', "u"), ('ú', "u"), ('û', "u"), ('ü', "u"), ('ū', "u"), ('ů', "u"), ('ű', "u"),
    ('ý', "y"), ('ÿ', "y"), ('ź', "z"), ('ż', "z"), ('ž', "z"),
];

/// What the `search_text` column holds at most (migration 2).
pub const SEARCH_TEXT_CHARS: usize = 1000;

/// Folds lower-case text: each letter of `FOLD` becomes its base letters.
pub fn fold(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match FOLD.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// The same fold in SQL, for a column of lower-case text (both databases have `REPLACE`).
pub fn fold_sql(column: &str) -> String {
    FOLD.iter().fold(column.to_string(), |expr, (from, to)| {
        format!("REPLACE({expr}, '{from}', '{to}')")
    })
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A fold may make one letter two ("ß" is "ss"): cut to the column's 1000.
        let folded = format!(
            "SUBSTR({}, 1, {SEARCH_TEXT_CHARS})",
            fold_sql("search_text")
        );
        m.get_connection()
            .execute_unprepared(&format!(
                "UPDATE prospects SET search_text = {folded} WHERE search_text <> {folded}"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        // The unfolded text cannot be recovered, and folded text is still found.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accented_letters_and_keeps_the_rest() {
        assert_eq!(fold("göteborg"), "goteborg");
        assert_eq!(fold("åkesson"), "akesson");
        assert_eq!(fold("müller straße"), "muller strasse");
        assert_eq!(fold("josé.núñez@example.es"), "jose.nunez@example.es");
        assert_eq!(fold("محمد"), "محمد");
    }
}
