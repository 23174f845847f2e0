//! First start: while no active admin exists, `serve` prints a one-time link with which the
//! first admin chooses a password. There are no default passwords anywhere.

use chrono::Duration;

use super::tokens::{self, Purpose};
use crate::accounts as users;
use crate::state::AppState;

/// A fresh setup link when there is no admin yet (earlier unused setup links are withdrawn).
pub async fn first_start_link(state: &AppState) -> anyhow::Result<Option<String>> {
    if users::any_active_admin(&state.db).await? {
        return Ok(None);
    }
    tokens::revoke(&state.db, Purpose::Setup, None).await?;
    let hours = state.config.tokens.setup_hours;
    let token = tokens::issue(
        &state.db,
        Purpose::Setup,
        None,
        Duration::hours(hours.into()),
    )
    .await?;
    Ok(Some(state.config.link(&format!("/setup/{token}"))))
}
