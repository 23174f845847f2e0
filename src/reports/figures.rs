//! What a report counts, read from the database as disclosure families (`disclosure`): for a
//! calendar year, one query per family, grouped by every attribute a table breaks down by
//! and by month, so that each group is one record of the family. The tables, charts and
//! exports are then sums of these; suppression needs the whole year at once, because a
//! month's hidden figure must not be worked back from its quarter or year.
//!
//! The SQL is written once with `?` placeholders and numbered for PostgreSQL. Months are
//! Stockholm's: a timestamp falls in the month whose local midnight it follows.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, QueryResult, Statement, Value};

use super::disclosure::{Family, Plausible, Record, Template, NONE};
use crate::domain::{ActivityKind, ReasonCode, Source, Status};
use crate::web::format::day_start;

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
    /// The month (0–11) of a column, given where each month starts (`start(year, month)`).
    fn month_by<V: Into<Value>>(
        &mut self,
        col: &str,
        year: i32,
        start: impl Fn(i32, u32) -> V,
    ) -> &mut Self {
        self.push("CAST(CASE");
        for m in 1..12 {
            self.push(&format!(" WHEN {col} < "))
                .bind(start(year, m + 1))
                .push(&format!(" THEN {}", m - 1));
        }
        self.push(" ELSE 11 END AS BIGINT)")
    }
    /// The month of a timestamp column, in Stockholm time.
    fn month_of_time(&mut self, col: &str, year: i32) -> &mut Self {
        self.month_by(col, year, |y, m| day_start(first(y, m)))
    }
    /// The month of a date column.
    fn month_of_date(&mut self, col: &str, year: i32) -> &mut Self {
        self.month_by(col, year, first)
    }
    /// The column falls in the year, given where a month starts.
    fn in_year<V: Into<Value>>(
        &mut self,
        col: &str,
        year: i32,
        start: impl Fn(i32, u32) -> V,
    ) -> &mut Self {
        self.push(&format!(" AND {col} >= "))
            .bind(start(year, 1))
            .push(&format!(" AND {col} < "))
            .bind(start(year + 1, 1))
    }
    fn time_in(&mut self, col: &str, year: i32) -> &mut Self {
        self.in_year(col, year, |y, m| day_start(first(y, m)))
    }
    fn date_in(&mut self, col: &str, year: i32) -> &mut Self {
        self.in_year(col, year, first)
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
        Statement::from_sql_and_values(
            self.backend,
            numbered(self.backend, &self.text),
            self.values.clone(),
        )
    }
    async fn all(&self, db: &crate::db::Db) -> Result<Vec<QueryResult>, DbErr> {
        db.query_all(self.statement()).await
    }
}

/// A statement's `?` as the backend writes them (`$1`, `$2`, … on PostgreSQL).
pub(super) fn numbered(backend: DatabaseBackend, sql: &str) -> String {
    if backend != DatabaseBackend::Postgres {
        return sql.to_string();
    }
    let mut n = 0;
    sql.chars()
        .map(|c| {
            if c == '?' {
                n += 1;
                format!("${n}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub(super) fn first(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month > 12 {
        (year + 1, month - 12)
    } else {
        (year, month)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default()
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

fn month(r: &QueryResult) -> u8 {
    int(r, "mo").clamp(0, 11) as u8
}

/// A municipality as an attribute: its id, the pool 0.
pub fn municipality_code(id: Option<i64>) -> u32 {
    id.map_or(0, |i| i as u32)
}

/// A short code (a country, a county) as an attribute, and back.
pub fn short_code(s: &str) -> u32 {
    s.bytes().take(4).fold(0u32, |acc, b| (acc << 8) | b as u32)
}

pub fn short_text(code: u32) -> String {
    code.to_be_bytes()
        .iter()
        .filter(|b| **b != 0)
        .map(|b| *b as char)
        .collect()
}

pub(super) fn index_of<T: PartialEq>(all: &[T], x: Option<T>) -> u32 {
    x.and_then(|x| all.iter().position(|a| *a == x))
        .map_or(NONE, |i| i as u32)
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

fn contact_kinds() -> String {
    ActivityKind::ALL
        .iter()
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

/// Every municipality of the selection as an attribute value (a record may be moved to one
/// that has none that month).
fn municipalities(sel: &Selection) -> Vec<u32> {
    let mut out: Vec<u32> = sel
        .municipalities
        .iter()
        .map(|m| municipality_code(Some(*m)))
        .collect();
    if sel.include_pool {
        out.push(municipality_code(None));
    }
    out
}

fn template(dims: &[usize]) -> Template {
    Template {
        dims: dims.to_vec(),
        cumulative: false,
        count_only: false,
        off: false,
    }
}

/// New leads: by municipality, source, campaign, country, county, and how far they came.
pub mod leads {
    pub const MUNICIPALITY: usize = 0;
    pub const SOURCE: usize = 1;
    pub const CAMPAIGN: usize = 2;
    pub const COUNTRY: usize = 3;
    pub const COUNTY: usize = 4;
    pub const STEP: usize = 5;
    /// Templates, in the order of `Family::templates`.
    pub const BY_MUNICIPALITY: usize = 0;
    pub const BY_SOURCE: usize = 1;
    pub const BY_CAMPAIGN: usize = 2;
    pub const BY_COUNTRY: usize = 3;
    pub const BY_COUNTY: usize = 4;
    pub const FUNNEL: usize = 5;
    pub const TOTAL: usize = 6;
}

/// Households that moved in: by municipality and source, and the answers to their stay
/// checks (one household, its answers with it); households, adults, children, persons.
pub mod moved {
    pub const MUNICIPALITY: usize = 0;
    pub const SOURCE: usize = 1;
    /// The answer to the check 6 months after moving in (`STATES`; none: no check).
    pub const STAY_6: usize = 2;
    pub const STAY_12: usize = 3;
    pub const BY_MUNICIPALITY: usize = 0;
    pub const BY_SOURCE: usize = 1;
    pub const TOTAL: usize = 2;
    pub const STAY_6_BY_MUNICIPALITY: usize = 3;
    pub const STAY_6_TOTAL: usize = 4;
    pub const STAY_12_BY_MUNICIPALITY: usize = 5;
    pub const STAY_12_TOTAL: usize = 6;
    pub const HOUSEHOLDS: usize = 0;
    pub const ADULTS: usize = 1;
    pub const CHILDREN: usize = 2;
    pub const PERSONS: usize = 3;
    pub const STAYED: u32 = 0;
    pub const MOVED_AWAY: u32 = 1;
    pub const UNANSWERED: u32 = 2;
    pub const NOT_DUE: u32 = 3;
    pub const STATES: [u32; 4] = [STAYED, MOVED_AWAY, UNANSWERED, NOT_DUE];
}

/// Contacts logged: by municipality (and by guide, in a guide's own report).
pub mod contacts {
    pub const MUNICIPALITY: usize = 0;
    pub const GUIDE: usize = 1;
    pub const BY_MUNICIPALITY: usize = 0;
    pub const TOTAL: usize = 1;
    pub const BY_GUIDE: usize = 2;
}

/// Mailings to movers: recipients by the month they were queued, unsubscribes by the month
/// they came (through a mailing's link), by the municipality of the lead each recipient was
/// reached through (the pool 0).
pub mod mailings {
    pub const MUNICIPALITY: usize = 0;
    pub const BY_MUNICIPALITY: usize = 0;
    pub const TOTAL: usize = 1;
    pub const RECIPIENTS: usize = 0;
    pub const UNSUBSCRIBED: usize = 1;
}

/// Jobs and homes: households sent a selection, each once, by the month of its first, and
/// households that moved in after one (a selection sent on or before the day, in
/// Stockholm, they moved in), by the month they moved in; by the lead's municipality (the
/// pool 0). Both are people: hidden and protected.
/// Vacancies published and homes registered are no one's and are shown as they are
/// (`Year::offers_published`).
pub mod offers {
    pub const MUNICIPALITY: usize = 0;
    pub const BY_MUNICIPALITY: usize = 0;
    pub const TOTAL: usize = 1;
    pub const SELECTIONS: usize = 0;
    pub const MOVED_AFTER: usize = 1;
}

/// Leads closed: by outcome (status and reason).
pub mod outcomes {
    pub const OUTCOME: usize = 0;
    pub const BY_OUTCOME: usize = 0;
}

/// Follow-ups open today (all in month 0): by municipality, and whether overdue. Tasks
/// only: stay checks are counted in the stay tables, and counted twice a reader could bound
/// one with the other.
pub mod open {
    pub const MUNICIPALITY: usize = 0;
    pub const OVERDUE: usize = 1;
    pub const BY_MUNICIPALITY: usize = 0;
    pub const OVERDUE_BY_MUNICIPALITY: usize = 1;
    pub const TOTAL: usize = 2;
    pub const OVERDUE_TOTAL: usize = 3;
}

/// A year of report data for one selection.
#[derive(Debug, Default)]
pub struct Year {
    pub leads: Family,
    pub moved: Family,
    /// Days from first contact to moving in, one per record of `moved`.
    pub days: Vec<i64>,
    pub contacts: Family,
    pub outcomes: Family,
    pub open: Family,
    /// Recipients and unsubscribes of mailings (`mailings`).
    pub mailings: Family,
    /// Which mailing reached which municipality in which month (the month it started): the
    /// number of mailings, shown only where every recipient figure it spans is
    /// (`reports::table`).
    pub mailing_reach: Vec<(i64, u32, u8)>,
    /// Selections sent and households moved in after one (`offers`).
    pub offers: Family,
    /// Vacancies published and homes registered: (municipality code, month, vacancies,
    /// homes).
    pub offers_published: Vec<(u32, u8, i64, i64)>,
    pub campaigns: HashMap<u32, String>,
    pub guides: HashMap<u32, String>,
}

/// An outcome (a closing status and a reason) as one attribute.
pub fn outcome_code(status: Option<Status>, reason: Option<ReasonCode>) -> u32 {
    let s = index_of(Status::ALL, status);
    let r = index_of(ReasonCode::ALL, reason);
    if s == NONE {
        return NONE;
    }
    s * 1000 + if r == NONE { 999 } else { r }
}

pub fn outcome_of(code: u32) -> (Option<Status>, Option<ReasonCode>) {
    (
        Status::ALL.get((code / 1000) as usize).copied(),
        ReasonCode::ALL.get((code % 1000) as usize).copied(),
    )
}

/// Reads the year's families for the selection. `guides`: break contacts down by guide too
/// (a guide's own report). `today` decides which stay checks are due and which
/// follow-ups overdue.
/// How much of a year is read: everything, or the families whose totals a report compares
/// with (the year before: new leads, moving in, contacts); the others are then empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    All,
    Totals,
}

/// Where the figures come from: the sums the database keeps (`kept`), or counted from the
/// rows themselves (the reference the kept sums are tested against).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Kept,
    FromRows,
}

pub async fn year(
    db: &crate::db::Db,
    sel: &Selection,
    (year, today): (i32, NaiveDate),
    guides: bool,
    (part, counted): (Part, Counted),
) -> Result<Year, DbErr> {
    let mut y = match counted {
        Counted::Kept => super::kept::year(db, sel, (year, today), guides, part).await?,
        Counted::FromRows => from_rows(db, sel, (year, today), guides, part).await?,
    };
    // Mailings are few beside leads: read from their rows both ways.
    if part == Part::All {
        (y.mailings, y.mailing_reach) = read_mailings(db, sel, year).await?;
        (y.offers, y.offers_published) = read_offers(db, sel, year).await?;
    }
    Ok(canonical(y))
}

/// The records in one order, equal ones as one: what is published then depends on the
/// figures alone, not on how they were read (the hiding of small cells chooses among
/// equals by order).
fn canonical(mut y: Year) -> Year {
    y.mailing_reach.sort_unstable();
    y.mailing_reach.dedup();
    y.offers_published.sort_unstable();
    for f in [
        &mut y.leads,
        &mut y.contacts,
        &mut y.outcomes,
        &mut y.open,
        &mut y.mailings,
        &mut y.offers,
    ] {
        let mut sums: std::collections::BTreeMap<(Vec<u32>, u8, Vec<i64>), i64> =
            std::collections::BTreeMap::new();
        for r in f.records.drain(..) {
            *sums.entry((r.attrs, r.month, r.unit)).or_default() += r.weight;
        }
        f.records = sums
            .into_iter()
            .filter(|(_, w)| *w != 0)
            .map(|((attrs, month, unit), weight)| Record {
                attrs,
                month,
                weight,
                unit,
            })
            .collect();
    }
    // A household is a record of its own (its days to move go with it).
    let mut moved: Vec<(Record, i64)> = y.moved.records.drain(..).zip(y.days.drain(..)).collect();
    moved.sort_by(|(a, da), (b, db)| {
        (&a.attrs, a.month, &a.unit, da).cmp(&(&b.attrs, b.month, &b.unit, db))
    });
    (y.moved.records, y.days) = moved.into_iter().unzip();
    y
}

async fn from_rows(
    db: &crate::db::Db,
    sel: &Selection,
    (year, today): (i32, NaiveDate),
    guides: bool,
    part: Part,
) -> Result<Year, DbErr> {
    let (leads, moved, contacts) = tokio::try_join!(
        read_leads(db, sel, year),
        read_moved(db, sel, year, today),
        read_contacts(db, sel, year, guides),
    )?;
    let (outcomes, open) = match part {
        Part::All => tokio::try_join!(read_outcomes(db, sel, year), read_open(db, sel, today))?,
        Part::Totals => (Family::default(), Family::default()),
    };
    let (leads, campaigns) = leads;
    let (moved, days) = moved;
    let (contacts, guide_names) = contacts;
    Ok(Year {
        leads,
        moved,
        days,
        contacts,
        outcomes,
        open,
        campaigns,
        guides: guide_names,
        ..Year::default()
    })
}

/// A county is only known of a lead from Sweden; a lead of the pool is new (no guide has
/// worked on it).
fn county_only_in_sweden(_: &[u32], to: &[u32]) -> bool {
    let pool = to[leads::MUNICIPALITY] == municipality_code(None);
    (to[leads::COUNTY] == NONE || to[leads::COUNTRY] == short_code("SE"))
        && (!pool || to[leads::STEP] == 0)
}

/// Every municipality of the selection, without the pool: no guide logs a contact on a
/// pool lead or moves one in.
fn worked_on(sel: &Selection) -> Vec<u32> {
    sel.municipalities
        .iter()
        .map(|m| municipality_code(Some(*m)))
        .collect()
}

async fn read_leads(
    db: &crate::db::Db,
    sel: &Selection,
    year: i32,
) -> Result<(Family, HashMap<u32, String>), DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT l.municipality_id AS m, l.source AS s, l.campaign_id AS c, c.name AS cn, pr.country AS k, pr.se_region AS r, ");
    q.push(&format!(
        "CAST({} AS BIGINT) AS lr, CAST((SELECT MAX({}) FROM activities a WHERE a.lead_id = l.id AND a.kind = 'status') AS BIGINT) AS ar, ",
        rank_case("l.status"),
        rank_case("a.body")
    ));
    q.month_of_time("l.created_at", year);
    q.push(" AS mo, CAST(COUNT(*) AS BIGINT) AS n FROM leads l JOIN prospects pr ON pr.id = l.prospect_id LEFT JOIN campaigns c ON c.id = l.campaign_id WHERE ");
    q.selection("l.municipality_id", sel);
    q.time_in("l.created_at", year);
    q.push(" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9");
    let mut names = HashMap::new();
    let mut records = Vec::new();
    for r in q.all(db).await? {
        let campaign = r
            .try_get::<Option<i64>>("", "c")
            .ok()
            .flatten()
            .map_or(NONE, |c| c as u32);
        if let Some(name) = text(&r, "cn") {
            names.insert(campaign, name);
        }
        let country = text(&r, "k").filter(|c| !c.is_empty());
        let county = match (country.as_deref(), text(&r, "r")) {
            (Some("SE"), Some(c)) if !c.is_empty() => short_code(&c),
            _ => NONE,
        };
        records.push(Record {
            attrs: vec![
                municipality_code(r.try_get::<Option<i64>>("", "m").ok().flatten()),
                index_of(
                    Source::ALL,
                    text(&r, "s").as_deref().and_then(Source::parse),
                ),
                campaign,
                country.as_deref().map_or(0, short_code),
                county,
                int(&r, "lr").max(int(&r, "ar")).clamp(0, 5) as u32,
            ],
            month: month(&r),
            weight: int(&r, "n"),
            unit: vec![1],
        });
    }
    Ok((leads_family(sel, records), names))
}

pub(super) fn leads_family(sel: &Selection, records: Vec<Record>) -> Family {
    Family {
        templates: vec![
            template(&[leads::MUNICIPALITY]),
            template(&[leads::SOURCE]),
            template(&[leads::CAMPAIGN]),
            template(&[leads::COUNTRY]),
            template(&[leads::COUNTY]),
            Template {
                dims: vec![leads::STEP],
                cumulative: true,
                count_only: false,
                off: false,
            },
            template(&[]),
        ],
        measures: 1,
        month_measures: 1,
        trade: None,
        records,
        domain: vec![municipalities(sel), (0..Source::ALL.len() as u32).collect()],
        allowed: Some(county_only_in_sweden),
        months: None,
    }
}

/// A stay check's answer as an attribute: the `a…` and `later…` columns of `read_moved`.
pub(super) fn stay_state(answer: Option<String>, later: i64, exists: bool) -> u32 {
    match answer.as_deref() {
        _ if !exists => NONE,
        Some("stayed") => moved::STAYED,
        Some("moved_away") => moved::MOVED_AWAY,
        _ if later == 1 => moved::NOT_DUE,
        _ => moved::UNANSWERED,
    }
}

/// A household's answers may be other answers, but a check that is not yet due stays so
/// (a reader knows which households moved in less than six months ago).
fn answers_may_change(from: &[u32], to: &[u32]) -> bool {
    [moved::STAY_6, moved::STAY_12].iter().all(|d| {
        (from[*d] == moved::NOT_DUE) == (to[*d] == moved::NOT_DUE)
            && (from[*d] == NONE) == (to[*d] == NONE)
    })
}

/// The months a household could have moved in, given its answers and today: a check not
/// yet due is not due for every household of the month, "stayed" or no answer needs the
/// check to be due for some ("moved away" can be told early).
fn plausible_months(attrs: &[u32], year: i32, today: NaiveDate) -> u16 {
    let mut mask = 0u16;
    for m in 0..12u32 {
        let (start, next) = (first(year, m + 1), first(year, m + 2));
        let fits = [(moved::STAY_6, 6), (moved::STAY_12, 12)]
            .iter()
            .all(|(d, k)| {
                let none_due = start + chrono::Months::new(*k) > today;
                let all_due = next + chrono::Months::new(*k) <= today + chrono::Days::new(1);
                match attrs[*d] {
                    NONE => true,
                    moved::NOT_DUE => !all_due,
                    // Told early: any month up to today.
                    moved::MOVED_AWAY => start <= today,
                    _ => !none_due,
                }
            });
        if fits {
            mask |= 1 << m;
        }
    }
    mask
}

fn answers_may_change_outside_the_pool(from: &[u32], to: &[u32]) -> bool {
    answers_may_change(from, to) && not_in_the_pool(from, to)
}

async fn read_moved(
    db: &crate::db::Db,
    sel: &Selection,
    year: i32,
    today: NaiveDate,
) -> Result<(Family, Vec<i64>), DbErr> {
    let mut q = Sql::new(db);
    let days = q.days_to_move();
    q.push(&format!("SELECT l.municipality_id AS m, l.source AS s, CAST(l.moved_adults AS BIGINT) AS a, CAST(l.moved_children AS BIGINT) AS c, {days} AS d, "));
    for kind in ["6", "12"] {
        let check = format!("FROM follow_ups f WHERE f.lead_id = l.id AND f.kind = 'stay_{kind}'");
        q.push(&format!("(SELECT MIN(f.answer) {check}) AS a{kind}, CAST((SELECT COUNT(*) {check}) AS BIGINT) AS n{kind}, CAST((SELECT MAX(CASE WHEN f.due_on > "));
        q.bind(today);
        q.push(&format!(
            " THEN 1 ELSE 0 END) {check}) AS BIGINT) AS later{kind}, "
        ));
    }
    q.month_of_date("l.moved_in_on", year);
    q.push(" AS mo FROM leads l WHERE l.status = 'moved_in' AND ");
    q.selection("l.municipality_id", sel);
    q.date_in("l.moved_in_on", year);
    q.push(" ORDER BY l.id");
    let mut records = Vec::new();
    let mut days = Vec::new();
    for r in q.all(db).await? {
        let (a, c) = (int(&r, "a").max(0), int(&r, "c").max(0));
        records.push(Record {
            attrs: vec![
                municipality_code(r.try_get::<Option<i64>>("", "m").ok().flatten()),
                index_of(
                    Source::ALL,
                    text(&r, "s").as_deref().and_then(Source::parse),
                ),
                stay_state(text(&r, "a6"), int(&r, "later6"), int(&r, "n6") > 0),
                stay_state(text(&r, "a12"), int(&r, "later12"), int(&r, "n12") > 0),
            ],
            month: month(&r),
            weight: 1,
            unit: vec![1, a, c, a + c],
        });
        days.push(int(&r, "d"));
    }
    Ok((moved_family(sel, records, (year, today)), days))
}

pub(super) fn moved_family(
    sel: &Selection,
    records: Vec<Record>,
    (year, today): (i32, NaiveDate),
) -> Family {
    // Every pair of answers, not only those of the records: a move may give a record any.
    let mut masks = HashMap::new();
    let answers: Vec<u32> = moved::STATES.iter().copied().chain([NONE]).collect();
    for &six in &answers {
        for &twelve in &answers {
            let mut attrs = vec![NONE; 4];
            attrs[moved::STAY_6] = six;
            attrs[moved::STAY_12] = twelve;
            masks.insert(vec![six, twelve], plausible_months(&attrs, year, today));
        }
    }
    let months = Some(Plausible {
        dims: vec![moved::STAY_6, moved::STAY_12],
        masks,
    });
    let stays = |dims: &[usize]| Template {
        dims: dims.to_vec(),
        cumulative: false,
        count_only: true,
        off: false,
    };
    Family {
        templates: vec![
            template(&[moved::MUNICIPALITY]),
            template(&[moved::SOURCE]),
            template(&[]),
            stays(&[moved::MUNICIPALITY, moved::STAY_6]),
            stays(&[moved::STAY_6]),
            stays(&[moved::MUNICIPALITY, moved::STAY_12]),
            stays(&[moved::STAY_12]),
        ],
        measures: 4,
        month_measures: 1,
        trade: Some((moved::ADULTS, moved::CHILDREN)),
        records,
        domain: vec![
            worked_on(sel),
            (0..Source::ALL.len() as u32).collect(),
            moved::STATES.to_vec(),
            moved::STATES.to_vec(),
        ],
        allowed: Some(answers_may_change_outside_the_pool),
        months,
    }
}

/// A record that no guide could have made in the pool stays out of it.
fn not_in_the_pool(_: &[u32], to: &[u32]) -> bool {
    to[0] != municipality_code(None)
}

async fn read_contacts(
    db: &crate::db::Db,
    sel: &Selection,
    year: i32,
    guides: bool,
) -> Result<(Family, HashMap<u32, String>), DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT l.municipality_id AS m, a.user_id AS g, u.name AS gn, ");
    q.month_of_time("a.occurred_at", year);
    q.push(&format!(" AS mo, CAST(COUNT(*) AS BIGINT) AS n FROM activities a JOIN leads l ON l.id = a.lead_id LEFT JOIN users u ON u.id = a.user_id WHERE a.kind IN ({}) AND ", contact_kinds()));
    q.selection("l.municipality_id", sel);
    q.time_in("a.occurred_at", year);
    q.push(" GROUP BY 1, 2, 3, 4");
    let mut names = HashMap::new();
    let mut records = Vec::new();
    for r in q.all(db).await? {
        let guide = r
            .try_get::<Option<i64>>("", "g")
            .ok()
            .flatten()
            .map_or(NONE, |g| g as u32);
        if let Some(n) = text(&r, "gn") {
            names.insert(guide, n);
        }
        records.push(Record {
            attrs: vec![
                municipality_code(r.try_get::<Option<i64>>("", "m").ok().flatten()),
                guide,
            ],
            month: month(&r),
            weight: int(&r, "n"),
            unit: vec![1],
        });
    }
    Ok((contacts_family(sel, records, guides), names))
}

pub(super) fn contacts_family(sel: &Selection, records: Vec<Record>, guides: bool) -> Family {
    let mut templates = vec![template(&[contacts::MUNICIPALITY]), template(&[])];
    if guides {
        templates.push(template(&[contacts::GUIDE]));
    }
    Family {
        templates,
        measures: 1,
        month_measures: 1,
        trade: None,
        records,
        domain: vec![worked_on(sel)],
        allowed: Some(not_in_the_pool),
        months: None,
    }
}

async fn read_outcomes(db: &crate::db::Db, sel: &Selection, year: i32) -> Result<Family, DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT l.status AS s, l.reason_code AS r, ");
    q.month_of_time("l.closed_at", year);
    q.push(" AS mo, CAST(COUNT(*) AS BIGINT) AS n FROM leads l WHERE l.closed_at IS NOT NULL AND ");
    q.selection("l.municipality_id", sel);
    q.time_in("l.closed_at", year);
    q.push(" GROUP BY 1, 2, 3");
    let records = q
        .all(db)
        .await?
        .iter()
        .map(|r| Record {
            attrs: vec![outcome_code(
                text(r, "s").as_deref().and_then(Status::parse),
                text(r, "r").as_deref().and_then(ReasonCode::parse),
            )],
            month: month(r),
            weight: int(r, "n"),
            unit: vec![1],
        })
        .collect();
    Ok(outcomes_family(records))
}

pub(super) fn outcomes_family(records: Vec<Record>) -> Family {
    Family {
        templates: vec![template(&[outcomes::OUTCOME])],
        measures: 1,
        month_measures: 1,
        trade: None,
        records,
        // Any closing of any lead: a record may be moved to an outcome nobody had.
        domain: vec![Status::ALL
            .iter()
            .flat_map(|s| {
                ReasonCode::ALL
                    .iter()
                    .map(move |r| outcome_code(Some(*s), Some(*r)))
                    .chain([outcome_code(Some(*s), None)])
            })
            .collect()],
        allowed: None,
        months: None,
    }
}

async fn read_open(db: &crate::db::Db, sel: &Selection, today: NaiveDate) -> Result<Family, DbErr> {
    let mut q = Sql::new(db);
    q.push("SELECT f.municipality_id AS m, CAST(CASE WHEN f.due_on < ");
    q.bind(today);
    q.push(" THEN 1 ELSE 0 END AS BIGINT) AS late, CAST(COUNT(*) AS BIGINT) AS n FROM follow_ups f WHERE f.done_at IS NULL AND f.kind = 'task' AND ");
    q.selection("f.municipality_id", sel);
    q.push(" GROUP BY 1, 2");
    let records = q
        .all(db)
        .await?
        .iter()
        .map(|r| Record {
            attrs: vec![
                municipality_code(r.try_get::<Option<i64>>("", "m").ok().flatten()),
                if int(r, "late") == 1 { 1 } else { NONE },
            ],
            month: 0,
            weight: int(r, "n"),
            unit: vec![1],
        })
        .collect();
    Ok(open_family(sel, records))
}

pub(super) fn open_family(sel: &Selection, records: Vec<Record>) -> Family {
    Family {
        templates: vec![
            template(&[open::MUNICIPALITY]),
            template(&[open::MUNICIPALITY, open::OVERDUE]),
            template(&[]),
            template(&[open::OVERDUE]),
        ],
        measures: 1,
        month_measures: 1,
        trade: None,
        records,
        domain: vec![municipalities(sel), vec![1, NONE]],
        allowed: None,
        months: None,
    }
}

/// The year's mailing recipients and unsubscribes, and which mailings reached where.
async fn read_mailings(
    db: &crate::db::Db,
    sel: &Selection,
    year: i32,
) -> Result<(Family, Vec<(i64, u32, u8)>), DbErr> {
    let mut records = Vec::new();
    for (col, unit) in [
        ("r.queued_at", vec![1, 0]),
        ("r.unsubscribed_at", vec![0, 1]),
    ] {
        let mut q = Sql::new(db);
        q.push("SELECT r.municipality_id AS m, ");
        q.month_of_time(col, year);
        q.push(" AS mo, CAST(COUNT(*) AS BIGINT) AS n FROM mailing_recipients r WHERE ");
        q.selection("r.municipality_id", sel);
        q.time_in(col, year);
        q.push(" GROUP BY 1, 2");
        for r in q.all(db).await? {
            records.push(Record {
                attrs: vec![municipality_code(
                    r.try_get::<Option<i64>>("", "m").ok().flatten(),
                )],
                month: month(&r),
                weight: int(&r, "n"),
                unit: unit.clone(),
            });
        }
    }
    let mut q = Sql::new(db);
    q.push("SELECT r.mailing_id AS id, r.municipality_id AS m, ");
    q.month_of_time("ml.started_at", year);
    q.push(" AS mo FROM mailing_recipients r JOIN mailings ml ON ml.id = r.mailing_id WHERE ");
    q.selection("r.municipality_id", sel);
    q.time_in("ml.started_at", year);
    q.push(" GROUP BY 1, 2, 3");
    let reach = q
        .all(db)
        .await?
        .iter()
        .map(|r| {
            (
                int(r, "id"),
                municipality_code(r.try_get::<Option<i64>>("", "m").ok().flatten()),
                month(r),
            )
        })
        .collect();
    let family = Family {
        templates: vec![template(&[mailings::MUNICIPALITY]), template(&[])],
        measures: 2,
        month_measures: 2,
        trade: None,
        records,
        domain: vec![municipalities(sel)],
        allowed: None,
        months: None,
    };
    Ok((family, reach))
}

/// The year's selections and the households that moved in after one, and the vacancies
/// published and homes registered.
async fn read_offers(
    db: &crate::db::Db,
    sel: &Selection,
    year: i32,
) -> Result<(Family, Vec<(u32, u8, i64, i64)>), DbErr> {
    let code = |r: &sea_orm::QueryResult| {
        municipality_code(r.try_get::<Option<i64>>("", "m").ok().flatten())
    };
    let mut records = Vec::new();
    // Each household once, in the month of its first selection.
    let mut q = Sql::new(db);
    q.push("SELECT l.municipality_id AS m, ");
    q.month_of_time("f.first_at", year);
    q.push(
        " AS mo, CAST(COUNT(*) AS BIGINT) AS n FROM (SELECT s.lead_id AS lead_id, \
         MIN(s.created_at) AS first_at FROM selections s GROUP BY s.lead_id) f \
         JOIN leads l ON l.id = f.lead_id WHERE ",
    );
    q.selection("l.municipality_id", sel);
    q.time_in("f.first_at", year);
    q.push(" GROUP BY 1, 2");
    for r in q.all(db).await? {
        records.push(Record {
            attrs: vec![code(&r)],
            month: month(&r),
            weight: int(&r, "n"),
            unit: vec![1, 0],
        });
    }
    let mut q = Sql::new(db);
    q.push("SELECT l.municipality_id AS m, ");
    q.month_of_date("l.moved_in_on", year);
    q.push(" AS mo, CAST(COUNT(*) AS BIGINT) AS n FROM leads l WHERE l.status = ");
    q.bind(Status::MovedIn.as_str());
    q.push(" AND ");
    q.selection("l.municipality_id", sel);
    q.date_in("l.moved_in_on", year);
    q.push(
        " AND EXISTS (SELECT 1 FROM selections s WHERE s.lead_id = l.id \
         AND s.sent_on <= l.moved_in_on) GROUP BY 1, 2",
    );
    for r in q.all(db).await? {
        records.push(Record {
            attrs: vec![code(&r)],
            month: month(&r),
            weight: int(&r, "n"),
            unit: vec![0, 1],
        });
    }
    let mut published: std::collections::BTreeMap<(u32, u8), (i64, i64)> = Default::default();
    for (table, col, vacancies) in [
        ("vacancies", "published_at", true),
        ("homes", "created_at", false),
    ] {
        let mut q = Sql::new(db);
        q.push("SELECT t.municipality_id AS m, ");
        q.month_of_time(&format!("t.{col}"), year);
        q.push(&format!(
            " AS mo, CAST(COUNT(*) AS BIGINT) AS n FROM {table} t WHERE "
        ));
        q.selection("t.municipality_id", sel);
        q.time_in(&format!("t.{col}"), year);
        q.push(" GROUP BY 1, 2");
        for r in q.all(db).await? {
            let e = published.entry((code(&r), month(&r))).or_default();
            if vacancies {
                e.0 += int(&r, "n");
            } else {
                e.1 += int(&r, "n");
            }
        }
    }
    let family = Family {
        templates: vec![template(&[offers::MUNICIPALITY]), template(&[])],
        measures: 2,
        month_measures: 2,
        trade: None,
        records,
        domain: vec![municipalities(sel)],
        allowed: None,
        months: None,
    };
    let published = published
        .into_iter()
        .map(|((m, mo), (v, h))| (m, mo, v, h))
        .collect();
    Ok((family, published))
}

/// The year a date's report belongs to.
pub fn year_of(d: NaiveDate) -> i32 {
    d.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_fit_the_months_they_could_be_given_in() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        let answers = |six: u32, twelve: u32| {
            let mut attrs = vec![NONE; 4];
            attrs[moved::STAY_6] = six;
            attrs[moved::STAY_12] = twelve;
            plausible_months(&attrs, 2026, today)
        };
        let month = |m: u32| 1u16 << (m - 1);
        // Moved in November 2026: no check is due, but "moved away" may be told early.
        let early = answers(moved::MOVED_AWAY, moved::NOT_DUE);
        assert_ne!(early & month(11), 0);
        assert_ne!(early & month(12), 0, "December has begun");
        // "Stayed" after six months needs the check due: movers of June at the latest.
        let stayed = answers(moved::STAYED, moved::NOT_DUE);
        assert_ne!(stayed & month(6), 0);
        assert_eq!(stayed & month(7), 0);
        // A 12-month check is due for no household of 2026.
        assert_eq!(answers(moved::STAYED, moved::STAYED), 0);
        assert_eq!(
            answers(moved::NOT_DUE, moved::NOT_DUE) & month(1),
            0,
            "January's 6-month check is due"
        );
    }
}
