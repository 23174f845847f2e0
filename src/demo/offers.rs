//! Vacancies and homes for trying Lotsbok's jobs and homes: in each municipality a few
//! employers' vacancies (most published, some waiting, some past their last day) and
//! homes to rent or buy; three municipalities show theirs on the public pages. Dated from
//! today, so that what is open is open when the demo is used.

use chrono::{Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::names::EMPLOYERS;
use crate::entities::{home, municipality, vacancy};

const VILLAGES: [&str; 6] = [
    "centrum",
    "Norra",
    "Strandvägen",
    "Skolbacken",
    "Älvnäs",
    "Björkbacken",
];

pub async fn generate(
    db: &crate::db::Db,
    ms: &[municipality::Model],
    seed: u64,
) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6a6f6273);
    let today = crate::web::format::today();
    let now = Utc::now();
    let txn = db.begin().await?;
    for m in ms {
        for i in 0..rng.random_range(6..12) {
            let (employer, title, occupation) = EMPLOYERS[rng.random_range(0..EMPLOYERS.len())];
            let state = match i % 7 {
                0 => "pending",
                1 => "expired",
                _ => "published",
            };
            let last_day = if state == "expired" {
                today - Duration::days(rng.random_range(1..40))
            } else {
                today + Duration::days(rng.random_range(7..60))
            };
            let published =
                (state != "pending").then(|| now - Duration::days(rng.random_range(1..50)));
            vacancy::ActiveModel {
                municipality_id: Set(m.id),
                status: Set(if state == "pending" {
                    "pending"
                } else {
                    "published"
                }
                .into()),
                origin: Set(if state == "pending" {
                    "employer"
                } else {
                    "guide"
                }
                .into()),
                employer: Set(employer.into()),
                contact_name: Set(Some("Rekryteringen".into())),
                contact_email: Set(Some(format!("jobb{}@{}.example.se", i, m.slug))),
                contact_phone: Set(None),
                title: Set(title.into()),
                occupation: Set(Some(occupation.into())),
                place: Set(Some(m.name.clone())),
                extent: Set([
                    "full_time",
                    "full_time",
                    "part_time",
                    "temporary",
                    "seasonal",
                ][rng.random_range(0..5)]
                .into()),
                starts: Set(Some("Enligt överenskommelse".into())),
                last_day: Set(last_day),
                description: Set(format!(
                    "{employer} söker {title} i {}. Välkommen med din ansökan!",
                    m.name
                )),
                link: Set(Some(format!("https://{}.example.se/jobb/{i}", m.slug))),
                lang: Set("sv".into()),
                created_by: Set(None),
                decided_by: Set(None),
                decided_at: Set(published),
                decline_reason: Set(None),
                published_at: Set(published),
                created_at: Set(published.unwrap_or(now)),
                updated_at: Set(published.unwrap_or(now)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        for i in 0..rng.random_range(3..7) {
            let buy = rng.random_bool(0.3);
            let rooms: i32 = rng.random_range(1..6);
            let created = now - Duration::days(rng.random_range(1..60));
            home::ActiveModel {
                municipality_id: Set(m.id),
                status: Set("open".into()),
                tenure: Set(if buy { "buy" } else { "rent" }.into()),
                rooms: Set(rooms),
                size_m2: Set(Some(25 + rooms * rng.random_range(18..30))),
                cost: Set(Some(if buy {
                    i64::from(rooms) * rng.random_range(150..400) * 1000
                } else {
                    i64::from(rooms) * rng.random_range(15..25) * 100 + 1500
                })),
                place: Set(format!("{} {}", m.name, VILLAGES[i % VILLAGES.len()])),
                available_from: Set(Some(today + Duration::days(rng.random_range(0..90)))),
                contact: Set(if buy {
                    "Mäklarbyrån Inland, 0950-100 00"
                } else {
                    "Kommunens bostadsbolag, 0950-200 00"
                }
                .into()),
                link: Set(Some(format!("https://{}.example.se/bostad/{i}", m.slug))),
                description: Set(None),
                created_by: Set(None),
                created_at: Set(created),
                updated_at: Set(created),
                closed_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    municipality::Entity::update_many()
        .col_expr(municipality::Column::Listings, true.into())
        .filter(municipality::Column::Slug.is_in(["lycksele", "storuman", "vilhelmina"]))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
