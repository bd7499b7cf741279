//! The "Check a dataset" page's report: the app's own validator run on a publisher's file, each
//! problem with an excerpt of the text around it, in a form that crosses from the worker that
//! checks the file to the page that shows it (JSON text through `postMessage`).

pub mod excerpt;

use serde::{Deserialize, Serialize};

use crate::i18n::{t, Msg};
use crate::locale::{is_plural, Lang};
use crate::validate::{load_counted, Dataset, Problem, ProblemKind};

pub use excerpt::{excerpt, Excerpt, ExcerptLine, TextIndex};

/// What the check found in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Size of the file checked, in bytes.
    pub bytes: usize,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Verdict {
    /// The file can be published; what it holds.
    Valid(Counts),
    /// The first problems found (at most `limits::MAX_PROBLEMS`) and how many there are in all.
    Invalid {
        problems: Vec<Finding>,
        total: usize,
    },
}

/// What a valid file holds, said on the page before its preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub regions: usize,
    pub places: usize,
    pub indicators: usize,
    pub funding: usize,
}

impl Counts {
    pub fn of(dataset: &Dataset) -> Counts {
        Counts {
            regions: dataset.regions().len(),
            places: dataset.places().len(),
            indicators: dataset.indicators().len(),
            funding: dataset.funding().len() + dataset.shares().len(),
        }
    }
}

/// A [`Problem`] with the lines around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// [`ProblemKind::as_str`].
    pub kind: String,
    /// JSON path; empty for the whole document.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The validator's exact message (English, as the command-line validator prints it).
    pub message: String,
    pub excerpt: Option<Excerpt>,
}

impl Finding {
    fn new(problem: Problem, index: &TextIndex<'_>) -> Finding {
        let excerpt = match (problem.line, problem.column) {
            (Some(l), Some(c)) => index.excerpt(l, c),
            _ => None,
        };
        Finding {
            kind: problem.kind.as_str().to_owned(),
            path: problem.path,
            line: problem.line,
            column: problem.column,
            message: problem.message,
            excerpt,
        }
    }

    pub fn kind(&self) -> Option<ProblemKind> {
        KINDS.iter().copied().find(|k| k.as_str() == self.kind)
    }
}

/// Every [`ProblemKind`], to read one back from its name.
pub const KINDS: [ProblemKind; 19] = [
    ProblemKind::TooLarge,
    ProblemKind::Empty,
    ProblemKind::LooksLikeHtml,
    ProblemKind::Syntax,
    ProblemKind::UnsupportedFormat,
    ProblemKind::Shape,
    ProblemKind::Limit,
    ProblemKind::InvalidId,
    ProblemKind::Duplicate,
    ProblemKind::Reference,
    ProblemKind::Cycle,
    ProblemKind::Missing,
    ProblemKind::UnknownCode,
    ProblemKind::Text,
    ProblemKind::Link,
    ProblemKind::Date,
    ProblemKind::Number,
    ProblemKind::Geometry,
    ProblemKind::Map,
];

/// Parses and validates `bytes` exactly as the app does (`validate::load_counted`), and
/// locates each problem in the text.
pub fn check_bytes(bytes: &[u8]) -> Report {
    let verdict = match load_counted(bytes) {
        Ok(dataset) => Verdict::Valid(Counts::of(&dataset)),
        Err(found) => {
            let index = TextIndex::new(bytes);
            Verdict::Invalid {
                problems: found
                    .listed
                    .into_iter()
                    .map(|p| Finding::new(p, &index))
                    .collect(),
                total: found.total,
            }
        }
    };
    Report {
        bytes: bytes.len(),
        verdict,
    }
}

/// The report as JSON text, for `postMessage`.
pub fn encode(report: &Report) -> String {
    // Plain structs of strings and integers: serialising them cannot fail.
    serde_json::to_string(report).unwrap_or_default()
}

/// A report read back from [`encode`]'s text; `None` for anything else.
pub fn decode(text: &str) -> Option<Report> {
    serde_json::from_str(text).ok()
}

/// The plain-language explanation of a kind of problem.
pub fn kind_msg(kind: Option<ProblemKind>) -> Msg {
    match kind {
        Some(ProblemKind::TooLarge) => Msg::CheckKindTooLarge,
        Some(ProblemKind::Empty) => Msg::CheckKindEmpty,
        Some(ProblemKind::LooksLikeHtml) => Msg::CheckKindHtml,
        Some(ProblemKind::Syntax) => Msg::CheckKindSyntax,
        Some(ProblemKind::UnsupportedFormat) => Msg::CheckKindFormat,
        Some(ProblemKind::Shape) => Msg::CheckKindShape,
        Some(ProblemKind::Limit) => Msg::CheckKindLimit,
        Some(ProblemKind::InvalidId) => Msg::CheckKindId,
        Some(ProblemKind::Duplicate) => Msg::CheckKindDuplicate,
        Some(ProblemKind::Reference) => Msg::CheckKindReference,
        Some(ProblemKind::Cycle) => Msg::CheckKindCycle,
        Some(ProblemKind::Missing) => Msg::CheckKindMissing,
        Some(ProblemKind::UnknownCode) => Msg::CheckKindCode,
        Some(ProblemKind::Text) => Msg::CheckKindText,
        Some(ProblemKind::Link) => Msg::CheckKindLink,
        Some(ProblemKind::Date) => Msg::CheckKindDate,
        Some(ProblemKind::Number) => Msg::CheckKindNumber,
        Some(ProblemKind::Geometry) => Msg::CheckKindGeometry,
        Some(ProblemKind::Map) => Msg::CheckKindMap,
        None => Msg::CheckInvalid,
    }
}

fn count(n: usize, lang: Lang) -> String {
    crate::format::format_integer(i64::try_from(n).unwrap_or(i64::MAX), lang)
}

/// "3 problèmes" / "3 problems"; "Les 500 premiers problèmes sur 2 000" / "First 500 of 2,000
/// problems" when the validator stopped listing.
pub fn problems_heading(lang: Lang, listed: usize, total: usize) -> String {
    let (n, m) = (count(listed, lang), count(total, lang));
    if total > listed {
        return lang.pick(
            format!("Les {n} premiers problèmes sur {m}"),
            format!("First {n} of {m} problems"),
        );
    }
    let plural = is_plural(lang, u64::try_from(listed).unwrap_or(u64::MAX));
    match (lang, plural) {
        (Lang::Fr, false) => format!("{n} problème"),
        (Lang::Fr, true) => format!("{n} problèmes"),
        (Lang::En, false) => format!("{n} problem"),
        (Lang::En, true) => format!("{n} problems"),
    }
}

/// "18 régions, 163 lieux, 6 indicateurs, 11 financements" / "18 regions, …".
pub fn counts_line(lang: Lang, c: &Counts) -> String {
    let part = |n: usize, (fr1, fr2): (&str, &str), (en1, en2): (&str, &str)| {
        let plural = is_plural(lang, u64::try_from(n).unwrap_or(u64::MAX));
        let word = match (lang, plural) {
            (Lang::Fr, false) => fr1,
            (Lang::Fr, true) => fr2,
            (Lang::En, false) => en1,
            (Lang::En, true) => en2,
        };
        format!("{} {word}", count(n, lang))
    };
    [
        part(c.regions, ("région", "régions"), ("region", "regions")),
        part(c.places, ("lieu", "lieux"), ("place", "places")),
        part(
            c.indicators,
            ("indicateur", "indicateurs"),
            ("indicator", "indicators"),
        ),
        part(
            c.funding,
            ("financement", "financements"),
            ("funding entry", "funding entries"),
        ),
    ]
    .join(", ")
}

/// The reading progress bar's name: "Lecture du fichier : 45 %" / "Reading the file: 45%".
pub fn reading_percent(lang: Lang, pct: u8) -> String {
    crate::locale::labelled(
        lang,
        t(lang, Msg::CheckReading).trim_end_matches('…'),
        &crate::format::format_percent(f64::from(pct.min(100)), lang),
    )
}

/// A page of the check page's preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewPage {
    Map,
    Region(String),
    Funding,
}

/// Which preview page a link of the previewed views leads to ("/region/28" → that region's
/// page); `None` for the routes the preview does not show (they would leave the check page).
pub fn preview_page(route: &str) -> Option<PreviewPage> {
    match route.trim_end_matches('/') {
        "" => Some(PreviewPage::Map),
        "/funding" => Some(PreviewPage::Funding),
        other => other
            .strip_prefix("/region/")
            .filter(|id| crate::url_state::is_valid_id(id))
            .map(|id| PreviewPage::Region(id.to_owned())),
    }
}
