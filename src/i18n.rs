//! The reader's language and theme as reactive context, and the switches that change them.
//!
//! Language comes from the URL (`lang=fr|en`, so shared links keep it), then the saved
//! preference, then the browser. The URL is the source of truth: switching navigates.

use atlas_core::i18n::{labelled, t, Lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::nav::{use_nav, History};
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
    /// The theme that applies now: `Light` or `Dark`, never `Auto`, which is resolved with the
    /// system preference and follows it live.
    pub effective: Memo<Theme>,
}

/// Must be called inside the router (it reads the URL).
///
/// The order (URL, saved choice, browser) is also `public/prefs.js`'s, which applies it to a
/// baked page before the wasm: change both together.
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
    // Read once and then kept up to date: a page left open restyles when the system switches.
    let system_dark = RwSignal::new(platform::prefers_dark());
    let watch = StoredValue::new_local(platform::watch_prefers_dark(move |dark| {
        system_dark.set(dark)
    }));
    on_cleanup(move || watch.update_value(|w| *w = None));
    let effective = Memo::new(move |_| {
        let chosen = query
            .read()
            .get("theme")
            .and_then(|c| Theme::from_code(&c))
            .unwrap_or_else(|| saved.get());
        match chosen {
            Theme::Auto if system_dark.get() => Theme::Dark,
            Theme::Auto => Theme::Light,
            fixed => fixed,
        }
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

/// Switches French ⇄ English, keeping the current view.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let nav = use_nav();
    let switch = move |_| {
        let next = lang.get_untracked().other();
        platform::storage_set(LANG_KEY, next.code());
        nav.navigate_param("lang", Some(next.code()), History::Push);
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
        labelled(l, t(l, Msg::ThemeSwitch), name)
    };
    view! {
        <button type="button" class="button" data-testid="theme-switch" aria-label=move || t(lang.get(), Msg::ThemeSwitchAria) on:click=cycle>
            {label}
        </button>
    }
    .into_any()
}
