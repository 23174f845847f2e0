//! The audit trail: who did what to which record, when. Written by every feature for sign-ins,
//! user administration and (from lead management on) every read and change of personal data.
//! Details never hold personal data in the clear: they name records by id.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::audit_entry;

pub async fn record(
    db: &impl ConnectionTrait,
    user_id: Option<i64>,
    action: &str,
    target: Option<(&str, i64)>,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        user_id: Set(user_id),
        action: Set(action.to_string()),
        target_kind: Set(target.map(|t| t.0.to_string())),
        target_id: Set(target.map(|t| t.1)),
        detail: Set(detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
