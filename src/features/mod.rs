//! Features shared by pages and embeds; routes are thin pages over them.

pub mod map;
