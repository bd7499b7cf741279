//! The legend: one swatch per value class with its range, and the no-data swatch.

use atlas_core::choropleth::Choropleth;
use atlas_core::classify::Scheme;
use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;

use crate::i18n::use_lang;

#[component]
pub(super) fn Legend(choropleth: Memo<Choropleth>, scheme: Memo<Scheme>) -> impl IntoView {
    let lang = use_lang();
    let classes = move || {
        let l = lang.get();
        choropleth
            .with(|c| c.legend(scheme.get(), l))
            .into_iter()
            .map(|line| {
                view! {
                    <li>
                        <span class="swatch" style:background-color=line.colour></span>
                        <span class="num">{line.text}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div data-testid="map-legend">
            <h2 class="visually-hidden">{move || t(lang.get(), Msg::LegendTitle)}</h2>
            <ul class="legend">
                {classes}
                <li>
                    <span class="swatch swatch--nodata"></span>
                    <span>{move || t(lang.get(), Msg::NoData)}</span>
                </li>
            </ul>
        </div>
    }
}
