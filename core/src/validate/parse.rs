//! Stage one: the bytes must be JSON of the right shape; the first error stops, with its JSON
//! path and line:column.

use super::locate::locate;
use super::{Problem, ProblemKind};
use crate::limits::MAX_DATASET_BYTES;
use crate::model::{RawDataset, SUPPORTED_FORMATS};

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
    // Read the format version first so that a future format gets a clear message instead of a
    // list of unknown fields.
    if let Some(problem) = unsupported_format(bytes) {
        return Err(problem);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result: Result<RawDataset, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(raw) => match de.end() {
            Ok(()) => Ok(raw),
            Err(e) => Err(Problem {
                kind: ProblemKind::Syntax,
                path: String::new(),
                line: Some(e.line()),
                column: Some(char_column(bytes, e.line(), e.column())),
                message: "unexpected text after the end of the JSON document".into(),
            }),
        },
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let path = if path == "." { String::new() } else { path };
            let kind = match inner.classify() {
                serde_json::error::Category::Data => ProblemKind::Shape,
                _ => ProblemKind::Syntax,
            };
            Err(Problem {
                kind,
                path,
                line: Some(inner.line()).filter(|&l| l > 0),
                column: Some(char_column(bytes, inner.line(), inner.column()))
                    .filter(|_| inner.line() > 0),
                message: serde_message(&inner),
            })
        }
    }
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

fn unsupported_format(bytes: &[u8]) -> Option<Problem> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde_json::Value>,
    }
    let head: Head = serde_json::from_slice(bytes).ok()?;
    let found = head.format?;
    let supported = SUPPORTED_FORMATS
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let ok = found
        .as_u64()
        .is_some_and(|v| SUPPORTED_FORMATS.iter().any(|&s| u64::from(s) == v));
    if ok {
        return None;
    }
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
    let mut start = 0;
    for _ in 1..line {
        match bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        {
            Some(i) => start += i + 1,
            None => return byte_column,
        }
    }
    let end = start.saturating_add(byte_column).min(bytes.len());
    bytes.get(start..end).map_or(byte_column, |s| {
        s.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    })
}
