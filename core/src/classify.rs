//! Choropleth classes (quantiles, equal intervals, natural breaks or the dataset's own
//! thresholds) and colour-blind-safe palettes.
//!
//! Quantiles remain the default. The map shows ~18 regions whose figures are heavily skewed
//! (Île-de-France dwarfs the rest); quantiles spread the regions evenly over the colours so
//! differences stay visible, and they move only locally when one figure changes, so maps of two
//! dataset versions stay comparable. The other methods answer other questions:
//!
//! - **Equal intervals** ([`equal_interval_breaks`]) cut the range into classes of one width, so a
//!   colour step means the same difference in value everywhere. With skewed figures most regions
//!   share the lowest class and some classes hold none: empty classes are inherent to the method
//!   (the legend says 0 for them).
//! - **Natural breaks** ([`jenks_breaks`], Fisher–Jenks) put the breaks where the figures are
//!   furthest apart, so regions of one class are as alike as possible: good for reading clusters.
//!   With few values they jump when a single figure changes, hence not the default.
//! - **The dataset's thresholds** ([`Classes::from_thresholds`]) are round numbers a publisher
//!   chose (`[1000, 5000, 20000]`), stable across versions and shared with the publisher's other
//!   maps; a class between two thresholds may hold no region.
//!
//! Quantile and natural breaks sit halfway between two neighbouring data values, so no region
//! ever lies exactly on a class boundary there. Equal-interval bounds and thresholds may equal a
//! figure, which then belongs to the upper class: every class includes its lower bound.
//!
//! Missing figures are never coloured as the lowest class: they get [`ClassIndex::NoData`], drawn
//! with [`no_data_style`] (a neutral grey plus a hatch pattern, so "no data" is not told by colour
//! alone), and they are not counted in any class ([`Classes::counts`]).

use crate::sort::sort_stable_by;

/// Most classes a palette offers; more would no longer be told apart reliably.
pub const MAX_CLASSES: usize = 7;

/// Quantile class bounds for `values`: `k + 1` increasing bounds for `k` classes.
///
/// Non-finite values are ignored. `k` is `classes` unless there are fewer distinct values, then it
/// is the number of distinct values, so no class is ever empty and no two bounds are equal. The
/// first bound is the smallest value and the last the largest. Edge cases: no finite value or
/// `classes == 0` gives an empty vector; a single distinct value `v` gives the one class `[v, v]`
/// (the only case where two bounds are equal — the class is not empty, it holds `v`).
pub fn quantile_breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let sorted = sorted_finite(values);
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    if classes == 0 {
        return Vec::new();
    }

    // Positions where a class may start: the first index of each distinct value after the smallest.
    let splits: Vec<usize> = (1..sorted.len())
        .filter(|&i| sorted[i - 1] < sorted[i])
        .collect();
    let k = classes.min(splits.len() + 1);
    if k == 1 {
        return vec![min, max];
    }

    let n = sorted.len() as f64;
    let mut bounds = Vec::with_capacity(k + 1);
    bounds.push(min);
    let mut lo = 0;
    for i in 1..k {
        // Ideal split for an even count per class, snapped to the nearest allowed split while
        // leaving enough splits for the classes still to come (so exactly `k` classes result).
        let target = i as f64 * n / k as f64;
        let hi = splits.len() - (k - 1 - i); // exclusive; always > lo
        let first_at_or_after = lo + splits[lo..hi].partition_point(|&s| (s as f64) < target);
        let mut j = first_at_or_after.min(hi - 1);
        if j > lo && (target - splits[j - 1] as f64) <= (splits[j] as f64 - target).abs() {
            j -= 1;
        }
        lo = j + 1;
        bounds.push(between(sorted[splits[j] - 1], sorted[splits[j]]));
    }
    bounds.push(max);
    dedup_increasing(bounds)
}

/// Equal-interval class bounds for `values`: `k + 1` increasing bounds for `k` classes of one
/// width, from the smallest value to the largest.
///
/// Same contract as [`quantile_breaks`] (non-finite values ignored, `k` at most the number of
/// distinct values, `[v, v]` for a single distinct value, empty for no value or `classes == 0`),
/// except that a class may be empty: that is what equal widths mean when figures are skewed.
pub fn equal_interval_breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let sorted = sorted_finite(values);
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    if classes == 0 {
        return Vec::new();
    }
    let k = classes.min(distinct_count(&sorted));
    if k == 1 {
        return vec![min, max];
    }
    let mut bounds = Vec::with_capacity(k + 1);
    bounds.push(min);
    for i in 1..k {
        let f = i as f64 / k as f64;
        // A weighted mean of the ends cannot overflow, unlike `min + f * (max - min)`; the clamp
        // catches a last-bit rounding past either end.
        bounds.push((min * (1.0 - f) + max * f).clamp(min, max));
    }
    bounds.push(max);
    dedup_increasing(bounds)
}

/// Natural-breaks (Fisher–Jenks) class bounds for `values`: `k + 1` increasing bounds for `k`
/// classes that minimise the sum of squared deviations from each class's mean.
///
/// Same contract as [`quantile_breaks`]: non-finite values ignored, `k` is `classes` unless there
/// are fewer distinct values, no class is ever empty, inner bounds sit halfway between the
/// largest value of a class and the smallest of the next, `[v, v]` for a single distinct value,
/// empty for no value or `classes == 0`.
///
/// The optimum is exact (dynamic programming over the sorted distinct values, equal values
/// weighted by their count so they never straddle a break). It takes `O(k·m²)` time for `m`
/// distinct values: instant for per-region figures (at most [`crate::limits::MAX_REGIONS`]),
/// slow beyond a few thousand.
pub fn jenks_breaks(values: &[f64], classes: usize) -> Vec<f64> {
    let sorted = sorted_finite(values);
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    if classes == 0 {
        return Vec::new();
    }
    // Distinct values and how often each occurs.
    let mut distinct: Vec<(f64, f64)> = Vec::new();
    for &v in &sorted {
        match distinct.last_mut() {
            Some((last, count)) if *last == v => *count += 1.0,
            _ => distinct.push((v, 1.0)),
        }
    }
    let m = distinct.len();
    let k = classes.min(m);
    if k == 1 {
        return vec![min, max];
    }

    // The partition is the same for values mapped linearly onto [0, 1]; there, squares cannot
    // overflow. Halving first keeps a span such as [-MAX, MAX] finite.
    let span = max - min;
    let unit = |v: f64| {
        if span.is_finite() {
            (v - min) / span
        } else {
            (v / 2.0 - min / 2.0) / (max / 2.0 - min / 2.0)
        }
    };
    let points: Vec<(f64, f64)> = distinct.iter().map(|&(v, c)| (unit(v), c)).collect();

    // best[c][j]: least squared deviation splitting the first `j` distinct values into `c + 1`
    // classes; start[c][j]: where the last of those classes starts.
    let mut best = vec![vec![f64::INFINITY; m + 1]; k];
    let mut start = vec![vec![0usize; m + 1]; k];
    for j in 1..=m {
        // Grow the last class `i..j` leftwards, its squared deviation updated as Welford does
        // (stable, unlike differences of running sums of squares).
        let (mut weight, mut mean, mut deviation) = (0.0, 0.0, 0.0);
        for i in (0..j).rev() {
            let (x, count) = points[i];
            weight += count;
            let delta = x - mean;
            mean += delta * count / weight;
            deviation += count * delta * (x - mean);
            if i == 0 {
                best[0][j] = deviation;
            }
            // `c + 1` classes before `i` need at least `c + 1` values there.
            for c in 1..k.min(i + 1) {
                let total = best[c - 1][i] + deviation;
                if total < best[c][j] {
                    best[c][j] = total;
                    start[c][j] = i;
                }
            }
        }
    }

    // Walk back from the whole range: each class's start is the break before it.
    let mut bounds = Vec::with_capacity(k + 1);
    bounds.push(max);
    let mut j = m;
    for c in (1..k).rev() {
        let i = start[c][j];
        bounds.push(between(distinct[i - 1].0, distinct[i].0));
        j = i;
    }
    bounds.push(min);
    bounds.reverse();
    dedup_increasing(bounds)
}

/// The finite values, sorted, -0.0 folded into 0.0 (they are the same figure; `total_cmp` would
/// tell them apart).
fn sorted_finite(values: &[f64]) -> Vec<f64> {
    let mut sorted: Vec<f64> = values
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| v + 0.0)
        .collect();
    sort_stable_by(&mut sorted, f64::total_cmp);
    sorted
}

/// How many distinct values a sorted list holds.
fn distinct_count(sorted: &[f64]) -> usize {
    1 + sorted.windows(2).filter(|w| w[0] < w[1]).count()
}

/// A bound between `a` (top of a class) and the larger `b` (bottom of the next): halfway, or `b`
/// when adjacent floats round the middle onto `a`. Halving first cannot overflow.
fn between(a: f64, b: f64) -> f64 {
    let mid = a / 2.0 + b / 2.0;
    if mid > a && mid <= b {
        mid
    } else {
        b
    }
}

/// Keeps only strictly increasing bounds (guards the adjacent-float corner case).
fn dedup_increasing(bounds: Vec<f64>) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::with_capacity(bounds.len());
    for b in bounds {
        match out.last() {
            Some(&last) if b <= last => {}
            _ => out.push(b),
        }
    }
    if out.len() == 1 {
        out.push(out[0]);
    }
    out
}

/// How the class bounds are chosen. [`Method::Quantiles`] is the default (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// About as many regions per class.
    #[default]
    Quantiles,
    /// Classes of one width.
    EqualIntervals,
    /// Fisher–Jenks natural breaks: classes as homogeneous as possible.
    NaturalBreaks,
    /// The indicator's own `breaks`; quantiles when it has none.
    Dataset,
}

impl Method {
    /// Every method, the default first.
    pub const ALL: [Method; 4] = [
        Method::Quantiles,
        Method::EqualIntervals,
        Method::NaturalBreaks,
        Method::Dataset,
    ];

    /// The stable token links use: `quantiles`, `equal`, `jenks` or `dataset`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Quantiles => "quantiles",
            Method::EqualIntervals => "equal",
            Method::NaturalBreaks => "jenks",
            Method::Dataset => "dataset",
        }
    }

    /// A token of [`Method::as_str`], any case; anything else is `None`.
    pub fn parse(s: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| s.eq_ignore_ascii_case(m.as_str()))
    }
}

/// Why the classes were not made by the method asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fallback {
    /// [`Method::Dataset`] was asked for an indicator without thresholds: quantiles instead.
    NoThresholds,
    /// The thresholds are for the figures as published, not per 100,000 inhabitants: quantiles
    /// instead.
    PerCapita,
}

/// Classes with the method asked for and, when another one made them, why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Classification {
    pub classes: Classes,
    /// The method asked for.
    pub method: Method,
    /// `Some` when quantiles were used instead of [`Method::Dataset`].
    pub fallback: Option<Fallback>,
}

impl Classification {
    /// The method that made the classes.
    pub fn applied(&self) -> Method {
        if self.fallback.is_some() {
            Method::Quantiles
        } else {
            self.method
        }
    }
}

/// Which class a figure falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClassIndex {
    /// Index into the classes, 0 = lowest.
    Class(usize),
    /// Missing or not a number: drawn with the no-data style, never as the lowest class.
    NoData,
}

/// Light or dark page; the palettes differ so the lowest class stays visible on either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scheme {
    #[default]
    Light,
    Dark,
}

/// One legend line: the class covers `lower ≤ v < upper` (the last class includes `upper`).
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub lower: f64,
    pub upper: f64,
    pub colour: &'static str,
}

/// Choropleth classes: `bounds` holds `n + 1` increasing values for `n` classes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Classes {
    pub bounds: Vec<f64>,
}

impl Classes {
    /// Quantile classes over `values`, at most [`MAX_CLASSES`].
    pub fn quantiles(values: &[f64], classes: usize) -> Classes {
        Classes {
            bounds: quantile_breaks(values, classes.min(MAX_CLASSES)),
        }
    }

    /// Classes from hand-picked bounds (e.g. round numbers). Non-finite and repeated bounds are
    /// dropped and the rest sorted; fewer than two bounds give no classes. At most
    /// [`MAX_CLASSES`] classes are kept (the highest bounds beyond that are merged into the last).
    pub fn from_bounds(bounds: &[f64]) -> Classes {
        let mut b: Vec<f64> = bounds
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .map(|v| v + 0.0)
            .collect();
        sort_stable_by(&mut b, f64::total_cmp);
        b.dedup();
        if b.len() < 2 {
            return Classes::default();
        }
        if b.len() > MAX_CLASSES + 1 {
            let last = b[b.len() - 1];
            b.truncate(MAX_CLASSES);
            b.push(last);
        }
        Classes { bounds: b }
    }

    /// Equal-interval classes over `values`, at most [`MAX_CLASSES`].
    pub fn equal_intervals(values: &[f64], classes: usize) -> Classes {
        Classes {
            bounds: equal_interval_breaks(values, classes.min(MAX_CLASSES)),
        }
    }

    /// Natural-breaks (Fisher–Jenks) classes over `values`, at most [`MAX_CLASSES`].
    pub fn natural_breaks(values: &[f64], classes: usize) -> Classes {
        Classes {
            bounds: jenks_breaks(values, classes.min(MAX_CLASSES)),
        }
    }

    /// Classes from a publisher's inner thresholds: `[1000, 5000]` makes the three classes
    /// "below 1000", "1000 to 5000" and "5000 or more", whatever the figures, so a band keeps its
    /// colour across dataset versions.
    ///
    /// Non-finite and repeated thresholds are dropped and the rest sorted; at most
    /// [`MAX_CLASSES`]` - 1` are kept (the lowest). The outer bounds are the smallest and largest
    /// finite value when they lie beyond the thresholds, else the outer threshold itself: the
    /// end class is then empty (or, at the top, holds only figures equal to the threshold), the
    /// one case where two bounds are equal. No finite value or no threshold gives no classes.
    pub fn from_thresholds(values: &[f64], thresholds: &[f64]) -> Classes {
        let sorted = sorted_finite(values);
        let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
            return Classes::default();
        };
        let mut inner = sorted_finite(thresholds);
        inner.dedup();
        inner.truncate(MAX_CLASSES - 1);
        let (Some(&first), Some(&last)) = (inner.first(), inner.last()) else {
            return Classes::default();
        };
        let mut bounds = Vec::with_capacity(inner.len() + 2);
        bounds.push(min.min(first));
        bounds.extend_from_slice(&inner);
        bounds.push(max.max(last));
        Classes { bounds }
    }

    /// Classes over `values` by `method`, at most [`MAX_CLASSES`]; `thresholds` are the
    /// indicator's own, used by [`Method::Dataset`]. Without thresholds, `Dataset` falls back to
    /// quantiles and the result says so.
    pub fn by_method(
        method: Method,
        values: &[f64],
        classes: usize,
        thresholds: Option<&[f64]>,
    ) -> Classification {
        let (classes, fallback) = match method {
            Method::Quantiles => (Classes::quantiles(values, classes), None),
            Method::EqualIntervals => (Classes::equal_intervals(values, classes), None),
            Method::NaturalBreaks => (Classes::natural_breaks(values, classes), None),
            Method::Dataset => match thresholds.filter(|t| t.iter().any(|v| v.is_finite())) {
                Some(t) => (Classes::from_thresholds(values, t), None),
                None => (
                    Classes::quantiles(values, classes),
                    Some(Fallback::NoThresholds),
                ),
            },
        };
        Classification {
            classes,
            method,
            fallback,
        }
    }

    /// How many of `values` fall in each class, lowest first (one count per class). Missing and
    /// non-finite figures are no data and counted in none, so the counts add up to the finite
    /// figures.
    pub fn counts<I: IntoIterator<Item = Option<f64>>>(&self, values: I) -> Vec<usize> {
        let mut counts = vec![0; self.len()];
        for v in values {
            if let ClassIndex::Class(i) = self.class_of(v) {
                if let Some(n) = counts.get_mut(i) {
                    *n += 1;
                }
            }
        }
        counts
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The class of a figure. Missing, NaN and infinite figures are [`ClassIndex::NoData`]; finite
    /// figures outside the bounds go to the nearest end class.
    pub fn class_of(&self, value: Option<f64>) -> ClassIndex {
        let n = self.len();
        match value {
            Some(v) if v.is_finite() && n > 0 => {
                let inner = &self.bounds[1..n];
                ClassIndex::Class(inner.partition_point(|&b| b <= v).min(n - 1))
            }
            _ => ClassIndex::NoData,
        }
    }

    /// Fill colour for a class; the no-data fill for [`ClassIndex::NoData`] or an index out of range.
    pub fn colour(&self, class: ClassIndex, scheme: Scheme) -> &'static str {
        match class {
            ClassIndex::Class(i) => palette(self.len(), scheme)
                .get(i)
                .copied()
                .unwrap_or(no_data_style(scheme).fill),
            ClassIndex::NoData => no_data_style(scheme).fill,
        }
    }

    /// One entry per class, lowest first. The no-data swatch is separate: [`no_data_style`].
    pub fn legend(&self, scheme: Scheme) -> Vec<LegendEntry> {
        let colours = palette(self.len(), scheme);
        self.bounds
            .windows(2)
            .zip(colours)
            .map(|(w, &colour)| LegendEntry {
                lower: w[0],
                upper: w[1],
                colour,
            })
            .collect()
    }
}

// ColorBrewer YlGnBu (Brewer, Penn State), colour-blind safe and print friendly, lowest first.
// Light: the near-white #ffffcc/#ffffd9 starts are replaced by #edf8b1, so even the lowest class
// reads as tinted rather than as the page. No fill near white can reach 3:1 against a white page
// while keeping seven distinguishable steps, so region shapes rely on their outline and the land
// layer, and the legend and the table twin carry the classes too.
const LIGHT: [&[&str]; MAX_CLASSES] = [
    &["#41b6c4"],
    &["#7fcdbb", "#2c7fb8"],
    &["#edf8b1", "#7fcdbb", "#2c7fb8"],
    &["#edf8b1", "#a1dab4", "#41b6c4", "#225ea8"],
    &["#edf8b1", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    &[
        "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494",
    ],
    &[
        "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84",
    ],
];

// Dark: the same hues with lightness reversed (more = brighter, as on a dark page one expects),
// cut where the blues get too dark: the lowest class, #2c7fb8, has 4.2:1 against the dark page
// (#111418) and 2.3:1 against the dark no-data grey (#3a434d), which also carries a hatch.
const DARK: [&[&str]; MAX_CLASSES] = [
    &["#41b6c4"],
    &["#2c7fb8", "#c7e9b4"],
    &["#2c7fb8", "#7fcdbb", "#edf8b1"],
    &["#2c7fb8", "#41b6c4", "#a1dab4", "#ffffcc"],
    &["#2c7fb8", "#41b6c4", "#7fcdbb", "#c7e9b4", "#ffffcc"],
    &[
        "#2c7fb8", "#1d91c0", "#41b6c4", "#7fcdbb", "#c7e9b4", "#ffffcc",
    ],
    &[
        "#2c7fb8", "#1d91c0", "#41b6c4", "#7fcdbb", "#a1dab4", "#c7e9b4", "#ffffcc",
    ],
];

/// The sequential palette for `classes` classes (lowest first) as `#rrggbb` strings. `0` gives an
/// empty palette; more than [`MAX_CLASSES`] gives the largest palette.
pub fn palette(classes: usize, scheme: Scheme) -> &'static [&'static str] {
    if classes == 0 {
        return &[];
    }
    let i = classes.min(MAX_CLASSES) - 1;
    match scheme {
        Scheme::Light => LIGHT[i],
        Scheme::Dark => DARK[i],
    }
}

/// How to draw a region without data: a neutral grey fill plus a hatch, so it is not told apart
/// by colour alone. Values match the `--map-nodata` / `--map-hatch` design tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoDataStyle {
    pub fill: &'static str,
    pub hatch: &'static str,
    /// Suggested id of the SVG `<pattern>` drawing the hatch.
    pub pattern_id: &'static str,
}

pub fn no_data_style(scheme: Scheme) -> NoDataStyle {
    match scheme {
        Scheme::Light => NoDataStyle {
            fill: "#c9ced6",
            hatch: "#8a939f",
            pattern_id: "atlas-nodata-hatch",
        },
        Scheme::Dark => NoDataStyle {
            fill: "#3a434d",
            hatch: "#7d8793",
            pattern_id: "atlas-nodata-hatch",
        },
    }
}

/// WCAG 2 contrast ratio between two `#rrggbb` colours (1.0 to 21.0); `None` if either is not
/// such a colour.
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (relative_luminance(a)?, relative_luminance(b)?);
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

fn relative_luminance(hex: &str) -> Option<f64> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(h.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// `value` per 100,000 inhabitants. `None` when either figure is missing or not finite, when the
/// population is zero or negative, or when the result would not be finite.
pub fn per_capita(value: Option<f64>, population: Option<f64>) -> Option<f64> {
    let (v, p) = (value?, population?);
    if !v.is_finite() || !p.is_finite() || p <= 0.0 {
        return None;
    }
    let r = v / p * 100_000.0;
    r.is_finite().then_some(r)
}
