//! Jobs and homes (issue 23): an employer's vacancy from the public form through the
//! guide's approval to publication and expiry, with the employer's mails; the guide's own
//! vacancies and homes; matching a household by occupation in four languages and by its
//! housing wish and size; a selection mailed to the mover in its language, on its timeline
//! and its self-service page; and another municipality's guide reaching none of it.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use lotsbok::domain::Source;
use lotsbok::entities::{
    activity, audit_entry, home, lead, prospect, selection, vacancy, ProspectId,
};
use lotsbok::leads::NewLead;
use lotsbok::scope::Target;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::{seed_lead, signed_in_guide, TestApp};
use crate::trust::token_in;

fn in_days(n: i64) -> String {
    (Utc::now().date_naive() + Duration::days(n)).to_string()
}

/// The employer's form, filled in; `over` replaces fields.
fn employer_fields(token: &str, over: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = vec![
        ("token", token.into()),
        ("employer", "Region Västerbotten".into()),
        ("contact_name", "Eva Chef".into()),
        ("contact_email", "eva@regionvasterbotten.se".into()),
        ("contact_phone", "070-123 45 67".into()),
        ("title", "Sjuksköterska till hälsocentralen".into()),
        ("occupation", "nurse".into()),
        ("municipality", "lycksele".into()),
        ("place", "Lycksele".into()),
        ("extent", "full_time".into()),
        ("starts", "snarast".into()),
        ("last_day", in_days(30)),
        ("description", "Vi söker en sjuksköterska.".into()),
        ("link", "https://regionvasterbotten.se/jobb/123".into()),
        ("website", String::new()),
    ];
    for (k, v) in over {
        if let Some(x) = f.iter_mut().find(|(n, _)| n == k) {
            x.1 = v.to_string();
        }
    }
    f
}

async fn send_as_employer(
    app: &mut TestApp,
    lang: &str,
    over: &[(&'static str, &str)],
) -> crate::helpers::Page {
    let saved = app.session_cookie();
    app.new_browser();
    let form = app.get(&format!("/jobs/new?lang={lang}&m=lycksele")).await;
    assert_eq!(form.status, StatusCode::OK);
    let fields = employer_fields(&token_in(&form.body), over);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app
        .post_raw(&format!("/jobs/new?lang={lang}"), &pairs)
        .await;
    app.set_session_cookie(saved);
    r
}

async fn vacancies(app: &TestApp) -> Vec<vacancy::Model> {
    vacancy::Entity::find().all(&app.state.db).await.unwrap()
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(action))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn an_employer_vacancy_is_approved_published_and_expires(mut app: TestApp) {
    // The form: Swedish, English, and German shown in English (an employer's languages).
    let sv = app.get("/jobs/new?m=lycksele").await;
    sv.assert_contains("Anmäl ett ledigt jobb")
        .assert_contains(r#"<option value="lycksele" selected>"#);
    app.get("/jobs/new?lang=de")
        .await
        .assert_contains("Report a vacancy");
    // Mistakes come back beside their fields, with what was typed.
    let r = send_as_employer(
        &mut app,
        "sv",
        &[
            ("title", ""),
            ("contact_email", "eva@"),
            ("last_day", &in_days(-1)),
            ("link", "ftp://example.se"),
            ("municipality", "oslo"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Region Västerbotten")
        .assert_contains("Fyll i fältet.")
        .assert_contains("Skriv en e-postadress i formen")
        .assert_contains("Sista ansökningsdagen har redan passerat.")
        .assert_contains("Skriv en webbadress som börjar med https://")
        .assert_contains("Välj kommunen där jobbet finns.");
    assert!(vacancies(&app).await.is_empty());
    // Sent in English; sent twice (the back button) it is stored once.
    let r = send_as_employer(&mut app, "en", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/jobs/thanks?lang=en");
    send_as_employer(&mut app, "en", &[]).await;
    // The same token twice: the second is shown again, not stored.
    let saved = app.session_cookie();
    app.new_browser();
    let token = token_in(&app.get("/jobs/new?lang=en").await.body);
    for (i, title) in ["Nurse, nights", "Nurse, nights, again"].iter().enumerate() {
        let fields = employer_fields(&token, &[("title", title)]);
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = app.post_raw("/jobs/new?lang=en", &pairs).await;
        if i == 0 {
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        } else {
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
            r.assert_contains("Nurse, nights, again");
        }
    }
    app.set_session_cookie(saved);
    vacancy::Entity::delete_many()
        .filter(vacancy::Column::Title.eq("Nurse, nights"))
        .exec(&app.state.db)
        .await
        .unwrap();
    let list = vacancies(&app).await;
    assert_eq!(list.len(), 1);
    let v = &list[0];
    assert_eq!(
        (v.status.as_str(), v.origin.as_str(), v.lang.as_str()),
        ("pending", "employer", "en")
    );
    assert_eq!(v.occupation.as_deref(), Some("nurse"));
    assert_eq!(audited(&app, "vacancy_submitted").await, 2);

    let lena = signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    assert!(lena > 0);
    // Another municipality's guide neither sees nor decides it.
    let saved = app.session_cookie();
    signed_in_guide(&mut app, "mats@dorotea.se", "dorotea").await;
    app.get("/vacancies")
        .await
        .assert_contains("Inga jobb ännu.");
    assert_eq!(
        app.get(&format!("/vacancies/{}", v.id)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(&format!("/vacancies/{}/publish", v.id), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    app.set_session_cookie(saved);
    // The guide was told (a link, no employer's data) once the vacancy arrived.
    app.deliver_mail().await;
    let mails = app.mails();
    let to_guide = mails.iter().find(|m| m.to == "lena@lycksele.se");
    // Lena was made after the vacancy came: she sees it in her list instead.
    assert!(to_guide.is_none());
    // No receipt by mail: the address is not known to be the employer's until a guide
    // has read the vacancy.
    assert!(mails.iter().all(|m| m.to != "eva@regionvasterbotten.se"));
    app.get("/vacancies")
        .await
        .assert_contains("Sjuksköterska till hälsocentralen")
        .assert_contains("Väntar på granskning");
    let page = app.get(&format!("/vacancies/{}", v.id)).await;
    page.assert_contains("Granska jobbet")
        .assert_contains("eva@regionvasterbotten.se");
    let r = app.post(&format!("/vacancies/{}/publish", v.id), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get(&format!("/vacancies/{}", v.id))
        .await
        .assert_contains("Jobbet är publicerat och arbetsgivaren har fått besked.");
    // A second click decides nothing more and mails no one.
    app.post(&format!("/vacancies/{}/publish", v.id), &[]).await;
    app.deliver_mail().await;
    let published: Vec<_> = app
        .mails()
        .into_iter()
        .filter(|m| m.subject.contains("is published"))
        .collect();
    assert_eq!(published.len(), 1);
    assert!(published[0]
        .text
        .contains("Sjuksköterska till hälsocentralen"));
    let v = vacancy::Entity::find_by_id(v.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.status, "published");
    assert!(v.published_at.is_some());
    assert_eq!(audited(&app, "vacancy_published").await, 1);
    let open = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            let lycksele = lotsbok::accounts::find_municipality(&db, "lycksele")
                .await
                .unwrap();
            lotsbok::offers::store::open_vacancies(
                &db,
                &[Target::chosen(&lycksele)],
                Some(&["nurse"]),
                lotsbok::web::format::today(),
            )
            .await
            .unwrap()
            .len()
        }
    };
    assert_eq!(open(&app).await, 1);
    // Its last day passes: it is no longer open, and the list says so.
    vacancy::Entity::update_many()
        .col_expr(
            vacancy::Column::LastDay,
            Expr::value(Utc::now().date_naive() - Duration::days(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(open(&app).await, 0);
    app.get("/vacancies").await.assert_contains("Utgånget");
    // The employer's contact person is kept 90 days after the last day, then cleared.
    assert_eq!(
        lotsbok::offers::store::forget_contacts(&app.state.db, 90)
            .await
            .unwrap(),
        0
    );
    vacancy::Entity::update_many()
        .col_expr(
            vacancy::Column::LastDay,
            Expr::value(Utc::now().date_naive() - Duration::days(91)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        lotsbok::offers::store::forget_contacts(&app.state.db, 90)
            .await
            .unwrap(),
        1
    );
    let v = vacancy::Entity::find_by_id(v.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.contact_name, v.contact_email, v.contact_phone),
        (None, None, None)
    );
    assert_eq!(v.employer, "Region Västerbotten", "the vacancy stays");

    // Declined with a reason, in the employer's Swedish; the guide is mailed this time.
    let r = send_as_employer(
        &mut app,
        "sv",
        &[("title", "Lastbilschaufför"), ("occupation", "")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let second = vacancies(&app)
        .await
        .into_iter()
        .find(|v| v.title == "Lastbilschaufför")
        .unwrap();
    assert_eq!(
        second.occupation.as_deref(),
        Some("truck_driver"),
        "read from the title"
    );
    app.deliver_mail().await;
    let told = app
        .mails()
        .into_iter()
        .find(|m| m.to == "lena@lycksele.se")
        .expect("the guide told");
    assert!(told.text.contains(&format!("/vacancies/{}", second.id)));
    assert!(
        !told.text.contains("eva@"),
        "no employer's data in the guide's mail"
    );
    app.get(&format!("/vacancies/{}", second.id)).await;
    let r = app
        .post(
            &format!("/vacancies/{}/decline", second.id),
            &[("reason", "Tjänsten finns redan hos Arbetsförmedlingen.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    let declined = app
        .mails()
        .into_iter()
        .find(|m| m.subject.contains("publiceras inte"))
        .expect("the decline mailed");
    assert!(declined
        .text
        .contains("Tjänsten finns redan hos Arbetsförmedlingen."));
    // Spam is declined without a word to the address it gave.
    let r = send_as_employer(
        &mut app,
        "sv",
        &[
            ("title", "Köp billiga klockor"),
            ("contact_email", "offer@victim.example"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let spam = vacancies(&app)
        .await
        .into_iter()
        .find(|v| v.title == "Köp billiga klockor")
        .unwrap();
    app.get(&format!("/vacancies/{}", spam.id)).await;
    let r = app
        .post(
            &format!("/vacancies/{}/decline", spam.id),
            &[("reason", ""), ("silent", "on")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    assert!(app.mails().iter().all(|m| m.to != "offer@victim.example"));
    // A waiting vacancy past its last day is not published.
    let late = send_as_employer(&mut app, "sv", &[("title", "Sen tjänst")]).await;
    assert_eq!(late.status, StatusCode::SEE_OTHER);
    let late = vacancies(&app)
        .await
        .into_iter()
        .find(|v| v.title == "Sen tjänst")
        .unwrap();
    vacancy::Entity::update_many()
        .col_expr(
            vacancy::Column::LastDay,
            Expr::value(Utc::now().date_naive() - Duration::days(1)),
        )
        .filter(vacancy::Column::Id.eq(late.id))
        .exec(&app.state.db)
        .await
        .unwrap();
    app.get(&format!("/vacancies/{}", late.id)).await;
    app.post(&format!("/vacancies/{}/publish", late.id), &[])
        .await;
    app.get(&format!("/vacancies/{}", late.id))
        .await
        .assert_contains("Sista ansökningsdagen har redan passerat. Ändra den");
    let late = vacancy::Entity::find_by_id(late.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(late.status, "pending");
    // A coordinator sees figures only: no vacancy pages.
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
    let r = app.get("/vacancies").await;
    assert!(
        [StatusCode::FORBIDDEN, StatusCode::SEE_OTHER].contains(&r.status),
        "{}",
        r.status
    );
    assert_eq!(
        app.get(&format!("/vacancies/{}", second.id)).await.status,
        StatusCode::FORBIDDEN
    );
}

async fn guides_keep_their_own_vacancies_and_homes(mut app: TestApp) {
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    app.get("/vacancies/new")
        .await
        .assert_contains("Lägg till ett jobb");
    let last_day = in_days(20);
    let r = app
        .post(
            "/vacancies/new",
            &[
                ("employer", "Lycksele kommun"),
                ("title", "Förskollärare"),
                ("extent", "weekly"),
                ("last_day", &last_day),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Förskollärare")
        .assert_contains("Välj i listan.");
    let r = app
        .post(
            "/vacancies/new",
            &[
                ("employer", "Lycksele kommun"),
                ("title", "Förskollärare"),
                ("extent", "part_time"),
                ("last_day", &last_day),
                ("description", "Förskolan Solen."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r
        .location()
        .trim_start_matches("/vacancies/")
        .parse()
        .unwrap();
    let v = vacancy::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (v.status.as_str(), v.origin.as_str()),
        ("published", "guide")
    );
    assert_eq!(v.occupation.as_deref(), Some("preschool_teacher"));
    // Changed, then taken down.
    app.get(&format!("/vacancies/{id}")).await;
    let r = app
        .post(
            &format!("/vacancies/{id}"),
            &[
                ("employer", "Lycksele kommun"),
                ("title", "Förskollärare, 75 %"),
                ("extent", "part_time"),
                ("last_day", &last_day),
                ("description", "Förskolan Solen."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get(&format!("/vacancies/{id}"))
        .await
        .assert_contains("Förskollärare, 75 %");
    app.post(&format!("/vacancies/{id}/withdraw"), &[]).await;
    app.get("/vacancies")
        .await
        .assert_contains("Tillbakadraget");

    // A home: mistakes kept as typed, then saved, changed, closed and opened again.
    app.get("/housing/new").await;
    let r = app
        .post(
            "/housing/new",
            &[
                ("tenure", "rent"),
                ("rooms", "tre"),
                ("cost", "6 500"),
                ("place", "Lycksele centrum"),
                ("link", "ftp://x"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Lycksele centrum")
        .assert_contains("Skriv ett heltal, utan enhet.")
        .assert_contains("Skriv en webbadress");
    let home_fields = [
        ("tenure", "rent"),
        ("rooms", "3"),
        ("size_m2", "74"),
        ("cost", "6 500"),
        ("place", "Lycksele centrum"),
        ("available_from", "2027-02-01"),
        ("contact", "Lyckselebostäder, 0950-123 45"),
        ("link", "https://lyckselebostader.se/3rok"),
    ];
    let r = app.post("/housing/new", &home_fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let hid: i64 = r
        .location()
        .trim_start_matches("/housing/")
        .parse()
        .unwrap();
    let h = home::Entity::find_by_id(hid)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((h.rooms, h.size_m2, h.cost), (3, Some(74), Some(6500)));
    app.get("/housing")
        .await
        .assert_contains("6\u{a0}500 kr/mån")
        .assert_contains("Ledig");
    app.post(&format!("/housing/{hid}/close"), &[]).await;
    app.get("/housing")
        .await
        .assert_contains("Inte längre ledig");
    app.post(&format!("/housing/{hid}/open"), &[]).await;
    assert_eq!(audited(&app, "home_closed").await, 1);
    assert_eq!(audited(&app, "home_reopened").await, 1);

    // Another municipality's guide: not in its lists, 404 on each.
    signed_in_guide(&mut app, "mats@dorotea.se", "dorotea").await;
    app.get("/housing")
        .await
        .assert_contains("Inga bostäder ännu.");
    for path in [format!("/housing/{hid}"), format!("/vacancies/{id}")] {
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            app.post(&path, &home_fields).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        app.post(&format!("/housing/{hid}/close"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let h = home::Entity::find_by_id(hid)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.status, "open");
}

/// A published vacancy of `slug`, added by its guide in a fresh browser; its id.
async fn published(app: &mut TestApp, slug: &str, title: &str, occupation: &str) -> i64 {
    let saved = app.session_cookie();
    signed_in_guide(app, &format!("{occupation}.{slug}@example.se"), slug).await;
    app.get("/vacancies/new").await;
    let last_day = in_days(40);
    let r = app
        .post(
            "/vacancies/new",
            &[
                ("employer", "Arbetsgivaren AB"),
                ("title", title),
                ("occupation", occupation),
                ("extent", "full_time"),
                ("last_day", &last_day),
                ("description", "Välkommen!"),
                ("link", "https://example.se/jobb"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.set_session_cookie(saved);
    r.location()
        .trim_start_matches("/vacancies/")
        .parse()
        .unwrap()
}

async fn a_home(app: &mut TestApp, tenure: &str, rooms: &str, place: &str) -> i64 {
    app.get("/housing/new").await;
    let r = app
        .post(
            "/housing/new",
            &[
                ("tenure", tenure),
                ("rooms", rooms),
                ("cost", "7000"),
                ("place", place),
                ("contact", "Hyresvärden, 0950-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location()
        .trim_start_matches("/housing/")
        .parse()
        .unwrap()
}

async fn set_household(
    app: &TestApp,
    lead_id: i64,
    occupation: &str,
    partner: Option<&str>,
    wish: &str,
    lang: &str,
) -> i64 {
    let l = lead::Entity::find_by_id(lead_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    prospect::Entity::update_many()
        .col_expr(prospect::Column::Occupation, Expr::value(occupation))
        .col_expr(
            prospect::Column::PartnerOccupation,
            Expr::value(partner.map(str::to_string)),
        )
        .col_expr(prospect::Column::HousingWish, Expr::value(wish))
        .col_expr(prospect::Column::PreferredLanguage, Expr::value(lang))
        .filter(prospect::Column::Id.eq(l.prospect_id))
        .exec(&app.state.db)
        .await
        .unwrap();
    l.prospect_id
}

async fn matches_read_occupations_in_four_languages_and_fit_the_home(mut app: TestApp) {
    published(&mut app, "lycksele", "Sjuksköterska, akuten", "nurse").await;
    published(
        &mut app,
        "lycksele",
        "Lastbilschaufför, timmer",
        "truck_driver",
    )
    .await;
    published(&mut app, "dorotea", "Distriktssköterska i Dorotea", "nurse").await;
    published(&mut app, "storuman", "Lärare åk 4–6", "teacher").await;
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    a_home(&mut app, "rent", "3", "Lycksele centrum").await;
    a_home(&mut app, "rent", "1", "Hedlunda").await;
    a_home(&mut app, "buy", "5", "Villa i Björksele").await;

    // Two adults and two children (seed_lead): at least three rooms.
    for (i, typed) in [
        "Sjuksköterska",
        "nurse",
        "Krankenschwester",
        "verpleegkundige",
    ]
    .iter()
    .enumerate()
    {
        let lead_id = seed_lead(
            &app,
            Some("lycksele"),
            ("Mover", &format!("Nr{i}")),
            Some(&format!("m{i}@example.nl")),
            None,
            "Utrecht",
        )
        .await;
        set_household(&app, lead_id, typed, None, "rent", "nl").await;
        let page = app.get(&format!("/leads/{lead_id}/matches")).await;
        assert_eq!(page.status, StatusCode::OK);
        page.assert_contains("Sjuksköterska, akuten")
            .assert_contains("Läses som")
            .assert_contains("minst 3 rum")
            .assert_contains("Lycksele centrum");
        for absent in [
            "Lastbilschaufför",
            "Lärare åk 4–6",
            "Distriktssköterska i Dorotea",
            "Hedlunda",
            "Villa i Björksele",
        ] {
            assert!(!page.body.contains(absent), "{typed}: {absent} shown");
        }
    }
    // The partner's occupation counts too, and a second municipality the mover chose.
    let lead_id = seed_lead(
        &app,
        Some("lycksele"),
        ("Jan", "Bakker"),
        Some("jan@example.nl"),
        None,
        "Utrecht",
    )
    .await;
    let pid = set_household(
        &app,
        lead_id,
        "Kinderkrankenschwester",
        Some("LKW-Fahrer"),
        "buy",
        "de",
    )
    .await;
    let dorotea = lotsbok::accounts::find_municipality(&app.state.db, "dorotea")
        .await
        .unwrap();
    lotsbok::leads::insert_lead(
        &app.state.db,
        NewLead::new(
            ProspectId(pid),
            Target::chosen(&dorotea),
            Source::InterestForm,
        ),
    )
    .await
    .unwrap();
    let page = app.get(&format!("/leads/{lead_id}/matches")).await;
    page.assert_contains("Lastbilschaufför, timmer")
        .assert_contains("Distriktssköterska i Dorotea")
        .assert_contains("Villa i Björksele");
    assert!(!page.body.contains("Lärare åk 4–6"));
    assert!(
        !page.body.contains("Lycksele centrum"),
        "a rental for a buyer"
    );
    // "Show all": every open offer in the places, whatever the occupation.
    let all = app.get(&format!("/leads/{lead_id}/matches?all=1")).await;
    all.assert_contains("Hedlunda")
        .assert_contains("Lycksele centrum");
    assert!(
        !all.body.contains("Lärare åk 4–6"),
        "Storuman is not among its places"
    );
    // A pool mover asked for help to choose: the whole region.
    let pool = seed_lead(
        &app,
        None,
        ("Pia", "Pool"),
        Some("pia@example.se"),
        None,
        "Malmö",
    )
    .await;
    set_household(&app, pool, "grundskollärare", None, "unknown", "sv").await;
    // A mover in Lycksele who also asked for help to choose (the pool): the whole region.
    let open_minded = seed_lead(
        &app,
        Some("lycksele"),
        ("Ola", "Öppen"),
        Some("ola@example.se"),
        None,
        "Malmö",
    )
    .await;
    let ola = set_household(&app, open_minded, "grundskollärare", None, "unknown", "sv").await;
    lotsbok::leads::insert_lead(
        &app.state.db,
        NewLead::new(ProspectId(ola), Target::pool(), Source::InterestForm),
    )
    .await
    .unwrap();
    let page = app.get(&format!("/leads/{open_minded}/matches")).await;
    page.assert_contains("Lärare åk 4–6")
        .assert_contains("Hela regionen");
    // A pool lead is the guide's to match once it has taken it.
    assert_eq!(
        app.get(&format!("/leads/{pool}/matches")).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn a_selection_is_mailed_in_the_movers_language_and_shown_on_its_page(mut app: TestApp) {
    let job = published(&mut app, "lycksele", "Sjuksköterska, akuten", "nurse").await;
    let elsewhere = published(&mut app, "storuman", "Sjuksköterska i Storuman", "nurse").await;
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let home = a_home(&mut app, "rent", "4", "Lycksele centrum").await;
    let lead_id = seed_lead(
        &app,
        Some("lycksele"),
        ("Jana", "Schmidt"),
        Some("jana@example.de"),
        None,
        "Köln",
    )
    .await;
    set_household(&app, lead_id, "Krankenschwester", None, "rent", "de").await;
    let base = format!("/leads/{lead_id}/matches");
    app.get(&format!("/leads/{lead_id}"))
        .await
        .assert_contains(&base);
    app.get(&base).await;
    // Nothing ticked, or an offer outside the household's places: refused, nothing sent.
    let r = app.post(&base, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Kryssa i minst ett jobb eller en bostad.");
    let r = app.post(&base, &[("job", &elsewhere.to_string())]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("inte längre ledigt");
    assert_eq!(
        selection::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    // Sent.
    let ticked = [
        ("job", job.to_string()),
        ("home", home.to_string()),
        ("sent", "0".to_string()),
    ];
    let ticked: Vec<(&str, &str)> = ticked.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post(&base, &ticked).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/leads/{lead_id}"));
    let page = app.get(&format!("/leads/{lead_id}")).await;
    page.assert_contains("Urvalet är skickat till intressenten.")
        .assert_contains("Urval skickat: Sjuksköterska, akuten; Lycksele centrum");
    let entries = activity::Entity::find()
        .filter(activity::Column::LeadId.eq(lead_id))
        .filter(activity::Column::Kind.eq("selection"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(entries, 1);
    assert_eq!(audited(&app, "selection_sent").await, 1);
    // The same form sent again (a double click): nothing more is sent.
    let r = app.post(&base, &ticked).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get(&format!("/leads/{lead_id}"))
        .await
        .assert_contains("Det urvalet var redan skickat");
    assert_eq!(
        selection::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    // The matches mark what was sent before.
    app.get(&base).await.assert_contains("Skickat förut");
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "jana@example.de")
        .expect("the selection mailed");
    assert_eq!(mail.subject, "Jobs und Wohnungen für Sie aus Lycksele");
    for part in [
        "Hallo Jana,",
        "Sjuksköterska, akuten",
        "Arbetsgivaren AB",
        "Vollzeit",
        "Bewerbung bis",
        "4 Zimmer",
        "Miete 7\u{a0}000 SEK im Monat",
        "https://example.se/jobb",
    ] {
        assert!(mail.text.contains(part), "{part} in:\n{}", mail.text);
    }
    assert!(!mail.text.contains("Storuman"));
    // The mover opens its link: the selection, in German, with its links.
    let link = mail.link_path("/my/");
    app.new_browser();
    let my = app.get(&link).await;
    assert_eq!(my.status, StatusCode::OK);
    my.assert_contains("Jobs und Wohnungen von Ihrem Lotsen")
        .assert_contains("Sjuksköterska, akuten")
        .assert_contains(r#"href="https://example.se/jobb""#)
        .assert_contains("Zur Stellenanzeige");
    let token = link
        .trim_start_matches("/my/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .to_string();
    let json = app.get(&format!("/my/{token}/data.json")).await;
    json.assert_contains("selections_sent")
        .assert_contains("Sjuksköterska, akuten");
    // Once its last day has passed the mover's page says so.
    vacancy::Entity::update_many()
        .col_expr(
            vacancy::Column::LastDay,
            Expr::value(Utc::now().date_naive() - Duration::days(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    lotsbok::entities::selection_item::Entity::update_many()
        .col_expr(
            lotsbok::entities::selection_item::Column::Until,
            Expr::value(Utc::now().date_naive() - Duration::days(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    app.get(&link)
        .await
        .assert_contains("Die Bewerbungsfrist ist abgelaufen");

    // Another municipality's guide: 404 on the page and the sending.
    signed_in_guide(&mut app, "mats@dorotea.se", "dorotea").await;
    assert_eq!(app.get(&base).await.status, StatusCode::NOT_FOUND);
    app.get("/").await; // a fresh CSRF token
    assert_eq!(
        app.post(&base, &[("home", &home.to_string())]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        selection::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );

    // A merge keeps what was sent to the duplicate.
    signed_in_guide(&mut app, "lena3@lycksele.se", "lycksele").await;
    let dup = seed_lead(
        &app,
        Some("lycksele"),
        ("Jana", "Schmidt"),
        Some("jana.s@example.de"),
        None,
        "Köln",
    )
    .await;
    app.get(&format!("/leads/{dup}/matches")).await;
    let r = app
        .post(
            &format!("/leads/{dup}/matches"),
            &[("home", &home.to_string()), ("sent", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.get(&format!("/leads/{lead_id}")).await;
    let r = app
        .post(
            &format!("/leads/{lead_id}/merge"),
            &[("other", &dup.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let kept = selection::Entity::find()
        .filter(selection::Column::LeadId.eq(lead_id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(kept, 2, "both selections on the kept lead");
    assert!(lead::Entity::find_by_id(dup)
        .one(&app.state.db)
        .await
        .unwrap()
        .is_none());

    // A mover without an address, or who withdrew the consent, gets nothing.
    signed_in_guide(&mut app, "lena2@lycksele.se", "lycksele").await;
    let no_mail = seed_lead(
        &app,
        Some("lycksele"),
        ("Utan", "Adress"),
        None,
        Some("0701234567"),
        "Umeå",
    )
    .await;
    let page = app.get(&format!("/leads/{no_mail}/matches")).await;
    page.assert_contains("Intressenten har ingen e-postadress");
    let r = app
        .post(
            &format!("/leads/{no_mail}/matches"),
            &[("home", &home.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        selection::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        2
    );
    // Withdrawn consent: nothing is sent either.
    let withdrew = seed_lead(
        &app,
        Some("lycksele"),
        ("Ute", "Återkallad"),
        Some("ute@example.de"),
        None,
        "Bonn",
    )
    .await;
    let pid = lead::Entity::find_by_id(withdrew)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .prospect_id;
    lotsbok::entities::consent::ActiveModel {
        prospect_id: sea_orm::Set(pid),
        purpose: sea_orm::Set(lotsbok::domain::purpose::GUIDANCE.into()),
        legal_basis: sea_orm::Set("consent".into()),
        text_version: sea_orm::Set("test".into()),
        language: sea_orm::Set("de".into()),
        given_at: sea_orm::Set(Utc::now() - Duration::days(3)),
        withdrawn_at: sea_orm::Set(Some(Utc::now())),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    app.get(&format!("/leads/{withdrew}/matches"))
        .await
        .assert_contains("återkallat sitt samtycke");
    let r = app
        .post(
            &format!("/leads/{withdrew}/matches"),
            &[("home", &home.to_string()), ("sent", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        selection::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        2
    );
}

/// Uploads a file to `base` and returns the upload's page path.
async fn upload(app: &mut TestApp, base: &str, name: &str, bytes: &[u8]) -> String {
    app.get(base).await;
    let r = app.upload(base, name, bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_string()
}

fn homes_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (i, h) in [
        "Adress",
        "Antal rum",
        "Kvm",
        "Hyra/mån",
        "Ledig från",
        "Upplåtelseform",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, i as u16, *h).unwrap();
    }
    let from = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let rows: [(&str, &str, f64, f64); 3] = [
        ("Storgatan 3, Lycksele", "3", 74.0, 6500.0),
        ("Villa i Kristineberg", "5", 140.0, 1_250_000.0),
        ("Hedlunda 12", "tre", 60.0, 5200.0),
    ];
    for (r, (place, rooms, m2, cost)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *place).unwrap();
        ws.write_string(r, 1, *rooms).unwrap();
        ws.write_number(r, 2, *m2).unwrap();
        ws.write_number(r, 3, *cost).unwrap();
        ws.write_date_with_format(r, 4, from, &date).unwrap();
        ws.write_string(r, 5, if r == 2 { "Villa" } else { "Hyresrätt" })
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

async fn vacancies_and_homes_come_in_from_a_spreadsheet(mut app: TestApp) {
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    app.get("/vacancies")
        .await
        .assert_contains(r#"href="/vacancies/import""#);
    // Semicolons and Swedish headers, as Excel in Swedish saves them; a column Lotsbok
    // does not know; two rows with mistakes.
    let csv = format!(
        "Arbetsgivare;Titel;Yrke;Ort;Omfattning;Sista ansökningsdag;Länk;Färg\n\
         Skolan AB;Förskollärare;;Lycksele;Heltid;{};https://skolan.se/1;röd\n\
         Vården;Nattjobb på boendet;undersköterska;Lycksele;Deltid;{};;blå\n\
         ;Titel utan arbetsgivare;;;;{};;\n\
         Sågverket;Truckförare;;;Sommarjobb;2020-01-01;ftp://saget;\n",
        in_days(30),
        in_days(20),
        in_days(10)
    );
    let page_path = upload(&mut app, "/vacancies/import", "jobb.csv", csv.as_bytes()).await;
    let id: i64 = page_path
        .trim_start_matches("/vacancies/import/")
        .parse()
        .unwrap();
    let page = app.get(&page_path).await;
    page.assert_contains("jobb.csv")
        .assert_contains("4 rader")
        .assert_contains(r#"<option value="employer" selected>"#)
        .assert_contains(r#"<option value="last_day" selected>"#)
        .assert_contains("Kolumnen ”Färg”");
    let mapping = [
        ("col_0", "employer"),
        ("col_1", "title"),
        ("col_2", "occupation"),
        ("col_3", "place"),
        ("col_4", "extent"),
        ("col_5", "last_day"),
        ("col_6", "link"),
        ("col_7", ""),
    ];
    let checked = app.post(&format!("{page_path}/check"), &mapping).await;
    assert_eq!(checked.status, StatusCode::OK);
    checked
        .assert_contains("2 rader kan importeras, 2 har fel.")
        .assert_contains("Arbetsgivare: Fyll i fältet.")
        .assert_contains("Sista ansökningsdag: Sista ansökningsdagen har redan passerat.")
        .assert_contains("Länk till annonsen: Skriv en webbadress");
    assert!(
        checked.body.contains("<th scope=\"row\">4</th>"),
        "the row as the file numbers it"
    );
    // Rows with mistakes: imported only when asked to skip them.
    let r = app.post(&format!("{page_path}/run"), &mapping).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("kryssa i");
    assert!(vacancies(&app).await.is_empty());
    let mut with_skip = mapping.to_vec();
    with_skip.push(("valid_only", "on"));
    let r = app.post(&format!("{page_path}/run"), &with_skip).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = vacancies(&app).await;
    assert_eq!(list.len(), 2);
    let school = list.iter().find(|v| v.title == "Förskollärare").unwrap();
    assert_eq!(
        (school.status.as_str(), school.origin.as_str()),
        ("published", "import")
    );
    assert_eq!(
        school.occupation.as_deref(),
        Some("preschool_teacher"),
        "read from the title"
    );
    assert_eq!(
        school.description, "Förskollärare",
        "the title where no description"
    );
    let night = list
        .iter()
        .find(|v| v.title == "Nattjobb på boendet")
        .unwrap();
    assert_eq!(
        night.occupation.as_deref(),
        Some("assistant_nurse"),
        "read from its column"
    );
    assert_eq!(night.extent, "part_time");
    assert_eq!(audited(&app, "offers_imported").await, 1);
    // The file is gone once imported.
    assert_eq!(app.get(&page_path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        lotsbok::entities::offer_upload::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    assert!(id > 0);

    // A landlord's workbook: date cells, numbers, "Villa" meaning to buy; no contact column,
    // so one is given for every row.
    let page_path = upload(&mut app, "/housing/import", "lediga.xlsx", &homes_xlsx()).await;
    let page = app.get(&page_path).await;
    page.assert_contains(r#"<option value="rooms" selected>"#)
        .assert_contains(r#"<option value="cost" selected>"#)
        .assert_contains(r#"<option value="available_from" selected>"#);
    let mapping = [
        ("col_0", "place"),
        ("col_1", "rooms"),
        ("col_2", "size_m2"),
        ("col_3", "cost"),
        ("col_4", "available_from"),
        ("col_5", "tenure"),
        ("contact", "Lyckselebostäder, 0950-123 45"),
    ];
    let checked = app.post(&format!("{page_path}/check"), &mapping).await;
    checked
        .assert_contains("2 rader kan importeras, 1 har fel.")
        .assert_contains("Rum: Skriv ett heltal, utan enhet.")
        .assert_contains("Lyckselebostäder, 0950-123 45");
    // Another municipality's guide cannot reach the file.
    let saved = app.session_cookie();
    signed_in_guide(&mut app, "mats@dorotea.se", "dorotea").await;
    assert_eq!(app.get(&page_path).await.status, StatusCode::NOT_FOUND);
    app.get("/").await;
    assert_eq!(
        app.post(&format!("{page_path}/run"), &mapping).await.status,
        StatusCode::NOT_FOUND
    );
    app.set_session_cookie(saved);
    let mut with_skip = mapping.to_vec();
    with_skip.push(("valid_only", "on"));
    app.get(&page_path).await;
    let r = app.post(&format!("{page_path}/run"), &with_skip).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let homes = home::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(homes.len(), 2);
    let villa = homes
        .iter()
        .find(|h| h.place == "Villa i Kristineberg")
        .unwrap();
    assert_eq!(
        (villa.tenure.as_str(), villa.rooms, villa.cost),
        ("buy", 5, Some(1_250_000))
    );
    assert_eq!(
        villa.available_from,
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1)
    );
    assert_eq!(villa.contact, "Lyckselebostäder, 0950-123 45");
    // Not a spreadsheet: said so on the upload form.
    app.get("/housing/import").await;
    let r = app
        .upload("/housing/import", "bild.png", b"\x89PNG\r\n\x1a\n\0\0\0")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det här är inte en CSV- eller Excelfil");
}

/// The report: vacancies and homes as they are, selections and households that moved in
/// after one as figures of people (exact in a guide's own report, small ones hidden from a
/// coordinator); kept equals counted before and after.
async fn the_report_counts_offers_and_hides_small_figures(mut app: TestApp) {
    use lotsbok::reports::figures::Counted;
    use lotsbok::reports::period::ReportQuery;
    use lotsbok::reports::table::{self, Cell, Spec, View};
    let job = published(&mut app, "lycksele", "Sjuksköterska, akuten", "nurse").await;
    published(&mut app, "lycksele", "Undersköterska", "assistant_nurse").await;
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    a_home(&mut app, "rent", "4", "Lycksele centrum").await;
    crate::helpers::assert_report_kept(&app).await;
    let mut leads = Vec::new();
    for (i, name) in ["Anna", "Bram"].iter().enumerate() {
        let lead_id = seed_lead(
            &app,
            Some("lycksele"),
            (name, "Mover"),
            Some(&format!("m{i}@example.nl")),
            None,
            "Utrecht",
        )
        .await;
        set_household(&app, lead_id, "nurse", None, "rent", "en").await;
        app.get(&format!("/leads/{lead_id}/matches")).await;
        let r = app
            .post(
                &format!("/leads/{lead_id}/matches"),
                &[("job", &job.to_string()), ("sent", "0")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        leads.push(lead_id);
    }
    let today = lotsbok::web::format::today();
    app.get(&format!("/leads/{}", leads[0])).await;
    let r = app
        .post(
            &format!("/leads/{}/status", leads[0]),
            &[
                ("status", "moved_in"),
                ("moved_in_on", &today.to_string()),
                ("moved_adults", "2"),
                ("moved_children", "2"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    crate::helpers::assert_report_kept(&app).await;
    // A vacancy alone changes no lead: the report's version follows it all the same.
    published(&mut app, "lycksele", "Lärare", "teacher").await;
    crate::helpers::assert_report_kept(&app).await;
    vacancy::Entity::update_many()
        .col_expr(vacancy::Column::Status, Expr::value("withdrawn"))
        .col_expr(
            vacancy::Column::PublishedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .col_expr(vacancy::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(vacancy::Column::Title.eq("Lärare"))
        .exec(&app.state.db)
        .await
        .unwrap();
    crate::helpers::assert_report_kept(&app).await;

    let db = &app.state.db;
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
    let lycksele = lotsbok::accounts::find_municipality(db, "lycksele")
        .await
        .unwrap()
        .id;
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
            .find(|t| t.id == "offers")
            .expect("the offers table")
            .rows
    };
    let row = |rows: &[Vec<Cell>], name: &str| {
        rows.iter()
            .find(|r| r[0] == Cell::Text(name.into()))
            .unwrap_or_else(|| panic!("{name}: {rows:?}"))
            .clone()
    };
    let mine = rows_of(
        table::build(db, &report(View::Own(lycksele)))
            .await
            .unwrap(),
    );
    assert_eq!(
        row(&mine, "Lycksele")[1..],
        [
            Cell::Count(2),
            Cell::Count(1),
            Cell::Count(2),
            Cell::Count(1)
        ]
    );
    let region = rows_of(
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
    let l = row(&region, "Lycksele");
    assert_eq!(
        l[1..3],
        [Cell::Count(2), Cell::Count(1)],
        "vacancies and homes as they are"
    );
    assert_eq!(
        l[3..],
        [Cell::Hidden, Cell::Hidden],
        "two selections, one household: hidden"
    );
    assert_eq!(row(&region, "Totalt")[1], Cell::Count(2));
    // The page shows the table to both.
    app.get("/reports")
        .await
        .assert_contains("Hushåll som flyttat in efter ett urval");
}

/// The public pages: a municipality's published offers once its guide chooses to show
/// them, in the visitor's language, without contact persons.
async fn public_listings_show_what_is_published_without_contacts(mut app: TestApp) {
    published(&mut app, "dorotea", "Sjuksköterska i Dorotea", "nurse").await;
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    app.get("/vacancies/new").await;
    let last_day = in_days(25);
    let r = app
        .post(
            "/vacancies/new",
            &[
                ("employer", "Lycksele Trä AB"),
                ("contact_name", "Karin Kontakt"),
                ("contact_email", "karin@lyckseletra.se"),
                ("title", "Snickare"),
                ("extent", "full_time"),
                ("last_day", &last_day),
                ("description", "Vi bygger hus."),
                ("link", "https://lyckseletra.se/jobb"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    a_home(&mut app, "rent", "4", "Lycksele centrum").await;
    // An employer's vacancy still waiting is not public.
    send_as_employer(&mut app, "sv", &[("title", "Väntande tjänst")]).await;
    app.new_browser();
    app.get("/jobs")
        .await
        .assert_contains("Inga jobb är publicerade just nu.");
    assert!(!app.get("/interest").await.body.contains("/jobs?lang="));
    signed_in_guide(&mut app, "lena2@lycksele.se", "lycksele").await;
    app.get("/vacancies").await.assert_contains("Publika sidor");
    let r = app.post("/vacancies/listings", &[("show", "on")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "listings_changed").await, 1);
    app.new_browser();
    let jobs = app.get("/jobs?lang=de").await;
    assert_eq!(jobs.status, StatusCode::OK);
    jobs.assert_contains("Offene Stellen")
        .assert_contains("Snickare")
        .assert_contains("Lycksele Trä AB")
        .assert_contains("Vollzeit")
        .assert_contains("Bewerbung bis")
        .assert_contains(r#"href="https://lyckseletra.se/jobb""#);
    for absent in [
        "Karin",
        "karin@",
        "Väntande tjänst",
        "Sjuksköterska i Dorotea",
    ] {
        assert!(!jobs.body.contains(absent), "{absent} on the public page");
    }
    let homes = app.get("/homes?lang=nl&m=lycksele").await;
    homes
        .assert_contains("4 kamers")
        .assert_contains("Lycksele centrum")
        .assert_contains("huur 7");
    assert!(
        !homes.body.contains("Hyresvärden"),
        "no contact on the public page"
    );
    app.get("/interest?lang=en")
        .await
        .assert_contains(r#"href="/jobs?lang=en""#);
    // Hidden again by the guide.
    signed_in_guide(&mut app, "lena3@lycksele.se", "lycksele").await;
    app.get("/vacancies").await;
    app.post("/vacancies/listings", &[]).await;
    app.new_browser();
    assert!(!app.get("/jobs").await.body.contains("Snickare"));
}

both!(with crate::trust::quick;
    public_listings_show_what_is_published_without_contacts,
    the_report_counts_offers_and_hides_small_figures,
    vacancies_and_homes_come_in_from_a_spreadsheet,
    an_employer_vacancy_is_approved_published_and_expires,
    guides_keep_their_own_vacancies_and_homes,
    matches_read_occupations_in_four_languages_and_fit_the_home,
    a_selection_is_mailed_in_the_movers_language_and_shown_on_its_page,
);
