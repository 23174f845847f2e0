//! The import pages: upload, preview and mapping, the check's report, progress, outcome.

use maud::{html, Markup};

use super::mapping::{Mapping, Target};
use super::reader::RawRow;
use super::store::state;
use crate::entities::{import, import_result};
use crate::i18n::t_args;
use crate::web::components::{csrf_input, error_summary, post_form};
use crate::web::format::local_time;
use crate::web::{layout, Ctx, FieldErrors};

pub type Recent = (i64, String, String, chrono::DateTime<chrono::Utc>, i64, i64);

fn state_name(ctx: &Ctx, s: &str) -> String {
    ctx.t(&format!("import-state-{s}"))
}

pub fn upload(ctx: &Ctx, recent: &[Recent], error: Option<&'static str>, max_mb: usize) -> Markup {
    let mut errors = FieldErrors::default();
    if let Some(e) = error {
        errors.add("file", e);
    }
    let action = format!("/leads/import?csrf={}", ctx.csrf);
    html! {
        (layout::page(ctx, &ctx.t("import-title"), html! {
            p.lead { (ctx.t("import-intro")) }
            p { (ctx.t("import-columns-intro")) }
            (error_summary(ctx, &errors))
            form method="post" action=(action) enctype="multipart/form-data" novalidate {
                (csrf_input(ctx))
                div.field.has-error[error.is_some()] {
                    label for="f-file" { (ctx.t("import-file")) }
                    p.hint id="f-file-hint" { (t_args(ctx.lang, "import-file-hint", &[("mb", max_mb.into())])) }
                    @if let Some(e) = error {
                        p.error id="f-file-error" { (ctx.t(e)) }
                    }
                    input id="f-file" name="file" type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=(if error.is_some() { "f-file-hint f-file-error" } else { "f-file-hint" });
                }
                button type="submit" { (ctx.t("import-upload")) }
            }
            @if !recent.is_empty() {
                section aria-labelledby="recent-title" {
                    h2 #recent-title { (ctx.t("import-recent")) }
                    div.table-wrap { table {
                        thead { tr {
                            th scope="col" { (ctx.t("import-file")) }
                            th scope="col" { (ctx.t("import-uploaded-at")) }
                            th scope="col" { (ctx.t("import-state")) }
                            th scope="col" { (ctx.t("import-new")) }
                            th scope="col" { (ctx.t("import-errors")) }
                        } }
                        tbody { @for (id, name, st, at, new, errs) in recent { tr {
                            td { a href={ "/leads/import/" (id) } { (name) } }
                            td { (local_time(at)) }
                            td { (state_name(ctx, st)) }
                            td { (new) }
                            td { (errs) }
                        } } }
                    } }
                }
            }
        }))
    }
}

/// What the import page shows beside the import itself.
pub struct Page<'a> {
    pub import: &'a import::Model,
    pub mapping: &'a Mapping,
    pub preview: &'a [RawRow],
    pub results: &'a [import_result::Model],
    pub result_count: u64,
    /// Rows done, while a run is going on in this instance.
    pub done: Option<u64>,
    pub problems: &'a [&'static str],
    pub run_error: Option<&'static str>,
}

pub fn show(ctx: &Ctx, p: &Page) -> Markup {
    let i = p.import;
    let running = super::store::is_running(i);
    let title = t_args(
        ctx.lang,
        "import-page-title",
        &[("file", i.file_name.clone().into())],
    );
    layout::page(
        ctx,
        &title,
        html! {
            p { (ctx.t("import-state")) ": " strong { (state_name(ctx, &i.state)) } }
            @if !running && (i.state == state::CHECKING || i.state == state::IMPORTING) {
            div.error-summary role="alert" { p { (ctx.t("import-interrupted")) } }
        }
        @if let Some(f) = &i.failure {
                div.error-summary role="alert" { p { (ctx.t(f)) } }
            }
            @if running {
                (progress(ctx, p))
            } @else if i.state == state::IMPORTED {
                (summary(ctx, i, true))
                p.actions {
                    a.button href="/leads?sort=created_desc" { (ctx.t("import-see-leads")) }
                    @if p.result_count > 0 { a href={ "/leads/import/" (i.id) "/report.csv" } { (ctx.t("import-report-download")) } }
                    a href="/leads/import" { (ctx.t("import-another")) }
                }
                (results(ctx, p))
            } @else {
                @if !p.preview.is_empty() { (preview(ctx, p)) }
                @if !i.content.is_empty() { (mapping_form(ctx, p)) }
                @if i.checked { (checked(ctx, p)) }
                (post_form(ctx, &format!("/leads/import/{}/discard", i.id), "inline", html! {
                    button type="submit" { (ctx.t("import-discard")) }
                }))
            }
        },
    )
}

fn progress(ctx: &Ctx, p: &Page) -> Markup {
    let i = p.import;
    let done = p.done.unwrap_or(0);
    // A check counts the rows; an import knows them from its check.
    let total = (i.state == state::IMPORTING)
        .then_some(i.total_rows)
        .filter(|t| *t > 0);
    html! {
        div #import-progress data-progress-url={ "/leads/import/" (i.id) "/progress" } {
            @if let Some(t) = total {
                label for="import-bar" { (ctx.t("import-progress")) }
                progress #import-bar max=(t) value=(done) { (done) " / " (t) }
            }
            p role="status" #import-progress-text {
                @if let Some(t) = total {
                    (t_args(ctx.lang, "import-progress-rows", &[("done", done.into()), ("total", t.into())]))
                } @else {
                    (t_args(ctx.lang, "import-progress-checked", &[("done", done.into())]))
                }
            }
        }
        p { a href={ "/leads/import/" (i.id) } { (ctx.t("import-refresh")) } }
        script src={ "/assets/js/import-progress.js?v=" (ctx.assets_version) } defer {}
    }
}

fn preview(ctx: &Ctx, p: &Page) -> Markup {
    let width = p.mapping.headers.len();
    html! {
        section aria-labelledby="preview-title" {
            h2 #preview-title { (ctx.t("import-preview")) }
            div.table-wrap tabindex="0" role="region" aria-labelledby="preview-title" { table {
                thead { tr {
                    th scope="col" { (ctx.t("import-row")) }
                    @for h in &p.mapping.headers { th scope="col" { (h) } }
                } }
                tbody { @for r in p.preview { tr {
                    td { (r.line) }
                    @for c in 0..width { td { (r.cells.get(c).map(|x| x.display()).unwrap_or_default()) } }
                } } }
            } }
        }
    }
}

fn target_options(ctx: &Ctx) -> Vec<(String, String)> {
    Target::ALL
        .iter()
        .map(|t| (t.code().to_string(), ctx.t(&t.key())))
        .collect()
}

fn value_table(
    ctx: &Ctx,
    prefix: &str,
    legend: &str,
    values: &std::collections::BTreeMap<String, String>,
    codes: Vec<(String, String)>,
) -> Markup {
    html! {
        @if !values.is_empty() {
            fieldset {
                legend { (ctx.t(legend)) }
                p.hint { (ctx.t("import-values-hint")) }
                @for (k, (value, chosen)) in values.iter().enumerate() {
                    @let id = format!("f-{prefix}_{k}");
                    div.field.has-error[chosen.is_empty()] {
                        label for=(id) { "”" (value) "”" }
                        select id=(id) name={ (prefix) "_" (k) } aria-invalid=[chosen.is_empty().then_some("true")] {
                            option value="" selected[chosen.is_empty()] { (ctx.t("import-value-choose")) }
                            @for (code, name) in &codes {
                                option value=(code) selected[code == chosen] { (name) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn mapping_form(ctx: &Ctx, p: &Page) -> Markup {
    let i = p.import;
    let m = p.mapping;
    let targets = target_options(ctx);
    let statuses = crate::domain::Status::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), ctx.t(&s.key())))
        .collect();
    let sources = crate::domain::Source::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), ctx.t(&s.key())))
        .collect();
    let unknown = m.unknown_headers();
    html! {
        section aria-labelledby="mapping-title" {
            h2 #mapping-title { (ctx.t("import-mapping")) }
            @if !p.problems.is_empty() {
                div.error-summary role="alert" tabindex="-1" {
                    h3 { (ctx.t("form-has-errors")) }
                    ul { @for k in p.problems { li { (ctx.t(k)) } } }
                }
            }
            (post_form(ctx, &format!("/leads/import/{}/check", i.id), "", html! {
                fieldset {
                    legend { (ctx.t("import-columns")) }
                    p.hint { (ctx.t("import-columns-hint")) }
                    @for (k, header) in m.headers.iter().enumerate() {
                        @let id = format!("f-col_{k}");
                        @let chosen = m.columns.get(k).copied().unwrap_or(Target::Ignore);
                        div.field {
                            label for=(id) { (t_args(ctx.lang, "import-column-label", &[("n", (k + 1).into()), ("header", header.clone().into())])) }
                            select id=(id) name={ "col_" (k) } {
                                @for (code, name) in &targets {
                                    option value=(code) selected[code == chosen.code()] { (name) }
                                }
                            }
                        }
                    }
                    @if !unknown.is_empty() {
                        p.warning { (t_args(ctx.lang, "import-unknown-columns", &[("columns", unknown.join(", ").into())])) }
                    }
                }
                (value_table(ctx, "st", "import-statuses", &m.statuses, statuses))
                (value_table(ctx, "so", "import-sources", &m.sources, sources))
                fieldset {
                    legend { (ctx.t("import-duplicates")) }
                    p.hint { (ctx.t("import-duplicates-hint")) }
                    @for (v, key) in [("merge", "import-duplicates-merge"), ("skip", "import-duplicates-skip")] {
                        div.field.checkbox {
                            input id={ "f-dup-" (v) } type="radio" name="duplicates" value=(v) checked[i.duplicates == v];
                            label for={ "f-dup-" (v) } { (ctx.t(key)) }
                        }
                    }
                }
                button type="submit" { (ctx.t("import-check")) }
            }))
        }
    }
}

fn summary(ctx: &Ctx, i: &import::Model, done: bool) -> Markup {
    let n = |k: &str, v: i64| t_args(ctx.lang, k, &[("count", v.into())]);
    html! {
        div role="status" { ul.counts {
            li { (n("import-count-rows", i.total_rows)) }
            li { (n(if done { "import-count-new-done" } else { "import-count-new" }, i.new_rows)) }
            li { (n(if done { "import-count-merged-done" } else { "import-count-merged" }, i.merged_rows)) }
            li { (n("import-count-skipped", i.skipped_rows)) }
            li { (n("import-count-errors", i.error_rows)) }
        } }
        @if i.past_retention > 0 {
            p.warning { (n("import-past-retention", i.past_retention)) }
        }
    }
}

fn checked(ctx: &Ctx, p: &Page) -> Markup {
    let i = p.import;
    let mut errors = FieldErrors::default();
    if let Some(e) = p.run_error {
        errors.add("valid_only", e);
    }
    html! {
        section aria-labelledby="check-title" {
            h2 #check-title { (ctx.t("import-check-title")) }
            (summary(ctx, i, false))
            @if p.result_count > 0 {
                p { a href={ "/leads/import/" (i.id) "/report.csv" } { (ctx.t("import-report-download")) } }
            }
            (results(ctx, p))
            (error_summary(ctx, &errors))
            (post_form(ctx, &format!("/leads/import/{}/run", i.id), "", html! {
                @if i.error_rows > 0 {
                    div.field.checkbox.has-error[p.run_error.is_some()] {
                        input id="f-valid_only" type="checkbox" name="valid_only" value="on";
                        label for="f-valid_only" { (t_args(ctx.lang, "import-valid-only", &[("count", (i.total_rows - i.error_rows).into())])) }
                    }
                    p.hint { (ctx.t("import-errors-nothing")) }
                }
                button type="submit" { (ctx.t("import-run")) }
            }))
        }
    }
}

fn results(ctx: &Ctx, p: &Page) -> Markup {
    html! {
        @if !p.results.is_empty() {
            section aria-labelledby="results-title" {
                h3 #results-title { (ctx.t("import-results")) }
                @if p.result_count > p.results.len() as u64 {
                    p { (t_args(ctx.lang, "import-results-first", &[("shown", p.results.len().into()), ("count", p.result_count.into())])) }
                }
                div.table-wrap { table {
                    thead { tr {
                        th scope="col" { (ctx.t("import-row")) }
                        th scope="col" { (ctx.t("import-outcome")) }
                        th scope="col" { (ctx.t("import-column")) }
                        th scope="col" { (ctx.t("import-value")) }
                        th scope="col" { (ctx.t("import-reason")) }
                    } }
                    tbody { @for r in p.results { tr {
                        td { (r.row_no) }
                        td {
                            (ctx.t(&format!("import-outcome-{}", r.outcome)))
                            @if let Some(l) = r.lead_id { " " a href={ "/leads/" (l) } { (t_args(ctx.lang, "import-lead-link", &[("id", l.into())])) } }
                        }
                        td { (r.column_name.as_deref().unwrap_or("–")) }
                        td { (r.value.as_deref().unwrap_or("")) }
                        td { (r.reason.as_deref().map(|k| ctx.t(k)).unwrap_or_default()) }
                    } } }
                } }
            }
        }
    }
}
