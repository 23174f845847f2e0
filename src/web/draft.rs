//! Nothing typed is lost when a session expires: a form posted without a live session is
//! kept in the new session ("draft") and offered back on its page after signing in again.
//! A draft is only ever put back into a form for the guide to look at and send; it is never
//! carried out by itself, so a forged cross-site post gains nothing from it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "draft";

#[derive(Serialize, Deserialize)]
struct Draft {
    path: String,
    fields: Vec<(String, String)>,
}

pub async fn stash(
    session: &Session,
    path: &str,
    fields: Vec<(String, String)>,
) -> Result<(), tower_sessions::session::Error> {
    let fields = fields.into_iter().filter(|(k, _)| k != "csrf").collect();
    session
        .insert(
            KEY,
            Draft {
                path: path.to_string(),
                fields,
            },
        )
        .await
}

/// The draft of the form that posts to `path`, if there is one (it is removed).
pub async fn take<T: DeserializeOwned>(session: &Session, path: &str) -> Option<T> {
    let draft: Draft = session.get(KEY).await.ok().flatten()?;
    if draft.path != path {
        return None;
    }
    let _ = session.remove::<Draft>(KEY).await;
    let encoded = serde_urlencoded::to_string(&draft.fields).ok()?;
    serde_urlencoded::from_str(&encoded).ok()
}

/// The page to return to after signing in: the form's page (the first two path segments,
/// so `/leads/5/activities` returns to `/leads/5`).
pub fn page_of(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).take(2).collect();
    format!("/{}", parts.join("/"))
}
