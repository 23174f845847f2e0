//! CSRF protection in one place: a middleware that refuses every state-changing request
//! whose token does not match the one in the session (synchroniser-token pattern). Forms
//! carry the token as the field `csrf`; multipart uploads may carry it as `?csrf=` or the
//! `x-csrf-token` header. Handlers cannot forget it, because they never see such a request.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::error::AppError;

const KEY: &str = "csrf";
/// The largest form body the CSRF check reads into memory.
const MAX_FORM: usize = 2 * 1024 * 1024;

/// The session's token, created on first use.
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(t) = session.get::<String>(KEY).await? {
        return Ok(t);
    }
    renew(session).await
}

/// A new token (at sign-in, with the new session id).
pub async fn renew(session: &Session) -> Result<String, AppError> {
    let t = super::tokens::random_token();
    session.insert(KEY, &t).await?;
    Ok(t)
}

/// A form posted after its session expired: its fields become a draft in a new session and
/// the browser is sent to sign in, then back to the form's page (see `web::draft`).
async fn keep_and_sign_in(req: Request, session: &Session) -> Response {
    let path = req.uri().path().to_string();
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form || path == "/login" || path == "/logout" {
        return AppError::CsrfRejected.into_response();
    }
    let Ok(bytes) = to_bytes(req.into_body(), MAX_FORM).await else {
        return crate::error::ErrorPage::TooLarge.into_response();
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    if let Err(e) = crate::web::draft::stash(session, &path, pairs).await {
        return AppError::from(e).into_response();
    }
    if let Err(e) = session.insert("flash", "session-expired-draft-kept").await {
        return AppError::from(e).into_response();
    }
    let next = serde_urlencoded::to_string([("next", crate::web::draft::page_of(&path))])
        .unwrap_or_default();
    Redirect::to(&format!("/login?{next}")).into_response()
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub async fn protect(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // The public forms carry a signed token of their own and use no session
    // (see `interest::token`): anyone may post them, so there is no session to forge.
    if crate::web::errors::is_public(req.uri().path()) {
        return next.run(req).await;
    }
    let Some(session) = req.extensions().get::<Session>().cloned() else {
        return AppError::CsrfRejected.into_response();
    };
    let expected = match session.get::<String>(KEY).await {
        Ok(Some(t)) => t,
        // No token at all: the session expired (or never was). Keep what was typed.
        Ok(None) => return keep_and_sign_in(req, &session).await,
        Err(e) => return AppError::from(e).into_response(),
    };
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let from_header = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let from_query = req
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|p| field(&p, KEY).map(str::to_string));
    if let Some(given) = from_header.or(from_query) {
        if same(&given, &expected) {
            return next.run(req).await;
        }
        return AppError::CsrfRejected.into_response();
    }
    if !is_form {
        return AppError::CsrfRejected.into_response();
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM).await else {
        return crate::error::ErrorPage::TooLarge.into_response();
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    match field(&pairs, KEY) {
        Some(given) if same(given, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => AppError::CsrfRejected.into_response(),
    }
}
