//! Browser tests of components that must behave in a real DOM (run by wasm-bindgen-test in
//! headless Chromium): hostile text stays text, links are http(s) only, fallbacks are marked.
#![cfg(target_arch = "wasm32")]

use atlas_core::model::Text;
use health_regions_atlas::components::{LText, SafeLink};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let div = document
        .create_element("div")
        .expect("a div")
        .unchecked_into::<web_sys::HtmlElement>();
    document
        .body()
        .expect("a body")
        .append_child(&div)
        .expect("appended");
    div
}

#[wasm_bindgen_test]
fn hostile_dataset_text_is_rendered_as_text() {
    let root = container();
    let hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";
    let text = Text {
        fr: Some(hostile.to_owned()),
        en: None,
    };
    let handle =
        leptos::mount::mount_to(root.clone(), move || view! { <LText text=text.clone() /> });
    assert_eq!(root.text_content().unwrap_or_default(), hostile);
    assert!(root.query_selector("img").ok().flatten().is_none());
    assert!(root.query_selector("script").ok().flatten().is_none());
    drop(handle);
}

#[wasm_bindgen_test]
fn a_text_missing_in_the_reader_language_is_marked_with_its_own() {
    let root = container();
    let text = Text {
        fr: None,
        en: Some("Test Campus".to_owned()),
    };
    // French is the default language when no locale context is provided.
    let handle =
        leptos::mount::mount_to(root.clone(), move || view! { <LText text=text.clone() /> });
    let span = root.query_selector("span").ok().flatten().expect("a span");
    assert_eq!(span.get_attribute("lang").as_deref(), Some("en"));
    drop(handle);
}

#[wasm_bindgen_test]
fn only_http_links_become_links() {
    for (url, is_link) in [
        ("https://example.org/", true),
        ("http://example.org/a?b=c", true),
        ("javascript:alert(1)", false),
        ("JaVaScRiPt:alert(1)", false),
        ("data:text/html,<script>alert(1)</script>", false),
        ("//evil.example/", false),
        ("vbscript:msgbox(1)", false),
    ] {
        let root = container();
        let owned = url.to_owned();
        let handle = leptos::mount::mount_to(
            root.clone(),
            move || view! { <SafeLink url=owned.clone()>"link"</SafeLink> },
        );
        let anchor = root.query_selector("a").ok().flatten();
        assert_eq!(anchor.is_some(), is_link, "{url}");
        if let Some(a) = anchor {
            assert_eq!(
                a.get_attribute("rel").as_deref(),
                Some("noopener noreferrer external")
            );
            assert_eq!(a.get_attribute("target").as_deref(), Some("_blank"));
        }
        drop(handle);
    }
}
