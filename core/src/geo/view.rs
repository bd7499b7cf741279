//! Zoom and pan of the whole map: screen = map · scale + (tx, ty).
//!
//! The map's own coordinate space is the viewport (what [`super::layout`] fitted into), so the
//! pan clamp keeps the zoomed map covering the viewport: it can never be dragged away.

use super::layout::Rect;
use std::fmt::Write;

pub const MIN_ZOOM: f64 = 1.0;
pub const MAX_ZOOM: f64 = 12.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewTransform {
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
    width: f64,
    height: f64,
}

impl ViewTransform {
    /// The identity view of a `width` × `height` viewport (px).
    pub fn new(width: f64, height: f64) -> ViewTransform {
        let size = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        ViewTransform {
            scale: 1.0,
            tx: 0.0,
            ty: 0.0,
            width: size(width),
            height: size(height),
        }
    }

    pub fn viewport(&self) -> (f64, f64) {
        (self.width, self.height)
    }

    /// After a resize: keeps the zoom and re-clamps the pan.
    pub fn set_viewport(&mut self, width: f64, height: f64) {
        let fresh = ViewTransform::new(width, height);
        self.width = fresh.width;
        self.height = fresh.height;
        self.clamp();
    }

    /// Multiplies the zoom by `factor` keeping the screen point (px, py) still; the zoom stays in
    /// [`MIN_ZOOM`, `MAX_ZOOM`]. Non-finite or non-positive input is ignored.
    pub fn zoom_at(&mut self, factor: f64, px: f64, py: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        self.zoom_to(self.scale * factor, px, py);
    }

    /// Sets the zoom to `scale` (clamped) keeping the screen point (px, py) still.
    pub fn zoom_to(&mut self, scale: f64, px: f64, py: f64) {
        if !(scale.is_finite() && px.is_finite() && py.is_finite()) {
            return;
        }
        self.clamp();
        let (mx, my) = self.invert(px, py);
        self.scale = scale.clamp(MIN_ZOOM, MAX_ZOOM);
        self.tx = px - mx * self.scale;
        self.ty = py - my * self.scale;
        self.clamp();
    }

    /// Moves the map by (dx, dy) screen px, as far as the clamp allows.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() {
            self.tx += dx;
        }
        if dy.is_finite() {
            self.ty += dy;
        }
        self.clamp();
    }

    pub fn reset(&mut self) {
        self.scale = 1.0;
        self.tx = 0.0;
        self.ty = 0.0;
    }

    pub fn is_identity(&self) -> bool {
        self.scale == 1.0 && self.tx == 0.0 && self.ty == 0.0
    }

    /// Zooms so `rect` (map px) fills the viewport less `padding`, e.g. on choosing a region.
    pub fn focus(&mut self, rect: &Rect, padding: f64) {
        let pad = if padding.is_finite() {
            padding.max(0.0)
        } else {
            0.0
        };
        let sx = (self.width - 2.0 * pad) / rect.width;
        let sy = (self.height - 2.0 * pad) / rect.height;
        let s = sx.min(sy);
        let s = if s.is_finite() && s > 0.0 {
            s
        } else {
            MAX_ZOOM
        };
        let (cx, cy) = rect.centre();
        if !(cx.is_finite() && cy.is_finite()) {
            return;
        }
        self.scale = s.clamp(MIN_ZOOM, MAX_ZOOM);
        self.tx = self.width / 2.0 - cx * self.scale;
        self.ty = self.height / 2.0 - cy * self.scale;
        self.clamp();
    }

    /// Map px to screen px.
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (x * self.scale + self.tx, y * self.scale + self.ty)
    }

    /// Screen px to map px (for hit tests under the pointer).
    pub fn invert(&self, sx: f64, sy: f64) -> (f64, f64) {
        ((sx - self.tx) / self.scale, (sy - self.ty) / self.scale)
    }

    /// The SVG `transform` attribute for the map group.
    pub fn to_svg_transform(&self) -> String {
        let mut s = String::from("translate(");
        push_num(&mut s, self.tx);
        s.push(' ');
        push_num(&mut s, self.ty);
        s.push_str(") scale(");
        push_num(&mut s, self.scale);
        s.push(')');
        s
    }

    /// Restores the invariants after any change, including direct writes to the public fields.
    pub fn clamp(&mut self) {
        if !self.scale.is_finite() {
            self.scale = 1.0;
        }
        self.scale = self.scale.clamp(MIN_ZOOM, MAX_ZOOM);
        // The zoomed map spans [t, t + size·scale]; it must cover [0, size].
        let lo_x = self.width * (1.0 - self.scale);
        let lo_y = self.height * (1.0 - self.scale);
        self.tx = if self.tx.is_finite() {
            self.tx.clamp(lo_x, 0.0)
        } else {
            0.0
        };
        self.ty = if self.ty.is_finite() {
            self.ty.clamp(lo_y, 0.0)
        } else {
            0.0
        };
    }
}

/// Up to 3 decimals, trailing zeros trimmed, no "-0".
fn push_num(out: &mut String, v: f64) {
    let r = (v * 1000.0).round() / 1000.0;
    let r = if r == 0.0 || !r.is_finite() { 0.0 } else { r };
    let mut t = String::new();
    let _ = write!(t, "{r:.3}");
    let t = t.trim_end_matches('0').trim_end_matches('.');
    out.push_str(t);
}

/// Factor that keeps a marker's screen size at zoom `scale` (any number: a URL's zoom too).
pub fn marker_scale_at(scale: f64) -> f64 {
    if scale.is_finite() {
        1.0 / scale.clamp(MIN_ZOOM, MAX_ZOOM)
    } else {
        1.0
    }
}
