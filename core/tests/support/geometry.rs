//! Geometry helpers for the dataset tests, in lon/lat degrees: containment and shared borders.
//!
//! Planar in degrees: fine for containment and for comparing borders at a tolerance, not for
//! distances; shapes crossing the antimeridian are not handled here. What would stop a region
//! from being drawn is the validator's business (`atlas_core::validate`), not this module's.

use atlas_core::geo::path::ring_contains;
use atlas_core::model::{self, LonLat};

/// Distance from (x, y) to segment a–b.
fn segment_distance(x: f64, y: f64, a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((x - a[0]) * dx + (y - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (x - a[0] - t * dx, y - a[1] - t * dy);
    (ex * ex + ey * ey).sqrt()
}

/// Whether `lonlat` lies inside the region (holes excluded). False for non-finite input.
pub fn point_in_region(region: &model::Region, lonlat: LonLat) -> bool {
    point_in_geometry(&region.geometry, lonlat)
}

/// Whether `lonlat` lies inside the geometry (holes excluded). False for non-finite input.
pub fn point_in_geometry(geometry: &model::Geometry, lonlat: LonLat) -> bool {
    let [x, y] = lonlat;
    if !(x.is_finite() && y.is_finite()) {
        return false;
    }
    geometry.polygons().into_iter().any(|polygon| {
        polygon
            .iter()
            .fold(false, |inside, ring| inside ^ ring_contains(ring, x, y))
    })
}

/// Positions without consecutive repeats or the closing repeat.
fn open_distinct(ring: &[LonLat]) -> Vec<LonLat> {
    let mut out: Vec<LonLat> = Vec::with_capacity(ring.len());
    for &p in ring {
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// How well region A's side of a shared border matches region B's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BorderReport {
    /// Vertices of A on B's boundary that are also vertices of B.
    pub shared: usize,
    /// Vertices of A on B's boundary (within tolerance) with no vertex of B near them: the two
    /// borders were simplified or digitised differently and will show slivers or overlaps.
    pub mismatched: Vec<LonLat>,
}

impl BorderReport {
    pub fn is_consistent(&self) -> bool {
        self.mismatched.is_empty()
    }
}

/// Compares A's vertices with B's boundary: every vertex of A lying within `tolerance_deg` of
/// B's boundary should be (within the same tolerance) a vertex of B. One-directional; call it
/// both ways for a full check. Regions that do not touch give an empty report.
pub fn shared_border_mismatch(
    a: &model::Region,
    b: &model::Region,
    tolerance_deg: f64,
) -> BorderReport {
    let tol = if tolerance_deg.is_finite() {
        tolerance_deg.max(0.0)
    } else {
        0.0
    };
    let index = SegmentGrid::new(&b.geometry, tol);
    let mut report = BorderReport::default();
    let Some(index) = index else { return report };
    for polygon in a.geometry.polygons() {
        for ring in polygon {
            for &p in &open_distinct(ring) {
                if !(p[0].is_finite() && p[1].is_finite()) {
                    continue;
                }
                let Some((to_edge, to_vertex)) = index.nearest(p) else {
                    continue;
                };
                if to_edge <= tol {
                    if to_vertex <= tol {
                        report.shared += 1;
                    } else {
                        report.mismatched.push(p);
                    }
                }
            }
        }
    }
    report
}

/// B's boundary segments bucketed in a uniform grid (each segment in every cell its
/// tolerance-widened box touches), so a lookup only measures nearby segments.
struct SegmentGrid {
    segments: Vec<[[f64; 2]; 2]>,
    cells: Vec<Vec<u32>>,
    origin: [f64; 2],
    cell: [f64; 2],
    dims: [usize; 2],
}

impl SegmentGrid {
    fn new(geometry: &model::Geometry, tol: f64) -> Option<SegmentGrid> {
        let mut segments = Vec::new();
        for polygon in geometry.polygons() {
            for ring in polygon {
                let ring: Vec<LonLat> = open_distinct(ring)
                    .into_iter()
                    .filter(|p| p[0].is_finite() && p[1].is_finite())
                    .collect();
                let n = ring.len();
                for i in 0..n {
                    segments.push([ring[i], ring[(i + 1) % n]]);
                }
            }
        }
        let first = segments.first()?[0];
        let (mut lo, mut hi) = (first, first);
        for s in &segments {
            for p in s {
                lo = [lo[0].min(p[0]), lo[1].min(p[1])];
                hi = [hi[0].max(p[0]), hi[1].max(p[1])];
            }
        }
        let origin = [lo[0] - tol, lo[1] - tol];
        let span = [hi[0] - lo[0] + 2.0 * tol, hi[1] - lo[1] + 2.0 * tol];
        let side = ((segments.len() as f64).sqrt().ceil() as usize).clamp(1, 256);
        let dims = [side, side];
        let cell = [
            if span[0] > 0.0 {
                span[0] / side as f64
            } else {
                1.0
            },
            if span[1] > 0.0 {
                span[1] / side as f64
            } else {
                1.0
            },
        ];
        let mut grid = SegmentGrid {
            segments: Vec::new(),
            cells: vec![Vec::new(); side * side],
            origin,
            cell,
            dims,
        };
        for (i, s) in segments.iter().enumerate() {
            let (c0, r0) = grid.cell_of([s[0][0].min(s[1][0]) - tol, s[0][1].min(s[1][1]) - tol]);
            let (c1, r1) = grid.cell_of([s[0][0].max(s[1][0]) + tol, s[0][1].max(s[1][1]) + tol]);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if let Some(bucket) = grid.cells.get_mut(r * side + c) {
                        bucket.push(i as u32);
                    }
                }
            }
        }
        grid.segments = segments;
        Some(grid)
    }

    fn cell_of(&self, p: [f64; 2]) -> (usize, usize) {
        let f =
            |v: f64, o: f64, c: f64, d: usize| (((v - o) / c).floor().max(0.0) as usize).min(d - 1);
        (
            f(p[0], self.origin[0], self.cell[0], self.dims[0]),
            f(p[1], self.origin[1], self.cell[1], self.dims[1]),
        )
    }

    /// Distance to the nearest segment and to the nearest vertex among the segments bucketed
    /// with `p`; `None` when `p` is outside the grid or its cell is empty.
    fn nearest(&self, p: [f64; 2]) -> Option<(f64, f64)> {
        let end = [
            self.origin[0] + self.cell[0] * self.dims[0] as f64,
            self.origin[1] + self.cell[1] * self.dims[1] as f64,
        ];
        if p[0] < self.origin[0] || p[1] < self.origin[1] || p[0] > end[0] || p[1] > end[1] {
            return None;
        }
        let (c, r) = self.cell_of(p);
        let bucket = self.cells.get(r * self.dims[0] + c)?;
        let mut best = None;
        for &i in bucket {
            let Some(s) = self.segments.get(i as usize) else {
                continue;
            };
            let e = segment_distance(p[0], p[1], s[0], s[1]);
            let v = s
                .iter()
                .map(|q| ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt())
                .fold(f64::INFINITY, f64::min);
            best = Some(match best {
                None => (e, v),
                Some((be, bv)) => (e.min(be), v.min(bv)),
            });
        }
        best
    }
}
