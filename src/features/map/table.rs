//! The table twin: every region with its figure, rank and source, for screen readers and for
//! anyone who prefers a table. It reads the same state and summaries as the map.

use atlas_core::choropleth::{Choropleth, RegionSummary};
use atlas_core::i18n::{t, Msg};
use atlas_core::text::compare_folded;
use leptos::prelude::*;

use super::MapModel;
use crate::components::SourceLine;
use crate::i18n::use_lang;
use crate::platform;

#[component]
pub(super) fn MapTable(model: MapModel, embedded: bool) -> impl IntoView {
    let lang = use_lang();
    let text = move |msg: Msg| move || t(lang.get(), msg);
    let caption = move || {
        let l = lang.get();
        model
            .choropleth
            .with(|c| model.dataset.with_value(|d| c.title(d, l)))
    };
    let rows = move || {
        let l = lang.get();
        let mut rows: Vec<(String, RegionSummary)> = model.choropleth.with(|c: &Choropleth| {
            model.dataset.with_value(|d| {
                d.regions()
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.id.clone(), c.describe(d, i, l)))
                    .collect()
            })
        });
        rows.sort_by(|a, b| compare_folded(&a.1.name, &b.1.name));
        rows.into_iter()
            .map(|(id, s)| {
                let figures = match s.value {
                    Some(value) => view! {
                        <td class="num">{value}</td>
                        <td class="num">{s.rank.unwrap_or_else(|| t(l, Msg::NotRanked).to_owned())}</td>
                        <td>{s.source.map(|id| view! { <SourceLine source_id=id /> })}</td>
                    }
                    .into_any(),
                    None => view! {
                        <td class="num nodata">{t(l, Msg::NoData)}</td>
                        <td class="num nodata">{t(l, Msg::NotRanked)}</td>
                        <td></td>
                    }
                    .into_any(),
                };
                view! {
                    <tr data-region=id.clone()>
                        <th scope="row"><a href=platform::app_href(&format!("/region/{id}"))>{s.name}</a></th>
                        {figures}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <details class="map-table" data-testid="map-table" open=!embedded>
            <summary>{text(Msg::TableTwinCaption)}</summary>
            <div class="table-wrap">
                <table>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{text(Msg::ColRegion)}</th>
                            <th scope="col" class="num">{text(Msg::ColValue)}</th>
                            <th scope="col" class="num">{text(Msg::ColRank)}</th>
                            <th scope="col">{text(Msg::ColSource)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}
