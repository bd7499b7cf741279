//! Legends: colour swatches with their labels, wrapped into rows or stacked in a column.

use super::canvas::{Align, Baseline, Painter, TextStyle};
use super::label::{text_width, truncate};
use super::theme::Rgb;
use super::ChartError;

const SWATCH: f64 = 11.0;
const SWATCH_GAP: f64 = 6.0;
const ITEM_GAP: f64 = 16.0;

#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// `None`: no swatch (a part without data has no colour in the chart).
    pub color: Option<Rgb>,
    pub text: String,
}

/// Legend items placed at their positions.
#[derive(Debug, Clone)]
pub(crate) struct Legend {
    placed: Vec<(f64, f64, Item)>,
    pub height: f64,
    px: f64,
}

impl Legend {
    fn row_h(px: f64) -> f64 {
        (px * 1.6).round()
    }

    /// Items wrapped into rows no wider than `max_w`, starting at `(x, y)`.
    pub fn rows(items: Vec<Item>, x: f64, y: f64, max_w: f64, px: f64) -> Legend {
        let row_h = Self::row_h(px);
        let mut placed = Vec::with_capacity(items.len());
        let (mut cx, mut cy) = (x, y);
        for mut item in items {
            let text_max = (max_w - SWATCH - SWATCH_GAP).max(px);
            item.text = truncate(&item.text, px, text_max);
            let w = SWATCH + SWATCH_GAP + text_width(&item.text, px);
            if cx > x && cx + w > x + max_w {
                cx = x;
                cy += row_h;
            }
            placed.push((cx, cy, item));
            cx += w + ITEM_GAP;
        }
        let height = if placed.is_empty() {
            0.0
        } else {
            cy - y + row_h
        };
        Legend { placed, height, px }
    }

    /// One item per row.
    pub fn column(items: Vec<Item>, x: f64, y: f64, max_w: f64, px: f64) -> Legend {
        let row_h = Self::row_h(px);
        let mut placed = Vec::with_capacity(items.len());
        for (i, mut item) in items.into_iter().enumerate() {
            item.text = truncate(&item.text, px, (max_w - SWATCH - SWATCH_GAP).max(px));
            placed.push((x, y + i as f64 * row_h, item));
        }
        Legend {
            height: placed.len() as f64 * row_h,
            placed,
            px,
        }
    }

    pub fn draw(&self, p: &Painter) -> Result<(), ChartError> {
        let row_h = Self::row_h(self.px);
        for (x, y, item) in &self.placed {
            let mid = y + row_h / 2.0;
            if let Some(c) = item.color {
                let top = (mid - SWATCH / 2.0).round();
                p.rect(*x, top, x + SWATCH, top + SWATCH, c)?;
            }
            let style = TextStyle::new(self.px, p.theme.text)
                .align(Align::Start)
                .baseline(Baseline::Middle);
            p.text(&item.text, x + SWATCH + SWATCH_GAP, mid, style)?;
        }
        Ok(())
    }
}
