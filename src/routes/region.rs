//! A region's page: headline figures with sources, national ranks, places, funding, sources.
//!
//! What it shows is `atlas_core::present::region`; the figure, place and funding cards are
//! shared with the embeds (`features`).

use std::sync::Arc;

use atlas_core::i18n::{category_name, localize, region_description, t, Msg};
use atlas_core::model::Region;
use atlas_core::present::region::{
    compare_route, funding_for_region, headline_figures, kind_msg, page_source_ids,
    places_by_category, rankings, suggestions,
};
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::PageMeta;
use crate::components::{Citations, EmbedButton, LText, SourceList};
use crate::data::use_dataset;
use crate::features::funding_card::FundingCard;
use crate::features::region_card::{FigureItem, RankItem};
use crate::i18n::use_lang;
use crate::platform::app_href;

/// Where the map's side panel imported it from until it imports `crate::features` itself.
pub use crate::features::place_card::PlaceCard;

#[component]
pub fn RegionPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_dataset();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    view! {
        {move || {
            let dataset = data.dataset()?;
            let id = id.get();
            Some(match dataset.region(&id).cloned() {
                Some(region) => view! { <RegionView dataset=dataset region=region /> }.into_any(),
                None => view! { <RegionNotFound dataset=dataset requested=id /> }.into_any(),
            })
        }}
    }
}

/// A region's page for a region in hand (the check page's preview shows one of its file).
#[component]
pub(crate) fn RegionView(dataset: Arc<Dataset>, region: Region) -> impl IntoView {
    let lang = use_lang();
    let text = move |m: Msg| move || t(lang.get(), m);
    let title = {
        let name = region.name.clone();
        Signal::derive(move || localize(&name, lang.get()).text.to_owned())
    };
    let description = Signal::derive(move || region_description(lang.get(), &title.get()));
    let id = region.id.as_str();
    // The figures below cite their sources by number, listed at the end of the page.
    let citations = Citations::provide(&page_source_ids(&dataset, id));
    let figures = headline_figures(&dataset, id);
    let ranks: Vec<_> = rankings(&dataset, id).into_iter().cloned().collect();
    let places = places_by_category(&dataset, id);
    let funding: Vec<_> = funding_for_region(&dataset, id)
        .into_iter()
        .cloned()
        .collect();
    let kind = kind_msg(region.kind);
    let capital = region.capital.as_ref().map(|c| c.name.clone());

    let figures_view = if figures.is_empty() {
        view! { <p class="nodata">{text(Msg::RegionNoFigures)}</p> }.into_any()
    } else {
        view! {
            <ul class="figures" data-testid="headline-figures">
                {figures.into_iter().map(|f| view! { <FigureItem figure=f /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let ranks_view = (!ranks.is_empty()).then(|| {
        view! {
            <h2>{text(Msg::NationalRanks)}</h2>
            <ol class="rank-list" data-testid="national-ranks">
                {ranks.into_iter().map(|r| view! { <RankItem ranking=r /> }).collect_view()}
            </ol>
        }
    });
    let places_view = if places.is_empty() {
        view! { <p class="nodata">{text(Msg::RegionNoPlaces)}</p> }.into_any()
    } else {
        places.into_iter().map(|(category, places)| {
            let n = places.len();
            view! {
                <section class="place-group" data-category=category.slug()>
                    <h3>{move || category_name(lang.get(), category, n > 1)} " (" {n} ")"</h3>
                    <div class="place-grid">
                        {places.into_iter().map(|p| view! { <PlaceCard place=p.clone() /> }).collect_view()}
                    </div>
                </section>
            }
        }).collect_view().into_any()
    };
    let funding_view = if funding.is_empty() {
        view! { <p class="nodata">{text(Msg::RegionNoFunding)}</p> }.into_any()
    } else {
        funding
            .into_iter()
            .map(|f| view! { <FundingCard funding=f /> })
            .collect_view()
            .into_any()
    };

    view! {
        <PageMeta title=title description=description />
        <article class="region-page" data-testid="region-page" data-region=region.id.clone()>
            <h1 data-testid="page-title"><LText text=region.name.clone() /></h1>
            <p class="muted">
                {text(kind)}
                {capital.map(|c| view! { " · " {text(Msg::RegionCapital)} " " {c} })}
            </p>
            <p class="no-print chart-actions">
                <a href=app_href(&compare_route(&dataset, id)) class="button">{text(Msg::CompareWith)}</a>
                <button type="button" class="button" on:click=|_| print_page()>{text(Msg::Print)}</button>
                <EmbedButton route=format!("embed/region/{id}") title=title />
            </p>

            // Wide screens: the locator map beside the key figures and ranks (style/main.css).
            <div class="region-overview" data-testid="region-overview">
                <LocatorMap dataset=dataset.clone() region_id=region.id.clone() name=title />
                <div class="region-overview__figures">
                    <h2>{text(Msg::HeadlineFigures)}</h2>
                    {figures_view}
                    {ranks_view}
                </div>
            </div>
            <h2>{text(Msg::PlacesByCategory)}</h2>
            {places_view}
            <h2>{text(Msg::RegionFunding)}</h2>
            {funding_view}
            <h2>{text(Msg::SourcesOnPage)}</h2>
            <SourceList ids=citations.ids() />
        </article>
    }
}

#[component]
fn RegionNotFound(dataset: Arc<Dataset>, requested: String) -> impl IntoView {
    let lang = use_lang();
    let title = Signal::derive(move || t(lang.get(), Msg::RegionNotFound).to_owned());
    let description = Signal::derive(move || t(lang.get(), Msg::DescNotFound).to_owned());
    let regions: Vec<Region> = suggestions(&dataset, &requested)
        .into_iter()
        .cloned()
        .collect();
    view! {
        <PageMeta title=title description=description />
        <section class="state" data-testid="not-found">
            <h1 data-testid="page-title">{move || title.get()}</h1>
            <p>{move || t(lang.get(), Msg::NotFoundText)}</p>
            <ul class="suggestions" data-testid="region-suggestions">
                {regions.into_iter().map(|r| view! {
                    <li><a href=app_href(&format!("/region/{}", r.id))><LText text=r.name /></a></li>
                }).collect_view()}
            </ul>
            <p><a href=app_href("/")>{move || t(lang.get(), Msg::BackToMap)}</a></p>
        </section>
    }
}

fn print_page() {
    if let Some(w) = crate::platform::window() {
        let _ = w.print();
    }
}

/// A small map with the region highlighted among all others (insets included).
#[component]
fn LocatorMap(dataset: Arc<Dataset>, region_id: String, name: Signal<String>) -> impl IntoView {
    let (w, h) = (360.0, 280.0);
    let Ok(geometry) = atlas_core::geo::build_map(dataset.regions(), &dataset.raw().map, w, h)
    else {
        return ().into_any();
    };
    let shapes = geometry
        .regions
        .iter()
        .map(|r| {
            let class = if r.id == region_id {
                "locator-shape locator-shape--current"
            } else {
                "locator-shape"
            };
            view! { <path class=class d=r.path.clone()></path> }
        })
        .collect_view();
    view! {
        <figure class="locator" data-testid="locator-map">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=move || name.get()>
                {shapes}
            </svg>
        </figure>
    }
    .into_any()
}
