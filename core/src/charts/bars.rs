//! Vertical bars over categories or years, with value labels and a zero-based value axis.
//!
//! Negative values are drawn below the zero line; missing values get the "no data" label at the
//! zero line instead of a bar.

use super::columns::{self, clean_labels, Columns};
use super::label::clean;
use super::{finite, Chart, ChartError, ChartTheme, Datum, Formats, Labels, Size, MAX_ITEMS};

/// One series of values over categories.
#[derive(Debug, Clone)]
pub struct BarSpec<'a> {
    /// `labels.value` also names the series in marks and the table header.
    pub labels: Labels,
    pub data: Vec<Datum>,
    pub formats: Formats<'a>,
}

pub fn draw(spec: &BarSpec, size: Size, theme: &ChartTheme) -> Result<Chart, ChartError> {
    if spec.data.len() > MAX_ITEMS {
        return Err(ChartError::TooManyItems {
            count: spec.data.len(),
            max: MAX_ITEMS,
        });
    }
    let labels = clean_labels(&spec.labels);
    let input = Columns {
        categories: spec.data.iter().map(|d| clean(&d.label)).collect(),
        series: vec![labels.value.clone()],
        values: spec.data.iter().map(|d| vec![finite(d.value)]).collect(),
        qualifiers: spec.data.iter().map(|d| vec![d.qualifier]).collect(),
        // A bar's total, drawn above it, is its one value.
        total_qualifiers: spec.data.iter().map(|d| d.qualifier).collect(),
        labels,
        formats: spec.formats,
        legend: false,
        top_labels: true,
        segment_labels: false,
        total_header: None,
        class: "chart chart-bars",
    };
    columns::draw(&input, size, theme)
}
