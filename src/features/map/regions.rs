//! The regions' shapes (coloured by the choropleth, named for assistive technology, opening
//! their page) and the frames and labels of the overseas insets.

use std::sync::Arc;

use atlas_core::geo::MapGeometry;
use atlas_core::i18n::localize;
use atlas_core::model::Text;
use leptos::prelude::*;

use super::hover::{Hover, HoverTarget};
use super::MapModel;
use crate::i18n::use_lang;
use crate::nav::use_nav;

/// Every region's `<path>`, in dataset order.
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
    let open = Callback::new(move |id: String| match on_open_region {
        Some(callback) => callback.run(id),
        None => nav.open_route(&format!("/region/{id}")),
    });
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| {
            let region = geometry.region(i);
            let d = region.map(|r| r.path.clone()).unwrap_or_default();
            let geometry = geometry.clone();
            view! {
                <RegionShape model=model index=i id=id d=d geometry=geometry fills=fills open=open />
            }
        })
        .collect_view()
}

#[component]
fn RegionShape(
    model: MapModel,
    index: usize,
    id: String,
    /// SVG path data.
    d: String,
    /// The map's geometry: keyboard focus points the tooltip at the region's label anchor.
    geometry: Arc<MapGeometry>,
    fills: Memo<Vec<String>>,
    open: Callback<String>,
) -> impl IntoView {
    let label = move || {
        model
            .summaries
            .with(|s| s.get(index).map(|s| s.aria_label.clone()))
            .unwrap_or_default()
    };
    let show_tip = move |x: f64, y: f64| {
        model.hover.set(Some(Hover {
            target: HoverTarget::Region(index),
            x,
            y,
        }))
    };
    // Touch has no hover: the browser fires pointerenter, pointerleave and click all at once on a
    // tap, so the tooltip vanished and the tap opened the region straight away. On touch, the
    // first tap on a region shows its tooltip (which stays) and a second tap on the same region
    // opens it. Mouse and keyboard are unchanged.
    let touch_preview = StoredValue::new(false);
    let id = StoredValue::new(id);
    view! {
        <path
            class="region-shape"
            d=d
            fill=move || fills.with(|f| f.get(index).cloned().unwrap_or_default())
            role="link"
            tabindex="0"
            data-region=id.get_value()
            aria-label=label
            on:click=move |_| {
                if touch_preview.get_value() {
                    touch_preview.set_value(false);
                    return;
                }
                open.run(id.get_value());
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Enter" {
                    ev.prevent_default();
                    open.run(id.get_value());
                }
            }
            on:pointerdown=move |ev: web_sys::PointerEvent| {
                let touch = ev.pointer_type() == "touch";
                let shown = model.hover.with_untracked(|h| {
                    h.is_some_and(|h| h.target == HoverTarget::Region(index))
                });
                touch_preview.set_value(touch && !shown);
                if touch {
                    show_tip(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                }
            }
            on:pointerenter=move |ev: web_sys::PointerEvent| {
                if ev.pointer_type() != "touch" {
                    show_tip(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                }
            }
            on:pointerleave=move |ev: web_sys::PointerEvent| {
                if ev.pointer_type() != "touch" {
                    model.hover.set(None);
                }
            }
            on:focus=move |_| {
                let anchor = geometry.region(index).and_then(|r| r.label_anchor());
                let (x, y) = anchor.unwrap_or((0.0, 0.0));
                let scale = model.width.get_untracked() / geometry.layout.width;
                let (sx, sy) = model.view.get_untracked().apply(x, y);
                show_tip(sx * scale, sy * scale);
            }
            on:blur=move |_| model.hover.set(None)
        ></path>
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
