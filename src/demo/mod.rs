//! `lotsbok demo`: realistic synthetic data for trying Lotsbok out and for the benchmark —
//! households from the Netherlands, Germany, Sweden and Britain, sources, campaigns and fairs,
//! timelines, follow-ups and outcomes over three years across the ten municipalities, a guide
//! per municipality and a coordinator. The same seed gives the same data (dates are counted
//! from a fixed day, not from today).

mod bulk;
pub mod floor;
mod names;
mod offers;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, Set, Value};

use crate::accounts::Roles;
use crate::accounts::{self as users, NewUser};
use crate::domain::{ActivityKind, CampaignKind, FollowUpKind, Status};
use crate::entities::{campaign, municipality};
use names::{Origin, CAMPAIGNS, NOTES, OCCUPATIONS, ORIGINS};

const BATCH: u64 = 10_000;

/// The accounts the demo made or found: (e-mail, password if newly made).
pub struct Accounts(pub Vec<(String, Option<String>)>);

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A status by weight: most leads are open, about one in fourteen moves in.
fn status(rng: &mut ChaCha8Rng) -> Status {
    const W: [(Status, u32); 9] = [
        (Status::New, 25),
        (Status::Contacted, 20),
        (Status::InDialogue, 15),
        (Status::Visit, 8),
        (Status::Decided, 5),
        (Status::MovedIn, 7),
        (Status::NotMoving, 10),
        (Status::MovedElsewhere, 5),
        (Status::Unreachable, 5),
    ];
    let mut x = rng.random_range(0..100);
    for (s, w) in W {
        if x < w {
            return s;
        }
        x -= w;
    }
    Status::New
}

async fn accounts(
    db: &crate::db::Db,
    ms: &[municipality::Model],
    password: Option<&str>,
    rng: &mut ChaCha8Rng,
) -> anyhow::Result<(Vec<(i64, i64)>, Accounts)> {
    let mut made = Vec::new();
    let mut guides = Vec::new();
    let mut wanted: Vec<(String, String, Roles, Option<i64>)> = ms
        .iter()
        .map(|m| {
            (
                format!("lots.{}@demo.lotsbok.se", m.slug),
                format!("Lots {}", m.name),
                Roles {
                    guide: true,
                    ..Roles::default()
                },
                Some(m.id),
            )
        })
        .collect();
    wanted.push((
        "samordnare@demo.lotsbok.se".into(),
        "Samordnare Region 10".into(),
        Roles {
            coordinator: true,
            ..Roles::default()
        },
        None,
    ));
    for (email, name, roles, muni) in wanted {
        let id = match users::find_by_email(db, &email).await? {
            Some(u) => {
                made.push((email, None));
                u.id
            }
            None => {
                let pw = password.map(str::to_string).unwrap_or_else(|| {
                    (0..4)
                        .map(|_| format!("{:04x}", rng.random::<u16>()))
                        .collect::<Vec<_>>()
                        .join("-")
                });
                let hash = crate::auth::password::hash(pw.clone()).await?;
                let u = users::create(
                    db,
                    NewUser {
                        email: email.clone(),
                        name,
                        roles,
                        municipality_id: muni,
                        locale: "sv".into(),
                        password_hash: Some(hash),
                    },
                )
                .await
                .map_err(|e| anyhow::anyhow!(e))?;
                made.push((email, Some(pw)));
                u.id
            }
        };
        if let Some(m) = muni {
            guides.push((m, id));
        }
    }
    Ok((guides, Accounts(made)))
}

/// The campaigns and events of three years, each with the day it started.
async fn campaigns(
    db: &crate::db::Db,
    anchor: DateTime<Utc>,
) -> anyhow::Result<Vec<(i64, NaiveDate)>> {
    let mut ids = Vec::new();
    for (year_back, (name, kind)) in (0..3).flat_map(|y| CAMPAIGNS.iter().map(move |c| (y, c))) {
        let start = (anchor - Duration::days(365 * year_back + 30 * (ids.len() as i64 % 11) + 10))
            .date_naive();
        let row = campaign::ActiveModel {
            name: Set(format!("{name} {}", start.format("%Y"))),
            kind: Set(CampaignKind::parse(kind).unwrap_or(CampaignKind::Other)),
            starts_on: Set(Some(start)),
            ends_on: Set(Some(start + Duration::days(2))),
            municipality_id: Set(None),
            created_at: Set(anchor),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.push((row.id, start));
    }
    Ok(ids)
}

/// Generates `leads` leads (and their prospects, timelines, follow-ups, consents).
pub async fn generate(
    db: &crate::db::Db,
    leads: u64,
    seed: u64,
    password: Option<&str>,
) -> anyhow::Result<Accounts> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let anchor = Utc
        .with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let ms = users::list_municipalities(db).await?;
    let (guides, accounts) = accounts(db, &ms, password, &mut rng).await?;
    let camps = campaigns(db, anchor).await?;
    let next_prospect = bulk::next_id(db, "prospects").await?;
    let next_lead = bulk::next_id(db, "leads").await?;

    let bar = ProgressBar::new(leads);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} leads, {per_sec}, {eta} left {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // Into an empty database, the rows go in without indexes and triggers (see `suspend`).
    let suspended = if next_lead == 1 && next_prospect == 1 {
        Some(bulk::suspend(db).await?)
    } else {
        None
    };
    let first = (next_prospect, next_lead);
    let loaded = load(db, leads, first, rng, anchor, &guides, &camps, &bar).await;
    if let Some(s) = suspended {
        bar.set_message("indexing");
        bulk::resume(db, s).await?;
    }
    loaded?;
    bar.finish();
    for t in ["prospects", "leads"] {
        bulk::fix_sequence(db, t).await?;
    }
    targets(db, anchor.year()).await?;
    offers::generate(db, &ms, seed).await?;
    Ok(accounts)
}

/// The year's targets as a project would set them: a sixth more than the year before, per
/// municipality and for the region, of persons moved in and new leads.
async fn targets(db: &crate::db::Db, year: i32) -> anyhow::Result<()> {
    use crate::entities::report_target;
    use sea_orm::{ConnectionTrait, EntityTrait, Statement};
    use std::collections::HashMap;
    let before = year - 1;
    let sql = format!(
        "SELECT municipality_id AS m, 'persons' AS measure,
                SUM(COALESCE(moved_adults, 0) + COALESCE(moved_children, 0)) AS n
         FROM leads WHERE status = 'moved_in'
           AND moved_in_on >= '{before}-01-01' AND moved_in_on < '{year}-01-01'
         GROUP BY municipality_id
         UNION ALL
         SELECT municipality_id AS m, 'leads' AS measure, COUNT(*) AS n
         FROM leads WHERE created_at >= '{before}-01-01' AND created_at < '{year}-01-01'
         GROUP BY municipality_id"
    );
    let rows = db
        .query_all(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    // The region's counts the pool too (no municipality), as its figure in the report does.
    let mut region: HashMap<String, i64> = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        let (m, measure, n): (Option<i64>, String, i64) = (
            r.try_get("", "m")?,
            r.try_get("", "measure")?,
            r.try_get("", "n")?,
        );
        *region.entry(measure.clone()).or_default() += n;
        out.extend(m.map(|m| (m, measure, n)));
    }
    out.extend(region.into_iter().map(|(measure, n)| (0, measure, n)));
    for (m, measure, n) in out {
        let row = report_target::ActiveModel {
            year: Set(year),
            municipality_id: Set(m),
            measure: Set(measure),
            value: Set(((n * 7 + 5) / 6).max(1)),
            set_by: Set(None),
            set_at: Set(Utc::now()),
        };
        // A target set before (a demo run into a used database) stays.
        report_target::Entity::insert(row)
            .on_conflict(
                sea_orm::sea_query::OnConflict::columns([
                    report_target::Column::Year,
                    report_target::Column::MunicipalityId,
                    report_target::Column::Measure,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Makes and inserts the leads, a batch per transaction, from the given first ids.
#[allow(clippy::too_many_arguments)]
async fn load(
    db: &crate::db::Db,
    leads: u64,
    (next_prospect, next_lead): (i64, i64),
    rng: ChaCha8Rng,
    anchor: DateTime<Utc>,
    guides: &[(i64, i64)],
    camps: &[(i64, NaiveDate)],
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut maker = Maker {
        rng,
        anchor,
        guides,
        camps,
        next_prospect,
        next_lead,
    };
    let mut done = 0;
    while done < leads {
        let n = BATCH.min(leads - done);
        let mut batch = Batch::default();
        for _ in 0..n {
            maker.household(&mut batch);
        }
        batch.insert(db).await?;
        done += n;
        bar.inc(n);
    }
    Ok(())
}

/// The rows of one batch, table by table.
#[derive(Default)]
struct Batch {
    prospects: Vec<Vec<Value>>,
    consents: Vec<Vec<Value>>,
    leads: Vec<Vec<Value>>,
    activities: Vec<Vec<Value>>,
    follow_ups: Vec<Vec<Value>>,
}

/// Makes households, their leads and their stories, from one seeded generator.
struct Maker<'a> {
    rng: ChaCha8Rng,
    anchor: DateTime<Utc>,
    /// (municipality, its guide) pairs.
    guides: &'a [(i64, i64)],
    camps: &'a [(i64, NaiveDate)],
    next_prospect: i64,
    next_lead: i64,
}

/// Where a lead goes: a municipality of the demo's choosing (or the pool), a second
/// municipality the household also considers, or the one it registered with before (a
/// duplicate, new).
#[derive(Clone, Copy)]
enum Goes {
    Anywhere,
    Also(i64),
    To(i64),
}

/// What one household's leads share.
#[derive(Clone, Copy)]
struct Facts {
    pid: i64,
    created: DateTime<Utc>,
    adults: i32,
    kids: i32,
    /// The fair or event it signed up at, if it did.
    fair: Option<i64>,
}

/// A phone number as a mover of this country has one, in international form.
fn phone_of(rng: &mut ChaCha8Rng, country: &str) -> String {
    match country {
        "SE" => format!(
            "+467{}{:07}",
            rng.random_range(0..4),
            rng.random_range(0..10_000_000)
        ),
        "NL" => format!("+316{:08}", rng.random_range(0..100_000_000)),
        "DE" => format!(
            "+4915{}{:08}",
            rng.random_range(1..8),
            rng.random_range(0..100_000_000)
        ),
        _ => format!("+447{:09}", rng.random_range(0..1_000_000_000)),
    }
}

/// The same number as someone types it at home ("070-123 45 67", "06-1234 5678").
fn national(phone: &str) -> String {
    let digits = phone.trim_start_matches('+');
    let rest = &digits[2..];
    format!("0{}-{} {}", &rest[..2], &rest[2..5], &rest[5..])
}

/// The county of a Swedish demo town.
fn se_region_of(place: &str) -> &'static str {
    match place {
        "Göteborg" => "O",
        "Malmö" | "Lund" | "Helsingborg" => "M",
        "Uppsala" => "C",
        "Linköping" => "E",
        "Örebro" => "T",
        "Västerås" => "U",
        "Jönköping" => "F",
        _ => "AB",
    }
}

impl Maker<'_> {
    /// A moment in a guide's working day (08–17 in Stockholm, Monday to Friday) on `day`,
    /// or on the Friday before it.
    fn work_time(&mut self, day: NaiveDate) -> DateTime<Utc> {
        use chrono::Datelike;
        let day = match day.weekday() {
            chrono::Weekday::Sat => day - Duration::days(1),
            chrono::Weekday::Sun => day - Duration::days(2),
            _ => day,
        };
        let minute = self.rng.random_range(8 * 60..17 * 60);
        crate::web::format::day_start(day) + Duration::minutes(minute)
    }

    /// A moment in the lead's story, about `days` after `from` and before the demo's "now":
    /// in working hours where the days allow.
    fn later(&mut self, from: DateTime<Utc>, days: i64) -> DateTime<Utc> {
        let anchor = self.anchor;
        let within = |t: DateTime<Utc>| t > from && t < anchor;
        let t = self.work_time((from + Duration::days(days)).date_naive());
        if within(t) {
            return t;
        }
        let span = (self.anchor.date_naive() - from.date_naive())
            .num_days()
            .max(0);
        let day = from.date_naive() + Duration::days(self.rng.random_range(0..=span));
        let t = self.work_time(day);
        if within(t) {
            return t;
        }
        let minutes = (self.anchor - from).num_minutes().max(2);
        from + Duration::minutes(self.rng.random_range(1..minutes))
    }

    /// A household: its prospect, its consent, and one lead (sometimes two: a household
    /// interested in two municipalities). Now and then the same household registers again
    /// with its phone and e-mail typed another way: a duplicate for the guide to merge.
    fn household(&mut self, b: &mut Batch) {
        let o = pick(&mut self.rng, &ORIGINS);
        let first = *pick(&mut self.rng, o.first);
        let last = *pick(&mut self.rng, o.last);
        let place = *pick(&mut self.rng, o.places);
        let email = format!(
            "{}.{}.{}@{}",
            ascii(first),
            ascii(last),
            self.next_prospect,
            o.domain
        );
        let fair = self
            .rng
            .random_bool(0.25)
            .then(|| *pick(&mut self.rng, self.camps));
        let created = match fair {
            // Registered at the fair's stand, or in the days after it.
            Some((_, start)) => {
                let day = start + Duration::days(self.rng.random_range(0..4));
                let minute = self.rng.random_range(10 * 60..18 * 60);
                (crate::web::format::day_start(day) + Duration::minutes(minute)).min(self.anchor)
            }
            None => self.anchor - Duration::seconds(self.rng.random_range(3600..3 * 365 * 86_400)),
        };
        let adults: i32 = self.rng.random_range(1..=2);
        let kids = self.rng.random_range(0..=3);
        let years: Vec<String> = (0..kids)
            .map(|_| (2026 - self.rng.random_range(0..16)).to_string())
            .collect();
        let phone = phone_of(&mut self.rng, o.country);
        let mut facts = Facts {
            pid: 0,
            created,
            adults,
            kids,
            fair: fair.map(|f| f.0),
        };
        let person = Person {
            first,
            last,
            email: email.clone(),
            phone: phone.clone(),
            place,
            years: years.join(", "),
        };
        facts.pid = self.prospect(b, o, &person, created);
        let went = self.lead(b, facts, Goes::Anywhere);
        if let Some(m) = went.filter(|_| self.rng.random_bool(0.1)) {
            let other = *pick(&mut self.rng, self.guides);
            if other.0 != m {
                self.lead(b, facts, Goes::Also(other.0));
            }
        }
        if let Some(m) = went.filter(|_| self.rng.random_bool(0.015)) {
            let again = Person {
                email: email.to_uppercase(),
                phone: national(&phone),
                ..person
            };
            let after = self.rng.random_range(20..200);
            let at = self.later(created, after);
            facts = Facts {
                pid: self.prospect(b, o, &again, at),
                created: at,
                fair: None,
                ..facts
            };
            self.lead(b, facts, Goes::To(m));
        }
    }

    /// A prospect and its consent; returns its id.
    fn prospect(&mut self, b: &mut Batch, o: &Origin, p: &Person, created: DateTime<Utc>) -> i64 {
        let pid = self.next_prospect;
        self.next_prospect += 1;
        let se_region = (o.country == "SE").then(|| se_region_of(p.place).to_string());
        let adults: i32 = 1 + i32::from(self.rng.random_bool(0.5));
        let found = crate::domain::Findable::of(
            (p.first, p.last),
            Some(&p.email),
            Some(&p.phone),
            (Some(p.place), Some(p.years.as_str())),
        );
        b.prospects.push(vec![
            pid.into(),
            p.first.into(),
            p.last.into(),
            Some(p.email.clone()).into(),
            Some(crate::domain::normalise_phone(&p.phone)).into(),
            Some(o.country.to_string()).into(),
            se_region.into(),
            Some(p.place.to_string()).into(),
            o.language.into(),
            adults.into(),
            Some(p.years.clone())
                .filter(|y: &String| !y.is_empty())
                .into(),
            Some(names::occupation_in(pick(&mut self.rng, &OCCUPATIONS), o.language).to_string())
                .into(),
            (adults == 2)
                .then(|| {
                    names::occupation_in(pick(&mut self.rng, &OCCUPATIONS), o.language).to_string()
                })
                .into(),
            self.rng.random_bool(0.7).into(),
            (adults == 2 && self.rng.random_bool(0.5)).into(),
            self.rng.random_bool(0.6).into(),
            (!p.years.is_empty()).into(),
            self.rng.random_bool(0.1).into(),
            self.rng.random_bool(0.2).into(),
            false.into(),
            "email".into(),
            pick(&mut self.rng, &["rent", "buy", "unknown"])
                .to_string()
                .into(),
            Some(pick(&mut self.rng, &crate::domain::MOVE_WHEN).to_string()).into(),
            Value::String(None),
            found.search_text.into(),
            found.phone_key.into(),
            found.email_key.into(),
            Some(found.name_key).into(),
            found.family_key.into(),
            created.into(),
            created.into(),
        ]);
        b.consents.push(vec![
            pid.into(),
            "relocation_guidance".into(),
            "consent".into(),
            "demo".into(),
            o.language.into(),
            created.into(),
        ]);
        // Two in five also ask for news and invitations (from the prospect's number, so
        // that the random draws, and so every other figure of a seed, stay as they were).
        if pid % 5 < 2 {
            b.consents.push(vec![
                pid.into(),
                crate::domain::purpose::NEWS.into(),
                "consent".into(),
                "demo".into(),
                o.language.into(),
                created.into(),
            ]);
        }
        pid
    }

    /// A lead of the household, with its timeline and perhaps a follow-up; returns its
    /// municipality (none: the regional pool).
    fn lead(&mut self, b: &mut Batch, h: Facts, goes: Goes) -> Option<i64> {
        let lid = self.next_lead;
        self.next_lead += 1;
        let muni = match goes {
            Goes::To(m) | Goes::Also(m) => Some(m),
            Goes::Anywhere => {
                (!self.rng.random_bool(0.08)).then(|| pick(&mut self.rng, self.guides).0)
            }
        };
        let owner = muni
            .and_then(|m| self.guides.iter().find(|g| g.0 == m))
            .map(|g| g.1);
        // The pool holds the undecided: no one there has moved in or been closed.
        let st = match (muni, goes) {
            (None, _) => *pick(
                &mut self.rng,
                &[Status::New, Status::New, Status::Contacted],
            ),
            (_, Goes::To(_)) => Status::New,
            _ => status(&mut self.rng),
        };
        let source = if h.fair.is_some() {
            "fair"
        } else {
            *pick(
                &mut self.rng,
                &[
                    "interest_form",
                    "interest_form",
                    "interest_form",
                    "phone",
                    "email",
                    "social_media",
                    "referral",
                    "walk_in",
                    "other",
                ],
            )
        };
        let days = self.rng.random_range(1..300);
        let updated = self.later(h.created, days);
        let closed = st.is_closed().then_some(updated);
        let moved_on: Option<NaiveDate> = (st == Status::MovedIn).then(|| updated.date_naive());
        let reason = st.is_lost().then(|| {
            pick(
                &mut self.rng,
                &["no_job", "no_partner_job", "no_housing", "school", "other"],
            )
            .to_string()
        });
        b.leads.push(vec![
            lid.into(),
            h.pid.into(),
            muni.into(),
            owner.into(),
            source.into(),
            h.fair.into(),
            st.as_str().into(),
            reason.into(),
            moved_on.into(),
            moved_on.map(|_| h.adults).into(),
            moved_on.map(|_| h.kids).into(),
            closed.into(),
            h.created.into(),
            updated.into(),
        ]);
        b.activities.push(vec![
            lid.into(),
            Value::BigInt(None),
            "created".into(),
            Value::String(None),
            h.created.into(),
            Some(source.to_string()).into(),
            h.created.into(),
        ]);
        if st != Status::New {
            b.activities.push(vec![
                lid.into(),
                owner.into(),
                "status".into(),
                Value::String(None),
                updated.into(),
                Some(st.as_str().to_string()).into(),
                updated.into(),
            ]);
        }
        // Most leads have a contact or two; some a long story of calls and visits.
        let contacts = if st != Status::New && self.rng.random_bool(0.06) {
            self.rng.random_range(6..=18)
        } else {
            self.rng.random_range(0..3)
        };
        self.contacts(b, lid, owner, (h.created, days), contacts);
        if let Some(on) = moved_on {
            self.stay_checks(b, lid, muni, owner, on);
        }
        if muni.is_some() && !st.is_closed() && self.rng.random_bool(0.35) {
            self.follow_up(b, lid, muni, owner, h.created);
        }
        muni
    }

    /// `n` calls, mails, meetings or notes over the lead's first `days` days.
    fn contacts(
        &mut self,
        b: &mut Batch,
        lid: i64,
        owner: Option<i64>,
        (created, days): (DateTime<Utc>, i64),
        n: u32,
    ) {
        for _ in 0..n {
            let offset = self.rng.random_range(0..=days);
            let at = self.later(created, offset);
            let kind = *pick(
                &mut self.rng,
                &[
                    ActivityKind::Call,
                    ActivityKind::Email,
                    ActivityKind::Meeting,
                    ActivityKind::Note,
                ],
            );
            let dir = (kind != ActivityKind::Note)
                .then(|| pick(&mut self.rng, &["in", "out"]).to_string());
            b.activities.push(vec![
                lid.into(),
                owner.into(),
                kind.as_str().into(),
                dir.into(),
                at.into(),
                Some(pick(&mut self.rng, &NOTES).to_string()).into(),
                at.into(),
            ]);
        }
    }

    /// The checks 6 and 12 months after moving in: answered when their day has come (most
    /// households stay), open when it has not.
    fn stay_checks(
        &mut self,
        b: &mut Batch,
        lid: i64,
        muni: Option<i64>,
        owner: Option<i64>,
        on: NaiveDate,
    ) {
        for (kind, months) in [(FollowUpKind::Stay6, 6), (FollowUpKind::Stay12, 12)] {
            let Some(due) = on.checked_add_months(chrono::Months::new(months)) else {
                continue;
            };
            let today = self.anchor.date_naive();
            let answered = (due + Duration::days(14) <= today).then(|| {
                let d = due + Duration::days(self.rng.random_range(0..14));
                let answer = if self.rng.random_bool(0.9) {
                    "stayed"
                } else {
                    "moved_away"
                };
                (d, answer)
            });
            let done_at = answered.map(|(d, _)| self.work_time(d));
            b.follow_ups.push(vec![
                lid.into(),
                muni.into(),
                due.into(),
                kind.as_str().into(),
                kind.as_str().into(),
                owner.into(),
                self.work_time(on).into(),
                done_at.into(),
                answered.map(|(_, a)| a.to_string()).into(),
                answered.map(|(d, _)| d).into(),
            ]);
        }
    }

    /// A follow-up due within a month or two of now (some overdue, some done).
    fn follow_up(
        &mut self,
        b: &mut Batch,
        lid: i64,
        muni: Option<i64>,
        owner: Option<i64>,
        created: DateTime<Utc>,
    ) {
        // Due around the day the demo is looked at, so that a guide's start page shows a
        // working day: a few today, some overdue, most to come.
        let today = crate::web::format::today();
        let due = today + Duration::days(self.rng.random_range(-20..45));
        let done_at: Option<DateTime<Utc>> = if self.rng.random_bool(0.3) {
            let back = self.rng.random_range(0..30);
            Some(
                self.work_time((self.anchor - Duration::days(back)).date_naive())
                    .min(self.anchor),
            )
        } else {
            None
        };
        b.follow_ups.push(vec![
            lid.into(),
            muni.into(),
            due.into(),
            pick(
                &mut self.rng,
                &[
                    "Ring tillbaka",
                    "Skicka jobblänkar",
                    "Boka besök",
                    "Fråga om bostad",
                ],
            )
            .to_string()
            .into(),
            "task".into(),
            owner.into(),
            created.into(),
            done_at.into(),
            Value::String(None),
            Value::ChronoDate(None),
        ]);
    }
}

/// Who a prospect record is about, as it was typed.
struct Person {
    first: &'static str,
    last: &'static str,
    email: String,
    phone: String,
    place: &'static str,
    years: String,
}

impl Batch {
    /// Inserts the batch in one transaction.
    async fn insert(self, db: &crate::db::Db) -> anyhow::Result<()> {
        let txn = db.begin().await?;
        bulk::insert(
            &txn,
            "prospects",
            &[
                "id",
                "first_name",
                "last_name",
                "email",
                "phone",
                "country",
                "se_region",
                "place",
                "preferred_language",
                "adults",
                "children_birth_years",
                "occupation",
                "partner_occupation",
                "help_job",
                "help_partner_job",
                "help_housing",
                "help_school",
                "help_business",
                "help_leisure",
                "help_other",
                "contact_via",
                "housing_wish",
                "move_when",
                "notes",
                "search_text",
                "phone_key",
                "email_key",
                "name_key",
                "family_key",
                "created_at",
                "updated_at",
            ],
            self.prospects,
        )
        .await?;
        bulk::insert(
            &txn,
            "consents",
            &[
                "prospect_id",
                "purpose",
                "legal_basis",
                "text_version",
                "language",
                "given_at",
            ],
            self.consents,
        )
        .await?;
        bulk::insert(
            &txn,
            "leads",
            &[
                "id",
                "prospect_id",
                "municipality_id",
                "owner_id",
                "source",
                "campaign_id",
                "status",
                "reason_code",
                "moved_in_on",
                "moved_adults",
                "moved_children",
                "closed_at",
                "created_at",
                "updated_at",
            ],
            self.leads,
        )
        .await?;
        bulk::insert(
            &txn,
            "activities",
            &[
                "lead_id",
                "user_id",
                "kind",
                "direction",
                "occurred_at",
                "body",
                "created_at",
            ],
            self.activities,
        )
        .await?;
        bulk::insert(
            &txn,
            "follow_ups",
            &[
                "lead_id",
                "municipality_id",
                "due_on",
                "title",
                "kind",
                "created_by",
                "created_at",
                "done_at",
                "answer",
                "answered_on",
            ],
            self.follow_ups,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Lower-case ASCII for an e-mail's local part (Åsa → asa, Müller → muller).
fn ascii(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'å' | 'ä' | 'Å' | 'Ä' => Some('a'),
            'ö' | 'Ö' => Some('o'),
            'ü' | 'Ü' => Some('u'),
            'é' => Some('e'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}
