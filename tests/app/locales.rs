//! Every string a person sees comes from the locale files: the staff languages have the same
//! keys, and every key the code names exists.

use std::collections::BTreeSet;
use std::path::Path;

fn keys(lang: &str) -> BTreeSet<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/locales/{lang}/main.ftl"));
    std::fs::read_to_string(path)
        .expect("locale file")
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn staff_languages_have_the_same_keys() {
    let sv = keys("sv");
    let en = keys("en");
    assert!(sv.len() > 50);
    let only_sv: Vec<_> = sv.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&sv).collect();
    assert!(
        only_sv.is_empty() && only_en.is_empty(),
        "sv only: {only_sv:?}; en only: {only_en:?}"
    );
    for public in ["de", "nl"] {
        let missing: Vec<_> = keys(public).difference(&sv).cloned().collect();
        assert!(
            missing.is_empty(),
            "{public} has keys Swedish lacks: {missing:?}"
        );
    }
}

/// Literals that look like keys but are not: HTML ids, header names, attribute values.
fn not_a_key(piece: &str) -> bool {
    const EXACT: [&str; 40] = [
        "check-title",
        "news-2026-12",
        "fair-news-2026-12",
        "news-on",
        "news-off",
        "one-click",
        "self-service",
        "mapping-title",
        "preview-title",
        "recent-title",
        "results-title",
        "import-bar",
        "e-mail",
        "e-post",
        "e-postadress",
        "yyyy-mm-dd",
        "address-level2",
        "family-name",
        "given-name",
        "organization-title",
        "interest-2026-11",
        "my-link",
        "fair-2026-11",
        "stay-form",
        "utf-8",
        "datetime-local",
        "new-password",
        "current-password",
        "errors-title",
        "no-referrer",
        "no-store",
        "same-origin",
        "x-csrf-token",
        "x-forwarded-for",
        "x-request-id",
        "permissions-policy",
        "cross-origin-opener-policy",
        "one-time-code",
        "reset-2fa",
        "uuuu-uuuu-uuuu-uuuu",
    ];
    // The family prefix of the codes! macro, completed at run time (checked below).
    const FAMILY: [&str; 2] = ["campaign-kind", "follow-up-kind"];
    EXACT.contains(&piece)
        || FAMILY.contains(&piece)
        || ["h-", "sec-", "f-"].iter().any(|p| piece.starts_with(p))
}

#[test]
fn every_key_named_in_the_code_exists() {
    let sv = keys("sv");
    let en = keys("en");
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source");
        // Keys are string literals shaped like `word-word`.
        for piece in text.split('"').skip(1).step_by(2) {
            let looks_like_key = piece.contains('-')
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                && piece.starts_with(|c: char| c.is_ascii_lowercase())
                && !piece.ends_with('-');
            // A section prefix whose paragraphs are `<prefix>-1`, `<prefix>-2`, … is fine.
            let section =
                sv.contains(&format!("{piece}-1")) || sv.contains(&format!("{piece}-title"));
            if looks_like_key && !not_a_key(piece) && !section && !sv.contains(piece) {
                missing.insert(piece.to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys used in src but missing from sv/main.ftl: {missing:?}"
    );

    // Keys made at run time from codes: every code of every family, in both staff languages.
    use lotsbok::domain::*;
    let mut made: Vec<String> = Vec::new();
    made.extend(Status::ALL.iter().map(|x| x.key()));
    made.extend(Source::ALL.iter().map(|x| x.key()));
    made.extend(ActivityKind::ALL.iter().map(|x| x.key()));
    made.extend(Direction::ALL.iter().map(|x| x.key()));
    made.extend(ReasonCode::ALL.iter().map(|x| x.key()));
    made.extend(HousingWish::ALL.iter().map(|x| x.key()));
    made.extend(CampaignKind::ALL.iter().map(|x| x.key()));
    made.extend(FollowUpKind::ALL.iter().map(|x| x.key()));
    made.extend(["pending", "sent", "failed"].map(|s| format!("outbox-status-{s}")));
    made.extend(["handover", "share", "take"].map(|s| format!("timeline-referral-{s}")));
    made.extend(["mover", "guide", "retention"].map(|s| format!("timeline-erasure-{s}")));
    made.extend(["stayed", "moved_away"].map(|s| format!("stay-answer-{s}")));
    made.extend(["6", "12"].map(|s| format!("stay-check-{s}")));
    made.extend(lotsbok::domain::COUNTRIES.map(|c| format!("country-{c}")));
    made.extend(lotsbok::import::mapping::Target::ALL.map(|t| t.key()));
    made.extend(
        [
            "uploaded",
            "checking",
            "checked",
            "importing",
            "imported",
            "failed",
        ]
        .map(|s| format!("import-state-{s}")),
    );
    made.extend(["error", "merged", "skipped"].map(|s| format!("import-outcome-{s}")));
    made.extend(
        lotsbok::audit::ACTIONS
            .iter()
            .map(|a| format!("audit-action-{a}")),
    );
    made.extend(
        lotsbok::audit::TARGETS
            .iter()
            .map(|a| format!("audit-target-{a}")),
    );
    made.extend(lotsbok::leads::queries::Sort::ALL.map(|s| format!("sort-{}", s.as_str())));
    let absent: Vec<_> = made
        .iter()
        .filter(|k| !sv.contains(*k) || !en.contains(*k))
        .collect();
    assert!(
        absent.is_empty(),
        "run-time keys missing in sv or en: {absent:?}"
    );
}

#[test]
fn public_languages_cover_the_public_pages() {
    let (sv, de, nl) = (keys("sv"), keys("de"), keys("nl"));
    assert_eq!(de, nl, "German and Dutch cover the same public keys");
    let public_prefixes = [
        "interest-",
        "privacy-who",
        "privacy-what",
        "privacy-why",
        "privacy-access",
        "privacy-keep",
        "privacy-rights",
        "privacy-title",
        "a11y-",
        "move-when-",
        "country-",
        "mail-interest-",
        "my-",
        "mail-mover-link",
        "mail-selection-",
        "listing-",
    ];
    let public: Vec<&String> = sv
        .iter()
        .filter(|k| public_prefixes.iter().any(|p| k.starts_with(p)))
        .collect();
    assert!(public.len() > 60);
    let missing: Vec<_> = public.iter().filter(|k| !de.contains(**k)).collect();
    assert!(
        missing.is_empty(),
        "public keys missing in de/nl: {missing:?}"
    );
}
