//! Page scopes: each route reads the app-wide language, theme and dataset through relays it owns.
//!
//! Why: a reactive source keeps an entry for each of its subscribers until that subscriber runs
//! again, and a subscriber dropped with its page never runs again. Read directly, the app-wide
//! sources, which rarely change, would keep one entry (about 80 bytes of wasm memory) for every
//! text node and effect of every page ever visited: 11 MB over 500 route changes. Behind a relay
//! owned by the page, those subscriptions go when the page goes; what stays is the relay's own
//! entry, one per source and visit.

use leptos::prelude::*;

use crate::data::DatasetContext;
use crate::i18n::{Locale, ThemeContext};

/// Provides page-owned relays of the app-wide contexts to everything rendered below.
pub fn relay_app_contexts() {
    if let Some(Locale { lang }) = use_context::<Locale>() {
        provide_context(Locale {
            lang: Memo::new(move |_| lang.get()),
        });
    }
    if let Some(theme) = use_context::<ThemeContext>() {
        let effective = theme.effective;
        provide_context(ThemeContext {
            saved: theme.saved,
            effective: Memo::new(move |_| effective.get()),
        });
    }
    if let Some(data) = use_context::<DatasetContext>() {
        provide_context(data.relayed());
    }
}

/// A route's view that renders `page` within its own scope (see the module's note).
pub fn scoped<V>(
    page: impl Fn() -> V + Clone + Send + Sync + 'static,
) -> impl Fn() -> V + Clone + Send + Sync + 'static {
    move || {
        relay_app_contexts();
        page()
    }
}
