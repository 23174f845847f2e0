//! The report's kept figures (migration 19) against counting from the rows: random
//! sequences of every kind of change a lead meets, through the real pages as guides and
//! movers make them (the form, an import, status, moving in, an outcome, contacts, tasks,
//! stay checks, taking from the pool, handing over, merging, erasure, retention, a mover's
//! country), each followed now and then by a comparison of every figure of every year
//! (`assert_report_kept`), on both databases.

use axum::http::StatusCode;
use chrono::Datelike;
use lotsbok::entities::{follow_up, lead, prospect};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::both;
use crate::helpers::{assert_report_kept, signed_in_guide, TestApp, GUIDE_PW};

const GUIDES: [(&str, &str); 3] = [
    ("lena@lycksele.se", "lycksele"),
    ("dora@dorotea.se", "dorotea"),
    ("mats@mala.se", "mala"),
];

/// The living leads of a municipality (None: the pool).
async fn leads_of(app: &TestApp, municipality: Option<i64>) -> Vec<lead::Model> {
    let q = lead::Entity::find()
        .inner_join(prospect::Entity)
        .filter(prospect::Column::AnonymisedAt.is_null())
        .order_by_asc(lead::Column::Id);
    let q = match municipality {
        Some(m) => q.filter(lead::Column::MunicipalityId.eq(m)),
        None => q.filter(lead::Column::MunicipalityId.is_null()),
    };
    q.all(&app.state.db).await.unwrap()
}

fn date(rng: &mut ChaCha8Rng) -> String {
    let today = lotsbok::web::format::today();
    (today - chrono::Days::new(rng.random_range(0..500))).to_string()
}

async fn step(app: &mut TestApp, rng: &mut ChaCha8Rng, ids: &[i64], n: usize) -> &'static str {
    let g = rng.random_range(0..GUIDES.len());
    let (email, slug) = GUIDES[g];
    app.new_browser();
    assert_eq!(
        app.login(email, GUIDE_PW).await.status,
        StatusCode::SEE_OTHER
    );
    let own = leads_of(app, Some(ids[g])).await;
    let pick = |rng: &mut ChaCha8Rng, from: &[lead::Model]| {
        (!from.is_empty()).then(|| from[rng.random_range(0..from.len())].clone())
    };
    let kind = rng.random_range(0..14);
    let Some(l) = pick(rng, &own).filter(|_| kind >= 3) else {
        // Something new: the form (to one or two municipalities, or the pool), or an import.
        if kind == 0 && n.is_multiple_of(3) {
            let id = crate::import::upload(
                app,
                "dubbletter.csv",
                &crate::import::fixture("duplicates.csv"),
            )
            .await;
            crate::import::check(app, id, &[("duplicates", "merge")]).await;
            crate::import::import_now(app, id, true).await;
            return "import";
        }
        let to: Vec<&str> = match rng.random_range(0..4) {
            0 => vec![],
            1 => vec![slug, GUIDES[(g + 1) % GUIDES.len()].1],
            _ => vec![slug],
        };
        let who = rng.random_range(0..6);
        crate::trust::submit_form(
            app,
            &format!("Anna{who}"),
            "Berg",
            &format!("anna{who}@example.se"),
            &format!("070 111 22 {who:02}"),
            &to,
        )
        .await;
        return "form";
    };
    let path = |rest: &str| format!("/leads/{}{rest}", l.id);
    app.get(&path("")).await;
    let r = match kind {
        3 | 4 => {
            let status =
                ["contacted", "in_dialogue", "visit", "decided", "new"][rng.random_range(0..5)];
            app.post(&path("/status"), &[("status", status)]).await
        }
        5 => {
            let (on, a, c) = (
                date(rng),
                rng.random_range(1..3).to_string(),
                rng.random_range(0..3).to_string(),
            );
            app.post(
                &path("/status"),
                &[
                    ("status", "moved_in"),
                    ("moved_in_on", &on),
                    ("moved_adults", &a),
                    ("moved_children", &c),
                ],
            )
            .await
        }
        6 => {
            let (status, reason) = [
                ("not_moving", "no_housing"),
                ("moved_elsewhere", "other"),
                ("unreachable", "other"),
            ][rng.random_range(0..3)];
            app.post(
                &path("/status"),
                &[("status", status), ("reason_code", reason)],
            )
            .await
        }
        7 => {
            let at = format!("{}T{:02}:30", date(rng), rng.random_range(0..24));
            let kind = ["call", "email", "meeting", "note"][rng.random_range(0..4)];
            app.post(
                &path("/activities"),
                &[("kind", kind), ("occurred_at", &at), ("body", "x")],
            )
            .await
        }
        8 => {
            let open = follow_up::Entity::find()
                .filter(follow_up::Column::LeadId.eq(l.id))
                .filter(follow_up::Column::DoneAt.is_null())
                .all(&app.state.db)
                .await
                .unwrap();
            let today = lotsbok::web::format::today();
            // A stay check is answered once due (earlier the page refuses it).
            let open: Vec<_> = open
                .into_iter()
                .filter(|f| f.kind.as_str() == "task" || f.due_on <= today)
                .collect();
            match open.first() {
                Some(f) if f.kind.as_str() != "task" => {
                    let answer = ["stayed", "moved_away"][rng.random_range(0..2)];
                    let today = lotsbok::web::format::today().to_string();
                    app.post(
                        &path(&format!("/follow-ups/{}/stay", f.id)),
                        &[
                            (&format!("answer-stay-{}", f.id), answer),
                            (&format!("answered_on-stay-{}", f.id), &today),
                        ],
                    )
                    .await
                }
                Some(f) if rng.random_bool(0.5) => {
                    app.post(&path(&format!("/follow-ups/{}/done", f.id)), &[])
                        .await
                }
                _ => {
                    let due = date(rng);
                    app.post(&path("/follow-ups"), &[("title", "Ring"), ("due_on", &due)])
                        .await
                }
            }
        }
        9 => {
            // Handing over to another municipality, or taking one from the pool.
            match pick(rng, &leads_of(app, None).await) {
                Some(p) if rng.random_bool(0.5) => {
                    app.get(&format!("/leads/{}", p.id)).await;
                    app.post(&format!("/leads/{}/take", p.id), &[]).await
                }
                _ => {
                    let to = ids[(g + 1) % ids.len()].to_string();
                    app.post(
                        &path("/refer"),
                        &[("referral_kind", "handover"), ("to_municipality", &to)],
                    )
                    .await
                }
            }
        }
        10 => match own.iter().find(|o| o.id != l.id) {
            Some(other) => {
                let other = other.id.to_string();
                app.post(&path("/merge"), &[("other", &other)]).await
            }
            None => return "nothing to merge",
        },
        11 => {
            app.get(&path("/erase")).await;
            app.post(&path("/erase"), &[]).await
        }
        12 => {
            lotsbok::privacy::anonymise::anonymise(
                &app.state.db,
                l.prospect_id,
                lotsbok::privacy::anonymise::Why::Retention,
                None,
            )
            .await
            .unwrap();
            return "retention";
        }
        _ => {
            // The mover's country and county, as an edit or the self-service page sets them.
            let (country, region) =
                [("SE", Some("AC")), ("SE", None), ("DE", None)][rng.random_range(0..3)];
            prospect::Entity::update_many()
                .col_expr(prospect::Column::Country, Expr::value(country))
                .col_expr(prospect::Column::SeRegion, Expr::value(region))
                .filter(prospect::Column::Id.eq(l.prospect_id))
                .exec(&app.state.db)
                .await
                .unwrap();
            return "country";
        }
    };
    assert!(
        r.status == StatusCode::SEE_OTHER || r.status == StatusCode::OK,
        "{kind}: {} {}",
        r.status,
        r.body
    );
    [
        "",
        "",
        "",
        "status",
        "status",
        "moved in",
        "closed",
        "contact",
        "follow-up",
        "referral",
        "merge",
        "erasure",
    ][kind]
}

async fn report_figures_follow_random_changes(mut app: TestApp) {
    let mut ids = Vec::new();
    for (email, slug) in GUIDES {
        signed_in_guide(&mut app, email, slug).await;
        ids.push(
            lotsbok::accounts::find_municipality(&app.state.db, slug)
                .await
                .unwrap()
                .id,
        );
    }
    let mut rng = ChaCha8Rng::seed_from_u64(20);
    let mut done = std::collections::BTreeMap::<&str, usize>::new();
    for n in 0..120 {
        let what = step(&mut app, &mut rng, &ids, n).await;
        *done.entry(what).or_default() += 1;
        if n % 15 == 14 {
            assert_report_kept(&app).await;
        }
    }
    assert_report_kept(&app).await;
    // Every kind of change happened, more than once.
    for kind in [
        "form",
        "import",
        "status",
        "moved in",
        "closed",
        "contact",
        "follow-up",
        "referral",
        "merge",
        "erasure",
        "retention",
        "country",
    ] {
        assert!(
            done.get(kind).copied().unwrap_or(0) >= 2,
            "{kind}: {done:?}"
        );
    }
}

both!(with crate::trust::quick; report_figures_follow_random_changes);

/// Lycksele's guide, signed in, and a lead of Lycksele.
async fn guide_and_lead(app: &mut TestApp) -> (i64, i64) {
    let guide = signed_in_guide(app, "lena@lycksele.se", "lycksele").await;
    let id =
        crate::helpers::seed_lead(app, Some("lycksele"), ("Greta", "Berg"), None, None, "Mora")
            .await;
    (guide, id)
}

/// A month starts at Stockholm's midnight: contacts a minute before and at the start of
/// months with and without summer time (and with a fraction of a second, as stored from
/// the clock) fall in the same month kept as counted.
async fn months_start_at_stockholm_midnight(mut app: TestApp) {
    use chrono::TimeZone;
    let (guide, id) = guide_and_lead(&mut app).await;
    let year = lotsbok::web::format::today().year();
    for (m, d, h) in [
        (3, 31, 21),
        (3, 31, 22),
        (9, 30, 21),
        (9, 30, 22),
        (10, 31, 22),
        (10, 31, 23),
        (12, 31, 22),
        (12, 31, 23),
    ] {
        for (min, nanos) in [(59, 999_999_000), (0, 0), (0, 123_456_789)] {
            let hour = if min == 59 { h - 1 } else { h };
            let at = chrono::Utc
                .with_ymd_and_hms(year - 1, m, d, hour, min, 59 * u32::from(min == 59))
                .unwrap()
                + chrono::Duration::nanoseconds(i64::from(nanos));
            lotsbok::leads::insert_timeline(
                &app.state.db,
                lotsbok::entities::LeadId(id),
                Some(lotsbok::entities::UserId(guide)),
                "call",
                Some(lotsbok::domain::Direction::Outgoing),
                at,
                None,
            )
            .await
            .unwrap();
        }
    }
    assert_report_kept(&app).await;
}

/// Contacts logged on one lead at the same moment, each in a transaction that is still open
/// while the next begins: every one is counted once (PostgreSQL recounts one lead at a
/// time; SQLite has one writer).
async fn contacts_logged_at_once_on_one_lead_are_each_counted(mut app: TestApp) {
    let (guide, id) = guide_and_lead(&mut app).await;
    let mut tasks = Vec::new();
    for i in 0..6 {
        let db = app.state.db.clone();
        tasks.push(tokio::spawn(async move {
            let txn = db.begin().await.unwrap();
            lotsbok::leads::insert_timeline(
                &txn,
                lotsbok::entities::LeadId(id),
                Some(lotsbok::entities::UserId(guide)),
                "call",
                Some(lotsbok::domain::Direction::Outgoing),
                chrono::Utc::now() - chrono::Duration::days(i),
                None,
            )
            .await
            .unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(40)).await;
            txn.commit().await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_report_kept(&app).await;
}

both!(
    months_start_at_stockholm_midnight,
    contacts_logged_at_once_on_one_lead_are_each_counted,
);
