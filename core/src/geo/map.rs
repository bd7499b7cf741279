//! The map's geometry computed once per dataset and viewport: frames, paths, boxes, label
//! anchors and hit testing. Recolouring only changes fills, so it never rebuilds this.

use super::layout::{layout, Frame, FrameKind, LayoutOptions, MapLayout, Rect};
use super::path::{label_anchor, path_d, project_geometry, px_bbox, PxPolygon};
use super::view::ViewTransform;
use super::GeoError;
use crate::model::{self, LonLat};
use std::collections::HashMap;

/// One region, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionGeometry {
    pub id: String,
    /// Index into [`MapLayout::frames`].
    pub frame: usize,
    /// SVG `d`; empty when nothing drawable is left.
    pub path: String,
    /// px box, `None` when the path is empty.
    pub bbox: Option<Rect>,
    polygons: Vec<PxPolygon>,
}

impl RegionGeometry {
    /// A px point inside the region's largest polygon, found when asked: only keyboard focus
    /// needs it, and searching every region for it was most of the time to build the map.
    pub fn label_anchor(&self) -> Option<(f64, f64)> {
        label_anchor(&self.polygons)
    }

    /// The px polygons behind `path` (outer ring first, normalised winding).
    pub fn polygons(&self) -> &[PxPolygon] {
        &self.polygons
    }

    /// Whether map px (x, y) is inside the drawn region.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.bbox.is_some_and(|b| b.contains(x, y))
            && self.polygons.iter().any(|p| p.contains(x, y))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapGeometry {
    pub layout: MapLayout,
    /// Same order as the regions slice given to [`build_map`].
    pub regions: Vec<RegionGeometry>,
    by_id: HashMap<String, usize>,
}

/// Frames narrower than this (CSS px) are drawn for a phone: taller, with the insets in a row
/// under the mainland so that the mainland keeps the whole width. `style/main.css` reserves the
/// same box with a container query at this width, so a baked map and the live one take the same
/// place on the page.
pub const NARROW_WIDTH: f64 = 544.0;
/// Height per unit of width of a phone's map (the container query's `aspect-ratio`).
pub const NARROW_HEIGHT_RATIO: f64 = 1.1;

/// The drawing's height and layout for a frame `width` px wide: a landscape map with the
/// dataset's own inset placement on wide screens, the phone layout below [`NARROW_WIDTH`].
pub fn frame_for_width(width: f64) -> (f64, LayoutOptions) {
    if width < NARROW_WIDTH {
        let options = LayoutOptions {
            placement: Some(model::InsetPlacement::Bottom),
            ..LayoutOptions::default()
        };
        (width * NARROW_HEIGHT_RATIO, options)
    } else {
        ((width * 0.78).clamp(300.0, 760.0), LayoutOptions::default())
    }
}

/// [`build_map_with`] with the default [`LayoutOptions`].
pub fn build_map(
    regions: &[model::Region],
    settings: &model::MapSettings,
    width: f64,
    height: f64,
) -> Result<MapGeometry, GeoError> {
    build_map_with(regions, settings, width, height, &LayoutOptions::default())
}

/// Lays out the frames and projects every region into its frame.
pub fn build_map_with(
    regions: &[model::Region],
    settings: &model::MapSettings,
    width: f64,
    height: f64,
    options: &LayoutOptions,
) -> Result<MapGeometry, GeoError> {
    let layout = layout(regions, settings, width, height, options)?;
    let mut frame_of = vec![0usize; regions.len()];
    for (f, frame) in layout.frames.iter().enumerate() {
        if let FrameKind::Inset { region, .. } = frame.kind {
            if let Some(slot) = frame_of.get_mut(region) {
                *slot = f;
            }
        }
    }
    let mut out = Vec::with_capacity(regions.len());
    let mut by_id = HashMap::with_capacity(regions.len());
    for (i, region) in regions.iter().enumerate() {
        let frame = frame_of.get(i).copied().unwrap_or(0);
        let polygons = layout
            .frames
            .get(frame)
            .map(|f| project_geometry(&region.geometry, &f.transform))
            .unwrap_or_default();
        // The first region with an id wins, as for inset lookup.
        by_id.entry(region.id.clone()).or_insert(i);
        out.push(RegionGeometry {
            id: region.id.clone(),
            frame,
            path: path_d(&polygons),
            bbox: px_bbox(&polygons),
            polygons,
        });
    }
    Ok(MapGeometry {
        layout,
        regions: out,
        by_id,
    })
}

impl MapGeometry {
    /// The region under map px (x, y), the topmost (last drawn) if several overlap. Convert
    /// screen px with [`ViewTransform::invert`] first.
    pub fn hit_test(&self, x: f64, y: f64) -> Option<usize> {
        if !(x.is_finite() && y.is_finite()) {
            return None;
        }
        self.regions.iter().rposition(|r| r.contains(x, y))
    }

    pub fn region_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn region(&self, index: usize) -> Option<&RegionGeometry> {
        self.regions.get(index)
    }

    /// The frame a region is drawn in.
    pub fn frame_of(&self, index: usize) -> Option<&Frame> {
        self.layout.frames.get(self.regions.get(index)?.frame)
    }

    /// Projects a point (a place) in the frame of the region it belongs to, the main frame when
    /// the region is unknown; `None` if it cannot be projected.
    pub fn project_in_region(&self, region_id: &str, lonlat: LonLat) -> Option<(f64, f64)> {
        let frame = self
            .region_index(region_id)
            .and_then(|i| self.frame_of(i))
            .or_else(|| self.layout.main())?;
        frame.project(lonlat)
    }

    /// A fresh zoom/pan state for this map's viewport.
    pub fn view(&self) -> ViewTransform {
        ViewTransform::new(self.layout.width, self.layout.height)
    }
}
