//! The pages of a spreadsheet of vacancies or homes: upload, mapping and check.

use maud::{html, Markup};

use super::import::{Kind, RowError, Sheet, MAX_ROWS};
use crate::i18n::t_args;
use crate::web::components::{error_summary, field, post_form, Input};
use crate::web::{layout, Ctx, FieldErrors};

/// What a check found: rows that may be imported, and the others with why.
pub struct Outcome {
    pub valid: usize,
    pub errors: Vec<RowError>,
    pub too_many: bool,
}

fn import_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Vacancies => "offers-import-vacancies",
        Kind::Homes => "offers-import-homes",
    }
}

pub fn import_upload(ctx: &Ctx, kind: Kind, error: Option<&'static str>, max_mb: usize) -> Markup {
    let action = format!("{}?csrf={}", kind.base(), ctx.csrf);
    let columns: Vec<String> = kind.fields().iter().map(|f| ctx.t(f.label)).collect();
    let mut file_errors = FieldErrors::default();
    if let Some(e) = error {
        file_errors.add("file", e);
    }
    layout::page(
        ctx,
        &ctx.t(import_title(kind)),
        html! {
            p { (ctx.t("offers-import-intro")) }
            p { (ctx.t("offers-import-columns")) " " (columns.join(", ")) "." }
            (error_summary(ctx, &file_errors))
            form method="post" action=(action) enctype="multipart/form-data" novalidate {
                (crate::web::components::csrf_input(ctx))
                div.field.has-error[error.is_some()] {
                    label for="f-file" { (ctx.t("import-file")) }
                    p.hint id="f-file-hint" { (t_args(ctx.lang, "import-file-hint", &[("mb", max_mb.into())])) }
                    @if let Some(e) = error { p.error id="f-file-error" { (ctx.t(e)) } }
                    input id="f-file" name="file" type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=(if error.is_some() { "f-file-hint f-file-error" } else { "f-file-hint" });
                }
                button type="submit" { (ctx.t("import-upload")) }
            }
        },
    )
}

pub struct ImportPage<'a> {
    pub kind: Kind,
    pub id: i64,
    pub file_name: &'a str,
    pub sheet: &'a Sheet,
    pub mapping: &'a [String],
    pub contact: &'a str,
    /// The labels of required columns no column was given to.
    pub missing: Vec<&'static str>,
    pub outcome: Option<Outcome>,
    pub error: Option<&'static str>,
}

pub fn import_page(ctx: &Ctx, p: &ImportPage) -> Markup {
    use Kind;
    let base = format!("{}/{}", p.kind.base(), p.id);
    let mut options = vec![(String::new(), ctx.t("offers-import-ignore"))];
    options.extend(
        p.kind
            .fields()
            .iter()
            .map(|f| (f.name.to_string(), ctx.t(f.label))),
    );
    let preview: Vec<_> = p.sheet.rows.iter().take(5).collect();
    layout::page(
        ctx,
        &ctx.t(import_title(p.kind)),
        html! {
            p { (ctx.t("import-file")) ": " strong { (p.file_name) } " · " (t_args(ctx.lang, "offers-import-rows", &[("count", p.sheet.rows.len().min(MAX_ROWS).into())])) }
            @if let Some(k) = p.error { div.error-summary role="alert" tabindex="-1" { p { (ctx.t(k)) } } }
            @if !p.missing.is_empty() {
                div.notice.warning role="note" {
                    p { (ctx.t("offers-import-missing")) " " (p.missing.iter().map(|k| ctx.t(k)).collect::<Vec<_>>().join(", ")) }
                }
            }
            (post_form(ctx, &format!("{base}/check"), "stack wide", html! {
                fieldset {
                    legend { h2 { (ctx.t("offers-import-mapping")) } }
                    p.hint { (ctx.t(if p.kind == Kind::Vacancies { "offers-import-defaults-vacancies" } else { "offers-import-defaults-homes" })) }
                    div.mapping-grid {
                        @for (i, cell) in p.sheet.header.cells.iter().enumerate() {
                            @let id = format!("f-col-{i}");
                            @let chosen = p.mapping.get(i).map(String::as_str).unwrap_or("");
                            div.field {
                                label for=(id) { (t_args(ctx.lang, "offers-import-column", &[("name", cell.display().into())])) }
                                select id=(id) name={ "col_" (i) } {
                                    @for (v, text) in &options {
                                        option value=(v) selected[v == chosen] { (text) }
                                    }
                                }
                            }
                        }
                    }
                    @if p.kind == Kind::Homes {
                        (field(ctx, "contact", "offers-import-contact", p.contact, &FieldErrors::default(), Input { hint_key: Some("offers-import-contact-hint"), ..Input::default() }))
                    }
                }
                h2 { (ctx.t("offers-import-preview")) }
                div.table-wrap { table {
                    caption.visually-hidden { (ctx.t("offers-import-preview")) }
                    thead { tr {
                        th scope="col" { (ctx.t("offers-import-row")) }
                        @for c in &p.sheet.header.cells { th scope="col" { (c.display()) } }
                    } }
                    tbody { @for r in &preview { tr {
                        th scope="row" { (r.line) }
                        @for c in &r.cells { td { (c.display()) } }
                    } } }
                } }
                @if let Some(o) = &p.outcome {
                    section #check aria-labelledby="h-check" {
                        h2 #h-check { (ctx.t("offers-import-check-title")) }
                        p role="status" { (t_args(ctx.lang, "offers-import-check-result", &[("valid", o.valid.into()), ("errors", o.errors.len().into())])) }
                        @if o.too_many { p.error { (ctx.t("offers-import-too-many")) } }
                        @if !o.errors.is_empty() {
                            div.table-wrap { table {
                                caption { (ctx.t("offers-import-errors")) }
                                thead { tr { th scope="col" { (ctx.t("offers-import-row")) } th scope="col" { (ctx.t("offers-import-problem")) } } }
                                tbody { @for e in o.errors.iter().take(200) { tr {
                                    th scope="row" { (e.line) }
                                    td { ul { @for (label, msg) in &e.problems { li { (ctx.t(label)) ": " (ctx.t(msg)) } } } }
                                } } }
                            } }
                            div.field.checkbox {
                                input id="f-valid_only" type="checkbox" name="valid_only" value="on";
                                label for="f-valid_only" { (t_args(ctx.lang, "import-valid-only", &[("count", o.valid.into())])) }
                            }
                        }
                    }
                }
                div.mailing-actions {
                    @if p.outcome.is_some() {
                        button type="submit" formaction={ (base) "/run" } { (ctx.t("offers-import-run")) }
                        button.quiet type="submit" { (ctx.t("offers-import-check-again")) }
                    } @else {
                        button type="submit" { (ctx.t("offers-import-check")) }
                    }
                }
            }))
            (post_form(ctx, &format!("{base}/discard"), "stack", html! {
                button.quiet type="submit" { (ctx.t("offers-import-discard")) }
            }))
        },
    )
}
