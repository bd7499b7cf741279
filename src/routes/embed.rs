//! Embeddable widgets (`/embed/…`): the same views without site chrome, for partner pages.
//!
//! They read the same URL state as the full views plus `lang` and `theme`, report their height
//! to the parent (see `platform::start_height_reporter`) and open every link in a new tab.

use atlas_core::compare::latest_value;
use atlas_core::i18n::{localize, t, Msg};
use atlas_core::units::format_value;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use super::compare::Comparison;
use super::funding::{chart_exists, funding_chart_by_id};
use super::map::AtlasMap;
use super::PageMetaMsg;
use crate::components::{LText, SourceLine};
use crate::data::use_dataset;
use crate::i18n::use_lang;
use crate::platform;

/// Lets the embedded page be as short as its widget.
///
/// The site's `body { min-height: 100vh }` made an embed's document at least as tall as its
/// iframe, so the height it reports to `embed.js` could grow but never shrink: a short widget in
/// the snippet's 640 px iframe kept a blank band below it. Set through the CSSOM (allowed by the
/// Content-Security-Policy, unlike a `style` attribute), for embeds only.
fn fit_page_to_widget() {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    if let Ok(style) = js_sys::Reflect::get(&body, &"style".into()) {
        let _ = js_sys::Reflect::set(&style, &"minHeight".into(), &"0".into());
    }
}

/// In the embedded map, a region opens its page of the full atlas in a new tab.
///
/// The map's regions are not links (`<path role="link">`) and their own handler navigates the
/// router, which replaced the widget in the partner's iframe by the whole site (header
/// included) instead of opening a tab like every other link of an embed (`open_links_outside`
/// in app.rs). Caught in the capture phase on the widget, before the region's handler (and the
/// router's delegated listener on `window`) see the event. On touch, the map shows a region's
/// tooltip on the first tap and opens it on a second tap on the same region: kept as is.
fn open_region_outside(ev: &web_sys::Event, last_touch: StoredValue<Option<String>>) {
    use wasm_bindgen::JsCast;
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(shape)) = target.closest("[data-testid=\"map-regions\"] path[data-region]") else {
        last_touch.set_value(None);
        return;
    };
    let Some(id) = shape.get_attribute("data-region") else {
        return;
    };
    match ev.type_().as_str() {
        "keydown" => {
            let enter = ev
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "Enter");
            if !enter {
                return;
            }
        }
        _ => {
            let touch = ev
                .dyn_ref::<web_sys::PointerEvent>()
                .is_some_and(|p| p.pointer_type() == "touch");
            if touch && last_touch.get_value().as_deref() != Some(id.as_str()) {
                // First tap: let the map show the tooltip.
                last_touch.set_value(Some(id));
                return;
            }
            last_touch.set_value(None);
        }
    }
    ev.prevent_default();
    ev.stop_propagation();
    // The reader's language and theme follow them to the full atlas.
    let query: Vec<String> = ["lang", "theme"]
        .into_iter()
        .filter_map(|k| {
            platform::query_param(k).map(|v| format!("{k}={}", js_sys::encode_uri_component(&v)))
        })
        .collect();
    let route = format!("region/{}", js_sys::encode_uri_component(&id));
    let route = if query.is_empty() {
        route
    } else {
        format!("{route}?{}", query.join("&"))
    };
    platform::open_in_new_tab(&platform::absolute_url(&route));
}

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
    // The chart's card on the funding page is a fragment; the query (lang, theme) goes before it,
    // where it used to be dropped: an English chart embed opened the atlas in the reader's
    // saved or browser language instead.
    let (route, fragment) = match route {
        "/map" | "" => ("/".to_owned(), String::new()),
        r if r.starts_with("/chart/") => (
            "/funding".to_owned(),
            format!("#funding-{}", r.trim_start_matches("/chart/")),
        ),
        r => (r.to_owned(), String::new()),
    };
    let query = search.trim_start_matches('?');
    if query.is_empty() {
        format!("{route}{fragment}")
    } else {
        format!("{route}?{query}{fragment}")
    }
}

fn use_full_route() -> Signal<String> {
    let location = use_location();
    Signal::derive(move || full_route_of(&location.pathname.get(), &location.search.get()))
}

#[component]
pub fn EmbedMap() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    fit_page_to_widget();
    let last_touch = StoredValue::new(None::<String>);
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), Msg::TitleMap)}</h1>
        <div
            on:click:capture=move |ev: web_sys::MouseEvent| open_region_outside(&ev, last_touch)
            on:keydown:capture=move |ev: web_sys::KeyboardEvent| open_region_outside(&ev, last_touch)
        >
            {move || data.dataset().map(|d| view! { <AtlasMap dataset=d embedded=true /> })}
        </div>
        <EmbedFooter full_route=use_full_route() />
    }
}

#[component]
pub fn EmbedChart() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    fit_page_to_widget();
    let params = use_params_map();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), Msg::TitleFunding)}</h1>
        {move || {
            let id = params.read().get("id").unwrap_or_default();
            // A funding entry (its amounts, breakdown or big number) or a share.
            if data.dataset().is_some_and(|d| chart_exists(&d, &id)) {
                funding_chart_by_id(id).into_any()
            } else {
                view! { <p class="state" data-testid="not-found">{t(lang.get(), Msg::EmbedUnknown)}</p> }.into_any()
            }
        }}
        <EmbedFooter full_route=use_full_route() />
    }
}

#[component]
pub fn EmbedRegion() -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    fit_page_to_widget();
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
    fit_page_to_widget();
    view! {
        <PageMetaMsg title=Msg::TitleEmbed description=Msg::DescEmbed />
        <h1 class="visually-hidden" data-testid="page-title">{move || t(lang.get(), Msg::TitleCompare)}</h1>
        {move || data.dataset().map(|d| view! { <Comparison dataset=d embedded=true /> })}
        <EmbedFooter full_route=use_full_route() />
    }
}
