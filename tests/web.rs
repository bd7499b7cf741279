//! Browser tests of components that must behave in a real DOM (run by wasm-bindgen-test in
//! headless Chromium): hostile text stays text, links are http(s) only, fallbacks are marked,
//! the shared tooltip is placed and announced as its users need.
#![cfg(target_arch = "wasm32")]

use atlas_core::model::Text;
use health_regions_atlas::components::{LText, SafeLink, TipPlacement, Tooltip};
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

#[wasm_bindgen_test]
fn the_tooltip_is_placed_by_the_css_object_model_and_keeps_text_as_text() {
    let root = container();
    let hostile = "<img src=x onerror=\"window.__pwned=1\">";
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Tooltip placement=TipPlacement::beside(700.0, 20.0, 800.0) test_id="tip">{hostile}</Tooltip>
        }
    });
    let tip = root
        .query_selector("[data-testid=tip]")
        .ok()
        .flatten()
        .expect("the tooltip");
    assert_eq!(tip.get_attribute("role").as_deref(), Some("tooltip"));
    assert_eq!(tip.get_attribute("aria-hidden"), None);
    assert_eq!(tip.class_name(), "tooltip");
    // Near the right edge it opens to the left.
    let style = js_sys::Reflect::get(&tip, &"style".into()).expect("a style");
    let property = |name: &str| {
        js_sys::Reflect::get(&style, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    assert_eq!(property("left").as_deref(), Some("686px"));
    assert_eq!(property("top").as_deref(), Some("34px"));
    assert_eq!(property("transform").as_deref(), Some("translateX(-100%)"));
    assert_eq!(tip.text_content().unwrap_or_default(), hostile);
    assert!(root.query_selector("img").ok().flatten().is_none());
    drop(handle);
}

#[wasm_bindgen_test]
fn a_decorative_tooltip_is_hidden_from_assistive_technology() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Tooltip placement=TipPlacement::above(0.5, 0.5) test_id="tip" decorative=true>"2016"</Tooltip>
        }
    });
    let tip = root
        .query_selector("[data-testid=tip]")
        .ok()
        .flatten()
        .expect("the tooltip");
    assert_eq!(tip.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(tip.get_attribute("role"), None);
    drop(handle);
}
