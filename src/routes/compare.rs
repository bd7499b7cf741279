//! The comparison view (`/compare?regions=…`): two to four regions side by side.
//!
//! One table carries everything (figures, small bars, ranks, sources), so the visual and the
//! screen-reader reading are the same thing. Missing figures say so and are never ranked.

use std::sync::Arc;

use atlas_core::compare::{RegionComparison, MAX_COMPARED, POPULATION_ID};
use atlas_core::format::{format_money, format_per_capita, MoneyStyle};
use atlas_core::i18n::{category_name, localize, rank_of, remove_region, t, Lang, Msg};
use atlas_core::model::Category;
use atlas_core::units::{format_value, qualifier_msg};
use atlas_core::url_state::{with_query, CompareState};
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::PageMetaMsg;
use crate::components::{EmbedButton, LText, SourceMark};
use crate::data::use_dataset;
use crate::i18n::use_lang;
use crate::nav::{use_nav, History};

#[component]
pub fn ComparePage() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let location = use_location();
    let embed_route = Signal::derive(move || {
        let query = CompareState::from_query(&location.search.get()).to_query();
        with_query("embed/compare", &query)
    });
    view! {
        <PageMetaMsg title=Msg::TitleCompare description=Msg::DescCompare />
        <h1 data-testid="page-title">{move || t(lang.get(), Msg::TitleCompare)}</h1>
        {move || data.dataset().map(|d| view! { <Comparison dataset=d embedded=false /> })}
        <EmbedButton route=embed_route title=Signal::derive(move || t(lang.get(), Msg::TitleCompare).to_owned()) />
    }
}

/// The regions a comparison opens with when the link names none: the two regions the seed
/// documents describe when the dataset has them, else its first two.
fn default_regions(dataset: &Dataset) -> Vec<String> {
    let preferred = ["28", "11"];
    if preferred.iter().all(|id| dataset.region(id).is_some()) {
        return preferred.iter().map(|s| (*s).to_owned()).collect();
    }
    dataset
        .regions()
        .iter()
        .take(2)
        .map(|r| r.id.clone())
        .collect()
}

#[component]
pub fn Comparison(dataset: Arc<Dataset>, embedded: bool) -> impl IntoView {
    let lang = use_lang();
    let nav = use_nav();
    let navigate_with = move |s: &CompareState| nav.navigate_query(&s.to_pairs(), History::Push);
    let dataset = StoredValue::new(dataset);
    let state = Memo::new(move |_| {
        let mut s = CompareState::from_query(&nav.search().get());
        let kept = dataset.with_value(|d| atlas_core::compare::select_regions(d.raw(), &s.regions));
        s.regions = if kept.is_empty() {
            dataset.with_value(|d| default_regions(d))
        } else {
            kept
        };
        s
    });
    let comparison = Memo::new(move |_| {
        let s = state.get();
        dataset.with_value(|d| {
            RegionComparison::build(d.raw(), &s.regions, Some(POPULATION_ID), s.per_capita)
        })
    });
    let region_name = move |id: &str, l: Lang| {
        dataset
            .with_value(|d| d.region(id).map(|r| localize(&r.name, l).text.to_owned()))
            .unwrap_or_else(|| id.to_owned())
    };

    let remove = move |id: String| {
        let mut s = state.get_untracked();
        s.regions.retain(|r| *r != id);
        navigate_with(&s);
    };
    let add = move |ev: web_sys::Event| {
        let id = event_target_value(&ev);
        if id.is_empty() {
            return;
        }
        let mut s = state.get_untracked();
        if s.regions.len() < MAX_COMPARED && !s.regions.contains(&id) {
            s.regions.push(id);
            navigate_with(&s);
        }
    };
    let toggle_pc = move |_| {
        let mut s = state.get_untracked();
        s.per_capita = !s.per_capita;
        navigate_with(&s);
    };

    view! {
        <div class="compare" data-testid="compare-view">
            <div class="toolbar no-print" data-testid="compare-picker">
                <ul class="chips" aria-label=move || t(lang.get(), Msg::ChooseRegions)>
                    {move || state.get().regions.into_iter().map(|id| {
                        let name = region_name(&id, lang.get());
                        let id_for_remove = id.clone();
                        let can_remove = state.get().regions.len() > 2;
                        let remove_label = remove_region(lang.get(), &name);
                        view! {
                            <li class="chip card" data-region=id.clone()>
                                <a href=crate::platform::app_href(&format!("/region/{id}"))>{name.clone()}</a>
                                <button
                                    type="button"
                                    class="button"
                                    disabled=!can_remove
                                    aria-label=remove_label
                                    data-testid=format!("remove-{id}")
                                    on:click=move |_| remove(id_for_remove.clone())
                                >"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="field">
                    <label for="compare-add">{move || t(lang.get(), Msg::AddRegion)}</label>
                    // The braces matter: unbraced, the view macro ended the attribute at the ">" of
                    // ">=", set disabled="2" (always disabled: no region could be added) and
                    // rendered "= MAX_COMPARED >" as text inside the select.
                    <select id="compare-add" data-testid="compare-add" on:change=add prop:value="" disabled=move || { state.get().regions.len() >= MAX_COMPARED }>
                        <option value="">"—"</option>
                        {move || {
                            let l = lang.get();
                            let chosen = state.get().regions;
                            let mut options: Vec<(String, String)> = dataset.with_value(|d| {
                                d.regions().iter().filter(|r| !chosen.contains(&r.id)).map(|r| (r.id.clone(), localize(&r.name, l).text.to_owned())).collect()
                            });
                            atlas_core::sort::sort_stable_by(&mut options, |a, b| atlas_core::text::compare_folded(&a.1, &b.1));
                            options.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()
                        }}
                    </select>
                </div>
                <button type="button" data-testid="per-capita" aria-pressed=move || if state.get().per_capita { "true" } else { "false" } on:click=toggle_pc>
                    {move || t(lang.get(), Msg::PerCapita)}
                </button>
            </div>
            <Show when=move || comparison.get().regions.len() < 2>
                <p class="banner" role="status">{move || t(lang.get(), Msg::CompareTooFew)}</p>
            </Show>
            <div class="table-wrap">
                <table class="compare-table" data-testid="compare-table">
                    <caption>{move || t(lang.get(), Msg::CompareIndicators)}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {move || comparison.get().regions.into_iter().map(|id| view! {
                                <th scope="col" data-region=id.clone()>{region_name(&id, lang.get())}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            let c = comparison.get();
                            c.rows.into_iter().map(|row| {
                                let (name, unit) = dataset.with_value(|d| {
                                    d.indicator(&row.indicator).map(|i| (i.name.clone(), i.unit)).unwrap_or((atlas_core::model::Text::default(), atlas_core::model::Unit::Count))
                                });
                                let shows_pc = row.per_capita;
                                // A row whose figures share one source names it once, here.
                                let shared = row.shared_source().map(str::to_owned);
                                let per_cell = shared.is_none();
                                view! {
                                    <tr data-indicator=row.indicator.clone()>
                                        <th scope="row">
                                            <LText text=name />
                                            {shows_pc.then(|| view! { <br /><span class="muted">{t(l, Msg::PerCapita)}</span> })}
                                            {shared.map(|s| view! { <SourceMark source_id=s /> })}
                                        </th>
                                        {row.cells.into_iter().map(|cell| {
                                            let shown = cell.shown(shows_pc);
                                            let text = shown.map(|v| if shows_pc { format_per_capita(v, l) } else { format_value(v, unit, cell.qualifier, l) });
                                            let fraction = cell.bar_fraction;
                                            view! {
                                                <td data-region=cell.region.clone()>
                                                    {match text {
                                                        Some(text) => view! {
                                                            <span class="figure-value num">{text}</span>
                                                            {cell.year.map(|y| view! { <span class="muted">{format!(" ({y})")}</span> })}
                                                            {fraction.map(|f| view! {
                                                                <div class="bar-track" aria-hidden="true">
                                                                    <div class="bar" style:width=format!("{:.1}%", (f * 100.0).clamp(0.0, 100.0))></div>
                                                                </div>
                                                            })}
                                                            <span class="muted rank">
                                                                {// A rank among one region ("1st of 1") says nothing and read as
                                                                 // a national first; the map and region pages already hide it.
                                                                 cell.rank.filter(|r| r.of > 1).map(|r| rank_of(l, r.rank, r.of)).unwrap_or_else(|| t(l, Msg::NotRanked).to_owned())}
                                                            </span>
                                                            {cell.source.clone().filter(|_| per_cell).map(|s| view! { <SourceMark source_id=s /> })}
                                                        }.into_any(),
                                                        None => view! {
                                                            <span class="nodata" data-testid="no-data">{t(l, Msg::NoData)}</span>
                                                            <span class="muted rank">{t(l, Msg::NotRanked)}</span>
                                                        }.into_any(),
                                                    }}
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()
                        }}
                        <CategoryRows comparison=comparison />
                        <FundingRow comparison=comparison />
                    </tbody>
                </table>
            </div>
            <p class="muted">{move || t(lang.get(), Msg::MissingNote)}</p>
            {(!embedded).then(|| view! {
                <p class="no-print"><a href=crate::platform::app_href("/")>{move || t(lang.get(), Msg::BackToMap)}</a></p>
            })}
        </div>
    }
}

#[component]
fn CategoryRows(comparison: Memo<RegionComparison>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        let c = comparison.get();
        Category::ALL
            .into_iter()
            .filter(|cat| c.places.iter().any(|p| p.by_category.iter().any(|(k, n)| k == cat && *n > 0)))
            .map(|cat| {
                view! {
                    <tr data-category=cat.slug()>
                        <th scope="row">{t(l, Msg::PlacesByCategory)} " — " {category_name(l, cat, true)}</th>
                        {c.places.iter().map(|p| {
                            let n = p.by_category.iter().find(|(k, _)| *k == cat).map(|(_, n)| *n).unwrap_or(0);
                            view! { <td class="num" data-region=p.region.clone()>{n}</td> }
                        }).collect_view()}
                    </tr>
                }
            })
            .collect_view()
    }
}

#[component]
fn FundingRow(comparison: Memo<RegionComparison>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        let c = comparison.get();
        view! {
            <tr data-testid="funding-totals">
                <th scope="row">{t(l, Msg::FundingTotals)}</th>
                {c.funding.into_iter().map(|f| view! {
                    <td data-region=f.region.clone()>
                        {match f.totals {
                            Some(totals) => totals.totals.into_iter().map(|m| {
                                let money = format_money(m.amount, &m.currency, l, MoneyStyle::Compact);
                                let text = match m.qualifier {
                                    // A no-break space, as format_value joins a qualifier: "environ
                                    // 2,1 Md€" must not wrap after "environ".
                                    Some(q) => format!("{}\u{a0}{money}", t(l, qualifier_msg(q))),
                                    None => money,
                                };
                                view! { <span class="figure-value num">{text}</span> }
                            }).collect_view().into_any(),
                            None => view! { <span class="nodata">{t(l, Msg::NoData)}</span> }.into_any(),
                        }}
                    </td>
                }).collect_view()}
            </tr>
        }
    }
}
