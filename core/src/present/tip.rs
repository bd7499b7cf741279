//! Where a tooltip goes beside a pointer: the one rule shared by the app's tooltips and the baked
//! map's first answers (`island/`), so both place it alike.

/// Distance between the pointer and the tooltip, in CSS pixels.
pub const TIP_OFFSET: f64 = 14.0;
/// Past this fraction of the frame's width, the tooltip opens to the left of its anchor.
pub const FLIP_AT: f64 = 0.6;

/// A tooltip's place in its positioned frame, in whole CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TipSpot {
    /// CSS `left`: the tooltip's left edge, or its right edge when it opens to the left.
    pub left: i64,
    /// CSS `top`.
    pub top: i64,
    /// Whether it opens to the left of `left` (CSS `transform: translateX(-100%)`).
    pub opens_left: bool,
}

/// Beside a pointer (or a focused element's anchor) at `(x, y)` CSS pixels in a frame
/// `frame_width` pixels wide: below it and to its right, or to its left past [`FLIP_AT`]; never
/// starting outside the frame's top-left corner.
pub fn beside(x: f64, y: f64, frame_width: f64) -> TipSpot {
    let opens_left = x > frame_width * FLIP_AT;
    let left = if opens_left {
        x - TIP_OFFSET
    } else {
        x + TIP_OFFSET
    };
    TipSpot {
        left: whole_px(left),
        top: whole_px(y + TIP_OFFSET),
        opens_left,
    }
}

/// A coordinate as whole, non-negative pixels (NaN as 0).
fn whole_px(v: f64) -> i64 {
    if v.is_finite() {
        // Bounded first, so the conversion is exact.
        v.clamp(0.0, 1e9).round() as i64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_right_of_the_pointer_by_the_offset() {
        assert_eq!(
            beside(100.0, 50.0, 800.0),
            TipSpot {
                left: 114,
                top: 64,
                opens_left: false
            }
        );
    }

    #[test]
    fn near_the_right_edge_it_opens_to_the_left() {
        let spot = beside(700.0, 50.0, 800.0);
        assert_eq!((spot.left, spot.opens_left), (686, true));
    }

    #[test]
    fn never_outside_the_frame_nor_from_nonsense() {
        assert_eq!(
            (
                beside(-40.0, -30.0, 800.0).left,
                beside(-40.0, -30.0, 800.0).top
            ),
            (0, 0)
        );
        assert_eq!(beside(f64::NAN, f64::INFINITY, 800.0).top, 0);
    }
}
