//! Bad-dataset fixtures: each edit of the valid minimal fixture must be reported with the exact
//! message, JSON path and line:column a publisher needs to fix it.

use atlas_core::validate::{load, locate, Problem, ProblemKind};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn render(p: &Problem) -> String {
    format!(
        "{}:{}: {}: {}",
        p.line.unwrap_or(0),
        p.column.unwrap_or(0),
        p.path,
        p.message
    )
}

/// Every problem `load` reports for `bytes`, rendered as by `render`; empty when it loads.
fn render_all(bytes: &[u8]) -> Vec<String> {
    load(bytes)
        .err()
        .unwrap_or_default()
        .iter()
        .map(render)
        .collect()
}

/// Applies `edit` (find → replace, first occurrence) to the minimal fixture and checks that the
/// problems reported are exactly `expected`.
fn check(name: &str, find: &str, replace: &str, expected: &[&str]) {
    assert!(
        MINIMAL.contains(find),
        "{name}: the fixture does not contain {find:?}"
    );
    let text = MINIMAL.replacen(find, replace, 1);
    let problems = match load(text.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().map(render).collect::<Vec<_>>(),
    };
    assert_eq!(problems, expected, "{name}");
}

/// [`check`] with several edits, applied in order.
fn check_edits(name: &str, edits: &[(&str, &str)], expected: &[&str]) {
    let mut text = MINIMAL.to_owned();
    for (find, replace) in edits {
        assert!(
            text.contains(find),
            "{name}: the text does not contain {find:?}"
        );
        text = text.replacen(find, replace, 1);
    }
    let problems = match load(text.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().map(render).collect::<Vec<_>>(),
    };
    assert_eq!(problems, expected, "{name}");
}

/// A funding entry for the national level, `part_of` another, with one amount.
fn programme(id: &str, part_of: &str, total: &str) -> String {
    format!(
        "{{ \"id\": \"{id}\", \"title\": {{ \"en\": \"{id}\" }}, \"kind\": \"programme\", \"beneficiary\": {{ \"kind\": \"national\" }}, \"currency\": \"EUR\", {part_of}\"amounts\": [{{ \"total\": {total} }}], \"source\": \"doc\" }},"
    )
}

#[test]
fn the_minimal_fixture_is_valid() {
    assert!(load(MINIMAL.as_bytes()).is_ok());
}

#[test]
fn shape_errors_stop_at_the_first_with_path_and_position() {
    check(
        "trailing garbage",
        "\n}\n",
        "\n}\n}",
        &["93:1: : unexpected text after the end of the JSON document"],
    );
    check("unknown field", "\"publisher\": \"Fixture publisher\",\n    \"version\"", "\"publisher\": \"Fixture publisher\",\n    \"colour\": 1,\n    \"version\"", &[
        "6:12: metadata.colour: unknown field `colour`, expected one of `title`, `subtitle`, `description`, `publisher`, `version`, `published`, `licence`, `attribution`, `languages`",
    ]);
    check(
        "wrong type",
        "\"value\": 1000",
        "\"value\": \"1000\"",
        &["52:44: indicators[0].values[0].value: invalid type: string \"1000\", expected f64"],
    );
    check(
        "missing field",
        "\"publisher\": \"Fixture publisher\",\n    \"version\"",
        "\"version\"",
        &["10:3: metadata: missing field `publisher`"],
    );
    check("bad enum", "\"kind\": \"metropolitan\"", "\"kind\": \"continental\"", &[
        "30:27: regions[0].kind: unknown variant `continental`, expected `metropolitan` or `overseas`",
    ]);
    check("bad category", "\"category\": \"campus\"", "\"category\": \"castle\"", &[
        "61:26: places[0].category: unknown variant `castle`, expected one of `cluster`, `campus`, `incubator`, `company`, `startup`, `agency`, `association`, `hospital`, `laboratory`",
    ]);
    check(
        "NaN is not JSON",
        "\"value\": 1000",
        "\"value\": NaN",
        &["52:39: indicators[0].values[0].value: expected value"],
    );
    check(
        "huge number",
        "\"value\": 1000",
        "\"value\": 1e400",
        &["52:43: indicators[0].values[0].value: number out of range"],
    );
    check("unclosed string", "\"version\": \"1.0.0\"", "\"version\": \"1.0.0", &[
        "7:0: metadata.version: control character (\\u0000-\\u001F) found while parsing a string",
    ]);
    check(
        "unsupported format",
        "\"format\": 1",
        "\"format\": 2",
        &["2:13: format: unsupported format version 2; this atlas reads version(s) 1"],
    );
    check("geometry type", "\"type\": \"Polygon\", \"coordinates\": [[[0, 48]", "\"type\": \"Point\", \"coordinates\": [[[0, 48]", &[
        "31:35: regions[0].geometry.type: unknown variant `Point`, expected `MultiPolygon` or `Polygon`",
    ]);
}

#[test]
fn whole_file_problems_say_what_the_file_is() {
    let empty = load(b"   ").unwrap_err();
    assert_eq!(render(&empty[0]), "0:0: : the file is empty");
    let html = load(b"<!doctype html><html></html>").unwrap_err();
    assert_eq!(
        render(&html[0]),
        "0:0: : the file is HTML or XML, not JSON (is the dataset URL right?)"
    );
    let huge = vec![b' '; atlas_core::limits::MAX_DATASET_BYTES + 1];
    assert!(load(&huge).unwrap_err()[0]
        .message
        .contains("the largest accepted is"));
    // Deep nesting must be refused without exhausting the stack.
    for deep in [
        "[".repeat(100_000),
        format!("{{\"format\": 1, \"sources\": {}", "[".repeat(100_000)),
    ] {
        assert!(load(deep.as_bytes()).is_err());
    }
}

#[test]
fn meaning_problems_are_all_reported_with_their_location() {
    check(
        "duplicate region id",
        "\"id\": \"south\"",
        "\"id\": \"north\"",
        &[
            "34:13: regions[1].id: duplicate id \"north\"",
            "53:21: indicators[0].values[1].region: no region has the id \"south\"",
        ],
    );
    check("invalid id", "\"id\": \"campus\"", "\"id\": \"cam pus\"", &[
        "59:13: places[0].id: \"cam pus\" is not a valid id: use 1 to 64 letters, digits, '-' or '_'",
        "75:47: funding[0].beneficiary.id: no place has the id \"campus\"",
        "86:43: shares[0].subject.id: no place has the id \"campus\"",
    ]);
    check(
        "place region dangling",
        "\"region\": \"north\",\n      \"town\"",
        "\"region\": \"west\",\n      \"town\"",
        &["62:17: places[0].region: no region has the id \"west\""],
    );
    check(
        "value source dangling",
        "\"year\": 2021, \"source\": \"doc\" },\n        { \"region\": \"south\"",
        "\"year\": 2021, \"source\": \"docs\" },\n        { \"region\": \"south\"",
        &["52:69: indicators[0].values[0].source: no source has the id \"docs\""],
    );
    check(
        "funding beneficiary dangling",
        "\"beneficiary\": { \"kind\": \"place\", \"id\": \"campus\" }",
        "\"beneficiary\": { \"kind\": \"place\", \"id\": \"lab\" }",
        &["75:47: funding[0].beneficiary.id: no place has the id \"lab\""],
    );
    check(
        "beneficiary without id",
        "\"beneficiary\": { \"kind\": \"place\", \"id\": \"campus\" }",
        "\"beneficiary\": { \"kind\": \"region\" }",
        &["75:22: funding[0].beneficiary.id: give the id of the region or place"],
    );
    check(
        "negative amount",
        "\"total\": 1900000",
        "\"total\": -1900000",
        &["77:44: funding[0].amounts[0].total: negative amount -1900000"],
    );
    check("public above total", "\"total\": 2300000 }", "\"total\": 2300000, \"public\": 2400000 }", &[
        "77:99: funding[0].amounts[1].public: the public part 2400000 exceeds the total 2300000",
    ]);
    check("unknown currency", "\"currency\": \"EUR\"", "\"currency\": \"EUROS\"", &[
        "76:19: funding[0].currency: unknown currency \"EUROS\"; use an ISO 4217 code such as EUR",
    ]);
    check(
        "implausible amount year",
        "\"year\": 2015",
        "\"year\": 215",
        &["77:29: funding[0].amounts[0].year: implausible year 215 (expected 1900 to 2100)"],
    );
    check(
        "implausible value year",
        "\"value\": 1000, \"year\": 2021",
        "\"value\": 1000, \"year\": 3021",
        &["52:53: indicators[0].values[0].year: implausible year 3021 (expected 1900 to 2100)"],
    );
    check(
        "period inverted",
        "{ \"year\": 2015, \"total\": 1900000 }",
        "{ \"year\": 2015, \"from_year\": 2016, \"total\": 1900000 }",
        &["77:48: funding[0].amounts[0].from_year: the period starts (2016) after it ends"],
    );
    check(
        "shares not summing to 100",
        "\"percent\": 58",
        "\"percent\": 50",
        &["88:16: shares[0].parts: the parts add up to 92%, not 100% (±1)"],
    );
    check(
        "share over 100",
        "\"percent\": 58",
        "\"percent\": 158",
        &[
            "88:97: shares[0].parts[1].percent: 158 is not a percentage between 0 and 100",
            "88:16: shares[0].parts: the parts add up to 200%, not 100% (±1)",
        ],
    );
    check(
        "point outside region",
        "\"lon\": 1, \"lat\": 49",
        "\"lon\": 10, \"lat\": 49",
        &["64:16: places[0].point: (10, 49) lies outside region \"north\" on the map"],
    );
    check(
        "point not lon/lat",
        "\"lon\": 1, \"lat\": 49",
        "\"lon\": 1, \"lat\": 149",
        &["64:16: places[0].point: [1, 149] is not a longitude/latitude pair"],
    );
    check(
        "empty geometry",
        "\"coordinates\": [[[0, 48], [2, 48], [2, 50], [0, 50], [0, 48]]]",
        "\"coordinates\": []",
        &["31:19: regions[0].geometry: the geometry is empty"],
    );
    check("degenerate ring", "[[[0, 48], [2, 48], [2, 50], [0, 50], [0, 48]]]", "[[[0, 48], [2, 48], [0, 48]]]", &[
        "31:56: regions[0].geometry.coordinates[0]: a ring needs at least 3 distinct positions; found 2",
        "64:16: places[0].point: (1, 49) lies outside region \"north\" on the map",
    ]);
    check("flat ring", "[[[0, 48], [2, 48], [2, 50], [0, 50], [0, 48]]]", "[[[0, 48], [1, 48], [2, 48], [0, 48]]]", &[
        "31:56: regions[0].geometry.coordinates[0]: the ring encloses no area: its positions lie on one line",
        "64:16: places[0].point: (1, 49) lies outside region \"north\" on the map",
    ]);
    check(
        "open triangle",
        "[[[55, -21], [56, -21], [56, -20], [55, -20]]]",
        "[[[55, -21], [56, -21], [55, -20]]]",
        &[],
    );
    check(
        "polygon without rings",
        "[[[[0, 46], [2, 46], [2, 48], [0, 48], [0, 46]]]]",
        "[[[[0, 46], [2, 46], [2, 48], [0, 48], [0, 46]]], []]",
        &["37:110: regions[1].geometry.coordinates[1]: a polygon needs at least an outer ring"],
    );
    check("coordinate out of range", "[[[[0, 46], [2, 46]", "[[[[0, 46], [200, 46]", &[
        "37:72: regions[1].geometry.coordinates[0][0][1]: [200, 46] is not a longitude/latitude pair",
    ]);
    check("javascript link", "\"url\": \"https://example.org/campus\"", "\"url\": \"javascript:alert(1)\"", &[
        "66:26: places[0].links[0].url: \"javascript:alert(1)\" is not an http(s) link; only http:// and https:// are accepted",
    ]);
    check("data link", "\"url\": \"https://example.org/campus\"", "\"url\": \"data:text/html,<script>alert(1)</script>\"", &[
        "66:26: places[0].links[0].url: \"data:text/html,<script>alert(1)</script>\" is not an http(s) link; only http:// and https:// are accepted",
    ]);
    check("link with credentials", "\"url\": \"https://example.org/campus\"", "\"url\": \"https://user@evil.example/\"", &[
        "66:26: places[0].links[0].url: \"https://user@evil.example/\" is not an http(s) link; only http:// and https:// are accepted",
    ]);
    check("licence link scheme", "\"url\": \"https://www.etalab.gouv.fr", "\"url\": \"ftp://www.etalab.gouv.fr", &[
        "8:56: metadata.licence.url: \"ftp://www.etalab.gouv.fr/licence-ouverte-open-licence\" is not an http(s) link; only http:// and https:// are accepted",
    ]);
    let long = "x".repeat(301);
    check(
        "name too long",
        "\"Test Campus\"",
        &format!("\"{long}\""),
        &["60:23: places[0].name.en: 301 characters; at most 300 are accepted"],
    );
    check(
        "text in no language",
        "\"name\": { \"en\": \"Test Campus\" }",
        "\"name\": { }",
        &["60:15: places[0].name: give the text in French (\"fr\") or English (\"en\")"],
    );
    check(
        "control characters",
        "\"publisher\": \"Fixture publisher\",\n    \"version\"",
        "\"publisher\": \"Fixture\\u0007publisher\",\n    \"version\"",
        &["5:18: metadata.publisher: contains control characters"],
    );
    check(
        "bad date",
        "\"published\": \"2026-11-22\"",
        "\"published\": \"2026-02-30\"",
        &["7:18: metadata.published: \"2026-02-30\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"],
    );
    check(
        "bad source date",
        "\"date\": \"2017-05-18\"",
        "\"date\": \"18/05/2017\"",
        &["17:15: sources[0].date: \"18/05/2017\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"],
    );
    check(
        "unknown language",
        "\"languages\": [\"fr\", \"en\"]",
        "\"languages\": [\"fr\", \"de\"]",
        &["10:25: metadata.languages[1]: unsupported language \"de\"; use \"fr\" or \"en\""],
    );
    check(
        "no language",
        "\"languages\": [\"fr\", \"en\"]",
        "\"languages\": []",
        &["10:18: metadata.languages: list at least one language (\"fr\" or \"en\")"],
    );
    check(
        "inset unknown",
        "\"insets\": [{ \"region\": \"isle\" }]",
        "\"insets\": [{ \"region\": \"atlantis\" }]",
        &["23:28: map.insets[0].region: no region has the id \"atlantis\""],
    );
    check("flat cone", "\"parallels\": [44, 49]", "\"parallels\": [-44, 44]", &[
        "22:61: map.projection.parallels: parallels symmetric about the equator make a cylinder, not a cone; use an equirectangular projection",
    ]);
    check(
        "parallel at pole",
        "\"parallels\": [44, 49]",
        "\"parallels\": [44, 90]",
        &["22:66: map.projection.parallels[1]: 90 is not a latitude between -89 and 89"],
    );
    check(
        "negative population",
        "\"value\": 2000",
        "\"value\": -2000",
        &["53:39: indicators[0].values[1].value: negative value -2000 for a number of people"],
    );
    check("per capita on a share", "\"unit\": \"people\",", "\"unit\": \"percent\", \"per_capita\": true,", &[
        "50:40: indicators[0].per_capita: a per-capita view makes no sense for shares, ranks, years or factors",
        "52:39: indicators[0].values[0].value: 1000 is more than 100%",
        "53:39: indicators[0].values[1].value: 2000 is more than 100%",
    ]);
    check(
        "rank zero",
        "\"rank\": 1",
        "\"rank\": 0",
        &["81:45: rankings[0].rank: a rank starts at 1"],
    );
    check(
        "rank beyond regions",
        "\"rank\": 1",
        "\"rank\": 19",
        &["81:45: rankings[0].rank: rank 19 is beyond the 3 regions of the dataset"],
    );
    check(
        "fact without unit",
        "\"value\": 6, \"unit\": \"hectares\",",
        "\"value\": 6,",
        &["65:17: places[0].facts[0].unit: a fact with a value needs a unit"],
    );
    check(
        "part of itself",
        "\"kind\": \"budget\",",
        "\"kind\": \"budget\", \"part_of\": \"budget\",",
        &["74:36: funding[0].part_of: a programme cannot be part of itself"],
    );
    check(
        "part of nothing",
        "\"kind\": \"budget\",",
        "\"kind\": \"budget\", \"part_of\": \"plan\",",
        &["74:36: funding[0].part_of: no funding entry has the id \"plan\""],
    );
    check("no amounts", "\"amounts\": [{ \"year\": 2015, \"total\": 1900000 }, { \"year\": 2016, \"total\": 2300000 }]", "\"amounts\": []", &[
        "77:18: funding[0].amounts: list at least one amount",
    ]);
    check("empty share", "\"parts\": [{ \"label\": { \"en\": \"A\" }, \"percent\": 42 }, { \"label\": { \"en\": \"B\" }, \"percent\": 58 }]", "\"parts\": []", &[
        "88:16: shares[0].parts: a share needs at least one part",
    ]);
    check("duplicate source", "\"id\": \"doc\"", "\"id\": \"doc\" }, { \"id\": \"doc\", \"title\": { \"en\": \"t\" }, \"publisher\": \"p\", \"origin\": { \"kind\": \"document\", \"reference\": \"r\" }", &[
        "14:19: sources[0]: missing field `title`",
    ]);
}

#[test]
fn many_problems_are_capped_not_endless() {
    let mut text = MINIMAL.to_owned();
    let bad_values: String = (0..2000)
        .map(|i| format!("{{ \"region\": \"r{i}\", \"value\": -1, \"source\": \"nope\" }}"))
        .collect::<Vec<_>>()
        .join(",");
    text = text.replacen(
        "{ \"region\": \"north\", \"value\": 1000",
        &format!("{bad_values}, {{ \"region\": \"north\", \"value\": 1000"),
        1,
    );
    let problems = load(text.as_bytes()).unwrap_err();
    assert_eq!(problems.len(), atlas_core::limits::MAX_PROBLEMS);
    // Every problem is still counted: a dangling region, a negative population and a dangling
    // source for each of the 2,000 values.
    let counted = atlas_core::validate::load_counted(text.as_bytes()).unwrap_err();
    assert_eq!((counted.listed, counted.total), (problems, 6000));
}

/// The kinds of the problems `edit` produces, in order.
fn kinds(find: &str, replace: &str) -> Vec<ProblemKind> {
    assert!(
        MINIMAL.contains(find),
        "the fixture does not contain {find:?}"
    );
    let text = MINIMAL.replacen(find, replace, 1);
    match load(text.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().map(|p| p.kind).collect(),
    }
}

#[test]
fn every_problem_has_a_kind_readers_can_act_on() {
    use ProblemKind as K;
    let whole = |bytes: &[u8]| load(bytes).unwrap_err()[0].kind;
    assert_eq!(whole(b"  \n "), K::Empty);
    assert_eq!(whole(b"<!doctype html><p>Sign in</p>"), K::LooksLikeHtml);
    assert_eq!(whole(b"{\"format\": 1,"), K::Syntax);
    assert_eq!(
        whole(&vec![b' '; atlas_core::limits::MAX_DATASET_BYTES + 1]),
        K::TooLarge
    );
    for (find, replace, expected) in [
        ("\n}\n", "\n}\n}", vec![K::Syntax]),
        ("\"value\": 1000", "\"value\": NaN", vec![K::Syntax]),
        ("\"format\": 1", "\"format\": 2", vec![K::UnsupportedFormat]),
        ("\"value\": 1000", "\"value\": \"1000\"", vec![K::Shape]),
        (
            "\"kind\": \"metropolitan\"",
            "\"kind\": \"continental\"",
            vec![K::Shape],
        ),
        (
            "\"id\": \"south\"",
            "\"id\": \"north\"",
            vec![K::Duplicate, K::Reference],
        ),
        (
            "\"id\": \"campus\"",
            "\"id\": \"cam pus\"",
            vec![K::InvalidId, K::Reference, K::Reference],
        ),
        (
            "\"currency\": \"EUR\"",
            "\"currency\": \"EUROS\"",
            vec![K::UnknownCode],
        ),
        ("\"total\": 1900000", "\"total\": -1900000", vec![K::Number]),
        (
            "\"url\": \"https://example.org/campus\"",
            "\"url\": \"javascript:alert(1)\"",
            vec![K::Link],
        ),
        (
            "\"published\": \"2026-11-22\"",
            "\"published\": \"2026-02-30\"",
            vec![K::Date],
        ),
        (
            "\"name\": { \"en\": \"Test Campus\" }",
            "\"name\": { }",
            vec![K::Missing],
        ),
        (
            "\"Fixture publisher\",\n    \"version\"",
            "\"Fixture\\u0007publisher\",\n    \"version\"",
            vec![K::Text],
        ),
        (
            "\"lon\": 1, \"lat\": 49",
            "\"lon\": 10, \"lat\": 49",
            vec![K::Geometry],
        ),
        (
            "\"parallels\": [44, 49]",
            "\"parallels\": [-44, 44]",
            vec![K::Map],
        ),
        (
            "\"kind\": \"budget\",",
            "\"kind\": \"budget\", \"part_of\": \"budget\",",
            vec![K::Cycle],
        ),
        (
            "\"Test Campus\"",
            &format!("\"{}\"", "x".repeat(301)),
            vec![K::Limit],
        ),
    ] {
        assert_eq!(kinds(find, replace), expected, "{find} → {replace}");
    }
    // Every kind has a distinct machine name.
    let names: std::collections::HashSet<&str> = [
        K::TooLarge,
        K::Empty,
        K::LooksLikeHtml,
        K::Syntax,
        K::UnsupportedFormat,
        K::Shape,
        K::Limit,
        K::InvalidId,
        K::Duplicate,
        K::Reference,
        K::Cycle,
        K::Missing,
        K::UnknownCode,
        K::Text,
        K::Link,
        K::Date,
        K::Number,
        K::Geometry,
        K::Map,
    ]
    .iter()
    .map(|k| k.as_str())
    .collect();
    assert_eq!(names.len(), 19);
}

#[test]
fn keys_written_with_escapes_are_located_by_their_decoded_name() {
    // `\u0070` is "p": the walker must decode it to match the path `metadata.publisher`.
    check(
        "escaped key",
        "\"publisher\": \"Fixture publisher\",\n    \"version\"",
        "\"\\u0070ublisher\": \"Fixture\\u0007publisher\",\n    \"version\"",
        &["5:23: metadata.publisher: contains control characters"],
    );
    let doc = r#"{"a": {"\u00e9": 1, "\ud83d\ude00": [2, 3], "t\tab\"q\\": 4, "\n": 5}}"#;
    let at = |path: &str| locate(doc.as_bytes(), path);
    assert_eq!(at("a.é"), Some((1, 18)));
    assert_eq!(at("a.😀[1]"), Some((1, 41)));
    assert_eq!(at("a.t\tab\"q\\"), Some((1, 59)));
    assert_eq!(at("a.\n"), Some((1, 68)));
    assert_eq!(at("a.u00e9"), None);
    // Columns count characters: "é" is two bytes, one column.
    let accented = "{\"é\": {\"b\": 1}}";
    assert_eq!(locate(accented.as_bytes(), "é.b"), Some((1, 13)));
}

#[test]
fn every_list_with_ids_has_an_indexed_lookup() {
    let ds = load(MINIMAL.as_bytes()).expect("the fixture is valid");
    assert_eq!(ds.region("south").map(|r| r.id.as_str()), Some("south"));
    assert_eq!(ds.place("campus").map(|p| p.id.as_str()), Some("campus"));
    assert_eq!(ds.source("doc").map(|s| s.id.as_str()), Some("doc"));
    assert_eq!(
        ds.indicator("population").map(|i| i.id.as_str()),
        Some("population")
    );
    assert_eq!(
        ds.funding_by_id("budget").map(|f| f.id.as_str()),
        Some("budget")
    );
    assert_eq!(ds.share_by_id("mix").map(|s| s.id.as_str()), Some("mix"));
    assert_eq!(ds.shares().len(), 1);
    for missing in ["", "nope", "NORTH"] {
        assert!(ds.region(missing).is_none() && ds.funding_by_id(missing).is_none());
        assert!(ds.share_by_id(missing).is_none() && ds.place(missing).is_none());
    }
}

#[test]
fn the_published_sample_dataset_is_valid() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data/atlas.json");
    let bytes = std::fs::read(path).unwrap_or_default();
    let problems = load(&bytes).err().unwrap_or_default();
    assert!(!bytes.is_empty(), "{path} could not be read");
    assert_eq!(
        problems.iter().map(render).collect::<Vec<_>>(),
        Vec::<String>::new()
    );
}

#[test]
fn part_of_cycles_are_refused_naming_their_ids() {
    const FIRST_FUNDING: &str = "\"funding\": [\n    {";
    const BUDGET_KIND: &str = "\"kind\": \"budget\",";
    // Itself: the message it always had.
    check(
        "part of itself",
        BUDGET_KIND,
        "\"kind\": \"budget\", \"part_of\": \"budget\",",
        &["74:36: funding[0].part_of: a programme cannot be part of itself"],
    );
    // Two entries part of each other; a third leading into the circle is not in it.
    let plan = programme("plan", "\"part_of\": \"budget\", ", "1");
    let grant = programme("grant", "\"part_of\": \"plan\", ", "1");
    check_edits(
        "two-entry cycle",
        &[
            (FIRST_FUNDING, &format!("\"funding\": [\n    {plan}\n    {grant}\n    {{")),
            (BUDGET_KIND, "\"kind\": \"budget\", \"part_of\": \"plan\","),
        ],
        &["71:138: funding[0].part_of: \"plan\" → \"budget\" → \"plan\" goes round in a circle: a programme cannot be part of itself"],
    );
    // Three entries, reported once, from the first of them in the file.
    let plan = programme("plan", "\"part_of\": \"budget\", ", "1");
    let grant = programme("grant", "\"part_of\": \"plan\", ", "1");
    check_edits(
        "three-entry cycle",
        &[
            (FIRST_FUNDING, &format!("\"funding\": [\n    {plan}\n    {grant}\n    {{")),
            (BUDGET_KIND, "\"kind\": \"budget\", \"part_of\": \"grant\","),
        ],
        &["71:138: funding[0].part_of: \"plan\" → \"budget\" → \"grant\" → \"plan\" goes round in a circle: a programme cannot be part of itself"],
    );
    // A chain that ends is fine.
    let plan = programme("plan", "", "1");
    check_edits(
        "a chain",
        &[
            (
                FIRST_FUNDING,
                &format!("\"funding\": [\n    {plan}\n    {{"),
            ),
            (BUDGET_KIND, "\"kind\": \"budget\", \"part_of\": \"plan\","),
        ],
        &[],
    );
}

#[test]
fn counts_of_people_and_things_are_whole_numbers() {
    check(
        "fractional population",
        "\"value\": 2000",
        "\"value\": 2000.5",
        &["53:39: indicators[0].values[1].value: 2000.5 is not a whole number of people"],
    );
    check(
        "fractional count",
        "\"value\": 6, \"unit\": \"hectares\"",
        "\"value\": 6.5, \"unit\": \"count\"",
        &["65:55: places[0].facts[0].value: 6.5 is not a whole count"],
    );
    check(
        "a population with a decimal part",
        "\"value\": 2000",
        "\"value\": 12345678.9",
        &["53:39: indicators[0].values[1].value: 12345678.9 is not a whole number of people"],
    );
    check_edits(
        "fractional jobs",
        &[
            ("\"unit\": \"people\"", "\"unit\": \"jobs\""),
            ("\"value\": 1000", "\"value\": 0.25"),
        ],
        &["52:39: indicators[0].values[0].value: 0.25 is not a whole number of jobs"],
    );
    check(
        "a fractional number of people in a place's facts",
        "\"value\": 6, \"unit\": \"hectares\"",
        "\"value\": 12345678.9, \"unit\": \"people\"",
        &["65:55: places[0].facts[0].value: 12345678.9 is not a whole number of people"],
    );
    check(
        "a fractional count of places in a funding breakdown",
        "\"source\": \"doc\"\n    }\n  ],\n  \"rankings\"",
        "\"source\": \"doc\", \"breakdown\": { \"title\": { \"en\": \"Sites\" }, \"unit\": \"count\", \"items\": [{ \"label\": { \"en\": \"Labs\" }, \"value\": 3 }, { \"label\": { \"en\": \"Sites\" }, \"value\": 2.5 }] }\n    }\n  ],\n  \"rankings\"",
        &["78:176: funding[0].breakdown.items[1].value: 2.5 is not a whole count"],
    );
    check(
        "a whole count written with an exponent is fine",
        "\"value\": 2000",
        "\"value\": 2e3",
        &[],
    );
    check(
        "fractional area is fine",
        "\"value\": 6, \"unit\": \"hectares\"",
        "\"value\": 6.5, \"unit\": \"hectares\"",
        &[],
    );
}

#[test]
fn sums_that_overflow_are_refused_instead_of_showing_no_data() {
    check(
        "one entry's amounts",
        "\"total\": 1900000 }, { \"year\": 2016, \"total\": 2300000",
        "\"total\": 1e308 }, { \"year\": 2016, \"total\": 1e308",
        &["77:18: funding[0].amounts: the amounts add up to more than the atlas can compute with (about 1.8e308)"],
    );
    // Each entry is finite; the region's total is not.
    let grant = "{ \"id\": \"grant\", \"title\": { \"en\": \"Grant\" }, \"kind\": \"support\", \"beneficiary\": { \"kind\": \"region\", \"id\": \"north\" }, \"currency\": \"EUR\", \"amounts\": [{ \"total\": 1.7e308 }], \"source\": \"doc\" }";
    check_edits(
        "a region's total",
        &[
            ("\"total\": 1900000", "\"total\": 1.7e308"),
            ("\"source\": \"doc\"\n    }\n  ],\n  \"rankings\"", &format!("\"source\": \"doc\"\n    }},\n    {grant}\n  ],\n  \"rankings\"")),
        ],
        &["80:151: funding[1].amounts: with this entry the EUR funding of region \"north\" adds up to more than the atlas can compute with (about 1.8e308)"],
    );
    // The brief's case: two amounts of 1e308 for one region, in two entries, one of them for a
    // place of the region.
    let grant = grant.replace("1.7e308", "1e308");
    check_edits(
        "two amounts of 1e308 for one region",
        &[
            ("\"total\": 1900000", "\"total\": 1e308"),
            ("\"source\": \"doc\"\n    }\n  ],\n  \"rankings\"", &format!("\"source\": \"doc\"\n    }},\n    {grant}\n  ],\n  \"rankings\"")),
        ],
        &["80:151: funding[1].amounts: with this entry the EUR funding of region \"north\" adds up to more than the atlas can compute with (about 1.8e308)"],
    );
    // Other currencies are summed apart.
    check_edits(
        "two amounts of 1e308 in two currencies",
        &[
            ("\"total\": 1900000", "\"total\": 1e308"),
            (
                "\"source\": \"doc\"\n    }\n  ],\n  \"rankings\"",
                &format!(
                    "\"source\": \"doc\"\n    }},\n    {}\n  ],\n  \"rankings\"",
                    grant.replace("EUR", "USD")
                ),
            ),
        ],
        &[],
    );
    // Each region's total is finite; the dataset's is not.
    let south = grant
        .replace("\"north\"", "\"south\"")
        .replace("1e308", "1.7e308");
    check_edits(
        "the whole dataset's total",
        &[
            ("\"total\": 1900000", "\"total\": 1.7e308"),
            ("\"source\": \"doc\"\n    }\n  ],\n  \"rankings\"", &format!("\"source\": \"doc\"\n    }},\n    {south}\n  ],\n  \"rankings\"")),
        ],
        &["80:151: funding[1].amounts: with this entry the EUR funding of the whole dataset adds up to more than the atlas can compute with (about 1.8e308)"],
    );
    // National entries belong to no region but count in the dataset's total.
    const FIRST_FUNDING: &str = "\"funding\": [\n    {";
    let (a, b) = (programme("a", "", "1e308"), programme("b", "", "1e308"));
    check(
        "two national amounts of 1e308",
        FIRST_FUNDING,
        &format!("\"funding\": [\n    {a}\n    {b}\n    {{"),
        &["72:132: funding[1].amounts: with this entry the EUR funding of the whole dataset adds up to more than the atlas can compute with (about 1.8e308)"],
    );
}

#[test]
fn per_capita_figures_that_overflow_are_refused_instead_of_showing_no_data() {
    let beds = |value: &str| {
        format!("{{ \"id\": \"beds\", \"name\": {{ \"en\": \"Beds\" }}, \"unit\": \"count\", \"per_capita\": true, \"values\": [{{ \"region\": \"north\", \"value\": {value}, \"source\": \"doc\" }}] }},\n    {{")
    };
    const FIRST_INDICATOR: &str = "\"indicators\": [\n    {";
    // North has 1000 inhabitants: 1e304 beds are 1e306 per 100,000, 1e307 would be 1e309.
    check(
        "finite per capita",
        FIRST_INDICATOR,
        &format!("\"indicators\": [\n    {}", beds("1e304")),
        &[],
    );
    check(
        "infinite per capita",
        FIRST_INDICATOR,
        &format!("\"indicators\": [\n    {}", beds("1e307")),
        &["47:125: indicators[0].values[0].value: per 100,000 inhabitants of region \"north\" (population 1000) this value is more than the atlas can compute with (about 1.8e308)"],
    );
    // Not per capita: the figure itself is shown, and it is finite.
    check(
        "not per capita",
        FIRST_INDICATOR,
        &format!(
            "\"indicators\": [\n    {}",
            beds("1e307").replace("true", "false")
        ),
        &[],
    );
}

#[test]
fn a_leading_byte_order_mark_is_ignored_and_positions_do_not_count_it() {
    let with_bom = |text: &str| [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    assert!(load(&with_bom(MINIMAL)).is_ok());
    let dangling = MINIMAL.replacen(
        "\"region\": \"north\",\n      \"town\"",
        "\"region\": \"west\",\n      \"town\"",
        1,
    );
    assert_eq!(
        render_all(&with_bom(&dangling)),
        ["62:17: places[0].region: no region has the id \"west\""]
    );
    // On the first line too, in both stages.
    assert_eq!(
        render_all(&with_bom("{\"format\": 2}")),
        ["1:12: format: unsupported format version 2; this atlas reads version(s) 1"]
    );
    assert_eq!(render_all(&with_bom("{\"format\": 1, \"x\": 1}")), ["1:17: x: unknown field `x`, expected one of `format`, `metadata`, `sources`, `map`, `regions`, `indicators`, `places`, `funding`, `rankings`, `shares`"]);
    // Only one mark is skipped: a second is not JSON.
    assert_eq!(
        render_all(&with_bom(&String::from_utf8_lossy(&with_bom(MINIMAL)))),
        ["1:1: : expected value"]
    );
}

/// The minimal fixture on one line, as minifiers write it.
fn minified(text: &str) -> String {
    text.lines().map(str::trim).collect()
}

#[test]
fn columns_count_characters_not_bytes_on_a_minified_line() {
    let title = "\"en\": \"Test atlas\"";
    let accented = "\"en\": \"Atlas d’essai — Île-de-France, Pays de la Loire 🇫🇷😀\"";
    let base = minified(&MINIMAL.replacen(title, accented, 1));
    let column_of = |text: &str, needle: &str, after: bool| {
        let i = text
            .find(needle)
            .map(|i| if after { i + needle.len() } else { i })
            .unwrap_or(0);
        (
            text[..i].chars().count() + usize::from(!after),
            text[..i].len() + usize::from(!after),
        )
    };
    // Stage two: a dangling reference after the accents and emoji.
    let text = base.replacen(
        "\"region\": \"north\",\"town\"",
        "\"region\": \"west\",\"town\"",
        1,
    );
    let (chars, bytes) = column_of(&text, "\"west\"", false);
    assert!(
        bytes > chars + 10,
        "the line has multi-byte characters before the error"
    );
    let problems = load(text.as_bytes()).unwrap_err();
    assert_eq!(
        (problems[0].line, problems[0].column),
        (Some(1), Some(chars))
    );
    assert_eq!(problems[0].path, "places[0].region");
    // Stage one: serde_json's byte column is converted too (it points past the bad value).
    let text = base.replacen("\"value\": 1000", "\"value\": \"1000\"", 1);
    let (chars, _) = column_of(&text, "\"value\": \"1000\"", true);
    let problems = load(text.as_bytes()).unwrap_err();
    assert_eq!(
        render(&problems[0]),
        format!(
            "1:{chars}: indicators[0].values[0].value: invalid type: string \"1000\", expected f64"
        )
    );
}

#[test]
fn regions_the_map_projection_cannot_draw_are_refused() {
    check(
        "at the pole opposite the cone",
        "[[[[0, 46], [2, 46]",
        "[[[[0, 46], [2, -90]",
        &["37:72: regions[1].geometry.coordinates[0][0][1]: region \"south\" cannot be drawn with the map's conic_conformal projection: [2, -90] is too close to the pole opposite the cone; draw the region as an inset or choose another projection"],
    );
    check(
        "near the pole opposite the cone",
        "[[[[0, 46], [2, 46]",
        "[[[[0, 46], [2, -89.9]",
        &["37:72: regions[1].geometry.coordinates[0][0][1]: region \"south\" cannot be drawn with the map's conic_conformal projection: [2, -89.9] is too close to the pole opposite the cone; draw the region as an inset or choose another projection"],
    );
    // Far south but drawable, and the apex pole itself, are fine.
    check(
        "far south",
        "[[[[0, 46], [2, 46]",
        "[[[[0, 46], [2, -60]",
        &[],
    );
    check(
        "apex pole",
        "[[[[0, 46], [2, 46]",
        "[[[[0, 46], [2, 90]",
        &[],
    );
    // An inset has its own projection; the same position there is fine.
    check(
        "inset near the pole",
        "[55, -21], [56, -21]",
        "[55, -89.9], [56, -89.9]",
        &[],
    );
    // Equirectangular draws anything on the globe.
    check_edits(
        "equirectangular",
        &[
            (
                "{ \"kind\": \"conic_conformal\", \"parallels\": [44, 49], \"origin\": [3, 46.5] }",
                "{ \"kind\": \"equirectangular\", \"origin\": [3, 46.5] }",
            ),
            ("[[[[0, 46], [2, 46]", "[[[[0, 46], [2, -90]"),
        ],
        &[],
    );
}

const UNIT: &str = "\"unit\": \"people\",";

/// The fixture's indicator with `breaks` set to `list`.
fn with_breaks(list: &str) -> String {
    format!("\"unit\": \"people\", \"breaks\": {list},")
}

#[test]
fn class_thresholds_increase_and_number_one_to_six() {
    check("one threshold", UNIT, &with_breaks("[1500]"), &[]);
    check(
        "six thresholds",
        UNIT,
        &with_breaks("[-5, 0, 0.5, 1e3, 1500, 2e6]"),
        &[],
    );
    check(
        "repeated and decreasing",
        UNIT,
        &with_breaks("[1500, 1500, 1200]"),
        &[
            "50:42: indicators[0].breaks[1]: threshold 1500 is not above the one before it (1500); list thresholds in increasing order, each once",
            "50:48: indicators[0].breaks[2]: threshold 1200 is not above the one before it (1500); list thresholds in increasing order, each once",
        ],
    );
    check(
        "minus zero is zero",
        UNIT,
        &with_breaks("[-0.0, 0]"),
        &["50:42: indicators[0].breaks[1]: threshold 0 is not above the one before it (0); list thresholds in increasing order, each once"],
    );
    check(
        "empty",
        UNIT,
        &with_breaks("[]"),
        &["50:35: indicators[0].breaks: give at least one threshold, or leave `breaks` out"],
    );
    check(
        "seven thresholds",
        UNIT,
        &with_breaks("[1, 2, 3, 4, 5, 6, 7]"),
        &["50:35: indicators[0].breaks: 7 thresholds; at most 6 are accepted (7 classes)"],
    );
    check(
        "not a number",
        UNIT,
        &with_breaks("[1, \"2\"]"),
        &["50:41: indicators[0].breaks[1]: invalid type: string \"2\", expected f64"],
    );
    check("null is no thresholds", UNIT, &with_breaks("null"), &[]);
    assert_eq!(kinds(UNIT, &with_breaks("[]")), [ProblemKind::Missing]);
    assert_eq!(
        kinds(UNIT, &with_breaks("[1, 2, 3, 4, 5, 6, 7]")),
        [ProblemKind::Limit]
    );
    assert_eq!(kinds(UNIT, &with_breaks("[2, 1]")), [ProblemKind::Number]);
}

#[test]
fn class_thresholds_set_by_code_must_be_finite() {
    // JSON cannot spell NaN or infinity (the parser refuses them); a dataset built in code can.
    let mut raw: atlas_core::model::RawDataset =
        serde_json::from_str(MINIMAL).expect("the fixture parses");
    raw.indicators[0].breaks = Some(vec![1.0, f64::NAN, f64::INFINITY, 2.0]);
    let problems: Vec<String> = atlas_core::validate::check(&raw)
        .iter()
        .map(|p| format!("{:?}: {}: {}", p.kind, p.path, p.message))
        .collect();
    assert_eq!(
        problems,
        [
            "Number: indicators[0].breaks[1]: threshold NaN is not a finite number",
            "Number: indicators[0].breaks[2]: threshold inf is not a finite number",
        ]
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    let replaced = |find: &str, replace: &[u8]| {
        let at = MINIMAL.find(find).unwrap_or(MINIMAL.len());
        [
            &MINIMAL.as_bytes()[..at],
            replace,
            &MINIMAL.as_bytes()[at + find.len()..],
        ]
        .concat()
    };
    // A file saved as Latin-1: é is the one byte E9.
    assert_eq!(
        render_all(&replaced("Données d’essai", b"Donn\xE9es d'essai")),
        ["9:33: metadata.attribution.fr: the file is not UTF-8 text: byte 0xE9 here is not part of a character; save the file as UTF-8"]
    );
    // Columns count the characters before it, the curly apostrophe as one.
    assert_eq!(
        render_all(&replaced("\"en\": \"Test atlas\"", b"\"en\": \"Test \xFFatlas\"")),
        ["4:51: metadata.title.en: the file is not UTF-8 text: byte 0xFF here is not part of a character; save the file as UTF-8"]
    );
    // A stray continuation byte is counted as the character it fails to be.
    assert_eq!(
        render_all(&replaced("\"en\": \"Test atlas\"", b"\"en\": \"Test \x80atlas\"")),
        ["4:51: metadata.title.en: the file is not UTF-8 text: byte 0x80 here is not part of a character; save the file as UTF-8"]
    );
    // After the document, the byte is where the text goes wrong.
    let mut trailing = MINIMAL.trim_end().as_bytes().to_vec();
    trailing.push(0xFF);
    let last_line = MINIMAL.trim_end().lines().count();
    assert_eq!(
        render_all(&trailing),
        [format!("{last_line}:2: : the file is not UTF-8 text: byte 0xFF here is not part of a character; save the file as UTF-8")]
    );
    // An error before the bad byte comes first, as it did when each string was checked: the
    // same as in the file without the bad byte.
    let without_comma = |mut bytes: Vec<u8>| {
        let comma = MINIMAL
            .find("\"publisher\": \"Fixture publisher\",")
            .unwrap_or(0)
            + 32;
        bytes.remove(comma);
        render_all(&bytes)
    };
    assert_eq!(
        without_comma(replaced("Données d’essai", b"Donn\xE9es d'essai")),
        ["6:5: metadata.?: expected `,` or `}`"]
    );
    assert_eq!(
        without_comma(replaced("Données d’essai", b"Donn\xE9es d'essai")),
        without_comma(MINIMAL.as_bytes().to_vec())
    );
}
