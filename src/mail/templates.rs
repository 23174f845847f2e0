//! The mails Lotsbok sends, each as subject + plain text + HTML, in the recipient's language.

use maud::{html, DOCTYPE};

use super::Mail;
use crate::entities::LeadId;
use crate::i18n::{t, t_args, Lang};

fn with_link(lang: Lang, to: &str, subject: String, paragraphs: Vec<String>, link: &str) -> Mail {
    let mut text = paragraphs.join("\n\n");
    text.push_str(&format!(
        "\n\n{link}\n\n-- \n{}\n",
        t(lang, "mail-signature")
    ));
    let html = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; title { (subject) } }
            body {
                @for p in &paragraphs { p { (p) } }
                p { a href=(link) { (link) } }
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

pub fn invite(lang: Lang, to: &str, name: &str, link: &str, hours: u32) -> Mail {
    with_link(
        lang,
        to,
        t(lang, "mail-invite-subject"),
        vec![
            t_args(lang, "mail-greeting", &[("name", name.to_string().into())]),
            t(lang, "mail-invite-body"),
            t_args(lang, "mail-link-valid-hours", &[("hours", hours.into())]),
        ],
        link,
    )
}

pub fn reset(lang: Lang, to: &str, name: &str, link: &str, minutes: u32) -> Mail {
    with_link(
        lang,
        to,
        t(lang, "mail-reset-subject"),
        vec![
            t_args(lang, "mail-greeting", &[("name", name.to_string().into())]),
            t(lang, "mail-reset-body"),
            t_args(
                lang,
                "mail-link-valid-minutes",
                &[("minutes", minutes.into())],
            ),
            t(lang, "mail-reset-ignore"),
        ],
        link,
    )
}

/// To a user whose second factor an admin (or the command line) reset.
pub fn two_factor_reset(lang: Lang, to: &str, name: &str, link: &str) -> Mail {
    with_link(
        lang,
        to,
        t(lang, "mail-two-factor-reset-subject"),
        vec![
            t_args(lang, "mail-greeting", &[("name", name.to_string().into())]),
            t(lang, "mail-two-factor-reset-body"),
            t(lang, "mail-two-factor-not-you"),
        ],
        link,
    )
}

/// To a user whose account has a new second factor (`what` names it).
pub fn two_factor_added(lang: Lang, to: &str, name: &str, what: &str, link: &str) -> Mail {
    with_link(
        lang,
        to,
        t(lang, "mail-two-factor-added-subject"),
        vec![
            t_args(lang, "mail-greeting", &[("name", name.to_string().into())]),
            t_args(
                lang,
                "mail-two-factor-added-body",
                &[("what", what.to_string().into())],
            ),
            t(lang, "mail-two-factor-not-you"),
        ],
        link,
    )
}

/// To a user who signed in with a recovery code: someone else may have it.
pub fn recovery_code_used(lang: Lang, to: &str, name: &str, left: u64, link: &str) -> Mail {
    with_link(
        lang,
        to,
        t(lang, "mail-recovery-used-subject"),
        vec![
            t_args(lang, "mail-greeting", &[("name", name.to_string().into())]),
            t_args(lang, "mail-recovery-used-body", &[("count", left.into())]),
            t(lang, "mail-two-factor-not-you"),
        ],
        link,
    )
}

/// To the mover, in the form's language: we have it, who will answer, the privacy notice,
/// and the self-service link to see, correct or erase what is stored.
pub fn interest_confirmation(
    lang: Lang,
    to: &str,
    first_name: &str,
    municipalities: &[String],
    privacy_link: &str,
    self_link: &str,
) -> Mail {
    let whom = if municipalities.is_empty() {
        t(lang, "mail-interest-pool")
    } else {
        t_args(
            lang,
            "mail-interest-municipalities",
            &[("municipalities", municipalities.join(", ").into())],
        )
    };
    with_link(
        lang,
        to,
        t(lang, "mail-interest-subject"),
        vec![
            t_args(
                lang,
                "mail-greeting",
                &[("name", first_name.to_string().into())],
            ),
            t(lang, "mail-interest-body"),
            whom,
            format!("{} {privacy_link}", t(lang, "mail-interest-privacy")),
            t(lang, "mail-interest-self-service"),
        ],
        self_link,
    )
}

/// To a guide: that there is a new lead, and a link to it. No personal data, not even the
/// name: mail passes through logs and shows on lock screens; the link is behind sign-in.
pub fn new_interest_for_guide(lang: Lang, to: &str, link: &str, pool: bool) -> Mail {
    let key = if pool {
        "mail-guide-new-pool"
    } else {
        "mail-guide-new-lead"
    };
    with_link(
        lang,
        to,
        t(lang, "mail-guide-new-subject"),
        vec![t(lang, key)],
        link,
    )
}

/// A new self-service link for a mover.
pub fn mover_link(lang: Lang, to: &str, first_name: &str, link: &str, days: u32) -> Mail {
    with_link(
        lang,
        to,
        t(lang, "mail-mover-link-subject"),
        vec![
            t_args(
                lang,
                "mail-greeting",
                &[("name", first_name.to_string().into())],
            ),
            t(lang, "mail-mover-link-body"),
            t_args(lang, "mail-mover-link-valid", &[("days", days.into())]),
        ],
        link,
    )
}

/// To a guide: a mover changed something through its link. No name, only the lead's number.
pub fn mover_request_for_guide(
    lang: Lang,
    to: &str,
    body_key: &str,
    lead: LeadId,
    link: &str,
) -> Mail {
    with_link(
        lang,
        to,
        t_args(lang, "mail-mover-request-subject", &[("id", lead.0.into())]),
        vec![t_args(lang, body_key, &[("id", lead.0.into())])],
        link,
    )
}

/// The guide's daily reminder: (due date, what, link) per follow-up.
pub fn reminder(
    lang: Lang,
    to: &str,
    name: &str,
    day: chrono::NaiveDate,
    items: &[(String, String, String)],
) -> Mail {
    let subject = t_args(
        lang,
        "mail-reminder-subject",
        &[
            ("count", items.len().into()),
            ("date", day.to_string().into()),
        ],
    );
    let intro = vec![
        t_args(lang, "mail-greeting", &[("name", name.to_string().into())]),
        t(lang, "mail-reminder-body"),
    ];
    let mut text = intro.join("\n\n");
    text.push_str("\n\n");
    for (due, what, link) in items {
        text.push_str(&format!("- {due} {what}\n  {link}\n"));
    }
    let settings = t(lang, "mail-reminder-off");
    text.push_str(&format!(
        "\n{settings}\n\n-- \n{}\n",
        t(lang, "mail-signature")
    ));
    let html = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head { meta charset="utf-8"; title { (subject) } }
            body {
                @for p in &intro { p { (p) } }
                ul { @for (due, what, link) in items { li { (due) " " a href=(link) { (what) } } } }
                p { (settings) }
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
