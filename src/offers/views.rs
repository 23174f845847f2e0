//! The pages of jobs and homes: the guide's lists and forms, the employer's public form,
//! and a lead's matches.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::forms::{HomeForm, VacancyForm};
use super::mails::kronor;
use super::occupations;
use super::store::{self, EXTENTS, TENURES};
use crate::entities::{home, selection, selection_item, vacancy};
use crate::i18n::t_args;
use crate::web::components::{
    error_summary, field, post_form, required_select, select, textarea, Input,
};
use crate::web::format::local_time;
use crate::web::{layout, Ctx, FieldErrors};

/// The two lists, side by side in one place.
fn tabs(ctx: &Ctx, current: &str) -> Markup {
    html! {
        nav.tabs aria-label=(ctx.t("offers-tabs")) {
            ul {
                @for (href, key) in [("/vacancies", "offers-vacancies"), ("/housing", "offers-homes")] {
                    li { a href=(href) aria-current=[(current == href).then_some("page")] { (ctx.t(key)) } }
                }
            }
        }
    }
}

pub fn vacancy_state(v: &vacancy::Model, today: NaiveDate) -> &'static str {
    match v.status.as_str() {
        store::PENDING => "vacancy-state-pending",
        store::DECLINED => "vacancy-state-declined",
        store::WITHDRAWN => "vacancy-state-withdrawn",
        _ if v.last_day < today => "vacancy-state-expired",
        _ => "vacancy-state-open",
    }
}

fn occupation_options(ctx: &Ctx) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), ctx.t("vacancy-occupation-other"))];
    let mut list: Vec<(String, String)> = occupations::ALL
        .iter()
        .map(|o| (o.code.to_string(), o.name(ctx.lang).to_string()))
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1));
    out.extend(list);
    out
}

fn occupation_name(ctx: &Ctx, code: Option<&str>) -> String {
    code.and_then(occupations::find)
        .map_or_else(|| "–".to_string(), |o| o.name(ctx.lang).to_string())
}

fn extent_options(ctx: &Ctx) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), ctx.t("choose"))];
    out.extend(EXTENTS.iter().map(|x| {
        (
            x.to_string(),
            ctx.t(&format!("vacancy-extent-{}", x.replace('_', "-"))),
        )
    }));
    out
}

/// The fields of a vacancy; `places` (slug, name) on the employer's form only.
fn vacancy_fields(
    ctx: &Ctx,
    f: &VacancyForm,
    e: &FieldErrors,
    places: Option<&[(String, String)]>,
) -> Markup {
    let public = places.is_some();
    let place_options = places.map(|ps| {
        let mut o = vec![(String::new(), ctx.t("choose"))];
        o.extend(ps.iter().cloned());
        o
    });
    html! {
        fieldset {
            legend { (ctx.t("vacancy-about-employer")) }
            (field(ctx, "employer", "vacancy-employer", &f.employer, e, Input { required: true, autocomplete: Some("organization"), ..Input::default() }))
            (field(ctx, "contact_name", "vacancy-contact-name", &f.contact_name, e, Input { required: public, autocomplete: Some("name"), ..Input::default() }))
            (field(ctx, "contact_email", "vacancy-contact-email", &f.contact_email, e, Input { kind: "email", required: public, autocomplete: Some("email"), hint_key: Some("vacancy-contact-hint") }))
            (field(ctx, "contact_phone", "vacancy-contact-phone", &f.contact_phone, e, Input { kind: "tel", autocomplete: Some("tel"), ..Input::default() }))
        }
        fieldset {
            legend { (ctx.t("vacancy-about-job")) }
            (field(ctx, "title", "vacancy-title", &f.title, e, Input { required: true, ..Input::default() }))
            (select(ctx, "occupation", "vacancy-occupation", &occupation_options(ctx), &f.occupation, e))
            @if let Some(opts) = &place_options {
                (required_select(ctx, "municipality", "field-municipality", opts, &f.municipality, e))
            }
            (field(ctx, "place", "vacancy-place", &f.place, e, Input { hint_key: Some("vacancy-place-hint"), ..Input::default() }))
            (required_select(ctx, "extent", "vacancy-extent", &extent_options(ctx), &f.extent, e))
            (field(ctx, "starts", "vacancy-starts", &f.starts, e, Input { hint_key: Some("vacancy-starts-hint"), ..Input::default() }))
            (field(ctx, "last_day", "vacancy-last-day", &f.last_day, e, Input { kind: "date", required: true, ..Input::default() }))
            (textarea(ctx, "description", "vacancy-description", &f.description, e, 8))
            p.hint { (ctx.t("offer-public-hint")) }
            (field(ctx, "link", "vacancy-link", &f.link, e, Input { kind: "url", hint_key: Some("offer-link-hint"), ..Input::default() }))
        }
    }
}

pub struct PublicForm<'a> {
    pub form: &'a VacancyForm,
    pub errors: &'a FieldErrors,
    pub problem: Option<&'a str>,
    pub places: &'a [(String, String)],
    pub token: &'a str,
}

/// The employer's form (`/jobs/new`).
pub fn public_form(ctx: &Ctx, p: &PublicForm) -> Markup {
    let f = p.form;
    layout::page(
        ctx,
        &ctx.t("vacancy-public-title"),
        html! {
            p.lead { (ctx.t("vacancy-public-intro")) }
            p { (ctx.t("interest-required-note")) }
            @if let Some(k) = p.problem {
                div.error-summary role="alert" { p { (ctx.t(k)) } }
            }
            (error_summary(ctx, p.errors))
            form method="post" action={ "/jobs/new?lang=" (ctx.lang.code()) } class="stack" novalidate {
                input type="hidden" name="token" value=(p.token);
                (vacancy_fields(ctx, f, p.errors, Some(p.places)))
                p { (ctx.t("vacancy-public-privacy")) " " a href={ "/privacy?lang=" (ctx.lang.code()) } { (ctx.t("privacy-title")) } }
                div.hp {
                    label for="f-website" { (ctx.t("honeypot-label")) }
                    input id="f-website" type="text" name="website" value="" tabindex="-1" autocomplete="off";
                }
                button type="submit" { (ctx.t("vacancy-public-submit")) }
            }
        },
    )
}

pub fn public_thanks(ctx: &Ctx) -> Markup {
    layout::page(
        ctx,
        &ctx.t("vacancy-thanks-title"),
        html! {
            p { (ctx.t("vacancy-thanks-text")) }
            p { a href={ "/jobs/new?lang=" (ctx.lang.code()) } { (ctx.t("vacancy-thanks-another")) } }
        },
    )
}

/// The municipality's public links: the employers' form, and whether (and where) its
/// offers are listed.
pub struct Listings {
    pub form: String,
    pub shown: bool,
    pub public: String,
}

fn listings_form(ctx: &Ctx, l: &Listings) -> Markup {
    html! {
        section aria-labelledby="h-listings" {
            h2 #h-listings { (ctx.t("listings-title")) }
            p { (ctx.t("listings-text")) }
            (post_form(ctx, "/vacancies/listings", "stack", html! {
                div.field.checkbox {
                    input #f-show type="checkbox" name="show" value="on" checked[l.shown];
                    label for="f-show" { (ctx.t("listings-show")) }
                }
                button type="submit" { (ctx.t("save")) }
            }))
            @if l.shown { p { a href=(l.public) { (ctx.t("listings-see")) } } }
        }
    }
}

pub fn vacancies(ctx: &Ctx, list: &[vacancy::Model], today: NaiveDate, l: &Listings) -> Markup {
    let public_link = &l.form;
    layout::page(
        ctx,
        &ctx.t("offers-title"),
        html! {
            (tabs(ctx, "/vacancies"))
            p { (ctx.t("vacancies-intro")) }
            p { (ctx.t("vacancies-public-form")) " " a href=(public_link) { (public_link) } }
            p.actions {
                a.button href="/vacancies/new" { (ctx.t("vacancy-new")) }
                a href="/vacancies/import" { (ctx.t("offers-import-vacancies")) }
            }
            @if list.is_empty() { p { (ctx.t("vacancies-none")) } } @else {
                div.table-wrap { table {
                    caption.visually-hidden { (ctx.t("offers-vacancies")) }
                    thead { tr {
                        th scope="col" { (ctx.t("vacancy-title")) }
                        th scope="col" { (ctx.t("vacancy-employer")) }
                        th scope="col" { (ctx.t("vacancy-occupation")) }
                        th scope="col" { (ctx.t("vacancy-state")) }
                        th scope="col" { (ctx.t("vacancy-last-day")) }
                    } }
                    tbody { @for v in list {
                        tr {
                            td { a href={ "/vacancies/" (v.id) } { (v.title) } }
                            td { (v.employer) }
                            td { (occupation_name(ctx, v.occupation.as_deref())) }
                            td { span class={ "badge " (vacancy_state(v, today)) } { (ctx.t(vacancy_state(v, today))) } }
                            td { (v.last_day) }
                        }
                    } }
                } }
            }
            (listings_form(ctx, l))
        },
    )
}

pub fn vacancy_new(ctx: &Ctx, f: &VacancyForm, e: &FieldErrors) -> Markup {
    layout::page(
        ctx,
        &ctx.t("vacancy-new"),
        html! {
            (error_summary(ctx, e))
            (post_form(ctx, "/vacancies/new", "stack", html! {
                (vacancy_fields(ctx, f, e, None))
                button type="submit" { (ctx.t("vacancy-publish-own")) }
            }))
        },
    )
}

pub struct VacancyPage<'a> {
    pub v: &'a vacancy::Model,
    pub form: &'a VacancyForm,
    pub errors: &'a FieldErrors,
    pub today: NaiveDate,
    pub decided_by: Option<&'a str>,
}

pub fn vacancy(ctx: &Ctx, p: &VacancyPage) -> Markup {
    let v = p.v;
    let state = vacancy_state(v, p.today);
    let base = format!("/vacancies/{}", v.id);
    layout::page(
        ctx,
        &v.title,
        html! {
            p { a href="/vacancies" { (ctx.t("vacancies-back")) } }
            dl.summary {
                dt { (ctx.t("vacancy-state")) } dd { span class={ "badge " (state) } { (ctx.t(state)) } }
                dt { (ctx.t("vacancy-employer")) } dd { (v.employer) }
                dt { (ctx.t("vacancy-contact")) } dd {
                    (v.contact_name.as_deref().unwrap_or("–"))
                    @if let Some(m) = &v.contact_email { ", " a href={ "mailto:" (m) } { (m) } }
                    @if let Some(t) = &v.contact_phone { ", " (t) }
                }
                dt { (ctx.t("vacancy-occupation")) } dd { (occupation_name(ctx, v.occupation.as_deref())) }
                dt { (ctx.t("vacancy-last-day")) } dd { (v.last_day) }
                dt { (ctx.t("vacancy-origin")) } dd { (ctx.t(&format!("vacancy-origin-{}", v.origin))) " · " (local_time(&v.created_at)) }
                @if let Some(at) = &v.decided_at {
                    dt { (ctx.t("vacancy-decided")) } dd { (local_time(at)) " · " (p.decided_by.unwrap_or("–")) }
                }
                @if let Some(r) = &v.decline_reason { dt { (ctx.t("vacancy-decline-reason")) } dd { (r) } }
            }
            @if v.status == store::PENDING {
                section.decide aria-labelledby="h-decide" {
                    h2 #h-decide { (ctx.t("vacancy-decide-title")) }
                    p { (ctx.t("vacancy-decide-intro")) }
                    (post_form(ctx, &format!("{base}/publish"), "stack", html! {
                        button type="submit" { (ctx.t("vacancy-publish")) }
                    }))
                    (post_form(ctx, &format!("{base}/decline"), "stack", html! {
                        (textarea(ctx, "reason", "vacancy-decline-reason-field", "", &FieldErrors::default(), 3))
                        div.field.checkbox {
                            input #f-silent type="checkbox" name="silent" value="on";
                            label for="f-silent" { (ctx.t("vacancy-decline-silent")) }
                        }
                        button.danger type="submit" { (ctx.t("vacancy-decline")) }
                    }))
                }
            }
            @if state == "vacancy-state-open" {
                (post_form(ctx, &format!("{base}/withdraw"), "stack", html! {
                    p { (ctx.t("vacancy-withdraw-intro")) }
                    button.quiet type="submit" { (ctx.t("vacancy-withdraw")) }
                }))
            }
            h2 { (ctx.t("vacancy-description")) }
            p.pre { (v.description) }
            @if let Some(l) = &v.link { p { a href=(l) rel="noopener noreferrer" { (l) } } }
            details.action open[!p.errors.is_empty()] {
                summary { (ctx.t("vacancy-edit")) }
                (error_summary(ctx, p.errors))
                (post_form(ctx, &base, "stack", html! {
                    (vacancy_fields(ctx, p.form, p.errors, None))
                    button type="submit" { (ctx.t("save")) }
                }))
            }
        },
    )
}

fn home_fields(ctx: &Ctx, f: &HomeForm, e: &FieldErrors) -> Markup {
    let mut tenures = vec![(String::new(), ctx.t("choose"))];
    tenures.extend(
        TENURES
            .iter()
            .map(|x| (x.to_string(), ctx.t(&format!("home-tenure-{x}")))),
    );
    html! {
        (required_select(ctx, "tenure", "home-tenure", &tenures, &f.tenure, e))
        (field(ctx, "rooms", "home-rooms", &f.rooms, e, Input { kind: "number", required: true, hint_key: Some("home-rooms-hint"), ..Input::default() }))
        (field(ctx, "size_m2", "home-size", &f.size_m2, e, Input { kind: "number", ..Input::default() }))
        (field(ctx, "cost", "home-cost", &f.cost, e, Input { hint_key: Some("home-cost-hint"), ..Input::default() }))
        (field(ctx, "place", "home-place", &f.place, e, Input { required: true, hint_key: Some("home-place-hint"), ..Input::default() }))
        (field(ctx, "available_from", "home-available-from", &f.available_from, e, Input { kind: "date", ..Input::default() }))
        (field(ctx, "contact", "home-contact", &f.contact, e, Input { required: true, hint_key: Some("home-contact-hint"), ..Input::default() }))
        (field(ctx, "link", "vacancy-link", &f.link, e, Input { kind: "url", hint_key: Some("offer-link-hint"), ..Input::default() }))
        (textarea(ctx, "description", "home-description", &f.description, e, 4))
        p.hint { (ctx.t("offer-public-hint")) }
    }
}

fn home_summary(ctx: &Ctx, h: &home::Model) -> String {
    let rooms = t_args(ctx.lang, "home-rooms-count", &[("rooms", h.rooms.into())]);
    match h.size_m2 {
        Some(m2) => format!("{rooms}, {m2} m²"),
        None => rooms,
    }
}

fn home_cost(ctx: &Ctx, h: &home::Model) -> String {
    match h.cost {
        Some(c) if h.tenure == "buy" => t_args(
            ctx.lang,
            "home-price-value",
            &[("amount", kronor(c).into())],
        ),
        Some(c) => t_args(ctx.lang, "home-rent-value", &[("amount", kronor(c).into())]),
        None => "–".into(),
    }
}

pub fn homes(ctx: &Ctx, list: &[home::Model]) -> Markup {
    layout::page(
        ctx,
        &ctx.t("offers-title"),
        html! {
            (tabs(ctx, "/housing"))
            p { (ctx.t("homes-intro")) }
            p.actions {
                a.button href="/housing/new" { (ctx.t("home-new")) }
                a href="/housing/import" { (ctx.t("offers-import-homes")) }
            }
            @if list.is_empty() { p { (ctx.t("homes-none")) } } @else {
                div.table-wrap { table {
                    caption.visually-hidden { (ctx.t("offers-homes")) }
                    thead { tr {
                        th scope="col" { (ctx.t("home-place")) }
                        th scope="col" { (ctx.t("home-tenure")) }
                        th scope="col" { (ctx.t("home-rooms")) }
                        th scope="col" { (ctx.t("home-cost")) }
                        th scope="col" { (ctx.t("home-state")) }
                    } }
                    tbody { @for h in list {
                        tr {
                            td { a href={ "/housing/" (h.id) } { (h.place) } }
                            td { (ctx.t(&format!("home-tenure-{}", h.tenure))) }
                            td { (home_summary(ctx, h)) }
                            td { (home_cost(ctx, h)) }
                            td { (ctx.t(&format!("home-state-{}", h.status))) }
                        }
                    } }
                } }
            }
        },
    )
}

pub fn home_new(ctx: &Ctx, f: &HomeForm, e: &FieldErrors) -> Markup {
    layout::page(
        ctx,
        &ctx.t("home-new"),
        html! {
            (error_summary(ctx, e))
            (post_form(ctx, "/housing/new", "stack", html! {
                (home_fields(ctx, f, e))
                button type="submit" { (ctx.t("home-save-new")) }
            }))
        },
    )
}

pub fn home(ctx: &Ctx, h: &home::Model, f: &HomeForm, e: &FieldErrors) -> Markup {
    let base = format!("/housing/{}", h.id);
    let open = h.status == store::OPEN;
    layout::page(
        ctx,
        &format!("{} · {}", home_summary(ctx, h), h.place),
        html! {
            p { a href="/housing" { (ctx.t("homes-back")) } }
            dl.summary {
                dt { (ctx.t("home-state")) } dd { (ctx.t(&format!("home-state-{}", h.status))) }
                dt { (ctx.t("home-tenure")) } dd { (ctx.t(&format!("home-tenure-{}", h.tenure))) }
                dt { (ctx.t("home-cost")) } dd { (home_cost(ctx, h)) }
                dt { (ctx.t("home-available-from")) } dd { (h.available_from.map(|d| d.to_string()).unwrap_or_else(|| "–".into())) }
                dt { (ctx.t("home-contact")) } dd { (h.contact) }
            }
            (post_form(ctx, &format!("{base}/{}", if open { "close" } else { "open" }), "stack", html! {
                button.quiet type="submit" { (ctx.t(if open { "home-close" } else { "home-reopen" })) }
            }))
            h2 { (ctx.t("home-edit")) }
            (error_summary(ctx, e))
            (post_form(ctx, &base, "stack", html! {
                (home_fields(ctx, f, e))
                button type="submit" { (ctx.t("save")) }
            }))
        },
    )
}

pub struct MatchPage<'a> {
    pub lead_id: i64,
    pub name: String,
    pub occupations: Vec<&'static str>,
    pub typed: Vec<String>,
    pub places: Vec<String>,
    pub wish: &'a str,
    pub rooms: i32,
    pub all: bool,
    pub jobs: &'a [(vacancy::Model, String)],
    pub homes: &'a [(home::Model, String)],
    /// Why nothing can be sent (a locale key): no address, consent withdrawn.
    pub blocked: Option<&'static str>,
    pub error: Option<&'static str>,
    pub sent: &'a [(selection::Model, Vec<selection_item::Model>)],
}

pub fn matches(ctx: &Ctx, p: &MatchPage) -> Markup {
    let base = format!("/leads/{}/matches", p.lead_id);
    let sent_before = |kind: &str, id: i64| {
        p.sent
            .iter()
            .any(|(_, items)| items.iter().any(|i| i.kind == kind && i.ref_id == id))
    };
    let occupation_list = if p.occupations.is_empty() {
        ctx.t("matches-no-occupation")
    } else {
        p.occupations
            .iter()
            .filter_map(|c| occupations::find(c))
            .map(|o| o.name(ctx.lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    layout::page(
        ctx,
        &t_args(
            ctx.lang,
            "matches-title",
            &[("name", p.name.clone().into())],
        ),
        html! {
            p { a href={ "/leads/" (p.lead_id) } { (ctx.t("matches-back")) } }
            dl.summary {
                dt { (ctx.t("matches-typed")) } dd { (if p.typed.is_empty() { "–".to_string() } else { p.typed.join("; ") }) }
                dt { (ctx.t("matches-read-as")) } dd { (occupation_list) }
                dt { (ctx.t("matches-places")) } dd { (p.places.join(", ")) }
                dt { (ctx.t("field-housing-wish")) } dd { (ctx.t(&format!("housing-{}", p.wish))) }
                dt { (ctx.t("matches-rooms")) } dd { (t_args(ctx.lang, "matches-rooms-value", &[("rooms", p.rooms.into())])) }
            }
            p {
                @if p.all {
                    a href=(base) { (ctx.t("matches-show-matching")) }
                } @else {
                    a href={ (base) "?all=1" } { (ctx.t("matches-show-all")) }
                }
            }
            @if let Some(k) = p.blocked { div.notice.warning role="note" { p { (ctx.t(k)) } } }
            @if let Some(k) = p.error { div.error-summary role="alert" tabindex="-1" { p { (ctx.t(k)) } } }
            (post_form(ctx, &base, "stack matches", html! {
                input type="hidden" name="sent" value=(p.sent.len());
                fieldset #f-items {
                    legend { h2 { (ctx.t("matches-jobs")) } }
                    @if p.jobs.is_empty() { p { (ctx.t("matches-no-jobs")) } }
                    @for (v, place) in p.jobs {
                        div.field.checkbox {
                            input id={ "job-" (v.id) } type="checkbox" name="job" value=(v.id);
                            label for={ "job-" (v.id) } {
                                strong { (v.title) } " – " (v.employer) ", " (place)
                                @if sent_before(store::JOB, v.id) { " " span.badge { (ctx.t("matches-sent-before")) } }
                                br; span.hint { (occupation_name(ctx, v.occupation.as_deref())) " · " (ctx.t(&format!("vacancy-extent-{}", v.extent.replace('_', "-")))) " · " span.nowrap { (t_args(ctx.lang, "matches-last-day", &[("date", v.last_day.to_string().into())])) } }
                            }
                        }
                    }
                }
                fieldset {
                    legend { h2 { (ctx.t("matches-homes")) } }
                    @if p.homes.is_empty() { p { (ctx.t("matches-no-homes")) } }
                    @for (h, place) in p.homes {
                        div.field.checkbox {
                            input id={ "home-" (h.id) } type="checkbox" name="home" value=(h.id);
                            label for={ "home-" (h.id) } {
                                strong { (home_summary(ctx, h)) } " – " (h.place) ", " (place)
                                @if sent_before(store::HOME, h.id) { " " span.badge { (ctx.t("matches-sent-before")) } }
                                br; span.hint { (ctx.t(&format!("home-tenure-{}", h.tenure))) " · " (home_cost(ctx, h)) }
                            }
                        }
                    }
                }
                @if p.blocked.is_none() && !(p.jobs.is_empty() && p.homes.is_empty()) {
                    button type="submit" { (ctx.t("matches-send")) }
                }
            }))
            @if !p.sent.is_empty() {
                h2 { (ctx.t("matches-sent")) }
                ul { @for (s, items) in p.sent {
                    li {
                        (local_time(&s.created_at)) ": "
                        // A home's title is in the mover's language: the guide reads its place.
                        (items.iter().map(|i| if i.kind == store::HOME { i.title.rsplit(" · ").next().unwrap_or(&i.title) } else { i.title.as_str() }).collect::<Vec<_>>().join("; "))
                    }
                } }
            }
        },
    )
}
