//! Pages whose code comes in its own wasm module, fetched the first time one is shown.
//!
//! The map, the region pages and the embeds of both are what most visits need; the comparison,
//! the funding charts and the dataset checker come later, or never. Each `#[wasm_split]` function
//! below is the only way into its page, so everything reachable only from it leaves the first
//! module: `scripts/split-wasm.sh` cuts the build there and writes the loader the calls go
//! through. Loading can fail (offline before the service worker has the chunk): the page then
//! says so and offers a retry, and the next attempt starts afresh.
//!
//! On the host (the baker, host tests) the functions are plain calls and the pages render at
//! once, so the baked pages hold the whole content.

use leptos::prelude::*;
#[cfg(target_arch = "wasm32")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;

/// The pages that load their code on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LazyPage {
    Compare,
    Funding,
    Check,
    EmbedChart,
    EmbedCompare,
}

impl LazyPage {
    /// The page whose code a route of the app needs (`route` as in `nav::route_of`), if any.
    pub fn for_route(route: &str) -> Option<Self> {
        match route {
            "/compare" => Some(Self::Compare),
            "/funding" => Some(Self::Funding),
            "/check" => Some(Self::Check),
            "/embed/compare" => Some(Self::EmbedCompare),
            r if r.starts_with("/embed/chart/") => Some(Self::EmbedChart),
            _ => None,
        }
    }
}

// One split module per page: code two of them share lands in a chunk both load.
#[cfg_attr(target_arch = "wasm32", wasm_split(compare, fallible, wasm_split_path = leptos::wasm_split, preload(preload_compare)))]
fn compare_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::routes::ComparePage /> }.into_any())
}

#[cfg_attr(target_arch = "wasm32", wasm_split(funding, fallible, wasm_split_path = leptos::wasm_split, preload(preload_funding)))]
fn funding_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::routes::FundingPage /> }.into_any())
}

#[cfg_attr(target_arch = "wasm32", wasm_split(check, fallible, wasm_split_path = leptos::wasm_split, preload(preload_check)))]
fn check_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::routes::CheckPage /> }.into_any())
}

#[cfg_attr(target_arch = "wasm32", wasm_split(embed_chart, fallible, wasm_split_path = leptos::wasm_split, preload(preload_embed_chart)))]
fn embed_chart_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::routes::EmbedChart /> }.into_any())
}

#[cfg_attr(target_arch = "wasm32", wasm_split(embed_compare, fallible, wasm_split_path = leptos::wasm_split, preload(preload_embed_compare)))]
fn embed_compare_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::routes::EmbedCompare /> }.into_any())
}

/// The page's view, once its code is here.
#[cfg(target_arch = "wasm32")]
async fn load(page: LazyPage) -> Result<AnyView, SplitLoaderError> {
    match page {
        LazyPage::Compare => compare_page().await,
        LazyPage::Funding => funding_page().await,
        LazyPage::Check => check_page().await,
        LazyPage::EmbedChart => embed_chart_page().await,
        LazyPage::EmbedCompare => embed_compare_page().await,
    }
}

/// A route's view that shows `page` once its code is here.
pub fn lazy(page: LazyPage) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || view! { <LazyPageView page=page /> }.into_any()
}

#[cfg(not(target_arch = "wasm32"))]
#[component]
fn LazyPageView(page: LazyPage) -> impl IntoView {
    let view = match page {
        LazyPage::Compare => compare_page(),
        LazyPage::Funding => funding_page(),
        LazyPage::Check => check_page(),
        LazyPage::EmbedChart => embed_chart_page(),
        LazyPage::EmbedCompare => embed_compare_page(),
    };
    view.unwrap_or_else(|_| ().into_any())
}

#[cfg(target_arch = "wasm32")]
#[component]
fn LazyPageView(page: LazyPage) -> impl IntoView {
    use atlas_core::i18n::{t, Msg};
    use send_wrapper::SendWrapper;

    let lang = crate::i18n::use_lang();
    let attempt = RwSignal::new(0u32);
    let failed = move || {
        view! {
            <div class="state error-state" role="alert" data-testid="page-code-failed">
                <p>{move || t(lang.get(), Msg::ErrorPageCode)}</p>
                <button type="button" class="button button--primary" on:click=move |_| attempt.update(|n| *n += 1)>
                    {move || t(lang.get(), Msg::Retry)}
                </button>
            </div>
        }
        .into_any()
    };
    let fallback = move || {
        view! {
            <div class="state loading-state" role="status" aria-live="polite" data-testid="page-code-loading">
                <p>{move || t(lang.get(), Msg::LoadingPage)}</p>
            </div>
        }
    };
    view! {
        <Suspense fallback=fallback>
            {move || {
                attempt.track();
                Suspend::new(SendWrapper::new(async move {
                    load(page).await.unwrap_or_else(|_| failed())
                }))
            }}
        </Suspense>
    }
}

/// Fetches the code of the page a route needs, so that a visit that opens on it finds it there.
/// A failure is left to the page, which shows it with a retry.
pub async fn preload_for_route(route: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = match LazyPage::for_route(route) {
            Some(LazyPage::Compare) => preload_compare().await,
            Some(LazyPage::Funding) => preload_funding().await,
            Some(LazyPage::Check) => preload_check().await,
            Some(LazyPage::EmbedChart) => preload_embed_chart().await,
            Some(LazyPage::EmbedCompare) => preload_embed_compare().await,
            None => Ok(()),
        };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = route;
}

#[cfg(test)]
mod tests {
    use super::LazyPage;

    #[test]
    fn routes_name_the_page_whose_code_they_need() {
        assert_eq!(LazyPage::for_route("/compare"), Some(LazyPage::Compare));
        assert_eq!(LazyPage::for_route("/funding"), Some(LazyPage::Funding));
        assert_eq!(LazyPage::for_route("/check"), Some(LazyPage::Check));
        assert_eq!(
            LazyPage::for_route("/embed/compare"),
            Some(LazyPage::EmbedCompare)
        );
        assert_eq!(
            LazyPage::for_route("/embed/chart/rd"),
            Some(LazyPage::EmbedChart)
        );
        for first_module in [
            "/",
            "/region/28",
            "/sources",
            "/embed/map",
            "/embed/region/28",
            "/nowhere",
        ] {
            assert_eq!(LazyPage::for_route(first_module), None, "{first_module}");
        }
    }
}
