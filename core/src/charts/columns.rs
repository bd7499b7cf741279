//! Vertical bars over categories, one or several stacked parts per bar: the engine behind
//! [`super::bars`] and [`super::stacked`].

use super::canvas::{render, widest, Align, Baseline, TextStyle};
use super::label::{clean, text_width, truncate};
use super::legend::{Item, Legend};
use super::scale::{nice_ticks, Linear};
use super::table::{Cell, Table};
use super::theme::Rgb;
use super::{Chart, ChartError, ChartTheme, Formats, Labels, Mark, Size};
use crate::model::Qualifier;

/// Cleaned, validated input of the engine.
pub(crate) struct Columns<'a> {
    pub labels: Labels,
    pub categories: Vec<String>,
    /// Series names: table headers and mark series.
    pub series: Vec<String>,
    /// `values[category][series]`, finite or `None`, one entry per series.
    pub values: Vec<Vec<Option<f64>>>,
    /// `qualifiers[category][series]`, as the source states each value; missing entries are
    /// plain values.
    pub qualifiers: Vec<Vec<Option<Qualifier>>>,
    /// The qualifier of each category's total (drawn above the bar and in the total column).
    pub total_qualifiers: Vec<Option<Qualifier>>,
    pub formats: Formats<'a>,
    pub legend: bool,
    /// Draw the bar's total above it (when no part is missing).
    pub top_labels: bool,
    /// Label segments inside the bar when they fit.
    pub segment_labels: bool,
    /// Adds a total column to the table.
    pub total_header: Option<String>,
    pub class: &'static str,
}

/// One drawn part of a bar.
struct Seg {
    series: String,
    color: Rgb,
    value: f64,
    formatted: String,
    lo: f64,
    hi: f64,
}

/// One category's bar.
struct Col<'c> {
    category: &'c String,
    values: &'c [Option<f64>],
    segs: Vec<Seg>,
    pos: f64,
    neg: f64,
    /// The bar's total when no part is missing.
    total: Option<f64>,
    total_qualifier: Option<Qualifier>,
    qualifiers: &'c [Option<Qualifier>],
}

const PAD: f64 = 4.0;

pub(crate) fn draw(c: &Columns, size: Size, theme: &ChartTheme) -> Result<Chart, ChartError> {
    let size = size.clamped();
    let w = f64::from(size.width);
    let f = theme.font_px;
    let n = c.categories.len();

    // Stack parts: positives upwards from zero, negatives downwards.
    let fmt_value = |v: f64, q: Option<Qualifier>| clean(&c.formats.format(v, q));
    let mut cols: Vec<Col> = Vec::with_capacity(n);
    let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
    for (i, (category, values)) in c.categories.iter().zip(&c.values).enumerate() {
        let qualifiers = c.qualifiers.get(i).map_or(&[][..], Vec::as_slice);
        let (mut pos, mut neg) = (0.0_f64, 0.0_f64);
        let mut segs = Vec::new();
        for (s, v) in values.iter().enumerate() {
            let Some(v) = *v else { continue };
            let qualifier = qualifiers.get(s).copied().flatten();
            let (from, to) = if v >= 0.0 {
                (pos, pos + v)
            } else {
                (neg + v, neg)
            };
            segs.push(Seg {
                series: c.series.get(s).cloned().unwrap_or_default(),
                color: theme.series_color(s),
                value: v,
                formatted: fmt_value(v, qualifier),
                lo: from,
                hi: to,
            });
            if v >= 0.0 {
                pos += v;
            } else {
                neg += v;
            }
        }
        if !pos.is_finite() || !neg.is_finite() {
            return Err(ChartError::Overflow);
        }
        lo = lo.min(neg);
        hi = hi.max(pos);
        let complete = !values.is_empty() && values.iter().all(Option::is_some);
        cols.push(Col {
            category,
            values,
            segs,
            pos,
            neg,
            total: complete.then_some(pos + neg),
            total_qualifier: c.total_qualifiers.get(i).copied().flatten(),
            qualifiers,
        });
    }
    let n = cols.len();

    let legend = if c.legend {
        let items = c
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| Item {
                color: Some(theme.series_color(i)),
                text: s.clone(),
            })
            .collect();
        Legend::rows(items, PAD, PAD, w - 2.0 * PAD, f)
    } else {
        Legend::rows(Vec::new(), PAD, PAD, w, f)
    };
    let legend_h = if legend.height > 0.0 {
        legend.height + 6.0
    } else {
        0.0
    };

    let top = PAD + legend_h + if c.top_labels { f + 8.0 } else { 8.0 };
    let below_zero = if lo < 0.0 && c.top_labels {
        f + 6.0
    } else {
        0.0
    };
    let category_title = if c.labels.category.is_empty() {
        0.0
    } else {
        f + 8.0
    };
    let bottom = PAD + f + 10.0 + category_title;
    let height = f64::from(size.height).max((top + 60.0 + below_zero + bottom).ceil());
    let plot_top = top;
    let plot_bottom = height - bottom - below_zero;
    let plot_h = plot_bottom - plot_top;

    let target = ((plot_h / 48.0).floor() as usize).clamp(2, 8);
    let ticks = nice_ticks(lo, hi, target);
    let tick_texts: Vec<String> = ticks
        .values
        .iter()
        .map(|v| clean(&(c.formats.tick)(*v)))
        .collect();
    let tick_max_w = (w * 0.3).max(f * 3.0);
    let tick_w = widest(tick_texts.iter().map(String::as_str), f).min(tick_max_w);
    let value_title = if c.labels.value.is_empty() {
        0.0
    } else {
        f + 8.0
    };
    let plot_left = (PAD + value_title + tick_w + 8.0).round();
    let plot_right = w - PAD - 4.0;
    let plot_w = plot_right - plot_left;
    let y = Linear {
        d0: ticks.min,
        d1: ticks.max,
        r0: plot_bottom,
        r1: plot_top,
    };
    let zero_y = y.map(0.0).round();
    let band = plot_w / n.max(1) as f64;
    let bar_w = (band * 0.62).clamp(1.0, 96.0).round();

    // Thin out category labels that would collide; truncate what still does not fit.
    let max_label = widest(c.categories.iter().map(String::as_str), f);
    let step = (((max_label + 8.0) / band.max(1.0)).ceil() as usize)
        .clamp(1, 4)
        .min(n.max(1));
    let label_w = (band * step as f64 - 8.0).min(plot_w).max(f);

    let mut marks = Vec::new();
    let aria = if c.labels.summary.is_empty() {
        &c.labels.title
    } else {
        &c.labels.summary
    };
    let height_px = height as u32;

    let svg = render(theme, size.width, height_px, aria, c.class, |p| {
        let muted = TextStyle::new(f, theme.text_muted);
        for (v, t) in ticks.values.iter().zip(&tick_texts) {
            let ty = y.map(*v).round();
            if *v != 0.0 {
                p.hline(plot_left, plot_right, ty, theme.grid)?;
            }
            p.text_fit(t, plot_left - 6.0, ty, tick_max_w, muted.align(Align::End))?;
        }

        for (i, col) in cols.iter().enumerate() {
            let cx = plot_left + band * (i as f64 + 0.5);
            let x0 = (cx - bar_w / 2.0).round();
            let x1 = x0 + bar_w;
            for (k, seg) in col.segs.iter().enumerate() {
                // A 1 px gap separates stacked parts without relying on colour alone.
                let gap = if k > 0 && c.series.len() > 1 {
                    1.0
                } else {
                    0.0
                };
                let (top_y, bottom_y) = (y.map(seg.hi).round(), y.map(seg.lo).round());
                let r = if seg.lo >= 0.0 {
                    p.rect(x0, top_y, x1, bottom_y - gap, seg.color)?
                } else {
                    p.rect(x0, top_y + gap, x1, bottom_y, seg.color)?
                };
                if c.segment_labels
                    && r.h() >= f + 4.0
                    && text_width(&seg.formatted, f) <= r.w() - 4.0
                {
                    let style = TextStyle::new(f, theme.label_on(seg.color)).align(Align::Middle);
                    p.text(&seg.formatted, cx, r.y() + r.h() / 2.0, style)?;
                }
                marks.push(Mark {
                    series: seg.series.clone(),
                    category: col.category.clone(),
                    value: Some(seg.value),
                    formatted: seg.formatted.clone(),
                    x: r.x(),
                    y: r.y(),
                    w: r.w(),
                    h: r.h(),
                    arc: None,
                });
            }
            if col.segs.is_empty() {
                let text = truncate(&c.labels.no_data, f * 0.9, band - 2.0);
                let tw = text_width(&text, f * 0.9);
                let style = TextStyle::new(f * 0.9, theme.text_muted)
                    .align(Align::Middle)
                    .baseline(Baseline::Bottom);
                p.text(&text, cx, zero_y - 4.0, style)?;
                marks.push(Mark {
                    series: c.series.first().cloned().unwrap_or_default(),
                    category: col.category.clone(),
                    value: None,
                    formatted: c.labels.no_data.clone(),
                    x: (cx - tw / 2.0).round(),
                    y: zero_y - 4.0 - f,
                    w: tw.round(),
                    h: f + 4.0,
                    arc: None,
                });
            } else if let (true, Some(total)) = (c.top_labels, col.total) {
                let text = fmt_value(total, col.total_qualifier);
                if text_width(&text, f) <= band - 2.0 {
                    let style = TextStyle::new(f, theme.text).align(Align::Middle);
                    if total >= 0.0 {
                        p.text(
                            &text,
                            cx,
                            y.map(col.pos).round() - 4.0,
                            style.baseline(Baseline::Bottom),
                        )?;
                    } else {
                        p.text(
                            &text,
                            cx,
                            y.map(col.neg).round() + 4.0,
                            style.baseline(Baseline::Top),
                        )?;
                    }
                }
            }
        }

        p.hline(plot_left, plot_right, zero_y, theme.axis)?;

        let label_y = plot_bottom + below_zero + 6.0;
        for (i, category) in c.categories.iter().enumerate() {
            if i % step == 0 {
                let cx = plot_left + band * (i as f64 + 0.5);
                // Centred labels must not run off either edge of the chart.
                let room = label_w.min(2.0 * (cx - PAD)).min(2.0 * (w - PAD - cx));
                let style = TextStyle::new(f, theme.text)
                    .align(Align::Middle)
                    .baseline(Baseline::Top);
                p.text_fit(category, cx, label_y, room, style)?;
            }
        }

        if n == 0 {
            let style = TextStyle::new(f, theme.text_muted).align(Align::Middle);
            p.text_fit(
                &c.labels.no_data,
                (plot_left + plot_right) / 2.0,
                (plot_top + plot_bottom) / 2.0,
                plot_w,
                style,
            )?;
        }

        if !c.labels.value.is_empty() {
            let style = muted.align(Align::Middle).vertical();
            p.text_fit(
                &c.labels.value,
                PAD + f * 0.6,
                (plot_top + plot_bottom) / 2.0,
                plot_h.max(f),
                style,
            )?;
        }
        if !c.labels.category.is_empty() {
            let style = muted.align(Align::Middle).baseline(Baseline::Bottom);
            p.text_fit(
                &c.labels.category,
                (plot_left + plot_right) / 2.0,
                height - PAD,
                plot_w.max(f),
                style,
            )?;
        }
        legend.draw(p)
    })?;

    Ok(Chart {
        svg,
        marks,
        table: table(c, &cols),
        width: size.width,
        height: height_px,
    })
}

fn table(c: &Columns, cols: &[Col]) -> Table {
    let fmt = |v: f64, q: Option<Qualifier>| clean(&c.formats.format(v, q));
    let mut headers = vec![c.labels.category.clone()];
    headers.extend(c.series.iter().cloned());
    if let Some(h) = &c.total_header {
        headers.push(h.clone());
    }
    let mut rows = Vec::with_capacity(cols.len());
    let mut raw = Vec::with_capacity(cols.len());
    for col in cols {
        let mut row = vec![col.category.clone()];
        let mut raw_row = vec![Cell::Text(col.category.clone())];
        let parts = col.values.iter().enumerate().map(|(s, v)| {
            let qualifier = col.qualifiers.get(s).copied().flatten();
            (*v, qualifier)
        });
        let totals = c
            .total_header
            .as_ref()
            .map(|_| (col.total, col.total_qualifier));
        for (v, q) in parts.chain(totals) {
            row.push(v.map_or_else(|| c.labels.no_data.clone(), |v| fmt(v, q)));
            raw_row.push(v.map_or(Cell::Missing, Cell::Number));
        }
        rows.push(row);
        raw.push(raw_row);
    }
    Table {
        caption: c.labels.title.clone(),
        headers,
        rows,
        raw,
    }
}

/// Cleans every label of a spec once, so drawing, marks and table agree.
pub(crate) fn clean_labels(l: &Labels) -> Labels {
    Labels {
        title: clean(&l.title),
        summary: clean(&l.summary),
        category: clean(&l.category),
        value: clean(&l.value),
        no_data: clean(&l.no_data),
    }
}
