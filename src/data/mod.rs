//! The one module that touches the network: fetches, caches and validates the dataset.
//!
//! The dataset is read as a byte stream so the page can show real progress; transient failures
//! are retried with backoff; a copy of the last good file is kept in the Cache API so that a
//! failed load still shows data (with a banner saying from when). Validation runs on the bytes
//! before anything is shown: a bad file never reaches a view.

mod cache;
mod fetch;

use std::sync::Arc;

use atlas_core::limits::MAX_DATASET_BYTES;
use atlas_core::validate::{Dataset, PhasedLoad, Problem};
use leptos::prelude::*;

use crate::platform;
use cache::{cached_copy, store_in_cache};
pub(crate) use fetch::send_early_request;
use fetch::{fetch_with_retry, TIMEOUT_MS};

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

/// In context under the check page's preview: the dataset shown is a publisher's file being
/// checked, not the site's. The previewed pages leave the document's title alone and offer no
/// embed code (an embed would show the site's dataset, not this file).
#[derive(Debug, Clone, Copy)]
pub struct InPreview;

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
            let dataset = validate_bytes(&bytes).await?;
            // Kept for offline use once the views have what they need: the map must not wait
            // for the copy to be written (for 5 MB, tens of milliseconds of the main thread).
            // A spawned future alone would still run in the task that renders the views.
            leptos::task::spawn_local(async move {
                platform::sleep_ms(0).await;
                store_in_cache(&url, &bytes).await
            });
            Ok(Loaded {
                dataset,
                stale_because: None,
                cached_at: None,
            })
        }
        Err(error) => match cached_copy(&url).await {
            // A cached copy that no longer validates (an older app) is worse than the error.
            Some((bytes, cached_at)) => match validate_bytes(&bytes).await {
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

/// Parses, checks and indexes the dataset, yielding to the page between those phases so that
/// none of them adds to another's long task (see `PhasedLoad`).
async fn validate_bytes(bytes: &[u8]) -> Result<Arc<Dataset>, LoadError> {
    platform::mark("atlas-parse-start");
    let mut load = PhasedLoad::new(bytes);
    let result = loop {
        if let Some(result) = load.step() {
            break result;
        }
        platform::sleep_ms(0).await;
    };
    let result = result.map(Arc::new).map_err(|p| LoadError::Invalid {
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
