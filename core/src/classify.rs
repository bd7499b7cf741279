//! Choropleth classes (quantile breaks) and colour-blind-safe palettes.
//!
//! Why quantiles: the map shows ~18 regions whose figures are heavily skewed (Île-de-France dwarfs
//! the rest). Equal intervals would paint almost every region in the lowest class; quantiles spread
//! the regions evenly over the colours so differences stay visible. Jenks natural breaks were ruled
//! out because with so few values they jump around when a single figure changes, which makes maps
//! of two dataset versions incomparable; quantiles move only locally.
//!
//! Breaks sit halfway between two neighbouring data values, so no region ever lies exactly on a
//! class boundary and the legend can never be ambiguous about which class a figure belongs to.
//!
//! Missing figures are never coloured as the lowest class: they get [`ClassIndex::NoData`], drawn
//! with [`no_data_style`] (a neutral grey plus a hatch pattern, so "no data" is not told by colour
//! alone).

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
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() || classes == 0 {
        return Vec::new();
    }
    // -0.0 and 0.0 are the same figure; total_cmp would tell them apart.
    for v in &mut sorted {
        *v += 0.0;
    }
    sorted.sort_by(f64::total_cmp);
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };

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
        let (a, b) = (sorted[splits[j] - 1], sorted[splits[j]]);
        // Halving first cannot overflow; adjacent floats may round onto `a`, then `b` still
        // separates the two values because classes include their lower bound.
        let mid = a / 2.0 + b / 2.0;
        bounds.push(if mid > a && mid <= b { mid } else { b });
    }
    bounds.push(max);
    dedup_increasing(bounds)
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
        b.sort_by(f64::total_cmp);
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
