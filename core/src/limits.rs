//! Size, length and count caps applied to untrusted datasets.
//!
//! The caps are generous for a national atlas (a 5 MB file with 101 regions and 2,000 places is
//! well inside them) and small enough that a hostile file cannot freeze a phone.

/// Largest dataset file accepted, in bytes.
pub const MAX_DATASET_BYTES: usize = 16 * 1024 * 1024;
/// Identifiers: `[A-Za-z0-9_-]`, at most this long.
pub const MAX_ID_LEN: usize = 64;
/// Names, titles, labels.
pub const MAX_NAME_LEN: usize = 300;
/// Descriptions and other running text.
pub const MAX_TEXT_LEN: usize = 4_000;
/// URLs.
pub const MAX_URL_LEN: usize = 2_048;
pub const MAX_REGIONS: usize = 500;
pub const MAX_PLACES: usize = 10_000;
pub const MAX_SOURCES: usize = 2_000;
pub const MAX_INDICATORS: usize = 200;
pub const MAX_VALUES_PER_INDICATOR: usize = 20_000;
pub const MAX_FUNDING: usize = 2_000;
pub const MAX_SERIES_POINTS: usize = 200;
pub const MAX_FACTS_PER_PLACE: usize = 100;
pub const MAX_LINKS_PER_PLACE: usize = 20;
/// All geometry positions together.
pub const MAX_POSITIONS: usize = 2_000_000;
/// Years outside this range are reported as implausible.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
/// How far the parts of a share may stray from 100 % (rounding in the source).
pub const SHARE_SUM_TOLERANCE: f64 = 1.0;
/// Most problems reported; a broken file could otherwise produce millions.
pub const MAX_PROBLEMS: usize = 500;
