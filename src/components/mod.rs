//! Small components shared by the routes: the dataset gate, localized text, sources, links,
//! the embed dialog, the tooltip.

pub mod chart;
mod dataset_gate;
mod embed_dialog;
mod resize;
mod text;
mod tooltip;

pub use dataset_gate::{gated, ungated, DatasetGate};
pub use embed_dialog::EmbedButton;
pub use resize::measured_width;
pub use text::{Citations, LText, SafeLink, SourceLine, SourceList, SourceMark};
pub use tooltip::{TipPlacement, Tooltip};
