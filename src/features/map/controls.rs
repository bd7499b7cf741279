//! The zoom buttons over the map: in, out, and back to the whole map.

use atlas_core::geo::ViewTransform;
use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;

use super::gestures::ZOOM_STEP;
use crate::i18n::use_lang;

#[component]
pub(super) fn MapControls(
    view: RwSignal<ViewTransform>,
    commit_view: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let zoom = move |factor: f64| {
        view.update(|v| {
            let (w, h) = v.viewport();
            v.zoom_at(factor, w / 2.0, h / 2.0)
        });
        commit_view.run(());
    };
    let reset = move |_| {
        view.update(|v| v.reset());
        commit_view.run(());
    };
    let label = move |msg: Msg| move || t(lang.get(), msg);
    view! {
        <div class="map-controls no-print">
            <button type="button" data-testid="zoom-in" aria-label=label(Msg::ZoomIn) on:click=move |_| zoom(ZOOM_STEP)>"+"</button>
            <button type="button" data-testid="zoom-out" aria-label=label(Msg::ZoomOut) on:click=move |_| zoom(1.0 / ZOOM_STEP)>"−"</button>
            <button type="button" data-testid="zoom-reset" aria-label=label(Msg::ZoomReset) on:click=reset>"⟲"</button>
        </div>
    }
}
