//! The preview of a checked file: the map, a region page and the funding page drawn by the app's
//! own views from that file, under a dataset context of their own, so the site's dataset (the
//! header, every other page) stays as it is and nothing is saved.
//!
//! Links of the previewed views stay in the preview: a region's link shows its page here, a link
//! the preview has no page for is not followed, and links to other sites open in a new tab, so
//! the publisher never loses the checked file by a click.

use std::sync::Arc;

use atlas_core::check::{preview_page, PreviewPage};
use atlas_core::i18n::{localize, t, Msg};
use atlas_core::validate::Dataset;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use wasm_bindgen::JsCast;

use crate::data::DatasetContext;
use crate::features::map::AtlasMap;
use crate::i18n::use_lang;
use crate::{nav, platform};

pub use crate::data::InPreview;

#[component]
pub fn Preview(dataset: Arc<Dataset>) -> impl IntoView {
    let lang = use_lang();
    let text = move |m: Msg| move || t(lang.get(), m);
    let first_region = dataset
        .regions()
        .first()
        .map(|r| r.id.clone())
        .unwrap_or_default();
    let page = RwSignal::new(PreviewPage::Map);
    let region = RwSignal::new(first_region);
    let outside = RwSignal::new(false);
    let show = move |p: PreviewPage| {
        outside.set(false);
        if let PreviewPage::Region(id) = &p {
            region.set(id.clone());
        }
        page.set(p);
    };
    let on_open_region = Callback::new(move |id: String| show(PreviewPage::Region(id)));
    let regions: Vec<(String, atlas_core::model::Text)> = dataset
        .regions()
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();

    // A child owner carries the preview's own contexts (as leptos's `Provider` does).
    let owner = Owner::current().map(|o| o.child()).unwrap_or_default();
    let content = owner.with(|| {
        provide_context(DatasetContext::given(dataset.clone()));
        provide_context(InPreview);
        let dataset = StoredValue::new(dataset);
        let tab = move |p: PreviewPage, label: Msg, testid: &'static str| {
            let kind = std::mem::discriminant(&p);
            // The region tab shows the region picked last.
            let target = move || match &p {
                PreviewPage::Region(_) => PreviewPage::Region(region.get_untracked()),
                other => other.clone(),
            };
            view! {
                <button
                    type="button"
                    class="button"
                    data-testid=testid
                    aria-pressed=move || if page.with(|p| std::mem::discriminant(p) == kind) { "true" } else { "false" }
                    on:click=move |_| show(target())
                >
                    {text(label)}
                </button>
            }
        };
        view! {
            <div class="check-preview__pages" role="group" aria-label=text(Msg::CheckPreviewPages)>
                {tab(PreviewPage::Map, Msg::NavMap, "preview-map")}
                {tab(PreviewPage::Region(String::new()), Msg::TitleRegion, "preview-region")}
                {tab(PreviewPage::Funding, Msg::NavFunding, "preview-funding")}
            </div>
            {move || matches!(page.get(), PreviewPage::Region(_)).then(|| {
                let options = regions.clone();
                view! {
                    <p class="check-preview__region">
                        <label for="check-preview-region">{text(Msg::CheckPreviewRegion)}</label>
                        " "
                        <select
                            id="check-preview-region"
                            data-testid="preview-region-picker"
                            prop:value=move || region.get()
                            on:change=move |ev| show(PreviewPage::Region(event_target_value(&ev)))
                        >
                            {options.into_iter().map(|(id, name)| {
                                let label = move || localize(&name, lang.get()).text.to_owned();
                                view! { <option value=id.clone() selected=move || region.get() == id>{label}</option> }
                            }).collect_view()}
                        </select>
                    </p>
                }
            })}
            <p role="status" class="check-preview__outside">
                {move || outside.get().then(|| t(lang.get(), Msg::CheckPreviewOutside))}
            </p>
            <div class="check-preview__frame" data-testid="preview-frame">
                {move || match page.get() {
                    PreviewPage::Map => view! { <AtlasMap dataset=dataset.get_value() on_open_region=on_open_region /> }.into_any(),
                    PreviewPage::Region(id) => match dataset.get_value().region(&id).cloned() {
                        Some(r) => view! { <crate::routes::RegionView dataset=dataset.get_value() region=r /> }.into_any(),
                        None => ().into_any(),
                    },
                    PreviewPage::Funding => view! { <crate::routes::FundingPage /> }.into_any(),
                }}
            </div>
        }
    });
    view! {
        <section
            class="check-preview"
            aria-labelledby="check-preview-title"
            data-testid="check-preview"
            on:click=move |ev| keep_in_preview(&ev, show, outside)
        >
            <h2 id="check-preview-title">{text(Msg::CheckPreview)}</h2>
            <p class="muted">{text(Msg::CheckPreviewNote)}</p>
            {OwnedView::new_with_owner(content, owner)}
        </section>
    }
}

/// A click on a link inside the preview: shown in the preview, refused, or opened in a new tab.
fn keep_in_preview(ev: &web_sys::MouseEvent, show: impl Fn(PreviewPage), outside: RwSignal<bool>) {
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
    else {
        return;
    };
    let Some(href) = link.get_attribute("href") else {
        return;
    };
    if href.starts_with('#') || link.has_attribute("download") {
        return;
    }
    let Some(location) = platform::window().map(|w| w.location()) else {
        return;
    };
    let (Ok(here), Ok(origin)) = (location.href(), location.origin()) else {
        return;
    };
    let Ok(url) = web_sys::Url::new_with_base(&href, &here) else {
        return;
    };
    ev.prevent_default();
    if url.origin() != origin {
        if matches!(url.protocol().as_str(), "https:" | "http:") {
            platform::open_in_new_tab(&url.href());
        }
        return;
    }
    match preview_page(&nav::route_of(&url.pathname())) {
        Some(p) => show(p),
        None => outside.set(true),
    }
}
