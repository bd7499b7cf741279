//! Linear scales and "nice" axis ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ), safe for any finite input.

/// Axis ticks and the domain they span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticks {
    pub min: f64,
    pub max: f64,
    pub values: Vec<f64>,
}

/// Ticks that cover `[lo, hi]` with about `target` intervals.
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: usize) -> Ticks {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let (lo, hi) = if lo == hi {
        if lo == 0.0 {
            (0.0, 1.0)
        } else if lo > 0.0 {
            (0.0, lo)
        } else {
            (lo, 0.0)
        }
    } else {
        (lo, hi)
    };
    nice(lo, hi, target.max(1)).unwrap_or_else(|| fallback(lo, hi))
}

fn nice(lo: f64, hi: f64, target: usize) -> Option<Ticks> {
    let t = target as f64;
    // Halving before subtracting keeps the span finite even for ±f64::MAX.
    let raw = hi / t - lo / t;
    if !(raw.is_finite() && raw > 0.0) {
        return None;
    }
    let exp = raw.log10().floor();
    if !exp.is_finite() {
        return None;
    }
    let exp = exp as i32;
    let mag = 10f64.powi(exp);
    if !(mag.is_finite() && mag > 0.0) {
        return None;
    }
    let norm = raw / mag;
    let factor = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|f| *f >= norm - 1e-9)
        .unwrap_or(10.0);
    let step = factor * mag;
    let start = (lo / step).floor();
    let end = (hi / step).ceil();
    if !(start.is_finite() && end.is_finite()) || end - start > 60.0 {
        return None;
    }
    // Dividing by an exact power of ten avoids 0.30000000000000004-style ticks.
    let at = |i: f64| -> f64 {
        let v = if exp < 0 {
            i * factor / 10f64.powi(-exp)
        } else {
            i * step
        };
        if v == 0.0 {
            0.0
        } else {
            v
        }
    };
    let (min, max) = (at(start), at(end));
    if !(min.is_finite() && max.is_finite()) || min >= max {
        return None;
    }
    let mut values = Vec::new();
    let mut i = start;
    while i <= end {
        values.push(at(i));
        i += 1.0;
    }
    Some(Ticks { min, max, values })
}

fn fallback(lo: f64, hi: f64) -> Ticks {
    let mut values = vec![lo];
    if lo < 0.0 && hi > 0.0 {
        values.push(0.0);
    }
    values.push(hi);
    Ticks {
        min: lo,
        max: hi,
        values,
    }
}

/// Maps a domain linearly onto a range of pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn map(&self, v: f64) -> f64 {
        // Halved operands: no overflow between huge domain ends.
        let t = (v / 2.0 - self.d0 / 2.0) / (self.d1 / 2.0 - self.d0 / 2.0);
        if t.is_finite() {
            self.r0 + t * (self.r1 - self.r0)
        } else {
            self.r0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers_covering_the_data() {
        let t = nice_ticks(0.0, 2_300_000.0, 5);
        assert_eq!(
            t.values,
            vec![
                0.0,
                500_000.0,
                1_000_000.0,
                1_500_000.0,
                2_000_000.0,
                2_500_000.0
            ]
        );
        let t = nice_ticks(0.0, 0.7, 4);
        assert_eq!(t.values, vec![0.0, 0.2, 0.4, 0.6, 0.8]);
        let t = nice_ticks(-3.0, 7.0, 5);
        assert_eq!((t.min, t.max), (-4.0, 8.0));
    }

    #[test]
    fn extreme_domains_do_not_break() {
        for (lo, hi) in [
            (0.0, f64::MAX),
            (-f64::MAX, f64::MAX),
            (0.0, 5e-324),
            (0.0, 0.0),
            (f64::NAN, 1.0),
        ] {
            let t = nice_ticks(lo, hi, 5);
            assert!(t.values.iter().all(|v| v.is_finite()), "{lo} {hi}: {t:?}");
            assert!(t.min < t.max, "{lo} {hi}: {t:?}");
        }
    }
}
