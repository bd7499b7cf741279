//! The locale layer: labels, figures with qualifiers and unit names, and French typography in
//! every interface message.

use atlas_core::i18n::{t, Msg};
use atlas_core::locale::{label_prefix, labelled, Lang, NBSP, NNBSP};
use atlas_core::model::{Qualifier, Unit};
use atlas_core::units::{format_value, unit_label};

#[test]
fn labelled_puts_a_narrow_space_before_the_french_colon_only() {
    assert_eq!(labelled(Lang::Fr, "Emplois", "12"), "Emplois\u{202f}: 12");
    assert_eq!(labelled(Lang::En, "Jobs", "12"), "Jobs: 12");
    assert_eq!(label_prefix(Lang::Fr, "Source"), "Source\u{202f}: ");
    assert_eq!(label_prefix(Lang::En, "Source"), "Source: ");
}

#[test]
fn labelled_keeps_a_colon_that_is_part_of_a_name() {
    // A region or source whose own name contains " : " must reach the reader as written.
    let name = "Provence : Alpes";
    assert_eq!(
        labelled(Lang::Fr, name, "3 %"),
        "Provence : Alpes\u{202f}: 3 %"
    );
    assert_eq!(labelled(Lang::En, name, "3%"), "Provence : Alpes: 3%");
    assert_eq!(
        labelled(Lang::Fr, "Emplois", "a : b"),
        "Emplois\u{202f}: a : b"
    );
    assert_eq!(label_prefix(Lang::Fr, name), "Provence : Alpes\u{202f}: ");
}

#[test]
fn figures_carry_their_qualifier_words_in_each_language() {
    assert_eq!(
        format_value(300.0, Unit::Count, Some(Qualifier::MoreThan), Lang::Fr),
        format!("plus de{NBSP}300")
    );
    assert_eq!(
        format_value(300.0, Unit::Count, Some(Qualifier::MoreThan), Lang::En),
        format!("over{NBSP}300")
    );
    assert_eq!(
        format_value(1.9e9, Unit::Eur, Some(Qualifier::Approximately), Lang::Fr),
        format!("environ{NBSP}1,9{NNBSP}Md€")
    );
    assert_eq!(
        format_value(1.9e9, Unit::Eur, Some(Qualifier::Approximately), Lang::En),
        format!("about{NBSP}€1.9bn")
    );
    assert_eq!(format_value(2.0, Unit::Rank, None, Lang::Fr), "2e");
    assert_eq!(format_value(1.0, Unit::Rank, None, Lang::Fr), "1re");
    assert_eq!(format_value(2017.0, Unit::Year, None, Lang::En), "2017");
}

#[test]
fn a_missing_figure_gets_no_qualifier() {
    for v in [f64::NAN, f64::INFINITY] {
        assert_eq!(
            format_value(v, Unit::Eur, Some(Qualifier::Approximately), Lang::Fr),
            "—"
        );
    }
}

#[test]
fn unit_names_agree_with_their_number() {
    assert_eq!(unit_label(Unit::Jobs, Lang::Fr, true), "emplois");
    assert_eq!(unit_label(Unit::Jobs, Lang::En, false), "job");
    assert_eq!(unit_label(Unit::Percent, Lang::Fr, true), "pour cent");
}

/// French texts: U+202F before `: ; ? !` and inside « », the typographic apostrophe, a real
/// ellipsis. English texts: no space before those marks.
#[test]
fn every_message_follows_the_typography_of_its_language() {
    let mut wrong = Vec::new();
    for &msg in Msg::ALL {
        let fr = t(Lang::Fr, msg);
        let en = t(Lang::En, msg);
        let chars: Vec<char> = fr.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            let ok = match c {
                ':' | ';' | '?' | '!' => before == Some(NNBSP),
                '«' => after == Some(NNBSP),
                '»' => before == Some(NNBSP),
                '\'' => false,
                _ => true,
            };
            if !ok {
                wrong.push(format!("{} (fr): {fr:?}", msg.key()));
            }
        }
        for text in [fr, en] {
            if text.contains("...") {
                wrong.push(format!("{}: three dots instead of …: {text:?}", msg.key()));
            }
        }
        for (i, c) in en.char_indices() {
            if matches!(c, ':' | ';' | '?' | '!') && en[..i].ends_with([' ', NBSP, NNBSP]) {
                wrong.push(format!("{} (en): space before {c:?}: {en:?}", msg.key()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_class_method_and_fallback_is_named_in_both_languages() {
    use atlas_core::classify::{Fallback, Method};
    use atlas_core::i18n::{fallback_msg, method_msg};
    let names: std::collections::BTreeSet<Msg> =
        Method::ALL.iter().map(|&m| method_msg(m)).collect();
    assert_eq!(names.len(), Method::ALL.len(), "one message per method");
    assert_eq!(
        t(Lang::Fr, method_msg(Method::NaturalBreaks)),
        "Seuils naturels (Jenks)"
    );
    assert_eq!(
        t(Lang::En, method_msg(Method::EqualIntervals)),
        "Equal intervals"
    );
    assert_eq!(
        t(Lang::En, method_msg(Method::Dataset)),
        "Published thresholds"
    );
    assert_eq!(
        t(Lang::Fr, fallback_msg(Fallback::NoThresholds)),
        "Pas de seuils publiés pour cet indicateur\u{202f}: classes par quantiles."
    );
    assert_eq!(
        t(Lang::En, fallback_msg(Fallback::PerCapita)),
        "The published thresholds are for absolute values: classes by quantiles."
    );
}

/// Rust sources of the workspace (core, shell, baker), for the usage check below.
fn workspace_sources() -> Vec<(std::path::PathBuf, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path, text));
                }
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["src", "core/src", "bake/src"] {
        walk(&root.join(dir), &mut out);
    }
    out
}

/// Whether `text` has `word` as a whole identifier.
fn has_identifier(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// A message nobody shows is a translation to keep up for nothing, and hides the one that was
/// meant: each one is named outside the table that defines it.
#[test]
fn every_message_is_used() {
    let sources = workspace_sources();
    assert!(
        sources.iter().any(|(p, _)| p.ends_with("core/src/i18n.rs")),
        "the message table was not found"
    );
    let unused: Vec<&str> = Msg::ALL
        .iter()
        .map(|m| m.key())
        .filter(|key| {
            let definition = format!("{key} => (");
            !sources.iter().any(|(path, text)| {
                if path.ends_with("core/src/i18n.rs") {
                    // In the table's file, a use is any line but the definition.
                    text.lines()
                        .any(|l| !l.contains(&definition) && has_identifier(l, key))
                } else {
                    has_identifier(text, &format!("Msg::{key}"))
                        || (text.contains("Msg::*") && has_identifier(text, key))
                }
            })
        })
        .collect();
    assert!(unused.is_empty(), "messages never used: {unused:?}");
}
