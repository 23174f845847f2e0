//! The map of `ARCHITECTURE.md`, checked: which top-level module of `src/` may import which.
//! Reads every source file, collects the modules each names by `crate::…` (or `super::` up to
//! the crate root), and fails on an edge not written down here. Plumbing imports no feature;
//! a feature imports plumbing and only the features listed for it; the listed edges form no
//! cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Plumbing and shared modules, each with what it may import (besides itself).
const PLUMBING: &[(&str, &[&str])] = &[
    ("config", &[]),
    ("crypto", &[]),
    ("assets", &[]),
    ("backup", &["config", "db"]),
    ("db", &[]),
    ("entities", &[]),
    ("i18n", &[]),
    ("error", &["i18n"]),
    ("domain", &["entities", "i18n"]),
    ("audit", &["entities", "db"]),
    ("accounts", &["entities", "domain"]),
    ("scope", &["entities", "db", "domain"]),
    ("reference", &["db", "entities"]),
    (
        "state",
        &["assets", "audit", "config", "db", "entities", "reference"],
    ),
    ("mail", &["config", "db", "entities", "i18n", "state"]),
    ("ops", &["config", "crypto", "db", "mail", "state"]),
    (
        "web",
        &[
            "accounts",
            "audit",
            "config",
            "crypto",
            "db",
            "domain",
            "entities",
            "error",
            "i18n",
            "reference",
            "scope",
            "state",
        ],
    ),
];

/// Features: each may import every plumbing module and the features listed.
const FEATURES: &[(&str, &[&str])] = &[
    ("auth", &[]),
    ("admin", &["auth"]),
    ("leads", &[]),
    ("privacy", &["leads"]),
    ("interest", &["leads", "privacy"]),
    ("events", &["interest"]),
    ("import", &["leads", "privacy"]),
    ("home", &["leads", "privacy"]),
    ("reminders", &["leads"]),
    ("mailings", &["leads", "privacy"]),
    ("offers", &["import", "leads", "privacy"]),
    ("reports", &[]),
    ("settings", &[]),
    ("pages", &[]),
    // Synthetic data for trying Lotsbok: it makes records the way the features do.
    ("demo", &["auth", "leads", "reports"]),
];

/// What puts the whole together; it may import anything.
const COMPOSITION: &[&str] = &["app", "server", "jobs", "cli", "lib", "main"];

/// The crate-root modules a file names: `crate::x`, `crate::{x, y}`, and `super::…` paths
/// that climb to the crate root from a file `depth` folders below `src/`.
fn imports(source: &str, depth: usize, is_mod: bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    // From src/a/b.rs, `super::super::x` reaches the root; from src/a/mod.rs, `super::x`.
    let climbs = if depth == 0 {
        1
    } else if is_mod {
        depth
    } else {
        depth + 1
    };
    let mut roots = vec!["crate::".to_string()];
    roots.push("super::".repeat(climbs));
    for root in roots {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(&root) {
            let before = rest[..at].chars().last();
            rest = &rest[at + root.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // The group's top-level items, however deeply they nest (`{a::{b, c}, d}`).
                let mut depth = 0;
                let mut item = String::new();
                let mut items = Vec::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                        _ => {}
                    }
                    if depth == 0 && c != ',' && c != '}' {
                        item.push(c);
                    }
                }
                items.push(item);
                for item in items {
                    let name = item.trim().split("::").next().unwrap_or("").trim();
                    if !name.is_empty() && name != "self" {
                        found.insert(name.split(' ').next().unwrap_or(name).to_string());
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        }
    }
    found
}

/// Every forbidden edge in the tree under `src`, as "from -> to (file)".
fn violations(files: &[(String, String)]) -> Vec<String> {
    let plumbing: BTreeMap<&str, &[&str]> = PLUMBING.iter().copied().collect();
    let features: BTreeMap<&str, &[&str]> = FEATURES.iter().copied().collect();
    let mut bad = Vec::new();
    for (path, source) in files {
        let parts: Vec<&str> = path.split('/').collect();
        let top = parts[0].trim_end_matches(".rs");
        let depth = parts.len() - 1;
        let is_mod = parts.last().is_some_and(|f| *f == "mod.rs");
        for to in imports(source, depth, is_mod) {
            if to == top || COMPOSITION.contains(&top) {
                continue;
            }
            let allowed = if let Some(may) = plumbing.get(top) {
                may.contains(&to.as_str())
            } else if let Some(may) = features.get(top) {
                plumbing.contains_key(to.as_str()) || may.contains(&to.as_str())
            } else {
                false
            };
            if !allowed {
                bad.push(format!("{top} -> {to} ({path})"));
            }
        }
    }
    bad
}

fn sources(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if entry.file_type().unwrap().is_dir() {
            sources(&entry.path(), &rel, out);
        } else if name.ends_with(".rs") {
            out.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
}

fn tree() -> Vec<(String, String)> {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut files,
    );
    files
}

#[test]
fn modules_import_only_along_the_map() {
    let files = tree();
    let known: BTreeSet<&str> = PLUMBING
        .iter()
        .chain(FEATURES)
        .map(|(m, _)| *m)
        .chain(COMPOSITION.iter().copied())
        .collect();
    for (path, _) in &files {
        let top = path.split('/').next().unwrap().trim_end_matches(".rs");
        assert!(
            known.contains(top),
            "src/{path}: module `{top}` is not on the map (tests/app/architecture.rs, ARCHITECTURE.md)"
        );
    }
    let bad = violations(&files);
    assert!(bad.is_empty(), "imports off the map:\n{}", bad.join("\n"));
}

#[test]
fn the_map_has_no_cycle() {
    let edges: BTreeMap<&str, Vec<&str>> = PLUMBING
        .iter()
        .chain(FEATURES)
        .map(|(m, to)| (*m, to.to_vec()))
        .collect();
    // Depth-first search for a way back to where it started.
    fn reaches<'a>(
        edges: &BTreeMap<&'a str, Vec<&'a str>>,
        from: &'a str,
        target: &str,
        seen: &mut BTreeSet<&'a str>,
    ) -> bool {
        edges
            .get(from)
            .into_iter()
            .flatten()
            .any(|&n| n == target || (seen.insert(n) && reaches(edges, n, target, seen)))
    }
    for m in edges.keys() {
        assert!(
            !reaches(&edges, m, m, &mut BTreeSet::new()),
            "`{m}` reaches itself on the map"
        );
    }
}

#[test]
fn the_checker_finds_a_forbidden_import() {
    let planted = |path: &str, src: &str| violations(&[(path.to_string(), src.to_string())]);
    // Plumbing importing a feature, directly, in a group, and by climbing with `super`.
    assert_eq!(
        planted("web/ctx.rs", "use crate::leads::queries;"),
        ["web -> leads (web/ctx.rs)"]
    );
    assert_eq!(
        planted("db.rs", "use crate::{entities, reports::x};"),
        ["db -> entities (db.rs)", "db -> reports (db.rs)"]
    );
    assert_eq!(
        planted("web/ctx.rs", "use crate::{db::{Db, Txn}, leads};"),
        ["web -> leads (web/ctx.rs)"]
    );
    assert_eq!(
        planted("mail/worker.rs", "use super::super::admin::x;"),
        ["mail -> admin (mail/worker.rs)"]
    );
    // A feature importing a feature not listed for it.
    assert_eq!(
        planted(
            "leads/handlers.rs",
            "let x = crate::privacy::links::issue();"
        ),
        ["leads -> privacy (leads/handlers.rs)"]
    );
    // What is allowed, and what a comment says, passes.
    assert!(planted("privacy/staff.rs", "use crate::leads::x;\n// crate::admin").is_empty());
}

#[test]
fn only_the_database_module_takes_the_raw_connection() {
    for (path, source) in tree() {
        if path != "db.rs" {
            assert!(
                !source.contains(".raw()") && !source.contains("Db::raw"),
                "src/{path} takes the database's raw connection: write through `Db`"
            );
        }
    }
}

/// The files that may filter by a municipality themselves: the scope, the staff accounts,
/// the lead counts (keyed by `Scope::bind`) and the coordinators' aggregates (one
/// `selection`, counts only). Everywhere else a municipality filter comes from a `Scope`.
const MUNICIPALITY_FILTERS: &[&str] = &[
    "scope.rs",
    "accounts.rs",
    "leads/derived.rs",
    "reports/figures.rs",
    "reports/kept.rs",
];

/// A filter by a municipality written by hand: on a sea-orm column or in raw SQL.
fn filters_by_municipality(source: &str) -> Option<String> {
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let column = [
        ".eq(",
        ".ne(",
        ".lt(",
        ".lte(",
        ".gt(",
        ".gte(",
        ".between(",
        ".is_in(",
        ".is_not_in(",
        ".is_null(",
        ".is_not_null(",
    ]
    .iter()
    .map(|m| format!("MunicipalityId{m}"));
    // In SQL text: a list, or a bound value (`$1`, `?`, or a placeholder put in by format!).
    let sql = [
        "municipality_id in (",
        "municipality_id = $",
        "municipality_id = ?",
        "municipality_id = {",
        "municipality_id=",
        "municipality_id is null",
        "municipality_key = ",
        "municipality_key=",
        "municipality_key in (",
    ]
    .iter()
    .map(|s| s.to_string());
    let lower = code.to_lowercase();
    column
        .filter(|p| code.contains(p.as_str()))
        .chain(sql.filter(|p| lower.contains(p.as_str())))
        .next()
}

#[test]
fn only_the_scope_filters_by_municipality() {
    for (path, source) in tree() {
        if MUNICIPALITY_FILTERS.contains(&path.as_str()) {
            continue;
        }
        if let Some(found) = filters_by_municipality(&source) {
            panic!("src/{path} filters by municipality itself (`{found}`): take a `Scope`");
        }
        if path != "web/ctx.rs" && path != "scope.rs" {
            assert!(
                !source.contains("Scope::for_guide("),
                "src/{path} makes a Scope by hand: only `GuideCtx` and `Scope::of_account` do"
            );
        }
        // A scope from an account row, only for the jobs that act for one guide.
        if source.contains("Scope::of_account") {
            assert!(
                ["reminders/mod.rs", "settings/mod.rs", "demo/floor.rs", "scope.rs"]
                    .contains(&path.as_str()),
                "src/{path} makes a Scope from an account row: only the jobs acting for a guide may"
            );
        }
    }
    // And the check can fail.
    assert!(filters_by_municipality("q.filter(lead::Column::MunicipalityId.eq(m))").is_some());
    assert!(filters_by_municipality("WHERE l.municipality_id IN (1, 2)").is_some());
    assert!(filters_by_municipality("WHERE municipality_key IN (?, ?)").is_some());
    assert!(filters_by_municipality("q.filter(scope.own_leads())").is_none());
}
