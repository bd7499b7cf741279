//! The panel beside the map: search, category filter, the open place's card and the places that
//! have no position on the map.

use atlas_core::i18n::{category_name, t, Msg};
use atlas_core::model::{Place, Text};
use leptos::prelude::*;

use super::toolbar::{CategoryFilter, Search};
use super::MapModel;
use crate::components::LText;
use crate::i18n::use_lang;
use crate::nav::History;
use crate::platform;
use crate::routes::PlaceCard;

#[component]
pub(super) fn SidePanel(model: MapModel) -> impl IntoView {
    view! {
        <aside class="side-panel">
            <Search model=model />
            <CategoryFilter model=model />
            <OpenPlace model=model />
            <UnlocatedPlaces model=model />
        </aside>
    }
}

/// The card of the place named by `place=` in the URL, with a link to its region.
#[component]
fn OpenPlace(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    move || {
        let id = model.url.state.get().place?;
        let place: Place = model.dataset.with_value(|d| d.place(&id).cloned())?;
        let region = model.dataset.with_value(|d| {
            d.region(&place.region)
                .map(|r| (r.id.clone(), r.name.clone()))
        });
        let close = move |_| model.url.set(History::Push, |s| s.place = None);
        Some(view! {
            <div id="place-card" data-testid="open-place">
                <PlaceCard place=place />
                {region.map(|(rid, name)| view! {
                    <p><a href=platform::app_href(&format!("/region/{rid}"))>{move || t(lang.get(), Msg::ViewRegion)} " — " <LText text=name.clone() /></a></p>
                })}
                <button type="button" class="button" on:click=close>
                    {move || t(lang.get(), Msg::Close)}
                </button>
            </div>
        })
    }
}

/// Places without a point, listed so that none is lost.
#[component]
fn UnlocatedPlaces(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    let unlocated: Vec<(Place, Text)> = model.dataset.with_value(|d| {
        d.places()
            .iter()
            .filter(|p| p.point.is_none())
            .map(|p| {
                let region = d.region(&p.region).map(|r| r.name.clone());
                (p.clone(), region.unwrap_or_default())
            })
            .collect()
    });
    if unlocated.is_empty() {
        return ().into_any();
    }
    let count = unlocated.len();
    let items = unlocated
        .into_iter()
        .map(|(p, region)| {
            let href = platform::app_href(&format!("/region/{}#place-{}", p.region, p.id));
            view! {
                <li>
                    <a href=href><LText text=p.name.clone() /></a>
                    " — " <LText text=region /> " · " {move || category_name(lang.get(), p.category, false)}
                </li>
            }
        })
        .collect_view();
    view! {
        <details data-testid="unlocated-places">
            <summary>{move || t(lang.get(), Msg::PlacesWithoutPosition)} " (" {count} ")"</summary>
            <ul>{items}</ul>
        </details>
    }
    .into_any()
}
