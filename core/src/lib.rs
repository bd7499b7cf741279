//! Pure core of Health Regions Atlas: everything that can be computed without a browser.
//!
//! Invariant: nothing in this crate imports leptos, web_sys, js_sys or wasm_bindgen, and nothing
//! here does I/O except the validator binary reading its files. `tests/purity.rs` enforces it.

pub mod charts;
pub mod check;
pub mod choropleth;
pub mod classify;
pub mod compare;
pub mod date;
pub mod format;
pub mod geo;
pub mod i18n;
pub mod limits;
pub mod locale;
pub mod model;
pub mod pages;
pub mod present;
pub mod schema;
pub mod sort;
pub mod text;
pub mod units;
pub mod url_state;
pub mod validate;
