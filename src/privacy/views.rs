//! The readable dossier (for the mover's page and the guide's privacy page) and the
//! self-service pages.

use maud::{html, Markup};

use super::dossier::Dossier;
use crate::domain::ActivityKind;
use crate::web::components::{error_summary, field, Input};
use crate::web::format::local_time;
use crate::web::{layout, Ctx, FieldErrors};

pub fn dossier(ctx: &Ctx, d: &Dossier, with_texts: bool) -> Markup {
    let p = &d.prospect;
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".into());
    html! {
        h2 { (ctx.t("my-stored-title")) }
        dl {
            dt { (ctx.t("field-first-name")) } dd { (p.first_name) }
            dt { (ctx.t("field-last-name")) } dd { (p.last_name) }
            dt { (ctx.t("field-email")) } dd { (dash(&p.email)) }
            dt { (ctx.t("field-phone")) } dd { (dash(&p.phone)) }
            dt { (ctx.t("field-country")) } dd { (p.country.as_deref().map(|c| ctx.t(&format!("country-{c}"))).unwrap_or_else(|| "–".into())) }
            dt { (ctx.t("field-place")) } dd { (dash(&p.place)) }
            dt { (ctx.t("field-adults")) } dd { (p.adults) }
            dt { (ctx.t("field-children-birth-years")) } dd { (dash(&p.children_birth_years)) }
            dt { (ctx.t("field-occupation")) } dd { (dash(&p.occupation)) }
            dt { (ctx.t("field-partner-occupation")) } dd { (dash(&p.partner_occupation)) }
            dt { (ctx.t("field-notes")) } dd { (dash(&p.notes)) }
        }
        h2 { (ctx.t("my-municipalities-title")) }
        ul { @for l in &d.leads {
            li {
                (l.municipality.clone().unwrap_or_else(|| ctx.t("pool-title"))) ": "
                (ctx.t(&l.lead.status.key()))
                @if !l.timeline.is_empty() {
                    ul { @for a in l.timeline.iter().filter(|a| ActivityKind::parse(&a.kind).is_some()) {
                        li {
                            (local_time(&a.occurred_at)) " – " (ActivityKind::parse(&a.kind).map(|k| ctx.t(&k.key())).unwrap_or_default())
                            @if with_texts { @if let Some(b) = &a.body { ": " span.pre { (b) } } }
                        }
                    } }
                }
            }
        } }
        h2 { (ctx.t("my-consents-title")) }
        ul { @for c in &d.consents {
            li {
                (ctx.t(purpose_key(&c.purpose))) ": "
                (crate::i18n::t_args(ctx.lang, "my-consent-given", &[("date", local_time(&c.given_at).into()), ("version", c.text_version.clone().into())]))
                @if let Some(w) = &c.withdrawn_at { " " (crate::i18n::t_args(ctx.lang, "my-consent-withdrawn", &[("date", local_time(w).into())])) }
            }
        } }
    }
}

/// The name of a consent's purpose.
fn purpose_key(purpose: &str) -> &'static str {
    if purpose == crate::domain::purpose::NEWS {
        "consent-purpose-news"
    } else {
        "consent-purpose-guidance"
    }
}

pub struct MyPage<'a> {
    pub token: &'a str,
    pub dossier: &'a Dossier,
    pub contact: &'a ContactForm,
    pub errors: &'a FieldErrors,
    pub notice: Option<&'a str>,
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub place: String,
}

pub fn my_page(ctx: &Ctx, p: &MyPage) -> Markup {
    let base = format!("/my/{}", p.token);
    let q = format!("?lang={}", ctx.lang.code());
    let f = p.contact;
    let e = p.errors;
    let withdrawn = p
        .dossier
        .consents
        .iter()
        .filter(|c| c.purpose != crate::domain::purpose::NEWS)
        .all(|c| c.withdrawn_at.is_some());
    layout::page(
        ctx,
        &ctx.t("my-title"),
        html! {
            @if let Some(k) = p.notice { div.notice role="status" { p { (ctx.t(k)) } } }
            p.lead { (ctx.t("my-intro")) }
            (selections(ctx, p.dossier))
            (dossier(ctx, p.dossier, true))
            p { a href={ (base) "/data.json" } download { (ctx.t("my-download-json")) } }
            h2 #correct { (ctx.t("my-correct-title")) }
            (error_summary(ctx, e))
            form method="post" action={ (base) "/contact" (q) } class="stack" novalidate {
                (field(ctx, "first_name", "field-first-name", &f.first_name, e, Input { required: true, autocomplete: Some("given-name"), ..Input::default() }))
                (field(ctx, "last_name", "field-last-name", &f.last_name, e, Input { required: true, autocomplete: Some("family-name"), ..Input::default() }))
                (field(ctx, "email", "field-email", &f.email, e, Input { kind: "email", required: true, autocomplete: Some("email"), hint_key: None }))
                (field(ctx, "phone", "field-phone-optional", &f.phone, e, Input { kind: "tel", autocomplete: Some("tel"), ..Input::default() }))
                (field(ctx, "place", "field-place-now", &f.place, e, Input::default()))
                button type="submit" { (ctx.t("save")) }
            }
            (news_section(ctx, p, &base, &q))
            h2 { (ctx.t("my-withdraw-title")) }
            @if withdrawn { p { (ctx.t("my-withdrawn-already")) } } @else {
                p { (ctx.t("my-withdraw-text")) }
                form method="post" action={ (base) "/withdraw" (q) } {
                    button type="submit" { (ctx.t("my-withdraw-submit")) }
                }
            }
            h2 { (ctx.t("my-erase-title")) }
            p { (ctx.t("my-erase-text")) }
            p { a.button href={ (base) "/erase" (q) } { (ctx.t("my-erase-link")) } }
        },
    )
}

/// The jobs and homes the guides sent, newest first, with their links; a job past its
/// last day says so.
fn selections(ctx: &Ctx, d: &Dossier) -> Markup {
    let today = crate::web::format::today();
    let mut sent: Vec<_> = d
        .leads
        .iter()
        .flat_map(|l| {
            l.selections
                .iter()
                .map(move |s| (l.municipality.as_deref(), s))
        })
        .collect();
    sent.sort_by_key(|s| std::cmp::Reverse(s.1 .0.created_at));
    html! {
        @if !sent.is_empty() {
            section #selections aria-labelledby="h-selections" {
                h2 #h-selections { (ctx.t("my-selections-title")) }
                @for (from, (s, items)) in sent {
                    h3 { (crate::i18n::t_args(ctx.lang, "my-selection-from", &[
                        ("from", from.map_or_else(|| ctx.t("mailing-from-region"), str::to_string).into()),
                        ("date", local_time(&s.created_at).into()),
                    ])) }
                    ul.selection { @for i in items {
                        li {
                            strong { (i.title) }
                            @if i.until.is_some_and(|d| d < today) { " " span.badge { (ctx.t("my-selection-closed")) } }
                            br; (i.detail)
                            @if let Some(l) = &i.link { br; a href=(l) rel="noopener noreferrer" { (ctx.t(if i.kind == "job" { "my-selection-open-job" } else { "my-selection-open-home" })) span.visually-hidden { ": " (i.title) } } }
                        }
                    } }
                }
            }
        }
    }
}

/// News and invitations: what the mover chose, and the choice to change it.
fn news_section(ctx: &Ctx, p: &MyPage, base: &str, q: &str) -> Markup {
    use crate::domain::purpose::NEWS;
    let standing = p
        .dossier
        .consents
        .iter()
        .find(|c| c.purpose == NEWS && c.withdrawn_at.is_none());
    let e = p.errors;
    html! {
        h2 #news { (ctx.t("my-news-title")) }
        @if let Some(c) = standing {
            p { (crate::i18n::t_args(ctx.lang, "my-news-given", &[("date", local_time(&c.given_at).into())])) }
            form method="post" action={ (base) "/news" (q) } {
                input type="hidden" name="want" value="no";
                button type="submit" { (ctx.t("my-news-stop")) }
            }
        } @else {
            p { (ctx.t("my-news-text")) }
            form method="post" action={ (base) "/news" (q) } class="stack" {
                input type="hidden" name="want" value="yes";
                div.field.checkbox.has-error[e.get("news").is_some()] {
                    input #f-news type="checkbox" name="news" value="yes"
                        aria-describedby=[e.get("news").map(|_| "f-news-error")];
                    label for="f-news" { (ctx.t("field-news")) }
                }
                @if let Some(k) = e.get("news") { p.error #f-news-error { (ctx.t(k)) } }
                button type="submit" { (ctx.t("my-news-start")) }
            }
        }
    }
}

pub fn erase_confirm(ctx: &Ctx, token: &str) -> Markup {
    layout::page(
        ctx,
        &ctx.t("my-erase-title"),
        html! {
            p { (ctx.t("my-erase-confirm-text")) }
            form method="post" action={ "/my/" (token) "/erase?lang=" (ctx.lang.code()) } {
                button type="submit" { (ctx.t("my-erase-confirm")) }
            }
            p { a href={ "/my/" (token) "?lang=" (ctx.lang.code()) } { (ctx.t("my-erase-cancel")) } }
        },
    )
}

pub fn erased(ctx: &Ctx) -> Markup {
    layout::page(
        ctx,
        &ctx.t("my-erased-title"),
        html! { p { (ctx.t("my-erased-text")) } },
    )
}

/// A link that is expired, used up or wrong: what to do instead.
pub fn link_invalid(ctx: &Ctx) -> Markup {
    layout::page(
        ctx,
        &ctx.t("link-invalid-title"),
        html! {
            p { (ctx.t("my-link-invalid")) }
            p { a href={ "/my?lang=" (ctx.lang.code()) } { (ctx.t("my-new-link")) } }
        },
    )
}

pub fn ask_link(
    ctx: &Ctx,
    email: &str,
    errors: &FieldErrors,
    problem: Option<&str>,
    sent: bool,
    token: &str,
) -> Markup {
    layout::page(
        ctx,
        &ctx.t("my-new-link"),
        html! {
            @if sent { div.notice role="status" { p { (ctx.t("my-link-sent")) } } }
            p { (ctx.t("my-ask-intro")) }
            @if let Some(k) = problem { div.error-summary role="alert" { p { (ctx.t(k)) } } }
            (error_summary(ctx, errors))
            form method="post" action={ "/my?lang=" (ctx.lang.code()) } class="stack" novalidate {
                input type="hidden" name="token" value=(token);
                (field(ctx, "email", "field-email", email, errors, Input { kind: "email", required: true, autocomplete: Some("email"), hint_key: None }))
                button type="submit" { (ctx.t("my-ask-submit")) }
            }
        },
    )
}
