//! Map geometry: projections, fitting, inset layout, SVG paths and marker symbols.
//!
//! Everything here is pure and total: hostile coordinates or viewports give empty or zero-sized
//! results, never a panic or NaN. [`build_map`] is the entry point for the map view.

pub mod layout;
pub mod map;
pub mod markers;
pub mod path;
pub mod projection;
pub mod symbols;
pub mod view;

pub use layout::{layout, Frame, FrameKind, FrameTransform, LayoutOptions, MapLayout, Rect};
pub use map::{
    build_map, build_map_with, frame_for_width, MapGeometry, RegionGeometry, NARROW_HEIGHT_RATIO,
    NARROW_WIDTH,
};
pub use markers::spread_markers;
pub use path::{label_anchor, project_point, svg_path, PxPolygon};
pub use projection::{ProjectionError, Projector};
pub use symbols::{symbol, Symbol};
pub use view::{marker_scale_at, ViewTransform};

/// Why a map cannot be laid out.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoError {
    #[error("map projection: {0}")]
    Projection(#[from] ProjectionError),
    #[error("the map inset names region \"{0}\", which is not in the dataset")]
    UnknownInsetRegion(String),
    #[error("region \"{0}\" is listed more than once in the map insets")]
    DuplicateInset(String),
}
