//! Entry point: installs the panic reporter and mounts the app; everything else is in modules.

mod app;
mod components;
mod data;
mod i18n;
mod platform;
mod routes;

fn main() {
    platform::install_panic_reporter();
    leptos::mount::mount_to_body(app::App);
}
