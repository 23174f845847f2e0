//! Role guards, inviting a user through a mailed link, changing access, deactivation.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use lotsbok::entities::{user, user_token};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::both;
use crate::helpers::TestApp;

const PW: &str = "a long enough password";

async fn role_guards(mut app: TestApp) {
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    app.create_user("lots@vilhelmina.se", "guide", Some("vilhelmina"), PW)
        .await;
    app.create_user("leader@region10.se", "coordinator", None, PW)
        .await;
    let admin_pages = [
        "/admin/users",
        "/admin/users/invite",
        "/admin/users/1",
        "/admin/outbox",
    ];

    for p in admin_pages {
        let r = app.get(p).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{p} signed out");
        assert!(r.location().starts_with("/login?next="), "{p}");
    }
    for who in ["lots@vilhelmina.se", "leader@region10.se"] {
        app.new_browser();
        app.login(who, PW).await;
        for p in admin_pages {
            let r = app.get(p).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} on {p}");
            r.assert_contains("Ingen behörighet");
        }
        let r = app
            .post("/admin/users/1", &[("admin", "on"), ("active", "on")])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} posting");
    }
    app.new_browser();
    app.login("admin@region10.se", PW).await;
    for p in admin_pages {
        assert_eq!(app.get(p).await.status, StatusCode::OK, "admin on {p}");
    }
    let list = app.get("/admin/users").await;
    list.assert_contains("lots@vilhelmina.se")
        .assert_contains("Vilhelmina")
        .assert_contains("Samordnare");
}

async fn invitation_by_mail(mut app: TestApp) {
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    app.login("admin@region10.se", PW).await;
    app.get("/admin/users/invite").await;
    let asele = lotsbok::accounts::find_municipality(&app.state.db, "asele")
        .await
        .unwrap()
        .id
        .to_string();

    // A guide without a municipality is refused, with what was typed kept.
    let bad = app
        .post(
            "/admin/users/invite",
            &[
                ("name", "Eva Lots"),
                ("email", "eva@asele.se"),
                ("locale", "en"),
                ("guide", "on"),
                ("municipality", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("En inflyttarlots måste ha en kommun")
        .assert_contains(r#"value="Eva Lots""#)
        .assert_contains(r#"value="eva@asele.se""#);

    let ok = app
        .post(
            "/admin/users/invite",
            &[
                ("name", "Eva Lots"),
                ("email", "eva@asele.se"),
                ("locale", "en"),
                ("guide", "on"),
                ("municipality", &asele),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    app.get("/admin/users")
        .await
        .assert_contains("Inbjudan är skickad")
        .assert_contains("Inbjuden");
    // The same address again is a field error, not a crash.
    app.get("/admin/users/invite").await;
    let dup = app
        .post(
            "/admin/users/invite",
            &[
                ("name", "Eva"),
                ("email", "EVA@asele.se"),
                ("locale", "sv"),
                ("coordinator", "on"),
            ],
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    dup.assert_contains("Det finns redan en användare med den e-postadressen");

    assert_eq!(app.deliver_mail().await, 1);
    let mails = app.mails();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.to, "eva@asele.se");
    assert_eq!(
        mail.subject, "You are invited to Lotsbok",
        "in the language chosen for her"
    );
    assert!(mail.html.contains("/invite/"));
    let link = mail.link_path("/invite/");

    app.new_browser();
    let page = app.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("eva@asele.se");
    let mismatch = app
        .post(
            &link,
            &[("password", PW), ("password2", "something else entirely")],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    mismatch.assert_contains("Lösenorden är inte lika");
    let set = app
        .post(&link, &[("password", PW), ("password2", PW)])
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    assert_eq!(set.location(), "/login");
    app.get("/login")
        .await
        .assert_contains("Ditt lösenord är sparat");
    let r = app
        .post("/login", &[("email", "eva@asele.se"), ("password", PW)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = app.get("/").await;
    home.assert_contains(r#"<html lang="en""#)
        .assert_contains("Åsele");

    // The link was for one use.
    app.new_browser();
    let again = app.get(&link).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    again.assert_contains("Be en administratör att skicka en ny inbjudan");
}

async fn expired_invitation_is_refused(mut app: TestApp) {
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    app.login("admin@region10.se", PW).await;
    app.get("/admin/users/invite").await;
    app.post(
        "/admin/users/invite",
        &[
            ("name", "Per"),
            ("email", "per@region10.se"),
            ("locale", "sv"),
            ("coordinator", "on"),
        ],
    )
    .await;
    app.deliver_mail().await;
    let link = app.mails()[0].link_path("/invite/");
    user_token::Entity::update_many()
        .col_expr(
            user_token::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    app.new_browser();
    assert_eq!(app.get(&link).await.status, StatusCode::NOT_FOUND);
    // Even a form posted with a valid session token cannot use the expired link.
    app.get("/login").await;
    let post = app
        .post(&link, &[("password", PW), ("password2", PW)])
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    let per = user::Entity::find()
        .filter(user::Column::Email.eq("per@region10.se"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(per.password_hash.is_none(), "nothing changed");
}

/// The admin (signed in from a new browser) keeps `guide` a guide of Storuman, active or not.
async fn storuman_guide_set_by_admin(app: &mut TestApp, guide: i64, active: bool) {
    app.new_browser();
    app.login("admin@region10.se", PW).await;
    app.get(&format!("/admin/users/{guide}")).await;
    let storuman = lotsbok::accounts::find_municipality(&app.state.db, "storuman")
        .await
        .unwrap()
        .id
        .to_string();
    let mut fields = vec![("guide", "on"), ("municipality", storuman.as_str())];
    if active {
        fields.push(("active", "on"));
    }
    let r = app.post(&format!("/admin/users/{guide}"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

async fn deactivation_ends_sessions(mut app: TestApp) {
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    let guide = app
        .create_user("lots@storuman.se", "guide", Some("storuman"), PW)
        .await;
    app.login("lots@storuman.se", PW).await;
    let guide_cookie = app.session_cookie();
    assert_eq!(app.get("/").await.status, StatusCode::OK);

    storuman_guide_set_by_admin(&mut app, guide, false).await;
    app.get("/admin/users").await.assert_contains("Avstängd");

    app.new_browser();
    app.set_session_cookie(guide_cookie);
    assert_eq!(
        app.get("/").await.status,
        StatusCode::SEE_OTHER,
        "the guide's session ended"
    );
    let r = app.login("lots@storuman.se", PW).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a deactivated account cannot sign in"
    );
}

async fn admin_cannot_lock_themselves_out(mut app: TestApp) {
    let me = app
        .create_user("admin@region10.se", "admin", None, PW)
        .await;
    app.login("admin@region10.se", PW).await;
    app.get(&format!("/admin/users/{me}")).await;
    let r = app
        .post(
            &format!("/admin/users/{me}"),
            &[("coordinator", "on"), ("active", "on")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Du kan inte ta bort din egen administratörsroll");
    let r = app
        .post(
            &format!("/admin/users/{me}"),
            &[("admin", "on"), ("coordinator", "on"), ("active", "on")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let row = user::Entity::find_by_id(me)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.is_admin && row.is_coordinator && row.active);
    assert_eq!(
        app.get("/admin/users/999999").await.status,
        StatusCode::NOT_FOUND
    );
}

both!(
    role_guards,
    invitation_by_mail,
    expired_invitation_is_refused,
    admin_cannot_lock_themselves_out,
);

/// The accounts held in memory (`reference`) trusted for an hour: only a change made
/// through this instance, which says so, can make it read them again at once.
fn trusted_long(cfg: &mut lotsbok::config::Config) {
    cfg.session.recheck_seconds = 3600;
}

/// Trusted for a second: a change made elsewhere must count within it.
fn trusted_a_second(cfg: &mut lotsbok::config::Config) {
    cfg.session.recheck_seconds = 1;
}

async fn reference_version(app: &TestApp) -> i64 {
    use lotsbok::entities::setting;
    setting::Entity::find_by_id(migration::REFERENCE_VERSION)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the version is kept")
        .value
        .parse()
        .unwrap()
}

/// Pages take the signed-in account and the names they show from memory: a name changed
/// straight in the database (as another instance would) is not seen while the copy is
/// trusted; a change made through this instance is seen at once, by every session.
async fn accounts_are_held_and_a_change_here_counts_at_once(mut app: TestApp) {
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    let guide = app
        .create_user("lots@storuman.se", "guide", Some("storuman"), PW)
        .await;
    app.login("lots@storuman.se", PW).await;
    let guide_cookie = app.session_cookie();
    app.get("/").await.assert_contains("Välkommen, Test lots!");

    let before = reference_version(&app).await;
    user::Entity::update_many()
        .col_expr(user::Column::Name, Expr::value("Ny Lots"))
        .filter(user::Column::Id.eq(guide))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert!(
        reference_version(&app).await > before,
        "the trigger raised it"
    );
    let held = app.get("/").await;
    held.assert_contains("Välkommen, Test lots!");

    storuman_guide_set_by_admin(&mut app, guide, true).await;
    app.new_browser();
    app.set_session_cookie(guide_cookie);
    app.get("/").await.assert_contains("Välkommen, Ny Lots!");
}

/// A deactivation made elsewhere (another instance, the command line, by hand) ends the
/// user's sessions here within `recheck_seconds`.
async fn a_deactivation_elsewhere_counts_within_the_recheck_time(mut app: TestApp) {
    let guide = app
        .create_user("lots@storuman.se", "guide", Some("storuman"), PW)
        .await;
    app.login("lots@storuman.se", PW).await;
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    user::Entity::update_many()
        .col_expr(user::Column::Active, Expr::value(false))
        .filter(user::Column::Id.eq(guide))
        .exec(&app.state.db)
        .await
        .unwrap();
    let changed = std::time::Instant::now();
    loop {
        let r = app.get("/").await;
        if r.status == StatusCode::SEE_OTHER {
            assert!(r.location().starts_with("/login"), "{}", r.location());
            break;
        }
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            changed.elapsed() < std::time::Duration::from_secs(5),
            "still signed in 5 s after a deactivation, trusted for 1 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // And the session is over for good, not only refused once.
    assert_eq!(app.get("/").await.status, StatusCode::SEE_OTHER);
}

both!(with super::trusted_long; deactivation_ends_sessions_at_once, accounts_are_held_and_a_change_here_counts_at_once);
both!(with super::trusted_a_second; a_deactivation_elsewhere_counts_within_the_recheck_time);

async fn deactivation_ends_sessions_at_once(app: TestApp) {
    deactivation_ends_sessions(app).await;
}
