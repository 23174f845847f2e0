//! Vacancies, homes and selections in the database. A guide reaches its municipality's
//! vacancies and homes through its `Scope`; matching reads the open ones of the places a
//! household considers (`scope::offers_in`).

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::entities::{home, selection, selection_item, vacancy, UserId};
use crate::scope::{Scope, Target};

pub const PENDING: &str = "pending";
pub const PUBLISHED: &str = "published";
pub const DECLINED: &str = "declined";
pub const WITHDRAWN: &str = "withdrawn";

pub const OPEN: &str = "open";
pub const CLOSED: &str = "closed";

pub const EXTENTS: [&str; 4] = ["full_time", "part_time", "temporary", "seasonal"];
pub const TENURES: [&str; 2] = ["rent", "buy"];

/// Where a vacancy came from.
pub const FROM_EMPLOYER: &str = "employer";
pub const FROM_GUIDE: &str = "guide";
pub const FROM_IMPORT: &str = "import";

/// Days after its last day that a vacancy's contact person is kept (`forget_contacts`).
pub const CONTACT_DAYS: i64 = 90;

/// A guide's list is long enough for a municipality's year; older ones are in the reports.
const LIST_LIMIT: u64 = 500;

#[derive(Debug, Clone)]
pub struct NewVacancy {
    /// The public form's choice; a guide's vacancy is its scope's.
    pub municipality: Option<i64>,
    pub employer: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub title: String,
    pub occupation: Option<String>,
    pub place: Option<String>,
    pub extent: String,
    pub starts: Option<String>,
    pub last_day: NaiveDate,
    pub description: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewHome {
    pub tenure: String,
    pub rooms: i32,
    pub size_m2: Option<i32>,
    pub cost: Option<i64>,
    pub place: String,
    pub available_from: Option<NaiveDate>,
    pub contact: String,
    pub link: Option<String>,
    pub description: Option<String>,
}

/// Whether a vacancy is open on `today`: published and not past its last day.
pub fn is_open(v: &vacancy::Model, today: NaiveDate) -> bool {
    v.status == PUBLISHED && v.last_day >= today
}

fn fill(row: &mut vacancy::ActiveModel, n: NewVacancy) {
    row.employer = Set(n.employer);
    row.contact_name = Set(n.contact_name);
    row.contact_email = Set(n.contact_email);
    row.contact_phone = Set(n.contact_phone);
    row.title = Set(n.title);
    row.occupation = Set(n.occupation);
    row.place = Set(n.place);
    row.extent = Set(n.extent);
    row.starts = Set(n.starts);
    row.last_day = Set(n.last_day);
    row.description = Set(n.description);
    row.link = Set(n.link);
    row.updated_at = Set(Utc::now());
}

/// An employer's vacancy, waiting for the guide of `place`; `None` when the same one waits
/// already from the last day (sent twice: the back button, a double click).
pub async fn submit(
    db: &impl ConnectionTrait,
    place: Target,
    n: NewVacancy,
    lang: &str,
) -> Result<Option<vacancy::Model>, DbErr> {
    let same = vacancy::Entity::find()
        .filter(crate::scope::offers_in(
            vacancy::Column::MunicipalityId,
            &[place],
        ))
        .filter(vacancy::Column::Status.eq(PENDING))
        .filter(vacancy::Column::Employer.eq(n.employer.clone()))
        .filter(vacancy::Column::Title.eq(n.title.clone()))
        .filter(vacancy::Column::LastDay.eq(n.last_day))
        .filter(vacancy::Column::ContactEmail.eq(n.contact_email.clone()))
        .filter(vacancy::Column::CreatedAt.gt(Utc::now() - chrono::Duration::days(1)))
        .one(db)
        .await?;
    if same.is_some() {
        return Ok(None);
    }
    insert(db, place, n, lang, None).await.map(Some)
}

/// A guide's vacancy (typed in, or `imported`): its municipality's, published at once.
pub async fn add(
    db: &impl ConnectionTrait,
    scope: &Scope,
    n: NewVacancy,
    imported: bool,
) -> Result<vacancy::Model, DbErr> {
    let origin = if imported { FROM_IMPORT } else { FROM_GUIDE };
    insert(db, scope.home(), n, "sv", Some((scope.user_id(), origin))).await
}

async fn insert(
    db: &impl ConnectionTrait,
    place: Target,
    n: NewVacancy,
    lang: &str,
    by: Option<(UserId, &str)>,
) -> Result<vacancy::Model, DbErr> {
    let Some(m) = place.value() else {
        return Err(DbErr::Custom("a vacancy belongs to a municipality".into()));
    };
    let now = Utc::now();
    let mut row = vacancy::ActiveModel {
        municipality_id: Set(m),
        status: Set(if by.is_some() { PUBLISHED } else { PENDING }.into()),
        origin: Set(by.map_or(FROM_EMPLOYER, |(_, o)| o).into()),
        lang: Set(lang.into()),
        created_by: Set(by.map(|(u, _)| u.0)),
        decided_by: Set(by.map(|(u, _)| u.0)),
        decided_at: Set(by.map(|_| now)),
        published_at: Set(by.map(|_| now)),
        created_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, n);
    row.insert(db).await
}

/// The guide's vacancies: waiting ones first, then open ones by last day, then the rest.
pub async fn vacancies(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<vacancy::Model>, DbErr> {
    let mut rows = vacancy::Entity::find()
        .filter(scope.own(vacancy::Column::MunicipalityId))
        .order_by_desc(vacancy::Column::LastDay)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let today = crate::web::format::today();
    let rank = |v: &vacancy::Model| match v.status.as_str() {
        PENDING => 0,
        _ if is_open(v, today) => 1,
        _ => 2,
    };
    rows.sort_by(|a, b| {
        rank(a).cmp(&rank(b)).then_with(|| match rank(a) {
            2 => b.last_day.cmp(&a.last_day),
            _ => a.last_day.cmp(&b.last_day),
        })
    });
    Ok(rows)
}

pub async fn vacancy(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> Result<Option<vacancy::Model>, DbErr> {
    vacancy::Entity::find_by_id(id)
        .filter(scope.own(vacancy::Column::MunicipalityId))
        .one(db)
        .await
}

pub async fn update_vacancy(
    db: &impl ConnectionTrait,
    v: vacancy::Model,
    n: NewVacancy,
) -> Result<vacancy::Model, DbErr> {
    let mut row: vacancy::ActiveModel = v.into();
    fill(&mut row, n);
    row.update(db).await
}

/// Publishes or declines a waiting vacancy; `None` when it no longer waits (another guide
/// or another tab decided first).
pub async fn decide(
    db: &impl ConnectionTrait,
    v: vacancy::Model,
    publish: bool,
    reason: Option<String>,
    by: UserId,
) -> Result<Option<vacancy::Model>, DbErr> {
    let now = Utc::now();
    let to = if publish { PUBLISHED } else { DECLINED };
    let done = vacancy::Entity::update_many()
        .col_expr(vacancy::Column::Status, to.into())
        .col_expr(vacancy::Column::DecidedBy, by.0.into())
        .col_expr(vacancy::Column::DecidedAt, now.into())
        .col_expr(vacancy::Column::DeclineReason, reason.clone().into())
        .col_expr(vacancy::Column::PublishedAt, publish.then_some(now).into())
        .col_expr(vacancy::Column::UpdatedAt, now.into())
        .filter(vacancy::Column::Id.eq(v.id))
        .filter(vacancy::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Ok(None);
    }
    vacancy::Entity::find_by_id(v.id).one(db).await
}

/// Takes a published vacancy down before its last day (filled, or given up).
pub async fn withdraw(db: &impl ConnectionTrait, v: vacancy::Model) -> Result<bool, DbErr> {
    let done = vacancy::Entity::update_many()
        .col_expr(vacancy::Column::Status, WITHDRAWN.into())
        .col_expr(vacancy::Column::UpdatedAt, Utc::now().into())
        .filter(vacancy::Column::Id.eq(v.id))
        .filter(vacancy::Column::Status.eq(PUBLISHED))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

pub async fn add_home(
    db: &impl ConnectionTrait,
    scope: &Scope,
    n: NewHome,
) -> Result<home::Model, DbErr> {
    let Some(m) = scope.home().value() else {
        return Err(DbErr::Custom("a home belongs to a municipality".into()));
    };
    let now = Utc::now();
    let mut row = home::ActiveModel {
        municipality_id: Set(m),
        status: Set(OPEN.into()),
        created_by: Set(Some(scope.user_id().0)),
        created_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    };
    fill_home(&mut row, n);
    row.insert(db).await
}

fn fill_home(row: &mut home::ActiveModel, n: NewHome) {
    row.tenure = Set(n.tenure);
    row.rooms = Set(n.rooms);
    row.size_m2 = Set(n.size_m2);
    row.cost = Set(n.cost);
    row.place = Set(n.place);
    row.available_from = Set(n.available_from);
    row.contact = Set(n.contact);
    row.link = Set(n.link);
    row.description = Set(n.description);
    row.updated_at = Set(Utc::now());
}

pub async fn homes(db: &impl ConnectionTrait, scope: &Scope) -> Result<Vec<home::Model>, DbErr> {
    home::Entity::find()
        .filter(scope.own(home::Column::MunicipalityId))
        .order_by_asc(home::Column::Status)
        .order_by_desc(home::Column::UpdatedAt)
        .limit(LIST_LIMIT)
        .all(db)
        .await
}

pub async fn home(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> Result<Option<home::Model>, DbErr> {
    home::Entity::find_by_id(id)
        .filter(scope.own(home::Column::MunicipalityId))
        .one(db)
        .await
}

pub async fn update_home(
    db: &impl ConnectionTrait,
    h: home::Model,
    n: NewHome,
) -> Result<home::Model, DbErr> {
    let mut row: home::ActiveModel = h.into();
    fill_home(&mut row, n);
    row.update(db).await
}

/// Opens or closes a home (let, sold, taken off; or back on offer).
pub async fn set_home_open(
    db: &impl ConnectionTrait,
    h: home::Model,
    open: bool,
) -> Result<home::Model, DbErr> {
    let now = Utc::now();
    let mut row: home::ActiveModel = h.into();
    row.status = Set(if open { OPEN } else { CLOSED }.into());
    row.closed_at = Set((!open).then_some(now));
    row.updated_at = Set(now);
    row.update(db).await
}

/// The open vacancies in `places`, of `occupations` (all of them: `None`), by last day.
pub async fn open_vacancies(
    db: &impl ConnectionTrait,
    places: &[Target],
    occupations: Option<&[&str]>,
    today: NaiveDate,
) -> Result<Vec<vacancy::Model>, DbErr> {
    let mut q = vacancy::Entity::find()
        .filter(vacancy::Column::Status.eq(PUBLISHED))
        .filter(vacancy::Column::LastDay.gte(today))
        .filter(crate::scope::offers_in(
            vacancy::Column::MunicipalityId,
            places,
        ));
    if let Some(codes) = occupations {
        q = q.filter(vacancy::Column::Occupation.is_in(codes.iter().copied()));
    }
    q.order_by_asc(vacancy::Column::LastDay)
        .limit(LIST_LIMIT)
        .all(db)
        .await
}

/// The open homes in `places`, of `tenures`, with at least `rooms` rooms (any: 0).
pub async fn open_homes(
    db: &impl ConnectionTrait,
    places: &[Target],
    tenures: &[&str],
    rooms: i32,
) -> Result<Vec<home::Model>, DbErr> {
    home::Entity::find()
        .filter(home::Column::Status.eq(OPEN))
        .filter(crate::scope::offers_in(
            home::Column::MunicipalityId,
            places,
        ))
        .filter(home::Column::Tenure.is_in(tenures.iter().copied()))
        .filter(home::Column::Rooms.gte(rooms))
        .order_by_asc(home::Column::Rooms)
        .order_by_asc(home::Column::Cost)
        .limit(LIST_LIMIT)
        .all(db)
        .await
}

/// One item of a selection as it is sent.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: &'static str,
    pub ref_id: i64,
    pub title: String,
    pub detail: String,
    pub link: Option<String>,
    pub until: Option<NaiveDate>,
}

pub const JOB: &str = "job";
pub const HOME: &str = "home";

/// Stores a selection sent to a lead's mover, with its items as sent.
pub async fn record_selection(
    db: &impl ConnectionTrait,
    lead: &crate::entities::lead::Model,
    by: UserId,
    lang: &str,
    outbox: i64,
    items: &[Item],
) -> Result<i64, DbErr> {
    let s = selection::ActiveModel {
        lead_id: Set(lead.id),
        sent_on: Set(crate::web::format::today()),
        municipality_id: Set(lead.municipality_id),
        sent_by: Set(Some(by.0)),
        lang: Set(lang.into()),
        outbox_id: Set(Some(outbox)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for i in items {
        selection_item::ActiveModel {
            selection_id: Set(s.id),
            kind: Set(i.kind.into()),
            ref_id: Set(i.ref_id),
            title: Set(i.title.clone()),
            detail: Set(i.detail.clone()),
            link: Set(i.link.clone()),
            until: Set(i.until),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(s.id)
}

/// The selections sent on a lead, newest first, with their items.
pub async fn selections_of(
    db: &impl ConnectionTrait,
    lead_id: i64,
) -> Result<Vec<(selection::Model, Vec<selection_item::Model>)>, DbErr> {
    let list = selection::Entity::find()
        .filter(selection::Column::LeadId.eq(lead_id))
        .order_by_desc(selection::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        let items = selection_item::Entity::find()
            .filter(selection_item::Column::SelectionId.eq(s.id))
            .order_by_asc(selection_item::Column::Id)
            .all(db)
            .await?;
        out.push((s, items));
    }
    Ok(out)
}

/// Shows, or stops showing, the guide's municipality's offers on the public pages.
pub async fn set_listings(
    db: &impl ConnectionTrait,
    scope: &Scope,
    show: bool,
) -> Result<(), DbErr> {
    crate::entities::municipality::Entity::update_many()
        .col_expr(crate::entities::municipality::Column::Listings, show.into())
        .filter(scope.own(crate::entities::municipality::Column::Id))
        .exec(db)
        .await?;
    Ok(())
}

/// An employer's contact person is kept while the vacancy may be handled: its name, address
/// and number are cleared `days` after the last day to apply, and a home's contact `days`
/// after it closed (the vacancy and the home stay, for the reports and the selections that
/// named them).
pub async fn forget_contacts(db: &impl ConnectionTrait, days: i64) -> Result<u64, DbErr> {
    let before = crate::web::format::today() - chrono::Duration::days(days);
    let none: Option<String> = None;
    let r = vacancy::Entity::update_many()
        .col_expr(vacancy::Column::ContactName, none.clone().into())
        .col_expr(vacancy::Column::ContactEmail, none.clone().into())
        .col_expr(vacancy::Column::ContactPhone, none.into())
        .filter(vacancy::Column::LastDay.lt(before))
        .filter(
            sea_orm::Condition::any()
                .add(vacancy::Column::ContactName.is_not_null())
                .add(vacancy::Column::ContactEmail.is_not_null())
                .add(vacancy::Column::ContactPhone.is_not_null()),
        )
        .exec(db)
        .await?;
    // A landlord's or broker's contact, likewise after a home was let, sold or taken off.
    let h = home::Entity::update_many()
        .col_expr(home::Column::Contact, String::new().into())
        .filter(home::Column::Status.eq(CLOSED))
        .filter(home::Column::ClosedAt.lt(chrono::Utc::now() - chrono::Duration::days(days)))
        .filter(home::Column::Contact.ne(""))
        .exec(db)
        .await?;
    Ok(r.rows_affected + h.rows_affected)
}

/// Of `ids`, the vacancies open in `places` (what a guide ticked, checked again).
pub async fn open_vacancies_among(
    db: &impl ConnectionTrait,
    places: &[Target],
    ids: &[i64],
    today: NaiveDate,
) -> Result<Vec<vacancy::Model>, DbErr> {
    vacancy::Entity::find()
        .filter(vacancy::Column::Id.is_in(ids.iter().copied()))
        .filter(vacancy::Column::Status.eq(PUBLISHED))
        .filter(vacancy::Column::LastDay.gte(today))
        .filter(crate::scope::offers_in(
            vacancy::Column::MunicipalityId,
            places,
        ))
        .order_by_asc(vacancy::Column::LastDay)
        .all(db)
        .await
}

/// Of `ids`, the homes open in `places`.
pub async fn open_homes_among(
    db: &impl ConnectionTrait,
    places: &[Target],
    ids: &[i64],
) -> Result<Vec<home::Model>, DbErr> {
    home::Entity::find()
        .filter(home::Column::Id.is_in(ids.iter().copied()))
        .filter(home::Column::Status.eq(OPEN))
        .filter(crate::scope::offers_in(
            home::Column::MunicipalityId,
            places,
        ))
        .order_by_asc(home::Column::Rooms)
        .all(db)
        .await
}

/// How many selections the lead has had, with the lead held until the transaction ends
/// (on PostgreSQL a row lock; SQLite's writers take turns already): two sends of one form
/// at once see each other.
pub async fn sent_count_held(db: &impl ConnectionTrait, lead_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.execute(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT id FROM leads WHERE id = $1 FOR UPDATE",
            [lead_id.into()],
        ))
        .await?;
    }
    selection::Entity::find()
        .filter(selection::Column::LeadId.eq(lead_id))
        .count(db)
        .await
}
