//! Running Lotsbok as an IT department does: the binary alone from an empty folder, health
//! and metrics, logs without personal data, the rate limit shared through the database,
//! backups taken under load and put back, and PostgreSQL's own dump and restore.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use chrono::{TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use sha2::{Digest, Sha256};

use crate::both;
use crate::helpers::{seed_lead, Backend, TestApp};
use crate::served::{form_token, http, Browser, Served};

fn repo_asset(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(name),
    )
    .unwrap()
}

/// Every `/assets/…` URL a page links to.
fn asset_links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let url = &rest[..rest.find('"').unwrap()];
            if url.starts_with("/assets/") {
                out.push(url.replace("&amp;", "&"));
            }
        }
    }
    out
}

#[test]
fn the_binary_alone_serves_every_asset_from_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    // No configuration file, no database URL: the defaults, relative to the empty folder.
    let mut server = Served::start(dir.path(), "alone", &[]);
    server.wait_ready();
    let port = server.port;

    let mut linked = Vec::new();
    for page in ["/interest?lang=nl", "/login", "/privacy", "/accessibility"] {
        let r = http(port, "GET", page, &[]);
        assert_eq!(r.status, 200, "{page}");
        linked.extend(asset_links(&r.text()));
    }
    linked.sort();
    linked.dedup();
    assert!(
        linked
            .iter()
            .any(|l| l.starts_with("/assets/css/app.css?v=")),
        "{linked:?}"
    );

    // The version is the hash of what is served: of each file's name and content.
    let mut hash = Sha256::new();
    for name in lotsbok::assets::names() {
        let r = http(port, "GET", &format!("/assets/{name}"), &[]);
        assert_eq!(r.status, 200, "{name}");
        assert_eq!(r.body, repo_asset(&name), "{name} as served");
        hash.update(name.as_bytes());
        hash.update(Sha256::digest(&r.body));
    }
    let version = hex::encode(&hash.finalize()[..6]);
    assert_ne!(version, "e3b0c44298fc", "the hash of nothing");
    for link in &linked {
        let (path, v) = link.split_once("?v=").unwrap();
        assert_eq!(v, version, "{link}");
        let r = http(port, "GET", link, &[]);
        assert_eq!(r.status, 200, "{link}");
        let ct = r.header("content-type").unwrap();
        if path.ends_with(".css") {
            assert!(ct.starts_with("text/css"), "{ct}");
            // The honeypot field of the public form is hidden by it.
            assert!(r.text().contains(".hp {"), "{path}");
        }
        assert!(
            r.header("cache-control").unwrap().contains("immutable"),
            "{link}"
        );
        // Revalidation by its tag answers 304 without a body.
        let etag = r.header("etag").unwrap().to_string();
        let again = http(port, "GET", link, &[("If-None-Match", &etag)]);
        assert_eq!(again.status, 304);
        assert!(again.body.is_empty());
    }
    // Locales are compiled in, not served; nothing outside the assets is reachable.
    for path in [
        "/assets/locales/sv/main.ftl",
        "/assets/../Cargo.toml",
        "/assets/css/../../Cargo.toml",
    ] {
        assert_eq!(http(port, "GET", path, &[]).status, 404, "{path}");
    }
    // It said what it started with.
    let log = server.log_text();
    assert!(log.contains("started"), "{log}");
    assert!(log.contains("compiled in"), "{log}");

    // Its metrics answer this machine (the default `allow_from`), with the background
    // jobs' runs: the lead counts' fold and housekeeping run at start.
    let mut text = String::new();
    for _ in 0..300 {
        let m = http(port, "GET", "/metrics", &[]);
        assert_eq!(m.status, 200);
        text = m.text();
        if text.contains("job=\"housekeeping\"") && text.contains("job=\"fold_counts\"") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    for part in [
        "lotsbok_job_runs_total{job=\"housekeeping\",result=\"ok\"}",
        "lotsbok_job_duration_seconds_bucket{job=\"fold_counts\"",
        "route=\"/interest\"",
        "lotsbok_db_pool_max_connections 8",
    ] {
        assert!(
            text.contains(part),
            "{part} in\n{text}\n{}",
            server.log_text()
        );
    }
}

#[test]
fn an_assets_folder_that_lacks_a_file_stops_start_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dev/css")).unwrap();
    std::fs::write(dir.path().join("dev/css/app.css"), "body{}").unwrap();
    let mut server = Served::start(dir.path(), "dev", &[("LOTSBOK_ASSETS_DIR", "dev")]);
    let status = server.child.wait().unwrap();
    assert!(!status.success());
    let log = server.log_text();
    assert!(log.contains("assets_dir"), "{log}");
    assert!(log.contains("js/import-progress.js"), "{log}");
}

fn with_token(c: &mut lotsbok::config::Config) {
    c.metrics.token = "a-long-scrape-token".into();
}

async fn health_readiness_and_metrics(mut app: TestApp) {
    let h = app.get("/healthz").await;
    assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
    let r = app.get("/readyz").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ready"));

    // Nobody else reads the metrics: not without the token, not with a wrong one, not by
    // claiming a local address in a header.
    // The scheme's name in any case.
    let lower = app
        .get_with(
            "/metrics",
            &[("authorization", "bearer a-long-scrape-token")],
        )
        .await;
    assert_eq!(lower.status, StatusCode::OK);
    for headers in [
        vec![],
        vec![("authorization", "Bearer wrong")],
        vec![("x-forwarded-for", "127.0.0.1")],
    ] {
        assert_eq!(
            app.get_with("/metrics", &headers).await.status,
            StatusCode::NOT_FOUND
        );
    }

    // A mail waits in the outbox.
    lotsbok::mail::enqueue(
        &app.state.db,
        lotsbok::mail::Mail {
            to: "someone@example.org".into(),
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
        },
    )
    .await
    .unwrap();
    app.get("/login").await;
    let m = scrape(&mut app).await;
    assert_eq!(m.status, StatusCode::OK);
    let ct = m.headers.get("content-type").unwrap().to_str().unwrap();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    let text = &m.body;
    for line in [
        "lotsbok_outbox_unsent 1\n",
        "lotsbok_outbox_failed 0\n",
        "lotsbok_db_pool_max_connections 5\n",
        "lotsbok_build_info{version=\"",
        "# TYPE lotsbok_http_requests_total counter",
        "# TYPE lotsbok_http_request_duration_seconds histogram",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    let age = text
        .lines()
        .find_map(|l| l.strip_prefix("lotsbok_outbox_oldest_unsent_age_seconds "))
        .unwrap();
    assert!(age.parse::<f64>().unwrap() >= 0.0);
    assert!(
        text.lines()
            .any(|l| l.starts_with("lotsbok_http_requests_total{")
                && l.contains("route=\"/login\"")
                && l.contains("status=\"200\"")),
        "{text}"
    );
    assert!(
        text.lines().any(
            |l| l.starts_with("lotsbok_http_request_duration_seconds_bucket{")
                && l.contains("route=\"/login\"")
        ),
        "{text}"
    );
    // A path with an id is counted by its pattern, never by the path.
    app.get("/leads/123456").await;
    let m = scrape(&mut app).await;
    assert!(m.body.contains("route=\"/leads/{id}\""), "{}", m.body);
    assert!(!m.body.contains("/leads/123456"), "{}", m.body);
    // A method a client invents is counted as "other", never by its name.
    let brew = axum::http::Method::from_bytes(b"BREWCOFFEE").unwrap();
    app.request(brew, "/login", None, &[]).await;
    let m = scrape(&mut app).await;
    assert!(m.body.contains("method=\"other\""), "{}", m.body);
    assert!(!m.body.contains("BREWCOFFEE"), "{}", m.body);
}

both!(with super::with_token; health_readiness_and_metrics);

async fn scrape(app: &mut TestApp) -> crate::helpers::Page {
    app.get_with(
        "/metrics",
        &[("authorization", "Bearer a-long-scrape-token")],
    )
    .await
}

#[tokio::test]
async fn the_scrapers_own_address_may_read_the_metrics_without_a_token() {
    let mut app = TestApp::with_config(Backend::Sqlite, |c| {
        c.metrics.allow_from = vec!["203.0.113.7".parse().unwrap()];
    })
    .await
    .unwrap();
    assert_eq!(app.get("/metrics").await.status, StatusCode::OK);
    // Through a proxy the address is the proxy's, whoever asks: the token only.
    for proxy in [
        ("x-forwarded-for", "198.51.100.1"),
        ("forwarded", "for=198.51.100.1"),
    ] {
        let r = app.get_with("/metrics", &[proxy]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{proxy:?}");
    }
    let mut proxied = TestApp::with_config(Backend::Sqlite, |c| {
        c.metrics.allow_from = vec!["203.0.113.7".parse().unwrap()];
        c.trust_forwarded_for = true;
    })
    .await
    .unwrap();
    assert_eq!(proxied.get("/metrics").await.status, StatusCode::NOT_FOUND);
}

async fn the_rate_limit_is_one_for_every_instance(app: TestApp) {
    let admit = |db, client, n, at| lotsbok::web::gate::admit(db, b"a key", client, n, at);
    let other = lotsbok::db::connect(&app.database_url, 5).await.unwrap();
    let one = &app.state.db;
    let at = |s: i64| {
        Utc.timestamp_opt(1_800_000_000 + s, 0) // 1_800_000_000 starts a minute
            .unwrap()
    };
    // Three a minute, counted by both instances together.
    assert!(admit(one, "198.51.100.1", 3, at(1)).await.unwrap());
    assert!(admit(&other, "198.51.100.1", 3, at(2)).await.unwrap());
    assert!(admit(one, "198.51.100.1", 3, at(3)).await.unwrap());
    assert!(!admit(&other, "198.51.100.1", 3, at(4)).await.unwrap());
    assert!(!admit(one, "198.51.100.1", 3, at(5)).await.unwrap());
    // Another client is not held back.
    assert!(admit(&other, "198.51.100.2", 3, at(5)).await.unwrap());
    // A sliding window: a second into the next minute the last one still counts whole;
    // half-way through, half of it (rounded up).
    assert!(!admit(one, "198.51.100.1", 3, at(61)).await.unwrap());
    assert!(admit(&other, "198.51.100.1", 3, at(90)).await.unwrap());
    assert!(!admit(one, "198.51.100.1", 3, at(91)).await.unwrap());
    // Refused attempts were not counted: half a minute on, only the one admitted at 90 is
    // carried, half of it rounded up.
    assert!(admit(&other, "198.51.100.1", 3, at(150)).await.unwrap());
    assert!(admit(one, "198.51.100.1", 3, at(151)).await.unwrap());
    assert!(!admit(&other, "198.51.100.1", 3, at(152)).await.unwrap());

    // Thirty at once through both instances, ten allowed: exactly ten get in.
    let admitted = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..30 {
        let db = if i % 2 == 0 {
            one.clone()
        } else {
            other.clone()
        };
        let admitted = admitted.clone();
        tasks.push(tokio::spawn(async move {
            let yes = lotsbok::web::gate::admit(&db, b"a key", "198.51.100.3", 10, at(600));
            if yes.await.unwrap() {
                admitted.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(admitted.load(Ordering::SeqCst), 10);
    other.close().await.unwrap();
}

both!(the_rate_limit_is_one_for_every_instance);

fn fast_forms(c: &mut lotsbok::config::Config) {
    c.interest.min_seconds = 0;
    c.interest.per_minute = 100_000;
}

/// A valid interest form for one mover.
pub fn form(token: &str, email: &str) -> String {
    serde_urlencoded::to_string([
        ("token", token),
        ("first_name", "Sanne"),
        ("last_name", "de Jong"),
        ("email", email),
        ("country", "NL"),
        ("adults", "2"),
        ("children", "0"),
        ("housing_wish", "buy"),
        ("contact_via", "email"),
        ("contact_language", "nl"),
        ("consent", "yes"),
        ("website", ""),
        ("m", "lycksele"),
    ])
    .unwrap()
}

#[tokio::test]
async fn a_backup_taken_under_write_load_holds_every_acknowledged_submission() {
    use tower::ServiceExt;
    let app = TestApp::with_config(Backend::Sqlite, fast_forms)
        .await
        .unwrap();
    let state = app.state.clone();
    let gate = lotsbok::web::gate::Gate::of(&state, "interest")
        .await
        .unwrap();
    let tokens: Vec<String> = (0..400).map(|_| gate.token()).collect();
    let tokens = Arc::new(Mutex::new(tokens));
    // Each writer records what it was told was accepted, and whether that answer came
    // before the backup began.
    let started = Arc::new(AtomicBool::new(false));
    let before: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (router, tokens, started, before, stop) = (
            app.router.clone(),
            tokens.clone(),
            started.clone(),
            before.clone(),
            stop.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let Some(token) = tokens.lock().unwrap().pop() else {
                    break;
                };
                let email = format!("w{w}.n{n}@example.nl");
                n += 1;
                let req = axum::http::Request::post("/interest?lang=nl")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(axum::body::Body::from(form(&token, &email)))
                    .unwrap();
                let res = router.clone().oneshot(req).await.unwrap();
                assert_eq!(res.status(), StatusCode::SEE_OTHER, "{email}");
                // Answered before the backup began: committed before it, too.
                if !started.load(Ordering::SeqCst) {
                    before.lock().unwrap().push(email);
                }
            }
            n
        }));
    }
    // Let them write a while, then back up while they go on.
    let waiting = std::time::Instant::now();
    while before.lock().unwrap().len() < 40 {
        assert!(
            waiting.elapsed() < Duration::from_secs(60),
            "the writers stalled"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let file = app.dir.path().join("backups/now.db");
    started.store(true, Ordering::SeqCst);
    lotsbok::backup::backup(&state.db, &file).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::SeqCst);
    let mut written = 0;
    for w in writers {
        written += w.await.unwrap();
    }
    let acknowledged = before.lock().unwrap().clone();
    assert!(
        written > acknowledged.len(),
        "the writers were still writing when the backup began, and after"
    );

    // Every submission acknowledged before the backup began is in it, with its mails.
    // Put back as a database of its own (as `lotsbok restore` does), then read there.
    let restored = format!(
        "sqlite://{}",
        app.dir.path().join("restored/lotsbok.db").display()
    );
    assert_eq!(
        lotsbok::backup::restore(&restored, &file, true)
            .await
            .unwrap(),
        None
    );
    let copy = lotsbok::db::connect(&restored, 2).await.unwrap();
    assert_eq!(copy.pending_migrations().await.unwrap(), 0);
    use lotsbok::entities::{outbox_mail, prospect};
    for email in &acknowledged {
        let p = prospect::Entity::find()
            .filter(prospect::Column::Email.eq(email.as_str()))
            .count(&copy)
            .await
            .unwrap();
        assert_eq!(p, 1, "{email} in the backup");
        let mails = outbox_mail::Entity::find()
            .filter(outbox_mail::Column::Recipient.eq(email.as_str()))
            .count(&copy)
            .await
            .unwrap();
        assert_eq!(mails, 1, "the mail to {email} in the backup");
    }
    // A backup never overwrites a file.
    let again = lotsbok::backup::backup(&state.db, &file).await.unwrap_err();
    assert!(again.contains("exists already"), "{again}");
}

#[tokio::test]
async fn scheduled_backups_keep_the_newest() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let cfg = lotsbok::config::BackupConfig {
        every_hours: 1,
        dir: app.dir.path().join("scheduled"),
        keep: 2,
    };
    let mut made = Vec::new();
    for _ in 0..3 {
        made.push(
            lotsbok::backup::scheduled(&app.state.db, &cfg)
                .await
                .unwrap(),
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut left: Vec<_> = std::fs::read_dir(&cfg.dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    left.sort();
    assert_eq!(left, made[1..].to_vec());
}

fn cli(dir: &std::path::Path, db: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lotsbok"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("LOTSBOK_DATABASE_URL", db)
        .output()
        .unwrap()
}

#[tokio::test]
async fn restore_is_refused_while_a_server_runs_and_keeps_what_it_replaces() {
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    seed_lead(
        &app,
        Some("lycksele"),
        ("Sanne", "de Jong"),
        Some("s@example.nl"),
        None,
        "Utrecht",
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("lotsbok.backup");
    let out = cli(
        dir.path(),
        &app.database_url,
        &["backup", backup.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // PostgreSQL is backed up with its own tools.
    let out = cli(
        dir.path(),
        "postgres://nobody@127.0.0.1:1/none",
        &["backup", "x.db"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));

    // A server runs on another database, with scheduled backups on.
    let live = format!("sqlite://{}/live.db", dir.path().display());
    let mut server = Served::start(
        dir.path(),
        "live",
        &[
            ("LOTSBOK_DATABASE_URL", &live),
            ("LOTSBOK_BACKUP__EVERY_HOURS", "24"),
            ("LOTSBOK_BACKUP__DIR", "scheduled"),
        ],
    );
    server.wait_ready();
    let out = cli(dir.path(), &live, &["restore", backup.to_str().unwrap()]);
    let err = crate::cli::one_line_error(&out);
    assert!(err.contains("is in use"), "{err}");
    // The scheduled backup was made at start.
    let mut scheduled = Vec::new();
    for _ in 0..100 {
        // Finished backups only (one being written is `….db.partial`).
        scheduled = std::fs::read_dir(dir.path().join("scheduled"))
            .map(|d| {
                d.map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|x| x == "db"))
                    .collect()
            })
            .unwrap_or_default();
        if !scheduled.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(scheduled.len(), 1, "{}", server.log_text());
    lotsbok::db::check_sqlite_file(&scheduled[0]).await.unwrap();
    server.stop();

    // What holds personal data is its owner's only, whatever the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [
            dir.path().join("live.db"),
            backup.clone(),
            scheduled[0].clone(),
        ] {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
    }
    // Where there is no database yet, a restore is taken for a mistake unless told.
    let elsewhere = format!("sqlite://{}/elsewhere.db", dir.path().display());
    let err = crate::cli::one_line_error(&cli(
        dir.path(),
        &elsewhere,
        &["restore", backup.to_str().unwrap()],
    ));
    assert!(err.contains("--new"), "{err}");

    // A command holds the same lock as a server while it runs (`lotsbok import` …).
    let command = lotsbok::backup::hold(&live).unwrap();
    let err = lotsbok::backup::restore(&live, &backup, false)
        .await
        .unwrap_err();
    assert!(err.contains("is in use"), "{err}");
    drop(command);

    // Not a database, or a damaged one: refused, the live one untouched.
    std::fs::write(dir.path().join("junk.db"), b"not a database at all").unwrap();
    let err = crate::cli::one_line_error(&cli(dir.path(), &live, &["restore", "junk.db"]));
    assert!(err.contains("junk.db"), "{err}");

    // Stopped: the backup goes back, the replaced database is kept beside it.
    let out = cli(dir.path(), &live, &["restore", backup.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("live.db.replaced-"), "{said}");
    let mut server = Served::start(dir.path(), "again", &[("LOTSBOK_DATABASE_URL", &live)]);
    server.wait_ready();
    let db = lotsbok::db::connect(&live, 2).await.unwrap();
    let found = lotsbok::entities::prospect::Entity::find()
        .filter(lotsbok::entities::prospect::Column::Email.eq("s@example.nl"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(found, 1);
}

/// The README's recipe for PostgreSQL: `pg_dump --format=custom`, then `pg_restore
/// --no-owner` into an empty database, which Lotsbok then runs on as it was.
#[tokio::test]
async fn postgres_dump_and_restore_as_the_readme_says() {
    let Some(mut app) = TestApp::new(Backend::Postgres).await else {
        return;
    };
    let Some(bin) = pg_tool("pg_dump") else {
        assert!(std::env::var("CI").is_err(), "pg_dump is required in CI");
        eprintln!("skipping: no pg_dump");
        return;
    };
    let lead = seed_lead(
        &app,
        Some("lycksele"),
        ("Anna", "Berg"),
        Some("anna@example.se"),
        None,
        "Umeå",
    )
    .await;
    app.create_user(
        "lots@lycksele.se",
        "guide",
        Some("lycksele"),
        "a long passphrase 1",
    )
    .await;
    let dump = app.dir.path().join("lotsbok.dump");
    let out = std::process::Command::new(&bin)
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(&app.database_url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = crate::served::PgDatabase::create().await.unwrap();
    let out = std::process::Command::new(bin.with_file_name("pg_restore"))
        .args(["--no-owner", "--exit-on-error", "--dbname", &target.url])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Lotsbok on the restored database: nothing to migrate, the lead and the guide there.
    let db = lotsbok::db::connect(&target.url, 2).await.unwrap();
    assert_eq!(db.pending_migrations().await.unwrap(), 0);
    lotsbok::db::migrate(&db).await.unwrap();
    assert!(lotsbok::entities::lead::Entity::find_by_id(lead)
        .one(&db)
        .await
        .unwrap()
        .is_some());
    let state = lotsbok::state::AppState::new(
        db,
        (*app.state.config).clone(),
        lotsbok::assets::Assets::embedded(),
    );
    app.router = lotsbok::app::router(state.clone());
    app.state = state;
    let page = app.login("lots@lycksele.se", "a long passphrase 1").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app.get(&format!("/leads/{lead}"))
        .await
        .assert_contains("Anna");
}

/// A PostgreSQL client tool: on the PATH, or in Debian's versioned folder.
pub fn pg_tool(name: &str) -> Option<std::path::PathBuf> {
    if let Ok(out) = std::process::Command::new(name).arg("--version").output() {
        if out.status.success() {
            return Some(name.into());
        }
    }
    let mut dirs: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin").join(name)))
        .filter(|p| p.is_file())
        .collect();
    dirs.sort();
    dirs.pop()
}

#[test]
fn logs_name_no_one_at_any_level() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/lotsbok.db", dir.path().display());
    crate::served::create_guide(&db, "lena.lots@lycksele.se", "Lena Lotsdottir");
    let mut server = Served::start(
        dir.path(),
        "trace",
        &[
            ("LOTSBOK_DATABASE_URL", &db),
            ("LOTSBOK_LOG", "trace"),
            ("LOTSBOK_LOG_FORMAT", "json"),
            ("LOTSBOK_INTEREST__MIN_SECONDS", "0"),
        ],
    );
    server.wait_ready();
    let port = server.port;
    let mut mover = Browser::default();
    let page = mover.get(port, "/interest?lang=nl");
    let token = form_token(&page.text());
    let r = crate::served::try_http(port, "POST", "/interest?lang=nl", &[], Some("")).unwrap();
    assert_eq!(r.status, 422, "an empty form is refused");
    let body = serde_urlencoded::to_string([
        ("token", token.as_str()),
        ("first_name", "Zebulon"),
        ("last_name", "Quixotesson"),
        ("email", "zq.unique@example.nl"),
        ("phone", "+31 6 9876 5432"),
        ("country", "NL"),
        ("place", "Zwolle-Noord"),
        ("adults", "2"),
        ("children", "0"),
        ("housing_wish", "buy"),
        ("contact_via", "email"),
        ("contact_language", "nl"),
        ("message", "Wij houden van sneeuw"),
        ("consent", "yes"),
        ("website", ""),
        ("m", "lycksele"),
    ])
    .unwrap();
    let r = crate::served::try_http(port, "POST", "/interest?lang=nl", &[], Some(&body)).unwrap();
    assert_eq!(r.status, 303, "{}", r.text());

    let mut guide = Browser::default();
    // A wrong password typed with the mover's address as the account: not logged either.
    guide.sign_in(port, "zq.unique@example.nl", "Quixotesson!");
    let r = guide.sign_in(port, "lena.lots@lycksele.se", "a long passphrase 1");
    assert_eq!(r.status, 303);
    let list = guide.get(port, "/leads?q=Quixotesson").text();
    let link = list
        .match_indices("href=\"/leads/")
        .map(|(at, _)| &list[at + 6..])
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .find(|l| l[7..].chars().all(|c| c.is_ascii_digit()))
        .expect("the lead in the list");
    let lead = guide.get(port, &link);
    assert_eq!(lead.status, 200);
    assert!(lead.text().contains("Quixotesson"));
    guide.get(port, "/leads?q=%2B31698765432");
    guide.get(port, "/leads?q=zq.unique%40example.nl");
    guide.post(port, "/logout", &[]);
    server.stop();

    let log = server.log_text();
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines.len() > 50, "{log}");
    let mut in_requests = 0;
    let mut levels = std::collections::BTreeSet::new();
    for line in &lines {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        levels.insert(v["level"].as_str().unwrap_or_default().to_string());
        // A line written inside a request names it first among its spans, with its id.
        if let Some(outer) = v["spans"].as_array().and_then(|s| s.first()) {
            assert_eq!(outer["name"], "request", "{line}");
            assert!(
                outer["request_id"]
                    .as_str()
                    .is_some_and(|id| id.len() >= 32),
                "{line}"
            );
            in_requests += 1;
        }
        let lower = line.to_lowercase();
        for secret in [
            "zebulon",
            "quixotesson",
            "zq.unique",
            "example.nl",
            "698765432",
            "98765432",
            "zwolle",
            "sneeuw",
            "lotsdottir",
            "lena.lots",
            "passphrase",
        ] {
            assert!(!lower.contains(secret), "`{secret}` in the log: {line}");
        }
    }
    assert!(in_requests > 10, "{log}");
    assert!(
        levels.contains("TRACE") && levels.contains("DEBUG"),
        "{levels:?}"
    );
}

#[test]
fn processes_migrating_one_sqlite_file_together_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/lotsbok.db", dir.path().display());
    let children: Vec<_> = (0..3)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_lotsbok"))
                .arg("migrate")
                .env_clear()
                .env("LOTSBOK_DATABASE_URL", &db)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_stop_is_not_held_up_by_a_client_that_stalls_mid_request() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut server = Served::start(dir.path(), "stop", &[("LOTSBOK_STOP_SECONDS", "2")]);
    server.wait_ready();
    // Half a request, then nothing: the connection stays open.
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stalled
        .write_all(b"GET /login HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let asked = std::time::Instant::now();
    server.stop();
    let status = server.child.try_wait().unwrap().expect("stopped");
    assert!(status.success(), "{}", server.log_text());
    assert!(
        asked.elapsed() < Duration::from_secs(10),
        "{:?}\n{}",
        asked.elapsed(),
        server.log_text()
    );
    let log = server.log_text();
    assert!(
        log.contains("connections still open at the deadline"),
        "{log}"
    );
    assert!(log.contains("stopped"), "{log}");
    drop(stalled);
}

#[test]
fn backup_and_restore_from_the_wrong_folder_say_so() {
    let dir = tempfile::tempdir().unwrap();
    // The default database is `data/lotsbok.db`, relative: from a folder without one.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lotsbok"))
        .args(["backup", "copy.db"])
        .current_dir(dir.path())
        .env_clear()
        .output()
        .unwrap();
    let err = crate::cli::one_line_error(&out);
    assert!(err.contains("no database at data/lotsbok.db"), "{err}");
    assert!(!dir.path().join("data/lotsbok.db").exists(), "none made");
    std::fs::write(dir.path().join("junk"), b"x").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lotsbok"))
        .args(["restore", "junk"])
        .current_dir(dir.path())
        .env_clear()
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// The audit is a promise: a page is answered only after its entry is committed, so a
/// server killed (SIGKILL, no chance to finish anything) right after answering still leaves
/// every answered view's row. The entries of page views are written a batch at a time
/// (`audit::Trail`); this checks that no batch is answered before it is stored.
#[tokio::test]
async fn a_page_view_answered_before_a_crash_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("crash.db").display());
    let mut server = Served::start(dir.path(), "crash", &[("LOTSBOK_DATABASE_URL", &url)]);
    server.wait_ready();
    crate::served::create_guide(&url, "lots@lycksele.se", "Lena Lots");
    let mut browser = Browser::from("203.0.113.9");
    let r = browser.sign_in(server.port, "lots@lycksele.se", "a long passphrase 1");
    assert_eq!(r.status, 303, "{}", r.text());
    let port = server.port;
    // Views from several clients at once, so that batches hold more than one entry.
    let cookie = browser.cookie("lotsbok_session").expect("signed in");
    let answered: usize = std::thread::scope(|s| {
        let views: Vec<_> = (0..4)
            .map(|_| {
                let cookie = cookie.clone();
                s.spawn(move || {
                    let mut b = Browser::from("203.0.113.9");
                    b.set_cookie("lotsbok_session", &cookie);
                    (0..25)
                        .filter(|_| b.get(port, "/leads").status == 200)
                        .count()
                })
            })
            .collect();
        views.into_iter().map(|v| v.join().unwrap()).sum()
    });
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    assert_eq!(answered, 100);
    let db = lotsbok::db::connect(&url, 1).await.unwrap();
    let rows = lotsbok::entities::audit_entry::Entity::find()
        .filter(lotsbok::entities::audit_entry::Column::Action.eq("leads_listed"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(rows, 100, "every answered view has its row after the crash");
}
