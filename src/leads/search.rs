//! Search in the guide's lead list: the municipality's leads whose mover matches every word
//! (in the name, e-mail, place or, by its digits, phone number), found so that a search
//! stops early whether the word is rare or common.
//!
//! First the index is asked for the municipality's leads that match, at most
//! `EXACT_UP_TO + 1` of them: on SQLite `lead_search` within the scope's range of rowids
//! (migration 18), on PostgreSQL the `pg_trgm` indexes of the prospects through a join with
//! the same limit (migration 11).
//! - At most `EXACT_UP_TO`: the list is those leads, each a look-up by key, then filtered,
//!   sorted and counted exactly (`Words::Among`).
//! - More: the word is common in this municipality, so walking its leads in the list's
//!   order and testing each mover's text fills a page after a few thousand rows at most
//!   (`Words::Tested`); the total is "more than `EXACT_UP_TO`", or counted up to that limit
//!   when other filters narrow the list.
//!
//! Without an index to ask (SQLite answers words of three characters or more; shorter words
//! are tested on each mover), the leads are walked and tested the same way.

use sea_orm::sea_query::{Alias, Expr, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, JoinType, QueryFilter,
    QuerySelect, QueryTrait, RelationTrait, Select,
};

use crate::domain::normalise_phone;
use crate::entities::{lead, prospect};
use crate::scope::Scope;

/// Up to how many matching leads a search counts exactly; above it, "more than" this.
pub const EXACT_UP_TO: u64 = 2000;

/// How many leads a list holds: exactly, or more than a limit it stopped counting at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Total {
    Exact(u64),
    MoreThan(u64),
}

/// How a search's words are matched.
#[derive(Debug, Clone)]
pub enum Words {
    /// No search.
    None,
    /// Among these leads, which the index found: all of the municipality's that match the
    /// words it answers. Words it does not answer are tested on each of them.
    Among(Vec<i64>),
    /// Every word tested on each mover. `common`: the index, asked for every word, found
    /// more than `EXACT_UP_TO`.
    Tested { common: bool },
}

/// A search word the index answers: SQLite's trigram index needs three characters.
fn indexed(lower: &str, backend: DbBackend) -> bool {
    backend == DbBackend::Postgres || lower.chars().count() >= 3
}

/// A word as it is compared: folded lower case, and its digits (for phone numbers) when
/// there are three or more.
fn forms(word: &str) -> (String, Option<String>) {
    let lower = crate::domain::search_word(word);
    let digits = normalise_phone(word).trim_start_matches('+').to_string();
    (lower, (digits.len() >= 3).then_some(digits))
}

/// How many digits of a phone number the index is asked for: its last ones, which tell
/// numbers apart (country and area codes are shared by thousands).
const ASKED_DIGITS: usize = 6;

/// On SQLite, a word of at least `ASKED_DIGITS + 2` digits (a phone number) is asked of the
/// index by its last `ASKED_DIGITS` only (four trigrams where the whole number has ten or
/// more, each list read for the municipality's range), then tested whole on the few leads
/// found, so that it still finds only the movers the whole number matches.
fn narrowed(word: &str, backend: DbBackend) -> bool {
    backend == DbBackend::Sqlite && forms(word).1.is_some_and(|d| d.len() >= ASKED_DIGITS + 2)
}

/// `%word%` for LIKE, with the wildcards in the word itself escaped.
fn contains(word: &str) -> LikeExpr {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// One word tested on the mover (the query must join the prospects). On SQLite both forms
/// are tested on the text the index holds (search text, a space, phone), so that a word
/// finds the same movers whether the index or the test answers it; PostgreSQL tests the
/// columns one by one, which its `pg_trgm` indexes serve (and asks nothing else).
fn tested(word: &str, backend: DbBackend) -> Condition {
    let (lower, digits) = forms(word);
    let forms = std::iter::once(lower.clone()).chain(digits);
    match backend {
        DbBackend::Sqlite => forms.fold(Condition::any(), |any, form| {
            any.add(
                Expr::cust(
                    "(\"prospects\".\"search_text\" || ' ' || COALESCE(\"prospects\".\"phone\", ''))",
                )
                .like(contains(&form)),
            )
        }),
        // The text form in the search text, both forms in the phone number.
        _ => forms.fold(
            Condition::any().add(prospect::Column::SearchText.like(contains(&lower))),
            |any, form| any.add(prospect::Column::Phone.like(contains(&form))),
        ),
    }
}

impl Words {
    /// The words of `text` that are tested on each mover: all of them unless the index
    /// found the leads, then those it does not answer.
    pub fn tests(&self, text: Option<&str>, backend: DbBackend) -> Vec<Condition> {
        let words = text.unwrap_or("").split_whitespace();
        match self {
            Words::None => Vec::new(),
            Words::Tested { .. } => words.map(|w| tested(w, backend)).collect(),
            Words::Among(_) => words
                .filter(|w| !indexed(&forms(w).0, backend) || narrowed(w, backend))
                .map(|w| tested(w, backend))
                .collect(),
        }
    }

    /// The leads the index found, as a filter.
    pub fn among(&self) -> Option<sea_orm::sea_query::SimpleExpr> {
        match self {
            Words::Among(ids) => Some(lead::Column::Id.is_in(ids.iter().copied())),
            _ => None,
        }
    }
}

/// How the words of `text` are best matched in this guide's municipality (see the module).
pub async fn plan(db: &crate::db::Db, scope: &Scope, text: &str) -> Result<Words, DbErr> {
    let backend = db.get_database_backend();
    let all = text.split_whitespace().count();
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| indexed(&forms(w).0, backend))
        .collect();
    if words.is_empty() {
        return Ok(Words::Tested { common: false });
    }
    let mut narrow = words.iter().any(|w| narrowed(w, backend));
    let mut ids = match backend {
        DbBackend::Sqlite => sqlite_hits(db, scope, &words, narrow).await?,
        _ => joined_hits(db, scope, &words).await?,
    };
    if narrow && ids.len() as u64 > EXACT_UP_TO {
        // More numbers of the municipality end in these digits than the limit: asked
        // again whole, rather than testing every lead of the list against the number.
        narrow = false;
        ids = sqlite_hits(db, scope, &words, narrow).await?;
    }
    Ok(if ids.len() as u64 > EXACT_UP_TO {
        // "More than" the limit only when every word was asked whole: a short word tested
        // afterwards, or a phone number asked by its last digits, may leave fewer.
        Words::Tested {
            common: words.len() == all && !narrow,
        }
    } else {
        Words::Among(ids)
    })
}

/// SQLite: the municipality's leads in `lead_search` that match every word, in rowid order;
/// phone numbers asked by their last digits when `narrow`.
async fn sqlite_hits(
    db: &crate::db::Db,
    scope: &Scope,
    words: &[&str],
    narrow: bool,
) -> Result<Vec<i64>, DbErr> {
    let phrase = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
    let expr = words
        .iter()
        .map(|w| {
            let (lower, digits) = forms(w);
            // What matches the text form also matches its digits when they are part of it
            // (`+4670…` and `4670…`): then the digits alone.
            let digits = match digits {
                Some(d) if narrow && narrowed(w, DbBackend::Sqlite) => {
                    Some(d[d.len() - ASKED_DIGITS..].to_string())
                }
                d => d,
            };
            match digits {
                Some(d) if lower.contains(&d) => phrase(&d),
                Some(d) => format!("({} OR {})", phrase(&lower), phrase(&d)),
                None => phrase(&lower),
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let q = Query::select()
        .expr(Expr::cust("rowid"))
        .from(Alias::new("lead_search"))
        .and_where(Expr::cust_with_values("lead_search MATCH ?", [expr]))
        .and_where(scope.own_search_rows())
        .limit(EXACT_UP_TO + 1)
        .to_owned();
    let mask = (1i64 << migration::LEAD_BITS) - 1;
    let rows = db.query_all(DbBackend::Sqlite.build(&q)).await?;
    rows.iter()
        .map(|r| r.try_get_by_index::<i64>(0).map(|rowid| rowid & mask))
        .collect()
}

/// PostgreSQL: the municipality's leads whose mover matches every word, by `LIKE`, which
/// the `pg_trgm` indexes serve.
async fn joined_hits(db: &crate::db::Db, scope: &Scope, words: &[&str]) -> Result<Vec<i64>, DbErr> {
    let mut q = lead::Entity::find()
        .filter(scope.own_leads())
        .join(JoinType::InnerJoin, lead::Relation::Prospect.def())
        .filter(prospect::Column::AnonymisedAt.is_null());
    for w in words {
        q = q.filter(tested(w, DbBackend::Postgres));
    }
    q.select_only()
        .column(lead::Column::Id)
        .limit(EXACT_UP_TO + 1)
        .into_tuple::<i64>()
        .all(db)
        .await
}

/// How many rows `q` has, counting no further than `limit`.
pub async fn count_up_to(
    db: &crate::db::Db,
    q: Select<lead::Entity>,
    limit: u64,
) -> Result<u64, DbErr> {
    let inner = q
        .select_only()
        .column(lead::Column::Id)
        .limit(limit)
        .into_query();
    let count = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(inner, Alias::new("hits"))
        .to_owned();
    let row = db
        .query_one(db.get_database_backend().build(&count))
        .await?;
    let n = match row {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    Ok(n.max(0) as u64)
}
