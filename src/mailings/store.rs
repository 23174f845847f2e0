//! A mailing's rows: found only within the reach of who asks (a guide its municipality's
//! mailings, a coordinator the region's), its texts, its state.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::segment::Segment;
use crate::entities::{mailing, mailing_recipient, mailing_text, outbox_mail, UserId};
use crate::scope::Reach;

pub const DRAFT: &str = "draft";
pub const SCHEDULED: &str = "scheduled";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const CANCELLED: &str = "cancelled";

/// The languages a mailing can be written in, English (the fallback) second.
pub const LANGS: [&str; 4] = ["sv", "en", "de", "nl"];

/// A mailing's text in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub lang: String,
    pub subject: String,
    pub body: String,
}

/// What a draft says: its name, segment and texts.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub name: String,
    pub segment: Segment,
    pub texts: Vec<Text>,
}

/// A mailing of this reach, or none (another's answers as one that does not exist).
pub async fn find(
    db: &impl ConnectionTrait,
    reach: Reach,
    id: i64,
) -> Result<Option<mailing::Model>, DbErr> {
    mailing::Entity::find_by_id(id)
        .filter(reach.mailings(mailing::Column::MunicipalityId))
        .one(db)
        .await
}

/// The latest mailings of this reach.
pub async fn list(db: &impl ConnectionTrait, reach: Reach) -> Result<Vec<mailing::Model>, DbErr> {
    mailing::Entity::find()
        .filter(reach.mailings(mailing::Column::MunicipalityId))
        .order_by_desc(mailing::Column::Id)
        .limit(200)
        .all(db)
        .await
}

pub async fn texts(db: &impl ConnectionTrait, id: i64) -> Result<Vec<Text>, DbErr> {
    let mut rows = mailing_text::Entity::find()
        .filter(mailing_text::Column::MailingId.eq(id))
        .all(db)
        .await?;
    rows.sort_by_key(|t| {
        LANGS
            .iter()
            .position(|l| *l == t.lang)
            .unwrap_or(LANGS.len())
    });
    Ok(rows
        .into_iter()
        .map(|t| Text {
            lang: t.lang,
            subject: t.subject,
            body: t.body,
        })
        .collect())
}

/// The text a mover of `lang` gets: its own language's, else the English one. (A mailing
/// is sent only when every recipient has one; `text_to_send` covers a mover who came into
/// the segment since.)
pub fn text_for<'a>(texts: &'a [Text], lang: &str) -> Option<&'a Text> {
    [lang, "en"]
        .iter()
        .find_map(|l| texts.iter().find(|t| t.lang == *l))
}

/// The text a mover of `lang` is sent: as `text_for`, else the Swedish one, else the first:
/// one who came into the segment after the mailing was checked still gets it.
pub fn text_to_send<'a>(texts: &'a [Text], lang: &str) -> Option<&'a Text> {
    text_for(texts, lang)
        .or_else(|| texts.iter().find(|t| t.lang == "sv"))
        .or_else(|| texts.first())
}

/// Writes a new draft; its id.
pub async fn create(
    txn: &impl ConnectionTrait,
    reach: Reach,
    author: UserId,
    d: &Draft,
) -> Result<i64, DbErr> {
    let now = Utc::now();
    let m = mailing::ActiveModel {
        municipality_id: Set(reach.value()),
        author_id: Set(author.0),
        name: Set(d.name.clone()),
        status: Set(DRAFT.into()),
        segment: Set(d.segment.to_json()),
        send_at: Set(None),
        started_at: Set(None),
        finished_at: Set(None),
        recipients: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    write_texts(txn, m.id, &d.texts).await?;
    Ok(m.id)
}

/// Replaces a draft's name, segment and texts; false when it is no longer a draft.
pub async fn update(txn: &impl ConnectionTrait, id: i64, d: &Draft) -> Result<bool, DbErr> {
    let r = mailing::Entity::update_many()
        .col_expr(mailing::Column::Name, Expr::value(d.name.clone()))
        .col_expr(mailing::Column::Segment, Expr::value(d.segment.to_json()))
        .col_expr(mailing::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(mailing::Column::Id.eq(id))
        .filter(mailing::Column::Status.eq(DRAFT))
        .exec(txn)
        .await?;
    if r.rows_affected != 1 {
        return Ok(false);
    }
    mailing_text::Entity::delete_many()
        .filter(mailing_text::Column::MailingId.eq(id))
        .exec(txn)
        .await?;
    write_texts(txn, id, &d.texts).await?;
    Ok(true)
}

async fn write_texts(txn: &impl ConnectionTrait, id: i64, texts: &[Text]) -> Result<(), DbErr> {
    for t in texts {
        mailing_text::ActiveModel {
            mailing_id: Set(id),
            lang: Set(t.lang.clone()),
            subject: Set(t.subject.clone()),
            body: Set(t.body.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// A draft is to be sent at `at` (now, or later); false when it is no longer a draft.
pub async fn schedule(
    txn: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = mailing::Entity::update_many()
        .col_expr(mailing::Column::Status, Expr::value(SCHEDULED))
        .col_expr(mailing::Column::SendAt, Expr::value(at))
        .col_expr(mailing::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(mailing::Column::Id.eq(id))
        .filter(mailing::Column::Status.eq(DRAFT))
        .exec(txn)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Stops a mailing not yet sent whole: a scheduled one goes back to a draft; one being
/// sent is cancelled, and its mails still waiting in the outbox are taken back. False when
/// there was nothing to stop.
pub async fn stop(txn: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let back = mailing::Entity::update_many()
        .col_expr(mailing::Column::Status, Expr::value(DRAFT))
        .col_expr(
            mailing::Column::SendAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(mailing::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(mailing::Column::Id.eq(id))
        .filter(mailing::Column::Status.eq(SCHEDULED))
        .filter(mailing::Column::StartedAt.is_null())
        .exec(txn)
        .await?;
    if back.rows_affected == 1 {
        return Ok(true);
    }
    let cancelled = mailing::Entity::update_many()
        .col_expr(mailing::Column::Status, Expr::value(CANCELLED))
        .col_expr(mailing::Column::FinishedAt, Expr::value(Utc::now()))
        .col_expr(mailing::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(mailing::Column::Id.eq(id))
        .filter(mailing::Column::Status.is_in([SCHEDULED, SENDING]))
        .exec(txn)
        .await?;
    if cancelled.rows_affected != 1 {
        return Ok(false);
    }
    // The mails not sent yet are taken back, and their recipients with them: the counts
    // then say who was reached. (A mail being sent this moment goes.)
    let now = Utc::now();
    let unsent: Vec<i64> = outbox_mail::Entity::find()
        .select_only()
        .column(outbox_mail::Column::Id)
        .filter(
            outbox_mail::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(mailing_recipient::Column::OutboxId)
                    .from(mailing_recipient::Entity)
                    .and_where(mailing_recipient::Column::MailingId.eq(id))
                    .to_owned(),
            ),
        )
        .filter(crate::mail::worker::unsent_and_unleased(now))
        .into_tuple()
        .all(txn)
        .await?;
    crate::privacy::news::take_back(txn, &unsent, now).await?;
    Ok(true)
}

/// How the recipients of a mailing fared: queued, mails sent so far, unsubscribed through it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub queued: u64,
    pub sent: u64,
    pub unsubscribed: u64,
}

pub async fn progress(db: &impl ConnectionTrait, id: i64) -> Result<Progress, DbErr> {
    let of =
        || mailing_recipient::Entity::find().filter(mailing_recipient::Column::MailingId.eq(id));
    let queued = of().count(db).await?;
    let unsubscribed = of()
        .filter(mailing_recipient::Column::UnsubscribedAt.is_not_null())
        .count(db)
        .await?;
    let outbox_ids = sea_orm::sea_query::Query::select()
        .column(mailing_recipient::Column::OutboxId)
        .from(mailing_recipient::Entity)
        .and_where(mailing_recipient::Column::MailingId.eq(id))
        .to_owned();
    let sent = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::Id.in_subquery(outbox_ids))
        .filter(outbox_mail::Column::Status.eq(crate::mail::SENT))
        .count(db)
        .await?;
    Ok(Progress {
        queued,
        sent,
        unsubscribed,
    })
}
