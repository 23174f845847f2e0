//! The pages of a merge by hand: finding the other lead, and what the merge keeps.

use maud::{html, Markup};

use super::super::queries::{Alike, LeadRecord, Total};
use crate::domain::full_name;
use crate::entities::prospect;
use crate::i18n::t_args;
use crate::web::components::post_form;
use crate::web::format::local_time;
use crate::web::{layout, Ctx};

/// The search for the lead to merge into `keep`.
pub fn merge_search(
    ctx: &Ctx,
    keep: &LeadRecord,
    q: &str,
    candidates: &[LeadRecord],
    total: Total,
) -> Markup {
    let id = keep.lead.id;
    let name = full_name(&keep.prospect);
    layout::page(
        ctx,
        &t_args(
            ctx.lang,
            "merge-search-title",
            &[("name", name.clone().into())],
        ),
        html! {
            p { a href={ "/leads/" (id) } { (t_args(ctx.lang, "merge-back", &[("name", name.into())])) } }
            (search_form(ctx, id, q))
            @if !q.is_empty() {
                @if candidates.is_empty() { p { (ctx.t("merge-search-none")) } }
                @else {
                    ul.due-list { @for r in candidates {
                        li {
                            span.due-what {
                                bdi { (full_name(&r.prospect)) } " · "
                                (r.prospect.email.as_deref().or(r.prospect.phone.as_deref()).unwrap_or("–")) " · "
                                (r.prospect.place.as_deref().unwrap_or("–"))
                            }
                            a.button.small href={ "/leads/" (id) "/merge/" (r.lead.id) }
                                aria-label=(t_args(ctx.lang, "merge-compare-label", &[("name", full_name(&r.prospect).into())])) { (ctx.t("merge-compare")) }
                        }
                    } }
                    @match total {
                        Total::Exact(n) if n > candidates.len() as u64 + 1 => {
                            p.more { (t_args(ctx.lang, "merge-search-more", &[("shown", candidates.len().into()), ("count", n.into())])) }
                        }
                        Total::MoreThan(n) => {
                            p.more { (t_args(ctx.lang, "merge-search-more-many", &[("shown", candidates.len().into()), ("count", n.into())])) }
                        }
                        Total::Exact(_) => {}
                    }
                }
            }
        },
    )
}

/// The search field of a merge by hand (on the lead page and the search page).
pub fn search_form(ctx: &Ctx, id: i64, q: &str) -> Markup {
    html! {
        form.stack method="get" action={ "/leads/" (id) "/merge" } role="search" {
            div.field {
                label for="f-merge-q" { (ctx.t("merge-search-label")) }
                p.hint #f-merge-q-hint { (ctx.t("leads-search-hint")) }
                input #f-merge-q type="search" name="q" value=(q) aria-describedby="f-merge-q-hint";
            }
            button type="submit" { (ctx.t("merge-search-submit")) }
        }
    }
}

/// What the preview compares, and what the merge leaves.
pub struct MergePreview<'a> {
    pub keep: &'a LeadRecord,
    pub gone: &'a LeadRecord,
    pub after: prospect::Model,
    pub why: Vec<Alike>,
    pub moving_entries: usize,
    pub moving_follow_ups: usize,
}

fn rows(ctx: &Ctx, p: &MergePreview) -> Vec<(String, [String; 3])> {
    let field = |get: fn(&prospect::Model) -> Option<String>| {
        [get(&p.keep.prospect), get(&p.gone.prospect), get(&p.after)]
            .map(|v| v.unwrap_or_else(|| "–".into()))
    };
    vec![
        (ctx.t("merge-field-name"), field(|m| Some(full_name(m)))),
        (ctx.t("field-email"), field(|m| m.email.clone())),
        (ctx.t("field-phone"), field(|m| m.phone.clone())),
        (ctx.t("lead-lives-in"), field(|m| m.place.clone())),
        (
            ctx.t("field-children-birth-years"),
            field(|m| m.children_birth_years.clone()),
        ),
        (ctx.t("field-occupation"), field(|m| m.occupation.clone())),
        (
            ctx.t("field-partner-occupation"),
            field(|m| m.partner_occupation.clone()),
        ),
        (ctx.t("field-languages"), field(|m| m.languages.clone())),
        (ctx.t("field-notes"), field(|m| m.notes.clone())),
    ]
}

pub fn merge_preview(ctx: &Ctx, p: &MergePreview) -> Markup {
    let keep = p.keep.lead.id;
    let gone_name = full_name(&p.gone.prospect);
    layout::page(
        ctx,
        &ctx.t("merge-preview-title"),
        html! {
            @if !p.why.is_empty() { p { (ctx.t("merge-preview-why")) " " (super::alike(ctx, &p.why)) "." } }
            div.table-wrap {
                table {
                    caption.visually-hidden { (ctx.t("merge-preview-title")) }
                    thead { tr {
                        th scope="col" { (ctx.t("merge-field")) }
                        th scope="col" { (ctx.t("merge-kept")) " " span.hint { "(" (ctx.t("leads-created")) " " (local_time(&p.keep.lead.created_at)) ")" } }
                        th scope="col" { (ctx.t("merge-gone")) " " span.hint { "(" (ctx.t("leads-created")) " " (local_time(&p.gone.lead.created_at)) ")" } }
                        th scope="col" { (ctx.t("merge-after")) }
                    } }
                    tbody { @for (label, [k, g, a]) in rows(ctx, p) {
                        tr {
                            th scope="row" { (label) }
                            td { bdi.pre { (k) } }
                            td { bdi.pre { (g) } }
                            td.changed[a != k] { bdi.pre { (a) } }
                        }
                    } }
                }
            }
            p { (t_args(ctx.lang, "merge-preview-moves", &[("entries", p.moving_entries.into()), ("follow_ups", p.moving_follow_ups.into())])) }
            p { (t_args(ctx.lang, "merge-preview-removed", &[("name", gone_name.clone().into()), ("id", p.gone.lead.id.into())])) }
            (post_form(ctx, &format!("/leads/{keep}/merge"), "actions", html! {
                input type="hidden" name="other" value=(p.gone.lead.id);
                button type="submit" { (ctx.t("merge-confirm")) }
                a href={ "/leads/" (keep) } { (ctx.t("cancel")) }
            }))
        },
    )
}
