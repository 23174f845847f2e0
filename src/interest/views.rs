//! The public interest form and its thank-you page, in the visitor's language.

use maud::{html, Markup};

use super::forms::{InterestForm, HELP};
use crate::domain::COUNTRIES;
use crate::domain::MOVE_WHEN;
use crate::entities::municipality;
use crate::i18n;
use crate::web::components::{error_summary, field, required_select, select, textarea, Input};
use crate::web::{layout, Ctx, FieldErrors};

/// A checkbox or radio button of a group (several inputs under one name).
fn choice(kind: &str, name: &str, value: &str, text: &str, checked: bool) -> Markup {
    let id = format!("f-{name}-{value}");
    html! {
        div.field.checkbox {
            input id=(id) type=(kind) name=(name) value=(value) checked[checked];
            label for=(id) { (text) }
        }
    }
}

/// A group of choices with its legend and error; the group's id is what the summary links to.
fn group(ctx: &Ctx, name: &str, legend_key: &str, errors: &FieldErrors, body: Markup) -> Markup {
    let err = errors.get(name);
    let err_id = format!("f-{name}-error");
    html! {
        fieldset id={ "f-" (name) } .has-error[err.is_some()] aria-describedby=[err.map(|_| err_id.as_str())] {
            legend { (ctx.t(legend_key)) }
            @if let Some(k) = err { p.error id=(err_id) { (ctx.t(k)) } }
            (body)
        }
    }
}

pub struct FormPage<'a> {
    pub form: &'a InterestForm,
    pub errors: &'a FieldErrors,
    /// A message above the form (time trap, rate limit): a locale key.
    pub problem: Option<&'a str>,
    pub municipalities: &'a [municipality::Model],
    pub token: &'a str,
}

pub fn form(ctx: &Ctx, p: &FormPage) -> Markup {
    let f = p.form;
    let e = p.errors;
    let mut countries = vec![(String::new(), ctx.t("choose"))];
    countries.extend(
        COUNTRIES
            .iter()
            .map(|c| (c.to_string(), ctx.t(&format!("country-{c}")))),
    );
    let mut moves = vec![(String::new(), ctx.t("choose"))];
    moves.extend(
        MOVE_WHEN
            .iter()
            .map(|m| (m.to_string(), ctx.t(&format!("move-when-{m}")))),
    );
    let langs: Vec<(String, String)> = i18n::PUBLIC
        .iter()
        .map(|l| (l.code().to_string(), l.endonym().to_string()))
        .collect();
    let contact_lang = if f.contact_language.is_empty() {
        ctx.lang.code()
    } else {
        f.contact_language.as_str()
    };
    let action = format!("/interest?lang={}", ctx.lang.code());
    layout::page(
        ctx,
        &ctx.t("interest-title"),
        html! {
            p.lead { (ctx.t("interest-intro")) }
            @if p.municipalities.iter().any(|m| m.listings) {
                p {
                    (ctx.t("interest-listings")) " "
                    a href={ "/jobs?lang=" (ctx.lang.code()) } { (ctx.t("listing-jobs-title")) } ", "
                    a href={ "/homes?lang=" (ctx.lang.code()) } { (ctx.t("listing-homes-title")) }
                }
            }
            p { (ctx.t("interest-required-note")) }
            @if let Some(k) = p.problem {
                div.error-summary role="alert" { p { (ctx.t(k)) } }
            }
            (error_summary(ctx, e))
            form method="post" action=(action) class="stack" novalidate {
                input type="hidden" name="token" value=(p.token);
                input type="hidden" name="campaign" value=(f.campaign);
                fieldset {
                    legend { (ctx.t("interest-about-you")) }
                    (field(ctx, "first_name", "field-first-name", &f.first_name, e, Input { required: true, autocomplete: Some("given-name"), ..Input::default() }))
                    (field(ctx, "last_name", "field-last-name", &f.last_name, e, Input { required: true, autocomplete: Some("family-name"), ..Input::default() }))
                    (field(ctx, "email", "field-email", &f.email, e, Input { kind: "email", required: true, autocomplete: Some("email"), hint_key: None }))
                    (field(ctx, "phone", "field-phone-optional", &f.phone, e, Input { kind: "tel", autocomplete: Some("tel"), ..Input::default() }))
                    (required_select(ctx, "country", "field-country-now", &countries, &f.country, e))
                    (select(ctx, "se_region", "field-se-region", &crate::domain::se_region_options(ctx.lang), &f.se_region, e))
                    (field(ctx, "place", "field-place-now", &f.place, e, Input { autocomplete: Some("address-level2"), ..Input::default() }))
                }
                fieldset {
                    legend { (ctx.t("lead-section-household")) }
                    (field(ctx, "adults", "field-adults", &f.adults, e, Input { kind: "number", required: true, ..Input::default() }))
                    (field(ctx, "children", "field-children", &f.children, e, Input { kind: "number", ..Input::default() }))
                    (field(ctx, "children_ages", "field-children-ages", &f.children_ages, e, Input { hint_key: Some("hint-children-ages"), ..Input::default() }))
                    (field(ctx, "occupation", "field-occupation", &f.occupation, e, Input { autocomplete: Some("organization-title"), ..Input::default() }))
                    (field(ctx, "partner_occupation", "field-partner-occupation", &f.partner_occupation, e, Input::default()))
                }
                (group(ctx, "help", "field-help-with", e, html! {
                    @for h in HELP {
                        (choice("checkbox", "help", h, &ctx.t(&format!("help-{}", h.replace('_', "-"))), f.help.iter().any(|x| x == h)))
                    }
                }))
                (group(ctx, "housing_wish", "field-housing-wish", e, html! {
                    @for h in ["rent", "buy", "unknown"] {
                        (choice("radio", "housing_wish", h, &ctx.t(&format!("housing-{h}")), f.housing_wish == h || (f.housing_wish.is_empty() && h == "unknown")))
                    }
                }))
                (select(ctx, "move_when", "field-move-when", &moves, &f.move_when, e))
                (group(ctx, "municipalities", "field-municipalities", e, html! {
                    p.hint { (ctx.t("hint-municipalities")) }
                    @for m in p.municipalities {
                        (choice("checkbox", "m", &m.slug, &m.name, f.municipalities.contains(&m.slug)))
                    }
                    (choice("checkbox", "help_choose", "on", &ctx.t("help-me-choose"), f.help_choose))
                }))
                (group(ctx, "contact_via", "field-contact-via", e, html! {
                    (choice("radio", "contact_via", "email", &ctx.t("contact-via-email"), f.contact_via != "phone"))
                    (choice("radio", "contact_via", "phone", &ctx.t("contact-via-phone"), f.contact_via == "phone"))
                }))
                (select(ctx, "contact_language", "field-contact-language", &langs, contact_lang, e))
                (textarea(ctx, "message", "field-message", &f.message, e, 5))
                (group(ctx, "consent", "field-consent-legend", e, html! {
                    div.field.checkbox {
                        input id="f-consent-yes" type="checkbox" name="consent" value="yes" checked[f.consent] aria-required="true";
                        label for="f-consent-yes" { (ctx.t("field-consent")) }
                    }
                    p { a href={ "/privacy?lang=" (ctx.lang.code()) } { (ctx.t("consent-read-privacy")) } }
                }))
                (group(ctx, "news", "field-news-legend", e, html! {
                    div.field.checkbox {
                        input id="f-news-yes" type="checkbox" name="news" value="yes" checked[f.news];
                        label for="f-news-yes" { (ctx.t("field-news")) }
                    }
                }))
                // Left empty by people; the label says so to anyone who meets it anyway.
                div.hp {
                    label for="f-website" { (ctx.t("honeypot-label")) }
                    input id="f-website" type="text" name="website" value="" tabindex="-1" autocomplete="off";
                }
                button type="submit" { (ctx.t("interest-submit")) }
            }
        },
    )
}

pub fn thanks(ctx: &Ctx) -> Markup {
    layout::page(
        ctx,
        &ctx.t("interest-thanks-title"),
        html! {
            p { (ctx.t("interest-thanks-text")) }
            p { (ctx.t("interest-thanks-mail")) }
            p { a href={ "/privacy?lang=" (ctx.lang.code()) } { (ctx.t("privacy-title")) } }
        },
    )
}
