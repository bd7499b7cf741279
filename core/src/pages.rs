//! The static pages baked at build time: which routes, where their files go, how their links
//! resolve from any depth under any mount path, and how a page is assembled from the template.
//!
//! A baked page is served by any static host as a plain file (`region/28/index.html`), so its
//! links must work without knowing where the atlas is mounted: they are written relative to the
//! page's own folder (`../../compare/`), or from the mount path when the build was given one.

use crate::url_state::is_valid_id;
use crate::validate::Dataset;

/// The router's route shapes (src/app.rs), in the same order; `:id` is one path segment.
pub const ROUTE_SHAPES: [&str; 9] = [
    "/",
    "/region/:id",
    "/compare",
    "/funding",
    "/sources",
    "/embed/map",
    "/embed/chart/:id",
    "/embed/region/:id",
    "/embed/compare",
];

/// Every route of this dataset that gets its own page: each view, each region, each chart.
pub fn baked_routes(dataset: &Dataset) -> Vec<String> {
    let regions: Vec<&str> = dataset
        .regions()
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| is_valid_id(id))
        .collect();
    let charts = dataset
        .funding()
        .iter()
        .map(|f| f.id.as_str())
        .chain(dataset.raw().shares.iter().map(|s| s.id.as_str()))
        .filter(|id| is_valid_id(id));
    let mut routes = vec!["/".to_owned()];
    routes.extend(regions.iter().map(|id| format!("/region/{id}")));
    routes.extend(["/compare", "/funding", "/sources", "/embed/map"].map(String::from));
    routes.extend(charts.map(|id| format!("/embed/chart/{id}")));
    routes.extend(regions.iter().map(|id| format!("/embed/region/{id}")));
    routes.push("/embed/compare".to_owned());
    routes
}

/// Whether `path` (no query) is one of the router's routes.
pub fn is_route(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    ROUTE_SHAPES.iter().any(|shape| {
        let shape: Vec<&str> = shape.trim_end_matches('/').split('/').skip(1).collect();
        shape.len() == segments.len()
            && shape
                .iter()
                .zip(&segments)
                .all(|(s, p)| if *s == ":id" { is_valid_id(p) } else { s == p })
    })
}

/// The file a route is written to, relative to the build's root.
pub fn file_of(route: &str) -> String {
    let folder = route.trim_matches('/');
    if folder.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{folder}/index.html")
    }
}

/// How a baked page reaches the build's root: up from its own folder, or from a mount path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// A relative build: the page is `depth` folders below the root.
    Relative { depth: usize },
    /// A build for a known mount path (`--public-url /atlas/`), ending with `/`.
    Absolute(String),
}

impl Root {
    /// The root of a relative build, seen from `route`'s page.
    pub fn relative_to(route: &str) -> Root {
        Root::Relative {
            depth: route
                .trim_matches('/')
                .split('/')
                .filter(|s| !s.is_empty())
                .count(),
        }
    }

    /// The prefix every root-relative path gets: `./`, `../../` or `/atlas/`.
    pub fn prefix(&self) -> String {
        match self {
            Root::Relative { depth: 0 } => "./".to_owned(),
            Root::Relative { depth } => "../".repeat(*depth),
            Root::Absolute(base) => base.clone(),
        }
    }
}

/// A link the views wrote from the root (`/region/28?lang=en`, `/data/atlas.json`) as seen from a
/// baked page: routes become their folder (`…/region/28/`), so a host serves the file with no
/// redirect; files keep their name.
pub fn link_from(root: &Root, href: &str) -> String {
    let (path, rest) = match href.find(['?', '#']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let inside = path.trim_start_matches('/');
    let folder = if is_route(path) && !inside.is_empty() {
        format!("{}/", inside.trim_end_matches('/'))
    } else {
        inside.to_owned()
    };
    format!("{}{folder}{rest}", root.prefix())
}

/// Rewrites the `href`/`src` attributes of `html` that start at the root (`"/…"`, not `"//…"`).
pub fn rewrite_root_links(html: &str, root: &Root) -> String {
    rewrite_attributes(html, |value| {
        (value.starts_with('/') && !value.starts_with("//")).then(|| link_from(root, value))
    })
}

/// Rewrites the relative `href`/`src` attributes of the template (`./main.css`, `icons/…`) for a
/// page that is not at the root. Absolute URLs, root paths, fragments and queries are kept.
pub fn rewrite_relative_links(html: &str, root: &Root) -> String {
    rewrite_attributes(html, |value| {
        let relative =
            !value.is_empty() && !value.starts_with(['/', '#', '?']) && !has_scheme(value);
        relative.then(|| format!("{}{}", root.prefix(), value.trim_start_matches("./")))
    })
}

fn has_scheme(value: &str) -> bool {
    value.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Applies `change` to the value of every `href` and `src` attribute of every tag.
fn rewrite_attributes(html: &str, change: impl Fn(&str) -> Option<String>) -> String {
    map_attributes(html, |name, value| match name {
        "href" | "src" => Attr::Set(change(value).unwrap_or_else(|| value.to_owned())),
        _ => Attr::Keep,
    })
}

/// What to do with one attribute of a tag.
enum Attr {
    Keep,
    Set(String),
    Drop,
}

/// Walks the tags of `html` (text between them is left as is: Leptos escapes `<` in text) and
/// applies `decide` to each `name="value"` attribute. Values are written back as found (still
/// escaped); only double-quoted values, the only kind the renderer and Trunk write, are seen.
fn map_attributes(html: &str, mut decide: impl FnMut(&str, &str) -> Attr) -> String {
    map_tags(html, |tag| {
        let mut out = String::with_capacity(tag.len());
        let mut rest = tag;
        while let Some(eq) = rest.find("=\"") {
            let name_start = rest[..eq]
                .rfind(|c: char| c.is_whitespace())
                .map_or(0, |i| i + 1);
            let Some(len) = rest[eq + 2..].find('"') else {
                break;
            };
            let (name, value) = (&rest[name_start..eq], &rest[eq + 2..eq + 2 + len]);
            let end = eq + 2 + len + 1;
            match decide(name, value) {
                Attr::Keep => out.push_str(&rest[..end]),
                Attr::Set(new) => {
                    out.push_str(&rest[..eq + 2]);
                    out.push_str(&new);
                    out.push('"');
                }
                // The attribute and the space before it.
                Attr::Drop => out.push_str(rest[..name_start].trim_end()),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    })
}

/// Applies `change` to every start tag (`<a …>`, `<path …/>`) of `html`; text, comments and
/// end tags pass unchanged. A tag ends at the first `>` outside a quoted value.
fn map_tags(html: &str, mut change: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let is_start_tag = tag[1..].starts_with(|c: char| c.is_ascii_alphabetic());
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map(|(i, _)| i + 1);
        let Some(end) = end else {
            out.push_str(tag);
            return out;
        };
        if is_start_tag {
            out.push_str(&change(&tag[..end]));
        } else {
            out.push_str(&tag[..end]);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// The `style="…"` attributes of rendered views, moved to one stylesheet shared by the baked
/// pages: the Content-Security-Policy (`style-src 'self'`) refuses style attributes in markup,
/// while the live app sets the same properties through the CSSOM, which it allows.
#[derive(Debug, Clone, Default)]
pub struct InlineStyles {
    /// Declarations → class name.
    rules: std::collections::BTreeMap<String, String>,
}

impl InlineStyles {
    /// `html` with each style attribute replaced by a class of the stylesheet. Declarations with
    /// anything but plain CSS value characters are dropped (they come from our own code, but a
    /// stylesheet is no place to find out otherwise).
    pub fn extract(&mut self, html: &str) -> String {
        map_tags(html, |tag| {
            let mut style = None;
            let without = map_attributes(tag, |name, value| {
                if name == "style" {
                    style = Some(value.to_owned());
                    Attr::Drop
                } else {
                    Attr::Keep
                }
            });
            let Some(declarations) = style.filter(|d| is_plain_css(d)) else {
                return without;
            };
            let next = format!("b{}", self.rules.len());
            let class = self.rules.entry(declarations).or_insert(next).clone();
            let mut added = false;
            let with_class = map_attributes(&without, |name, value| {
                if name == "class" && !added {
                    added = true;
                    Attr::Set(format!("{value} {class}"))
                } else {
                    Attr::Keep
                }
            });
            if added {
                return with_class;
            }
            let at = with_class
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(with_class.len());
            format!(
                "{} class=\"{class}\"{}",
                &with_class[..at],
                &with_class[at..]
            )
        })
    }

    /// The stylesheet: one rule per distinct declaration list, `!important` so that, like the
    /// attribute it replaces, it wins over the component styles.
    pub fn stylesheet(&self) -> String {
        let mut css = String::from("/* Baked pages: the views' inline styles (atlas-bake). */\n");
        for (declarations, class) in &self.rules {
            css.push('.');
            css.push_str(class);
            css.push('{');
            for d in declarations
                .split(';')
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                css.push_str(d);
                css.push_str(" !important;");
            }
            css.push_str("}\n");
        }
        css
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

fn is_plain_css(declarations: &str) -> bool {
    declarations
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " #%.,:;-()".contains(c))
}

/// Escapes text for an HTML attribute value or element content.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What a baked page says about itself in its `<head>`.
#[derive(Debug, Clone, PartialEq)]
pub struct PageHead {
    pub route: String,
    pub lang: String,
    pub title: String,
    pub description: String,
    /// The dataset's `metadata.version`: the live app drops the baked content for a newer one.
    pub dataset_version: String,
    /// The site's public address when the build knows it (`ATLAS_SITE_URL`), for canonical and
    /// Open Graph URLs; relative otherwise.
    pub site_url: Option<String>,
}

/// One language's rendering of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageCopy {
    /// `fr`, `en`: the `lang` attribute and what `public/prefs.js` matches.
    pub lang: String,
    pub title: String,
    pub body: String,
}

/// The page's content in each language, the first shown by default: `public/prefs.js` (a
/// blocking script in the head, so before the first paint) picks the reader's language as the
/// app will (`?lang`, saved choice, browser) and the stylesheet hides the other copies. Brotli
/// finds the second copy's map and figures in the first, so it costs little on the wire.
pub fn in_languages(copies: &[LanguageCopy]) -> String {
    copies
        .iter()
        .map(|c| {
            format!(
                "<div data-baked-lang=\"{l}\" lang=\"{l}\" data-title=\"{t}\">{b}</div>",
                l = escape_html(&c.lang),
                t = escape_html(&c.title),
                b = c.body
            )
        })
        .collect()
}

/// Why a template cannot be baked into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(pub &'static str);

/// The page for one route: the built `index.html` with this page's head and `body` (the views
/// rendered to HTML, links still from the root, style attributes already moved to the
/// `stylesheet` file, named from the root) in place of the loading message.
pub fn assemble(
    template: &str,
    head: &PageHead,
    body: &str,
    root: &Root,
    stylesheet: Option<&str>,
) -> Result<String, TemplateError> {
    if template.contains("<div id=\"baked\"") {
        return Err(TemplateError(
            "already baked: bake the page Trunk built, once",
        ));
    }
    let mut page = match root {
        Root::Relative { depth } if *depth > 0 => rewrite_relative_links(template, root),
        _ => template.to_owned(),
    };
    // `data-embed` as the app sets it, so that an embed's baked page is styled as one.
    let embed = head.route.starts_with("/embed/");
    let html_lang = format!("{}\" data-embed=\"{embed}", escape_html(&head.lang));
    replace_between(&mut page, "<html lang=\"", "\"", &html_lang)
        .ok_or(TemplateError("no <html lang=\"…\">"))?;
    replace_between(&mut page, "<title>", "</title>", &escape_html(&head.title))
        .ok_or(TemplateError("no <title>"))?;
    replace_between(
        &mut page,
        "<meta name=\"description\" content=\"",
        "\"",
        &escape_html(&head.description),
    )
    .ok_or(TemplateError("no <meta name=\"description\">"))?;
    // The wasm is fetched by boot.js once the page is parsed; preloading it would compete with
    // the stylesheet for the first paint that the baked content makes possible.
    remove_tags(&mut page, "<link rel=\"preload\"", "as=\"fetch\"");
    remove_tags(&mut page, "<link rel=\"modulepreload\"", "");
    let folder = link_from(root, &head.route);
    let canonical = match &head.site_url {
        Some(site) => format!(
            "{}/{}",
            site.trim_end_matches('/'),
            link_from(&Root::Absolute("/".into()), &head.route).trim_start_matches('/')
        ),
        None => folder,
    };
    let og_locale = if head.lang == "en" { "en_GB" } else { "fr_FR" };
    let styles = stylesheet.map_or(String::new(), |file| {
        format!(
            "<link rel=\"stylesheet\" href=\"{}\">\n    ",
            escape_html(&link_from(root, file))
        )
    });
    // Blocking on purpose, and tiny: the reader's language and theme before the first paint.
    // After every stylesheet: Chromium requests a stylesheet that follows a blocking script only
    // once the script has arrived, which put two round trips before the first paint (one RTT
    // more on a phone network); after them, all are requested together.
    let prefs = format!(
        "<script src=\"{}\"></script>\n    ",
        escape_html(&link_from(root, "/prefs.js"))
    );
    // A page with a baked map starts its first answers (island/) as soon as they arrive: an async
    // module, so neither the parser nor the first paint waits for it, and it needs neither the
    // rest of the document nor boot.js.
    let island = if body.contains("data-map-tips") {
        format!(
            "<script type=\"module\" async src=\"{}\"></script>\n    ",
            escape_html(&link_from(root, "/island.js"))
        )
    } else {
        String::new()
    };
    let meta = format!(
        "{styles}{island}{prefs}<link rel=\"canonical\" href=\"{c}\">\n    \
         <meta property=\"og:type\" content=\"website\">\n    \
         <meta property=\"og:title\" content=\"{t}\">\n    \
         <meta property=\"og:description\" content=\"{d}\">\n    \
         {og_url}<meta property=\"og:locale\" content=\"{og_locale}\">\n  </head>",
        c = escape_html(&canonical),
        // Open Graph wants an absolute URL: only when the build knows the site's address.
        og_url = if head.site_url.is_some() {
            format!(
                "<meta property=\"og:url\" content=\"{}\">\n    ",
                escape_html(&canonical)
            )
        } else {
            String::new()
        },
        t = escape_html(&head.title),
        d = escape_html(&head.description),
    );
    page = page.replacen("</head>", &meta, 1);
    let start = page.find("<body>").ok_or(TemplateError("no <body>"))? + "<body>".len();
    let end = page.rfind("</body>").ok_or(TemplateError("no </body>"))?;
    let content = format!(
        "\n    <div id=\"baked\" data-route=\"{route}\" data-dataset-version=\"{version}\">{body}</div>\n    \
         <div id=\"app\" data-pending></div>\n  ",
        route = escape_html(&head.route),
        version = escape_html(&head.dataset_version),
        body = without_render_markers(&without_test_ids(&rewrite_root_links(body, root))),
    );
    page.replace_range(start..end, &content);
    Ok(page)
}

/// The baked copy loses its `data-testid`s: until the app takes over, both copies are in the
/// document, and each test id must name the live one.
fn without_test_ids(html: &str) -> String {
    map_attributes(html, |name, _| {
        if name == "data-testid" {
            Attr::Drop
        } else {
            Attr::Keep
        }
    })
}

/// The renderer's hydration markers (`<!>`, `<!--<() />-->`): a baked page is replaced, not
/// hydrated, so they are bytes for nothing. Text never holds them (the renderer escapes `<`).
fn without_render_markers(html: &str) -> String {
    html.replace("<!>", "").replace("<!--<() />-->", "")
}

/// Replaces the text between the first `open` and the next `close` after it.
fn replace_between(page: &mut String, open: &str, close: &str, with: &str) -> Option<()> {
    let start = page.find(open)? + open.len();
    let end = start + page[start..].find(close)?;
    page.replace_range(start..end, with);
    Some(())
}

/// Removes every tag that starts with `start` and contains `containing`.
fn remove_tags(page: &mut String, start: &str, containing: &str) {
    let mut from = 0;
    while let Some(i) = page[from..].find(start).map(|i| i + from) {
        let Some(len) = page[i..].find('>').map(|l| l + 1) else {
            return;
        };
        if page[i..i + len].contains(containing) {
            let line_start = page[..i].rfind('\n').map_or(i, |n| n + 1);
            let only_tag_on_line = page[line_start..i].trim().is_empty();
            let end = if only_tag_on_line && page[i + len..].starts_with('\n') {
                i + len + 1
            } else {
                i + len
            };
            let start = if only_tag_on_line { line_start } else { i };
            page.replace_range(start..end, "");
            from = start;
        } else {
            from = i + len;
        }
    }
}
