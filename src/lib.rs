//! Health Regions Atlas, the Leptos shell: routes, components and the browser edge.
//!
//! Everything computable without a browser lives in `atlas-core`; this crate renders it.

pub mod app;
pub mod components;
pub mod data;
pub mod features;
pub mod i18n;
pub mod lazy_pages;
pub mod nav;
pub mod platform;
pub mod routes;
pub mod scope;

/// Installs the panic reporter, sends the dataset request and mounts the app.
///
/// On a page baked at build time the app renders out of sight next to the baked content and
/// takes its place once the dataset has settled (see `platform::take_over_baked`); elsewhere it
/// mounts on `<body>`. In the dataset checker's worker (`features::check`), which loads this
/// same wasm for its validator, there is no page: nothing to mount.
pub fn start() {
    if platform::window().is_none() {
        return;
    }
    platform::install_panic_reporter();
    data::send_early_request();
    // Compiling and instantiating the wasm is one task and mounting the app the next, so that
    // the two never add up to one long task on a slow phone (boot.js waits for this one).
    wasm_bindgen_futures::spawn_local(async {
        platform::sleep_ms(0).await;
        // A visit that opens on a page with code of its own waits for it here, so the page
        // replaces its baked copy whole instead of through a loading state.
        lazy_pages::preload_for_route(&nav::route_of(&platform::current_path())).await;
        platform::mark("atlas-mount");
        match platform::baked_app_root() {
            Some(root) => {
                platform::remember_baked_widths();
                leptos::mount::mount_to(root, app::App).forget()
            }
            None => leptos::mount::mount_to_body(app::App),
        }
    });
}
