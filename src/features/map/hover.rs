//! What the pointer or the keyboard focus is on, and the tooltip that describes it.

use std::sync::Arc;

use atlas_core::geo::MapGeometry;
use atlas_core::i18n::{category_name, t, Lang, Msg};
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

/// What the tooltip says about region `i`: its figure, year, rank and source, or that it has
/// no data.
fn region_tip(model: MapModel, i: usize, l: Lang) -> AnyView {
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

/// The map's tooltip: a region's figure, rank and source, or a place's category and source.
#[component]
pub(super) fn MapTooltip(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    move || {
        let hover = model.hover.get()?;
        let l = lang.get();
        let body = match hover.target {
            HoverTarget::Region(i) => region_tip(model, i, l),
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

/// On a baked page, every region's tooltip, written once by the same [`region_tip`] as the live
/// one, in an inert `<template>`: the baked map's first answers (`island/`) show them before the
/// app's wasm has arrived. Each carries the region's id, its focus anchor in map units and a
/// link to its page.
#[cfg(feature = "bake")]
pub(super) fn baked_tips(
    model: MapModel,
    geometry: Memo<Option<Arc<MapGeometry>>>,
) -> impl IntoView {
    let geometry = geometry.get_untracked()?;
    let l = use_lang().get_untracked();
    let ids: Vec<String> = model
        .dataset
        .with_value(|d| d.regions().iter().map(|r| r.id.clone()).collect());
    let tips = ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            // Whole map units: a pixel either way does not move a tooltip.
            let anchor = geometry
                .region(i)
                .and_then(|r| r.label_anchor())
                .map(|(x, y)| (x.round().to_string(), y.round().to_string()));
            let href = crate::platform::app_href(&format!(
                "/region/{}",
                atlas_core::url_state::encode_component(&id)
            ));
            view! {
                <div
                    data-region=id
                    data-anchor-x=anchor.as_ref().map(|(x, _)| x.clone())
                    data-anchor-y=anchor.map(|(_, y)| y)
                >
                    // The region's page, written by the baker's link rule like every baked link.
                    <a href=href data-open="" hidden></a>
                    {region_tip(model, i, l)}
                </div>
            }
        })
        .collect_view();
    Some(view! { <template data-map-tips="">{tips}</template> })
}

/// The live app has no baked tooltips to write.
#[cfg(not(feature = "bake"))]
pub(super) fn baked_tips(_: MapModel, _: Memo<Option<Arc<MapGeometry>>>) {}
