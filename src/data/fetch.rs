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

/// The first request for the dataset, sent before the app mounts ([`send_early_request`]) and
/// taken by the first attempt that asks for the same address.
struct EarlyRequest {
    url: String,
    response: js_sys::Promise,
    controller: web_sys::AbortController,
}

thread_local! {
    static EARLY: RefCell<Option<EarlyRequest>> = const { RefCell::new(None) };
}

/// Sends the dataset request at once, so that the network works while the app mounts: on a
/// phone that is about one round trip less before the map (the app asks for the dataset only
/// once its shell is rendered). The same request the first attempt would send: same address
/// (`dataset_url`), same cache mode, its own abort signal for the attempt's timeout.
pub(crate) fn send_early_request() {
    let (Ok(url), Some(window)) = (super::dataset_url(), platform::window()) else {
        return;
    };
    let Ok(controller) = web_sys::AbortController::new() else {
        return;
    };
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    init.set_signal(Some(&controller.signal()));
    let response = window.fetch_with_str_and_init(&url, &init);
    EARLY.with(|early| {
        *early.borrow_mut() = Some(EarlyRequest {
            url,
            response,
            controller,
        })
    });
}

/// The early request, if it was for `url`; it is given out once.
fn take_early_request(url: &str) -> Option<EarlyRequest> {
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
    let early = take_early_request(url);
    let controller = match &early {
        Some(early) => early.controller.clone(),
        None => web_sys::AbortController::new().map_err(|e| LoadError::Network(js_text(&e)))?,
    };
    let signal = controller.signal();
    let timer = platform::Timeout::new(TIMEOUT_MS, {
        let controller = controller.clone();
        move || controller.abort()
    });
    let failed = |message: String| {
        if signal.aborted() {
            LoadError::Timeout
        } else {
            LoadError::Network(message)
        }
    };
    let response = match early {
        Some(early) => JsFuture::from(early.response)
            .await
            .and_then(|value| value.dyn_into::<web_sys::Response>())
            .map(gloo_net::http::Response::from)
            .map_err(|e| failed(js_text(&e)))?,
        None => gloo_net::http::Request::get(url)
            .abort_signal(Some(&signal))
            // The service worker (or the HTTP cache) answers revalidation; never a stale
            // heuristic.
            .cache(web_sys::RequestCache::NoCache)
            .send()
            .await
            .map_err(|e| failed(e.to_string()))?,
    };
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
