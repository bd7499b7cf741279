//! The Funding page (`/funding`): every programme and budget of the dataset as charts with
//! table twins, sources, downloads and an embed button, then the member mixes (shares).
//!
//! The cards are `features::funding_card`; what they show is `atlas_core::present::funding`.

use atlas_core::i18n::{t, Msg};
use atlas_core::present::funding::{funding_groups, page_source_ids};
use atlas_core::url_state::FundingState;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::PageMetaMsg;
use crate::components::{Citations, SourceList};
use crate::data::use_dataset;
use crate::features::funding_card::{FundingCard, ShareCard};
use crate::i18n::use_lang;

#[component]
pub fn FundingPage() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let location = use_location();
    let text = move |m: Msg| move || t(lang.get(), m);

    // `?chart=<id>` (shared links) or `#funding-<id>` (anchors): the page is drawn after the
    // dataset arrives, too late for the browser's own jump to the anchor, so scroll here.
    // A chart id may name a funding entry or a share: element ids to try, in order.
    let targets = Memo::new(move |_| {
        if let Some(id) = FundingState::from_query(&location.search.get()).chart {
            return vec![format!("funding-{id}"), format!("share-{id}")];
        }
        let hash = location.hash.get();
        let id = hash.trim_start_matches('#');
        if id.starts_with("funding-") || id.starts_with("share-") {
            vec![id.to_owned()]
        } else {
            Vec::new()
        }
    });
    Effect::new(move |_| {
        let ids = targets.get();
        if ids.is_empty() || data.dataset().is_none() {
            return;
        }
        // After the cards are laid out, so the jump lands on the card and not above it.
        request_animation_frame(move || {
            let Some(doc) = crate::platform::window().and_then(|w| w.document()) else {
                return;
            };
            if let Some(el) = ids.iter().find_map(|id| doc.get_element_by_id(id)) {
                el.scroll_into_view();
            }
        });
    });

    view! {
        <PageMetaMsg title=Msg::TitleFunding description=Msg::DescFunding />
        <h1 data-testid="page-title">{text(Msg::TitleFunding)}</h1>
        <p class="muted">{text(Msg::DescFunding)}</p>
        {move || data.dataset().map(|d| {
            // The cards cite their sources by number, listed at the end of the page.
            let citations = Citations::provide(&page_source_ids(&d));
            let shares = d.raw().shares.clone();
            view! {
                {funding_groups(&d).into_iter().map(|group| {
                    let kind = group.code();
                    view! {
                    <section class="funding-group" data-kind=kind>
                        <h2>{text(group.heading)}</h2>
                        {group.items.into_iter().map(|f| view! { <FundingCard funding=f.clone() /> }).collect_view()}
                    </section>
                    }
                }).collect_view()}
                {(!shares.is_empty()).then(|| view! {
                    <section class="funding-group" data-kind="shares" data-testid="shares-section">
                        <h2>{text(Msg::Breakdown)}</h2>
                        {shares.into_iter().map(|s| view! { <ShareCard share=s /> }).collect_view()}
                    </section>
                })}
                <h2>{text(Msg::SourcesOnPage)}</h2>
                <SourceList ids=citations.ids() />
            }
        })}
    }
}
