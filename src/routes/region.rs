//! A region's page: headline figures with sources, national ranks, places, funding, sources.

use std::collections::BTreeMap;
use std::sync::Arc;

use atlas_core::format::{format_ordinal, Gender};
use atlas_core::i18n::{category_name, localize, rank_of, region_description, t, Lang, Msg};
use atlas_core::model::{Category, Funding, PartyKind, Place, Region, RegionKind};
use atlas_core::units::format_value;
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::PageMeta;
use crate::components::{EmbedButton, LText, SafeLink, SourceLine, SourceList};
use crate::data::use_dataset;
use crate::i18n::use_lang;
use crate::routes::funding::FundingCard;

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

#[component]
fn RegionView(dataset: Arc<Dataset>, region: Region) -> impl IntoView {
    let lang = use_lang();
    let text = move |m: Msg| move || t(lang.get(), m);
    let name = region.name.clone();
    let title = {
        let name = name.clone();
        Signal::derive(move || localize(&name, lang.get()).text.to_owned())
    };
    let description = Signal::derive(move || region_description(lang.get(), &title.get()));
    let mut source_ids: Vec<String> = Vec::new();

    let figures = headline_figures(&dataset, &region.id);
    source_ids.extend(figures.iter().map(|f| f.source.clone()));
    let rankings: Vec<_> = dataset
        .raw()
        .rankings
        .iter()
        .filter(|r| r.region == region.id)
        .cloned()
        .collect();
    source_ids.extend(rankings.iter().map(|r| r.source.clone()));
    let places: Vec<Place> = dataset
        .places()
        .iter()
        .filter(|p| p.region == region.id)
        .cloned()
        .collect();
    source_ids.extend(places.iter().map(|p| p.source.clone()));
    source_ids.extend(
        places
            .iter()
            .flat_map(|p| p.facts.iter().map(|f| f.source.clone())),
    );
    let funding = funding_for_region(&dataset, &region.id);
    source_ids.extend(funding.iter().map(|f| f.source.clone()));

    let mut by_category: BTreeMap<Category, Vec<Place>> = BTreeMap::new();
    for p in places {
        by_category.entry(p.category).or_default().push(p);
    }
    let kind = region.kind;
    let capital = region.capital.as_ref().map(|c| c.name.clone());
    let region_id = region.id.clone();
    let compare_href = {
        let other = dataset
            .regions()
            .iter()
            .find(|r| r.id != region.id)
            .map(|r| r.id.clone())
            .unwrap_or_default();
        format!("/compare?regions={},{}", region.id, other)
    };
    let has_figures = !figures.is_empty();
    let has_places = !by_category.is_empty();
    let has_funding = !funding.is_empty();
    view! {
        <PageMeta title=title description=description />
        <article class="region-page" data-testid="region-page" data-region=region_id>
            <h1 data-testid="page-title"><LText text=name.clone() /></h1>
            <p class="muted">
                {move || t(lang.get(), if kind == RegionKind::Overseas { Msg::RegionKindOverseas } else { Msg::RegionKindMetropolitan })}
                {capital.map(|c| view! { " · " {text(Msg::RegionCapital)} " " {c} })}
            </p>
            <p class="no-print chart-actions">
                <A href=crate::platform::app_href(&compare_href) attr:class="button">{text(Msg::CompareWith)}</A>
                <button type="button" class="button" on:click=|_| print_page()>{text(Msg::Print)}</button>
                <EmbedButton route=format!("embed/region/{}", region.id) title=title />
            </p>

            <LocatorMap dataset=dataset.clone() region_id=region.id.clone() name=title />
            <h2>{text(Msg::HeadlineFigures)}</h2>
            {if has_figures {
                view! {
                    <ul class="figures" data-testid="headline-figures">
                        {figures.into_iter().map(|f| view! { <FigureItem figure=f /> }).collect_view()}
                    </ul>
                }.into_any()
            } else {
                view! { <p class="nodata">{text(Msg::RegionNoFigures)}</p> }.into_any()
            }}

            {(!rankings.is_empty()).then(|| view! {
                <h2>{text(Msg::NationalRanks)}</h2>
                <ul class="figures" data-testid="national-ranks">
                    {rankings.into_iter().map(|r| {
                        let rank = r.rank;
                        view! {
                            <li class="figure">
                                <span class="figure-value">{move || format_ordinal(rank, lang.get(), Gender::Feminine)}</span>
                                <span class="figure-label"><LText text=r.subject.clone() /></span>
                                <SourceLine source_id=r.source.clone() />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}

            <h2>{text(Msg::PlacesByCategory)}</h2>
            {if has_places {
                by_category.into_iter().map(|(category, places)| {
                    let n = places.len();
                    view! {
                        <section class="place-group" data-category=category.slug()>
                            <h3>{move || category_name(lang.get(), category, n > 1)} " (" {n} ")"</h3>
                            {places.into_iter().map(|p| view! { <PlaceCard place=p /> }).collect_view()}
                        </section>
                    }
                }).collect_view().into_any()
            } else {
                view! { <p class="nodata">{text(Msg::RegionNoPlaces)}</p> }.into_any()
            }}

            <h2>{text(Msg::RegionFunding)}</h2>
            {if has_funding {
                funding.into_iter().map(|f| view! { <FundingCard funding=f /> }).collect_view().into_any()
            } else {
                view! { <p class="nodata">{text(Msg::RegionNoFunding)}</p> }.into_any()
            }}

            <h2>{text(Msg::SourcesOnPage)}</h2>
            <SourceList ids=source_ids />
        </article>
    }
}

/// One figure with its unit, year and source, ready to render.
#[derive(Clone)]
struct HeadlineFigure {
    label: atlas_core::model::Text,
    value: f64,
    unit: atlas_core::model::Unit,
    qualifier: Option<atlas_core::model::Qualifier>,
    year: Option<i32>,
    rank: Option<(u32, u32)>,
    source: String,
}

fn headline_figures(dataset: &Dataset, region_id: &str) -> Vec<HeadlineFigure> {
    dataset
        .indicators()
        .iter()
        .filter_map(|ind| {
            let v = atlas_core::compare::latest_value(ind, region_id)?;
            let rank = national_rank(dataset, ind, region_id);
            Some(HeadlineFigure {
                label: ind.name.clone(),
                value: v.value,
                unit: ind.unit,
                qualifier: v.qualifier,
                year: v.year,
                rank,
                source: v.source.clone(),
            })
        })
        .collect()
}

/// Rank among the regions that have a value; None when the region has none.
fn national_rank(
    dataset: &Dataset,
    ind: &atlas_core::model::Indicator,
    region_id: &str,
) -> Option<(u32, u32)> {
    let values: Vec<(String, Option<f64>)> = dataset
        .regions()
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                atlas_core::compare::latest_value(ind, &r.id).map(|v| v.value),
            )
        })
        .collect();
    let ranks = atlas_core::compare::ranks(&values, atlas_core::compare::Order::Descending);
    let counted = ranks.iter().filter(|(_, r)| r.is_some()).count();
    // A rank among one region says nothing.
    if counted < 2 {
        return None;
    }
    ranks
        .into_iter()
        .find(|(id, _)| id == region_id)
        .and_then(|(_, r)| r)
        .map(|r| (r.rank, r.of))
}

#[component]
fn FigureItem(figure: HeadlineFigure) -> impl IntoView {
    let lang = use_lang();
    let HeadlineFigure {
        label,
        value,
        unit,
        qualifier,
        year,
        rank,
        source,
    } = figure;
    view! {
        <li class="figure">
            <span class="figure-value">{move || format_value(value, unit, qualifier, lang.get())}</span>
            <span class="figure-label"><LText text=label /> {year.map(|y| format!(" ({y})"))}</span>
            {rank.map(|(r, of)| view! { <span class="muted">{move || rank_of(lang.get(), r, of)}</span> })}
            <SourceLine source_id=source />
        </li>
    }
}

#[component]
pub fn PlaceCard(place: Place) -> impl IntoView {
    let lang = use_lang();
    let facts = place.facts.clone();
    view! {
        <div class="card place-card" id=format!("place-{}", place.id) data-testid="place-card">
            <h4><LText text=place.name.clone() /></h4>
            <p class="muted">
                {move || category_name(lang.get(), place.category, false)}
                {place.town.clone().map(|t| format!(" · {t}"))}
            </p>
            {place.description.clone().map(|d| view! { <p><LText text=d /></p> })}
            {(!facts.is_empty()).then(|| view! {
                <ul class="facts">
                    {facts.into_iter().map(|f| {
                        let value = f.value;
                        let (unit, qualifier) = (f.unit, f.qualifier);
                        view! {
                            <li>
                                {value.zip(unit).map(|(v, u)| view! { <strong class="num">{move || format_value(v, u, qualifier, lang.get())}</strong> " " })}
                                <LText text=f.label.clone() />
                                {f.year.map(|y| format!(" ({y})"))}
                                <SourceLine source_id=f.source.clone() />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {place.links.iter().map(|l| {
                let label = l.label.clone();
                let url = l.url.clone();
                view! {
                    <p>
                        <SafeLink url=url.clone()>
                            {match label { Some(t) => view! { <LText text=t /> }.into_any(), None => view! { <span>{url.clone()}</span> }.into_any() }}
                        </SafeLink>
                    </p>
                }
            }).collect_view()}
            <SourceLine source_id=place.source.clone() />
        </div>
    }
}

/// Funding whose beneficiary or funder is the region, or a place in it.
pub fn funding_for_region(dataset: &Dataset, region_id: &str) -> Vec<Funding> {
    let in_region = |party: &atlas_core::model::Party| match (party.kind, party.id.as_deref()) {
        (PartyKind::Region, Some(id)) => id == region_id,
        (PartyKind::Place, Some(id)) => dataset.place(id).is_some_and(|p| p.region == region_id),
        _ => false,
    };
    dataset
        .funding()
        .iter()
        .filter(|f| in_region(&f.beneficiary) || f.funders.iter().any(in_region))
        .cloned()
        .collect()
}

#[component]
fn RegionNotFound(dataset: Arc<Dataset>, requested: String) -> impl IntoView {
    let lang = use_lang();
    let title = Signal::derive(move || t(lang.get(), Msg::RegionNotFound).to_owned());
    let description = Signal::derive(move || t(lang.get(), Msg::DescNotFound).to_owned());
    let index = atlas_core::text::SearchIndex::new(
        dataset
            .regions()
            .iter()
            .map(|r| atlas_core::text::Entry {
                kind: atlas_core::text::EntryKind::Region,
                id: r.id.clone(),
                names: [r.name.fr.clone(), r.name.en.clone()]
                    .into_iter()
                    .flatten()
                    .collect(),
            })
            .collect::<Vec<_>>(),
    );
    let mut suggestions: Vec<Region> = index
        .search(&requested, 5)
        .into_iter()
        .filter_map(|h| dataset.region(&h.id).cloned())
        .collect();
    if suggestions.is_empty() {
        suggestions = dataset.regions().to_vec();
        suggestions.sort_by(|a, b| {
            let l = Lang::default();
            atlas_core::text::compare_folded(localize(&a.name, l).text, localize(&b.name, l).text)
        });
    }
    view! {
        <PageMeta title=title description=description />
        <section class="state" data-testid="not-found">
            <h1 data-testid="page-title">{move || t(lang.get(), Msg::RegionNotFound)}</h1>
            <p>{move || t(lang.get(), Msg::NotFoundText)}</p>
            <ul class="suggestions" data-testid="region-suggestions">
                {suggestions.into_iter().map(|r| view! {
                    <li><A href=crate::platform::app_href(&format!("/region/{}", r.id))><LText text=r.name.clone() /></A></li>
                }).collect_view()}
            </ul>
            <p><A href=crate::platform::app_href("/")>{move || t(lang.get(), Msg::BackToMap)}</A></p>
        </section>
    }
}

fn print_page() {
    if let Some(w) = web_sys::window() {
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
