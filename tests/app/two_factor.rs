//! Two-factor sign-in (issue 21): an authenticator set up and used, codes refused on reuse
//! and outside the clock window, recovery codes used once, the admin's rule, resets by an
//! admin and by the command line, and wrong codes counted by the sign-in throttle.

use axum::http::StatusCode;
use chrono::Utc;
use lotsbok::auth::two_factor::totp;
use lotsbok::entities::audit_entry;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::{planted_passkey, TestApp, GUIDE_PW};

const PW: &str = GUIDE_PW;

fn step_now() -> i64 {
    Utc::now().timestamp().div_euclid(30)
}

/// The secret shown in text on a set-up page, as bytes.
fn secret_in(body: &str) -> Vec<u8> {
    let start = body
        .find(r#"id="totp-secret">"#)
        .expect("the secret in text")
        + 17;
    let text: String = body[start..]
        .split('<')
        .next()
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    totp_rs::Secret::Encoded(text).to_bytes().expect("base32")
}

fn code(secret: &[u8], step: i64) -> String {
    totp::code_at(secret, step).unwrap()
}

/// The recovery codes on the page that shows them once.
fn codes_in(body: &str) -> Vec<String> {
    let list = body
        .split(r#"<ul class="recovery-codes">"#)
        .nth(1)
        .expect("the codes")
        .split("</ul>")
        .next()
        .unwrap();
    list.split("<code>")
        .skip(1)
        .map(|c| c.split('<').next().unwrap().to_string())
        .collect()
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    app.state.settle().await;
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(action))
        .count(&app.state.db)
        .await
        .unwrap()
}

/// Sets an authenticator up for the signed-in user from the settings; its secret, the
/// step its confirming code was of, and the recovery codes.
async fn set_up(app: &mut TestApp) -> (Vec<u8>, i64, Vec<String>) {
    let page = app.get("/settings/two-factor/totp").await;
    assert_eq!(page.status, StatusCode::OK);
    let secret = secret_in(&page.body);
    let step = step_now();
    let done = app
        .post(
            "/settings/two-factor/totp",
            &[("code", &code(&secret, step)), ("password", PW)],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let codes = codes_in(&done.body);
    assert_eq!(codes.len(), 10);
    (secret, step, codes)
}

/// Password, then the code page; the answer to the code.
async fn sign_in_with(app: &mut TestApp, email: &str, typed: &str) -> crate::helpers::Page {
    app.new_browser();
    let r = app.login(email, PW).await;
    assert_eq!(
        r.location(),
        "/login/code",
        "the password leads to the code"
    );
    app.get("/login/code").await;
    app.post("/login/code", &[("code", typed)]).await
}

async fn an_authenticator_signs_in_once_per_code(mut app: TestApp) {
    let email = "lena@lycksele.se";
    let uid = app.create_user(email, "guide", Some("lycksele"), PW).await;
    app.login(email, PW).await;
    app.get("/settings/two-factor")
        .await
        .assert_contains("Ingen app är kopplad.");
    // A wrong code leaves it off, the same secret shown again.
    let page = app.get("/settings/two-factor/totp").await;
    let secret = secret_in(&page.body);
    let wrong = code(&secret, step_now() + 10);
    let r = app
        .post(
            "/settings/two-factor/totp",
            &[("code", &wrong), ("password", PW)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Koden stämmer inte");
    assert_eq!(
        secret_in(&r.body),
        secret,
        "the QR code scanned stays valid"
    );
    // Not without the password typed again.
    let r = app
        .post(
            "/settings/two-factor/totp",
            &[
                ("code", &code(&secret, step_now())),
                ("password", "a wrong one"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Fel lösenord.");
    let (secret, step, _) = set_up(&mut app).await;
    assert_eq!(audited(&app, "two_factor_enabled").await, 1);
    app.deliver_mail().await;
    assert!(
        app.mails()
            .iter()
            .any(|m| m.to == email && m.subject.contains("andra steg")),
        "the user is told of the new factor"
    );
    app.get("/settings/two-factor")
        .await
        .assert_contains("På sedan");

    // The password alone signs no one in: every page sends to the sign-in.
    app.new_browser();
    app.get("/login").await;
    let before = app.session_cookie();
    let r = app.login(email, PW).await;
    assert_eq!(r.location(), "/login/code");
    let pending = app.session_cookie();
    assert_ne!(pending, before, "the session is renewed after the password");
    for path in ["/", "/leads", "/settings/two-factor"] {
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            r.location().starts_with("/login"),
            "{path}: {}",
            r.location()
        );
    }
    // The code of the set-up's step is spent; the next step's (the clock window) is not.
    app.get("/login/code").await;
    let r = app
        .post("/login/code", &[("code", &code(&secret, step))])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audited(&app, "login_code_failed").await, 1);
    let r = app
        .post("/login/code", &[("code", &code(&secret, step + 1))])
        .await;
    assert_eq!(r.location(), "/");
    assert_ne!(app.session_cookie(), pending, "and again after the code");
    app.get("/leads").await.assert_contains("Intressenter");
    // Reused: refused.
    let r = sign_in_with(&mut app, email, &code(&secret, step + 1)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The clock window, exactly: one step either side of the server's clock.
    let cipher = lotsbok::auth::two_factor::cipher(&app.state).unwrap();
    let db = &app.state.db;
    let at = |s: i64| chrono::DateTime::from_timestamp(s * 30 + 5, 0).unwrap();
    let later = step + 10;
    // Outside the window, refused; inside, each once and never one older than the last.
    let steps = [
        (-2, false),
        (2, false),
        (-1, true),
        (0, true),
        (0, false),
        (1, true),
        (-1, false),
    ];
    for (offset, accepted) in steps {
        let ok = totp::verify(db, &cipher, uid, &code(&secret, later + offset), at(later))
            .await
            .unwrap();
        assert_eq!(ok, accepted, "a code {offset} steps off");
    }
    assert!(
        !totp::verify(db, &cipher, uid, "12345", at(later + 5))
            .await
            .unwrap(),
        "five digits"
    );
}

async fn a_recovery_code_signs_in_once_and_is_mailed(mut app: TestApp) {
    let email = "lena@lycksele.se";
    app.create_user(email, "guide", Some("lycksele"), PW).await;
    app.login(email, PW).await;
    let (_, _, codes) = set_up(&mut app).await;
    // Typed in capitals with spaces for dashes: the same code.
    let typed = codes[0].to_uppercase().replace('-', " ");
    let r = sign_in_with(&mut app, email, &typed).await;
    assert_eq!(r.location(), "/");
    assert_eq!(audited(&app, "recovery_code_used").await, 1);
    app.deliver_mail().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|m| m.subject.contains("reservkod"))
        .expect("a mail about the recovery code");
    assert_eq!(mail.to, email);
    assert!(mail.text.contains("9 reservkoder kvar"), "{}", mail.text);
    // Once only.
    let r = sign_in_with(&mut app, email, &codes[0]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = sign_in_with(&mut app, email, &codes[1]).await;
    assert_eq!(r.location(), "/");
    app.get("/settings/two-factor")
        .await
        .assert_contains("8 oanvända reservkoder kvar.");
    // New codes need the password, and the old ones stop working.
    app.get("/settings/two-factor").await;
    let r = app
        .post(
            "/settings/two-factor/recovery",
            &[("password", "wrong password here")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Fel lösenord.");
    let r = app
        .post("/settings/two-factor/recovery", &[("password", PW)])
        .await;
    let fresh = codes_in(&r.body);
    assert_eq!(fresh.len(), 10);
    let r = sign_in_with(&mut app, email, &codes[2]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = sign_in_with(&mut app, email, &fresh[0]).await;
    assert_eq!(r.location(), "/");
    // Turned off with the password: the password alone signs in again.
    app.get("/settings/two-factor").await;
    let r = app
        .post("/settings/two-factor/remove", &[("remove_password", PW)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "two_factor_removed").await, 1);
    app.new_browser();
    assert_eq!(app.login(email, PW).await.location(), "/");
}

async fn the_admins_rule_sends_users_to_set_up(mut app: TestApp) {
    app.create_user("ada@region10.se", "admin", None, PW).await;
    let guide = "lena@lycksele.se";
    app.create_user(guide, "guide", Some("lycksele"), PW).await;
    app.create_user("leader@region10.se", "coordinator", None, PW)
        .await;
    app.login("ada@region10.se", PW).await;
    app.get("/admin/two-factor")
        .await
        .assert_contains("Inflyttarlots");
    let r = app.post("/admin/two-factor", &[("guide", "on")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "two_factor_rule").await, 1);
    // Only guides: the coordinator signs in with the password.
    app.new_browser();
    assert_eq!(app.login("leader@region10.se", PW).await.location(), "/");

    // The guide is sent to set it up, and reaches nothing else before.
    app.new_browser();
    let r = app.login(guide, PW).await;
    assert_eq!(r.location(), "/login/enrol");
    let r = app.get("/leads").await;
    assert!(r.location().starts_with("/login"), "{}", r.location());
    assert_eq!(app.get("/login/code").await.location(), "/login");
    let page = app.get("/login/enrol").await;
    page.assert_contains("kräver tvåstegsinloggning");
    let secret = secret_in(&page.body);
    let r = app
        .post("/login/enrol", &[("code", &code(&secret, step_now() + 10))])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let step = step_now();
    let r = app
        .post("/login/enrol", &[("code", &code(&secret, step))])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(codes_in(&r.body).len(), 10);
    app.get("/leads").await.assert_contains("Intressenter");
    // Required: it can be replaced, not removed.
    app.get("/settings/two-factor").await;
    let r = app
        .post("/settings/two-factor/remove", &[("remove_password", PW)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("kan bytas men inte stängas av");
    // A password reset keeps working, and still asks for the code.
    app.new_browser();
    app.get("/password/forgot").await;
    app.post("/password/forgot", &[("email", guide)]).await;
    app.deliver_mail().await;
    let link = app
        .mails()
        .iter()
        .rev()
        .find(|m| m.to == guide)
        .expect("the reset mail")
        .link_path("/password/reset/");
    app.get(&link).await;
    let new_pw = "an even longer new password";
    let r = app
        .post(&link, &[("password", new_pw), ("password2", new_pw)])
        .await;
    assert_eq!(r.location(), "/login");
    app.get("/login").await;
    let r = app
        .post("/login", &[("email", guide), ("password", new_pw)])
        .await;
    assert_eq!(r.location(), "/login/code");
    app.get("/login/code").await;
    let r = app
        .post("/login/code", &[("code", &code(&secret, step + 1))])
        .await;
    assert_eq!(r.location(), "/");

    // An invitation too: the invited guide chooses a password, then sets up the factor.
    app.new_browser();
    app.login("ada@region10.se", PW).await;
    app.get("/admin/users/invite").await;
    let lycksele = lotsbok::accounts::find_municipality(&app.state.db, "lycksele")
        .await
        .unwrap()
        .id
        .to_string();
    let r = app
        .post(
            "/admin/users/invite",
            &[
                ("email", "nils@lycksele.se"),
                ("name", "Nils Nyman"),
                ("locale", "sv"),
                ("guide", "on"),
                ("municipality", &lycksele),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.deliver_mail().await;
    let invite = app
        .mails()
        .iter()
        .find(|m| m.to == "nils@lycksele.se")
        .expect("the invitation")
        .link_path("/invite/");
    app.new_browser();
    app.get(&invite).await;
    let r = app
        .post(&invite, &[("password", PW), ("password2", PW)])
        .await;
    assert_eq!(r.location(), "/login");
    assert_eq!(
        app.login("nils@lycksele.se", PW).await.location(),
        "/login/enrol"
    );
}

async fn an_admin_resets_a_factor_and_the_user_is_told(mut app: TestApp) {
    let admin = app.create_user("ada@region10.se", "admin", None, PW).await;
    let guide = "lena@lycksele.se";
    let gid = app.create_user(guide, "guide", Some("lycksele"), PW).await;
    app.login(guide, PW).await;
    set_up(&mut app).await;
    let guide_session = app.session_cookie();

    app.new_browser();
    app.login("ada@region10.se", PW).await;
    let page = app.get(&format!("/admin/users/{gid}")).await;
    page.assert_contains("På sedan");
    let reset = format!("/admin/users/{gid}/two-factor/reset");
    // Not without the tick.
    app.post(&reset, &[]).await;
    assert!(lotsbok::auth::two_factor::has_factor(&app.state.db, gid)
        .await
        .unwrap());
    let r = app.post(&reset, &[("confirm", "on")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_reset(&app, gid, guide).await;
    // An admin's own factor is not reset from here.
    app.set_session_cookie(None);
    app.login("ada@region10.se", PW).await;
    set_up(&mut app).await;
    app.get(&format!("/admin/users/{admin}")).await;
    app.post(
        &format!("/admin/users/{admin}/two-factor/reset"),
        &[("confirm", "on")],
    )
    .await;
    assert!(lotsbok::auth::two_factor::has_factor(&app.state.db, admin)
        .await
        .unwrap());
    // The guide's session ended; the password alone signs in again.
    app.set_session_cookie(guide_session);
    let r = app.get("/leads").await;
    assert!(r.location().starts_with("/login"), "{}", r.location());
    app.new_browser();
    assert_eq!(app.login(guide, PW).await.location(), "/");
}

/// The user's factor is gone, the reset audited once, and the user mailed.
async fn assert_reset(app: &TestApp, uid: i64, email: &str) {
    assert!(!lotsbok::auth::two_factor::has_factor(&app.state.db, uid)
        .await
        .unwrap());
    assert_eq!(audited(app, "two_factor_reset").await, 1);
    app.deliver_mail().await;
    assert!(app
        .mails()
        .iter()
        .any(|m| m.to == email && m.subject.contains("återställd")));
}

async fn wrong_codes_count_toward_the_throttle(mut app: TestApp) {
    let email = "lena@lycksele.se";
    app.create_user(email, "guide", Some("lycksele"), PW).await;
    app.login(email, PW).await;
    let (secret, step, _) = set_up(&mut app).await;
    app.new_browser();
    app.login(email, PW).await;
    app.get("/login/code").await;
    let wrong = code(&secret, step + 10);
    let mut throttled = false;
    for _ in 0..8 {
        let r = app.post("/login/code", &[("code", &wrong)]).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            r.assert_contains("För många misslyckade inloggningar");
            throttled = true;
            break;
        }
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(throttled, "wrong codes are throttled");
    // While it waits, not even the right code is checked.
    let r = app
        .post("/login/code", &[("code", &code(&secret, step + 1))])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn the_command_line_resets_a_lost_factor(mut app: TestApp) {
    let email = "ada@region10.se";
    let uid = app.create_user(email, "admin", None, PW).await;
    app.login(email, PW).await;
    set_up(&mut app).await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lotsbok"))
        .args(["user", "reset-2fa", "--email", email])
        .env("LOTSBOK_DATABASE_URL", &app.database_url)
        .env_remove("LOTSBOK_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("reset the second factor"));
    assert_reset(&app, uid, email).await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lotsbok"))
        .args(["user", "reset-2fa", "--email", "nobody@region10.se"])
        .env("LOTSBOK_DATABASE_URL", &app.database_url)
        .env_remove("LOTSBOK_CONFIG")
        .output()
        .unwrap();
    assert!(!out.status.success());
}

both!(
    an_authenticator_signs_in_once_per_code,
    a_recovery_code_signs_in_once_and_is_mailed,
    the_admins_rule_sends_users_to_set_up,
    an_admin_resets_a_factor_and_the_user_is_told,
    wrong_codes_count_toward_the_throttle,
    the_command_line_resets_a_lost_factor,
);

/// Passkeys need a domain name: the tests that offer them run on `localhost`.
fn on_localhost(cfg: &mut lotsbok::config::Config) {
    cfg.base_url = "http://localhost:3000".parse().unwrap();
}

const FORGED_NEW: &str = r#"{"id":"AAAA","rawId":"AAAA","type":"public-key","extensions":{},
    "response":{"attestationObject":"AAAA","clientDataJSON":"AAAA"}}"#;
const FORGED_USE: &str = r#"{"id":"AAAA","rawId":"AAAA","type":"public-key","extensions":{},
    "response":{"authenticatorData":"AAAA","clientDataJSON":"AAAA","signature":"AAAA",
    "userHandle":"AAAAAAAAAAAAAAAAAAAAAA"}}"#;

async fn passkeys_are_offered_only_on_a_domain(mut app: TestApp) {
    app.create_user("lena@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    let login = app.get("/login").await;
    assert!(!login.body.contains("data-passkey"), "not on 127.0.0.1");
    let r = app.post("/login/passkey/options", &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    app.login("lena@lycksele.se", PW).await;
    app.get("/settings/two-factor")
        .await
        .assert_contains("kräver ett domännamn");
}

async fn passkey_ceremonies_refuse_what_does_not_check_out(mut app: TestApp) {
    let email = "lena@lycksele.se";
    let uid = app.create_user(email, "guide", Some("lycksele"), PW).await;
    app.get("/login")
        .await
        .assert_contains(r#"data-passkey="get""#);
    // A sign-in's answer without its options, then a forged one: refused, no one signed in.
    let r = app.post_json("/login/passkey", FORGED_USE).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .post("/login/passkey/options", &[("next", "/leads")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("challenge"), "{}", r.body);
    let r = app.post_json("/login/passkey", FORGED_USE).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("error"));
    let r = app.post_json("/login/passkey", "not json").await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert!(app.get("/leads").await.location().starts_with("/login"));
    // The second step's options need a pending sign-in.
    let r = app.post("/login/code/passkey/options", &[]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // Adding one: a name is needed; the options name the account; a forged answer keeps none.
    app.login(email, PW).await;
    app.get("/settings/two-factor").await;
    let r = app
        .post("/settings/passkeys/options", &[("name", "  ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post(
            "/settings/passkeys/options",
            &[
                ("name", "Jobbtelefonen"),
                ("passkey_password", "wrong password here"),
            ],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the password is asked"
    );
    let r = app
        .post(
            "/settings/passkeys/options",
            &[("name", "Jobbtelefonen"), ("passkey_password", PW)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("challenge") && r.body.contains(email),
        "{}",
        r.body
    );
    let r = app.post_json("/settings/passkeys", FORGED_NEW).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        lotsbok::auth::two_factor::passkey::of_user(&app.state.db, uid)
            .await
            .unwrap()
            .is_empty()
    );
    // Without a token, refused before anything is read.
    let r = app
        .request(
            axum::http::Method::POST,
            "/settings/passkeys",
            Some(FORGED_NEW.into()),
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

async fn a_passkey_is_a_second_factor_and_removed_with_the_password(mut app: TestApp) {
    let email = "lena@lycksele.se";
    let uid = app.create_user(email, "guide", Some("lycksele"), PW).await;
    let key = planted_passkey(&app, uid, "Jobbtelefonen").await;
    // The password leads to the second step, which offers the passkey and recovery codes.
    app.get("/login").await;
    let r = app.login(email, PW).await;
    assert_eq!(r.location(), "/login/code");
    app.get("/login/code")
        .await
        .assert_contains(r#"data-passkey="get""#)
        .assert_contains("reservkoder");
    // The planted row is no credential the crate can read: refused, not an error page (the
    // browser suite signs in with a real one, from Chromium's virtual authenticator).
    let r = app.post("/login/code/passkey/options", &[]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = app.post_json("/login/code/passkey", FORGED_USE).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(app.get("/leads").await.location().starts_with("/login"));

    // Signed in (the factor reset from the command line's function), the list and removal.
    let other = app
        .create_user("mats@mala.se", "guide", Some("mala"), PW)
        .await;
    let theirs = planted_passkey(&app, other, "Mats nyckel").await;
    lotsbok::auth::two_factor::passkey::remove_all(&app.state.db, uid)
        .await
        .unwrap();
    app.new_browser();
    app.login(email, PW).await;
    let key = {
        let _ = key;
        planted_passkey(&app, uid, "Hemdatorn").await
    };
    let page = app.get("/settings/two-factor").await;
    page.assert_contains("Hemdatorn");
    assert!(!page.body.contains("Mats nyckel"));
    // Another's passkey is not found; a wrong password keeps it; the right one removes it.
    let r = app
        .post(
            &format!("/settings/passkeys/{theirs}/remove"),
            &[("remove_password", PW)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    app.get("/settings/two-factor").await;
    let remove = format!("/settings/passkeys/{key}/remove");
    app.post(&remove, &[("remove_password", "not my password at all")])
        .await;
    assert!(lotsbok::auth::two_factor::has_factor(&app.state.db, uid)
        .await
        .unwrap());
    // Where the rule requires a factor, the last one stays.
    lotsbok::auth::two_factor::rule::save(
        &app.state.db,
        lotsbok::auth::two_factor::rule::Rule {
            guide: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    app.get("/settings/two-factor").await;
    app.post(&remove, &[("remove_password", PW)]).await;
    assert!(lotsbok::auth::two_factor::has_factor(&app.state.db, uid)
        .await
        .unwrap());
    lotsbok::auth::two_factor::rule::save(&app.state.db, Default::default())
        .await
        .unwrap();
    app.get("/settings/two-factor").await;
    let r = app.post(&remove, &[("remove_password", PW)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!lotsbok::auth::two_factor::has_factor(&app.state.db, uid)
        .await
        .unwrap());
    assert_eq!(audited(&app, "passkey_removed").await, 1);
    assert!(lotsbok::auth::two_factor::has_factor(&app.state.db, other)
        .await
        .unwrap());
}

both!(passkeys_are_offered_only_on_a_domain);
both!(with super::on_localhost;
    passkey_ceremonies_refuse_what_does_not_check_out,
    a_passkey_is_a_second_factor_and_removed_with_the_password,
);
