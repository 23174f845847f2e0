//! Whom a mailing reaches: its segment (status, source, campaign, country, language,
//! household wishes, places, quiet days), always within its reach (`scope::Reach`), and
//! only movers who hold the news consent, have an address and are not erased. A mover is
//! counted and mailed once per address (`prospects.email_key`), however many records or
//! leads it has.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Expr, Func, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait,
};
use serde::{Deserialize, Serialize};

use crate::domain::{ActivityKind, HousingWish, Source, Status};
use crate::entities::{activity, consent, lead, prospect};
use crate::scope::{Reach, Target};

/// The help wishes a segment can ask for (the interest form's codes).
pub const WISHES: [&str; 5] = ["job", "partner_job", "housing", "school", "business"];

/// The place a segment names for the regional pool.
pub const POOL: &str = "pool";

/// Unknown fields are refused: a segment saved by a newer version, with a filter this one
/// does not know, must not read as a wider one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Segment {
    /// `""` any, `open` (not closed), or a status code.
    pub status: String,
    /// A source code (`domain::Source`).
    pub source: Option<String>,
    pub campaign: Option<i64>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// The mover's contact language.
    pub language: Option<String>,
    /// A housing wish code (`domain::HousingWish`).
    pub housing: Option<String>,
    /// Any of these wishes (`WISHES`).
    pub wishes: Vec<String>,
    /// A coordinator's: municipality ids, and `None` for the pool. Empty: the whole region.
    pub places: Vec<Option<i64>>,
    /// No contact logged in the last this many days.
    pub quiet_days: Option<u32>,
}

impl Segment {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// A stored segment; none when it does not read (a newer version's): then it is neither
    /// counted nor sent.
    pub fn from_json(s: &str) -> Option<Self> {
        serde_json::from_str(s).ok()
    }

    /// The condition on a lead joined with its prospect.
    fn condition(&self, reach: Reach, now: DateTime<Utc>) -> Condition {
        let places: Vec<Target> = self.places.iter().map(|p| Target::at(*p)).collect();
        let mut c = Condition::all()
            .add(reach.leads(&places))
            .add(prospect::Column::AnonymisedAt.is_null())
            .add(prospect::Column::Email.is_not_null())
            .add(prospect::Column::EmailKey.is_not_null())
            .add(Expr::exists(news_consent()));
        match self.status.as_str() {
            "" => {}
            "open" => {
                let closed: Vec<Status> = Status::ALL
                    .iter()
                    .copied()
                    .filter(|s| s.is_closed())
                    .collect();
                c = c.add(lead::Column::Status.is_not_in(closed));
            }
            code => {
                // An unknown code reaches no one (never everyone).
                c = match Status::parse(code) {
                    Some(s) => c.add(lead::Column::Status.eq(s)),
                    None => c.add(Expr::value(false)),
                };
            }
        }
        // An unknown code reaches no one (never everyone).
        if let Some(code) = &self.source {
            c = match Source::parse(code) {
                Some(s) => c.add(lead::Column::Source.eq(s)),
                None => c.add(Expr::value(false)),
            };
        }
        if let Some(id) = self.campaign {
            c = c.add(lead::Column::CampaignId.eq(id));
        }
        if let Some(country) = &self.country {
            c = c.add(prospect::Column::Country.eq(country.as_str()));
        }
        if let Some(lang) = &self.language {
            c = c.add(prospect::Column::PreferredLanguage.eq(lang.as_str()));
        }
        if let Some(code) = &self.housing {
            c = match HousingWish::parse(code) {
                Some(h) => c.add(prospect::Column::HousingWish.eq(h)),
                None => c.add(Expr::value(false)),
            };
        }
        if !self.wishes.is_empty() {
            let mut any = Condition::any();
            for w in &self.wishes {
                let col = match w.as_str() {
                    "job" => prospect::Column::HelpJob,
                    "partner_job" => prospect::Column::HelpPartnerJob,
                    "housing" => prospect::Column::HelpHousing,
                    "school" => prospect::Column::HelpSchool,
                    "business" => prospect::Column::HelpBusiness,
                    _ => continue,
                };
                any = any.add(col.eq(true));
            }
            c = c.add(any);
        }
        if let Some(days) = self.quiet_days {
            let since = now - Duration::days(i64::from(days));
            c = c.add(Expr::exists(contact_since(since)).not());
        }
        c
    }
}

/// A standing news consent of the joined prospect.
fn news_consent() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(consent::Entity)
        .and_where(
            Expr::col((consent::Entity, consent::Column::ProspectId))
                .equals((prospect::Entity, prospect::Column::Id)),
        )
        .and_where(
            Expr::col((consent::Entity, consent::Column::Purpose)).eq(crate::domain::purpose::NEWS),
        )
        .and_where(Expr::col((consent::Entity, consent::Column::WithdrawnAt)).is_null())
        .to_owned()
}

/// A contact logged on the joined lead since `since` (a note to oneself is no contact).
fn contact_since(since: DateTime<Utc>) -> sea_orm::sea_query::SelectStatement {
    let kinds: Vec<&str> = ActivityKind::ALL
        .iter()
        .filter(|k| **k != ActivityKind::Note)
        .map(|k| k.as_str())
        .collect();
    Query::select()
        .expr(Expr::val(1))
        .from(activity::Entity)
        .and_where(
            Expr::col((activity::Entity, activity::Column::LeadId))
                .equals((lead::Entity, lead::Column::Id)),
        )
        .and_where(Expr::col((activity::Entity, activity::Column::Kind)).is_in(kinds))
        .and_where(Expr::col((activity::Entity, activity::Column::OccurredAt)).gte(since))
        .to_owned()
}

fn matching(seg: &Segment, reach: Reach, now: DateTime<Utc>) -> sea_orm::Select<lead::Entity> {
    lead::Entity::find()
        .join(JoinType::InnerJoin, lead::Relation::Prospect.def())
        .filter(seg.condition(reach, now))
}

/// A count of movers as its reader sees it: a guide its municipality's exactly; a
/// coordinator, who may see no one, never below the reports' threshold and else to the
/// nearest five, so that narrowing a segment step by step does not single a mover out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approx {
    Exact(i64),
    /// Fewer than this (1 up to the threshold).
    Fewer(i64),
    /// About this many (a multiple of five).
    About(i64),
}

impl Approx {
    pub fn of(reach: Reach, threshold: i64, n: i64) -> Self {
        match reach {
            Reach::Own(_) => Approx::Exact(n),
            Reach::Region if n == 0 => Approx::Exact(0),
            Reach::Region if n < threshold => Approx::Fewer(threshold),
            Reach::Region => Approx::About(((n + 2) / 5 * 5).max(5)),
        }
    }

    /// The number written: what a sender confirms.
    pub fn number(self) -> i64 {
        match self {
            Approx::Exact(n) | Approx::Fewer(n) | Approx::About(n) => n,
        }
    }

    /// The locale key that writes it (its `count` the number).
    pub fn key(self) -> &'static str {
        match self {
            Approx::Exact(_) => "mailing-count-exact",
            Approx::Fewer(_) => "mailing-count-fewer",
            Approx::About(_) => "mailing-count-about",
        }
    }
}

/// How many addresses the segment reaches, in all and per contact language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub total: i64,
    pub by_language: BTreeMap<String, i64>,
}

pub async fn count(db: &impl ConnectionTrait, seg: &Segment, reach: Reach) -> Result<Count, DbErr> {
    let key = Expr::col((prospect::Entity, prospect::Column::EmailKey));
    let now = Utc::now();
    let total: Option<i64> = matching(seg, reach, now)
        .select_only()
        .column_as(SimpleExpr::from(Func::count_distinct(key.clone())), "n")
        .into_tuple()
        .one(db)
        .await?;
    // A mover with records in two languages is counted in each: the total is the truth.
    let rows: Vec<(String, i64)> = matching(seg, reach, now)
        .select_only()
        .column(prospect::Column::PreferredLanguage)
        .column_as(SimpleExpr::from(Func::count_distinct(key)), "n")
        .group_by(prospect::Column::PreferredLanguage)
        .into_tuple()
        .all(db)
        .await?;
    Ok(Count {
        total: total.unwrap_or(0),
        by_language: rows.into_iter().collect(),
    })
}

/// One lead of a recipient: the mover's record, its address and language.
#[derive(Clone, Debug)]
pub struct Row {
    pub lead_id: i64,
    pub municipality_id: Option<i64>,
    pub prospect_id: i64,
    pub email: String,
    pub email_key: String,
    pub language: String,
}

/// A recipient's lead as read: lead, municipality, prospect, address, its key, language.
type RowTuple = (
    i64,
    Option<i64>,
    i64,
    Option<String>,
    Option<String>,
    String,
);

/// The next `limit` addresses of the segment not yet queued for `mailing`, with every
/// lead of theirs in the segment (in address order, a lead's oldest first): how many
/// addresses were found, and their rows (fewer addresses when one left the segment
/// between the two reads).
pub async fn next_batch(
    db: &impl ConnectionTrait,
    seg: &Segment,
    reach: Reach,
    mailing: i64,
    limit: u64,
) -> Result<(usize, Vec<Row>), DbErr> {
    use crate::entities::mailing_recipient as r;
    let now = Utc::now();
    let queued = Query::select()
        .expr(Expr::val(1))
        .from(r::Entity)
        .and_where(Expr::col((r::Entity, r::Column::MailingId)).eq(mailing))
        .and_where(
            Expr::col((r::Entity, r::Column::EmailKey))
                .equals((prospect::Entity, prospect::Column::EmailKey)),
        )
        .to_owned();
    // Addresses are queued in their order: the next batch starts after the last one queued
    // (the index on the address key walks there), and the test of each against the queued
    // ones keeps an address from being queued twice whatever happened in between.
    let last: Option<String> = r::Entity::find()
        .select_only()
        .column_as(r::Column::EmailKey.max(), "last")
        .filter(r::Column::MailingId.eq(mailing))
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten();
    let mut q = matching(seg, reach, now).filter(Expr::exists(queued).not());
    if let Some(last) = last {
        q = q.filter(prospect::Column::EmailKey.gt(last));
    }
    let keys: Vec<String> = q
        .select_only()
        .column(prospect::Column::EmailKey)
        .distinct()
        .order_by_asc(prospect::Column::EmailKey)
        .limit(limit)
        .into_tuple::<Option<String>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    if keys.is_empty() {
        return Ok((0, Vec::new()));
    }
    let found = keys.len();
    let rows: Vec<RowTuple> = matching(seg, reach, now)
        .filter(prospect::Column::EmailKey.is_in(keys))
        .select_only()
        .column(lead::Column::Id)
        .column(lead::Column::MunicipalityId)
        .column(lead::Column::ProspectId)
        .column(prospect::Column::Email)
        .column(prospect::Column::EmailKey)
        .column(prospect::Column::PreferredLanguage)
        .order_by_asc(prospect::Column::EmailKey)
        .order_by_asc(lead::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let rows = rows
        .into_iter()
        .filter_map(
            |(lead_id, municipality_id, prospect_id, email, key, language)| {
                Some(Row {
                    lead_id,
                    municipality_id,
                    prospect_id,
                    email: email?,
                    email_key: key?,
                    language,
                })
            },
        )
        .collect();
    Ok((found, rows))
}
