//! The lines of a dataset's text around a problem's position, with the spot marked, as the
//! check page shows them.
//!
//! Positions are the validator's: 1-based lines split at `\n`, columns counted in characters
//! (Unicode scalar values) after a leading byte-order mark. A minified 16 MB file is one line, so
//! a line is shown through a window of [`WIDTH`] characters around the column, and an index of
//! checkpoints keeps 500 excerpts of such a line to 500 short scans.

use serde::{Deserialize, Serialize};

/// Characters of each line shown.
pub const WIDTH: usize = 72;
/// Lines shown before and after the problem's line.
pub const CONTEXT_LINES: usize = 2;
/// Bytes between two checkpoints of [`TextIndex`].
const CHECKPOINT_BYTES: usize = 4096;

/// A few lines of the text, the problem's line marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    pub lines: Vec<ExcerptLine>,
}

/// One line of an [`Excerpt`], possibly a window of a longer line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcerptLine {
    /// 1-based line number in the file.
    pub number: usize,
    /// The characters shown (tabs as spaces, so the mark stays under its character).
    pub text: String,
    /// Characters of the line were left out before `text`.
    pub cut_before: bool,
    /// Characters of the line were left out after `text`.
    pub cut_after: bool,
    /// On the problem's line: how many characters of `text` come before the marked spot
    /// (`text`'s length when the spot is the end of the line).
    pub marker: Option<usize>,
}

impl ExcerptLine {
    /// The text before the marked character, the character itself (empty at the end of the
    /// line) and the rest; `None` on a line without a mark.
    pub fn marked_parts(&self) -> Option<(&str, &str, &str)> {
        let at = self.marker?;
        let start = self
            .text
            .char_indices()
            .nth(at)
            .map_or(self.text.len(), |(i, _)| i);
        let end = self.text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        Some((
            &self.text[..start],
            &self.text[start..end],
            &self.text[end..],
        ))
    }
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    /// 0-based line and character column of the character starting at `byte`.
    line: usize,
    column: usize,
}

/// Line starts and checkpoints of a text, built in one pass, for many excerpts of it.
pub struct TextIndex<'a> {
    bytes: &'a [u8],
    line_starts: Vec<usize>,
    checkpoints: Vec<Checkpoint>,
}

impl<'a> TextIndex<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut line_starts = vec![0];
        let mut checkpoints = Vec::new();
        let (mut line, mut column) = (0, 0);
        let mut next_checkpoint = CHECKPOINT_BYTES;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                line += 1;
                column = 0;
                line_starts.push(i + 1);
            } else if b & 0xC0 != 0x80 {
                if i >= next_checkpoint {
                    checkpoints.push(Checkpoint {
                        byte: i,
                        line,
                        column,
                    });
                    next_checkpoint = i + CHECKPOINT_BYTES;
                }
                column += 1;
            }
        }
        TextIndex {
            bytes,
            line_starts,
            checkpoints,
        }
    }

    /// Byte range of 0-based `line`, without its `\n` or `\r\n`.
    fn line_range(&self, line: usize) -> Option<(usize, usize)> {
        let start = *self.line_starts.get(line)?;
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.bytes.len(), |next| next - 1);
        if end > start && self.bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some((start, end))
    }

    /// Byte offset of the character at 0-based `column` of `line` (its end when shorter).
    fn offset(&self, line: usize, (start, end): (usize, usize), column: usize) -> usize {
        let (mut pos, mut at) = (start, 0);
        let k = self
            .checkpoints
            .partition_point(|cp| (cp.line, cp.column) <= (line, column));
        if let Some(cp) = k.checked_sub(1).and_then(|k| self.checkpoints.get(k)) {
            if cp.line == line {
                (pos, at) = (cp.byte, cp.column);
            }
        }
        while pos < end && at < column {
            pos += 1;
            while pos < end && self.bytes.get(pos).is_some_and(|b| b & 0xC0 == 0x80) {
                pos += 1;
            }
            at += 1;
        }
        pos.min(end)
    }

    /// The lines around 1-based `line`:`column`, or `None` when the text has no such line.
    pub fn excerpt(&self, line: usize, column: usize) -> Option<Excerpt> {
        let target = line.checked_sub(1)?;
        self.line_range(target)?;
        let col = column.saturating_sub(1);
        // The same window on every line keeps the columns aligned; short lines start at 0.
        let first = if col < WIDTH - WIDTH / 4 {
            0
        } else {
            col - WIDTH / 2
        };
        let from = target.saturating_sub(CONTEXT_LINES);
        let to = (target + CONTEXT_LINES).min(self.line_starts.len() - 1);
        let lines = (from..=to)
            .filter_map(|l| {
                let range = self.line_range(l)?;
                let a = self.offset(l, range, first);
                let b = self.offset(l, range, first + WIDTH);
                let text: String = String::from_utf8_lossy(self.bytes.get(a..b)?)
                    .chars()
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect();
                let shown = text.chars().count();
                Some(ExcerptLine {
                    number: l + 1,
                    cut_before: a > range.0,
                    cut_after: b < range.1,
                    marker: (l == target).then(|| (col - first).min(shown)),
                    text,
                })
            })
            .collect();
        Some(Excerpt { lines })
    }
}

/// One excerpt of `text` around `line`:`column` (see [`TextIndex`] for many).
pub fn excerpt(text: &[u8], line: usize, column: usize) -> Option<Excerpt> {
    TextIndex::new(text).excerpt(line, column)
}
