//! The dataset over HTTP: streamed so the page shows real progress, abandoned after a timeout,
//! retried with backoff when the failure is transient, refused past the size cap.

use std::cell::RefCell;

use atlas_core::limits::MAX_DATASET_BYTES;
use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{LoadError, Progress};
use crate::platform;

/// A response slower than this is abandoned and retried.
pub(super) const TIMEOUT_MS: i32 = 20_000;
/// Delays before the second and third attempts.
const BACKOFF_MS: [i32; 2] = [600, 2_000];

/// A dataset request on its way: the response to come and what aborts it.
struct SentRequest {
    url: String,
    response: js_sys::Promise,
    controller: web_sys::AbortController,
}

/// Sends one attempt's request. The early request and every attempt go through here, so they
/// are the same request: `no-cache` (the service worker or the HTTP cache answers revalidation,
/// never a stale heuristic) and an abort signal for the attempt's timeout.
fn send(url: &str) -> Result<SentRequest, LoadError> {
    let window = platform::window().ok_or_else(|| LoadError::Network("no window".into()))?;
    let controller =
        web_sys::AbortController::new().map_err(|e| LoadError::Network(js_text(&e)))?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    init.set_signal(Some(&controller.signal()));
    Ok(SentRequest {
        url: url.to_owned(),
        response: window.fetch_with_str_and_init(url, &init),
        controller,
    })
}

thread_local! {
    /// The request sent before the app mounts, until the first attempt takes it.
    static EARLY: RefCell<Option<SentRequest>> = const { RefCell::new(None) };
}

/// Sends the dataset request at once, so that the network works while the app mounts: on a
/// phone that is about one round trip less before the map (the app asks for the dataset only
/// once its shell is rendered). The first attempt for the same address reads it.
pub(crate) fn send_early_request() {
    if let Some(sent) = super::dataset_url().ok().and_then(|url| send(&url).ok()) {
        // Offline it fails at once, possibly before the first attempt reads it (a page whose
        // code comes later mounts after that code): a handler now keeps the failure from being
        // reported as unhandled, and the attempt still sees it. One closure per page load.
        let ignore =
            wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
        let _ = sent.response.catch(&ignore);
        ignore.forget();
        EARLY.with(|early| *early.borrow_mut() = Some(sent));
    }
}

/// The early request, if it was for `url`; it is given out once.
fn take_early_request(url: &str) -> Option<SentRequest> {
    EARLY.with(|early| {
        let mut early = early.borrow_mut();
        if early.as_ref().is_some_and(|e| e.url == url) {
            early.take()
        } else {
            None
        }
    })
}

pub(super) async fn fetch_with_retry(
    url: &str,
    progress: RwSignal<Progress>,
) -> Result<Vec<u8>, LoadError> {
    let mut attempt = 0;
    loop {
        match fetch_bytes(url, progress).await {
            Ok(bytes) => return Ok(bytes),
            Err(e) if e.is_transient() && attempt < BACKOFF_MS.len() => {
                platform::sleep_ms(BACKOFF_MS[attempt]).await;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

async fn fetch_bytes(url: &str, progress: RwSignal<Progress>) -> Result<Vec<u8>, LoadError> {
    let sent = match take_early_request(url) {
        Some(early) => early,
        None => send(url)?,
    };
    let signal = sent.controller.signal();
    let timer = platform::Timeout::new(TIMEOUT_MS, {
        let controller = sent.controller.clone();
        move || controller.abort()
    });
    let response = JsFuture::from(sent.response)
        .await
        .and_then(|value| value.dyn_into::<web_sys::Response>())
        .map(gloo_net::http::Response::from)
        .map_err(|e| {
            if signal.aborted() {
                LoadError::Timeout
            } else {
                LoadError::Network(js_text(&e))
            }
        })?;
    if !response.ok() {
        return Err(LoadError::Http {
            status: response.status(),
            url: url.to_owned(),
        });
    }
    let total = response
        .headers()
        .get("content-length")
        .and_then(|v| v.parse::<u64>().ok());
    if total.is_some_and(|t| t > MAX_DATASET_BYTES as u64) {
        return Err(LoadError::TooLarge);
    }
    progress.set(Progress { received: 0, total });
    let Some(body) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|e| LoadError::Network(js_text(&e)))?;
    let mut bytes = Vec::with_capacity(total.unwrap_or(0).min(MAX_DATASET_BYTES as u64) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| {
            if signal.aborted() {
                LoadError::Timeout
            } else {
                LoadError::Network(js_text(&e))
            }
        })?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .map(|v| v.is_truthy())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) {
            if let Ok(array) = value.dyn_into::<Uint8Array>() {
                let start = bytes.len();
                bytes.resize(start + array.length() as usize, 0);
                array.copy_to(&mut bytes[start..]);
            }
        }
        if bytes.len() > MAX_DATASET_BYTES {
            let _ = reader.cancel();
            return Err(LoadError::TooLarge);
        }
        progress.set(Progress {
            received: bytes.len() as u64,
            total,
        });
    }
    drop(timer);
    Ok(bytes)
}

fn js_text(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}
