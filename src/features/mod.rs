//! Views shared by several pages and embeds, so that routes never import one another.

pub mod check;
pub mod funding_card;
pub mod map;
pub mod place_card;
pub mod region_card;
