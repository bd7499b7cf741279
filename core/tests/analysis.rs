//! Classes and palettes, text folding and search, region comparison and URL state.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use atlas_core::classify::{
    contrast_ratio, no_data_style, palette, per_capita, quantile_breaks, ClassIndex, Classes,
    Method, Scheme, MAX_CLASSES,
};
use atlas_core::compare::{
    latest_value, population_indicator, ranks, select_regions, Order, Rank, RegionComparison,
};
use atlas_core::model::{Category, Qualifier, RawDataset};
use atlas_core::text::{compare_folded, fold, Entry, EntryKind, MatchQuality, SearchIndex};
use atlas_core::url_state::{
    migrate, parse_query, to_query, CommonState, CompareState, FundingState, LangParam, MapState,
    ThemeParam,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// classify

fn check_breaks(values: &[f64], classes: usize, expected: &[f64]) {
    assert_eq!(
        quantile_breaks(values, classes),
        expected,
        "values {values:?}, {classes} classes"
    );
}

fn assert_strictly_increasing(bounds: &[f64]) {
    assert!(
        bounds.windows(2).all(|w| w[0] < w[1]),
        "bounds not strictly increasing: {bounds:?}"
    );
}

#[test]
fn breaks_fall_halfway_between_neighbouring_values() {
    check_breaks(&[1.0, 2.0, 3.0, 4.0], 2, &[1.0, 2.5, 4.0]);
    check_breaks(&[4.0, 3.0, 2.0, 1.0, 6.0, 5.0], 3, &[1.0, 2.5, 4.5, 6.0]);
}

#[test]
fn non_finite_values_are_ignored() {
    check_breaks(
        &[
            f64::NAN,
            1.0,
            f64::INFINITY,
            2.0,
            f64::NEG_INFINITY,
            3.0,
            4.0,
        ],
        2,
        &[1.0, 2.5, 4.0],
    );
}

#[test]
fn fewer_distinct_values_than_classes_give_fewer_classes() {
    check_breaks(&[5.0, 5.0, 7.0, 7.0, 7.0], 5, &[5.0, 6.0, 7.0]);
    check_breaks(&[1.0, 2.0, 3.0], 7, &[1.0, 1.5, 2.5, 3.0]);
}

#[test]
fn no_finite_value_or_zero_classes_give_no_classes() {
    check_breaks(&[], 5, &[]);
    check_breaks(&[f64::NAN], 5, &[]);
    check_breaks(&[1.0, 2.0], 0, &[]);
}

#[test]
fn a_single_distinct_value_is_one_class_holding_it() {
    check_breaks(&[3.0, 3.0, 3.0], 4, &[3.0, 3.0]);
    let c = Classes::quantiles(&[3.0], 4);
    assert_eq!(c.len(), 1);
    assert_eq!(c.class_of(Some(3.0)), ClassIndex::Class(0));
}

#[test]
fn heavy_ties_still_give_the_requested_number_of_classes() {
    let values = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0];
    let b = quantile_breaks(&values, 4);
    assert_eq!(b.len(), 5, "{b:?}");
    assert_strictly_increasing(&b);
}

#[test]
fn eighteen_skewed_regions_spread_evenly_over_five_classes() {
    let values: Vec<f64> = (1..=18).map(|i| f64::from(i).powi(4)).collect();
    let c = Classes::quantiles(&values, 5);
    assert_eq!(c.len(), 5);
    let mut counts = [0usize; 5];
    for v in &values {
        if let ClassIndex::Class(i) = c.class_of(Some(*v)) {
            counts[i] += 1;
        }
    }
    assert!(counts.iter().all(|&n| (3..=4).contains(&n)), "{counts:?}");
}

#[test]
fn breaks_with_extreme_values_stay_finite() {
    let b = quantile_breaks(&[-f64::MAX, f64::MAX], 2);
    assert_eq!(b.len(), 3);
    assert!(b.iter().all(|v| v.is_finite()));
    let tiny = 1.0_f64;
    let next = f64::from_bits(tiny.to_bits() + 1);
    let b = quantile_breaks(&[tiny, next], 2);
    assert_strictly_increasing(&b);
}

fn check_class(classes: &Classes, value: Option<f64>, expected: ClassIndex) {
    assert_eq!(
        classes.class_of(value),
        expected,
        "value {value:?} in {:?}",
        classes.bounds
    );
}

#[test]
fn missing_and_non_finite_figures_are_no_data_never_the_lowest_class() {
    let c = Classes::quantiles(&[1.0, 2.0, 3.0, 4.0], 2);
    check_class(&c, None, ClassIndex::NoData);
    check_class(&c, Some(f64::NAN), ClassIndex::NoData);
    check_class(&c, Some(f64::INFINITY), ClassIndex::NoData);
    check_class(&Classes::default(), Some(1.0), ClassIndex::NoData);
}

#[test]
fn classes_include_their_lower_bound_and_the_last_includes_the_maximum() {
    let c = Classes {
        bounds: vec![0.0, 10.0, 20.0],
    };
    check_class(&c, Some(0.0), ClassIndex::Class(0));
    check_class(&c, Some(9.99), ClassIndex::Class(0));
    check_class(&c, Some(10.0), ClassIndex::Class(1));
    check_class(&c, Some(20.0), ClassIndex::Class(1));
    check_class(&c, Some(-5.0), ClassIndex::Class(0));
    check_class(&c, Some(500.0), ClassIndex::Class(1));
}

#[test]
fn hand_picked_bounds_are_sorted_and_cleaned() {
    assert_eq!(
        Classes::from_bounds(&[10.0, f64::NAN, 0.0, 10.0, 5.0]).bounds,
        vec![0.0, 5.0, 10.0]
    );
    assert!(Classes::from_bounds(&[1.0]).is_empty());
    let many: Vec<f64> = (0..20).map(f64::from).collect();
    assert_eq!(Classes::from_bounds(&many).len(), MAX_CLASSES);
}

#[test]
fn legend_has_one_entry_per_class_with_its_colour() {
    let c = Classes {
        bounds: vec![0.0, 10.0, 20.0, 30.0],
    };
    let legend = c.legend(Scheme::Light);
    assert_eq!(legend.len(), 3);
    assert_eq!((legend[0].lower, legend[0].upper), (0.0, 10.0));
    assert_eq!((legend[2].lower, legend[2].upper), (20.0, 30.0));
    assert_eq!(legend[1].colour, palette(3, Scheme::Light)[1]);
    assert_eq!(
        c.colour(ClassIndex::NoData, Scheme::Dark),
        no_data_style(Scheme::Dark).fill
    );
    assert_eq!(
        c.colour(ClassIndex::Class(99), Scheme::Light),
        no_data_style(Scheme::Light).fill
    );
}

const LIGHT_BG: &str = "#ffffff";
const DARK_BG: &str = "#111418";

#[test]
fn every_palette_size_has_that_many_distinct_hex_colours() {
    for scheme in [Scheme::Light, Scheme::Dark] {
        assert!(palette(0, scheme).is_empty());
        assert_eq!(palette(100, scheme).len(), MAX_CLASSES);
        for n in 1..=MAX_CLASSES {
            let p = palette(n, scheme);
            assert_eq!(p.len(), n);
            let distinct: BTreeSet<_> = p.iter().collect();
            assert_eq!(distinct.len(), n, "{scheme:?} {n}: {p:?}");
            assert!(
                p.iter().all(|c| contrast_ratio(c, LIGHT_BG).is_some()),
                "not #rrggbb: {p:?}"
            );
        }
    }
}

#[test]
fn light_palettes_get_darker_and_dark_palettes_get_lighter() {
    for n in 2..=MAX_CLASSES {
        let steps = |p: &[&str], bg: &str| {
            p.iter()
                .map(|c| contrast_ratio(c, bg).unwrap_or(0.0))
                .collect::<Vec<_>>()
        };
        let light = steps(palette(n, Scheme::Light), LIGHT_BG);
        let dark = steps(palette(n, Scheme::Dark), DARK_BG);
        assert!(
            light.windows(2).all(|w| w[0] < w[1]),
            "light {n}: {light:?}"
        );
        assert!(dark.windows(2).all(|w| w[0] < w[1]), "dark {n}: {dark:?}");
    }
}

#[test]
fn on_the_dark_page_every_class_has_at_least_three_to_one_contrast() {
    for n in 1..=MAX_CLASSES {
        for c in palette(n, Scheme::Dark) {
            let ratio = contrast_ratio(c, DARK_BG).unwrap_or(0.0);
            assert!(ratio >= 3.0, "{c} on {DARK_BG}: {ratio}");
        }
    }
}

#[test]
fn no_data_is_grey_with_a_hatch_and_differs_from_every_class() {
    for scheme in [Scheme::Light, Scheme::Dark] {
        let nd = no_data_style(scheme);
        assert!(!nd.pattern_id.is_empty());
        assert_ne!(nd.fill, nd.hatch);
        for n in 1..=MAX_CLASSES {
            assert!(!palette(n, scheme).contains(&nd.fill));
        }
    }
}

#[test]
fn contrast_ratio_matches_known_values_and_rejects_non_colours() {
    let r = contrast_ratio("#000000", "#ffffff").unwrap_or(0.0);
    assert!((r - 21.0).abs() < 1e-9);
    assert_eq!(contrast_ratio("#fff", "#000000"), None);
    assert_eq!(contrast_ratio("red", "#000000"), None);
    assert_eq!(contrast_ratio("#gggggg", "#000000"), None);
    assert_eq!(contrast_ratio("#ééé", "#000000"), None);
}

fn check_per_capita(value: Option<f64>, population: Option<f64>, expected: Option<f64>) {
    assert_eq!(
        per_capita(value, population),
        expected,
        "{value:?} / {population:?}"
    );
}

#[test]
fn per_capita_is_per_100000_inhabitants_and_missing_when_it_cannot_be_computed() {
    check_per_capita(Some(50.0), Some(1_000_000.0), Some(5.0));
    check_per_capita(Some(0.0), Some(1_000.0), Some(0.0));
    check_per_capita(None, Some(1_000.0), None);
    check_per_capita(Some(1.0), None, None);
    check_per_capita(Some(1.0), Some(0.0), None);
    check_per_capita(Some(1.0), Some(-3.0), None);
    check_per_capita(Some(1.0), Some(f64::NAN), None);
    check_per_capita(Some(f64::INFINITY), Some(1.0), None);
    check_per_capita(Some(f64::MAX), Some(f64::MIN_POSITIVE), None);
}

proptest! {
    #[test]
    fn breaks_are_strictly_increasing_and_cover_every_value(
        values in prop::collection::vec(prop_oneof![any::<f64>(), -1e6..1e6f64, (0..5u8).prop_map(f64::from)], 0..60),
        classes in 0usize..10,
    ) {
        let b = quantile_breaks(&values, classes);
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let distinct: BTreeSet<u64> = finite.iter().map(|v| (v + 0.0).to_bits()).collect();
        if finite.is_empty() || classes == 0 {
            prop_assert!(b.is_empty());
        } else if distinct.len() == 1 {
            prop_assert_eq!(b.len(), 2);
        } else {
            prop_assert!(b.windows(2).all(|w| w[0] < w[1]), "{:?}", b);
            prop_assert!(b.len() >= 2 && b.len() <= classes.min(distinct.len()) + 1);
            let c = Classes { bounds: b.clone() };
            let mut used = BTreeSet::new();
            for v in &finite {
                match c.class_of(Some(*v)) {
                    ClassIndex::Class(i) => { used.insert(i); }
                    ClassIndex::NoData => prop_assert!(false, "finite value without class"),
                }
            }
            // Bounds never split the data into an empty class.
            prop_assert_eq!(used.len(), c.len());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// text

fn check_fold(input: &str, expected: &str) {
    assert_eq!(fold(input), expected, "fold({input:?})");
}

#[test]
fn folding_lowercases_strips_accents_and_collapses_separators() {
    check_fold("Île-de-France", "ile de france");
    check_fold("ile de france", "ile de france");
    check_fold("ILE  DE   FRANCE", "ile de france");
    check_fold(
        "  Provence-Alpes-Côte d’Azur ",
        "provence alpes cote d azur",
    );
    check_fold("L'Oréal", "l oreal");
    check_fold("Œuvre Cœur ÆSOP Straße", "oeuvre coeur aesop strasse");
    check_fold("ÉÈÊËÀÂÄÎÏÔÖÙÛÜÇŸÑ", "eeeeaaaiioouuucyn");
    check_fold("éèêëàâäîïôöùûüçÿñ", "eeeeaaaiioouuucyn");
    check_fold("Pôle TES — santé/bien-être", "pole tes sante bien etre");
    check_fold("Rouen\tHealth\nCampus", "rouen health campus");
    check_fold("France 2030", "france 2030");
    check_fold("", "");
    check_fold(" - ’ ", "");
}

#[test]
fn decomposed_accents_fold_like_precomposed_ones() {
    check_fold("E\u{301}popea", "epopea");
    check_fold("I\u{302}le", "ile");
}

#[test]
fn folded_sorting_ignores_accents_and_case_and_is_deterministic() {
    let mut names = vec![
        "Occitanie",
        "Île-de-France",
        "Auvergne-Rhône-Alpes",
        "Hauts-de-France",
        "Grand Est",
        "île de france",
    ];
    names.sort_by(|a, b| compare_folded(a, b));
    assert_eq!(
        names,
        [
            "Auvergne-Rhône-Alpes",
            "Grand Est",
            "Hauts-de-France",
            "Île-de-France",
            "île de france",
            "Occitanie"
        ]
    );
    assert_eq!(compare_folded("Épopea", "epopea"), "Épopea".cmp("epopea"));
    assert_eq!(compare_folded("abc", "abc"), Ordering::Equal);
}

fn sample_index() -> SearchIndex {
    let e = |kind, id: &str, names: &[&str]| Entry {
        kind,
        id: id.to_owned(),
        names: names.iter().map(|s| s.to_string()).collect(),
    };
    SearchIndex::new([
        e(EntryKind::Region, "28", &["Normandie", "Normandy"]),
        e(EntryKind::Region, "11", &["Île-de-France", "Île-de-France"]),
        e(EntryKind::Region, "76", &["Occitanie", "Occitania"]),
        e(EntryKind::Place, "rouen-campus", &["Rouen Health Campus"]),
        e(EntryKind::Place, "epopea", &["Epopea"]),
        e(EntryKind::Place, "ni", &["Normandie Incubation"]),
        e(EntryKind::Place, "medicen", &["Medicen Paris Region"]),
        e(EntryKind::Place, "empty", &["", " - "]),
    ])
}

/// Checks the ids of the hits, in order.
fn check_search(query: &str, expected: &[&str]) {
    let hits = sample_index().search(query, 10);
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, expected, "search({query:?}): {hits:?}");
}

#[test]
fn search_finds_regions_by_french_and_english_names() {
    check_search("normandie", &["28", "ni"]);
    check_search("normandy", &["28"]);
    check_search("Occitania", &["76"]);
}

#[test]
fn search_ignores_accents_case_and_hyphens() {
    check_search("ile", &["11"]);
    check_search("ILE DE FRANCE", &["11"]);
    check_search("île-de-fr", &["11"]);
    check_search("épopea", &["epopea"]);
    check_search("EPOPEA", &["epopea"]);
}

#[test]
fn search_finds_places_by_a_word_of_their_name() {
    check_search("rouen", &["rouen-campus"]);
    check_search("campus", &["rouen-campus"]);
    check_search("region", &["medicen"]);
}

#[test]
fn search_ranks_exact_then_name_prefix_then_word_prefix_then_substring() {
    let index = SearchIndex::new([
        Entry {
            kind: EntryKind::Place,
            id: "sub".into(),
            names: vec!["Biocampus".into()],
        },
        Entry {
            kind: EntryKind::Place,
            id: "word".into(),
            names: vec!["Rouen Campus".into()],
        },
        Entry {
            kind: EntryKind::Place,
            id: "prefix".into(),
            names: vec!["Campus Santé".into()],
        },
        Entry {
            kind: EntryKind::Place,
            id: "exact".into(),
            names: vec!["Campus".into()],
        },
        Entry {
            kind: EntryKind::Place,
            id: "prefix2".into(),
            names: vec!["Campus Amiens".into()],
        },
    ]);
    let hits = index.search("campus", 10);
    let got: Vec<(&str, MatchQuality)> = hits.iter().map(|h| (h.id.as_str(), h.quality)).collect();
    assert_eq!(
        got,
        [
            ("exact", MatchQuality::Exact),
            ("prefix2", MatchQuality::NamePrefix),
            ("prefix", MatchQuality::NamePrefix),
            ("word", MatchQuality::WordPrefix),
            ("sub", MatchQuality::Substring),
        ]
    );
    assert_eq!(index.search("campus", 2).len(), 2);
    assert!(index.search("campus", 0).is_empty());
}

#[test]
fn each_entry_is_found_once_under_its_best_name() {
    let hits = sample_index().search("norman", 10);
    assert_eq!(hits.iter().filter(|h| h.id == "28").count(), 1);
    assert_eq!(hits[0].name, "Normandie");
}

#[test]
fn empty_or_punctuation_queries_find_nothing() {
    check_search("", &[]);
    check_search("   ", &[]);
    check_search(" - ’ ", &[]);
    check_search("zzz", &[]);
}

#[test]
fn a_ten_thousand_character_query_is_fast_and_finds_nothing() {
    let index = sample_index();
    let long = "é".repeat(10_000);
    let start = std::time::Instant::now();
    for _ in 0..100 {
        assert!(index.search(&long, 10).is_empty());
    }
    assert!(start.elapsed().as_secs() < 5);
    assert!(index.search(&"a".repeat(10_000), 10).is_empty());
}

#[test]
fn the_index_is_built_from_the_dataset_regions_and_places() {
    let index = SearchIndex::from_dataset(&dataset());
    assert_eq!(index.len(), 8);
    let hits = index.search("normandy", 5);
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].kind, hits[0].id.as_str()),
        (EntryKind::Region, "28")
    );
    assert_eq!(index.search("epopea", 5)[0].kind, EntryKind::Place);
}

proptest! {
    #[test]
    fn folding_and_search_never_panic_and_folding_is_idempotent(s in any::<String>()) {
        let f = fold(&s);
        prop_assert_eq!(fold(&f), f.clone());
        prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
        let _ = sample_index().search(&s, 5);
        let _ = compare_folded(&s, "Île");
    }
}

// ---------------------------------------------------------------------------------------------
// compare

/// (rank, of, tied)
type R = Option<(u32, u32, bool)>;

fn check_ranks(values: &[(&str, Option<f64>)], order: Order, expected: &[(&str, R)]) {
    let got: Vec<(&str, R)> = ranks(values, order)
        .into_iter()
        .map(|(k, r)| (k, r.map(|r| (r.rank, r.of, r.tied))))
        .collect();
    assert_eq!(got, expected, "ranks of {values:?}");
}

#[test]
fn ties_share_a_rank_and_the_next_rank_is_skipped() {
    check_ranks(
        &[
            ("a", Some(10.0)),
            ("b", Some(7.0)),
            ("c", Some(7.0)),
            ("d", Some(3.0)),
        ],
        Order::Descending,
        &[
            ("a", Some((1, 4, false))),
            ("b", Some((2, 4, true))),
            ("c", Some((2, 4, true))),
            ("d", Some((4, 4, false))),
        ],
    );
}

#[test]
fn missing_figures_are_not_ranked_and_not_counted() {
    check_ranks(
        &[
            ("a", None),
            ("b", Some(1.0)),
            ("c", Some(f64::NAN)),
            ("d", Some(2.0)),
        ],
        Order::Descending,
        &[
            ("a", None),
            ("b", Some((2, 2, false))),
            ("c", None),
            ("d", Some((1, 2, false))),
        ],
    );
    check_ranks(
        &[("a", None), ("b", None)],
        Order::Descending,
        &[("a", None), ("b", None)],
    );
    check_ranks(&[], Order::Descending, &[]);
}

#[test]
fn ascending_order_ranks_the_lowest_first_and_zero_ties_with_negative_zero() {
    check_ranks(
        &[("a", Some(3.0)), ("b", Some(-0.0)), ("c", Some(0.0))],
        Order::Ascending,
        &[
            ("a", Some((3, 3, false))),
            ("b", Some((1, 3, true))),
            ("c", Some((1, 3, true))),
        ],
    );
}

fn dataset() -> RawDataset {
    let json = serde_json::json!({
        "format": 1,
        "metadata": {
            "title": {"fr": "Atlas", "en": "Atlas"}, "publisher": "Agency", "version": "1",
            "published": "2026-01-01", "licence": {"name": "CC BY 4.0"},
            "attribution": {"fr": "Agence", "en": "Agency"}, "languages": ["fr", "en"]
        },
        "sources": [{"id": "s", "title": {"fr": "S"}, "publisher": "P", "origin": {"kind": "document", "reference": "seed"}}],
        "map": {"projection": {"kind": "equirectangular", "origin": [2.0, 46.0]}},
        "regions": [
            {"id": "28", "name": {"fr": "Normandie", "en": "Normandy"}, "kind": "metropolitan", "geometry": {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]]}},
            {"id": "11", "name": {"fr": "Île-de-France", "en": "Île-de-France"}, "kind": "metropolitan", "geometry": {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]]}},
            {"id": "76", "name": {"fr": "Occitanie", "en": "Occitania"}, "kind": "metropolitan", "geometry": {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]]}},
            {"id": "04", "name": {"fr": "La Réunion", "en": "Réunion"}, "kind": "overseas", "geometry": {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]]}}
        ],
        "indicators": [
            {"id": "population", "name": {"fr": "Population"}, "unit": "people", "values": [
                {"region": "28", "value": 3300000.0, "year": 2021, "source": "s"},
                {"region": "28", "value": 3000000.0, "year": 2019, "source": "s"},
                {"region": "11", "value": 12300000.0, "year": 2021, "source": "s"},
                {"region": "76", "value": 6000000.0, "year": 2021, "source": "s"}
            ]},
            {"id": "jobs", "name": {"fr": "Emplois"}, "unit": "jobs", "per_capita": true, "values": [
                {"region": "28", "value": 15000.0, "year": 2019, "source": "s"},
                {"region": "28", "value": 16000.0, "year": 2022, "qualifier": "more_than", "source": "s"},
                {"region": "11", "value": 120000.0, "year": 2022, "source": "s"},
                {"region": "76", "value": 16000.0, "year": 2022, "source": "s"},
                {"region": "99", "value": 1.0e9, "year": 2022, "source": "s"}
            ]},
            {"id": "rank", "name": {"fr": "Rang"}, "unit": "rank", "values": [
                {"region": "28", "value": 1.0, "source": "s"},
                {"region": "11", "value": 2.0, "source": "s"}
            ]},
            {"id": "undated", "name": {"fr": "Non daté"}, "unit": "count", "values": [
                {"region": "28", "value": 5.0, "source": "s"},
                {"region": "28", "value": 7.0, "year": 2020, "source": "s"},
                {"region": "28", "value": 9.0, "source": "s"}
            ]}
        ],
        "places": [
            {"id": "epopea", "name": {"fr": "Epopea"}, "category": "campus", "region": "28", "source": "s"},
            {"id": "rouen", "name": {"fr": "Rouen Health Campus"}, "category": "campus", "region": "28", "source": "s"},
            {"id": "polepharma", "name": {"fr": "Polepharma"}, "category": "cluster", "region": "28", "source": "s"},
            {"id": "medicen", "name": {"fr": "Medicen Paris Region"}, "category": "cluster", "region": "11", "source": "s"}
        ],
        "funding": [
            {"id": "f2030", "title": {"fr": "France 2030"}, "kind": "programme", "beneficiary": {"kind": "national"}, "currency": "EUR",
             "amounts": [{"year": 2030, "total": 7.5e9}], "source": "s"},
            {"id": "normandy-health", "title": {"fr": "Santé"}, "kind": "programme", "beneficiary": {"kind": "region", "id": "28"}, "currency": "EUR",
             "part_of": "f2030", "amounts": [{"year": 2022, "total": 4.0e8, "qualifier": "approximately"}, {"year": 2020, "total": 1.0e8}], "source": "s"},
            {"id": "normandy-sub", "title": {"fr": "Sous-budget"}, "kind": "budget", "beneficiary": {"kind": "region", "id": "28"}, "currency": "EUR",
             "part_of": "normandy-health", "amounts": [{"year": 2022, "total": 5.0e7}], "source": "s"},
            {"id": "medicen-2016", "title": {"fr": "Budget"}, "kind": "budget", "beneficiary": {"kind": "place", "id": "medicen"}, "currency": "EUR",
             "amounts": [{"year": 2015, "total": 1.0e6}, {"year": 2016, "total": 1.2e6, "qualifier": "more_than"}], "source": "s"},
            {"id": "medicen-usd", "title": {"fr": "Dons"}, "kind": "support", "beneficiary": {"kind": "place", "id": "medicen"}, "currency": "USD",
             "amounts": [{"total": 1000.0}], "source": "s"},
            {"id": "idf-empty", "title": {"fr": "Vide"}, "kind": "support", "beneficiary": {"kind": "region", "id": "11"}, "currency": "EUR",
             "amounts": [], "source": "s"}
        ]
    });
    match serde_json::from_value(json) {
        Ok(ds) => ds,
        Err(e) => panic!("test dataset does not parse: {e}"),
    }
}

fn indicator<'a>(ds: &'a RawDataset, id: &str) -> &'a atlas_core::model::Indicator {
    match ds.indicators.iter().find(|i| i.id == id) {
        Some(i) => i,
        None => panic!("no indicator {id}"),
    }
}

fn check_latest(indicator_id: &str, region: &str, expected: Option<f64>) {
    let ds = dataset();
    let got = latest_value(indicator(&ds, indicator_id), region).map(|v| v.value);
    assert_eq!(got, expected, "latest {indicator_id} of {region}");
}

#[test]
fn the_latest_value_is_the_highest_year_and_undated_values_only_count_alone() {
    check_latest("jobs", "28", Some(16000.0));
    check_latest("undated", "28", Some(7.0));
    check_latest("rank", "28", Some(1.0));
    check_latest("jobs", "04", None);
    check_latest("jobs", "nowhere", None);
}

#[test]
fn the_population_indicator_is_found_by_id_and_unit() {
    let ds = dataset();
    assert_eq!(
        population_indicator(&ds).map(|i| i.id.as_str()),
        Some("population")
    );
    let mut other = ds.clone();
    other.indicators[0].unit = atlas_core::model::Unit::Count;
    assert!(population_indicator(&other).is_none());
}

#[test]
fn selected_regions_drop_unknown_ids_and_duplicates_and_keep_order() {
    let ds = dataset();
    assert_eq!(
        select_regions(&ds, &["11", "xx", "28", "11", "<script>"]),
        ["11", "28"]
    );
    assert_eq!(
        select_regions(&ds, &["28", "11", "76", "04", "28"]),
        ["28", "11", "76", "04"]
    );
    assert!(select_regions::<&str>(&ds, &[]).is_empty());
}

fn row<'a>(c: &'a RegionComparison, id: &str) -> &'a atlas_core::compare::IndicatorRow {
    match c.rows.iter().find(|r| r.indicator == id) {
        Some(r) => r,
        None => panic!("no row {id}"),
    }
}

#[test]
fn a_comparison_has_one_cell_per_region_with_value_source_year_and_national_rank() {
    let ds = dataset();
    let c = RegionComparison::build(&ds, &["28", "11", "bogus", "28"], Some("population"), false);
    assert_eq!(c.regions, ["28", "11"]);
    assert!(c.is_complete());
    assert!(!c.per_capita);
    assert_eq!(c.rows.len(), ds.indicators.len());
    let jobs = row(&c, "jobs");
    assert!(!jobs.per_capita);
    let normandy = &jobs.cells[0];
    assert_eq!(normandy.region, "28");
    assert_eq!(normandy.value, Some(16000.0));
    assert_eq!(normandy.year, Some(2022));
    assert_eq!(normandy.source.as_deref(), Some("s"));
    assert_eq!(normandy.qualifier, Some(Qualifier::MoreThan));
    // 28 and 76 tie behind 11; Réunion has no figure and the unknown region "99" is not a region.
    assert_eq!(
        normandy.rank,
        Some(Rank {
            rank: 2,
            of: 3,
            tied: true
        })
    );
    assert_eq!(
        jobs.cells[1].rank,
        Some(Rank {
            rank: 1,
            of: 3,
            tied: false
        })
    );
    assert_eq!(jobs.cells[1].bar_fraction, Some(1.0));
    assert_eq!(normandy.bar_fraction, Some(16000.0 / 120000.0));
}

#[test]
fn per_capita_uses_the_population_of_the_same_year_or_else_the_latest() {
    let ds = dataset();
    let c = RegionComparison::build(&ds, &["28", "11"], Some("population"), true);
    assert!(c.per_capita);
    let jobs = row(&c, "jobs");
    assert!(jobs.per_capita);
    // 2022 has no population figure: the latest (2021) is used.
    let expected = 16000.0 / 3_300_000.0 * 100_000.0;
    assert_eq!(jobs.cells[0].per_capita, Some(expected));
    // Per capita: Île-de-France 976, Normandy 485, Occitanie 267.
    assert_eq!(jobs.cells[1].rank.map(|r| r.rank), Some(1));
    assert_eq!(jobs.cells[0].rank.map(|r| r.rank), Some(2));
    // Population itself and ranks are never per capita.
    assert!(!row(&c, "population").per_capita);
    assert_eq!(row(&c, "population").cells[0].per_capita, None);
    assert!(!row(&c, "rank").per_capita);
}

#[test]
fn per_capita_is_off_without_a_population_indicator() {
    let ds = dataset();
    for population in [None, Some("jobs"), Some("missing")] {
        let c = RegionComparison::build(&ds, &["28", "11"], population, true);
        assert!(!c.per_capita, "{population:?}");
        assert!(c.rows.iter().all(|r| !r.per_capita));
        assert_eq!(row(&c, "jobs").cells[0].per_capita, None);
    }
}

#[test]
fn rank_indicators_rank_the_lowest_first() {
    let c = RegionComparison::build(&dataset(), &["28", "11"], None, false);
    let r = row(&c, "rank");
    assert_eq!(r.order, Order::Ascending);
    assert_eq!(r.cells[0].rank.map(|r| r.rank), Some(1));
}

#[test]
fn missing_figures_stay_missing_with_no_rank_and_no_bar() {
    let c = RegionComparison::build(&dataset(), &["28", "04"], Some("population"), true);
    let reunion = &row(&c, "jobs").cells[1];
    assert_eq!(reunion.region, "04");
    assert_eq!(
        (
            reunion.value,
            reunion.per_capita,
            reunion.rank,
            reunion.bar_fraction
        ),
        (None, None, None, None)
    );
    assert_eq!(reunion.source, None);
}

#[test]
fn a_single_region_or_no_valid_region_still_builds() {
    let ds = dataset();
    let one = RegionComparison::build(&ds, &["28"], Some("population"), false);
    assert!(!one.is_complete());
    assert_eq!(row(&one, "jobs").cells[0].bar_fraction, Some(1.0));
    let none = RegionComparison::build(
        &ds,
        &["zz", "javascript:alert(1)"],
        Some("population"),
        false,
    );
    assert!(none.regions.is_empty());
    assert!(none.rows.iter().all(|r| r.cells.is_empty()));
    assert!(none.places.is_empty() && none.funding.is_empty());
}

#[test]
fn bars_are_zero_when_every_figure_is_zero() {
    let mut ds = dataset();
    for v in &mut ds.indicators[1].values {
        v.value = 0.0;
    }
    let c = RegionComparison::build(&ds, &["28", "11", "04"], None, false);
    let bars: Vec<Option<f64>> = row(&c, "jobs")
        .cells
        .iter()
        .map(|c| c.bar_fraction)
        .collect();
    assert_eq!(bars, [Some(0.0), Some(0.0), None]);
}

#[test]
fn places_are_counted_by_category_per_region() {
    let c = RegionComparison::build(&dataset(), &["28", "11", "76"], None, false);
    let count = |i: usize, cat: Category| {
        c.places[i]
            .by_category
            .iter()
            .find(|(k, _)| *k == cat)
            .map(|(_, n)| *n)
    };
    assert_eq!(c.places[0].total, 3);
    assert_eq!(count(0, Category::Campus), Some(2));
    assert_eq!(count(0, Category::Cluster), Some(1));
    assert_eq!(count(1, Category::Cluster), Some(1));
    assert_eq!(c.places[2].total, 0);
    assert_eq!(c.places[2].by_category.len(), Category::ALL.len());
}

#[test]
fn funding_sums_latest_amounts_per_currency_without_double_counting_parts() {
    let c = RegionComparison::build(&dataset(), &["28", "11", "76"], None, false);
    let normandy = match &c.funding[0].totals {
        Some(t) => t,
        None => panic!("Normandy has funding"),
    };
    // The sub-budget is part of the programme already counted; 2022 is the latest amount.
    assert_eq!(normandy.funding, ["normandy-health"]);
    assert_eq!(normandy.totals.len(), 1);
    assert_eq!(
        (
            normandy.totals[0].currency.as_str(),
            normandy.totals[0].amount
        ),
        ("EUR", 4.0e8)
    );
    assert_eq!(normandy.totals[0].qualifier, Some(Qualifier::Approximately));

    // Île-de-France gets its place's funding, currencies kept apart; the entry without amounts is skipped.
    let idf = match &c.funding[1].totals {
        Some(t) => t,
        None => panic!("Île-de-France has funding"),
    };
    let totals: Vec<(&str, f64, Option<Qualifier>)> = idf
        .totals
        .iter()
        .map(|t| (t.currency.as_str(), t.amount, t.qualifier))
        .collect();
    assert_eq!(
        totals,
        [
            ("EUR", 1.2e6, Some(Qualifier::MoreThan)),
            ("USD", 1000.0, None)
        ]
    );

    // Occitanie has none: missing, not zero.
    assert_eq!(c.funding[2].region, "76");
    assert!(c.funding[2].totals.is_none());
}

#[test]
fn a_part_of_cycle_does_not_hang_or_drop_both() {
    let mut ds = dataset();
    ds.funding[1].part_of = Some("normandy-sub".into());
    let c = RegionComparison::build(&ds, &["28", "11"], None, false);
    assert!(c.funding[0].totals.is_some());
}

// ---------------------------------------------------------------------------------------------
// url_state

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn check_parse(query: &str, expected: &[(&str, &str)]) {
    assert_eq!(
        parse_query(query),
        pairs(expected),
        "parse_query({query:?})"
    );
}

#[test]
fn queries_are_split_and_decoded() {
    check_parse("?a=1&b=two", &[("a", "1"), ("b", "two")]);
    check_parse("a=1&b=two", &[("a", "1"), ("b", "two")]);
    check_parse("q=%C3%8Ele+de%20France", &[("q", "Île de France")]);
    check_parse("flag&=x&&k=", &[("flag", ""), ("k", "")]);
    check_parse("a=1=2", &[("a", "1=2")]);
    check_parse("a=1#frag&b=2", &[("a", "1")]);
    check_parse("", &[]);
    check_parse("?", &[]);
}

#[test]
fn bad_percent_escapes_are_kept_literally() {
    check_parse(
        "a=%zz&b=%4&c=%&d=100%25",
        &[("a", "%zz"), ("b", "%4"), ("c", "%"), ("d", "100%")],
    );
    check_parse("a=%FF", &[("a", "\u{FFFD}")]);
    check_parse("a=%00", &[("a", "\0")]);
}

#[test]
fn queries_are_read_up_to_four_kilobytes_cut_between_pairs() {
    let long = format!("a=1&b={}&c=3", "x".repeat(5000));
    check_parse(&long, &[("a", "1")]);
    let fits = format!("a={}", "x".repeat(4094));
    assert_eq!(parse_query(&fits).len(), 1);
    let too_long = format!("a={}", "x".repeat(4095));
    assert!(parse_query(&too_long).is_empty());
}

#[test]
fn encoding_keeps_safe_characters_and_escapes_the_rest() {
    assert_eq!(
        to_query(&pairs(&[("regions", "28,11"), ("q", "Île & co+")])),
        "regions=28,11&q=%C3%8Ele%20%26%20co%2B"
    );
    assert_eq!(to_query(&[]), "");
}

#[test]
fn old_links_with_semicolons_between_regions_still_work() {
    assert_eq!(
        migrate(pairs(&[("regions", "28;11")])),
        pairs(&[("regions", "28,11")])
    );
    assert_eq!(
        CompareState::from_query("regions=28;11").regions,
        ["28", "11"]
    );
}

fn check_map(query: &str, expected: MapState) {
    assert_eq!(
        MapState::from_query(query),
        expected,
        "MapState::from_query({query:?})"
    );
}

fn cats(list: &[&str]) -> Option<BTreeSet<String>> {
    Some(list.iter().map(|s| s.to_string()).collect())
}

#[test]
fn the_map_state_reads_every_key() {
    check_map(
        "?indicator=jobs&pc=1&classes=jenks&cat=cluster,campus&view=2.0,10.5,-3&place=epopea&region=28",
        MapState {
            indicator: Some("jobs".into()),
            per_capita: true,
            method: Method::NaturalBreaks,
            categories: cats(&["campus", "cluster"]),
            zoom: Some((2.0, 10.5, -3.0)),
            place: Some("epopea".into()),
            region: Some("28".into()),
        },
    );
    check_map("", MapState::default());
    check_map(
        "cat=",
        MapState {
            categories: cats(&[]),
            ..MapState::default()
        },
    );
}

#[test]
fn the_map_state_drops_hostile_values() {
    check_map(
        "place=javascript:alert(1)&region=%3Cscript%3E&indicator=<script>",
        MapState::default(),
    );
    check_map("place=a%00b&region=28%0A", MapState::default());
    check_map(&format!("place={}", "a".repeat(65)), MapState::default());
    check_map("cat=<b>,%00", MapState::default());
    check_map(
        "cat=cluster,<b>",
        MapState {
            categories: cats(&["cluster"]),
            ..MapState::default()
        },
    );
    check_map("pc=yes", MapState::default());
    for classes in [
        "", "jenks2", "natural", "<script>", "jenks%00", "quantile", "1",
    ] {
        check_map(&format!("classes={classes}"), MapState::default());
    }
    for view in [
        "0.5,0,0",
        "13,0,0",
        "2,10001,0",
        "2,0,-1e9",
        "NaN,0,0",
        "inf,0,0",
        "2,0",
        "2,0,0,0",
        "2,a,0",
        "",
    ] {
        check_map(&format!("view={view}"), MapState::default());
    }
}

#[test]
fn the_class_method_round_trips_and_the_default_is_left_out() {
    for method in Method::ALL {
        let s = MapState {
            method,
            ..MapState::default()
        };
        let query = s.to_query();
        if method == Method::Quantiles {
            assert_eq!(query, "");
        } else {
            assert_eq!(query, format!("classes={}", method.as_str()));
        }
        assert_eq!(MapState::from_query(&query), s);
    }
    // Read in any case, written canonically; the last one wins; an explicit default is dropped.
    let read = MapState::from_query("classes=quantiles&classes=DATASET");
    assert_eq!(read.method, Method::Dataset);
    assert_eq!(read.to_query(), "classes=dataset");
    assert_eq!(MapState::from_query("classes=quantiles").to_query(), "");
    assert_eq!(
        MapState::from_query("classes=jenks&classes=<b>").method,
        Method::Quantiles
    );
}

#[test]
fn unknown_keys_are_ignored_and_the_last_repeated_key_wins() {
    check_map(
        "utm_source=x&region=11&region=28",
        MapState {
            region: Some("28".into()),
            ..MapState::default()
        },
    );
    check_map("region=28&region=<x>", MapState::default());
}

#[test]
fn the_map_state_serialises_canonically() {
    let s = MapState {
        indicator: Some("jobs".into()),
        per_capita: true,
        method: Method::EqualIntervals,
        categories: cats(&["cluster", "campus"]),
        zoom: Some((2.0, 10.5, -3.0)),
        place: Some("epopea".into()),
        region: Some("28".into()),
    };
    assert_eq!(
        s.to_query(),
        "indicator=jobs&pc=1&classes=equal&cat=campus,cluster&view=2,10.5,-3&place=epopea&region=28"
    );
    assert_eq!(MapState::default().to_query(), "");
    assert_eq!(
        MapState {
            zoom: Some((-0.0 + 1.0, -0.0, 0.0)),
            ..MapState::default()
        }
        .to_query(),
        "view=1,0,0"
    );
    // Invalid values set by code are left out, exactly as parsing would drop them.
    let bad = MapState {
        place: Some("a b".into()),
        zoom: Some((50.0, 0.0, 0.0)),
        ..MapState::default()
    };
    assert_eq!(bad.to_query(), "");
}

fn check_compare(query: &str, regions: &[&str], per_capita: bool) {
    let expected = CompareState {
        regions: regions.iter().map(|s| s.to_string()).collect(),
        per_capita,
    };
    assert_eq!(
        CompareState::from_query(query),
        expected,
        "CompareState::from_query({query:?})"
    );
}

#[test]
fn the_compare_state_keeps_up_to_four_distinct_valid_regions_in_order() {
    check_compare("regions=28,11", &["28", "11"], false);
    check_compare(
        "regions=28,11,28,,%3Cscript%3E,76,84,93&pc=1",
        &["28", "11", "76", "84"],
        true,
    );
    check_compare("regions=javascript:alert(1)", &[], false);
    check_compare("regions=", &[], false);
    assert_eq!(
        CompareState {
            regions: vec!["28".into(), "11".into()],
            per_capita: true
        }
        .to_query(),
        "regions=28,11&pc=1"
    );
}

#[test]
fn common_parameters_accept_only_known_languages_and_themes() {
    let check = |q: &str, lang: Option<LangParam>, theme: ThemeParam| {
        assert_eq!(
            CommonState::from_query(q),
            CommonState { lang, theme },
            "{q:?}"
        );
    };
    check("lang=fr&theme=dark", Some(LangParam::Fr), ThemeParam::Dark);
    check(
        "lang=EN&theme=Light",
        Some(LangParam::En),
        ThemeParam::Light,
    );
    check("lang=de&theme=<script>", None, ThemeParam::Auto);
    check("theme=auto", None, ThemeParam::Auto);
    assert_eq!(
        CommonState {
            lang: Some(LangParam::En),
            theme: ThemeParam::Auto
        }
        .to_query(),
        "lang=en"
    );
    let map = MapState {
        region: Some("28".into()),
        ..MapState::default()
    };
    let common = CommonState {
        lang: Some(LangParam::Fr),
        theme: ThemeParam::Dark,
    };
    assert_eq!(
        to_query(&[map.to_pairs(), common.to_pairs()].concat()),
        "region=28&lang=fr&theme=dark"
    );
}

#[test]
fn the_funding_state_reads_a_valid_chart_id() {
    assert_eq!(
        FundingState::from_query("chart=budget-2016")
            .chart
            .as_deref(),
        Some("budget-2016")
    );
    assert_eq!(FundingState::from_query("chart=../etc").chart, None);
    assert_eq!(
        FundingState {
            chart: Some("x".into())
        }
        .to_query(),
        "chart=x"
    );
}

#[test]
fn a_ten_kilobyte_hostile_query_is_read_without_panicking() {
    let q = format!(
        "?{}",
        "region=%3Cscript%3E&place=%00&view=1e400,0,0&".repeat(250)
    );
    assert!(q.len() > 10_000);
    assert_eq!(MapState::from_query(&q), MapState::default());
    assert_eq!(CompareState::from_query(&q), CompareState::default());
    let _ = CommonState::from_query(&"%".repeat(10_000));
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,64}"
}

fn map_state() -> impl Strategy<Value = MapState> {
    let offset = -10_000.0..=10_000.0f64;
    (
        prop::option::of(id()),
        any::<bool>(),
        prop::option::of(prop::collection::btree_set(id(), 0..8)),
        prop::option::of((1.0..=12.0f64, offset.clone(), offset)),
        prop::option::of(id()),
        prop::option::of(id()),
        prop::sample::select(Method::ALL.to_vec()),
    )
        .prop_map(
            |(indicator, per_capita, categories, zoom, place, region, method)| MapState {
                indicator,
                per_capita,
                method,
                categories,
                zoom,
                place,
                region,
            },
        )
}

fn compare_state() -> impl Strategy<Value = CompareState> {
    (prop::collection::vec(id(), 0..=4), any::<bool>()).prop_map(|(mut regions, per_capita)| {
        let mut seen = BTreeSet::new();
        regions.retain(|r| seen.insert(r.clone()));
        CompareState {
            regions,
            per_capita,
        }
    })
}

fn common_state() -> impl Strategy<Value = CommonState> {
    (
        prop::option::of(prop_oneof![Just(LangParam::Fr), Just(LangParam::En)]),
        prop_oneof![
            Just(ThemeParam::Auto),
            Just(ThemeParam::Light),
            Just(ThemeParam::Dark)
        ],
    )
        .prop_map(|(lang, theme)| CommonState { lang, theme })
}

proptest! {
    #[test]
    fn any_string_is_read_without_panicking(s in any::<String>()) {
        let _ = parse_query(&s);
        let _ = MapState::from_query(&s);
        let _ = CompareState::from_query(&s);
        let _ = FundingState::from_query(&s);
        let _ = CommonState::from_query(&s);
    }

    #[test]
    fn query_like_strings_are_read_without_panicking(s in "[?&=%+,;a-z0-9.\\-]{0,200}") {
        let m = MapState::from_query(&s);
        // Whatever was read serialises to a link that reads back the same.
        prop_assert_eq!(MapState::from_query(&m.to_query()), m);
        let c = CompareState::from_query(&s);
        prop_assert_eq!(CompareState::from_query(&c.to_query()), c);
    }

    #[test]
    fn pairs_round_trip_through_encoding(list in prop::collection::vec((".{1,8}", ".{0,16}"), 0..10)) {
        prop_assert_eq!(parse_query(&to_query(&list)), list);
    }

    #[test]
    fn map_states_round_trip(s in map_state()) {
        prop_assert_eq!(MapState::from_query(&s.to_query()), s);
    }

    #[test]
    fn compare_states_round_trip(s in compare_state()) {
        prop_assert_eq!(CompareState::from_query(&s.to_query()), s);
    }

    #[test]
    fn common_and_funding_states_round_trip(s in common_state(), chart in prop::option::of(id())) {
        prop_assert_eq!(CommonState::from_query(&s.to_query()), s);
        let f = FundingState { chart };
        prop_assert_eq!(FundingState::from_query(&f.to_query()), f);
    }
}

#[test]
fn a_comparison_row_names_its_source_once_when_every_figure_shares_it() {
    use atlas_core::compare::{Cell, IndicatorRow, Order};
    use atlas_core::model::Unit;
    let cell = |region: &str, source: Option<&str>| Cell {
        region: region.to_owned(),
        value: source.map(|_| 1.0),
        per_capita: None,
        rank: None,
        year: None,
        source: source.map(str::to_owned),
        qualifier: None,
        bar_fraction: None,
    };
    let row = |cells: Vec<Cell>| IndicatorRow {
        indicator: "jobs".to_owned(),
        unit: Unit::Count,
        per_capita: false,
        order: Order::Descending,
        cells,
    };
    // A region without a figure does not break the sharing.
    let shared = row(vec![
        cell("28", Some("insee")),
        cell("11", None),
        cell("84", Some("insee")),
    ]);
    assert_eq!(shared.shared_source(), Some("insee"));
    let mixed = row(vec![cell("28", Some("insee")), cell("11", Some("seed"))]);
    assert_eq!(mixed.shared_source(), None);
    assert_eq!(row(vec![cell("28", None)]).shared_source(), None);
}
