//! Small components shared by the routes: the dataset gate, localized text, sources, links.

pub mod chart;
mod dataset_gate;
mod text;

pub use dataset_gate::DatasetGate;
pub use text::{LText, SafeLink, SourceLine, SourceList};
