//! Thin wrappers over browser APIs the views need (base path, storage, timers, marks).
//!
//! Every function degrades to a harmless default when the API is missing (old browsers,
//! sandboxed iframes without storage), because nothing here may panic.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The browser window; `None` when the views are rendered to HTML at build time (the baker),
/// where every browser API is absent and each wrapper here falls back to its default.
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    return None;
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The path the atlas is served from, with a trailing slash (`/` or `/atlas/`).
///
/// `boot.js` records the directory of the loaded module in `<html data-base>`; this is the only
/// reliable way to know it from any sub-path, because the page URL may be a deep link.
pub fn base_path() -> String {
    let base = document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-base"))
        .unwrap_or_else(|| "/".into());
    if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    }
}

/// The path of the page's address ("/atlas/compare"); "/" outside a browser.
pub fn current_path() -> String {
    window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into())
}

/// The router's base: [`base_path`] without its trailing slash ("" at the root).
pub fn router_base() -> String {
    base_path().trim_end_matches('/').to_owned()
}

/// The `href` of an app route for `<A>`: "/region/28" → "/atlas/region/28" under a sub-path.
///
/// leptos_router writes an absolute `<A href>` as given, without the router base (while
/// `navigate` adds it), so links must carry the base themselves.
pub fn app_href(route: &str) -> String {
    format!("{}{route}", router_base())
}

/// Absolute path of a file shipped next to index.html.
pub fn asset_url(relative: &str) -> String {
    format!("{}{}", base_path(), relative.trim_start_matches('/'))
}

/// Absolute URL of a route of the atlas, for links shared outside the app (embeds, copies).
pub fn absolute_url(route_with_query: &str) -> String {
    let origin = window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!(
        "{origin}{}{}",
        base_path(),
        route_with_query.trim_start_matches('/')
    )
}

pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// `candidate` resolved against the app's base, if it is http(s) and names a file under that base
/// on this origin, or anything on one of `extra_origins` (e.g. `https://data.example.org`).
pub fn allowed_url(candidate: &str, extra_origins: &[&str]) -> Option<String> {
    let location = window()?.location();
    let own_origin = location.origin().ok()?;
    let base = base_path();
    // Relative to the app's base, not to the current route: the same link works from any page.
    let url = web_sys::Url::new_with_base(candidate, &format!("{own_origin}{base}")).ok()?;
    let protocol = url.protocol();
    let origin = url.origin();
    // On this origin only files the atlas publishes, under its own base; elsewhere only the
    // origins the build allows.
    let own_file = origin == own_origin && url.pathname().starts_with(&base);
    ((own_file || extra_origins.contains(&origin.as_str()))
        && (protocol == "https:" || protocol == "http:"))
        .then(|| url.href())
}

pub fn storage_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Primary language of the browser, e.g. "fr" from "fr-CA".
pub fn browser_language() -> Option<String> {
    window()?.navigator().language()
}

pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Calls `on_change` with the new preference each time the system switches between light and
/// dark; `None` where media queries are unavailable. The listener lives as long as the guard.
pub fn watch_prefers_dark(on_change: impl Fn(bool) + 'static) -> Option<MediaWatch> {
    let list = window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()??;
    let read = list.clone();
    let callback = Closure::<dyn FnMut()>::new(move || on_change(read.matches()));
    list.add_event_listener_with_callback("change", callback.as_ref().unchecked_ref())
        .ok()?;
    Some(MediaWatch { list, callback })
}

/// A media-query listener, removed when dropped.
pub struct MediaWatch {
    list: web_sys::MediaQueryList,
    callback: Closure<dyn FnMut()>,
}

impl Drop for MediaWatch {
    fn drop(&mut self) {
        let _ = self
            .list
            .remove_event_listener_with_callback("change", self.callback.as_ref().unchecked_ref());
    }
}

/// Id of the element holding a baked page's content, and of the one the app mounts in beside it.
pub const BAKED_ID: &str = "baked";
pub const APP_ROOT_ID: &str = "app";

/// The element the app mounts in when the page was baked: `<div id="app">` next to
/// `<div id="baked">`; `None` on a page without baked content (the 404 fallback, old builds).
pub fn baked_app_root() -> Option<web_sys::HtmlElement> {
    let document = document()?;
    document.get_element_by_id(BAKED_ID)?;
    document.get_element_by_id(APP_ROOT_ID)?.dyn_into().ok()
}

thread_local! {
    /// Widths of the baked page's measured boxes (map frame, chart views), by class, in page
    /// order: see [`remember_baked_widths`].
    static BAKED_WIDTHS: std::cell::RefCell<Vec<(&'static str, f64)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The map's frame and a chart's view: the boxes whose width the live views measure
/// (`components::measured_width`), by class, because the baked markup keeps classes (not test
/// ids).
pub const MAP_FRAME: &str = "map-frame";
pub const CHART_VIEW: &str = "chart-view";
const MEASURED_BOXES: [&str; 2] = [MAP_FRAME, CHART_VIEW];

/// Measures the baked page's map frame and chart views before the app renders, so that the
/// first live view is drawn at its real width instead of at a guess and then again once
/// measured (on a phone the map's whole geometry, twice in one task). The baked page has been
/// laid out long before the wasm starts, so this reads layout without forcing it.
pub fn remember_baked_widths() {
    let Some(document) = document() else { return };
    let mut widths = Vec::new();
    for class in MEASURED_BOXES {
        let selector = format!("#{BAKED_ID} .{class}");
        let Ok(found) = document.query_selector_all(&selector) else {
            continue;
        };
        for i in 0..found.length() {
            if let Some(el) = found
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                widths.push((class, el.get_bounding_client_rect().width()));
            }
        }
    }
    BAKED_WIDTHS.with(|w| *w.borrow_mut() = widths);
}

/// The width the baked page gave the next box of this class, once; `None` when the page was
/// not baked or the first view is on screen (later views have no baked twin).
pub fn take_baked_width(class: &str) -> Option<f64> {
    BAKED_WIDTHS.with(|w| {
        let mut w = w.borrow_mut();
        let i = w.iter().position(|(c, _)| *c == class)?;
        Some(w.remove(i).1)
    })
}

/// Drops the baked widths left over once the first view is on screen.
pub fn forget_baked_widths() {
    BAKED_WIDTHS.with(|w| w.borrow_mut().clear());
}

/// Replaces the baked content by the live app, in one task so that no frame shows neither.
/// Called once the dataset has settled (shown, or its error), just before the view for it
/// renders; harmless when nothing is baked (or no longer).
pub fn take_over_baked() {
    let Some(document) = document() else { return };
    if let Some(baked) = document.get_element_by_id(BAKED_ID) {
        baked.remove();
    }
    if let Some(root) = document.get_element_by_id(APP_ROOT_ID) {
        let _ = root.remove_attribute("data-pending");
    }
}

/// Sets an attribute on `<html>` (theme, readiness flags for tests and embeds).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute(name, value);
    }
}

/// Sets the tab's title (`document.title`).
pub fn set_document_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Resolves after `ms` milliseconds.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A timer that runs its callback once unless dropped first.
pub struct Timeout {
    id: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timeout {
    pub fn new(ms: i32, f: impl FnOnce() + 'static) -> Self {
        let mut f = Some(f);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms,
            )
            .ok()
        });
        Timeout {
            id,
            _callback: callback,
        }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.id, window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

/// Reports a panic on the page itself: a wasm panic stops the app, and a visitor (or a test)
/// must see that rather than a frozen screen.
pub fn install_panic_reporter() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        set_root_attribute("data-panic", "true");
        if let Some(doc) = document() {
            if let (Ok(el), Some(body)) = (doc.create_element("div"), doc.body()) {
                el.set_class_name("panic-banner");
                let _ = el.set_attribute("role", "alert");
                el.set_text_content(Some(
                    "Une erreur interne a arrêté l’atlas. Rechargez la page. — An internal error stopped the atlas. Please reload the page.",
                ));
                let _ = body.prepend_with_node_1(&el);
            }
        }
    }));
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Offers `content` as a file download.
pub fn download(file_name: &str, mime: &str, content: &JsValue) {
    let Some(doc) = document() else { return };
    let parts = js_sys::Array::of1(content);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a").and_then(|e| {
        e.dyn_into::<web_sys::HtmlAnchorElement>()
            .map_err(JsValue::from)
    }) {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    // The browser fetches the blob after `click()` returns, later still on a busy device:
    // revoking it at once can cancel the download, so the URL is released a minute later.
    wasm_bindgen_futures::spawn_local(async move {
        sleep_ms(DOWNLOAD_URL_LIFETIME_MS).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}

/// How long a download's blob URL stays valid after the click.
const DOWNLOAD_URL_LIFETIME_MS: i32 = 60_000;

/// Opens a URL in a new tab without giving it a handle on this page.
pub fn open_in_new_tab(url: &str) {
    if let Some(w) = window() {
        let _ = w.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
    }
}
