//! The map (`/`): choropleth of regions with overseas insets, places by category, search,
//! zoom and pan, tooltips, and a table twin. All view state lives in the URL.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use atlas_core::classify::{no_data_style, per_capita, ClassIndex, Classes, Scheme};
use atlas_core::compare::{latest_value, population_indicator, ranks, Order};
use atlas_core::format::{format_decimal, format_per_capita};
use atlas_core::geo::{build_map, spread_markers, MapGeometry, ViewTransform};
use atlas_core::i18n::{category_count, category_name, localize, rank_of, t, Lang, Msg};
use atlas_core::model::{Category, Place};
use atlas_core::text::{EntryKind, SearchIndex};
use atlas_core::units::format_value;
use atlas_core::url_state::MapState;
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::region::PlaceCard;
use super::PageMetaMsg;
use crate::components::{observe_width, EmbedButton, LText, SourceLine};
use crate::data::use_dataset;
use crate::i18n::{use_lang, use_theme};
use crate::platform;

/// Quantile classes: five read well on 18 regions and stay distinct in the palette.
const CLASSES: usize = 5;
/// Markers closer than this (px) are spread around their spot.
const MARKER_SPACING: f64 = 11.0;
const MARKER_RADIUS: f64 = 5.5;

#[component]
pub fn MapPage() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let location = use_location();
    // The widget shows the same view: same indicator, filters and zoom.
    let embed_route = Signal::derive(move || {
        let query = MapState::from_query(&location.search.get()).to_query();
        if query.is_empty() {
            "embed/map".to_owned()
        } else {
            format!("embed/map?{query}")
        }
    });
    view! {
        <PageMetaMsg title=Msg::TitleMap description=Msg::DescMap />
        <h1 data-testid="page-title">{move || t(lang.get(), Msg::TitleMap)}</h1>
        {move || data.dataset().map(|d| view! { <AtlasMap dataset=d embedded=false /> })}
        <EmbedButton route=embed_route title=Signal::derive(move || t(lang.get(), Msg::TitleMap).to_owned()) />
    }
}

/// Reads and writes the map's state in the URL query.
#[derive(Clone, Copy)]
pub struct MapUrl {
    pub state: Memo<MapState>,
}

impl MapUrl {
    pub fn new() -> Self {
        let location = use_location();
        let state = Memo::new(move |_| MapState::from_query(&location.search.get()));
        MapUrl { state }
    }

    /// Applies `change` and navigates; `replace` keeps zoom and pan out of the history.
    pub fn update(&self, replace: bool, change: impl FnOnce(&mut MapState)) {
        let location = use_location();
        let navigate = use_navigate();
        let mut next = self.state.get_untracked();
        change(&mut next);
        // Keep parameters the map does not own (lang, theme).
        let mut pairs: Vec<(String, String)> =
            atlas_core::url_state::parse_query(&location.search.get_untracked())
                .into_iter()
                .filter(|(k, _)| matches!(k.as_str(), "lang" | "theme" | "data"))
                .collect();
        pairs.extend(next.to_pairs());
        let query = atlas_core::url_state::to_query(&pairs);
        let path = location.pathname.get_untracked();
        let base = platform::router_base();
        let route = path.strip_prefix(base.as_str()).unwrap_or(&path).to_owned();
        let route = if route.is_empty() {
            "/".to_owned()
        } else {
            route
        };
        // The full path, base included, without the router's resolving: it resolved "/?query"
        // against the base "/atlas/sub" to "/atlas/sub?query" (trailing slash lost), from which
        // the page's relative URLs (icons, manifest) point one folder too high (404s) and a
        // reload depends on the host redirecting to the folder.
        let url = if query.is_empty() {
            format!("{base}{route}")
        } else {
            format!("{base}{route}?{query}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                resolve: false,
                ..Default::default()
            },
        );
    }
}

/// Everything needed to colour and describe one indicator on the map.
#[derive(Clone, PartialEq)]
struct Colouring {
    indicator_id: Option<String>,
    per_capita: bool,
    /// Per region (dataset order): shown value, formatted value, rank, source.
    values: Vec<Option<RegionValue>>,
    classes: Classes,
}

#[derive(Clone, PartialEq)]
struct RegionValue {
    value: f64,
    text_fr: String,
    text_en: String,
    rank: Option<(u32, u32)>,
    source: String,
    year: Option<i32>,
}

/// A region's shown value: the number, its source id, its year and its qualifier.
type ShownValue = (
    f64,
    String,
    Option<i32>,
    Option<atlas_core::model::Qualifier>,
);

fn colouring(dataset: &Dataset, indicator_id: Option<&str>, per_capita_on: bool) -> Colouring {
    let indicator = indicator_id
        .and_then(|id| dataset.indicator(id))
        .or_else(|| dataset.indicators().first());
    let Some(indicator) = indicator else {
        return Colouring {
            indicator_id: None,
            per_capita: false,
            values: vec![None; dataset.regions().len()],
            classes: Classes::default(),
        };
    };
    let population = population_indicator(dataset.raw());
    let use_pc = per_capita_on && indicator.per_capita && population.is_some();
    let raw_values: Vec<Option<ShownValue>> = dataset
        .regions()
        .iter()
        .map(|r| {
            let v = latest_value(indicator, &r.id)?;
            let shown = if use_pc {
                let pop = population
                    .and_then(|p| latest_value(p, &r.id))
                    .map(|p| p.value);
                per_capita(Some(v.value), pop)?
            } else {
                v.value
            };
            Some((shown, v.source.clone(), v.year, v.qualifier))
        })
        .collect();
    let keyed: Vec<(usize, Option<f64>)> = raw_values
        .iter()
        .enumerate()
        .map(|(i, v)| (i, v.as_ref().map(|x| x.0)))
        .collect();
    let ranked = ranks(&keyed, Order::Descending);
    let counted = ranked.iter().filter(|(_, r)| r.is_some()).count();
    let finite: Vec<f64> = raw_values.iter().flatten().map(|v| v.0).collect();
    let classes = Classes::quantiles(&finite, CLASSES);
    let values = raw_values
        .into_iter()
        .zip(ranked)
        .map(|(v, (_, rank))| {
            v.map(|(value, source, year, qualifier)| {
                let text = |lang: Lang| {
                    if use_pc {
                        format_per_capita(value, lang)
                    } else {
                        format_value(value, indicator.unit, qualifier, lang)
                    }
                };
                RegionValue {
                    value,
                    text_fr: text(Lang::Fr),
                    text_en: text(Lang::En),
                    rank: rank.filter(|_| counted > 1).map(|r| (r.rank, r.of)),
                    source,
                    year,
                }
            })
        })
        .collect();
    Colouring {
        indicator_id: Some(indicator.id.clone()),
        per_capita: use_pc,
        values,
        classes,
    }
}

/// One place marker in map pixels (before zoom), with its shape.
#[derive(Clone, PartialEq)]
struct Marker {
    place_index: usize,
    x: f64,
    y: f64,
    category: Category,
}

/// The interactive map; shared by `/` and `/embed/map`.
#[component]
pub fn AtlasMap(dataset: Arc<Dataset>, embedded: bool) -> impl IntoView {
    let lang = use_lang();
    let theme = use_theme();
    let url = MapUrl::new();
    let state = url.state;
    let dataset = StoredValue::new(dataset);

    // Size: measured from the container; geometry is rebuilt only when the width changes.
    let container = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(800.0_f64);
    observe_width(container, width);
    let height = Memo::new(move |_| (width.get() * 0.78).clamp(300.0, 760.0));
    let geometry: Memo<Option<Arc<MapGeometry>>> = Memo::new(move |_| {
        let (w, h) = (width.get(), height.get());
        dataset.with_value(|d| {
            build_map(d.regions(), &d.raw().map, w, h)
                .ok()
                .map(Arc::new)
        })
    });
    let geometry_ok = Memo::new(move |_| geometry.with(|g| g.is_some()));

    // Colours: recomputed when the indicator changes, without touching geometry.
    let colouring = Memo::new(move |_| {
        let s = state.get();
        dataset.with_value(|d| colouring(d, s.indicator.as_deref(), s.per_capita))
    });
    let scheme = Memo::new(move |_| {
        if theme.map(|t| t.effective.get().is_dark()).unwrap_or(false) {
            Scheme::Dark
        } else {
            Scheme::Light
        }
    });
    let fills = Memo::new(move |_| {
        let c = colouring.get();
        let scheme = scheme.get();
        c.values
            .iter()
            .map(|v| match c.classes.class_of(v.as_ref().map(|v| v.value)) {
                ClassIndex::NoData => format!("url(#{})", no_data_style(scheme).pattern_id),
                class => c.classes.colour(class, scheme).to_owned(),
            })
            .collect::<Vec<String>>()
    });

    // Zoom and pan.
    let view_t = RwSignal::new(ViewTransform::new(800.0, 600.0));
    Effect::new(move |_| {
        let (w, h) = (width.get(), height.get());
        view_t.update(|v| v.set_viewport(w, h));
    });
    Effect::new(move |prev: Option<()>| {
        // Restore a shared view once, from the URL.
        if prev.is_none() {
            if let Some((s, x, y)) = state.get_untracked().zoom {
                view_t.update(|v| {
                    v.scale = s;
                    v.tx = x;
                    v.ty = y;
                    v.clamp();
                });
            }
        }
    });
    let commit_view = move || {
        let v = view_t.get_untracked();
        let round = |x: f64| (x * 10.0).round() / 10.0;
        // The scale keeps three decimals: at one, two zoom steps (×1.5²) came back from a shared
        // link or a reload as 2.3 instead of 2.25, a visibly different view.
        let round_scale = |x: f64| (x * 1000.0).round() / 1000.0;
        url.update(true, |s| {
            s.zoom = (!v.is_identity()).then(|| (round_scale(v.scale), round(v.tx), round(v.ty)))
        });
    };

    // Places with a point, spread so that places in the same town stay clickable.
    let markers = Memo::new(move |_| {
        let Some(g) = geometry.get() else {
            return Vec::new();
        };
        dataset.with_value(|d| {
            let located: Vec<(usize, (f64, f64), Category)> = d
                .places()
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let pt = p.point.as_ref()?;
                    g.project_in_region(&p.region, [pt.lon, pt.lat])
                        .map(|xy| (i, xy, p.category))
                })
                .collect();
            let points: Vec<(f64, f64)> = located.iter().map(|(_, xy, _)| *xy).collect();
            let offsets = spread_markers(&points, MARKER_SPACING);
            located
                .into_iter()
                .zip(offsets)
                .map(|((place_index, (x, y), category), (dx, dy))| Marker {
                    place_index,
                    x: x + dx,
                    y: y + dy,
                    category,
                })
                .collect::<Vec<_>>()
        })
    });
    let shown_categories = Memo::new(move |_| state.get().categories);
    let visible_markers = Memo::new(move |_| {
        let cats = shown_categories.get();
        markers
            .get()
            .into_iter()
            .filter(|m| {
                cats.as_ref()
                    .is_none_or(|set| set.contains(m.category.slug()))
            })
            .collect::<Vec<_>>()
    });

    // Tooltip: region index or place index, and where to draw it (container pixels).
    let tooltip = RwSignal::new(None::<(Hover, f64, f64)>);

    // Mark the first coloured paint for the benchmark.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        if geometry_ok.get() && !fills.get().is_empty() {
            leptos::task::spawn_local(async {
                platform::sleep_ms(0).await;
                platform::mark("atlas-map-visible");
            });
            return true;
        }
        false
    });

    let region_count = dataset.with_value(|d| d.regions().len());
    view! {
        <div class="map-layout" data-testid="map-view">
            <div>
                <MapToolbar dataset=dataset state=state url=url colouring=colouring />
                <div class="map-frame" node_ref=container data-testid="map-frame">
                    {move || geometry.get().map(|g| view! {
                        <MapSvg
                            geometry=g
                            dataset=dataset
                            fills=fills
                            colouring=colouring
                            view_t=view_t
                            markers=visible_markers
                            tooltip=tooltip
                            commit_view=Callback::new(move |_| commit_view())
                            width=width
                            height=height
                        />
                    })}
                    <MapControls view_t=view_t commit_view=Callback::new(move |_| commit_view()) />
                    <Tooltip tooltip=tooltip dataset=dataset colouring=colouring />
                </div>
                <Legend colouring=colouring scheme=scheme />
                <p class="muted">
                    {move || t(lang.get(), Msg::PanHintKeys)}
                    {move || geometry.get().filter(|g| g.layout.insets_differ_in_scale()).map(|_| " ")}
                </p>
            </div>
            <aside class="side-panel">
                <Search dataset=dataset url=url />
                <CategoryFilter dataset=dataset state=state url=url />
                <OpenPlace dataset=dataset state=state url=url />
                <UnlocatedPlaces dataset=dataset />
            </aside>
        </div>
        <MapTable dataset=dataset colouring=colouring count=region_count embedded=embedded />
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Hover {
    Region(usize),
    Place(usize),
}

#[component]
fn MapSvg(
    geometry: Arc<MapGeometry>,
    dataset: StoredValue<Arc<Dataset>>,
    fills: Memo<Vec<String>>,
    colouring: Memo<Colouring>,
    view_t: RwSignal<ViewTransform>,
    markers: Memo<Vec<Marker>>,
    tooltip: RwSignal<Option<(Hover, f64, f64)>>,
    commit_view: Callback<()>,
    width: RwSignal<f64>,
    height: Memo<f64>,
) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let (w, h) = (geometry.layout.width, geometry.layout.height);
    let scheme_hatch = no_data_style(Scheme::Light);
    let regions_meta: Vec<(usize, String, atlas_core::model::Text)> = dataset.with_value(|d| {
        d.regions()
            .iter()
            .enumerate()
            .map(|(i, r)| (i, r.id.clone(), r.name.clone()))
            .collect()
    });
    let drag = StoredValue::new(None::<(f64, f64)>);
    let pointers = StoredValue::new(BTreeMap::<i32, (f64, f64)>::new());
    let pinch = StoredValue::new(None::<f64>);

    let to_svg = move |ev: &web_sys::MouseEvent| -> Option<(f64, f64, f64, f64)> {
        let target: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
        let rect = target.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return None;
        }
        let k = w / rect.width();
        let (cx, cy) = (
            ev.client_x() as f64 - rect.left(),
            ev.client_y() as f64 - rect.top(),
        );
        Some((cx * k, cy * k, cx, cy))
    };

    let on_wheel = move |ev: web_sys::WheelEvent| {
        // Only with Ctrl or on a zoomed map: a page must still scroll past the map.
        if !ev.ctrl_key() && view_t.get_untracked().is_identity() && ev.delta_y() > 0.0 {
            return;
        }
        ev.prevent_default();
        if let Some((x, y, _, _)) = to_svg(&ev) {
            let factor = (-ev.delta_y() * 0.002).exp();
            view_t.update(|v| v.zoom_at(factor, x, y));
            commit_view.run(());
        }
    };
    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        if let Some((x, y, _, _)) = to_svg(&ev) {
            pointers.update_value(|p| {
                p.insert(ev.pointer_id(), (x, y));
            });
            if pointers.with_value(|p| p.len()) == 1 {
                drag.set_value(Some((x, y)));
            }
        }
    };
    let on_pointer_move = move |ev: web_sys::PointerEvent| {
        let Some((x, y, _, _)) = to_svg(&ev) else {
            return;
        };
        let count = pointers.with_value(|p| p.len());
        if count >= 2 {
            pointers.update_value(|p| {
                p.insert(ev.pointer_id(), (x, y));
            });
            let pts: Vec<(f64, f64)> =
                pointers.with_value(|p| p.values().copied().take(2).collect());
            if let [a, b] = pts[..] {
                let dist = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                if let Some(prev) = pinch.get_value().filter(|p| *p > 0.0) {
                    view_t.update(|v| v.zoom_at(dist / prev, (a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0));
                }
                pinch.set_value(Some(dist));
            }
        } else if let Some((px, py)) = drag.get_value() {
            if (x - px).abs() + (y - py).abs() > 0.5 {
                view_t.update(|v| v.pan(x - px, y - py));
                drag.set_value(Some((x, y)));
            }
        }
    };
    let end_pointer = move |ev: web_sys::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
        pinch.set_value(None);
        if drag.get_value().is_some() {
            drag.set_value(None);
            commit_view.run(());
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let (cx, cy) = (w / 2.0, h / 2.0);
        let step = 40.0;
        let handled = match ev.key().as_str() {
            "+" | "=" => {
                view_t.update(|v| v.zoom_at(1.5, cx, cy));
                true
            }
            "-" | "_" => {
                view_t.update(|v| v.zoom_at(1.0 / 1.5, cx, cy));
                true
            }
            "0" => {
                view_t.update(|v| v.reset());
                true
            }
            "ArrowLeft" if ev.shift_key() => {
                view_t.update(|v| v.pan(step, 0.0));
                true
            }
            "ArrowRight" if ev.shift_key() => {
                view_t.update(|v| v.pan(-step, 0.0));
                true
            }
            "ArrowUp" if ev.shift_key() => {
                view_t.update(|v| v.pan(0.0, step));
                true
            }
            "ArrowDown" if ev.shift_key() => {
                view_t.update(|v| v.pan(0.0, -step));
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
            commit_view.run(());
        }
    };

    let zoom_scale = Memo::new(move |_| view_t.with(|v| v.scale));
    let pan_offset = Memo::new(move |_| view_t.with(|v| (v.tx, v.ty)));
    let geometry = StoredValue::new(geometry);
    let paths = regions_meta
        .into_iter()
        .map(|(i, id, name)| {
            let d = geometry.with_value(|g| g.region(i).map(|r| r.path.clone()).unwrap_or_default());
            let anchor = geometry.with_value(|g| g.region(i).and_then(|r| r.label_anchor));
            let name = StoredValue::new(name);
            let label = move || {
                let l = lang.get();
                let n = name.with_value(|n| localize(n, l).text.to_owned());
                let value = colouring.with(|c| c.values.get(i).cloned().flatten());
                match value {
                    Some(v) => format!("{n} : {}", if l == Lang::Fr { v.text_fr } else { v.text_en }),
                    None => format!("{n} : {}", t(l, Msg::NoData)),
                }
                .replace(" : ", if l == Lang::Fr { "\u{202f}: " } else { ": " })
            };
            let href = format!("region/{id}");
            let nav = navigate.clone();
            let open = {
                let href = href.clone();
                move || nav(&format!("/{href}"), NavigateOptions::default())
            };
            let open_key = open.clone();
            let show_tip = move |x: f64, y: f64| tooltip.set(Some((Hover::Region(i), x, y)));
            // Touch has no hover: the browser fires pointerenter, pointerleave and click all at
            // once on a tap, so the tooltip vanished and the tap navigated straight away. On
            // touch, the first tap on a region shows its tooltip (which stays) and a second tap
            // on the same region opens its page. Mouse and keyboard are unchanged.
            let touch_preview = StoredValue::new(false);
            view! {
                <path
                    class="region-shape"
                    d=d
                    fill=move || fills.with(|f| f.get(i).cloned().unwrap_or_default())
                    role="link"
                    tabindex="0"
                    data-region=id.clone()
                    aria-label=label
                    on:click=move |_| {
                        if touch_preview.get_value() {
                            touch_preview.set_value(false);
                            return;
                        }
                        open()
                    }
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            open_key();
                        }
                    }
                    on:pointerdown=move |ev: web_sys::PointerEvent| {
                        let touch = ev.pointer_type() == "touch";
                        let shown = tooltip.with_untracked(|t| matches!(t, Some((Hover::Region(r), _, _)) if *r == i));
                        touch_preview.set_value(touch && !shown);
                        if touch {
                            show_tip(ev.offset_x() as f64, ev.offset_y() as f64);
                        }
                    }
                    on:pointerenter=move |ev: web_sys::PointerEvent| {
                        if ev.pointer_type() != "touch" {
                            show_tip(ev.offset_x() as f64, ev.offset_y() as f64);
                        }
                    }
                    on:pointerleave=move |ev: web_sys::PointerEvent| {
                        if ev.pointer_type() != "touch" {
                            tooltip.set(None);
                        }
                    }
                    on:focus=move |_| {
                        let (x, y) = anchor.unwrap_or((0.0, 0.0));
                        let scale = width.get_untracked() / w;
                        let v = view_t.get_untracked();
                        let (sx, sy) = v.apply(x, y);
                        show_tip(sx * scale, sy * scale);
                    }
                    on:blur=move |_| tooltip.set(None)
                ></path>
            }
        })
        .collect_view();
    let inset_frames = geometry.with_value(|g| {
        g.layout
            .insets()
            .map(|f| (f.rect, f.label_at, f.id.clone()))
            .collect::<Vec<_>>()
    });
    let inset_labels: Vec<(String, atlas_core::model::Text)> = dataset.with_value(|d| {
        d.raw()
            .map
            .insets
            .iter()
            .map(|i| {
                (
                    i.region.clone(),
                    i.label
                        .clone()
                        .or_else(|| d.region(&i.region).map(|r| r.name.clone()))
                        .unwrap_or_default(),
                )
            })
            .collect()
    });
    let frames = inset_frames
        .into_iter()
        .map(|(rect, (lx, ly), id)| {
            let text = inset_labels.iter().find(|(r, _)| *r == id).map(|(_, t)| t.clone()).unwrap_or_default();
            view! {
                <rect class="inset-frame" x=rect.x y=rect.y width=rect.width height=rect.height></rect>
                <text class="inset-label" x=lx y=ly aria-hidden="true">{move || localize(&text, lang.get()).text.to_owned()}</text>
            }
        })
        .collect_view();

    view! {
        <svg
            viewBox=format!("0 0 {w} {h}")
            role="group"
            aria-label=move || t(lang.get(), Msg::MapLabel)
            tabindex="0"
            data-testid="map-svg"
            on:wheel=on_wheel
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=end_pointer
            on:pointercancel=end_pointer
            on:keydown=on_key
            preserveAspectRatio="xMidYMid meet"
            data-width=move || width.get()
            data-height=move || height.get()
        >
            <defs>
                <pattern id=scheme_hatch.pattern_id width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" class="nodata-bg"></rect>
                    <line x1="0" y1="0" x2="0" y2="6" class="nodata-hatch"></line>
                </pattern>
            </defs>
            <g transform=move || view_t.get().to_svg_transform() data-testid="map-regions">
                {frames}
                {paths}
            </g>
            // Panning moves this one group; markers themselves only move when the scale changes,
            // so a pan frame updates one attribute instead of one per marker.
            <g class="markers" data-testid="map-markers" transform=move || { let (tx, ty) = pan_offset.get(); format!("translate({tx:.1} {ty:.1})") }>
                <For
                    each=move || markers.get()
                    key=|m| m.place_index
                    children=move |m: Marker| {
                        let place = dataset.with_value(|d| d.places().get(m.place_index).cloned());
                        let name = place.as_ref().map(|p| p.name.clone()).unwrap_or_default();
                        let id = place.as_ref().map(|p| p.id.clone()).unwrap_or_default();
                        let pos = move || { let s = zoom_scale.get(); (m.x * s, m.y * s) };
                        let index = m.place_index;
                        let url = MapUrl::new();
                        let open = {
                            let id = id.clone();
                            move || {
                                let id = id.clone();
                                url.update(false, move |s| s.place = Some(id));
                            }
                        };
                        let open_key = open.clone();
                        let tip = move || {
                            let (x, y) = pos();
                            let (tx, ty) = pan_offset.get_untracked();
                            let (x, y) = (x + tx, y + ty);
                            let scale = width.get_untracked() / w;
                            tooltip.set(Some((Hover::Place(index), x * scale, y * scale)));
                        };
                        view! {
                            <g
                                class="marker-group"
                                transform=move || { let (x, y) = pos(); format!("translate({x:.1} {y:.1})") }
                                role="button"
                                tabindex="0"
                                data-category=m.category.slug()
                                data-place=id.clone()
                                aria-label=move || {
                                    let l = lang.get();
                                    format!("{} ({})", localize(&name, l).text, category_name(l, m.category, false))
                                }
                                on:click=move |_| open()
                                on:keydown=move |ev: web_sys::KeyboardEvent| {
                                    if ev.key() == "Enter" || ev.key() == " " {
                                        ev.prevent_default();
                                        open_key();
                                    }
                                }
                                on:pointerenter=move |_| tip()
                                on:pointerleave=move |_| tooltip.set(None)
                                on:focus=move |_| tip()
                                on:blur=move |_| tooltip.set(None)
                            >
                                <MarkerShape category=m.category />
                            </g>
                        }
                    }
                />
            </g>
        </svg>
    }
}

/// A category's marker: shape and colour both tell the category, so colour is never alone.
#[component]
fn MarkerShape(category: Category) -> impl IntoView {
    let r = MARKER_RADIUS;
    let class = format!("marker marker--{}", category.slug());
    match category {
        Category::Cluster => view! { <circle class=class r=r></circle> }.into_any(),
        Category::Campus => view! { <rect class=class x=-r y=-r width=2.0 * r height=2.0 * r></rect> }.into_any(),
        Category::Incubator => view! { <path class=class d=format!("M0 {} L{} {} L{} {} Z", -r * 1.2, r * 1.1, r * 0.9, -r * 1.1, r * 0.9)></path> }.into_any(),
        Category::Company => view! { <path class=class d=format!("M0 {} L{} 0 L0 {} L{} 0 Z", -r * 1.3, r * 1.3, r * 1.3, -r * 1.3)></path> }.into_any(),
        Category::Startup => view! { <path class=class d=star_path(r * 1.35)></path> }.into_any(),
        Category::Agency => view! { <path class=class d=format!("M{} {} L{} {} L0 {} Z", -r * 1.1, -r * 0.9, r * 1.1, -r * 0.9, r * 1.2)></path> }.into_any(),
        Category::Association => view! { <path class=class d=hexagon_path(r * 1.15)></path> }.into_any(),
        Category::Hospital => view! { <path class=class d=plus_path(r * 1.2)></path> }.into_any(),
        Category::Laboratory => view! { <circle class=class r=r * 0.8></circle> }.into_any(),
    }
}

fn star_path(r: f64) -> String {
    let mut d = String::new();
    for k in 0..10 {
        let radius = if k % 2 == 0 { r } else { r * 0.45 };
        let a = std::f64::consts::PI * (k as f64) / 5.0 - std::f64::consts::FRAC_PI_2;
        d.push_str(&format!(
            "{}{:.2} {:.2} ",
            if k == 0 { 'M' } else { 'L' },
            radius * a.cos(),
            radius * a.sin()
        ));
    }
    d.push('Z');
    d
}

fn hexagon_path(r: f64) -> String {
    let mut d = String::new();
    for k in 0..6 {
        let a = std::f64::consts::PI * (k as f64) / 3.0;
        d.push_str(&format!(
            "{}{:.2} {:.2} ",
            if k == 0 { 'M' } else { 'L' },
            r * a.cos(),
            r * a.sin()
        ));
    }
    d.push('Z');
    d
}

fn plus_path(r: f64) -> String {
    let a = r * 0.38;
    let points = [
        (-a, -r),
        (a, -r),
        (a, -a),
        (r, -a),
        (r, a),
        (a, a),
        (a, r),
        (-a, r),
        (-a, a),
        (-r, a),
        (-r, -a),
        (-a, -a),
    ];
    let mut d = String::new();
    for (k, (x, y)) in points.iter().enumerate() {
        d.push_str(&format!("{}{x:.2} {y:.2} ", if k == 0 { 'M' } else { 'L' }));
    }
    d.push('Z');
    d
}

#[component]
fn MapControls(view_t: RwSignal<ViewTransform>, commit_view: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let zoom = move |factor: f64| {
        view_t.update(|v| {
            let (w, h) = v.viewport();
            v.zoom_at(factor, w / 2.0, h / 2.0)
        });
        commit_view.run(());
    };
    view! {
        <div class="map-controls no-print">
            <button type="button" data-testid="zoom-in" aria-label=move || t(lang.get(), Msg::ZoomIn) on:click=move |_| zoom(1.5)>"+"</button>
            <button type="button" data-testid="zoom-out" aria-label=move || t(lang.get(), Msg::ZoomOut) on:click=move |_| zoom(1.0 / 1.5)>"−"</button>
            <button type="button" data-testid="zoom-reset" aria-label=move || t(lang.get(), Msg::ZoomReset) on:click=move |_| {
                view_t.update(|v| v.reset());
                commit_view.run(());
            }>"⟲"</button>
        </div>
    }
}

#[component]
fn Tooltip(
    tooltip: RwSignal<Option<(Hover, f64, f64)>>,
    dataset: StoredValue<Arc<Dataset>>,
    colouring: Memo<Colouring>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        {move || tooltip.get().map(|(hover, x, y)| {
            let l = lang.get();
            let body = match hover {
                Hover::Region(i) => {
                    let name = dataset.with_value(|d| d.regions().get(i).map(|r| localize(&r.name, l).text.to_owned())).unwrap_or_default();
                    let c = colouring.get_untracked();
                    let indicator = dataset.with_value(|d| c.indicator_id.as_deref().and_then(|id| d.indicator(id)).map(|ind| localize(&ind.name, l).text.to_owned()));
                    let value = c.values.get(i).cloned().flatten();
                    view! {
                        <strong>{name}</strong>
                        <br />
                        {indicator.map(|n| format!("{n} : ").replace(" : ", if l == Lang::Fr { "\u{202f}: " } else { ": " }))}
                        {match value {
                            Some(v) => view! {
                                <span class="num">{if l == Lang::Fr { v.text_fr.clone() } else { v.text_en.clone() }}</span>
                                {v.year.map(|y| format!(" ({y})"))}
                                {v.rank.map(|(r, of)| view! { <br /> {rank_of(l, r, of)} })}
                                <SourceLine source_id=v.source.clone() />
                            }.into_any(),
                            None => view! { <span class="nodata">{t(l, Msg::NoData)}</span> }.into_any(),
                        }}
                    }.into_any()
                }
                Hover::Place(i) => {
                    let place = dataset.with_value(|d| d.places().get(i).cloned());
                    place.map(|p| view! {
                        <strong><LText text=p.name.clone() /></strong>
                        <br />
                        {category_name(l, p.category, false)}
                        {p.town.clone().map(|t| format!(" · {t}"))}
                        <SourceLine source_id=p.source.clone() />
                    }).into_any()
                }
            };
            view! {
                <div class="tooltip" role="tooltip" data-testid="map-tooltip" style:left=format!("{}px", (x + 14.0).max(0.0)) style:top=format!("{}px", (y + 14.0).max(0.0))>
                    {body}
                </div>
            }
        })}
    }
}

#[component]
fn Legend(colouring: Memo<Colouring>, scheme: Memo<Scheme>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div data-testid="map-legend">
            <h2 class="visually-hidden">{move || t(lang.get(), Msg::LegendTitle)}</h2>
            <ul class="legend">
                {move || {
                    let l = lang.get();
                    let c = colouring.get();
                    let entries = c.classes.legend(scheme.get());
                    let fmt = move |v: f64| format_decimal(v, if v.abs() < 10.0 { 1 } else { 0 }, l);
                    let mut items = entries
                        .into_iter()
                        .map(|e| {
                            let text = format!("{} – {}", fmt(e.lower), fmt(e.upper));
                            view! {
                                <li>
                                    <span class="swatch" style:background-color=e.colour></span>
                                    <span class="num">{text}</span>
                                </li>
                            }
                            .into_any()
                        })
                        .collect::<Vec<_>>();
                    items.push(view! {
                        <li>
                            <span class="swatch swatch--nodata"></span>
                            <span>{t(l, Msg::NoData)}</span>
                        </li>
                    }.into_any());
                    items
                }}
            </ul>
        </div>
    }
}

#[component]
fn MapToolbar(
    dataset: StoredValue<Arc<Dataset>>,
    state: Memo<MapState>,
    url: MapUrl,
    colouring: Memo<Colouring>,
) -> impl IntoView {
    let lang = use_lang();
    let options: Vec<(String, atlas_core::model::Text, bool)> = dataset.with_value(|d| {
        d.indicators()
            .iter()
            .map(|i| (i.id.clone(), i.name.clone(), i.per_capita))
            .collect()
    });
    let options = StoredValue::new(options);
    let can_pc = Memo::new(move |_| {
        let id = colouring.get().indicator_id;
        options.with_value(|o| o.iter().any(|(i, _, pc)| Some(i) == id.as_ref() && *pc))
    });
    let on_change = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        url.update(false, move |s| s.indicator = Some(value));
    };
    view! {
        <div class="toolbar no-print">
            <div class="field">
                <label for="indicator-picker">{move || t(lang.get(), Msg::IndicatorPicker)}</label>
                <select id="indicator-picker" data-testid="indicator-picker" on:change=on_change>
                    {move || {
                        let l = lang.get();
                        let current = colouring.get().indicator_id;
                        options.with_value(|o| o.iter().map(|(id, name, _)| {
                            let selected = Some(id) == current.as_ref();
                            view! { <option value=id.clone() selected=selected>{localize(name, l).text.to_owned()}</option> }
                        }).collect_view())
                    }}
                </select>
            </div>
            <Show when=move || can_pc.get()>
                <button
                    type="button"
                    data-testid="per-capita"
                    aria-pressed=move || if state.get().per_capita { "true" } else { "false" }
                    on:click=move |_| url.update(false, |s| s.per_capita = !s.per_capita)
                >
                    {move || t(lang.get(), Msg::PerCapita)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn CategoryFilter(
    dataset: StoredValue<Arc<Dataset>>,
    state: Memo<MapState>,
    url: MapUrl,
) -> impl IntoView {
    let lang = use_lang();
    let counts: BTreeMap<Category, usize> = dataset.with_value(|d| {
        let mut m = BTreeMap::new();
        for p in d.places() {
            *m.entry(p.category).or_insert(0) += 1;
        }
        m
    });
    let all: BTreeSet<String> = counts.keys().map(|c| c.slug().to_owned()).collect();
    let all = StoredValue::new(all);
    let chips = counts
        .into_iter()
        .map(|(category, n)| {
            let slug = category.slug();
            let on = move || state.get().categories.as_ref().is_none_or(|s| s.contains(slug));
            let toggle = move |_| {
                url.update(false, move |s| {
                    let mut set = s.categories.clone().unwrap_or_else(|| all.get_value());
                    if !set.remove(slug) {
                        set.insert(slug.to_owned());
                    }
                    s.categories = if set == all.get_value() { None } else { Some(set) };
                })
            };
            view! {
                <button type="button" class="chip" data-testid=format!("filter-{slug}") aria-pressed=move || if on() { "true" } else { "false" } on:click=toggle>
                    <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true"><MarkerShape category=category /></svg>
                    {move || category_count(lang.get(), category, n)}
                </button>
            }
        })
        .collect_view();
    view! {
        <fieldset class="chips no-print" data-testid="category-filter">
            <legend>{move || t(lang.get(), Msg::FilterByCategory)}</legend>
            {chips}
        </fieldset>
    }
}

#[component]
fn Search(dataset: StoredValue<Arc<Dataset>>, url: MapUrl) -> impl IntoView {
    let lang = use_lang();
    let index = StoredValue::new(dataset.with_value(|d| SearchIndex::from_dataset(d.raw())));
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let q = query.get();
        index.with_value(|i| i.search(&q, 8))
    });
    view! {
        <div class="field no-print" role="search">
            <label for="atlas-search">{move || t(lang.get(), Msg::SearchLabel)}</label>
            <input
                id="atlas-search"
                type="search"
                data-testid="search"
                autocomplete="off"
                placeholder=move || t(lang.get(), Msg::SearchPlaceholder)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <Show when=move || !query.get().trim().is_empty()>
                {move || {
                    let list = hits.get();
                    if list.is_empty() {
                        view! { <p class="muted" role="status">{move || t(lang.get(), Msg::SearchNoResults)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="search-results" data-testid="search-results">
                                {list.into_iter().map(|h| match h.kind {
                                    EntryKind::Region => view! {
                                        <li><A href=platform::app_href(&format!("/region/{}", h.id))>{h.name.clone()}</A></li>
                                    }.into_any(),
                                    EntryKind::Place => {
                                        let id = h.id.clone();
                                        view! {
                                            <li><a href="#place-card" on:click=move |ev| {
                                                ev.prevent_default();
                                                let id = id.clone();
                                                url.update(false, move |s| s.place = Some(id));
                                                query.set(String::new());
                                            }>{h.name.clone()}</a></li>
                                        }.into_any()
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </Show>
        </div>
    }
}

#[component]
fn OpenPlace(
    dataset: StoredValue<Arc<Dataset>>,
    state: Memo<MapState>,
    url: MapUrl,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        {move || {
            let id = state.get().place?;
            let place: Place = dataset.with_value(|d| d.place(&id).cloned())?;
            let region = dataset.with_value(|d| d.region(&place.region).map(|r| (r.id.clone(), r.name.clone())));
            Some(view! {
                <div id="place-card" data-testid="open-place">
                    <PlaceCard place=place />
                    {region.map(|(rid, name)| view! {
                        <p><A href=platform::app_href(&format!("/region/{rid}"))>{move || t(lang.get(), Msg::ViewRegion)} " — " <LText text=name.clone() /></A></p>
                    })}
                    <button type="button" class="button" on:click=move |_| url.update(false, |s| s.place = None)>
                        {move || t(lang.get(), Msg::Close)}
                    </button>
                </div>
            })
        }}
    }
}

#[component]
fn UnlocatedPlaces(dataset: StoredValue<Arc<Dataset>>) -> impl IntoView {
    let lang = use_lang();
    let unlocated: Vec<(Place, atlas_core::model::Text)> = dataset.with_value(|d| {
        d.places()
            .iter()
            .filter(|p| p.point.is_none())
            .map(|p| {
                (
                    p.clone(),
                    d.region(&p.region)
                        .map(|r| r.name.clone())
                        .unwrap_or_default(),
                )
            })
            .collect()
    });
    if unlocated.is_empty() {
        return ().into_any();
    }
    view! {
        <details data-testid="unlocated-places">
            <summary>{move || t(lang.get(), Msg::PlacesWithoutPosition)} " (" {unlocated.len()} ")"</summary>
            <ul>
                {unlocated.into_iter().map(|(p, region)| view! {
                    <li>
                        <A href=platform::app_href(&format!("/region/{}#place-{}", p.region, p.id))><LText text=p.name.clone() /></A>
                        " — " <LText text=region /> " · " {move || category_name(lang.get(), p.category, false)}
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
    .into_any()
}

/// The table twin: every region, its value, rank and source, for screen readers and anyone.
#[component]
fn MapTable(
    dataset: StoredValue<Arc<Dataset>>,
    colouring: Memo<Colouring>,
    count: usize,
    embedded: bool,
) -> impl IntoView {
    let lang = use_lang();
    let _ = count;
    view! {
        <details class="map-table" data-testid="map-table" open=!embedded>
            <summary>{move || t(lang.get(), Msg::TableTwinCaption)}</summary>
            <div class="table-wrap">
                <table>
                    <caption>
                        {move || {
                            let l = lang.get();
                            let c = colouring.get();
                            let name = dataset.with_value(|d| c.indicator_id.as_deref().and_then(|id| d.indicator(id)).map(|i| localize(&i.name, l).text.to_owned())).unwrap_or_default();
                            if c.per_capita { format!("{name} — {}", t(l, Msg::PerCapita)) } else { name }
                        }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t(lang.get(), Msg::ColRegion)}</th>
                            <th scope="col" class="num">{move || t(lang.get(), Msg::ColValue)}</th>
                            <th scope="col" class="num">{move || t(lang.get(), Msg::ColRank)}</th>
                            <th scope="col">{move || t(lang.get(), Msg::ColSource)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            let c = colouring.get();
                            let mut rows: Vec<(String, String, Option<RegionValue>)> = dataset.with_value(|d| {
                                d.regions().iter().zip(c.values.iter()).map(|(r, v)| (r.id.clone(), localize(&r.name, l).text.to_owned(), v.clone())).collect()
                            });
                            rows.sort_by(|a, b| atlas_core::text::compare_folded(&a.1, &b.1));
                            rows.into_iter().map(|(id, name, v)| view! {
                                <tr data-region=id.clone()>
                                    <th scope="row"><A href=platform::app_href(&format!("/region/{id}"))>{name}</A></th>
                                    {match v {
                                        Some(v) => view! {
                                            <td class="num">{if l == Lang::Fr { v.text_fr.clone() } else { v.text_en.clone() }}</td>
                                            <td class="num">{v.rank.map(|(r, of)| rank_of(l, r, of)).unwrap_or_else(|| t(l, Msg::NotRanked).to_owned())}</td>
                                            <td><SourceLine source_id=v.source.clone() /></td>
                                        }.into_any(),
                                        None => view! {
                                            <td class="num nodata">{t(l, Msg::NoData)}</td>
                                            <td class="num nodata">{t(l, Msg::NotRanked)}</td>
                                            <td></td>
                                        }.into_any(),
                                    }}
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
