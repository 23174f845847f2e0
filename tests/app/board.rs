//! Issue 18, part 2: the year's targets, the headline figures beside the year before, the
//! region per month, the heat table and the page for the board — on the reports' hand-counted
//! fixture (`reports::fixture`), SQLite and PostgreSQL.

use axum::http::StatusCode;
use chrono::Datelike;
use lotsbok::entities::{audit_entry, report_target};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::TestApp;
use crate::reports::{at, cells_of, day, fixture, seed, table_html, Seed, PW};

/// Every figure shown: the figures can be checked by hand.
fn shown_all(c: &mut lotsbok::config::Config) {
    c.reports.small_cell_threshold = 1;
}

async fn coordinator(app: &mut TestApp) {
    app.create_user("leader@region10.se", "coordinator", None, PW)
        .await;
    app.new_browser();
    app.login("leader@region10.se", PW).await;
}

async fn stored(app: &TestApp) -> u64 {
    report_target::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

/// The cells of a row of a progress table, as text (tags and the small bars left out).
fn progress_of(body: &str, id: &str, label: &str) -> Vec<String> {
    cells_of(body, id, label)
        .into_iter()
        .map(|c| {
            let mut out = String::new();
            let mut tag = false;
            for ch in c.chars() {
                match ch {
                    '<' => tag = true,
                    '>' => tag = false,
                    _ if !tag => out.push(ch),
                    _ => {}
                }
            }
            out.trim().to_string()
        })
        .collect()
}

/// The version of the targets a form was filled in from.
fn seen_in(html: &str) -> String {
    let field = r#"name="seen" value=""#;
    let at = html.find(field).expect("a seen field") + field.len();
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

async fn targets_set_by_a_coordinator_show_as_progress(mut app: TestApp) {
    fixture(&app).await;
    coordinator(&mut app).await;
    let ids = |slug: &'static str| {
        let db = app.state.db.clone();
        async move {
            lotsbok::accounts::find_municipality(&db, slug)
                .await
                .unwrap()
                .id
        }
    };
    let (lycksele, dorotea) = (ids("lycksele").await, ids("dorotea").await);
    let form = app.get("/reports/targets?year=2026").await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("Mål för 2026")
        .assert_contains(&format!(r#"name="t-{lycksele}-persons""#))
        .assert_contains(r#"name="t-0-persons""#);
    let empty = seen_in(&form.body);

    // Mistakes come back as typed, each named in the list with its message; nothing stored.
    let lyck_persons = format!("t-{lycksele}-persons");
    let dor_leads = format!("t-{dorotea}-leads");
    let bad = app
        .post(
            "/reports/targets",
            &[
                ("year", "2026"),
                ("seen", &empty),
                (&lyck_persons, "12,5"),
                (&dor_leads, "4"),
                ("t-0-persons", "1 200"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains(r#"value="12,5""#)
        .assert_contains(r#"value="1 200""#)
        .assert_contains(r#"value="4""#)
        .assert_contains(&format!(
            r##"href="#f-{lyck_persons}">Lycksele, Inflyttade personer: Skriv ett heltal från 1 till 1 000 000"##
        ));
    assert_eq!(
        stored(&app).await,
        0,
        "nothing stored from a form with a mistake"
    );

    let saved = app
        .post(
            "/reports/targets",
            &[
                ("year", "2026"),
                ("seen", &seen_in(&bad.body)),
                (&lyck_persons, "10"),
                (&dor_leads, "4"),
                ("t-0-persons", "1 200"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), "/reports/targets?year=2026");
    let form = app.get("/reports/targets?year=2026").await;
    form.assert_contains("Målen är sparade.")
        .assert_contains(&format!(
            r#"name="{lyck_persons}" type="text" inputmode="numeric" size="8" value="10""#
        ));
    assert_eq!(stored(&app).await, 3);
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("report_targets_set"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);

    // A form filled in from the targets before that save is not saved over it.
    let stale = app
        .post(
            "/reports/targets",
            &[("year", "2026"), ("seen", &empty), (&dor_leads, "99")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale
        .assert_contains("Någon annan har ändrat årets mål")
        .assert_contains(r#"value="99""#);
    assert_eq!(stored(&app).await, 3);
    // Saved again from that page, knowing of the change, it is saved.
    let again = app
        .post(
            "/reports/targets",
            &[
                ("year", "2026"),
                ("seen", &seen_in(&stale.body)),
                (&lyck_persons, "10"),
                (&dor_leads, "4"),
                ("t-0-persons", "1200"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await, 3);

    // The report: the year's figure against each target, a row per area.
    let b = app.get("/reports?period=year&year=2026").await.body;
    let t = table_html(&b, "all-targets");
    assert!(
        t.contains(
            r#"<th scope="col">Inflyttade personer</th><th scope="col">Nya intressenter</th>"#
        ),
        "{t}"
    );
    assert_eq!(
        progress_of(&b, "all-targets", "Lycksele"),
        ["5 av 10 (50 %)", "–"]
    );
    assert_eq!(
        progress_of(&b, "all-targets", "Dorotea"),
        ["–", "2 av 4 (50 %)"]
    );
    assert_eq!(
        progress_of(&b, "all-targets", "Regionen"),
        ["9 av 1200 (1 %)", "–"]
    );
    assert_eq!(
        t.matches(r#"<svg class="meter""#).count(),
        3,
        "a bar each: {t}"
    );
    // A quarter shows the year's progress: a target is for a year.
    let q1 = app
        .get("/reports?period=quarter&year=2026&quarter=1")
        .await
        .body;
    assert_eq!(
        progress_of(&q1, "all-targets", "Lycksele"),
        ["5 av 10 (50 %)", "–"]
    );
    // Another year has its own targets (none).
    let other = app.get("/reports?period=year&year=2025").await.body;
    assert!(table_html(&other, "all-targets").contains("Inga mål är satta för året."));
    // The targets go into the exports like every table, a row per target.
    let csv = app
        .get_bytes("/reports/export?period=year&year=2026&section=all&table=targets&format=csv")
        .await;
    let rows = crate::helpers::swedish_excel(&csv);
    assert!(
        rows.iter()
            .any(|r| r[..4] == ["Lycksele", "Inflyttade personer", "5", "10"]),
        "{rows:?}"
    );

    // An empty box removes its target.
    let form = app.get("/reports/targets?year=2026").await;
    app.post(
        "/reports/targets",
        &[
            ("year", "2026"),
            ("seen", &seen_in(&form.body)),
            (&dor_leads, "4"),
            ("t-0-persons", "1200"),
        ],
    )
    .await;
    assert_eq!(stored(&app).await, 2);
    let b = app.get("/reports?period=year&year=2026").await.body;
    assert!(!table_html(&b, "all-targets").contains("Lycksele"));

    // A guide reads its own target and the region's, and cannot change any.
    app.new_browser();
    app.login("lena@lycksele.se", PW).await;
    assert_eq!(
        app.get("/reports/targets?year=2026").await.status,
        StatusCode::FORBIDDEN
    );
    app.get("/reports").await; // a fresh CSRF token: the refusal is the role's
    let refused = app
        .post(
            "/reports/targets",
            &[("year", "2026"), ("seen", &empty), ("t-0-persons", "1")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&app).await, 2);
    let b = app.get("/reports?period=year&year=2026").await.body;
    assert!(
        !b.contains("/reports/targets"),
        "no link to change the targets"
    );
    assert_eq!(
        progress_of(&b, "region-targets", "Regionen"),
        ["9 av 1200 (1 %)"]
    );
    assert!(table_html(&b, "own-targets").contains("Inga mål är satta för året."));
}

async fn the_headline_compares_with_the_year_before(mut app: TestApp) {
    fixture(&app).await;
    // A household that moved to Lycksele in March 2025 (the fixture has a lead of December
    // 2025 in Storuman too).
    seed(
        &app,
        Seed {
            muni: Some("lycksele"),
            source: "email",
            campaign: None,
            created: at(2025, 1, 5),
            country: "DE",
            region: None,
            history: &["contacted", "moved_in"],
            moved: Some((day(2025, 3, 10), 2, 1)),
            lost: None,
        },
    )
    .await;
    coordinator(&mut app).await;
    // A closed quarter against the same quarter a year earlier, every measure.
    let q = app
        .get("/reports?period=quarter&year=2026&quarter=1")
        .await
        .body;
    let t = table_html(&q, "all-headline");
    assert!(t.contains("Nyckeltal, jämfört med 2025 K1"), "{t}");
    assert!(
        t.contains(
            r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Tabell: Nyckeltal"#
        ),
        "a table that may be wider than a phone scrolls in a wrapper a keyboard reaches: {t}"
    );
    assert!(
        t.contains(r#"<th scope="col">2026 K1</th><th scope="col">2025 K1</th>"#),
        "{t}"
    );
    assert_eq!(
        cells_of(&q, "all-headline", "Nya intressenter"),
        ["2", "1", "+1"]
    );
    assert_eq!(
        cells_of(&q, "all-headline", "Inflyttade hushåll"),
        ["2", "1", "+1"]
    );
    assert_eq!(
        cells_of(&q, "all-headline", "Inflyttade vuxna"),
        ["3", "2", "+1"]
    );
    assert_eq!(
        cells_of(&q, "all-headline", "Inflyttade personer"),
        ["5", "3", "+2"]
    );

    // The year 2026: while it runs, compared with 2025's months up to this one, and only
    // what is published per month; once over, with the whole of 2025.
    let b = app.get("/reports?period=year&year=2026").await.body;
    let today = lotsbok::web::format::today();
    if today.year() == 2026 {
        let month = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ][today.month0() as usize];
        let t = table_html(&b, "all-headline");
        assert!(
            t.contains(&format!(
                r#"<th scope="col">2026 t.o.m. {today}</th><th scope="col">2025 t.o.m. {month}</th>"#
            )),
            "{t}"
        );
        assert!(!t.contains("Inflyttade personer"), "{t}");
    } else {
        assert_eq!(
            cells_of(&b, "all-headline", "Nya intressenter"),
            ["6", "2", "+4"]
        );
        assert_eq!(
            cells_of(&b, "all-headline", "Inflyttade personer"),
            ["9", "3", "+6"]
        );
    }

    // The region per month, this year and the year before, drawn as lines.
    assert_eq!(cells_of(&b, "all-region_months", "januari"), ["1", "0"]);
    assert_eq!(cells_of(&b, "all-region_months", "mars"), ["1", "1"]);
    let lines = table_html(&b, "all-region_months");
    assert!(lines.contains("<polyline") && lines.contains("stroke-dasharray=\"6 4\""));
    // Months still to come have no figure, not zero (the last year a report may ask for).
    let later = app.get("/reports?period=year&year=2100").await.body;
    assert_eq!(cells_of(&later, "all-region_months", "januari"), ["–", "–"]);
    assert_eq!(
        cells_of(&b, "all-region_months", "januari")[1],
        "0",
        "a month gone by: 0"
    );

    // A month publishes households only.
    let m = app
        .get("/reports?period=month&year=2026&month=3")
        .await
        .body;
    assert_eq!(
        cells_of(&m, "all-headline", "Inflyttade hushåll"),
        ["1", "1", "0"]
    );
    assert!(!table_html(&m, "all-headline").contains("Inflyttade personer"));

    // The month table is shaded by size, its total row and column not.
    let heat = table_html(&b, "all-moved_in_month");
    assert!(heat.contains(r#"<td class="shade4">1</td>"#), "{heat}");
    let total = &heat[heat.find(r#"<th scope="row">Totalt</th>"#).unwrap()..];
    assert!(!total.contains("shade"), "{total}");
}

/// With the default rule a small figure of the year before is hidden, and so is the change.
async fn a_hidden_figure_hides_its_change(mut app: TestApp) {
    fixture(&app).await;
    coordinator(&mut app).await;
    let b = app.get("/reports?period=year&year=2026").await.body;
    let leads = cells_of(&b, "all-headline", "Nya intressenter");
    assert_eq!(leads, ["6", "..", ".."], "the year before had one lead");
}

async fn the_page_for_the_board(mut app: TestApp) {
    fixture(&app).await;
    coordinator(&mut app).await;
    let lycksele = lotsbok::accounts::find_municipality(&app.state.db, "lycksele")
        .await
        .unwrap()
        .id;
    let report = app
        .get(&format!("/reports?period=year&year=2026&m={lycksele}"))
        .await;
    let link = format!(
        "/reports/print?period=year&amp;year=2026&amp;quarter=1&amp;month=1&amp;m={lycksele}"
    );
    report.assert_contains(&link);
    let page = app.get(&link.replace("&amp;", "&")).await;
    assert_eq!(page.status, StatusCode::OK);
    let today = lotsbok::web::format::today();
    page.assert_contains("Inflyttning och intressenter 2026")
        .assert_contains("Period: 2026-01-01 – 2026-12-31")
        .assert_contains("Rader för Lycksele; summorna gäller hela regionen")
        .assert_contains(&format!("Utskriven {today} av Test leader"))
        .assert_contains("Inga uppgifter döljs");
    let b = &page.body;
    assert_eq!(b.matches(r#"<div class="board-page">"#).count(), 2);
    let order: Vec<usize> = [
        "board-headline",
        "board-targets",
        "board-region_months",
        "board-moved_in",
        "board-moved_in_month",
        "board-sources",
    ]
    .iter()
    .map(|id| {
        b.find(&format!(r#"aria-labelledby="{id}""#))
            .unwrap_or_else(|| panic!("no {id}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        !b.contains("Dorotea"),
        "rows only for the chosen municipality"
    );
    assert!(b.contains("Inga mål är satta för året."));
    let printed = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("report_viewed"))
        .filter(audit_entry::Column::Detail.contains("print"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(printed, 1);

    // A guide prints its own municipality.
    app.new_browser();
    app.login("lena@lycksele.se", PW).await;
    let page = app.get("/reports/print?period=year&year=2026").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Lycksele") && !page.body.contains("Dorotea"));
    // Nobody else.
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    app.new_browser();
    app.login("admin@region10.se", PW).await;
    assert_eq!(
        app.get("/reports/print?period=year&year=2026").await.status,
        StatusCode::FORBIDDEN
    );
}

both!(with super::shown_all;
    targets_set_by_a_coordinator_show_as_progress,
    the_headline_compares_with_the_year_before,
    the_page_for_the_board,
);
both!(a_hidden_figure_hides_its_change);
