//! Lead management: a guide's day, the list's filters and search, duplicates and merging,
//! the pool and referrals, audit entries, and tenant isolation on every lead route.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use lotsbok::entities::{activity, audit_entry, follow_up, lead, prospect};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::{assert_counts_kept, seed_lead, signed_in_guide as guide, TestApp};

const PW: &str = "a long enough password";

fn id_from(location: &str) -> i64 {
    location
        .trim_start_matches("/leads/")
        .split(['#', '/'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn a_guides_day(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    app.get("/leads/new").await.assert_contains("Ny intressent");

    // A bad form comes back with what was typed and the message beside the field.
    let bad = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Anna"),
                ("last_name", "de Vries"),
                ("email", "anna@"),
                ("adults", "2"),
                ("children_birth_years", "2016, 19"),
                ("source", "fair"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains(r#"value="de Vries""#)
        .assert_contains("Skriv en e-postadress i formen")
        .assert_contains("Skriv barnens födelseår")
        .assert_contains(r#"aria-invalid="true""#);

    let first = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Anna"),
                ("last_name", "de Vries"),
                ("email", "anna@example.nl"),
                ("phone", "+31 6 1234 5678"),
                ("country", "NL"),
                ("place", "Utrecht"),
                ("adults", "2"),
                ("children_birth_years", "2016, 2019"),
                ("help_job", "on"),
                ("housing_wish", "buy"),
                ("source", "fair"),
                ("note", "Met at the Utrecht fair."),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let anna = id_from(first.location());
    app.get("/leads/new").await;
    let second = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Jonas"),
                ("last_name", "Berg"),
                ("phone", "070-123 45 67"),
                ("place", "Malmö"),
                ("adults", "1"),
                ("source", "phone"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    let jonas = id_from(second.location());

    let page = app.get(&format!("/leads/{anna}")).await;
    page.assert_contains("Anna de Vries")
        .assert_contains("Met at the Utrecht fair.")
        .assert_contains("Mässa eller evenemang");

    // Log a call, with the time typed in Stockholm time.
    let r = app
        .post(
            &format!("/leads/{anna}/activities"),
            &[
                ("kind", "call"),
                ("direction", "out"),
                ("occurred_at", "2026-11-20T14:30"),
                ("body", "Talked about jobs in healthcare."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let call = activity::Entity::find()
        .filter(activity::Column::Kind.eq("call"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        call.occurred_at.to_rfc3339(),
        "2026-11-20T13:30:00+00:00",
        "14:30 in Stockholm is 13:30 UTC in November"
    );
    // A note without text is refused, with the form kept.
    app.get(&format!("/leads/{anna}")).await;
    let r = app
        .post(
            &format!("/leads/{anna}/activities"),
            &[
                ("kind", "note"),
                ("occurred_at", "2026-11-20T15:00"),
                ("body", "  "),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Skriv anteckningen.")
        .assert_contains(r#"value="2026-11-20T15:00""#);

    // Follow-ups: one due today, one overdue.
    let today = lotsbok::web::format::today();
    app.post(
        &format!("/leads/{anna}/follow-ups"),
        &[("title", "Send job links"), ("due_on", &today.to_string())],
    )
    .await;
    app.get(&format!("/leads/{jonas}")).await;
    let yesterday = (today - Duration::days(1)).to_string();
    app.post(
        &format!("/leads/{jonas}/follow-ups"),
        &[("title", "Call back about housing"), ("due_on", &yesterday)],
    )
    .await;
    let home = app.get("/").await;
    home.assert_contains("Send job links")
        .assert_contains("Call back about housing")
        .assert_contains("försenad");
    let bad = app
        .post(
            &format!("/leads/{jonas}/follow-ups"),
            &[("title", ""), ("due_on", "31/12")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Skriv vad som ska göras.")
        .assert_contains("Ange ett datum");

    // Done with one follow-up.
    let f = follow_up::Entity::find()
        .filter(follow_up::Column::LeadId.eq(jonas))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app.get(&format!("/leads/{jonas}")).await;
    assert_eq!(
        app.post(&format!("/leads/{jonas}/follow-ups/{}/done", f.id), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let home = app.get("/").await;
    assert!(!home.body.contains("Call back about housing"));

    // Close as moved in: a date and at least one person are required.
    app.get(&format!("/leads/{anna}")).await;
    let bad = app
        .post(
            &format!("/leads/{anna}/status"),
            &[
                ("status", "moved_in"),
                ("moved_in_on", ""),
                ("moved_adults", "0"),
                ("moved_children", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Ange ett datum")
        .assert_contains("Minst en person");
    let ok = app
        .post(
            &format!("/leads/{anna}/status"),
            &[
                ("status", "moved_in"),
                ("moved_in_on", "2026-11-01"),
                ("moved_adults", "2"),
                ("moved_children", "2"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let l = lead::Entity::find_by_id(anna)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (l.status.as_str(), l.moved_adults, l.moved_children),
        ("moved_in", Some(2), Some(2))
    );
    assert!(l.closed_at.is_some());
    let page = app.get(&format!("/leads/{anna}")).await;
    page.assert_contains("Flyttade in 2026-11-01: 2 vuxna och 2 barn.")
        .assert_contains("Status ändrad till Inflyttad")
        .assert_contains("Samtal (utgående)")
        .assert_contains("Talked about jobs in healthcare.");
    // A lost outcome needs its reason.
    app.get(&format!("/leads/{jonas}")).await;
    let r = app
        .post(
            &format!("/leads/{jonas}/status"),
            &[("status", "not_moving")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj en orsak.");
    let r = app
        .post(
            &format!("/leads/{jonas}/status"),
            &[("status", "not_moving"), ("reason_code", "no_housing")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // Edit the household.
    app.get(&format!("/leads/{jonas}/edit"))
        .await
        .assert_contains(r#"value="Berg""#);
    let r = app
        .post(
            &format!("/leads/{jonas}/edit"),
            &[
                ("first_name", "Jonas"),
                ("last_name", "Bergström"),
                ("phone", "0701234567"),
                ("place", "Lund"),
                ("adults", "2"),
                ("source", "phone"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get(&format!("/leads/{jonas}"))
        .await
        .assert_contains("Jonas Bergström")
        .assert_contains("Lund");
}

async fn list_filters_search_and_pages(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let asa = seed_lead(
        &app,
        Some("lycksele"),
        ("Åsa", "Öberg"),
        Some("asa@example.se"),
        Some("070 111 22 33"),
        "Göteborg",
    )
    .await;
    let jan = seed_lead(
        &app,
        Some("lycksele"),
        ("Jan", "Jansen"),
        Some("jan@example.nl"),
        None,
        "Utrecht",
    )
    .await;
    for i in 0..55 {
        seed_lead(
            &app,
            Some("lycksele"),
            ("Filler", &format!("Number{i:02}")),
            None,
            None,
            "Berlin",
        )
        .await;
    }
    let other = seed_lead(
        &app,
        Some("dorotea"),
        ("Åsa", "Elsewhere"),
        Some("asa2@example.se"),
        None,
        "Göteborg",
    )
    .await;

    let all = app.get("/leads").await;
    all.assert_contains("57 intressenter")
        .assert_contains("Sida 1 av 2")
        .assert_contains(r#"rel="next""#);
    assert!(
        !all.body.contains(&format!("/leads/{other}\"")),
        "another municipality's lead is not listed"
    );
    app.get("/leads?page=1")
        .await
        .assert_contains("Sida 2 av 2");

    // Search ignores case, å/ä/ö included, and finds phones by digits.
    let s = app.get("/leads?q=%C3%A5sa").await;
    s.assert_contains("1 intressent")
        .assert_contains(&format!("/leads/{asa}\""));
    app.get("/leads?q=%C3%96BERG+g%C3%B6teborg")
        .await
        .assert_contains("1 intressent");
    app.get("/leads?q=1112233")
        .await
        .assert_contains(&format!("/leads/{asa}\""));
    // Accents fold both ways: "Goteborg" finds Göteborg, "Jänsen" finds Jansen, on the
    // index (three letters or more) and on `LIKE` (fewer) alike.
    app.get("/leads?q=goteborg+oberg")
        .await
        .assert_contains("1 intressent")
        .assert_contains(&format!("/leads/{asa}\""));
    app.get("/leads?q=J%C3%A4nsen")
        .await
        .assert_contains("1 intressent")
        .assert_contains(&format!("/leads/{jan}\""));
    app.get("/leads?q=%C3%B6b")
        .await
        .assert_contains(&format!("/leads/{asa}\""));
    app.get("/leads?q=utrecht")
        .await
        .assert_contains(&format!("/leads/{jan}\""));
    app.get("/leads?q=nobody+like+this")
        .await
        .assert_contains("0 intressenter");
    app.get("/leads?q=50%25")
        .await
        .assert_contains("0 intressenter");

    // Status filter and counts.
    app.get(&format!("/leads/{jan}")).await;
    app.post(&format!("/leads/{jan}/status"), &[("status", "contacted")])
        .await;
    let f = app.get("/leads?status=contacted").await;
    f.assert_contains("1 intressent")
        .assert_contains(&format!("/leads/{jan}\""))
        .assert_contains("Kontaktad: 1")
        .assert_contains("Ny: 56");

    // Overdue follow-ups.
    app.get(&format!("/leads/{asa}")).await;
    app.post(
        &format!("/leads/{asa}/follow-ups"),
        &[("title", "Ring"), ("due_on", "2026-01-05")],
    )
    .await;
    let o = app.get("/leads?overdue=on").await;
    o.assert_contains("1 intressent")
        .assert_contains(&format!("/leads/{asa}\""));

    // Date ranges on creation, and sorting by name.
    lead::Entity::update_many()
        .col_expr(
            lead::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::days(400)),
        )
        .filter(lead::Column::Id.eq(jan))
        .exec(&app.state.db)
        .await
        .unwrap();
    let old = app
        .get(&format!(
            "/leads?created_to={}",
            (Utc::now() - Duration::days(300)).date_naive()
        ))
        .await;
    old.assert_contains("1 intressent")
        .assert_contains(&format!("/leads/{jan}\""));
    let by_name = app.get("/leads?sort=name").await;
    let (jansen, number) = (
        by_name.body.find("Jan Jansen").unwrap(),
        by_name.body.find("Filler Number00").unwrap(),
    );
    assert!(jansen < number, "sorted by last name");
    // Source filter.
    app.get("/leads?source=phone")
        .await
        .assert_contains("0 intressenter");
    app.get("/leads?source=interest_form")
        .await
        .assert_contains("57 intressenter");
}

async fn duplicates_warned_and_merged(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let first = seed_lead(
        &app,
        Some("lycksele"),
        ("Pieter", "Bakker"),
        Some("pieter@example.nl"),
        None,
        "Delft",
    )
    .await;
    app.get("/leads/new").await;
    let fields = [
        ("first_name", "P."),
        ("last_name", "Bakker"),
        ("email", "Pieter@Example.nl"),
        ("phone", "+31 6 9999 0000"),
        ("adults", "2"),
        ("source", "email"),
        ("note", "Wrote again by mail."),
    ];
    let warn = app.post("/leads/new", &fields).await;
    assert_eq!(warn.status, StatusCode::CONFLICT);
    warn.assert_contains("Finns redan?")
        .assert_contains(&format!("/leads/{first}\""))
        .assert_contains(r#"value="P.""#);
    assert_eq!(
        lead::Entity::find().count(&app.state.db).await.unwrap(),
        1,
        "nothing created yet"
    );
    let mut anyway = fields.to_vec();
    anyway.push(("create_anyway", "on"));
    let created = app.post("/leads/new", &anyway).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let second = id_from(created.location());
    app.get(&format!("/leads/{second}")).await;
    app.post(
        &format!("/leads/{second}/follow-ups"),
        &[("title", "Reply to the mail"), ("due_on", "2026-12-01")],
    )
    .await;

    // The first lead's page offers the merge, and the preview shows what is kept.
    let page = app.get(&format!("/leads/{first}")).await;
    page.assert_contains("Kanske samma hushåll")
        .assert_contains(&format!(r#"href="/leads/{first}/merge/{second}""#));
    app.get(&format!("/leads/{first}/merge/{second}"))
        .await
        .assert_contains("Efter sammanslagningen")
        .assert_contains("samma e-postadress")
        .assert_contains("Behålls");
    let r = app
        .post(
            &format!("/leads/{first}/merge"),
            &[("other", &second.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let db = &app.state.db;
    assert!(lead::Entity::find_by_id(second)
        .one(db)
        .await
        .unwrap()
        .is_none());
    let acts = activity::Entity::find()
        .filter(activity::Column::LeadId.eq(first))
        .all(db)
        .await
        .unwrap();
    assert!(
        acts.iter()
            .any(|a| a.body.as_deref() == Some("Wrote again by mail.")),
        "the note moved over"
    );
    let fus = follow_up::Entity::find()
        .filter(follow_up::Column::LeadId.eq(first))
        .all(db)
        .await
        .unwrap();
    assert_eq!(fus.len(), 1, "the follow-up moved over");
    assert_eq!(
        prospect::Entity::find().count(db).await.unwrap(),
        1,
        "the duplicate prospect is gone"
    );
    let p = prospect::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(
        p.phone.as_deref(),
        Some("+31699990000"),
        "the phone only the duplicate knew is kept"
    );
    assert_eq!(p.first_name, "Pieter");
    assert_eq!(
        app.get(&format!("/leads/{second}")).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn pool_and_referrals(mut app: TestApp) {
    let pooled = seed_lead(
        &app,
        None,
        ("Klaus", "Müller"),
        Some("klaus@example.de"),
        None,
        "Hamburg",
    )
    .await;
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let home = app.get("/").await;
    home.assert_contains("Regional pool: 1 intressent");
    app.get("/leads/pool").await.assert_contains("Klaus Müller");
    let page = app.get(&format!("/leads/{pooled}")).await;
    page.assert_contains("Ta till min kommun");
    assert!(
        !page.body.contains("Logga kontakt"),
        "no work on a pool lead before taking it"
    );
    // Not taken yet: changing it is refused like a lead that isn't there.
    assert_eq!(
        app.post(
            &format!("/leads/{pooled}/status"),
            &[("status", "contacted")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let r = app.post(&format!("/leads/{pooled}/take"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let lycksele = lotsbok::accounts::find_municipality(&app.state.db, "lycksele")
        .await
        .unwrap()
        .id;
    let l = lead::Entity::find_by_id(pooled)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.municipality_id, Some(lycksele));
    app.get(&format!("/leads/{pooled}"))
        .await
        .assert_contains("Tagen från regionala poolen till Lycksele");

    // Share with Dorotea: both work with the household now.
    let dorotea = lotsbok::accounts::find_municipality(&app.state.db, "dorotea")
        .await
        .unwrap()
        .id;
    let r = app
        .post(
            &format!("/leads/{pooled}/refer"),
            &[("referral_kind", "share"), ("to_municipality", "")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no municipality chosen"
    );
    r.assert_contains("Välj en kommun.");
    let r = app
        .post(
            &format!("/leads/{pooled}/refer"),
            &[
                ("referral_kind", "share"),
                ("to_municipality", &dorotea.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shared = lead::Entity::find()
        .filter(lead::Column::MunicipalityId.eq(dorotea))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(shared.source, "referral");
    // Sharing again is refused: Dorotea has it already.
    app.get(&format!("/leads/{pooled}")).await;
    let again = app
        .post(
            &format!("/leads/{pooled}/refer"),
            &[
                ("referral_kind", "share"),
                ("to_municipality", &dorotea.to_string()),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    again.assert_contains("finns redan i den kommunen");

    // Hand over another lead to Dorotea: it leaves Lycksele.
    let handed = seed_lead(
        &app,
        Some("lycksele"),
        ("Eva", "Lind"),
        Some("eva@example.se"),
        None,
        "Umeå",
    )
    .await;
    app.get(&format!("/leads/{handed}")).await;
    let r = app
        .post(
            &format!("/leads/{handed}/refer"),
            &[
                ("referral_kind", "handover"),
                ("to_municipality", &dorotea.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/leads/{handed}")).await.status,
        StatusCode::NOT_FOUND
    );

    guide(&mut app, "doris@dorotea.se", "dorotea").await;
    let page = app.get(&format!("/leads/{handed}")).await;
    page.assert_contains("Eva Lind")
        .assert_contains("Överlämnad till Dorotea");
    app.get(&format!("/leads/{}", shared.id))
        .await
        .assert_contains("Klaus Müller")
        .assert_contains("Lycksele");
    let referrals = lotsbok::entities::referral::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(referrals, 4, "take, share (both leads), handover");
}

async fn reading_a_lead_is_audited(mut app: TestApp) {
    let me = guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = seed_lead(
        &app,
        Some("lycksele"),
        ("Sara", "Nilsson"),
        None,
        None,
        "Stockholm",
    )
    .await;
    let prospect_id = lead::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    let db = app.state.db.clone();
    let viewed = || async {
        audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("lead_viewed"))
            .filter(audit_entry::Column::ProspectId.eq(prospect_id))
            .filter(audit_entry::Column::UserId.eq(me))
            .count(&db)
            .await
            .unwrap()
    };
    assert_eq!(viewed().await, 0);
    app.get(&format!("/leads/{id}")).await;
    assert_eq!(viewed().await, 1);
    app.get(&format!("/leads/{id}")).await;
    assert_eq!(viewed().await, 2, "every read, one entry");
    app.post(
        &format!("/leads/{id}/activities"),
        &[("kind", "note"), ("body", "x")],
    )
    .await;
    let changed = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("activity_added"))
        .filter(audit_entry::Column::ProspectId.eq(prospect_id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(changed, 1);
    // The audit entries hold ids, not the person.
    let all = audit_entry::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(all
        .iter()
        .all(|e| !e.detail.clone().unwrap_or_default().contains("Sara")));
}

async fn tenant_isolation_on_every_lead_route(mut app: TestApp) {
    let theirs = seed_lead(
        &app,
        Some("arjeplog"),
        ("Hidden", "Person"),
        Some("hidden@example.se"),
        None,
        "Kiruna",
    )
    .await;
    let fid = {
        guide(&mut app, "a@arjeplog.se", "arjeplog").await;
        app.get(&format!("/leads/{theirs}")).await;
        app.post(
            &format!("/leads/{theirs}/follow-ups"),
            &[("title", "t"), ("due_on", "2026-12-01")],
        )
        .await;
        follow_up::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let mine = {
        guide(&mut app, "s@sorsele.se", "sorsele").await;
        seed_lead(
            &app,
            Some("sorsele"),
            ("Own", "Lead"),
            None,
            None,
            "Sorsele",
        )
        .await
    };
    let body: &[(&str, &str)] = &[
        ("first_name", "X"),
        ("place", "Y"),
        ("adults", "1"),
        ("source", "other"),
        ("kind", "note"),
        ("body", "x"),
        ("title", "x"),
        ("due_on", "2026-12-01"),
        ("status", "contacted"),
        ("to_municipality", "1"),
        ("other", &mine.to_string()),
    ];
    let before = activity::Entity::find().count(&app.state.db).await.unwrap();
    for (method, route) in lead_routes(&app) {
        let path = route
            .replace("{id}", &theirs.to_string())
            .replace("{fid}", &fid.to_string())
            .replace("{other}", &mine.to_string());
        app.get("/leads").await; // a fresh CSRF token from a page of this guide's own
        let res = if method == Method::GET {
            app.get(&path).await
        } else {
            app.post(&path, body).await
        };
        if res.status == StatusCode::METHOD_NOT_ALLOWED {
            continue; // the route has no such method
        }
        assert_eq!(
            res.status,
            StatusCode::NOT_FOUND,
            "{method} {path} as another municipality's guide"
        );
        assert!(
            !res.body.contains("Hidden"),
            "{method} {path} leaks the name"
        );
    }
    // Merging their lead into mine is refused the same way.
    app.get("/leads").await;
    let r = app
        .post(
            &format!("/leads/{mine}/merge"),
            &[("other", &theirs.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let preview = app.get(&format!("/leads/{mine}/merge/{theirs}")).await;
    assert_eq!(
        preview.status,
        StatusCode::NOT_FOUND,
        "their lead in a merge preview"
    );
    let search = app.get(&format!("/leads/{mine}/merge?q=hidden")).await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(
        !search.body.contains("Hidden Person"),
        "their lead among the merge candidates"
    );
    assert!(!app
        .get("/leads?q=hidden")
        .await
        .body
        .contains("Hidden Person"));
    assert_eq!(
        activity::Entity::find().count(&app.state.db).await.unwrap(),
        before,
        "nothing changed"
    );
    // The merge search does find the guide's own leads.
    let second = seed_lead(
        &app,
        Some("sorsele"),
        ("Own", "Other"),
        None,
        None,
        "Sorsele",
    )
    .await;
    app.get(&format!("/leads/{mine}/merge?q=own"))
        .await
        .assert_contains(&format!("/leads/{mine}/merge/{second}"));

    // A coordinator and an admin get no lead route at all.
    for (who, roles) in [
        ("leader@region10.se", "coordinator"),
        ("admin@region10.se", "admin"),
    ] {
        app.create_user(who, roles, None, PW).await;
        app.new_browser();
        app.login(who, PW).await;
        let mut paths: Vec<(String, Method)> = vec![
            ("/leads".into(), Method::GET),
            ("/leads/pool".into(), Method::GET),
            ("/leads/new".into(), Method::GET),
            ("/leads/new".into(), Method::POST),
        ];
        for (method, route) in lead_routes(&app) {
            let path = route
                .replace("{id}", &theirs.to_string())
                .replace("{fid}", &fid.to_string());
            paths.push((path, method));
        }
        for (path, method) in paths {
            app.get("/").await;
            let res = if method == Method::GET {
                app.get(&path).await
            } else {
                app.post(&path, body).await
            };
            if res.status == StatusCode::METHOD_NOT_ALLOWED {
                continue;
            }
            assert_eq!(
                res.status,
                StatusCode::FORBIDDEN,
                "{roles} on {method} {path}"
            );
            assert!(!res.body.contains("Hidden"));
        }
    }
}

async fn a_note_survives_an_expired_session(mut app: TestApp) {
    use sea_orm::{ConnectionTrait, DatabaseBackend};
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = seed_lead(&app, Some("lycksele"), ("Mia", "Holm"), None, None, "Luleå").await;
    app.get(&format!("/leads/{id}")).await;
    let sql = match app.state.db.get_database_backend() {
        DatabaseBackend::Postgres => "DELETE FROM tower_sessions.session",
        _ => "DELETE FROM tower_sessions",
    };
    app.state.db.execute_unprepared(sql).await.unwrap();
    let long_note = "Long conversation about the school in Lycksele & housing near the river.";
    let r = app
        .post(
            &format!("/leads/{id}/activities"),
            &[("kind", "call"), ("direction", "in"), ("body", long_note)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), format!("/login?next=%2Fleads%2F{id}"));
    assert_eq!(
        activity::Entity::find()
            .filter(activity::Column::Kind.eq("call"))
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    let login = app.get(r.location()).await;
    login.assert_contains("Det du skrev är sparat");
    let r = app
        .post(
            "/login",
            &[
                ("email", "lena@lycksele.se"),
                ("password", PW),
                ("next", &format!("/leads/{id}")),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/leads/{id}"));
    let page = app.get(&format!("/leads/{id}")).await;
    page.assert_contains("Du loggades ut medan du skrev")
        .assert_contains(
            "Long conversation about the school in Lycksele &amp; housing near the river.",
        );
    assert!(page.body.contains(r#"<option value="in" selected>"#));
    // Saving it now works, and the draft is not offered twice.
    let r = app
        .post(
            &format!("/leads/{id}/activities"),
            &[("kind", "call"), ("direction", "in"), ("body", long_note)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!app
        .get(&format!("/leads/{id}"))
        .await
        .body
        .contains("Du loggades ut medan du skrev"));
}

async fn campaigns_and_events(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    app.get("/events").await.assert_contains("Inga kampanjer");
    let bad = app
        .post(
            "/events",
            &[
                ("name", "Emigratiebeurs Utrecht"),
                ("kind", ""),
                ("starts_on", "2027-03-06"),
                ("ends_on", "2027-03-05"),
                ("municipality", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains(r#"value="Emigratiebeurs Utrecht""#)
        .assert_contains("Välj typ.")
        .assert_contains("Slutdatum kan inte ligga före");
    // A guide cannot create an event for another municipality.
    let r = app
        .post(
            "/events",
            &[("name", "X"), ("kind", "fair"), ("municipality", "3")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post(
            "/events",
            &[
                ("name", "Emigratiebeurs Utrecht"),
                ("kind", "fair"),
                ("starts_on", "2027-03-06"),
                ("ends_on", "2027-03-07"),
                ("municipality", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let event_id: i64 = r.location().trim_start_matches("/events/").parse().unwrap();
    // A lead points to it.
    app.get("/leads/new")
        .await
        .assert_contains("Emigratiebeurs Utrecht");
    let r = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Sanne"),
                ("place", "Utrecht"),
                ("adults", "2"),
                ("source", "fair"),
                ("campaign", &event_id.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let l = lead::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.campaign_id, Some(event_id));
    // A coordinator sees the event and its counts, no names.
    app.create_user("leader@region10.se", "coordinator", None, PW)
        .await;
    app.new_browser();
    app.login("leader@region10.se", PW).await;
    let page = app.get(&format!("/events/{event_id}")).await;
    page.assert_contains("Emigratiebeurs Utrecht")
        .assert_contains("<dd>1</dd>");
    assert!(!page.body.contains("Sanne"));
}

/// A fold of many changes (a bulk change: an import, the retention) leaves no dead rows for
/// every page view's read of the counts to visit on PostgreSQL: it vacuums the table. The
/// counts stay what they were.
async fn a_large_fold_leaves_no_dead_rows(mut app: TestApp) {
    use lotsbok::leads::derived::{fold, VACUUM_AFTER};
    use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    seed_lead(&app, Some("lycksele"), ("Åsa", "Öberg"), None, None, "Umeå").await;
    fold(&app.state.db).await.unwrap();
    let before = app.get("/leads").await;
    before.assert_contains("1 intressent");
    let db = &app.state.db;
    let backend = db.get_database_backend();
    // Changes that add up to nothing, more than a fold moves without vacuuming.
    db.execute_unprepared(&format!(
        "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {})
         INSERT INTO lead_count_changes (municipality_key, status, n)
         SELECT 0, 'new', CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END FROM s",
        2 * (VACUUM_AFTER / 2 + 1)
    ))
    .await
    .unwrap();
    fold(db).await.unwrap();
    let left = db
        .query_one(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM lead_count_changes",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(left.try_get::<i64>("", "n").unwrap(), 0);
    if backend == DatabaseBackend::Postgres {
        let stats = db
            .query_one(Statement::from_string(
                backend,
                // The vacuum itself, not its dead-row figure: the statistics reach
                // `pg_stat_user_tables` late (when a backend flushes them).
                "SELECT last_vacuum IS NOT NULL AS vacuumed
                 FROM pg_stat_user_tables WHERE relname = 'lead_count_changes'",
            ))
            .await
            .unwrap()
            .unwrap();
        assert!(stats.try_get::<bool>("", "vacuumed").unwrap(), "vacuumed");
    }
    app.get("/leads").await.assert_contains("1 intressent");
    assert_counts_kept(&app).await;
}

async fn counts_and_totals_leave_out_anonymised_movers(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let kept = seed_lead(&app, Some("lycksele"), ("Kept", "One"), None, None, "Umeå").await;
    let gone = seed_lead(&app, Some("lycksele"), ("Gone", "Two"), None, None, "Umeå").await;
    assert!(kept != gone);
    let l = lead::Entity::find_by_id(gone)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    lotsbok::privacy::anonymise::anonymise(
        &app.state.db,
        l.prospect_id,
        lotsbok::privacy::anonymise::Why::Retention,
        None,
    )
    .await
    .unwrap();
    let page = app.get("/leads").await;
    page.assert_contains("Alla: 1</a>")
        .assert_contains("Ny: 1</a>")
        .assert_contains("1 intressent");
    app.get("/leads?status=new")
        .await
        .assert_contains("1 intressent");
    // With another filter the total is counted, and agrees.
    app.get("/leads?status=new&source=interest_form")
        .await
        .assert_contains("1 intressent");
}

async fn counts_and_search_index_follow_every_change(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let greta = seed_lead(
        &app,
        Some("lycksele"),
        ("Greta", "Garbo"),
        Some("greta@example.se"),
        Some("070 555 12 34"),
        "Mora",
    )
    .await;
    let twin = seed_lead(
        &app,
        Some("lycksele"),
        ("Greta", "Garbo"),
        Some("greta@example.se"),
        None,
        "Mora",
    )
    .await;
    let pooled = seed_lead(&app, None, ("Klaus", "Müller"), None, None, "Köln").await;
    let elsewhere = seed_lead(
        &app,
        Some("dorotea"),
        ("Per", "Persson"),
        None,
        None,
        "Lund",
    )
    .await;
    assert_counts_kept(&app).await;

    // Search by the index: words, phone digits, a short word (no index), quotes.
    let found = |body: &str, id: i64| body.contains(&format!("/leads/{id}\""));
    let s = app.get("/leads?q=garbo+mora").await;
    assert!(found(&s.body, greta) && found(&s.body, twin));
    let s = app.get("/leads?q=5551234").await;
    assert!(found(&s.body, greta) && !found(&s.body, twin));
    assert!(found(&app.get("/leads?q=ga").await.body, greta));
    app.get("/leads?q=gar%22bo")
        .await
        .assert_contains("0 intressenter");
    app.get("/leads?q=persson")
        .await
        .assert_contains("0 intressenter");

    // Status, taking from the pool, handing over, merging: each leaves the counts right.
    app.get(&format!("/leads/{greta}")).await;
    app.post(
        &format!("/leads/{greta}/status"),
        &[("status", "contacted")],
    )
    .await;
    app.post(&format!("/leads/{pooled}/take"), &[]).await;
    assert_counts_kept(&app).await;
    let dorotea = lotsbok::accounts::find_municipality(&app.state.db, "dorotea")
        .await
        .unwrap()
        .id;
    app.get(&format!("/leads/{pooled}")).await;
    let r = app
        .post(
            &format!("/leads/{pooled}/refer"),
            &[
                ("referral_kind", "handover"),
                ("to_municipality", &dorotea.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .post(
            &format!("/leads/{greta}/merge"),
            &[("other", &twin.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_counts_kept(&app).await;

    // A changed name is found by the new one only.
    let p = lead::Entity::find_by_id(greta)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    prospect::Entity::update_many()
        .col_expr(
            prospect::Column::SearchText,
            sea_orm::sea_query::Expr::value(lotsbok::domain::search_text(
                "Greta",
                "Lindqvist",
                Some("greta@example.se"),
                Some("Mora"),
            )),
        )
        .filter(prospect::Column::Id.eq(p))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert!(found(&app.get("/leads?q=lindqvist").await.body, greta));
    app.get("/leads?q=garbo")
        .await
        .assert_contains("0 intressenter");

    // Erased: gone from the counts and from search.
    app.get(&format!("/leads/{greta}/erase")).await;
    let r = app.post(&format!("/leads/{greta}/erase"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get("/leads?q=lindqvist")
        .await
        .assert_contains("0 intressenter");
    let other = lead::Entity::find_by_id(elsewhere)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    lotsbok::privacy::anonymise::anonymise(
        &app.state.db,
        other.prospect_id,
        lotsbok::privacy::anonymise::Why::Retention,
        None,
    )
    .await
    .unwrap();
    assert_counts_kept(&app).await;
    // Lycksele's two leads were merged into one, then erased; the pooled one went to Dorotea.
    app.get("/leads").await.assert_contains("Alla: 0</a>");
    app.get("/leads?q=muller")
        .await
        .assert_contains("0 intressenter");
    // Dorotea's search finds the lead handed over to it (its index row moved with it), and
    // not the mover anonymised there.
    guide(&mut app, "dora@dorotea.se", "dorotea").await;
    let s = app.get("/leads?q=m%C3%BCller+k%C3%B6ln").await;
    s.assert_contains("1 intressent");
    assert!(found(&s.body, pooled));
    app.get("/leads?q=persson")
        .await
        .assert_contains("0 intressenter");
}

/// A search counts exactly up to its limit and says "more than" past it, pages on without a
/// total, and finds a rare word among the common ones; a word common in one municipality
/// is counted there only.
async fn search_counts_up_to_its_limit_and_pages_on(mut app: TestApp) {
    use lotsbok::leads::queries::{EXACT_UP_TO, PAGE_SIZE};
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let common = EXACT_UP_TO + 5;
    let mut ids = Vec::new();
    for i in 0..common {
        let rare = if i % 700 == 1 { "Zebulon" } else { "Svensson" };
        ids.push(
            seed_lead(
                &app,
                Some("lycksele"),
                (rare, &format!("Vanlig{i:04}")),
                None,
                Some(&format!("+46 70 {i:04} 12 34 56")),
                "Tärnaby",
            )
            .await,
        );
    }
    let elsewhere = seed_lead(
        &app,
        Some("dorotea"),
        ("Anders", "Vanligsson"),
        None,
        None,
        "Tärnaby",
    )
    .await;
    let limit = format!("Fler än {EXACT_UP_TO} intressenter");
    let first = app.get("/leads?q=vanlig").await;
    first
        .assert_contains(&limit)
        .assert_contains("Sida 1<")
        .assert_contains(r#"rel="next""#);
    // The newest first, and never another municipality's.
    assert!(first
        .body
        .contains(&format!("/leads/{}\"", ids[ids.len() - 1])));
    assert!(!first.body.contains(&format!("/leads/{elsewhere}\"")));
    // The last page: what is left, and no next page.
    let last_page = (common - 1) / PAGE_SIZE;
    let last = app.get(&format!("/leads?q=vanlig&page={last_page}")).await;
    last.assert_contains(&format!("Sida {}<", last_page + 1));
    assert!(!last.body.contains(r#"rel="next""#));
    assert!(last.body.contains(&format!("/leads/{}\"", ids[0])));
    // Narrowed by a status, still past the limit; narrowed further, exact.
    app.get("/leads?q=vanlig&status=new")
        .await
        .assert_contains(&limit);
    for id in &ids[..3] {
        app.get(&format!("/leads/{id}")).await;
        let r = app
            .post(&format!("/leads/{id}/status"), &[("status", "contacted")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    app.get("/leads?q=vanlig&status=contacted")
        .await
        .assert_contains("3 intressenter")
        .assert_contains("Sida 1 av 1");
    // A rare word among them, by itself and with the common one.
    app.get("/leads?q=zebulon")
        .await
        .assert_contains("3 intressenter");
    app.get("/leads?q=zebulon+vanlig")
        .await
        .assert_contains("3 intressenter");
    // Two letters (no index): walked and counted up to the limit too; with a word the
    // index answers, a short word that narrows it is counted, not "more than".
    app.get("/leads?q=li").await.assert_contains(&limit);
    app.get("/leads?q=vanlig+ze")
        .await
        .assert_contains("3 intressenter");
    // A word the index finds in the phone numbers ("+46…") finds the same movers when
    // they are walked and tested: a full page, not "more than 2000" over an empty list.
    let phones = app.get("/leads?q=%2B46").await;
    phones.assert_contains(&limit);
    assert!(phones
        .body
        .contains(&format!("/leads/{}\"", ids[ids.len() - 1])));
    // Every number ends alike: asked by its last digits the index finds more than the
    // limit, so the number is asked again whole and counted exactly.
    let one = app.get("/leads?q=%2B46700007123456").await;
    one.assert_contains("1 intressent");
    assert!(one.body.contains(&format!("/leads/{}\"", ids[7])));
    app.get("/leads?q=46700007123456+vanlig")
        .await
        .assert_contains("1 intressent");
    app.get("/leads?q=46700007123456+zebulon")
        .await
        .assert_contains("0 intressenter");
    app.get("/leads?q=123456").await.assert_contains(&limit);
    // The same word elsewhere is that municipality's own, counted exactly.
    guide(&mut app, "dora@dorotea.se", "dorotea").await;
    let d = app.get("/leads?q=vanlig").await;
    d.assert_contains("1 intressent");
    assert!(d.body.contains(&format!("/leads/{elsewhere}\"")));
    assert_counts_kept(&app).await;
}

/// A phone number is asked of the index by its last digits (SQLite) and tested whole: two
/// numbers that end alike, and a number written with its country code or without the plus,
/// find only the movers the whole number matches.
async fn a_phone_number_finds_only_its_movers(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let place = "Tärnaby";
    let asa = seed_lead(
        &app,
        Some("lycksele"),
        ("Åsa", "Öberg"),
        None,
        Some("+46 70 111 22 33"),
        place,
    )
    .await;
    let bo = seed_lead(
        &app,
        Some("lycksele"),
        ("Bo", "Berg"),
        None,
        Some("+46 70 911 22 33"),
        place,
    )
    .await;
    let cia = seed_lead(
        &app,
        Some("lycksele"),
        ("Cia", "Ek"),
        None,
        Some("+31 6 111 22 33"),
        place,
    )
    .await;
    // The same number in another municipality stays there.
    let other = seed_lead(
        &app,
        Some("dorotea"),
        ("Dan", "Alm"),
        None,
        Some("+46 70 111 22 33"),
        place,
    )
    .await;
    let found = |body: &str| {
        [asa, bo, cia, other]
            .into_iter()
            .filter(|id| body.contains(&format!("/leads/{id}\"")))
            .collect::<Vec<_>>()
    };
    for (q, expected, total) in [
        ("%2B46701112233", vec![asa], "1 intressent"),
        ("46701112233", vec![asa], "1 intressent"),
        ("%2B46709112233", vec![bo], "1 intressent"),
        ("1112233", vec![asa, cia], "2 intressenter"),
        ("112233", vec![asa, bo, cia], "3 intressenter"),
        ("%2B316111", vec![cia], "1 intressent"),
        ("%2B46701112233+%C3%B6berg", vec![asa], "1 intressent"),
        ("%2B46701112233+berg", vec![asa], "1 intressent"),
        ("%2B46701112233+ek", vec![], "0 intressenter"),
        ("%2B46801112233", vec![], "0 intressenter"),
    ] {
        let page = app.get(&format!("/leads?q={q}")).await;
        page.assert_contains(total);
        assert_eq!(found(&page.body), expected, "search {q}");
    }
}

/// The migration that folded the search text stored before the fold existed does in SQL
/// what the application does to new text: checked on every letter of the fold.
async fn the_database_folds_search_text_as_the_application_does(app: TestApp) {
    use sea_orm::ConnectionTrait;
    let letters: String = migration::FOLD.iter().map(|(c, _)| *c).collect();
    let text = format!("göteborg {letters} محمد åsa.öberg@example.se");
    let db = &app.state.db;
    let sql = format!("SELECT {} AS v", migration::fold_sql(&format!("'{text}'")));
    let row = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .unwrap();
    let in_sql: String = row.try_get("", "v").unwrap();
    assert_eq!(in_sql, migration::fold(&text));
    assert!(in_sql.starts_with("goteborg "), "{in_sql}");
}

/// The small things of a guide's desk: the language switch keeps the list's filters and
/// page; a name in another script is isolated from the text around it; required choices
/// carry their `*`.
async fn the_language_switch_keeps_the_list_and_names_keep_their_direction(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = seed_lead(
        &app,
        Some("lycksele"),
        ("محمد", "العلي"),
        None,
        Some("070 111 22 33"),
        "Malmö",
    )
    .await;
    let list = app.get("/leads?status=new&q=malm%C3%B6&page=0").await;
    list.assert_contains(r#"href="/leads?status=new&amp;q=malm%C3%B6&amp;page=0&amp;lang=en""#)
        .assert_contains(&format!(
            r#"<a href="/leads/{id}"><bdi>محمد العلي</bdi></a>"#
        ));
    // The switch replaces the language rather than adding a second one.
    app.get("/leads?lang=en&status=new")
        .await
        .assert_contains(r#"href="/leads?status=new&amp;lang=sv""#);
    app.get("/").await.assert_contains("<bdi>محمد العلي</bdi>");
    // A path that starts like another site's address does not become a link to it.
    let odd = app.get("//example.org/leads").await;
    assert!(!odd.body.contains(r#"href="//example.org"#), "{}", odd.body);
    let new = app.get("/leads/new").await;
    let source = new.body.split(r#"for="f-source""#).nth(1).unwrap();
    assert!(
        source
            .split("</label>")
            .next()
            .unwrap()
            .contains(r#"class="required""#),
        "Källa is marked as required"
    );
    app.new_browser();
    let form = app.get("/interest").await;
    let country = form.body.split(r#"for="f-country""#).nth(1).unwrap();
    assert!(
        country
            .split("</label>")
            .next()
            .unwrap()
            .contains(r#"class="required""#),
        "the country the mover lives in is marked as required"
    );
}

/// Page views at once are each audited before each is answered: their entries are stored a
/// batch at a time (`audit::Trail`), and none is lost or stored twice, whichever batch it
/// falls in. Each of 40 concurrent views of one lead, answered 200, has its own row.
async fn page_views_at_once_are_each_audited(mut app: TestApp) {
    use axum::body::Body;
    use axum::extract::ConnectInfo;
    use tower::ServiceExt;
    let me = guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = seed_lead(
        &app,
        Some("lycksele"),
        ("Sara", "Nilsson"),
        None,
        None,
        "Umeå",
    )
    .await;
    let cookie = format!(
        "lotsbok_session={}",
        app.session_cookie().expect("signed in")
    );
    let mut views = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let router = app.router.clone();
        let req = axum::http::Request::builder()
            .uri(format!("/leads/{id}"))
            .header("cookie", cookie.clone())
            .extension(ConnectInfo(std::net::SocketAddr::from((
                [203, 0, 113, 7],
                5000,
            ))))
            .body(Body::empty())
            .expect("request");
        views.spawn(async move { router.oneshot(req).await.expect("infallible").status() });
    }
    let answered = views.join_all().await;
    assert!(
        answered.iter().all(|s| *s == StatusCode::OK),
        "{answered:?}"
    );
    let rows = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("lead_viewed"))
        .filter(audit_entry::Column::TargetId.eq(id))
        .filter(audit_entry::Column::UserId.eq(me))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(rows, 40, "one entry per view answered");
}

both!(
    page_views_at_once_are_each_audited,
    the_language_switch_keeps_the_list_and_names_keep_their_direction,
    the_database_folds_search_text_as_the_application_does,
    counts_and_search_index_follow_every_change,
    counts_and_totals_leave_out_anonymised_movers,
    a_large_fold_leaves_no_dead_rows,
    a_guides_day,
    list_filters_search_and_pages,
    search_counts_up_to_its_limit_and_pages_on,
    a_phone_number_finds_only_its_movers,
    duplicates_warned_and_merged,
    pool_and_referrals,
    reading_a_lead_is_audited,
    tenant_isolation_on_every_lead_route,
    a_note_survives_an_expired_session,
    campaigns_and_events,
);

/// Every route of one lead, with each method it answers, from the router itself: `{id}` is
/// a lead id, `{fid}` a follow-up id.
fn lead_routes(app: &TestApp) -> Vec<(Method, &'static str)> {
    crate::helpers::routes_with_methods(app, "/leads/{id}")
}
