//! The table twin: every region with its figure, rank and source, for screen readers and for
//! anyone who prefers a table. It reads the same state and summaries as the map. Closed by
//! default (the map is the page's subject), one click or key away; when every figure has the same
//! source, the source is named once under the table instead of on each row.

use atlas_core::choropleth::RegionSummary;
use atlas_core::i18n::{t, Msg};
use atlas_core::sort::sorted_positions;
use atlas_core::text::compare_folded;
use leptos::prelude::*;

use super::{true_from_next_task, MapModel};
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
    let per_row_sources = Memo::new(move |_| shared_source.get().is_none());
    // Rows in the order of their names; a new indicator keeps every row and changes only the
    // texts of its cells, from the summaries the regions' names use too.
    let order = Memo::new(move |_| {
        model
            .summaries
            .with(|s| sorted_positions(s.len(), &|a, b| compare_folded(&s[a].name, &s[b].name)))
    });
    // The rows are built one task after the map, which is on screen by then: the table is
    // closed, so no one sees them arrive, and the page's first render is shorter. Baked pages,
    // rendered on the host where no task follows, carry them from the start.
    let rows_shown = true_from_next_task(!cfg!(target_arch = "wasm32"));
    let shown_order = move || {
        if rows_shown.get() {
            order.get()
        } else {
            Vec::new()
        }
    };
    let ids: Vec<String> = model
        .dataset
        .with_value(|d| d.regions().iter().map(|r| r.id.clone()).collect());
    let row = move |index: usize| {
        let id = ids.get(index).cloned().unwrap_or_default();
        let summary = Memo::new(move |_| model.summaries.with(|s| s.get(index).cloned()));
        let field = move |pick: fn(&RegionSummary) -> Option<String>| {
            move || summary.with(|s| s.as_ref().and_then(pick))
        };
        let has_value = move || summary.with(|s| s.as_ref().is_some_and(|s| s.value.is_some()));
        let class = move || if has_value() { "num" } else { "num nodata" };
        let value = move || {
            field(|s| s.value.clone())().unwrap_or_else(|| t(lang.get(), Msg::NoData).to_owned())
        };
        let rank = move || {
            field(|s| s.rank.clone())().unwrap_or_else(|| t(lang.get(), Msg::NotRanked).to_owned())
        };
        let source = field(|s| s.source.clone());
        view! {
            <tr data-region=id.clone()>
                <th scope="row"><a href=platform::app_href(&format!("/region/{id}"))>{field(|s| Some(s.name.clone()))}</a></th>
                <td class=class>{value}</td>
                <td class=class>{rank}</td>
                {move || per_row_sources.get().then(|| view! {
                    <td>{move || source().map(|id| view! { <SourceLine source_id=id /> })}</td>
                })}
            </tr>
        }
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
                            {move || per_row_sources.get().then(|| view! { <th scope="col">{text(Msg::ColSource)}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=shown_order key=|index| *index children=row />
                    </tbody>
                </table>
            </div>
            {move || shared_source.get().map(|id| view! {
                <p class="table-source" data-testid="map-table-source"><SourceLine source_id=id /></p>
            })}
        </details>
    }
}
