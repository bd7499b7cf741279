//! The regions' shapes (coloured by the choropleth, named for assistive technology, opening
//! their page) and the frames and labels of the overseas insets.

use std::sync::Arc;

use atlas_core::geo::MapGeometry;
use atlas_core::i18n::localize;
use atlas_core::model::Text;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::hover::{hide_tip, show_tip, HoverTarget};
use super::MapModel;
use crate::i18n::use_lang;
use crate::nav::use_nav;

/// Every region's `<path>`, in dataset order, in one group that listens for all of them: one
/// set of listeners instead of nine closures per region. Focus is heard by the `<svg>`
/// ([`RegionFocus`]).
#[component]
pub(super) fn RegionShapes(
    model: MapModel,
    geometry: Arc<MapGeometry>,
    fills: Memo<Vec<String>>,
    /// Opens a region instead of navigating to its page (embeds open a new tab).
    on_open_region: Option<Callback<String>>,
) -> impl IntoView {
    let nav = use_nav();
    let ids: Vec<String> = model
        .dataset
        .with_value(|d| d.regions().iter().map(|r| r.id.clone()).collect());
    let open = move |index: usize| {
        let Some(id) = model
            .dataset
            .try_with_value(|d| d.regions().get(index).map(|r| r.id.clone()))
            .flatten()
        else {
            return;
        };
        match on_open_region {
            Some(callback) => callback.run(id),
            None => nav.open_route(&format!("/region/{id}")),
        }
    };
    let shapes = ids
        .into_iter()
        .enumerate()
        .map(|(index, id)| {
            let d = geometry
                .region(index)
                .map(|r| r.path.clone())
                .unwrap_or_default();
            let label = move || {
                model
                    .summaries
                    .with(|s| s.get(index).map(|s| s.aria_label.clone()))
                    .unwrap_or_default()
            };
            view! {
                <path
                    class="region-shape"
                    d=d
                    fill=move || fills.with(|f| f.get(index).cloned().unwrap_or_default())
                    role="link"
                    tabindex="0"
                    data-region=id
                    aria-label=label
                ></path>
            }
        })
        .collect_view();
    let region_of = move |target| region_of(model, target);
    let show_tip = move |index, x, y| show_tip(model.hover, HoverTarget::Region(index), x, y);
    let hide_tip = move |index| hide_tip(model.hover, HoverTarget::Region(index));
    // Touch has no hover: the browser fires pointerover, pointerout and click all at once on a
    // tap, so the tooltip vanished and the tap opened the region straight away. On touch, the
    // first tap on a region shows its tooltip (which stays) and a second tap on the same region
    // opens it. Mouse and keyboard are unchanged. Holds the region whose tap only showed it.
    let touch_preview = StoredValue::new(None::<usize>);
    view! {
        <g
            class="region-shapes"
            on:click=move |ev| {
                let Some(index) = region_of(ev.target()) else { return };
                if touch_preview.get_value() == Some(index) {
                    touch_preview.set_value(None);
                    return;
                }
                open(index);
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() != "Enter" {
                    return;
                }
                if let Some(index) = region_of(ev.target()) {
                    ev.prevent_default();
                    open(index);
                }
            }
            on:pointerdown=move |ev: web_sys::PointerEvent| {
                let Some(index) = region_of(ev.target()) else { return };
                let touch = ev.pointer_type() == "touch";
                let shown = model.hover.try_with_untracked(|h| {
                    h.is_some_and(|h| h.target == HoverTarget::Region(index))
                }) == Some(true);
                touch_preview.set_value((touch && !shown).then_some(index));
                if touch {
                    show_tip(index, f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                }
            }
            on:pointerover=move |ev: web_sys::PointerEvent| {
                if ev.pointer_type() == "touch" {
                    return;
                }
                if let Some(index) = region_of(ev.target()) {
                    show_tip(index, f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                }
            }
            on:pointerout=move |ev: web_sys::PointerEvent| {
                if ev.pointer_type() == "touch" {
                    return;
                }
                if let Some(index) = region_of(ev.target()) {
                    hide_tip(index);
                }
            }
        >
            {shapes}
        </g>
    }
}

// The handlers read the map's state with `try_`, as `hover::show_tip` explains.

/// The region an event happened on: its index in the dataset.
fn region_of(model: MapModel, target: Option<web_sys::EventTarget>) -> Option<usize> {
    let element: web_sys::Element = target?.dyn_into().ok()?;
    let id = element
        .closest("path.region-shape")
        .ok()??
        .get_attribute("data-region")?;
    model
        .dataset
        .try_with_value(|d| d.regions().iter().position(|r| r.id == id))
        .flatten()
}

/// Keyboard focus on a region shows its tooltip at the region's label. The `<svg>` listens for
/// it: in Chromium a focus listener on a `<g>` makes the group a tab stop of its own.
#[derive(Clone)]
pub(super) struct RegionFocus {
    model: MapModel,
    geometry: Arc<MapGeometry>,
}

impl RegionFocus {
    pub fn new(model: MapModel, geometry: Arc<MapGeometry>) -> Self {
        RegionFocus { model, geometry }
    }

    /// Shows the tooltip of the region focused; `false` when the focus is not on a region.
    pub fn focus_in(&self, ev: &web_sys::Event) -> bool {
        let Some(index) = region_of(self.model, ev.target()) else {
            return false;
        };
        let anchor = self.geometry.region(index).and_then(|r| r.label_anchor());
        let (x, y) = anchor.unwrap_or((0.0, 0.0));
        let (Some(width), Some(view)) = (
            self.model.width.try_get_untracked(),
            self.model.view.try_get_untracked(),
        ) else {
            return false;
        };
        let scale = width / self.geometry.layout.width;
        let (sx, sy) = view.apply(x, y);
        show_tip(
            self.model.hover,
            HoverTarget::Region(index),
            sx * scale,
            sy * scale,
        );
        true
    }

    /// Hides the tooltip of the region that loses the focus; `false` when it was not a region.
    pub fn focus_out(&self, ev: &web_sys::Event) -> bool {
        let Some(index) = region_of(self.model, ev.target()) else {
            return false;
        };
        hide_tip(self.model.hover, HoverTarget::Region(index));
        true
    }
}

/// The dashed frame and the label of each overseas inset.
#[component]
pub(super) fn InsetFrames(model: MapModel, geometry: Arc<MapGeometry>) -> impl IntoView {
    let lang = use_lang();
    let labels: Vec<(String, Text)> = model.dataset.with_value(|d| {
        d.raw()
            .map
            .insets
            .iter()
            .map(|i| {
                let label = i
                    .label
                    .clone()
                    .or_else(|| d.region(&i.region).map(|r| r.name.clone()));
                (i.region.clone(), label.unwrap_or_default())
            })
            .collect()
    });
    geometry
        .layout
        .insets()
        .map(|f| {
            let rect = f.rect;
            let (lx, ly) = f.label_at;
            // On a phone the insets are narrow: a label ends inside its frame (as in the export).
            let room = (rect.right() - lx - 2.0).max(0.0);
            let text = labels
                .iter()
                .find(|(region, _)| *region == f.id)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            view! {
                <rect class="inset-frame" x=rect.x y=rect.y width=rect.width height=rect.height></rect>
                <text class="inset-label" x=lx y=ly aria-hidden="true">
                    {move || atlas_core::charts::truncate(localize(&text, lang.get()).text, INSET_LABEL_PX, room)}
                </text>
            }
        })
        .collect_view()
}

/// The inset labels' font size (`.inset-label` in style/main.css).
const INSET_LABEL_PX: f64 = 11.0;
