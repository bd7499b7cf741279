//! The root component: context providers, the router, and the site chrome around the routes.

use atlas_core::i18n::{t, Msg};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::LText;
use crate::components::{gated, ungated};
use crate::data::{use_dataset, DatasetContext};
use crate::i18n::{provide_locale_and_theme, use_lang, LangSwitch, ThemeSwitch};
use crate::lazy_pages::{lazy, LazyPage};
use crate::nav;
use crate::platform;
use crate::routes;
use crate::scope::scoped;

#[component]
pub fn App() -> impl IntoView {
    // Loaded once for the whole session; every route reads it from context.
    view! { <AppWith data=DatasetContext::load() /> }
}

/// The app over a given dataset source: the fetch in the browser, the bundled file when the
/// baker renders the pages at build time.
#[component]
pub fn AppWith(data: DatasetContext) -> impl IntoView {
    provide_meta_context();
    provide_context(data);
    view! {
        <Router base=platform::router_base()>
            <Root />
        </Router>
    }
}

/// Embeds get no site chrome; everything else gets header, navigation and footer.
#[component]
fn Root() -> impl IntoView {
    provide_locale_and_theme();
    let location = use_location();
    let is_embed = Memo::new(move |_| {
        let route = nav::route_of(&location.pathname.get());
        route.starts_with("/embed/") || route == "/embed"
    });
    Effect::new(move |_| {
        let embed = is_embed.get();
        // boot.js reports an embed's height to the partner page (from before the wasm).
        platform::set_root_attribute("data-embed", if embed { "true" } else { "false" });
    });
    let routes = move || {
        view! {
            <Routes fallback=scoped(gated(|| view! { <routes::NotFound /> }))>
                <Route path=path!("/") view=scoped(gated(routes::MapPage)) />
                <Route path=path!("/region/:id") view=scoped(gated(routes::RegionPage)) />
                <Route path=path!("/compare") view=scoped(gated(lazy(LazyPage::Compare))) />
                <Route path=path!("/funding") view=scoped(gated(lazy(LazyPage::Funding))) />
                <Route path=path!("/sources") view=scoped(gated(routes::SourcesPage)) />
                <Route path=path!("/check") view=scoped(ungated(lazy(LazyPage::Check))) />
                <Route path=path!("/embed/map") view=scoped(gated(routes::EmbedMap)) />
                <Route path=path!("/embed/chart/:id") view=scoped(gated(lazy(LazyPage::EmbedChart))) />
                <Route path=path!("/embed/region/:id") view=scoped(gated(routes::EmbedRegion)) />
                <Route path=path!("/embed/compare") view=scoped(gated(lazy(LazyPage::EmbedCompare))) />
            </Routes>
        }
    };
    view! {
        <Show
            when=move || is_embed.get()
            fallback=move || view! { <Chrome>{routes()}</Chrome> }
        >
            <main id="main" class="embed" data-testid="main" on:click=open_links_outside>
                {routes()}
            </main>
        </Show>
    }
}

#[component]
fn Chrome(children: Children) -> impl IntoView {
    let lang = use_lang();
    let data = use_dataset();
    let text = move |m: Msg| move || t(lang.get(), m);
    // The atlas's name and credits are the dataset's: the shell says nothing about any country.
    let brand = move || match data.dataset() {
        Some(d) => {
            let m = d.metadata();
            view! {
                <LText text=m.title.clone() />
                {m.subtitle.clone().map(|s| view! { <small><LText text=s /></small> })}
            }
            .into_any()
        }
        None => view! { {text(Msg::AppName)} }.into_any(),
    };
    let credits = move || {
        data.dataset()
            .map(|d| view! { <p><LText text=d.metadata().attribution.clone() /></p> })
    };
    // The menu closes once a page is chosen (the header stays across routes), and on Escape,
    // with the focus back on its toggle.
    let menu = NodeRef::<leptos::html::Details>::new();
    let close_menu = move |_| {
        if let Some(m) = menu.get_untracked() {
            m.set_open(false);
        }
    };
    let close_menu_on_escape = move |ev: web_sys::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        if ev.key() == "Escape" && m.open() {
            m.set_open(false);
            if let Ok(Some(toggle)) = m.query_selector("summary") {
                use wasm_bindgen::JsCast;
                if let Ok(t) = toggle.dyn_into::<web_sys::HtmlElement>() {
                    let _ = t.focus();
                }
            }
        }
    };
    view! {
        <a class="skip-link" href="#main">{text(Msg::SkipToContent)}</a>
        <header class="site-header" data-testid="app-header">
            <div class="site-header__inner">
                <A href=crate::platform::app_href("/") attr:class="brand">
                    {brand}
                </A>
                // On a phone the navigation and the language and theme switches fold into a menu
                // (a plain disclosure, so it works on a baked page before the wasm too); on wider
                // screens the stylesheet keeps it open and hides its toggle.
                <details class="nav-menu" node_ref=menu on:keydown=close_menu_on_escape>
                    <summary class="button nav-menu__toggle" data-testid="nav-menu">{text(Msg::NavMenu)}</summary>
                    <div class="nav-menu__panel">
                    <nav class="site-nav" aria-label=text(Msg::NavLabel) on:click=close_menu>
                        <ul>
                            <li><A href=crate::platform::app_href("/") exact=true attr:data-testid="nav-map">{text(Msg::NavMap)}</A></li>
                            <li><A href=crate::platform::app_href("/compare") attr:data-testid="nav-compare">{text(Msg::NavCompare)}</A></li>
                            <li><A href=crate::platform::app_href("/funding") attr:data-testid="nav-funding">{text(Msg::NavFunding)}</A></li>
                            <li><A href=crate::platform::app_href("/sources") attr:data-testid="nav-sources">{text(Msg::NavSources)}</A></li>
                        </ul>
                    </nav>
                    <div class="header-tools">
                        <LangSwitch />
                        <ThemeSwitch />
                    </div>
                    </div>
                </details>
            </div>
        </header>
        <main id="main" tabindex="-1" data-testid="main">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{text(Msg::FooterCredits)}</p>
                {credits}
                <p><A href=crate::platform::app_href("/sources")>{text(Msg::FooterAbout)}</A></p>
            </div>
        </footer>
    }
}

/// In an embed every link opens the full atlas in a new tab: the widget never navigates itself
/// or the partner's page.
fn open_links_outside(ev: web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(link)) = target.closest("a[href]") else {
        return;
    };
    let Some(href) = link.get_attribute("href") else {
        return;
    };
    if href.starts_with('#') {
        return;
    }
    ev.prevent_default();
    let Some(base) = crate::platform::window().and_then(|w| w.location().href().ok()) else {
        return;
    };
    if let Ok(url) = web_sys::Url::new_with_base(&href, &base) {
        let protocol = url.protocol();
        if protocol == "https:" || protocol == "http:" {
            platform::open_in_new_tab(&url.href());
        }
    }
}
