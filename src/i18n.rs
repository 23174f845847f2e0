//! Every string a person sees comes from `assets/locales/<lang>/*.ftl` (Fluent), compiled into
//! the binary. Staff pages speak Swedish and English; public pages also German and Dutch.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use unic_langid::langid;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./assets/locales",
        fallback_language: "sv",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Sv,
    En,
    De,
    Nl,
}

/// Languages of the staff interface.
pub const STAFF: &[Lang] = &[Lang::Sv, Lang::En];
/// Languages of the public pages.
pub const PUBLIC: &[Lang] = &[Lang::Sv, Lang::En, Lang::De, Lang::Nl];

static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");
static DE: LanguageIdentifier = langid!("de");
static NL: LanguageIdentifier = langid!("nl");

impl Lang {
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "sv" => Some(Self::Sv),
            "en" => Some(Self::En),
            "de" => Some(Self::De),
            "nl" => Some(Self::Nl),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Sv => "sv",
            Self::En => "en",
            Self::De => "de",
            Self::Nl => "nl",
        }
    }

    /// The language's own name, for a language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Self::Sv => "Svenska",
            Self::En => "English",
            Self::De => "Deutsch",
            Self::Nl => "Nederlands",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Self::Sv => &SV,
            Self::En => &EN,
            Self::De => &DE,
            Self::Nl => &NL,
        }
    }

    /// The first language of an Accept-Language header (by q-value) that is in `allowed`.
    pub fn from_accept_language(header: &str, allowed: &[Lang]) -> Option<Self> {
        let mut prefs: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let primary = tag.split('-').next()?;
                let lang = Lang::parse(primary).filter(|l| allowed.contains(l))?;
                let q = it
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, lang))
            })
            .collect();
        // A stable sort keeps the header's order among equal q-values.
        prefs.sort_by(|a, b| b.0.total_cmp(&a.0));
        prefs.first().map(|p| p.1)
    }

    /// The rule: `?lang=`, else the stored choice, else Accept-Language, else Swedish.
    pub fn negotiate(
        query: Option<&str>,
        stored: Option<&str>,
        accept: Option<&str>,
        allowed: &[Lang],
    ) -> Self {
        let pick = |c: Option<&str>| c.and_then(Lang::parse).filter(|l| allowed.contains(l));
        pick(query)
            .or_else(|| pick(stored))
            .or_else(|| accept.and_then(|h| Lang::from_accept_language(h, allowed)))
            .unwrap_or(Lang::Sv)
    }
}

/// The text for `key`; the key itself if no locale has it (a test keeps that from happening).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(lang.id(), key)
        .unwrap_or_else(|| key.to_string())
}

/// The text for `key` with Fluent arguments, e.g. `t_args(lang, "hello", &[("name", name.into())])`.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
        .collect();
    // Fluent arguments must be 'static in this API; strings are copied into owned values.
    let owned: HashMap<Cow<'static, str>, FluentValue<'static>> =
        map.into_iter().map(|(k, v)| (k, v.into_owned())).collect();
    LOCALES
        .try_lookup_with_args(lang.id(), key, &owned)
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_respects_q_and_allowed() {
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.8", STAFF),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("nl;q=0.5, sv;q=0.7", PUBLIC),
            Some(Lang::Sv)
        );
        assert_eq!(Lang::from_accept_language("fr", PUBLIC), None);
    }

    #[test]
    fn negotiate_order() {
        assert_eq!(
            Lang::negotiate(Some("en"), Some("sv"), None, STAFF),
            Lang::En
        );
        assert_eq!(
            Lang::negotiate(Some("de"), Some("en"), None, STAFF),
            Lang::En
        );
        assert_eq!(Lang::negotiate(None, None, Some("en-GB"), STAFF), Lang::En);
        assert_eq!(Lang::negotiate(None, None, None, STAFF), Lang::Sv);
    }

    #[test]
    fn lookup_with_arguments() {
        let s = t_args(Lang::En, "mail-invite-subject", &[]);
        assert!(s.contains("Lotsbok"), "{s}");
        assert_ne!(t(Lang::Sv, "app-name"), "app-name");
    }
}
