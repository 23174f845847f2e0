//! The lead page: the household, follow-ups, the forms of a guide's daily work, and the
//! timeline. A form that fails re-renders this page with its errors beside its fields.

use std::collections::HashMap;

use maud::{html, Markup};

use super::super::forms::{ActivityForm, FollowUpForm, StatusForm};
use super::super::queries::{Alike, LeadRecord};
use crate::domain::{full_name, COUNTRIES};
use crate::domain::{system_kind, ActivityKind, Direction, ReasonCode, Source, Status};
use crate::entities::{activity, follow_up};
use crate::i18n::{t, t_args, Lang};
use crate::web::components::{
    coded_options, error_summary, field, post_form, select, textarea, Input,
};
use crate::web::format::{iso, local_time};
use crate::web::{layout, Ctx, FieldErrors};

/// Everything the lead page shows, and the state of its forms.
pub struct LeadPage<'a> {
    pub record: &'a LeadRecord,
    pub own: bool,
    pub municipality: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub campaign: Option<&'a str>,
    pub others: &'a [String],
    pub timeline: &'a [(activity::Model, Option<String>)],
    pub follow_ups: &'a [follow_up::Model],
    pub duplicates: &'a [(LeadRecord, Vec<Alike>)],
    /// Municipalities (id, name) a lead can be referred to.
    pub municipalities: &'a [(i64, String)],
    /// Every municipality's name, for the timeline.
    pub municipality_names: &'a HashMap<i64, String>,
    pub today: chrono::NaiveDate,
    pub now_local: String,
    pub activity: (&'a ActivityForm, &'a FieldErrors),
    pub follow_up: (&'a FollowUpForm, &'a FieldErrors),
    pub status: (&'a StatusForm, &'a FieldErrors),
    pub referral_error: Option<&'a str>,
    /// The note was recovered after an expired session: say so above the form.
    pub recovered_note: bool,
    /// When the mover withdrew its consent (and gave none since), if it did.
    pub consent_withdrawn: Option<chrono::DateTime<chrono::Utc>>,
    /// When the mover gave the consent it holds now, if one is recorded.
    pub consent_given: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether the mover wants news and invitations (mailings).
    pub news: crate::leads::queries::News,
}

fn household(ctx: &Ctx, r: &LeadRecord) -> Markup {
    let p = &r.prospect;
    let help: Vec<String> = [
        (p.help_job, "help-job"),
        (p.help_partner_job, "help-partner-job"),
        (p.help_housing, "help-housing"),
        (p.help_school, "help-school"),
        (p.help_business, "help-business"),
        (p.help_leisure, "help-leisure"),
        (p.help_other, "help-other"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, k)| ctx.t(k))
    .collect();
    let country = p
        .country
        .as_deref()
        .filter(|c| COUNTRIES.contains(c))
        .map(|c| ctx.t(&format!("country-{c}")));
    html! {
        dl {
            dt { (ctx.t("field-email")) } dd { @if let Some(e) = &p.email { a href={ "mailto:" (e) } { (e) } } @else { "–" } }
            dt { (ctx.t("field-phone")) } dd { @if let Some(t) = &p.phone { a href={ "tel:" (t) } { (t) } } @else { "–" } }
            dt { (ctx.t("lead-lives-in")) } dd {
                (p.place.as_deref().unwrap_or("–"))
                @if let Some(r) = p.se_region.as_deref().and_then(crate::domain::se_region_name) { ", " (r) }
                @if let Some(c) = country { ", " (c) }
            }
            dt { (ctx.t("field-contact-via")) } dd { (ctx.t(if p.contact_via == "phone" { "contact-via-phone" } else { "contact-via-email" })) }
            dt { (ctx.t("field-preferred-language")) } dd { (crate::i18n::Lang::parse(&p.preferred_language).map(|l| l.endonym()).unwrap_or("")) }
            dt { (ctx.t("field-languages")) } dd { (p.languages.as_deref().unwrap_or("–")) }
            dt { (ctx.t("field-adults")) } dd { (p.adults) }
            dt { (ctx.t("field-children-birth-years")) } dd { (p.children_birth_years.as_deref().unwrap_or("–")) }
            dt { (ctx.t("field-occupation")) } dd { (p.occupation.as_deref().unwrap_or("–")) }
            dt { (ctx.t("field-partner-occupation")) } dd { (p.partner_occupation.as_deref().unwrap_or("–")) }
            dt { (ctx.t("field-help-with")) } dd { @if help.is_empty() { "–" } @else { (help.join(", ")) } }
            dt { (ctx.t("field-housing-wish")) } dd { (ctx.t(&p.housing_wish.key())) }
            dt { (ctx.t("field-move-when")) } dd { (move_when(ctx, p.move_when.as_deref())) }
        }
        @if let Some(n) = &p.notes { h3 { (ctx.t("field-notes")) } p.pre { (n) } }
    }
}

/// The interest form stores a code; a guide may have typed free text.
fn move_when(ctx: &Ctx, value: Option<&str>) -> String {
    match value {
        Some(code) if crate::domain::MOVE_WHEN.contains(&code) => {
            ctx.t(&format!("move-when-{code}"))
        }
        Some(text) => text.to_string(),
        None => "–".into(),
    }
}

fn outcome(ctx: &Ctx, r: &LeadRecord) -> Markup {
    let l = &r.lead;
    html! {
        @if let (Some(d), Some(a), Some(c)) = (l.moved_in_on, l.moved_adults, l.moved_children) {
            p.outcome { (t_args(ctx.lang, "outcome-moved-in", &[("date", d.to_string().into()), ("adults", a.into()), ("children", c.into())])) }
        }
        @if let Some(reason) = l.reason_code {
            p.outcome { (ctx.t("field-reason")) ": " (ctx.t(&reason.key())) }
        }
    }
}

fn follow_ups(ctx: &Ctx, p: &LeadPage) -> Markup {
    let id = p.record.lead.id;
    html! {
        section aria-labelledby="h-follow-ups" {
            h2 #h-follow-ups { (ctx.t("follow-ups-title")) }
            @if p.follow_ups.is_empty() { p { (ctx.t("follow-ups-none")) } }
            ul.follow-ups {
                @for f in p.follow_ups {
                    li.done[f.done_at.is_some()].overdue[f.done_at.is_none() && f.due_on < p.today] {
                        time datetime=(f.due_on) { (f.due_on) } " – " (crate::domain::follow_up_title(ctx.lang, f))
                        @if let Some(a) = &f.answer {
                            " (" (ctx.t(&format!("stay-answer-{a}"))) @if let Some(d) = f.answered_on { ", " (d) } ")"
                        } @else if f.done_at.is_some() { " (" (ctx.t("follow-up-done")) ")" }
                        @else if f.due_on < p.today { " (" strong { (ctx.t("follow-up-overdue")) } ")" }
                        @if f.done_at.is_none() && p.own {
                            @if f.kind == "task" {
                                (post_form(ctx, &format!("/leads/{id}/follow-ups/{}/done", f.id), "inline", html! {
                                    button type="submit" aria-label=(t_args(ctx.lang, "follow-up-mark-done-label", &[("title", f.title.clone().into())])) { (ctx.t("follow-up-mark-done")) }
                                }))
                            } @else if f.due_on <= p.today {
                                (stay_form(ctx, id, f, p.today))
                            } @else {
                                " " span.hint { (t_args(ctx.lang, "stay-not-yet", &[("date", f.due_on.to_string().into())])) }
                                (early_form(ctx, id, f, p.today))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn follow_up_form(ctx: &Ctx, p: &LeadPage) -> Markup {
    let id = p.record.lead.id;
    let (form, errors) = p.follow_up;
    html! {
        (error_summary(ctx, errors))
        (post_form(ctx, &format!("/leads/{id}/follow-ups"), "stack", html! {
            (field(ctx, "title", "field-follow-up-title", &form.title, errors, Input { required: true, ..Input::default() }))
            (field(ctx, "due_on", "field-due-on", &form.due_on, errors, Input { kind: "date", required: true, ..Input::default() }))
            button type="submit" { (ctx.t("follow-up-add")) }
        }))
    }
}

/// The answer to a stay check: does the household still live here, and since when not.
fn stay_form(ctx: &Ctx, lead_id: i64, f: &follow_up::Model, today: chrono::NaiveDate) -> Markup {
    let answers = vec![
        ("stayed".to_string(), ctx.t("stay-answer-stayed")),
        ("moved_away".to_string(), ctx.t("stay-answer-moved_away")),
    ];
    let none = FieldErrors::default();
    let suffix = format!("stay-{}", f.id);
    html! {
        (post_form(ctx, &format!("/leads/{lead_id}/follow-ups/{}/stay", f.id), "stay-form", html! {
            (select(ctx, &format!("answer-{suffix}"), "field-stay-answer", &answers, "stayed", &none))
            (field(ctx, &format!("answered_on-{suffix}"), "field-stay-date", &today.to_string(), &none, Input { kind: "date", ..Input::default() }))
            button type="submit" { (ctx.t("stay-submit")) }
        }))
    }
}

/// Before a stay check is due, only one answer can be known: the household has told the
/// guide that it has moved away (or will). Recorded with the day it was said.
fn early_form(ctx: &Ctx, lead_id: i64, f: &follow_up::Model, today: chrono::NaiveDate) -> Markup {
    let none = FieldErrors::default();
    let suffix = format!("stay-{}", f.id);
    html! {
        details.early {
            summary { (ctx.t("stay-early")) }
            (post_form(ctx, &format!("/leads/{lead_id}/follow-ups/{}/stay", f.id), "stay-form", html! {
                input type="hidden" name={ "answer-" (suffix) } value="moved_away";
                input type="hidden" name={ "early-" (suffix) } value="1";
                (field(ctx, &format!("answered_on-{suffix}"), "field-stay-said-on", &today.to_string(), &none, Input { kind: "date", ..Input::default() }))
                button type="submit" { (ctx.t("stay-early-submit")) }
            }))
        }
    }
}

fn log_contact(ctx: &Ctx, p: &LeadPage) -> Markup {
    let (form, errors) = p.activity;
    let kinds = coded_options(
        ctx,
        None,
        ActivityKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), k.key())),
    );
    let dirs = coded_options(
        ctx,
        Some("direction-none"),
        Direction::ALL
            .iter()
            .map(|d| (d.as_str().to_string(), d.key())),
    );
    let when = if form.occurred_at.is_empty() {
        p.now_local.as_str()
    } else {
        form.occurred_at.as_str()
    };
    let kind = if form.kind.is_empty() {
        "call"
    } else {
        form.kind.as_str()
    };
    html! {
        div #h-log {
            @if p.recovered_note { div.notice role="status" { p { (ctx.t("draft-recovered")) } } }
            (error_summary(ctx, errors))
            (post_form(ctx, &format!("/leads/{}/activities", p.record.lead.id), "stack", html! {
                (select(ctx, "kind", "field-activity-kind", &kinds, kind, errors))
                (select(ctx, "direction", "field-direction", &dirs, &form.direction, errors))
                (field(ctx, "occurred_at", "field-occurred-at", when, errors, Input { kind: "datetime-local", ..Input::default() }))
                (textarea(ctx, "body", "field-activity-body", &form.body, errors, 5))
                button type="submit" { (ctx.t("log-contact-submit")) }
            }))
        }
    }
}

fn status_form(ctx: &Ctx, p: &LeadPage) -> Markup {
    let (form, errors) = p.status;
    let statuses = coded_options(
        ctx,
        None,
        Status::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), s.key())),
    );
    let reasons = coded_options(
        ctx,
        Some("choose"),
        ReasonCode::ALL
            .iter()
            .map(|r| (r.as_str().to_string(), r.key())),
    );
    let current = if form.status.is_empty() {
        p.record.lead.status.as_str()
    } else {
        form.status.as_str()
    };
    html! {
        div #h-status {
            (error_summary(ctx, errors))
            (post_form(ctx, &format!("/leads/{}/status", p.record.lead.id), "stack", html! {
                (select(ctx, "status", "field-status", &statuses, current, errors))
                fieldset {
                    legend { (ctx.t("status-moved-in-legend")) }
                    (field(ctx, "moved_in_on", "field-moved-in-on", &form.moved_in_on, errors, Input { kind: "date", ..Input::default() }))
                    (field(ctx, "moved_adults", "field-moved-adults", &form.moved_adults, errors, Input { kind: "number", ..Input::default() }))
                    (field(ctx, "moved_children", "field-moved-children", &form.moved_children, errors, Input { kind: "number", ..Input::default() }))
                }
                (select(ctx, "reason_code", "field-reason-lost", &reasons, &form.reason_code, errors))
                button type="submit" { (ctx.t("status-submit")) }
            }))
        }
    }
}

fn referral_form(ctx: &Ctx, p: &LeadPage) -> Markup {
    let mut options = vec![(String::new(), ctx.t("choose"))];
    options.extend(
        p.municipalities
            .iter()
            .map(|(id, n)| (id.to_string(), n.clone())),
    );
    let kinds = vec![
        ("handover".to_string(), ctx.t("referral-handover")),
        ("share".to_string(), ctx.t("referral-share")),
    ];
    let mut errors = FieldErrors::default();
    if let Some(k) = p.referral_error {
        errors.add(
            "to_municipality",
            if k == "err-already-there" {
                "err-already-there"
            } else {
                "err-municipality-required"
            },
        );
    }
    html! {
        div #h-referral {
            (error_summary(ctx, &errors))
            (post_form(ctx, &format!("/leads/{}/refer", p.record.lead.id), "stack", html! {
                (select(ctx, "referral_kind", "field-referral-kind", &kinds, "handover", &errors))
                (select(ctx, "to_municipality", "field-to-municipality", &options, "", &errors))
                button type="submit" { (ctx.t("referral-submit")) }
            }))
        }
    }
}

/// Leads of the municipality that look like the same household, with why, each a step
/// from the merge preview.
fn merge_section(ctx: &Ctx, p: &LeadPage) -> Markup {
    html! {
        @if !p.duplicates.is_empty() {
            section.notice.warning.duplicates aria-labelledby="h-merge" {
                h2 #h-merge { (ctx.t("merge-title")) }
                ul { @for (d, why) in p.duplicates {
                    li {
                        a href={ "/leads/" (d.lead.id) } { bdi { (full_name(&d.prospect)) } }
                        ": " (super::alike(ctx, why)) " "
                        a.button.small href={ "/leads/" (p.record.lead.id) "/merge/" (d.lead.id) }
                            aria-label=(t_args(ctx.lang, "merge-compare-label", &[("name", full_name(&d.prospect).into())])) { (ctx.t("merge-compare")) }
                    }
                } }
            }
        }
    }
}

fn referral_text(lang: Lang, body: &str, names: &HashMap<i64, String>) -> String {
    let mut parts = body.split(':');
    let kind = parts.next().unwrap_or("");
    let _from = parts.next();
    let to = parts
        .next()
        .and_then(|t| t.parse::<i64>().ok())
        .and_then(|t| names.get(&t).map(String::as_str))
        .unwrap_or("?");
    t_args(
        lang,
        &format!("timeline-referral-{kind}"),
        &[("municipality", to.to_string().into())],
    )
}

/// What a timeline entry is called, in the reader's language: every kind has a title.
pub fn timeline_title(lang: Lang, a: &activity::Model, names: &HashMap<i64, String>) -> String {
    let body = a.body.as_deref().unwrap_or("");
    let named = |key: String| t(lang, &key);
    match a.kind.as_str() {
        system_kind::STATUS => t_args(
            lang,
            "timeline-status",
            &[(
                "status",
                Status::parse(body)
                    .map(|s| named(s.key()))
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        system_kind::REFERRAL => referral_text(lang, body, names),
        system_kind::MERGE => t_args(lang, "timeline-merge", &[("id", body.to_string().into())]),
        system_kind::IMPORTED => t_args(
            lang,
            "timeline-imported",
            &[("id", body.to_string().into())],
        ),
        system_kind::CREATED => t_args(
            lang,
            "timeline-created",
            &[(
                "source",
                Source::parse(body)
                    .map(|s| named(s.key()))
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        system_kind::CONSENT_WITHDRAWN => t(lang, "timeline-consent-withdrawn"),
        system_kind::MOVER_UPDATE => t(lang, "timeline-mover-update"),
        system_kind::MAILING => t_args(
            lang,
            "timeline-mailing",
            &[("subject", body.to_string().into())],
        ),
        system_kind::SELECTION => t_args(
            lang,
            "timeline-selection",
            &[("items", body.to_string().into())],
        ),
        system_kind::NEWS_GIVEN => t(lang, "timeline-news-given"),
        system_kind::NEWS_WITHDRAWN => t(lang, "timeline-news-withdrawn"),
        system_kind::ERASURE => {
            let why = match body {
                "mover" | "guide" | "retention" => body,
                _ => "guide",
            };
            t(lang, &format!("timeline-erasure-{why}"))
        }
        k => {
            let kind = match ActivityKind::parse(k) {
                Some(kind) => named(kind.key()),
                None => t(lang, "timeline-other"),
            };
            match a.direction {
                Some(d) => format!("{kind} ({})", named(d.key())),
                None => kind,
            }
        }
    }
}

fn timeline_entry(ctx: &Ctx, a: &activity::Model, names: &HashMap<i64, String>) -> Markup {
    let body = a.body.as_deref().unwrap_or("");
    let title = timeline_title(ctx.lang, a, names);
    let free_text = ActivityKind::parse(&a.kind).is_some();
    html! {
        strong { (title) }
        @if free_text && !body.is_empty() { p.pre { (body) } }
    }
}

fn timeline(ctx: &Ctx, p: &LeadPage) -> Markup {
    let names = p.municipality_names;
    html! {
        section aria-labelledby="h-timeline" {
            h2 #h-timeline { (ctx.t("timeline-title")) }
            ol.timeline {
                @for (a, who) in p.timeline {
                    li {
                        p.meta {
                            time datetime=(iso(&a.occurred_at)) { (local_time(&a.occurred_at)) }
                            @if let Some(w) = who { " · " bdi { (w) } }
                        }
                        (timeline_entry(ctx, a, names))
                    }
                }
            }
        }
    }
}

/// The consent the mover gave, or that it withdrew it, or that none is recorded.
fn consent_state(ctx: &Ctx, p: &LeadPage) -> Markup {
    html! {
        @if let Some(at) = p.consent_withdrawn {
            span.badge.warning { (t_args(ctx.lang, "lead-consent-state-withdrawn", &[("date", local_time(&at).into())])) }
        } @else if let Some(at) = p.consent_given {
            (t_args(ctx.lang, "lead-consent-state-given", &[("date", local_time(&at).into())]))
        } @else {
            (ctx.t("lead-consent-state-none"))
        }
    }
}

/// Whether mailings may reach the mover.
fn news_state(ctx: &Ctx, p: &LeadPage) -> Markup {
    use crate::leads::queries::News;
    html! {
        @match p.news {
            News::Given(at) => (t_args(ctx.lang, "lead-news-given", &[("date", local_time(&at).into())])),
            News::Withdrawn(at) => (t_args(ctx.lang, "lead-news-withdrawn", &[("date", local_time(&at).into())])),
            News::Never => (ctx.t("lead-news-none")),
        }
    }
}

/// The next open follow-up, soonest first.
fn next_follow_up(ctx: &Ctx, p: &LeadPage) -> Markup {
    let next = p
        .follow_ups
        .iter()
        .filter(|f| f.done_at.is_none())
        .min_by_key(|f| f.due_on);
    html! {
        @if let Some(f) = next {
            a href="#h-follow-ups" {
                time datetime=(f.due_on) { (f.due_on) } " – " (crate::domain::follow_up_title(ctx.lang, f))
            }
            @if f.due_on < p.today { " " span.badge.warning { (ctx.t("follow-up-overdue")) } }
        } @else {
            (ctx.t("lead-next-none"))
        }
    }
}

/// The latest contact a guide logged (a call, a mail, a meeting …): not a note to itself,
/// not a system entry.
fn last_contact(ctx: &Ctx, p: &LeadPage) -> Markup {
    let last = p
        .timeline
        .iter()
        .map(|(a, _)| a)
        .find(|a| ActivityKind::parse(&a.kind).is_some_and(|k| k != ActivityKind::Note));
    html! {
        @if let Some(a) = last {
            time datetime=(iso(&a.occurred_at)) { (local_time(&a.occurred_at)) }
            " · " (timeline_title(ctx.lang, a, p.municipality_names))
        } @else {
            (ctx.t("lead-last-contact-none"))
        }
    }
}

/// What a guide needs at a glance: where the lead stands and what comes next.
fn facts(ctx: &Ctx, p: &LeadPage) -> Markup {
    let r = p.record;
    let l = &r.lead;
    html! {
        dl.summary.facts {
            dt { (ctx.t("field-status")) } dd.status { (ctx.t(&l.status.key())) }
            dt { (ctx.t("lead-consent")) } dd.consent { (consent_state(ctx, p)) }
            dt { (ctx.t("lead-news")) } dd.news { (news_state(ctx, p)) }
            dt { (ctx.t("lead-next-follow-up")) } dd.next-follow-up { (next_follow_up(ctx, p)) }
            dt { (ctx.t("lead-last-contact")) } dd.last-contact { (last_contact(ctx, p)) }
            dt { (ctx.t("field-municipality")) } dd { (p.municipality.map(str::to_string).unwrap_or_else(|| ctx.t("pool-title"))) }
            dt { (ctx.t("field-owner")) } dd { (p.owner.unwrap_or("–")) }
            dt { (ctx.t("field-source")) } dd { (ctx.t(&l.source.key())) }
            dt { (ctx.t("field-campaign")) } dd { (p.campaign.unwrap_or("–")) }
            dt { (ctx.t("leads-created")) } dd { (local_time(&l.created_at)) }
        }
        (outcome(ctx, r))
        @if !p.others.is_empty() { p { (ctx.t("lead-also-interested")) " " (p.others.join(", ")) } }
        @if !p.own {
            (post_form(ctx, &format!("/leads/{}/take", l.id), "stack", html! {
                p { (ctx.t("pool-take-intro")) }
                button type="submit" { (ctx.t("pool-take")) }
            }))
        }
    }
}

/// One action of the lead page, folded away until it is wanted (or its form has errors).
fn action(summary_key: &str, id: &str, open: bool, body: Markup, ctx: &Ctx) -> Markup {
    html! {
        details.action id={ "a-" (id) } open[open] {
            summary { (ctx.t(summary_key)) }
            (body)
        }
    }
}

fn actions(ctx: &Ctx, p: &LeadPage) -> Markup {
    html! {
        section.actions-panel aria-labelledby="h-actions" {
            h2 #h-actions .visually-hidden { (ctx.t("lead-actions")) }
            (action("log-contact-title", "log", !p.activity.1.is_empty() || p.recovered_note, log_contact(ctx, p), ctx))
            (action("follow-up-add-title", "plan", !p.follow_up.1.is_empty(), follow_up_form(ctx, p), ctx))
            (action("status-form-title", "status", !p.status.1.is_empty(), status_form(ctx, p), ctx))
            (action("referral-title", "referral", p.referral_error.is_some(), referral_form(ctx, p), ctx))
            (action("merge-search-title-short", "merge", false, super::merge::search_form(ctx, p.record.lead.id, ""), ctx))
        }
    }
}

pub fn show(ctx: &Ctx, p: &LeadPage) -> Markup {
    let r = p.record;
    let l = &r.lead;
    layout::page(
        ctx,
        &full_name(&r.prospect),
        html! {
            @if let Some(at) = p.consent_withdrawn {
                div.notice.warning role="note" {
                    p { strong { (t_args(ctx.lang, "lead-consent-withdrawn", &[("date", local_time(&at).into())])) } }
                    p { (ctx.t("lead-consent-withdrawn-what")) }
                }
            }
            @if p.own { (merge_section(ctx, p)) }
            div.lead-workspace {
                div.lead-facts {
                    (facts(ctx, p))
                    (follow_ups(ctx, p))
                }
                div.lead-work {
                    @if p.own { (actions(ctx, p)) }
                    (timeline(ctx, p))
                }
                div.lead-household {
                    section aria-labelledby="h-household" {
                        h2 #h-household { (ctx.t("lead-section-household")) }
                        (household(ctx, r))
                        @if p.own {
                            p.actions {
                                a href={ "/leads/" (l.id) "/edit" } { (ctx.t("lead-edit-title")) }
                                a href={ "/leads/" (l.id) "/privacy" } { (ctx.t("privacy-lead-title")) }
                            }
                        }
                    }
                    @if p.own {
                        section aria-labelledby="h-matches" {
                            h2 #h-matches { (ctx.t("lead-matches-title")) }
                            p { (ctx.t("lead-matches-text")) }
                            p { a.button href={ "/leads/" (l.id) "/matches" } { (ctx.t("lead-matches-link")) } }
                        }
                    }
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of timeline entry has a title in every staff language: no empty title,
    /// no message key shown as text.
    #[test]
    fn every_timeline_kind_has_a_title() {
        let names = HashMap::from([(1, "Dorotea".to_string())]);
        let mut kinds: Vec<(&str, &str)> = vec![
            (system_kind::STATUS, "contacted"),
            (system_kind::REFERRAL, "share::1"),
            (system_kind::REFERRAL, "handover:2:1"),
            (system_kind::REFERRAL, "take::1"),
            (system_kind::MERGE, "12"),
            (system_kind::CREATED, "phone"),
            (system_kind::IMPORTED, "3"),
            (system_kind::CONSENT_WITHDRAWN, ""),
            (system_kind::MOVER_UPDATE, ""),
            (system_kind::MAILING, "Open house in Storuman"),
            (system_kind::NEWS_GIVEN, ""),
            (system_kind::SELECTION, "Nurse at the health centre"),
            (system_kind::NEWS_WITHDRAWN, ""),
            (system_kind::ERASURE, "mover"),
            (system_kind::ERASURE, "guide"),
            (system_kind::ERASURE, "retention"),
            ("a kind from the future", ""),
        ];
        for k in ActivityKind::ALL {
            kinds.push((k.as_str(), "text"));
        }
        let covered: Vec<&str> = kinds.iter().map(|(k, _)| *k).collect();
        for k in system_kind::ALL {
            assert!(covered.contains(&k), "{k} is walked");
        }
        for lang in crate::i18n::STAFF {
            for (kind, body) in &kinds {
                let a = activity::Model {
                    id: 1,
                    lead_id: 1,
                    user_id: None,
                    kind: kind.to_string(),
                    direction: Some(Direction::Incoming),
                    occurred_at: chrono::Utc::now(),
                    body: Some(body.to_string()),
                    created_at: chrono::Utc::now(),
                };
                let title = timeline_title(*lang, &a, &names);
                assert!(!title.trim().is_empty(), "{kind} in {lang:?}");
                assert!(
                    !title.contains("timeline-") && !title.contains("activity-"),
                    "{kind} in {lang:?}: {title}"
                );
            }
        }
    }
}
