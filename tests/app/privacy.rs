//! Privacy: the mover's self-service link and erasure, a guide's erasure, anonymisation down
//! to every row, unchanged report totals, retention, link tokens, job leases, the audit log.

use axum::http::StatusCode;
use chrono::Datelike;
use chrono::{Duration, Months, Utc};
use lotsbok::entities::{activity, follow_up, lead, outbox_mail, prospect};
use lotsbok::reports::figures::{self, Selection};
use lotsbok::reports::period::ReportQuery;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::{seed_lead, Backend, TestApp};

const PW: &str = "a long enough password";

async fn totals(app: &TestApp) -> (Vec<(u32, i64)>, i64, i64) {
    use lotsbok::reports::figures::leads;
    let ids: Vec<i64> = lotsbok::accounts::list_municipalities(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    let sel = Selection {
        municipalities: ids,
        include_pool: true,
    };
    let p = ReportQuery::from_pairs(vec![("period".into(), "year".into())]).period();
    let year = figures::year(
        &app.state.db,
        &sel,
        (p.from.year(), p.from),
        false,
        (figures::Part::All, figures::Counted::Kept),
    )
    .await
    .unwrap();
    let mut new = std::collections::BTreeMap::new();
    let (mut contacted, mut countries) = (0, 0);
    for r in &year.leads.records {
        *new.entry(r.attrs[leads::MUNICIPALITY]).or_insert(0) += r.weight;
        if r.attrs[leads::STEP] >= 1 {
            contacted += r.weight;
        }
        if r.attrs[leads::COUNTRY] != 0 {
            countries += r.weight;
        }
    }
    (new.into_iter().collect(), contacted, countries)
}

/// Asserts that nothing personal is left of a prospect, its timeline and follow-ups.
async fn assert_anonymised(app: &TestApp, prospect_id: i64) {
    let db = &app.state.db;
    let p = prospect::Entity::find_by_id(prospect_id)
        .one(db)
        .await
        .unwrap()
        .expect("the row stays");
    assert!(p.anonymised_at.is_some());
    assert_eq!(
        (
            p.first_name.as_str(),
            p.last_name.as_str(),
            p.search_text.as_str()
        ),
        ("", "", "")
    );
    for v in [
        &p.email,
        &p.phone,
        &p.phone_key,
        &p.email_key,
        &p.name_key,
        &p.place,
        &p.languages,
        &p.children_birth_years,
        &p.occupation,
        &p.partner_occupation,
        &p.move_when,
        &p.notes,
    ] {
        assert!(v.is_none(), "{v:?} left in {p:?}");
    }
    let leads = lead::Entity::find()
        .filter(lead::Column::ProspectId.eq(prospect_id))
        .all(db)
        .await
        .unwrap();
    assert!(!leads.is_empty(), "the statistical skeleton stays");
    for l in &leads {
        for a in activity::Entity::find()
            .filter(activity::Column::LeadId.eq(l.id))
            .all(db)
            .await
            .unwrap()
        {
            let system = [
                "status",
                "created",
                "referral",
                "merge",
                "erasure",
                "mover_update",
                "consent_withdrawn",
            ]
            .contains(&a.kind.as_str());
            assert!(system || a.body.is_none(), "text left in activity {a:?}");
        }
        for f in follow_up::Entity::find()
            .filter(follow_up::Column::LeadId.eq(l.id))
            .all(db)
            .await
            .unwrap()
        {
            assert_eq!(f.title, "–");
        }
    }
}

async fn mover_sees_corrects_and_erases(backend: Backend) {
    let Some(mut app) = TestApp::with_config(backend, |c| c.interest.min_seconds = 0).await else {
        return;
    };
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let page = app.get("/interest?lang=en").await;
    let at = page.body.find(r#"name="token" value=""#).unwrap() + 20;
    let token = page.body[at..at + page.body[at..].find('"').unwrap()].to_string();
    let form = [
        ("token", token.as_str()),
        ("first_name", "Emma"),
        ("last_name", "Smith"),
        ("email", "emma@example.org"),
        ("country", "GB"),
        ("place", "Leeds"),
        ("adults", "1"),
        ("m", "lycksele"),
        ("consent", "yes"),
        ("message", "Nurse, two cats."),
    ];
    assert_eq!(
        app.post_raw("/interest?lang=en", &form).await.status,
        StatusCode::SEE_OTHER
    );
    let before = totals(&app).await;
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "emma@example.org")
        .unwrap();
    let link = mail.link_path("/my/");
    assert!(mail.text.contains("/privacy?lang=en"));

    // The mover sees what is stored.
    let mine = app.get(&link).await;
    assert_eq!(mine.status, StatusCode::OK);
    mine.assert_contains("Emma")
        .assert_contains("Leeds")
        .assert_contains("Nurse, two cats.")
        .assert_contains("interest-2026-11");
    let json_path = format!("{}/data.json", link.split('?').next().unwrap());
    let json: serde_json::Value = serde_json::from_slice(&app.get_bytes(&json_path).await).unwrap();
    assert_eq!(json["prospect"]["email"], "emma@example.org");
    assert_eq!(json["consents"][0]["text_version"], "interest-2026-11");

    // Corrects the contact details: a bad address is refused with the form kept.
    let base = link.split('?').next().unwrap().to_string();
    let bad = app
        .post_raw(
            &format!("{base}/contact?lang=en"),
            &[
                ("first_name", "Emma"),
                ("last_name", "Smith-Jones"),
                ("email", "emma@"),
                ("place", "York"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains(r#"value="Smith-Jones""#);
    let ok = app
        .post_raw(
            &format!("{base}/contact?lang=en"),
            &[
                ("first_name", "Emma"),
                ("last_name", "Smith-Jones"),
                ("email", "emma.sj@example.org"),
                ("place", "York"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let p = prospect::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.last_name.as_str(), p.email.as_deref(), p.place.as_deref()),
        ("Smith-Jones", Some("emma.sj@example.org"), Some("York"))
    );

    // Asks for erasure: a confirmation step, then it is carried out.
    app.get(&format!("{base}/erase?lang=en"))
        .await
        .assert_contains("cannot be undone");
    let done = app.post_raw(&format!("{base}/erase?lang=en"), &[]).await;
    assert_eq!(done.status, StatusCode::OK);
    done.assert_contains("Your data is erased");
    assert_anonymised(&app, p.id).await;
    assert_eq!(
        totals(&app).await,
        before,
        "the report totals are unchanged"
    );
    assert_eq!(
        app.get(&link).await.status,
        StatusCode::NOT_FOUND,
        "the link is dead"
    );
    let left = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::Recipient.is_in(["emma@example.org", "emma.sj@example.org"]))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(left, 0, "no mail to the mover is kept");

    // The guide is told, without a name, and the lead is gone from its pages.
    app.deliver_mail().await;
    let told = app
        .mails()
        .into_iter()
        .filter(|m| m.to == "lena@lycksele.se" && m.subject.contains("ändring från intressenten"))
        .collect::<Vec<_>>();
    assert_eq!(told.len(), 2, "told of the correction and of the erasure");
    assert!(told
        .iter()
        .any(|m| m.text.contains("asked for their data to be erased")
            || m.text.contains("bad om att få sina uppgifter raderade")));
    assert!(told
        .iter()
        .all(|m| !m.text.contains("Emma") && !m.text.contains("Smith")));
    let l = lead::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app.login("lena@lycksele.se", PW).await;
    app.get("/")
        .await
        .assert_contains("Raderade personuppgifter")
        .assert_contains(&format!("Intressent nr {}", l.id));
    assert_eq!(
        app.get(&format!("/leads/{}", l.id)).await.status,
        StatusCode::NOT_FOUND
    );
    let list = app.get("/leads").await;
    assert!(!list.body.contains(&format!("/leads/{}\"", l.id)));
    list.assert_contains("0 intressenter");
}

#[tokio::test]
async fn mover_sees_corrects_and_erases_sqlite() {
    mover_sees_corrects_and_erases(Backend::Sqlite).await;
}

#[tokio::test]
async fn mover_sees_corrects_and_erases_postgres() {
    mover_sees_corrects_and_erases(Backend::Postgres).await;
}

async fn a_guide_exports_and_erases(mut app: TestApp) {
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let id = seed_lead(
        &app,
        Some("lycksele"),
        ("Olle", "Ek"),
        Some("olle@example.se"),
        Some("070 123 45 67"),
        "Piteå",
    )
    .await;
    app.login("lena@lycksele.se", PW).await;
    app.get(&format!("/leads/{id}")).await;
    app.post(
        &format!("/leads/{id}/activities"),
        &[
            ("kind", "call"),
            ("body", "Olle called about the ski club."),
        ],
    )
    .await;
    app.post(
        &format!("/leads/{id}/follow-ups"),
        &[
            ("title", "Send Olle the ski club's number"),
            ("due_on", "2026-12-01"),
        ],
    )
    .await;
    app.post(&format!("/leads/{id}/status"), &[("status", "contacted")])
        .await;
    let before = totals(&app).await;

    let page = app.get(&format!("/leads/{id}/privacy")).await;
    page.assert_contains("Olle called about the ski club.")
        .assert_contains("olle@example.se");
    let json: serde_json::Value =
        serde_json::from_slice(&app.get_bytes(&format!("/leads/{id}/export.json")).await).unwrap();
    assert_eq!(json["prospect"]["phone"], "0701234567");
    assert_eq!(
        json["leads"][0]["follow_ups"][0]["title"],
        "Send Olle the ski club's number"
    );
    let exported = lotsbok::entities::audit_entry::Entity::find()
        .filter(lotsbok::entities::audit_entry::Column::Action.eq("prospect_exported"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(exported, 1, "the export is audited");

    app.get(&format!("/leads/{id}/erase"))
        .await
        .assert_contains("Det går inte att ångra");
    let r = app.post(&format!("/leads/{id}/erase"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let prospect_id = lead::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    assert_anonymised(&app, prospect_id).await;
    assert_eq!(totals(&app).await, before);
    assert_eq!(
        app.get(&format!("/leads/{id}/export.json")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get("/leads?q=olle").await.body.contains("Olle"));
}

async fn retention_picks_exactly_the_inactive(app: TestApp) {
    let db = app.state.db.clone();
    let old = Utc::now().checked_sub_months(Months::new(25)).unwrap();
    let set = |id: i64, at: chrono::DateTime<Utc>| {
        let db = db.clone();
        async move {
            let l = lead::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            lead::Entity::update_many()
                .col_expr(lead::Column::UpdatedAt, Expr::value(at))
                .filter(lead::Column::Id.eq(id))
                .exec(&db)
                .await
                .unwrap();
            prospect::Entity::update_many()
                .col_expr(prospect::Column::UpdatedAt, Expr::value(at))
                .filter(prospect::Column::Id.eq(l.prospect_id))
                .exec(&db)
                .await
                .unwrap();
            l.prospect_id
        }
    };
    let a = seed_lead(&app, Some("lycksele"), ("A", "Old"), None, None, "x").await;
    let b = seed_lead(&app, Some("lycksele"), ("B", "Recent"), None, None, "x").await;
    let c1 = seed_lead(&app, Some("lycksele"), ("C", "Twice"), None, None, "x").await;
    let soon = seed_lead(&app, Some("lycksele"), ("S", "Soon"), None, None, "x").await;
    let due_a = set(a, old).await;
    set(b, Utc::now() - Duration::days(10)).await;
    let pc = set(c1, old).await;
    // C has a second lead elsewhere that is active: C is not due.
    let c2 = lotsbok::leads::insert_lead(
        &db,
        lotsbok::leads::NewLead::new(
            lotsbok::entities::ProspectId(pc),
            lotsbok::scope::Target::pool(),
            lotsbok::domain::Source::Other,
        ),
    )
    .await
    .unwrap();
    lead::Entity::update_many()
        .col_expr(lead::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(lead::Column::Id.eq(c2.id))
        .exec(&db)
        .await
        .unwrap();
    set(
        soon,
        Utc::now().checked_sub_months(Months::new(24)).unwrap() + Duration::days(10),
    )
    .await;

    let cfg = &app.state.config.retention;
    assert_eq!(
        lotsbok::privacy::retention::due(&db, cfg, Utc::now())
            .await
            .unwrap(),
        vec![due_a]
    );

    // The command line, dry run first: it lists and changes nothing, not even a fold.
    let changes = |table: &'static str| {
        let db = db.clone();
        async move {
            use sea_orm::ConnectionTrait;
            let row = db
                .query_one(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    format!("SELECT COUNT(*) AS n FROM {table}"),
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<i64>("", "n").unwrap()
        }
    };
    let unfolded = changes("lead_count_changes").await;
    assert!(
        unfolded > 0,
        "the seeded movers' changes are not folded yet"
    );
    let run = |dry: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lotsbok"));
        cmd.arg("retention")
            .env("LOTSBOK_DATABASE_URL", &app.database_url)
            .env_remove("LOTSBOK_CONFIG");
        if dry {
            cmd.arg("--dry-run");
        }
        cmd.output().unwrap()
    };
    let out = run(true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("1 prospects are due for anonymisation: {due_a}")
    );
    assert!(prospect::Entity::find_by_id(due_a)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .anonymised_at
        .is_none());
    assert_eq!(changes("lead_count_changes").await, unfolded);
    let out = run(false);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "anonymised 1 prospects"
    );
    assert_anonymised(&app, due_a).await;
    // Its changes to the counts are folded before it ends, as the server's jobs would.
    for table in ["lead_count_changes", "report_count_changes"] {
        assert_eq!(changes(table).await, 0, "{table}");
    }
    assert!(lotsbok::privacy::retention::due(&db, cfg, Utc::now())
        .await
        .unwrap()
        .is_empty());

    // The guide sees which of its leads are next, and why.
    let mut app = app;
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    app.login("lena@lycksele.se", PW).await;
    app.get("/")
        .await
        .assert_contains("1 intressent gallras snart");
    let page = app.get("/leads/retention").await;
    page.assert_contains("S Soon").assert_contains("24 månader");
    assert!(!page.body.contains("B Recent"));
}

async fn mover_links_cannot_be_guessed_or_reused(app: TestApp) {
    let mut app = app;
    let db = app.state.db.clone();
    let a = seed_lead(
        &app,
        Some("mala"),
        ("Anna", "A"),
        Some("anna@example.se"),
        None,
        "x",
    )
    .await;
    let b = seed_lead(
        &app,
        Some("mala"),
        ("Bert", "B"),
        Some("bert@example.se"),
        None,
        "x",
    )
    .await;
    let pa = lead::Entity::find_by_id(a)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    let _pb = lead::Entity::find_by_id(b)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    let ta = lotsbok::privacy::links::issue(&db, lotsbok::entities::ProspectId(pa), 30)
        .await
        .unwrap();
    let page = app.get(&format!("/my/{ta}")).await;
    page.assert_contains("Anna");
    assert!(
        !page.body.contains("Bert"),
        "a link shows its own prospect only"
    );
    for bad in ["0123456789abcdef0123456789abcdef", "not-a-token", &ta[..31]] {
        let r = app.get(&format!("/my/{bad}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        r.assert_contains("Be om en ny länk");
        assert_eq!(
            app.post_raw(&format!("/my/{bad}/erase"), &[]).await.status,
            StatusCode::NOT_FOUND
        );
    }
    // Expired: refused, nothing changed.
    lotsbok::entities::mover_token::Entity::update_many()
        .col_expr(
            lotsbok::entities::mover_token::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(
        app.post_raw(&format!("/my/{ta}/erase"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(prospect::Entity::find_by_id(pa)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .anonymised_at
        .is_none());
    // A new link by e-mail (the time trap is 3 s by default: use a token signed earlier).
    let key = lotsbok::web::gate::signing_key(&app.state).await.unwrap();
    let t = lotsbok::web::gate::sign(&key, "my-link", Utc::now().timestamp() - 10);
    let r = app
        .post_raw("/my", &[("email", "anna@example.se"), ("token", &t)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r2 = app
        .post_raw("/my", &[("email", "nobody@example.se"), ("token", &t)])
        .await;
    assert_eq!(
        r2.location(),
        r.location(),
        "the same answer for an unknown address"
    );
    app.deliver_mail().await;
    let mails = app.mails();
    assert_eq!(mails.len(), 1);
    let link = mails[0].link_path("/my/");
    app.get(&link).await.assert_contains("Anna");
}

async fn job_leases(app: TestApp) {
    use lotsbok::jobs::try_lease;
    let db = &app.state.db;
    assert!(try_lease(db, "retention", "one", Duration::minutes(5))
        .await
        .unwrap());
    assert!(
        !try_lease(db, "retention", "two", Duration::minutes(5))
            .await
            .unwrap(),
        "held by one"
    );
    assert!(
        try_lease(db, "retention", "one", Duration::minutes(5))
            .await
            .unwrap(),
        "renewed by its holder"
    );
    lotsbok::entities::job_lease::Entity::update_many()
        .col_expr(
            lotsbok::entities::job_lease::Column::Until,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .exec(db)
        .await
        .unwrap();
    assert!(
        try_lease(db, "retention", "two", Duration::minutes(5))
            .await
            .unwrap(),
        "taken over once expired"
    );
}

async fn the_audit_log(mut app: TestApp) {
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let id = seed_lead(&app, Some("lycksele"), ("Per", "P"), None, None, "x").await;
    let prospect_id = lead::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    app.login("lena@lycksele.se", PW).await;
    app.get(&format!("/leads/{id}")).await;
    assert_eq!(app.get("/admin/audit").await.status, StatusCode::FORBIDDEN);
    app.new_browser();
    app.login("admin@region10.se", PW).await;
    let page = app
        .get(&format!("/admin/audit?prospect={prospect_id}"))
        .await;
    page.assert_contains("<td>Intressent visad</td>")
        .assert_contains("Test lena");
    assert!(
        !page.body.contains("<td>Inloggning</td>"),
        "filtered to the prospect"
    );
    let by_action = app.get("/admin/audit?action=login").await;
    by_action.assert_contains("<td>Inloggning</td>");
    assert!(!by_action.body.contains("<td>Intressent visad</td>"));
    let csv = app
        .get(&format!("/admin/audit/export.csv?prospect={prospect_id}"))
        .await;
    assert!(csv.body.starts_with("at,user_id,user,action,action_words"));
    assert!(csv.body.contains(",lead_viewed,Intressent visad,lead,"));
    assert_eq!(
        csv.body.lines().count(),
        2,
        "a header and the one entry:\n{}",
        csv.body
    );
}

both!(
    a_guide_exports_and_erases,
    retention_picks_exactly_the_inactive,
    mover_links_cannot_be_guessed_or_reused,
    job_leases,
    the_audit_log
);
