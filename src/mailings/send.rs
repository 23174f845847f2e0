//! Sending: a mailing whose time has come is queued a batch of addresses at a time, each
//! batch in one transaction: a recipient row per address (unique per mailing, so an
//! address is queued once however often this runs, restarts or races another instance),
//! its mail in the outbox with its own unsubscribe link, and an entry on the timeline of
//! each of the mover's leads it was reached through. The outbox then sends them, due one
//! after another at `mailings.per_minute`: the rate holds across restarts because it is
//! written in the rows.

use chrono::{DateTime, Duration, Utc};
use maud::{html, DOCTYPE};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, Set};

use super::segment::{self, Row, Segment};
use super::store::{self, Text, SCHEDULED, SENDING, SENT};
use crate::config::Config;
use crate::entities::{mailing, mailing_recipient, ProspectId};
use crate::i18n::{t, t_args, Lang};
use crate::mail::Mail;
use crate::reference::Snapshot;
use crate::scope::Reach;
use crate::state::AppState;

/// Queues what is due now, at most `max_batches` batches (`None`: until every due mailing
/// is queued whole); how many recipients were queued.
pub async fn run_due(state: &AppState, max_batches: Option<usize>) -> anyhow::Result<usize> {
    let mut queued = 0;
    let mut batches = 0;
    loop {
        let Some(m) = next_due(&state.db).await? else {
            break;
        };
        if max_batches.is_some_and(|max| batches >= max) {
            break;
        }
        let (n, done) = queue_batch(state, m.id).await?;
        queued += n;
        batches += 1;
        state.wake_outbox();
        if n == 0 && !done {
            // Nothing this instance can queue (a segment it cannot read): left as it is.
            break;
        }
    }
    Ok(queued)
}

/// The oldest mailing due: scheduled for now or earlier, or being sent.
async fn next_due(db: &crate::db::Db) -> Result<Option<mailing::Model>, DbErr> {
    use sea_orm::QueryOrder;
    mailing::Entity::find()
        .filter(
            Condition::any()
                .add(mailing::Column::Status.eq(SENDING))
                .add(
                    Condition::all()
                        .add(mailing::Column::Status.eq(SCHEDULED))
                        .add(mailing::Column::SendAt.lte(Utc::now())),
                ),
        )
        .order_by_asc(mailing::Column::SendAt)
        .order_by_asc(mailing::Column::Id)
        .one(db)
        .await
}

/// Queues the next batch of one mailing; how many recipients, and whether it is now whole.
pub async fn queue_batch(state: &AppState, id: i64) -> anyhow::Result<(usize, bool)> {
    let cfg = &state.config;
    let txn = state.db.begin().await?;
    // An erasure or a withdrawal of the news consent waits for this batch, or it for them.
    crate::db::hold(&txn, crate::db::RECIPIENTS_LOCK, true).await?;
    // Read again in the transaction: a cancel may have come in between.
    let Some(m) = mailing::Entity::find_by_id(id).one(&txn).await? else {
        return Ok((0, true));
    };
    if m.status != SENDING && m.status != SCHEDULED {
        return Ok((0, true));
    }
    let now = Utc::now();
    let started = m.started_at.unwrap_or(now);
    let reach = Reach::of_mailing(m.municipality_id);
    let Some(seg) = Segment::from_json(&m.segment) else {
        return Ok((0, false));
    };
    let texts = store::texts(&txn, m.id).await?;
    let limit = u64::from(cfg.mailings.batch.max(1));
    let (found, rows) = if texts.is_empty() {
        (0, Vec::new())
    } else {
        segment::next_batch(&txn, &seg, reach, m.id, limit).await?
    };
    let from = sender_name(&*state.reference.get(&state.db).await?, reach);
    let spacing = 60.0 / f64::from(cfg.mailings.per_minute.max(1));
    let mut count = i64::from(m.recipients);
    let mut queued = 0usize;
    for group in rows.chunk_by(|a, b| a.email_key == b.email_key) {
        let millis = (count as f64 * spacing * 1000.0) as i64;
        let due = started + Duration::milliseconds(millis);
        queue_one(&txn, cfg, &m, &texts, from.as_deref(), group, due).await?;
        count += 1;
        queued += 1;
    }
    // Whole when the segment had fewer addresses left than a batch (not when an address
    // left it between the two reads of this one).
    let done = (found as u64) < limit;
    let mut upd = mailing::Entity::update_many()
        .col_expr(
            mailing::Column::Recipients,
            Expr::value(i32::try_from(count).unwrap_or(i32::MAX)),
        )
        .col_expr(mailing::Column::StartedAt, Expr::value(started))
        .col_expr(mailing::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            mailing::Column::Status,
            Expr::value(if done { SENT } else { SENDING }),
        );
    if done {
        upd = upd.col_expr(mailing::Column::FinishedAt, Expr::value(now));
    }
    // Only while it is still to be sent: a stop that came in meanwhile (and committed
    // first) wins, and this batch is rolled back whole.
    let still = upd
        .filter(mailing::Column::Id.eq(m.id))
        .filter(mailing::Column::Status.is_in([SCHEDULED, SENDING]))
        .exec(&txn)
        .await?;
    if still.rows_affected != 1 {
        return Ok((0, true));
    }
    if done {
        crate::audit::write(
            &txn,
            crate::audit::Entry {
                user_id: None,
                action: "mailing_queued",
                target: None,
                prospect: None,
                detail: Some(format!("mailing {}: {count} recipients", m.id)),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok((queued, done))
}

/// One address: its recipient row, its mail and the timeline entries.
async fn queue_one(
    txn: &crate::db::Txn,
    cfg: &Config,
    m: &mailing::Model,
    texts: &[Text],
    from: Option<&str>,
    group: &[Row],
    due: DateTime<Utc>,
) -> anyhow::Result<()> {
    let first = &group[0];
    let Some(text) = store::text_to_send(texts, &first.language) else {
        return Ok(());
    };
    let token = crate::crypto::random_token();
    let url = cfg.link(&format!("/unsubscribe/{token}?lang={}", text.lang));
    let lang = Lang::parse(&text.lang).unwrap_or(Lang::En);
    let mail = compose(lang, &first.email, text, from, &url);
    let outbox =
        crate::mail::enqueue_mailing(txn, mail, ProspectId(first.prospect_id), url, due).await?;
    mailing_recipient::ActiveModel {
        mailing_id: Set(m.id),
        prospect_id: Set(Some(first.prospect_id)),
        lead_id: Set(Some(first.lead_id)),
        municipality_id: Set(first.municipality_id),
        email_key: Set(Some(first.email_key.clone())),
        lang: Set(text.lang.clone()),
        token_hash: Set(crate::crypto::hash(&token)),
        outbox_id: Set(Some(outbox)),
        queued_at: Set(Utc::now()),
        unsubscribed_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for r in group {
        crate::leads::insert_timeline(
            txn,
            crate::entities::LeadId(r.lead_id),
            Some(crate::entities::UserId(m.author_id)),
            crate::domain::system_kind::MAILING,
            None,
            Utc::now(),
            Some(text.subject.clone()),
        )
        .await?;
    }
    Ok(())
}

/// Who a mailing is from, as its mail says: the municipality (none: the project).
pub fn sender_name(reference: &Snapshot, reach: Reach) -> Option<String> {
    reach
        .value()
        .and_then(|id| reference.municipality(id))
        .map(|m| m.name.clone())
}

/// The mail as a mover gets it: the text, then why it came and how to stop it.
pub fn compose(lang: Lang, to: &str, text: &Text, from: Option<&str>, unsubscribe: &str) -> Mail {
    let from = from.map_or_else(|| t(lang, "mailing-from-region"), str::to_string);
    let paragraphs: Vec<&str> = text
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let why = t_args(lang, "mailing-footer-why", &[("from", from.into())]);
    let stop = t(lang, "mailing-footer-stop");
    let mut plain = paragraphs.join("\n\n");
    plain.push_str(&format!("\n\n-- \n{why}\n{stop} {unsubscribe}\n"));
    let html = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; title { (text.subject) } }
            body {
                @for p in &paragraphs {
                    p { @for (i, line) in p.lines().enumerate() {
                        @if i > 0 { br; }
                        (linked(line))
                    } }
                }
                hr;
                p { small { (why) " " a href=(unsubscribe) { (stop) } } }
            }
        }
    };
    Mail {
        to: to.to_string(),
        subject: text.subject.clone(),
        text: plain,
        html: html.into_string(),
    }
}

/// A line with its web addresses as links (the rest as text).
fn linked(line: &str) -> maud::Markup {
    html! {
        @for (i, word) in line.split(' ').enumerate() {
            @if i > 0 { " " }
            @if (word.starts_with("https://") || word.starts_with("http://")) && word.len() > 8 {
                a href=(word) { (word) }
            } @else {
                (word)
            }
        }
    }
}
