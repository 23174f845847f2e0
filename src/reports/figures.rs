//! The report figures, each one aggregate query (GROUP BY over indexed columns); nothing is
//! counted in Rust. The SQL is written once with `?` placeholders and numbered for
//! PostgreSQL; the few functions that differ (month of a date, days between dates) are
//! chosen per backend.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, QueryResult, Statement, Value};

use super::period::Period;
use crate::domain::{ActivityKind, Status};

/// Which leads a report counts: those of these municipalities, and the pool's if asked.
#[derive(Debug, Clone)]
pub struct Selection {
    pub municipalities: Vec<i64>,
    pub include_pool: bool,
}

struct Sql {
    backend: DatabaseBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(db: &crate::db::Db) -> Self {
        Sql {
            backend: db.get_database_backend(),
            text: String::new(),
            values: Vec::new(),
        }
    }
    fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }
    fn bind(&mut self, v: impl Into<Value>) -> &mut Self {
        self.text.push('?');
        self.values.push(v.into());
        self
    }
    /// `(l.municipality_id IN (…) OR l.municipality_id IS NULL)` for the selection.
    fn selection(&mut self, col: &str, sel: &Selection) -> &mut Self {
        self.push("(");
        if sel.municipalities.is_empty() {
            self.push("1=0");
        } else {
            self.push(col).push(" IN (");
            for (i, m) in sel.municipalities.iter().enumerate() {
                if i > 0 {
                    self.push(",");
                }
                self.bind(*m);
            }
            self.push(")");
        }
        if sel.include_pool {
            self.push(" OR ").push(col).push(" IS NULL");
        }
        self.push(")")
    }
    fn month(&self, col: &str) -> String {
        match self.backend {
            DatabaseBackend::Postgres => format!("to_char({col}, 'YYYY-MM')"),
            _ => format!("strftime('%Y-%m', {col})"),
        }
    }
    /// Whole days from the lead's creation (its first contact) to the day it moved in.
    fn days_to_move(&self) -> &'static str {
        match self.backend {
            DatabaseBackend::Postgres => {
                "CAST(l.moved_in_on - CAST(l.created_at AT TIME ZONE 'UTC' AS DATE) AS BIGINT)"
            }
            _ => {
                "CAST(julianday(l.moved_in_on) - julianday(substr(l.created_at, 1, 10)) AS BIGINT)"
            }
        }
    }
    fn statement(&self) -> Statement {
        let mut text = self.text.clone();
        if self.backend == DatabaseBackend::Postgres {
            let mut n = 0;
            text = self
                .text
                .chars()
                .map(|c| {
                    if c == '?' {
                        n += 1;
                        format!("${n}")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
        }
        Statement::from_sql_and_values(self.backend, text, self.values.clone())
    }
    async fn all(&self, db: &crate::db::Db) -> Result<Vec<QueryResult>, DbErr> {
        db.query_all(self.statement()).await
    }
}

fn int(r: &QueryResult, col: &str) -> i64 {
    r.try_get::<Option<i64>>("", col)
        .ok()
        .flatten()
        .unwrap_or(0)
}

fn text(r: &QueryResult, col: &str) -> Option<String> {
    r.try_get::<Option<String>>("", col).ok().flatten()
}

fn muni(r: &QueryResult) -> Option<i64> {
    r.try_get::<Option<i64>>("", "municipality_id")
        .ok()
        .flatten()
}

fn created_in(q: &mut Sql, p: &Period) {
    q.push(" AND l.created_at >= ")
        .bind(p.from_utc())
        .push(" AND l.created_at < ")
        .bind(p.until_utc());
}

/// New leads per municipality (None: the pool).
pub async fn new_leads(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(Option<i64>, i64)>, DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT l.municipality_id AS municipality_id, CAST(COUNT(*) AS BIGINT) AS n FROM leads l WHERE ");
    q.selection("l.municipality_id", sel);
    created_in(&mut q, p);
    q.push(" GROUP BY l.municipality_id");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (muni(r), int(r, "n")))
        .collect())
}

/// New leads by a text column of the lead (`source`), or of its campaign (`campaign`).
pub async fn new_leads_by(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
    by: By,
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut q = Sql::new(db);
    match by {
        By::Source => q.push("SELECT l.source AS k, CAST(COUNT(*) AS BIGINT) AS n FROM leads l WHERE "),
        By::Campaign => q.push("SELECT c.name AS k, CAST(COUNT(*) AS BIGINT) AS n FROM leads l JOIN campaigns c ON c.id = l.campaign_id WHERE "),
        By::Country => q.push("SELECT pr.country AS k, CAST(COUNT(*) AS BIGINT) AS n FROM leads l JOIN prospects pr ON pr.id = l.prospect_id WHERE "),
        By::SeRegion => q.push(
            "SELECT pr.se_region AS k, CAST(COUNT(*) AS BIGINT) AS n FROM leads l JOIN prospects pr ON pr.id = l.prospect_id WHERE pr.country = 'SE' AND pr.se_region IS NOT NULL AND ",
        ),
    };
    q.selection("l.municipality_id", sel);
    created_in(&mut q, p);
    q.push(match by {
        By::Source => " GROUP BY l.source",
        By::Campaign => " GROUP BY c.id, c.name",
        By::Country => " GROUP BY pr.country",
        By::SeRegion => " GROUP BY pr.se_region",
    });
    q.push(" ORDER BY n DESC, k");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (text(r, "k").unwrap_or_default(), int(r, "n")))
        .collect())
}

#[derive(Clone, Copy, Debug)]
pub enum By {
    Source,
    Campaign,
    Country,
    SeRegion,
}

/// The pipeline's statuses in order; a lead "reached" a status if it ever had it or a later one.
pub const PIPELINE: [Status; 6] = [
    Status::New,
    Status::Contacted,
    Status::InDialogue,
    Status::Visit,
    Status::Decided,
    Status::MovedIn,
];

fn rank_case(col: &str) -> String {
    let mut s = format!("CASE {col}");
    for (i, st) in PIPELINE.iter().enumerate() {
        s.push_str(&format!(" WHEN '{}' THEN {i}", st.as_str()));
    }
    s.push_str(" ELSE 0 END");
    s
}

/// For leads created in the period: how many reached each pipeline status.
pub async fn funnel(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(Status, i64)>, DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT CAST(t.r AS BIGINT) AS r, CAST(COUNT(*) AS BIGINT) AS n FROM (SELECT x.lead_id, MAX(x.r) AS r FROM (");
    q.push(&format!(
        "SELECT l.id AS lead_id, {} AS r FROM leads l WHERE ",
        rank_case("l.status")
    ));
    q.selection("l.municipality_id", sel);
    created_in(&mut q, p);
    q.push(&format!(" UNION ALL SELECT l.id AS lead_id, {} AS r FROM activities a JOIN leads l ON l.id = a.lead_id WHERE a.kind = 'status' AND ", rank_case("a.body")));
    q.selection("l.municipality_id", sel);
    created_in(&mut q, p);
    q.push(") x GROUP BY x.lead_id) t GROUP BY t.r");
    let rows: Vec<(i64, i64)> = q
        .all(db)
        .await?
        .iter()
        .map(|r| (int(r, "r"), int(r, "n")))
        .collect();
    Ok(PIPELINE
        .iter()
        .enumerate()
        .map(|(i, st)| {
            (
                *st,
                rows.iter()
                    .filter(|(r, _)| *r >= i as i64)
                    .map(|(_, n)| n)
                    .sum(),
            )
        })
        .collect())
}

/// Leads closed in the period, by outcome and reason.
pub async fn outcomes(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(String, Option<String>, i64)>, DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT l.status AS s, l.reason_code AS reason, CAST(COUNT(*) AS BIGINT) AS n FROM leads l WHERE l.closed_at IS NOT NULL AND ");
    q.selection("l.municipality_id", sel);
    q.push(" AND l.closed_at >= ")
        .bind(p.from_utc())
        .push(" AND l.closed_at < ")
        .bind(p.until_utc());
    q.push(" GROUP BY l.status, l.reason_code ORDER BY l.status, l.reason_code");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| {
            (
                text(r, "s").unwrap_or_default(),
                text(r, "reason"),
                int(r, "n"),
            )
        })
        .collect())
}

/// Households, adults and children that moved in during the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moved {
    pub households: i64,
    pub adults: i64,
    pub children: i64,
}

impl Moved {
    pub fn persons(&self) -> i64 {
        self.adults + self.children
    }
}

fn moved_in(q: &mut Sql, sel: &Selection, p: &Period) {
    q.push(" FROM leads l WHERE l.status = 'moved_in' AND l.moved_in_on >= ")
        .bind(p.from);
    q.push(" AND l.moved_in_on < ").bind(p.until).push(" AND ");
    q.selection("l.municipality_id", sel);
}

const MOVED_COLS: &str = "CAST(COUNT(*) AS BIGINT) AS households, CAST(SUM(l.moved_adults) AS BIGINT) AS adults, CAST(SUM(l.moved_children) AS BIGINT) AS children";

fn moved(r: &QueryResult) -> Moved {
    Moved {
        households: int(r, "households"),
        adults: int(r, "adults"),
        children: int(r, "children"),
    }
}

/// Moved in per municipality and month (`YYYY-MM`).
pub async fn moved_in_by_month(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(Option<i64>, String, Moved)>, DbErr> {
    let mut q = Sql::new(db);
    let month = q.month("l.moved_in_on");
    q.push(&format!(
        "SELECT l.municipality_id AS municipality_id, {month} AS month, {MOVED_COLS}"
    ));
    moved_in(&mut q, sel, p);
    q.push(&format!(
        " GROUP BY l.municipality_id, {month} ORDER BY month"
    ));
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (muni(r), text(r, "month").unwrap_or_default(), moved(r)))
        .collect())
}

/// Moved in per municipality.
pub async fn moved_in_by_municipality(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(Option<i64>, Moved)>, DbErr> {
    let mut q = Sql::new(db);
    q.push(&format!(
        "SELECT l.municipality_id AS municipality_id, {MOVED_COLS}"
    ));
    moved_in(&mut q, sel, p);
    q.push(" GROUP BY l.municipality_id");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (muni(r), moved(r)))
        .collect())
}

/// Moved in by the source that brought the lead.
pub async fn moved_in_by_source(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(String, Moved)>, DbErr> {
    let mut q = Sql::new(db);
    q.push(&format!("SELECT l.source AS k, {MOVED_COLS}"));
    moved_in(&mut q, sel, p);
    q.push(" GROUP BY l.source ORDER BY households DESC, k");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (text(r, "k").unwrap_or_default(), moved(r)))
        .collect())
}

/// The median of days from first contact to moving in, over the households that moved in
/// during the period; `None` when none did. Two small queries: the count, then the middle
/// row(s) by OFFSET (SQLite has no percentile function).
pub async fn median_days_to_move(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<(i64, Option<f64>), DbErr> {
    let mut c = Sql::new(db);
    c.push("SELECT CAST(COUNT(*) AS BIGINT) AS n");
    moved_in(&mut c, sel, p);
    let n = c.all(db).await?.first().map(|r| int(r, "n")).unwrap_or(0);
    if n == 0 {
        return Ok((0, None));
    }
    let mut q = Sql::new(db);
    let days = q.days_to_move();
    q.push(&format!("SELECT {days} AS d"));
    moved_in(&mut q, sel, p);
    q.push(&format!(
        " ORDER BY d LIMIT {} OFFSET {}",
        if n % 2 == 0 { 2 } else { 1 },
        (n - 1) / 2
    ));
    let middle: Vec<i64> = q.all(db).await?.iter().map(|r| int(r, "d")).collect();
    let median = middle.iter().sum::<i64>() as f64 / middle.len().max(1) as f64;
    Ok((n, Some(median)))
}

fn contact_kinds() -> String {
    ActivityKind::ALL
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

/// Contacts logged in the period, per municipality.
pub async fn contacts_by_municipality(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(Option<i64>, i64)>, DbErr> {
    let mut q = Sql::new(db);
    q.push(&format!("SELECT l.municipality_id AS municipality_id, CAST(COUNT(*) AS BIGINT) AS n FROM activities a JOIN leads l ON l.id = a.lead_id WHERE a.kind IN ({}) AND ", contact_kinds()));
    q.selection("l.municipality_id", sel);
    q.push(" AND a.occurred_at >= ")
        .bind(p.from_utc())
        .push(" AND a.occurred_at < ")
        .bind(p.until_utc());
    q.push(" GROUP BY l.municipality_id");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (muni(r), int(r, "n")))
        .collect())
}

/// Contacts logged in the period, per guide (by name).
pub async fn contacts_by_guide(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut q = Sql::new(db);
    q.push(&format!("SELECT u.name AS k, CAST(COUNT(*) AS BIGINT) AS n FROM activities a JOIN leads l ON l.id = a.lead_id JOIN users u ON u.id = a.user_id WHERE a.kind IN ({}) AND ", contact_kinds()));
    q.selection("l.municipality_id", sel);
    q.push(" AND a.occurred_at >= ")
        .bind(p.from_utc())
        .push(" AND a.occurred_at < ")
        .bind(p.until_utc());
    q.push(" GROUP BY u.id, u.name ORDER BY n DESC, k");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (text(r, "k").unwrap_or_default(), int(r, "n")))
        .collect())
}

/// Open and overdue follow-ups now, per municipality.
pub async fn follow_ups(
    db: &crate::db::Db,
    sel: &Selection,
    today: NaiveDate,
) -> Result<Vec<(Option<i64>, i64, i64)>, DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT f.municipality_id AS municipality_id, CAST(COUNT(*) AS BIGINT) AS open, CAST(SUM(CASE WHEN f.due_on < ");
    q.bind(today).push(
        " THEN 1 ELSE 0 END) AS BIGINT) AS overdue FROM follow_ups f WHERE f.done_at IS NULL AND ",
    );
    q.selection("f.municipality_id", sel);
    q.push(" GROUP BY f.municipality_id");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| (muni(r), int(r, "open"), int(r, "overdue")))
        .collect())
}

/// Stay checks of the households that moved in during the period, per municipality:
/// (municipality, stayed after 6 months, moved away by 6, stayed after 12, moved away by 12).
pub async fn stay_checks(
    db: &crate::db::Db,
    sel: &Selection,
    p: &Period,
) -> Result<Vec<(Option<i64>, Vec<i64>)>, DbErr> {
    let mut q = Sql::new(db);
    let count = |kind: &str, answer: &str| {
        format!("CAST(SUM(CASE WHEN f.kind = '{kind}' AND f.answer = '{answer}' THEN 1 ELSE 0 END) AS BIGINT)")
    };
    q.push(&format!(
        "SELECT l.municipality_id AS municipality_id, {} AS s6, {} AS m6, {} AS s12, {} AS m12 FROM follow_ups f JOIN leads l ON l.id = f.lead_id WHERE f.kind IN ('stay_6', 'stay_12') AND l.moved_in_on >= ",
        count("stay_6", "stayed"),
        count("stay_6", "moved_away"),
        count("stay_12", "stayed"),
        count("stay_12", "moved_away"),
    ));
    q.bind(p.from)
        .push(" AND l.moved_in_on < ")
        .bind(p.until)
        .push(" AND ");
    q.selection("l.municipality_id", sel);
    q.push(" GROUP BY l.municipality_id");
    Ok(q.all(db)
        .await?
        .iter()
        .map(|r| {
            (
                muni(r),
                vec![int(r, "s6"), int(r, "m6"), int(r, "s12"), int(r, "m12")],
            )
        })
        .collect())
}
