//! The mail outbox. Every mail is first a row in `outbox`, written in the same transaction
//! as whatever caused it, and only then sent by the worker (`worker.rs`) with retries and
//! back-off; so a mail is never lost when the mail server is down or the app restarts.
//! Sending goes through SMTP or, when none is configured, to one `.eml` file per mail.

pub mod outbox;
pub mod templates;
pub mod transport;
pub mod worker;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::outbox_mail;

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

/// A mail ready to be queued: subject, plain text and HTML.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Queues `mail`. Call it inside the transaction of the change that causes the mail, then
/// wake the worker with `AppState::wake_outbox` after the commit.
pub async fn enqueue(db: &impl ConnectionTrait, mail: Mail) -> Result<i64, sea_orm::DbErr> {
    insert(db, mail, None, None).await
}

/// Queues a mail about a mover (to the mover, or naming it to its guides): it is removed
/// with the mover's data on erasure.
pub async fn enqueue_about(
    db: &impl ConnectionTrait,
    mail: Mail,
    prospect: crate::entities::ProspectId,
) -> Result<i64, sea_orm::DbErr> {
    insert(db, mail, Some(prospect.0), None).await
}

/// Queues a mailing's mail to a mover: sent with `List-Unsubscribe` naming `unsubscribe`
/// and `List-Unsubscribe-Post` (one click, RFC 8058), not before `at` (the mailing's
/// rate spreads its mails out).
pub async fn enqueue_mailing(
    db: &impl ConnectionTrait,
    mail: Mail,
    prospect: crate::entities::ProspectId,
    unsubscribe: String,
    at: chrono::DateTime<Utc>,
) -> Result<i64, sea_orm::DbErr> {
    insert(db, mail, Some(prospect.0), Some((unsubscribe, at))).await
}

async fn insert(
    db: &impl ConnectionTrait,
    mail: Mail,
    prospect_id: Option<i64>,
    mailing: Option<(String, chrono::DateTime<Utc>)>,
) -> Result<i64, sea_orm::DbErr> {
    let now = Utc::now();
    let (unsubscribe_url, due) = match mailing {
        Some((url, at)) => (Some(url), at),
        None => (None, now),
    };
    let row = outbox_mail::ActiveModel {
        recipient: Set(mail.to),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        status: Set(PENDING.into()),
        attempts: Set(0),
        next_attempt_at: Set(due),
        locked_until: Set(None),
        locked_by: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        prospect_id: Set(prospect_id),
        unsubscribe_url: Set(unsubscribe_url),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}
