//! The reader's language and theme as reactive context, and the switches that change them.
//!
//! Language comes from the URL (`lang=fr|en`, so shared links keep it), then the saved
//! preference, then the browser. The URL is the source of truth: switching navigates.

use atlas_core::i18n::{t, Lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::platform;

const LANG_KEY: &str = "atlas.lang";
const THEME_KEY: &str = "atlas.theme";

#[derive(Clone, Copy)]
pub struct Locale {
    pub lang: Memo<Lang>,
}

/// Light, dark, or following the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

impl Theme {
    pub fn from_code(code: &str) -> Option<Theme> {
        match code {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
    /// Whether dark colours apply now.
    pub fn is_dark(self) -> bool {
        match self {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::Auto => platform::prefers_dark(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct ThemeContext {
    /// The choice saved by the visitor (site) — a URL `theme` parameter overrides it (embeds).
    pub saved: RwSignal<Theme>,
    pub effective: Memo<Theme>,
}

/// Must be called inside the router (it reads the URL).
pub fn provide_locale_and_theme() {
    let query = use_query_map();
    let lang = Memo::new(move |_| {
        query
            .read()
            .get("lang")
            .and_then(|code| Lang::from_code(&code))
            .or_else(|| platform::storage_get(LANG_KEY).and_then(|c| Lang::from_code(&c)))
            .or_else(|| platform::browser_language().and_then(|c| Lang::from_code(&c)))
            .unwrap_or_default()
    });
    provide_context(Locale { lang });

    let saved = RwSignal::new(
        platform::storage_get(THEME_KEY)
            .and_then(|c| Theme::from_code(&c))
            .unwrap_or(Theme::Auto),
    );
    let effective = Memo::new(move |_| {
        query
            .read()
            .get("theme")
            .and_then(|c| Theme::from_code(&c))
            .unwrap_or_else(|| saved.get())
    });
    provide_context(ThemeContext { saved, effective });

    Effect::new(move |_| {
        let lang = lang.get();
        platform::set_root_attribute("lang", lang.html_lang());
    });
    Effect::new(move |_| {
        let dark = effective.get().is_dark();
        platform::set_root_attribute("data-theme", if dark { "dark" } else { "light" });
    });
}

pub fn use_lang() -> Memo<Lang> {
    use_context::<Locale>()
        .map(|l| l.lang)
        .unwrap_or_else(|| Memo::new(|_| Lang::default()))
}

pub fn use_theme() -> Option<ThemeContext> {
    use_context::<ThemeContext>()
}

/// A reactive interface text.
pub fn tr(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || t(lang.get(), msg)
}

/// The current path and query with `key` set to `value` (or removed when `None`), relative to
/// the router base, for links that keep the view.
pub fn current_url_with(key: &str, value: Option<&str>) -> String {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let mut pairs = atlas_core::url_state::parse_query(&search);
    pairs.retain(|(k, _)| k != key);
    if let Some(v) = value {
        pairs.push((key.to_owned(), v.to_owned()));
    }
    let query = atlas_core::url_state::to_query(&pairs);
    // The full path, base included: navigate with `resolve: false`, since the router resolves
    // "/?query" against its base to "/atlas?query" (trailing slash lost).
    let base = platform::router_base();
    let route = path.strip_prefix(base.as_str()).unwrap_or(&path);
    let route = if route.is_empty() { "/" } else { route };
    if query.is_empty() {
        format!("{base}{route}")
    } else {
        format!("{base}{route}?{query}")
    }
}

/// Switches French ⇄ English, keeping the current view.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let switch = move |_| {
        let next = lang.get_untracked().other();
        platform::storage_set(LANG_KEY, next.code());
        let url = current_url_with("lang", Some(next.code()));
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                resolve: false,
                ..Default::default()
            },
        );
    };
    view! {
        <button
            type="button"
            class="button"
            data-testid="lang-switch"
            lang=move || lang.get().other().html_lang()
            aria-label=move || t(lang.get(), Msg::LangSwitchAria)
            on:click=switch
        >
            {move || t(lang.get(), Msg::LangSwitch)}
        </button>
    }
}

/// Cycles the colour theme: auto → light → dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let lang = use_lang();
    let Some(theme) = use_theme() else {
        return ().into_any();
    };
    let cycle = move |_| {
        let next = match theme.saved.get_untracked() {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        };
        platform::storage_set(THEME_KEY, next.code());
        theme.saved.set(next);
    };
    let label = move || {
        let l = lang.get();
        let name = match theme.saved.get() {
            Theme::Light => t(l, Msg::ThemeLight),
            Theme::Dark => t(l, Msg::ThemeDark),
            Theme::Auto => t(l, Msg::ThemeAuto),
        };
        format!("{} : {}", t(l, Msg::ThemeSwitch), name)
            .replace(" : ", if l == Lang::Fr { "\u{202f}: " } else { ": " })
    };
    view! {
        <button type="button" class="button" data-testid="theme-switch" aria-label=move || t(lang.get(), Msg::ThemeSwitchAria) on:click=cycle>
            {label}
        </button>
    }
    .into_any()
}
