//! The module layering of the core, checked by reading the sources: the locale chain has no
//! way back, so `format` can never again import `i18n`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The locale chain, lowest first: a module may use those before it, never those after it.
const LOCALE_CHAIN: [&str; 5] = ["date", "locale", "format", "i18n", "units"];

/// The source without `//` comments, so a doc line naming a module is not an import.
fn code_of(module: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/{module}.rs"));
    let text = fs::read_to_string(&path).unwrap_or_default();
    assert!(!text.is_empty(), "cannot read {}", path.display());
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every crate module that `code` names as `crate::m…` or inside `crate::{m, n::…}`.
fn crate_modules_used(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Only the top level of the group names modules: `{format, i18n::{t, Msg}}`.
            let mut depth = 0usize;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && depth == 0 && !c.is_whitespace() => {
                        used.insert(ident_at(&group[j..]).to_owned());
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            used.insert(ident_at(rest).to_owned());
        }
    }
    used
}

#[test]
fn the_import_scanner_sees_plain_grouped_and_nested_paths() {
    let code = "use crate::format::{self, Gender};\nuse crate::{i18n::{t, Msg}, model};\nlet x = crate::units::format_value(1.0);";
    let got: Vec<String> = crate_modules_used(code).into_iter().collect();
    assert_eq!(got, ["format", "i18n", "model", "units"]);
}

#[test]
fn the_locale_modules_only_import_downwards() {
    for (k, module) in LOCALE_CHAIN.iter().enumerate() {
        let used = crate_modules_used(&code_of(module));
        for later in &LOCALE_CHAIN[k + 1..] {
            assert!(
                !used.contains(*later),
                "core/src/{module}.rs imports `{later}`, which sits above it in the chain {LOCALE_CHAIN:?}"
            );
        }
    }
}

#[test]
fn format_depends_on_locale_not_on_messages() {
    let used = crate_modules_used(&code_of("format"));
    assert!(
        used.contains("locale"),
        "format.rs should take Lang from locale"
    );
    assert!(!used.contains("i18n"), "format.rs imports i18n: {used:?}");
}

#[test]
fn locale_is_the_bottom_layer() {
    let used = crate_modules_used(&code_of("locale"));
    assert!(used.is_empty(), "locale.rs imports {used:?}");
}
