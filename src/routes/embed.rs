//! Embeddable widgets (`/embed/…`): the same views without site chrome, for partner pages.
//!
//! They read the same URL state as the full views plus `lang` and `theme`, report their height
//! to the parent (see `platform::start_height_reporter`) and open every link in a new tab.

use atlas_core::format::{format_value};
use atlas_core::i18n::{localize, t, Msg};
use atlas_core::compare::latest_value;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use super::compare::Comparison;
use super::funding::FundingCard;
use super::map::AtlasMap;
use super::PageMetaMsg;
use crate::components::{LText, SourceLine};
use crate::data::use_dataset;
use crate::i18n::use_lang;
use crate::platform;

/// "Open in the atlas" with the full view's address, and the dataset credit.
#[component]
fn EmbedFooter(#[prop(into)] full_route: Signal<String>) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    view! {
        <footer class="embed-footer">
            <a
                href=move || platform::absolute_url(&full_route.get())
                target="_blank"
                rel="noopener noreferrer"
                data-testid="open-in-atlas"
            >
                {move || t(lang.get(), Msg::OpenInAtlas)}
            </a>
            <span>
                {move || data.dataset().map(|d| view! { <LText text=d.metadata().title.clone() /> })}
                " · " {move || t(lang.get(), Msg::CreditsNaturalEarth)}
            </span>
        </footer>
    }
}

/// The full view's route for an embed route: the same path without `/embed`, same query.
fn full_route_of(path: &str, search: &str) -> String {
    let base = platform::router_base();
    let route = path.strip_prefix(base.as_str()).unwrap_or(path);
    let route = route.strip_prefix("/embed").unwrap_or(route);
    let route = match route {
        "/map" | "" => "/".to_owned(),
        r if r.starts_with("/chart/") => format!("/funding#funding-{}", r.trim_start_matches("/chart/")),
        r => r.to_owned(),
    };
    let query = search.trim_start_matches('?');
    if query.is_empty() || route.contains('#') { route } else { format!("{route}?{query}") }
}

fn use_full_route() -> Signal<String> {
    let location = use_location();
    Signal::derive(move || full_route_of(&location.pathname.get(), &location.search.get()))
}

#[component]
pub fn EmbedMap() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), Msg::TitleMap)}</h1>
        {move || data.dataset().map(|d| view! { <AtlasMap dataset=d embedded=true /> })}
        <EmbedFooter full_route=use_full_route() />
    }
}

#[component]
pub fn EmbedChart() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let params = use_params_map();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), Msg::TitleFunding)}</h1>
        {move || {
            let id = params.read().get("id").unwrap_or_default();
            match data.dataset().and_then(|d| d.funding_by_id(&id).cloned()) {
                Some(f) => view! { <FundingCard funding=f /> }.into_any(),
                None => view! { <p class="state" data-testid="not-found">{t(lang.get(), Msg::EmbedUnknown)}</p> }.into_any(),
            }
        }}
        <EmbedFooter full_route=use_full_route() />
    }
}

#[component]
pub fn EmbedRegion() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let params = use_params_map();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        {move || {
            let id = params.read().get("id").unwrap_or_default();
            let dataset = data.dataset()?;
            let Some(region) = dataset.region(&id).cloned() else {
                return Some(view! {
                    <h1 data-testid="page-title">{t(lang.get(), Msg::RegionNotFound)}</h1>
                    <p data-testid="not-found">{t(lang.get(), Msg::EmbedUnknown)}</p>
                }.into_any());
            };
            let figures: Vec<_> = dataset
                .indicators()
                .iter()
                .filter_map(|ind| latest_value(ind, &region.id).map(|v| (ind.name.clone(), ind.unit, v.clone())))
                .collect();
            let ranks: Vec<_> = dataset.raw().rankings.iter().filter(|r| r.region == region.id).cloned().collect();
            Some(view! {
                <article class="card region-card" data-testid="region-card">
                    <h1 data-testid="page-title"><LText text=region.name.clone() /></h1>
                    <ul class="figures">
                        {figures.into_iter().map(|(name, unit, v)| view! {
                            <li class="figure">
                                <span class="figure-value">{move || format_value(v.value, unit, v.qualifier, lang.get())}</span>
                                <span class="figure-label"><LText text=name.clone() /></span>
                                <SourceLine source_id=v.source.clone() />
                            </li>
                        }).collect_view()}
                        {ranks.into_iter().map(|r| view! {
                            <li class="figure">
                                <span class="figure-value">{move || atlas_core::format::format_ordinal(r.rank, lang.get(), atlas_core::format::Gender::Feminine)}</span>
                                <span class="figure-label"><LText text=r.subject.clone() /></span>
                                <SourceLine source_id=r.source.clone() />
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="muted">{localize(&region.name, lang.get()).text.to_owned()}</p>
                </article>
            }.into_any())
        }}
        <EmbedFooter full_route=use_full_route() />
    }
}

#[component]
pub fn EmbedCompare() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), Msg::TitleCompare)}</h1>
        {move || data.dataset().map(|d| view! { <Comparison dataset=d embedded=true /> })}
        <EmbedFooter full_route=use_full_route() />
    }
}
