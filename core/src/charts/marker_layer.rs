//! The map's place layer as SVG markup, mounted in pieces of [`MARKERS_PER_PIECE`] markers.
//!
//! Why markup and not one view per marker: thousands of markers would each cost a component,
//! several closures and reactive attributes (a 16 MB dataset's 6,000 places took seconds to
//! mount). The map's layer listens once, on the layer, moves every marker at once with one
//! transform, and mounts one piece per frame, so that no task is long. Each symbol is drawn in
//! absolute coordinates at the radius of the settled zoom: a transform per marker made every pan
//! frame repaint and re-layer every marker.
//! Every text is escaped: place ids and names come from the dataset.

use crate::pages::escape_html;
use std::fmt::Write;

/// Markers mounted per frame: about 16 ms of parsing and layout at 1× CPU. The first piece
/// mounts with the map, in the same task as its regions, so it must stay small.
pub const MARKERS_PER_PIECE: usize = 400;

/// One place marker of the map's place layer: where (map units, before zoom) and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerMark<'a> {
    /// The place's index in dataset order, which the layer's event handlers read back.
    pub place_index: usize,
    pub x: f64,
    pub y: f64,
    pub category: crate::model::Category,
    pub place_id: &'a str,
    /// The accessible name, e.g. "Medicen (cluster)".
    pub label: &'a str,
}

/// The map's place markers as one piece of SVG markup: a focusable `<g role="button">` per
/// place holding its category's symbol of radius `radius`, drawn around its spot in map units.
/// The layer's event handlers find the place by `data-index`.
pub fn marker_layer_svg<'a>(
    marks: impl IntoIterator<Item = MarkerMark<'a>>,
    radius: f64,
) -> String {
    let mut out = String::new();
    for m in marks {
        let slug = m.category.slug();
        let _ = write!(
            out,
            r#"<g class="marker-group" role="button" tabindex="0" data-category="{slug}" data-place="{}" data-index="{}" aria-label="{}">"#,
            escape_html(m.place_id),
            m.place_index,
            escape_html(m.label),
        );
        crate::geo::symbol(m.category, radius).push_svg_at(
            &mut out,
            &format!("marker marker--{slug}"),
            (m.x, m.y),
        );
        out.push_str("</g>");
    }
    out
}
