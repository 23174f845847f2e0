//! `lotsbok demo`: realistic data, the same for the same seed, usable at once.

use axum::http::StatusCode;
use lotsbok::entities::{activity, follow_up, lead, prospect};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Statement,
};

use crate::both;
use crate::helpers::{assert_counts_kept, Backend, TestApp};

async fn fingerprint(app: &TestApp) -> (u64, u64, u64, u64, Vec<String>) {
    let db = &app.state.db;
    let names = prospect::Entity::find()
        .order_by_asc(prospect::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(20)
        .map(|p| {
            format!(
                "{} {} {:?} {}",
                p.first_name, p.last_name, p.country, p.created_at
            )
        })
        .collect();
    (
        prospect::Entity::find().count(db).await.unwrap(),
        lead::Entity::find().count(db).await.unwrap(),
        activity::Entity::find().count(db).await.unwrap(),
        follow_up::Entity::find().count(db).await.unwrap(),
        names,
    )
}

fn backend(app: &TestApp) -> Backend {
    if app.database_url.starts_with("sqlite") {
        Backend::Sqlite
    } else {
        Backend::Postgres
    }
}

/// The indexes and the triggers (with whether they are on) the database has.
async fn schema_objects(app: &TestApp) -> Vec<String> {
    let sql = match backend(app) {
        Backend::Sqlite => {
            "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') AS x FROM sqlite_master
             WHERE type IN ('index', 'trigger') ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT indexdef AS x FROM pg_indexes WHERE schemaname = current_schema()
             UNION ALL SELECT tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
             ORDER BY 1"
        }
    };
    let db = &app.state.db;
    db.query_all(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "x").unwrap())
        .collect()
}

async fn demo_data_is_realistic_and_deterministic(mut app: TestApp) {
    let accounts = lotsbok::demo::generate(&app.state.db, 2_000, 42, Some("demo password 123"))
        .await
        .unwrap();
    assert_eq!(
        accounts.0.len(),
        11,
        "a guide per municipality and a coordinator"
    );
    let first = fingerprint(&app).await;
    // Loaded without indexes and triggers: all are back, and what they derive is right.
    let bare = TestApp::new(backend(&app)).await.unwrap();
    assert_eq!(schema_objects(&app).await, schema_objects(&bare).await);
    assert_counts_kept(&app).await;
    assert!(first.1 >= 2_000);
    assert!(first.2 > first.1, "timelines");
    assert!(first.3 > 0, "follow-ups");
    let statuses: Vec<String> = lead::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.status.to_string())
        .collect();
    for s in ["new", "contacted", "moved_in", "not_moving"] {
        assert!(statuses.iter().any(|x| x == s), "some leads are {s}");
    }
    let (twice_in, twice) = demo_tells_a_true_story(&app).await;
    // The same seed on a fresh database gives the same data; another seed does not.
    let backend = backend(&app);
    let again = TestApp::new(backend).await.unwrap();
    lotsbok::demo::generate(&again.state.db, 2_000, 42, Some("demo password 123"))
        .await
        .unwrap();
    assert_eq!(fingerprint(&again).await, first);
    let other = TestApp::new(backend).await.unwrap();
    lotsbok::demo::generate(&other.state.db, 2_000, 43, Some("demo password 123"))
        .await
        .unwrap();
    assert_ne!(fingerprint(&other).await.4, first.4);

    // The demo guide signs in and works with the data; new rows get fresh ids.
    let r = app
        .login("lots.lycksele@demo.lotsbok.se", "demo password 123")
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let list = app.get("/leads").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        !list.body.contains(">0 intressenter") && !list.body.contains(" 0 intressenter"),
        "the guide has leads"
    );
    // The search index was built after the load: a demo mover is found by e-mail.
    let lycksele = lotsbok::accounts::find_municipality(&app.state.db, "lycksele")
        .await
        .unwrap()
        .id;
    let (l, p) = lead::Entity::find()
        .filter(lead::Column::MunicipalityId.eq(lycksele))
        .find_also_related(prospect::Entity)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let email = p.unwrap().email.unwrap();
    app.get(&format!("/leads?q={}", email.replace('@', "%40")))
        .await
        .assert_contains(&format!("/leads/{}\"", l.id));
    app.get("/leads/new").await;
    let r = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Ny"),
                ("place", "Lycksele"),
                ("adults", "1"),
                ("source", "phone"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_counts_kept(&app).await;
    app.create_user(
        "leader@region10.se",
        "coordinator",
        None,
        "a long enough password",
    )
    .await;
    app.new_browser();
    app.login("leader@region10.se", "a long enough password")
        .await;
    let report = app.get("/reports?period=year&year=2026").await;
    assert_eq!(report.status, StatusCode::OK);

    // The household that registered twice is flagged on its lead page.
    app.new_browser();
    app.login(
        &format!("lots.{twice_in}@demo.lotsbok.se"),
        "demo password 123",
    )
    .await;
    app.get(&format!("/leads/{twice}"))
        .await
        .assert_contains("Kanske samma hushåll");
}

/// Issue 17, item 7: what the demo shows is what could have happened.
async fn demo_tells_a_true_story(app: &TestApp) -> (String, i64) {
    use lotsbok::entities::campaign;
    use std::collections::HashMap;
    let db = &app.state.db;
    let leads = lead::Entity::find().all(db).await.unwrap();
    // Nobody moves in, or is closed, from the regional pool.
    for l in leads.iter().filter(|l| l.municipality_id.is_none()) {
        assert!(
            l.status == "new" || l.status == "contacted",
            "pool lead {} is {}",
            l.id,
            l.status
        );
    }
    // Fair visitors registered on the fair's days or just after.
    let starts: HashMap<i64, chrono::NaiveDate> = campaign::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|c| Some((c.id, c.starts_on?)))
        .collect();
    let fair: Vec<&lead::Model> = leads.iter().filter(|l| l.campaign_id.is_some()).collect();
    assert!(!fair.is_empty());
    for l in &fair {
        let start = starts[&l.campaign_id.unwrap()];
        let days = (l.created_at.date_naive() - start).num_days();
        assert!(
            (0..=6).contains(&days),
            "lead {} came {days} days after its fair",
            l.id
        );
    }
    // Times vary as work does: no moment is shared by many leads, and guides' entries
    // are made in working hours.
    let mut same: HashMap<chrono::DateTime<chrono::Utc>, usize> = HashMap::new();
    for l in &leads {
        *same.entry(l.updated_at).or_default() += 1;
    }
    let most = same.values().max().copied().unwrap_or(0);
    assert!(most <= 3, "{most} leads share one last-changed time");
    let calls = activity::Entity::find()
        .filter(activity::Column::Kind.eq("call"))
        .all(db)
        .await
        .unwrap();
    let in_hours = calls
        .iter()
        .filter(|a| {
            let local = a.occurred_at.with_timezone(&chrono_tz::Europe::Stockholm);
            (8..17).contains(&chrono::Timelike::hour(&local))
        })
        .count();
    assert!(
        in_hours * 100 >= calls.len() * 95,
        "{in_hours} of {} calls in working hours",
        calls.len()
    );
    // Some leads have a long story; moved-in households have their stay checks, answered
    // when due; some households registered twice, and the lead page says so.
    let mut per_lead: HashMap<i64, usize> = HashMap::new();
    for a in activity::Entity::find().all(db).await.unwrap() {
        *per_lead.entry(a.lead_id).or_default() += 1;
    }
    assert!(per_lead.values().any(|n| *n >= 8), "a long timeline");
    // Read as the application reads them (every code a known one).
    let checks: Vec<follow_up::Model> = follow_up::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|f| f.kind != lotsbok::domain::FollowUpKind::Task)
        .collect();
    assert!(
        checks
            .iter()
            .any(|f| f.answer.is_some() && f.answered_on.is_some()),
        "answered stay checks"
    );
    assert!(
        checks.iter().any(|f| f.answer.is_none()),
        "stay checks still to come"
    );
    let keys: HashMap<i64, String> = prospect::Entity::find()
        .filter(prospect::Column::PhoneKey.is_not_null())
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.phone_key.unwrap()))
        .collect();
    let mut same: HashMap<(i64, &str), Vec<i64>> = HashMap::new();
    for l in leads.iter().filter(|l| l.municipality_id.is_some()) {
        if let Some(k) = keys.get(&l.prospect_id) {
            same.entry((l.municipality_id.unwrap(), k.as_str()))
                .or_default()
                .push(l.id);
        }
    }
    let (&(m, _), ids) = same
        .iter()
        .filter(|(_, ids)| ids.len() >= 2)
        .min_by_key(|(_, ids)| ids[0])
        .expect("a household that registered twice in one municipality");
    let slug = lotsbok::entities::municipality::Entity::find_by_id(m)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    (slug, ids[0])
}

both!(demo_data_is_realistic_and_deterministic);
