//! The baked pages' routes, files and links: right from every depth, under any mount path.

use atlas_core::pages::{
    assemble, baked_routes, file_of, in_languages, is_route, link_from, rewrite_relative_links,
    rewrite_root_links, InlineStyles, LanguageCopy, PageHead, Root, ROUTE_SHAPES,
};
use atlas_core::validate::load;

const TEMPLATE: &str = r#"<!doctype html>
<html lang="fr">
  <head>
    <meta name="description" content="Atlas">
    <title>Atlas</title>
    <link rel="icon" href="icons/icon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="./main-1.css" integrity="sha384-x"/>
    <script type="module" src="./boot.js?js=app-1.js&amp;wasm=app-1_bg.wasm"></script>
    <link rel="modulepreload" href="./app-1.js" crossorigin="anonymous">
    <link rel="preload" href="./app-1_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">
  </head>
  <body>
    <div id="boot-status" role="status"><p>Chargement…</p></div>
  </body>
</html>
"#;

fn head(route: &str) -> PageHead {
    PageHead {
        route: route.into(),
        lang: "fr".into(),
        title: "Normandie · Atlas <des> régions & \"santé\"".into(),
        description: "Chiffres clés".into(),
        dataset_version: "2026.11.0".into(),
        site_url: None,
    }
}

#[test]
fn every_view_region_and_chart_of_the_bundled_dataset_gets_a_page() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/data/atlas.json"
    ))
    .expect("bundled dataset");
    let dataset = load(&bytes).expect("valid bundled dataset");
    let routes = baked_routes(&dataset);
    let regions = dataset.regions().len();
    let charts = dataset.funding().len() + dataset.raw().shares.len();
    assert_eq!(routes.len(), 6 + 2 * regions + charts);
    assert_eq!(routes[0], "/");
    assert!(routes.contains(&"/region/28".to_owned()));
    assert!(routes.contains(&"/embed/region/28".to_owned()));
    assert!(routes.contains(&"/embed/compare".to_owned()));
    assert!(routes.iter().all(|r| is_route(r)), "{routes:?}");
    let mut files: Vec<String> = routes.iter().map(|r| file_of(r)).collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), routes.len(), "two routes would share a file");
}

#[test]
fn route_shapes_match_and_nothing_else_does() {
    assert_eq!(ROUTE_SHAPES.len(), 9);
    for ok in [
        "/",
        "/region/28",
        "/region/28/",
        "/compare",
        "/embed/chart/budget-2024",
        "/embed/compare",
    ] {
        assert!(is_route(ok), "{ok}");
    }
    for no in [
        "/data/atlas.json",
        "/region",
        "/region/28/x",
        "/region/../x",
        "/embed",
        "/icons/icon.svg",
        "/compare/x",
    ] {
        assert!(!is_route(no), "{no}");
    }
}

#[test]
fn files_and_depths() {
    assert_eq!(file_of("/"), "index.html");
    assert_eq!(file_of("/region/28"), "region/28/index.html");
    assert_eq!(file_of("/embed/chart/x"), "embed/chart/x/index.html");
    assert_eq!(Root::relative_to("/").prefix(), "./");
    assert_eq!(Root::relative_to("/compare").prefix(), "../");
    assert_eq!(Root::relative_to("/embed/region/28").prefix(), "../../../");
    assert_eq!(Root::Absolute("/atlas/".into()).prefix(), "/atlas/");
}

#[test]
fn links_point_at_folders_for_routes_and_at_files_for_files() {
    let deep = Root::relative_to("/region/28");
    assert_eq!(link_from(&deep, "/"), "../../");
    assert_eq!(
        link_from(&deep, "/compare?regions=28,11"),
        "../../compare/?regions=28,11"
    );
    assert_eq!(
        link_from(&deep, "/region/11#places"),
        "../../region/11/#places"
    );
    assert_eq!(
        link_from(&deep, "/data/atlas.json"),
        "../../data/atlas.json"
    );
    let top = Root::relative_to("/");
    assert_eq!(link_from(&top, "/"), "./");
    assert_eq!(link_from(&top, "/sources"), "./sources/");
    let mounted = Root::Absolute("/atlas/sub/".into());
    assert_eq!(link_from(&mounted, "/region/28"), "/atlas/sub/region/28/");
}

#[test]
fn only_root_links_of_the_views_are_rewritten() {
    let html = r##"<a href="/region/28">N</a><a href="https://insee.fr/x">I</a><a href="#main">M</a><a href="//evil.example/">E</a><img src="/icons/a.svg"><p>href="/x"</p>"##;
    let out = rewrite_root_links(html, &Root::relative_to("/compare"));
    assert_eq!(
        out,
        r##"<a href="../region/28/">N</a><a href="https://insee.fr/x">I</a><a href="#main">M</a><a href="//evil.example/">E</a><img src="../icons/a.svg"><p>href="/x"</p>"##
    );
}

#[test]
fn the_templates_relative_links_are_rewritten_for_the_depth() {
    let out = rewrite_relative_links(
        r##"<link href="./main.css"><link href="icons/i.svg"><a href="https://x.org/">x</a><a href="#m">m</a><a href="/abs">a</a><a href="mailto:a@b.c">@</a>"##,
        &Root::relative_to("/region/28"),
    );
    assert_eq!(
        out,
        r##"<link href="../../main.css"><link href="../../icons/i.svg"><a href="https://x.org/">x</a><a href="#m">m</a><a href="/abs">a</a><a href="mailto:a@b.c">@</a>"##
    );
}

#[test]
fn a_page_has_its_head_its_content_and_no_wasm_preload() {
    let body = r#"<main id="main" data-testid="main"><!--<() />--><a href="/compare">Comparer<!></a></main>"#;
    let page = assemble(
        TEMPLATE,
        &head("/region/28"),
        body,
        &Root::relative_to("/region/28"),
        None,
    )
    .unwrap();
    assert!(page.contains("<html lang=\"fr\" data-embed=\"false\">"));
    assert!(
        page.contains(
            "<title>Normandie · Atlas &lt;des&gt; régions &amp; &quot;santé&quot;</title>"
        ),
        "{page}"
    );
    assert!(page.contains("<meta name=\"description\" content=\"Chiffres clés\">"));
    assert!(page.contains("<link rel=\"canonical\" href=\"../../region/28/\">"));
    assert!(page.contains("<meta property=\"og:title\" content=\"Normandie · Atlas &lt;des&gt;"));
    assert!(page.contains("href=\"../../main-1.css\""));
    // The blocking script comes after every stylesheet, so that none waits for it.
    let prefs = page.find("<script src=\"../../prefs.js\"></script>");
    let last_stylesheet = page.rfind("<link rel=\"stylesheet\"");
    assert!(prefs.is_some() && last_stylesheet.is_some(), "{page}");
    assert!(
        prefs > last_stylesheet,
        "prefs.js after the stylesheets: {page}"
    );
    assert!(prefs < page.find("</head>"), "prefs.js in the head: {page}");
    assert!(page.contains("src=\"../../boot.js?js=app-1.js&amp;wasm=app-1_bg.wasm\""));
    assert!(page.contains("href=\"../../icons/icon.svg\""));
    assert!(!page.contains("preload"), "{page}");
    assert!(
        !page.contains("og:url"),
        "Open Graph URLs are absolute or absent"
    );
    assert!(!page.contains("boot-status"));
    assert!(page.contains(r#"<div id="baked" data-route="/region/28" data-dataset-version="2026.11.0"><main id="main"><a href="../../compare/">Comparer</a></main></div>"#), "{page}");
    assert!(page.contains(r#"<div id="app" data-pending></div>"#));
}

#[test]
fn only_a_page_with_a_baked_map_starts_its_first_answers_from_its_head() {
    let island = "<script type=\"module\" async src=\"../../island.js\"></script>";
    let root = Root::relative_to("/embed/map");
    let map = r#"<div class="map-frame"><svg></svg><template data-map-tips><div data-region="28"></div></template></div>"#;
    let page = assemble(TEMPLATE, &head("/embed/map"), map, &root, None).unwrap();
    let at = page.find(island);
    assert!(at.is_some(), "{page}");
    assert!(at < page.find("</head>"), "in the head: {page}");
    // Before the blocking script, so that the parser finds it first.
    assert!(at < page.find("prefs.js"), "{page}");
    let page = assemble(
        TEMPLATE,
        &head("/compare"),
        "<main></main>",
        &Root::relative_to("/compare"),
        None,
    )
    .unwrap();
    assert!(!page.contains("island.js"), "{page}");
}

#[test]
fn a_known_site_address_makes_canonical_and_open_graph_urls_absolute() {
    let mut h = head("/region/28");
    h.site_url = Some("https://atlas.example.org/sante/".into());
    let page = assemble(TEMPLATE, &h, "", &Root::relative_to("/region/28"), None).unwrap();
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://atlas.example.org/sante/region/28/\">"
        ),
        "{page}"
    );
    assert!(page.contains(
        "<meta property=\"og:url\" content=\"https://atlas.example.org/sante/region/28/\">"
    ));
}

#[test]
fn a_template_without_its_landmarks_is_refused() {
    assert!(assemble(
        "<html><body></body></html>",
        &head("/"),
        "",
        &Root::relative_to("/"),
        None
    )
    .is_err());
    assert!(assemble(
        &TEMPLATE.replace("<title>Atlas</title>", ""),
        &head("/"),
        "",
        &Root::relative_to("/"),
        None
    )
    .is_err());
}

#[test]
fn a_baked_page_is_not_a_template() {
    let once = assemble(
        TEMPLATE,
        &head("/"),
        "<main></main>",
        &Root::relative_to("/"),
        None,
    )
    .unwrap();
    assert!(assemble(
        &once,
        &head("/compare"),
        "",
        &Root::relative_to("/compare"),
        None
    )
    .is_err());
}

#[test]
fn an_embeds_page_is_marked_as_one() {
    let page = assemble(
        TEMPLATE,
        &head("/embed/map"),
        "",
        &Root::relative_to("/embed/map"),
        None,
    )
    .unwrap();
    assert!(
        page.contains("<html lang=\"fr\" data-embed=\"true\">"),
        "{page}"
    );
}

#[test]
fn style_attributes_move_to_one_stylesheet_linked_from_every_depth() {
    let mut styles = InlineStyles::default();
    let a = styles.extract(r#"<span class="swatch" style="background-color:#253494;"></span><i style="width:26.8%;">x</i><p>style="width:1%"</p>"#);
    let b = styles.extract(
        r#"<b style="background-color:#253494;"></b><u style="color:red;}body{x:url(//evil)"></u>"#,
    );
    assert_eq!(
        a,
        r#"<span class="swatch b0"></span><i class="b1">x</i><p>style="width:1%"</p>"#
    );
    assert_eq!(
        b, r#"<b class="b0"></b><u></u>"#,
        "same declarations, same class; unsafe ones dropped"
    );
    let css = styles.stylesheet();
    assert!(
        css.contains(".b0{background-color:#253494 !important;}"),
        "{css}"
    );
    assert!(css.contains(".b1{width:26.8% !important;}"), "{css}");
    assert!(!css.contains("evil"));
    let page = assemble(
        TEMPLATE,
        &head("/region/28"),
        &a,
        &Root::relative_to("/region/28"),
        Some("/baked-1.css"),
    )
    .unwrap();
    assert!(
        page.contains(r#"<link rel="stylesheet" href="../../baked-1.css">"#),
        "{page}"
    );
    assert!(!page.contains("style=\"background"));
}

#[test]
fn each_language_has_its_copy_with_its_title() {
    let copies = in_languages(&[
        LanguageCopy {
            lang: "fr".into(),
            title: "Carte — Atlas".into(),
            body: "<h1>Carte</h1>".into(),
        },
        LanguageCopy {
            lang: "en".into(),
            title: "Map — \"Atlas\"".into(),
            body: "<h1>Map</h1>".into(),
        },
    ]);
    assert_eq!(
        copies,
        r#"<div data-baked-lang="fr" lang="fr" data-title="Carte — Atlas"><h1>Carte</h1></div><div data-baked-lang="en" lang="en" data-title="Map — &quot;Atlas&quot;"><h1>Map</h1></div>"#
    );
}
