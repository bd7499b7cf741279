//! Embeddable widgets (`/embed/…`): the same views without site chrome, for partner pages.
//!
//! They read the same URL state as the full views plus `lang` and `theme`, report their height
//! to the parent (public/boot.js, `reportEmbedHeight`) and open every link in a new tab.

use atlas_core::i18n::{t, Msg};
use atlas_core::present::embed::{full_route_of, region_route};
use atlas_core::present::funding::chart_entry;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use super::compare::Comparison;
use super::PageMetaMsg;
use crate::components::LText;
use crate::data::use_dataset;
use crate::features::funding_card::chart_card;
use crate::features::map::AtlasMap;
use crate::features::region_card::RegionCard;
use crate::i18n::use_lang;
use crate::platform;

/// In the embedded map, a region opens its page of the full atlas in a new tab.
///
/// The map's regions are not links (`<path role="link">`) and their own handler navigates the
/// router, which replaced the widget in the partner's iframe by the whole site (header
/// included) instead of opening a tab like every other link of an embed (`open_links_outside`
/// in app.rs). Caught in the capture phase on the widget, before the region's handler (and the
/// router's delegated listener on `window`) see the event. On touch, the map shows a region's
/// tooltip on the first tap and opens it on a second tap on the same region: kept as is.
fn open_region_outside(ev: &web_sys::Event, last_touch: StoredValue<Option<String>>) {
    use wasm_bindgen::JsCast;
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(shape)) = target.closest("[data-testid=\"map-regions\"] path[data-region]") else {
        last_touch.set_value(None);
        return;
    };
    let Some(id) = shape.get_attribute("data-region") else {
        return;
    };
    match ev.type_().as_str() {
        "keydown" => {
            let enter = ev
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "Enter");
            if !enter {
                return;
            }
        }
        _ => {
            let touch = ev
                .dyn_ref::<web_sys::PointerEvent>()
                .is_some_and(|p| p.pointer_type() == "touch");
            if touch && last_touch.get_value().as_deref() != Some(id.as_str()) {
                // First tap: let the map show the tooltip.
                last_touch.set_value(Some(id));
                return;
            }
            last_touch.set_value(None);
        }
    }
    ev.prevent_default();
    ev.stop_propagation();
    let search = platform::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    platform::open_in_new_tab(&platform::absolute_url(&region_route(&id, &search)));
}

/// What every embed route shares: the page's meta, its heading, fitting the page to the widget,
/// the widget itself and the footer linking to the full view.
#[component]
fn EmbedShell(
    /// The widget's name as the page's (visually hidden) `<h1>`; `None` when the widget shows
    /// its own (the region card's name).
    #[prop(optional)]
    heading: Option<Msg>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        {heading.map(|m| view! {
            <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), m)}</h1>
        })}
        {children()}
        <EmbedFooter full_route=use_full_route() />
    }
}

/// "Open in the atlas" with the full view's address, and the dataset credit.
#[component]
fn EmbedFooter(#[prop(into)] full_route: Signal<String>) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    view! {
        <footer class="embed-footer">
            <a
                href=move || platform::absolute_url(&full_route.get())
                target="_blank"
                rel="noopener noreferrer"
                data-testid="open-in-atlas"
            >
                {move || t(lang.get(), Msg::OpenInAtlas)}
            </a>
            <span>
                {move || data.dataset().map(|d| {
                    let m = d.metadata();
                    view! { <LText text=m.title.clone() /> " · " {m.publisher.clone()} }
                })}
            </span>
        </footer>
    }
}

/// The full view of the current embed route (see `present::embed::full_route_of`).
fn use_full_route() -> Signal<String> {
    let location = use_location();
    let data = use_dataset();
    Signal::derive(move || {
        let route = crate::nav::route_of(&location.pathname.get());
        full_route_of(&route, &location.search.get(), data.dataset().as_deref())
    })
}

/// "This widget does not exist": a chart id that names nothing in the dataset.
fn unknown_chart() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="state" data-testid="not-found">{move || t(lang.get(), Msg::EmbedUnknown)}</p> }
}

#[component]
pub fn EmbedMap() -> impl IntoView {
    let data = use_dataset();
    let last_touch = StoredValue::new(None::<String>);
    view! {
        <EmbedShell heading=Msg::TitleMap>
            <div
                on:click:capture=move |ev: web_sys::MouseEvent| open_region_outside(&ev, last_touch)
                on:keydown:capture=move |ev: web_sys::KeyboardEvent| open_region_outside(&ev, last_touch)
            >
                {move || data.dataset().map(|d| view! { <AtlasMap dataset=d /> })}
            </div>
        </EmbedShell>
    }
}

/// Any chart of the Funding page: a funding entry's amounts, breakdown or big number, or a share.
#[component]
pub fn EmbedChart() -> impl IntoView {
    let data = use_dataset();
    let params = use_params_map();
    view! {
        <EmbedShell heading=Msg::TitleFunding>
            {move || {
                let id = params.read().get("id").unwrap_or_default();
                let dataset = data.dataset()?;
                Some(match chart_entry(&dataset, &id) {
                    Some(entry) => chart_card(entry),
                    None => unknown_chart().into_any(),
                })
            }}
        </EmbedShell>
    }
}

/// A region's card: the headline figures and ranks of its page.
#[component]
pub fn EmbedRegion() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let params = use_params_map();
    view! {
        <EmbedShell>
            {move || {
                let id = params.read().get("id").unwrap_or_default();
                let dataset = data.dataset()?;
                Some(match dataset.region(&id).cloned() {
                    Some(region) => view! { <RegionCard dataset=dataset region=region /> }.into_any(),
                    None => view! {
                        <h1 data-testid="page-title">{move || t(lang.get(), Msg::RegionNotFound)}</h1>
                        <p data-testid="not-found">{move || t(lang.get(), Msg::EmbedUnknown)}</p>
                    }
                    .into_any(),
                })
            }}
        </EmbedShell>
    }
}

#[component]
pub fn EmbedCompare() -> impl IntoView {
    let data = use_dataset();
    view! {
        <EmbedShell heading=Msg::TitleCompare>
            {move || data.dataset().map(|d| view! { <Comparison dataset=d embedded=true /> })}
        </EmbedShell>
    }
}
