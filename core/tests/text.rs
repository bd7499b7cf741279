//! One accent fold for search and for download file names.

use atlas_core::charts::file_name;
use atlas_core::text::{fold, fold_char};

#[test]
fn fold_char_gives_base_letters_drops_marks_and_leaves_the_rest_to_the_caller() {
    assert_eq!(fold_char('é'), Some("e"));
    assert_eq!(fold_char('œ'), Some("oe"));
    assert_eq!(fold_char('ĸ'), Some("k"));
    assert_eq!(fold_char('\u{0301}'), Some(""));
    assert_eq!(fold_char('\u{20D7}'), Some(""));
    assert_eq!(fold_char('a'), None);
    assert_eq!(fold_char('€'), None);
    assert_eq!(fold_char('-'), None);
}

#[test]
fn kra_folds_to_k_in_search_and_in_file_names() {
    assert_eq!(fold("Kĸ"), "kk");
    assert_eq!(file_name(&["Kĸ"], "csv"), "kk.csv");
}

#[test]
fn every_combining_mark_block_is_dropped_in_search_and_in_file_names() {
    // U+0301 (diacritical marks), U+1AB1 (extended), U+1DC4 (supplement), U+20D7 (for
    // symbols), U+FE20 (half marks).
    for mark in ['\u{0301}', '\u{1AB1}', '\u{1DC4}', '\u{20D7}', '\u{FE20}'] {
        let word = format!("e{mark}te");
        assert_eq!(fold(&word), "ete", "{mark:?}");
        assert_eq!(file_name(&[word.as_str()], "csv"), "ete.csv", "{mark:?}");
    }
}

#[test]
fn the_euro_sign_is_spelled_in_file_names_and_separates_words_in_search() {
    assert_eq!(file_name(&["Budget", "M€"], "csv"), "budget-meur.csv");
    assert_eq!(fold("2,3 M€ total"), "2 3 m total");
}

#[test]
fn search_and_file_names_fold_every_latin_letter_alike() {
    for c in '\u{00C0}'..='\u{017F}' {
        let s = c.to_string();
        let folded = fold(&s);
        if folded.is_empty() {
            continue;
        }
        assert_eq!(
            file_name(&[s.as_str()], ""),
            folded,
            "{c:?} (U+{:04X})",
            u32::from(c)
        );
    }
}
