//! Form pieces shared by every feature. Each field has a visible label, keeps what was
//! typed, and shows its error beside it, tied to the input with `aria-describedby`; the
//! error summary at the top of a form is a live region with links to the fields.

use maud::{html, Markup};

use super::Ctx;

/// Field name → translation key of the message, in the order the fields appear.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(Vec<(&'static str, &'static str)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        if self.get(field).is_none() {
            self.0.push((field, key));
        }
    }
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, &'static str)> {
        self.0.iter()
    }
}

pub fn csrf_input(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="csrf" value=(ctx.csrf); }
}

/// The list of problems at the top of a form, announced by screen readers.
pub fn error_summary(ctx: &Ctx, errors: &FieldErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="errors-title" tabindex="-1" {
                h2 #errors-title { (ctx.t("form-has-errors")) }
                ul {
                    @for (field, key) in errors.iter() {
                        li { a href={ "#f-" (field) } { (ctx.t(key)) } }
                    }
                }
            }
        }
    }
}

/// Attributes of an `<input>` beyond its name and value.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub kind: &'a str,
    pub autocomplete: Option<&'a str>,
    pub required: bool,
    pub hint_key: Option<&'a str>,
}

impl Default for Input<'_> {
    fn default() -> Self {
        Input {
            kind: "text",
            autocomplete: None,
            required: false,
            hint_key: None,
        }
    }
}

/// A labelled input with its hint and error.
pub fn field(
    ctx: &Ctx,
    name: &str,
    label_key: &str,
    value: &str,
    errors: &FieldErrors,
    input: Input<'_>,
) -> Markup {
    let id = format!("f-{name}");
    let err = errors.get(name);
    let hint_id = input.hint_key.map(|_| format!("{id}-hint"));
    let err_id = err.map(|_| format!("{id}-error"));
    let described: Vec<&str> = [hint_id.as_deref(), err_id.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    html! {
        div.field.has-error[err.is_some()] {
            label for=(id) {
                (ctx.t(label_key))
                @if input.required { " " span.required aria-hidden="true" { "*" } }
            }
            @if let (Some(hid), Some(hk)) = (&hint_id, input.hint_key) {
                p.hint id=(hid) { (ctx.t(hk)) }
            }
            @if let (Some(eid), Some(ek)) = (&err_id, err) {
                p.error id=(eid) { (ctx.t(ek)) }
            }
            input id=(id) name=(name) type=(input.kind) value=(value)
                autocomplete=[input.autocomplete]
                required[input.required]
                aria-invalid=[err.map(|_| "true")]
                aria-describedby=[described];
        }
    }
}

/// A labelled checkbox.
pub fn checkbox(ctx: &Ctx, name: &str, label_key: &str, checked: bool) -> Markup {
    let id = format!("f-{name}");
    html! {
        div.field.checkbox {
            input id=(id) name=(name) type="checkbox" value="on" checked[checked];
            label for=(id) { (ctx.t(label_key)) }
        }
    }
}

/// A labelled `<select>` of (value, text) options.
pub fn select(
    ctx: &Ctx,
    name: &str,
    label_key: &str,
    options: &[(String, String)],
    selected: &str,
    errors: &FieldErrors,
) -> Markup {
    select_with(ctx, (name, label_key), options, selected, errors, false)
}

/// A `select` that must be answered: marked with `*` like a required input.
pub fn required_select(
    ctx: &Ctx,
    name: &str,
    label_key: &str,
    options: &[(String, String)],
    selected: &str,
    errors: &FieldErrors,
) -> Markup {
    select_with(ctx, (name, label_key), options, selected, errors, true)
}

fn select_with(
    ctx: &Ctx,
    (name, label_key): (&str, &str),
    options: &[(String, String)],
    selected: &str,
    errors: &FieldErrors,
    required: bool,
) -> Markup {
    let id = format!("f-{name}");
    let err = errors.get(name);
    let err_id = err.map(|_| format!("{id}-error"));
    html! {
        div.field.has-error[err.is_some()] {
            label for=(id) {
                (ctx.t(label_key))
                @if required { " " span.required aria-hidden="true" { "*" } }
            }
            @if let (Some(eid), Some(ek)) = (&err_id, err) {
                p.error id=(eid) { (ctx.t(ek)) }
            }
            select id=(id) name=(name) required[required] aria-invalid=[err.map(|_| "true")] aria-describedby=[err_id.as_deref()] {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
        }
    }
}

/// A form that changes something: POST, with the CSRF token.
pub fn post_form(ctx: &Ctx, action: &str, class: &str, body: Markup) -> Markup {
    html! {
        form method="post" action=(action) class=(class) novalidate {
            (csrf_input(ctx))
            (body)
        }
    }
}

/// A labelled `<textarea>` with its error.
pub fn textarea(
    ctx: &Ctx,
    name: &str,
    label_key: &str,
    value: &str,
    errors: &FieldErrors,
    rows: u8,
) -> Markup {
    let id = format!("f-{name}");
    let err = errors.get(name);
    let err_id = err.map(|_| format!("{id}-error"));
    html! {
        div.field.has-error[err.is_some()] {
            label for=(id) { (ctx.t(label_key)) }
            @if let (Some(eid), Some(ek)) = (&err_id, err) {
                p.error id=(eid) { (ctx.t(ek)) }
            }
            textarea id=(id) name=(name) rows=(rows) aria-invalid=[err.map(|_| "true")] aria-describedby=[err_id.as_deref()] { (value) }
        }
    }
}

/// Options for a `select` from a list of codes whose names are locale keys, after an
/// optional empty choice.
pub fn coded_options(
    ctx: &Ctx,
    empty_key: Option<&str>,
    codes: impl IntoIterator<Item = (String, String)>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(k) = empty_key {
        out.push((String::new(), ctx.t(k)));
    }
    out.extend(codes.into_iter().map(|(code, key)| (code, ctx.t(&key))));
    out
}

/// A mail address as lettre (and so the SMTP server) will accept it.
pub fn validate_email(email: &str, e: &mut FieldErrors) {
    let email = email.trim();
    if email.is_empty() {
        e.add("email", "err-email-required");
    } else if email.len() > 254 || email.parse::<lettre::Address>().is_err() {
        e.add("email", "err-email-invalid");
    }
}
