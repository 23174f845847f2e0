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

#[test]
fn every_key_named_in_the_code_exists() {
    let sv = keys("sv");
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source");
        // Keys are passed as string literals to t(..), t_args(..), ctx.t(..) and to the
        // helpers that take a `*_key`; they are the literals that look like `word-word`.
        for piece in text.split('"').skip(1).step_by(2) {
            let looks_like_key = piece.contains('-')
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !piece.starts_with('-')
                && !piece.ends_with('-');
            let prefixes = [
                "err-",
                "field-",
                "login-",
                "setup-",
                "error-",
                "mail-",
                "home-",
                "nav-",
                "users-",
                "outbox-",
                "invite-",
                "link-",
                "forgot-",
                "role-",
                "status-",
                "hint-",
                "reset-",
                "set-password-",
                "back-to-",
            ];
            if looks_like_key
                && prefixes.iter().any(|p| piece.starts_with(p))
                && !sv.contains(piece)
            {
                missing.insert(piece.to_string());
            }
        }
    }
    // Keys built at run time from a status.
    for s in ["pending", "sent", "failed"] {
        assert!(sv.contains(&format!("outbox-status-{s}")));
    }
    assert!(
        missing.is_empty(),
        "keys used in src but missing from sv/main.ftl: {missing:?}"
    );
}
