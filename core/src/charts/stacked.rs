//! Stacked vertical bars: two or more parts per bar (public / other), with a legend.
//!
//! Parts stack upwards in series order. A missing part leaves its place out (the bar then shows no
//! total); negative parts are refused because a stack of them cannot be read honestly.

use super::columns::{self, clean_labels, Columns};
use super::label::clean;
use super::{finite, Chart, ChartError, ChartTheme, Formats, Labels, Size, MAX_ITEMS};
use crate::model::{Amount, Qualifier};

#[derive(Debug, Clone)]
pub struct StackedSpec<'a> {
    pub labels: Labels,
    /// Part names in stacking order (bottom first), shown in the legend.
    pub series: Vec<String>,
    pub bars: Vec<StackedBar>,
    /// When given, each complete bar shows its total above it and the table gets this column.
    pub total_label: Option<String>,
    pub formats: Formats<'a>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StackedBar {
    pub label: String,
    /// One value per series; shorter lists mean the last parts are missing.
    pub parts: Vec<Option<f64>>,
    /// How the source states each part, in series order; shorter lists mean plain values.
    pub qualifiers: Vec<Option<Qualifier>>,
    /// How the source states the bar's total.
    pub total_qualifier: Option<Qualifier>,
}

/// `[public, total − public]` of an amount whose public part is known and within the total.
pub fn public_and_other(amount: &Amount) -> Option<[f64; 2]> {
    let public = amount.public.filter(|p| p.is_finite())?;
    let total = amount.total;
    (total.is_finite() && public >= 0.0 && public <= total).then_some([public, total - public])
}

pub fn draw(spec: &StackedSpec, size: Size, theme: &ChartTheme) -> Result<Chart, ChartError> {
    if spec.bars.len() > MAX_ITEMS || spec.series.len() > MAX_ITEMS {
        let count = spec.bars.len().max(spec.series.len());
        return Err(ChartError::TooManyItems {
            count,
            max: MAX_ITEMS,
        });
    }
    if spec.series.is_empty() {
        return Err(ChartError::NoSeries);
    }
    let series: Vec<String> = spec.series.iter().map(|s| clean(s)).collect();
    let mut values = Vec::with_capacity(spec.bars.len());
    for bar in &spec.bars {
        if bar.parts.len() > series.len() {
            return Err(ChartError::PartCount {
                category: clean(&bar.label),
                expected: series.len(),
                found: bar.parts.len(),
            });
        }
        let mut row: Vec<Option<f64>> = bar.parts.iter().map(|v| finite(*v)).collect();
        row.resize(series.len(), None);
        if let Some((s, v)) = row
            .iter()
            .enumerate()
            .find_map(|(s, v)| v.filter(|v| *v < 0.0).map(|v| (s, v)))
        {
            return Err(ChartError::NegativePart {
                category: clean(&bar.label),
                series: series.get(s).cloned().unwrap_or_default(),
                value: v,
            });
        }
        values.push(row);
    }
    let input = Columns {
        labels: clean_labels(&spec.labels),
        categories: spec.bars.iter().map(|b| clean(&b.label)).collect(),
        series,
        values,
        qualifiers: spec.bars.iter().map(|b| b.qualifiers.clone()).collect(),
        total_qualifiers: spec.bars.iter().map(|b| b.total_qualifier).collect(),
        formats: spec.formats,
        legend: true,
        top_labels: spec.total_label.is_some(),
        segment_labels: true,
        total_header: spec.total_label.as_deref().map(clean),
        class: "chart chart-stacked",
    };
    columns::draw(&input, size, theme)
}
