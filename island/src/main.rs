//! The baked map's first answers: on a baked page, before the app's wasm has arrived, a region
//! of the map shows its tooltip on hover, focus or a first tap, and opens its page on a click,
//! Enter or a second tap, as the live map does.
//!
//! The tooltips are the app's own, written at build time into a `<template data-map-tips>` next
//! to the map (`baked_tips` in src/features/map/hover.rs); this module only clones and places
//! them (`atlas_core::present::tip`, the app's rule) and opens the region's baked page. It has no
//! framework and no dataset, so it is a few kilobytes that compile in a moment, and
//! public/boot.js starts it before the app. The app then replaces the baked content, listeners
//! and tooltip included: nothing here outlives it.

use std::cell::RefCell;

use atlas_core::present::tip;
use atlas_core::url_state::APP_KEYS;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlTemplateElement, KeyboardEvent, PointerEvent};

/// The events the baked content listens to, each handled by [`on_event`].
const EVENTS: [&str; 7] = [
    "pointerover",
    "pointerout",
    "pointerdown",
    "click",
    "keydown",
    "focusin",
    "focusout",
];

/// The region whose tooltip is shown, and the one a first tap only previewed.
#[derive(Default)]
struct State {
    shown: Option<(String, Element)>,
    touch_preview: Option<String>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

fn main() {
    let Some(baked) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("baked"))
    else {
        return;
    };
    // One listener of each kind on the baked content, for every region of every map in it.
    let listener = Closure::<dyn FnMut(Event)>::new(on_event);
    for event in EVENTS {
        let _ = baked.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    }
    // Lives as long as the page: the baked content, which holds the only reference to it, is
    // dropped whole when the app takes its place.
    listener.forget();
    if let Some(root) = web_sys::window().and_then(|w| w.document()?.document_element()) {
        let _ = root.set_attribute("data-island", "ready");
    }
}

/// A region of a baked map, found from an event's target.
struct RegionAt {
    id: String,
    shape: Element,
    /// The map's positioned frame: the tooltip's parent.
    frame: HtmlElement,
}

fn region_at(target: Option<web_sys::EventTarget>) -> Option<RegionAt> {
    let element: Element = target?.dyn_into().ok()?;
    let shape = element.closest("path.region-shape[data-region]").ok()??;
    let frame = shape.closest(".map-frame").ok()??.dyn_into().ok()?;
    let id = shape.get_attribute("data-region")?;
    Some(RegionAt { id, shape, frame })
}

fn on_event(event: Event) {
    let Some(region) = region_at(event.target()) else {
        return;
    };
    let pointer = event.dyn_ref::<PointerEvent>();
    let touch = pointer.is_some_and(|p| p.pointer_type() == "touch");
    match event.type_().as_str() {
        // Touch has no hover: the browser fires pointerover, pointerout and click at once on a
        // tap. The first tap shows the tooltip (which stays), a second tap opens the region.
        "pointerover" if !touch => show_at_pointer(&region, pointer),
        "pointerout" if !touch => hide(&region.id),
        "pointerdown" => {
            let previewed = touch && !is_shown(&region.id);
            STATE.with_borrow_mut(|s| s.touch_preview = previewed.then(|| region.id.clone()));
            if touch {
                show_at_pointer(&region, pointer);
            }
        }
        "click" => {
            let previewed = STATE.with_borrow_mut(|s| {
                let previewed = s.touch_preview.as_deref() == Some(region.id.as_str());
                if previewed {
                    s.touch_preview = None;
                }
                previewed
            });
            if !previewed {
                open(&region);
            }
        }
        "keydown"
            if event
                .dyn_ref::<KeyboardEvent>()
                .is_some_and(|k| k.key() == "Enter") =>
        {
            event.prevent_default();
            open(&region);
        }
        "focusin" => show_at_anchor(&region),
        "focusout" => hide(&region.id),
        _ => {}
    }
}

fn is_shown(id: &str) -> bool {
    STATE.with_borrow(|s| s.shown.as_ref().is_some_and(|(shown, _)| shown == id))
}

/// Shows the tooltip beside the pointer.
fn show_at_pointer(region: &RegionAt, pointer: Option<&PointerEvent>) {
    let Some(pointer) = pointer else { return };
    let frame = region.frame.get_bounding_client_rect();
    let x = f64::from(pointer.client_x()) - frame.left();
    let y = f64::from(pointer.client_y()) - frame.top();
    if let Some(tip) = tip_of(region) {
        show(region, &tip, x, y, frame.width());
    }
}

/// Shows the tooltip at the region's label anchor, as the app does for keyboard focus.
fn show_at_anchor(region: &RegionAt) {
    let frame = region.frame.get_bounding_client_rect();
    let Some(tip) = tip_of(region) else { return };
    let anchor = anchor_of(&tip);
    // From the map's units to the screen: the drawing's viewBox and zoom, as laid out now.
    let on_screen = anchor.and_then(|(x, y)| {
        let m = region
            .shape
            .dyn_ref::<web_sys::SvgGraphicsElement>()?
            .get_screen_ctm()?;
        Some((
            m.a() as f64 * x + m.c() as f64 * y + m.e() as f64,
            m.b() as f64 * x + m.d() as f64 * y + m.f() as f64,
        ))
    });
    let (x, y) = match on_screen {
        Some(point) => point,
        None => {
            let shape = region.shape.get_bounding_client_rect();
            (
                shape.left() + shape.width() / 2.0,
                shape.top() + shape.height() / 2.0,
            )
        }
    };
    show(
        region,
        &tip,
        x - frame.left(),
        y - frame.top(),
        frame.width(),
    );
}

/// The region's label anchor in the map's units, written by the baker beside its tooltip.
fn anchor_of(tip: &Element) -> Option<(f64, f64)> {
    let x = tip.get_attribute("data-anchor-x")?.parse::<i32>().ok()?;
    let y = tip.get_attribute("data-anchor-y")?.parse::<i32>().ok()?;
    Some((f64::from(x), f64::from(y)))
}

/// The baked tooltip of the region, from its map's template.
fn tip_of(region: &RegionAt) -> Option<Element> {
    let template: HtmlTemplateElement = region
        .frame
        .query_selector("template[data-map-tips]")
        .ok()??
        .dyn_into()
        .ok()?;
    let tips = template.content().children();
    // Compared one by one rather than put into a selector: an id is the dataset's text.
    (0..tips.length())
        .filter_map(|i| tips.item(i))
        .find(|tip| tip.get_attribute("data-region").as_deref() == Some(region.id.as_str()))
}

/// Shows the region's tooltip (`tip`, from its template) at `(x, y)` CSS pixels of its frame, in
/// place of any other.
fn show(region: &RegionAt, tip: &Element, x: f64, y: f64, frame_width: f64) {
    let Some(element) = tooltip_element(tip) else {
        return;
    };
    let spot = tip::beside(x, y, frame_width);
    let style = element.style();
    let _ = style.set_property("left", &format!("{}px", spot.left));
    let _ = style.set_property("top", &format!("{}px", spot.top));
    let transform = if spot.opens_left {
        "translateX(-100%)"
    } else {
        "none"
    };
    let _ = style.set_property("transform", transform);
    let previous =
        STATE.with_borrow_mut(|s| s.shown.replace((region.id.clone(), element.clone().into())));
    if let Some((_, old)) = previous {
        old.remove();
    }
    let _ = region.frame.append_child(&element);
}

/// A tooltip like the app's (`Tooltip` in src/components/tooltip.rs): a copy of `tip`.
fn tooltip_element(tip: &Element) -> Option<HtmlElement> {
    let element: HtmlElement = tip.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    for name in ["data-region", "data-anchor-x", "data-anchor-y"] {
        let _ = element.remove_attribute(name);
    }
    if let Ok(Some(link)) = element.query_selector("a[data-open]") {
        link.remove();
    }
    element.set_class_name("tooltip");
    let _ = element.set_attribute("role", "tooltip");
    // No `data-testid`: like the rest of the baked content, so tests only ever find the app's.
    let _ = element.set_attribute("data-island", "");
    Some(element)
}

/// Hides the tooltip if it is region `id`'s.
fn hide(id: &str) {
    let shown = STATE.with_borrow_mut(|s| {
        if s.shown.as_ref().is_some_and(|(shown, _)| shown == id) {
            s.shown.take()
        } else {
            None
        }
    });
    if let Some((_, element)) = shown {
        element.remove();
    }
}

/// Opens the region's baked page (its tooltip's link, written by the baker), keeping the
/// reader's language, theme and dataset; from an embedded map, in a new tab, as the embed does.
fn open(region: &RegionAt) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let href = tip_of(region)?
        .query_selector("a[data-open]")
        .ok()??
        .get_attribute("href")?;
    // Relative to the page's folder, or made absolute by boot.js once the address lost its slash.
    let url = web_sys::Url::new_with_base(&href, &document.base_uri().ok()??).ok()?;
    let current = web_sys::UrlSearchParams::new_with_str(&window.location().search().ok()?).ok()?;
    let query = url.search_params();
    for key in APP_KEYS {
        if let Some(value) = current.get(key) {
            query.set(key, &value);
        }
    }
    let url = url.href();
    let embedded = document
        .document_element()
        .and_then(|root| root.get_attribute("data-embed"))
        .is_some_and(|e| e == "true");
    if embedded {
        window
            .open_with_url_and_target_and_features(&url, "_blank", "noopener,noreferrer")
            .ok()?;
    } else {
        window.location().assign(&url).ok()?;
    }
    Some(())
}
