//! Projected px polygons, SVG path strings, bounding boxes and label anchors.
//!
//! Winding: after projection every outer ring is made clockwise on screen (y down) and every
//! hole counter-clockwise, so the paths render right with SVG's default `fill-rule: nonzero`
//! whatever orientation the source data used (`evenodd` gives the same picture too).

use super::layout::{Frame, FrameTransform, Rect};
use crate::model::{self, LonLat};
use crate::sort::sort_stable_by;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Beyond this, px coordinates are clamped: nothing that far is visible and it keeps the
/// number formatting in integer range.
const PX_LIMIT: f64 = 1e9;

/// A polygon in px: the outer ring first, then holes; rings are open (no repeated first point),
/// rounded to 0.1 px, with at least 3 points and non-zero area.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PxPolygon {
    pub rings: Vec<Vec<[f64; 2]>>,
}

impl PxPolygon {
    /// Even-odd containment over all rings, so holes exclude.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.rings
            .iter()
            .fold(false, |inside, ring| inside ^ ring_contains(ring, x, y))
    }

    /// Outer area minus holes, px².
    pub fn area(&self) -> f64 {
        let mut rings = self.rings.iter();
        let outer = rings.next().map(|r| signed_area(r).abs()).unwrap_or(0.0);
        outer - rings.map(|r| signed_area(r).abs()).sum::<f64>()
    }
}

/// Shoelace area; positive means clockwise on screen (y down).
pub fn signed_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        let [x0, y0] = ring[i];
        let [x1, y1] = ring[(i + 1) % n];
        s += x0 * y1 - x1 * y0;
    }
    s / 2.0
}

/// Crossing-number test for one ring (open or closed).
pub fn ring_contains(ring: &[[f64; 2]], x: f64, y: f64) -> bool {
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut inside = false;
    let mut j = n - 1;
    for i in 0..n {
        let [xi, yi] = ring[i];
        let [xj, yj] = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn round_px(v: f64) -> f64 {
    let r = (v.clamp(-PX_LIMIT, PX_LIMIT) * 10.0).round() / 10.0;
    // Avoid "-0" in the output.
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Projects one ring: drops unprojectable positions, rounds to 0.1 px, drops consecutive
/// duplicates and the closing point. `None` if fewer than 3 points or no area remain.
pub fn project_ring(ring: &[LonLat], transform: &FrameTransform) -> Option<Vec<[f64; 2]>> {
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(ring.len());
    for &p in ring {
        let Some((x, y)) = transform.project(p) else {
            continue;
        };
        let q = [round_px(x), round_px(y)];
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    (out.len() >= 3 && signed_area(&out) != 0.0).then_some(out)
}

/// Projects a geometry into px polygons with normalised winding. An outer ring that vanishes
/// takes its holes with it (a lone hole would paint under `nonzero`).
pub fn project_geometry(geometry: &model::Geometry, transform: &FrameTransform) -> Vec<PxPolygon> {
    let mut polygons = Vec::new();
    for polygon in geometry.polygons() {
        let mut rings = polygon.iter();
        let Some(outer) = rings.next().and_then(|r| project_ring(r, transform)) else {
            continue;
        };
        let mut px = PxPolygon {
            rings: vec![orient(outer, true)],
        };
        px.rings.extend(
            rings
                .filter_map(|r| project_ring(r, transform))
                .map(|r| orient(r, false)),
        );
        polygons.push(px);
    }
    polygons
}

fn orient(mut ring: Vec<[f64; 2]>, clockwise: bool) -> Vec<[f64; 2]> {
    if (signed_area(&ring) > 0.0) != clockwise {
        ring.reverse();
    }
    ring
}

/// A px coordinate in integer tenths: the rings are rounded to 0.1 px already, so this is exact.
fn tenths(v: f64) -> i64 {
    (v * 10.0).round() as i64
}

/// Writes integer tenths as a decimal, short: "12" rather than "12.0", "-0.5".
fn write_tenths(out: &mut String, t: i64) {
    // By hand: exact, and several times faster than `write!`, which matters for tens of
    // thousands of vertices.
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    let (mut whole, tenth) = (t / 10, t % 10);
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(d as char);
    }
    if tenth > 0 {
        out.push('.');
        out.push((b'0' + tenth as u8) as char);
    }
}

/// Writes a number that follows another: a minus sign separates it already, else a space does.
fn write_next(out: &mut String, t: i64) {
    if t >= 0 {
        out.push(' ');
    }
    write_tenths(out, t);
}

/// The SVG `d` of px polygons, per ring: `M x y` absolute, then `l dx dy dx dy …` (each vertex
/// relative to the one before, in the tenths the rings are rounded to), then `Z`.
///
/// Relative steps are a third shorter than absolute `L x y` pairs (the sample map's baked page
/// is a quarter lighter), and the browser parses fewer characters for every region it draws.
/// They are computed on integer tenths, so every vertex lands exactly where `L` would put it.
pub fn path_d(polygons: &[PxPolygon]) -> String {
    let mut d = String::new();
    for ring in polygons.iter().flat_map(|p| p.rings.iter()) {
        let mut vertices = ring.iter().map(|&[x, y]| (tenths(x), tenths(y)));
        let Some((mut x, mut y)) = vertices.next() else {
            continue;
        };
        d.push('M');
        write_tenths(&mut d, x);
        write_next(&mut d, y);
        let mut first_step = true;
        for (nx, ny) in vertices {
            let (dx, dy) = (nx - x, ny - y);
            if dx == 0 && dy == 0 {
                continue;
            }
            if first_step {
                d.push('l');
                write_tenths(&mut d, dx);
                first_step = false;
            } else {
                write_next(&mut d, dx);
            }
            write_next(&mut d, dy);
            (x, y) = (nx, ny);
        }
        d.push('Z');
    }
    d
}

/// The SVG `d` of a geometry drawn through a frame transform.
pub fn svg_path(geometry: &model::Geometry, transform: &FrameTransform) -> String {
    path_d(&project_geometry(geometry, transform))
}

/// A lon/lat in a frame's px, `None` if it cannot be projected.
pub fn project_point(frame: &Frame, lonlat: LonLat) -> Option<(f64, f64)> {
    frame.project(lonlat)
}

/// Bounding box of px polygons, `None` when empty.
pub fn px_bbox(polygons: &[PxPolygon]) -> Option<Rect> {
    let mut it = polygons.iter().flat_map(|p| p.rings.iter()).flatten();
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first[0], first[1], first[0], first[1]);
    for &[x, y] in it {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    Some(Rect::new(x0, y0, x1 - x0, y1 - y0))
}

/// A point well inside the largest polygon (its pole of inaccessibility, to a couple of px), for a
/// label or a focus marker. Always inside when some polygon has area.
pub fn label_anchor(polygons: &[PxPolygon]) -> Option<(f64, f64)> {
    let largest = polygons
        .iter()
        .filter(|p| p.area() > 0.0)
        .max_by(|a, b| a.area().total_cmp(&b.area()))?;
    // A label anchor within a couple of px of the best spot is as good; big shapes need less.
    let precision = px_bbox(std::slice::from_ref(largest))
        .map_or(1.0, |b| (b.width.min(b.height) / 25.0).max(2.0));
    polylabel(largest, precision).or_else(|| interior_point(largest))
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    x: f64,
    y: f64,
    half: f64,
    /// Signed distance from the centre to the boundary (positive inside).
    d: f64,
    /// Best distance any point of the cell could reach.
    potential: f64,
}

impl Cell {
    fn new(x: f64, y: f64, half: f64, polygon: &PxPolygon) -> Cell {
        let d = signed_distance(polygon, x, y);
        Cell {
            x,
            y,
            half,
            d,
            potential: d + half * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.potential.total_cmp(&other.potential) == Ordering::Equal
    }
}
impl Eq for Cell {}
impl PartialOrd for Cell {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cell {
    fn cmp(&self, other: &Self) -> Ordering {
        self.potential.total_cmp(&other.potential)
    }
}

/// Signed distance to the boundary, positive inside; containment and distance in one pass.
fn signed_distance(polygon: &PxPolygon, x: f64, y: f64) -> f64 {
    let mut min2 = f64::INFINITY;
    let mut inside = false;
    for ring in &polygon.rings {
        let n = ring.len();
        let mut j = n.wrapping_sub(1);
        for (i, &a) in ring.iter().enumerate() {
            let b = ring[j];
            if (a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0] {
                inside = !inside;
            }
            min2 = min2.min(segment_distance2(x, y, a, b));
            j = i;
        }
    }
    let d = min2.sqrt();
    if inside {
        d
    } else {
        -d
    }
}

fn segment_distance2(x: f64, y: f64, a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((x - a[0]) * dx + (y - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (x - a[0] - t * dx, y - a[1] - t * dy);
    ex * ex + ey * ey
}

/// Polylabel (Mapbox's pole of inaccessibility search), with a cap on cells so huge rings stay
/// cheap. `None` if no inside point was found.
fn polylabel(polygon: &PxPolygon, precision: f64) -> Option<(f64, f64)> {
    const MAX_CELLS: usize = 4000;
    let bbox = px_bbox(std::slice::from_ref(polygon))?;
    // Cells start square on the short side, but never more than ~1000 of them for slivers.
    let size = bbox
        .width
        .min(bbox.height)
        .max((bbox.width * bbox.height / 1000.0).sqrt());
    if !(size > 0.0 && size.is_finite()) {
        return None;
    }
    let half = size / 2.0;
    let mut queue = BinaryHeap::new();
    // Counted loops: adding `size` to a huge coordinate could otherwise stall.
    let nx = ((bbox.width / size).ceil() as usize).clamp(1, 2000);
    let ny = ((bbox.height / size).ceil() as usize).clamp(1, 2000);
    for j in 0..ny {
        for i in 0..nx {
            let x = bbox.x + i as f64 * size + half;
            let y = bbox.y + j as f64 * size + half;
            queue.push(Cell::new(x, y, half, polygon));
        }
    }
    let mut best = polygon
        .rings
        .first()
        .and_then(|outer| centroid(outer))
        .map(|(x, y)| Cell::new(x, y, 0.0, polygon))
        .filter(|c| c.d > 0.0)
        .unwrap_or_else(|| {
            let (x, y) = bbox.centre();
            Cell::new(x, y, 0.0, polygon)
        });
    let mut evaluated = queue.len();
    while let Some(cell) = queue.pop() {
        if cell.d > best.d {
            best = cell;
        }
        if cell.potential - best.d <= precision || evaluated >= MAX_CELLS {
            continue;
        }
        let h = cell.half / 2.0;
        for (sx, sy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            queue.push(Cell::new(cell.x + sx * h, cell.y + sy * h, h, polygon));
        }
        evaluated += 4;
    }
    (best.d > 0.0 && polygon.contains(best.x, best.y)).then_some((best.x, best.y))
}

fn centroid(ring: &[[f64; 2]]) -> Option<(f64, f64)> {
    let a = signed_area(ring);
    if a == 0.0 {
        return None;
    }
    let n = ring.len();
    let (mut cx, mut cy) = (0.0, 0.0);
    for i in 0..n {
        let [x0, y0] = ring[i];
        let [x1, y1] = ring[(i + 1) % n];
        let f = x0 * y1 - x1 * y0;
        cx += (x0 + x1) * f;
        cy += (y0 + y1) * f;
    }
    let c = (cx / (6.0 * a), cy / (6.0 * a));
    (c.0.is_finite() && c.1.is_finite()).then_some(c)
}

/// Fallback: the middle of the widest inside span on a few horizontal scanlines.
fn interior_point(polygon: &PxPolygon) -> Option<(f64, f64)> {
    let bbox = px_bbox(std::slice::from_ref(polygon))?;
    for f in [0.5, 0.25, 0.75, 0.375, 0.625, 0.125, 0.875, 0.0625, 0.9375] {
        let y = bbox.y + bbox.height * f;
        let mut xs = Vec::new();
        for ring in &polygon.rings {
            let n = ring.len();
            for i in 0..n {
                let [x0, y0] = ring[i];
                let [x1, y1] = ring[(i + 1) % n];
                if (y0 > y) != (y1 > y) {
                    xs.push(x0 + (y - y0) * (x1 - x0) / (y1 - y0));
                }
            }
        }
        sort_stable_by(&mut xs, f64::total_cmp);
        let best = xs
            .chunks_exact(2)
            .map(|c| (c[0], c[1]))
            .filter(|(a, b)| b > a)
            .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
        if let Some((a, b)) = best {
            let x = (a + b) / 2.0;
            if polygon.contains(x, y) {
                return Some((x, y));
            }
        }
    }
    None
}
