//! Hostile input, generated: proptest makes strings of every kind of character (NUL and
//! other controls, quotes, search-engine syntax, right-to-left marks, formula starts, very
//! long words) and dates of any year, and every public and staff form and filter gets them.
//! Not one answer may be a server error, on either database. Bounded to a fixed number of
//! cases from a fixed seed, so a run is quick and repeatable.

use axum::http::StatusCode;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::both;
use crate::helpers::{seed_lead, signed_in_guide, TestApp, GUIDE_PW};
use crate::trust::token_in;

const CASES: usize = 100;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\0".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("\"\"".to_string()),
        Just("*".to_string()),
        Just("NEAR(".to_string()),
        Just(" OR ".to_string()),
        Just("-".to_string()),
        Just("%_\\".to_string()),
        Just("\u{202e}".to_string()),
        Just("محمد العلي".to_string()),
        Just("Åkesson".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("=1+1".to_string()),
        Just("\r\n".to_string()),
        Just("\u{b}\u{1b}\u{7f}".to_string()),
        Just("x".repeat(300)),
        Just("😀".to_string()),
        Just("\u{fffd}".to_string()),
        any::<char>().prop_map(String::from),
        prop::collection::vec(any::<char>(), 0..12).prop_map(|v| v.into_iter().collect()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..6).prop_map(|v| v.concat())
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i32>().prop_map(|y| format!("{y}-01-01")),
        (-300_000i32..300_000).prop_map(|y| format!("{y}-12-31")),
        (1i32..3000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        text(),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    text: String,
    other: String,
    date: String,
    number: String,
}

fn cases() -> Vec<Case> {
    let strategy = (
        text(),
        text(),
        date(),
        prop_oneof![any::<i64>().prop_map(|n| n.to_string()), text()],
    )
        .prop_map(|(text, other, date, number)| Case {
            text,
            other,
            date,
            number,
        });
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[15; 32]),
    );
    (0..CASES)
        .map(|_| strategy.new_tree(&mut runner).expect("a case").current())
        .collect()
}

fn query(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).expect("query")
}

fn no_server_error(status: StatusCode, what: &str, case: &Case) {
    assert!(
        !status.is_server_error(),
        "{what} answered {status} for {case:?}"
    );
}

async fn forms_take_any_input(mut app: TestApp) {
    app.create_user("samordnare@region10.se", "coordinator", None, GUIDE_PW)
        .await;
    app.login("samordnare@region10.se", GUIDE_PW).await;
    let coordinator = app.session_cookie();
    signed_in_guide(&mut app, "lena@lycksele.se", "lycksele").await;
    let guide = app.session_cookie();
    let id = seed_lead(&app, Some("lycksele"), ("Fia", "Fuzz"), None, None, "By").await;
    app.get(&format!("/leads/{id}")).await;
    for case in cases() {
        let (t, o, d, n) = (
            case.text.as_str(),
            case.other.as_str(),
            case.date.as_str(),
            case.number.as_str(),
        );
        app.set_session_cookie(guide.clone());
        for path in [
            format!(
                "/leads?{}",
                query(&[("q", t), ("updated_from", d), ("created_to", d)])
            ),
            format!("/leads/export.csv?{}", query(&[("q", t), ("status", o)])),
            format!("/leads/export.xlsx?{}", query(&[("q", o), ("owner", n)])),
            format!(
                "/leads?{}",
                query(&[("sort", t), ("page", n), ("campaign", o)])
            ),
            format!("/leads/pool?{}", query(&[("page", n)])),
        ] {
            no_server_error(app.get(&path).await.status, &path, &case);
        }
        app.get("/leads/new").await;
        let r = app
            .post(
                "/leads/new",
                &[
                    ("first_name", t),
                    ("last_name", o),
                    ("email", t),
                    ("phone", o),
                    ("place", t),
                    ("adults", n),
                    ("children_birth_years", o),
                    ("country", o),
                    ("source", "phone"),
                    ("owner", n),
                    ("move_when", t),
                    ("notes", o),
                    ("note", t),
                ],
            )
            .await;
        no_server_error(r.status, "new lead", &case);
        app.get(&format!("/leads/{id}")).await;
        let at = format!("{d}T10:00");
        for (path, fields) in [
            (
                format!("/leads/{id}/activities"),
                vec![("kind", "note"), ("occurred_at", at.as_str()), ("body", t)],
            ),
            (
                format!("/leads/{id}/activities"),
                vec![("kind", o), ("direction", t), ("body", o)],
            ),
            (
                format!("/leads/{id}/follow-ups"),
                vec![("title", t), ("due_on", d)],
            ),
            (
                format!("/leads/{id}/status"),
                vec![
                    ("status", "moved_in"),
                    ("moved_in_on", d),
                    ("moved_adults", n),
                    ("moved_children", o),
                ],
            ),
            (
                format!("/leads/{id}/status"),
                vec![("status", o), ("reason_code", t)],
            ),
            (
                format!("/leads/{id}/edit"),
                vec![
                    ("first_name", "Fia"),
                    ("last_name", t),
                    ("place", o),
                    ("phone", t),
                    ("adults", n),
                    ("source", "phone"),
                ],
            ),
            (format!("/leads/{id}/refer"), vec![("to", n), ("mode", t)]),
            (format!("/leads/{id}/merge"), vec![("other", t)]),
        ] {
            let r = app.post(&path, &fields).await;
            no_server_error(r.status, &path, &case);
        }

        app.set_session_cookie(coordinator.clone());
        for path in [
            format!(
                "/reports?{}",
                query(&[("period", "custom"), ("from", d), ("to", t)])
            ),
            format!(
                "/reports?{}",
                query(&[("period", o), ("year", n), ("m", t)])
            ),
            format!(
                "/reports/export?{}",
                query(&[("table", t), ("period", "custom"), ("from", d), ("to", d)])
            ),
        ] {
            no_server_error(app.get(&path).await.status, &path, &case);
        }

        // The public side: the interest form, the sign-in page's `next`.
        app.new_browser();
        let token = token_in(&app.get("/interest").await.body);
        let r = app
            .post_raw(
                "/interest",
                &[
                    ("token", token.as_str()),
                    ("first_name", t),
                    ("last_name", o),
                    ("email", t),
                    ("phone", o),
                    ("country", o),
                    ("place", t),
                    ("adults", n),
                    ("children", n),
                    ("children_ages", t),
                    ("housing_wish", o),
                    ("move_when", t),
                    ("contact_via", o),
                    ("contact_language", t),
                    ("m", t),
                    ("m", "mala"),
                    ("message", o),
                    ("campaign", n),
                    ("consent", "yes"),
                    ("website", ""),
                ],
            )
            .await;
        no_server_error(r.status, "interest form", &case);
        let path = format!("/login?{}", query(&[("next", t), ("lang", o)]));
        no_server_error(app.get(&path).await.status, &path, &case);
        let path = format!("/interest?{}", query(&[("lang", t), ("campaign", n)]));
        no_server_error(app.get(&path).await.status, &path, &case);
        let path = format!("/my/{}", query(&[("x", t)]));
        no_server_error(app.get(&path).await.status, &path, &case);
    }
}

/// Many cases, but the public form's limit per client is not what is tested here.
fn roomy(c: &mut lotsbok::config::Config) {
    c.interest.min_seconds = 0;
    c.interest.per_minute = 100_000;
}

both!(with super::roomy; forms_take_any_input);
