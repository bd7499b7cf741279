//! The one module that touches the network: fetches, caches and validates the dataset.
//!
//! The dataset is read as a byte stream so the page can show real progress; transient failures
//! are retried with backoff; a copy of the last good file is kept in the Cache API so that a
//! failed load still shows data (with a banner saying from when). Validation runs on the bytes
//! before anything is shown: a bad file never reaches a view.

use std::sync::Arc;

use atlas_core::limits::MAX_DATASET_BYTES;
use atlas_core::validate::{load_counted, Dataset, Problem};
use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::platform;

/// Name of the Cache API bucket holding the last good dataset.
const CACHE_NAME: &str = "atlas-dataset-v1";
/// A response slower than this is abandoned and retried.
const TIMEOUT_MS: i32 = 20_000;
/// Delays before the second and third attempts.
const BACKOFF_MS: [i32; 2] = [600, 2_000];

/// Why the dataset could not be shown.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("the server answered {status} for {url}")]
    Http { status: u16, url: String },
    #[error("the network is unreachable: {0}")]
    Network(String),
    #[error("the server did not answer within {} seconds", TIMEOUT_MS / 1000)]
    Timeout,
    #[error("the dataset is larger than {MAX_DATASET_BYTES} bytes")]
    TooLarge,
    /// The first problems found (at most `limits::MAX_PROBLEMS`) and how many there are in all.
    #[error("the dataset has {total} problems")]
    Invalid {
        problems: Vec<Problem>,
        total: usize,
    },
    #[error("the dataset address is not allowed: {0}")]
    ForbiddenUrl(String),
}

impl LoadError {
    /// Worth another attempt: the same request may succeed in a moment.
    fn is_transient(&self) -> bool {
        match self {
            LoadError::Network(_) | LoadError::Timeout => true,
            LoadError::Http { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            _ => false,
        }
    }
}

/// A validated dataset and how it was obtained.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Arc<Dataset>,
    /// Set when the network failed and the cached copy is shown; holds the failure.
    pub stale_because: Option<LoadError>,
    /// When the cached copy shown was saved (ISO 8601), if it is one.
    pub cached_at: Option<String>,
}

/// Bytes received so far and the expected total when the server says it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub received: u64,
    pub total: Option<u64>,
}

/// The dataset for the whole app: loaded once at the root and shared through context.
#[derive(Clone, Copy)]
pub struct DatasetContext {
    /// `None` until the fetch settles, then the dataset or why it cannot be shown.
    pub state: Signal<Option<Result<Loaded, LoadError>>>,
    pub progress: RwSignal<Progress>,
    /// True from a retry until its attempt settles, so the error view can say it is trying.
    pub retrying: RwSignal<bool>,
    /// The fetch behind `state`; absent when the dataset was given (pages baked at build time).
    resource: Option<LocalResource<Result<Loaded, LoadError>>>,
}

impl DatasetContext {
    /// Starts loading the dataset (fetch, cache fallback, validation).
    pub fn load() -> Self {
        let progress = RwSignal::new(Progress::default());
        let retrying = RwSignal::new(false);
        let resource = LocalResource::new(move || async move {
            let result = load_once(progress).await;
            retrying.set(false);
            result
        });
        DatasetContext {
            state: Signal::derive(move || resource.get()),
            progress,
            retrying,
            resource: Some(resource),
        }
    }

    /// A dataset already in hand: the build-time baker renders the views from the bundled file.
    pub fn given(dataset: Arc<Dataset>) -> Self {
        let loaded = Loaded {
            dataset,
            stale_because: None,
            cached_at: None,
        };
        DatasetContext {
            state: Signal::stored(Some(Ok(loaded))),
            progress: RwSignal::new(Progress::default()),
            retrying: RwSignal::new(false),
            resource: None,
        }
    }

    /// The same dataset read through a memo owned by the current scope (see `crate::scope`).
    pub fn relayed(self) -> Self {
        let state = self.state;
        // The app-wide state only notifies when it is replaced: every notification is a change.
        let relay = Memo::new_with_compare(move |_| state.get(), |_, _| true);
        DatasetContext {
            state: relay.into(),
            ..self
        }
    }

    /// The dataset once it is loaded and valid.
    pub fn dataset(&self) -> Option<Arc<Dataset>> {
        self.state.get().and_then(|r| r.ok()).map(|l| l.dataset)
    }

    pub fn retry(&self) {
        if let Some(resource) = self.resource {
            self.retrying.set(true);
            resource.refetch();
        }
    }
}

/// One attempt at the dataset: the network (with retries), else the last good cached copy.
async fn load_once(progress: RwSignal<Progress>) -> Result<Loaded, LoadError> {
    progress.set(Progress::default());
    let url = dataset_url()?;
    let result = fetch_with_retry(&url, progress).await;
    match result {
        Ok(bytes) => {
            let dataset = validate_bytes(&bytes)?;
            store_in_cache(&url, &bytes).await;
            Ok(Loaded {
                dataset,
                stale_because: None,
                cached_at: None,
            })
        }
        Err(error) => match cached_copy(&url).await {
            // A cached copy that no longer validates (an older app) is worse than the error.
            Some((bytes, cached_at)) => match validate_bytes(&bytes) {
                Ok(dataset) => Ok(Loaded {
                    dataset,
                    stale_because: Some(error),
                    cached_at,
                }),
                Err(_) => Err(error),
            },
            None => Err(error),
        },
    }
}

pub fn use_dataset() -> DatasetContext {
    // The root always provides it; a missing context is a programming error caught by tests.
    use_context::<DatasetContext>().unwrap_or_else(DatasetContext::load)
}

fn validate_bytes(bytes: &[u8]) -> Result<Arc<Dataset>, LoadError> {
    platform::mark("atlas-parse-start");
    let result = load_counted(bytes)
        .map(Arc::new)
        .map_err(|p| LoadError::Invalid {
            problems: p.listed,
            total: p.total,
        });
    platform::mark("atlas-parse-end");
    platform::measure("atlas-parse", "atlas-parse-start", "atlas-parse-end");
    result
}

/// Dataset address chosen at build time (`ATLAS_DATA_URL=… trunk build`), relative to the app
/// or absolute; the bundled sample otherwise.
const BUILD_DATA_URL: Option<&str> = option_env!("ATLAS_DATA_URL");
/// Other origins a `data` URL parameter may point at, comma-separated
/// (`ATLAS_DATA_ALLOW=https://data.example.org`); empty by default.
const BUILD_DATA_ALLOW: Option<&str> = option_env!("ATLAS_DATA_ALLOW");

/// The configured dataset, or the `data` URL parameter when it points at this same origin or
/// at an origin the build allows.
///
/// A stranger's link must not make the official atlas display someone else's data, so other
/// origins are refused.
fn dataset_url() -> Result<String, LoadError> {
    let default = match BUILD_DATA_URL.filter(|u| !u.trim().is_empty()) {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => url.to_owned(),
        Some(relative) => platform::asset_url(relative),
        None => platform::asset_url("data/atlas.json"),
    };
    let Some(requested) = platform::query_param("data") else {
        return Ok(default);
    };
    let allowed: Vec<&str> = BUILD_DATA_ALLOW
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .collect();
    match platform::allowed_url(&requested, &allowed) {
        Some(url) => Ok(url),
        None => Err(LoadError::ForbiddenUrl(
            requested.chars().take(200).collect(),
        )),
    }
}

async fn fetch_with_retry(url: &str, progress: RwSignal<Progress>) -> Result<Vec<u8>, LoadError> {
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
    let controller =
        web_sys::AbortController::new().map_err(|e| LoadError::Network(js_text(&e)))?;
    let signal = controller.signal();
    let timer = platform::Timeout::new(TIMEOUT_MS, {
        let controller = controller.clone();
        move || controller.abort()
    });
    let response = gloo_net::http::Request::get(url)
        .abort_signal(Some(&signal))
        // The service worker (or the HTTP cache) answers revalidation; never a stale heuristic.
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| {
            if signal.aborted() {
                LoadError::Timeout
            } else {
                LoadError::Network(e.to_string())
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

async fn store_in_cache(url: &str, bytes: &[u8]) {
    let Some(cache) = open_cache().await else {
        return;
    };
    let array = Uint8Array::from(bytes);
    let init = web_sys::ResponseInit::new();
    init.set_status(200);
    let headers = web_sys::Headers::new().ok();
    if let Some(h) = &headers {
        let _ = h.set("content-type", "application/json");
        let _ = h.set("x-atlas-cached-at", &platform::now_iso());
        init.set_headers(h);
    }
    if let Ok(response) =
        web_sys::Response::new_with_opt_buffer_source_and_init(Some(&array), &init)
    {
        let _ = JsFuture::from(cache.put_with_str(url, &response)).await;
    }
}

async fn cached_copy(url: &str) -> Option<(Vec<u8>, Option<String>)> {
    let cache = open_cache().await?;
    let found = JsFuture::from(cache.match_with_str(url)).await.ok()?;
    let response: web_sys::Response = found.dyn_into().ok()?;
    let cached_at = response.headers().get("x-atlas-cached-at").ok().flatten();
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some((Uint8Array::new(&buffer).to_vec(), cached_at))
}

async fn open_cache() -> Option<web_sys::Cache> {
    let caches = crate::platform::window()?.caches().ok()?;
    let cache = JsFuture::from(caches.open(CACHE_NAME)).await.ok()?;
    cache.dyn_into().ok()
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
