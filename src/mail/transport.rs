//! Where a mail goes: an SMTP server through lettre, or a folder of `.eml` files.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;
use crate::entities::outbox_mail;

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Transport {
    pub fn from_config(cfg: &Config) -> anyhow::Result<Self> {
        if cfg.smtp_url.is_empty() {
            std::fs::create_dir_all(&cfg.mail_dir)?;
            return Ok(Self::Files(cfg.mail_dir.clone()));
        }
        let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(&cfg.smtp_url)?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(Self::Smtp(smtp))
    }

    pub async fn send(&self, from: &Mailbox, mail: &outbox_mail::Model) -> anyhow::Result<()> {
        let message = build(from, mail)?;
        match self {
            Self::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Self::Files(dir) => {
                // Write under a temporary name, then rename: a reader never sees half a mail.
                let name = format!(
                    "{}-{:06}.eml",
                    mail.created_at.format("%Y%m%dT%H%M%S"),
                    mail.id
                );
                let tmp = dir.join(format!(".{name}.tmp"));
                tokio::fs::create_dir_all(dir).await?;
                tokio::fs::write(&tmp, message.formatted()).await?;
                tokio::fs::rename(&tmp, dir.join(name)).await?;
            }
        }
        Ok(())
    }
}

fn build(from: &Mailbox, mail: &outbox_mail::Model) -> anyhow::Result<Message> {
    let domain = from.email.domain();
    let mut builder = Message::builder();
    if let Some(url) = &mail.unsubscribe_url {
        // RFC 2369 and RFC 8058: mail clients offer "unsubscribe", and may POST
        // `List-Unsubscribe=One-Click` to the link without asking the reader again.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    Ok(builder
        .from(from.clone())
        .to(mail.recipient.parse()?)
        .subject(&mail.subject)
        .message_id(Some(format!(
            "<outbox-{}-{}@{domain}>",
            mail.id,
            mail.created_at.timestamp()
        )))
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(mail.body_text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(mail.body_html.clone()),
                ),
        )?)
}
