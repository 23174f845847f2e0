//! Tenant isolation, derived from the router: every route that takes an id in its path is
//! requested, with GET and with POST, by a guide of another municipality and by a
//! coordinator, with an id of each kind seeded in Lycksele. A route added later is walked
//! without editing this file; a route with an id of a new kind fails here until its kind is
//! seeded below.

use axum::http::StatusCode;
use chrono::Utc;
use lotsbok::entities::{
    activity, campaign, consent, follow_up, import, lead, mover_token, outbox_mail, prospect, user,
};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

use crate::both;
use crate::helpers::{planted_passkey, seed_lead, signed_in_guide as guide, TestApp};

const PW: &str = "a long enough passphrase";
/// What no one outside Lycksele may see of Lycksele's records.
const SECRETS: &[&str] = &["Hemlig", "Lyckselemässan", "lycksele-lista.csv"];

/// An id of each kind, all of Lycksele.
struct Seeded {
    lead: i64,
    /// A second lead, the other one of a merge.
    other_lead: i64,
    follow_up: i64,
    import: i64,
    campaign: i64,
    user: i64,
    mail: i64,
    /// A passkey of Lycksele's guide.
    passkey: i64,
    /// A mailing of Lycksele's guide.
    mailing: i64,
    /// A vacancy and a home of Lycksele.
    vacancy: i64,
    home: i64,
    /// Spreadsheets of vacancies and of homes, uploaded by Lycksele's guide.
    vacancy_sheet: i64,
    home_sheet: i64,
}

impl Seeded {
    /// The path with its parameters replaced, or None for a route reached by a token the
    /// URL carries (a mover's link, an invitation, a calendar feed, a municipality's form):
    /// those are not reached through a session's scope, and their own tests cover them.
    fn fill(&self, route: &str) -> Option<String> {
        if route.contains("{token}") || route.contains("{slug}") {
            return None;
        }
        let id = if route.starts_with("/leads/import/") {
            self.import
        } else if route.starts_with("/leads/") {
            self.lead
        } else if route.starts_with("/events/") {
            self.campaign
        } else if route.starts_with("/admin/users/") {
            self.user
        } else if route.starts_with("/admin/outbox/") {
            self.mail
        } else if route.starts_with("/settings/passkeys/") {
            self.passkey
        } else if route.starts_with("/mailings/") {
            self.mailing
        } else if route.starts_with("/vacancies/import/") {
            self.vacancy_sheet
        } else if route.starts_with("/housing/import/") {
            self.home_sheet
        } else if route.starts_with("/vacancies/") {
            self.vacancy
        } else if route.starts_with("/housing/") {
            self.home
        } else {
            panic!("{route}: seed an id of its kind in tests/app/isolation.rs")
        };
        let path = route
            .replace("{id}", &id.to_string())
            .replace("{fid}", &self.follow_up.to_string())
            .replace("{other}", &self.other_lead.to_string());
        assert!(
            !path.contains('{'),
            "{route}: a parameter with no seeded id"
        );
        Some(path)
    }
}

/// Everything a refused request must leave as it was (not the audit trail: the start page
/// a fresh CSRF token comes from writes to it).
async fn fingerprint(app: &TestApp) -> Vec<u64> {
    let db = &app.state.db;
    let micros = |t: chrono::DateTime<Utc>| t.timestamp_micros() as u64;
    let leads = lead::Entity::find().all(db).await.unwrap();
    let prospects = prospect::Entity::find().all(db).await.unwrap();
    let follow_ups = follow_up::Entity::find().all(db).await.unwrap();
    let consents = consent::Entity::find().all(db).await.unwrap();
    let imports = import::Entity::find().all(db).await.unwrap();
    let users = user::Entity::find().all(db).await.unwrap();
    vec![
        leads.len() as u64,
        leads
            .iter()
            .map(|l| micros(l.updated_at) ^ l.municipality_id.unwrap_or(0) as u64)
            .sum(),
        prospects.len() as u64,
        prospects
            .iter()
            .map(|p| micros(p.updated_at) + p.anonymised_at.is_some() as u64)
            .sum(),
        activity::Entity::find().count(db).await.unwrap(),
        follow_ups.len() as u64,
        follow_ups.iter().filter(|f| f.done_at.is_some()).count() as u64,
        consents.len() as u64,
        consents.iter().filter(|c| c.withdrawn_at.is_some()).count() as u64,
        campaign::Entity::find().count(db).await.unwrap(),
        outbox_mail::Entity::find().count(db).await.unwrap(),
        mover_token::Entity::find().count(db).await.unwrap(),
        imports
            .iter()
            .map(|i| {
                i.state.len() as u64
                    + i.total_rows as u64
                    + i.checked as u64
                    + i.mapping.len() as u64
            })
            .sum(),
        users.iter().filter(|u| u.active).count() as u64,
        lotsbok::entities::passkey::Entity::find()
            .count(db)
            .await
            .unwrap(),
        lotsbok::entities::mailing::Entity::find()
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|m| micros(m.updated_at) + m.status.len() as u64)
            .sum(),
        lotsbok::entities::vacancy::Entity::find()
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|v| micros(v.updated_at) + v.status.len() as u64)
            .sum(),
        lotsbok::entities::home::Entity::find()
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|h| micros(h.updated_at) + h.status.len() as u64)
            .sum(),
        lotsbok::entities::selection::Entity::find()
            .count(db)
            .await
            .unwrap(),
        lotsbok::entities::offer_upload::Entity::find()
            .count(db)
            .await
            .unwrap(),
    ]
}

async fn seed(app: &mut TestApp) -> Seeded {
    let user = guide(app, "lena@lycksele.se", "lycksele").await;
    let lead = seed_lead(
        app,
        Some("lycksele"),
        ("Hemlig", "Person"),
        Some("hemlig@example.se"),
        None,
        "Umeå",
    )
    .await;
    let other_lead = seed_lead(
        app,
        Some("lycksele"),
        ("Hemlig", "Persson"),
        None,
        None,
        "Umeå",
    )
    .await;
    app.get(&format!("/leads/{lead}")).await;
    app.post(
        &format!("/leads/{lead}/follow-ups"),
        &[("title", "Ring Hemlig"), ("due_on", "2026-12-01")],
    )
    .await;
    let follow_up = follow_up::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    app.get("/leads/import").await;
    let r = app
        .upload(
            "/leads/import",
            "lycksele-lista.csv",
            "Förnamn;Efternamn;Ort\r\nHemlig;Importerad;Lycksele\r\n".as_bytes(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let import = import::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let campaign = campaign::ActiveModel {
        name: Set("Lyckselemässan".into()),
        kind: Set(lotsbok::domain::CampaignKind::Fair),
        municipality_id: Set(Some(
            lotsbok::accounts::find_municipality(&app.state.db, "lycksele")
                .await
                .unwrap()
                .id,
        )),
        created_by: Set(Some(user)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id;
    app.get("/mailings/new").await;
    let r = app
        .post(
            "/mailings",
            &[
                ("name", "Hemlig inbjudan"),
                ("subject_sv", "Hemligt"),
                ("body_sv", "Hemligt"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mailing = r
        .location()
        .trim_start_matches("/mailings/")
        .parse()
        .unwrap();
    let id_of = |r: &crate::helpers::Page, prefix: &str| -> i64 {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r.location().trim_start_matches(prefix).parse().unwrap()
    };
    app.get("/vacancies/new").await;
    let last_day = (Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
    let r = app
        .post(
            "/vacancies/new",
            &[
                ("employer", "Hemliga bolaget"),
                ("title", "Hemlig tjänst"),
                ("extent", "full_time"),
                ("last_day", &last_day),
                ("description", "Hemlig"),
            ],
        )
        .await;
    let vacancy = id_of(&r, "/vacancies/");
    app.get("/housing/new").await;
    let r = app
        .post(
            "/housing/new",
            &[
                ("tenure", "rent"),
                ("rooms", "3"),
                ("place", "Hemliga byn"),
                ("contact", "Hemlig hyresvärd"),
            ],
        )
        .await;
    let home = id_of(&r, "/housing/");
    let sheet = "Arbetsgivare;Titel;Sista ansökningsdag\nHemliga bolaget;Hemlig;2030-01-01\n";
    app.get("/vacancies/import").await;
    let r = app
        .upload("/vacancies/import", "hemlig.csv", sheet.as_bytes())
        .await;
    let vacancy_sheet = id_of(&r, "/vacancies/import/");
    app.get("/housing/import").await;
    let r = app
        .upload("/housing/import", "hemlig.csv", b"Ort;Rum\nHemliga byn;3\n")
        .await;
    let home_sheet = id_of(&r, "/housing/import/");
    // A mail in the outbox: the reset link Lena asks for.
    app.new_browser();
    app.get("/password/forgot").await;
    app.post("/password/forgot", &[("email", "lena@lycksele.se")])
        .await;
    app.state.settle().await;
    let mail = outbox_mail::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a mail queued")
        .id;
    let passkey = planted_passkey(app, user, "Lenas telefon").await;
    Seeded {
        lead,
        other_lead,
        follow_up,
        import,
        campaign,
        user,
        mail,
        passkey,
        mailing,
        vacancy,
        home,
        vacancy_sheet,
        home_sheet,
    }
}

/// A form body with a plausible value for every field a route may read.
const BODY: &[(&str, &str)] = &[
    ("first_name", "X"),
    ("last_name", "Y"),
    ("place", "Y"),
    ("adults", "1"),
    ("source", "other"),
    ("kind", "note"),
    ("body", "x"),
    ("title", "x"),
    ("due_on", "2026-12-01"),
    ("status", "contacted"),
    ("to_municipality", "1"),
    ("other", "1"),
    ("valid_only", "on"),
    ("email", "x@example.se"),
    ("confirm", "on"),
];

async fn every_route_with_an_id_is_scoped(mut app: TestApp) {
    let seeded = seed(&mut app).await;
    let routes = lotsbok::app::paths(&app.state.config);
    let with_id: Vec<&str> = routes.iter().copied().filter(|r| r.contains('{')).collect();
    assert!(
        with_id.len() > 20,
        "the router names its routes: {with_id:?}"
    );
    guide(&mut app, "mats@mala.se", "mala").await;
    let mut walked = 0;
    for who in ["guide of Malå", "coordinator"] {
        if who == "coordinator" {
            app.create_user("leader@region10.se", "coordinator", None, PW)
                .await;
            app.new_browser();
            app.login("leader@region10.se", PW).await;
        }
        let before = fingerprint(&app).await;
        for route in &with_id {
            let Some(path) = seeded.fill(route) else {
                continue;
            };
            let mut routed = false;
            for post in [false, true] {
                app.get("/").await; // a fresh CSRF token
                let r = if post {
                    app.post(&path, BODY).await
                } else {
                    app.get(&path).await
                };
                if r.status == StatusCode::METHOD_NOT_ALLOWED {
                    continue;
                }
                routed = true;
                walked += 1;
                let method = if post { "POST" } else { "GET" };
                // A coordinator may read campaigns (they hold no personal data); a guide of
                // another municipality reaches nothing of Lycksele's.
                let campaigns_allowed = who == "coordinator" && route.starts_with("/events/");
                for secret in SECRETS {
                    if campaigns_allowed && *secret == "Lyckselemässan" {
                        continue;
                    }
                    assert!(
                        !r.body.contains(secret),
                        "{who}: {method} {path} shows {secret}"
                    );
                }
                let refused = [StatusCode::NOT_FOUND, StatusCode::FORBIDDEN].contains(&r.status);
                if !campaigns_allowed {
                    assert!(refused, "{who}: {method} {path} answered {}", r.status);
                }
                assert_eq!(
                    fingerprint(&app).await,
                    before,
                    "{who}: {method} {path} changed something"
                );
            }
            assert!(routed, "{route}: neither GET nor POST is routed");
        }
    }
    assert!(walked > 40, "walked {walked} requests");
}

both!(every_route_with_an_id_is_scoped);
