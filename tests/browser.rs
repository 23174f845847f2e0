//! The browser suite (tests/browser/e2e.mjs) against a real server on a fresh database:
//! headless Chromium, axe-core and the W3C Nu HTML Checker. Needs Debian's chromium, Node.js,
//! Java and `npm ci` in tests/browser; outside CI a missing piece skips with a message, in CI
//! (`CI` set) it fails, so the suite never goes missing silently there.

#![allow(clippy::expect_used)] // tests may panic: that is how they fail

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn missing() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Some("tests/browser/node_modules (run `npm ci` there)".into());
    }
    if !Path::new("/usr/bin/chromium").exists() {
        return Some("/usr/bin/chromium (apt-get install chromium)".into());
    }
    for tool in ["node", "java"] {
        if Command::new(tool).arg("--version").output().is_err() {
            return Some(tool.into());
        }
    }
    None
}

/// What a server of the suite runs on: a fresh SQLite database in `tmp`, a free port.
struct Setup {
    base: String,
    port: u16,
    mail: std::path::PathBuf,
    env: Vec<(String, String)>,
}

impl Setup {
    fn new(tmp: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .expect("port")
            .local_addr()
            .expect("addr")
            .port();
        // A domain name, not an address: WebAuthn (passkeys) needs one, and `localhost` is
        // a secure context over plain http.
        let base = format!("http://localhost:{port}");
        let db = format!("sqlite://{}", tmp.join("e2e.db").display());
        let mail = tmp.join("mail");
        let env = [
            ("LOTSBOK_DATABASE_URL", db.as_str()),
            ("LOTSBOK_BIND", &format!("127.0.0.1:{port}")),
            ("LOTSBOK_BASE_URL", base.as_str()),
            ("LOTSBOK_MAIL_DIR", mail.to_str().expect("utf-8 path")),
            (
                "LOTSBOK_TWO_FACTOR__KEY_FILE",
                &tmp.join("secret.key").display().to_string(),
            ),
            (
                "LOTSBOK_ASSETS_DIR",
                concat!(env!("CARGO_MANIFEST_DIR"), "/assets"),
            ),
            ("LOTSBOK_INTEREST__MIN_SECONDS", "0"),
            ("LOTSBOK_OUTBOX__POLL_SECONDS", "1"),
            ("LOTSBOK_LOG", "warn"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .to_vec();
        Setup {
            base,
            port,
            mail,
            env,
        }
    }

    fn lotsbok(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_lotsbok"));
        c.envs(self.env.clone()).env_remove("LOTSBOK_CONFIG");
        c
    }

    /// Starts `lotsbok serve`; returns it and the setup link it printed, if any.
    fn serve(&self) -> (Server, Option<String>) {
        let mut child = self
            .lotsbok()
            .arg("serve")
            .stdout(Stdio::piped())
            .spawn()
            .expect("lotsbok serve");
        let stdout = child.stdout.take().expect("stdout");
        let server = Server(child);
        let mut setup = None;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(at) = line.find("/setup/") {
                setup = Some(format!("{}{}", self.base, line[at..].trim()));
            }
            if line.contains("listening") {
                break;
            }
        }
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the server did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        (server, setup)
    }
}

/// Whether the suite can run here; in CI it must.
fn ready(what: &str) -> bool {
    match missing() {
        Some(m) => {
            assert!(std::env::var("CI").is_err(), "{what} needs {m}");
            eprintln!("skipping {what}: no {m}");
            false
        }
        None => true,
    }
}

fn node(script: &str) -> Command {
    let mut c = Command::new("node");
    c.arg(script)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser"));
    c
}

#[test]
fn browser_suite() {
    if !ready("the browser suite") {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let s = Setup::new(tmp.path());
    let mut create = s
        .lotsbok()
        .args([
            "user",
            "create",
            "--email",
            "lena@lycksele.se",
            "--name",
            "Lena Lots",
            "--role",
            "guide",
            "--municipality",
            "lycksele",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("lotsbok user create");
    std::io::Write::write_all(
        &mut create.stdin.take().expect("stdin"),
        b"a long guide password\n",
    )
    .expect("password");
    assert!(create.wait().expect("user create").success());
    let (server, setup) = s.serve();
    let setup = setup.expect("serve printed a setup link");
    let status = node("e2e.mjs")
        .env("BASE_URL", &s.base)
        .env("SETUP_LINK", &setup)
        .env("MAIL_DIR", &s.mail)
        .env("GUIDE_EMAIL", "lena@lycksele.se")
        .env("GUIDE_PASSWORD", "a long guide password")
        .status()
        .expect("node e2e.mjs");
    drop(server);
    assert!(
        status.success(),
        "the browser suite failed (see its output above)"
    );
}

/// Issue 17: the guide's desk on the demo's 20 000 leads, as a guide meets it on its first
/// day: the busiest guide's start page and a lead page with a long story and a duplicate,
/// at 1280×800 and 390×844, checked by where things are on the screen. Issue 18: the
/// reports on the same data (`reports.mjs`): no chart text cut off, the targets form, the
/// page for the board printed on two A4 pages. With
/// `LOTSBOK_SCREENSHOTS=DIR` it also saves the README's screenshots there.
#[test]
fn the_desk_on_demo_data() {
    if !ready("the desk suite") {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let s = Setup::new(tmp.path());
    let demo = s
        .lotsbok()
        .args([
            "demo",
            "--leads",
            "20000",
            "--password",
            "demo password 2026",
        ])
        .stdout(Stdio::null())
        .status()
        .expect("lotsbok demo");
    assert!(demo.success());
    let (guide, lead) = busiest(&s);
    let (server, _) = s.serve();
    let shots = std::env::var("LOTSBOK_SCREENSHOTS")
        .map(|d| std::path::absolute(d).expect("a screenshot folder"))
        .unwrap_or_default();
    let status = node("desk.mjs")
        .env("BASE_URL", &s.base)
        .env("GUIDE_EMAIL", &guide)
        .env("LEAD_URL", format!("/leads/{lead}"))
        .env("PASSWORD", "demo password 2026")
        .env("SHOTS", &shots)
        .status()
        .expect("node desk.mjs");
    let reports = node("reports.mjs")
        .env("BASE_URL", &s.base)
        .env("GUIDE_EMAIL", &guide)
        .env("PASSWORD", "demo password 2026")
        .env("SHOTS", &shots)
        .status()
        .expect("node reports.mjs");
    drop(server);
    assert!(
        status.success(),
        "the desk suite failed (see its output above)"
    );
    assert!(
        reports.success(),
        "the report suite failed (see its output above)"
    );
}

/// The guide with the most open follow-ups, and of its leads one that has a duplicate and,
/// among those, the longest timeline.
fn busiest(s: &Setup) -> (String, i64) {
    use sea_orm::{ConnectionTrait, Statement};
    let url = &s
        .env
        .iter()
        .find(|(k, _)| k == "LOTSBOK_DATABASE_URL")
        .expect("url")
        .1;
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let db = sea_orm::Database::connect(url.as_str())
            .await
            .expect("demo db");
        let one = |sql: &str| Statement::from_string(db.get_database_backend(), sql.to_string());
        let row = db
            .query_one(one(
                "SELECT m.id AS m, m.slug AS slug FROM follow_ups f JOIN municipalities m
                 ON m.id = f.municipality_id WHERE f.done_at IS NULL
                 GROUP BY m.id, m.slug ORDER BY COUNT(*) DESC LIMIT 1",
            ))
            .await
            .expect("busiest")
            .expect("a municipality with follow-ups");
        let m: i64 = row.try_get("", "m").expect("m");
        let slug: String = row.try_get("", "slug").expect("slug");
        let lead = db
            .query_one(one(&format!(
                "SELECT l.id AS id FROM leads l JOIN prospects p ON p.id = l.prospect_id
                 WHERE l.municipality_id = {m} AND EXISTS (
                   SELECT 1 FROM leads l2 JOIN prospects p2 ON p2.id = l2.prospect_id
                   WHERE l2.municipality_id = {m} AND l2.id <> l.id AND p2.phone_key = p.phone_key)
                 ORDER BY (SELECT COUNT(*) FROM activities a WHERE a.lead_id = l.id) DESC, l.id
                 LIMIT 1"
            )))
            .await
            .expect("lead")
            .expect("a lead with a duplicate");
        let email = format!("lots.{slug}@demo.lotsbok.se");
        (email, lead.try_get("", "id").expect("id"))
    })
}
