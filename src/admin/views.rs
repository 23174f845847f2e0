//! Admin pages: the user list, inviting, editing access, and the mail outbox.

use maud::{html, Markup};

use super::forms::{AccessFields, InviteForm};
use crate::entities::{municipality, outbox_mail, user};
use crate::i18n;
use crate::web::components::{checkbox, error_summary, field, post_form, select, Input};
use crate::web::format::{iso, local_time};
use crate::web::{layout, Ctx, FieldErrors};

fn municipality_name(ms: &[municipality::Model], id: Option<i64>) -> &str {
    id.and_then(|id| ms.iter().find(|m| m.id == id))
        .map(|m| m.name.as_str())
        .unwrap_or("")
}

fn role_list(ctx: &Ctx, u: &user::Model) -> String {
    let mut r = Vec::new();
    if u.is_guide {
        r.push(ctx.t("role-guide"));
    }
    if u.is_coordinator {
        r.push(ctx.t("role-coordinator"));
    }
    if u.is_admin {
        r.push(ctx.t("role-admin"));
    }
    r.join(", ")
}

pub fn users(ctx: &Ctx, list: &[user::Model], ms: &[municipality::Model]) -> Markup {
    layout::page(
        ctx,
        &ctx.t("users-title"),
        html! {
            p { a.button href="/admin/users/invite" { (ctx.t("users-invite")) } }
            div.table-wrap {
                table {
                    caption.visually-hidden { (ctx.t("users-title")) }
                    thead { tr {
                        th scope="col" { (ctx.t("field-name")) }
                        th scope="col" { (ctx.t("field-email")) }
                        th scope="col" { (ctx.t("field-roles")) }
                        th scope="col" { (ctx.t("field-municipality")) }
                        th scope="col" { (ctx.t("field-status")) }
                        th scope="col" { (ctx.t("users-last-login")) }
                    } }
                    tbody {
                        @for u in list {
                            tr {
                                td { a href={ "/admin/users/" (u.id) } { (u.name) } }
                                td { (u.email) }
                                td { (role_list(ctx, u)) }
                                td { (municipality_name(ms, u.municipality_id)) }
                                td {
                                    @if !u.active { (ctx.t("status-inactive")) }
                                    @else if u.password_hash.is_none() { (ctx.t("status-invited")) }
                                    @else { (ctx.t("status-active")) }
                                }
                                td { @if let Some(t) = &u.last_login_at { time datetime=(iso(t)) { (local_time(t)) } } }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn access_fields(
    ctx: &Ctx,
    a: &AccessFields,
    errors: &FieldErrors,
    ms: &[municipality::Model],
) -> Markup {
    let mut options = vec![(String::new(), ctx.t("municipality-none"))];
    options.extend(ms.iter().map(|m| (m.id.to_string(), m.name.clone())));
    let err = errors.get("roles");
    html! {
        fieldset #f-roles aria-describedby=[err.map(|_| "f-roles-error")] {
            legend { (ctx.t("field-roles")) }
            @if let Some(k) = err { p.error id="f-roles-error" { (ctx.t(k)) } }
            (checkbox(ctx, "guide", "role-guide-long", a.guide.is_some()))
            (checkbox(ctx, "coordinator", "role-coordinator-long", a.coordinator.is_some()))
            (checkbox(ctx, "admin", "role-admin-long", a.admin.is_some()))
        }
        (select(ctx, "municipality", "field-municipality-guide", &options, &a.municipality, errors))
    }
}

pub fn invite(
    ctx: &Ctx,
    form: &InviteForm,
    errors: &FieldErrors,
    ms: &[municipality::Model],
) -> Markup {
    let langs: Vec<(String, String)> = i18n::STAFF
        .iter()
        .map(|l| (l.code().to_string(), l.endonym().to_string()))
        .collect();
    let locale = if form.locale.is_empty() {
        ctx.lang.code()
    } else {
        form.locale.as_str()
    };
    layout::page(
        ctx,
        &ctx.t("invite-user-title"),
        html! {
            p { (ctx.t("invite-user-intro")) }
            (error_summary(ctx, errors))
            (post_form(ctx, "/admin/users/invite", "stack", html! {
                (field(ctx, "name", "field-name", &form.name, errors, Input { required: true, ..Input::default() }))
                (field(ctx, "email", "field-email", &form.email, errors, Input {
                    kind: "email", required: true, ..Input::default()
                }))
                (select(ctx, "locale", "field-language", &langs, locale, errors))
                (access_fields(ctx, &form.access, errors, ms))
                button type="submit" { (ctx.t("invite-user-submit")) }
            }))
        },
    )
}

pub fn edit(
    ctx: &Ctx,
    u: &user::Model,
    access: &AccessFields,
    active: bool,
    errors: &FieldErrors,
    ms: &[municipality::Model],
    two_factor: Markup,
) -> Markup {
    layout::page(
        ctx,
        &u.name,
        html! {
            dl {
                dt { (ctx.t("field-email")) } dd { (u.email) }
                dt { (ctx.t("users-last-login")) }
                dd { @if let Some(t) = &u.last_login_at { (local_time(t)) } @else { "–" } }
            }
            (error_summary(ctx, errors))
            (post_form(ctx, &format!("/admin/users/{}", u.id), "stack", html! {
                (access_fields(ctx, access, errors, ms))
                (checkbox(ctx, "active", "field-active", active))
                button type="submit" { (ctx.t("save")) }
            }))
            @if u.password_hash.is_none() && u.active {
                (post_form(ctx, &format!("/admin/users/{}/reinvite", u.id), "inline", html! {
                    button type="submit" { (ctx.t("users-reinvite")) }
                }))
            }
            (two_factor)
            p { a href="/admin/users" { (ctx.t("back-to-users")) } }
        },
    )
}

fn status_text(ctx: &Ctx, status: &str) -> String {
    ctx.t(&format!("outbox-status-{status}"))
}

pub fn outbox(ctx: &Ctx, mails: &[outbox_mail::Model], counts: &[(String, i64)]) -> Markup {
    layout::page(
        ctx,
        &ctx.t("outbox-title"),
        html! {
            p { (ctx.t("outbox-intro")) }
            ul.counts {
                @for (status, n) in counts { li { (status_text(ctx, status)) ": " strong { (n) } } }
            }
            @if mails.is_empty() {
                p { (ctx.t("outbox-empty")) }
            } @else {
                div.table-wrap {
                    table {
                        caption.visually-hidden { (ctx.t("outbox-title")) }
                        thead { tr {
                            th scope="col" { (ctx.t("outbox-created")) }
                            th scope="col" { (ctx.t("outbox-recipient")) }
                            th scope="col" { (ctx.t("outbox-subject")) }
                            th scope="col" { (ctx.t("field-status")) }
                            th scope="col" { (ctx.t("outbox-attempts")) }
                            th scope="col" { (ctx.t("outbox-last-error")) }
                            th scope="col" { span.visually-hidden { (ctx.t("actions")) } }
                        } }
                        tbody {
                            @for m in mails {
                                tr {
                                    td { time datetime=(iso(&m.created_at)) { (local_time(&m.created_at)) } }
                                    td { (m.recipient) }
                                    td { (m.subject) }
                                    td {
                                        (status_text(ctx, &m.status))
                                        @if m.status == crate::mail::PENDING && m.attempts > 0 {
                                            br; (ctx.t("outbox-next-attempt")) " " (local_time(&m.next_attempt_at))
                                        }
                                    }
                                    td { (m.attempts) }
                                    td { @if let Some(e) = &m.last_error { code { (e) } } }
                                    td {
                                        @if m.status != crate::mail::SENT {
                                            (post_form(ctx, &format!("/admin/outbox/{}/retry", m.id), "inline", html! {
                                                button type="submit" { (ctx.t("outbox-retry")) }
                                            }))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
