//! Marker de-overlap: markers closer than a minimum distance are spread around their common
//! centre (a ring for a few, concentric rings for many), deterministically.
//!
//! Groups are points within the distance of each other (transitively); if a spread group then
//! crowds a neighbour, the two are merged and laid out again, so in the result no two markers
//! are closer than the distance. Within a group, markers take slots in input order, so the same
//! input always gives the same picture. A chain of nearby towns becomes one group around their
//! mean, so the call is meant for the crowded spots of a map, with `d` a marker's size.

use std::collections::HashMap;
use std::f64::consts::PI;

/// Offsets (dx, dy) to add to each point, in the points' units (px). Points that need no move,
/// and non-finite points, get (0, 0). A non-positive or non-finite distance moves nothing.
pub fn spread_markers(points: &[(f64, f64)], min_distance: f64) -> Vec<(f64, f64)> {
    let n = points.len();
    let mut offsets = vec![(0.0, 0.0); n];
    let d = min_distance;
    if !(d.is_finite() && d > 0.0) || n < 2 {
        return offsets;
    }
    let valid: Vec<usize> = (0..n)
        .filter(|&i| points[i].0.is_finite() && points[i].1.is_finite())
        .collect();
    let mut sets = DisjointSets::new(n);
    for (i, j) in close_pairs(points, &valid, d) {
        sets.union(i, j);
    }
    // Slots are a hair wider than d so rounding never brings two below it.
    let spacing = d * (1.0 + 1e-6);
    let mut placed = points.to_vec();
    // Each round merges at least two groups, so this ends.
    for _ in 0..n {
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for &i in &valid {
            groups.entry(sets.find(i)).or_default().push(i);
        }
        for members in groups.values() {
            if members.len() < 2 {
                if let Some(&i) = members.first() {
                    placed[i] = points[i];
                }
                continue;
            }
            let k = members.len() as f64;
            let cx = members.iter().map(|&i| points[i].0).sum::<f64>() / k;
            let cy = members.iter().map(|&i| points[i].1).sum::<f64>() / k;
            for (&i, (sx, sy)) in members.iter().zip(slots(members.len(), spacing)) {
                placed[i] = (cx + sx, cy + sy);
            }
        }
        let mut merged = false;
        for (i, j) in close_pairs(&placed, &valid, d) {
            if sets.find(i) != sets.find(j) {
                sets.union(i, j);
                merged = true;
            }
        }
        if !merged {
            break;
        }
    }
    for &i in &valid {
        let (dx, dy) = (placed[i].0 - points[i].0, placed[i].1 - points[i].1);
        if dx.is_finite() && dy.is_finite() {
            offsets[i] = (dx, dy);
        }
    }
    offsets
}

/// Slot offsets for `k` markers at least `d` apart: one ring of up to 7 (no centre marker, so a
/// pair sits symmetrically), otherwise a centre marker and concentric rings `d` apart.
fn slots(k: usize, d: f64) -> Vec<(f64, f64)> {
    let at = |r: f64, i: usize, count: usize| {
        let a = -PI / 2.0 + 2.0 * PI * i as f64 / count as f64;
        (r * a.cos(), r * a.sin())
    };
    if k <= 1 {
        return vec![(0.0, 0.0); k];
    }
    if k <= 7 {
        let r = d / (2.0 * (PI / k as f64).sin());
        return (0..k).map(|i| at(r, i, k)).collect();
    }
    let mut out = Vec::with_capacity(k);
    out.push((0.0, 0.0));
    let mut ring = 1usize;
    while out.len() < k {
        let r = ring as f64 * d;
        let cap = ring_capacity(ring);
        let count = cap.min(k - out.len());
        out.extend((0..count).map(|i| at(r, i, count)));
        ring += 1;
    }
    out
}

/// Most markers a ring of radius j·d holds with neighbours at least d apart (chord 2·j·d·sin(π/m)).
fn ring_capacity(j: usize) -> usize {
    let j = j as f64;
    // The tolerance lets sin(π/6) = 0.49999999999999994 count as a half: slots are laid out a
    // hair wider than d anyway.
    let fits = |m: usize| 2.0 * j * (PI / m as f64).sin() >= 1.0 - 1e-9;
    let mut m = (PI / (1.0 / (2.0 * j)).asin() + 1e-9).floor().max(1.0) as usize;
    while m > 1 && !fits(m) {
        m -= 1;
    }
    m.max(1)
}

/// Pairs (i, j), i < j, of `valid` points closer than `d`, via a grid of `d`-sized cells.
fn close_pairs(points: &[(f64, f64)], valid: &[usize], d: f64) -> Vec<(usize, usize)> {
    let cell = |p: (f64, f64)| ((p.0 / d).floor() as i64, (p.1 / d).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for &i in valid {
        grid.entry(cell(points[i])).or_default().push(i);
    }
    let mut pairs = Vec::new();
    for &i in valid {
        let (cx, cy) = cell(points[i]);
        for gx in cx.saturating_sub(1)..=cx.saturating_add(1) {
            for gy in cy.saturating_sub(1)..=cy.saturating_add(1) {
                let Some(bucket) = grid.get(&(gx, gy)) else {
                    continue;
                };
                for &j in bucket {
                    if j > i {
                        let (dx, dy) = (points[i].0 - points[j].0, points[i].1 - points[j].1);
                        if (dx * dx + dy * dy).sqrt() < d {
                            pairs.push((i, j));
                        }
                    }
                }
            }
        }
    }
    pairs
}

struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// The smaller root wins, keeping roots independent of merge order.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_capacities_keep_neighbours_a_full_distance_apart() {
        for j in 1..200 {
            let m = ring_capacity(j);
            assert!(
                2.0 * j as f64 * (PI / m as f64).sin() >= 1.0 - 1e-9,
                "ring {j} holds {m}"
            );
        }
        assert_eq!(ring_capacity(1), 6);
    }
}
