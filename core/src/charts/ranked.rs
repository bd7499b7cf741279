//! Horizontal bars sorted from the largest value down (projects by programme, regions by an
//! indicator). Long labels are shortened with an ellipsis in the drawing only; items without data
//! are listed last with the "no data" label and never drawn as zero.

use super::canvas::{render, widest, Align, Baseline, TextStyle};
use super::columns::clean_labels;
use super::label::{clean, text_width, truncate};
use super::scale::{nice_ticks, Linear};
use super::table::{Cell, Table};
use super::{finite, Chart, ChartError, ChartTheme, Datum, Formats, Labels, Mark, Size, MAX_ITEMS};
use crate::sort::sort_stable_by;

#[derive(Debug, Clone)]
pub struct RankedSpec<'a> {
    /// `labels.category` heads the label column, `labels.value` titles the value axis.
    pub labels: Labels,
    /// In any order; equal values keep their given order.
    pub data: Vec<Datum>,
    pub formats: Formats<'a>,
}

const PAD: f64 = 4.0;

struct Row {
    label: String,
    value: Option<f64>,
    formatted: String,
}

pub fn draw(spec: &RankedSpec, size: Size, theme: &ChartTheme) -> Result<Chart, ChartError> {
    if spec.data.len() > MAX_ITEMS {
        return Err(ChartError::TooManyItems {
            count: spec.data.len(),
            max: MAX_ITEMS,
        });
    }
    let size = size.clamped();
    let labels = clean_labels(&spec.labels);
    let f = theme.font_px;
    let w = f64::from(size.width);

    let mut rows: Vec<Row> = spec
        .data
        .iter()
        .map(|d| {
            let value = finite(d.value);
            let formatted = value.map_or_else(
                || labels.no_data.clone(),
                |v| clean(&spec.formats.format(v, d.qualifier)),
            );
            Row {
                label: clean(&d.label),
                value,
                formatted,
            }
        })
        .collect();
    // Stable: ties keep the given order; missing values sink to the end.
    sort_stable_by(&mut rows, |a, b| match (a.value, b.value) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let n = rows.len();
    let lo = rows.iter().filter_map(|r| r.value).fold(0.0_f64, f64::min);
    let hi = rows.iter().filter_map(|r| r.value).fold(0.0_f64, f64::max);

    let label_w = widest(
        rows.iter()
            .map(|r| r.label.as_str())
            .chain([labels.category.as_str()]),
        f,
    )
    .min(w * 0.4)
    .max(f * 3.0)
    .ceil();
    let value_w = (widest(
        rows.iter()
            .filter(|r| r.value.is_some())
            .map(|r| r.formatted.as_str()),
        f,
    ) + 6.0)
        .min(w * 0.25)
        .round();
    let plot_left = PAD + label_w + 8.0 + if lo < 0.0 { value_w } else { 0.0 };
    let plot_right = w - PAD - if hi > 0.0 { value_w } else { 4.0 };
    let plot_w = plot_right - plot_left;
    let target = ((plot_w / 90.0).floor() as usize).clamp(2, 6);
    let ticks = nice_ticks(lo, hi, target);
    let x = Linear {
        d0: ticks.min,
        d1: ticks.max,
        r0: plot_left,
        r1: plot_right,
    };
    let zero_x = x.map(0.0).round();

    let header = if labels.category.is_empty() {
        0.0
    } else {
        f + 10.0
    };
    let rows_top = PAD + header;
    let axis_h = f
        + 12.0
        + if labels.value.is_empty() {
            0.0
        } else {
            f + 8.0
        };
    let avail = f64::from(size.height) - rows_top - axis_h - PAD;
    let row_h = (avail / n.max(1) as f64).clamp(20.0, 34.0).floor();
    let rows_bottom = rows_top + row_h * n.max(1) as f64;
    let height = (rows_bottom + axis_h + PAD).ceil();
    let height_px = height as u32;
    let bar_h = (row_h * 0.64).round();

    let aria = if labels.summary.is_empty() {
        labels.title.clone()
    } else {
        labels.summary.clone()
    };
    let mut marks = Vec::with_capacity(n);
    let svg = render(
        theme,
        size.width,
        height_px,
        &aria,
        "chart chart-ranked",
        |p| {
            let muted = TextStyle::new(f, theme.text_muted);
            for t in &ticks.values {
                let tx = x.map(*t).round();
                if *t != 0.0 {
                    p.vline(tx, rows_top, rows_bottom, theme.grid)?;
                }
                let text = clean(&(spec.formats.tick)(*t));
                p.text_fit(
                    &text,
                    tx,
                    rows_bottom + 6.0,
                    plot_w.max(f),
                    muted.align(Align::Middle).baseline(Baseline::Top),
                )?;
            }
            for (i, row) in rows.iter().enumerate() {
                let mid = rows_top + row_h * (i as f64 + 0.5);
                let y0 = (mid - bar_h / 2.0).round();
                p.text_fit(
                    &row.label,
                    PAD + label_w,
                    mid,
                    label_w,
                    TextStyle::new(f, theme.text).align(Align::End),
                )?;
                match row.value {
                    Some(v) => {
                        let r = p.rect(
                            zero_x,
                            y0,
                            x.map(v).round(),
                            y0 + bar_h,
                            theme.series_color(0),
                        )?;
                        let value_style = TextStyle::new(f, theme.text);
                        if v >= 0.0 {
                            p.text_fit(
                                &row.formatted,
                                r.x() + r.w() + 4.0,
                                mid,
                                value_w,
                                value_style,
                            )?;
                        } else {
                            p.text_fit(
                                &row.formatted,
                                r.x() - 4.0,
                                mid,
                                value_w,
                                value_style.align(Align::End),
                            )?;
                        }
                        marks.push(Mark {
                            series: labels.value.clone(),
                            category: row.label.clone(),
                            value: Some(v),
                            formatted: row.formatted.clone(),
                            x: r.x(),
                            y: r.y(),
                            w: r.w(),
                            h: r.h(),
                            arc: None,
                        });
                    }
                    None => {
                        let room = (plot_right - zero_x - 4.0).max(plot_w / 2.0);
                        let text = truncate(&labels.no_data, f, room);
                        p.text(&text, zero_x + 4.0, mid, muted)?;
                        marks.push(Mark {
                            series: labels.value.clone(),
                            category: row.label.clone(),
                            value: None,
                            formatted: row.formatted.clone(),
                            x: zero_x,
                            y: y0,
                            w: (text_width(&text, f) + 4.0).round(),
                            h: bar_h,
                            arc: None,
                        });
                    }
                }
            }
            p.vline(zero_x, rows_top, rows_bottom, theme.axis)?;
            if n == 0 {
                p.text_fit(
                    &labels.no_data,
                    (plot_left + plot_right) / 2.0,
                    (rows_top + rows_bottom) / 2.0,
                    plot_w.max(f),
                    muted.align(Align::Middle),
                )?;
            }
            if !labels.category.is_empty() {
                p.text_fit(
                    &labels.category,
                    PAD + label_w,
                    PAD,
                    label_w,
                    muted.align(Align::End).baseline(Baseline::Top),
                )?;
            }
            if !labels.value.is_empty() {
                let style = muted.align(Align::Middle).baseline(Baseline::Bottom);
                p.text_fit(
                    &labels.value,
                    (plot_left + plot_right) / 2.0,
                    height - PAD,
                    (w - 2.0 * PAD).max(f),
                    style,
                )?;
            }
            Ok(())
        },
    )?;

    let table = Table {
        caption: labels.title.clone(),
        headers: vec![labels.category.clone(), labels.value.clone()],
        rows: rows
            .iter()
            .map(|r| vec![r.label.clone(), r.formatted.clone()])
            .collect(),
        raw: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.label.clone()),
                    r.value.map_or(Cell::Missing, Cell::Number),
                ]
            })
            .collect(),
    };
    Ok(Chart {
        svg,
        marks,
        table,
        width: size.width,
        height: height_px,
    })
}
