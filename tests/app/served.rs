//! The real binary, served: `lotsbok serve` started as a process from a folder of its own
//! with nothing but environment variables, and a small HTTP/1.0 client with a cookie jar to
//! talk to it (as an operator's `curl` or a browser would, over TCP).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `lotsbok serve`; killed when dropped.
pub struct Served {
    pub child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Served {
    /// Starts the binary in `dir` with a clean environment: only `PATH` and `env`, plus the
    /// address to listen on. Its standard error (the log) goes to `<dir>/<name>.log`.
    pub fn start(dir: &Path, name: &str, env: &[(&str, &str)]) -> Served {
        let port = free_port();
        let log = dir.join(format!("{name}.log"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lotsbok"));
        cmd.arg("serve")
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("LOTSBOK_BIND", format!("127.0.0.1:{port}"))
            .env("LOTSBOK_BASE_URL", format!("http://127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        for (k, v) in env {
            cmd.env(k, v);
        }
        Served {
            child: cmd.spawn().expect("start lotsbok serve"),
            port,
            log,
        }
    }

    /// Waits until `/readyz` answers 200; panics with the log if the process ends first.
    pub fn wait_ready(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(90) {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("lotsbok exited ({status}):\n{}", self.log_text());
            }
            if let Ok(r) = try_http(self.port, "GET", "/readyz", &[], None) {
                if r.status == 200 {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("lotsbok not ready within 90 s:\n{}", self.log_text());
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops it as an orchestrator does (SIGTERM) and waits for it.
    pub fn stop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.0 request (so the answer ends with the connection, never chunked).
pub fn try_http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> std::io::Result<Resp> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut req = format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    if let Some(b) = body {
        req.push_str(b);
    }
    stream.write_all(req.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Resp {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    })
}

pub fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> Resp {
    try_http(port, method, path, headers, None).unwrap()
}

/// A browser, roughly: a cookie jar shared across instances (they share one site), the CSRF
/// token of the last page, and a client address it claims through X-Forwarded-For (for
/// instances told to trust it).
#[derive(Default)]
pub struct Browser {
    cookies: BTreeMap<String, String>,
    csrf: Option<String>,
    pub forwarded_for: Option<String>,
}

impl Browser {
    /// A browser whose client address is `ip` (for instances that trust X-Forwarded-For).
    pub fn from(ip: &str) -> Browser {
        Browser {
            forwarded_for: Some(ip.into()),
            ..Browser::default()
        }
    }

    pub fn request(
        &mut self,
        port: u16,
        method: &str,
        path: &str,
        form: Option<&[(&str, &str)]>,
    ) -> Resp {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut headers = vec![("Cookie", cookie.as_str())];
        let xff = self.forwarded_for.clone().unwrap_or_default();
        if self.forwarded_for.is_some() {
            headers.push(("X-Forwarded-For", &xff));
        }
        let body = form.map(|f| {
            let mut all = f.to_vec();
            let token = self.csrf.clone().unwrap_or_default();
            all.push(("csrf", &token));
            serde_urlencoded::to_string(&all).unwrap()
        });
        let r = try_http(port, method, path, &headers, body.as_deref()).unwrap();
        for (k, v) in &r.headers {
            if k.eq_ignore_ascii_case("set-cookie") {
                let pair = v.split(';').next().unwrap_or_default();
                if let Some((name, value)) = pair.split_once('=') {
                    if value.is_empty() || v.contains("Max-Age=0") {
                        self.cookies.remove(name);
                    } else {
                        self.cookies.insert(name.to_string(), value.to_string());
                    }
                }
            }
        }
        if let Some(t) = crate::helpers::csrf_in(&r.text()) {
            self.csrf = Some(t);
        }
        r
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.get(name).cloned()
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.into(), value.into());
    }

    pub fn get(&mut self, port: u16, path: &str) -> Resp {
        self.request(port, "GET", path, None)
    }

    /// Opens the sign-in page and signs in; returns the answer to the form.
    pub fn sign_in(&mut self, port: u16, email: &str, password: &str) -> Resp {
        self.get(port, "/login");
        self.post(port, "/login", &[("email", email), ("password", password)])
    }

    pub fn post(&mut self, port: u16, path: &str, form: &[(&str, &str)]) -> Resp {
        self.request(port, "POST", path, Some(form))
    }
}

/// The value of the public form's time-trap token in a page.
pub fn form_token(html: &str) -> String {
    let at = html.find(r#"name="token" value=""#).expect("a token field");
    let rest = &html[at + r#"name="token" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// An empty PostgreSQL database of its own (dropped at the end), or `None` outside CI
/// without a server.
pub struct PgDatabase {
    pub url: String,
    admin: String,
    name: String,
}

impl PgDatabase {
    pub async fn create() -> Option<PgDatabase> {
        use sea_orm::ConnectionTrait;
        let admin = crate::helpers::pg_admin_url()?;
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let conn = sea_orm::Database::connect(&admin).await.unwrap();
        conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        conn.close().await.ok();
        let mut u = url::Url::parse(&admin).unwrap();
        u.set_path(&format!("/{name}"));
        Some(PgDatabase {
            url: u.to_string(),
            admin,
            name,
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                use sea_orm::ConnectionTrait;
                if let Ok(c) = sea_orm::Database::connect(&admin).await {
                    let _ = c
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                }
            });
        })
        .join();
    }
}

/// A guide of Lycksele made with `lotsbok user create`, password "a long passphrase 1".
pub fn create_guide(database_url: &str, email: &str, name: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lotsbok"))
        .args(["user", "create", "--email", email, "--name", name])
        .args([
            "--role",
            "guide",
            "--municipality",
            "lycksele",
            "--password-stdin",
        ])
        .env_clear()
        .env("LOTSBOK_DATABASE_URL", database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long passphrase 1\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
