//! The browser suite (tests/browser/e2e.mjs) against a real server on a fresh database:
//! headless Chromium, axe-core and the W3C Nu HTML Checker. Needs Debian's chromium, Node.js,
//! Java and `npm ci` in tests/browser; outside CI a missing piece skips with a message, in CI
//! (`CI` set) it fails, so the suite never goes missing silently there.

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

#[test]
fn browser_suite() {
    if let Some(what) = missing() {
        assert!(
            std::env::var("CI").is_err(),
            "the browser suite needs {what}"
        );
        eprintln!("skipping the browser suite: no {what}");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let db = format!("sqlite://{}", tmp.path().join("e2e.db").display());
    let mail = tmp.path().join("mail");
    let env = [
        ("LOTSBOK_DATABASE_URL", db.as_str()),
        ("LOTSBOK_BIND", &format!("127.0.0.1:{port}")),
        ("LOTSBOK_BASE_URL", base.as_str()),
        ("LOTSBOK_MAIL_DIR", mail.to_str().expect("utf-8 path")),
        (
            "LOTSBOK_ASSETS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets"),
        ),
        ("LOTSBOK_INTEREST__MIN_SECONDS", "0"),
        ("LOTSBOK_OUTBOX__POLL_SECONDS", "1"),
        ("LOTSBOK_LOG", "warn"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()));
    let bin = env!("CARGO_BIN_EXE_lotsbok");

    let mut create = Command::new(bin)
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
        .envs(env.clone())
        .env_remove("LOTSBOK_CONFIG")
        .stdin(Stdio::piped())
        .spawn()
        .expect("lotsbok user create");
    std::io::Write::write_all(
        &mut create.stdin.take().expect("stdin"),
        b"a long guide password\n",
    )
    .expect("password");
    assert!(create.wait().expect("user create").success());

    let mut child = Command::new(bin)
        .arg("serve")
        .envs(env.clone())
        .env_remove("LOTSBOK_CONFIG")
        .stdout(Stdio::piped())
        .spawn()
        .expect("lotsbok serve");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut setup = None;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Some(at) = line.find("/setup/") {
            setup = Some(format!("{base}{}", line[at..].trim()));
        }
        if line.contains("listening") {
            break;
        }
    }
    let setup = setup.expect("serve printed a setup link");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let status = Command::new("node")
        .arg("e2e.mjs")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser"))
        .env("BASE_URL", &base)
        .env("SETUP_LINK", &setup)
        .env("MAIL_DIR", &mail)
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
