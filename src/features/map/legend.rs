//! The legend: one swatch per value class with its range and a bar counting its regions (a small
//! histogram), the no-data swatch with its count, and a note when the classes asked for could not
//! be used.

use atlas_core::choropleth::Choropleth;
use atlas_core::classify::Scheme;
use atlas_core::i18n::{fallback_msg, t, Msg};
use leptos::prelude::*;

use crate::i18n::use_lang;

/// A bar's width as a CSS percentage: bars share one scale, the largest count filling the track.
fn bar_width(count: usize, largest: usize) -> String {
    if largest == 0 {
        return "0%".to_owned();
    }
    format!("{:.1}%", count as f64 * 100.0 / largest as f64)
}

/// The bar and the count of one legend line; the count is the text, the bar only shows it.
fn count_cells(count: usize, largest: usize) -> impl IntoView {
    view! {
        <span class="legend-bar" aria-hidden="true">
            <span class="legend-bar__fill" style:width=bar_width(count, largest)></span>
        </span>
        <span class="num legend-count" data-testid="legend-count">{count.to_string()}</span>
    }
}

#[component]
pub(super) fn Legend(choropleth: Memo<Choropleth>, scheme: Memo<Scheme>) -> impl IntoView {
    let lang = use_lang();
    let lines = Memo::new(move |_| {
        let l = lang.get();
        choropleth.with(|c| (c.legend(scheme.get(), l), c.no_data_count()))
    });
    let largest = Memo::new(move |_| {
        lines.with(|(lines, no_data)| {
            lines
                .iter()
                .map(|line| line.count)
                .chain([*no_data])
                .max()
                .unwrap_or(0)
        })
    });
    let classes = move || {
        let largest = largest.get();
        lines.with(|(lines, _)| {
            lines
                .iter()
                .map(|line| {
                    view! {
                        <li data-testid="legend-class">
                            <span class="swatch" style:background-color=line.colour></span>
                            <span class="num">{line.text.clone()}</span>
                            {count_cells(line.count, largest)}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let no_data = move || count_cells(lines.with(|(_, n)| *n), largest.get());
    let fallback = move || {
        choropleth.with(|c| c.fallback).map(|f| {
            view! { <p class="legend-note" data-testid="class-fallback">{move || t(lang.get(), fallback_msg(f))}</p> }
        })
    };
    view! {
        <div data-testid="map-legend">
            <h2 class="visually-hidden">{move || t(lang.get(), Msg::LegendTitle)}</h2>
            <ul class="legend legend--counts" aria-label=move || t(lang.get(), Msg::LegendCounts)>
                {classes}
                <li data-testid="legend-nodata">
                    <span class="swatch swatch--nodata"></span>
                    <span>{move || t(lang.get(), Msg::NoData)}</span>
                    {no_data}
                </li>
            </ul>
            // A live region that is always there, so a note appearing after a change is read out.
            <div role="status">{fallback}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::bar_width;

    #[test]
    fn bars_share_the_largest_count_as_their_scale() {
        assert_eq!(bar_width(8, 8), "100.0%");
        assert_eq!(bar_width(2, 8), "25.0%");
        assert_eq!(bar_width(0, 8), "0.0%");
        assert_eq!(bar_width(1, 3), "33.3%");
        // No region at all: no bar, and no division by zero.
        assert_eq!(bar_width(0, 0), "0%");
    }
}
