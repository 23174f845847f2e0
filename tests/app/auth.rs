//! Sign-in, wrong password, throttling, sign-out, session fixation, CSRF, first-start setup.

use axum::http::StatusCode;
use lotsbok::entities::{audit_entry, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::TestApp;

const PW: &str = "a long enough password";

async fn sign_in_and_out(mut app: TestApp) {
    app.create_user("lots@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let anon = app.get("/").await;
    assert_eq!(anon.status, StatusCode::SEE_OTHER);
    assert_eq!(anon.location(), "/login?next=%2F");

    let res = app.login("Lots@Lycksele.se ", PW).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/");
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    home.assert_contains("Välkommen, Test lots!")
        .assert_contains("Lycksele");

    let cookie = app.session_cookie();
    let out = app.post("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.location(), "/login?bye=1");
    assert_eq!(app.get("/").await.status, StatusCode::SEE_OTHER);
    // The old cookie is dead: its session was deleted, not just forgotten by the browser.
    app.set_session_cookie(cookie);
    let replay = app.get("/").await;
    assert_eq!(replay.status, StatusCode::SEE_OTHER);
    let logins = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.is_in(["login", "logout"]))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(logins, 2);
}

async fn wrong_password_keeps_the_email(mut app: TestApp) {
    app.create_user("lots@dorotea.se", "guide", Some("dorotea"), PW)
        .await;
    let res = app.login("lots@dorotea.se", "not the password").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    res.assert_contains("Fel e-postadress eller lösenord")
        .assert_contains(r#"value="lots@dorotea.se""#)
        .assert_contains(r#"role="alert""#);
    assert!(!res.body.contains("not the password"));
    let empty = app.post("/login", &[("email", ""), ("password", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty
        .assert_contains("Skriv en e-postadress.")
        .assert_contains("Skriv ditt lösenord.");
    assert_eq!(app.get("/").await.status, StatusCode::SEE_OTHER);
}

async fn throttling_per_account_and_per_client(mut app: TestApp) {
    app.create_user("lots@mala.se", "guide", Some("mala"), PW)
        .await;
    for _ in 0..5 {
        let r = app.login("lots@mala.se", "wrong password!").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Now even the right password is refused, from this or any other address.
    app.client = "198.51.100.1:1000".parse().unwrap();
    let r = app.login("lots@mala.se", PW).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    r.assert_contains("För många misslyckade inloggningar");
    assert_eq!(app.get("/").await.status, StatusCode::SEE_OTHER);

    // An unknown account gets the same answer after as many failures.
    for _ in 0..5 {
        let r = app.login("nobody@mala.se", "wrong password!").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.assert_contains("Fel e-postadress eller lösenord");
    }
    let r = app.login("nobody@mala.se", "wrong password!").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);

    // Per client address: 20 failures over many accounts block the address for all accounts.
    app.create_user("lots@norsjo.se", "guide", Some("norsjo"), PW)
        .await;
    app.client = "192.0.2.50:1000".parse().unwrap();
    for i in 0..20 {
        app.login(&format!("guess{i}@example.org"), "wrong password!")
            .await;
    }
    let r = app.login("lots@norsjo.se", PW).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    app.client = "192.0.2.51:1000".parse().unwrap();
    let r = app.login("lots@norsjo.se", PW).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

async fn session_id_changes_at_sign_in(mut app: TestApp) {
    app.create_user("lots@sorsele.se", "guide", Some("sorsele"), PW)
        .await;
    // Looking at the sign-in page stores nothing; choosing a language does.
    app.get("/login").await;
    assert!(
        app.session_cookie().is_none(),
        "no session just for looking"
    );
    app.get("/login?lang=en").await;
    let before = app
        .session_cookie()
        .expect("a session for the language chosen");
    let r = app
        .post("/login", &[("email", "lots@sorsele.se"), ("password", PW)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = app.session_cookie().expect("a session after sign-in");
    assert_ne!(before, after, "the session id must be cycled at sign-in");
    // An attacker who planted `before` gets nothing.
    app.set_session_cookie(Some(before));
    assert_eq!(app.get("/").await.status, StatusCode::SEE_OTHER);
    app.set_session_cookie(Some(after));
    assert_eq!(app.get("/").await.status, StatusCode::OK);
}

async fn csrf_is_required(mut app: TestApp) {
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    app.login("admin@region10.se", PW).await;
    app.get("/admin/users/invite").await;
    let fields = [
        ("name", "Ny Lots"),
        ("email", "ny@arjeplog.se"),
        ("locale", "sv"),
        ("guide", "on"),
        ("municipality", "1"),
    ];
    let no_token = app.post_raw("/admin/users/invite", &fields).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    no_token.assert_contains("Formuläret kunde inte skickas");
    let mut forged = fields.to_vec();
    forged.push(("csrf", "00000000000000000000000000000000"));
    assert_eq!(
        app.post_raw("/admin/users/invite", &forged).await.status,
        StatusCode::FORBIDDEN
    );
    let users = user::Entity::find().count(&app.state.db).await.unwrap();
    assert_eq!(users, 1, "nothing was created");
    // Logout needs the token too: without it, the session lives on.
    assert_eq!(
        app.post_raw("/logout", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    // With it, the invitation goes through.
    assert_eq!(
        app.post("/admin/users/invite", &fields).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn first_admin_setup(mut app: TestApp) {
    let link = lotsbok::auth::setup::first_start_link(&app.state)
        .await
        .unwrap()
        .expect("a link");
    let path = link
        .strip_prefix("http://127.0.0.1:3000")
        .unwrap()
        .to_string();
    let form = app.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("Skapa den första administratören");

    let bad = app
        .post(
            &path,
            &[
                ("name", "Anna Admin"),
                ("email", "anna@"),
                ("password", "short"),
                ("password2", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains(r#"value="Anna Admin""#)
        .assert_contains("Skriv en e-postadress i formen")
        .assert_contains("minst 12 tecken");

    let ok = app
        .post(
            &path,
            &[
                ("name", "Anna Admin"),
                ("email", "anna@region10.se"),
                ("password", PW),
                ("password2", PW),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let home = app.get("/").await;
    home.assert_contains("Administratören är skapad")
        .assert_contains("/admin/users");

    // The link is spent, and no new one is made while an admin exists.
    app.new_browser();
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    assert!(lotsbok::auth::setup::first_start_link(&app.state)
        .await
        .unwrap()
        .is_none());
    // The new admin signs in with the chosen password.
    assert_eq!(
        app.login("anna@region10.se", PW).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn forged_setup_link_is_refused(mut app: TestApp) {
    lotsbok::auth::setup::first_start_link(&app.state)
        .await
        .unwrap();
    let page = app.get("/setup/0123456789abcdef0123456789abcdef").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_contains("Länken fungerar inte");
}

both!(
    sign_in_and_out,
    wrong_password_keeps_the_email,
    throttling_per_account_and_per_client,
    session_id_changes_at_sign_in,
    csrf_is_required,
    first_admin_setup,
    forged_setup_link_is_refused,
);

/// Idle expiry: a session whose expiry has passed in the store no longer signs anyone in.
async fn idle_sessions_expire(mut app: TestApp) {
    use sea_orm::{ConnectionTrait, DatabaseBackend};
    app.create_user("lots@arjeplog.se", "guide", Some("arjeplog"), PW)
        .await;
    app.login("lots@arjeplog.se", PW).await;
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    let sql = match app.state.db.get_database_backend() {
        DatabaseBackend::Postgres => {
            "UPDATE tower_sessions.session SET expiry_date = now() - interval '1 minute'"
        }
        _ => "UPDATE tower_sessions SET expiry_date = unixepoch() - 60",
    };
    app.state.db.execute_unprepared(sql).await.unwrap();
    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login"));
}

both!(idle_sessions_expire);

/// Reading pages does not write the session (a write per view would queue behind every
/// other write on SQLite): its stored row changes only for a reason, such as a notice.
async fn reading_pages_leaves_the_session_row_alone(mut app: TestApp) {
    use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
    app.create_user("lots@arjeplog.se", "guide", Some("arjeplog"), PW)
        .await;
    app.login("lots@arjeplog.se", PW).await;
    app.get("/").await;
    let db = app.state.db.clone();
    let sql = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            "SELECT CAST(expiry_date AS TEXT) AS e, encode(data, 'hex') AS d FROM tower_sessions.session"
        }
        _ => "SELECT CAST(expiry_date AS TEXT) AS e, hex(data) AS d FROM tower_sessions",
    };
    let row = || async {
        let r = db
            .query_one(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        (
            r.try_get::<String>("", "e").unwrap(),
            r.try_get::<String>("", "d").unwrap(),
        )
    };
    let before = row().await;
    for path in ["/leads", "/", "/leads/new", "/settings"] {
        assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
    }
    assert_eq!(row().await, before, "no page view saved the session");
}

both!(reading_pages_leaves_the_session_row_alone);
