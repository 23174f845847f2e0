//! Two real instances (`lotsbok serve`, two processes) on one PostgreSQL database, as the
//! ten municipalities will run it: started at the same moment on an empty database, one
//! session and one sign-out for both, each mail sent once through either (and a mail whose
//! sender was killed mid-send sent again with the same Message-ID), one rate limit for the
//! public forms and one sign-in throttle.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lotsbok::entities::outbox_mail;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::served::{form_token, Browser, PgDatabase, Served};

/// An SMTP server (aiosmtpd) that keeps each message it accepts as a file, and takes its
/// time answering the first message to a `slow…` address: the window in which the test
/// kills the instance sending it.
const SMTPD: &str = r#"
import asyncio, os, sys, threading
from aiosmtpd.controller import Controller
port, out = int(sys.argv[1]), sys.argv[2]
class Keep:
    n = 0
    async def handle_DATA(self, server, session, envelope):
        Keep.n += 1
        path = os.path.join(out, "%05d.eml" % Keep.n)
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        marker = os.path.join(out, "slowed")
        if any(r.startswith("slow") for r in envelope.rcpt_tos) and not os.path.exists(marker):
            open(marker, "w").close()
            await asyncio.sleep(60)
        return "250 OK"
Controller(Keep(), hostname="127.0.0.1", port=port).start()
threading.Event().wait()
"#;

fn start_smtpd(py: &str, dir: &Path) -> (crate::outbox::Smtpd, u16) {
    let port = crate::served::free_port();
    std::fs::write(dir.join("smtpd.py"), SMTPD).unwrap();
    std::fs::create_dir_all(dir.join("received")).unwrap();
    let child = Command::new(py)
        .arg(dir.join("smtpd.py"))
        .arg(port.to_string())
        .arg(dir.join("received"))
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let server = crate::outbox::Smtpd(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (server, port);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the SMTP server did not start");
}

/// Every message received: (Message-ID, recipient).
fn received(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir.join("received")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "eml") {
            let m = crate::helpers::Mail::parse(&std::fs::read(&path).unwrap());
            out.push((m.message_id, m.to));
        }
    }
    out
}

async fn wait_until<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(90) {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("not within 90 s: {what}");
}

fn submit(port: u16, mover: &mut Browser, email: &str) -> u16 {
    let token = form_token(&mover.get(port, "/interest?lang=nl").text());
    let body = crate::ops::form(&token, email);
    let xff = mover.forwarded_for.clone().unwrap_or_default();
    crate::served::try_http(
        port,
        "POST",
        "/interest?lang=nl",
        &[("X-Forwarded-For", &xff)],
        Some(&body),
    )
    .unwrap()
    .status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres() {
    let Some(pg) = PgDatabase::create().await else {
        return;
    };
    let Some(py) = crate::outbox::smtpd_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_smtpd, smtp_port) = start_smtpd(&py, dir.path());
    let smtp = format!("smtp://127.0.0.1:{smtp_port}");
    let env = [
        ("LOTSBOK_DATABASE_URL", pg.url.as_str()),
        ("LOTSBOK_SMTP_URL", smtp.as_str()),
        ("LOTSBOK_OUTBOX__LEASE_SECONDS", "3"),
        ("LOTSBOK_OUTBOX__POLL_SECONDS", "1"),
        ("LOTSBOK_INTEREST__MIN_SECONDS", "0"),
        ("LOTSBOK_INTEREST__PER_MINUTE", "4"),
        ("LOTSBOK_TRUST_FORWARDED_FOR", "true"),
    ];

    // Both at the same moment, on an empty database: both start, one migrates.
    let mut a = Served::start(dir.path(), "a", &env);
    let mut b = Served::start(dir.path(), "b", &env);
    a.wait_ready();
    b.wait_ready();
    let (pa, pb) = (a.port, b.port);

    crate::served::create_guide(&pg.url, "lots@lycksele.se", "Lena Lots");

    // A session made on one is valid on the other; a sign-out on one ends it on both.
    let mut guide = Browser::from("198.51.100.20");
    let r = guide.sign_in(pa, "lots@lycksele.se", "a long passphrase 1");
    assert_eq!(r.status, 303);
    assert_eq!(guide.get(pb, "/leads").status, 200, "signed in on b too");
    let session = guide.cookie("lotsbok_session").unwrap();
    assert_eq!(guide.post(pb, "/logout", &[]).status, 303);
    guide.set_cookie("lotsbok_session", &session);
    let r = guide.get(pa, "/leads");
    assert_eq!(r.status, 303, "the old session is over on a too");
    assert!(r.header("location").unwrap().starts_with("/login"));

    // One rate limit for both: four a minute from one client, whichever instance it meets.
    let mut flood = Browser::from("198.51.100.30");
    for i in 0..4 {
        let port = if i % 2 == 0 { pa } else { pb };
        assert_eq!(
            submit(port, &mut flood, &format!("f{i}@example.nl")),
            303,
            "{i}"
        );
    }
    assert_eq!(submit(pb, &mut flood, "f4@example.nl"), 429);
    assert_eq!(submit(pa, &mut flood, "f5@example.nl"), 429);

    // One sign-in throttle for both: five wrong passwords through either, then even the
    // right one waits, on the other.
    let mut guesser = Browser::from("198.51.100.31");
    for i in 0..5 {
        let port = if i % 2 == 0 { pa } else { pb };
        let r = guesser.sign_in(port, "lots@lycksele.se", "wrong guess");
        assert_eq!(r.status, 422, "{i}");
    }
    let r = guesser.sign_in(pb, "lots@lycksele.se", "a long passphrase 1");
    assert_eq!(r.status, 429);

    // More movers through either; every mail queued is sent once.
    for i in 0..8 {
        let mut mover = Browser::from(&format!("198.51.100.{}", 40 + i));
        let port = if i % 2 == 0 { pa } else { pb };
        assert_eq!(submit(port, &mut mover, &format!("m{i}@example.nl")), 303);
    }
    let db = lotsbok::db::connect(&pg.url, 2).await.unwrap();
    wait_until("every mail sent", || async {
        outbox_mail::Entity::find()
            .filter(outbox_mail::Column::Status.ne("sent"))
            .count(&db)
            .await
            .unwrap()
            == 0
    })
    .await;
    let rows = outbox_mail::Entity::find().all(&db).await.unwrap();
    assert!(rows.len() >= 12, "{} mails", rows.len());
    let got = received(dir.path());
    let mut copies: BTreeMap<String, usize> = BTreeMap::new();
    for (id, _) in &got {
        *copies.entry(id.clone()).or_default() += 1;
    }
    assert_eq!(got.len(), rows.len(), "one message per mail");
    assert!(copies.values().all(|&n| n == 1), "{copies:?}");
    for row in &rows {
        assert!(
            copies
                .keys()
                .any(|id| id.starts_with(&format!("outbox-{}-", row.id))),
            "{}",
            row.id
        );
    }

    // A sender killed mid-send: the other instance takes the mail over when its lease
    // runs out and sends it again, with the same Message-ID, so mail systems drop the copy.
    let mut slow = Browser::from("198.51.100.90");
    assert_eq!(submit(pa, &mut slow, "slow.mover@example.nl"), 303);
    let marker = dir.path().join("received/slowed");
    wait_until("the slow mail handed over", || {
        let marker = marker.clone();
        async move { marker.exists() }
    })
    .await;
    let holder = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::Recipient.eq("slow.mover@example.nl"))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .locked_by
        .unwrap();
    let pid: u32 = holder[1..holder.find('-').unwrap()].parse().unwrap();
    let (killed, survivor) = if pid == a.child.id() {
        (&mut a, &mut b)
    } else {
        assert_eq!(pid, b.child.id(), "{holder}");
        (&mut b, &mut a)
    };
    killed.child.kill().unwrap();
    killed.child.wait().unwrap();
    wait_until("the slow mail sent by the other", || async {
        outbox_mail::Entity::find()
            .filter(outbox_mail::Column::Recipient.eq("slow.mover@example.nl"))
            .filter(outbox_mail::Column::Status.eq("sent"))
            .count(&db)
            .await
            .unwrap()
            == 1
    })
    .await;
    let slow_copies: Vec<String> = received(dir.path())
        .into_iter()
        .filter(|(_, to)| to == "slow.mover@example.nl")
        .map(|(id, _)| id)
        .collect();
    assert_eq!(slow_copies.len(), 2, "{slow_copies:?}");
    assert_eq!(slow_copies[0], slow_copies[1]);
    // The survivor goes on serving.
    survivor.wait_ready();
    for log in [a.log_text(), b.log_text()] {
        assert!(!log.contains("migration failed"), "{log}");
    }
}
