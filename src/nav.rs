//! The only module that writes the URL: views change their query (or open a route) through
//! [`Nav`], built on the pure helpers at the end of `atlas_core::url_state`.
//!
//! Every navigation goes to the full path, router base included, with `resolve: false`: the
//! router resolved "/?query" against the base "/atlas/sub" to "/atlas/sub?query" (trailing slash
//! lost), from which the page's relative URLs (icons, manifest) point one folder too high and a
//! reload depends on the host redirecting to the folder.

use std::rc::Rc;

use atlas_core::url_state;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::platform;

/// Whether a navigation adds a history entry (a new view) or replaces the current one (zoom and
/// pan, which Back should skip).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    Replace,
    Push,
}

/// The app's route for a browser path: the router base stripped, "/" for the base itself.
pub fn route_of(path: &str) -> String {
    url_state::route_of(path, &platform::router_base())
}

/// The router's navigate function.
type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

/// The router's location and navigator, taken once in a component body.
///
/// Both router hooks `expect` a router in context; called from an event handler they work only
/// because the handler happens to run under the component's owner (leptos issue #2932), so they
/// are taken here, in the body, and the handle is `Copy` for the handlers.
#[derive(Clone, Copy)]
pub struct Nav {
    pathname: Memo<String>,
    search: Memo<String>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

/// Takes the [`Nav`] handle; call in a component body inside the router.
pub fn use_nav() -> Nav {
    let location = use_location();
    let navigate = use_navigate();
    let navigate: Navigate = Rc::new(navigate);
    Nav {
        pathname: location.pathname,
        search: location.search,
        navigate: StoredValue::new_local(navigate),
    }
}

impl Nav {
    /// The current route (router base stripped), without subscribing.
    pub fn route(&self) -> String {
        route_of(&self.pathname.get_untracked())
    }

    /// The current raw query, subscribing the caller to changes.
    pub fn search(&self) -> Memo<String> {
        self.search
    }

    /// Shows the current route with the view's own `pairs` as its query; the app-wide keys
    /// (`lang`, `theme`, `data`) are kept.
    pub fn navigate_query(&self, pairs: &[(String, String)], history: History) {
        let query = url_state::view_query(&self.search.get_untracked(), pairs);
        self.go(&self.route(), &query, history, false);
    }

    /// Sets (or, with `None`, removes) one parameter of the current URL, keeping all the others.
    pub fn navigate_param(&self, key: &str, value: Option<&str>, history: History) {
        let query = url_state::query_with(&self.search.get_untracked(), key, value);
        self.go(&self.route(), &query, history, false);
    }

    /// Opens another route of the app ("/region/28"), scrolled to the top, as a new entry.
    pub fn open_route(&self, route: &str) {
        self.go(route, "", History::Push, true);
    }

    fn go(&self, route: &str, query: &str, history: History, scroll: bool) {
        let url = url_state::app_path(&platform::router_base(), route, query);
        let Some(navigate) = self.navigate.try_get_value() else {
            return;
        };
        navigate(
            &url,
            NavigateOptions {
                replace: history == History::Replace,
                scroll,
                resolve: false,
                ..Default::default()
            },
        );
    }
}
