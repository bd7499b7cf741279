//! Measuring an element's width reactively, for the map and the charts.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Width changes smaller than this (px) do not redraw: scrollbars appearing must not re-layout.
const WIDTH_STEP: f64 = 8.0;

/// A width worth drawing at: a hidden box measures 0, and a sliver of a drawing helps no one.
fn drawable(width: f64) -> bool {
    width.is_finite() && width > 100.0
}

/// The width of `container`, kept up to date as it resizes (see [`observe_width`]). It starts
/// at the width of the same box on the baked page (the next one of class `baked_twin`, one of
/// `platform::MEASURED_BOXES`) when there is one, so the first live view is drawn once, at its
/// real size; at `default` otherwise.
pub fn measured_width(
    container: NodeRef<leptos::html::Div>,
    baked_twin: &'static str,
    default: f64,
) -> RwSignal<f64> {
    let start = crate::platform::take_baked_width(baked_twin)
        .filter(|w| drawable(*w))
        .map_or(default, f64::round);
    let width = RwSignal::new(start);
    observe_width(container, width);
    width
}

/// Keeps `width` equal to the element's width, rounded, as the element resizes.
fn observe_width(container: NodeRef<leptos::html::Div>, width: RwSignal<f64>) {
    Effect::new(move |_| {
        let Some(el) = container.get() else { return };
        let el: web_sys::Element = el.into();
        let measure = {
            let el = el.clone();
            move || {
                let w = el.get_bounding_client_rect().width();
                // A hidden container measures 0: keep the last width instead of drawing a sliver.
                if drawable(w) && (w - width.get_untracked()).abs() > WIDTH_STEP {
                    width.set(w.round());
                }
            }
        };
        // No measure now: the box was just inserted, so reading its size would force a layout
        // of the whole new page in the task that builds it. The observer reports the first size
        // itself, after the browser's own layout.
        // Handed to the JS garbage collector: it is freed once the disconnected observer is.
        let callback = Closure::<dyn FnMut()>::new(measure).into_js_value();
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.unchecked_ref()) {
            observer.observe(&el);
            on_cleanup(move || observer.disconnect());
        }
    });
}
