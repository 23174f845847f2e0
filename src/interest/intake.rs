//! Taking in a submission: a prospect and a lead per chosen municipality (or one in the
//! regional pool) — where a chosen municipality already has a lead for this e-mail address,
//! that lead hears of it instead — the consent with its text version, a
//! confirmation mail to the mover and a notice to the guides — all in one transaction.
//!
//! This is the system acting for the mover, not a person reading data, so it does not take a
//! guide's `Scope`; it reads only the prospect with the address the mover typed, and shows
//! the mover nothing of it (the same thank-you page either way).

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::config::Config;
use crate::domain::Household;
use crate::domain::Source;
use crate::entities::{
    consent, lead, municipality, prospect, spent_form_token, CampaignId, UserId,
};
use crate::i18n::Lang;
use crate::leads::{insert_lead, insert_prospect, NewLead};
use crate::mail::{self, templates};
use crate::reference::{Reference, Staff};
use crate::scope::Target;

/// The version of the consent text shown with the form; raise it when the text changes.
pub const CONSENT_VERSION: &str = "interest-2026-11";
pub const CONSENT_PURPOSE: &str = crate::domain::purpose::GUIDANCE;
pub const CONSENT_BASIS: &str = "consent";

pub struct Submission {
    pub household: Household,
    /// Chosen municipalities (slugs); empty with `help_choose` means the regional pool.
    pub municipalities: Vec<String>,
    pub help_choose: bool,
    pub message: Option<String>,
    pub form_lang: Lang,
    pub campaign_id: Option<CampaignId>,
    /// `InterestForm`, or `Fair` for a lead captured by a guide at an event.
    pub source: Source,
    /// The version of the consent text the mover agreed to.
    pub consent_version: &'static str,
    /// The version of the news consent's text, when the mover chose news and invitations
    /// (a separate choice, never ticked in advance).
    pub news_version: Option<&'static str>,
    /// The public form's token, spent by this submission (none for a guide's fair mode,
    /// which has the session's CSRF token instead).
    pub token: Option<String>,
    /// The guide who typed it in (fair mode): the audit names it, and it is not mailed
    /// about what it has just entered itself.
    pub by: Option<UserId>,
}

/// What became of a submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Taken {
    /// Stored; the id of the prospect the mover's link opens.
    Stored(i64),
    /// The same data again (with the same token, or within a day with another): a
    /// back-button resubmit, stored once.
    Again,
    /// Other data with a token already spent: the form must be loaded again.
    Replayed,
    /// None of the chosen municipalities takes movers any more (closed since the form was
    /// shown): nothing is stored, the mover chooses again.
    NoneOpen,
}

/// What a submission says, hashed: the same data gives the same hash.
fn fields_hash(s: &Submission) -> String {
    use sha2::{Digest, Sha256};
    let text = format!(
        "{:?}|{:?}|{}|{:?}|{:?}",
        s.household, s.municipalities, s.help_choose, s.message, s.campaign_id
    );
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Whether this very data was taken in within the last day.
pub async fn seen(db: &crate::db::Db, s: &Submission) -> Result<bool, DbErr> {
    Ok(spent_form_token::Entity::find()
        .filter(spent_form_token::Column::FieldsHash.eq(fields_hash(s)))
        .filter(spent_form_token::Column::SpentAt.gt(Utc::now() - chrono::Duration::days(1)))
        .one(db)
        .await?
        .is_some())
}

/// Spends the form's token in the submission's transaction. `None` when it was free;
/// otherwise what to say.
async fn spend(
    txn: &impl sea_orm::ConnectionTrait,
    token: &str,
    s: &Submission,
) -> Result<Option<Taken>, DbErr> {
    use sea_orm::sea_query::OnConflict;
    use sha2::{Digest, Sha256};
    let token_hash = hex::encode(Sha256::digest(token.as_bytes()));
    let fields_hash = fields_hash(s);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // The same data sent twice at the same moment (with two tokens) runs in two
        // transactions side by side there: the second waits for the first's commit, and
        // sees it below. (SQLite's writers take turns already.)
        txn.execute(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            [fields_hash.clone().into()],
        ))
        .await?;
    }
    // The same data sent again with another token (the back button reloads the form, and
    // the browser fills in what was typed) is the same submission too.
    let same_data = spent_form_token::Entity::find()
        .filter(spent_form_token::Column::FieldsHash.eq(fields_hash.clone()))
        .filter(spent_form_token::Column::SpentAt.gt(Utc::now() - chrono::Duration::days(1)))
        .one(txn)
        .await?;
    let fresh = spent_form_token::Entity::insert(spent_form_token::ActiveModel {
        token_hash: Set(token_hash.clone()),
        fields_hash: Set(fields_hash.clone()),
        spent_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(spent_form_token::Column::TokenHash)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    if fresh == 1 {
        return Ok(same_data.map(|_| Taken::Again));
    }
    let before = spent_form_token::Entity::find_by_id(token_hash)
        .one(txn)
        .await?;
    Ok(Some(match before {
        Some(b) if b.fields_hash == fields_hash => Taken::Again,
        _ => Taken::Replayed,
    }))
}

/// Forgets spent tokens older than any token can live (housekeeping).
pub async fn forget_spent(db: &crate::db::Db, max_age_hours: i64) -> Result<u64, DbErr> {
    let before = Utc::now() - chrono::Duration::hours(max_age_hours.saturating_add(1));
    Ok(spent_form_token::Entity::delete_many()
        .filter(spent_form_token::Column::SpentAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// Stores the submission, once per form token, in a transaction of its own.
pub async fn take_in(
    db: &crate::db::Db,
    reference: &Reference,
    cfg: &Config,
    s: &Submission,
) -> Result<Taken, DbErr> {
    let known = Known::read(db, reference).await?;
    let chosen = known.chosen(s);
    if chosen.is_empty() && !s.help_choose {
        return Ok(Taken::NoneOpen);
    }
    let txn = db.begin().await?;
    let taken = store(&txn, cfg, s, chosen, &known.guides).await?;
    if matches!(taken, Taken::Stored(_)) {
        txn.commit().await?;
    }
    Ok(taken)
}

/// A submission and who waits for what became of it.
type Waiting = (
    Submission,
    tokio::sync::oneshot::Sender<Result<Taken, String>>,
);

/// The most submissions committed together.
const BATCH: usize = 64;

/// The public form's submissions, committed several to a transaction (group commit): the
/// submissions that arrive while one transaction is written go into the next, each
/// answered only after the commit that holds it. On SQLite, with one writer at a time,
/// a transaction per submission made every submission wait for the write turn and write
/// the same index pages again; together they take one turn and write each page once.
/// Each submission has a savepoint of its own in the batch's transaction, so that one that
/// fails never costs another its answer or its rows.
///
/// On PostgreSQL each submission keeps a transaction of its own: its writers run side by
/// side, and the server already flushes commits that arrive together at once; one writer
/// there only queued them (183 against 271 accepted/s, BENCHMARKS.md).
#[derive(Default)]
pub struct Intake {
    waiting: std::sync::Mutex<Option<tokio::sync::mpsc::UnboundedSender<Waiting>>>,
    /// The most submissions committed together so far (the tests read it).
    largest: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Intake {
    pub fn largest_batch(&self) -> usize {
        self.largest.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Takes the submission in, together with those arriving at the same time; committed
    /// when this returns `Stored`.
    pub async fn take_in(
        &self,
        db: &crate::db::Db,
        reference: &std::sync::Arc<Reference>,
        cfg: &std::sync::Arc<Config>,
        s: Submission,
    ) -> Result<Taken, DbErr> {
        if db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
            return take_in(db, reference, cfg, &s).await;
        }
        let send = crate::db::writer(&self.waiting, |receive| {
            commit_together(
                db.clone(),
                reference.clone(),
                cfg.clone(),
                receive,
                self.largest.clone(),
            )
        });
        let (done, taken) = tokio::sync::oneshot::channel();
        let gone = || DbErr::Custom("the intake has stopped".into());
        send.send((s, done)).map_err(|_| gone())?;
        taken.await.map_err(|_| gone())?.map_err(DbErr::Custom)
    }
}

/// The writer: whatever has arrived, up to `BATCH`, in one transaction.
async fn commit_together(
    db: crate::db::Db,
    reference: std::sync::Arc<Reference>,
    cfg: std::sync::Arc<Config>,
    mut receive: tokio::sync::mpsc::UnboundedReceiver<Waiting>,
    largest: std::sync::Arc<std::sync::atomic::AtomicUsize>,
) {
    let mut batch: Vec<Waiting> = Vec::with_capacity(BATCH);
    while receive.recv_many(&mut batch, BATCH).await > 0 {
        let taken = together(&db, &reference, &cfg, &batch).await;
        largest.fetch_max(batch.len(), std::sync::atomic::Ordering::Relaxed);
        for (i, (_, done)) in batch.drain(..).enumerate() {
            let answer = match &taken {
                Ok(each) => each
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| Err("no answer for this submission".into())),
                // No turn to write, or the commit failed: the whole batch is refused at
                // once (each as it would have been alone), not tried again one by one.
                Err(e) => Err(e.to_string()),
            };
            // One whose request was dropped needs no answer.
            let _ = done.send(answer);
        }
    }
}

/// The batch in one transaction, each submission in a savepoint of its own: one that
/// fails, or one that stores nothing (`Again`, `Replayed`), is rolled back alone, as it
/// would be in a transaction of its own; the rest are committed together.
async fn together(
    db: &crate::db::Db,
    reference: &Reference,
    cfg: &Config,
    batch: &[Waiting],
) -> Result<Vec<Result<Taken, String>>, DbErr> {
    let known = Known::read(db, reference).await?;
    let txn = db.begin().await?;
    let mut taken = Vec::with_capacity(batch.len());
    for (s, _) in batch {
        let chosen = known.chosen(s);
        if chosen.is_empty() && !s.help_choose {
            taken.push(Ok(Taken::NoneOpen));
            continue;
        }
        let one = txn.savepoint().await?;
        match store(&one, cfg, s, chosen, &known.guides).await {
            Ok(t @ Taken::Stored(_)) => {
                one.commit().await?;
                taken.push(Ok(t));
            }
            Ok(t) => {
                one.rollback().await?;
                taken.push(Ok(t));
            }
            Err(e) => {
                tracing::warn!(error = %e, "a submission failed; the others of its batch go on");
                one.rollback().await?;
                taken.push(Err(e.to_string()));
            }
        }
    }
    txn.commit().await?;
    Ok(taken)
}

/// What a submission needs before the turn to write (SQLite's writers queue for it): the
/// municipalities that take movers and the guides to tell, as the process holds them
/// (`reference`).
struct Known {
    open: Vec<municipality::Model>,
    guides: Vec<Staff>,
}

impl Known {
    async fn read(db: &crate::db::Db, reference: &Reference) -> Result<Known, DbErr> {
        let held = reference.get(db).await?;
        Ok(Known {
            open: held
                .municipalities()
                .iter()
                .filter(|m| m.active)
                .cloned()
                .collect(),
            guides: held
                .users()
                .filter(|u| u.is_guide && u.active)
                .cloned()
                .collect(),
        })
    }

    /// The open municipalities the submission chose.
    fn chosen(&self, s: &Submission) -> Vec<municipality::Model> {
        self.open
            .iter()
            .filter(|m| s.municipalities.contains(&m.slug))
            .cloned()
            .collect()
    }
}

/// The submission's rows, in `txn`: nothing but its spent token when it is one already
/// taken in (`Again`) or a replay (`Replayed`), so that the caller may commit either way.
async fn store(
    txn: &crate::db::Txn,
    cfg: &Config,
    s: &Submission,
    chosen: Vec<municipality::Model>,
    guides: &[Staff],
) -> Result<Taken, DbErr> {
    if let Some(token) = &s.token {
        if let Some(taken) = spend(txn, token, s).await? {
            return Ok(taken);
        }
    }
    // A returning mover is recognised only where it chose to go now: a chosen municipality
    // (or the pool) that already holds a lead for this e-mail address hears of it. Every
    // other chosen municipality gets a new record of what was submitted now; what other
    // municipalities hold is neither shown to it nor changed by what the form says.
    let to_pool = s.help_choose && chosen.is_empty();
    let places: Vec<Target> = if to_pool {
        vec![Target::pool()]
    } else {
        chosen.iter().map(Target::chosen).collect()
    };
    let had = match &s.household.email {
        Some(e) => returning(txn, e, &places).await?,
        None => Vec::new(),
    };
    let had_in: Vec<Target> = had.iter().map(Target::of).collect();
    let targets: Vec<Target> = places.into_iter().filter(|t| !had_in.contains(t)).collect();
    let mut touched: Vec<lead::Model> = Vec::new();
    // The records this submission made (with the consent given in it) and those it returned
    // to. Only a new record gets the consent: an address is no proof of who typed it, so a
    // submission cannot give a consent back that the mover withdrew.
    let mut prospects: Vec<i64> = Vec::new();
    let mut consented: Vec<i64> = Vec::new();
    if !targets.is_empty() {
        let prospect_id = insert_prospect(txn, &s.household).await?.id;
        prospects.push(prospect_id);
        consented.push(prospect_id);
        for m in targets {
            touched.push(
                insert_lead(
                    txn,
                    NewLead {
                        campaign_id: s.campaign_id,
                        ..NewLead::new(crate::entities::ProspectId(prospect_id), m, s.source)
                    },
                )
                .await?,
            );
        }
    }
    let new_leads = touched.len();
    for l in had {
        if !prospects.contains(&l.prospect_id) {
            prospects.push(l.prospect_id);
        }
        touched.push(l);
    }
    // The record the mover's link opens: the new one, else the one it returned to.
    let prospect_id = prospects[0];

    let now = Utc::now();
    log_message(txn, s, &touched, new_leads, now).await?;
    for p in &consented {
        give_consent(txn, s, *p, CONSENT_PURPOSE, s.consent_version, now).await?;
        if let Some(version) = s.news_version {
            give_consent(txn, s, *p, crate::domain::purpose::NEWS, version, now).await?;
        }
    }
    if let Some(to) = &s.household.email {
        confirm(txn, cfg, s, to, &chosen, prospect_id).await?;
    }
    let others: Vec<Staff> = guides
        .iter()
        .filter(|g| Some(UserId(g.id)) != s.by)
        .cloned()
        .collect();
    notify_guides(txn, cfg, &touched, &others).await?;
    crate::audit::write(
        txn,
        crate::audit::Entry {
            user_id: s.by,
            action: "interest_submitted",
            target: None,
            prospect: Some(crate::entities::ProspectId(prospect_id)),
            detail: Some(format!("{} leads", touched.len())),
        },
    )
    .await?;
    Ok(Taken::Stored(prospect_id))
}

/// The leads a returning mover already has where it chose to go now (found by its e-mail
/// address): one a place, the oldest should there be several.
async fn returning(
    txn: &impl ConnectionTrait,
    email: &str,
    places: &[Target],
) -> Result<Vec<lead::Model>, DbErr> {
    if places.is_empty() {
        return Ok(Vec::new());
    }
    let with_email = prospect::Entity::find()
        .select_only()
        .column(prospect::Column::Id)
        .filter(prospect::Column::Email.eq(email))
        .filter(prospect::Column::AnonymisedAt.is_null())
        .into_tuple::<i64>()
        .all(txn)
        .await?;
    let mut found = lead::Entity::find()
        .filter(lead::Column::ProspectId.is_in(with_email))
        .filter(crate::scope::leads_in(places))
        .order_by_asc(lead::Column::Id)
        .all(txn)
        .await?;
    let mut seen = BTreeSet::new();
    found.retain(|l| seen.insert(l.municipality_id));
    Ok(found)
}

/// The submission's message on every lead it reached; a lead it returned to (after the
/// first `new_leads`, made just now) is touched.
async fn log_message(
    txn: &impl ConnectionTrait,
    s: &Submission,
    touched: &[lead::Model],
    new_leads: usize,
    now: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    for (i, l) in touched.iter().enumerate() {
        let body = s.message.clone().filter(|b| !b.is_empty());
        let inward = Some(crate::domain::Direction::Incoming);
        crate::leads::insert_timeline(txn, l.key(), None, "message", inward, now, body).await?;
        if i >= new_leads {
            lead::Entity::update_many()
                .col_expr(
                    lead::Column::UpdatedAt,
                    sea_orm::sea_query::Expr::value(now),
                )
                .filter(lead::Column::Id.eq(l.id))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// A consent given in the form (to `purpose`, with the text of `version`), for a record it
/// made.
async fn give_consent(
    txn: &impl ConnectionTrait,
    s: &Submission,
    prospect_id: i64,
    purpose: &str,
    version: &str,
    now: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    consent::ActiveModel {
        prospect_id: Set(prospect_id),
        purpose: Set(purpose.into()),
        legal_basis: Set(CONSENT_BASIS.into()),
        text_version: Set(version.into()),
        language: Set(s.form_lang.code().into()),
        given_at: Set(now),
        withdrawn_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The confirmation mail to the mover, with its self-service link.
async fn confirm(
    txn: &impl ConnectionTrait,
    cfg: &Config,
    s: &Submission,
    to: &str,
    chosen: &[municipality::Model],
    prospect_id: i64,
) -> Result<(), DbErr> {
    let names: Vec<String> = chosen.iter().map(|m| m.name.clone()).collect();
    let privacy = cfg.link(&format!("/privacy?lang={}", s.form_lang.code()));
    let token = crate::privacy::links::issue(
        txn,
        crate::entities::ProspectId(prospect_id),
        cfg.retention.mover_link_days,
    )
    .await?;
    let own = cfg.link(&format!("/my/{token}?lang={}", s.form_lang.code()));
    let mail = templates::interest_confirmation(
        s.form_lang,
        to,
        &s.household.first_name,
        &names,
        &privacy,
        &own,
    );
    mail::enqueue_about(txn, mail, crate::entities::ProspectId(prospect_id)).await?;
    Ok(())
}

/// A short mail to each guide concerned (of the active `guides`): a link, nothing more.
async fn notify_guides(
    txn: &impl sea_orm::ConnectionTrait,
    cfg: &Config,
    leads: &[lead::Model],
    guides: &[Staff],
) -> Result<(), DbErr> {
    for l in leads {
        // A pool lead concerns every guide; a municipality's lead its own guides.
        let concerned = guides
            .iter()
            .filter(|g| l.municipality_id.is_none() || g.municipality_id == l.municipality_id);
        for g in concerned {
            let lang = Lang::parse(&g.locale).unwrap_or(Lang::Sv);
            let link = cfg.link(&format!("/leads/{}", l.id));
            mail::enqueue_about(
                txn,
                templates::new_interest_for_guide(
                    lang,
                    &g.email,
                    &link,
                    l.municipality_id.is_none(),
                ),
                crate::entities::ProspectId(l.prospect_id),
            )
            .await?;
        }
    }
    Ok(())
}
