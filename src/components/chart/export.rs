//! Download buttons shared by the charts and the map: PNG, SVG and CSV of a standalone drawing
//! that the core produced, named after what it shows.

use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::use_lang;
use crate::platform;

/// PNG exports are drawn at twice the CSS size so they stay sharp on high-density screens.
const PNG_SCALE: f64 = 2.0;

/// The PNG, SVG and CSV buttons. Each callback is run when its button is pressed, so nothing is
/// drawn for export until a reader asks; `None` means there is nothing to export right now.
#[component]
pub fn ExportButtons(
    /// The file name for an extension (`"png"`, `"svg"`, `"csv"`).
    file_name: Callback<&'static str, String>,
    /// A standalone SVG document (for the SVG and PNG downloads).
    svg: Callback<(), Option<String>>,
    /// The CSV text, without a byte-order mark.
    csv: Callback<(), Option<String>>,
    /// Prefix of the buttons' `data-testid`s (`download-png`, `map-download-png`…).
    #[prop(optional)]
    test_id_prefix: &'static str,
    /// More actions after the downloads (the embed button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let download_csv = move |_| {
        if let Some(text) = csv.run(()) {
            // The BOM makes spreadsheet programs read the file as UTF-8 (accents, €).
            let text = format!("\u{FEFF}{text}");
            platform::download(
                &file_name.run("csv"),
                "text/csv;charset=utf-8",
                &JsValue::from_str(&text),
            );
        }
    };
    let download_svg = move |_| {
        if let Some(text) = svg.run(()) {
            platform::download(
                &file_name.run("svg"),
                "image/svg+xml;charset=utf-8",
                &JsValue::from_str(&text),
            );
        }
    };
    let png_busy = RwSignal::new(false);
    let download_png = move |_| {
        if png_busy.get_untracked() {
            return;
        }
        let Some(text) = svg.run(()) else {
            return;
        };
        let name = file_name.run("png");
        png_busy.set(true);
        spawn_local(async move {
            match svg_to_png(&text).await {
                Ok(blob) => platform::download(&name, "image/png", &blob.into()),
                Err(e) => web_sys::console::warn_2(&JsValue::from_str("PNG export failed"), &e),
            }
            png_busy.set(false);
        });
    };
    let id = move |what: &str| format!("{test_id_prefix}download-{what}");
    view! {
        <div class="chart-actions">
            <button type="button" class="button" data-testid=id("png") on:click=download_png aria-busy=move || png_busy.get().then_some("true")>
                {move || t(lang.get(), Msg::DownloadPng)}
            </button>
            <button type="button" class="button" data-testid=id("svg") on:click=download_svg>
                {move || t(lang.get(), Msg::DownloadSvg)}
            </button>
            <button type="button" class="button" data-testid=id("csv") on:click=download_csv>
                {move || t(lang.get(), Msg::DownloadCsv)}
            </button>
            {children.map(|c| c())}
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
