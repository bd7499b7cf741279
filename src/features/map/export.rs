//! The map's downloads: the choropleth as the reader sees it (regions, insets, legend, title,
//! sources) in PNG and SVG, and its figures with their sources in CSV, all drawn by
//! `atlas_core::charts::map_export`.

use std::sync::Arc;

use atlas_core::charts::{self, map_csv, map_svg, ChartTheme, MapColumns};
use atlas_core::geo::MapGeometry;
use leptos::prelude::*;

use super::MapModel;
use crate::components::chart::ExportButtons;
use crate::i18n::{use_lang, use_theme};

/// PNG, SVG and CSV buttons for the map, then `children` (the embed button).
#[component]
pub(crate) fn MapExports(
    model: MapModel,
    geometry: Memo<Option<Arc<MapGeometry>>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let theme = use_theme();
    let dataset = model.dataset;
    let choropleth = model.choropleth;
    let file_name = Callback::new(move |ext: &'static str| {
        let l = lang.get_untracked();
        let title = dataset.with_value(|d| choropleth.with_untracked(|c| c.title(d, l)));
        charts::file_name(&[title.as_str()], ext)
    });
    let svg = Callback::new(move |()| {
        let l = lang.get_untracked();
        let dark = theme.is_some_and(|t| t.effective.get_untracked().is_dark());
        let chart_theme = if dark {
            ChartTheme::dark()
        } else {
            ChartTheme::light()
        };
        let g = geometry.get_untracked()?;
        Some(
            dataset
                .with_value(|d| choropleth.with_untracked(|c| map_svg(d, c, &g, l, &chart_theme))),
        )
    });
    let csv = Callback::new(move |()| {
        let l = lang.get_untracked();
        Some(dataset.with_value(|d| {
            choropleth.with_untracked(|c| map_csv(d, c, l, &MapColumns::localized(l)))
        }))
    });
    view! {
        <div data-testid="map-exports">
            <ExportButtons file_name=file_name svg=svg csv=csv test_id_prefix="map-">
                {children.map(|c| c())}
            </ExportButtons>
        </div>
    }
}
