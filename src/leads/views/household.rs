//! The household form, for a new lead and for editing one.

use maud::{html, Markup};

use super::super::forms::{HouseholdForm, NewLeadForm};
use super::super::queries::{Alike, LeadRecord};
use crate::domain::{full_name, se_region_options, COUNTRIES};
use crate::domain::{HousingWish, Source};
use crate::entities::campaign;
use crate::i18n;
use crate::web::components::{
    checkbox, coded_options, error_summary, field, post_form, required_select, select, textarea,
    Input,
};
use crate::web::{layout, Ctx, FieldErrors};

fn household_fields(
    ctx: &Ctx,
    f: &HouseholdForm,
    e: &FieldErrors,
    campaigns: &[campaign::Model],
    guides: Option<&[crate::reference::Staff]>,
) -> Markup {
    let countries = coded_options(
        ctx,
        Some("choose"),
        COUNTRIES
            .iter()
            .map(|c| (c.to_string(), format!("country-{c}"))),
    );
    let langs: Vec<(String, String)> = i18n::PUBLIC
        .iter()
        .map(|l| (l.code().to_string(), l.endonym().to_string()))
        .collect();
    let housing = coded_options(
        ctx,
        None,
        HousingWish::ALL
            .iter()
            .map(|h| (h.as_str().to_string(), h.key())),
    );
    let sources = coded_options(
        ctx,
        Some("choose"),
        Source::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), s.key())),
    );
    let mut camp = vec![(String::new(), ctx.t("campaign-none"))];
    camp.extend(campaigns.iter().map(|c| (c.id.to_string(), c.name.clone())));
    let lang = if f.preferred_language.is_empty() {
        "sv"
    } else {
        f.preferred_language.as_str()
    };
    let housing_sel = if f.housing_wish.is_empty() {
        "unknown"
    } else {
        f.housing_wish.as_str()
    };
    let contact_via = vec![
        ("email".to_string(), ctx.t("contact-via-email")),
        ("phone".to_string(), ctx.t("contact-via-phone")),
    ];
    let owners = guides.map(|gs| {
        let mut o = vec![(String::new(), ctx.t("owner-none"))];
        o.extend(gs.iter().map(|g| (g.id.to_string(), g.name.clone())));
        o
    });
    html! {
        fieldset {
            legend { (ctx.t("lead-section-person")) }
            (field(ctx, "first_name", "field-first-name", &f.first_name, e, Input { required: true, autocomplete: Some("off"), ..Input::default() }))
            (field(ctx, "last_name", "field-last-name", &f.last_name, e, Input { autocomplete: Some("off"), ..Input::default() }))
            (field(ctx, "email", "field-email", &f.email, e, Input { kind: "email", autocomplete: Some("off"), hint_key: Some("hint-contact"), ..Input::default() }))
            (field(ctx, "phone", "field-phone", &f.phone, e, Input { kind: "tel", autocomplete: Some("off"), ..Input::default() }))
            (select(ctx, "country", "field-country", &countries, &f.country, e))
            (select(ctx, "se_region", "field-se-region", &se_region_options(ctx.lang), &f.se_region, e))
            (field(ctx, "place", "field-place", &f.place, e, Input::default()))
            (select(ctx, "preferred_language", "field-preferred-language", &langs, lang, e))
            (field(ctx, "languages", "field-languages", &f.languages, e, Input { hint_key: Some("hint-languages"), ..Input::default() }))
            (select(ctx, "contact_via", "field-contact-via", &contact_via, &f.contact_via, e))
        }
        fieldset {
            legend { (ctx.t("lead-section-household")) }
            (field(ctx, "adults", "field-adults", &f.adults, e, Input { kind: "number", ..Input::default() }))
            (field(ctx, "children_birth_years", "field-children-birth-years", &f.children_birth_years, e, Input { hint_key: Some("hint-birth-years"), ..Input::default() }))
            (field(ctx, "occupation", "field-occupation", &f.occupation, e, Input::default()))
            (field(ctx, "partner_occupation", "field-partner-occupation", &f.partner_occupation, e, Input::default()))
        }
        fieldset {
            legend { (ctx.t("field-help-with")) }
            (checkbox(ctx, "help_job", "help-job", f.help_job.is_some()))
            (checkbox(ctx, "help_partner_job", "help-partner-job", f.help_partner_job.is_some()))
            (checkbox(ctx, "help_housing", "help-housing", f.help_housing.is_some()))
            (checkbox(ctx, "help_school", "help-school", f.help_school.is_some()))
            (checkbox(ctx, "help_business", "help-business", f.help_business.is_some()))
            (checkbox(ctx, "help_leisure", "help-leisure", f.help_leisure.is_some()))
            (checkbox(ctx, "help_other", "help-other", f.help_other.is_some()))
        }
        fieldset {
            legend { (ctx.t("lead-section-plans")) }
            (select(ctx, "housing_wish", "field-housing-wish", &housing, housing_sel, e))
            (field(ctx, "move_when", "field-move-when", &f.move_when, e, Input::default()))
            (textarea(ctx, "notes", "field-notes", &f.notes, e, 4))
        }
        fieldset {
            legend { (ctx.t("lead-section-case")) }
            (required_select(ctx, "source", "field-source", &sources, &f.source, e))
            (select(ctx, "campaign", "field-campaign", &camp, &f.campaign, e))
            @if let Some(owners) = &owners {
                (select(ctx, "owner", "field-owner", owners, &f.owner, e))
            }
        }
    }
}

/// The new-lead page; `duplicates` lists leads with the same e-mail or phone.
pub fn new(
    ctx: &Ctx,
    form: &NewLeadForm,
    e: &FieldErrors,
    campaigns: &[campaign::Model],
    duplicates: &[(LeadRecord, Vec<Alike>)],
) -> Markup {
    layout::page(
        ctx,
        &ctx.t("lead-new-title"),
        html! {
            (error_summary(ctx, e))
            @if !duplicates.is_empty() {
                div.error-summary role="alert" tabindex="-1" {
                    h2 { (ctx.t("duplicate-title")) }
                    p { (ctx.t("duplicate-text")) }
                    ul { @for (d, why) in duplicates {
                        li { a href={ "/leads/" (d.lead.id) } { bdi { (full_name(&d.prospect)) } } ": " (super::alike(ctx, why)) }
                    } }
                }
            }
            (post_form(ctx, "/leads/new", "stack", html! {
                (household_fields(ctx, &form.household, e, campaigns, None))
                (textarea(ctx, "note", "field-first-note", &form.note, e, 4))
                @if !duplicates.is_empty() {
                    (checkbox(ctx, "create_anyway", "duplicate-create-anyway", false))
                }
                button type="submit" { (ctx.t("lead-new-submit")) }
            }))
        },
    )
}

pub fn edit(
    ctx: &Ctx,
    lead_id: crate::entities::LeadId,
    form: &HouseholdForm,
    e: &FieldErrors,
    campaigns: &[campaign::Model],
    guides: &[crate::reference::Staff],
) -> Markup {
    layout::page(
        ctx,
        &ctx.t("lead-edit-title"),
        html! {
            (error_summary(ctx, e))
            (post_form(ctx, &format!("/leads/{lead_id}/edit"), "stack", html! {
                (household_fields(ctx, form, e, campaigns, Some(guides)))
                button type="submit" { (ctx.t("save")) }
            }))
            p { a href={ "/leads/" (lead_id) } { (ctx.t("back-to-lead")) } }
        },
    )
}
