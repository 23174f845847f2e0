//! What a guide, a mover and an attacker found in the first week of daily use, each as the
//! steps that showed it: a mover's data must not cross municipalities without the mover's
//! say, merges must work on what the public form made, and hostile input must not crash.

use axum::http::StatusCode;
use lotsbok::entities::{activity, consent, lead, mover_token, prospect};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

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

/// Submits the public form as a stranger (a fresh browser) for `municipalities`.
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
    let r = app.post_raw("/interest", &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.set_session_cookie(saved);
}

async fn lead_of(app: &TestApp, slug: &str) -> lead::Model {
    let m = lotsbok::admin::users::find_municipality(&app.state.db, slug)
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
    submit_form(
        &mut app,
        "Tove",
        "Ek",
        "tove@example.se",
        "070-222 33 44",
        &["lycksele", "dorotea"],
    )
    .await;
    let (ly, dor) = (lead_of(&app, "lycksele").await, lead_of(&app, "dorotea").await);
    assert_eq!(ly.prospect_id, dor.prospect_id, "the mover chose both");
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
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
    let ly = lead::Entity::find_by_id(ly.id).one(db).await.unwrap().unwrap();
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
    submit_form(
        &mut app,
        "Maj",
        "Nord",
        "maj@example.se",
        "070-333 44 55",
        &["lycksele", "dorotea"],
    )
    .await;
    let (ly, dor) = (lead_of(&app, "lycksele").await, lead_of(&app, "dorotea").await);
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
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
        .post(&format!("/leads/{kept}/merge"), &[("other", &ly.id.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let db = &app.state.db;
    let d = lead::Entity::find_by_id(dor.id).one(db).await.unwrap().unwrap();
    assert_eq!(d.prospect_id, dor.prospect_id, "Dorotea's lead keeps its person");
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
        .post(&format!("/leads/{ola_ly}/merge"), &[("other", &dup.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let db = &app.state.db;
    let dp = prospect::Entity::find_by_id(ola_dor.prospect_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dp.occupation, None, "Dorotea's record is unchanged");
    let kept_ly = lead::Entity::find_by_id(ola_ly).one(db).await.unwrap().unwrap();
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

both!(with super::quick;
    known_email_gets_its_own_record,
    one_submission_for_two_erased_at_one,
    merge_leaves_other_municipalities_alone,
    merge_leads_from_the_form,
);
