//! The interactive map shared by `/` and `/embed/map`: a choropleth of regions with overseas
//! insets, place markers by category, zoom and pan, tooltips, a side panel and a table twin.
//!
//! All view state lives in the URL ([`MapState`], changed through [`crate::nav`]); the figures,
//! ranks, classes and texts come from `atlas_core::choropleth`. Geometry is rebuilt only when the
//! width changes; a new indicator changes only the fills.

mod controls;
mod export;
mod gestures;
mod hover;
mod legend;
mod markers;
mod regions;
mod side_panel;
mod table;
mod toolbar;

use std::sync::Arc;

use atlas_core::choropleth::{Choropleth, RegionSummary};
use atlas_core::classify::{no_data_style, Scheme};
use atlas_core::geo::{build_map_with, frame_for_width, MapGeometry, ViewTransform};
use atlas_core::i18n::{t, Msg};
use atlas_core::url_state::MapState;
use atlas_core::validate::Dataset;
use leptos::prelude::*;

use self::controls::MapControls;
use self::export::MapExports;
use self::gestures::Gestures;
use self::hover::{baked_tips, Hover, MapTooltip};
use self::legend::Legend;
use self::markers::{visible_markers, Marker, MarkerTips, Markers};
use self::regions::{InsetFrames, RegionFocus, RegionShapes};
use self::side_panel::SidePanel;
use self::table::MapTable;
use self::toolbar::MapToolbar;
use crate::components::measured_width;
use crate::i18n::{use_lang, use_theme};
use crate::nav::{use_nav, History, Nav};
use crate::platform;

/// The map's state read from the URL, and the way to change it.
#[derive(Clone, Copy)]
pub(crate) struct MapUrl {
    pub state: Memo<MapState>,
    nav: Nav,
}

impl MapUrl {
    /// Reads the state of the current URL; call in a component body.
    fn from_location() -> Self {
        let nav = use_nav();
        let search = nav.search();
        let state = Memo::new(move |_| MapState::from_query(&search.get()));
        MapUrl { state, nav }
    }

    /// Applies `change` to the state and shows the result; zoom and pan replace the history
    /// entry, everything else pushes one.
    pub fn set(&self, history: History, change: impl FnOnce(&mut MapState)) {
        let mut next = self.state.get_untracked();
        change(&mut next);
        self.nav.navigate_query(&next.to_pairs(), history);
    }
}

/// What the map's parts share; `Copy`, passed down as one prop.
#[derive(Clone, Copy)]
pub(crate) struct MapModel {
    dataset: StoredValue<Arc<Dataset>>,
    url: MapUrl,
    choropleth: Memo<Choropleth>,
    /// What the map says about each region, in dataset order: computed once per indicator and
    /// language, read by the regions' accessible names and the table twin.
    summaries: Memo<Vec<RegionSummary>>,
    /// Zoom and pan, applied live; written to the URL by `commit_view`.
    view: RwSignal<ViewTransform>,
    hover: RwSignal<Option<Hover>>,
    /// Width of the map frame in CSS pixels.
    width: RwSignal<f64>,
}

/// The interactive map.
#[component]
pub fn AtlasMap(
    dataset: Arc<Dataset>,
    /// Called with a region's id instead of opening its page (embeds open a new tab).
    #[prop(optional)]
    on_open_region: Option<Callback<String>>,
    /// Offers the PNG/SVG/CSV downloads under the legend (the map page; embeds do not).
    #[prop(optional)]
    exportable: bool,
    /// More actions beside the downloads (the map page's embed button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let theme = use_theme();
    let url = MapUrl::from_location();
    let dataset = StoredValue::new(dataset);

    // Size: measured from the container; geometry is rebuilt only when the width changes.
    let container = NodeRef::<leptos::html::Div>::new();
    let width = measured_width(container, platform::MAP_FRAME, 800.0);
    let frame = Memo::new(move |_| frame_for_width(width.get()));
    let height = Memo::new(move |_| frame.with(|(h, _)| *h));
    let geometry: Memo<Option<Arc<MapGeometry>>> = Memo::new(move |_| {
        let w = width.get();
        frame.with(|(h, options)| {
            dataset
                .with_value(|d| build_map_with(d.regions(), &d.raw().map, w, *h, options))
                .ok()
                .map(Arc::new)
        })
    });
    let map_size = Memo::new(move |_| {
        geometry.with(|g| {
            g.as_ref()
                .map_or((0.0, 0.0), |g| (g.layout.width, g.layout.height))
        })
    });

    // Colours: recomputed when the indicator or the class method changes, without touching
    // geometry.
    let choropleth = Memo::new(move |_| {
        let s = url.state.get();
        dataset.with_value(|d| {
            Choropleth::build_with(d, s.indicator.as_deref(), s.per_capita, s.method)
        })
    });
    let scheme = Memo::new(move |_| match theme.map(|t| t.effective.get().is_dark()) {
        Some(true) => Scheme::Dark,
        _ => Scheme::Light,
    });
    let fills = Memo::new(move |_| choropleth.with(|c| c.fills(scheme.get())));

    // Zoom and pan.
    let view_t = RwSignal::new(ViewTransform::new(800.0, 600.0));
    Effect::new(move |_| {
        let (w, h) = (width.get(), height.get());
        view_t.update(|v| v.set_viewport(w, h));
    });
    Effect::new(move |prev: Option<()>| {
        // Restore a shared view once, from the URL.
        if prev.is_none() {
            if let Some((s, x, y)) = url.state.get_untracked().zoom {
                view_t.update(|v| {
                    v.scale = s;
                    v.tx = x;
                    v.ty = y;
                    v.clamp();
                });
            }
        }
    });
    let commit_view = Callback::new(move |()| {
        let v = view_t.get_untracked();
        let round = |x: f64| (x * 10.0).round() / 10.0;
        // The scale keeps three decimals: at one, two zoom steps (×1.5²) came back from a shared
        // link or a reload as 2.3 instead of 2.25, a visibly different view.
        let round_scale = |x: f64| (x * 1000.0).round() / 1000.0;
        url.set(History::Replace, |s| {
            s.zoom = (!v.is_identity()).then(|| (round_scale(v.scale), round(v.tx), round(v.ty)))
        });
    });
    let gestures = Gestures::new(view_t, commit_view, map_size);

    // The texts follow the colours by one task: a recolour paints the new fills first, and the
    // regions' accessible names and the closed table twin, which no one sees change, are
    // rewritten in the next task (the first texts are drawn with the map, and with the language).
    let texts_for = RwSignal::new(0u64);
    Effect::new(move |first: Option<()>| {
        choropleth.track();
        if first.is_some() {
            leptos::task::spawn_local(async move {
                platform::sleep_ms(0).await;
                let _ = texts_for.try_update(|n| *n += 1);
            });
        }
    });
    let summaries = Memo::new(move |_| {
        texts_for.track();
        let l = lang.get();
        choropleth.with_untracked(|c| {
            dataset.with_value(|d| {
                (0..d.regions().len())
                    .map(|i| c.describe(d, i, l))
                    .collect()
            })
        })
    });
    let model = MapModel {
        dataset,
        url,
        choropleth,
        summaries,
        view: view_t,
        hover: RwSignal::new(None),
        width,
    };
    let markers = visible_markers(model, geometry);
    mark_first_paint(Memo::new(move |_| geometry.with(|g| g.is_some())), fills);

    let scale_note = move || {
        geometry
            .with(|g| {
                g.as_ref()
                    .is_some_and(|g| g.layout.insets_differ_in_scale())
            })
            .then(|| format!(" {}", t(lang.get(), Msg::InsetsNotToScale)))
    };
    view! {
        <div class="map-layout" data-testid="map-view">
            <div>
                <MapToolbar model=model />
                <div class="map-frame" node_ref=container data-testid="map-frame">
                    {move || geometry.get().map(|g| view! {
                        <MapSvg model=model geometry=g fills=fills markers=markers gestures=gestures height=height on_open_region=on_open_region />
                    })}
                    <MapControls view=view_t commit_view=commit_view />
                    <MapTooltip model=model />
                    {baked_tips(model, geometry)}
                </div>
            </div>
            // Beside the map on wide screens (under it on phones): the key, then the details.
            <div class="map-aside">
                <Legend choropleth=choropleth scheme=scheme />
                <p class="muted">{move || t(lang.get(), Msg::PanHintKeys)} {scale_note}</p>
                {exportable.then(|| view! {
                    <MapExports model=model geometry=geometry>{children.map(|c| c())}</MapExports>
                })}
                <SidePanel model=model />
            </div>
        </div>
        <MapTable model=model />
    }
}

/// The drawing: regions and insets under one zoom transform, markers above them.
#[component]
fn MapSvg(
    model: MapModel,
    geometry: Arc<MapGeometry>,
    fills: Memo<Vec<String>>,
    markers: Memo<Vec<Marker>>,
    gestures: Gestures,
    /// Height of the frame in CSS pixels.
    height: Memo<f64>,
    on_open_region: Option<Callback<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let (w, h) = (geometry.layout.width, geometry.layout.height);
    let hatch = no_data_style(Scheme::Light).pattern_id;
    let view_t = model.view;
    let region_focus = RegionFocus::new(model, geometry.clone());
    let region_blur = region_focus.clone();
    let marker_tips = MarkerTips::new(model, markers, w);
    view! {
        <svg
            class="map-drawing"
            viewBox=format!("0 0 {w} {h}")
            role="group"
            aria-label=move || t(lang.get(), Msg::MapLabel)
            tabindex="0"
            data-testid="map-svg"
            on:wheel=move |ev| gestures.wheel(ev)
            on:pointerdown=move |ev| gestures.pointer_down(ev)
            on:pointermove=move |ev| gestures.pointer_move(ev)
            on:pointerup=move |ev| gestures.pointer_end(ev)
            on:pointercancel=move |ev| gestures.pointer_end(ev)
            on:keydown=move |ev| gestures.key(ev)
            on:focusin=move |ev| {
                if !region_focus.focus_in(&ev) {
                    marker_tips.focus_in(&ev);
                }
            }
            on:focusout=move |ev| {
                if !region_blur.focus_out(&ev) {
                    marker_tips.focus_out(&ev);
                }
            }
            preserveAspectRatio="xMidYMid meet"
            data-width=move || model.width.get()
            data-height=move || height.get()
        >
            <defs>
                <pattern id=hatch width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" class="nodata-bg"></rect>
                    <line x1="0" y1="0" x2="0" y2="6" class="nodata-hatch"></line>
                </pattern>
            </defs>
            <g transform=move || view_t.get().to_svg_transform() data-testid="map-regions">
                <InsetFrames model=model geometry=geometry.clone() />
                <RegionShapes model=model geometry=geometry fills=fills on_open_region=on_open_region />
            </g>
            <Markers model=model markers=markers map_width=w />
        </svg>
    }
}

/// `true` at once when `now`, otherwise from the next task on: for work that can follow the
/// map's first paint by a task. A host render (a baked page) has no next task, so it passes `true`.
fn true_from_next_task(now: bool) -> RwSignal<bool> {
    let flag = RwSignal::new(now);
    if !now {
        leptos::task::spawn_local(async move {
            platform::sleep_ms(0).await;
            let _ = flag.try_set(true);
        });
    }
    flag
}

/// Marks the first coloured paint for the benchmark (`atlas-map-visible`), once.
fn mark_first_paint(geometry_ok: Memo<bool>, fills: Memo<Vec<String>>) {
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        if geometry_ok.get() && !fills.with(Vec::is_empty) {
            leptos::task::spawn_local(async {
                platform::sleep_ms(0).await;
                platform::mark("atlas-map-visible");
            });
            return true;
        }
        false
    });
}
