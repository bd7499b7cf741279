//! Parts of a whole in percent: one horizontal 100 % bar (the default, easiest to compare) or a
//! donut, with percent labels and a legend.
//!
//! Honesty rules: shares under 100 % leave a visible gap labelled with `unspecified`; a gap or
//! excess under [`ROUNDING_TOLERANCE`] points is treated as rounding; shares summing beyond that
//! over 100 % are refused (they are not parts of one whole).

use std::f64::consts::TAU;

use super::canvas::{render, widest, Align, Baseline, TextStyle};
use super::columns::clean_labels;
use super::label::{clean, text_width, truncate};
use super::legend::{Item, Legend};
use super::table::{Cell, Table};
use super::theme::Rgb;
use super::{
    finite, Arc, Chart, ChartError, ChartTheme, Datum, Formats, Labels, Mark, Size, MAX_ITEMS,
};

/// Percentage points of difference from 100 % read as rounding in the source.
pub const ROUNDING_TOLERANCE: f64 = 0.5;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShareStyle {
    /// A single horizontal 100 % bar; its height follows its content, not the requested size.
    #[default]
    Bar,
    /// A donut sized to the requested height, legend beside it when there is room, else below.
    Donut,
}

#[derive(Debug, Clone)]
pub struct SharesSpec<'a> {
    /// `labels.category` and `labels.value` head the table columns; `labels.value` is also drawn
    /// under the bar's axis or inside the donut.
    pub labels: Labels,
    /// Each part's percentage, 0 to 100.
    pub parts: Vec<Datum>,
    /// Names the gap when the parts add up to less than 100 %, e.g. "unspecified".
    pub unspecified: String,
    pub style: ShareStyle,
    /// `value` formats percentages ("37 %"), `tick` the bar's axis.
    pub formats: Formats<'a>,
}

struct Part {
    label: String,
    value: Option<f64>,
    color: Rgb,
    formatted: String,
}

const PAD: f64 = 4.0;

pub fn draw(spec: &SharesSpec, size: Size, theme: &ChartTheme) -> Result<Chart, ChartError> {
    if spec.parts.len() > MAX_ITEMS {
        return Err(ChartError::TooManyItems {
            count: spec.parts.len(),
            max: MAX_ITEMS,
        });
    }
    let labels = clean_labels(&spec.labels);
    let fmt = |v: f64, q| clean(&spec.formats.format(v, q));
    let mut parts = Vec::with_capacity(spec.parts.len() + 1);
    let mut sum = 0.0;
    for (i, d) in spec.parts.iter().enumerate() {
        let label = clean(&d.label);
        let value = finite(d.value);
        if let Some(v) = value {
            if !(0.0..=100.0).contains(&v) {
                return Err(ChartError::ShareOutOfRange { label, percent: v });
            }
            sum += v;
        }
        let formatted = value.map_or_else(|| labels.no_data.clone(), |v| fmt(v, d.qualifier));
        parts.push(Part {
            label,
            value,
            color: theme.series_color(i),
            formatted,
        });
    }
    if sum > 100.0 + ROUNDING_TOLERANCE {
        return Err(ChartError::SharesOver100 { sum });
    }
    let any_data = parts.iter().any(|p| p.value.is_some());
    let gap = 100.0 - sum;
    let gap_part = (any_data && gap >= ROUNDING_TOLERANCE).then(|| {
        let label = clean(&spec.unspecified);
        Part {
            label,
            value: Some(gap),
            color: theme.neutral,
            formatted: fmt(gap, None),
        }
    });
    // The whole the drawing divides: 100, or the sum when rounding left it a little off.
    let whole = if gap_part.is_some() || sum <= 0.0 {
        100.0
    } else {
        sum
    };
    if let Some(g) = gap_part {
        parts.push(g);
    }

    let table = table(&labels, &parts);
    let legend_items: Vec<Item> = parts
        .iter()
        .map(|p| Item {
            color: p.value.map(|_| p.color),
            text: format!("{} ({})", p.label, p.formatted),
        })
        .collect();
    let aria = if labels.summary.is_empty() {
        labels.title.clone()
    } else {
        labels.summary.clone()
    };
    let ctx = Ctx {
        labels: &labels,
        parts: &parts,
        whole,
        any_data,
        legend_items,
        aria,
        theme,
        spec,
    };
    let (svg, marks, width, height) = match spec.style {
        ShareStyle::Bar => draw_bar(&ctx, size.clamped())?,
        ShareStyle::Donut => draw_donut(&ctx, size.clamped())?,
    };
    Ok(Chart {
        svg,
        marks,
        table,
        width,
        height,
    })
}

struct Ctx<'c, 'a> {
    labels: &'c Labels,
    parts: &'c [Part],
    whole: f64,
    any_data: bool,
    legend_items: Vec<Item>,
    aria: String,
    theme: &'c ChartTheme,
    spec: &'c SharesSpec<'a>,
}

fn table(labels: &Labels, parts: &[Part]) -> Table {
    Table {
        caption: labels.title.clone(),
        headers: vec![labels.category.clone(), labels.value.clone()],
        rows: parts
            .iter()
            .map(|p| vec![p.label.clone(), p.formatted.clone()])
            .collect(),
        raw: parts
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(p.label.clone()),
                    p.value.map_or(Cell::Missing, Cell::Number),
                ]
            })
            .collect(),
    }
}

type Drawn = (String, Vec<Mark>, u32, u32);

fn draw_bar(c: &Ctx, size: Size) -> Result<Drawn, ChartError> {
    let theme = c.theme;
    let f = theme.font_px;
    let w = f64::from(size.width);
    let (x0, x1) = (PAD + 2.0, w - PAD - 2.0);
    let bar_w = x1 - x0;
    let (bar_y, bar_h) = (PAD, (f * 3.0).clamp(28.0, 48.0).round());
    let map = |p: f64| x0 + p / c.whole * bar_w;

    let tick_texts = |ts: &[f64]| -> Vec<(f64, String)> {
        ts.iter()
            .map(|t| (*t, clean(&(c.spec.formats.tick)(*t))))
            .collect()
    };
    let mut ticks = tick_texts(&[0.0, 25.0, 50.0, 75.0, 100.0]);
    for candidate in [vec![0.0, 50.0, 100.0], vec![0.0, 100.0]] {
        let room = bar_w / (ticks.len() as f64 - 1.0);
        if widest(ticks.iter().map(|(_, t)| t.as_str()), f) + 12.0 <= room {
            break;
        }
        ticks = tick_texts(&candidate);
    }
    let ticks_y = bar_y + bar_h + 4.0;
    let title_y = ticks_y + f + 8.0;
    let legend_y = title_y
        + if c.labels.value.is_empty() {
            0.0
        } else {
            f + 10.0
        }
        + 4.0;
    let legend = Legend::rows(c.legend_items.clone(), PAD, legend_y, w - 2.0 * PAD, f);
    let height = (legend_y + legend.height + PAD).ceil() as u32;

    let mut marks = Vec::new();
    let svg = render(
        theme,
        size.width,
        height,
        &c.aria,
        "chart chart-shares",
        |p| {
            let drawn: Vec<&Part> = c.parts.iter().filter(|p| p.value.is_some()).collect();
            let mut cum = 0.0;
            for (k, part) in drawn.iter().enumerate() {
                let v = part.value.unwrap_or(0.0);
                let (a, b) = (map(cum).round(), map(cum + v).round());
                cum += v;
                // A 1 px gap between parts so neighbours never merge.
                let right = if k + 1 < drawn.len() && b - a > 2.0 {
                    b - 1.0
                } else {
                    b
                };
                let r = p.rect(a, bar_y, right, bar_y + bar_h, part.color)?;
                if text_width(&part.formatted, f) <= r.w() - 6.0 {
                    let style = TextStyle::new(f, theme.label_on(part.color)).align(Align::Middle);
                    p.text(
                        &part.formatted,
                        r.x() + r.w() / 2.0,
                        bar_y + bar_h / 2.0,
                        style,
                    )?;
                }
                marks.push(Mark {
                    series: c.labels.value.clone(),
                    category: part.label.clone(),
                    value: part.value,
                    formatted: part.formatted.clone(),
                    x: a,
                    y: bar_y,
                    w: b - a,
                    h: bar_h,
                    arc: None,
                });
            }
            if !c.any_data {
                let style = TextStyle::new(f, theme.text_muted).align(Align::Middle);
                p.text_fit(
                    &c.labels.no_data,
                    (x0 + x1) / 2.0,
                    bar_y + bar_h / 2.0,
                    bar_w,
                    style,
                )?;
            }
            let muted = TextStyle::new(f, theme.text_muted).baseline(Baseline::Top);
            let last = ticks.len().saturating_sub(1);
            for (i, (t, text)) in ticks.iter().enumerate() {
                let x = map(*t).round().min(x1 - 1.0);
                p.vline(x, bar_y + bar_h, bar_y + bar_h + 4.0, theme.axis)?;
                let align = if i == 0 {
                    Align::Start
                } else if i == last {
                    Align::End
                } else {
                    Align::Middle
                };
                let anchor = if i == 0 {
                    x0
                } else if i == last {
                    x1
                } else {
                    x
                };
                p.text(text, anchor, ticks_y + 2.0, muted.align(align))?;
            }
            if !c.labels.value.is_empty() {
                p.text_fit(
                    &c.labels.value,
                    (x0 + x1) / 2.0,
                    title_y,
                    bar_w,
                    muted.align(Align::Middle),
                )?;
            }
            legend.draw(p)
        },
    )?;
    Ok((svg, marks, size.width, height))
}

/// Clockwise from 12 o'clock, SVG y pointing down.
fn polar(cx: f64, cy: f64, r: f64, angle: f64) -> (f64, f64) {
    (cx + r * angle.sin(), cy - r * angle.cos())
}

fn draw_donut(c: &Ctx, size: Size) -> Result<Drawn, ChartError> {
    let theme = c.theme;
    let f = theme.font_px;
    let w = f64::from(size.width);
    let h = f64::from(size.height);
    let beside = (h - 2.0 * PAD).min(w * 0.55).clamp(100.0, 400.0);
    let legend_room = w - beside - 3.0 * PAD - 16.0;
    let (diameter, legend, cx, cy, height) = if legend_room >= 140.0 {
        let d = beside;
        let lx = PAD + d + 16.0 + PAD;
        let probe = Legend::column(c.legend_items.clone(), lx, 0.0, legend_room, f);
        let ly = PAD + ((d - probe.height) / 2.0).max(0.0);
        let legend = Legend::column(c.legend_items.clone(), lx, ly, legend_room, f);
        let height = (d.max(legend.height) + 2.0 * PAD).ceil();
        (d, legend, PAD + d / 2.0, PAD + d / 2.0, height)
    } else {
        let d = (w - 2.0 * PAD).min(h - 2.0 * PAD).clamp(80.0, 320.0);
        let legend = Legend::rows(
            c.legend_items.clone(),
            PAD,
            PAD + d + 12.0,
            w - 2.0 * PAD,
            f,
        );
        let height = (PAD + d + 12.0 + legend.height + PAD).ceil();
        (d, legend, w / 2.0, PAD + d / 2.0, height)
    };
    let outer = (diameter / 2.0).floor();
    let inner = (outer * 0.58).round();
    let height = height as u32;

    let mut marks = Vec::new();
    let svg = render(
        theme,
        size.width,
        height,
        &c.aria,
        "chart chart-shares chart-donut",
        |p| {
            let drawn: Vec<&Part> = c
                .parts
                .iter()
                .filter(|p| p.value.is_some_and(|v| v > 0.0))
                .collect();
            let separate = drawn.len() > 1;
            let mut cum = 0.0;
            for part in &drawn {
                let v = part.value.unwrap_or(0.0);
                let (a0, a1) = (cum / c.whole * TAU, (cum + v) / c.whole * TAU);
                cum += v;
                // A small angular gap keeps neighbours apart, never more than a quarter of the sector.
                let g = if separate {
                    (0.006_f64).min((a1 - a0) / 4.0)
                } else {
                    0.0
                };
                let (s0, s1) = (a0 + g, a1 - g);
                let steps = (((s1 - s0) / (TAU / 180.0)).ceil() as usize).max(2);
                let mut points = Vec::with_capacity(2 * steps + 2);
                for i in 0..=steps {
                    points.push(polar(
                        cx,
                        cy,
                        outer,
                        s0 + (s1 - s0) * i as f64 / steps as f64,
                    ));
                }
                for i in (0..=steps).rev() {
                    points.push(polar(
                        cx,
                        cy,
                        inner,
                        s0 + (s1 - s0) * i as f64 / steps as f64,
                    ));
                }
                p.polygon(&points, part.color)?;
                let mid = (s0 + s1) / 2.0;
                let (lx, ly) = polar(cx, cy, (outer + inner) / 2.0, mid);
                let tw = text_width(&part.formatted, f);
                if s1 - s0 >= 0.35
                    && tw <= ((s1 - s0) * (outer + inner) / 2.0).min((outer - inner) * 1.8)
                {
                    let style = TextStyle::new(f, theme.label_on(part.color)).align(Align::Middle);
                    p.text(&part.formatted, lx, ly, style)?;
                }
                let (bx0, by0, bx1, by1) = points.iter().fold(
                    (
                        f64::INFINITY,
                        f64::INFINITY,
                        f64::NEG_INFINITY,
                        f64::NEG_INFINITY,
                    ),
                    |(a, b, c2, d), &(x, y)| (a.min(x), b.min(y), c2.max(x), d.max(y)),
                );
                marks.push(Mark {
                    series: c.labels.value.clone(),
                    category: part.label.clone(),
                    value: part.value,
                    formatted: part.formatted.clone(),
                    x: bx0.floor(),
                    y: by0.floor(),
                    w: (bx1 - bx0).ceil(),
                    h: (by1 - by0).ceil(),
                    arc: Some(Arc {
                        cx,
                        cy,
                        inner,
                        outer,
                        start: a0,
                        end: a1,
                    }),
                });
            }
            let centre = if c.any_data {
                &c.labels.value
            } else {
                &c.labels.no_data
            };
            let centre_w = inner * 1.6;
            let style = TextStyle::new(f, theme.text_muted).align(Align::Middle);
            p.text(&truncate(centre, f, centre_w), cx, cy, style)?;
            legend.draw(p)
        },
    )?;
    Ok((svg, marks, size.width, height))
}
