//! Health Regions Atlas, the Leptos shell: routes, components and the browser edge.
//!
//! Everything computable without a browser lives in `atlas-core`; this crate renders it.

pub mod app;
pub mod components;
pub mod data;
pub mod features;
pub mod i18n;
pub mod nav;
pub mod platform;
pub mod routes;

/// Installs the panic reporter and mounts the app on `<body>`.
pub fn start() {
    platform::install_panic_reporter();
    leptos::mount::mount_to_body(app::App);
}
