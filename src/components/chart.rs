//! A chart drawn by the core (`atlas_core::charts`) and shown with everything around it: sized to
//! its container, redrawn on language, theme and width changes, with pointer and keyboard
//! tooltips, a table twin, its source, PNG/SVG/CSV downloads and an embed link.

use std::sync::Arc;

use atlas_core::charts::{self, Chart, ChartError, ChartTheme, Mark, Table};
use atlas_core::i18n::{labelled, localize, t, Lang, Msg};
use atlas_core::model::Text;
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::components::{observe_width, SourceLine, TipPlacement, Tooltip};
use crate::data::use_dataset;
use crate::i18n::{use_lang, use_theme};
use crate::platform;

/// Draws a chart for a language, a theme and a container width in CSS pixels.
///
/// The language and theme are inputs rather than context so the same closure serves the page,
/// the exports and the embeds, and so the chart is redrawn whenever either changes.
pub type DrawChart = Arc<dyn Fn(Lang, &ChartTheme, u32) -> Result<Chart, ChartError> + Send + Sync>;

/// Width drawn before the container has been measured (and while it is hidden).
const DEFAULT_WIDTH: f64 = 640.0;
/// Narrower changes are ignored: redrawing for a scrollbar appearing is wasted work.
/// Overlay buttons are at least this large (SVG units) so thin bars can still be focused and seen.
const MIN_TARGET: f64 = 10.0;
/// PNG exports are drawn at twice the CSS size so they stay sharp on high-density screens.
const PNG_SCALE: f64 = 2.0;

/// The tooltip: which mark, where in the chart frame, and whether keyboard focus opened it
/// (then it stays until the focus leaves, whatever the pointer does).
#[derive(Debug, Clone, PartialEq)]
struct Tip {
    index: usize,
    placement: TipPlacement,
    from_focus: bool,
}

/// A chart with its heading, source, table twin, downloads and embed link.
// The chart's SVG is drawn by `atlas_core::charts`, which escapes every label.
#[allow(clippy::disallowed_methods)]
#[component]
pub fn ChartView(
    /// The chart's title: the table caption, the export title and the download file name.
    title: Text,
    /// Produces the chart; called again when the language, the theme or the width changes.
    draw: DrawChart,
    /// The dataset source of the figures, shown under the chart and written into exports.
    source_id: String,
    /// Heading level (2–4) for the title, or none when the caller already shows it as a heading.
    #[prop(optional)]
    heading: Option<u8>,
    /// Id of the dataset entry, for the embed link (`/embed/chart/<id>`); no link without it.
    #[prop(optional, into)]
    embed_id: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let theme = use_theme();
    let data = use_dataset();
    let title = StoredValue::new(title);
    let title_text = move || title.with_value(|t| localize(t, lang.get()).text.to_owned());
    let title_lang = move || title.with_value(|t| localize(t, lang.get()).lang_attr());

    let container = NodeRef::<leptos::html::Div>::new();
    let frame = NodeRef::<leptos::html::Div>::new();
    let marks_layer = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(DEFAULT_WIDTH);
    observe_width(container, width);

    let dark = Memo::new(move |_| theme.is_some_and(|t| t.effective.get().is_dark()));
    let chart_theme = move || {
        if dark.get() {
            ChartTheme::dark()
        } else {
            ChartTheme::light()
        }
    };
    let chart: Memo<Result<Chart, ChartError>> = Memo::new(move |_| {
        let theme = chart_theme();
        // The width is finite and positive (see `observe_width`); `as` saturates anyway.
        draw(lang.get(), &theme, width.get().round() as u32)
    });

    // A redraw moves the marks: an open tooltip would point at the wrong place.
    let tip = RwSignal::new(None::<Tip>);
    Effect::new(move |_| {
        chart.track();
        tip.set(None);
    });
    // Roving tab stop: one Tab reaches the chart, arrow keys move between its marks.
    let active = RwSignal::new(0_usize);

    let on_pointer_move = move |ev: web_sys::PointerEvent| {
        let Some(frame_el) = frame.get_untracked() else {
            return;
        };
        let Ok(Some(svg)) = frame_el.query_selector("svg") else {
            return;
        };
        let svg_rect = svg.get_bounding_client_rect();
        let frame_rect = frame_el.get_bounding_client_rect();
        let found = chart.with_untracked(|c| {
            let c = c.as_ref().ok()?;
            if svg_rect.width() <= 0.0 || svg_rect.height() <= 0.0 {
                return None;
            }
            // Client pixels → SVG user units: the SVG scales its viewBox to its box.
            let x = (f64::from(ev.client_x()) - svg_rect.left()) * f64::from(c.width)
                / svg_rect.width();
            let y = (f64::from(ev.client_y()) - svg_rect.top()) * f64::from(c.height)
                / svg_rect.height();
            let mark = c.mark_at(x, y)?;
            c.marks.iter().position(|m| std::ptr::eq(m, mark))
        });
        match found {
            Some(index) => {
                let cx = f64::from(ev.client_x()) - frame_rect.left();
                let cy = f64::from(ev.client_y()) - frame_rect.top();
                let next = Tip {
                    index,
                    placement: TipPlacement::beside(cx, cy, frame_rect.width()),
                    from_focus: false,
                };
                if tip.get_untracked().as_ref() != Some(&next) {
                    tip.set(Some(next));
                }
            }
            None => {
                if tip.get_untracked().is_some_and(|t| !t.from_focus) {
                    tip.set(None);
                }
            }
        }
    };
    let on_pointer_leave = move |_| {
        if tip.get_untracked().is_some_and(|t| !t.from_focus) {
            tip.set(None);
        }
    };

    let focus_mark = move |index: usize| {
        let Some(layer) = marks_layer.get_untracked() else {
            return;
        };
        // The layer holds only the mark buttons, in mark order.
        let Ok(Some(button)) = layer.query_selector(&format!("button:nth-child({})", index + 1))
        else {
            return;
        };
        if let Ok(b) = button.dyn_into::<web_sys::HtmlElement>() {
            let _ = b.focus();
        }
    };

    // Only the SVG string `atlas_core::charts` produced ever reaches the DOM as markup.
    let chart_svg = move || chart.with(|c| c.as_ref().map(|c| c.svg.clone()).unwrap_or_default());

    let marks_view = move || {
        let l = lang.get();
        chart.with(|c| {
            let c = c.as_ref().ok()?;
            let (cw, ch) = (f64::from(c.width.max(1)), f64::from(c.height.max(1)));
            let count = c.marks.len();
            let buttons = c
                .marks
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let (x, w) = grow(m.x, m.w);
                    let (y, h) = grow(m.y, m.h);
                    let pct = |v: f64, of: f64| format!("{:.3}%", v / of * 100.0);
                    let label = mark_label(l, m);
                    let placement = TipPlacement::above((m.x + m.w / 2.0) / cw, m.y / ch);
                    let show = move || {
                        active.set(i);
                        tip.set(Some(Tip { index: i, placement: placement.clone(), from_focus: true }));
                    };
                    let show_on_click = show.clone();
                    view! {
                        <button
                            type="button"
                            data-testid="chart-mark"
                            aria-label=label
                            tabindex=move || if active.get() == i { 0 } else { -1 }
                            style:position="absolute"
                            style:left=pct(x, cw)
                            style:top=pct(y, ch)
                            style:width=pct(w, cw)
                            style:height=pct(h, ch)
                            style:min-height="0"
                            style:padding="0"
                            style:border="0"
                            style:background="transparent"
                            on:focus=move |_| show()
                            on:click=move |_| show_on_click()
                            on:blur=move |_| {
                                if tip.get_untracked().is_some_and(|t| t.from_focus && t.index == i) {
                                    tip.set(None);
                                }
                            }
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                let next = match ev.key().as_str() {
                                    "ArrowRight" | "ArrowDown" => Some((i + 1) % count.max(1)),
                                    "ArrowLeft" | "ArrowUp" => Some((i + count.max(1) - 1) % count.max(1)),
                                    "Home" => Some(0),
                                    "End" => Some(count.saturating_sub(1)),
                                    "Escape" => {
                                        tip.set(None);
                                        None
                                    }
                                    _ => None,
                                };
                                if let Some(n) = next {
                                    ev.prevent_default();
                                    active.set(n);
                                    focus_mark(n);
                                }
                            }
                        ></button>
                    }
                })
                .collect_view();
            Some(buttons)
        })
    };

    let tooltip_view = move || {
        let l = lang.get();
        let t = tip.get()?;
        let mark = chart.with(|c| c.as_ref().ok().and_then(|c| c.marks.get(t.index).cloned()))?;
        // Decorative: each mark's button already carries the same text as its accessible name.
        Some(view! {
            <Tooltip placement=t.placement test_id="chart-tooltip" decorative=true>
                <strong>{mark.category.clone()}</strong>
                <br />
                <span class="num">{labelled(l, &mark.series, &mark.formatted)}</span>
            </Tooltip>
        })
    };

    let table_open = RwSignal::new(false);
    let table_view = move || {
        let l = lang.get();
        chart.with(|c| c.as_ref().ok().map(|c| table_twin(l, &c.table)))
    };

    // Exports: the current drawing with the source written under it.
    let source_text = {
        let source_id = source_id.clone();
        move |l: Lang| {
            data.dataset()
                .map(|d| source_sentence(&d, &source_id, l))
                .unwrap_or_default()
        }
    };
    let file = move |ext: &str| {
        let name = title.with_value(|t| localize(t, lang.get_untracked()).text.to_owned());
        charts::file_name(&[name.as_str()], ext)
    };
    let download_csv = {
        let source_text = source_text.clone();
        move |_| {
            let footer = source_text(lang.get_untracked());
            chart.with_untracked(|c| {
                if let Ok(c) = c {
                    // The BOM makes spreadsheet programs read the file as UTF-8 (accents, €).
                    let csv = format!("\u{FEFF}{}", charts::csv(&c.table, &footer));
                    platform::download(
                        &file("csv"),
                        "text/csv;charset=utf-8",
                        &JsValue::from_str(&csv),
                    );
                }
            });
        }
    };
    let download_svg = {
        let source_text = source_text.clone();
        move |_| {
            let footer = source_text(lang.get_untracked());
            let theme = chart_theme_untracked(dark);
            chart.with_untracked(|c| {
                if let Ok(c) = c {
                    let svg = c.export_svg(&theme, &footer);
                    platform::download(
                        &file("svg"),
                        "image/svg+xml;charset=utf-8",
                        &JsValue::from_str(&svg),
                    );
                }
            });
        }
    };
    let png_busy = RwSignal::new(false);
    let download_png = move |_| {
        if png_busy.get_untracked() {
            return;
        }
        let footer = source_text(lang.get_untracked());
        let theme = chart_theme_untracked(dark);
        let Some(export_svg) =
            chart.with_untracked(|c| c.as_ref().ok().map(|c| c.export_svg(&theme, &footer)))
        else {
            return;
        };
        let name = file("png");
        png_busy.set(true);
        spawn_local(async move {
            match svg_to_png(&export_svg).await {
                Ok(blob) => platform::download(&name, "image/png", &blob.into()),
                Err(e) => web_sys::console::warn_2(&JsValue::from_str("PNG export failed"), &e),
            }
            png_busy.set(false);
        });
    };

    let heading_view = move || {
        let text = move || title_text();
        match heading {
            Some(2) => {
                Some(view! { <h2 lang=title_lang data-testid="chart-title">{text}</h2> }.into_any())
            }
            Some(3) => {
                Some(view! { <h3 lang=title_lang data-testid="chart-title">{text}</h3> }.into_any())
            }
            Some(_) => {
                Some(view! { <h4 lang=title_lang data-testid="chart-title">{text}</h4> }.into_any())
            }
            None => None,
        }
    };
    let embed_route = embed_id.map(|id| format!("embed/chart/{id}"));
    let is_err = move || chart.with(|c| c.is_err());

    view! {
        <div class="chart-view" node_ref=container data-testid="chart-view">
            {heading_view}
            <div
                class="chart-figure"
                node_ref=frame
                data-testid="chart"
                on:pointermove=on_pointer_move
                on:pointerleave=on_pointer_leave
            >
                <div class="chart-svg" inner_html=chart_svg></div>
                <div class="chart-marks" node_ref=marks_layer>{marks_view}</div>
                {tooltip_view}
            </div>
            <Show when=is_err>
                <p class="nodata" role="status">{move || t(lang.get(), Msg::ErrorGeneric)}</p>
            </Show>
            <SourceLine source_id=source_id.clone() />
            <details
                class="chart-table"
                data-testid="chart-table"
                on:toggle=move |ev| {
                    let open = ev
                        .target()
                        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("open")).ok())
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false);
                    table_open.set(open);
                }
            >
                <summary>{move || t(lang.get(), if table_open.get() { Msg::HideTable } else { Msg::ShowTable })}</summary>
                {table_view}
            </details>
            <div class="chart-actions">
                <button type="button" class="button" data-testid="download-png" on:click=download_png aria-busy=move || png_busy.get().then_some("true")>
                    {move || t(lang.get(), Msg::DownloadPng)}
                </button>
                <button type="button" class="button" data-testid="download-svg" on:click=download_svg>
                    {move || t(lang.get(), Msg::DownloadSvg)}
                </button>
                <button type="button" class="button" data-testid="download-csv" on:click=download_csv>
                    {move || t(lang.get(), Msg::DownloadCsv)}
                </button>
                {embed_route.map(|route| view! {
                    <span data-testid="embed-chart">
                        <crate::components::EmbedButton route=route title=Signal::derive(title_text) />
                    </span>
                })}
            </div>
        </div>
    }
}

/// Light or dark chart colours, read without subscribing (for one-off exports).
fn chart_theme_untracked(dark: Memo<bool>) -> ChartTheme {
    if dark.get_untracked() {
        ChartTheme::dark()
    } else {
        ChartTheme::light()
    }
}

/// A mark's accessible name: "2016, Montant : 2,3 M€" / "2016, Amount: €2.3M".
pub fn mark_label(lang: Lang, mark: &Mark) -> String {
    format!(
        "{}, {}",
        mark.category,
        labelled(lang, &mark.series, &mark.formatted)
    )
}

/// Extends a span to at least [`MIN_TARGET`], around its centre.
fn grow(start: f64, len: f64) -> (f64, f64) {
    if len >= MIN_TARGET {
        (start, len)
    } else {
        (start - (MIN_TARGET - len) / 2.0, MIN_TARGET)
    }
}

/// "Source : <title> — <publisher>, <date>", the line written under exports and atop CSV files.
pub fn source_sentence(dataset: &Dataset, source_id: &str, lang: Lang) -> String {
    let label = t(lang, Msg::ColSource);
    match dataset.source(source_id) {
        Some(s) => {
            let title = localize(&s.title, lang).text;
            let date = s
                .date
                .as_ref()
                .map(|d| atlas_core::format::format_date(d, lang).unwrap_or_else(|| d.clone()));
            let body = match date {
                Some(d) => format!("{title} — {}, {d}", s.publisher),
                None => format!("{title} — {}", s.publisher),
            };
            labelled(lang, label, &body)
        }
        None => labelled(lang, label, source_id),
    }
}

/// The chart's data as an HTML table: caption, column headers, the first cell of a row as its header.
fn table_twin(lang: Lang, table: &Table) -> impl IntoView {
    let caption = labelled(lang, t(lang, Msg::ChartTableCaption), &table.caption);
    let headers = table.headers.clone();
    let rows = table.rows.clone();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {headers.into_iter().enumerate().map(|(j, h)| {
                            let class = (j > 0).then_some("num");
                            view! { <th scope="col" class=class>{h}</th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            {row.into_iter().enumerate().map(|(j, cell)| if j == 0 {
                                view! { <th scope="row">{cell}</th> }.into_any()
                            } else {
                                view! { <td class="num">{cell}</td> }.into_any()
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Rasterises a standalone SVG to a PNG blob: SVG → Blob → object URL → image → canvas → PNG.
async fn svg_to_png(svg: &str) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let img = web_sys::HtmlImageElement::new()?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded?;
    let (w, h) = (
        f64::from(img.natural_width()),
        f64::from(img.natural_height()),
    );
    if w <= 0.0 || h <= 0.0 {
        return Err(JsValue::from_str("the exported SVG has no size"));
    }
    let document = crate::platform::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let (cw, ch) = ((w * PNG_SCALE).round(), (h * PNG_SCALE).round());
    // Sizes come from the SVG's own width/height (a few thousand pixels at most).
    canvas.set_width(cw as u32);
    canvas.set_height(ch as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2D context"))?
        .dyn_into()?;
    context.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, cw, ch)?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(e) = canvas.to_blob_with_type(done.unchecked_ref(), "image/png") {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let result = JsFuture::from(promise).await?;
    // `toBlob` hands over null when the canvas could not be encoded.
    result
        .dyn_into::<web_sys::Blob>()
        .map_err(|_| JsValue::from_str("the canvas produced no image"))
}
