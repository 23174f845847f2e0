//! Mailings to movers (issue 22): the news consent asked apart and withdrawn, segments and
//! their counts within a guide's or the region's reach, each address once across a restart
//! (and a race), the one-click unsubscribe without a session, languages with the English
//! fallback, the confirmation of a large mailing, a test to oneself; names never shown to a
//! coordinator, and another municipality's mailings and movers never reached.

use axum::http::{Method, StatusCode};
use chrono::Utc;
use lotsbok::domain::Status;
use lotsbok::entities::{
    activity, audit_entry, consent, lead, mailing, mailing_recipient, outbox_mail, prospect,
};
use lotsbok::mailings::segment::{self, Segment};
use lotsbok::scope::{Reach, Target};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::both;
use crate::helpers::{seed_lead, signed_in_guide, TestApp, GUIDE_PW};

async fn municipality(app: &TestApp, slug: &str) -> i64 {
    lotsbok::accounts::find_municipality(&app.state.db, slug)
        .await
        .unwrap()
        .id
}

/// A mover with a lead in `slug` (none: the pool), its contact language, and the news
/// consent when `news`; the lead's id.
async fn mover(
    app: &TestApp,
    slug: Option<&str>,
    name: &str,
    email: Option<&str>,
    lang: &str,
    news: bool,
) -> i64 {
    let lead_id = seed_lead(app, slug, (name, "Flyttare"), email, None, "Utrecht").await;
    let db = &app.state.db;
    let l = lead::Entity::find_by_id(lead_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    prospect::Entity::update_many()
        .col_expr(prospect::Column::PreferredLanguage, Expr::value(lang))
        .filter(prospect::Column::Id.eq(l.prospect_id))
        .exec(db)
        .await
        .unwrap();
    if news {
        let txn = db.begin().await.unwrap();
        lotsbok::privacy::news::give(&txn, &[l.prospect_id], "test", lang, Utc::now())
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
    lead_id
}

async fn prospect_of(app: &TestApp, lead_id: i64) -> i64 {
    lead::Entity::find_by_id(lead_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id
}

/// Writes a mailing through the form; its id.
async fn create(app: &mut TestApp, fields: &[(&str, &str)]) -> i64 {
    app.get("/mailings/new")
        .await
        .assert_contains("Vilka får det");
    let r = app.post("/mailings", fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = r
        .location()
        .trim_start_matches("/mailings/")
        .parse()
        .unwrap();
    id
}

const TEXTS: &[(&str, &str)] = &[
    ("name", "Öppet hus i Storuman"),
    ("subject_sv", "Välkommen på öppet hus"),
    (
        "body_sv",
        "Hej!\n\nVi visar tomterna på lördag.\n\nLäs mer: https://storuman.se/tomter",
    ),
    ("subject_en", "Welcome to our open house"),
    ("body_en", "Hello!\n\nWe show the plots on Saturday."),
];

async fn count(app: &TestApp, seg: &Segment, reach: Reach) -> i64 {
    segment::count(&app.state.db, seg, reach)
        .await
        .unwrap()
        .total
}

/// How many addresses the region's mailing to these places reaches.
async fn region(app: &TestApp, places: Vec<Option<i64>>) -> i64 {
    let seg = Segment {
        places,
        ..Segment::default()
    };
    count(app, &seg, Reach::Region).await
}

async fn segments_count_consenting_addresses_within_reach(mut app: TestApp) {
    let storuman = municipality(&app, "storuman").await;
    let lycksele = municipality(&app, "lycksele").await;
    let anna = mover(
        &app,
        Some("storuman"),
        "Anna",
        Some("anna@example.nl"),
        "nl",
        true,
    )
    .await;
    // The same address on a second record: one recipient.
    mover(
        &app,
        Some("storuman"),
        "Anna",
        Some("anna@example.nl"),
        "nl",
        true,
    )
    .await;
    let bernd = mover(
        &app,
        Some("storuman"),
        "Bernd",
        Some("bernd@example.de"),
        "de",
        true,
    )
    .await;
    mover(
        &app,
        Some("storuman"),
        "Carl",
        Some("carl@example.se"),
        "sv",
        false,
    )
    .await;
    let erased = mover(
        &app,
        Some("storuman"),
        "Dora",
        Some("dora@example.nl"),
        "nl",
        true,
    )
    .await;
    mover(&app, Some("storuman"), "Emil", None, "sv", true).await;
    let withdrew = mover(
        &app,
        Some("storuman"),
        "Hanna",
        Some("hanna@example.nl"),
        "nl",
        true,
    )
    .await;
    mover(
        &app,
        Some("lycksele"),
        "Fenna",
        Some("fenna@example.nl"),
        "nl",
        true,
    )
    .await;
    mover(&app, None, "Greta", Some("greta@example.de"), "de", true).await;
    let db = app.state.db.clone();
    lotsbok::privacy::anonymise::anonymise(
        &db,
        prospect_of(&app, erased).await,
        lotsbok::privacy::anonymise::Why::Guide,
        None,
    )
    .await
    .unwrap();
    let txn = db.begin().await.unwrap();
    lotsbok::privacy::news::withdraw(&txn, &[prospect_of(&app, withdrew).await], Utc::now())
        .await
        .unwrap();
    txn.commit().await.unwrap();

    let own = Reach::Own(Target::municipality(storuman));
    let all = Segment::default();
    let c = segment::count(&db, &all, own).await.unwrap();
    assert_eq!(c.total, 2, "Anna (two records, one address) and Bernd");
    assert_eq!(
        c.by_language.into_iter().collect::<Vec<_>>(),
        vec![("de".to_string(), 1), ("nl".to_string(), 1)]
    );
    let by = |f: fn(&mut Segment)| {
        let mut s = Segment::default();
        f(&mut s);
        s
    };
    assert_eq!(
        count(&app, &by(|s| s.language = Some("de".into())), own).await,
        1
    );
    lead::Entity::update_many()
        .col_expr(lead::Column::Status, Expr::value(Status::Contacted))
        .filter(lead::Column::Id.eq(bernd))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(
        count(&app, &by(|s| s.status = "contacted".into()), own).await,
        1
    );
    assert_eq!(count(&app, &by(|s| s.status = "open".into()), own).await, 2);
    assert_eq!(
        count(&app, &by(|s| s.status = "moved_in".into()), own).await,
        0
    );
    assert_eq!(
        count(&app, &by(|s| s.status = "no-such".into()), own).await,
        0
    );
    assert_eq!(
        count(&app, &by(|s| s.wishes = vec!["school".into()]), own).await,
        0
    );
    assert_eq!(
        count(
            &app,
            &by(|s| s.wishes = vec!["school".into(), "housing".into()]),
            own
        )
        .await,
        2
    );
    assert_eq!(
        count(&app, &by(|s| s.housing = Some("rent".into())), own).await,
        0
    );
    assert_eq!(
        count(&app, &by(|s| s.country = Some("NL".into())), own).await,
        2
    );
    // A call to Bernd today: quiet for 30 days leaves him out, a note would not.
    activity::ActiveModel {
        lead_id: Set(bernd),
        user_id: Set(None),
        kind: Set("call".into()),
        direction: Set(None),
        occurred_at: Set(Utc::now()),
        body: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(count(&app, &by(|s| s.quiet_days = Some(30)), own).await, 1);
    // A guide's reach never widens, whatever places a segment names.
    let elsewhere = Segment {
        places: vec![Some(lycksele), None],
        ..Segment::default()
    };
    assert_eq!(count(&app, &elsewhere, own).await, 2);
    // The region: Anna, Bernd, Fenna (Lycksele), Greta (the pool).
    assert_eq!(count(&app, &all, Reach::Region).await, 4);
    assert_eq!(region(&app, vec![Some(lycksele)]).await, 1);
    assert_eq!(region(&app, vec![None]).await, 1);
    assert_eq!(region(&app, vec![Some(storuman), None]).await, 3);

    // Through the pages: the guide sees how many, the coordinator too, never who.
    signed_in_guide(&mut app, "sam@storuman.se", "storuman").await;
    let own_id = create(&mut app, TEXTS).await;
    app.get(&format!("/mailings/{own_id}"))
        .await
        .assert_contains("Når 2 mottagare just nu");
    app.create_user("kom@region10.se", "coordinator", None, GUIDE_PW)
        .await;
    app.new_browser();
    app.login("kom@region10.se", GUIDE_PW).await;
    let mut fields = TEXTS.to_vec();
    fields.push(("place", "storuman"));
    fields.push(("place", "pool"));
    let region_id = create(&mut app, &fields).await;
    let page = app.get(&format!("/mailings/{region_id}")).await;
    // Three is not shown as three to a coordinator: to the nearest five.
    page.assert_contains("Når ungefär 5 mottagare just nu");
    for secret in ["Anna", "Bernd", "Greta", "anna@example", "Flyttare"] {
        assert!(!page.body.contains(secret), "the coordinator sees {secret}");
    }
    let list = app.get("/mailings").await;
    assert!(list.body.contains(&format!("/mailings/{region_id}")));
    assert!(
        !list.body.contains(&format!("/mailings/{own_id}\"")),
        "a guide's mailing in the region's list"
    );
    assert_eq!(
        app.get(&format!("/mailings/{own_id}")).await.status,
        StatusCode::NOT_FOUND
    );
    // Another municipality's guide reaches neither.
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    for id in [own_id, region_id] {
        assert_eq!(
            app.get(&format!("/mailings/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        app.get("/mailings").await;
        assert_eq!(
            app.post(&format!("/mailings/{id}/send"), &[("when", "now")])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    let lena_id = create(&mut app, TEXTS).await;
    app.get(&format!("/mailings/{lena_id}"))
        .await
        .assert_contains("Når 1 mottagare just nu");
    let _ = anna;
}

/// A quick app: the form's time trap off, and mailings sent ten a second.
fn quick(c: &mut lotsbok::config::Config) {
    c.interest.min_seconds = 0;
    c.mailings.per_minute = 600;
    c.mailings.batch = 2;
    c.mailings.confirm_above = 3;
}

async fn news_consents(app: &TestApp, email: &str) -> Vec<consent::Model> {
    let ids: Vec<i64> = prospect::Entity::find()
        .filter(prospect::Column::Email.eq(email))
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    consent::Entity::find()
        .filter(consent::Column::ProspectId.is_in(ids))
        .filter(consent::Column::Purpose.eq("news"))
        .all(&app.state.db)
        .await
        .unwrap()
}

/// Posts the interest form as a visitor's browser does (the form's own token inside).
async fn post(app: &mut TestApp, f: Vec<(String, String)>) -> crate::helpers::Page {
    let body = serde_urlencoded::to_string(&f).unwrap();
    app.request(Method::POST, "/interest?lang=nl", Some(body), &[])
        .await
}

async fn the_news_consent_is_asked_apart_and_can_be_withdrawn(mut app: TestApp) {
    let form = |token: &str, email: &str, news: bool| {
        let mut f = vec![
            ("token".to_string(), token.to_string()),
            ("first_name".into(), "Sanne".into()),
            ("last_name".into(), "de Jong".into()),
            ("email".into(), email.into()),
            ("country".into(), "NL".into()),
            ("adults".into(), "2".into()),
            ("m".into(), "storuman".into()),
            ("contact_via".into(), "email".into()),
            ("contact_language".into(), "nl".into()),
            ("consent".into(), "yes".into()),
            ("website".into(), String::new()),
        ];
        if news {
            f.push(("news".into(), "yes".into()));
        }
        f
    };
    // The box is there, not ticked.
    let page = app.get("/interest?lang=nl").await;
    page.assert_contains("Ja, stuur mij nieuws en uitnodigingen");
    assert!(!page.body.contains(r#"name="news" value="yes" checked"#));
    // Ticked without an address: said beside the field, the rest kept.
    let token = crate::trust::token_in(&page.body);
    let mut f = form(&token, "", true);
    f.retain(|(k, _)| k != "email");
    f.push(("email".into(), String::new()));
    f.push(("contact_via".into(), "phone".into()));
    f.push(("phone".into(), "+31 6 1234 5678".into()));
    let r = post(&mut app, f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Nieuws komt per e-mail")
        .assert_contains("de Jong");
    // Not ticked: the guidance consent alone.
    let token = crate::trust::token_in(&app.get("/interest?lang=nl").await.body);
    assert_eq!(
        post(&mut app, form(&token, "piet@example.nl", false))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(news_consents(&app, "piet@example.nl").await.is_empty());
    // Ticked: a consent of its own, with its text's version.
    let token = crate::trust::token_in(&app.get("/interest?lang=nl").await.body);
    assert_eq!(
        post(&mut app, form(&token, "sanne@example.nl", true))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let given = news_consents(&app, "sanne@example.nl").await;
    assert_eq!(given.len(), 1);
    assert_eq!(
        (given[0].text_version.as_str(), given[0].language.as_str()),
        ("news-2026-12", "nl")
    );
    assert!(given[0].withdrawn_at.is_none());

    // The guide sees it on the lead page.
    signed_in_guide(&mut app, "sam@storuman.se", "storuman").await;
    let sanne = lead::Entity::find()
        .filter(lead::Column::ProspectId.eq(given[0].prospect_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    app.get(&format!("/leads/{sanne}"))
        .await
        .assert_contains("Vill ha dem sedan");

    // The mover stops them on its page, and asks again.
    app.deliver_mail().await;
    let link = app
        .mails()
        .into_iter()
        .find(|m| m.to == "sanne@example.nl")
        .expect("the confirmation")
        .link_path("/my/");
    let token = link
        .trim_start_matches("/my/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    app.new_browser();
    app.get(&link)
        .await
        .assert_contains("Afmelden voor nieuws en uitnodigingen");
    let r = app
        .post_raw(&format!("/my/{token}/news?lang=nl"), &[("want", "no")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(news_consents(&app, "sanne@example.nl")
        .await
        .iter()
        .all(|c| c.withdrawn_at.is_some()));
    app.get(r.location())
        .await
        .assert_contains("U ontvangt geen nieuws of uitnodigingen meer");
    let r = app
        .post_raw(&format!("/my/{token}/news?lang=nl"), &[("want", "yes")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Vink het vakje aan");
    let r = app
        .post_raw(
            &format!("/my/{token}/news?lang=nl"),
            &[("want", "yes"), ("news", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let now = news_consents(&app, "sanne@example.nl").await;
    assert_eq!(now.iter().filter(|c| c.withdrawn_at.is_none()).count(), 1);
    // The guidance consent stands through it all.
    let guidance = consent::Entity::find()
        .filter(consent::Column::ProspectId.eq(given[0].prospect_id))
        .filter(consent::Column::Purpose.eq("relocation_guidance"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(guidance.withdrawn_at.is_none());
    // The timeline tells the guide; the audit names the mover's own doing.
    app.new_browser();
    app.login("sam@storuman.se", GUIDE_PW).await;
    app.get(&format!("/leads/{sanne}"))
        .await
        .assert_contains("Intressenten avböjde nyheter och inbjudningar")
        .assert_contains("Intressenten bad om nyheter och inbjudningar");
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.is_in(["news_consent_withdrawn", "news_consent_given"]))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited, 2);

    // Fair mode asks too, apart from the contact consent.
    let fair = lotsbok::entities::campaign::ActiveModel {
        name: Set("Emigratiebeurs".into()),
        kind: Set(lotsbok::domain::CampaignKind::Fair),
        municipality_id: Set(None),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id;
    app.get(&format!("/events/{fair}/capture"))
        .await
        .assert_contains("Besökaren vill ha nyheter och inbjudningar");
    let r = app
        .post(
            &format!("/events/{fair}/capture"),
            &[
                ("first_name", "Joost"),
                ("email", "joost@example.nl"),
                ("interest", "storuman"),
                ("language", "nl"),
                ("consent", "yes"),
                ("news", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let fair_news = news_consents(&app, "joost@example.nl").await;
    assert_eq!(fair_news.len(), 1);
    assert_eq!(fair_news[0].text_version, "fair-news-2026-12");
}

/// Five addresses with the news consent in Storuman, the first on two records.
async fn five(app: &TestApp) -> Vec<i64> {
    let mut leads = Vec::new();
    for (name, email, lang) in [
        ("Anna", "anna@example.nl", "nl"),
        ("Anna", "anna@example.nl", "nl"),
        ("Bernd", "bernd@example.de", "de"),
        ("Cecilia", "cecilia@example.se", "sv"),
        ("Daan", "daan@example.nl", "nl"),
        ("Erik", "erik@example.se", "sv"),
    ] {
        leads.push(mover(app, Some("storuman"), name, Some(email), lang, true).await);
    }
    leads
}

/// The five addresses, and a mailing Storuman's guide sent them, queued whole.
async fn sent_to_five(app: &mut TestApp) -> (Vec<i64>, i64) {
    let leads = five(app).await;
    signed_in_guide(app, "sam@storuman.se", "storuman").await;
    let id = create(app, TEXTS).await;
    assert_eq!(
        send_now(app, id, Some("5")).await.status,
        StatusCode::SEE_OTHER
    );
    lotsbok::mailings::send::run_due(&app.state, None)
        .await
        .unwrap();
    (leads, id)
}

async fn send_now(app: &mut TestApp, id: i64, confirm: Option<&str>) -> crate::helpers::Page {
    app.get(&format!("/mailings/{id}")).await;
    let mut f = vec![("when", "now")];
    if let Some(c) = confirm {
        f.push(("confirm", c));
    }
    app.post(&format!("/mailings/{id}/send"), &f).await
}

async fn recipients(app: &TestApp, id: i64) -> Vec<mailing_recipient::Model> {
    mailing_recipient::Entity::find()
        .filter(mailing_recipient::Column::MailingId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn a_mailing_reaches_each_address_once_across_a_restart(mut app: TestApp) {
    let leads = five(&app).await;
    signed_in_guide(&mut app, "sam@storuman.se", "storuman").await;
    let id = create(&mut app, TEXTS).await;
    let r = send_now(&mut app, id, Some("5")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // One batch of two, then the process is gone.
    let first = lotsbok::mailings::send::run_due(&app.state, Some(1))
        .await
        .unwrap();
    assert_eq!(first, 2);
    let m = mailing::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((m.status.as_str(), m.recipients), ("sending", 2));
    // Another process on the same database goes on from there.
    let db = lotsbok::db::connect(&app.database_url, 5).await.unwrap();
    let restarted = lotsbok::state::AppState::new(
        db,
        (*app.state.config).clone(),
        lotsbok::assets::Assets::embedded(),
    );
    let rest = lotsbok::mailings::send::run_due(&restarted, None)
        .await
        .unwrap();
    assert_eq!(rest, 3);
    assert_eq!(
        lotsbok::mailings::send::run_due(&restarted, None)
            .await
            .unwrap(),
        0
    );
    let m = mailing::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((m.status.as_str(), m.recipients), ("sent", 5));
    let rows = recipients(&app, id).await;
    let mut keys: Vec<_> = rows.iter().filter_map(|r| r.email_key.clone()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!((rows.len(), keys.len()), (5, 5));
    // Each of Anna's leads shows it on its timeline; the others one each.
    let entries = activity::Entity::find()
        .filter(activity::Column::Kind.eq("mailing"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 6);
    assert!(leads
        .iter()
        .all(|l| entries.iter().any(|a| a.lead_id == *l)));
    app.get(&format!("/leads/{}", leads[0]))
        .await
        .assert_contains("Utskick: ”Welcome to our open house”");
    // The rate is written in the rows: a tenth of a second apart.
    let mut due: Vec<_> = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::UnsubscribeUrl.is_not_null())
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|o| o.next_attempt_at)
        .collect();
    due.sort();
    assert_eq!(due.len(), 5);
    assert_eq!((due[4] - due[0]).num_milliseconds(), 400);
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(app.deliver_mail().await, 5);
    let mails: Vec<_> = app
        .mails()
        .into_iter()
        .filter(|m| m.list_unsubscribe.is_some())
        .collect();
    let mut to: Vec<_> = mails.iter().map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "anna@example.nl",
            "bernd@example.de",
            "cecilia@example.se",
            "daan@example.nl",
            "erik@example.se"
        ]
    );
    for m in &mails {
        let header = m.list_unsubscribe.clone().unwrap();
        assert!(
            header.starts_with("<http://127.0.0.1:3000/unsubscribe/"),
            "{header}"
        );
        assert_eq!(
            m.list_unsubscribe_post.as_deref(),
            Some("List-Unsubscribe=One-Click")
        );
        assert!(
            m.text.contains(&header[1..header.len() - 1]),
            "the link is in the text too"
        );
        assert!(m.html.contains(r#"<a href="http"#));
    }
    // Audited: written, sent off, queued whole.
    for action in ["mailing_created", "mailing_scheduled", "mailing_queued"] {
        let n = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq(action))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(n, 1, "{action}");
    }

    // Two instances at once on a second mailing: still each address once.
    let again = create(&mut app, TEXTS).await;
    assert_eq!(
        send_now(&mut app, again, Some("5")).await.status,
        StatusCode::SEE_OTHER
    );
    let (a, b) = tokio::join!(
        lotsbok::mailings::send::run_due(&app.state, None),
        lotsbok::mailings::send::run_due(&restarted, None)
    );
    // One may lose a race on the unique address (PostgreSQL): it queues nothing then.
    assert!(a.is_ok() || b.is_ok(), "{a:?} {b:?}");
    lotsbok::mailings::send::run_due(&app.state, None)
        .await
        .unwrap();
    assert_eq!(recipients(&app, again).await.len(), 5);
}

async fn one_click_unsubscribes_without_a_session(mut app: TestApp) {
    let (leads, id) = sent_to_five(&mut app).await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.deliver_mail().await;
    // A second mailing waits in the outbox, due later.
    let later = create(&mut app, TEXTS).await;
    assert_eq!(
        send_now(&mut app, later, Some("5")).await.status,
        StatusCode::SEE_OTHER
    );
    lotsbok::mailings::send::run_due(&app.state, None)
        .await
        .unwrap();
    let anna = app
        .mails()
        .into_iter()
        .find(|m| m.to == "anna@example.nl")
        .unwrap();
    let header = anna.list_unsubscribe.clone().unwrap();
    let path = header
        .trim_matches(['<', '>'])
        .trim_start_matches("http://127.0.0.1:3000")
        .to_string();

    // Opening the link withdraws nothing (a link checker opens it too).
    app.new_browser();
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Yes, stop them");
    assert!(news_consents(&app, "anna@example.nl")
        .await
        .iter()
        .all(|c| c.withdrawn_at.is_none()));
    // The mail client's one-click POST: no cookie, no CSRF token.
    app.new_browser();
    let r = app
        .request(
            Method::POST,
            &path,
            Some("List-Unsubscribe=One-Click".into()),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = news_consents(&app, "anna@example.nl").await;
    assert_eq!(after.len(), 2, "both of Anna's records");
    assert!(after.iter().all(|c| c.withdrawn_at.is_some()));
    let mine = recipients(&app, id)
        .await
        .into_iter()
        .find(|r| r.email_key.as_deref() == Some("anna@example.nl"))
        .unwrap();
    assert!(mine.unsubscribed_at.is_some());
    // Recorded as such, once however often the client posts.
    app.request(
        Method::POST,
        &path,
        Some("List-Unsubscribe=One-Click".into()),
        &[],
    )
    .await;
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("news_unsubscribed"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert!(audited[0]
        .detail
        .as_deref()
        .unwrap_or("")
        .contains("one-click"));
    // The later mailing's mail to Anna is taken back; the others' wait.
    let waiting: Vec<String> = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::UnsubscribeUrl.is_not_null())
        .filter(outbox_mail::Column::Status.eq("pending"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.recipient)
        .collect();
    assert_eq!(waiting.len(), 4);
    assert!(!waiting.contains(&"anna@example.nl".to_string()));
    // Her guide sees it; the next mailing leaves her out.
    app.login("sam@storuman.se", GUIDE_PW).await;
    app.get(&format!("/leads/{}", leads[0]))
        .await
        .assert_contains("Avböjt");
    let next = create(&mut app, TEXTS).await;
    app.get(&format!("/mailings/{next}"))
        .await
        .assert_contains("Når 4 mottagare just nu");
    // A made-up token changes nothing.
    app.new_browser();
    let r = app
        .request(
            Method::POST,
            "/unsubscribe/not-a-token",
            Some("List-Unsubscribe=One-Click".into()),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // An erased mover's recipient row keeps no trace of who it was.
    let bernd = prospect_of(&app, leads[2]).await;
    lotsbok::privacy::anonymise::anonymise(
        &app.state.db,
        bernd,
        lotsbok::privacy::anonymise::Why::Mover,
        None,
    )
    .await
    .unwrap();
    assert!(recipients(&app, id)
        .await
        .iter()
        .all(|r| r.prospect_id != Some(bernd)));
    assert_eq!(
        recipients(&app, id)
            .await
            .iter()
            .filter(|r| r.email_key.is_none())
            .count(),
        1
    );
}

async fn each_mover_gets_its_language_or_english(mut app: TestApp) {
    for (name, email, lang) in [
        ("Cecilia", "cecilia@example.se", "sv"),
        ("Daan", "daan@example.nl", "nl"),
        ("Bernd", "bernd@example.de", "de"),
        ("Emma", "emma@example.co.uk", "en"),
    ] {
        mover(&app, Some("storuman"), name, Some(email), lang, true).await;
    }
    signed_in_guide(&mut app, "sam@storuman.se", "storuman").await;
    // Swedish and German only: the Dutch mover would have no text.
    let id = create(
        &mut app,
        &[
            ("name", "Utan engelska"),
            ("subject_sv", "Hej"),
            ("body_sv", "Text"),
            ("subject_de", "Hallo"),
            ("body_de", "Text"),
        ],
    )
    .await;
    let page = app.get(&format!("/mailings/{id}")).await;
    page.assert_contains("Ingen text");
    let r = send_now(&mut app, id, Some("4")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("skriv en engelsk text");
    // With English, every other language falls back to it.
    let mut fields = TEXTS.to_vec();
    fields.push(("subject_de", "Willkommen zum Tag der offenen Tür"));
    fields.push(("body_de", "Hallo!"));
    let id = create(&mut app, &fields).await;
    assert_eq!(
        send_now(&mut app, id, Some("4")).await.status,
        StatusCode::SEE_OTHER
    );
    lotsbok::mailings::send::run_due(&app.state, None)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.deliver_mail().await;
    let subject = |to: &str| {
        app.mails()
            .into_iter()
            .find(|m| m.to == to)
            .map(|m| (m.subject, m.text))
            .unwrap()
    };
    let (s, text) = subject("cecilia@example.se");
    assert_eq!(s, "Välkommen på öppet hus");
    assert!(
        text.contains("Du får det här för att du bad Storuman om nyheter"),
        "{text}"
    );
    assert_eq!(
        subject("bernd@example.de").0,
        "Willkommen zum Tag der offenen Tür"
    );
    let (s, text) = subject("daan@example.nl");
    assert_eq!(s, "Welcome to our open house");
    assert!(
        text.contains("because you asked Storuman"),
        "the footer in the text's language: {text}"
    );
    assert_eq!(subject("emma@example.co.uk").0, "Welcome to our open house");
    let langs: Vec<String> = recipients(&app, id)
        .await
        .into_iter()
        .map(|r| r.lang)
        .collect();
    assert_eq!(langs.iter().filter(|l| *l == "en").count(), 2);
}

async fn a_large_mailing_is_confirmed_and_a_test_goes_to_the_sender(mut app: TestApp) {
    five(&app).await;
    signed_in_guide(&mut app, "sam@storuman.se", "storuman").await;
    let id = create(&mut app, TEXTS).await;
    // Bad input comes back as typed.
    app.get("/mailings/new").await;
    let r = app
        .post(
            "/mailings",
            &[
                ("name", ""),
                ("subject_sv", "Bara ämne"),
                ("quiet_days", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Ge utskicket ett namn")
        .assert_contains("Skriv en text till ämnet")
        .assert_contains("Bara ämne");
    // A test of each text to the sender alone.
    app.get(&format!("/mailings/{id}")).await;
    assert_eq!(
        app.post(&format!("/mailings/{id}/test"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    app.deliver_mail().await;
    let tests: Vec<_> = app
        .mails()
        .into_iter()
        .filter(|m| m.subject.starts_with("[Test]"))
        .collect();
    assert_eq!(tests.len(), 2);
    assert!(tests
        .iter()
        .all(|m| m.to == "sam@storuman.se" && m.list_unsubscribe.is_none()));
    assert!(recipients(&app, id).await.is_empty());
    // Five is more than three: the number is confirmed first.
    let r = send_now(&mut app, id, None).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Ja, skicka till 5 mottagare");
    let r = send_now(&mut app, id, Some("4")).await;
    assert_eq!(r.status, StatusCode::OK);
    let m = mailing::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.status, "draft");
    // At a time: not one passed; then scheduled, taken back, edited.
    app.get(&format!("/mailings/{id}")).await;
    let r = app
        .post(
            &format!("/mailings/{id}/send"),
            &[
                ("when", "later"),
                ("send_at", "2020-01-01T10:00"),
                ("confirm", "5"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj en tid som inte har passerat");
    let r = app
        .post(
            &format!("/mailings/{id}/send"),
            &[
                ("when", "later"),
                ("send_at", "2099-06-01T10:00"),
                ("confirm", "5"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let m = mailing::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.status, "scheduled");
    assert_eq!(
        m.send_at.unwrap().to_rfc3339(),
        "2099-06-01T08:00:00+00:00",
        "Stockholm's summer time"
    );
    assert_eq!(
        lotsbok::mailings::send::run_due(&app.state, None)
            .await
            .unwrap(),
        0,
        "not yet"
    );
    app.get(&format!("/mailings/{id}")).await;
    assert_eq!(
        app.post(&format!("/mailings/{id}/stop"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let m = mailing::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.status, "draft");
    app.get(&format!("/mailings/{id}/edit"))
        .await
        .assert_contains("Välkommen på öppet hus");
    let mut fields = TEXTS.to_vec();
    fields.push(("language", "sv"));
    let r = app.post(&format!("/mailings/{id}/edit"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get(&format!("/mailings/{id}"))
        .await
        .assert_contains("Når 2 mottagare just nu");
    // Sent now, then cancelled midway: what waits in the outbox is taken back.
    assert_eq!(
        send_now(&mut app, id, None).await.status,
        StatusCode::SEE_OTHER
    );
    lotsbok::mailings::send::queue_batch(&app.state, id)
        .await
        .unwrap();
    app.get(&format!("/mailings/{id}")).await;
    assert_eq!(
        app.post(&format!("/mailings/{id}/stop"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let m = mailing::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.status, "cancelled");
    let waiting = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::UnsubscribeUrl.is_not_null())
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(waiting, 0);
    assert_eq!(
        lotsbok::mailings::send::run_due(&app.state, None)
            .await
            .unwrap(),
        0
    );
}

both!(with super::quick;
    segments_count_consenting_addresses_within_reach,
    the_news_consent_is_asked_apart_and_can_be_withdrawn,
    a_mailing_reaches_each_address_once_across_a_restart,
    one_click_unsubscribes_without_a_session,
    each_mover_gets_its_language_or_english,
    a_large_mailing_is_confirmed_and_a_test_goes_to_the_sender,
);

/// The report's table of mailings: a guide's own in full, the region's with small figures
/// hidden and protected, and the number of mailings hidden beside a hidden recipient figure.
async fn the_report_counts_mailings_and_hides_small_figures(mut app: TestApp) {
    use lotsbok::reports::figures::Counted;
    use lotsbok::reports::period::ReportQuery;
    use lotsbok::reports::table::{self, Cell, Spec, View};
    five(&app).await;
    mover(
        &app,
        Some("lycksele"),
        "Fenna",
        Some("fenna@example.nl"),
        "nl",
        true,
    )
    .await;
    mover(
        &app,
        Some("lycksele"),
        "Femke",
        Some("femke@example.nl"),
        "nl",
        true,
    )
    .await;
    signed_in_guide(&mut app, "sam@storuman.se", "storuman").await;
    let own = create(&mut app, TEXTS).await;
    assert_eq!(
        send_now(&mut app, own, Some("5")).await.status,
        StatusCode::SEE_OTHER
    );
    app.create_user("kom@region10.se", "coordinator", None, GUIDE_PW)
        .await;
    app.new_browser();
    app.login("kom@region10.se", GUIDE_PW).await;
    let region = create(&mut app, TEXTS).await;
    // Seven, shown to a coordinator as about five: the number confirmed is the one shown.
    let r = send_now(&mut app, region, Some("7")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Ja, skicka till ungefär 5 mottagare");
    assert_eq!(
        send_now(&mut app, region, Some("5")).await.status,
        StatusCode::SEE_OTHER
    );
    lotsbok::mailings::send::run_due(&app.state, None)
        .await
        .unwrap();
    crate::helpers::assert_report_kept(&app).await;
    // One unsubscribes: the kept report follows (its cache too).
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "bernd@example.de" && m.list_unsubscribe.is_some())
        .unwrap();
    let path = mail.list_unsubscribe.unwrap();
    let path = path
        .trim_matches(['<', '>'])
        .trim_start_matches("http://127.0.0.1:3000");
    app.new_browser();
    let r = app
        .request(
            Method::POST,
            path,
            Some("List-Unsubscribe=One-Click".into()),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    crate::helpers::assert_report_kept(&app).await;

    let db = &app.state.db;
    let today = lotsbok::web::format::today();
    let year = today.format("%Y").to_string();
    let period = ReportQuery::from_pairs(vec![
        ("period".into(), "year".into()),
        ("year".into(), year.clone()),
    ])
    .period();
    let targets = lotsbok::reports::targets::of_year(db, year.parse().unwrap())
        .await
        .unwrap();
    let all_m = lotsbok::accounts::list_municipalities(db).await.unwrap();
    let names: std::collections::HashMap<i64, String> =
        all_m.iter().map(|m| (m.id, m.name.clone())).collect();
    let all: Vec<i64> = all_m.iter().map(|m| m.id).collect();
    let storuman = municipality(&app, "storuman").await;
    let cache = app.state.kept.get::<table::ReportCache>();
    let report = |view| Spec {
        lang: lotsbok::i18n::Lang::Sv,
        names: &names,
        view,
        period: period.clone(),
        today,
        threshold: 3,
        targets: &targets,
        counted: Counted::Kept,
        cache: Some(&cache),
    };
    let rows_of = |tables: Vec<table::Table>| {
        tables
            .into_iter()
            .find(|t| t.id == "mailings")
            .expect("the mailings table")
            .rows
    };
    let row = |rows: &[Vec<Cell>], name: &str| {
        rows.iter()
            .find(|r| r[0] == Cell::Text(name.into()))
            .unwrap_or_else(|| panic!("{name}: {rows:?}"))
            .clone()
    };
    // The guide's own: everything, exactly.
    let mine = rows_of(
        table::build(db, &report(View::Own(storuman)))
            .await
            .unwrap(),
    );
    assert_eq!(
        row(&mine, "Storuman")[1..],
        [Cell::Count(2), Cell::Count(10), Cell::Count(1)]
    );
    // The coordinator's: the one unsubscribe and Lycksele's two recipients are hidden, and
    // so are the numbers of mailings beside them and the region's.
    let region_rows = rows_of(
        table::build(
            db,
            &report(View::Coordinator {
                all: all.clone(),
                shown: vec![],
                known: None,
            }),
        )
        .await
        .unwrap(),
    );
    assert_eq!(row(&region_rows, "Storuman")[3], Cell::Hidden);
    let lycksele = row(&region_rows, "Lycksele");
    assert_eq!(lycksele[1..], [Cell::Hidden, Cell::Hidden, Cell::Count(0)]);
    assert_eq!(row(&region_rows, "Totalt")[1], Cell::Hidden);
    assert_eq!(row(&region_rows, "Totalt")[3], Cell::Hidden);
    // Lycksele's hidden two cannot be worked back from the total and the other rows: a
    // second figure of the column is hidden with it.
    assert!(
        region_rows.iter().filter(|r| r[2] == Cell::Hidden).count() >= 2,
        "{region_rows:?}"
    );
}

/// What stops a mailing's mails: a withdrawal of all consent on the self-service page, and
/// a segment this version cannot read; a mail being sent this moment is left to go.
async fn what_stops_a_mailing(mut app: TestApp) {
    let (leads, id) = sent_to_five(&mut app).await;
    let db = app.state.db.clone();
    // The worker holds Bernd's mail this moment.
    let bernd_mail = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::Recipient.eq("bernd@example.de"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    outbox_mail::Entity::update_many()
        .col_expr(
            outbox_mail::Column::LockedUntil,
            Expr::value(Utc::now() + chrono::Duration::seconds(60)),
        )
        .filter(outbox_mail::Column::Id.eq(bernd_mail.id))
        .exec(&db)
        .await
        .unwrap();
    // Bernd and Cecilia withdraw every consent on their pages.
    for lead_id in [leads[2], leads[3]] {
        let p = prospect_of(&app, lead_id).await;
        let token = {
            let txn = db.begin().await.unwrap();
            let t = lotsbok::privacy::links::issue(&txn, lotsbok::entities::ProspectId(p), 30)
                .await
                .unwrap();
            txn.commit().await.unwrap();
            t
        };
        app.new_browser();
        let r = app.post_raw(&format!("/my/{token}/withdraw"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let waiting: Vec<String> = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::UnsubscribeUrl.is_not_null())
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.recipient)
        .collect();
    assert!(
        !waiting.contains(&"cecilia@example.se".to_string()),
        "Cecilia's mail is taken back"
    );
    assert!(
        waiting.contains(&"bernd@example.de".to_string()),
        "Bernd's, being sent, goes"
    );
    assert_eq!(waiting.len(), 4);
    // The counts say whom it reached; the report follows at once.
    assert_eq!(recipients(&app, id).await.len(), 4);
    let m = mailing::Entity::find_by_id(id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.recipients, 4);
    crate::helpers::assert_report_kept(&app).await;
    // A segment a newer version wrote, with a filter this one does not know: never read as
    // a wider one.
    app.new_browser();
    app.login("sam@storuman.se", GUIDE_PW).await;
    let newer = create(&mut app, TEXTS).await;
    mailing::Entity::update_many()
        .col_expr(
            mailing::Column::Segment,
            Expr::value(r#"{"status":"","occupation":"nurse"}"#),
        )
        .filter(mailing::Column::Id.eq(newer))
        .exec(&db)
        .await
        .unwrap();
    let r = send_now(&mut app, newer, Some("3")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("nyare version");
    mailing::Entity::update_many()
        .col_expr(mailing::Column::Status, Expr::value("scheduled"))
        .col_expr(mailing::Column::SendAt, Expr::value(Utc::now()))
        .filter(mailing::Column::Id.eq(newer))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(
        lotsbok::mailings::send::run_due(&app.state, None)
            .await
            .unwrap(),
        0
    );
    let m = mailing::Entity::find_by_id(newer)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (m.status.as_str(), m.recipients),
        ("scheduled", 0),
        "left for the newer version"
    );
}

both!(with super::quick; the_report_counts_mailings_and_hides_small_figures, what_stops_a_mailing);
