//! The daily reminder mail: at the configured Stockholm time, each guide who wants it gets
//! the follow-ups due today and overdue in its municipality, with links; nothing when
//! nothing is due. A row per guide and day (its primary key) makes it go out once, however
//! many app instances try at the same moment.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::Stockholm;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use tokio_util::sync::CancellationToken;

use crate::entities::{reminder_log, user};
use crate::i18n::Lang;
use crate::leads::queries;
use crate::mail::{self, templates};
use crate::scope::Scope;
use crate::state::AppState;

/// The Stockholm day whose reminders are due at `now`, if it is past the sending time.
pub fn due_day(now: DateTime<Utc>, at: NaiveTime) -> Option<NaiveDate> {
    let local = now.with_timezone(&Stockholm);
    (local.time() >= at).then(|| local.date_naive())
}

/// Sends the reminders due at `now`; returns how many mails were queued.
pub async fn run(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let Some(at) = state.config.reminders.time() else {
        return Ok(0);
    };
    let Some(day) = due_day(now, at) else {
        return Ok(0);
    };
    let guides = user::Entity::find()
        .filter(user::Column::IsGuide.eq(true))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::RemindersEnabled.eq(true))
        .all(&state.db)
        .await?;
    let mut sent = 0;
    for g in guides {
        let Some(scope) = Scope::of_account(&g) else {
            continue;
        };
        let txn = state.db.begin().await?;
        let claimed = reminder_log::ActiveModel {
            user_id: Set(g.id),
            day: Set(day),
            sent_at: Set(now),
            follow_ups: Set(0),
        }
        .insert(&txn)
        .await;
        if claimed.is_err() {
            // Already done today, here or on another instance.
            txn.rollback().await?;
            continue;
        }
        // Read in the transaction: it holds SQLite's write lock, and a second connection
        // could wait for a pool whose other connections wait for that lock.
        // Today's first, then the most recent overdue ones (as on the start page).
        let agenda = queries::agenda(&txn, &scope, day).await?;
        let due: Vec<_> = agenda.today.into_iter().chain(agenda.overdue).collect();
        if !due.is_empty() {
            let lang = Lang::parse(&g.locale).unwrap_or(Lang::Sv);
            let items: Vec<(String, String, String)> = due
                .iter()
                .map(|(f, name)| {
                    (
                        f.due_on.to_string(),
                        format!("{name}: {}", crate::domain::follow_up_title(lang, f)),
                        state.config.link(&format!("/leads/{}", f.lead_id)),
                    )
                })
                .collect();
            mail::enqueue(
                &txn,
                templates::reminder(lang, &g.email, &g.name, day, &items),
            )
            .await?;
            reminder_log::Entity::update_many()
                .col_expr(
                    reminder_log::Column::FollowUps,
                    Expr::value(i32::try_from(due.len()).unwrap_or(i32::MAX)),
                )
                .filter(reminder_log::Column::UserId.eq(g.id))
                .filter(reminder_log::Column::Day.eq(day))
                .exec(&txn)
                .await?;
            sent += 1;
        }
        txn.commit().await?;
    }
    if sent > 0 {
        state.wake_outbox();
    }
    Ok(sent)
}

/// The job: looks every few minutes whether it is time.
pub async fn job(state: AppState, shutdown: CancellationToken) {
    let every = std::time::Duration::from_secs(state.config.reminders.poll_minutes.max(1) * 60);
    loop {
        let start = std::time::Instant::now();
        let result = run(&state, Utc::now()).await;
        crate::ops::job_ran("reminders", start, result.is_ok());
        if let Err(e) = result {
            tracing::warn!(error = format!("{e:#}"), "reminders failed");
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(every) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn seven_in_stockholm_across_the_spring_change() {
        let seven = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
        let utc = |d, h, m| Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap();
        // Saturday 28 March: CET, 07:00 is 06:00 UTC.
        assert_eq!(due_day(utc(28, 5, 59), seven), None);
        assert_eq!(
            due_day(utc(28, 6, 0), seven),
            NaiveDate::from_ymd_opt(2026, 3, 28)
        );
        // Sunday 29 March: CEST from 02:00, 07:00 is 05:00 UTC.
        assert_eq!(due_day(utc(29, 4, 59), seven), None);
        assert_eq!(
            due_day(utc(29, 5, 0), seven),
            NaiveDate::from_ymd_opt(2026, 3, 29)
        );
        // 22:30 UTC is already 30 March in Stockholm, but only 00:30: not yet time.
        assert_eq!(due_day(utc(29, 22, 30), seven), None);
        assert_eq!(
            due_day(utc(30, 5, 0), seven),
            NaiveDate::from_ymd_opt(2026, 3, 30)
        );
    }
}
