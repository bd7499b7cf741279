//! Place markers: projected into their region, spread so that places in one town stay apart,
//! filtered by category, one symbol per category; hover or focus shows the tooltip, a click or
//! Enter opens the place's card.

use std::sync::Arc;

use atlas_core::geo::{spread_markers, symbol, MapGeometry, Symbol};
use atlas_core::i18n::{category_name, localize};
use atlas_core::model::Category;
use leptos::prelude::*;

use super::hover::{Hover, HoverTarget};
use super::MapModel;
use crate::i18n::use_lang;
use crate::nav::History;

/// Markers closer than this (px) are spread around their spot.
const MARKER_SPACING: f64 = 11.0;
const MARKER_RADIUS: f64 = 5.5;

/// One place marker in map pixels (before zoom).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Marker {
    place_index: usize,
    x: f64,
    y: f64,
    category: Category,
}

/// The markers of the categories the URL shows, recomputed when the geometry or the filter
/// changes.
pub(super) fn visible_markers(
    model: MapModel,
    geometry: Memo<Option<Arc<MapGeometry>>>,
) -> Memo<Vec<Marker>> {
    let all = Memo::new(move |_| {
        let Some(g) = geometry.get() else {
            return Vec::new();
        };
        model.dataset.with_value(|d| {
            let located: Vec<(usize, (f64, f64), Category)> = d
                .places()
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let pt = p.point.as_ref()?;
                    g.project_in_region(&p.region, [pt.lon, pt.lat])
                        .map(|xy| (i, xy, p.category))
                })
                .collect();
            let points: Vec<(f64, f64)> = located.iter().map(|(_, xy, _)| *xy).collect();
            let offsets = spread_markers(&points, MARKER_SPACING);
            located
                .into_iter()
                .zip(offsets)
                .map(|((place_index, (x, y), category), (dx, dy))| Marker {
                    place_index,
                    x: x + dx,
                    y: y + dy,
                    category,
                })
                .collect::<Vec<_>>()
        })
    });
    let shown = Memo::new(move |_| model.url.state.get().categories);
    Memo::new(move |_| {
        let shown = shown.get();
        all.get()
            .into_iter()
            .filter(|m| {
                shown
                    .as_ref()
                    .is_none_or(|set| set.contains(m.category.slug()))
            })
            .collect()
    })
}

/// The markers' layer. Panning moves this one group; markers themselves only move when the
/// scale changes, so a pan frame updates one attribute instead of one per marker.
#[component]
pub(super) fn Markers(
    model: MapModel,
    markers: Memo<Vec<Marker>>,
    /// Width of the drawing in map units (to convert to CSS pixels for the tooltip).
    map_width: f64,
) -> impl IntoView {
    let zoom_scale = Memo::new(move |_| model.view.with(|v| v.scale));
    let pan_offset = Memo::new(move |_| model.view.with(|v| (v.tx, v.ty)));
    view! {
        <g
            class="markers"
            data-testid="map-markers"
            transform=move || {
                let (tx, ty) = pan_offset.get();
                format!("translate({tx:.1} {ty:.1})")
            }
        >
            <For
                each=move || markers.get()
                key=|m| m.place_index
                children=move |m: Marker| {
                    view! { <PlaceMarker model=model marker=m zoom_scale=zoom_scale pan_offset=pan_offset map_width=map_width /> }
                }
            />
        </g>
    }
}

#[component]
fn PlaceMarker(
    model: MapModel,
    marker: Marker,
    zoom_scale: Memo<f64>,
    pan_offset: Memo<(f64, f64)>,
    map_width: f64,
) -> impl IntoView {
    let lang = use_lang();
    let place = model
        .dataset
        .with_value(|d| d.places().get(marker.place_index).cloned());
    let name = place.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let id = place.map(|p| p.id).unwrap_or_default();
    let Marker {
        place_index,
        x,
        y,
        category,
    } = marker;
    let pos = move || {
        let s = zoom_scale.get();
        (x * s, y * s)
    };
    let open = {
        let id = id.clone();
        move || {
            let id = id.clone();
            model.url.set(History::Push, move |s| s.place = Some(id));
        }
    };
    let open_key = open.clone();
    let tip = move || {
        let (x, y) = pos();
        let (tx, ty) = pan_offset.get_untracked();
        let scale = model.width.get_untracked() / map_width;
        model.hover.set(Some(Hover {
            target: HoverTarget::Place(place_index),
            x: (x + tx) * scale,
            y: (y + ty) * scale,
        }));
    };
    view! {
        <g
            class="marker-group"
            transform=move || {
                let (x, y) = pos();
                format!("translate({x:.1} {y:.1})")
            }
            role="button"
            tabindex="0"
            data-category=category.slug()
            data-place=id
            aria-label=move || {
                let l = lang.get();
                format!("{} ({})", localize(&name, l).text, category_name(l, category, false))
            }
            on:click=move |_| open()
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    open_key();
                }
            }
            on:pointerenter=move |_| tip()
            on:pointerleave=move |_| model.hover.set(None)
            on:focus=move |_| tip()
            on:blur=move |_| model.hover.set(None)
        >
            <MarkerShape category=category />
        </g>
    }
}

/// A category's marker: shape and colour both tell the category, so colour is never alone.
#[component]
pub(super) fn MarkerShape(category: Category) -> impl IntoView {
    let class = format!("marker marker--{}", category.slug());
    match symbol(category, MARKER_RADIUS) {
        Symbol::Circle { r } => view! { <circle class=class r=r></circle> }.into_any(),
        Symbol::Square { half } => {
            view! { <rect class=class x=-half y=-half width=2.0 * half height=2.0 * half></rect> }
                .into_any()
        }
        Symbol::Path(d) => view! { <path class=class d=d></path> }.into_any(),
    }
}
