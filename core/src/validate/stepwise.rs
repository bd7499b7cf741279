//! Building the dataset of a large file that the validator has already passed, in steps short
//! enough for a page to stay responsive between them (the check page's preview of a 16 MB file).
//!
//! One `serde_json` call over 16 MB is a task of a second or more in the browser. The file's
//! big top-level arrays (`regions`, `places`) are therefore cut out of it: the rest (the
//! skeleton) is parsed in one step, then the arrays' elements a slice at a time. Nothing is
//! validated again: the caller has the validator's verdict on these very bytes (the check page's
//! worker ran [`super::load_counted`] on them), and the result equals what `load` builds.

use std::ops::Range;

use super::{index, parse::without_bom, Dataset};
use crate::model::{Place, RawDataset, Region};

/// About this many bytes of array elements are parsed per step.
pub const STEP_BYTES: usize = 256 * 1024;

/// The top-level arrays parsed apart from the skeleton, in the order their steps run.
const SPLIT_ARRAYS: [&str; 2] = ["regions", "places"];

/// The dataset of a checked file, built a step at a time: call [`StepwiseLoad::step`] until it
/// answers [`Step::Done`].
pub struct StepwiseLoad {
    bytes: Vec<u8>,
    /// The split arrays: key, the array's byte range (brackets included) and its elements'.
    /// Found by the first step (`arrays_found`), so that preparing the steps costs nothing.
    arrays: Vec<SplitArray>,
    arrays_found: bool,
    raw: Option<RawDataset>,
    /// The array being parsed and its next element.
    cursor: (usize, usize),
    done_bytes: usize,
    total_bytes: usize,
}

struct SplitArray {
    key: &'static str,
    span: Range<usize>,
    elements: Vec<Range<usize>>,
}

/// What a step did.
pub enum Step {
    /// More steps to go; `done` of `total` bytes are parsed.
    Progress { done: usize, total: usize },
    /// The dataset, as [`super::load`] builds it.
    Done(Box<Dataset>),
    /// The bytes are not the checked file after all (they do not parse): load them the usual
    /// way, which reports why.
    Failed,
}

impl StepwiseLoad {
    /// Prepares the steps for `bytes`, which the validator passed (see the module's note).
    pub fn of_checked(bytes: Vec<u8>) -> StepwiseLoad {
        let start = bytes.len() - without_bom(&bytes).len();
        let total_bytes = bytes.len().saturating_sub(start);
        StepwiseLoad {
            bytes,
            arrays: Vec::new(),
            arrays_found: false,
            raw: None,
            cursor: (0, 0),
            done_bytes: 0,
            total_bytes,
        }
    }

    /// The file's bytes back, to load them the usual way after [`Step::Failed`].
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Runs the next part: finding the big arrays, parsing the skeleton, then about
    /// [`STEP_BYTES`] of array elements at a time.
    pub fn step(&mut self) -> Step {
        if !self.arrays_found {
            // Finding the arrays reads the whole file: a step of its own.
            let start = self.bytes.len() - self.total_bytes;
            self.arrays = split_arrays(&self.bytes, start);
            self.arrays_found = true;
            return Step::Progress {
                done: 0,
                total: self.total_bytes,
            };
        }
        let Some(raw) = self.raw.as_mut() else {
            return match self.parse_skeleton() {
                Some(raw) => {
                    let split: usize = self.arrays.iter().map(|a| a.span.len()).sum();
                    self.done_bytes = self.total_bytes.saturating_sub(split);
                    self.raw = Some(raw);
                    self.progress_or_done()
                }
                None => Step::Failed,
            };
        };
        let (a, first) = self.cursor;
        let Some(array) = self.arrays.get(a) else {
            return self.progress_or_done();
        };
        let mut last = first;
        while last < array.elements.len()
            && (last == first
                || array.elements[last].end - array.elements[first].start <= STEP_BYTES)
        {
            last += 1;
        }
        let Some(slice) = array_of(&self.bytes, &array.elements[first..last]) else {
            self.cursor = (a + 1, 0);
            return self.progress_or_done();
        };
        let parsed = match array.key {
            "regions" => from_text::<Vec<Region>>(&slice)
                .map(|mut v| raw.regions.append(&mut v))
                .is_some(),
            _ => from_text::<Vec<Place>>(&slice)
                .map(|mut v| raw.places.append(&mut v))
                .is_some(),
        };
        if !parsed {
            return Step::Failed;
        }
        self.done_bytes += slice.len().saturating_sub(2);
        self.cursor = if last < array.elements.len() {
            (a, last)
        } else {
            (a + 1, 0)
        };
        self.progress_or_done()
    }

    fn progress_or_done(&mut self) -> Step {
        if self.cursor.0 < self.arrays.len() {
            return Step::Progress {
                done: self.done_bytes.min(self.total_bytes),
                total: self.total_bytes,
            };
        }
        match self.raw.take() {
            Some(raw) => Step::Done(Box::new(index(raw))),
            None => Step::Failed,
        }
    }

    /// The file with each split array emptied (`[]`), parsed.
    fn parse_skeleton(&self) -> Option<RawDataset> {
        let mut skeleton = Vec::with_capacity(self.total_bytes);
        let mut at = self.bytes.len() - self.total_bytes;
        for array in &self.arrays {
            skeleton.extend_from_slice(self.bytes.get(at..array.span.start)?);
            skeleton.extend_from_slice(b"[]");
            at = array.span.end;
        }
        skeleton.extend_from_slice(self.bytes.get(at..)?);
        from_text(&skeleton)
    }
}

/// Parsed as [`super::parse`] does, as text: one set of deserializers for both.
fn from_text<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    serde_json::from_str(std::str::from_utf8(bytes).ok()?).ok()
}

/// `elements` (contiguous, comma-separated in the file) as one JSON array.
fn array_of(bytes: &[u8], elements: &[Range<usize>]) -> Option<Vec<u8>> {
    let first = elements.first()?;
    let last = elements.last()?;
    let inner = bytes.get(first.start..last.end)?;
    let mut out = Vec::with_capacity(inner.len() + 2);
    out.push(b'[');
    out.extend_from_slice(inner);
    out.push(b']');
    Some(out)
}

/// The top-level arrays named in [`SPLIT_ARRAYS`], in file order, with their elements' ranges.
/// Anything unexpected (not an object, a key written with escapes, a repeated key) leaves that
/// part to the skeleton, which parses it as `load` does.
fn split_arrays(bytes: &[u8], start: usize) -> Vec<SplitArray> {
    let mut scan = Scanner { bytes, at: start };
    let mut arrays = Vec::new();
    scan.skip_space();
    if !scan.eat(b'{') {
        return arrays;
    }
    loop {
        scan.skip_space();
        let Some(key) = scan.string().and_then(|r| bytes.get(r)) else {
            return arrays;
        };
        scan.skip_space();
        if !scan.eat(b':') {
            return arrays;
        }
        scan.skip_space();
        let known = SPLIT_ARRAYS
            .iter()
            .find(|k| k.as_bytes() == key && !arrays.iter().any(|a: &SplitArray| a.key == **k));
        match known {
            Some(&key) if scan.peek() == Some(b'[') => {
                let Some((span, elements)) = scan.array_elements() else {
                    return arrays;
                };
                arrays.push(SplitArray {
                    key,
                    span,
                    elements,
                });
            }
            _ => {
                if scan.skip_value().is_none() {
                    return arrays;
                }
            }
        }
        scan.skip_space();
        if !scan.eat(b',') {
            return arrays;
        }
    }
}

/// A forward scan over JSON text that finds where values start and end, without building them.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let ok = self.peek() == Some(byte);
        if ok {
            self.at += 1;
        }
        ok
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Where a string's raw contents are (escapes not decoded); the scan goes past its quote.
    fn string(&mut self) -> Option<Range<usize>> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.at;
        loop {
            // Most of a dataset's bytes are inside strings: jump to the next quote or escape.
            let rest = self.bytes.get(self.at..)?;
            self.at += rest.iter().position(|&b| b == b'"' || b == b'\\')?;
            if self.peek()? == b'"' {
                break;
            }
            self.at += 2;
        }
        let contents = start..self.at;
        self.at += 1;
        Some(contents)
    }

    /// Past one value of any kind.
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    let rest = self.bytes.get(self.at..)?;
                    self.at += rest
                        .iter()
                        .position(|b| matches!(b, b'"' | b'{' | b'[' | b'}' | b']'))?;
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        _ => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                    }
                    self.at += 1;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// An array's span (brackets included) and its elements' spans.
    fn array_elements(&mut self) -> Option<(Range<usize>, Vec<Range<usize>>)> {
        let open = self.at;
        if !self.eat(b'[') {
            return None;
        }
        let mut elements = Vec::new();
        self.skip_space();
        if self.eat(b']') {
            return Some((open..self.at, elements));
        }
        loop {
            self.skip_space();
            let start = self.at;
            self.skip_value()?;
            elements.push(start..self.at);
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some((open..self.at, elements));
                }
                _ => return None,
            }
        }
    }
}
