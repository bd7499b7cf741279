//! What the pointer or the keyboard focus is on, and the tooltip that describes it.

use atlas_core::i18n::{category_name, t, Msg};
use leptos::prelude::*;

use super::MapModel;
use crate::components::{LText, SourceLine, TipPlacement, Tooltip};
use crate::i18n::use_lang;

/// A region or a place, by index in dataset order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum HoverTarget {
    Region(usize),
    Place(usize),
}

/// The hovered or focused thing and where to point at it, in CSS pixels of the map frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Hover {
    pub target: HoverTarget,
    pub x: f64,
    pub y: f64,
}

// The event handlers call these, possibly after the map's state is disposed (removing the map
// disposes it first, and the focused shape's `focusout` comes after): hence `try_`.

/// Points the tooltip at `target`, at (x, y) CSS pixels of the map frame.
pub(super) fn show_tip(hover: RwSignal<Option<Hover>>, target: HoverTarget, x: f64, y: f64) {
    let _ = hover.try_set(Some(Hover { target, x, y }));
}

/// Hides the tooltip if it is `target`'s.
pub(super) fn hide_tip(hover: RwSignal<Option<Hover>>, target: HoverTarget) {
    if hover.try_with_untracked(|h| h.is_some_and(|h| h.target == target)) == Some(true) {
        let _ = hover.try_set(None);
    }
}

/// The map's tooltip: a region's figure, rank and source, or a place's category and source.
#[component]
pub(super) fn MapTooltip(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    move || {
        let hover = model.hover.get()?;
        let l = lang.get();
        let body = match hover.target {
            HoverTarget::Region(i) => {
                let s = model
                    .choropleth
                    .with_untracked(|c| model.dataset.with_value(|d| c.describe(d, i, l)));
                view! {
                    <strong>{s.name}</strong>
                    <br />
                    {s.indicator_label}
                    {match s.value {
                        Some(value) => view! {
                            <span class="num">{value}</span>
                            {s.year.map(|y| format!(" ({y})"))}
                            {s.rank.map(|rank| view! { <br /> {rank} })}
                            {s.source.map(|id| view! { <SourceLine source_id=id /> })}
                        }
                        .into_any(),
                        None => view! { <span class="nodata">{t(l, Msg::NoData)}</span> }.into_any(),
                    }}
                }
                .into_any()
            }
            HoverTarget::Place(i) => {
                let place = model.dataset.with_value(|d| d.places().get(i).cloned());
                place
                    .map(|p| {
                        view! {
                            <strong><LText text=p.name.clone() /></strong>
                            <br />
                            {category_name(l, p.category, false)}
                            {p.town.clone().map(|t| format!(" · {t}"))}
                            <SourceLine source_id=p.source.clone() />
                        }
                    })
                    .into_any()
            }
        };
        let width = model.width.get_untracked();
        Some(view! {
            <Tooltip placement=TipPlacement::beside(hover.x, hover.y, width) test_id="map-tooltip">
                {body}
            </Tooltip>
        })
    }
}
