//! The table twin: every region with its figure, rank and source, for screen readers and for
//! anyone who prefers a table. It reads the same state and summaries as the map. Closed by
//! default (the map is the page's subject), one click or key away; when every figure has the same
//! source, the source is named once under the table instead of on each row.

use atlas_core::choropleth::{Choropleth, RegionSummary};
use atlas_core::i18n::{t, Msg};
use atlas_core::text::compare_folded;
use leptos::prelude::*;

use super::MapModel;
use crate::components::SourceLine;
use crate::i18n::use_lang;
use crate::platform;

#[component]
pub(super) fn MapTable(model: MapModel) -> impl IntoView {
    let lang = use_lang();
    let text = move |msg: Msg| move || t(lang.get(), msg);
    let caption = move || {
        let l = lang.get();
        model
            .choropleth
            .with(|c| model.dataset.with_value(|d| c.title(d, l)))
    };
    let shared_source = Memo::new(move |_| {
        model
            .choropleth
            .with(|c| c.shared_source().map(str::to_owned))
    });
    let per_row_sources = move || shared_source.get().is_none();
    let rows = move || {
        let l = lang.get();
        let own_source = per_row_sources();
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
                        {own_source.then(|| view! {
                            <td>{s.source.map(|id| view! { <SourceLine source_id=id /> })}</td>
                        })}
                    }
                    .into_any(),
                    None => view! {
                        <td class="num nodata">{t(l, Msg::NoData)}</td>
                        <td class="num nodata">{t(l, Msg::NotRanked)}</td>
                        {own_source.then(|| view! { <td></td> })}
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
        <details class="map-table" data-testid="map-table">
            <summary>{text(Msg::TableTwinCaption)}</summary>
            <div class="table-wrap">
                <table>
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{text(Msg::ColRegion)}</th>
                            <th scope="col" class="num">{text(Msg::ColValue)}</th>
                            <th scope="col" class="num">{text(Msg::ColRank)}</th>
                            {move || per_row_sources().then(|| view! { <th scope="col">{text(Msg::ColSource)}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || shared_source.get().map(|id| view! {
                <p class="table-source" data-testid="map-table-source"><SourceLine source_id=id /></p>
            })}
        </details>
    }
}
