//! Fitting a dataset into a viewport: the main frame plus one box per inset region.
//!
//! Inset regions get an equirectangular projection centred on their own bounding box. They are
//! small (tens to a few hundred km), so its distortion stays under a percent or two, while a conic
//! fitted to a box near the equator (Guyane, Mayotte) or straddling it degenerates towards n = 0;
//! the equirectangular one cannot fail for any finite centre.

use super::projection::Projector;
use super::GeoError;
use crate::model::{self, InsetPlacement, LonLat};
use std::collections::HashSet;

/// An axis-aligned rectangle in px, y down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Inclusive of the edges.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    /// True when the two rectangles share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// True when `other` lies inside `self`, within `slack` px.
    pub fn encloses(&self, other: &Rect, slack: f64) -> bool {
        other.x >= self.x - slack
            && other.y >= self.y - slack
            && other.right() <= self.right() + slack
            && other.bottom() <= self.bottom() + slack
    }

    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// Shrinks by `d` on every side, never below zero size.
    pub fn shrink(&self, d: f64) -> Rect {
        let dx = d.min(self.width / 2.0).max(0.0);
        let dy = d.min(self.height / 2.0).max(0.0);
        Rect::new(
            self.x + dx,
            self.y + dy,
            self.width - 2.0 * dx,
            self.height - 2.0 * dy,
        )
    }
}

/// Projects lon/lat into a frame's px: projection, then scale and offset with y flipped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameTransform {
    pub projector: Projector,
    /// px per projected metre; 0 when there was nothing to fit or no room.
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
}

impl FrameTransform {
    /// lon/lat (degrees) to px, `None` when the point cannot be projected.
    pub fn project(&self, lonlat: LonLat) -> Option<(f64, f64)> {
        let p = self.projector.project(lonlat)?;
        let (x, y) = self.apply(p);
        (x.is_finite() && y.is_finite()).then_some((x, y))
    }

    /// Projected metres to px.
    pub fn apply(&self, p: [f64; 2]) -> (f64, f64) {
        (self.tx + self.scale * p[0], self.ty - self.scale * p[1])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    Main,
    /// `inset` indexes `MapSettings::insets`, `region` the regions slice.
    Inset {
        inset: usize,
        region: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// "main", or the inset region's id.
    pub id: String,
    pub kind: FrameKind,
    /// The frame's box: the area given to the main map, or the inset box to outline.
    pub rect: Rect,
    /// What the frame's geometry actually covers, px; zero-sized at the box centre when empty.
    pub content: Rect,
    /// Left end of the label's baseline (SVG `<text x y>` with `text-anchor: start`).
    pub label_at: (f64, f64),
    pub transform: FrameTransform,
}

impl Frame {
    pub fn is_inset(&self) -> bool {
        matches!(self.kind, FrameKind::Inset { .. })
    }

    /// Ground distance shown by 100 px, in km (approximate: exact along the projection's true
    /// scale lines). `None` when the frame has no scale.
    pub fn km_per_100px(&self) -> Option<f64> {
        let s = self.transform.scale;
        (s.is_finite() && s > 0.0)
            .then(|| 100.0 / s / 1000.0)
            .filter(|k| k.is_finite())
    }

    pub fn project(&self, lonlat: LonLat) -> Option<(f64, f64)> {
        self.transform.project(lonlat)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapLayout {
    pub width: f64,
    pub height: f64,
    /// The main frame first, then one per inset in `MapSettings::insets` order.
    pub frames: Vec<Frame>,
}

impl MapLayout {
    pub fn main(&self) -> Option<&Frame> {
        self.frames.first()
    }

    pub fn insets(&self) -> impl Iterator<Item = &Frame> {
        self.frames.iter().filter(|f| f.is_inset())
    }

    /// Whether the insets are drawn at a scale other than the main map's (say so in the UI).
    pub fn insets_differ_in_scale(&self) -> bool {
        let main = self.main().map(|f| f.transform.scale).unwrap_or(0.0);
        self.insets()
            .any(|f| (f.transform.scale - main).abs() > 1e-9 * main.abs().max(1e-12))
    }
}

/// Spacing knobs, in px except the fractions; anything negative or not finite falls back to the
/// default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Empty margin around everything.
    pub padding: f64,
    /// Between the main area and the inset strip, and between inset boxes.
    pub gap: f64,
    /// Share of the width (left/right) or height (bottom) the inset strip takes at least.
    pub inset_fraction: f64,
    /// The strip grows into space the main map cannot use, up to this share.
    pub inset_max_fraction: f64,
    /// Inner margin of an inset box.
    pub inset_padding: f64,
    /// Height reserved for the label at the top of an inset box.
    pub label_band: f64,
    /// Overrides `MapSettings::inset_placement`, e.g. a bottom row on narrow portrait screens.
    pub placement: Option<InsetPlacement>,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            padding: 8.0,
            gap: 8.0,
            inset_fraction: 0.2,
            inset_max_fraction: 0.4,
            inset_padding: 4.0,
            label_band: 16.0,
            placement: None,
        }
    }
}

impl LayoutOptions {
    fn sanitised(&self) -> LayoutOptions {
        let d = LayoutOptions::default();
        let ok = |v: f64, def: f64| if v.is_finite() && v >= 0.0 { v } else { def };
        let frac = |v: f64, def: f64| {
            if v.is_finite() && (0.0..=0.9).contains(&v) {
                v
            } else {
                def
            }
        };
        let inset_fraction = frac(self.inset_fraction, d.inset_fraction);
        LayoutOptions {
            padding: ok(self.padding, d.padding),
            gap: ok(self.gap, d.gap),
            inset_fraction,
            inset_max_fraction: frac(self.inset_max_fraction, d.inset_max_fraction)
                .max(inset_fraction),
            inset_padding: ok(self.inset_padding, d.inset_padding),
            label_band: ok(self.label_band, d.label_band),
            placement: self.placement,
        }
    }
}

/// Projected extent, metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Bounds {
    fn add(b: &mut Option<Bounds>, p: [f64; 2]) {
        match b {
            None => *b = Some(Bounds { min: p, max: p }),
            Some(b) => {
                b.min = [b.min[0].min(p[0]), b.min[1].min(p[1])];
                b.max = [b.max[0].max(p[0]), b.max[1].max(p[1])];
            }
        }
    }

    fn size(&self) -> [f64; 2] {
        [self.max[0] - self.min[0], self.max[1] - self.min[1]]
    }
}

fn projected_bounds<'a>(
    projector: &Projector,
    geometries: impl Iterator<Item = &'a model::Geometry>,
) -> Option<Bounds> {
    let mut bounds = None;
    for g in geometries {
        for polygon in g.polygons() {
            for ring in polygon {
                for &p in ring {
                    if let Some(q) = projector.project(p) {
                        Bounds::add(&mut bounds, q);
                    }
                }
            }
        }
    }
    bounds
}

/// Longitude/latitude box of a geometry, `[min_lon, min_lat, max_lon, max_lat]`, ignoring
/// non-finite and out-of-range positions. When a shape straddles the antimeridian the box is
/// the short way round, so `min_lon` may exceed `max_lon`.
pub fn lonlat_bbox(geometry: &model::Geometry) -> Option<[f64; 4]> {
    // Track the box both in [-180, 180) and in [0, 360) and keep the narrower.
    let mut a: Option<[f64; 4]> = None;
    let mut b: Option<[f64; 4]> = None;
    let grow = |bx: &mut Option<[f64; 4]>, lon: f64, lat: f64| match bx {
        None => *bx = Some([lon, lat, lon, lat]),
        Some(v) => *v = [v[0].min(lon), v[1].min(lat), v[2].max(lon), v[3].max(lat)],
    };
    for polygon in geometry.polygons() {
        for ring in polygon {
            for &[lon, lat] in ring {
                if !(lon.is_finite() && lat.is_finite()) || lat.abs() > 90.0 {
                    continue;
                }
                let l = (lon + 180.0).rem_euclid(360.0) - 180.0;
                grow(&mut a, l, lat);
                grow(&mut b, l.rem_euclid(360.0), lat);
            }
        }
    }
    let (a, b) = (a?, b?);
    if b[2] - b[0] < a[2] - a[0] {
        let wrap = |l: f64| if l >= 180.0 { l - 360.0 } else { l };
        Some([wrap(b[0]), b[1], wrap(b[2]), b[3]])
    } else {
        Some(a)
    }
}

/// Centre of [`lonlat_bbox`], the short way round the antimeridian.
pub fn lonlat_bbox_centre(bbox: [f64; 4]) -> LonLat {
    let span = (bbox[2] - bbox[0]).rem_euclid(360.0);
    let lon = bbox[0] + span / 2.0;
    let lon = if lon >= 180.0 { lon - 360.0 } else { lon };
    [lon, (bbox[1] + bbox[3]) / 2.0]
}

/// Fits `bounds` into `area` keeping the aspect ratio, centred.
fn fit(projector: Projector, bounds: Option<Bounds>, area: Rect) -> (FrameTransform, Rect) {
    let (cx, cy) = area.centre();
    let empty = (
        FrameTransform {
            projector,
            scale: 0.0,
            tx: cx,
            ty: cy,
        },
        Rect::new(cx, cy, 0.0, 0.0),
    );
    let Some(b) = bounds else { return empty };
    let [w, h] = b.size();
    let sx = if w > 0.0 {
        area.width / w
    } else {
        f64::INFINITY
    };
    let sy = if h > 0.0 {
        area.height / h
    } else {
        f64::INFINITY
    };
    let mut scale = sx.min(sy);
    if !scale.is_finite() {
        // A single point: nothing to measure, so show it at the centre.
        scale = 0.0;
    }
    let mx = (b.min[0] + b.max[0]) / 2.0;
    let my = (b.min[1] + b.max[1]) / 2.0;
    let t = FrameTransform {
        projector,
        scale,
        tx: cx - scale * mx,
        ty: cy + scale * my,
    };
    let content = Rect::new(
        t.tx + scale * b.min[0],
        t.ty - scale * b.max[1],
        scale * w,
        scale * h,
    );
    let all_finite = [
        t.tx,
        t.ty,
        content.x,
        content.y,
        content.width,
        content.height,
    ]
    .iter()
    .all(|v| v.is_finite());
    if all_finite {
        (t, content)
    } else {
        empty
    }
}

/// Lays out the main frame and the inset boxes. Errors only for an unusable main projection or
/// insets that name unknown or repeated regions.
pub fn layout(
    regions: &[model::Region],
    settings: &model::MapSettings,
    width: f64,
    height: f64,
    options: &LayoutOptions,
) -> Result<MapLayout, GeoError> {
    let o = options.sanitised();
    let main_projector = Projector::new(&settings.projection)?;

    // Resolve insets to region indices.
    let mut inset_regions = Vec::with_capacity(settings.insets.len());
    let mut seen = HashSet::new();
    for inset in &settings.insets {
        let Some(idx) = regions.iter().position(|r| r.id == inset.region) else {
            return Err(GeoError::UnknownInsetRegion(inset.region.clone()));
        };
        if !seen.insert(idx) {
            return Err(GeoError::DuplicateInset(inset.region.clone()));
        }
        inset_regions.push(idx);
    }

    let w = if width.is_finite() {
        width.max(0.0)
    } else {
        0.0
    };
    let h = if height.is_finite() {
        height.max(0.0)
    } else {
        0.0
    };
    let pad = o.padding.min(w / 4.0).min(h / 4.0);
    let area = Rect::new(pad, pad, w - 2.0 * pad, h - 2.0 * pad);

    let main_bounds = projected_bounds(
        &main_projector,
        regions
            .iter()
            .enumerate()
            .filter(|(i, _)| !seen.contains(i))
            .map(|(_, r)| &r.geometry),
    );
    let aspect = main_bounds.and_then(|b| {
        let [bw, bh] = b.size();
        let a = bw / bh;
        (a.is_finite() && a > 0.0).then_some(a)
    });

    let k = inset_regions.len();
    let placement = o.placement.unwrap_or(settings.inset_placement);
    let (main_area, boxes) = if k == 0 {
        (area, Vec::new())
    } else {
        split(area, aspect, k, placement, &o)
    };

    let (main_t, main_content) = fit(main_projector, main_bounds, main_area);
    let mut frames = Vec::with_capacity(k + 1);
    frames.push(Frame {
        id: "main".to_owned(),
        kind: FrameKind::Main,
        rect: main_area,
        content: main_content,
        label_at: (
            main_area.x,
            main_area.y + o.label_band.min(main_area.height) * 0.75,
        ),
        transform: main_t,
    });

    for (n, (&region, rect)) in inset_regions.iter().zip(boxes).enumerate() {
        let geometry = &regions[region].geometry;
        let centre = lonlat_bbox(geometry)
            .map(lonlat_bbox_centre)
            .unwrap_or([0.0, 0.0]);
        let projector = Projector::equirectangular_centred(centre);
        let bounds = projected_bounds(&projector, std::iter::once(geometry));
        let inner = rect.shrink(o.inset_padding.min(rect.width / 4.0).min(rect.height / 4.0));
        let band = o.label_band.min(inner.height / 3.0);
        let label_at = (inner.x, inner.y + band * 0.75);
        let fit_area = Rect::new(inner.x, inner.y + band, inner.width, inner.height - band);
        let (t, content) = fit(projector, bounds, fit_area);
        frames.push(Frame {
            id: regions[region].id.clone(),
            kind: FrameKind::Inset { inset: n, region },
            rect,
            content,
            label_at,
            transform: t,
        });
    }

    Ok(MapLayout {
        width: w,
        height: h,
        frames,
    })
}

/// Splits the padded area into the main area and `k` equal inset boxes.
fn split(
    area: Rect,
    aspect: Option<f64>,
    k: usize,
    placement: InsetPlacement,
    o: &LayoutOptions,
) -> (Rect, Vec<Rect>) {
    let kf = k as f64;
    match placement {
        InsetPlacement::Left | InsetPlacement::Right => {
            let gap = o.gap.min(area.width * 0.05);
            let box_gap = o.gap.min(area.height * 0.05 / kf);
            // Room the main map cannot use at full height goes to the insets.
            let slack = aspect
                .map(|a| area.width - gap - area.height * a)
                .unwrap_or(0.0);
            let strip = (o.inset_fraction * area.width)
                .max(slack)
                .min(o.inset_max_fraction * area.width)
                .clamp(0.0, (area.width - gap).max(0.0));
            let main_w = (area.width - strip - gap).max(0.0);
            let (strip_x, main_x) = if placement == InsetPlacement::Left {
                (area.x, area.x + strip + gap)
            } else {
                (area.x + main_w + gap, area.x)
            };
            let boxes = grid(Rect::new(strip_x, area.y, strip, area.height), k, box_gap);
            (Rect::new(main_x, area.y, main_w, area.height), boxes)
        }
        InsetPlacement::Bottom => {
            let gap = o.gap.min(area.height * 0.05);
            let box_gap = o.gap.min(area.width * 0.05 / kf);
            let slack = aspect
                .map(|a| area.height - gap - area.width / a)
                .unwrap_or(0.0);
            let strip = (o.inset_fraction * area.height)
                .max(slack)
                .min(o.inset_max_fraction * area.height)
                .clamp(0.0, (area.height - gap).max(0.0));
            let main_h = (area.height - strip - gap).max(0.0);
            let strip_y = area.y + main_h + gap;
            let boxes = grid(Rect::new(area.x, strip_y, area.width, strip), k, box_gap);
            (Rect::new(area.x, area.y, area.width, main_h), boxes)
        }
    }
}

/// `k` equal boxes in `strip`, row by row, in the grid that makes the smallest box side largest:
/// a single row or column unless the boxes would come out long and thin (a tall strip on a
/// phone gets two rows rather than five slivers).
fn grid(strip: Rect, k: usize, gap: f64) -> Vec<Rect> {
    let size = |rows: usize| {
        let cols = k.div_ceil(rows);
        let w = ((strip.width - (cols as f64 - 1.0) * gap) / cols as f64).max(0.0);
        let h = ((strip.height - (rows as f64 - 1.0) * gap) / rows as f64).max(0.0);
        (cols, w, h)
    };
    let mut best = (1, size(1));
    for rows in 2..=k {
        let candidate = size(rows);
        if candidate.1.min(candidate.2) > best.1 .1.min(best.1 .2) {
            best = (rows, candidate);
        }
    }
    let (_, (cols, w, h)) = best;
    (0..k)
        .map(|i| {
            let (row, col) = (i / cols, i % cols);
            Rect::new(
                strip.x + col as f64 * (w + gap),
                strip.y + row as f64 * (h + gap),
                w,
                h,
            )
        })
        .collect()
}
