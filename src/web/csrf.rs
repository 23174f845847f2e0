//! CSRF protection in one place: a middleware that refuses every state-changing request
//! whose token does not match the one in the session (synchroniser-token pattern). Forms
//! carry the token as the field `csrf`; multipart uploads may carry it as `?csrf=` or the
//! `x-csrf-token` header. Handlers cannot forget it, because they never see such a request.
//!
//! A visitor who has not signed in has no session, and gets none just for looking at the
//! sign-in page (a crawler would fill the store): its forms carry the value of a cookie of its
//! own instead (double-submit cookie), set on the first page that is not public.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::error::AppError;

const KEY: &str = "csrf";
/// The cookie that carries a visitor's token before it signs in (`__Host-` where Secure).
const COOKIE: &str = "lotsbok_csrf";
const SECURE_COOKIE: &str = "__Host-lotsbok_csrf";

/// The token of a visitor without a session, from its cookie (or new), for `token`.
#[derive(Clone)]
pub struct VisitorToken(String);
/// The largest form body the CSRF check reads into memory.
const MAX_FORM: usize = 2 * 1024 * 1024;

/// The session's token; for a visitor without one, its cookie's (so nothing is stored).
pub async fn token(session: &Session, visitor: Option<&VisitorToken>) -> Result<String, AppError> {
    if let Some(t) = session.get::<String>(KEY).await? {
        return Ok(t);
    }
    match visitor {
        Some(v) => Ok(v.0.clone()),
        None => renew(session).await,
    }
}

fn visitor_cookie(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A new token (at sign-in, with the new session id).
pub async fn renew(session: &Session) -> Result<String, AppError> {
    let t = crate::crypto::random_token();
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

/// The visitor cookie's name: with the `__Host-` prefix where cookies are `Secure`, so that
/// no other host (a sibling subdomain) can set it.
fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

pub async fn protect(
    State(state): State<crate::state::AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    // The public pages and forms carry a signed token of their own and use no session (see
    // `web::gate`): anyone may post them, so there is nothing to forge.
    if crate::web::errors::is_public(path)
        || path.starts_with("/assets")
        || matches!(path, "/healthz" | "/readyz" | "/metrics")
    {
        return next.run(req).await;
    }
    let secure = state.config.cookies_secure();
    let name = cookie_name(secure);
    let visitor = visitor_cookie(&req, name);
    let (token, fresh) = match &visitor {
        Some(t) => (t.clone(), false),
        None => (crate::crypto::random_token(), true),
    };
    // Every page, a refused form's included, renders with a token that needs no session.
    req.extensions_mut().insert(VisitorToken(token.clone()));
    let mut res = if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        next.run(req).await
    } else {
        check(req, next, visitor).await
    };
    if fresh {
        let flags = if secure { "; Secure" } else { "" };
        let cookie = format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax{flags}");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// A state-changing request: its token must be the session's, or for a visitor without
/// one, its cookie's.
async fn check(req: Request, next: Next, visitor: Option<String>) -> Response {
    let Some(session) = req.extensions().get::<Session>().cloned() else {
        return AppError::CsrfRejected.into_response();
    };
    let (expected, signed_in) = match session.get::<String>(KEY).await {
        Ok(Some(t)) => (t, true),
        Ok(None) => match visitor {
            // A visitor's form (sign in, forgotten password): its cookie is the token.
            Some(v) => (v, false),
            // No token at all: the session expired (or never was). Keep what was typed.
            None => return keep_and_sign_in(req, &session).await,
        },
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
        // A form from a session that expired since: keep what was typed.
        Some(_) if !signed_in => {
            keep_and_sign_in(Request::from_parts(parts, Body::from(bytes)), &session).await
        }
        _ => AppError::CsrfRejected.into_response(),
    }
}
