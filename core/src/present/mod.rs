//! Presenters: what the pages and embeds show, computed from the dataset without a browser.
//!
//! Each function takes the validated dataset and a language and returns plain values (texts,
//! chart specs drawn to `Chart`s, lists of ids) for the shell to put in the DOM as text nodes.
//! Nothing here knows about Leptos; everything here is tested on the host (`tests/present.rs`).

pub mod embed;
pub mod funding;
pub mod region;
pub mod sources;
pub mod tip;
