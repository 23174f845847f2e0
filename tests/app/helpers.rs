//! `TestApp`: the real router on a fresh database (a SQLite file, or a new PostgreSQL
//! database when `LOTSBOK_TEST_PG_URL` is set), driven like a browser: cookies are kept,
//! the CSRF token of the last page is sent with the next form, redirects are visible.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use lotsbok::app;
use lotsbok::config::Config;
use lotsbok::leads::NewLead;
use lotsbok::mail::transport::Transport;
use lotsbok::scope::Target;
use lotsbok::state::AppState;
use sea_orm::{ConnectionTrait, Database};
use tower::ServiceExt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub dir: tempfile::TempDir,
    pub database_url: String,
    pub client: SocketAddr,
    cookies: HashMap<String, String>,
    csrf: Option<String>,
    pg_drop: Option<(String, String)>,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "expected {text:?} in the page (status {}):\n{}",
            self.status,
            self.body
        );
        self
    }
}

/// The value of the first `name="csrf"` hidden input in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find(r#"name="csrf" value=""#)?;
    let rest = &html[at + r#"name="csrf" value=""#.len()..];
    Some(rest[..rest.find('"')?].to_string())
}

pub fn pg_admin_url() -> Option<String> {
    match std::env::var("LOTSBOK_TEST_PG_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "LOTSBOK_TEST_PG_URL must be set in CI: the PostgreSQL run is mandatory there"
            );
            None
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
fn with_db(url: &str, db: &str) -> String {
    let mut u = url::Url::parse(url).expect("LOTSBOK_TEST_PG_URL is a URL");
    u.set_path(&format!("/{db}"));
    u.to_string()
}

impl TestApp {
    /// A fresh app; `None` for PostgreSQL when no test server is configured (outside CI).
    pub async fn new(backend: Backend) -> Option<TestApp> {
        Self::with_config(backend, |_| {}).await
    }

    pub async fn with_config(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
        // `LOTSBOK_TEST_LOG=error` shows what the app logs (a server error's cause).
        if let Ok(filter) = std::env::var("LOTSBOK_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_test_writer()
                .try_init();
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let (database_url, pg_drop) = match backend {
            Backend::Sqlite => (
                format!("sqlite://{}", dir.path().join("test.db").display()),
                None,
            ),
            Backend::Postgres => {
                let admin = pg_admin_url()?;
                let name = format!("t_{}", uuid::Uuid::new_v4().simple());
                let conn = Database::connect(&admin)
                    .await
                    .expect("connect to LOTSBOK_TEST_PG_URL");
                conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                (with_db(&admin, &name), Some((admin, name)))
            }
        };
        let mut cfg = Config::defaults().expect("defaults");
        cfg.database_url = database_url.clone();
        cfg.mail_dir = dir.path().join("mail");
        cfg.two_factor.key_file = dir.path().join("secret.key");
        cfg.db_max_connections = 5;
        tweak(&mut cfg);
        let db = lotsbok::db::connect(&cfg.database_url, cfg.db_max_connections)
            .await
            .expect("connect");
        lotsbok::db::migrate(&db).await.expect("migrate");
        let state = AppState::new(db, cfg, lotsbok::assets::Assets::embedded());
        Some(TestApp {
            router: app::router(state.clone()),
            state,
            dir,
            database_url,
            client: "203.0.113.7:50000".parse().expect("addr"),
            cookies: HashMap::new(),
            csrf: None,
            pg_drop,
        })
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.cookies.get("lotsbok_session").cloned()
    }

    pub fn set_session_cookie(&mut self, value: Option<String>) {
        match value {
            Some(v) => self.cookies.insert("lotsbok_session".into(), v),
            None => self.cookies.remove("lotsbok_session"),
        };
    }

    /// Forgets cookies and token, as a different browser would be.
    pub fn new_browser(&mut self) {
        self.cookies.clear();
        self.csrf = None;
    }

    pub async fn request(
        &mut self,
        method: Method,
        path: &str,
        body: Option<String>,
        extra: &[(&str, &str)],
    ) -> Page {
        let mut req = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let cookie: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, cookie.join("; "));
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let typed = extra
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
        let body = match body {
            Some(b) => {
                if !typed {
                    req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                }
                Body::from(b)
            }
            None => Body::empty(),
        };
        self.send(req.body(body).expect("request")).await
    }

    /// Uploads a file as a browser's `<input type=file name=file>` form does, with the CSRF
    /// token of the last page in the query (as the upload form's action has it).
    pub async fn upload(&mut self, path: &str, file_name: &str, bytes: &[u8]) -> Page {
        let boundary = "----lotsbok-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let token = self.csrf.clone().unwrap_or_default();
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(format!("{path}{sep}csrf={token}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            );
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        req = req.header(header::COOKIE, cookie.join("; "));
        self.send(req.body(Body::from(body)).expect("request"))
            .await
    }

    async fn send(&mut self, mut req: Request<Body>) -> Page {
        req.extensions_mut().insert(ConnectInfo(self.client));
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        for sc in headers.get_all(header::SET_COOKIE) {
            let sc = sc.to_str().expect("ascii cookie");
            let (pair, attrs) = sc.split_once(';').unwrap_or((sc, ""));
            let (name, value) = pair.split_once('=').expect("cookie pair");
            let expired = attrs.contains("Max-Age=0") || value.is_empty();
            if expired {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(t) = csrf_in(&body) {
            self.csrf = Some(t);
        }
        Page {
            status,
            headers,
            body,
        }
    }

    /// The raw bytes of a GET (for downloads).
    pub async fn get_bytes(&mut self, path: &str) -> Vec<u8> {
        let mut req = Request::builder().method(Method::GET).uri(path);
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        req = req.header(header::COOKIE, cookie.join("; "));
        let res = self
            .router
            .clone()
            .oneshot(req.body(Body::empty()).expect("request"))
            .await
            .expect("infallible");
        res.into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec()
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.request(Method::GET, path, None, &[]).await
    }

    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Page {
        self.request(Method::GET, path, None, headers).await
    }

    /// Posts a form with the CSRF token of the last page seen, as a browser would.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let token = self.csrf.clone().unwrap_or_default();
        all.push(("csrf", &token));
        let body = serde_urlencoded::to_string(&all).expect("form");
        self.request(Method::POST, path, Some(body), &[]).await
    }

    /// Posts JSON as a page's script does, with the CSRF token of the last page seen in the
    /// `x-csrf-token` header.
    pub async fn post_json(&mut self, path: &str, json: &str) -> Page {
        let token = self.csrf.clone().unwrap_or_default();
        let headers = [
            ("content-type", "application/json"),
            ("x-csrf-token", token.as_str()),
        ];
        self.request(Method::POST, path, Some(json.to_string()), &headers)
            .await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.request(Method::POST, path, Some(body), &[]).await
    }

    /// Opens the sign-in page and signs in; returns the answer to the form.
    pub async fn login(&mut self, email: &str, password: &str) -> Page {
        self.get("/login").await;
        self.post("/login", &[("email", email), ("password", password)])
            .await
    }

    /// Creates a user directly in the database, with a password.
    pub async fn create_user(
        &self,
        email: &str,
        roles: &str,
        municipality: Option<&str>,
        password: &str,
    ) -> i64 {
        let mid = match municipality {
            Some(slug) => Some(
                lotsbok::accounts::find_municipality(&self.state.db, slug)
                    .await
                    .expect("slug")
                    .id,
            ),
            None => None,
        };
        let new = lotsbok::accounts::NewUser {
            email: email.into(),
            name: format!("Test {}", email.split('@').next().unwrap_or("user")),
            roles: lotsbok::accounts::Roles {
                guide: roles.contains("guide"),
                coordinator: roles.contains("coordinator"),
                admin: roles.contains("admin"),
            },
            municipality_id: mid,
            locale: "sv".into(),
            password_hash: Some(
                lotsbok::auth::password::hash(password.into())
                    .await
                    .expect("hash"),
            ),
        };
        lotsbok::accounts::create(&self.state.db, new)
            .await
            .expect("create user")
            .id
    }

    /// Runs the outbox worker once, writing mail files into the test's mail folder.
    pub async fn deliver_mail(&self) -> usize {
        self.state.settle().await;
        let transport = Transport::from_config(&self.state.config).expect("transport");
        lotsbok::mail::worker::process_due(&self.state, &transport, "test-worker")
            .await
            .expect("outbox pass")
    }

    /// Every mail file written so far, parsed, oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        let dir = self.dir.path().join("mail");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        files.sort();
        files
            .iter()
            .map(|p| Mail::parse(&std::fs::read(p).expect("mail file")))
            .collect()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_drop.take() {
            // Drop the test database from a thread of its own (Drop cannot await).
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(c) = Database::connect(&admin).await {
                            let _ = c
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

#[derive(Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    /// `List-Unsubscribe` and `List-Unsubscribe-Post`, as written (a mailing's mail).
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
}

impl Mail {
    pub fn parse(raw: &[u8]) -> Mail {
        let m = mail_parser::MessageParser::default()
            .parse(raw)
            .expect("a mail");
        let to = m
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_string();
        Mail {
            to,
            subject: m.subject().unwrap_or_default().to_string(),
            text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            message_id: m.message_id().unwrap_or_default().to_string(),
            list_unsubscribe: m
                .header_raw("List-Unsubscribe")
                .map(|v| v.trim().to_string()),
            list_unsubscribe_post: m
                .header_raw("List-Unsubscribe-Post")
                .map(|v| v.trim().to_string()),
        }
    }

    /// The path of the first link in the text that starts with `base_url` + `prefix`.
    pub fn link_path(&self, prefix: &str) -> String {
        let base = "http://127.0.0.1:3000";
        let start = self
            .text
            .find(&format!("{base}{prefix}"))
            .unwrap_or_else(|| panic!("no {prefix} link in mail:\n{}", self.text));
        let rest = &self.text[start + base.len()..];
        rest.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

/// The password of the test accounts made by `signed_in_guide`.
pub const GUIDE_PW: &str = "a long enough password";

/// Makes a guide of `slug` and signs it in, in a fresh browser; its user id.
pub async fn signed_in_guide(app: &mut TestApp, email: &str, slug: &str) -> i64 {
    let id = app.create_user(email, "guide", Some(slug), GUIDE_PW).await;
    app.new_browser();
    assert_eq!(
        app.login(email, GUIDE_PW).await.status,
        StatusCode::SEE_OTHER
    );
    id
}

/// Runs a test body on SQLite, and on PostgreSQL when it is configured.
#[macro_export]
macro_rules! both {
    // `both!(with tweak; a, b)`: each app's configuration changed by `tweak` first.
    (with $tweak:path; $($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{Backend, TestApp};
            #[tokio::test]
            async fn sqlite() {
                let app = TestApp::with_config(Backend::Sqlite, $tweak).await;
                super::$name(app.expect("sqlite app")).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(app) = TestApp::with_config(Backend::Postgres, $tweak).await {
                    super::$name(app).await;
                }
            }
        }
    )*};
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{Backend, TestApp};
            #[tokio::test]
            async fn sqlite() {
                super::$name(TestApp::new(Backend::Sqlite).await.expect("sqlite app")).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(app) = TestApp::new(Backend::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    )*};
}

/// A lead put straight into the database (as the interest form or an import would).
pub async fn seed_lead(
    app: &TestApp,
    municipality: Option<&str>,
    (first, last): (&str, &str),
    email: Option<&str>,
    phone: Option<&str>,
    place: &str,
) -> i64 {
    use lotsbok::domain::{Household, HousingWish, Source};
    let h = Household {
        first_name: first.into(),
        last_name: last.into(),
        email: email.map(str::to_string),
        phone: phone.map(lotsbok::domain::normalise_phone),
        country: Some("NL".into()),
        se_region: None,
        place: Some(place.into()),
        preferred_language: "nl".into(),
        languages: None,
        adults: 2,
        children_birth_years: Some("2016, 2019".into()),
        occupation: Some("Verpleegkundige".into()),
        partner_occupation: None,
        help: [true, false, true, false, false, false, false],
        contact_via: "email".into(),
        housing_wish: HousingWish::Buy,
        move_when: Some("2027".into()),
        notes: None,
    };
    let db = &app.state.db;
    let p = lotsbok::leads::insert_prospect(db, &h).await.unwrap();
    let mid = match municipality {
        Some(slug) => Some(
            lotsbok::accounts::find_municipality(db, slug)
                .await
                .unwrap()
                .id,
        ),
        None => None,
    };
    let place = mid.map_or(Target::pool(), Target::municipality);
    lotsbok::leads::insert_lead(db, NewLead::new(p.key(), place, Source::InterestForm))
        .await
        .unwrap()
        .id
}

/// The counts per status as the database keeps them (triggers, `derived`) equal the counts
/// made from the leads themselves, whatever changed a lead: each (municipality, status).
/// And the search index is kept too (`assert_search_kept`).
pub async fn assert_counts_kept(app: &TestApp) {
    use lotsbok::entities::{lead, prospect};
    use lotsbok::leads::derived;
    use sea_orm::EntityTrait;
    use std::collections::BTreeMap;
    let db = &app.state.db;
    let mut truth: BTreeMap<(i64, String), i64> = BTreeMap::new();
    for (l, p) in lead::Entity::find()
        .find_also_related(prospect::Entity)
        .all(db)
        .await
        .unwrap()
    {
        if p.unwrap().anonymised_at.is_none() {
            *truth
                .entry((l.municipality_id.unwrap_or(0), l.status.to_string()))
                .or_default() += 1;
        }
    }
    for fold in [false, true] {
        if fold {
            derived::fold(db).await.unwrap();
        }
        let kept = derived::region_per_status(db).await.unwrap();
        assert_eq!(kept, truth, "counts kept (folded: {fold}) = counted");
    }
    assert_search_kept(app).await;
    assert_report_kept(app).await;
    // The duplicate check's household key follows each write of a name or children.
    for p in prospect::Entity::find().all(db).await.unwrap() {
        let want = p
            .anonymised_at
            .is_none()
            .then(|| migration::family_key(&p.first_name, p.children_birth_years.as_deref()))
            .flatten();
        assert_eq!(p.family_key, want, "family key of prospect {}", p.id);
    }
}

/// SQLite's search index (`lead_search`, migration 18) holds exactly one row per lead, at
/// the lead's municipality and id, and finds each living lead by a word of its mover's
/// search text at that row: whatever changed a lead or its mover. (PostgreSQL
/// searches the prospects themselves: nothing is kept to compare.)
pub async fn assert_search_kept(app: &TestApp) {
    use lotsbok::entities::{lead, prospect};
    use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement};
    use std::collections::BTreeSet;
    let db = &app.state.db;
    if db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let key = |l: &lead::Model| (l.municipality_id.unwrap_or(0) << migration::LEAD_BITS) | l.id;
    let leads = lead::Entity::find()
        .find_also_related(prospect::Entity)
        .all(db)
        .await
        .unwrap();
    let rows: BTreeSet<i64> = db
        .query_all(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT rowid FROM lead_search",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<i64>(0).unwrap())
        .collect();
    let expected: BTreeSet<i64> = leads.iter().map(|(l, _)| key(l)).collect();
    assert_eq!(
        rows, expected,
        "one index row per lead, at its municipality"
    );
    // FTS5 takes a second row with a rowid it has: the sets above would not tell.
    let count = db
        .query_one(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT COUNT(*) FROM lead_search",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(count as usize, leads.len(), "no lead indexed twice");
    for (l, p) in &leads {
        let p = p.as_ref().unwrap();
        if p.anonymised_at.is_some() {
            continue;
        }
        // The longest word of its search text (the index needs three characters).
        let Some(word) = p
            .search_text
            .split_whitespace()
            .max_by_key(|w| w.chars().count())
            .filter(|w| w.chars().count() >= 3)
        else {
            continue;
        };
        let found = db
            .query_all(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "SELECT rowid FROM lead_search WHERE lead_search MATCH ? AND rowid = ?",
                [
                    format!("\"{}\"", word.replace('"', "\"\"")).into(),
                    key(l).into(),
                ],
            ))
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "lead {} found by {word:?}", l.id);
    }
}

/// The routes under `prefix`, from the router itself (`app::paths`), each with GET and with
/// POST: a caller skips the answers 405 (the route lacks that method; the router says so
/// before any guard runs).
pub fn routes_with_methods(app: &TestApp, prefix: &str) -> Vec<(Method, &'static str)> {
    let routes: Vec<&'static str> = lotsbok::app::paths(&app.state.config)
        .into_iter()
        .filter(|r| r.starts_with(prefix))
        .collect();
    assert!(!routes.is_empty(), "no route under {prefix}");
    routes
        .into_iter()
        .flat_map(|r| [(Method::GET, r), (Method::POST, r)])
        .collect()
}

/// A CSV file read as Excel set to Swedish reads one: it must start with the UTF-8
/// byte-order mark (else Excel decodes it as Windows-1252: "MalÃ¥") and split on `;` (the
/// Swedish list separator; a comma-separated file opens in one column).
#[track_caller]
pub fn swedish_excel(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or_else(|| panic!("no byte-order mark: {:?}", String::from_utf8_lossy(bytes)));
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    assert!(
        rows.first().is_some_and(|r| r.len() > 1),
        "one column when split on `;`: {rows:?}"
    );
    rows
}

/// A family's records as a multiset: each (attributes, month, unit, days to move) with its
/// summed weight. The kept sums and the count from the rows group records differently.
fn family_sums(
    family: &lotsbok::reports::disclosure::Family,
    days: Option<&[i64]>,
) -> std::collections::BTreeMap<(Vec<u32>, u8, Vec<i64>, i64), i64> {
    let mut sums = std::collections::BTreeMap::new();
    for (i, r) in family.records.iter().enumerate() {
        let day = days.map_or(0, |d| d[i]);
        *sums
            .entry((r.attrs.clone(), r.month, r.unit.clone(), day))
            .or_default() += r.weight;
    }
    sums.retain(|_, w| *w != 0);
    sums
}

/// The report's figures as the database keeps them (migration 19, `reports::kept`) equal
/// those counted from the rows, before and after the changes are folded in: every family
/// of every year around today, for the region, each municipality alone and the pool alone,
/// and every table of the coordinator's report of this year and the last (through the
/// app's cache of published years, twice: built, and read back).
pub async fn assert_report_kept(app: &TestApp) {
    use chrono::Datelike;
    use lotsbok::reports::figures::{self, Counted, Part, Selection};
    use lotsbok::reports::period::ReportQuery;
    use lotsbok::reports::table::{self, Spec, View};
    let db = &app.state.db;
    let today = lotsbok::web::format::today();
    let all: Vec<i64> = lotsbok::accounts::list_municipalities(db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    let mut selections = vec![
        Selection {
            municipalities: all.clone(),
            include_pool: true,
        },
        Selection {
            municipalities: vec![],
            include_pool: true,
        },
    ];
    selections.extend(all.iter().map(|m| Selection {
        municipalities: vec![*m],
        include_pool: false,
    }));
    let names: std::collections::HashMap<i64, String> =
        all.iter().map(|m| (*m, m.to_string())).collect();
    for fold in [false, true] {
        if fold {
            lotsbok::leads::derived::fold(db).await.unwrap();
        }
        for year in today.year() - 3..=today.year() + 1 {
            for sel in &selections {
                let read =
                    |counted| figures::year(db, sel, (year, today), true, (Part::All, counted));
                let (kept, rows) = (
                    read(Counted::Kept).await.unwrap(),
                    read(Counted::FromRows).await.unwrap(),
                );
                let what = format!("{year}, {sel:?}, folded: {fold}");
                for (name, k, r) in [
                    ("leads", &kept.leads, &rows.leads),
                    ("contacts", &kept.contacts, &rows.contacts),
                    ("outcomes", &kept.outcomes, &rows.outcomes),
                    ("open", &kept.open, &rows.open),
                ] {
                    assert_eq!(family_sums(k, None), family_sums(r, None), "{name}: {what}");
                }
                assert_eq!(
                    family_sums(&kept.moved, Some(&kept.days)),
                    family_sums(&rows.moved, Some(&rows.days)),
                    "moved: {what}"
                );
                assert_eq!(kept.campaigns, rows.campaigns, "campaigns: {what}");
                assert_eq!(kept.guides, rows.guides, "guides: {what}");
            }
        }
        for year in [today.year() - 1, today.year()] {
            let period = ReportQuery::from_pairs(vec![
                ("period".into(), "year".into()),
                ("year".into(), year.to_string()),
            ])
            .period();
            let targets = lotsbok::reports::targets::of_year(db, year).await.unwrap();
            let cache = app.state.kept.get::<table::ReportCache>();
            let spec = |counted| Spec {
                lang: lotsbok::i18n::Lang::Sv,
                names: &names,
                view: View::Coordinator {
                    all: all.clone(),
                    shown: all.clone(),
                    known: None,
                },
                period: period.clone(),
                today,
                threshold: 3,
                targets: &targets,
                counted,
                // The app's own: a published year kept past a change would differ here.
                cache: Some(&cache),
            };
            let rows = table::build(db, &spec(Counted::FromRows)).await.unwrap();
            for _ in 0..2 {
                let kept = table::build(db, &spec(Counted::Kept)).await.unwrap();
                assert_eq!(kept.len(), rows.len());
                for (k, r) in kept.iter().zip(&rows) {
                    assert_eq!((k.id, &k.rows), (r.id, &r.rows), "table {}, {year}", k.id);
                }
            }
        }
    }
}

/// A passkey row as the crate would not make it: enough for what is checked before the
/// credential is (its owner, its count as a factor, its removal).
pub async fn planted_passkey(app: &TestApp, user: i64, name: &str) -> i64 {
    use sea_orm::{ActiveModelTrait, Set};
    lotsbok::entities::passkey::ActiveModel {
        user_id: Set(user),
        user_handle: Set(uuid::Uuid::new_v4().to_string()),
        credential_id: Set(format!("cred-{name}")),
        name: Set(name.into()),
        passkey: Set("{}".into()),
        created_at: Set(chrono::Utc::now()),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}
