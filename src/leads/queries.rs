//! Reading leads. Every function takes a `Scope`: there is no way to read a mover's data
//! without one, and a lead outside it is `None`, like one that does not exist.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, JoinType, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Select,
};

use crate::domain::{Source, Status};
use crate::entities::{activity, campaign, consent, follow_up, lead, prospect, LeadId, ProspectId};
use crate::reference::{Snapshot, Staff};
use crate::scope::{Scope, Target};

use super::search;
pub use super::search::{Total, Words, EXACT_UP_TO};

pub const PAGE_SIZE: u64 = 50;

/// A lead and its prospect, found through a guide's scope. Only this module makes one (the
/// private field), so holding one is the proof that the scope reached it.
#[derive(Debug, Clone)]
pub struct LeadRecord {
    pub lead: lead::Model,
    pub prospect: prospect::Model,
    #[allow(dead_code)] // never read: it is there so that no other module can make one
    found: Found,
}

/// The mark of a record this module found.
#[derive(Debug, Clone)]
struct Found;

fn pairs(rows: Vec<(lead::Model, Option<prospect::Model>)>) -> Vec<LeadRecord> {
    rows.into_iter()
        .filter_map(|(lead, p)| {
            p.map(|prospect| LeadRecord {
                lead,
                prospect,
                found: Found,
            })
        })
        .collect()
}

/// Anonymised prospects are gone from every staff page: only their statistics remain.
fn living() -> sea_orm::sea_query::SimpleExpr {
    prospect::Column::AnonymisedAt.is_null()
}

/// The same rule for a query without the prospects join (counts): anonymised prospects are
/// few and indexed, so excluding their ids is far cheaper than joining every lead.
fn living_lead() -> sea_orm::sea_query::SimpleExpr {
    lead::Column::ProspectId.not_in_subquery(
        Query::select()
            .column(prospect::Column::Id)
            .from(prospect::Entity)
            .and_where(prospect::Column::AnonymisedAt.is_not_null())
            .to_owned(),
    )
}

async fn one(db: &crate::db::Db, q: Select<lead::Entity>) -> Result<Option<LeadRecord>, DbErr> {
    Ok(pairs(
        q.find_also_related(prospect::Entity)
            .filter(living())
            .limit(1)
            .all(db)
            .await?,
    )
    .pop())
}

/// A lead this guide may read: its municipality's, or one in the regional pool.
pub async fn find_visible(
    db: &crate::db::Db,
    scope: &Scope,
    id: LeadId,
) -> Result<Option<LeadRecord>, DbErr> {
    one(
        db,
        lead::Entity::find_by_id(id.0).filter(scope.visible_leads()),
    )
    .await
}

/// A lead of this guide's municipality (the ones it may change).
pub async fn find_own(
    db: &crate::db::Db,
    scope: &Scope,
    id: LeadId,
) -> Result<Option<LeadRecord>, DbErr> {
    one(db, lead::Entity::find_by_id(id.0).filter(scope.own_leads())).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    UpdatedDesc,
    UpdatedAsc,
    CreatedDesc,
    CreatedAsc,
    Name,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::UpdatedDesc,
        Sort::UpdatedAsc,
        Sort::CreatedDesc,
        Sort::CreatedAsc,
        Sort::Name,
    ];

    pub fn parse(s: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .unwrap_or_default()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::UpdatedDesc => "updated_desc",
            Sort::UpdatedAsc => "updated_asc",
            Sort::CreatedDesc => "created_desc",
            Sort::CreatedAsc => "created_asc",
            Sort::Name => "name",
        }
    }
}

/// The lead list's filters, checked.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub q: Option<String>,
    pub status: Option<Status>,
    pub owner: Option<i64>,
    pub source: Option<Source>,
    pub campaign: Option<i64>,
    pub created: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    pub updated: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    pub overdue: bool,
    /// Only movers who withdrew their consent (and gave none since).
    pub withdrawn: bool,
    pub sort: Sort,
    pub page: u64,
}

fn open_overdue(today: NaiveDate) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(follow_up::Entity)
        .and_where(
            Expr::col((follow_up::Entity, follow_up::Column::LeadId))
                .equals((lead::Entity, lead::Column::Id)),
        )
        .and_where(Expr::col((follow_up::Entity, follow_up::Column::DoneAt)).is_null())
        .and_where(Expr::col((follow_up::Entity, follow_up::Column::DueOn)).lt(today))
        .to_owned()
}

/// The lead's mover withdrew its consent and gave none since: a withdrawn consent exists
/// and no standing one. (A lead a guide made has no consent at all: another legal basis.)
fn consent_withdrawn() -> Condition {
    let consents = |withdrawn: bool| {
        let at = Expr::col((consent::Entity, consent::Column::WithdrawnAt));
        Query::select()
            .expr(Expr::val(1))
            .from(consent::Entity)
            .and_where(
                Expr::col((consent::Entity, consent::Column::ProspectId))
                    .equals((lead::Entity, lead::Column::ProspectId)),
            )
            .and_where(
                Expr::col((consent::Entity, consent::Column::Purpose))
                    .eq(crate::domain::purpose::GUIDANCE),
            )
            .and_where(if withdrawn {
                at.is_not_null()
            } else {
                at.is_null()
            })
            .to_owned()
    };
    Condition::all()
        .add(Expr::exists(consents(true)))
        .add(Expr::exists(consents(false)).not())
}

/// Of these prospects, those whose consent is withdrawn (see `consent_withdrawn`), with the
/// moment of the latest withdrawal.
pub async fn withdrawn_consents(
    db: &impl ConnectionTrait,
    prospects: &[i64],
) -> Result<HashMap<i64, DateTime<Utc>>, DbErr> {
    if prospects.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = consent::Entity::find()
        .filter(consent::Column::ProspectId.is_in(prospects.to_vec()))
        .filter(consent::Column::Purpose.eq(crate::domain::purpose::GUIDANCE))
        .all(db)
        .await?;
    let mut latest: HashMap<i64, Option<DateTime<Utc>>> = HashMap::new();
    for c in rows {
        let e = latest.entry(c.prospect_id).or_insert(c.withdrawn_at);
        *e = match (*e, c.withdrawn_at) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    Ok(latest
        .into_iter()
        .filter_map(|(p, at)| at.map(|at| (p, at)))
        .collect())
}

/// When the mover gave the consent it holds now: the latest one not withdrawn.
pub async fn consent_given(
    db: &impl ConnectionTrait,
    prospect: ProspectId,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(consent::Entity::find()
        .filter(consent::Column::ProspectId.eq(prospect))
        .filter(consent::Column::Purpose.eq(crate::domain::purpose::GUIDANCE))
        .filter(consent::Column::WithdrawnAt.is_null())
        .order_by_desc(consent::Column::GivenAt)
        .one(db)
        .await?
        .map(|c| c.given_at))
}

/// Whether the mover wants news and invitations (a mailing may reach it) and since when,
/// or when it last said no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    Never,
    Given(DateTime<Utc>),
    Withdrawn(DateTime<Utc>),
}

/// The mover's news consent (see `domain::purpose::NEWS`): a standing one, else the latest
/// withdrawal.
pub async fn news_consent(db: &impl ConnectionTrait, prospect: ProspectId) -> Result<News, DbErr> {
    let rows = consent::Entity::find()
        .filter(consent::Column::ProspectId.eq(prospect))
        .filter(consent::Column::Purpose.eq(crate::domain::purpose::NEWS))
        .order_by_desc(consent::Column::GivenAt)
        .all(db)
        .await?;
    if let Some(c) = rows.iter().find(|c| c.withdrawn_at.is_none()) {
        return Ok(News::Given(c.given_at));
    }
    Ok(rows
        .iter()
        .filter_map(|c| c.withdrawn_at)
        .max()
        .map_or(News::Never, News::Withdrawn))
}

/// The list's query, with the search's words matched as `words` says (see `search`).
/// `for_rows`: joined with prospects (the rows need them); a count leaves the join out
/// unless a word is tested on the prospect.
fn filtered(
    backend: DbBackend,
    scope: &Scope,
    f: &Filter,
    today: NaiveDate,
    words: &Words,
    for_rows: bool,
) -> Select<lead::Entity> {
    // A few leads found by the index are looked up by key. SQLite, which keeps no
    // statistics here, would rather walk an index of another condition (the municipality's,
    // the living movers', an owner's) and test each lead against the ids: those conditions
    // are written so that no index serves them (`+column`). PostgreSQL plans by statistics.
    let by_key = backend == DbBackend::Sqlite && words.among().is_some();
    let unindexed =
        |column: &str, v: i64| Expr::cust_with_values(format!("+\"leads\".\"{column}\" = ?"), [v]);
    let mut q = lead::Entity::find().filter(if by_key {
        scope.own_leads_by_key()
    } else {
        scope.own_leads()
    });
    let tests = words.tests(f.q.as_deref(), backend);
    // Joined also for a few found leads: a look-up each, where `living_lead` would read
    // every anonymised mover's id.
    q = if for_rows || !tests.is_empty() || words.among().is_some() {
        q.join(JoinType::InnerJoin, lead::Relation::Prospect.def())
            .filter(if by_key {
                Expr::cust("+\"prospects\".\"anonymised_at\" IS NULL")
            } else {
                living()
            })
    } else {
        q.filter(living_lead())
    };
    if let Some(among) = words.among() {
        q = q.filter(among);
    }
    for t in tests {
        q = q.filter(t);
    }
    if let Some(s) = f.status {
        q = q.filter(lead::Column::Status.eq(s.as_str()));
    }
    if let Some(o) = f.owner {
        q = q.filter(if by_key {
            unindexed("owner_id", o)
        } else {
            lead::Column::OwnerId.eq(o)
        });
    }
    if let Some(s) = f.source {
        q = q.filter(lead::Column::Source.eq(s.as_str()));
    }
    if let Some(c) = f.campaign {
        q = q.filter(if by_key {
            unindexed("campaign_id", c)
        } else {
            lead::Column::CampaignId.eq(c)
        });
    }
    let range = |q: Select<lead::Entity>,
                 col: lead::Column,
                 (from, to): (Option<DateTime<Utc>>, Option<DateTime<Utc>>)| {
        let q = match from {
            Some(t) => q.filter(col.gte(t)),
            None => q,
        };
        match to {
            Some(t) => q.filter(col.lt(t)),
            None => q,
        }
    };
    q = range(q, lead::Column::CreatedAt, f.created);
    q = range(q, lead::Column::UpdatedAt, f.updated);
    if f.overdue {
        q = q.filter(Expr::exists(open_overdue(today)));
    }
    if f.withdrawn {
        q = q.filter(consent_withdrawn());
    }
    q
}

/// One page of the lead list: its rows, how many leads match in all, and whether a next
/// page has any.
#[derive(Debug)]
pub struct Page {
    pub rows: Vec<LeadRecord>,
    pub total: Total,
    pub more: bool,
}

impl Filter {
    /// Whether anything but the search words and a status narrows the list.
    fn narrowed(&self) -> bool {
        self.owner.is_some()
            || self.source.is_some()
            || self.campaign.is_some()
            || self.created != (None, None)
            || self.updated != (None, None)
            || self.overdue
            || self.withdrawn
    }
}

/// One page of the guide's lead list, how many leads match in all, and the counts per
/// status. Without other filters than a status, the total is read off the counts instead of
/// counting the municipality's leads a second time.
pub async fn list_with_counts(
    db: &crate::db::Db,
    scope: &Scope,
    f: &Filter,
    today: NaiveDate,
) -> Result<(Page, HashMap<String, i64>), DbErr> {
    let counts = status_counts(db, scope).await?;
    let known = (f.q.is_none() && !f.narrowed()).then(|| match f.status {
        Some(s) => counts.get(s.as_str()).copied().unwrap_or(0),
        None => counts.values().sum(),
    });
    let page = page(db, scope, f, today, known.map(|n| n.max(0) as u64)).await?;
    Ok((page, counts))
}

/// One page of the guide's lead list, and how many leads match in all.
pub async fn list(
    db: &crate::db::Db,
    scope: &Scope,
    f: &Filter,
    today: NaiveDate,
) -> Result<Page, DbErr> {
    page(db, scope, f, today, None).await
}

async fn page(
    db: &crate::db::Db,
    scope: &Scope,
    f: &Filter,
    today: NaiveDate,
    known: Option<u64>,
) -> Result<Page, DbErr> {
    let backend = db.get_database_backend();
    let words = search_plan(db, scope, f).await?;
    let total = match (known, &words) {
        (Some(n), _) => Total::Exact(n),
        (None, Words::Tested { common }) => {
            if *common && f.status.is_none() && !f.narrowed() {
                Total::MoreThan(EXACT_UP_TO)
            } else {
                let q = filtered(backend, scope, f, today, &words, false);
                match search::count_up_to(db, q, EXACT_UP_TO + 1).await? {
                    n if n > EXACT_UP_TO => Total::MoreThan(EXACT_UP_TO),
                    n => Total::Exact(n),
                }
            }
        }
        (None, _) => Total::Exact(
            filtered(backend, scope, f, today, &words, false)
                .count(db)
                .await?,
        ),
    };
    let (col, order) = match f.sort {
        Sort::UpdatedDesc => (lead::Column::UpdatedAt, Order::Desc),
        Sort::UpdatedAsc => (lead::Column::UpdatedAt, Order::Asc),
        Sort::CreatedDesc => (lead::Column::CreatedAt, Order::Desc),
        Sort::CreatedAsc => (lead::Column::CreatedAt, Order::Asc),
        Sort::Name => (lead::Column::Id, Order::Asc),
    };
    let mut q = filtered(backend, scope, f, today, &words, true);
    if f.sort == Sort::Name {
        q = q
            .order_by_asc(prospect::Column::LastName)
            .order_by_asc(prospect::Column::FirstName);
    } else {
        q = q.order_by(col, order.clone());
    }
    // One row past the page says whether there is a next one.
    let mut rows = pairs(
        q.order_by(lead::Column::Id, order)
            .select_also(prospect::Entity)
            .offset(f.page.saturating_mul(PAGE_SIZE))
            .limit(PAGE_SIZE + 1)
            .all(db)
            .await?,
    );
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok(Page { rows, total, more })
}

/// How the filter's search words are matched (see `search`): asked once for a list, or
/// once for a whole export.
pub async fn search_plan(db: &crate::db::Db, scope: &Scope, f: &Filter) -> Result<Words, DbErr> {
    match &f.q {
        Some(text) => search::plan(db, scope, text).await,
        None => Ok(Words::None),
    }
}

/// The next `limit` leads of the filtered list after lead `after`, by id, its words matched
/// as `search_plan` said: for exports, which walk the whole list without the cost of ever
/// larger offsets.
pub async fn export_batch(
    db: &crate::db::Db,
    scope: &Scope,
    f: &Filter,
    today: NaiveDate,
    words: &Words,
    (after, limit): (i64, u64),
) -> Result<Vec<LeadRecord>, DbErr> {
    let rows = filtered(db.get_database_backend(), scope, f, today, words, true)
        .filter(lead::Column::Id.gt(after))
        .order_by_asc(lead::Column::Id)
        .select_also(prospect::Entity)
        .limit(limit)
        .all(db)
        .await?;
    Ok(pairs(rows))
}

/// Leads per status in the guide's municipality (anonymised ones are not on the list, so
/// they are not counted either), as the database keeps them (`derived`).
pub async fn status_counts(
    db: &crate::db::Db,
    scope: &Scope,
) -> Result<HashMap<String, i64>, DbErr> {
    super::derived::own_per_status(db, scope).await
}

/// Open leads in the regional pool, newest first.
pub async fn pool(
    db: &crate::db::Db,
    scope: &Scope,
    page: u64,
) -> Result<(Vec<LeadRecord>, u64), DbErr> {
    let total = pool_count(db, scope).await?;
    let base = lead::Entity::find()
        .join(JoinType::InnerJoin, lead::Relation::Prospect.def())
        .filter(scope.pool_leads())
        .filter(living());
    let rows = base
        .order_by_desc(lead::Column::CreatedAt)
        .order_by_desc(lead::Column::Id)
        .select_also(prospect::Entity)
        .offset(page.saturating_mul(PAGE_SIZE))
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    Ok((pairs(rows), total))
}

pub async fn pool_count(db: &crate::db::Db, _scope: &Scope) -> Result<u64, DbErr> {
    let counts = super::derived::pool_per_status(db).await?;
    Ok(counts.values().sum::<i64>().max(0) as u64)
}

/// The lead's timeline, newest first, with the names of who logged each entry. Takes the
/// record the caller found through its scope (which is the proof that it may read it), so
/// the scope is not checked a second time.
pub async fn timeline(
    db: &crate::db::Db,
    record: &LeadRecord,
    names: &Snapshot,
) -> Result<Vec<(activity::Model, Option<String>)>, DbErr> {
    let lead_id = record.lead.id;
    let rows = activity::Entity::find()
        .filter(activity::Column::LeadId.eq(lead_id))
        .order_by_desc(activity::Column::OccurredAt)
        .order_by_desc(activity::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let who = a
                .user_id
                .and_then(|u| names.user_name(u))
                .map(str::to_string);
            (a, who)
        })
        .collect())
}

/// The lead's follow-ups: open ones by due date, then done ones. Like `timeline`, takes the
/// record found through the caller's scope.
pub async fn follow_ups(
    db: &crate::db::Db,
    record: &LeadRecord,
) -> Result<Vec<follow_up::Model>, DbErr> {
    let mut rows = follow_up::Entity::find()
        .filter(follow_up::Column::LeadId.eq(record.lead.id))
        .order_by_asc(follow_up::Column::DueOn)
        .all(db)
        .await?;
    rows.sort_by_key(|f| f.done_at.is_some());
    Ok(rows)
}

/// Which of a guide's open follow-ups: by when they are due, seen from `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Today,
    /// Overdue, of any age or of one age group.
    Overdue(Option<Age>),
    /// Tomorrow and the six days after.
    Week,
    /// Later than that.
    Later,
}

/// How long ago an overdue follow-up was due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    /// 1 to 7 days.
    Days,
    /// 8 to 30 days.
    Weeks,
    /// More than 30 days.
    Months,
}

impl Age {
    pub const ALL: [Age; 3] = [Age::Days, Age::Weeks, Age::Months];

    pub fn as_str(self) -> &'static str {
        match self {
            Age::Days => "days",
            Age::Weeks => "weeks",
            Age::Months => "months",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Age::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

impl Due {
    pub fn as_str(self) -> &'static str {
        match self {
            Due::Today => "today",
            Due::Overdue(_) => "overdue",
            Due::Week => "week",
            Due::Later => "later",
        }
    }

    /// The due dates, `[from, to)`, each open-ended if `None`.
    fn dates(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let day = |n: i64| today + chrono::Duration::days(n);
        match self {
            Due::Today => (Some(today), Some(day(1))),
            Due::Overdue(None) => (None, Some(today)),
            Due::Overdue(Some(Age::Days)) => (Some(day(-7)), Some(today)),
            Due::Overdue(Some(Age::Weeks)) => (Some(day(-30)), Some(day(-7))),
            Due::Overdue(Some(Age::Months)) => (None, Some(day(-30))),
            Due::Week => (Some(day(1)), Some(day(8))),
            Due::Later => (Some(day(8)), None),
        }
    }
}

/// A guide's open follow-ups, due when `due` says; those of erased movers stay in the
/// statistics, not on anyone's agenda.
///
/// An erased mover is found from each open follow-up (its lead, then its prospect, each by
/// key): `NOT IN` the leads of every anonymised prospect took PostgreSQL 0.7–1.4 s at a
/// million leads, a list larger than it hashes in its working memory.
fn open_due(scope: &Scope, due: Due, today: NaiveDate) -> Select<follow_up::Entity> {
    let erased = Query::select()
        .expr(Expr::val(1))
        .from(lead::Entity)
        .inner_join(
            prospect::Entity,
            Expr::col((prospect::Entity, prospect::Column::Id))
                .equals((lead::Entity, lead::Column::ProspectId)),
        )
        .and_where(
            Expr::col((lead::Entity, lead::Column::Id))
                .equals((follow_up::Entity, follow_up::Column::LeadId)),
        )
        .and_where(Expr::col((prospect::Entity, prospect::Column::AnonymisedAt)).is_not_null())
        .to_owned();
    let mut q = follow_up::Entity::find()
        .filter(scope.own(follow_up::Column::MunicipalityId))
        .filter(follow_up::Column::DoneAt.is_null())
        .filter(Expr::exists(erased).not());
    let (from, to) = due.dates(today);
    if let Some(from) = from {
        q = q.filter(follow_up::Column::DueOn.gte(from));
    }
    if let Some(to) = to {
        q = q.filter(follow_up::Column::DueOn.lt(to));
    }
    q
}

/// How many open follow-ups are due when `due` says.
pub async fn due_count(
    db: &impl ConnectionTrait,
    scope: &Scope,
    due: Due,
    today: NaiveDate,
) -> Result<u64, DbErr> {
    open_due(scope, due, today).count(db).await
}

/// One page of open follow-ups with their leads' names: overdue ones most recent first
/// (the ones still worth a call), the others soonest first.
pub async fn due_page(
    db: &impl ConnectionTrait,
    scope: &Scope,
    due: Due,
    today: NaiveDate,
    (page, per_page): (u64, u64),
) -> Result<Vec<(follow_up::Model, String)>, DbErr> {
    let q = open_due(scope, due, today);
    let q = match due {
        Due::Overdue(_) => q.order_by_desc(follow_up::Column::DueOn),
        _ => q.order_by_asc(follow_up::Column::DueOn),
    };
    let rows = q
        .order_by_asc(follow_up::Column::Id)
        .offset(page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    named(db, scope, rows).await
}

/// The guide's open follow-ups for a reminder: all due today (up to `AGENDA_TODAY`), then
/// the most recent overdue ones (up to `AGENDA_OVERDUE`), each with how many there are in
/// all, so that nothing is dropped without saying so.
pub struct Agenda {
    pub today: Vec<(follow_up::Model, String)>,
    pub today_total: u64,
    pub overdue: Vec<(follow_up::Model, String)>,
    pub overdue_total: u64,
}

pub const AGENDA_TODAY: u64 = 100;
pub const AGENDA_OVERDUE: u64 = 20;

pub async fn agenda(
    db: &impl ConnectionTrait,
    scope: &Scope,
    today: NaiveDate,
) -> Result<Agenda, DbErr> {
    let overdue = Due::Overdue(None);
    Ok(Agenda {
        today: due_page(db, scope, Due::Today, today, (0, AGENDA_TODAY)).await?,
        today_total: due_count(db, scope, Due::Today, today).await?,
        overdue: due_page(db, scope, overdue, today, (0, AGENDA_OVERDUE)).await?,
        overdue_total: due_count(db, scope, overdue, today).await?,
    })
}

/// Follow-ups with their lead's name, for those of living leads in the scope.
async fn named(
    db: &impl ConnectionTrait,
    scope: &Scope,
    due: Vec<follow_up::Model>,
) -> Result<Vec<(follow_up::Model, String)>, DbErr> {
    let lead_ids: Vec<i64> = due.iter().map(|f| f.lead_id).collect();
    let names: HashMap<i64, String> = lead::Entity::find()
        .filter(lead::Column::Id.is_in(lead_ids))
        .filter(scope.own_leads())
        .find_also_related(prospect::Entity)
        .filter(living())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(l, p)| p.map(|p| (l.id, format!("{} {}", p.first_name, p.last_name))))
        .collect();
    Ok(due
        .into_iter()
        .filter_map(|f| names.get(&f.lead_id).cloned().map(|n| (f, n)))
        .collect())
}

/// Leads created in the guide's municipality since `since`: the newest (up to `limit`),
/// and how many there are in all.
pub async fn new_since(
    db: &crate::db::Db,
    scope: &Scope,
    since: DateTime<Utc>,
    limit: u64,
) -> Result<(Vec<LeadRecord>, u64), DbErr> {
    let q = lead::Entity::find()
        .filter(scope.own_leads())
        .filter(lead::Column::CreatedAt.gt(since))
        .find_also_related(prospect::Entity)
        .filter(living());
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(lead::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await?;
    Ok((pairs(rows), total))
}

/// What a possible duplicate is compared by: a household's name and contact details.
pub struct Probe<'a> {
    pub first: &'a str,
    pub last: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub birth_years: Option<&'a str>,
}

impl<'a> Probe<'a> {
    pub fn of_prospect(p: &'a prospect::Model) -> Self {
        Probe {
            first: &p.first_name,
            last: &p.last_name,
            email: p.email.as_deref(),
            phone: p.phone.as_deref(),
            birth_years: p.children_birth_years.as_deref(),
        }
    }

    pub fn of_household(h: &'a crate::domain::Household) -> Self {
        Probe {
            first: &h.first_name,
            last: &h.last_name,
            email: h.email.as_deref(),
            phone: h.phone.as_deref(),
            birth_years: h.children_birth_years.as_deref(),
        }
    }
}

/// Why a lead looks like the same household.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alike {
    /// The same e-mail address, whatever its case, dots or "+tag".
    Email,
    /// The same phone number, however it is written.
    Phone,
    /// The same first name, a last name one or two letters apart, and the same children.
    Name,
}

impl Alike {
    pub fn key(self) -> &'static str {
        match self {
            Alike::Email => "duplicate-why-email",
            Alike::Phone => "duplicate-why-phone",
            Alike::Name => "duplicate-why-name",
        }
    }
}

/// Last names a person would read as the same: equal once folded, or a letter or two
/// apart (one for short names), as "Lindqvist" and "Lindkvist".
fn last_names_alike(a: &str, b: &str) -> bool {
    let (a, b) = (
        crate::domain::search_word(a.trim()),
        crate::domain::search_word(b.trim()),
    );
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let allowed = if a.chars().count().min(b.chars().count()) <= 5 {
        1
    } else {
        2
    };
    strsim::damerau_levenshtein(&a, &b) <= allowed
}

/// How many of the municipality's movers with the same first name and children are compared.
const SAME_FAMILY: u64 = 500;

/// Prospects of this guide's living leads that look like `probe`'s household, each with
/// why, through the indexed keys; the municipality is part of each query, before its limit.
async fn alike_prospects(
    db: &crate::db::Db,
    scope: &Scope,
    probe: &Probe<'_>,
) -> Result<Vec<(i64, Alike)>, DbErr> {
    // The prospects by their key's index first, then which of them are the municipality's:
    // given the key and the municipality in one join, SQLite (3.46, with bound values) walks
    // the municipality's leads instead (measured: the lead page fell from ~600 to ~23 req/s
    // at 100 000 leads).
    let own = |key: sea_orm::sea_query::SimpleExpr| {
        let by_key = Query::select()
            .column(prospect::Column::Id)
            .from(prospect::Entity)
            .and_where(key)
            .to_owned();
        lead::Entity::find()
            .join(JoinType::InnerJoin, lead::Relation::Prospect.def())
            .filter(lead::Column::ProspectId.in_subquery(by_key))
            .filter(scope.own_leads())
            .filter(living())
            .select_only()
            .column(prospect::Column::Id)
            .order_by_asc(prospect::Column::Id)
    };
    let ids = |key| own(key).limit(50).into_tuple::<i64>().all(db);
    let mut found = Vec::new();
    if let Some(k) = probe.email.and_then(migration::email_key) {
        let hits = ids(prospect::Column::EmailKey.eq(k)).await?;
        found.extend(hits.into_iter().map(|i| (i, Alike::Email)));
    }
    if let Some(k) = probe.phone.and_then(migration::phone_key) {
        let hits = ids(prospect::Column::PhoneKey.eq(k)).await?;
        found.extend(hits.into_iter().map(|i| (i, Alike::Phone)));
    }
    // The same first name and children (one key), then the last names compared here.
    if let Some(key) = migration::family_key(probe.first, probe.birth_years) {
        let children = migration::birth_years(probe.birth_years);
        let same_family: Vec<(i64, String, Option<String>)> =
            own(prospect::Column::FamilyKey.eq(key))
                .columns([
                    prospect::Column::LastName,
                    prospect::Column::ChildrenBirthYears,
                ])
                .limit(SAME_FAMILY)
                .into_tuple()
                .all(db)
                .await?;
        found.extend(
            same_family
                .into_iter()
                .filter(|(_, last, y)| {
                    last_names_alike(last, probe.last)
                        && migration::birth_years(y.as_deref()) == children
                })
                .map(|(i, _, _)| (i, Alike::Name)),
        );
    }
    Ok(found)
}

/// Leads in the guide's municipality that look like the same household as `probe`, with
/// every reason each does.
pub async fn duplicates(
    db: &crate::db::Db,
    scope: &Scope,
    probe: &Probe<'_>,
    except_lead: Option<i64>,
) -> Result<Vec<(LeadRecord, Vec<Alike>)>, DbErr> {
    let found = alike_prospects(db, scope, probe).await?;
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = found.iter().map(|(i, _)| *i).collect();
    let mut q = lead::Entity::find()
        .join(JoinType::InnerJoin, lead::Relation::Prospect.def())
        .filter(scope.own_leads())
        .filter(living())
        .filter(lead::Column::ProspectId.is_in(ids));
    if let Some(id) = except_lead {
        q = q.filter(lead::Column::Id.ne(id));
    }
    let leads = pairs(q.select_also(prospect::Entity).limit(10).all(db).await?);
    Ok(leads
        .into_iter()
        .map(|r| {
            let mut why: Vec<Alike> = found
                .iter()
                .filter(|(p, _)| *p == r.prospect.id)
                .map(|(_, w)| *w)
                .collect();
            why.dedup();
            (r, why)
        })
        .collect())
}

/// The municipalities where this prospect has other leads (names only: their notes are theirs).
/// `record` was found through the guide's scope.
pub async fn other_municipalities(
    db: &crate::db::Db,
    record: &LeadRecord,
    names: &Snapshot,
) -> Result<Vec<String>, DbErr> {
    let ids: Vec<Option<i64>> = lead::Entity::find()
        .select_only()
        .column(lead::Column::MunicipalityId)
        .filter(lead::Column::ProspectId.eq(record.prospect.id))
        .filter(lead::Column::Id.ne(record.lead.id))
        .into_tuple()
        .all(db)
        .await?;
    // The held list is by name already.
    Ok(names
        .municipalities()
        .iter()
        .filter(|m| ids.contains(&Some(m.id)))
        .map(|m| m.name.clone())
        .collect())
}

/// The places the mover of `record` considers, as far as this municipality may know: the
/// lead's own and those of its other leads (the pool among them: any municipality), which
/// the lead page names already. `record` was found through the guide's scope.
pub async fn places_considered(
    db: &crate::db::Db,
    record: &LeadRecord,
) -> Result<Vec<Target>, DbErr> {
    let ids: Vec<Option<i64>> = lead::Entity::find()
        .select_only()
        .column(lead::Column::MunicipalityId)
        .filter(lead::Column::ProspectId.eq(record.prospect.id))
        .filter(lead::Column::Id.ne(record.lead.id))
        .into_tuple()
        .all(db)
        .await?;
    // A lead in the pool: the mover asked for help to choose, so any municipality.
    let mut places = vec![Target::of(&record.lead)];
    places.extend(ids.into_iter().map(Target::at));
    Ok(places)
}

/// Active guides of the scope's municipality (possible owners), by name; from the accounts
/// the process holds.
pub fn guides(held: &Snapshot, scope: &Scope) -> Vec<Staff> {
    let mut guides: Vec<Staff> = held
        .users()
        .filter(|u| u.is_guide && u.active && scope.owns(u.municipality_id))
        .cloned()
        .collect();
    guides.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    guides
}

/// Campaigns a lead of this municipality may point to: its own and the regional ones, the
/// latest first (those without a start last), then by name.
pub fn campaigns(held: &Snapshot, scope: &Scope) -> Vec<campaign::Model> {
    let mut campaigns: Vec<campaign::Model> = held
        .campaigns()
        .filter(|c| c.municipality_id.is_none() || scope.owns(c.municipality_id))
        .cloned()
        .collect();
    campaigns.sort_by(|a, b| {
        (b.starts_on.cmp(&a.starts_on))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    campaigns
}

/// Erasures carried out on the guide's leads since `since`: (lead id, when, why).
pub async fn recent_erasures(
    db: &crate::db::Db,
    scope: &Scope,
    since: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>, String)>, DbErr> {
    let rows = activity::Entity::find()
        .join(JoinType::InnerJoin, activity::Relation::Lead.def())
        .filter(scope.own_leads())
        .filter(activity::Column::Kind.eq("erasure"))
        .filter(activity::Column::OccurredAt.gte(since))
        .order_by_desc(activity::Column::OccurredAt)
        .limit(50)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| (a.lead_id, a.occurred_at, a.body.unwrap_or_default()))
        .collect())
}
