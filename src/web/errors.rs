//! The error page. Handlers return `AppError`, which leaves an `ErrorPage` marker on an
//! empty response; this middleware renders the page around it in the visitor's language,
//! with the request id that a user can quote to an administrator (the same id is in the log).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::html;
use tower_sessions::Session;

use super::{layout, Ctx};
use crate::error::ErrorPage;
use crate::i18n::{self, Lang};
use crate::state::AppState;

pub async fn render(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let query_lang = req
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|p| p.into_iter().find(|(k, _)| k == "lang").map(|(_, v)| v));
    let path = req.uri().path().to_string();
    let session = req.extensions().get::<Session>().cloned();

    let res = next.run(req).await;
    // A bare 413 from a body-limit layer gets the page too.
    let marker = res.extensions().get::<ErrorPage>().copied();
    // (A page of our own with status 413, such as the upload form, is left as it is.)
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let bare_413 = res.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE && !is_html;
    let Some(kind) = marker.or(bare_413.then_some(ErrorPage::TooLarge)) else {
        return res;
    };
    let Some(session) = session else {
        return res;
    };
    // Public pages never touch the session (see `PublicCtx`).
    let stored: Option<String> = if is_public(&path) {
        None
    } else {
        session.get("lang").await.ok().flatten()
    };
    let public = is_public(&path);
    let allowed = if public { i18n::PUBLIC } else { i18n::STAFF };
    let lang = Lang::negotiate(
        query_lang.as_deref(),
        stored.as_deref(),
        accept.as_deref(),
        allowed,
    );
    let ctx = Ctx {
        lang,
        user: None,
        csrf: String::new(),
        notice: None,
        path,
        query: String::new(),
        assets_version: Arc::clone(&state.assets_version),
        session,
        langs: allowed,
    };
    let (title, text) = match kind {
        ErrorPage::NotFound => ("error-404-title", "error-404-text"),
        ErrorPage::Forbidden => ("error-403-title", "error-403-text"),
        ErrorPage::CsrfRejected => ("error-csrf-title", "error-csrf-text"),
        ErrorPage::TooLarge => ("error-413-title", "error-413-text"),
        ErrorPage::Internal => ("error-500-title", "error-500-text"),
    };
    let body = layout::page(
        &ctx,
        &ctx.t(title),
        html! {
            p { (ctx.t(text)) }
            p.request-id { (ctx.t("error-request-id")) " " code { (request_id) } }
            p { a href="/" { (ctx.t("error-back-home")) } }
        },
    );
    let (mut parts, _) = res.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut out = Response::from_parts(parts, Body::from(body.into_string()));
    *out.status_mut() = kind.status();
    out.into_response()
}

/// Pages for the public (movers), in all four languages and without a session.
pub fn is_public(path: &str) -> bool {
    [
        "/interest",
        "/privacy",
        "/accessibility",
        "/my",
        "/unsubscribe",
        "/jobs",
        "/homes",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}
