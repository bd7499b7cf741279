//! A chart drawn by the core (`atlas_core::charts`) and shown with everything around it: sized to
//! its container, redrawn on language, theme and width changes, with pointer and keyboard
//! tooltips, a table twin, its source, PNG/SVG/CSV downloads and an embed link.

mod export;
mod marks;

use std::sync::Arc;

use atlas_core::charts::{self, Chart, ChartError, ChartTheme, Table};
use atlas_core::i18n::{labelled, localize, t, Lang, Msg};
use atlas_core::model::Text;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::components::{measured_width, SourceMark, TipPlacement, Tooltip};
use crate::data::use_dataset;
use crate::i18n::{use_lang, use_theme};

pub use atlas_core::present::sources::source_sentence;
pub use export::ExportButtons;
pub use marks::mark_label;
use marks::{MarkButtons, Tip};

/// Draws a chart for a language, a theme and a container width in CSS pixels.
///
/// The language and theme are inputs rather than context so the same closure serves the page,
/// the exports and the embeds, and so the chart is redrawn whenever either changes.
pub type DrawChart = Arc<dyn Fn(Lang, &ChartTheme, u32) -> Result<Chart, ChartError> + Send + Sync>;

/// Width drawn before the container has been measured (and while it is hidden).
const DEFAULT_WIDTH: f64 = 640.0;

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
    let source_id_for_export = StoredValue::new(source_id.clone());
    let title = StoredValue::new(title);
    let title_text = move || title.with_value(|t| localize(t, lang.get()).text.to_owned());
    let title_lang = move || title.with_value(|t| localize(t, lang.get()).lang_attr());

    let container = NodeRef::<leptos::html::Div>::new();
    let frame = NodeRef::<leptos::html::Div>::new();
    let width = measured_width(container, crate::platform::CHART_VIEW, DEFAULT_WIDTH);

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
        // The width is finite and positive (see `measured_width`); `as` saturates anyway.
        draw(lang.get(), &theme, width.get().round() as u32)
    });

    // A redraw moves the marks: an open tooltip would point at the wrong place.
    let tip = RwSignal::new(None::<Tip>);
    Effect::new(move |_| {
        chart.track();
        tip.set(None);
    });
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

    // Only the SVG string `atlas_core::charts` produced ever reaches the DOM as markup.
    let chart_svg = move || chart.with(|c| c.as_ref().map(|c| c.svg.clone()).unwrap_or_default());

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
    let source_text = move |l: Lang| {
        data.dataset()
            .map(|d| source_id_for_export.with_value(|id| source_sentence(&d, id, l)))
            .unwrap_or_default()
    };
    let file_name = Callback::new(move |ext: &'static str| {
        let name = title.with_value(|t| localize(t, lang.get_untracked()).text.to_owned());
        charts::file_name(&[name.as_str()], ext)
    });
    let export_csv = Callback::new(move |()| {
        let footer = source_text(lang.get_untracked());
        chart.with_untracked(|c| c.as_ref().ok().map(|c| charts::csv(&c.table, &footer)))
    });
    let export_svg = Callback::new(move |()| {
        let footer = source_text(lang.get_untracked());
        let theme = chart_theme_untracked(dark);
        chart.with_untracked(|c| c.as_ref().ok().map(|c| c.export_svg(&theme, &footer)))
    });

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
                <MarkButtons chart=chart tip=tip />
                {tooltip_view}
            </div>
            <Show when=is_err>
                <p class="nodata" role="status">{move || t(lang.get(), Msg::ErrorGeneric)}</p>
            </Show>
            <SourceMark source_id=source_id.clone() />
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
            <ExportButtons file_name=file_name svg=export_svg csv=export_csv>
                {embed_route.map(|route| view! {
                    <span data-testid="embed-chart">
                        <crate::components::EmbedButton route=route title=Signal::derive(title_text) />
                    </span>
                })}
            </ExportButtons>
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
