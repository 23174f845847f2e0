//! Yearly targets: a coordinator sets, per municipality and for the whole region, how many
//! persons and households should move in and how many new leads should come in a year; the
//! report shows the year's published figure against each (`table::targets`).
//!
//! A target is not personal data, so every staff member's report shows the targets of what
//! it shows; only a coordinator changes them (`CoordinatorCtx`), audited.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Datelike, Utc};
use maud::{html, Markup};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, Set, Statement,
};

use crate::entities::{municipality, report_target};
use crate::error::AppResult;
use crate::i18n::t_args;
use crate::state::AppState;
use crate::web::components::{csrf_input, field, FieldErrors, Input};
use crate::web::ctx::CoordinatorCtx;
use crate::web::format::today;
use crate::web::{layout, Ctx};

/// What a target counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    Persons,
    Households,
    Leads,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Persons, Measure::Households, Measure::Leads];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Persons => "persons",
            Measure::Households => "households",
            Measure::Leads => "leads",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Its name, as a translation key.
    pub fn key(self) -> &'static str {
        match self {
            Measure::Persons => "report-persons-moved",
            Measure::Households => "report-households-moved",
            Measure::Leads => "report-new-leads-short",
        }
    }
}

/// The area of the whole region in the store (no municipality has id 0).
const REGION: i64 = 0;

/// The largest target accepted: more than the region's population many times over.
const MOST: i64 = 1_000_000;

/// A year's targets by area (a municipality's id, `None` for the region) and measure.
#[derive(Debug, Default, Clone)]
pub struct Targets(HashMap<(i64, Measure), i64>);

impl Targets {
    pub fn get(&self, area: Option<i64>, measure: Measure) -> Option<i64> {
        self.0.get(&(area.unwrap_or(REGION), measure)).copied()
    }

    /// A digest of every target: a form filled in from one version is not saved over
    /// another (two coordinators at once, or a form left open).
    fn version(&self) -> String {
        let mut all: Vec<String> = self
            .0
            .iter()
            .map(|((area, m), v)| format!("{area}:{}={v}", m.code()))
            .collect();
        all.sort();
        crate::crypto::hash(&all.join(";"))
    }
}

pub async fn of_year(db: &impl ConnectionTrait, year: i32) -> Result<Targets, DbErr> {
    let rows = report_target::Entity::find()
        .filter(report_target::Column::Year.eq(year))
        .all(db)
        .await?;
    Ok(Targets(
        rows.into_iter()
            .filter_map(|r| {
                Some((
                    (r.municipality_id, Measure::from_code(&r.measure)?),
                    r.value,
                ))
            })
            .collect(),
    ))
}

/// The year asked for, or this one.
fn year_of(pairs: &[(String, String)]) -> i32 {
    pairs
        .iter()
        .find(|(k, _)| k == "year")
        .and_then(|(_, v)| v.trim().parse::<i32>().ok())
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or(today().year())
}

/// The name of a target's input: `t-{area}-{measure}`.
fn input_name(area: i64, m: Measure) -> String {
    format!("t-{area}-{}", m.code())
}

/// The form as typed: each input's text and, if it is wrong, why (with the box's name for
/// the list of mistakes); the version of the targets the form was filled in from, and
/// whether they have changed since.
#[derive(Default)]
struct Typed {
    values: HashMap<String, String>,
    errors: Vec<(String, &'static str, String)>,
    seen: String,
    changed: bool,
}

impl Typed {
    fn from_targets(t: &Targets) -> Self {
        Typed {
            values: t
                .0
                .iter()
                .map(|((area, m), v)| (input_name(*area, *m), v.to_string()))
                .collect(),
            seen: t.version(),
            ..Typed::default()
        }
    }
    fn error(&self, name: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, e, _)| *e)
    }
}

/// A target as typed: empty (none), or a whole number from 1 to `MOST`, spaces between
/// digit groups allowed ("1 200").
fn parse(typed: &str) -> Result<Option<i64>, &'static str> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (1..=MOST).contains(&n) => Ok(Some(n)),
        _ => Err("target-invalid"),
    }
}

fn areas(ctx: &Ctx, all: &[municipality::Model]) -> Vec<(i64, String)> {
    let mut out: Vec<(i64, String)> = all.iter().map(|m| (m.id, m.name.clone())).collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out.push((REGION, ctx.t("targets-region")));
    out
}

fn page(ctx: &Ctx, year: i32, all: &[municipality::Model], typed: &Typed) -> Markup {
    let none = FieldErrors::default();
    layout::page(
        ctx,
        &t_args(ctx.lang, "targets-title", &[("year", year.into())]),
        html! {
            form.filters method="get" action="/reports/targets" {
                div.filter-grid {
                    (field(ctx, "year", "report-year", &year.to_string(), &none, Input { kind: "number", ..Input::default() }))
                }
                button type="submit" { (ctx.t("targets-choose-year")) }
            }
            p { (ctx.t("targets-intro")) }
            @if typed.changed {
                div.error-summary role="alert" tabindex="-1" {
                    p { (ctx.t("targets-changed")) }
                    p { a href={ "/reports/targets?year=" (year) } { (ctx.t("targets-reload")) } }
                }
            }
            @if !typed.errors.is_empty() {
                div.error-summary role="alert" aria-labelledby="errors-title" tabindex="-1" {
                    h2 #errors-title { (ctx.t("form-has-errors")) }
                    ul { @for (name, key, label) in &typed.errors {
                        li { a href={ "#f-" (name) } { (label) ": " (ctx.t(key)) } }
                    } }
                }
            }
            form method="post" action="/reports/targets" novalidate {
                (csrf_input(ctx))
                input type="hidden" name="year" value=(year);
                input type="hidden" name="seen" value=(typed.seen);
                div.table-wrap { table.targets {
                    caption.visually-hidden { (t_args(ctx.lang, "targets-title", &[("year", year.into())])) }
                    thead { tr {
                        th scope="col" { (ctx.t("field-municipality")) }
                        @for m in Measure::ALL { th scope="col" id={ "h-" (m.code()) } { (ctx.t(m.key())) } }
                    } }
                    tbody { @for (area, name) in areas(ctx, all) {
                        tr {
                            th scope="row" id={ "h-area-" (area) } { (name) }
                            @for m in Measure::ALL {
                                @let input = input_name(area, m);
                                @let error = typed.error(&input);
                                td.has-error[error.is_some()] {
                                    @if let Some(e) = error { p.error id={ "f-" (input) "-error" } { (ctx.t(e)) } }
                                    input id={ "f-" (input) } name=(input) type="text" inputmode="numeric" size="8"
                                        value=(typed.values.get(&input).map(String::as_str).unwrap_or(""))
                                        aria-labelledby={ "h-area-" (area) " h-" (m.code()) }
                                        aria-invalid=[error.map(|_| "true")]
                                        aria-describedby=[error.map(|_| format!("f-{input}-error"))];
                                }
                            }
                        }
                    } }
                } }
                p.hint { (ctx.t("targets-hint")) }
                button type="submit" { (ctx.t("save")) }
            }
            p { a href={ "/reports?period=year&year=" (year) } { (t_args(ctx.lang, "targets-to-report", &[("year", year.into())])) } }
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    CoordinatorCtx(ctx): CoordinatorCtx,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let year = year_of(&pairs);
    let all = crate::accounts::list_municipalities(&state.db).await?;
    let targets = of_year(&state.db, year).await?;
    Ok(page(&ctx, year, &all, &Typed::from_targets(&targets)).into_response())
}

pub async fn save(
    State(state): State<AppState>,
    CoordinatorCtx(ctx): CoordinatorCtx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let year = year_of(&pairs);
    let all = crate::accounts::list_municipalities(&state.db).await?;
    let given: HashMap<&str, &str> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut typed = Typed {
        seen: given
            .get("seen")
            .copied()
            .unwrap_or("")
            .chars()
            .take(64)
            .collect(),
        ..Typed::default()
    };
    let mut wanted = Vec::new();
    for (area, area_name) in areas(&ctx, &all) {
        for m in Measure::ALL {
            let name = input_name(area, m);
            let text: String = given
                .get(name.as_str())
                .copied()
                .unwrap_or("")
                .trim()
                .chars()
                .take(100)
                .collect();
            match parse(&text) {
                Ok(v) => wanted.push((area, m, v)),
                Err(e) => {
                    typed
                        .errors
                        .push((name.clone(), e, format!("{area_name}, {}", ctx.t(m.key()))))
                }
            }
            typed.values.insert(name, text);
        }
    }
    if !typed.errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&ctx, year, &all, &typed),
        )
            .into_response());
    }
    let user = ctx.user()?.id;
    let txn = state.db.begin().await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // One save of a year's targets at a time (SQLite's write turn does this there).
        txn.execute(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(18, $1)",
            [year.into()],
        ))
        .await?;
    }
    let now = of_year(&txn, year).await?.version();
    if now != typed.seen {
        txn.rollback().await?;
        // What was typed stays; saving it again is a choice made knowing of the change.
        typed.changed = true;
        typed.seen = now;
        return Ok((StatusCode::CONFLICT, page(&ctx, year, &all, &typed)).into_response());
    }
    for (area, m, value) in wanted {
        match value {
            None => {
                report_target::Entity::delete_by_id((year, area, m.code().to_string()))
                    .exec(&txn)
                    .await?;
            }
            Some(value) => {
                let row = report_target::ActiveModel {
                    year: Set(year),
                    municipality_id: Set(area),
                    measure: Set(m.code().to_string()),
                    value: Set(value),
                    set_by: Set(Some(user.0)),
                    set_at: Set(Utc::now()),
                };
                report_target::Entity::insert(row)
                    .on_conflict(
                        OnConflict::columns([
                            report_target::Column::Year,
                            report_target::Column::MunicipalityId,
                            report_target::Column::Measure,
                        ])
                        .update_columns([
                            report_target::Column::Value,
                            report_target::Column::SetBy,
                            report_target::Column::SetAt,
                        ])
                        .to_owned(),
                    )
                    .exec(&txn)
                    .await?;
            }
        }
    }
    crate::audit::record(
        &txn,
        Some(user),
        "report_targets_set",
        None,
        Some(year.to_string()),
    )
    .await?;
    txn.commit().await?;
    Ctx::flash(&ctx.session, "targets-saved").await?;
    Ok(Redirect::to(&format!("/reports/targets?year={year}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_as_typed() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("  "), Ok(None));
        assert_eq!(parse("1 200"), Ok(Some(1200)));
        assert_eq!(parse("1\u{a0}200"), Ok(Some(1200)));
        for bad in ["0", "-5", "12,5", "abc", "1000001", "99999999999999999999"] {
            assert_eq!(parse(bad), Err("target-invalid"), "{bad}");
        }
    }
}
