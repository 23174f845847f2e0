//! What every page shares: health check, security headers, error page with request id,
//! language negotiation, long-cached assets.

use axum::http::StatusCode;

use crate::both;
use crate::helpers::TestApp;

async fn health_headers_and_errors(mut app: TestApp) {
    let h = app.get("/healthz").await;
    assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));

    let login = app.get("/login").await;
    let hv = |n: &str| {
        login
            .headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert!(hv("content-security-policy").contains("script-src 'self'"));
    assert!(!hv("content-security-policy").contains("unsafe-inline"));
    assert!(hv("content-security-policy").contains("frame-ancestors 'none'"));
    assert_eq!(hv("x-content-type-options"), "nosniff");
    assert_eq!(hv("x-frame-options"), "DENY");
    assert_eq!(hv("referrer-policy"), "no-referrer");
    // The visitor's CSRF cookie (no session is stored just for looking).
    let cookie = hv("set-cookie");
    assert!(
        cookie.starts_with("lotsbok_csrf=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http on localhost: {cookie}"
    );
    assert!(login.body.contains(r##"class="skip-link" href="#main""##));

    let missing = app.get("/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let id = missing
        .headers
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    missing
        .assert_contains("Sidan finns inte")
        .assert_contains(&id);

    let css = app
        .get(&format!(
            "/assets/css/app.css?v={}",
            app.state.assets_version
        ))
        .await;
    assert_eq!(css.status, StatusCode::OK);
    let cc = css.headers.get("cache-control").unwrap().to_str().unwrap();
    assert!(cc.contains("max-age=31536000"), "{cc}");
}

async fn secure_cookies_outside_localhost(_app: TestApp) {
    let Some(mut app) = TestApp::with_config(crate::helpers::Backend::Sqlite, |c| {
        c.base_url = "https://lotsbok.example.se".parse().unwrap();
    })
    .await
    else {
        return;
    };
    let page = app.get("/login").await;
    let cookie = page.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(page.headers.contains_key("strict-transport-security"));
}

async fn language_rules(mut app: TestApp) {
    app.get("/login")
        .await
        .assert_contains(r#"<html lang="sv""#)
        .assert_contains("Logga in");
    app.new_browser();
    app.get_with("/login", &[("accept-language", "en-GB,en;q=0.9")])
        .await
        .assert_contains(r#"<html lang="en""#)
        .assert_contains("Sign in");
    app.new_browser();
    // German is not a staff language: the next preference that is wins.
    app.get_with("/login", &[("accept-language", "de-DE,de;q=0.9,en;q=0.5")])
        .await
        .assert_contains(r#"<html lang="en""#);
    app.new_browser();
    app.get("/login?lang=en")
        .await
        .assert_contains(r#"<html lang="en""#);
    // The choice sticks for the session.
    app.get("/login")
        .await
        .assert_contains(r#"<html lang="en""#);
    app.get("/login?lang=sv")
        .await
        .assert_contains(r#"<html lang="sv""#);

    // A signed-in user's choice is saved on the account.
    app.create_user(
        "lots@mala.se",
        "guide",
        Some("mala"),
        "a long enough password",
    )
    .await;
    app.new_browser();
    app.login("lots@mala.se", "a long enough password").await;
    app.get("/?lang=en").await.assert_contains("Welcome");
    app.new_browser();
    app.login("lots@mala.se", "a long enough password").await;
    app.get("/")
        .await
        .assert_contains(r#"<html lang="en""#)
        .assert_contains("Your municipality");
}

both!(
    health_headers_and_errors,
    secure_cookies_outside_localhost,
    language_rules
);
