//! Stage one: the bytes must be JSON of the right shape; the first error stops, with its JSON
//! path and line:column. One typed pass; the path of an error is found afterwards from its
//! position.

use serde::Deserialize;

use super::locate::{error_path, locate, ParseError};
use super::{Problem, ProblemKind};
use crate::limits::MAX_DATASET_BYTES;
use crate::model::{Geometry, Projection, RawDataset, SUPPORTED_FORMATS};

/// Stage one: JSON of the right shape, or the first error with its path and position.
pub fn parse(bytes: &[u8]) -> Result<RawDataset, Problem> {
    if bytes.len() > MAX_DATASET_BYTES {
        return Err(Problem::whole(
            ProblemKind::TooLarge,
            format!(
                "the file is {} bytes; the largest accepted is {} bytes",
                bytes.len(),
                MAX_DATASET_BYTES
            ),
        ));
    }
    let bytes = without_bom(bytes);
    if let Some(problem) = not_json_hint(bytes) {
        return Err(problem);
    }
    // The text is checked for UTF-8 once, so that serde_json need not check every string (a
    // sixth of the parse). Only the JSON before a byte that is not UTF-8 is read, so that an
    // error earlier in the file is still the one reported.
    let (text, not_utf8_at) = match std::str::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            (
                std::str::from_utf8(valid).unwrap_or_default(),
                Some(e.valid_up_to()),
            )
        }
    };
    // One typed pass. The format version is checked after it (or, when it fails, before its
    // error is reported) so that a future format gets a clear message instead of a list of
    // unknown fields.
    let mut de = serde_json::Deserializer::from_str(text);
    let typed = RawDataset::deserialize(&mut de);
    if let Some(at) = not_utf8_at {
        if typed.as_ref().err().is_none_or(serde_json::Error::is_eof) {
            return Err(not_utf8(bytes, at));
        }
    }
    match typed {
        Ok(raw) => match de.end() {
            // A map, not the array form serde also accepts, is what the version check reads.
            Ok(()) if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') => {
                match unsupported(&raw.format, SUPPORTED_FORMATS.contains(&raw.format), bytes) {
                    Some(problem) => Err(problem),
                    None => Ok(raw),
                }
            }
            Ok(()) => Ok(raw),
            // The version check reads a whole document, so text after it leaves it silent.
            Err(e) => Err(Problem {
                kind: ProblemKind::Syntax,
                path: String::new(),
                line: Some(e.line()),
                column: Some(char_column(bytes, e.line(), e.column())),
                message: "unexpected text after the end of the JSON document".into(),
            }),
        },
        Err(e) => {
            if let Some(problem) = unsupported_format(bytes) {
                return Err(problem);
            }
            let message = serde_message(&e);
            let kind = match e.classify() {
                serde_json::error::Category::Data => ProblemKind::Shape,
                _ => ProblemKind::Syntax,
            };
            let path = error_path(
                bytes,
                &ParseError {
                    offset: byte_offset(bytes, e.line(), e.column()),
                    eof: e.is_eof(),
                    data: e.is_data(),
                    blames_object_of_key: message.starts_with("duplicate field")
                        || message.starts_with("unknown variant"),
                    blames_array: message.starts_with("trailing characters"),
                    inside_buffered: &inside_buffered,
                    enum_at: &|start| enum_at(bytes, start),
                },
            );
            Err(Problem {
                kind,
                path,
                line: Some(e.line()).filter(|&l| l > 0),
                column: Some(char_column(bytes, e.line(), e.column())).filter(|_| e.line() > 0),
                message,
            })
        }
    }
}

/// The problem for a byte that is not UTF-8 at `at`, where the JSON before it is fine.
fn not_utf8(bytes: &[u8], at: usize) -> Problem {
    let before = bytes.get(..at).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = line_start(bytes, line).unwrap_or_default();
    // The bad byte itself may be a stray continuation byte, which `char_column` would not count.
    let column = char_column(bytes, line, at.saturating_sub(start)) + 1;
    let path = error_path(
        bytes,
        &ParseError {
            offset: at,
            eof: false,
            data: false,
            blames_object_of_key: false,
            blames_array: false,
            inside_buffered: &|_, _| false,
            enum_at: &|_| false,
        },
    );
    let byte = bytes.get(at).copied().unwrap_or_default();
    Problem {
        kind: ProblemKind::Syntax,
        path,
        line: Some(line),
        column: Some(column),
        message: format!(
            "the file is not UTF-8 text: byte 0x{byte:02X} here is not part of a character; save the file as UTF-8"
        ),
    }
}

/// The internally tagged enums are read whole before being typed, so serde reports their
/// errors after the enclosing object's closing brace; reading the value alone tells.
fn inside_buffered(path: &str, value: &[u8]) -> bool {
    let in_region = path
        .strip_prefix("regions[")
        .and_then(|rest| rest.strip_suffix("].geometry"))
        .is_some_and(|index| index.bytes().all(|b| b.is_ascii_digit()));
    if in_region {
        serde_json::from_slice::<Geometry>(value).is_err()
    } else if path == "map.projection" {
        serde_json::from_slice::<Projection>(value).is_err()
    } else {
        false
    }
}

/// Whether serde reads the value at `start` as an enum: the document up to there, then a string
/// no enum has as a variant, is refused as an unknown variant.
fn enum_at(bytes: &[u8], start: usize) -> bool {
    let mut probe = bytes.get(..start).unwrap_or_default().to_vec();
    probe.extend_from_slice(b"\"\\u0001\"");
    let Ok(probe) = std::str::from_utf8(&probe) else {
        return false;
    };
    serde_json::from_str::<RawDataset>(probe)
        .err()
        .is_some_and(|e| e.to_string().starts_with("unknown variant"))
}

/// The byte offset of serde_json's line (1-based) and column (bytes into the line).
fn byte_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    if line == 0 {
        return bytes.len();
    }
    match line_start(bytes, line) {
        Some(start) => start.saturating_add(column).min(bytes.len()),
        None => bytes.len(),
    }
}

/// Where 1-based line `line` starts in `bytes`, or `None` when the text has fewer lines.
fn line_start(bytes: &[u8], line: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        let rest = bytes.get(start..)?;
        start += rest.iter().position(|&b| b == b'\n')? + 1;
    }
    Some(start)
}

/// serde_json appends " at line L column C" to its messages; the position has its own fields.
fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// An HTML page or an empty body is the commonest wrong answer from a host; say so plainly.
fn not_json_hint(bytes: &[u8]) -> Option<Problem> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    match start.and_then(|i| bytes.get(i)) {
        None => Some(Problem::whole(ProblemKind::Empty, "the file is empty")),
        Some(b'<') => Some(Problem::whole(
            ProblemKind::LooksLikeHtml,
            "the file is HTML or XML, not JSON (is the dataset URL right?)",
        )),
        _ => None,
    }
}

/// The version check on its own, for a document the typed parse refused: reads only `format`.
fn unsupported_format(bytes: &[u8]) -> Option<Problem> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
    }
    let head: Head = serde_json::from_slice(bytes).ok()?;
    let found = head.format?;
    let ok = found
        .as_u64()
        .is_some_and(|v| SUPPORTED_FORMATS.iter().any(|&s| u64::from(s) == v));
    unsupported(&found, ok, bytes)
}

/// The problem for a `format` this build does not read, located at its value.
fn unsupported(found: &dyn std::fmt::Display, ok: bool, bytes: &[u8]) -> Option<Problem> {
    if ok {
        return None;
    }
    let supported = SUPPORTED_FORMATS
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut problem = Problem {
        kind: ProblemKind::UnsupportedFormat,
        path: "format".into(),
        line: None,
        column: None,
        message: format!(
            "unsupported format version {found}; this atlas reads version(s) {supported}"
        ),
    };
    if let Some((l, c)) = locate(bytes, "format") {
        problem.line = Some(l);
        problem.column = Some(c);
    }
    Some(problem)
}

/// RFC 8259 §8.1 lets a parser ignore a leading byte order mark, which Windows editors write;
/// positions are then counted after it, as editors show them.
pub(super) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// serde_json counts columns in bytes; publishers' editors count characters. `byte_column`
/// bytes of line `line` (1-based), as characters: UTF-8 continuation bytes are not counted.
fn char_column(bytes: &[u8], line: usize, byte_column: usize) -> usize {
    let Some(start) = line_start(bytes, line) else {
        return byte_column;
    };
    let end = start.saturating_add(byte_column).min(bytes.len());
    bytes.get(start..end).map_or(byte_column, |s| {
        s.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    })
}
