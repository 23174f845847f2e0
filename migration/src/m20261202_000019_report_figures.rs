//! The report's figures, kept by the database (issue 20): a year of all municipalities read
//! every lead and contact of the year (21 s at a million leads); now it reads a few thousand
//! sums.
//!
//! Each lead counts toward the report as a few rows, its *report keys* (`report_lead_keys`):
//! - `lead`: the month it came (Stockholm time), its source, campaign, country, county (a
//!   Swedish mover's) and how far along the pipeline it ever came (0–5);
//! - `outcome`: the month it was closed, its status and reason;
//! - `moved`: the month it moved in, its source, days from first contact, its 6- and
//!   12-month stay checks (how many, the first answer, the last due day) and its adults and
//!   children;
//! - `contact`: its contacts per month and guide;
//! - `task`: its open tasks per municipality and due day (month empty).
//!
//! `report_counts` holds the sum of every lead's keys per family, municipality (0: the
//! pool), month and key; like the lead counts (migration 10), triggers append signed
//! changes to `report_count_changes` and never update a shared row, and the app folds them
//! in now and then. Every trigger does the same for each lead it touches: it takes the
//! lead's keys back (minus), works them out again from the rows as they now are, stores
//! them and adds them (plus). A lead's keys are therefore always those of its rows, however
//! they got there (a status, a merge moving activities, a mover's country, a move to
//! another municipality, an erasure), and `report_keys` is the one statement that says
//! what they are: the triggers, the migration's fill and `derived::rebuild` all use it.
//!
//! Months are Stockholm's: on SQLite by the EU rule (summer time from the last Sunday of
//! March to the last Sunday of October, which decides the month only on the last day of a
//! month between 22:00 and 24:00 UTC: a month from April to October starts at 22:00 UTC, the
//! others at 23:00), from timestamps as the app stores them (UTC, `+00:00`); PostgreSQL asks
//! its time-zone database.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DatabaseBackend, TransactionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The pipeline's statuses in order; a lead "reached" the highest it ever had (its own or a
/// status entry on its timeline).
pub const REPORT_PIPELINE: [&str; 6] = [
    "new",
    "contacted",
    "in_dialogue",
    "visit",
    "decided",
    "moved_in",
];

/// The activity kinds that are contacts.
pub const REPORT_CONTACT_KINDS: [&str; 7] = [
    "call", "email", "meeting", "visit", "event", "message", "note",
];

/// The setting (table `settings`) that counts the folds and rebuilds of the report's figures.
pub const REPORT_GENERATION: &str = "report_generation";

const COLUMNS: &str = "family, municipality_key, month, k1, k2, k3, k4, k5, n, a, c";

fn rank(col: &str) -> String {
    let mut s = format!("CASE {col}");
    for (i, st) in REPORT_PIPELINE.iter().enumerate() {
        s.push_str(&format!(" WHEN '{st}' THEN {i}"));
    }
    s.push_str(" ELSE 0 END");
    s
}

/// The Stockholm month ('YYYY-MM') of a timestamp column.
fn month_of_time(backend: DatabaseBackend, col: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => {
            format!("to_char({col} AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')")
        }
        // Whole seconds: SQLite's date functions round to the millisecond, and
        // 21:59:59.9999 would become 22:00, the next month's first moment.
        _ => format!(
            "CASE WHEN CAST(strftime('%m', substr({col}, 1, 19), '+2 hours') AS INTEGER) \
             BETWEEN 4 AND 10 THEN strftime('%Y-%m', substr({col}, 1, 19), '+2 hours') \
             ELSE strftime('%Y-%m', substr({col}, 1, 19), '+1 hours') END"
        ),
    }
}

fn month_of_date(backend: DatabaseBackend, col: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("to_char({col}, 'YYYY-MM')"),
        _ => format!("substr({col}, 1, 7)"),
    }
}

fn as_text(expr: &str) -> String {
    format!("CAST({expr} AS TEXT)")
}

/// The report keys (`lead_id, family, …, c`) of the leads `l` for which `filter` holds.
pub fn report_keys(backend: DatabaseBackend, filter: &str) -> String {
    let t = as_text;
    let created = month_of_time(backend, "l.created_at");
    let closed = month_of_time(backend, "l.closed_at");
    let occurred = month_of_time(backend, "a.occurred_at");
    let moved = month_of_date(backend, "l.moved_in_on");
    let days = match backend {
        DatabaseBackend::Postgres => {
            "CAST(l.moved_in_on - CAST(l.created_at AT TIME ZONE 'UTC' AS DATE) AS BIGINT)"
        }
        _ => "CAST(julianday(l.moved_in_on) - julianday(substr(l.created_at, 1, 10)) AS BIGINT)",
    };
    let reached = format!(
        "COALESCE((SELECT MAX({}) FROM activities s WHERE s.lead_id = l.id AND s.kind = 'status'), 0)",
        rank("s.body")
    );
    let step = format!(
        "CASE WHEN {own} > {reached} THEN {own} ELSE {reached} END",
        own = rank("l.status")
    );
    let stay = |kind: &str| {
        format!(
            "(SELECT {} || '|' || COALESCE(MIN(f.answer), '') || '|' || COALESCE({}, '') \
             FROM follow_ups f WHERE f.lead_id = l.id AND f.kind = 'stay_{kind}')",
            t("COUNT(*)"),
            t("MAX(f.due_on)")
        )
    };
    let household = format!(
        "{} || '|' || {}",
        t("COALESCE(l.moved_adults, 0)"),
        t("COALESCE(l.moved_children, 0)")
    );
    let contacts = REPORT_CONTACT_KINDS
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT l.id AS lead_id, 'lead' AS family, COALESCE(l.municipality_id, 0) AS municipality_key,
            {created} AS month, l.source AS k1, COALESCE({campaign}, '') AS k2,
            COALESCE(p.country, '') AS k3,
            CASE WHEN p.country = 'SE' THEN COALESCE(p.se_region, '') ELSE '' END AS k4,
            {step_text} AS k5, 1 AS n, 0 AS a, 0 AS c
         FROM leads l JOIN prospects p ON p.id = l.prospect_id WHERE {filter}
         UNION ALL
         SELECT l.id, 'outcome', COALESCE(l.municipality_id, 0), {closed}, l.status,
            COALESCE(l.reason_code, ''), '', '', '', 1, 0, 0
         FROM leads l WHERE l.closed_at IS NOT NULL AND {filter}
         UNION ALL
         SELECT l.id, 'moved', COALESCE(l.municipality_id, 0), {moved}, l.source, {days_text},
            {stay6}, {stay12}, {household}, 1, COALESCE(l.moved_adults, 0),
            COALESCE(l.moved_children, 0)
         FROM leads l WHERE l.status = 'moved_in' AND l.moved_in_on IS NOT NULL AND {filter}
         UNION ALL
         SELECT l.id, 'contact', COALESCE(l.municipality_id, 0), {occurred},
            COALESCE({user}, ''), '', '', '', '', COUNT(*), 0, 0
         FROM leads l JOIN activities a ON a.lead_id = l.id
         WHERE a.kind IN ({contacts}) AND {filter}
         GROUP BY l.id, l.municipality_id, {occurred}, a.user_id
         UNION ALL
         SELECT l.id, 'task', COALESCE(f.municipality_id, 0), '', {due}, '', '', '', '',
            COUNT(*), 0, 0
         FROM leads l JOIN follow_ups f ON f.lead_id = l.id
         WHERE f.done_at IS NULL AND f.kind = 'task' AND {filter}
         GROUP BY l.id, f.municipality_id, f.due_on",
        campaign = t("l.campaign_id"),
        step_text = t(&step),
        days_text = t(days),
        stay6 = stay("6"),
        stay12 = stay("12"),
        household = &household,
        user = t("a.user_id"),
        due = t("f.due_on"),
    )
}

/// Takes back the keys of the leads `keys` selects (a condition on `report_lead_keys`), works
/// out those of the leads `leads` selects (the same leads, as a condition on `leads l`), and
/// adds them.
fn recount(backend: DatabaseBackend, keys: &str, leads: &str) -> [String; 4] {
    [
        format!(
            "INSERT INTO report_count_changes ({COLUMNS})
             SELECT family, municipality_key, month, k1, k2, k3, k4, k5, -n, -a, -c
             FROM report_lead_keys WHERE {keys}"
        ),
        format!("DELETE FROM report_lead_keys WHERE {keys}"),
        format!(
            "INSERT INTO report_lead_keys (lead_id, {COLUMNS}) {}",
            report_keys(backend, leads)
        ),
        format!(
            "INSERT INTO report_count_changes ({COLUMNS})
             SELECT {COLUMNS} FROM report_lead_keys WHERE {keys}"
        ),
    ]
}

fn tables(backend: DatabaseBackend) -> Vec<String> {
    let id = match backend {
        DatabaseBackend::Postgres => "id BIGSERIAL PRIMARY KEY",
        _ => "id INTEGER PRIMARY KEY AUTOINCREMENT",
    };
    let key = "family TEXT NOT NULL, municipality_key BIGINT NOT NULL, month TEXT NOT NULL,
        k1 TEXT NOT NULL, k2 TEXT NOT NULL, k3 TEXT NOT NULL, k4 TEXT NOT NULL, k5 TEXT NOT NULL,
        n BIGINT NOT NULL, a BIGINT NOT NULL, c BIGINT NOT NULL";
    vec![
        format!("CREATE TABLE report_lead_keys (lead_id BIGINT NOT NULL, {key})"),
        "CREATE INDEX ix_report_lead_keys_lead ON report_lead_keys (lead_id)".into(),
        format!(
            "CREATE TABLE report_counts ({key},
             PRIMARY KEY (family, month, municipality_key, k1, k2, k3, k4, k5))"
        ),
        format!("CREATE TABLE report_count_changes ({id}, {key})"),
        "CREATE INDEX ix_report_count_changes ON report_count_changes (family, month)".into(),
    ]
}

/// Fills the keys and sums from the rows (the migration, and `derived::rebuild`).
pub fn report_fill(backend: DatabaseBackend) -> Vec<String> {
    vec![
        "DELETE FROM report_lead_keys".into(),
        "DELETE FROM report_count_changes".into(),
        "DELETE FROM report_counts".into(),
        format!(
            "INSERT INTO report_lead_keys (lead_id, {COLUMNS}) {}",
            report_keys(backend, "1 = 1")
        ),
        format!(
            "INSERT INTO report_counts ({COLUMNS})
             SELECT family, municipality_key, month, k1, k2, k3, k4, k5, SUM(n), SUM(a), SUM(c)
             FROM report_lead_keys GROUP BY family, municipality_key, month, k1, k2, k3, k4, k5"
        ),
    ]
}

/// The columns of each table whose change may change a lead's keys.
const LEAD_COLUMNS: [&str; 11] = [
    "municipality_id",
    "prospect_id",
    "status",
    "source",
    "campaign_id",
    "created_at",
    "closed_at",
    "reason_code",
    "moved_in_on",
    "moved_adults",
    "moved_children",
];
const ACTIVITY_COLUMNS: [&str; 5] = ["lead_id", "kind", "body", "occurred_at", "user_id"];
const FOLLOW_UP_COLUMNS: [&str; 6] = [
    "lead_id",
    "municipality_id",
    "kind",
    "due_on",
    "done_at",
    "answer",
];

/// An activity that counts: a status entry or a contact.
fn counted_activity(row: &str) -> String {
    let kinds = std::iter::once("status")
        .chain(REPORT_CONTACT_KINDS)
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{row}.kind IN ({kinds})")
}

fn changed(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| format!("OLD.{c} IS NOT NEW.{c}"))
        .collect::<Vec<_>>()
        .join(" OR ")
}

fn sqlite_triggers() -> Vec<String> {
    let b = DatabaseBackend::Sqlite;
    let one = |lead: &str| recount(b, &format!("lead_id = {lead}"), &format!("l.id = {lead}"));
    let body = |parts: Vec<[String; 4]>| {
        parts
            .iter()
            .flatten()
            .map(|s| format!("{s};"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let trigger = |name: &str, on: &str, when: &str, parts: Vec<[String; 4]>| {
        let when = if when.is_empty() {
            String::new()
        } else {
            format!("WHEN {when}")
        };
        format!(
            "CREATE TRIGGER {name} AFTER {on} {when} BEGIN\n{}\nEND",
            body(parts)
        )
    };
    let activity_update = "OLD.lead_id IS NOT NEW.lead_id OR OLD.kind IS NOT NEW.kind \
         OR OLD.occurred_at IS NOT NEW.occurred_at OR OLD.user_id IS NOT NEW.user_id \
         OR (NEW.kind = 'status' AND OLD.body IS NOT NEW.body)";
    vec![
        trigger(
            "report_lead_insert",
            "INSERT ON leads",
            "",
            vec![one("NEW.id")],
        ),
        trigger(
            "report_lead_update",
            &format!("UPDATE OF {} ON leads", LEAD_COLUMNS.join(", ")),
            &changed(&LEAD_COLUMNS),
            vec![one("NEW.id")],
        ),
        trigger(
            "report_lead_delete",
            "DELETE ON leads",
            "",
            vec![one("OLD.id")],
        ),
        trigger(
            "report_prospect_update",
            "UPDATE OF country, se_region ON prospects",
            "OLD.country IS NOT NEW.country OR OLD.se_region IS NOT NEW.se_region",
            vec![recount(
                b,
                "lead_id IN (SELECT id FROM leads WHERE prospect_id = NEW.id)",
                "l.prospect_id = NEW.id",
            )],
        ),
        trigger(
            "report_activity_insert",
            "INSERT ON activities",
            &counted_activity("NEW"),
            vec![one("NEW.lead_id")],
        ),
        trigger(
            "report_activity_update",
            &format!("UPDATE OF {} ON activities", ACTIVITY_COLUMNS.join(", ")),
            &format!(
                "({}) AND ({} OR {})",
                activity_update,
                counted_activity("OLD"),
                counted_activity("NEW")
            ),
            vec![one("OLD.lead_id"), one("NEW.lead_id")],
        ),
        trigger(
            "report_activity_delete",
            "DELETE ON activities",
            &counted_activity("OLD"),
            vec![one("OLD.lead_id")],
        ),
        trigger(
            "report_follow_up_insert",
            "INSERT ON follow_ups",
            "",
            vec![one("NEW.lead_id")],
        ),
        trigger(
            "report_follow_up_update",
            &format!("UPDATE OF {} ON follow_ups", FOLLOW_UP_COLUMNS.join(", ")),
            &changed(&FOLLOW_UP_COLUMNS),
            vec![one("OLD.lead_id"), one("NEW.lead_id")],
        ),
        trigger(
            "report_follow_up_delete",
            "DELETE ON follow_ups",
            "",
            vec![one("OLD.lead_id")],
        ),
    ]
}

const SQLITE_TRIGGERS: [&str; 10] = [
    "report_lead_insert",
    "report_lead_update",
    "report_lead_delete",
    "report_prospect_update",
    "report_activity_insert",
    "report_activity_update",
    "report_activity_delete",
    "report_follow_up_insert",
    "report_follow_up_update",
    "report_follow_up_delete",
];

fn postgres_functions() -> Vec<String> {
    let b = DatabaseBackend::Postgres;
    let steps = recount(b, "lead_id = ANY(ids)", "l.id = ANY(ids)")
        .iter()
        .map(|s| format!("{s};"))
        .collect::<Vec<_>>()
        .join("\n");
    let distinct = |cols: &[&str]| {
        cols.iter()
            .map(|c| format!("OLD.{c} IS DISTINCT FROM NEW.{c}"))
            .collect::<Vec<_>>()
            .join(" OR ")
    };
    vec![
        // One recount of a lead at a time: two transactions recounting one lead at once
        // (two contacts logged together) would each take back the keys the other had not
        // yet replaced, and the sums would drift. The lock (a negative key: the migrations'
        // lock is positive) is held to the end of the transaction; leads in id order.
        format!(
            "CREATE FUNCTION report_recount(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
             BEGIN
             PERFORM pg_advisory_xact_lock(-1 - id)
                FROM (SELECT DISTINCT unnest(ids) AS id) l WHERE id IS NOT NULL ORDER BY id;
             {steps}
             END $$"
        ),
        // One function per table: which leads a row change touches.
        "CREATE FUNCTION report_on_lead() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
            IF TG_OP = 'DELETE' THEN PERFORM report_recount(ARRAY[OLD.id]);
            ELSE PERFORM report_recount(ARRAY[NEW.id]); END IF;
            RETURN NULL;
         END $$"
            .into(),
        "CREATE FUNCTION report_on_prospect() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
            PERFORM report_recount(ARRAY(SELECT id FROM leads WHERE prospect_id = NEW.id));
            RETURN NULL;
         END $$"
            .into(),
        "CREATE FUNCTION report_on_lead_row() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
            IF TG_OP = 'INSERT' THEN PERFORM report_recount(ARRAY[NEW.lead_id]);
            ELSIF TG_OP = 'DELETE' THEN PERFORM report_recount(ARRAY[OLD.lead_id]);
            ELSE PERFORM report_recount(ARRAY[OLD.lead_id, NEW.lead_id]); END IF;
            RETURN NULL;
         END $$"
            .into(),
        "CREATE TRIGGER report_lead AFTER INSERT OR DELETE ON leads
         FOR EACH ROW EXECUTE FUNCTION report_on_lead()"
            .into(),
        format!(
            "CREATE TRIGGER report_lead_update AFTER UPDATE OF {} ON leads FOR EACH ROW
             WHEN ({}) EXECUTE FUNCTION report_on_lead()",
            LEAD_COLUMNS.join(", "),
            distinct(&LEAD_COLUMNS)
        ),
        "CREATE TRIGGER report_prospect_update AFTER UPDATE OF country, se_region ON prospects
         FOR EACH ROW WHEN (OLD.country IS DISTINCT FROM NEW.country
            OR OLD.se_region IS DISTINCT FROM NEW.se_region)
         EXECUTE FUNCTION report_on_prospect()"
            .into(),
        format!(
            "CREATE TRIGGER report_activity AFTER INSERT ON activities FOR EACH ROW
             WHEN ({}) EXECUTE FUNCTION report_on_lead_row()",
            counted_activity("NEW")
        ),
        format!(
            "CREATE TRIGGER report_activity_delete AFTER DELETE ON activities FOR EACH ROW
             WHEN ({}) EXECUTE FUNCTION report_on_lead_row()",
            counted_activity("OLD")
        ),
        format!(
            "CREATE TRIGGER report_activity_update AFTER UPDATE OF {} ON activities FOR EACH ROW
             WHEN ((OLD.lead_id IS DISTINCT FROM NEW.lead_id OR OLD.kind IS DISTINCT FROM NEW.kind
                OR OLD.occurred_at IS DISTINCT FROM NEW.occurred_at
                OR OLD.user_id IS DISTINCT FROM NEW.user_id
                OR (NEW.kind = 'status' AND OLD.body IS DISTINCT FROM NEW.body))
                AND ({} OR {}))
             EXECUTE FUNCTION report_on_lead_row()",
            ACTIVITY_COLUMNS.join(", "),
            counted_activity("OLD"),
            counted_activity("NEW")
        ),
        "CREATE TRIGGER report_follow_up AFTER INSERT OR DELETE ON follow_ups
         FOR EACH ROW EXECUTE FUNCTION report_on_lead_row()"
            .into(),
        format!(
            "CREATE TRIGGER report_follow_up_update AFTER UPDATE OF {} ON follow_ups FOR EACH ROW
             WHEN ({}) EXECUTE FUNCTION report_on_lead_row()",
            FOLLOW_UP_COLUMNS.join(", "),
            distinct(&FOLLOW_UP_COLUMNS)
        ),
    ]
}

const POSTGRES_DOWN: [&str; 12] = [
    "DROP TRIGGER report_follow_up_update ON follow_ups",
    "DROP TRIGGER report_follow_up ON follow_ups",
    "DROP TRIGGER report_activity_update ON activities",
    "DROP TRIGGER report_activity_delete ON activities",
    "DROP TRIGGER report_activity ON activities",
    "DROP TRIGGER report_prospect_update ON prospects",
    "DROP TRIGGER report_lead_update ON leads",
    "DROP TRIGGER report_lead ON leads",
    "DROP FUNCTION report_on_lead_row()",
    "DROP FUNCTION report_on_prospect()",
    "DROP FUNCTION report_on_lead()",
    "DROP FUNCTION report_recount(BIGINT[])",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let backend = m.get_database_backend();
        let triggers = match backend {
            DatabaseBackend::Postgres => postgres_functions(),
            _ => sqlite_triggers(),
        };
        // One transaction: the pool's other connections see the whole change at once.
        let txn = m.get_connection().begin().await?;
        for sql in tables(backend)
            .into_iter()
            .chain(report_fill(backend))
            .chain(triggers)
        {
            txn.execute_unprepared(&sql).await?;
        }
        txn.commit().await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let drops: Vec<String> = match m.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_DOWN.iter().map(|s| String::from(*s)).collect(),
            _ => SQLITE_TRIGGERS
                .iter()
                .map(|t| format!("DROP TRIGGER {t}"))
                .collect(),
        };
        for sql in drops.iter().map(String::as_str).chain([
            "DROP TABLE report_count_changes",
            "DROP TABLE report_counts",
            "DROP TABLE report_lead_keys",
        ]) {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
