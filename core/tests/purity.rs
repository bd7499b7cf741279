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
        let is_data = path.ends_with("src/data.rs");
        let does_io = text.contains("gloo_net")
            || text.contains("fetch_with")
            || text.contains("XmlHttpRequest");
        assert!(
            is_data || !does_io,
            "{} does network I/O; only src/data.rs may",
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

#[test]
fn inner_html_is_only_used_for_svg_the_atlas_drew() {
    for (path, text) in sources("../src") {
        for (n, line) in text.lines().enumerate() {
            if line.contains("inner_html") {
                assert!(
                    line.contains("svg") || line.contains("chart") || line.contains("Svg"),
                    "{}:{} sets inner_html from something that is not our own SVG: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
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
