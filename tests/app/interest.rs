//! The public interest form: four languages, what a submission stores and mails, attaching
//! a returning mover, the pool, validation, and the spam defences.

use axum::http::StatusCode;
use lotsbok::entities::{accessibility_report, activity, consent, lead, prospect};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::{Backend, TestApp};

const PW: &str = "a long enough password";

fn token_in(html: &str) -> String {
    let at = html.find(r#"name="token" value=""#).expect("a token field");
    let rest = &html[at + r#"name="token" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// An app whose time trap lets a test submit at once (the trap itself is tested apart).
async fn quick(backend: Backend, per_minute: u32) -> Option<TestApp> {
    TestApp::with_config(backend, |c| {
        c.interest.min_seconds = 0;
        c.interest.per_minute = per_minute;
    })
    .await
}

fn family<'a>(token: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("token", token),
        ("first_name", "Sanne"),
        ("last_name", "de Jong"),
        ("email", "sanne@example.nl"),
        ("phone", "+31 6 1234 5678"),
        ("country", "NL"),
        ("place", "Utrecht"),
        ("adults", "2"),
        ("children", "2"),
        ("children_ages", "4, 9"),
        ("occupation", "Verpleegkundige"),
        ("partner_occupation", "Timmerman"),
        ("help", "job"),
        ("help", "housing"),
        ("housing_wish", "buy"),
        ("move_when", "1_2_years"),
        ("contact_via", "email"),
        ("contact_language", "nl"),
        ("message", "We love snow and quiet."),
        ("consent", "yes"),
        ("website", ""),
    ];
    f.extend_from_slice(extra);
    f
}

async fn four_languages_and_no_session(mut app: TestApp) {
    for (lang, title) in [
        ("sv", "Anmäl ditt intresse"),
        ("en", "Register your interest"),
        ("de", "Interesse anmelden"),
        ("nl", "Meld uw interesse aan"),
    ] {
        let page = app.get(&format!("/interest?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK);
        page.assert_contains(&format!(r#"<html lang="{lang}""#))
            .assert_contains(title);
        assert!(
            page.headers.get("set-cookie").is_none(),
            "a public page leaves no session"
        );
        // Every field has a label: each control's id is named by a label's for=.
        let mut controls = 0;
        for id in page
            .body
            .split(r#" id="f-"#)
            .skip(1)
            .map(|r| r.split('"').next().unwrap())
        {
            if id.ends_with("-error") || id.ends_with("-hint") {
                continue;
            }
            let is_control = ["input", "select", "textarea"]
                .iter()
                .any(|t| page.body.contains(&format!(r#"<{t} id="f-{id}""#)));
            if is_control {
                controls += 1;
                page.assert_contains(&format!(r#"<label for="f-{id}""#));
            }
        }
        assert!(controls > 30, "the form's controls were found ({controls})");
        for m in ["Arjeplog", "Malå", "Norsjö", "Åsele"] {
            page.assert_contains(m);
        }
    }
    app.get_with("/interest", &[("accept-language", "de-CH,de;q=0.9")])
        .await
        .assert_contains(r#"<html lang="de""#);
    let switch = app.get("/interest?lang=nl").await;
    switch
        .assert_contains(r#"href="/interest?lang=de" lang="de""#)
        .assert_contains("Deutsch");
    let preset = app.get("/interest/lycksele?lang=en").await;
    preset.assert_contains(r#"value="lycksele" checked"#);
    assert_eq!(
        app.get("/interest/atlantis").await.status,
        StatusCode::NOT_FOUND
    );
    for lang in ["sv", "en", "de", "nl"] {
        app.get(&format!("/privacy?lang={lang}"))
            .await
            .assert_contains(&format!(r#"<html lang="{lang}""#))
            .assert_contains("IMY");
        app.get(&format!("/accessibility?lang={lang}"))
            .await
            .assert_contains("WCAG 2.1")
            .assert_contains("Digg");
    }
}

async fn a_submission_is_stored_and_mailed(backend: Backend) {
    let Some(mut app) = quick(backend, 100).await else {
        return;
    };
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    app.create_user("doris@dorotea.se", "guide", Some("dorotea"), PW)
        .await;
    app.create_user("sam@storuman.se", "guide", Some("storuman"), PW)
        .await;
    let page = app.get("/interest?lang=nl").await;
    let token = token_in(&page.body);
    let r = app
        .post_raw(
            "/interest?lang=nl",
            &family(&token, &[("m", "lycksele"), ("m", "dorotea")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/interest/thanks?lang=nl");
    app.get(r.location())
        .await
        .assert_contains("Bedankt voor uw aanmelding");

    let db = &app.state.db.clone();
    let p = prospect::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(
        (p.first_name.as_str(), p.email.as_deref(), p.adults),
        ("Sanne", Some("sanne@example.nl"), 2)
    );
    let year = lotsbok::web::format::today()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap();
    assert_eq!(
        p.children_birth_years,
        Some(format!("{}, {}", year - 4, year - 9))
    );
    assert!(p.help_job && p.help_housing && !p.help_school);
    assert_eq!(
        (p.preferred_language.as_str(), p.move_when.as_deref()),
        ("nl", Some("1_2_years"))
    );
    let leads = lead::Entity::find().all(db).await.unwrap();
    assert_eq!(leads.len(), 2);
    assert!(leads
        .iter()
        .all(|l| l.source == "interest_form" && l.status == "new"));
    let c = consent::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(
        (
            c.text_version.as_str(),
            c.language.as_str(),
            c.purpose.as_str()
        ),
        ("interest-2026-11", "nl", "relocation_guidance")
    );
    let msgs = activity::Entity::find()
        .filter(activity::Column::Kind.eq("message"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(msgs, 2, "the message is on both leads' timelines");

    assert_eq!(app.deliver_mail().await, 3);
    let mails = app.mails();
    let mover = mails
        .iter()
        .find(|m| m.to == "sanne@example.nl")
        .expect("a confirmation");
    assert_eq!(mover.subject, "Bedankt voor uw interesseaanmelding");
    assert!(
        mover.text.contains("Dorotea")
            && mover.text.contains("Lycksele")
            && mover.text.contains("/privacy?lang=nl")
    );
    let guide = mails
        .iter()
        .find(|m| m.to == "lena@lycksele.se")
        .expect("the guide is told");
    assert_eq!(guide.subject, "Ny intresseanmälan i Lotsbok");
    assert!(guide.text.contains("/leads/"));
    for secret in [
        "Sanne",
        "Jong",
        "sanne@example.nl",
        "1234",
        "Utrecht",
        "snow",
    ] {
        assert!(
            !guide.text.contains(secret) && !guide.html.contains(secret),
            "the guide's mail carries {secret}"
        );
    }
    assert!(!mails.iter().any(|m| m.to == "sam@storuman.se"));

    // The same address again, now also for Storuman: Lycksele's lead hears of it; Storuman
    // gets a record of its own of what was sent now, not the one Dorotea also holds.
    let token = token_in(&app.get("/interest?lang=nl").await.body);
    let r = app
        .post_raw(
            "/interest?lang=nl",
            &family(
                &token,
                &[
                    ("m", "lycksele"),
                    ("m", "storuman"),
                    ("email", "SANNE@example.nl"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        r.location(),
        "/interest/thanks?lang=nl",
        "the same page either way"
    );
    assert_eq!(prospect::Entity::find().count(db).await.unwrap(), 2);
    let leads = lead::Entity::find().all(db).await.unwrap();
    assert_eq!(leads.len(), 3, "one new lead, for Storuman");
    let msgs = activity::Entity::find()
        .filter(activity::Column::Kind.eq("message"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(msgs, 4, "Lycksele's lead and Storuman's new one hear of it");
    assert_eq!(
        consent::Entity::find().count(db).await.unwrap(),
        2,
        "the new record's consent; an address is no proof, so none is added to Lycksele's"
    );
}

#[tokio::test]
async fn a_submission_is_stored_and_mailed_sqlite() {
    a_submission_is_stored_and_mailed(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_submission_is_stored_and_mailed_postgres() {
    a_submission_is_stored_and_mailed(Backend::Postgres).await;
}

async fn help_me_choose_goes_to_the_pool(backend: Backend) {
    let Some(mut app) = quick(backend, 100).await else {
        return;
    };
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    app.create_user("doris@dorotea.se", "guide", Some("dorotea"), PW)
        .await;
    let token = token_in(&app.get("/interest?lang=de").await.body);
    let r = app
        .post_raw(
            "/interest?lang=de",
            &family(&token, &[("help_choose", "on"), ("email", "k@example.de")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let l = lead::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.municipality_id, None, "in the regional pool");
    app.deliver_mail().await;
    let mails = app.mails();
    assert_eq!(
        mails.iter().filter(|m| m.to.ends_with(".se")).count(),
        2,
        "every guide hears of a pool lead"
    );
    let mover = mails.iter().find(|m| m.to == "k@example.de").unwrap();
    assert_eq!(mover.subject, "Vielen Dank für Ihre Interessenanmeldung");
}

#[tokio::test]
async fn help_me_choose_goes_to_the_pool_sqlite() {
    help_me_choose_goes_to_the_pool(Backend::Sqlite).await;
}

#[tokio::test]
async fn help_me_choose_goes_to_the_pool_postgres() {
    help_me_choose_goes_to_the_pool(Backend::Postgres).await;
}

async fn bad_input_keeps_what_was_typed(backend: Backend) {
    let Some(mut app) = quick(backend, 100).await else {
        return;
    };
    let token = token_in(&app.get("/interest?lang=en").await.body);
    let mut f = family(&token, &[("children", "2"), ("children_ages", "4")]);
    f.retain(|(k, _)| *k != "consent" && *k != "last_name");
    f.push(("email", "sanne@"));
    let r = app.post_raw("/interest?lang=en", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains(r#"role="alert""#)
        .assert_contains("Enter the last name.")
        .assert_contains("Enter an age for each child.")
        .assert_contains("Choose at least one municipality")
        .assert_contains("We need your consent")
        .assert_contains(r#"value="Verpleegkundige""#)
        .assert_contains("We love snow and quiet.")
        .assert_contains(r##"href="#f-consent""##)
        .assert_contains(r#"value="job" checked"#);
    assert_eq!(
        prospect::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );
    let long = "x".repeat(5001);
    let r = app
        .post_raw(
            "/interest?lang=en",
            &family(&token_in(&r.body), &[("m", "mala"), ("message", &long)]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("at most 5,000 characters");
}

#[tokio::test]
async fn bad_input_keeps_what_was_typed_sqlite() {
    bad_input_keeps_what_was_typed(Backend::Sqlite).await;
}

#[tokio::test]
async fn bad_input_keeps_what_was_typed_postgres() {
    bad_input_keeps_what_was_typed(Backend::Postgres).await;
}

async fn spam_defences(mut app: TestApp) {
    // The default trap: a form sent at once is refused politely, with the form kept.
    let token = token_in(&app.get("/interest?lang=en").await.body);
    let r = app
        .post_raw("/interest?lang=en", &family(&token, &[("m", "mala")]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("sent so quickly")
        .assert_contains(r#"value="Sanne""#);
    // A forged token, and one signed two days ago with the real key.
    let r = app
        .post_raw(
            "/interest?lang=en",
            &family("1700000000.deadbeef", &[("m", "mala")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let key = lotsbok::web::gate::signing_key(&app.state).await.unwrap();
    let old = lotsbok::web::gate::sign(
        &key,
        "interest",
        chrono::Utc::now().timestamp() - 2 * 86_400,
    );
    let r = app
        .post_raw("/interest?lang=en", &family(&old, &[("m", "mala")]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("open too long");
    // A token three seconds old passes the trap.
    let ok = lotsbok::web::gate::sign(&key, "interest", chrono::Utc::now().timestamp() - 4);
    assert_eq!(
        app.post_raw("/interest?lang=en", &family(&ok, &[("m", "mala")]))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // The honeypot: thanked, nothing stored.
    let before = prospect::Entity::find().count(&app.state.db).await.unwrap();
    let r = app
        .post_raw(
            "/interest?lang=en",
            &family(
                &ok,
                &[
                    ("m", "mala"),
                    ("website", "http://spam.example"),
                    ("email", "bot@example.org"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        prospect::Entity::find().count(&app.state.db).await.unwrap(),
        before
    );
    // A body over the limit: 413 with a page.
    let huge = "y".repeat(70_000);
    let r = app
        .post_raw("/interest?lang=en", &family(&ok, &[("message", &huge)]))
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    r.assert_contains("Too much data");
}

async fn rate_limited_per_client(backend: Backend) {
    let Some(mut app) = quick(backend, 3).await else {
        return;
    };
    for i in 0..3 {
        let token = token_in(&app.get("/interest").await.body);
        let email = format!("m{i}@example.se");
        let r = app
            .post_raw(
                "/interest",
                &family(&token, &[("m", "mala"), ("email", &email)]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let token = token_in(&app.get("/interest").await.body);
    let r = app
        .post_raw(
            "/interest",
            &family(&token, &[("m", "mala"), ("email", "m4@example.se")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    r.assert_contains("Vänta en minut")
        .assert_contains(r#"value="m4@example.se""#);
    // Another address is not held back.
    app.client = "198.51.100.9:4000".parse().unwrap();
    let r = app
        .post_raw(
            "/interest",
            &family(&token, &[("m", "mala"), ("email", "m5@example.se")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn rate_limited_per_client_sqlite() {
    rate_limited_per_client(Backend::Sqlite).await;
}

async fn accessibility_problem_report(backend: Backend) {
    let Some(mut app) = quick(backend, 100).await else {
        return;
    };
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    let page = app.get("/accessibility?lang=nl").await;
    let token = token_in(&page.body);
    let r = app
        .post_raw(
            "/accessibility?lang=nl",
            &[("token", &token), ("description", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Beschrijf het probleem.");
    let r = app
        .post_raw(
            "/accessibility?lang=nl",
            &[
                ("token", &token),
                ("page_url", "/interest"),
                ("description", "De knop is te klein op mijn telefoon."),
                ("email", "piet@example.nl"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get(r.location())
        .await
        .assert_contains("Bedankt! We hebben uw melding ontvangen");
    let rep = accessibility_report::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rep.language, "nl");
    app.deliver_mail().await;
    let mails = app.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "admin@region10.se");
    assert!(mails[0]
        .text
        .contains("De knop is te klein op mijn telefoon."));
}

#[tokio::test]
async fn accessibility_problem_report_sqlite() {
    accessibility_problem_report(Backend::Sqlite).await;
}

#[tokio::test]
async fn accessibility_problem_report_postgres() {
    accessibility_problem_report(Backend::Postgres).await;
}

/// Many movers at once, while a guide's page views write their audit entries: every
/// submission is accepted and stored, none refused (on SQLite the writers take turns).
async fn many_submissions_at_once(backend: Backend) {
    use axum::body::Body;
    use axum::extract::ConnectInfo;
    use axum::http::{header, Request};
    use tower::ServiceExt;
    let Some(mut app) = quick(backend, 10_000).await else {
        return;
    };
    crate::helpers::signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let cookie = format!("lotsbok_session={}", app.session_cookie().unwrap());
    let mut tasks = Vec::new();
    for i in 0..40 {
        // Each mover its own form (a token is spent by its submission).
        let token = token_in(&app.get("/interest").await.body);
        let req = if i % 4 == 3 {
            Request::get("/leads")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
        } else {
            let email = format!("mover{i}@example.nl");
            let fields = family(&token, &[("m", "lycksele"), ("email", &email)]);
            let fields: Vec<_> = fields
                .into_iter()
                .filter(|f| f != &("email", "sanne@example.nl"))
                .collect();
            Request::post("/interest")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(serde_urlencoded::to_string(&fields).unwrap()))
        };
        let mut req = req.unwrap();
        req.extensions_mut().insert(ConnectInfo(app.client));
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            router.oneshot(req).await.unwrap().status()
        }));
    }
    for (i, t) in tasks.into_iter().enumerate() {
        let want = if i % 4 == 3 {
            StatusCode::OK
        } else {
            StatusCode::SEE_OTHER
        };
        assert_eq!(t.await.unwrap(), want, "request {i}");
    }
    let db = &app.state.db;
    assert_eq!(consent::Entity::find().count(db).await.unwrap(), 30);
    assert_eq!(lead::Entity::find().count(db).await.unwrap(), 30);
    let views = lotsbok::entities::audit_entry::Entity::find()
        .filter(lotsbok::entities::audit_entry::Column::Action.eq("leads_listed"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(views, 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_submissions_at_once_sqlite() {
    many_submissions_at_once(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_submissions_at_once_postgres() {
    many_submissions_at_once(Backend::Postgres).await;
}

/// Submissions are committed several to a transaction (`intake::Intake`): one that fails
/// (here a trigger refuses its mover) must cost no other submission of its batch its
/// answer or its rows, and a replayed token in the same burst is refused once.
async fn one_failing_submission_costs_no_other_its_answer(backend: Backend) {
    use axum::body::Body;
    use axum::extract::ConnectInfo;
    use axum::http::{header, Request};
    use sea_orm::ConnectionTrait;
    use tower::ServiceExt;
    let Some(mut app) = quick(backend, 10_000).await else {
        return;
    };
    let db = app.state.db.clone();
    let refuse = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => vec![
            "CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.email = 'refused@example.nl' THEN RAISE EXCEPTION 'refused'; END IF; \
             RETURN NEW; END $$",
            "CREATE TRIGGER refuse_one BEFORE INSERT ON prospects FOR EACH ROW \
             EXECUTE FUNCTION refuse_one()",
        ],
        _ => vec![
            "CREATE TRIGGER refuse_one BEFORE INSERT ON prospects \
             WHEN NEW.email = 'refused@example.nl' BEGIN SELECT RAISE(ABORT, 'refused'); END",
        ],
    };
    for sql in refuse {
        db.execute_unprepared(sql).await.unwrap();
    }
    // Each its own form, except 20 (mover 3's token, other data: a replay) and 21 (mover
    // 5's data, a fresh token: the same submission again).
    let mut tokens: Vec<String> = Vec::new();
    for i in 0..22 {
        tokens.push(match i {
            20 => tokens[3].clone(),
            _ => token_in(&app.get("/interest").await.body),
        });
    }
    // The write turn held while they come in, so that on SQLite they queue and are
    // committed together (checked below).
    let hold = db.begin().await.unwrap();
    let mut tasks = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let email = match i {
            7 => "refused@example.nl".to_string(),
            21 => "mover5@example.nl".to_string(),
            _ => format!("mover{i}@example.nl"),
        };
        let token = token.as_str();
        let fields = family(token, &[("m", "lycksele"), ("email", &email)]);
        let fields: Vec<_> = fields
            .into_iter()
            .filter(|f| f != &("email", "sanne@example.nl"))
            .collect();
        let mut req = Request::post("/interest")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(&fields).unwrap()))
            .unwrap();
        req.extensions_mut().insert(ConnectInfo(app.client));
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            router.oneshot(req).await.unwrap().status()
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    drop(hold);
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    assert_eq!(answers[7], StatusCode::INTERNAL_SERVER_ERROR, "{answers:?}");
    // The token of mover 3 twice, with other data: one stored, the other refused.
    let mut pair = [answers[3], answers[20]];
    pair.sort();
    assert_eq!(
        pair,
        [StatusCode::SEE_OTHER, StatusCode::UNPROCESSABLE_ENTITY],
        "{answers:?}"
    );
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        let together = app.state.kept.get::<lotsbok::interest::intake::Intake>();
        assert!(
            together.largest_batch() >= 2,
            "they were committed together"
        );
    }
    for (i, a) in answers.iter().enumerate() {
        if ![3, 7, 20].contains(&i) {
            assert_eq!(*a, StatusCode::SEE_OTHER, "submission {i}: {answers:?}");
        }
    }
    assert_eq!(consent::Entity::find().count(&db).await.unwrap(), 19);
    assert_eq!(lead::Entity::find().count(&db).await.unwrap(), 19);
    let refused = lotsbok::entities::prospect::Entity::find()
        .filter(lotsbok::entities::prospect::Column::Email.eq("refused@example.nl"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(refused, 0);
    let mover5 = lotsbok::entities::prospect::Entity::find()
        .filter(lotsbok::entities::prospect::Column::Email.eq("mover5@example.nl"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(mover5, 1, "the same submission again is stored once");
    // What came in again stored nothing, its token neither (as alone): of movers 5's two
    // tokens, only the one whose submission was stored is spent (whichever came first).
    let spent = |t: &str| {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(t.as_bytes()))
    };
    let spent_of_5 = lotsbok::entities::spent_form_token::Entity::find()
        .filter(
            lotsbok::entities::spent_form_token::Column::TokenHash
                .is_in([spent(&tokens[5]), spent(&tokens[21])]),
        )
        .all(&db)
        .await
        .unwrap();
    assert_eq!(spent_of_5.len(), 1, "one of the two tokens spent");
    let unspent = if spent_of_5[0].token_hash == spent(&tokens[5]) {
        &tokens[21]
    } else {
        &tokens[5]
    };
    // Sent with other data, the token that came in again is a submission of its own.
    let edited = family(
        unspent,
        &[("m", "lycksele"), ("email", "mover21@example.nl")],
    );
    let edited: Vec<_> = edited
        .into_iter()
        .filter(|f| f != &("email", "sanne@example.nl"))
        .collect();
    let r = app.post("/interest", &edited).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.status);
    assert_eq!(consent::Entity::find().count(&db).await.unwrap(), 20);
    crate::helpers::assert_counts_kept(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_failing_submission_costs_no_other_its_answer_sqlite() {
    one_failing_submission_costs_no_other_its_answer(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_failing_submission_costs_no_other_its_answer_postgres() {
    one_failing_submission_costs_no_other_its_answer(Backend::Postgres).await;
}

both!(four_languages_and_no_session, spam_defences);
