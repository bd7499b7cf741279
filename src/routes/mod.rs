//! One module per route; each page's private sub-components live below its public one.

mod check;
mod compare;
mod embed;
mod funding;
mod map;
mod not_found;
mod region;
mod sources;

pub use check::CheckPage;
pub use compare::ComparePage;
pub use embed::{EmbedChart, EmbedCompare, EmbedMap, EmbedRegion};
pub use funding::FundingPage;
pub use map::MapPage;
pub use not_found::NotFound;
pub(crate) use region::PlaceCard;
pub use region::RegionPage;
pub(crate) use region::RegionView;
pub use sources::SourcesPage;

use atlas_core::i18n::{page_title, t, Msg};
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::data::use_dataset;
use crate::i18n::use_lang;
use crate::platform;

/// Where a page baked at build time leaves its title and description for the baker to write
/// into the `<head>` (the live app sets the title itself, the description through
/// `leptos_meta`).
#[derive(Clone, Copy, Default)]
pub struct BakedHead {
    pub title: RwSignal<String>,
    pub description: RwSignal<String>,
}

/// Title and description of a page, following the language.
#[component]
pub fn PageMeta(
    /// The page's own name, prefixed to the atlas name in the tab title.
    #[prop(into)]
    title: Signal<String>,
    #[prop(into)] description: Signal<String>,
) -> impl IntoView {
    // A page previewed inside the check page leaves that page's title alone.
    if use_context::<crate::data::InPreview>().is_some() {
        return ().into_any();
    }
    let lang = use_lang();
    let data = use_dataset();
    let full_title = move || {
        let dataset = data.dataset();
        page_title(
            lang.get(),
            dataset.as_ref().map(|d| &d.metadata().title),
            &title.get(),
        )
    };
    if let Some(head) = use_context::<BakedHead>() {
        head.title.set(untrack(full_title));
        head.description.set(description.get_untracked());
    }
    // Set directly rather than through leptos_meta's `<Title>`, which blanks the tab's title
    // when it is first built (its stack is empty until it mounts): the baked page's title would
    // flash to the address while the app takes over.
    Effect::new(move |_| platform::set_document_title(&full_title()));
    view! { <Meta name="description" content=move || description.get() /> }.into_any()
}

/// Title and description from two interface messages.
#[component]
pub fn PageMetaMsg(title: Msg, description: Msg) -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageMeta
            title=Signal::derive(move || t(lang.get(), title).to_owned())
            description=Signal::derive(move || t(lang.get(), description).to_owned())
        />
    }
}
