//! The command-line contract: `user create`, `migrate`, and one clear line on bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use axum::http::StatusCode;

use crate::both;
use crate::helpers::TestApp;

pub fn lotsbok(app: &TestApp, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lotsbok"));
    cmd.args(args)
        .env("LOTSBOK_DATABASE_URL", &app.database_url)
        .env("LOTSBOK_MAIL_DIR", app.dir.path().join("mail"))
        .env_remove("LOTSBOK_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run lotsbok");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("lotsbok output")
}

pub fn one_line_error(out: &Output) -> String {
    assert!(!out.status.success(), "should fail");
    let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
    assert_eq!(err.lines().count(), 1, "one line, got:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

async fn user_create_makes_a_guide_who_can_sign_in(mut app: TestApp) {
    let out = lotsbok(
        &app,
        &[
            "user",
            "create",
            "--email",
            "Lots@Norsjo.se",
            "--name",
            "Nora Lots",
            "--role",
            "guide",
            "--municipality",
            "norsjo",
            "--password-stdin",
        ],
        "a long enough password\n",
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("lots@norsjo.se"));
    let r = app.login("lots@norsjo.se", "a long enough password").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.get("/").await.assert_contains("Norsjö");
    assert_eq!(app.post("/logout", &[]).await.status, StatusCode::SEE_OTHER);

    // Several roles at once; without --password-stdin a one-time link is printed instead.
    let out = lotsbok(
        &app,
        &[
            "user",
            "create",
            "--email",
            "pl@region10.se",
            "--name",
            "Projektledare",
            "--role",
            "coordinator,admin",
        ],
        "",
        &[],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let link = stdout
        .split_whitespace()
        .find(|w| w.contains("/invite/"))
        .expect("a link");
    let path = link.trim_start_matches("http://127.0.0.1:3000");
    app.new_browser();
    assert_eq!(app.get(path).await.status, StatusCode::OK);
}

async fn user_create_refuses_bad_input(app: TestApp) {
    let base = [
        "user",
        "create",
        "--email",
        "x@asele.se",
        "--name",
        "X",
        "--password-stdin",
    ];
    let unknown = lotsbok(
        &app,
        &[&base[..], &["--role", "guide", "--municipality", "nowhere"]].concat(),
        "a long enough password",
        &[],
    );
    assert!(one_line_error(&unknown).contains("unknown municipality `nowhere`"));
    let no_muni = lotsbok(
        &app,
        &[&base[..], &["--role", "guide"]].concat(),
        "a long enough password",
        &[],
    );
    assert!(one_line_error(&no_muni).contains("a guide needs a municipality"));
    let short = lotsbok(
        &app,
        &[&base[..], &["--role", "admin"]].concat(),
        "short",
        &[],
    );
    assert!(one_line_error(&short).contains("12"));
    let users = lotsbok::accounts::list(&app.state.db).await.unwrap();
    assert!(users.is_empty(), "nothing was created");
}

async fn migrate_and_bad_settings(app: TestApp) {
    let out = lotsbok(&app, &["migrate"], "", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad_bind = lotsbok(
        &app,
        &["migrate"],
        "",
        &[("LOTSBOK_BIND", "not-an-address")],
    );
    assert!(one_line_error(&bad_bind).contains("`bind`"));
    let bad_url = lotsbok(
        &app,
        &["migrate"],
        "",
        &[("LOTSBOK_BASE_URL", "ftp://example.org")],
    );
    assert!(one_line_error(&bad_url).contains("`base_url`"));
    let bad_nested = lotsbok(
        &app,
        &["migrate"],
        "",
        &[("LOTSBOK_SESSION__IDLE_MINUTES", "soon")],
    );
    assert!(one_line_error(&bad_nested).contains("session.idle_minutes"));
    let no_db = lotsbok(
        &app,
        &["migrate"],
        "",
        &[(
            "LOTSBOK_DATABASE_URL",
            "postgres://nobody:secret@127.0.0.1:1/none",
        )],
    );
    let err = one_line_error(&no_db);
    assert!(err.contains("database: cannot open"), "{err}");
    assert!(
        !err.contains("secret"),
        "the password is not printed: {err}"
    );
    let missing_file = lotsbok(
        &app,
        &["migrate"],
        "",
        &[("LOTSBOK_CONFIG", "/nonexistent/lotsbok.toml")],
    );
    assert!(one_line_error(&missing_file).contains("LOTSBOK_CONFIG"));
}

both!(
    user_create_makes_a_guide_who_can_sign_in,
    user_create_refuses_bad_input,
    migrate_and_bad_settings
);
