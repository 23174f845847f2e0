//! The mail outbox: password reset by mail, retries against a real SMTP server (aiosmtpd)
//! that is first unreachable and then accepts, giving up visibly, and one delivery per mail
//! when two instances work the same outbox.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration as StdDuration;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use lotsbok::entities::outbox_mail;
use lotsbok::mail::transport::Transport;
use lotsbok::mail::{self, Mail};
use lotsbok::state::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::EntityTrait;

use crate::both;
use crate::helpers::{self, Backend, TestApp};

const PW: &str = "a long enough password";

async fn password_reset_by_mail(mut app: TestApp) {
    app.create_user("lots@arvidsjaur.se", "guide", Some("arvidsjaur"), PW)
        .await;
    // A session signed in before the reset ends with it.
    app.login("lots@arvidsjaur.se", PW).await;
    let old_session = app.session_cookie();

    app.new_browser();
    app.get("/password/forgot").await;
    let bad = app
        .post("/password/forgot", &[("email", "not an address")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains(r#"value="not an address""#);
    let known = app
        .post("/password/forgot", &[("email", "lots@arvidsjaur.se")])
        .await;
    let unknown = app
        .post("/password/forgot", &[("email", "stranger@arvidsjaur.se")])
        .await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.status, StatusCode::OK);
    known.assert_contains("Om det finns ett konto med den adressen");
    unknown.assert_contains("Om det finns ett konto med den adressen");

    assert_eq!(
        app.deliver_mail().await,
        1,
        "only the known address gets a mail"
    );
    let mails = app.mails();
    assert_eq!(mails[0].to, "lots@arvidsjaur.se");
    assert_eq!(mails[0].subject, "Återställ ditt lösenord i Lotsbok");
    let link = mails[0].link_path("/password/reset/");

    let new_pw = "another long password";
    app.get(&link)
        .await
        .assert_contains("Välj ett nytt lösenord");
    let r = app
        .post(&link, &[("password", new_pw), ("password2", new_pw)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&link).await.status,
        StatusCode::NOT_FOUND,
        "used once"
    );

    assert_eq!(
        app.login("lots@arvidsjaur.se", PW).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.login("lots@arvidsjaur.se", new_pw).await.status,
        StatusCode::SEE_OTHER
    );
    app.new_browser();
    app.set_session_cookie(old_session);
    assert_eq!(
        app.get("/").await.status,
        StatusCode::SEE_OTHER,
        "old sessions ended"
    );
}

/// A real SMTP server (aiosmtpd), killed and reaped when dropped.
pub struct Smtpd(pub Child);

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn smtpd_python() -> Option<String> {
    let py = std::env::var("LOTSBOK_TEST_SMTPD_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&py)
        .args(["-c", "import aiosmtpd"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(py);
    }
    assert!(
        std::env::var("CI").is_err(),
        "aiosmtpd is required in CI (set LOTSBOK_TEST_SMTPD_PYTHON to a python that has it)"
    );
    eprintln!("skipping: no python with aiosmtpd (set LOTSBOK_TEST_SMTPD_PYTHON)");
    None
}

async fn start_smtpd(py: &str, port: u16, maildir: &Path) -> Smtpd {
    let child = Command::new(py)
        .args([
            "-u",
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
        ])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .stdout(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    // Wrapped at once, so that the process is killed and reaped whatever happens next.
    let server = Smtpd(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("aiosmtpd did not start on port {port}");
}

async fn make_due(app: &TestApp) {
    outbox_mail::Entity::update_many()
        .col_expr(
            outbox_mail::Column::NextAttemptAt,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
}

async fn only_mail(app: &TestApp) -> outbox_mail::Model {
    let mut all = outbox_mail::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    all.remove(0)
}

fn mail_to(to: &str) -> Mail {
    Mail {
        to: to.into(),
        subject: "Test".into(),
        text: "Hej".into(),
        html: "<p>Hej</p>".into(),
    }
}

/// Failed deliveries so far, as `/metrics` shows them.
async fn failures(app: &mut TestApp) -> f64 {
    app.get_with("/metrics", &[("authorization", "Bearer scrape")])
        .await
        .body
        .lines()
        .find_map(|l| l.strip_prefix("lotsbok_mail_failures_total "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0.0)
}

async fn smtp_retry_then_delivery(backend: Backend) {
    let Some(py) = smtpd_python() else { return };
    let port = crate::served::free_port();
    let Some(mut app) = TestApp::with_config(backend, |c| {
        c.smtp_url = format!("smtp://127.0.0.1:{port}");
        c.metrics.token = "scrape".into();
    })
    .await
    else {
        return;
    };
    app.create_user("lots@lycksele.se", "guide", Some("lycksele"), PW)
        .await;
    app.get("/password/forgot").await;
    app.post("/password/forgot", &[("email", "lots@lycksele.se")])
        .await;
    // The reset mail is queued after the answer.
    app.state.settle().await;
    let transport = Transport::from_config(&app.state.config).unwrap();
    assert!(matches!(transport, Transport::Smtp(_)));

    // Nobody listens: the attempt fails, is recorded, and is put off.
    let failures_before = failures(&mut app).await;
    assert_eq!(
        mail::worker::process_due(&app.state, &transport, "w1")
            .await
            .unwrap(),
        0
    );
    let m = only_mail(&app).await;
    assert_eq!((m.status.as_str(), m.attempts), ("pending", 1));
    assert!(m.last_error.as_deref().is_some_and(|e| !e.is_empty()));
    assert!(
        m.next_attempt_at > Utc::now() + Duration::seconds(20),
        "backed off"
    );
    assert!(m.locked_until.is_none(), "lease released");
    // The failure is counted, and the mail waits, as an operator's metrics show (the
    // counter is the process's: other tests may add to it, never take from it).
    assert!(failures(&mut app).await > failures_before);
    let metrics = app
        .get_with("/metrics", &[("authorization", "Bearer scrape")])
        .await
        .body;
    assert!(metrics.contains("lotsbok_outbox_unsent 1\n"), "{metrics}");

    let maildir = app.dir.path().join("maildir");
    let _smtpd = start_smtpd(&py, port, &maildir).await;
    // Not due yet: the back-off is respected even though the server is up now.
    assert_eq!(
        mail::worker::process_due(&app.state, &transport, "w1")
            .await
            .unwrap(),
        0
    );
    make_due(&app).await;
    assert_eq!(
        mail::worker::process_due(&app.state, &transport, "w1")
            .await
            .unwrap(),
        1
    );
    let m = only_mail(&app).await;
    assert_eq!((m.status.as_str(), m.attempts), ("sent", 2));
    assert!(m.sent_at.is_some());

    let received: Vec<_> = std::fs::read_dir(maildir.join("new"))
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(received.len(), 1);
    let got = helpers::Mail::parse(&std::fs::read(received[0].path()).unwrap());
    assert_eq!(got.to, "lots@lycksele.se");
    assert_eq!(got.subject, "Återställ ditt lösenord i Lotsbok");
    assert!(got.text.contains("/password/reset/"));
}

#[tokio::test]
async fn smtp_retry_then_delivery_sqlite() {
    smtp_retry_then_delivery(Backend::Sqlite).await;
}

#[tokio::test]
async fn smtp_retry_then_delivery_postgres() {
    smtp_retry_then_delivery(Backend::Postgres).await;
}

async fn gives_up_visibly_and_admin_can_retry(backend: Backend) {
    let port = crate::served::free_port();
    let tweak = |c: &mut lotsbok::config::Config| {
        c.smtp_url = format!("smtp://127.0.0.1:{port}");
        c.outbox.max_attempts = 2;
    };
    let Some(mut app) = TestApp::with_config(backend, tweak).await else {
        return;
    };
    app.create_user("admin@region10.se", "admin", None, PW)
        .await;
    mail::enqueue(&app.state.db, mail_to("family@example.nl"))
        .await
        .unwrap();
    let transport = Transport::from_config(&app.state.config).unwrap();
    mail::worker::process_due(&app.state, &transport, "w1")
        .await
        .unwrap();
    make_due(&app).await;
    mail::worker::process_due(&app.state, &transport, "w1")
        .await
        .unwrap();
    let m = only_mail(&app).await;
    assert_eq!((m.status.as_str(), m.attempts), ("failed", 2));
    make_due(&app).await;
    assert_eq!(
        mail::worker::process_due(&app.state, &transport, "w1")
            .await
            .unwrap(),
        0,
        "a failed mail is not retried by itself"
    );

    app.login("admin@region10.se", PW).await;
    app.get("/")
        .await
        .assert_contains("Ett e-brev kunde inte skickas");
    let page = app.get("/admin/outbox").await;
    page.assert_contains("family@example.nl")
        .assert_contains("Misslyckat");
    let err = m.last_error.clone().unwrap();
    let shown = err
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    page.assert_contains(&shown);

    let r = app
        .post(&format!("/admin/outbox/{}/retry", m.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let m = only_mail(&app).await;
    assert_eq!(m.status, "pending");
    assert!(m.next_attempt_at <= Utc::now());
}

#[tokio::test]
async fn gives_up_visibly_and_admin_can_retry_sqlite() {
    gives_up_visibly_and_admin_can_retry(Backend::Sqlite).await;
}

#[tokio::test]
async fn gives_up_visibly_and_admin_can_retry_postgres() {
    gives_up_visibly_and_admin_can_retry(Backend::Postgres).await;
}

async fn two_instances_send_each_mail_once(app: TestApp) {
    for i in 0..30 {
        mail::enqueue(&app.state.db, mail_to(&format!("mover{i}@example.de")))
            .await
            .unwrap();
    }
    // A second app instance: its own pool on the same database, the same mail folder.
    let db2 = lotsbok::db::connect(&app.database_url, 5).await.unwrap();
    let other = AppState::new(
        db2,
        (*app.state.config).clone(),
        (*app.state.assets).clone(),
    );
    let t1 = Transport::from_config(&app.state.config).unwrap();
    let t2 = t1.clone();
    let (a, b) = tokio::join!(
        mail::worker::process_due(&app.state, &t1, "instance-a"),
        mail::worker::process_due(&other, &t2, "instance-b"),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 30);
    let mails = app.mails();
    assert_eq!(mails.len(), 30, "each mail written once");
    let mut to: Vec<_> = mails.iter().map(|m| m.to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 30);
}

both!(password_reset_by_mail, two_instances_send_each_mail_once);
