//! The pure path and query helpers behind the app's one URL writer (`src/nav.rs`).

use atlas_core::url_state::{
    app_path, append_query, parse_query, query_with, route_of, to_query, view_query, with_query,
    MapState,
};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn an_empty_query_gives_the_bare_path() {
    assert_eq!(with_query("embed/map", ""), "embed/map");
    assert_eq!(with_query("embed/map", "?"), "embed/map");
    assert_eq!(with_query("embed/map", "pc=1"), "embed/map?pc=1");
    assert_eq!(with_query("/atlas/", "?pc=1"), "/atlas/?pc=1");
    assert_eq!(app_path("/atlas", "/", ""), "/atlas/");
    assert_eq!(app_path("", "/compare", ""), "/compare");
}

#[test]
fn appending_uses_an_ampersand_only_after_an_existing_query() {
    assert_eq!(append_query("embed/map", "lang=fr"), "embed/map?lang=fr");
    assert_eq!(
        append_query("embed/map?pc=1", "lang=fr"),
        "embed/map?pc=1&lang=fr"
    );
    assert_eq!(append_query("embed/map?pc=1", ""), "embed/map?pc=1");
}

#[test]
fn the_base_is_stripped_with_or_without_its_trailing_slash() {
    for base in ["/atlas/sub", "/atlas/sub/"] {
        assert_eq!(route_of("/atlas/sub/region/28", base), "/region/28");
        assert_eq!(route_of("/atlas/sub/", base), "/");
        assert_eq!(route_of("/atlas/sub", base), "/");
        assert_eq!(
            app_path(base, "/region/28", "lang=en"),
            "/atlas/sub/region/28?lang=en"
        );
        assert_eq!(app_path(base, "/", "pc=1"), "/atlas/sub/?pc=1");
    }
    // At the root the router base is "" (or "/").
    for base in ["", "/"] {
        assert_eq!(route_of("/region/28", base), "/region/28");
        assert_eq!(route_of("/", base), "/");
        assert_eq!(route_of("", base), "/");
        assert_eq!(app_path(base, "/region/28", ""), "/region/28");
    }
}

#[test]
fn only_whole_segments_of_the_base_are_stripped() {
    // "/atlassian" is not under "/atlas": nothing is stripped.
    assert_eq!(route_of("/atlassian/x", "/atlas"), "/atlassian/x");
    assert_eq!(route_of("/elsewhere", "/atlas/"), "/elsewhere");
}

#[test]
fn a_hostile_path_never_becomes_protocol_relative() {
    assert_eq!(route_of("//evil.example/x", ""), "/evil.example/x");
    assert_eq!(
        route_of("/atlas//evil.example/", "/atlas"),
        "/evil.example/"
    );
    assert_eq!(app_path("", "//evil.example/", ""), "/evil.example/");
    assert!(!app_path("/", "///evil.example", "").starts_with("//"));
}

#[test]
fn a_view_change_keeps_the_app_keys_and_drops_the_old_view() {
    let current = "?indicator=old&lang=en&view=2,1,1&theme=dark&data=fixtures/x.json&junk=1";
    let query = view_query(current, &pairs(&[("pc", "1")]));
    assert_eq!(
        parse_query(&query),
        pairs(&[
            ("lang", "en"),
            ("theme", "dark"),
            ("data", "fixtures/x.json"),
            ("pc", "1")
        ])
    );
    assert_eq!(view_query("?indicator=old", &[]), "");
    // A state's canonical pairs go straight in.
    let state = MapState {
        per_capita: true,
        ..MapState::default()
    };
    assert_eq!(view_query("lang=fr", &state.to_pairs()), "lang=fr&pc=1");
}

#[test]
fn hostile_values_are_encoded_and_cannot_add_pairs_or_leave_the_query() {
    let hostile = "en&indicator=x#frag?<script>\"'";
    let current = to_query(&pairs(&[("lang", hostile)]));
    let query = view_query(&current, &pairs(&[("place", "a b&c=d")]));
    assert!(!query.contains('#') && !query.contains('<') && !query.contains(' '));
    assert_eq!(
        parse_query(&query),
        pairs(&[("lang", hostile), ("place", "a b&c=d")])
    );
    let set = query_with(&query, "lang", Some("fr&theme=dark"));
    assert_eq!(
        parse_query(&set),
        pairs(&[("place", "a b&c=d"), ("lang", "fr&theme=dark")])
    );
}

#[test]
fn setting_a_parameter_keeps_every_other_pair_and_replaces_its_own() {
    assert_eq!(
        query_with("?lang=fr&pc=1&lang=en", "lang", Some("en")),
        "pc=1&lang=en"
    );
    assert_eq!(query_with("?lang=fr&pc=1", "lang", None), "pc=1");
    assert_eq!(query_with("", "lang", None), "");
    assert_eq!(query_with("", "lang", Some("en")), "lang=en");
}
