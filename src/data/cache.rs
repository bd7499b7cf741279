//! The last good dataset, kept in the Cache API so a failed load still shows data (with the date
//! it was saved).

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::platform;

/// Name of the Cache API bucket holding the last good dataset.
const CACHE_NAME: &str = "atlas-dataset-v1";
pub(super) async fn store_in_cache(url: &str, bytes: &[u8]) {
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

pub(super) async fn cached_copy(url: &str) -> Option<(Vec<u8>, Option<String>)> {
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
