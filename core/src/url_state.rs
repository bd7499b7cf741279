//! URL query ⇄ view state: parsing is total, hostile values are dropped.
//!
//! Links are shared and embedded by strangers, so every value is treated as hostile: ids must
//! match `[A-Za-z0-9_-]{1,64}`, numbers must be finite and in range, anything else is dropped as
//! if it were absent (the view falls back to its default) rather than rejected. Unknown keys are
//! ignored and a repeated key takes its last value. Serialisation is canonical: a fixed key order
//! and only non-default values, so one view has one URL (good for caches and for comparing links).
//!
//! Each state serialises only its own keys; a route combines them, e.g.
//! `to_query(&[map.to_pairs(), common.to_pairs()].concat())`.

use std::collections::BTreeSet;

use crate::classify::Method;

/// Longest query read; the rest is ignored. Real links are far shorter.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Longest id accepted.
pub const MAX_ID_LEN: usize = 64;
/// Most regions a compare link holds.
pub const MAX_REGIONS: usize = 4;
/// Most categories a filter holds.
pub const MAX_CATEGORIES: usize = 32;
/// Zoom scale range (1 = whole map).
pub const SCALE_RANGE: (f64, f64) = (1.0, 12.0);
/// Largest pan offset either way, in map units.
pub const MAX_OFFSET: f64 = 10_000.0;

/// Splits a query into decoded `(key, value)` pairs, in order. A leading `?` is skipped and a
/// `#fragment` ignored; `+` is a space; a malformed percent escape is kept literally; invalid
/// UTF-8 becomes U+FFFD; pairs with an empty key are dropped; a key without `=` has an empty
/// value. Only pairs that end within the first [`MAX_QUERY_BYTES`] bytes are read, so a long
/// query is cut between pairs, never inside a value.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    let q = query.strip_prefix('?').unwrap_or(query);
    let q = q.split('#').next().unwrap_or("");
    let mut out = Vec::new();
    let mut consumed = 0;
    for part in q.split('&') {
        consumed += part.len() + 1;
        if consumed - 1 > MAX_QUERY_BYTES {
            break;
        }
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let key = decode(k);
        if !key.is_empty() {
            out.push((key, decode(v)));
        }
    }
    out
}

/// Encodes pairs as `k=v&k=v` (no leading `?`; empty for no pairs), in the order given. Everything
/// but `A-Z a-z 0-9 - _ . ~` and the list separator `,` is percent-encoded.
pub fn to_query(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        encode_into(&mut out, k);
        out.push('=');
        encode_into(&mut out, v);
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|&h| hex(h)),
                bytes.get(i + 2).and_then(|&l| hex(l)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `s` percent-encoded for a query value or a path segment (the rule of [`to_query`]).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

/// Rewrites links written in older formats into the current one, before states read them.
/// No older format has been published yet; `regions=28;11` (semicolons) is accepted as the
/// example of the kind of rewrite that belongs here.
pub fn migrate(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    for (k, v) in &mut pairs {
        if k == "regions" && v.contains(';') {
            *v = v.replace(';', ",");
        }
    }
    pairs
}

/// Whether `s` is an acceptable id: `[A-Za-z0-9_-]{1,64}`.
pub fn is_valid_id(s: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The value of the last occurrence of `key`.
fn last<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn id_param(pairs: &[(String, String)], key: &str) -> Option<String> {
    last(pairs, key)
        .filter(|v| is_valid_id(v))
        .map(str::to_owned)
}

fn flag_param(pairs: &[(String, String)], key: &str) -> bool {
    matches!(last(pairs, key), Some("1" | "true"))
}

fn push_id(out: &mut Vec<(String, String)>, key: &str, id: &Option<String>) {
    if let Some(id) = id.as_deref().filter(|id| is_valid_id(id)) {
        out.push((key.to_owned(), id.to_owned()));
    }
}

fn pairs_of(query: &str) -> Vec<(String, String)> {
    migrate(parse_query(query))
}

/// Interface language requested by the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LangParam {
    Fr,
    En,
}

impl LangParam {
    pub fn code(self) -> &'static str {
        match self {
            LangParam::Fr => "fr",
            LangParam::En => "en",
        }
    }

    /// `fr` or `en`, any case; anything else is `None`.
    pub fn parse(s: &str) -> Option<LangParam> {
        if s.eq_ignore_ascii_case("fr") {
            Some(LangParam::Fr)
        } else if s.eq_ignore_ascii_case("en") {
            Some(LangParam::En)
        } else {
            None
        }
    }
}

/// Colour theme requested by the link; `Auto` follows the reader's system setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeParam {
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeParam {
    pub fn code(self) -> &'static str {
        match self {
            ThemeParam::Auto => "auto",
            ThemeParam::Light => "light",
            ThemeParam::Dark => "dark",
        }
    }

    /// `light`, `dark` or `auto`, any case; anything else is `None`.
    pub fn parse(s: &str) -> Option<ThemeParam> {
        [ThemeParam::Auto, ThemeParam::Light, ThemeParam::Dark]
            .into_iter()
            .find(|t| s.eq_ignore_ascii_case(t.code()))
    }
}

/// Parameters every route reads (embeds rely on them): `lang=fr|en`, `theme=light|dark|auto`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommonState {
    /// `None`: the reader's preference decides.
    pub lang: Option<LangParam>,
    pub theme: ThemeParam,
}

/// An embed's parameters are the common ones.
pub type EmbedState = CommonState;

impl CommonState {
    pub fn from_query(query: &str) -> CommonState {
        CommonState::from_pairs(&pairs_of(query))
    }

    pub fn from_pairs(pairs: &[(String, String)]) -> CommonState {
        CommonState {
            lang: last(pairs, "lang").and_then(LangParam::parse),
            theme: last(pairs, "theme")
                .and_then(ThemeParam::parse)
                .unwrap_or_default(),
        }
    }

    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(lang) = self.lang {
            out.push(("lang".to_owned(), lang.code().to_owned()));
        }
        if self.theme != ThemeParam::Auto {
            out.push(("theme".to_owned(), self.theme.code().to_owned()));
        }
        out
    }

    pub fn to_query(&self) -> String {
        to_query(&self.to_pairs())
    }
}

/// The map view (`/`): `indicator`, `pc=1`, `classes=equal|jenks|dataset`, `cat=cluster,campus`,
/// `view=scale,x,y`, `place`, `region`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapState {
    /// Indicator colouring the map; `None`: the view's default.
    pub indicator: Option<String>,
    pub per_capita: bool,
    /// How the classes are cut; the default, quantiles, is left out of links (an unknown token
    /// reads as the default).
    pub method: Method,
    /// Categories of places shown; `None` = all, an empty set = none.
    pub categories: Option<BTreeSet<String>>,
    /// Zoom as (scale, x offset, y offset); `None` = the whole map. The app should round offsets
    /// (e.g. to 0.1) before storing them, to keep links short.
    pub zoom: Option<(f64, f64, f64)>,
    /// Place whose card is open.
    pub place: Option<String>,
    /// Selected region.
    pub region: Option<String>,
}

fn valid_zoom(z: (f64, f64, f64)) -> bool {
    let (s, x, y) = z;
    s.is_finite()
        && (SCALE_RANGE.0..=SCALE_RANGE.1).contains(&s)
        && [x, y]
            .iter()
            .all(|o| o.is_finite() && o.abs() <= MAX_OFFSET)
}

fn parse_zoom(v: &str) -> Option<(f64, f64, f64)> {
    let mut it = v.split(',').map(|n| n.trim().parse::<f64>().ok());
    let z = (it.next()??, it.next()??, it.next()??);
    // Exactly three numbers; adding 0.0 folds -0 into 0 so equal views serialise alike.
    (it.next().is_none() && valid_zoom(z)).then_some((z.0 + 0.0, z.1 + 0.0, z.2 + 0.0))
}

fn parse_categories(v: &str) -> Option<BTreeSet<String>> {
    if v.is_empty() {
        return Some(BTreeSet::new());
    }
    let set: BTreeSet<String> = v
        .split(',')
        .filter(|c| is_valid_id(c))
        .take(MAX_CATEGORIES)
        .map(str::to_owned)
        .collect();
    // A value with nothing usable is dropped (all shown), not read as "show none".
    (!set.is_empty()).then_some(set)
}

impl MapState {
    pub fn from_query(query: &str) -> MapState {
        MapState::from_pairs(&pairs_of(query))
    }

    pub fn from_pairs(pairs: &[(String, String)]) -> MapState {
        MapState {
            indicator: id_param(pairs, "indicator"),
            per_capita: flag_param(pairs, "pc"),
            method: last(pairs, "classes")
                .and_then(Method::parse)
                .unwrap_or_default(),
            categories: last(pairs, "cat").and_then(parse_categories),
            zoom: last(pairs, "view").and_then(parse_zoom),
            place: id_param(pairs, "place"),
            region: id_param(pairs, "region"),
        }
    }

    /// Canonical pairs; invalid values are left out, as parsing would drop them.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        push_id(&mut out, "indicator", &self.indicator);
        if self.per_capita {
            out.push(("pc".to_owned(), "1".to_owned()));
        }
        if self.method != Method::default() {
            out.push(("classes".to_owned(), self.method.as_str().to_owned()));
        }
        if let Some(cats) = &self.categories {
            let valid: Vec<&str> = cats
                .iter()
                .map(String::as_str)
                .filter(|c| is_valid_id(c))
                .take(MAX_CATEGORIES)
                .collect();
            if cats.is_empty() || !valid.is_empty() {
                out.push(("cat".to_owned(), valid.join(",")));
            }
        }
        if let Some(z) = self.zoom.filter(|z| valid_zoom(*z)) {
            out.push((
                "view".to_owned(),
                format!("{},{},{}", z.0 + 0.0, z.1 + 0.0, z.2 + 0.0),
            ));
        }
        push_id(&mut out, "place", &self.place);
        push_id(&mut out, "region", &self.region);
        out
    }

    pub fn to_query(&self) -> String {
        to_query(&self.to_pairs())
    }
}

/// The compare view (`/compare`): `regions=28,11`, `pc=1`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareState {
    /// 0 to [`MAX_REGIONS`] distinct region ids, in the order chosen.
    pub regions: Vec<String>,
    pub per_capita: bool,
}

fn clean_regions<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids.filter(|id| is_valid_id(id)) {
        if out.len() == MAX_REGIONS {
            break;
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
    }
    out
}

impl CompareState {
    pub fn from_query(query: &str) -> CompareState {
        CompareState::from_pairs(&pairs_of(query))
    }

    pub fn from_pairs(pairs: &[(String, String)]) -> CompareState {
        CompareState {
            regions: last(pairs, "regions")
                .map(|v| clean_regions(v.split(',')))
                .unwrap_or_default(),
            per_capita: flag_param(pairs, "pc"),
        }
    }

    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let regions = clean_regions(self.regions.iter().map(String::as_str));
        if !regions.is_empty() {
            out.push(("regions".to_owned(), regions.join(",")));
        }
        if self.per_capita {
            out.push(("pc".to_owned(), "1".to_owned()));
        }
        out
    }

    pub fn to_query(&self) -> String {
        to_query(&self.to_pairs())
    }
}

/// The funding view (`/funding`): `chart` = id of the chart in focus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FundingState {
    pub chart: Option<String>,
}

impl FundingState {
    pub fn from_query(query: &str) -> FundingState {
        FundingState::from_pairs(&pairs_of(query))
    }

    pub fn from_pairs(pairs: &[(String, String)]) -> FundingState {
        FundingState {
            chart: id_param(pairs, "chart"),
        }
    }

    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        push_id(&mut out, "chart", &self.chart);
        out
    }

    pub fn to_query(&self) -> String {
        to_query(&self.to_pairs())
    }
}

// ── Paths and queries for the app's one URL writer (`src/nav.rs`) ──

/// Query keys that belong to the whole app, not to one view: a view change keeps them.
pub const APP_KEYS: [&str; 3] = ["lang", "theme", "data"];

/// `path` followed by `query`: the bare path when the query is empty (a leading `?` is allowed).
pub fn with_query(path: &str, query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// `url` with `query` added to the query it may already have (`?` or `&` as needed).
pub fn append_query(url: &str, query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.is_empty() {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&{query}")
    } else {
        format!("{url}?{query}")
    }
}

/// The app's route for a browser path: `base` (the router base, with or without a trailing
/// slash) stripped, and always exactly one leading slash ("/" for the base itself). A path that is
/// not under `base` keeps all of itself. Collapsing leading slashes keeps a hostile path such as
/// `//evil.example/` from becoming a protocol-relative URL when the route is navigated to.
pub fn route_of(path: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let route = match path.strip_prefix(base) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => path,
    };
    format!("/{}", route.trim_start_matches('/'))
}

/// The full path to navigate to, base included: `app_path("/atlas", "/", "pc=1")` is
/// `/atlas/?pc=1`. The route is normalised as [`route_of`] does.
pub fn app_path(base: &str, route: &str, query: &str) -> String {
    let base = base.trim_end_matches('/');
    let route = format!("/{}", route.trim_start_matches('/'));
    with_query(&format!("{base}{route}"), query)
}

/// The query after a view change: the [`APP_KEYS`] pairs of `current` kept in order, then the
/// view's own pairs, encoded.
pub fn view_query(current: &str, view: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = parse_query(current)
        .into_iter()
        .filter(|(k, _)| APP_KEYS.contains(&k.as_str()))
        .collect();
    pairs.extend_from_slice(view);
    to_query(&pairs)
}

/// The query with `key` set to `value` (as its last pair) or removed when `None`; every other
/// pair of `current` kept in order.
pub fn query_with(current: &str, key: &str, value: Option<&str>) -> String {
    let mut pairs = parse_query(current);
    pairs.retain(|(k, _)| k != key);
    if let Some(v) = value {
        pairs.push((key.to_owned(), v.to_owned()));
    }
    to_query(&pairs)
}
