//! Charts drawn with plotters to SVG strings, with their table twins and CSV.
//!
//! Every chart kind is a pure `draw(spec, size, theme) -> Result<Chart, ChartError>`. The chart
//! code knows no language: callers pass already-localised labels and number formatters.
//!
//! Text widths are estimated from character classes instead of measured, so the same input gives
//! the same SVG on the host and in the browser and nothing here touches a DOM (plotters' own text
//! measurement in wasm appends a `<span>` to the page and panics without a `document.body`).

mod canvas;
mod columns;
mod label;
mod legend;
mod scale;

pub mod bars;
pub mod map_export;
pub mod marker_layer;
pub mod ranked;
pub mod shares;
pub mod stacked;
pub mod table;
pub mod theme;

pub use label::truncate;
pub use map_export::{map_csv, map_svg, map_table, MapColumns};
pub use marker_layer::{marker_layer_svg, MarkerMark, MARKERS_PER_PIECE};
pub use table::{csv, file_name, Cell, Table};
pub use theme::{ChartTheme, Rgb};

use thiserror::Error;

use crate::model::Qualifier;

/// More items than this are refused: beyond it bars are thinner than a pixel and the SVG balloons.
pub const MAX_ITEMS: usize = 500;

/// Drawing size in CSS pixels. Pass the container's size: the SVG's `viewBox` uses it, so one
/// user unit is one CSS pixel and text renders at its nominal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub const MIN_WIDTH: u32 = 240;
    pub const MIN_HEIGHT: u32 = 160;
    pub const MAX_SIDE: u32 = 4096;

    pub fn new(width: u32, height: u32) -> Self {
        Size { width, height }
    }

    /// The size actually drawn: containers measure 0 px while hidden, and huge sizes waste memory.
    pub fn clamped(self) -> Size {
        Size {
            width: self.width.clamp(Self::MIN_WIDTH, Self::MAX_SIDE),
            height: self.height.clamp(Self::MIN_HEIGHT, Self::MAX_SIDE),
        }
    }
}

impl Default for Size {
    fn default() -> Self {
        Size {
            width: 640,
            height: 360,
        }
    }
}

/// One labelled value. `None`, NaN and ±infinity all mean "no data" and are never drawn as zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    pub label: String,
    pub value: Option<f64>,
    /// How the source states the value ("about"), written with [`Formats::qualified`]. Carried
    /// with the value so the formatter never has to recognise an approximate figure by its number.
    pub qualifier: Option<Qualifier>,
}

impl Datum {
    pub fn new(label: impl Into<String>, value: f64) -> Self {
        Datum {
            label: label.into(),
            value: Some(value),
            qualifier: None,
        }
    }

    pub fn missing(label: impl Into<String>) -> Self {
        Datum {
            label: label.into(),
            value: None,
            qualifier: None,
        }
    }

    /// The same value, as the source qualifies it.
    pub fn qualified(self, qualifier: Option<Qualifier>) -> Self {
        Datum { qualifier, ..self }
    }
}

/// Already-localised texts of a chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    /// Not drawn in the chart (the page shows it as a heading); used as table caption and in exports.
    pub title: String,
    /// Accessible summary, becomes the SVG's `aria-label` (the title is used when empty).
    pub summary: String,
    /// Category axis title and the first column's header, e.g. "Year" / "Année".
    pub category: String,
    /// Value axis title with its unit and the value column's header, e.g. "Budget (M€)".
    pub value: String,
    /// Shown for missing values, e.g. "no data" / "non disponible".
    pub no_data: String,
}

/// Number formatters supplied by the caller (the locale lives there).
#[derive(Clone, Copy)]
pub struct Formats<'a> {
    /// Value labels, tooltips and table cells: "2,3 M€".
    pub value: &'a dyn Fn(f64) -> String,
    /// Axis ticks, usually shorter: "2 M€".
    pub tick: &'a dyn Fn(f64) -> String,
    /// Values the source qualifies: "environ 1,9 Md€" / "about €1.9bn". Without it, a qualified
    /// value is written by `value` like any other.
    pub qualified: Option<&'a dyn Fn(f64, Qualifier) -> String>,
}

impl<'a> Formats<'a> {
    /// One formatter for values, another for ticks.
    pub fn new(value: &'a dyn Fn(f64) -> String, tick: &'a dyn Fn(f64) -> String) -> Self {
        Formats {
            value,
            tick,
            qualified: None,
        }
    }

    /// The same formatter for values and ticks.
    pub fn same(f: &'a dyn Fn(f64) -> String) -> Self {
        Formats::new(f, f)
    }

    /// These formatters, writing qualified values with `f`.
    pub fn with_qualified(self, f: &'a dyn Fn(f64, Qualifier) -> String) -> Self {
        Formats {
            qualified: Some(f),
            ..self
        }
    }

    /// A value as labels, tooltips and tables show it.
    pub(crate) fn format(&self, value: f64, qualifier: Option<Qualifier>) -> String {
        match (qualifier, self.qualified) {
            (Some(q), Some(f)) => f(value, q),
            _ => (self.value)(value),
        }
    }
}

impl std::fmt::Debug for Formats<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Formats { .. }")
    }
}

/// A drawn chart: the SVG, where its data sits, and its table twin.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// A standalone `<svg>` element: `viewBox="0 0 width height"`, `width="100%"`, `role="img"`.
    pub svg: String,
    /// Data shapes in SVG user units, in reading order (for tooltips and focusable overlays).
    pub marks: Vec<Mark>,
    pub table: Table,
    /// The `viewBox` size; can exceed the requested height when the data needs more rows.
    pub width: u32,
    pub height: u32,
}

/// A data shape: a bar, a bar segment, a donut sector or a "no data" slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub series: String,
    pub category: String,
    /// `None` for missing data.
    pub value: Option<f64>,
    /// The value as shown in labels and tooltips (the "no data" label when missing).
    pub formatted: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// Donut sectors only: the exact shape; `x, y, w, h` is then its bounding box.
    pub arc: Option<Arc>,
}

/// An annulus sector. Angles in radians, clockwise from 12 o'clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arc {
    pub cx: f64,
    pub cy: f64,
    pub inner: f64,
    pub outer: f64,
    pub start: f64,
    pub end: f64,
}

/// Hit areas are at least this large so thin bars and zero values can still be pointed at.
const MIN_HIT: f64 = 8.0;

impl Mark {
    /// Whether the point (SVG user units) falls on this mark.
    pub fn contains(&self, px: f64, py: f64) -> bool {
        if !px.is_finite() || !py.is_finite() {
            return false;
        }
        if let Some(a) = self.arc {
            let (dx, dy) = (px - a.cx, py - a.cy);
            let r = (dx * dx + dy * dy).sqrt();
            if r < a.inner || r > a.outer {
                return false;
            }
            // atan2 measured clockwise from 12 o'clock, in [0, 2π).
            let mut angle = dx.atan2(-dy);
            if angle < 0.0 {
                angle += std::f64::consts::TAU;
            }
            return angle >= a.start && angle <= a.end;
        }
        let (x0, w) = inflate(self.x, self.w);
        let (y0, h) = inflate(self.y, self.h);
        px >= x0 && px <= x0 + w && py >= y0 && py <= y0 + h
    }
}

fn inflate(start: f64, len: f64) -> (f64, f64) {
    if len >= MIN_HIT {
        (start, len)
    } else {
        (start - (MIN_HIT - len) / 2.0, MIN_HIT)
    }
}

impl Chart {
    /// The mark under a pointer position given in SVG user units (the topmost one).
    pub fn mark_at(&self, x: f64, y: f64) -> Option<&Mark> {
        self.marks.iter().rev().find(|m| m.contains(x, y))
    }

    /// A self-contained SVG for download or PNG conversion: fixed pixel size, the page background,
    /// the title (from the table caption) above the chart and `footer` (e.g. the source) below.
    pub fn export_svg(&self, theme: &ChartTheme, footer: &str) -> String {
        canvas::export(self, theme, footer)
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ChartError {
    #[error("{count} items are too many to draw (at most {max})")]
    TooManyItems { count: usize, max: usize },
    #[error("a stacked chart needs at least one series")]
    NoSeries,
    #[error("bar {category:?} has {found} parts but the chart has {expected} series")]
    PartCount {
        category: String,
        expected: usize,
        found: usize,
    },
    #[error("stacked parts must not be negative: {value} for {series:?} in {category:?}")]
    NegativePart {
        category: String,
        series: String,
        value: f64,
    },
    #[error("share {label:?} is {percent} %, outside 0–100 %")]
    ShareOutOfRange { label: String, percent: f64 },
    #[error("shares add up to {sum} %, more than 100 %")]
    SharesOver100 { sum: f64 },
    #[error("values add up beyond the largest representable number")]
    Overflow,
    #[error("drawing failed: {0}")]
    Drawing(String),
}

/// Finite values only: NaN and infinities count as missing.
pub(crate) fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}
