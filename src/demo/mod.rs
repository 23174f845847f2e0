//! `lotsbok demo`: realistic synthetic data for trying Lotsbok out and for the benchmark —
//! households from the Netherlands, Germany, Sweden and Britain, sources, campaigns and fairs,
//! timelines, follow-ups and outcomes over three years across the ten municipalities, a guide
//! per municipality and a coordinator. The same seed gives the same data (dates are counted
//! from a fixed day, not from today).

mod bulk;
pub mod floor;
mod names;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, Set, Value};

use crate::accounts::Roles;
use crate::accounts::{self as users, NewUser};
use crate::domain::{ActivityKind, CampaignKind, Status};
use crate::entities::{campaign, municipality};
use names::{CAMPAIGNS, NOTES, OCCUPATIONS, ORIGINS, SE_REGIONS};

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

async fn campaigns(db: &crate::db::Db, anchor: DateTime<Utc>) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (year_back, (name, kind)) in (0..3).flat_map(|y| CAMPAIGNS.iter().map(move |c| (y, c))) {
        let start =
            (anchor - Duration::days(365 * year_back + 30 * (ids.len() as i64 % 11))).date_naive();
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
        ids.push(row.id);
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
    Ok(accounts)
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
    camps: &[i64],
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
    camps: &'a [i64],
    next_prospect: i64,
    next_lead: i64,
}

impl Maker<'_> {
    /// A household: its prospect, its consent, and one lead (sometimes two: a household
    /// interested in two municipalities).
    fn household(&mut self, b: &mut Batch) {
        let o = pick(&mut self.rng, &ORIGINS);
        let first = *pick(&mut self.rng, o.first);
        let last = *pick(&mut self.rng, o.last);
        let place = *pick(&mut self.rng, o.places);
        let pid = self.next_prospect;
        self.next_prospect += 1;
        let email = format!("{}.{}.{pid}@{}", ascii(first), ascii(last), o.domain);
        let created = self.anchor - Duration::seconds(self.rng.random_range(0..3 * 365 * 86_400));
        let adults: i32 = self.rng.random_range(1..=2);
        let kids = self.rng.random_range(0..=3);
        let years: Vec<String> = (0..kids)
            .map(|_| (2026 - self.rng.random_range(0..16)).to_string())
            .collect();
        let se_region = (o.country == "SE").then(|| pick(&mut self.rng, &SE_REGIONS).to_string());
        let phone = format!(
            "+{}{}",
            30 + self.rng.random_range(0..20),
            self.rng.random_range(600_000_000..800_000_000u32)
        );
        let found =
            crate::domain::Findable::of((first, last), Some(&email), Some(&phone), Some(place));
        b.prospects.push(vec![
            pid.into(),
            first.into(),
            last.into(),
            Some(email.clone()).into(),
            Some(phone).into(),
            Some(o.country.to_string()).into(),
            se_region.into(),
            Some(place.to_string()).into(),
            o.language.into(),
            adults.into(),
            Some(years.join(", "))
                .filter(|y: &String| !y.is_empty())
                .into(),
            Some(pick(&mut self.rng, &OCCUPATIONS).to_string()).into(),
            (adults == 2)
                .then(|| pick(&mut self.rng, &OCCUPATIONS).to_string())
                .into(),
            self.rng.random_bool(0.7).into(),
            (adults == 2 && self.rng.random_bool(0.5)).into(),
            self.rng.random_bool(0.6).into(),
            (kids > 0).into(),
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
        for _ in 0..if self.rng.random_bool(0.1) { 2 } else { 1 } {
            self.lead(b, pid, created, adults, kids);
        }
    }

    /// A lead of the household, with its timeline and perhaps a follow-up.
    fn lead(&mut self, b: &mut Batch, pid: i64, created: DateTime<Utc>, adults: i32, kids: i32) {
        let lid = self.next_lead;
        self.next_lead += 1;
        let muni = (!self.rng.random_bool(0.08)).then(|| pick(&mut self.rng, self.guides).0);
        let owner = muni
            .and_then(|m| self.guides.iter().find(|g| g.0 == m))
            .map(|g| g.1);
        let st = status(&mut self.rng);
        let fair = self.rng.random_bool(0.25);
        let source = if fair {
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
        let campaign = fair.then(|| *pick(&mut self.rng, self.camps));
        let days = self.rng.random_range(1..300);
        let updated = (created + Duration::days(days)).min(self.anchor);
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
            pid.into(),
            muni.into(),
            owner.into(),
            source.into(),
            campaign.into(),
            st.as_str().into(),
            reason.into(),
            moved_on.into(),
            moved_on.map(|_| adults).into(),
            moved_on.map(|_| kids).into(),
            closed.into(),
            created.into(),
            updated.into(),
        ]);
        b.activities.push(vec![
            lid.into(),
            Value::BigInt(None),
            "created".into(),
            Value::String(None),
            created.into(),
            Some(source.to_string()).into(),
            created.into(),
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
        self.contacts(b, lid, owner, created, days);
        if muni.is_some() && !st.is_closed() && self.rng.random_bool(0.35) {
            self.follow_up(b, lid, muni, owner, created);
        }
    }

    /// None to two calls, mails, meetings or notes over the lead's first `days` days.
    fn contacts(
        &mut self,
        b: &mut Batch,
        lid: i64,
        owner: Option<i64>,
        created: DateTime<Utc>,
        days: i64,
    ) {
        for k in 0..self.rng.random_range(0..3) {
            let at =
                created + Duration::days(self.rng.random_range(0..=days)) + Duration::minutes(k);
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

    /// A follow-up due within a month or two of now (some overdue, some done).
    fn follow_up(
        &mut self,
        b: &mut Batch,
        lid: i64,
        muni: Option<i64>,
        owner: Option<i64>,
        created: DateTime<Utc>,
    ) {
        let due = (self.anchor + Duration::days(self.rng.random_range(-30..60))).date_naive();
        let done_at: Option<DateTime<Utc>> = self.rng.random_bool(0.3).then_some(self.anchor);
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
        ]);
    }
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
