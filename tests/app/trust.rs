//! What a guide, a mover and an attacker found in the first week of daily use, each as the
//! steps that showed it: a mover's data must not cross municipalities without the mover's
//! say, merges must work on what the public form made, and hostile input must not crash.

use axum::http::StatusCode;
use lotsbok::entities::{activity, consent, lead, mover_token, prospect};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::both;
use crate::helpers::{assert_counts_kept, signed_in_guide, TestApp};

pub fn token_in(html: &str) -> String {
    let at = html.find(r#"name="token" value=""#).expect("a token field");
    let rest = &html[at + r#"name="token" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The form's time trap lets a test submit at once (the trap itself is tested apart).
pub fn quick(c: &mut lotsbok::config::Config) {
    c.interest.min_seconds = 0;
    c.interest.per_minute = 100;
}

fn lead_id(location: &str) -> i64 {
    location
        .trim_start_matches("/leads/")
        .split(['#', '/', '?'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Submits the public form as a stranger (a fresh browser) for `municipalities` (none: the
/// regional pool).
pub async fn submit_form(
    app: &mut TestApp,
    first: &str,
    last: &str,
    email: &str,
    phone: &str,
    municipalities: &[&str],
) {
    let saved = app.session_cookie();
    app.new_browser();
    let token = token_in(&app.get("/interest").await.body);
    let mut f = vec![
        ("token", token.as_str()),
        ("first_name", first),
        ("last_name", last),
        ("email", email),
        ("phone", phone),
        ("country", "SE"),
        ("place", "Malmö"),
        ("adults", "1"),
        ("children", "0"),
        ("housing_wish", "rent"),
        ("contact_via", "email"),
        ("contact_language", "sv"),
        ("message", "Hej!"),
        ("consent", "yes"),
        ("website", ""),
    ];
    for m in municipalities {
        f.push(("m", m));
    }
    if municipalities.is_empty() {
        // No municipality chosen: help to choose, the regional pool.
        f.push(("help_choose", "on"));
    }
    let r = app.post_raw("/interest", &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.set_session_cookie(saved);
}

async fn lead_of(app: &TestApp, slug: &str) -> lead::Model {
    let m = lotsbok::accounts::find_municipality(&app.state.db, slug)
        .await
        .unwrap();
    let mut leads = lead::Entity::find()
        .filter(lead::Column::MunicipalityId.eq(m.id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(leads.len(), 1, "one lead in {slug}");
    leads.remove(0)
}

/// A mover sends the form for Lycksele and Dorotea in one submission; Lycksele's guide
/// signs in. Both leads (Lycksele's, Dorotea's).
async fn chose_two(
    app: &mut TestApp,
    (first, last): (&str, &str),
    email: &str,
    phone: &str,
) -> (lead::Model, lead::Model) {
    submit_form(app, first, last, email, phone, &["lycksele", "dorotea"]).await;
    let both = (
        lead_of(app, "lycksele").await,
        lead_of(app, "dorotea").await,
    );
    signed_in_guide(app, "lena@lycksele.se", "lycksele").await;
    both
}

/// A1: a known e-mail address must not route another municipality's record to a stranger.
async fn known_email_gets_its_own_record(mut app: TestApp) {
    signed_in_guide(&mut app, "vilma@vilhelmina.se", "vilhelmina").await;
    let vilma_browser = app.session_cookie();
    app.get("/leads/new").await;
    let r = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Vera"),
                ("last_name", "Berg"),
                ("email", "vera@example.se"),
                ("phone", "070-111 22 33"),
                ("place", "Hemligby"),
                ("adults", "1"),
                ("source", "phone"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let vera = lead_id(r.location());
    app.get(&format!("/leads/{vera}")).await;
    app.post(
        &format!("/leads/{vera}/activities"),
        &[("kind", "note"), ("body", "Vilhelminas hemliga anteckning")],
    )
    .await;

    submit_form(
        &mut app,
        "Vera",
        "Främling",
        "vera@example.se",
        "+46 70 999 88 77",
        &["lycksele"],
    )
    .await;
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let theirs = lead_of(&app, "lycksele").await;
    let page = app.get(&format!("/leads/{}", theirs.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Främling");
    for secret in ["Hemligby", "111 22 33", "hemliga anteckning", "Berg"] {
        assert!(
            !page.body.contains(secret),
            "Lycksele sees Vilhelmina's {secret}"
        );
    }
    // Nothing the stranger typed changed Vilhelmina's record.
    let db = app.state.db.clone();
    let v = lead::Entity::find_by_id(vera)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(v.prospect_id, theirs.prospect_id);
    let vp = prospect::Entity::find_by_id(v.prospect_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (vp.last_name.as_str(), vp.place.as_deref()),
        ("Berg", Some("Hemligby"))
    );
    let told = activity::Entity::find()
        .filter(activity::Column::LeadId.eq(vera))
        .filter(activity::Column::Kind.eq("message"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(told, 0, "Vilhelmina's lead hears nothing of it");

    // Lycksele erasing its lead leaves Vilhelmina's record and note alone.
    app.get(&format!("/leads/{}/erase", theirs.id)).await;
    let r = app.post(&format!("/leads/{}/erase", theirs.id), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let vp = prospect::Entity::find_by_id(v.prospect_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(vp.anonymised_at.is_none());
    app.set_session_cookie(vilma_browser);
    app.get(&format!("/leads/{vera}"))
        .await
        .assert_contains("Vilhelminas hemliga anteckning")
        .assert_contains("Hemligby");
    assert_counts_kept(&app).await;
}

/// A1, the rest: a mover who chose two municipalities in one submission gives each the
/// submission; erasing at one municipality's request leaves the other's record.
async fn one_submission_for_two_erased_at_one(mut app: TestApp) {
    let (ly, dor) = chose_two(&mut app, ("Tove", "Ek"), "tove@example.se", "070-222 33 44").await;
    assert_eq!(ly.prospect_id, dor.prospect_id, "the mover chose both");
    app.get(&format!("/leads/{}", ly.id)).await;
    app.post(&format!("/leads/{}/erase", ly.id), &[]).await;
    let db = &app.state.db;
    let dp = prospect::Entity::find_by_id(dor.prospect_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(dp.anonymised_at.is_none(), "Dorotea's record stays");
    assert_eq!(dp.first_name, "Tove");
    let ly = lead::Entity::find_by_id(ly.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let lp = prospect::Entity::find_by_id(ly.prospect_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(lp.anonymised_at.is_some(), "Lycksele's copy is erased");
    assert_eq!(
        mover_token::Entity::find()
            .filter(mover_token::Column::ProspectId.eq(dp.id))
            .count(db)
            .await
            .unwrap(),
        1,
        "the mover's link still opens what Dorotea holds"
    );
    assert_counts_kept(&app).await;
}

/// A2: merging in one municipality never changes another's records.
async fn merge_leaves_other_municipalities_alone(mut app: TestApp) {
    let (ly, dor) = chose_two(&mut app, ("Maj", "Nord"), "maj@example.se", "070-333 44 55").await;
    app.get("/leads/new").await;
    let r = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Majken"),
                ("last_name", "Nordin"),
                ("phone", "070-333 44 55"),
                ("place", "Lyckselebyn"),
                ("adults", "1"),
                ("source", "phone"),
                ("create_anyway", "on"),
            ],
        )
        .await;
    let kept = lead_id(r.location());
    // Both ways round: the shared lead kept, and the shared lead merged away.
    let r = app
        .post(
            &format!("/leads/{kept}/merge"),
            &[("other", &ly.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let db = &app.state.db;
    let d = lead::Entity::find_by_id(dor.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        d.prospect_id, dor.prospect_id,
        "Dorotea's lead keeps its person"
    );
    let dp = prospect::Entity::find_by_id(d.prospect_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (dp.first_name.as_str(), dp.place.as_deref()),
        ("Maj", Some("Malmö"))
    );
    assert_eq!(
        consent::Entity::find()
            .filter(consent::Column::ProspectId.eq(dp.id))
            .count(db)
            .await
            .unwrap(),
        1
    );
    assert_counts_kept(&app).await;

    // And a shared lead kept: Dorotea's record does not gain what Lycksele's duplicate knew.
    submit_form(
        &mut app,
        "Ola",
        "Berg",
        "ola@example.se",
        "070-444 55 66",
        &["lycksele", "dorotea"],
    )
    .await;
    let ola_leads = lead::Entity::find()
        .filter(lead::Column::Id.gt(kept))
        .all(&app.state.db)
        .await
        .unwrap();
    let ola_ly = ola_leads
        .iter()
        .find(|l| l.municipality_id == ly.municipality_id)
        .unwrap()
        .id;
    let ola_dor = ola_leads
        .iter()
        .find(|l| l.municipality_id == dor.municipality_id)
        .unwrap()
        .clone();
    app.get("/leads/new").await;
    let r = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Ola"),
                ("last_name", "Berg"),
                ("phone", "070-444 55 66"),
                ("occupation", "Lycksele-snickare"),
                ("adults", "1"),
                ("source", "phone"),
                ("create_anyway", "on"),
            ],
        )
        .await;
    let dup = lead_id(r.location());
    let r = app
        .post(
            &format!("/leads/{ola_ly}/merge"),
            &[("other", &dup.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let db = &app.state.db;
    let dp = prospect::Entity::find_by_id(ola_dor.prospect_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dp.occupation, None, "Dorotea's record is unchanged");
    let kept_ly = lead::Entity::find_by_id(ola_ly)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let kp = prospect::Entity::find_by_id(kept_ly.prospect_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kp.occupation.as_deref(), Some("Lycksele-snickare"));
    assert_counts_kept(&app).await;
}

/// A3: two leads from the public form merge; consents and the mover's link carry over.
async fn merge_leads_from_the_form(mut app: TestApp) {
    submit_form(
        &mut app,
        "Maria",
        "Lindqvist",
        "maria.l@example.se",
        "070-555 66 77",
        &["lycksele"],
    )
    .await;
    submit_form(
        &mut app,
        "Maria",
        "Lindkvist",
        "maria.lindkvist@example.se",
        "+46705556677",
        &["lycksele"],
    )
    .await;
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let db = app.state.db.clone();
    let leads = lead::Entity::find().all(&db).await.unwrap();
    assert_eq!(leads.len(), 2);
    let (keep, other) = (&leads[0], &leads[1]);
    app.get(&format!("/leads/{}", keep.id)).await;
    let r = app
        .post(
            &format!("/leads/{}/merge", keep.id),
            &[("other", &other.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(lead::Entity::find().count(&db).await.unwrap(), 1);
    assert!(prospect::Entity::find_by_id(other.prospect_id)
        .one(&db)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        consent::Entity::find()
            .filter(consent::Column::ProspectId.eq(keep.prospect_id))
            .count(&db)
            .await
            .unwrap(),
        2,
        "both consents carried over"
    );
    // The second mail's self-service link opens the merged record.
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "maria.lindkvist@example.se")
        .expect("a confirmation");
    let link = mail.link_path("/my/");
    app.new_browser();
    app.get(&link).await.assert_contains("Lindqvist");
    assert_counts_kept(&app).await;
}

/// A1, an edit: a guide's correction of a record the mover gave two municipalities stays
/// that guide's; the mover's link still reaches both records, to withdraw and to erase.
async fn edit_stays_in_its_municipality(mut app: TestApp) {
    let (ly, dor) = chose_two(&mut app, ("Eva", "Två"), "eva@example.se", "070-777 88 99").await;
    app.get(&format!("/leads/{}/edit", ly.id)).await;
    let r = app
        .post(
            &format!("/leads/{}/edit", ly.id),
            &[
                ("first_name", "Eva"),
                ("last_name", "Två"),
                ("email", "eva@example.se"),
                ("phone", "070-777 88 99"),
                ("place", "Malmö"),
                ("adults", "1"),
                ("source", "interest_form"),
                ("notes", "Lyckseles egen anteckning"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let db = app.state.db.clone();
    let dp = prospect::Entity::find_by_id(dor.prospect_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        dp.notes, None,
        "Dorotea's record does not get Lycksele's note"
    );
    let ly_now = lead::Entity::find_by_id(ly.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(
        ly_now.prospect_id, dor.prospect_id,
        "Lycksele works on its own copy"
    );

    // The mover's link opens both, and withdrawing and erasing reach both.
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "eva@example.se")
        .unwrap();
    let link = mail.link_path("/my/");
    let base = link.split('?').next().unwrap().to_string();
    app.new_browser();
    let mine = app.get(&link).await;
    mine.assert_contains("Lycksele").assert_contains("Dorotea");
    app.post_raw(&format!("{base}/withdraw?lang=sv"), &[]).await;
    let open = consent::Entity::find()
        .filter(consent::Column::WithdrawnAt.is_null())
        .count(&db)
        .await
        .unwrap();
    assert_eq!(open, 0, "withdrawn on the copy too");
    // A stranger with the address cannot give the consent back.
    submit_form(&mut app, "Eva", "Två", "eva@example.se", "", &["lycksele"]).await;
    let open = consent::Entity::find()
        .filter(consent::Column::WithdrawnAt.is_null())
        .count(&db)
        .await
        .unwrap();
    assert_eq!(
        open, 0,
        "a submission gives no consent back to a record it returns to"
    );
    app.post_raw(&format!("{base}/erase?lang=sv"), &[]).await;
    for p in [dor.prospect_id, ly_now.prospect_id] {
        let p = prospect::Entity::find_by_id(p)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            p.anonymised_at.is_some(),
            "erased everywhere at the mover's say"
        );
    }
    assert_counts_kept(&app).await;
}

/// A3, the mover's side: a form lead merged into one a guide made by hand stays within the
/// mover's reach; its link shows the kept record and erases it.
async fn merge_keeps_the_movers_link(mut app: TestApp) {
    let (ly, dor) = chose_two(&mut app, ("Greta", "Mueller"), "greta@example.de", "").await;
    app.get("/leads/new").await;
    let r = app
        .post(
            "/leads/new",
            &[
                ("first_name", "Greta"),
                ("last_name", "Mueller (telefon)"),
                ("email", "greta@example.de"),
                ("adults", "1"),
                ("source", "phone"),
                ("note", "Lyckseles samtal"),
                ("create_anyway", "on"),
            ],
        )
        .await;
    let kept = lead_id(r.location());
    app.get(&format!("/leads/{kept}")).await;
    let r = app
        .post(
            &format!("/leads/{kept}/merge"),
            &[("other", &ly.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "greta@example.de")
        .unwrap();
    let link = mail.link_path("/my/");
    let base = link.split('?').next().unwrap().to_string();
    app.new_browser();
    app.get(&link)
        .await
        .assert_contains("Lycksele")
        .assert_contains("Dorotea")
        .assert_contains("Lyckseles samtal");
    app.post_raw(&format!("{base}/erase?lang=sv"), &[]).await;
    let db = &app.state.db;
    for l in [kept, dor.id] {
        let l = lead::Entity::find_by_id(l).one(db).await.unwrap().unwrap();
        let p = prospect::Entity::find_by_id(l.prospect_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            p.anonymised_at.is_some(),
            "lead {} erased at the mover's say",
            l.id
        );
    }
    assert_counts_kept(&app).await;
}

both!(with super::quick;
    merge_keeps_the_movers_link,
    edit_stays_in_its_municipality,
    known_email_gets_its_own_record,
    one_submission_for_two_erased_at_one,
    merge_leaves_other_municipalities_alone,
    merge_leads_from_the_form,
);

// --- What the guide must see ---------------------------------------------------------------

/// B4: a withdrawn consent shows on the lead page, in the list and as a filter; the mover's
/// own entries have titles on the timeline.
async fn withdrawn_consent_is_seen(mut app: TestApp) {
    submit_form(&mut app, "Wim", "Weg", "wim@example.nl", "", &["lycksele"]).await;
    submit_form(&mut app, "Kim", "Kvar", "kim@example.nl", "", &["lycksele"]).await;
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "wim@example.nl")
        .unwrap();
    let link = mail.link_path("/my/");
    let base = link.split('?').next().unwrap().to_string();
    app.new_browser();
    app.get(&link).await;
    let r = app
        .post_raw(
            &format!("{base}/contact?lang=sv"),
            &[
                ("first_name", "Wim"),
                ("last_name", "Weg"),
                ("email", "wim@example.nl"),
                ("place", "Delft"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app.post_raw(&format!("{base}/withdraw?lang=sv"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let wim = lead::Entity::find()
        .order_by_asc(lead::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let page = app.get(&format!("/leads/{}", wim.id)).await;
    page.assert_contains("Intressenten tog tillbaka sitt samtycke")
        .assert_contains("Kontakta inte intressenten igen")
        .assert_contains("Intressenten rättade sina kontaktuppgifter");
    assert!(
        !page.body.contains("<strong></strong>"),
        "every entry has a title"
    );
    let list = app.get("/leads").await;
    assert_eq!(
        list.body.matches("Samtycke återkallat").count(),
        1,
        "one mark"
    );
    let only = app.get("/leads?withdrawn=on").await;
    only.assert_contains("Wim").assert_contains("1 intressent");
    assert!(!only.body.contains("Kim"));
    only.assert_contains(r#"<details open"#);
    // The English list says it too.
    app.get("/leads?lang=en")
        .await
        .assert_contains("Consent withdrawn");
}

/// B5: today's follow-ups come first, and no overdue one is dropped without a count.
async fn todays_follow_ups_first(mut app: TestApp) {
    use chrono::Duration;
    use lotsbok::entities::follow_up;
    use sea_orm::ActiveModelTrait;
    let guide = signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id =
        crate::helpers::seed_lead(&app, Some("lycksele"), ("Olle", "Ofta"), None, None, "By").await;
    let m = lead::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let today = lotsbok::web::format::today();
    let add = |title: String, due| follow_up::ActiveModel {
        lead_id: sea_orm::Set(id),
        municipality_id: sea_orm::Set(m.municipality_id),
        kind: sea_orm::Set(lotsbok::domain::FollowUpKind::Task),
        title: sea_orm::Set(title),
        due_on: sea_orm::Set(due),
        created_by: sea_orm::Set(Some(guide)),
        created_at: sea_orm::Set(chrono::Utc::now()),
        ..Default::default()
    };
    for i in 0..250 {
        add(format!("Gammal {i}"), today - Duration::days(400 - i))
            .insert(&app.state.db)
            .await
            .unwrap();
    }
    for t in ["Ring idag A", "Ring idag B", "Ring idag C"] {
        add(t.into(), today).insert(&app.state.db).await.unwrap();
    }
    let home = app.get("/").await;
    let body = &home.body;
    for t in ["Ring idag A", "Ring idag B", "Ring idag C"] {
        assert!(body.contains(t), "{t} is on the start page");
    }
    let today_at = body.find("Att göra idag").unwrap();
    let overdue_at = body.find("Försenade (250)").expect("the overdue count");
    assert!(today_at < overdue_at, "today first");
    home.assert_contains("Mer än 30 dagar sedan (250)")
        .assert_contains("Visar 5 av 250")
        .assert_contains(r#"href="/follow-ups?when=overdue&amp;age=months">Visa alla 250"#)
        .assert_contains("Gammal 249");
    assert!(
        !body.contains("Gammal 0 ("),
        "the oldest are behind the link"
    );
}

/// B6: a stay check cannot be answered before it is due.
async fn stay_check_not_before_due(mut app: TestApp) {
    use lotsbok::entities::follow_up;
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let id =
        crate::helpers::seed_lead(&app, Some("lycksele"), ("Ny", "Inflyttad"), None, None, "x")
            .await;
    app.get(&format!("/leads/{id}")).await;
    let today = lotsbok::web::format::today().to_string();
    let r = app
        .post(
            &format!("/leads/{id}/status"),
            &[
                ("status", "moved_in"),
                ("moved_in_on", today.as_str()),
                ("moved_adults", "2"),
                ("moved_children", "0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/leads/{id}")).await;
    assert!(
        !page.body.contains(r#"id="f-answer-stay-"#),
        "no choice of answer before it is due"
    );
    page.assert_contains("kan besvaras från");
    let six = follow_up::Entity::find()
        .filter(follow_up::Column::LeadId.eq(id))
        .filter(follow_up::Column::Kind.eq("stay_6"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let r = app
        .post(
            &format!("/leads/{id}/follow-ups/{}/stay", six.id),
            &[
                (&format!("answer-stay-{}", six.id), "stayed"),
                (&format!("answered_on-stay-{}", six.id), today.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get(r.location())
        .await
        .assert_contains("kan besvaras först när den är aktuell");
    let six = follow_up::Entity::find_by_id(six.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (six.answer, six.done_at),
        (None, None),
        "still open, unanswered"
    );
    // Before it is due, the form offers only "they told me they have moved away" …
    let page = app.get(&format!("/leads/{id}")).await;
    page.assert_contains("Har hushållet redan berättat att de flyttat?");
    // … and "stayed" is refused even when marked as told early.
    let (answer, early, said) = (
        format!("answer-stay-{}", six.id),
        format!("early-stay-{}", six.id),
        format!("answered_on-stay-{}", six.id),
    );
    let path = format!("/leads/{id}/follow-ups/{}/stay", six.id);
    let form = |a: &'static str| {
        [
            (answer.as_str(), a),
            (early.as_str(), "1"),
            (said.as_str(), today.as_str()),
        ]
    };
    let r = app.post(&path, &form("stayed")).await;
    app.get(r.location())
        .await
        .assert_contains("kan besvaras först när den är aktuell");
    let r = app.post(&path, &form("moved_away")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let six = follow_up::Entity::find_by_id(six.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            six.answer.as_deref(),
            six.answered_on.map(|d| d.to_string())
        ),
        (Some("moved_away"), Some(today.clone())),
        "recorded early, with the day it was said"
    );
    assert!(six.done_at.is_some());
}

/// B7: fair mode mails the visitor in the visitor's language.
async fn fair_mode_in_the_visitors_language(mut app: TestApp) {
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    app.get("/events").await;
    let r = app
        .post(
            "/events",
            &[
                ("name", "Emigratie Expo"),
                ("kind", "fair"),
                ("municipality", ""),
            ],
        )
        .await;
    let event: i64 = r.location().trim_start_matches("/events/").parse().unwrap();
    let form = app.get(&format!("/events/{event}/capture")).await;
    form.assert_contains("Besökarens språk")
        .assert_contains(r#"<option value="de">Deutsch</option>"#);
    let r = app
        .post(
            &format!("/events/{event}/capture"),
            &[
                ("first_name", "Jana"),
                ("email", "jana@example.de"),
                ("interest", "lycksele"),
                ("language", "de"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The next visitor's language is preset to the last one's.
    app.get(r.location())
        .await
        .assert_contains(r#"<option value="de" selected>Deutsch</option>"#);
    app.deliver_mail().await;
    assert!(
        !app.mails().iter().any(|m| m.to == "lena@lycksele.se"),
        "the guide is not mailed about what it typed in itself"
    );
    let entry = lotsbok::entities::audit_entry::Entity::find()
        .filter(lotsbok::entities::audit_entry::Column::Action.eq("interest_submitted"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        entry.user_id.is_some(),
        "the audit names the guide who typed it in"
    );
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.to == "jana@example.de")
        .unwrap();
    assert_eq!(mail.subject, "Vielen Dank für Ihre Interessenanmeldung");
    assert!(mail.text.contains("lang=de"));
    let p = prospect::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.preferred_language, "de");
}

/// B8: the audit log speaks the reader's language; its CSV keeps the codes beside the words.
async fn audit_log_in_words(mut app: TestApp) {
    let id = crate::helpers::seed_lead(&app, Some("mala"), ("A", "B"), None, None, "x").await;
    signed_in_guide(&mut app, "lots@mala.se", "mala").await;
    app.get(&format!("/leads/{id}")).await;
    app.get("/leads").await;
    app.create_user("admin@region10.se", "admin", None, crate::helpers::GUIDE_PW)
        .await;
    app.new_browser();
    app.login("admin@region10.se", crate::helpers::GUIDE_PW)
        .await;
    let log = app.get("/admin/audit").await;
    log.assert_contains("Intressent visad")
        .assert_contains("Intressentlistan visad")
        .assert_contains("1 visad<")
        .assert_contains("Intressent ");
    for code in ["lead_viewed", "leads_listed", "1 shown", "<code>"] {
        assert!(
            !log.body.contains(&format!(">{code}<")),
            "{code} shown as a code"
        );
    }
    app.get("/admin/audit?lang=en")
        .await
        .assert_contains("Lead viewed")
        .assert_contains("1 shown");
    let csv = String::from_utf8(app.get_bytes("/admin/audit/export.csv").await).unwrap();
    assert!(csv.contains("lead_viewed,Lead viewed"), "{csv}");
}

both!(with super::quick;
    withdrawn_consent_is_seen,
    todays_follow_ups_first,
    stay_check_not_before_due,
    fair_mode_in_the_visitors_language,
    audit_log_in_words,
);
