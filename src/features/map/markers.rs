//! Place markers: projected into their region, spread so that places in one town stay apart,
//! filtered by category, one symbol per category, drawn as one layer; hover or focus shows the
//! tooltip, a click or Enter opens the place's card.

use std::sync::Arc;

use atlas_core::charts::{marker_layer_svg, MarkerMark, MARKERS_PER_PIECE};
use atlas_core::geo::{marker_scale_at, spread_markers, symbol, MapGeometry, Symbol};
use atlas_core::i18n::{category_name, localize, Lang};
use atlas_core::model::Category;
use leptos::prelude::*;

use super::hover::{hide_tip, show_tip, HoverTarget};
use super::{true_from_next_task, MapModel};
use crate::data::InPreview;
use crate::i18n::use_lang;
use crate::nav::History;
use crate::platform;
use wasm_bindgen::JsCast;

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

/// The markers' layer: markup from the core (`atlas_core::charts::marker_layer`), one listener
/// of each kind on the layer for every marker, and the zoom applied to the layer at once. A pan
/// frame therefore updates one attribute, whatever the number of places, and repaints no marker
/// (each symbol is drawn in absolute coordinates, without a transform of its own). To keep their
/// size on screen, the symbols are redrawn at the radius of the settled zoom (the URL's, written
/// when a gesture ends); while a wheel or pinch zoom is under way they grow and shrink with the
/// map.
// The layer's pieces are drawn by `atlas_core::charts::marker_layer`, which escapes every text.
#[allow(clippy::disallowed_methods)]
#[component]
pub(super) fn Markers(
    model: MapModel,
    markers: Memo<Vec<Marker>>,
    /// Width of the drawing in map units (to convert to CSS pixels for the tooltip).
    map_width: f64,
) -> impl IntoView {
    let lang = use_lang();
    // The layer's pieces, numbered so that a new layer (another filter, language or geometry)
    // replaces every piece of the old one.
    let layer_number = StoredValue::new(0u64);
    // The check page's preview has no baked copy to match: there the markers (their spreading
    // and first piece) follow the map's first paint by a task, which keeps that paint of a
    // 16 MB file's thousands of places short. Elsewhere they mount with the map.
    let started = true_from_next_task(use_context::<InPreview>().is_none());
    // (layer number, language, pieces): each piece's markup is drawn when it mounts.
    let layer = Memo::new(move |_| {
        let l = lang.get();
        let pieces = if started.get() {
            markers.with(|ms| ms.len().div_ceil(MARKERS_PER_PIECE))
        } else {
            0
        };
        layer_number.update_value(|n| *n += 1);
        (layer_number.get_value(), l, pieces)
    });
    let piece_svg = move |piece: usize, l: Lang, radius: f64| {
        model.dataset.with_value(|d| {
            markers.with_untracked(|ms| {
                let start = (piece * MARKERS_PER_PIECE).min(ms.len());
                let end = (start + MARKERS_PER_PIECE).min(ms.len());
                let labels: Vec<(String, &str)> = ms[start..end]
                    .iter()
                    .map(|m| match d.places().get(m.place_index) {
                        Some(p) => (
                            format!(
                                "{} ({})",
                                localize(&p.name, l).text,
                                category_name(l, m.category, false)
                            ),
                            p.id.as_str(),
                        ),
                        None => (String::new(), ""),
                    })
                    .collect();
                let marks = ms[start..end]
                    .iter()
                    .zip(&labels)
                    .map(|(m, (label, id))| MarkerMark {
                        place_index: m.place_index,
                        x: m.x,
                        y: m.y,
                        category: m.category,
                        place_id: id,
                        label,
                    });
                marker_layer_svg(marks, radius)
            })
        })
    };
    // The first piece mounts with the map (and is in the baked page); the others follow, one
    // per frame, so that thousands of places never make one long task.
    let pieces_shown = RwSignal::new(1usize);
    // The radius at the settled zoom. A new one redraws the pieces one per frame too, but each
    // piece keeps its old drawing until its turn, so that no marker blinks out.
    let radius = Memo::new(move |_| {
        let scale = model.url.state.with(|s| s.zoom.map_or(1.0, |z| z.0));
        MARKER_RADIUS * marker_scale_at(scale)
    });
    let redraw = RwSignal::new(Redraw::settled(radius.get_untracked()));
    Effect::new(move |previous: Option<f64>| {
        let to = radius.get();
        if previous.is_none_or(|p| p == to) {
            return to;
        }
        let from = redraw.with_untracked(|r| r.to);
        redraw.set(Redraw { from, to, done: 1 });
        let pieces = layer.with_untracked(|l| l.2);
        leptos::task::spawn_local(async move {
            for done in 2..=pieces {
                platform::sleep_ms(0).await;
                if redraw.try_with_untracked(|r| r.to) != Some(to) {
                    return;
                }
                redraw.set(Redraw { from, to, done });
            }
        });
        to
    });
    Effect::new(move |_| {
        let (number, _, pieces) = layer.get();
        pieces_shown.set(1);
        if pieces < 2 {
            return;
        }
        leptos::task::spawn_local(async move {
            for shown in 2..=pieces {
                platform::sleep_ms(0).await;
                if layer.try_with_untracked(|l| l.0) != Some(number) {
                    return;
                }
                pieces_shown.set(shown);
            }
        });
    });
    let pieces = move || {
        let (number, l, pieces) = layer.get();
        (0..pieces.min(pieces_shown.get())).map(move |i| (number, l, i))
    };
    let open = move |place_index: usize| {
        let id = model
            .dataset
            .try_with_value(|d| d.places().get(place_index).map(|p| p.id.clone()))
            .flatten();
        if let Some(id) = id {
            model.url.set(History::Push, move |s| s.place = Some(id));
        }
    };
    let tips = MarkerTips::new(model, markers, map_width);
    view! {
        <g
            class="markers"
            data-testid="map-markers"
            transform=move || model.view.get().to_svg_transform()
            on:click=move |ev| {
                if let Some(i) = place_of(&ev) {
                    open(i);
                }
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() != "Enter" && ev.key() != " " {
                    return;
                }
                if let Some(i) = place_of(&ev) {
                    ev.prevent_default();
                    open(i);
                }
            }
            on:pointerover=move |ev| {
                if let Some(i) = place_of(&ev) {
                    tips.show(i);
                }
            }
            on:pointerout=move |ev: web_sys::PointerEvent| {
                // Moving within one marker (its shape to its group) is not leaving it.
                let from = place_of(&ev);
                let into = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.closest(".marker-group").ok().flatten())
                    .and_then(|g| g.get_attribute("data-index"))
                    .and_then(|i| i.parse::<usize>().ok());
                if let Some(from) = from.filter(|&f| Some(f) != into) {
                    tips.hide(from);
                }
            }
        >
            <For
                each=pieces
                key=|key| *key
                children=move |(_, l, i)| {
                    let radius = Memo::new(move |_| redraw.with(|r| r.radius_of(i)));
                    let markup_svg = move || piece_svg(i, l, radius.get());
                    view! { <g class="marker-piece" inner_html=markup_svg></g> }
                }
            />
        </g>
    }
}

/// The place marker an event happened on: its index in the dataset.
fn place_of(ev: &web_sys::Event) -> Option<usize> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target
        .closest(".marker-group")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
}

/// Shows and hides a place's tooltip, for the pointer (the markers' layer) and for keyboard
/// focus (heard by the `<svg>`: in Chromium a focus listener on a `<g>` makes the group a tab
/// stop of its own). It reads the map's state with `try_`, as `hover::show_tip` explains.
#[derive(Clone, Copy)]
pub(super) struct MarkerTips {
    model: MapModel,
    markers: Memo<Vec<Marker>>,
    /// Width of the drawing in map units (to convert to CSS pixels for the tooltip).
    map_width: f64,
}

impl MarkerTips {
    pub fn new(model: MapModel, markers: Memo<Vec<Marker>>, map_width: f64) -> Self {
        MarkerTips {
            model,
            markers,
            map_width,
        }
    }

    fn show(&self, place_index: usize) {
        let spot = self.markers.try_with_untracked(|ms| {
            ms.iter()
                .find(|m| m.place_index == place_index)
                .map(|m| (m.x, m.y))
        });
        let (Some(Some((x, y))), Some(v), Some(width)) = (
            spot,
            self.model.view.try_get_untracked(),
            self.model.width.try_get_untracked(),
        ) else {
            return;
        };
        let scale = width / self.map_width;
        let target = HoverTarget::Place(place_index);
        let (sx, sy) = ((x * v.scale + v.tx) * scale, (y * v.scale + v.ty) * scale);
        show_tip(self.model.hover, target, sx, sy);
    }

    /// Hides the tooltip if it is this place's.
    fn hide(&self, place_index: usize) {
        hide_tip(self.model.hover, HoverTarget::Place(place_index));
    }

    pub fn focus_in(&self, ev: &web_sys::Event) {
        if let Some(i) = place_of(ev) {
            self.show(i);
        }
    }

    pub fn focus_out(&self, ev: &web_sys::Event) {
        if let Some(i) = place_of(ev) {
            self.hide(i);
        }
    }
}

/// Which radius each piece of the layer is drawn at while a new zoom's redraw goes on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Redraw {
    from: f64,
    to: f64,
    /// Pieces already drawn at `to`: the first `done`.
    done: usize,
}

impl Redraw {
    fn settled(radius: f64) -> Self {
        Redraw {
            from: radius,
            to: radius,
            done: 0,
        }
    }

    fn radius_of(&self, piece: usize) -> f64 {
        if piece < self.done {
            self.to
        } else {
            self.from
        }
    }
}

/// A category's marker: shape and colour both tell the category, so colour is never alone.
#[component]
pub(super) fn MarkerShape(category: Category) -> impl IntoView {
    let class = format!("marker marker--{}", category.slug());
    let shape = symbol(category, MARKER_RADIUS);
    match shape {
        Symbol::Circle { r } => view! { <circle class=class r=r></circle> }.into_any(),
        Symbol::Square { half } => {
            view! { <rect class=class x=-half y=-half width=2.0 * half height=2.0 * half></rect> }
                .into_any()
        }
        Symbol::Polygon(_) => {
            view! { <path class=class d=shape.path_data().unwrap_or_default()></path> }.into_any()
        }
    }
}
