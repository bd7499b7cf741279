//! Parsing with exact positions, then semantic checks that report every problem.
//!
//! Two stages, as a publisher experiences them: first the file must be JSON of the right shape
//! (the first error stops, with its JSON path and line:column, [`parse`]); then its meaning is
//! checked and *all* problems are reported ([`check`]), each located in the original text
//! ([`locate`]). Nothing here panics, whatever the bytes.

mod check;
mod locate;
mod parse;
mod rules;
pub mod stepwise;

// foldhash for the id indexes: see check.rs.
use foldhash::{HashMap, HashMapExt};
use std::fmt;

use crate::model::*;

pub use check::{check, check_counted};
pub use locate::locate;
pub use parse::parse;
pub use rules::{safe_url, valid_date, valid_id, valid_lonlat};

/// What is wrong, for readers that react to the kind of problem rather than its English text
/// (the app's error summary, the validator's JSON output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The file is larger than [`crate::limits::MAX_DATASET_BYTES`].
    TooLarge,
    /// Nothing but whitespace.
    Empty,
    /// The file starts with `<`: an HTML page (a wrong address, a login page) or XML.
    LooksLikeHtml,
    /// Not well-formed JSON: a syntax error, a truncated file, text after the document.
    Syntax,
    /// A `format` version this build does not read.
    UnsupportedFormat,
    /// JSON that does not fit the format: unknown or missing field, wrong type, unknown variant.
    Shape,
    /// More entries, characters or positions than [`crate::limits`] accepts.
    Limit,
    /// An id that is not 1–64 letters, digits, `-` or `_`.
    InvalidId,
    /// The same id, inset or yearly value twice.
    Duplicate,
    /// An id that names nothing of the expected kind.
    Reference,
    /// A `part_of` chain that comes back to where it started.
    Cycle,
    /// Something required is absent or empty.
    Missing,
    /// A language or currency code the atlas does not know.
    UnknownCode,
    /// Text with control characters.
    Text,
    /// A link that is not `http(s)`.
    Link,
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// A number out of its range, of the wrong sign, not whole, or sums that do not work out.
    Number,
    /// Region or point geometry that cannot be drawn or placed.
    Geometry,
    /// Map settings: projection parameters and insets.
    Map,
}

impl ProblemKind {
    /// A stable snake_case name for machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::TooLarge => "too_large",
            ProblemKind::Empty => "empty",
            ProblemKind::LooksLikeHtml => "looks_like_html",
            ProblemKind::Syntax => "syntax",
            ProblemKind::UnsupportedFormat => "unsupported_format",
            ProblemKind::Shape => "shape",
            ProblemKind::Limit => "limit",
            ProblemKind::InvalidId => "invalid_id",
            ProblemKind::Duplicate => "duplicate",
            ProblemKind::Reference => "reference",
            ProblemKind::Cycle => "cycle",
            ProblemKind::Missing => "missing",
            ProblemKind::UnknownCode => "unknown_code",
            ProblemKind::Text => "text",
            ProblemKind::Link => "link",
            ProblemKind::Date => "date",
            ProblemKind::Number => "number",
            ProblemKind::Geometry => "geometry",
            ProblemKind::Map => "map",
        }
    }
}

/// One thing wrong with a dataset, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// JSON path such as `places[3].region`; empty for the whole document.
    pub path: String,
    /// 1-based line and column of the value at `path`, when known. Columns count characters
    /// (Unicode scalar values), as editors do, not bytes.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    /// A problem of the whole document, with no position.
    pub(crate) fn whole(kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            path: String::new(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        if self.path.is_empty() {
            write!(f, "(document): {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A dataset that passed every check: references resolve, numbers are finite and in range.
///
/// Only [`load`] builds one, so the views may rely on these guarantees; lookups still return
/// `Option` so that a view never needs to unwrap.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    raw: RawDataset,
    regions: HashMap<String, usize>,
    places: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    indicators: HashMap<String, usize>,
    funding: HashMap<String, usize>,
    shares: HashMap<String, usize>,
}

impl Dataset {
    pub fn raw(&self) -> &RawDataset {
        &self.raw
    }
    pub fn metadata(&self) -> &Metadata {
        &self.raw.metadata
    }
    pub fn regions(&self) -> &[Region] {
        &self.raw.regions
    }
    pub fn places(&self) -> &[Place] {
        &self.raw.places
    }
    pub fn indicators(&self) -> &[Indicator] {
        &self.raw.indicators
    }
    pub fn funding(&self) -> &[Funding] {
        &self.raw.funding
    }
    pub fn shares(&self) -> &[Share] {
        &self.raw.shares
    }
    pub fn sources(&self) -> &[Source] {
        &self.raw.sources
    }
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.get(id).and_then(|&i| self.raw.regions.get(i))
    }
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.get(id).and_then(|&i| self.raw.places.get(i))
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id).and_then(|&i| self.raw.sources.get(i))
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators
            .get(id)
            .and_then(|&i| self.raw.indicators.get(i))
    }
    pub fn funding_by_id(&self, id: &str) -> Option<&Funding> {
        self.funding.get(id).and_then(|&i| self.raw.funding.get(i))
    }
    pub fn share_by_id(&self, id: &str) -> Option<&Share> {
        self.shares.get(id).and_then(|&i| self.raw.shares.get(i))
    }
}

/// The first problems of a dataset (at most [`crate::limits::MAX_PROBLEMS`]) and how many there
/// are in all, so that a reader can say "first 500 of 2,000".
#[derive(Debug, Clone, PartialEq)]
pub struct Problems {
    /// The problems reported, in the order found, located.
    pub listed: Vec<Problem>,
    /// Every problem found, listed or not; never less than `listed.len()`.
    pub total: usize,
}

impl Problems {
    /// Whether some problems were found but not listed.
    pub fn is_capped(&self) -> bool {
        self.total > self.listed.len()
    }
}

/// Parses and validates a dataset file.
pub fn load(bytes: &[u8]) -> Result<Dataset, Vec<Problem>> {
    load_counted(bytes).map_err(|p| p.listed)
}

/// [`load`], counting every problem beyond those listed.
pub fn load_counted(bytes: &[u8]) -> Result<Dataset, Problems> {
    let mut load = PhasedLoad::new(bytes);
    loop {
        if let Some(result) = load.step() {
            return result;
        }
    }
}

/// [`load_counted`] one phase per [`PhasedLoad::step`]: parse, check, index.
///
/// Each phase of the bundled dataset is a few milliseconds in the browser; run back to back
/// they make one task long enough to delay a phone's first tap, so the app lets the page
/// breathe between them. The result is [`load_counted`]'s, which is this run to the end.
pub struct PhasedLoad<'a> {
    bytes: &'a [u8],
    phase: Phase,
}

enum Phase {
    Parse,
    Check(RawDataset),
    Index(RawDataset),
    Finished,
}

impl<'a> PhasedLoad<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        PhasedLoad {
            bytes,
            phase: Phase::Parse,
        }
    }

    /// Runs the next phase; the dataset or its problems once the last has run (and `None`
    /// before that, and again after it).
    pub fn step(&mut self) -> Option<Result<Dataset, Problems>> {
        match std::mem::replace(&mut self.phase, Phase::Finished) {
            Phase::Parse => match parse(self.bytes) {
                Ok(raw) => {
                    self.phase = Phase::Check(raw);
                    None
                }
                Err(p) => Some(Err(Problems {
                    listed: vec![p],
                    total: 1,
                })),
            },
            Phase::Check(raw) => {
                let (problems, total) = check::check_counted(&raw);
                if problems.is_empty() {
                    self.phase = Phase::Index(raw);
                    None
                } else {
                    let bytes = parse::without_bom(self.bytes);
                    Some(Err(Problems {
                        listed: locate::locate_all(bytes, problems),
                        total,
                    }))
                }
            }
            Phase::Index(raw) => Some(Ok(index(raw))),
            Phase::Finished => None,
        }
    }
}

fn index(raw: RawDataset) -> Dataset {
    // Ids are unique once checked; should one repeat anyway, the first keeps it, as everywhere.
    fn by_id<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
        let mut map = HashMap::new();
        for (i, id) in ids.enumerate() {
            map.entry(id.clone()).or_insert(i);
        }
        map
    }
    Dataset {
        regions: by_id(raw.regions.iter().map(|r| &r.id)),
        places: by_id(raw.places.iter().map(|p| &p.id)),
        sources: by_id(raw.sources.iter().map(|s| &s.id)),
        indicators: by_id(raw.indicators.iter().map(|s| &s.id)),
        funding: by_id(raw.funding.iter().map(|f| &f.id)),
        shares: by_id(raw.shares.iter().map(|s| &s.id)),
        raw,
    }
}
