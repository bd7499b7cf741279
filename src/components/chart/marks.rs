//! The chart's marks as a layer of transparent buttons over the SVG: one Tab stop for the chart,
//! arrow keys between marks, and each mark's tooltip on focus or tap.

use atlas_core::charts::{Chart, ChartError, Mark};
use atlas_core::i18n::{labelled, Lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::TipPlacement;
use crate::i18n::use_lang;

/// Overlay buttons are at least this large (SVG units) so thin bars can still be focused and seen.
const MIN_TARGET: f64 = 10.0;

/// The tooltip: which mark, where in the chart frame, and whether keyboard focus opened it
/// (then it stays until the focus leaves, whatever the pointer does).
#[derive(Debug, Clone, PartialEq)]
pub struct Tip {
    pub index: usize,
    pub placement: TipPlacement,
    pub from_focus: bool,
}

/// One button per mark of `chart`, placed over it in percentages of the chart's size.
#[component]
pub fn MarkButtons(
    chart: Memo<Result<Chart, ChartError>>,
    tip: RwSignal<Option<Tip>>,
) -> impl IntoView {
    let lang = use_lang();
    let layer = NodeRef::<leptos::html::Div>::new();
    // Roving tab stop: one Tab reaches the chart, arrow keys move between its marks.
    let active = RwSignal::new(0_usize);
    let focus_mark = move |index: usize| {
        let Some(layer) = layer.get_untracked() else {
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

    let buttons = move || {
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
    view! { <div class="chart-marks" node_ref=layer>{buttons}</div> }
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
