//! Follow-through: the daily reminder (exactly the due and overdue, once per day, in
//! Stockholm time across the spring change), the calendar feed (valid iCalendar, revoked on
//! renewal), fair capture and its QR code, and stay checks reaching the report.

use axum::http::StatusCode;
use chrono::{NaiveDate, TimeZone, Utc};
use lotsbok::entities::{consent, follow_up, lead, reminder_log};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::both;
use crate::helpers::{seed_lead, TestApp};

const PW: &str = "a long enough password";

async fn follow(app: &TestApp, lead_id: i64, title: &str, due: NaiveDate, done: bool) {
    let l = lead::Entity::find_by_id(lead_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    follow_up::ActiveModel {
        lead_id: Set(lead_id),
        municipality_id: Set(l.municipality_id),
        due_on: Set(due),
        title: Set(title.into()),
        kind: Set(lotsbok::domain::FollowUpKind::Task),
        created_at: Set(Utc::now()),
        done_at: Set(done.then(Utc::now)),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

async fn daily_reminders(app: TestApp) {
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let quiet = app
        .create_user("doris@dorotea.se", "guide", Some("dorotea"), PW)
        .await;
    let off = app
        .create_user("sam@storuman.se", "guide", Some("storuman"), PW)
        .await;
    lotsbok::entities::user::Entity::update_many()
        .col_expr(
            lotsbok::entities::user::Column::RemindersEnabled,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(lotsbok::entities::user::Column::Id.eq(off))
        .exec(&app.state.db)
        .await
        .unwrap();
    let l = seed_lead(&app, Some("lycksele"), ("Anna", "A"), None, None, "x").await;
    follow(&app, l, "Overdue call", day(3, 20), false).await;
    follow(&app, l, "Due today", day(3, 29), false).await;
    follow(&app, l, "Tomorrow", day(3, 30), false).await;
    follow(&app, l, "Already done", day(3, 29), true).await;
    let s = seed_lead(&app, Some("storuman"), ("Sven", "S"), None, None, "x").await;
    follow(&app, s, "Storuman task", day(3, 29), false).await;

    // Sunday 29 March 2026, the spring change: 06:59 CEST is 04:59 UTC, before seven.
    let run = |h, m| {
        lotsbok::reminders::run(
            &app.state,
            Utc.with_ymd_and_hms(2026, 3, 29, h, m, 0).unwrap(),
        )
    };
    assert_eq!(
        run(4, 59).await.unwrap(),
        0,
        "not before 07:00 Stockholm time"
    );
    assert_eq!(
        run(5, 0).await.unwrap(),
        1,
        "07:00 CEST: Lena's mail (Doris has nothing due, Sam opted out)"
    );
    assert_eq!(run(5, 30).await.unwrap(), 0, "once per day");
    assert_eq!(app.deliver_mail().await, 1);
    let mail = &app.mails()[0];
    assert_eq!(mail.to, "lena@lycksele.se");
    assert!(
        mail.text.contains("Overdue call") && mail.text.contains("Due today"),
        "{}",
        mail.text
    );
    assert!(
        !mail.text.contains("Tomorrow")
            && !mail.text.contains("Already done")
            && !mail.text.contains("Storuman")
    );
    assert!(mail.text.contains(&format!("/leads/{l}")));
    // Doris's day is recorded as done with nothing to send; Sam's is not touched.
    let log = reminder_log::Entity::find()
        .filter(reminder_log::Column::UserId.eq(quiet))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(log.follow_ups, 0);
    assert_eq!(
        reminder_log::Entity::find()
            .filter(reminder_log::Column::UserId.eq(off))
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    // Two instances at once send it once.
    let next = Utc.with_ymd_and_hms(2026, 3, 30, 6, 0, 0).unwrap();
    let (a, b) = tokio::join!(
        lotsbok::reminders::run(&app.state, next),
        lotsbok::reminders::run(&app.state, next)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
}

async fn the_calendar_feed(mut app: TestApp) {
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let l = seed_lead(
        &app,
        Some("lycksele"),
        ("Anna", "Secretname"),
        Some("anna@example.se"),
        None,
        "x",
    )
    .await;
    follow(&app, l, "Call back about housing", day(12, 1), false).await;
    follow(&app, l, "Done already", day(11, 1), true).await;
    let other = seed_lead(&app, Some("dorotea"), ("Other", "O"), None, None, "x").await;
    follow(&app, other, "Dorotea's task", day(12, 2), false).await;
    app.login("lena@lycksele.se", PW).await;
    app.get("/settings")
        .await
        .assert_contains("Skapa kalenderlänk");
    let page = app.post("/settings/calendar", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let at = page.body.find("/calendar/").unwrap();
    let path = page.body[at..at + page.body[at..].find('<').unwrap()].to_string();
    assert!(path.ends_with(".ics"));

    let feed = app.get(&path).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    // Parsed with a separate iCalendar implementation.
    let mut cals = ical::IcalParser::new(std::io::BufReader::new(feed.body.as_bytes()));
    let cal = cals.next().expect("a calendar").expect("valid iCalendar");
    assert_eq!(cal.events.len(), 1, "only the guide's open follow-ups");
    let prop = |name: &str| {
        cal.events[0]
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(prop("SUMMARY"), "Call back about housing");
    assert_eq!(prop("DTSTART"), "20261201");
    assert!(prop("URL").ends_with(&format!("/leads/{l}")));
    assert!(
        !feed.body.contains("Secretname") && !feed.body.contains("anna@example.se"),
        "no mover's name in the feed"
    );

    // Renewing revokes the old link.
    app.get("/settings").await;
    app.post("/settings/calendar", &[]).await;
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/calendar/0123456789abcdef0123456789abcdef.ics")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Turning the reminder off.
    app.get("/settings").await;
    assert_eq!(
        app.post("/settings", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let me = lotsbok::accounts::find_by_email(&app.state.db, "lena@lycksele.se")
        .await
        .unwrap()
        .unwrap();
    assert!(!me.reminders_enabled);
}

async fn fair_capture(mut app: TestApp) {
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    app.login("lena@lycksele.se", PW).await;
    app.get("/events").await;
    let r = app
        .post(
            "/events",
            &[
                ("name", "Emigratiebeurs Utrecht"),
                ("kind", "fair"),
                ("municipality", ""),
            ],
        )
        .await;
    let event: i64 = r.location().trim_start_matches("/events/").parse().unwrap();
    let page = app.get(&format!("/events/{event}")).await;
    page.assert_contains("Mässläge")
        .assert_contains(&format!("/interest?campaign={event}"))
        .assert_contains(r#"alt="QR-kod"#);
    let qr = app.get(&format!("/events/{event}/qr.svg")).await;
    assert_eq!(qr.status, StatusCode::OK);
    assert!(qr.body.contains("<svg") && (qr.body.contains("<path") || qr.body.contains("<rect")));

    app.get(&format!("/events/{event}/capture"))
        .await
        .assert_contains("0 intressenter registrerade här");
    let bad = app
        .post(
            &format!("/events/{event}/capture"),
            &[("first_name", "Joost"), ("interest", "lycksele")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Skriv e-post eller telefon.")
        .assert_contains("Vi behöver ditt samtycke")
        .assert_contains(r#"value="Joost""#);
    for (name, contact, interest) in [
        ("Joost", "joost@example.nl", "lycksele"),
        ("Femke", "+31 6 5555 1234", "dorotea"),
        ("Daan", "daan@example.nl", "pool"),
    ] {
        let mut fields = vec![
            ("first_name", name),
            ("interest", interest),
            ("note", "Met at the stand"),
            ("consent", "yes"),
        ];
        fields.push(if contact.contains('@') {
            ("email", contact)
        } else {
            ("phone", contact)
        });
        let r = app.post(&format!("/events/{event}/capture"), &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        app.get(r.location()).await;
    }
    app.get(&format!("/events/{event}/capture"))
        .await
        .assert_contains("3 intressenter registrerade här");
    let leads = lead::Entity::find()
        .filter(lead::Column::CampaignId.eq(event))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(leads.len(), 3);
    assert!(leads.iter().all(|l| l.source == "fair"));
    assert_eq!(
        leads.iter().filter(|l| l.municipality_id.is_none()).count(),
        1,
        "\"help me choose\" goes to the pool"
    );
    let consents = consent::Entity::find().all(&app.state.db).await.unwrap();
    assert!(consents.len() == 3 && consents.iter().all(|c| c.text_version == "fair-2026-11"));
    // The QR code's form carries the event as the campaign.
    app.new_browser();
    app.get(&format!("/interest?campaign={event}"))
        .await
        .assert_contains(&format!(r#"name="campaign" value="{event}""#));
}

async fn stay_checks_reach_the_report(mut app: TestApp) {
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let id = seed_lead(&app, Some("lycksele"), ("Ida", "I"), None, None, "x").await;
    app.login("lena@lycksele.se", PW).await;
    app.get(&format!("/leads/{id}")).await;
    let r = app
        .post(
            &format!("/leads/{id}/status"),
            &[
                ("status", "moved_in"),
                ("moved_in_on", "2026-01-15"),
                ("moved_adults", "2"),
                ("moved_children", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let checks = follow_up::Entity::find()
        .filter(follow_up::Column::LeadId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap();
    let due = |k: &str| checks.iter().find(|f| f.kind == k).map(|f| f.due_on);
    assert_eq!(due("stay_6"), Some(day(7, 15)));
    assert_eq!(due("stay_12"), NaiveDate::from_ymd_opt(2027, 1, 15));
    // Saving the status again does not plan them twice.
    app.get(&format!("/leads/{id}")).await;
    app.post(
        &format!("/leads/{id}/status"),
        &[
            ("status", "moved_in"),
            ("moved_in_on", "2026-01-15"),
            ("moved_adults", "2"),
            ("moved_children", "1"),
        ],
    )
    .await;
    assert_eq!(
        follow_up::Entity::find()
            .filter(follow_up::Column::LeadId.eq(id))
            .count(&app.state.db)
            .await
            .unwrap(),
        2
    );

    let page = app.get(&format!("/leads/{id}")).await;
    page.assert_contains("Bor de kvar? (6 månader efter inflyttning)");
    let six = checks.iter().find(|f| f.kind == "stay_6").unwrap().id;
    let r = app
        .post(
            &format!("/leads/{id}/follow-ups/{six}/stay"),
            &[
                (&format!("answer-stay-{six}"), "stayed"),
                (&format!("answered_on-stay-{six}"), "2026-07-16"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let f = follow_up::Entity::find_by_id(six)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (f.answer.as_deref(), f.answered_on),
        (Some("stayed"), Some(day(7, 16)))
    );
    assert!(f.done_at.is_some());
    app.get(&format!("/leads/{id}"))
        .await
        .assert_contains("bor kvar, 2026-07-16");

    let b = app.get("/reports?period=year&year=2026").await.body;
    let at = b
        .find(r#"aria-labelledby="own-stay_6""#)
        .expect("the stay table");
    let table = &b[at..at + b[at..].find("</section>").unwrap()];
    assert!(
        table.contains(
            r#"<tr><th scope="row">Lycksele</th><td>1</td><td>0</td><td>0</td><td>0</td><td>100 %</td></tr>"#
        ),
        "{table}"
    );
}

both!(
    daily_reminders,
    the_calendar_feed,
    fair_capture,
    stay_checks_reach_the_report
);
