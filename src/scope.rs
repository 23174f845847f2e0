//! Tenant isolation in one place. Every query on movers' personal data takes a `Scope`, and
//! a `Scope` comes only from a signed-in guide's account: from the session (`GuideCtx`, see
//! `web::ctx`), or, for a job that acts for one guide (its reminder mail, its calendar feed),
//! from that guide's account row (`Scope::of_account`). The municipality comes from the
//! account, never from the URL, and the scope hands it out only as a filter (`own`,
//! `visible`), a comparison (`owns`) or a value to write (`Target`): no accessor returns it.
//! Coordinators and admins get no `Scope`, so they cannot reach personal data at all. A
//! record outside the scope answers exactly like one that does not exist.
//!
//! Every tenant table has a municipality column (leads, follow-ups, campaigns, imports and
//! staff accounts; a prospect, its timeline and consents are reached through its leads):
//! `own(Column)` and `visible(Column)` filter any of them. The architecture test
//! (`tests/app/architecture.rs`) fails when a file outside the listed ones filters by a
//! municipality column itself.

use sea_orm::sea_query::{Condition, Expr, SimpleExpr};
use sea_orm::ColumnTrait;

use crate::entities::{lead, municipality, user, UserId};

#[derive(Clone, Copy, Debug)]
pub struct Scope {
    municipality_id: i64,
    user_id: UserId,
}

impl Scope {
    /// Only `GuideCtx` (see `web::ctx`) calls this, with the signed-in guide's account.
    pub(crate) fn for_guide(municipality_id: i64, user_id: UserId) -> Self {
        Scope {
            municipality_id,
            user_id,
        }
    }

    /// For a job that acts for one guide: the scope of an active guide's account row.
    pub fn of_account(u: &user::Model) -> Option<Self> {
        let m = u.municipality_id.filter(|_| u.active && u.is_guide)?;
        Some(Scope::for_guide(m, u.key()))
    }

    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// Rows of this guide's municipality, in a table whose municipality column is `col`.
    pub fn own<C: ColumnTrait>(&self, col: C) -> SimpleExpr {
        col.eq(self.municipality_id)
    }

    /// Rows this guide may read: its municipality's and the regional ones (no municipality).
    pub fn visible<C: ColumnTrait>(&self, col: C) -> Condition {
        Condition::any()
            .add(col.eq(self.municipality_id))
            .add(col.is_null())
    }

    /// Leads this guide works on: its own municipality's.
    pub fn own_leads(&self) -> SimpleExpr {
        self.own(lead::Column::MunicipalityId)
    }

    /// `own_leads` for a query that names its few leads by id: written (`+column`) so that
    /// SQLite, which keeps no statistics here, looks them up by key instead of walking the
    /// municipality's index in the list's order and testing every lead against the ids.
    pub fn own_leads_by_key(&self) -> SimpleExpr {
        sea_orm::sea_query::Expr::cust_with_values(
            "+\"leads\".\"municipality_id\" = ?",
            [self.municipality_id],
        )
    }

    /// Leads this guide may read: its own municipality's and the regional pool's.
    pub fn visible_leads(&self) -> Condition {
        self.visible(lead::Column::MunicipalityId)
    }

    /// Leads in the regional pool (which every guide may read).
    pub fn pool_leads(&self) -> SimpleExpr {
        lead::Column::MunicipalityId.is_null()
    }

    /// Whether a row with this municipality is this guide's own.
    pub fn owns(&self, municipality_id: Option<i64>) -> bool {
        municipality_id == Some(self.municipality_id)
    }

    /// This guide's municipality, as where a new record goes.
    pub fn home(&self) -> Target {
        Target(Some(self.municipality_id))
    }

    /// This guide's leads in SQLite's search index `lead_search`, whose rowid is the lead's
    /// municipality in the high bits and the lead id in the `LEAD_BITS` low ones (migration
    /// 18): the range of its municipality's rowids, as a filter.
    pub fn own_search_rows(&self) -> SimpleExpr {
        let first = self.municipality_id << migration::LEAD_BITS;
        let last = first | ((1i64 << migration::LEAD_BITS) - 1);
        sea_orm::sea_query::Expr::cust_with_values("rowid BETWEEN ? AND ?", [first, last])
    }

    /// The municipality as the bound value of a raw statement (the lead counts).
    pub fn bind(&self) -> sea_orm::Value {
        self.municipality_id.into()
    }
}

/// Where a lead is written: a municipality or the regional pool. A guide's own
/// (`Scope::home`), one the mover or the guide chose (`Target::chosen`), or the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target(Option<i64>);

impl Target {
    pub fn pool() -> Self {
        Target(None)
    }

    /// A municipality chosen on a form (by the mover, or by a guide referring a lead).
    pub fn chosen(m: &municipality::Model) -> Self {
        Target(Some(m.id))
    }

    /// A municipality by id, as a form or a command line names it (the id is checked by the
    /// foreign key when the lead is written).
    pub fn municipality(id: i64) -> Self {
        Target(Some(id))
    }

    /// Where a lead is now.
    pub fn of(l: &lead::Model) -> Self {
        Target(l.municipality_id)
    }

    /// The place a municipality column names (`None`: the pool).
    pub fn at(municipality_id: Option<i64>) -> Self {
        Target(municipality_id)
    }

    /// The value of the municipality column written.
    pub fn value(self) -> Option<i64> {
        self.0
    }
}

/// Leads in any of these places: where a mover chose to go (the public form acts for the
/// mover, not for a guide, and finds a returning mover only there).
pub fn leads_in(places: &[Target]) -> Condition {
    places.iter().fold(Condition::any(), |c, t| match t.0 {
        Some(m) => c.add(lead::Column::MunicipalityId.eq(m)),
        None => c.add(lead::Column::MunicipalityId.is_null()),
    })
}

/// Whom a mailing is from, and so whom it may reach: a guide's mailing its municipality's
/// movers (`Scope::home`), a coordinator's the region's (a mailing row's municipality
/// column: `Target::value`, none for the region).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Own(Target),
    Region,
}

impl Reach {
    /// A guide's reach, from its scope.
    pub fn of_guide(scope: &Scope) -> Self {
        Reach::Own(scope.home())
    }

    /// The reach a stored mailing's municipality column names.
    pub fn of_mailing(municipality_id: Option<i64>) -> Self {
        match municipality_id {
            Some(m) => Reach::Own(Target::municipality(m)),
            None => Reach::Region,
        }
    }

    /// The value of a mailing's municipality column.
    pub fn value(self) -> Option<i64> {
        match self {
            Reach::Own(t) => t.value(),
            Reach::Region => None,
        }
    }

    /// The leads a mailing may reach: the municipality's for a guide's (never the pool nor
    /// another's, whatever the segment says); the region's for a coordinator's, narrowed
    /// to the places it chose when it chose any.
    pub fn leads(self, chosen: &[Target]) -> Condition {
        match self {
            Reach::Own(Target(Some(m))) => Condition::all().add(lead::Column::MunicipalityId.eq(m)),
            // A guide always has a municipality; a mailing row with none is the region's.
            Reach::Own(Target(None)) => Condition::all().add(Expr::value(false)),
            Reach::Region if chosen.is_empty() => Condition::all(),
            Reach::Region => leads_in(chosen),
        }
    }

    /// Whether a mailing of this reach may name a row of this municipality column (a
    /// campaign): a guide its municipality's and the region's, a coordinator any.
    pub fn may_use(self, municipality_id: Option<i64>) -> bool {
        match self {
            Reach::Own(t) => municipality_id.is_none() || municipality_id == t.value(),
            Reach::Region => true,
        }
    }

    /// A mailing of this reach, in a table whose municipality column is `col`: a guide
    /// reads its municipality's mailings, a coordinator the region's.
    pub fn mailings<C: ColumnTrait>(self, col: C) -> SimpleExpr {
        match self.value() {
            Some(m) => col.eq(m),
            None => col.is_null(),
        }
    }
}

/// Offers (vacancies, homes) in the places a household considers: the municipalities
/// named, or all of them when the pool is among the places (the mover asked for help to
/// choose). They are no one's personal data; a guide changes only its own (`Scope::own`).
pub fn offers_in<C: ColumnTrait>(col: C, places: &[Target]) -> Condition {
    if places.iter().any(|t| t.0.is_none()) {
        return Condition::all();
    }
    let ids: Vec<i64> = places.iter().filter_map(|t| t.0).collect();
    Condition::all().add(col.is_in(ids))
}
