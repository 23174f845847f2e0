//! The guide's desk (issue 17): the start page as a work queue and the follow-ups page.

use axum::http::StatusCode;
use chrono::Duration;
use lotsbok::entities::{follow_up, lead};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::both;
use crate::helpers::{seed_lead, signed_in_guide as guide, TestApp};

/// Plans `n` open tasks on a lead, due `days` from today (negative: overdue).
async fn plan(app: &TestApp, lead_id: i64, title: &str, days: i64, n: usize) -> Vec<i64> {
    let l = lead::Entity::find_by_id(lead_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let today = lotsbok::web::format::today();
    let mut ids = Vec::new();
    for i in 0..n {
        let f = follow_up::ActiveModel {
            lead_id: Set(lead_id),
            municipality_id: Set(l.municipality_id),
            kind: Set(lotsbok::domain::FollowUpKind::Task),
            title: Set(format!("{title} {i}")),
            due_on: Set(today + Duration::days(days)),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
        ids.push(f.id);
    }
    ids
}

fn position(body: &str, text: &str) -> usize {
    body.find(text)
        .unwrap_or_else(|| panic!("{text:?} is on the page:\n{body}"))
}

async fn the_start_page_is_a_work_queue(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let anna = seed_lead(&app, Some("lycksele"), ("Anna", "Berg"), None, None, "Umeå").await;
    let other = seed_lead(&app, Some("dorotea"), ("Doris", "Dahl"), None, None, "Umeå").await;
    plan(&app, anna, "Idag", 0, 23).await;
    plan(&app, anna, "Nyss", -3, 2).await;
    plan(&app, anna, "Veckor", -10, 1).await;
    plan(&app, anna, "Länge", -100, 7).await;
    plan(&app, anna, "Snart", 3, 2).await;
    plan(&app, other, "Doroteas", 0, 1).await;
    let home = app.get("/").await;
    let body = &home.body;
    // Today first, then the overdue ones by age, then the new leads.
    let today = position(body, "Att göra idag (23)");
    let overdue = position(body, "Försenade (10)");
    let days = position(body, "1–7 dagar sedan (2)");
    let weeks = position(body, "8–30 dagar sedan (1)");
    let months = position(body, "Mer än 30 dagar sedan (7)");
    let new = position(body, "Nya intressenter sedan du var här sist (1)");
    assert!(today < overdue && overdue < days && days < weeks && weeks < months && months < new);
    // Each shortened list says so, and links to all of it.
    home.assert_contains("Visar 20 av 23")
        .assert_contains(r#"href="/follow-ups?when=today">Visa alla 23"#)
        .assert_contains("Visar 5 av 7")
        .assert_contains(r#"href="/follow-ups?when=overdue&amp;age=months">Visa alla 7"#);
    assert!(!body.contains("Visar 2 av 2"), "a whole list says nothing");
    assert!(
        !body.contains("Doroteas"),
        "another municipality's follow-up"
    );
    assert!(
        !body.contains("Snart"),
        "coming follow-ups are on their own page"
    );
}

/// An erased mover's follow-ups stay in the statistics but leave every agenda: the start
/// page, the follow-ups page and their counts.
async fn an_erased_movers_follow_ups_leave_the_agenda(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let anna = seed_lead(&app, Some("lycksele"), ("Anna", "Berg"), None, None, "Umeå").await;
    let bo = seed_lead(&app, Some("lycksele"), ("Bo", "Borg"), None, None, "Umeå").await;
    plan(&app, anna, "Annas", -2, 2).await;
    plan(&app, bo, "Bos", -2, 3).await;
    plan(&app, bo, "Bos idag", 0, 1).await;
    app.get("/")
        .await
        .assert_contains("Försenade (5)")
        .assert_contains("Att göra idag (1)");
    let bo_prospect = lead::Entity::find_by_id(bo)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    let erased = lotsbok::privacy::anonymise::anonymise(
        &app.state.db,
        bo_prospect,
        lotsbok::privacy::anonymise::Why::Guide,
        None,
    )
    .await
    .unwrap();
    assert!(erased);
    let home = app.get("/").await;
    home.assert_contains("Försenade (2)");
    assert!(!home.body.contains("Att göra idag (1)"));
    assert!(
        !home.body.contains("Bos"),
        "an erased mover's follow-up on the start page"
    );
    let page = app.get("/follow-ups?when=overdue").await;
    assert!(page.body.contains(&format!("/leads/{anna}")));
    assert!(!page.body.contains(&format!("/leads/{bo}")));
    assert_eq!(
        follow_up::Entity::find()
            .filter(follow_up::Column::LeadId.eq(bo))
            .all(&app.state.db)
            .await
            .unwrap()
            .len(),
        4,
        "kept for the statistics"
    );
}

async fn the_follow_ups_page_pages_and_done_keeps_the_place(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let anna = seed_lead(&app, Some("lycksele"), ("Anna", "Berg"), None, None, "Umeå").await;
    let other = seed_lead(&app, Some("dorotea"), ("Doris", "Dahl"), None, None, "Umeå").await;
    let overdue = plan(&app, anna, "Sen", -2, 60).await;
    plan(&app, anna, "Idag", 0, 1).await;
    plan(&app, anna, "Snart", 5, 3).await;
    plan(&app, anna, "Sedan", 40, 4).await;
    let doroteas = plan(&app, other, "Doroteas", -2, 3).await;

    let page = app.get("/follow-ups?when=overdue").await;
    page.assert_contains("I dag (1)")
        .assert_contains("Försenade (60)")
        .assert_contains("Kommande 7 dagar (3)")
        .assert_contains("Senare (4)")
        .assert_contains("Sida 1 av 2")
        .assert_contains(r#"aria-current="page""#);
    assert!(!page.body.contains("Doroteas"));
    let second = app.get("/follow-ups?when=overdue&page=1").await;
    second.assert_contains("Sida 2 av 2");
    assert_eq!(second.body.matches(" id=\"due-").count(), 10);
    app.get("/follow-ups?when=later")
        .await
        .assert_contains("Sedan 3");

    // Done, in one click, back at the next item of the same page.
    let first = overdue[0];
    let back = format!("/follow-ups?when=overdue#due-{}", overdue[1]);
    let done = app
        .post(
            &format!("/leads/{anna}/follow-ups/{first}/done"),
            &[("back", back.as_str())],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), back);
    app.get("/follow-ups?when=overdue")
        .await
        .assert_contains("Försenade (59)");
    // Anywhere else, the lead page.
    let hostile = [
        "https://example.org/",
        "//example.org/follow-ups",
        "/leads/1/privacy",
        "/follow-ups?when=today\r\nSet-Cookie: x=1",
        "/follow-ups?when=ö",
    ];
    for (hostile, fid) in hostile.into_iter().zip(&overdue[2..]) {
        app.get("/follow-ups?when=overdue").await;
        let r = app
            .post(
                &format!("/leads/{anna}/follow-ups/{fid}/done"),
                &[("back", hostile)],
            )
            .await;
        assert_eq!(
            r.location(),
            format!("/leads/{anna}#h-follow-ups"),
            "{hostile}"
        );
    }
    // Another municipality's follow-up cannot be done from here, through its lead or ours.
    for lead in [other, anna] {
        app.get("/follow-ups").await;
        let r = app
            .post(
                &format!("/leads/{lead}/follow-ups/{}/done", doroteas[0]),
                &[("back", "/follow-ups")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "through lead {lead}");
    }
    let open = follow_up::Entity::find_by_id(doroteas[0])
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(open.done_at.is_none(), "Dorotea's follow-up is still open");
}

/// Sends the new-lead form for this household; the answer says whether it was taken for a
/// duplicate (409, listing it) or stored (303).
async fn new_lead(app: &mut TestApp, fields: &[(&str, &str)]) -> crate::helpers::Page {
    app.get("/leads/new").await;
    let mut all = vec![("adults", "1"), ("source", "phone")];
    all.extend_from_slice(fields);
    app.post("/leads/new", &all).await
}

/// Issue 17, item 6: one test per rule, and two people who only share a common name.
async fn duplicates_a_guide_would_call_duplicates(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let maria = new_lead(
        &mut app,
        &[
            ("first_name", "Maria"),
            ("last_name", "Lindqvist"),
            ("email", "Maria.Lindqvist@example.se"),
            ("phone", "+46 70-123 45 67"),
            ("children_birth_years", "2016, 2019"),
        ],
    )
    .await;
    assert_eq!(maria.status, StatusCode::SEE_OTHER);
    let maria_id = maria.location().trim_start_matches("/leads/").to_string();
    let flagged = |page: &crate::helpers::Page, why: &str| {
        assert_eq!(page.status, StatusCode::CONFLICT, "{why}:\n{}", page.body);
        page.assert_contains(&format!(
            r#"<a href="/leads/{maria_id}"><bdi>Maria Lindqvist</bdi></a>: {why}"#
        ));
    };
    // The same phone number written another way.
    let p = new_lead(
        &mut app,
        &[
            ("first_name", "Karl"),
            ("last_name", "Lindqvist"),
            ("phone", "070 123 45 67"),
        ],
    )
    .await;
    flagged(&p, "samma telefonnummer");
    // The same e-mail address in other case, without its dots.
    let p = new_lead(
        &mut app,
        &[
            ("first_name", "M"),
            ("last_name", "L"),
            ("email", "marialindqvist@EXAMPLE.se"),
        ],
    )
    .await;
    flagged(&p, "samma e-postadress");
    // A last name a letter apart, the same first name and children (in another order).
    let p = new_lead(
        &mut app,
        &[
            ("first_name", "maria"),
            ("last_name", "Lindkvist"),
            ("place", "Umeå"),
            ("children_birth_years", "2019, 2016"),
        ],
    )
    .await;
    flagged(&p, "liknande namn och samma barn");
    // All three at once are named together.
    let p = new_lead(
        &mut app,
        &[
            ("first_name", "Maria"),
            ("last_name", "Lindkvist"),
            ("email", "maria.lindqvist+ny@example.se"),
            ("phone", "0046701234567"),
            ("children_birth_years", "2016 2019"),
        ],
    )
    .await;
    flagged(
        &p,
        "samma e-postadress, samma telefonnummer, liknande namn och samma barn",
    );

    // Not the same household: a common name, other children; a name too far apart.
    let anna = [
        ("first_name", "Anna"),
        ("last_name", "Andersson"),
        ("place", "Umeå"),
    ];
    let mut first = anna.to_vec();
    first.push(("children_birth_years", "2015"));
    assert_eq!(
        new_lead(&mut app, &first).await.status,
        StatusCode::SEE_OTHER
    );
    let mut second = anna.to_vec();
    second.push(("children_birth_years", "2018"));
    assert_eq!(
        new_lead(&mut app, &second).await.status,
        StatusCode::SEE_OTHER,
        "another Anna Andersson"
    );
    let mut childless = anna.to_vec();
    childless.push(("email", "anna.andersson@example.org"));
    assert_eq!(
        new_lead(&mut app, &childless).await.status,
        StatusCode::SEE_OTHER,
        "an Anna Andersson without children"
    );
    let p = new_lead(
        &mut app,
        &[
            ("first_name", "Maria"),
            ("last_name", "Lindgren"),
            ("place", "Kiruna"),
            ("children_birth_years", "2016, 2019"),
        ],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "Lindgren is not Lindqvist");

    // The lead page warns at the top, and the merge by hand finds and previews the other.
    let karl = new_lead(
        &mut app,
        &[
            ("first_name", "Karl"),
            ("last_name", "Karlsson"),
            ("create_anyway", "on"),
            ("phone", "070 123 45 67"),
        ],
    )
    .await;
    let karl_id = karl.location().trim_start_matches("/leads/").to_string();
    let page = app.get(&format!("/leads/{karl_id}")).await;
    let warning = position(&page.body, "Kanske samma hushåll");
    assert!(
        warning < position(&page.body, "Tidslinje"),
        "the warning comes first"
    );
    app.get(&format!("/leads/{karl_id}/merge?q=lindgren"))
        .await
        .assert_contains("Maria Lindgren")
        .assert_contains("Jämför och slå ihop");
    app.get(&format!("/leads/{karl_id}/merge/{maria_id}"))
        .await
        .assert_contains("Efter sammanslagningen")
        .assert_contains("samma telefonnummer");
}

/// The lead page's facts: the next open follow-up (soonest), the last contact (not a note).
async fn the_lead_page_says_what_comes_next(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id = seed_lead(&app, Some("lycksele"), ("Anna", "Berg"), None, None, "Umeå").await;
    let page = app.get(&format!("/leads/{id}")).await;
    page.assert_contains(r#"<dd class="next-follow-up">Ingen planerad</dd>"#)
        .assert_contains(r#"<dd class="last-contact">Ingen loggad ännu</dd>"#);
    plan(&app, id, "Senare", 9, 1).await;
    plan(&app, id, "Först", 2, 1).await;
    for (kind, when, body) in [
        ("call", "2026-11-20T10:00", "Ringde"),
        ("note", "2026-11-25T10:00", "Tänkte"),
    ] {
        app.post(
            &format!("/leads/{id}/activities"),
            &[
                ("kind", kind),
                ("direction", "out"),
                ("occurred_at", when),
                ("body", body),
            ],
        )
        .await;
    }
    let page = app.get(&format!("/leads/{id}")).await;
    let next = page
        .body
        .split(r#"<dd class="next-follow-up">"#)
        .nth(1)
        .unwrap();
    assert!(
        next.split("</dd>").next().unwrap().contains("Först 0"),
        "{next}"
    );
    let last = page
        .body
        .split(r#"<dd class="last-contact">"#)
        .nth(1)
        .unwrap();
    let last = last.split("</dd>").next().unwrap();
    assert!(
        last.contains("2026-11-20 10:00") && last.contains("Samtal"),
        "{last}"
    );
}

/// A name of 200 letters that each fold to two ("ß" is "ss") is stored, its search text
/// and key cut to their columns (PostgreSQL refuses a value too long).
async fn long_folded_names_are_stored(mut app: TestApp) {
    guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let long = "ß".repeat(200);
    let r = new_lead(
        &mut app,
        &[
            ("first_name", &long),
            ("last_name", &long),
            ("place", &long),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.get("/leads?q=ssss")
        .await
        .assert_contains("1 intressent");
}

/// Movers stored before migration 20 get their household key from it (in batches, one
/// statement each): the key the app would set, none without children or once erased.
async fn the_migration_keys_the_movers_stored_before_it(app: TestApp) {
    use lotsbok::entities::prospect;
    use migration::MigratorTrait;
    seed_lead(
        &app,
        Some("lycksele"),
        ("Maria", "Lindqvist"),
        None,
        None,
        "Mora",
    )
    .await;
    seed_lead(&app, None, ("Åsa-Karin", "Berg"), None, None, "Köln").await;
    let db = &app.state.db;
    // One without children.
    prospect::Entity::update_many()
        .col_expr(
            prospect::Column::ChildrenBirthYears,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(sea_orm::ColumnTrait::eq(
            &prospect::Column::FirstName,
            "Maria",
        ))
        .exec(db)
        .await
        .unwrap();
    // Down to before migration 20 (and the ones after it), then up again.
    let names: Vec<String> = migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    let from = names
        .iter()
        .position(|n| n.ends_with("_000020_family_key"))
        .expect("migration 20");
    let steps = u32::try_from(names.len() - from).unwrap();
    migration::Migrator::down(db.raw(), Some(steps))
        .await
        .unwrap();
    migration::Migrator::up(db.raw(), None).await.unwrap();
    let all = prospect::Entity::find().all(db).await.unwrap();
    assert_eq!(all.len(), 2);
    for p in all {
        let want = migration::family_key(&p.first_name, p.children_birth_years.as_deref());
        assert_eq!(p.family_key, want, "{}", p.first_name);
    }
    assert!(
        prospect::Entity::find()
            .all(db)
            .await
            .unwrap()
            .iter()
            .any(|p| p.family_key.as_deref() == Some("asa karin|2016,2019")),
        "the household with children is keyed"
    );
}

both!(
    the_migration_keys_the_movers_stored_before_it,
    long_folded_names_are_stored,
    the_lead_page_says_what_comes_next,
    duplicates_a_guide_would_call_duplicates,
    the_start_page_is_a_work_queue,
    the_follow_ups_page_pages_and_done_keeps_the_place,
    an_erased_movers_follow_ups_leave_the_agenda,
);
