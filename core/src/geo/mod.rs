//! Map geometry: projections, fitting, inset layout and SVG paths.
