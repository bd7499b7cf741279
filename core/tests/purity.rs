//! Architecture invariants, checked by reading the sources.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .filter_map(|p| fs::read_to_string(&p).ok().map(|s| (p, s)))
        .collect()
}

#[test]
fn the_core_imports_no_browser_or_ui_crate() {
    let forbidden = ["leptos", "web_sys", "js_sys", "wasm_bindgen", "gloo"];
    for (path, text) in sources("src") {
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for name in forbidden {
                assert!(
                    !line.contains(&format!("{name}::")) && !line.contains(&format!("use {name}")),
                    "{} uses {name}: {line}",
                    path.display()
                );
            }
        }
    }
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .unwrap_or_default();
    for name in ["leptos", "web-sys", "js-sys", "wasm-bindgen", "gloo"] {
        assert!(
            !manifest.contains(name),
            "core/Cargo.toml depends on {name}"
        );
    }
}

#[test]
fn only_the_data_module_of_the_app_does_network_io() {
    for (path, text) in sources("../src") {
        let is_data = path
            .to_string_lossy()
            .replace('\\', "/")
            .contains("src/data/");
        let does_io = text.contains("gloo_net")
            || text.contains("fetch_with")
            || text.contains("XmlHttpRequest");
        assert!(
            is_data || !does_io,
            "{} does network I/O; only src/data/ may",
            path.display()
        );
    }
}

#[test]
fn every_module_opens_with_a_doc_line() {
    let mut all = sources("src");
    all.extend(sources("../src"));
    all.extend(sources("tests"));
    for (path, text) in all {
        assert!(
            text.starts_with("//!"),
            "{} must open with a //! line",
            path.display()
        );
    }
}

/// The app's files allowed to set raw HTML, each for SVG that `atlas_core` drew and escaped (the
/// chart's `Chart::svg`, the map's marker layer). A new SVG component goes here, likewise.
const SVG_COMPONENTS: [&str; 2] = ["src/components/chart/mod.rs", "src/features/map/markers.rs"];

/// Ways to hand raw HTML to the DOM: the Leptos attribute/method and the web_sys setters.
const RAW_HTML: [&str; 3] = ["inner_html", "outer_html", "insert_adjacent_html"];

/// What is wrong with raw HTML on `line` of the app's file `relative` (a path from the repository
/// root), if anything. `draws_with_core`: the file uses `atlas_core::charts`.
fn raw_html_problem(relative: &str, draws_with_core: bool, line: &str) -> Option<String> {
    // The code without its `//` comment (good enough here: no `//` inside these lines' strings).
    let code = line.split("//").next().unwrap_or("");
    let kind = RAW_HTML.iter().find(|k| code.contains(*k))?;
    if !SVG_COMPONENTS.contains(&relative) {
        return Some(format!(
            "uses {kind} outside the SVG components {SVG_COMPONENTS:?}"
        ));
    }
    // Only the view attribute, bound to a name ending in `svg` (never a literal, a format! or
    // any expression built here), in a file that draws with atlas_core::charts.
    let value = code
        .split("inner_html=")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
        })
        .unwrap_or("");
    if *kind == "inner_html" && value.ends_with("svg") && draws_with_core {
        None
    } else {
        Some("raw HTML must be `inner_html=<name>svg` holding atlas_core::charts output".into())
    }
}

#[test]
fn inner_html_is_only_used_for_svg_the_atlas_drew() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = sources("../src");
    assert!(
        files.iter().any(|(p, _)| p.ends_with("src/lib.rs")),
        "the scan does not read the app's src/"
    );
    for (path, text) in files {
        let relative = path
            .strip_prefix(&app)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let draws_with_core = text.contains("use atlas_core::charts");
        for (n, line) in text.lines().enumerate() {
            if let Some(problem) = raw_html_problem(&relative, draws_with_core, line) {
                panic!("{relative}:{}: {problem}: {}", n + 1, line.trim());
            }
        }
    }
}

#[test]
fn the_raw_html_rule_accepts_only_core_svg_in_the_svg_components() {
    let chart = SVG_COMPONENTS[0];
    let ok = r#"<div class="chart-svg" inner_html=chart_svg></div>"#;
    assert_eq!(raw_html_problem(chart, true, ok), None);
    assert_eq!(
        raw_html_problem(chart, true, "// inner_html is for our SVG"),
        None
    );
    for (file, core, line) in [
        ("src/routes/region.rs", true, ok),
        ("src/components/charts_extra.rs", true, ok),
        (chart, false, ok),
        (
            chart,
            true,
            r#"<div inner_html=format!("<b>{name}</b>")></div>"#,
        ),
        (chart, true, "<div inner_html=region_name></div>"),
        (chart, true, "<div inner_html=move || label.get()></div>"),
        (chart, true, ".inner_html(chart_svg)"),
        (chart, true, "el.set_inner_html(&chart_svg);"),
        (chart, true, "node.set_outer_html(&chart_svg)"),
        (
            chart,
            true,
            r#"el.insert_adjacent_html("beforeend", &chart_svg)"#,
        ),
    ] {
        assert!(
            raw_html_problem(file, core, line).is_some(),
            "accepted: {file} {line}"
        );
    }
}

#[test]
fn the_published_schema_matches_the_types() {
    let committed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data/atlas.schema.json"),
    )
    .unwrap_or_default();
    assert_eq!(
        committed,
        atlas_core::schema::dataset_schema_json(),
        "public/data/atlas.schema.json is stale: run `cargo run -p atlas-core --bin atlas-validate -- --schema > public/data/atlas.schema.json`"
    );
}
