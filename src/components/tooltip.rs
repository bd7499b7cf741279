//! The one tooltip of the atlas, shared by the map and the charts: placed beside the pointer (or
//! above a focused chart mark) and opened to the left near the right edge of its frame, so it
//! stays inside it.

use leptos::prelude::*;

use atlas_core::present::tip::FLIP_AT;

/// Gap between a focused mark and the tooltip above it.
const ABOVE_GAP: &str = "6px";

/// Where a tooltip goes in its positioned frame: CSS `left`, `top` and `transform`.
#[derive(Debug, Clone, PartialEq)]
pub struct TipPlacement {
    left: String,
    top: String,
    transform: String,
}

impl TipPlacement {
    /// Beside a pointer (or a focused element's anchor) at `(x, y)` CSS pixels in a frame
    /// `frame_width` pixels wide ([`atlas_core::present::tip::beside`]).
    pub fn beside(x: f64, y: f64, frame_width: f64) -> TipPlacement {
        let spot = atlas_core::present::tip::beside(x, y, frame_width);
        TipPlacement {
            left: format!("{}px", spot.left),
            top: format!("{}px", spot.top),
            transform: if spot.opens_left {
                "translateX(-100%)"
            } else {
                "none"
            }
            .to_owned(),
        }
    }

    /// Above an anchor given as fractions (0 to 1) of the frame's width and height, so that the
    /// focused mark it describes stays visible; to the left of it past [`FLIP_AT`].
    pub fn above(x_fraction: f64, y_fraction: f64) -> TipPlacement {
        let shift = if x_fraction > FLIP_AT { "-100%" } else { "0" };
        TipPlacement {
            left: format!("{:.3}%", x_fraction * 100.0),
            top: format!("{:.3}%", y_fraction * 100.0),
            transform: format!("translate({shift}, calc(-100% - {ABOVE_GAP}))"),
        }
    }
}

/// A tooltip at `placement`, with the `.tooltip` style.
#[component]
pub fn Tooltip(
    placement: TipPlacement,
    /// The `data-testid` of the element.
    test_id: &'static str,
    /// Hidden from assistive technology: what it says is already the accessible name of the
    /// element it describes. Otherwise it has `role="tooltip"`.
    #[prop(optional)]
    decorative: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div
            class="tooltip"
            role=(!decorative).then_some("tooltip")
            aria-hidden=decorative.then_some("true")
            data-testid=test_id
            style:left=placement.left
            style:top=placement.top
            style:transform=placement.transform
        >
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beside_the_pointer_it_sits_below_right_by_the_offset() {
        let p = TipPlacement::beside(100.0, 50.0, 800.0);
        assert_eq!(p.left, "114px");
        assert_eq!(p.top, "64px");
        assert_eq!(p.transform, "none");
    }

    #[test]
    fn near_the_right_edge_it_opens_to_the_left() {
        let p = TipPlacement::beside(700.0, 50.0, 800.0);
        assert_eq!(p.left, "686px");
        assert_eq!(p.transform, "translateX(-100%)");
    }

    #[test]
    fn it_never_starts_outside_the_frame() {
        let p = TipPlacement::beside(-40.0, -30.0, 800.0);
        assert_eq!((p.left.as_str(), p.top.as_str()), ("0px", "0px"));
    }

    #[test]
    fn above_a_focused_mark_it_keeps_the_mark_visible() {
        let p = TipPlacement::above(0.25, 0.5);
        assert_eq!((p.left.as_str(), p.top.as_str()), ("25.000%", "50.000%"));
        assert_eq!(p.transform, "translate(0, calc(-100% - 6px))");
        let right = TipPlacement::above(0.9, 0.5);
        assert_eq!(right.transform, "translate(-100%, calc(-100% - 6px))");
    }
}
