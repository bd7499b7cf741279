//! Embeds, seen from the atlas: the full view an embed opens, the widget address with the
//! reader's language, and the snippet a partner pastes.

use super::funding::chart_entry;
use crate::i18n::Lang;
use crate::url_state;
use crate::validate::Dataset;

/// The snippet's iframe height before `embed.js` fits it; the widget still works at this height.
pub const DEFAULT_HEIGHT: u32 = 640;

/// `route` (relative to the atlas base, with or without a query) with the reader's language:
/// "embed/map?indicator=jobs" → "embed/map?indicator=jobs&lang=fr".
pub fn with_lang(route: &str, lang: Lang) -> String {
    let separator = if route.contains('?') { '&' } else { '?' };
    format!("{route}{separator}lang={}", lang.code())
}

/// The full view of an embed: its route without `/embed` (relative to the router base), the same
/// query (language and theme follow the reader), and for a chart the Funding page at the chart's
/// card, `#funding-<id>` or `#share-<id>` (the Funding page when the id is unknown).
pub fn full_route_of(embed_route: &str, search: &str, dataset: Option<&Dataset>) -> String {
    let route = embed_route.strip_prefix("/embed").unwrap_or(embed_route);
    let (route, fragment) = match route {
        "/map" | "" | "/" => ("/", String::new()),
        r => match r.strip_prefix("/chart/") {
            Some(id) => {
                let anchor = dataset
                    .and_then(|d| chart_entry(d, id))
                    .map(|entry| format!("#{}", entry.anchor()))
                    .unwrap_or_default();
                ("/funding", anchor)
            }
            None => (r, String::new()),
        },
    };
    // The query goes before the fragment, or the atlas would open in the reader's saved or
    // browser language instead of the widget's.
    let query = search.trim_start_matches('?');
    if query.is_empty() {
        format!("{route}{fragment}")
    } else {
        format!("{route}?{query}{fragment}")
    }
}

/// The full atlas's page of region `id`, opened from an embedded map: the widget's app-wide
/// parameters (language, theme, dataset) follow the reader, the map's own ones do not.
pub fn region_route(id: &str, embed_search: &str) -> String {
    url_state::with_query(
        &format!("region/{}", url_state::encode_component(id)),
        &url_state::view_query(embed_search, &[]),
    )
}

/// The HTML a partner pastes: an iframe of `widget_url` (absolute, language included) titled
/// `title`, and the script `script_url` that fits the iframe to the widget's height.
pub fn snippet(widget_url: &str, script_url: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"{DEFAULT_HEIGHT}\" data-atlas-embed style=\"border:0;max-width:100%\"></iframe>\n<script src=\"{}\" defer></script>",
        attribute(widget_url),
        attribute(title),
        attribute(script_url),
    )
}

/// Text safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
