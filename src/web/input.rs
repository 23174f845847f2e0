//! Hostile bytes, in one place: NUL and the other control characters (all but tab, line feed
//! and carriage return) are taken out of query strings and form bodies before any handler
//! sees them. No person types them; PostgreSQL cannot store NUL in text at all, and SQLite's
//! full-text engine reads it as the end of the search. What is left is ordinary data.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, Uri};
use axum::middleware::Next;
use axum::response::Response;

/// The largest form body read into memory here (the routes' own limits are smaller).
const MAX_FORM: usize = 2 * 1024 * 1024;

fn unwanted(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The pairs with unwanted characters taken out, re-encoded; `None` when there were none.
fn cleaned(encoded: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(encoded).into_owned().collect();
    if !pairs
        .iter()
        .any(|(k, v)| k.chars().any(unwanted) || v.chars().any(unwanted))
    {
        return None;
    }
    let clean = |s: &str| s.chars().filter(|c| !unwanted(*c)).collect::<String>();
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in &pairs {
        out.append_pair(&clean(k), &clean(v));
    }
    Some(out.finish())
}

pub async fn clean(req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    if let Some(q) = parts.uri.query().and_then(|q| cleaned(q.as_bytes())) {
        let path_and_query = format!("{}?{q}", parts.uri.path());
        if let Ok(uri) = Uri::builder().path_and_query(path_and_query).build() {
            parts.uri = uri;
        }
    }
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let Ok(bytes) = to_bytes(body, MAX_FORM).await else {
        return crate::error::ErrorPage::TooLarge.into_response();
    };
    let body = match cleaned(&bytes) {
        Some(clean) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(clean)
        }
        None => Body::from(bytes),
    };
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_go_and_the_rest_stays() {
        assert_eq!(super::cleaned(b"q=ab&x=1"), None);
        assert_eq!(
            super::cleaned(b"q=a%00b&n=line%0Aone%0B").as_deref(),
            Some("q=ab&n=line%0Aone")
        );
        assert_eq!(
            super::cleaned("q=%C3%A5%01".as_bytes()).as_deref(),
            Some("q=%C3%A5")
        );
    }
}
