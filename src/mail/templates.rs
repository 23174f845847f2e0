//! The mails Lotsbok sends, each as subject + plain text + HTML, in the recipient's language.

use maud::{html, DOCTYPE};

use super::Mail;
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
