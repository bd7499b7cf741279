//! The parser's one typed pass finds an error's JSON path afterwards, from its position; it must
//! name the same path as serde_path_to_error's tracking did, with the same line:column.

use atlas_core::model::{RawDataset, SUPPORTED_FORMATS};
use atlas_core::validate::{locate, parse, Problem, ProblemKind};
use proptest::prelude::*;

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn render(p: &Problem) -> String {
    format!(
        "{}:{}: {}: {}",
        p.line.unwrap_or(0),
        p.column.unwrap_or(0),
        p.path,
        p.message
    )
}

fn parsed(text: &str) -> String {
    parse(text.as_bytes())
        .err()
        .map_or_else(String::new, |p| render(&p))
}

/// The parser as it was, tracking the path with serde_path_to_error: the reference.
fn tracked(bytes: &[u8]) -> Option<Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let column = |line: usize, byte_column: usize| {
        let start: usize = bytes
            .split(|&b| b == b'\n')
            .take(line.saturating_sub(1))
            .map(|l| l.len() + 1)
            .sum();
        let end = start.saturating_add(byte_column).min(bytes.len());
        bytes.get(start.min(end)..end).map_or(byte_column, |s| {
            s.iter().filter(|&&b| b & 0xC0 != 0x80).count()
        })
    };
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
    }
    if let Ok(Head {
        format: Some(found),
    }) = serde_json::from_slice::<Head>(bytes)
    {
        if !found
            .as_u64()
            .is_some_and(|v| SUPPORTED_FORMATS.iter().any(|&s| u64::from(s) == v))
        {
            let at = locate(bytes, "format");
            return Some(Problem {
                kind: ProblemKind::UnsupportedFormat,
                path: "format".into(),
                line: at.map(|a| a.0),
                column: at.map(|a| a.1),
                message: format!(
                    "unsupported format version {found}; this atlas reads version(s) 1"
                ),
            });
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, RawDataset>(&mut de) {
        Ok(_) => de.end().err().map(|e| Problem {
            kind: ProblemKind::Syntax,
            path: String::new(),
            line: Some(e.line()),
            column: Some(column(e.line(), e.column())),
            message: "unexpected text after the end of the JSON document".into(),
        }),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let text = inner.to_string();
            Some(Problem {
                kind: match inner.classify() {
                    serde_json::error::Category::Data => ProblemKind::Shape,
                    _ => ProblemKind::Syntax,
                },
                path: if path == "." { String::new() } else { path },
                line: Some(inner.line()).filter(|&l| l > 0),
                column: Some(column(inner.line(), inner.column())).filter(|_| inner.line() > 0),
                message: text
                    .rfind(" at line ")
                    .map_or(text.clone(), |i| text[..i].to_owned()),
            })
        }
    }
}

/// Both parsers on `bytes`; whole-file problems (empty, HTML, too large) are not compared.
fn compare(bytes: &[u8]) -> Result<(), String> {
    let new = parse(bytes).err();
    if new.as_ref().is_some_and(|p| {
        matches!(
            p.kind,
            ProblemKind::Empty | ProblemKind::LooksLikeHtml | ProblemKind::TooLarge
        )
    }) {
        return Ok(());
    }
    let old = tracked(bytes);
    let show = |p: &Option<Problem>| p.as_ref().map(|p| format!("{:?} {}", p.kind, render(p)));
    if show(&new) == show(&old) {
        Ok(())
    } else if let (Some(new), Some(old), Some(bad)) = (&new, &old, first_bad_byte(bytes)) {
        // The text is checked for UTF-8 before it is parsed: the first bad byte is reported,
        // at its own position, where serde checked each string and said "invalid unicode code
        // point" (with that string's path) or refused the byte as a token.
        let same_path = old.message != "invalid unicode code point" || new.path == old.path;
        if new.message.starts_with("the file is not UTF-8 text")
            && (new.line, new.column) == (Some(bad.0), Some(bad.1))
            && same_path
        {
            Ok(())
        } else {
            Err(format!(
                "not UTF-8 at {bad:?}\n new: {new:?}\n old: {old:?}"
            ))
        }
    } else {
        // The lines around the error, enough to see the edit.
        let line = old.as_ref().and_then(|p| p.line).unwrap_or(1);
        let text = String::from_utf8_lossy(bytes);
        let near: Vec<&str> = text.lines().skip(line.saturating_sub(3)).take(4).collect();
        Err(format!(
            "{:?}\n new: {:?}\n old: {:?}",
            near.join("\n"),
            show(&new),
            show(&old)
        ))
    }
}

/// The line and column (in characters, 1-based) of the first byte that is not UTF-8, after a
/// byte order mark.
fn first_bad_byte(bytes: &[u8]) -> Option<(usize, usize)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let at = std::str::from_utf8(bytes).err()?.valid_up_to();
    let before = std::str::from_utf8(&bytes[..at]).ok()?;
    let line = before.lines().count().max(1) + usize::from(before.ends_with('\n'));
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

/// Bytes that change JSON's structure more often than random ones.
const JSONISH: &[u8] = b"{}[]\":,\\ \n0123456789.-+eEtrufalsn\x01\xc3\xa9\xff";
const SNIPPETS: &[&str] = &[
    "\"x\": 1,",
    "{}",
    "[]",
    "null",
    "\"\\u00e9\"",
    "{\"a\":",
    "[1,",
    ",",
    "\"",
    "\"format\": 2,",
    "\"id\": \"a\",",
    "1e400",
    "\"\\ud800\"",
    "[[[[",
    "}}",
    "{\"type\": \"Polygon\"}",
    "{\"kind\": \"equirectangular\"}",
    "\"kind\"",
    "[0, 1, 2]",
    "[0]",
    "\"en\": 1",
];

fn mutate(edits: &[(usize, u8, u8, usize)]) -> Vec<u8> {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    for (at, byte, op, other) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = at % bytes.len();
        let j = other % bytes.len();
        let (lo, hi) = (i.min(j), i.max(j));
        let byte = JSONISH[usize::from(*byte) % JSONISH.len()];
        match op % 8 {
            0 => bytes[i] = byte,
            1 => {
                bytes.remove(i);
            }
            2 => bytes.insert(i, byte),
            // A token-sized deletion: a value, a key, a bracket and what follows.
            3 => {
                bytes.drain(i..(i + 1 + usize::from(byte % 12)).min(bytes.len()));
            }
            4 => bytes.truncate(i),
            5 => {
                let s = SNIPPETS[usize::from(byte) % SNIPPETS.len()];
                bytes.splice(i..i, s.bytes());
            }
            // Copy a stretch of the document elsewhere: repeated keys, values of the wrong type.
            6 => {
                let stretch: Vec<u8> = bytes[lo..hi.min(lo + 200)].to_vec();
                let k = (other / 7) % bytes.len();
                bytes.splice(k..k, stretch);
            }
            _ => {
                bytes.drain(lo..hi.min(lo + 300));
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn mutated_datasets_get_the_path_serde_tracked(
        edits in proptest::collection::vec(
            (any::<usize>(), any::<u8>(), any::<u8>(), any::<usize>()),
            1..4,
        )
    ) {
        let bytes = mutate(&edits);
        if let Err(diff) = compare(&bytes) {
            prop_assert!(false, "{}", diff);
        }
    }
}

/// A survey for development: many mutations, every disagreement counted and the first shown.
#[test]
#[ignore]
fn survey() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let n: usize = std::env::var("SURVEY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20000);
    let mut diffs = Vec::new();
    for _ in 0..n {
        let count = 1 + (next() % 3) as usize;
        let edits: Vec<_> = (0..count)
            .map(|_| (next() as usize, next() as u8, next() as u8, next() as usize))
            .collect();
        if let Err(d) = compare(&mutate(&edits)) {
            diffs.push(d);
        }
    }
    diffs.sort_by_key(|d| d.len());
    for d in diffs.iter().take(6) {
        println!("{d}\n");
    }
    assert!(diffs.is_empty(), "{} of {n} differ", diffs.len());
}

/// [`parsed`] after replacing `find` (first occurrence) in `text`, checked against the reference.
fn edited(text: &str, find: &str, replace: &str) -> String {
    assert!(text.contains(find), "the text does not contain {find:?}");
    let edited = text.replacen(find, replace, 1);
    if let Err(diff) = compare(edited.as_bytes()) {
        panic!("{diff}");
    }
    parsed(&edited)
}

#[test]
fn errors_are_placed_at_the_path_and_position_serde_tracked() {
    let point = "\"precision\": \"town\" }";
    // An unknown field deep in a place: the key, after its closing quote.
    assert_eq!(
        edited(MINIMAL, point, "\"precision\": \"town\", \"altitude\": 3 }"),
        "64:69: places[0].point.altitude: unknown field `altitude`, expected one of `lon`, `lat`, `precision`"
    );
    // A wrong type in an array element.
    assert_eq!(
        edited(
            MINIMAL,
            "\"languages\": [\"fr\", \"en\"]",
            "\"languages\": [\"fr\", 2]"
        ),
        "10:25: metadata.languages[1]: invalid type: integer `2`, expected a string"
    );
    // A missing field is reported at the object's closing brace, on the object.
    assert_eq!(
        edited(MINIMAL, "\"id\": \"campus\",\n", ""),
        "67:5: places[0]: missing field `id`"
    );
    // Text after the document.
    assert_eq!(
        edited(MINIMAL, "\n}\n", "\n}\n, {}"),
        "93:1: : unexpected text after the end of the JSON document"
    );
    // A truncated file, after a comma: the list left open.
    let cut = &MINIMAL[..MINIMAL.find("[2, 50]").unwrap_or(0)];
    assert_eq!(
        edited(cut, "[0, 48], [2, 48], ", "[0, 48], [2, 48], "),
        "31:74: regions[0].geometry.coordinates[0]: EOF while parsing a value"
    );
}

#[test]
fn columns_of_errors_inside_accented_text_count_characters() {
    let minified: String = MINIMAL.lines().map(str::trim).collect();
    let accented = "\"en\": \"Atlas d’essai — Île-de-France 🇫🇷😀 \\q\"";
    let got = edited(&minified, "\"en\": \"Test atlas\"", accented);
    let before = &minified[..minified.find("\"en\": \"Test atlas\"").unwrap_or(0)];
    // serde_json stops after the bad escape's letter; count characters up to there.
    let column = before.chars().count() + accented.chars().count() - 1;
    assert_eq!(
        got,
        format!("1:{column}: metadata.title.en: invalid escape")
    );
    assert!(
        column + 10 < before.len() + accented.len(),
        "multi-byte characters before the error"
    );
}

#[test]
fn a_byte_order_mark_moves_neither_path_nor_column() {
    let with_bom = format!("\u{feff}{MINIMAL}");
    assert_eq!(
        edited(&with_bom, "\"value\": 1000", "\"value\": [1000]"),
        "52:38: indicators[0].values[0].value: invalid type: sequence, expected f64"
    );
    assert_eq!(
        edited(&with_bom, "\"format\": 1,", "\"format\": 1, \"format\": 1,"),
        "2:23: : duplicate field `format`"
    );
}

#[test]
fn a_future_format_is_named_before_its_unknown_fields() {
    assert_eq!(
        edited(MINIMAL, "\"format\": 1,", "\"format\": 3, \"layers\": [],"),
        "2:13: format: unsupported format version 3; this atlas reads version(s) 1"
    );
    // And after a successful typed parse too.
    assert_eq!(
        edited(MINIMAL, "\"format\": 1,", "\"format\": 4,"),
        "2:13: format: unsupported format version 4; this atlas reads version(s) 1"
    );
}
