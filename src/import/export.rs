//! The guide's lead list, as it is filtered on the page, as CSV or XLSX. The headers are the
//! importer's column names in the guide's language, and codes are written as their names,
//! so an exported file imports again as the same leads.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};

use super::mapping::Target;
use crate::domain::se_region_name;
use crate::error::AppResult;
use crate::leads::forms::ListQuery;
use crate::leads::queries::{self, LeadRecord};
use crate::state::AppState;
use crate::web::ctx::GuideCtx;
use crate::web::format::today;
use crate::web::sheet::{self, Separator};
use crate::web::Ctx;

/// The columns, in the importer's order: every target but the full name (first and last
/// name are written apart) and the timeline note (a lead has many).
fn columns() -> impl Iterator<Item = Target> {
    Target::ALL
        .into_iter()
        .filter(|t| !matches!(t, Target::Ignore | Target::Name | Target::Note))
}

/// Leads read per query while writing a file.
const BATCH: u64 = 1000;

/// A cell of the export.
enum Value {
    Text(String),
    Number(i32),
    Date(NaiveDate),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// The cells of one lead, in the order of `columns`.
fn row(ctx: &Ctx, r: &LeadRecord) -> Vec<Value> {
    let (p, l) = (&r.prospect, &r.lead);
    let text = |s: &Option<String>| Value::Text(s.clone().unwrap_or_default());
    let local = |t: &chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
    };
    let opt_num = |n: Option<i32>| n.map_or(Value::Text(String::new()), Value::Number);
    vec![
        Value::Text(p.first_name.clone()),
        Value::Text(p.last_name.clone()),
        text(&p.email),
        text(&p.phone),
        Value::Text(
            p.country
                .as_ref()
                .map(|c| ctx.t(&format!("country-{c}")))
                .unwrap_or_default(),
        ),
        Value::Text(
            p.se_region
                .as_deref()
                .and_then(se_region_name)
                .unwrap_or("")
                .to_string(),
        ),
        text(&p.place),
        Value::Number(p.adults),
        text(&p.children_birth_years),
        text(&p.occupation),
        Value::Text(ctx.t(&l.status.key())),
        Value::Text(ctx.t(&l.source.key())),
        Value::Date(local(&l.created_at)),
        text(&p.notes),
        l.moved_in_on
            .map_or(Value::Text(String::new()), Value::Date),
        opt_num(l.moved_adults),
        opt_num(l.moved_children),
        Value::Text(l.reason_code.map(|r| ctx.t(&r.key())).unwrap_or_default()),
    ]
}

/// Calls `each` with every lead of the filtered list, in batches by id.
async fn each_lead(
    state: &AppState,
    g: &GuideCtx,
    q: &ListQuery,
    mut each: impl FnMut(&LeadRecord) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    let scope = g.scope();
    let filter = crate::leads::list_filter(q);
    let words = queries::search_plan(&state.db, &scope, &filter).await?;
    let mut after = 0;
    let mut n = 0;
    loop {
        let batch =
            queries::export_batch(&state.db, &scope, &filter, today(), &words, (after, BATCH))
                .await?;
        for r in &batch {
            each(r)?;
            n += 1;
        }
        match batch.last() {
            Some(r) if batch.len() as u64 == BATCH => after = r.lead.id,
            _ => return Ok(n),
        }
    }
}

fn headers(ctx: &Ctx) -> Vec<String> {
    columns().map(|t| ctx.t(&t.key())).collect()
}

async fn audited(state: &AppState, g: &GuideCtx, n: u64, kind: &str) -> AppResult<()> {
    state
        .audit
        .record(
            Some(g.scope().user_id()),
            "leads_exported",
            None,
            Some(format!("{n} leads, {kind}")),
        )
        .await?;
    Ok(())
}

fn download(body: Vec<u8>, mime: &str, ext: &str) -> Response {
    let name = format!(
        "attachment; filename=\"lotsbok-leads-{}.{ext}\"",
        today().format("%Y-%m-%d")
    );
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response()
}

pub async fn csv(
    State(state): State<AppState>,
    g: GuideCtx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let ctx = g.0.clone();
    let mut w = sheet::writer(Separator::for_reader(ctx.lang, &q.sep));
    w.write_record(headers(&ctx)).map_err(anyhow::Error::from)?;
    let n = each_lead(&state, &g, &q, |r| {
        w.write_record(row(&ctx, r).iter().map(|v| sheet::safe(&v.text())))?;
        Ok(())
    })
    .await?;
    let body = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    audited(&state, &g, n, "csv").await?;
    Ok(download(body, "text/csv; charset=utf-8", "csv"))
}

pub async fn xlsx(
    State(state): State<AppState>,
    g: GuideCtx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let ctx = g.0.clone();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let bold = Format::new().set_bold();
    let sheet = book
        .add_worksheet_with_constant_memory()
        .map_err(anyhow::Error::from)?;
    sheet.set_name("Lotsbok").map_err(anyhow::Error::from)?;
    for (c, h) in headers(&ctx).iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(anyhow::Error::from)?;
    }
    let mut line = 0u32;
    let n = each_lead(&state, &g, &q, |r| {
        line += 1;
        for (c, v) in row(&ctx, r).into_iter().enumerate() {
            let c = c as u16;
            match v {
                Value::Text(s) if s.is_empty() => {}
                Value::Text(s) => {
                    sheet.write_string(line, c, s)?;
                }
                Value::Number(n) => {
                    sheet.write_number(line, c, f64::from(n))?;
                }
                Value::Date(d) => {
                    sheet.write_date_with_format(line, c, d, &date)?;
                }
            }
        }
        Ok(())
    })
    .await?;
    let body = book.save_to_buffer().map_err(anyhow::Error::from)?;
    audited(&state, &g, n, "xlsx").await?;
    Ok(download(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ))
}
