//! The map export: the SVG is well-formed XML with every region, the legend, title and sources,
//! for every class method and both themes, with hostile text escaped; the CSV has one row per
//! region with its source, and formula-like cells neutralised.

use atlas_core::charts::map_export::{map_source_ids, map_source_line, scheme_of};
use atlas_core::charts::{map_csv, map_svg, map_table, ChartTheme, MapColumns};
use atlas_core::choropleth::Choropleth;
use atlas_core::classify::{no_data_style, palette, Method, Scheme};
use atlas_core::geo::{build_map, MapGeometry};
use atlas_core::i18n::{fallback_msg, localize, t, Lang, Msg};
use atlas_core::present::sources::source_sentence;
use atlas_core::validate::{load, Dataset};
use serde_json::{json, Value};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data/atlas.json");

/// The published sample dataset, with `edit` applied, validated.
fn sample(edit: impl FnOnce(&mut Value)) -> Dataset {
    let text = std::fs::read_to_string(SAMPLE).unwrap_or_else(|e| panic!("reading {SAMPLE}: {e}"));
    let mut raw: Value = serde_json::from_str(&text).expect("the sample is JSON");
    edit(&mut raw);
    let bytes = serde_json::to_vec(&raw).expect("serialisable");
    match load(&bytes) {
        Ok(d) => d,
        Err(problems) => panic!("the edited sample is invalid: {problems:?}"),
    }
}

/// The geometry the live map builds for an 800 px wide frame.
fn geometry(d: &Dataset) -> MapGeometry {
    build_map(d.regions(), &d.raw().map, 800.0, 624.0).expect("the sample lays out")
}

fn columns(lang: Lang) -> MapColumns {
    MapColumns::new(lang, "id", "shown", "class")
}

// ---------------------------------------------------------------------------------------------
// A small XML reader: enough to prove well-formedness and to query the export.

#[derive(Debug, Clone)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every descendant element, depth first, self included.
    fn all(&self) -> Vec<&El> {
        let mut out = vec![self];
        for c in &self.children {
            if let Node::El(e) = c {
                out.extend(e.all());
            }
        }
        out
    }

    fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => s.push_str(t),
                Node::El(e) => s.push_str(&e.text()),
            }
        }
        s
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find_map(|c| match c {
            Node::El(e) if e.name == name => Some(e),
            _ => None,
        })
    }
}

fn is_name_char(c: char, first: bool) -> bool {
    c.is_alphabetic()
        || c == '_'
        || c == ':'
        || (!first && (c.is_ascii_digit() || c == '-' || c == '.'))
}

fn read_name(s: &str, at: &mut usize) -> Result<String, String> {
    let start = *at;
    for (i, c) in s[start..].char_indices() {
        if !is_name_char(c, i == 0) {
            *at = start + i;
            return if i == 0 {
                Err(format!("a name was expected at {start}"))
            } else {
                Ok(s[start..start + i].to_owned())
            };
        }
    }
    Err("the document ends inside a name".into())
}

/// Resolves the five XML entities and character references; a bare `&` or `<` is an error.
fn unescape(s: &str) -> Result<String, String> {
    if s.contains('<') {
        return Err(format!("raw '<' in {s:?}"));
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..]
            .find(';')
            .ok_or_else(|| format!("bare '&' in {s:?}"))?;
        let entity = &rest[i + 1..i + end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("bad reference &{e};"))?,
            e if e.starts_with('#') => e[1..]
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("bad reference &{e};"))?,
            e => return Err(format!("unknown entity &{e};")),
        };
        out.push(c);
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn skip_space(s: &str, at: &mut usize) {
    while s[*at..].starts_with([' ', '\n', '\t', '\r']) {
        *at += 1;
    }
}

/// Parses a document of elements, attributes and text (no comments, PIs or DTD are needed).
fn parse_xml(s: &str) -> Result<El, String> {
    if s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err("a control character XML 1.0 forbids".into());
    }
    let mut at = 0;
    skip_space(s, &mut at);
    let root = parse_element(s, &mut at)?;
    skip_space(s, &mut at);
    if at != s.len() {
        return Err(format!("content after the root element at {at}"));
    }
    Ok(root)
}

fn parse_element(s: &str, at: &mut usize) -> Result<El, String> {
    if !s[*at..].starts_with('<') {
        return Err(format!("'<' expected at {at}"));
    }
    *at += 1;
    let name = read_name(s, at)?;
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        skip_space(s, at);
        if s[*at..].starts_with("/>") {
            *at += 2;
            return Ok(El {
                name,
                attrs,
                children: vec![],
            });
        }
        if s[*at..].starts_with('>') {
            *at += 1;
            break;
        }
        let attr = read_name(s, at)?;
        if !s[*at..].starts_with("=\"") {
            return Err(format!("attribute {attr} of <{name}> is not quoted"));
        }
        *at += 2;
        let end = s[*at..]
            .find('"')
            .ok_or("an attribute value is not closed")?;
        let value = unescape(&s[*at..*at + end])?;
        *at += end + 1;
        if attrs.iter().any(|(n, _)| *n == attr) {
            return Err(format!("attribute {attr} repeated on <{name}>"));
        }
        attrs.push((attr, value));
    }
    let mut children = Vec::new();
    loop {
        let next = s[*at..]
            .find('<')
            .ok_or(format!("<{name}> is not closed"))?;
        if next > 0 {
            children.push(Node::Text(unescape(&s[*at..*at + next])?));
            *at += next;
        }
        if s[*at..].starts_with("</") {
            *at += 2;
            let close = read_name(s, at)?;
            if close != name {
                return Err(format!("<{name}> closed by </{close}>"));
            }
            skip_space(s, at);
            if !s[*at..].starts_with('>') {
                return Err(format!("</{close}> not closed"));
            }
            *at += 1;
            return Ok(El {
                name,
                attrs,
                children,
            });
        }
        children.push(Node::El(parse_element(s, at)?));
    }
}

#[test]
fn the_xml_reader_rejects_what_is_not_well_formed() {
    assert!(parse_xml("<a x=\"1\"><b/>t &amp; u</a>").is_ok());
    for bad in [
        "<a>",
        "<a></b>",
        "<a x=1/>",
        "<a x=\"<\"/>",
        "<a>&</a>",
        "<a>&nbsp;</a>",
        "<a x=\"1\" x=\"2\"/>",
        "<a/><b/>",
        "<a>\u{1}</a>",
        "<a><script>x</a>",
    ] {
        assert!(parse_xml(bad).is_err(), "{bad:?} should be rejected");
    }
}

// ---------------------------------------------------------------------------------------------
// CSV reading, RFC 4180.

fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "the CSV ends with CRLF");
    rows
}

// ---------------------------------------------------------------------------------------------
// SVG

/// The `<path data-region>` elements of a parsed export, in document order.
fn region_paths(root: &El) -> Vec<&El> {
    root.all()
        .into_iter()
        .filter(|e| e.name == "path" && e.attr("data-region").is_some())
        .collect()
}

fn legend_items(root: &El) -> Vec<&El> {
    root.all()
        .into_iter()
        .filter(|e| e.attr("data-legend").is_some())
        .collect()
}

#[test]
fn the_svg_parses_and_holds_every_region_the_legend_the_title_and_the_source() {
    let d = sample(|_| {});
    let g = geometry(&d);
    let c = Choropleth::build(&d, Some("population"), false);
    let svg = map_svg(&d, &c, &g, Lang::Fr, &ChartTheme::light());
    let root = parse_xml(&svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    assert_eq!(root.name, "svg");
    assert_eq!(root.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
    let width: f64 = root
        .attr("width")
        .and_then(|w| w.parse().ok())
        .unwrap_or(0.0);
    let height: f64 = root
        .attr("height")
        .and_then(|h| h.parse().ok())
        .unwrap_or(0.0);
    assert!(width >= 800.0 && height > 624.0, "{width} × {height}");

    // Every region once, in dataset order, named with its figure.
    let paths = region_paths(&root);
    let ids: Vec<&str> = paths.iter().filter_map(|p| p.attr("data-region")).collect();
    let expected: Vec<&str> = d.regions().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert_eq!(ids.len(), 18);
    for (i, p) in paths.iter().enumerate() {
        assert!(
            !p.attr("d").unwrap_or("").is_empty(),
            "region {} drawn",
            ids[i]
        );
        assert_eq!(
            p.attr("d"),
            g.region(i).map(|r| r.path.as_str()),
            "same path as the live map"
        );
        let title = p.child("title").map(El::text).unwrap_or_default();
        assert_eq!(title, c.describe(&d, i, Lang::Fr).aria_label);
        let name = localize(&d.regions()[i].name, Lang::Fr).text;
        assert!(title.starts_with(name), "{title} names {name}");
    }
    // Fills are the live map's.
    let fills: Vec<&str> = paths.iter().filter_map(|p| p.attr("fill")).collect();
    assert_eq!(
        fills,
        c.fills(Scheme::Light)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );

    // Legend: the classes with their ranges and counts, then no data.
    let items = legend_items(&root);
    let lines = c.legend(Scheme::Light, Lang::Fr);
    assert_eq!(items.len(), lines.len() + 1);
    assert_eq!(lines.len(), 5);
    for (item, line) in items.iter().zip(&lines) {
        assert!(
            item.text().contains(&line.text),
            "{} in {}",
            line.text,
            item.text()
        );
        assert_eq!(
            item.attr("data-count"),
            Some(line.count.to_string().as_str())
        );
        assert!(item
            .all()
            .iter()
            .any(|e| e.attr("fill") == Some(line.colour)));
    }
    let no_data = items.last().expect("a no-data entry");
    assert_eq!(no_data.attr("data-legend"), Some("nodata"));
    assert!(no_data.text().contains(t(Lang::Fr, Msg::NoData)));
    let counted: usize = items[..lines.len()]
        .iter()
        .filter_map(|i| i.attr("data-count")?.parse::<usize>().ok())
        .sum();
    assert_eq!(
        counted, 18,
        "class counts add up to the regions with a figure"
    );
    assert_eq!(no_data.attr("data-count"), Some("0"));

    // Title, source and the inset note.
    let all_text = root.text();
    assert!(all_text.contains("Population légale"), "{all_text}");
    let source = source_sentence(&d, "insee-population", Lang::Fr);
    let first_words: String = source.chars().take(30).collect();
    assert!(
        all_text.contains(&first_words),
        "{first_words} in {all_text}"
    );
    assert_eq!(
        root.child("title").map(El::text).as_deref(),
        Some(c.title(&d, Lang::Fr).as_str())
    );
}

#[test]
fn insets_are_framed_and_labelled_as_on_the_live_map() {
    let d = sample(|_| {});
    let g = geometry(&d);
    let c = Choropleth::build(&d, Some("population"), false);
    let svg = map_svg(&d, &c, &g, Lang::En, &ChartTheme::light());
    let root = parse_xml(&svg).expect("well-formed");
    let frames: Vec<&El> = root
        .all()
        .into_iter()
        .filter(|e| e.name == "rect" && e.attr("stroke-dasharray").is_some())
        .collect();
    assert_eq!(frames.len(), g.layout.insets().count());
    assert_eq!(frames.len(), 5);
    let texts: Vec<String> = root
        .all()
        .into_iter()
        .filter(|e| e.name == "text")
        .map(El::text)
        .collect();
    for inset in &d.raw().map.insets {
        let region = d.region(&inset.region).expect("inset region");
        let name = localize(&region.name, Lang::En).text;
        assert!(
            texts.iter().any(|t| t == name),
            "{name} labelled in {texts:?}"
        );
    }
}

#[test]
fn missing_figures_are_hatched_no_data_and_counted_apart() {
    let d = sample(|_| {});
    let g = geometry(&d);
    // One region has a figure, seventeen have none.
    let c = Choropleth::build(&d, Some("life_sciences_share"), false);
    assert_eq!(c.no_data_count(), 17);
    for (lang, theme) in [
        (Lang::Fr, ChartTheme::light()),
        (Lang::En, ChartTheme::dark()),
    ] {
        let svg = map_svg(&d, &c, &g, lang, &theme);
        let root = parse_xml(&svg).expect("well-formed");
        let hatch_id = format!("{}-export", no_data_style(scheme_of(&theme)).pattern_id);
        let pattern = root
            .all()
            .into_iter()
            .find(|e| e.name == "pattern")
            .expect("a hatch pattern");
        assert_eq!(pattern.attr("id"), Some(hatch_id.as_str()));
        let style = no_data_style(scheme_of(&theme));
        assert!(pattern
            .all()
            .iter()
            .any(|e| e.attr("fill") == Some(style.fill)));
        assert!(pattern
            .all()
            .iter()
            .any(|e| e.attr("stroke") == Some(style.hatch)));
        let hatch = format!("url(#{hatch_id})");
        let paths = region_paths(&root);
        let missing: Vec<&&El> = paths
            .iter()
            .filter(|p| p.attr("data-class") == Some("nodata"))
            .collect();
        assert_eq!(missing.len(), 17);
        for p in &missing {
            assert_eq!(p.attr("fill"), Some(hatch.as_str()));
            let title = p.child("title").map(El::text).unwrap_or_default();
            assert!(title.ends_with(t(lang, Msg::NoData)), "{title}");
        }
        let with_data: Vec<&&El> = paths
            .iter()
            .filter(|p| p.attr("data-class") != Some("nodata"))
            .collect();
        assert_eq!(with_data.len(), 1);
        assert!(!with_data[0].attr("fill").unwrap_or("").starts_with("url("));
        let items = legend_items(&root);
        let no_data = items.last().expect("no-data entry");
        assert_eq!(no_data.attr("data-count"), Some("17"));
        assert!(no_data
            .all()
            .iter()
            .any(|e| e.attr("fill") == Some(hatch.as_str())));
        let counted: usize = items[..items.len() - 1]
            .iter()
            .filter_map(|i| i.attr("data-count")?.parse::<usize>().ok())
            .sum();
        assert_eq!(counted, 1);
    }
}

#[test]
fn every_class_method_exports_counts_that_add_up() {
    let d = sample(|raw| {
        // Published thresholds for population, so `dataset` applies without falling back.
        if let Some(list) = raw["indicators"].as_array_mut() {
            for i in list.iter_mut().filter(|i| i["id"] == "population") {
                i["breaks"] = json!([1_000_000, 3_000_000, 5_000_000]);
            }
        }
    });
    let g = geometry(&d);
    for indicator in d.indicators() {
        for method in Method::ALL {
            let what = format!("{} by {}", indicator.id, method.as_str());
            let c = Choropleth::build_with(&d, Some(&indicator.id), false, method);
            let svg = map_svg(&d, &c, &g, Lang::Fr, &ChartTheme::light());
            let root = parse_xml(&svg).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(region_paths(&root).len(), 18, "{what}");
            let items = legend_items(&root);
            assert_eq!(items.len(), c.classes.len() + 1, "{what}");
            let counts: Vec<usize> = items
                .iter()
                .filter_map(|i| i.attr("data-count")?.parse().ok())
                .collect();
            let with_figure = c.values.iter().filter(|v| v.is_some()).count();
            assert_eq!(
                counts[..counts.len() - 1].iter().sum::<usize>(),
                with_figure,
                "{what}"
            );
            assert_eq!(counts[counts.len() - 1], 18 - with_figure, "{what}");
            // Each region's class attribute agrees with the legend's counts.
            for (k, count) in counts[..counts.len() - 1].iter().enumerate() {
                let class = (k + 1).to_string();
                let drawn = region_paths(&root)
                    .iter()
                    .filter(|p| p.attr("data-class") == Some(class.as_str()))
                    .count();
                assert_eq!(drawn, *count, "{what}, class {class}");
            }
            let note = c.fallback.map(|f| t(Lang::Fr, fallback_msg(f)));
            if let Some(note) = note {
                let first: String = note.chars().take(25).collect();
                assert!(root.text().contains(&first), "{what}: fallback note shown");
            }
            if indicator.id == "population" && method == Method::Dataset {
                assert!(c.fallback.is_none(), "{what} uses the thresholds");
                assert!(root.text().contains("≥"), "{what}: open top class");
            }
            // The CSV too: one row per region.
            let rows = parse_csv(&map_csv(&d, &c, Lang::Fr, &columns(Lang::Fr)));
            assert_eq!(rows.len(), 1 + 1 + 18, "{what}");
        }
    }
}

#[test]
fn the_dark_theme_uses_the_dark_palette_and_page() {
    let d = sample(|_| {});
    let g = geometry(&d);
    let c = Choropleth::build(&d, Some("population"), false);
    let light = map_svg(&d, &c, &g, Lang::En, &ChartTheme::light());
    let dark = map_svg(&d, &c, &g, Lang::En, &ChartTheme::dark());
    assert_ne!(light, dark);
    let root = parse_xml(&dark).expect("well-formed");
    let background = root.child("rect").expect("a background");
    assert_eq!(
        background.attr("fill"),
        Some(ChartTheme::dark().page.hex().as_str())
    );
    let dark_palette = palette(c.classes.len(), Scheme::Dark);
    for p in region_paths(&root) {
        let fill = p.attr("fill").unwrap_or("");
        assert!(
            dark_palette.contains(&fill),
            "{fill} is a dark class colour"
        );
    }
    assert_eq!(scheme_of(&ChartTheme::dark()), Scheme::Dark);
    assert_eq!(scheme_of(&ChartTheme::light()), Scheme::Light);
}

#[test]
fn the_export_is_deterministic() {
    let d = sample(|_| {});
    let c = Choropleth::build(&d, Some("population"), true);
    let a = map_svg(&d, &c, &geometry(&d), Lang::Fr, &ChartTheme::light());
    let b = map_svg(&d, &c, &geometry(&d), Lang::Fr, &ChartTheme::light());
    assert_eq!(a, b);
    assert_eq!(
        map_csv(&d, &c, Lang::Fr, &columns(Lang::Fr)),
        map_csv(&d, &c, Lang::Fr, &columns(Lang::Fr))
    );
}

const HOSTILE: &str = "<script>alert(1)</script> \"&' ]]> <!--";

/// The sample with a hostile region name, indicator name, source title and publisher.
fn hostile() -> Dataset {
    sample(|raw| {
        raw["regions"][7]["name"] = json!({ "fr": HOSTILE, "en": HOSTILE });
        raw["map"]["insets"][0]["label"] = json!({ "fr": HOSTILE, "en": HOSTILE });
        if let Some(list) = raw["indicators"].as_array_mut() {
            for i in list.iter_mut().filter(|i| i["id"] == "population") {
                i["name"] = json!({ "fr": HOSTILE, "en": HOSTILE });
            }
        }
        if let Some(list) = raw["sources"].as_array_mut() {
            for s in list.iter_mut().filter(|s| s["id"] == "insee-population") {
                s["title"] = json!({ "fr": HOSTILE, "en": HOSTILE });
                s["publisher"] = json!(HOSTILE);
            }
        }
    })
}

#[test]
fn hostile_text_is_escaped_in_the_svg() {
    let d = hostile();
    let g = geometry(&d);
    let c = Choropleth::build(&d, Some("population"), false);
    let svg = map_svg(&d, &c, &g, Lang::Fr, &ChartTheme::light());
    let lower = svg.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{svg}");
    assert!(!svg.contains("<!--"));
    assert!(!svg.contains("]]>"));
    assert!(svg.contains("&lt;script&gt;"));
    let root = parse_xml(&svg).unwrap_or_else(|e| panic!("not well-formed: {e}"));
    // The text reads back as written.
    let paths = region_paths(&root);
    let title = paths[7].child("title").map(El::text).unwrap_or_default();
    assert!(title.starts_with(HOSTILE), "{title}");
    assert_eq!(root.child("title").map(El::text).as_deref(), Some(HOSTILE));
    let texts = root.text();
    assert!(texts.contains("<script>alert(1)</script>"));
}

#[test]
fn bidi_overrides_do_not_reach_the_svg() {
    let d = sample(|raw| {
        raw["regions"][7]["name"] = json!({ "fr": "Bour\u{202E}gogne\u{200B}", "en": "B" });
    });
    let c = Choropleth::build(&d, Some("population"), false);
    let svg = map_svg(&d, &c, &geometry(&d), Lang::Fr, &ChartTheme::light());
    assert!(!svg.contains('\u{202E}') && !svg.contains('\u{200B}'));
    let root = parse_xml(&svg).expect("well-formed");
    let title = region_paths(&root)[7]
        .child("title")
        .map(El::text)
        .unwrap_or_default();
    assert!(title.starts_with("Bourgogne"), "{title}");
}

#[test]
fn without_an_indicator_every_region_says_no_data() {
    let d = sample(|raw| raw["indicators"] = json!([]));
    let c = Choropleth::build(&d, None, false);
    let svg = map_svg(&d, &c, &geometry(&d), Lang::En, &ChartTheme::light());
    let root = parse_xml(&svg).expect("well-formed");
    assert_eq!(region_paths(&root).len(), 18);
    assert!(region_paths(&root)
        .iter()
        .all(|p| p.attr("data-class") == Some("nodata")));
    let items = legend_items(&root);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].attr("data-count"), Some("18"));
    // Without a title, the map is still named.
    assert_eq!(
        root.child("title").map(El::text).as_deref(),
        Some(t(Lang::En, Msg::MapLabel))
    );
    let rows = parse_csv(&map_csv(&d, &c, Lang::En, &columns(Lang::En)));
    assert_eq!(rows.len(), 1 + 1 + 18);
}

// ---------------------------------------------------------------------------------------------
// CSV

#[test]
fn the_csv_has_one_row_per_region_with_its_figure_and_source() {
    let d = sample(|_| {});
    let c = Choropleth::build(&d, Some("population"), false);
    let cols = columns(Lang::Fr);
    let text = map_csv(&d, &c, Lang::Fr, &cols);
    assert!(!text.starts_with('\u{FEFF}'), "the shell adds the BOM");
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 2 + d.regions().len());
    // The comment line names the title and the source.
    let comment = rows[0].join(",");
    assert!(comment.starts_with("# Population légale"), "{comment}");
    assert!(comment.contains(&source_sentence(&d, "insee-population", Lang::Fr)));
    assert_eq!(
        rows[1],
        vec!["id", "Région", "Valeur", "shown", "class", "Année", "Source"]
    );
    let source_title = localize(
        &d.source("insee-population").expect("source").title,
        Lang::Fr,
    )
    .text;
    let population = d.indicator("population").expect("population");
    for (i, region) in d.regions().iter().enumerate() {
        let row = &rows[i + 2];
        assert_eq!(row.len(), 7);
        assert_eq!(row[0], region.id);
        assert_eq!(row[1], localize(&region.name, Lang::Fr).text);
        let raw = population
            .values
            .iter()
            .find(|v| v.region == region.id)
            .map(|v| v.value)
            .expect("every region has a population");
        assert_eq!(row[2], format!("{raw}"), "plain number, no grouping");
        assert_eq!(Some(row[3].clone()), c.value_text(i, Lang::Fr));
        assert!(c
            .legend(Scheme::Light, Lang::Fr)
            .iter()
            .any(|l| l.text == row[4]));
        assert_eq!(row[6], source_title);
    }
    assert_eq!(map_source_ids(&c), vec!["insee-population".to_owned()]);
    assert_eq!(
        map_source_line(&d, &c, Lang::En),
        source_sentence(&d, "insee-population", Lang::En)
    );
}

#[test]
fn missing_figures_read_no_data_in_the_csv() {
    let d = sample(|_| {});
    let c = Choropleth::build(&d, Some("life_sciences_share"), false);
    for lang in [Lang::Fr, Lang::En] {
        let rows = parse_csv(&map_csv(&d, &c, lang, &columns(lang)));
        let no_data = t(lang, Msg::NoData);
        let missing: Vec<&Vec<String>> = rows[2..].iter().filter(|r| r[2].is_empty()).collect();
        assert_eq!(missing.len(), 17);
        for r in &missing {
            assert_eq!(r[3], no_data);
            assert_eq!(r[4], no_data);
            assert_eq!(r[5], "");
            assert_eq!(r[6], "", "no figure, no source");
        }
        let with: Vec<&Vec<String>> = rows[2..].iter().filter(|r| !r[2].is_empty()).collect();
        assert_eq!(with.len(), 1);
        assert!(!with[0][6].is_empty());
    }
    // The table twin says the same.
    let table = map_table(&d, &c, Lang::En, &columns(Lang::En));
    assert_eq!(table.rows.len(), 18);
    assert_eq!(table.raw.len(), 18);
    assert_eq!(table.rows.iter().filter(|r| r[3] == "No data").count(), 17);
}

#[test]
fn formula_like_names_are_neutralised_in_the_csv() {
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1+2",
        "@SUM(A1)",
        "-3+cmd",
    ];
    let d = sample(|raw| {
        for (k, name) in names.iter().enumerate() {
            raw["regions"][k]["name"] = json!({ "fr": name, "en": name });
        }
        if let Some(list) = raw["sources"].as_array_mut() {
            for s in list.iter_mut().filter(|s| s["id"] == "insee-population") {
                s["title"] = json!({ "fr": "=cmd|' /C calc'!A0", "en": "=cmd" });
            }
        }
    });
    let c = Choropleth::build(&d, Some("population"), false);
    let rows = parse_csv(&map_csv(&d, &c, Lang::Fr, &columns(Lang::Fr)));
    for (k, name) in names.iter().enumerate() {
        assert_eq!(rows[k + 2][1], format!("'{name}"));
    }
    for row in &rows[2..] {
        assert_eq!(row[6], "'=cmd|' /C calc'!A0");
        // Numbers stay numbers.
        assert!(row[2].parse::<f64>().is_ok(), "{:?}", row[2]);
    }
}

#[test]
fn a_hostile_dataset_still_gives_a_well_formed_csv() {
    let d = hostile();
    let c = Choropleth::build(&d, Some("population"), false);
    let rows = parse_csv(&map_csv(&d, &c, Lang::Fr, &columns(Lang::Fr)));
    assert_eq!(rows.len(), 20);
    assert!(rows[2..].iter().all(|r| r.len() == 7));
    assert_eq!(rows[9][1], HOSTILE);
}

#[test]
fn a_per_capita_map_says_so_in_its_title_and_csv() {
    let d = sample(|raw| {
        // A count that can be shown per capita: population itself, marked as such.
        if let Some(list) = raw["indicators"].as_array_mut() {
            let mut clinics = list[0].clone();
            clinics["id"] = json!("clinics");
            clinics["name"] = json!({ "fr": "Cliniques", "en": "Clinics" });
            clinics["unit"] = json!("count");
            clinics["per_capita"] = json!(true);
            list.push(clinics);
        }
    });
    let c = Choropleth::build(&d, Some("clinics"), true);
    assert!(c.per_capita, "the sample has a population");
    let svg = map_svg(&d, &c, &geometry(&d), Lang::En, &ChartTheme::light());
    let root = parse_xml(&svg).expect("well-formed");
    let title = root.child("title").map(El::text).unwrap_or_default();
    assert!(title.contains(t(Lang::En, Msg::PerCapita)), "{title}");
    let rows = parse_csv(&map_csv(&d, &c, Lang::En, &columns(Lang::En)));
    // The comment line is written as is, so a reader splits it at its commas.
    assert!(
        rows[0].join(",").contains(t(Lang::En, Msg::PerCapita)),
        "{:?}",
        rows[0]
    );
    // Each region's clinics equal its population: 100,000 per 100,000 inhabitants.
    assert!(rows[2..].iter().all(|r| r[2] == "100000"), "{:?}", rows[2]);
}
