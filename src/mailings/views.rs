//! The mailing pages and the unsubscribe page.

use maud::{html, Markup};

use super::forms::{text_fields, MailingForm};
use super::segment::{Approx, Count, Segment, POOL, WISHES};
use super::store::{self, Progress, Text, LANGS};
use crate::domain::{HousingWish, Source, Status, COUNTRIES};
use crate::entities::mailing;
use crate::i18n::{t_args, Lang};
use crate::reference::Snapshot;
use crate::scope::Reach;
use crate::web::components::{
    coded_options, error_summary, field, post_form, select, textarea, Input,
};
use crate::web::format::local_time;
use crate::web::{layout, Ctx, FieldErrors};

/// What the form may offer: (slug, id, name) of the municipalities a coordinator may
/// choose, (id, name) of the campaigns.
pub struct Choices {
    pub places: Vec<(String, i64, String)>,
    pub campaigns: Vec<(i64, String)>,
}

/// A count as its reader may see it (`Approx`).
fn counted(ctx: &Ctx, reach: Reach, threshold: i64, n: i64) -> String {
    let a = Approx::of(reach, threshold, n);
    t_args(ctx.lang, a.key(), &[("count", a.number().into())])
}

fn lang_name(code: &str) -> String {
    Lang::parse(code).map_or_else(|| code.to_string(), |l| l.endonym().to_string())
}

fn status_key(status: &str) -> &'static str {
    match status {
        store::SCHEDULED => "mailing-status-scheduled",
        store::SENDING => "mailing-status-sending",
        store::SENT => "mailing-status-sent",
        store::CANCELLED => "mailing-status-cancelled",
        _ => "mailing-status-draft",
    }
}

pub fn index(ctx: &Ctx, reach: Reach, threshold: i64, list: &[mailing::Model]) -> Markup {
    let intro = match reach {
        Reach::Region => "mailings-intro-region",
        Reach::Own(_) => "mailings-intro-own",
    };
    layout::page(
        ctx,
        &ctx.t("mailings-title"),
        html! {
            p { (ctx.t(intro)) }
            p { a.button href="/mailings/new" { (ctx.t("mailing-new")) } }
            @if list.is_empty() { p { (ctx.t("mailings-none")) } } @else {
                div.table-wrap { table {
                    caption.visually-hidden { (ctx.t("mailings-title")) }
                    thead { tr {
                        th scope="col" { (ctx.t("mailing-name")) }
                        th scope="col" { (ctx.t("mailing-status")) }
                        th scope="col" { (ctx.t("mailing-recipients")) }
                        th scope="col" { (ctx.t("mailing-when")) }
                    } }
                    tbody { @for m in list { tr {
                        td { a href={ "/mailings/" (m.id) } { (m.name) } }
                        td { (ctx.t(status_key(&m.status))) }
                        td { @if m.started_at.is_some() { (counted(ctx, reach, threshold, i64::from(m.recipients))) } }
                        td { (local_time(&m.send_at.unwrap_or(m.updated_at))) }
                    } } }
                } }
            }
        },
    )
}

pub struct FormPage<'a> {
    pub id: Option<i64>,
    pub form: &'a MailingForm,
    pub errors: &'a FieldErrors,
    pub choices: &'a Choices,
}

fn options_status(ctx: &Ctx) -> Vec<(String, String)> {
    let mut o = vec![
        (String::new(), ctx.t("mailing-any")),
        ("open".into(), ctx.t("mailing-status-open")),
    ];
    o.extend(
        Status::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), ctx.t(&s.key()))),
    );
    o
}

fn checkbox_group(
    ctx: &Ctx,
    name: &'static str,
    legend: &str,
    options: &[(String, String)],
    chosen: &[String],
    e: &FieldErrors,
) -> Markup {
    let err = e.get(name);
    let err_id = err.map(|_| format!("f-{name}-error"));
    html! {
        fieldset.has-error[err.is_some()] #{ "f-" (name) } {
            legend { (ctx.t(legend)) }
            @if let (Some(k), Some(id)) = (err, &err_id) { p.error id=(id) { (ctx.t(k)) } }
            @for (value, text) in options {
                @let id = format!("f-{name}-{value}");
                div.field.checkbox {
                    input id=(id) type="checkbox" name=(name) value=(value) checked[chosen.contains(value)]
                        aria-describedby=[err_id.as_deref()];
                    label for=(id) { (text) }
                }
            }
        }
    }
}

pub fn form(ctx: &Ctx, p: &FormPage) -> Markup {
    let f = p.form;
    let e = p.errors;
    let (title, action) = match p.id {
        Some(id) => (ctx.t("mailing-edit-title"), format!("/mailings/{id}/edit")),
        None => (ctx.t("mailing-new-title"), "/mailings".to_string()),
    };
    let sources = coded_options(
        ctx,
        Some("mailing-any"),
        Source::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), s.key())),
    );
    let mut campaigns = vec![(String::new(), ctx.t("mailing-any"))];
    campaigns.extend(
        p.choices
            .campaigns
            .iter()
            .map(|(id, n)| (id.to_string(), n.clone())),
    );
    let countries = coded_options(
        ctx,
        Some("mailing-any"),
        COUNTRIES
            .iter()
            .map(|c| (c.to_string(), format!("country-{c}"))),
    );
    let mut langs = vec![(String::new(), ctx.t("mailing-any"))];
    langs.extend(LANGS.iter().map(|l| (l.to_string(), lang_name(l))));
    let housing = coded_options(
        ctx,
        Some("mailing-any"),
        HousingWish::ALL
            .iter()
            .map(|h| (h.as_str().to_string(), h.key())),
    );
    let wishes: Vec<(String, String)> = WISHES
        .iter()
        .map(|w| {
            (
                w.to_string(),
                ctx.t(&format!("help-{}", w.replace('_', "-"))),
            )
        })
        .collect();
    let mut places: Vec<(String, String)> = p
        .choices
        .places
        .iter()
        .map(|(slug, _, name)| (slug.clone(), name.clone()))
        .collect();
    if !places.is_empty() {
        places.push((POOL.to_string(), ctx.t("pool-title")));
    }
    layout::page(
        ctx,
        &title,
        html! {
            (error_summary(ctx, e))
            (post_form(ctx, &action, "stack", html! {
                (field(ctx, "name", "mailing-name", &f.name, e, Input { required: true, hint_key: Some("mailing-name-hint"), ..Input::default() }))
                fieldset {
                    legend { (ctx.t("mailing-who")) }
                    p.hint { (ctx.t("mailing-who-hint")) }
                    (select(ctx, "status", "mailing-segment-status", &options_status(ctx), &f.status, e))
                    (select(ctx, "source", "mailing-segment-source", &sources, &f.source, e))
                    (select(ctx, "campaign", "mailing-segment-campaign", &campaigns, &f.campaign, e))
                    (select(ctx, "country", "mailing-segment-country", &countries, &f.country, e))
                    (select(ctx, "language", "mailing-segment-language", &langs, &f.language, e))
                    (select(ctx, "housing", "mailing-segment-housing", &housing, &f.housing, e))
                    (checkbox_group(ctx, "wish", "mailing-segment-wishes", &wishes, &f.wishes, e))
                    @if !places.is_empty() {
                        (checkbox_group(ctx, "place", "mailing-segment-places", &places, &f.places, e))
                    }
                    (field(ctx, "quiet_days", "mailing-segment-quiet", &f.quiet_days, e, Input { kind: "number", hint_key: Some("mailing-segment-quiet-hint"), ..Input::default() }))
                }
                @for (lang, subject, body) in &f.texts {
                    @let (sf, bf) = text_fields(lang);
                    fieldset {
                        // The language's own name, in that language.
                        legend lang=(lang) { (lang_name(lang)) }
                        @if lang == "en" { p.hint { (ctx.t("mailing-text-fallback-hint")) } }
                        (field(ctx, sf, "mailing-subject", subject, e, Input::default()))
                        (textarea(ctx, bf, "mailing-body", body, e, 8))
                    }
                }
                p.hint { (ctx.t("mailing-body-hint")) }
                button type="submit" { (ctx.t("mailing-save")) }
            }))
            p { a href=(p.id.map_or("/mailings".to_string(), |id| format!("/mailings/{id}"))) { (ctx.t("cancel")) } }
        },
    )
}

/// The send form as typed.
#[derive(Clone, Debug, Default)]
pub struct SendForm {
    pub later: bool,
    pub send_at: String,
    /// Sent without the number confirmed: the confirmation is asked for.
    pub asked: bool,
}

pub struct ShowPage<'a> {
    pub mailing: &'a mailing::Model,
    pub segment: &'a Segment,
    pub texts: &'a [Text],
    /// Whom it would reach now (a draft or a scheduled mailing).
    pub count: Option<&'a Count>,
    pub progress: Progress,
    pub from: Option<&'a str>,
    pub send: &'a SendForm,
    pub errors: &'a FieldErrors,
    pub confirm_above: u32,
    pub reference: &'a Snapshot,
    pub reach: Reach,
    /// The reports' threshold: a coordinator's counts are never exact below it.
    pub threshold: i64,
}

/// The segment as a list of what was chosen.
fn segment_summary(ctx: &Ctx, s: &Segment, r: &Snapshot) -> Markup {
    let mut rows: Vec<(String, String)> = Vec::new();
    match s.status.as_str() {
        "" => {}
        "open" => rows.push((
            ctx.t("mailing-segment-status"),
            ctx.t("mailing-status-open"),
        )),
        code => rows.push((
            ctx.t("mailing-segment-status"),
            Status::parse(code)
                .map(|s| ctx.t(&s.key()))
                .unwrap_or_default(),
        )),
    }
    if let Some(x) = s.source.as_deref().and_then(Source::parse) {
        rows.push((ctx.t("mailing-segment-source"), ctx.t(&x.key())));
    }
    if let Some(c) = s.campaign {
        rows.push((
            ctx.t("mailing-segment-campaign"),
            r.campaign(c).map(|c| c.name.clone()).unwrap_or_default(),
        ));
    }
    if let Some(c) = &s.country {
        rows.push((
            ctx.t("mailing-segment-country"),
            ctx.t(&format!("country-{c}")),
        ));
    }
    if let Some(l) = &s.language {
        rows.push((ctx.t("mailing-segment-language"), lang_name(l)));
    }
    if let Some(h) = s.housing.as_deref().and_then(HousingWish::parse) {
        rows.push((ctx.t("mailing-segment-housing"), ctx.t(&h.key())));
    }
    if !s.wishes.is_empty() {
        let names: Vec<String> = s
            .wishes
            .iter()
            .map(|w| ctx.t(&format!("help-{}", w.replace('_', "-"))))
            .collect();
        rows.push((ctx.t("mailing-segment-wishes"), names.join(", ")));
    }
    if !s.places.is_empty() {
        let names: Vec<String> = s
            .places
            .iter()
            .map(|p| match p {
                Some(id) => r
                    .municipality(*id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                None => ctx.t("pool-title"),
            })
            .collect();
        rows.push((ctx.t("mailing-segment-places"), names.join(", ")));
    }
    if let Some(d) = s.quiet_days {
        rows.push((
            ctx.t("mailing-segment-quiet"),
            t_args(ctx.lang, "mailing-quiet-days", &[("days", d.into())]),
        ));
    }
    html! {
        @if rows.is_empty() { p { (ctx.t("mailing-segment-all")) } } @else {
            dl { @for (k, v) in &rows { dt { (k) } dd { (v) } } }
        }
    }
}

/// Whom the segment reaches now, per contact language and which text each gets.
fn reach_table(ctx: &Ctx, p: &ShowPage, count: &Count) -> Markup {
    let texts = p.texts;
    let n = |v: i64| counted(ctx, p.reach, p.threshold, v);
    html! {
        p.big-number { (t_args(ctx.lang, "mailing-reaches", &[("count", n(count.total).into())])) }
        @if !count.by_language.is_empty() {
            div.table-wrap { table {
                caption { (ctx.t("mailing-by-language")) }
                thead { tr {
                    th scope="col" { (ctx.t("mailing-segment-language")) }
                    th scope="col" { (ctx.t("mailing-recipients")) }
                    th scope="col" { (ctx.t("mailing-gets-text")) }
                } }
                tbody { @for (lang, count) in &count.by_language { tr {
                    th scope="row" { (lang_name(lang)) }
                    td { (n(*count)) }
                    td { @match store::text_for(texts, lang) {
                        Some(t) => (lang_name(&t.lang)),
                        None => span.badge.warning { (ctx.t("mailing-no-text")) },
                    } }
                } } }
            } }
        }
    }
}

pub fn show(ctx: &Ctx, p: &ShowPage) -> Markup {
    let m = p.mailing;
    let e = p.errors;
    let draft = m.status == store::DRAFT;
    let stoppable = m.status == store::SCHEDULED || m.status == store::SENDING;
    let base = format!("/mailings/{}", m.id);
    layout::page(
        ctx,
        &m.name,
        html! {
            p { (ctx.t("mailing-status")) ": " strong { (ctx.t(status_key(&m.status))) }
                @if let Some(at) = &m.send_at { @if m.status == store::SCHEDULED { " – " (local_time(at)) } } }
            (error_summary(ctx, e))
            section aria-labelledby="h-who" {
                h2 #h-who { (ctx.t("mailing-who")) }
                (segment_summary(ctx, p.segment, p.reference))
                @if let Some(c) = p.count { (reach_table(ctx, p, c)) }
                @if m.started_at.is_some() {
                    @let n = |v: u64| counted(ctx, p.reach, p.threshold, i64::try_from(v).unwrap_or(i64::MAX));
                    dl {
                        dt { (ctx.t("mailing-queued")) } dd { (n(p.progress.queued)) }
                        dt { (ctx.t("mailing-sent-count")) } dd { (n(p.progress.sent)) }
                        dt { (ctx.t("mailing-unsubscribed")) } dd { (n(p.progress.unsubscribed)) }
                    }
                }
            }
            section aria-labelledby="h-preview" {
                h2 #h-preview { (ctx.t("mailing-preview")) }
                @for t in p.texts {
                    @let lang = Lang::parse(&t.lang).unwrap_or(Lang::En);
                    @let mail = super::send::compose(lang, "", t, p.from, &ctx.t("mailing-preview-link"));
                    article.mail-preview lang=(t.lang) aria-label=(lang_name(&t.lang)) {
                        h3 { (lang_name(&t.lang)) ": " (t.subject) }
                        div.pre { (mail.text) }
                    }
                }
            }
            @if draft {
                div.mailing-actions {
                    a.button href={ (base) "/edit" } { (ctx.t("mailing-edit")) }
                    (post_form(ctx, &format!("{base}/test"), "inline", html! {
                        button.quiet type="submit" { (ctx.t("mailing-test")) }
                    }))
                }
                (send_form(ctx, p, &base))
            }
            @if stoppable {
                div.mailing-actions {
                    (post_form(ctx, &format!("{base}/stop"), "inline", html! {
                        button.secondary type="submit" { (ctx.t(if m.status == store::SCHEDULED { "mailing-unschedule" } else { "mailing-cancel" })) }
                    }))
                }
            }
            p { a href="/mailings" { (ctx.t("mailings-back")) } }
        },
    )
}

fn send_form(ctx: &Ctx, p: &ShowPage, base: &str) -> Markup {
    let e = p.errors;
    let total = p.count.map_or(0, |c| c.total);
    let shown = Approx::of(p.reach, p.threshold, total);
    let written = counted(ctx, p.reach, p.threshold, total);
    let when_err = e.get("send_at").or(e.get("when"));
    html! {
        section aria-labelledby="h-send" {
            h2 #h-send { (ctx.t("mailing-send-title")) }
            (post_form(ctx, &format!("{base}/send"), "stack", html! {
                fieldset #f-when {
                    legend { (ctx.t("mailing-send-when")) }
                    div.field.checkbox {
                        input #f-when-now type="radio" name="when" value="now" checked[!p.send.later];
                        label for="f-when-now" { (ctx.t("mailing-send-now")) }
                    }
                    div.field.checkbox {
                        input #f-when-later type="radio" name="when" value="later" checked[p.send.later];
                        label for="f-when-later" { (ctx.t("mailing-send-later")) }
                    }
                    (field(ctx, "send_at", "mailing-send-at", &p.send.send_at, e, Input { kind: "datetime-local", ..Input::default() }))
                }
                // Asked once the mailing is sent off, never on the first form.
                @if p.send.asked {
                    div.notice.warning role="alert" {
                        p { (t_args(ctx.lang, "mailing-confirm-text", &[("count", written.clone().into())])) }
                        div.field.checkbox {
                            input #f-confirm type="checkbox" name="confirm" value=(shown.number());
                            label for="f-confirm" { (t_args(ctx.lang, "mailing-confirm-label", &[("count", written.clone().into())])) }
                        }
                    }
                }
                @if let Some(k) = e.get("send") { p.error #f-send-error { (ctx.t(k)) } }
                @if when_err.is_none() && total > i64::from(p.confirm_above) && !p.send.asked {
                    p.hint { (t_args(ctx.lang, "mailing-confirm-ahead", &[("count", i64::from(p.confirm_above).into())])) }
                }
                button #f-send type="submit" aria-describedby=[e.get("send").map(|_| "f-send-error")] { (ctx.t("mailing-send")) }
            }))
        }
    }
}

pub fn unsubscribe(ctx: &Ctx, token: &str, done: bool) -> Markup {
    layout::page(
        ctx,
        &ctx.t("unsubscribe-title"),
        html! {
            @if done {
                div.notice role="status" { p { (ctx.t("unsubscribe-done")) } }
                p { (ctx.t("unsubscribe-done-more")) }
            } @else {
                p { (ctx.t("unsubscribe-text")) }
                form method="post" action={ "/unsubscribe/" (token) "?lang=" (ctx.lang.code()) } {
                    button type="submit" { (ctx.t("unsubscribe-submit")) }
                }
            }
        },
    )
}

pub fn unsubscribe_invalid(ctx: &Ctx) -> Markup {
    layout::page(
        ctx,
        &ctx.t("link-invalid-title"),
        html! {
            p { (ctx.t("unsubscribe-invalid")) }
            p { a href={ "/my?lang=" (ctx.lang.code()) } { (ctx.t("my-new-link")) } }
        },
    )
}
