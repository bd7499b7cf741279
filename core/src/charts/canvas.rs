//! Drawing primitives over plotters' SVG backend, and the post-processing of its output.
//!
//! plotters escapes every text and attribute value it writes; this module only rewrites the
//! `<svg>` root and numeric attributes of lines it generated, and never splices labels in itself
//! except through [`escape_xml`].

use plotters::coord::Shift;
use plotters::prelude::{
    DrawingArea, FontDesc, FontFamily, FontStyle, FontTransform, IntoDrawingArea, PathElement,
    Polygon, RGBColor, Rectangle, SVGBackend, ShapeStyle,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color;

use super::label::{clean, escape_xml, text_width, truncate};
use super::theme::{ChartTheme, Rgb};
use super::{Chart, ChartError};

/// plotters' SVG backend divides font sizes by this; sizes are multiplied by it to compensate.
const PLOTTERS_FONT_DIVISOR: f64 = 1.24;

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn drawing_error(e: impl std::fmt::Display) -> ChartError {
    ChartError::Drawing(e.to_string())
}

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Start,
    Middle,
    End,
}

/// Vertical anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Baseline {
    Top,
    Middle,
    Bottom,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    pub px: f64,
    pub color: Rgb,
    pub align: Align,
    pub baseline: Baseline,
    /// Reads bottom to top (value axis titles).
    pub vertical: bool,
}

impl TextStyle {
    pub fn new(px: f64, color: Rgb) -> Self {
        TextStyle {
            px,
            color,
            align: Align::Start,
            baseline: Baseline::Middle,
            vertical: false,
        }
    }
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub fn baseline(mut self, baseline: Baseline) -> Self {
        self.baseline = baseline;
        self
    }
    pub fn vertical(mut self) -> Self {
        self.vertical = true;
        self
    }
}

/// Integer pixel rectangle `[x0, x1) × [y0, y1)` as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PxRect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PxRect {
    pub fn x(&self) -> f64 {
        f64::from(self.x0)
    }
    pub fn y(&self) -> f64 {
        f64::from(self.y0)
    }
    pub fn w(&self) -> f64 {
        f64::from(self.x1 - self.x0)
    }
    pub fn h(&self) -> f64 {
        f64::from(self.y1 - self.y0)
    }
}

/// Drawing operations in CSS pixels over a plotters drawing area.
pub(crate) struct Painter<'a, 'b> {
    area: &'b Area<'a>,
    pub theme: &'b ChartTheme,
    pub width: f64,
    pub height: f64,
}

impl Painter<'_, '_> {
    /// Rounds to whole pixels, clamped just outside the canvas (off-canvas values collapse there).
    fn px_x(&self, v: f64) -> i32 {
        px(v, self.width)
    }
    fn px_y(&self, v: f64) -> i32 {
        px(v, self.height)
    }

    /// Fills a rectangle given by two corners in any order; returns the pixels covered.
    pub fn rect(
        &self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgb,
    ) -> Result<PxRect, ChartError> {
        let (ax, bx) = (self.px_x(x0.min(x1)), self.px_x(x0.max(x1)));
        let (ay, by) = (self.px_y(y0.min(y1)), self.px_y(y0.max(y1)));
        let r = PxRect {
            x0: ax,
            y0: ay,
            x1: bx,
            y1: by,
        };
        if bx > ax && by > ay {
            self.area
                .draw(&Rectangle::new([(ax, ay), (bx, by)], color(fill).filled()))
                .map_err(drawing_error)?;
        }
        Ok(r)
    }

    /// A 1 px line; [`finish`] moves it onto the half pixel so it renders crisp.
    fn line(&self, a: (i32, i32), b: (i32, i32), stroke: Rgb) -> Result<(), ChartError> {
        let style = ShapeStyle {
            color: color(stroke).to_rgba(),
            filled: false,
            stroke_width: 1,
        };
        self.area
            .draw(&PathElement::new(vec![a, b], style))
            .map_err(drawing_error)
    }

    pub fn hline(&self, x0: f64, x1: f64, y: f64, stroke: Rgb) -> Result<(), ChartError> {
        let y = self.px_y(y);
        self.line((self.px_x(x0), y), (self.px_x(x1), y), stroke)
    }

    pub fn vline(&self, x: f64, y0: f64, y1: f64, stroke: Rgb) -> Result<(), ChartError> {
        let x = self.px_x(x);
        self.line((x, self.px_y(y0)), (x, self.px_y(y1)), stroke)
    }

    pub fn polygon(&self, points: &[(f64, f64)], fill: Rgb) -> Result<(), ChartError> {
        if points.len() < 3 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points
            .iter()
            .map(|&(x, y)| (self.px_x(x), self.px_y(y)))
            .collect();
        self.area
            .draw(&Polygon::new(pts, color(fill).filled()))
            .map_err(drawing_error)
    }

    /// Draws one line of text (cleaned again here: this is the last step before the SVG).
    pub fn text(&self, s: &str, x: f64, y: f64, style: TextStyle) -> Result<(), ChartError> {
        let s = clean(s);
        if s.is_empty() {
            return Ok(());
        }
        let font = FontDesc::new(
            FontFamily::Name(self.theme.font_family),
            style.px * PLOTTERS_FONT_DIVISOR,
            FontStyle::Normal,
        );
        let h = match style.align {
            Align::Start => HPos::Left,
            Align::Middle => HPos::Center,
            Align::End => HPos::Right,
        };
        let v = match style.baseline {
            Baseline::Top => VPos::Top,
            Baseline::Middle => VPos::Center,
            Baseline::Bottom => VPos::Bottom,
        };
        let mut ts = font.color(&color(style.color)).pos(Pos::new(h, v));
        if style.vertical {
            ts = ts.transform(FontTransform::Rotate270);
        }
        self.area
            .draw_text(&s, &ts, (self.px_x(x), self.px_y(y)))
            .map_err(drawing_error)
    }

    /// Like [`Painter::text`], shortened with an ellipsis to `max_w`.
    pub fn text_fit(
        &self,
        s: &str,
        x: f64,
        y: f64,
        max_w: f64,
        style: TextStyle,
    ) -> Result<(), ChartError> {
        self.text(&truncate(s, style.px, max_w), x, y, style)
    }
}

fn px(v: f64, max: f64) -> i32 {
    if v.is_finite() {
        // In range of i32 after the clamp, so the cast cannot saturate surprisingly.
        v.clamp(-1.0, max + 1.0).round() as i32
    } else {
        0
    }
}

/// Runs `draw` on a fresh SVG canvas and returns the finished, post-processed SVG.
pub(crate) fn render(
    theme: &ChartTheme,
    width: u32,
    height: u32,
    aria_label: &str,
    class: &str,
    draw: impl FnOnce(&Painter) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        let painter = Painter {
            area: &area,
            theme,
            width: f64::from(width),
            height: f64::from(height),
        };
        draw(&painter)?;
        area.present().map_err(drawing_error)?;
    }
    finish(&buf, width, height, aria_label, class)
}

/// Rewrites plotters' root element (responsive `viewBox`, `role`, `aria-label`), aligns 1 px lines
/// to half pixels and rounds the compensated font sizes.
pub(crate) fn finish(
    raw: &str,
    width: u32,
    height: u32,
    aria_label: &str,
    class: &str,
) -> Result<String, ChartError> {
    let mut lines = raw.lines();
    match lines.next() {
        Some(first) if first.starts_with("<svg ") => {}
        _ => return Err(ChartError::Drawing("unexpected SVG backend output".into())),
    }
    let mut out = String::with_capacity(raw.len() + 256);
    out.push_str(&root_tag(width, height, aria_label, class));
    out.push('\n');
    for line in lines {
        // Text content is escaped by plotters and cleaned of line breaks, so only plotters' own
        // tags can start a line with `<`.
        if line.starts_with("<polyline ") {
            out.push_str(&crisp_polyline(line));
        } else if line.starts_with("<text ") {
            out.push_str(&round_font_size(line));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    let lower = out.to_ascii_lowercase();
    if lower.contains("<script") || lower.contains("<foreignobject") {
        return Err(ChartError::Drawing("unsafe markup in chart output".into()));
    }
    Ok(out)
}

fn root_tag(width: u32, height: u32, aria_label: &str, class: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{}\" class=\"{}\">",
        escape_xml(&clean(aria_label)),
        escape_xml(class)
    )
}

/// Moves an axis-aligned two-point 1 px polyline onto the pixel centre.
fn crisp_polyline(line: &str) -> String {
    let Some(start) = line.find("points=\"").map(|i| i + "points=\"".len()) else {
        return line.to_owned();
    };
    let Some(len) = line[start..].find('"') else {
        return line.to_owned();
    };
    if !line.contains("stroke-width=\"1\"") {
        return line.to_owned();
    }
    let pts: Vec<(f64, f64)> = line[start..start + len]
        .split_whitespace()
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect();
    let [(x0, y0), (x1, y1)] = pts[..] else {
        return line.to_owned();
    };
    let shifted = if y0 == y1 {
        format!("{},{} {},{}", x0, y0 + 0.5, x1, y1 + 0.5)
    } else if x0 == x1 {
        format!("{},{} {},{}", x0 + 0.5, y0, x1 + 0.5, y1)
    } else {
        return line.to_owned();
    };
    format!("{}{}{}", &line[..start], shifted, &line[start + len..])
}

fn round_font_size(line: &str) -> String {
    const KEY: &str = "font-size=\"";
    let Some(start) = line.find(KEY).map(|i| i + KEY.len()) else {
        return line.to_owned();
    };
    let Some(len) = line[start..].find('"') else {
        return line.to_owned();
    };
    let Ok(size) = line[start..start + len].parse::<f64>() else {
        return line.to_owned();
    };
    let rounded = (size * 100.0).round() / 100.0;
    format!("{}{}{}", &line[..start], rounded, &line[start + len..])
}

/// See [`Chart::export_svg`].
pub(crate) fn export(chart: &Chart, theme: &ChartTheme, footer: &str) -> String {
    let f = theme.font_px;
    let w = f64::from(chart.width);
    let pad = 8.0;
    let title = truncate(&clean(&chart.table.caption), f * 1.25, w - 2.0 * pad);
    let footer = truncate(&clean(footer), f * 0.9, w - 2.0 * pad);
    let title_h = if title.is_empty() {
        0.0
    } else {
        (f * 1.25 * 1.6).round() + pad
    };
    let footer_h = if footer.is_empty() {
        0.0
    } else {
        (f * 0.9 * 1.6).round() + pad
    };
    let total_h = f64::from(chart.height) + title_h + footer_h;
    let body = chart
        .svg
        .split_once('\n')
        .map(|(_, rest)| rest)
        .unwrap_or("");
    let mut out = String::with_capacity(chart.svg.len() + 512);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {total_h}\" width=\"{w}\" height=\"{total_h}\">\n"
    ));
    out.push_str(&format!(
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{total_h}\" fill=\"{}\"/>\n",
        theme.page.hex()
    ));
    if !title.is_empty() {
        out.push_str(&format!(
            "<text x=\"{pad}\" y=\"{}\" font-family=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"{}\">{}</text>\n",
            pad + f * 1.25,
            escape_xml(theme.font_family),
            f * 1.25,
            theme.text.hex(),
            escape_xml(&title)
        ));
    }
    out.push_str(&format!(
        "<svg x=\"0\" y=\"{title_h}\" width=\"{w}\" height=\"{}\" viewBox=\"0 0 {} {}\">\n",
        chart.height, chart.width, chart.height
    ));
    out.push_str(body);
    if !footer.is_empty() {
        out.push_str(&format!(
            "<text x=\"{pad}\" y=\"{}\" font-family=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>\n",
            total_h - pad,
            escape_xml(theme.font_family),
            f * 0.9,
            theme.text_muted.hex(),
            escape_xml(&footer)
        ));
    }
    out.push_str("</svg>\n");
    out
}

/// Width of the widest of `texts` at `px`.
pub(crate) fn widest<'s>(texts: impl IntoIterator<Item = &'s str>, px: f64) -> f64 {
    texts
        .into_iter()
        .map(|t| text_width(t, px))
        .fold(0.0, f64::max)
}
