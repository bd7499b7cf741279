//! The check page's report: excerpts around a position (windows of long lines, characters not
//! bytes, CRLF, byte-order mark), the verdict on real files, and the text that crosses from the
//! worker to the page.

use atlas_core::check::{
    check_bytes, decode, encode, excerpt, kind_msg, problems_heading, Excerpt, Verdict, KINDS,
};
use atlas_core::i18n::{t, Msg};
use atlas_core::locale::Lang;

const MINIMAL: &str = include_str!("fixtures/minimal.json");

/// The excerpt as an editor-like picture: "N| text", and "  ^" under the marked character.
fn picture(e: &Excerpt) -> Vec<String> {
    let mut out = Vec::new();
    for l in &e.lines {
        let before = if l.cut_before { "…" } else { "" };
        let after = if l.cut_after { "…" } else { "" };
        out.push(format!("{}|{before}{}{after}", l.number, l.text));
        if let Some(m) = l.marker {
            out.push(format!("{}^", " ".repeat(m + 2 + before.chars().count())));
        }
    }
    out
}

#[test]
fn marks_the_column_with_two_lines_either_side() {
    let text = "a\nbb\nccc\ndddd\neeeee\nf\n";
    let e = excerpt(text.as_bytes(), 3, 2).expect("line 3 exists");
    assert_eq!(
        picture(&e),
        ["1|a", "2|bb", "3|ccc", "   ^", "4|dddd", "5|eeeee"]
    );
}

#[test]
fn first_and_last_lines_have_less_context() {
    let e = excerpt(b"one\ntwo\nthree", 1, 1).expect("line 1");
    assert_eq!(picture(&e), ["1|one", "  ^", "2|two", "3|three"]);
    let e = excerpt(b"one\ntwo\nthree", 3, 6).expect("line 3");
    // The end of the file: the mark sits after the last character.
    assert_eq!(picture(&e), ["1|one", "2|two", "3|three", "       ^"]);
}

#[test]
fn no_excerpt_for_a_line_the_text_does_not_have() {
    assert_eq!(excerpt(b"one\ntwo", 0, 1), None);
    assert_eq!(excerpt(b"one\ntwo", 3, 1), None);
}

#[test]
fn columns_count_characters_so_accents_and_emoji_do_not_shift_the_mark() {
    // Column 9 is the "x": é, ô and the emoji are one character each but 2, 2 and 4 bytes.
    let text = "\"é🏥ô\": x";
    let e = excerpt(text.as_bytes(), 1, 8).expect("line 1");
    let line = &e.lines[0];
    assert_eq!(line.marker, Some(7));
    assert_eq!(line.marked_parts(), Some(("\"é🏥ô\": ", "x", "")));
}

#[test]
fn crlf_line_ends_are_not_shown_and_do_not_move_lines() {
    let e = excerpt(b"{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}\r\n", 3, 8).expect("line 3");
    assert_eq!(
        picture(&e),
        [
            "1|{",
            "2|  \"a\": 1,",
            "3|  \"b\": x",
            "         ^",
            "4|}",
            "5|"
        ]
    );
    assert!(e.lines.iter().all(|l| !l.text.contains('\r')));
}

#[test]
fn positions_after_a_byte_order_mark_count_from_the_first_character() {
    let e = excerpt(b"\xEF\xBB\xBFab", 1, 2).expect("line 1");
    assert_eq!(e.lines[0].text, "ab");
    assert_eq!(e.lines[0].marked_parts(), Some(("a", "b", "")));
}

#[test]
fn a_long_line_is_windowed_around_the_column() {
    // A minified file: one line of 1,000,000 characters with accents, the spot far inside.
    let mut line: String = "é".repeat(500_000);
    line.push('X');
    line.push_str(&"a".repeat(499_999));
    let e = excerpt(line.as_bytes(), 1, 500_001).expect("line 1");
    let l = &e.lines[0];
    assert!(l.cut_before && l.cut_after, "cut on both sides");
    assert_eq!(l.text.chars().count(), atlas_core::check::excerpt::WIDTH);
    let (before, at, _) = l.marked_parts().expect("marked");
    assert_eq!(at, "X");
    assert!(before.chars().all(|c| c == 'é'));
}

#[test]
fn context_lines_use_the_same_window_so_columns_stay_aligned() {
    let long = "0123456789".repeat(20);
    let text = format!("{long}\n{long}\n{long}");
    let e = excerpt(text.as_bytes(), 2, 150).expect("line 2");
    let texts: Vec<&str> = e.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts[0], texts[1]);
    assert_eq!(texts[1], texts[2]);
    assert_eq!(e.lines[1].marked_parts().map(|p| p.1), Some("9"));
}

#[test]
fn tabs_are_shown_as_one_space_so_the_mark_stays_under_its_character() {
    let e = excerpt(b"\t\"a\": x", 1, 7).expect("line 1");
    assert_eq!(e.lines[0].marked_parts(), Some((" \"a\": ", "x", "")));
}

#[test]
fn many_excerpts_of_a_huge_line_stay_fast() {
    // 500 problems on one 8 MB line: checkpoints keep each excerpt a short scan.
    let line = "ab".repeat(4_000_000);
    let index = atlas_core::check::TextIndex::new(line.as_bytes());
    let start = std::time::Instant::now();
    for k in 0..500 {
        let col = 1 + k * 16_000;
        let e = index.excerpt(1, col).expect("line 1");
        let at = e.lines[0].marked_parts().map(|p| p.1.to_owned());
        assert_eq!(at.as_deref(), Some(if col % 2 == 1 { "a" } else { "b" }));
    }
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
}

#[test]
fn the_minimal_fixture_is_valid_and_counted() {
    let report = check_bytes(MINIMAL.as_bytes());
    assert_eq!(report.bytes, MINIMAL.len());
    match report.verdict {
        Verdict::Valid(c) => assert!(c.regions > 0, "{c:?}"),
        other => panic!("expected valid, got {other:?}"),
    }
}

#[test]
fn each_problem_comes_with_its_path_position_and_marked_excerpt() {
    let text = MINIMAL.replacen(
        "\"format\": 1,",
        "\"format\": 1,\n  \"colour\": \"red\",",
        1,
    );
    assert_ne!(text, MINIMAL, "the fixture changed");
    let report = check_bytes(text.as_bytes());
    let Verdict::Invalid { problems, total } = report.verdict else {
        panic!("expected problems");
    };
    assert_eq!(total, 1);
    let p = &problems[0];
    assert_eq!(p.kind, "shape");
    assert!(
        p.message.contains("unknown field `colour`"),
        "{}",
        p.message
    );
    let (line, column) = (p.line.expect("line"), p.column.expect("column"));
    let e = p.excerpt.as_ref().expect("excerpt");
    let marked = e.lines.iter().find(|l| l.marker.is_some()).expect("mark");
    assert_eq!(marked.number, line);
    let expected_line = text.lines().nth(line - 1).expect("line exists");
    assert_eq!(marked.text, expected_line);
    let (before, _, _) = marked.marked_parts().expect("parts");
    assert_eq!(before.chars().count(), column - 1);
}

#[test]
fn capped_problems_keep_the_full_count() {
    // 600 unknown places' regions: more than the 500 the validator lists.
    let places: Vec<String> = (0..600)
        .map(|i| {
            format!(
                r#"{{"id": "p{i}", "name": {{ "en": "P" }}, "category": "campus", "region": "nowhere", "town": "T", "source": "doc"}}"#
            )
        })
        .collect();
    let broken = MINIMAL.replacen(
        "\"places\": [",
        &format!("\"places\": [{},", places.join(",")),
        1,
    );
    let report = check_bytes(broken.as_bytes());
    let Verdict::Invalid { problems, total } = report.verdict else {
        panic!("expected problems");
    };
    assert!(total > problems.len(), "{total} vs {}", problems.len());
    assert_eq!(
        problems_heading(Lang::En, problems.len(), total),
        format!(
            "First 500 of {} problems",
            atlas_core::format::format_integer(total as i64, Lang::En)
        )
    );
}

#[test]
fn headings_say_how_many_in_both_languages() {
    assert_eq!(problems_heading(Lang::En, 1, 1), "1 problem");
    assert_eq!(problems_heading(Lang::En, 3, 3), "3 problems");
    assert_eq!(problems_heading(Lang::Fr, 1, 1), "1 problème");
    assert_eq!(
        problems_heading(Lang::Fr, 500, 2000),
        "Les 500 premiers problèmes sur 2\u{202f}000"
    );
}

#[test]
fn the_report_crosses_the_worker_boundary_unchanged() {
    let text = MINIMAL.replacen("\"format\": 1,", "\"format\": 1,,", 1);
    for bytes in [MINIMAL.as_bytes(), text.as_bytes(), b"", b"<html>"] {
        let report = check_bytes(bytes);
        assert_eq!(decode(&encode(&report)), Some(report));
    }
    assert_eq!(decode("not a report"), None);
}

#[test]
fn every_kind_reads_back_and_has_its_own_explanation() {
    let mut seen = std::collections::HashSet::new();
    for kind in KINDS {
        assert!(seen.insert(kind.as_str()), "{kind:?} twice");
        let finding = atlas_core::check::Finding {
            kind: kind.as_str().into(),
            path: String::new(),
            line: None,
            column: None,
            message: String::new(),
            excerpt: None,
        };
        assert_eq!(finding.kind(), Some(kind));
        assert_ne!(kind_msg(Some(kind)), Msg::CheckInvalid, "{kind:?}");
    }
    let explanations: std::collections::HashSet<_> = KINDS
        .iter()
        .map(|&k| t(Lang::Fr, kind_msg(Some(k))))
        .collect();
    assert_eq!(explanations.len(), KINDS.len());
}

#[test]
fn links_of_the_previewed_pages_stay_in_the_preview_when_it_has_their_page() {
    use atlas_core::check::{preview_page, PreviewPage};
    assert_eq!(preview_page("/"), Some(PreviewPage::Map));
    assert_eq!(preview_page("/funding"), Some(PreviewPage::Funding));
    assert_eq!(preview_page("/funding/"), Some(PreviewPage::Funding));
    assert_eq!(
        preview_page("/region/28"),
        Some(PreviewPage::Region("28".into()))
    );
    for outside in [
        "/compare",
        "/sources",
        "/region/",
        "/region/a/b",
        "/embed/map",
        "/check",
    ] {
        assert_eq!(preview_page(outside), None, "{outside}");
    }
}
