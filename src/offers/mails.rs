//! The mails of jobs and homes: to the guides when an employer sends a vacancy (a link, no
//! personal data), to the employer when it is received, published or declined (in the
//! language it wrote in), and the selection to a mover (in the mover's language).

use maud::{html, DOCTYPE};

use super::occupations;
use super::store::{Item, HOME, JOB};
use crate::entities::{home, vacancy};
use crate::i18n::{t, t_args, Lang};
use crate::mail::Mail;

/// A mail of paragraphs, each optionally a link, then the signature.
fn compose(lang: Lang, to: &str, subject: String, parts: &[Part]) -> Mail {
    let mut text = String::new();
    for p in parts {
        match p {
            Part::Text(s) => text.push_str(s),
            Part::Link(url) => text.push_str(url),
            Part::Items(items) => {
                for i in items.iter() {
                    text.push_str(&format!("* {}\n  {}", i.title, i.detail));
                    if let Some(l) = &i.link {
                        text.push_str(&format!("\n  {l}"));
                    }
                    text.push('\n');
                }
            }
        }
        text.push_str("\n\n");
    }
    text.push_str(&format!("-- \n{}\n", t(lang, "mail-signature")));
    let html = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; title { (subject) } }
            body {
                @for p in parts {
                    @match p {
                        Part::Text(s) => p { (s) },
                        Part::Link(url) => p { a href=(url) { (url) } },
                        Part::Items(items) => ul { @for i in *items {
                            li {
                                strong { (i.title) } br; (i.detail)
                                @if let Some(l) = &i.link { br; a href=(l) { (l) } }
                            }
                        } },
                    }
                }
                p { "-- " br; (t(lang, "mail-signature")) }
            }
        }
    };
    Mail {
        to: to.to_string(),
        subject,
        text,
        html: html.into_string(),
    }
}

enum Part<'a> {
    Text(String),
    Link(String),
    Items(&'a [Item]),
}

/// To a guide: a vacancy waits for its approval.
pub fn waiting_for_guide(lang: Lang, to: &str, link: &str) -> Mail {
    compose(
        lang,
        to,
        t(lang, "mail-vacancy-waiting-subject"),
        &[
            Part::Text(t(lang, "mail-vacancy-waiting-body")),
            Part::Link(link.to_string()),
        ],
    )
}

/// To the employer: what happened to its vacancy (`received`, `published`, `declined`).
pub fn to_employer(lang: Lang, to: &str, v: &vacancy::Model, what: &str, place: &str) -> Mail {
    let args = [
        ("title", v.title.clone().into()),
        ("municipality", place.to_string().into()),
        ("date", v.last_day.to_string().into()),
    ];
    let mut parts = vec![Part::Text(t_args(
        lang,
        &format!("mail-vacancy-{what}-body"),
        &args,
    ))];
    if let Some(r) = v.decline_reason.as_deref().filter(|_| what == "declined") {
        parts.push(Part::Text(format!(
            "{} {r}",
            t(lang, "mail-vacancy-reason")
        )));
    }
    compose(
        lang,
        to,
        t_args(lang, &format!("mail-vacancy-{what}-subject"), &args),
        &parts,
    )
}

fn extent_key(code: &str) -> String {
    format!("mail-selection-extent-{}", code.replace('_', "-"))
}

/// A vacancy as a mover reads it, in the mover's language.
pub fn job_item(lang: Lang, v: &vacancy::Model, municipality: &str) -> Item {
    let mut detail = vec![v.employer.clone()];
    detail.push(match &v.place {
        Some(p) if p != municipality => format!("{p} ({municipality})"),
        _ => municipality.to_string(),
    });
    if let Some(o) = v.occupation.as_deref().and_then(occupations::find) {
        detail.push(o.name(lang).to_string());
    }
    detail.push(t(lang, &extent_key(&v.extent)));
    if let Some(s) = &v.starts {
        detail.push(t_args(
            lang,
            "mail-selection-starts",
            &[("when", s.clone().into())],
        ));
    }
    detail.push(t_args(
        lang,
        "mail-selection-last-day",
        &[("date", v.last_day.to_string().into())],
    ));
    Item {
        kind: JOB,
        ref_id: v.id,
        title: v.title.clone(),
        detail: detail.join(" · "),
        link: v.link.clone(),
        until: Some(v.last_day),
    }
}

/// Kronor with a thin space between thousands ("6 500").
pub fn kronor(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A home's title as a mover reads it: rooms, size, place.
pub fn home_title(lang: Lang, h: &home::Model) -> String {
    let rooms = t_args(lang, "mail-selection-rooms", &[("rooms", h.rooms.into())]);
    match h.size_m2 {
        Some(m2) => format!("{rooms}, {m2} m² · {}", h.place),
        None => format!("{rooms} · {}", h.place),
    }
}

/// A home as a mover reads it.
pub fn home_item(lang: Lang, h: &home::Model, municipality: &str) -> Item {
    let title = home_title(lang, h);
    let mut detail = vec![municipality.to_string()];
    let cost_key = if h.tenure == "buy" {
        "mail-selection-price"
    } else {
        "mail-selection-rent"
    };
    detail.push(match h.cost {
        Some(c) => t_args(lang, cost_key, &[("amount", kronor(c).into())]),
        None => t(lang, &format!("{cost_key}-unknown")),
    });
    if let Some(d) = h.available_from {
        detail.push(t_args(
            lang,
            "mail-selection-from",
            &[("date", d.to_string().into())],
        ));
    }
    detail.push(t_args(
        lang,
        "mail-selection-contact",
        &[("contact", h.contact.clone().into())],
    ));
    Item {
        kind: HOME,
        ref_id: h.id,
        title,
        detail: detail.join(" · "),
        link: h.link.clone(),
        until: None,
    }
}

/// The selection to the mover: jobs, then homes, and its self-service link.
pub fn selection(
    lang: Lang,
    to: &str,
    first_name: &str,
    from: &str,
    items: &[Item],
    self_link: &str,
) -> Mail {
    let jobs: Vec<Item> = items.iter().filter(|i| i.kind == JOB).cloned().collect();
    let homes: Vec<Item> = items.iter().filter(|i| i.kind == HOME).cloned().collect();
    let mut parts = vec![
        Part::Text(t_args(
            lang,
            "mail-greeting",
            &[("name", first_name.to_string().into())],
        )),
        Part::Text(t_args(
            lang,
            "mail-selection-intro",
            &[("from", from.to_string().into())],
        )),
    ];
    if !jobs.is_empty() {
        parts.push(Part::Text(t(lang, "mail-selection-jobs")));
        parts.push(Part::Items(&jobs));
    }
    if !homes.is_empty() {
        parts.push(Part::Text(t(lang, "mail-selection-homes")));
        parts.push(Part::Items(&homes));
    }
    parts.push(Part::Text(t(lang, "mail-selection-self")));
    parts.push(Part::Link(self_link.to_string()));
    // The parts borrow `jobs` and `homes`: composed before they go.
    compose(
        lang,
        to,
        t_args(
            lang,
            "mail-selection-subject",
            &[("from", from.to_string().into())],
        ),
        &parts,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn kronor_are_grouped_by_thousands() {
        assert_eq!(super::kronor(6500), "6\u{a0}500");
        assert_eq!(super::kronor(1_250_000), "1\u{a0}250\u{a0}000");
        assert_eq!(super::kronor(950), "950");
    }
}
