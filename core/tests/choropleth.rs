//! The map's choropleth state (missing stays missing, ranks, per capita, classes by each method
//! and their counts, texts) and its marker symbols.

use atlas_core::choropleth::Choropleth;
use atlas_core::classify::{no_data_style, Fallback, Method, Scheme, MAX_CLASSES};
use atlas_core::geo::symbols::{hexagon_path, plus_path, star_path};
use atlas_core::geo::{symbol, Symbol};
use atlas_core::i18n::Lang;
use atlas_core::model::{Category, Qualifier, Unit};
use atlas_core::units::format_value;
use atlas_core::validate::{load, Dataset};
use serde_json::{json, Value};

const MINIMAL: &str = include_str!("fixtures/minimal.json");
const NNBSP: &str = "\u{202f}";

/// The minimal fixture (regions north, south, isle; population for north and south only), with
/// `edit` applied, validated.
fn dataset(edit: impl FnOnce(&mut Value)) -> Dataset {
    let mut raw: Value = serde_json::from_str(MINIMAL).expect("the fixture is JSON");
    edit(&mut raw);
    let bytes = serde_json::to_vec(&raw).expect("serialisable");
    match load(&bytes) {
        Ok(d) => d,
        Err(problems) => panic!("the edited fixture is invalid: {problems:?}"),
    }
}

fn add_indicator(raw: &mut Value, indicator: Value) {
    if let Some(list) = raw["indicators"].as_array_mut() {
        list.push(indicator);
    }
}

/// A per-capita count for all three regions; the isle has no population.
fn clinics(raw: &mut Value) {
    add_indicator(
        raw,
        json!({
            "id": "clinics", "name": { "fr": "Cliniques", "en": "Clinics" }, "unit": "count",
            "per_capita": true,
            "values": [
                { "region": "north", "value": 10, "year": 2022, "source": "doc" },
                { "region": "south", "value": 40, "year": 2022, "source": "doc" },
                { "region": "isle", "value": 5, "year": 2022, "source": "doc" }
            ]
        }),
    );
}

const NORTH: usize = 0;
const SOUTH: usize = 1;
const ISLE: usize = 2;

#[test]
fn a_region_without_a_figure_stays_no_data_and_is_never_ranked() {
    let d = dataset(|_| {});
    let c = Choropleth::build(&d, Some("population"), false);
    assert_eq!(c.values.len(), 3);
    assert!(c.value(ISLE).is_none());
    assert_eq!(c.value(SOUTH).and_then(|v| v.rank), Some((1, 2)));
    assert_eq!(c.value(NORTH).and_then(|v| v.rank), Some((2, 2)));
    let hatch = format!("url(#{})", no_data_style(Scheme::Light).pattern_id);
    let fills = c.fills(Scheme::Light);
    assert_eq!(fills[ISLE], hatch);
    assert!(fills[NORTH] != hatch && fills[SOUTH] != hatch);

    let s = c.describe(&d, ISLE, Lang::Fr);
    assert_eq!(s.value, None);
    assert_eq!(s.rank, None);
    assert_eq!(s.source, None);
    assert_eq!(s.aria_label, format!("Île d’essai{NNBSP}: Pas de données"));
}

#[test]
fn a_figure_alone_is_not_ranked() {
    let d = dataset(|raw| {
        add_indicator(
            raw,
            json!({
                "id": "alone", "name": { "en": "Alone" }, "unit": "count",
                "values": [{ "region": "south", "value": 3, "source": "doc" }]
            }),
        )
    });
    let c = Choropleth::build(&d, Some("alone"), false);
    assert_eq!(c.value(SOUTH).map(|v| v.value), Some(3.0));
    assert_eq!(c.value(SOUTH).and_then(|v| v.rank), None);
    assert_eq!(c.describe(&d, SOUTH, Lang::En).rank, None);
}

#[test]
fn per_capita_divides_by_the_population_and_a_region_without_one_has_no_data() {
    let d = dataset(clinics);
    let absolute = Choropleth::build(&d, Some("clinics"), false);
    assert!(!absolute.per_capita);
    assert_eq!(absolute.value(ISLE).map(|v| v.value), Some(5.0));

    let c = Choropleth::build(&d, Some("clinics"), true);
    assert!(c.per_capita);
    // 10 for 1,000 people is 1,000 per 100,000; 40 for 2,000 is 2,000.
    assert_eq!(c.value(NORTH).map(|v| v.value), Some(1000.0));
    assert_eq!(c.value(SOUTH).map(|v| v.value), Some(2000.0));
    assert!(
        c.value(ISLE).is_none(),
        "no population: no per-capita figure"
    );
    assert_eq!(c.value(SOUTH).and_then(|v| v.rank), Some((1, 2)));
    assert!(c.title(&d, Lang::Fr).starts_with("Cliniques — Pour 100"));
    assert_eq!(c.title(&d, Lang::En), "Clinics — Per 100,000 inhabitants");
}

#[test]
fn per_capita_is_refused_for_an_indicator_that_does_not_allow_it() {
    let d = dataset(clinics);
    let c = Choropleth::build(&d, Some("population"), true);
    assert!(!c.per_capita);
    assert_eq!(c.value(SOUTH).map(|v| v.value), Some(2000.0));
    assert_eq!(c.title(&d, Lang::En), "Population");
}

#[test]
fn classes_cover_the_figures_and_the_legend_formats_them() {
    let d = dataset(clinics);
    let c = Choropleth::build(&d, Some("clinics"), false);
    // Three distinct figures give three quantile classes, each region its own colour.
    assert_eq!(c.classes.len(), 3);
    let fills = c.fills(Scheme::Dark);
    assert_eq!(fills.len(), 3);
    assert!(fills[NORTH] != fills[SOUTH] && fills[SOUTH] != fills[ISLE]);
    let legend = c.legend(Scheme::Light, Lang::Fr);
    assert_eq!(legend.len(), 3);
    // Below 10 a decimal is kept, with the French comma.
    assert_eq!(legend[0].text, "5 – 7,5");
    assert_eq!(legend[2].text, "25 – 40");
    assert_eq!(c.legend(Scheme::Light, Lang::En)[0].text, "5 – 7.5");
}

#[test]
fn an_unknown_indicator_falls_back_to_the_first_and_none_at_all_draws_no_data() {
    let d = dataset(clinics);
    let c = Choropleth::build(&d, Some("nope"), false);
    assert_eq!(c.indicator_id.as_deref(), Some("population"));

    let empty = dataset(|raw| raw["indicators"] = json!([]));
    let c = Choropleth::build(&empty, None, true);
    assert_eq!(c.indicator_id, None);
    assert!(!c.per_capita);
    assert_eq!(c.values, vec![None, None, None]);
    assert!(c.classes.is_empty());
    assert!(c.legend(Scheme::Light, Lang::Fr).is_empty());
    assert_eq!(
        c.describe(&empty, NORTH, Lang::En).aria_label,
        "Test North: No data"
    );
}

#[test]
fn a_region_is_described_in_the_reader_language() {
    let d = dataset(|_| {});
    let c = Choropleth::build(&d, None, false);
    let fr = c.describe(&d, SOUTH, Lang::Fr);
    assert_eq!(fr.name, "Sud d’essai");
    assert_eq!(fr.indicator_label.as_deref(), Some("Population\u{202f}: "));
    assert_eq!(fr.value.as_deref(), Some("2\u{202f}000"));
    assert_eq!(fr.year, Some(2021));
    assert_eq!(fr.rank.as_deref(), Some("1re sur 2"));
    assert_eq!(fr.source.as_deref(), Some("doc"));
    assert_eq!(fr.aria_label, format!("Sud d’essai{NNBSP}: 2{NNBSP}000"));

    let en = c.describe(&d, SOUTH, Lang::En);
    assert_eq!(en.indicator_label.as_deref(), Some("Population: "));
    assert_eq!(en.rank.as_deref(), Some("1st of 2"));
    assert_eq!(en.aria_label, "Test South: 2,000");
    // Out of range: an empty name and no figure, not a panic.
    assert_eq!(c.describe(&d, 99, Lang::En).value, None);
}

#[test]
fn a_colon_inside_a_region_name_is_left_alone() {
    let d = dataset(|raw| raw["regions"][0]["name"]["fr"] = json!("Nord : essai"));
    let c = Choropleth::build(&d, None, false);
    assert_eq!(
        c.describe(&d, NORTH, Lang::Fr).aria_label,
        format!("Nord : essai{NNBSP}: 1{NNBSP}000")
    );
}

#[test]
fn a_qualified_figure_keeps_its_qualifier_in_every_language() {
    let d = dataset(|raw| raw["indicators"][0]["values"][1]["qualifier"] = json!("more_than"));
    let c = Choropleth::build(&d, None, false);
    assert_eq!(
        c.value(SOUTH).and_then(|v| v.qualifier),
        Some(Qualifier::MoreThan)
    );
    for lang in [Lang::Fr, Lang::En] {
        let expected = format_value(2000.0, Unit::People, Some(Qualifier::MoreThan), lang);
        assert_eq!(c.value_text(SOUTH, lang), Some(expected));
    }
}

// ---------------------------------------------------------------------------------------------
// class methods and counts

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

/// Sets the `breaks` of the indicator `id`.
fn set_breaks(raw: &mut Value, id: &str, breaks: Value) {
    if let Some(list) = raw["indicators"].as_array_mut() {
        for indicator in list.iter_mut().filter(|i| i["id"] == id) {
            indicator["breaks"] = breaks.clone();
        }
    }
}

#[test]
fn every_method_on_the_sample_counts_each_region_with_a_figure_once() {
    let d = sample(|_| {});
    let hatch = format!("url(#{})", no_data_style(Scheme::Light).pattern_id);
    let mut checked = 0;
    for indicator in d.indicators() {
        for method in Method::ALL {
            let what = format!("{} by {}", indicator.id, method.as_str());
            let c = Choropleth::build_with(&d, Some(&indicator.id), false, method);
            assert_eq!(c.method, method, "{what}");
            let with_figure = c.values.iter().filter(|v| v.is_some()).count();
            let counts = c.class_counts();
            assert_eq!(counts.len(), c.classes.len(), "{what}");
            assert!(c.classes.len() <= MAX_CLASSES, "{what}");
            assert_eq!(counts.iter().sum::<usize>(), with_figure, "{what}");
            assert_eq!(c.no_data_count() + with_figure, d.regions().len(), "{what}");
            if c.applied_method() != Method::EqualIntervals {
                assert!(counts.iter().all(|&n| n > 0), "{what}: {counts:?}");
            }
            // Missing stays no data: hatched, never a class colour.
            for (v, fill) in c.values.iter().zip(c.fills(Scheme::Light)) {
                assert_eq!(v.is_none(), fill == hatch, "{what}");
            }
            let legend = c.legend(Scheme::Light, Lang::En);
            assert_eq!(
                legend.iter().map(|l| l.count).collect::<Vec<_>>(),
                counts,
                "{what}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "the sample has at least two indicators");
    // The share is given for one region only: one class of one, 17 regions without data.
    let share = Choropleth::build_with(
        &d,
        Some("life_sciences_share"),
        false,
        Method::NaturalBreaks,
    );
    assert_eq!((share.class_counts(), share.no_data_count()), (vec![1], 17));
}

#[test]
fn each_method_cuts_the_sample_population_its_own_way() {
    let d = sample(|_| {});
    let counts =
        |m: Method| Choropleth::build_with(&d, Some("population"), false, m).class_counts();
    // 18 regions over five classes: 3 or 4 each.
    assert!(counts(Method::Quantiles)
        .iter()
        .all(|&n| (3..=4).contains(&n)));
    // Five widths of (12 463 067 − 256 518) / 5 = 2 441 309.8 from 256 518: bounds 2 697 827.8,
    // 5 139 137.6, 7 580 447.4 and 10 021 757.2; seven regions lie below the first, one region
    // (Île-de-France) above the last.
    assert_eq!(counts(Method::EqualIntervals), [7, 4, 5, 1, 1]);
    let jenks = counts(Method::NaturalBreaks);
    assert_eq!(jenks.len(), 5);
    assert_eq!(
        jenks.last(),
        Some(&1),
        "Île-de-France is a class of its own: {jenks:?}"
    );
    // `build` is the quantile build.
    assert_eq!(
        Choropleth::build(&d, Some("population"), false),
        Choropleth::build_with(&d, Some("population"), false, Method::Quantiles)
    );
}

#[test]
fn published_thresholds_make_open_ended_classes_on_the_sample() {
    let d = sample(|raw| set_breaks(raw, "population", json!([500000, 3000000, 6000000])));
    let c = Choropleth::build_with(&d, Some("population"), false, Method::Dataset);
    assert_eq!((c.applied_method(), c.fallback), (Method::Dataset, None));
    // Below 500 000: five regions; to 3 000 000: three; to 6 000 000: six; above: four.
    assert_eq!(c.class_counts(), [5, 3, 6, 4]);
    let texts = |lang| {
        c.legend(Scheme::Light, lang)
            .into_iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(Lang::En),
        [
            "<\u{a0}500,000",
            "500,000 – 3,000,000",
            "3,000,000 – 6,000,000",
            "≥\u{a0}6,000,000"
        ]
    );
    assert_eq!(texts(Lang::Fr)[0], format!("<\u{a0}500{NNBSP}000"));
    // The thresholds do not change the other methods.
    assert_eq!(
        Choropleth::build_with(&d, Some("population"), false, Method::Quantiles).classes,
        Choropleth::build(&sample(|_| {}), Some("population"), false).classes
    );
}

#[test]
fn the_dataset_method_without_thresholds_falls_back_to_quantiles_and_says_so() {
    let d = sample(|_| {});
    let c = Choropleth::build_with(&d, Some("population"), false, Method::Dataset);
    assert_eq!(c.method, Method::Dataset);
    assert_eq!(c.fallback, Some(Fallback::NoThresholds));
    assert_eq!(c.applied_method(), Method::Quantiles);
    let quantiles = Choropleth::build(&d, Some("population"), false);
    assert_eq!(c.classes, quantiles.classes);
    assert_eq!(
        c.legend(Scheme::Dark, Lang::Fr),
        quantiles.legend(Scheme::Dark, Lang::Fr)
    );
    // No indicator at all: no classes, and the method asked for is kept.
    let empty = dataset(|raw| raw["indicators"] = json!([]));
    let c = Choropleth::build_with(&empty, None, false, Method::NaturalBreaks);
    assert_eq!(c.method, Method::NaturalBreaks);
    assert!(c.class_counts().is_empty());
    assert_eq!(c.no_data_count(), 3);
}

#[test]
fn thresholds_apply_to_published_figures_not_per_capita_ones() {
    let d = dataset(|raw| {
        clinics(raw);
        set_breaks(raw, "clinics", json!([20]));
    });
    let absolute = Choropleth::build_with(&d, Some("clinics"), false, Method::Dataset);
    assert_eq!(absolute.applied_method(), Method::Dataset);
    // 5 and 10 below 20, 40 above.
    assert_eq!(absolute.class_counts(), [2, 1]);
    let pc = Choropleth::build_with(&d, Some("clinics"), true, Method::Dataset);
    assert!(pc.per_capita);
    assert_eq!(pc.fallback, Some(Fallback::PerCapita));
    assert_eq!(pc.applied_method(), Method::Quantiles);
    // The isle has no population: no data, in no class.
    assert_eq!((pc.class_counts(), pc.no_data_count()), (vec![1, 1], 1));
    // Another method asked per capita is not a fallback.
    let jenks = Choropleth::build_with(&d, Some("clinics"), true, Method::NaturalBreaks);
    assert_eq!(jenks.fallback, None);
}

// ---------------------------------------------------------------------------------------------
// marker symbols

/// The vertices of "M x y L x y … Z".
fn vertices(d: &str) -> Vec<(f64, f64)> {
    assert!(d.starts_with('M') && d.ends_with('Z'), "closed path: {d}");
    let numbers: Vec<f64> = d
        .split(|c: char| c == 'M' || c == 'L' || c == 'Z' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number"))
        .collect();
    numbers.chunks(2).map(|p| (p[0], p[1])).collect()
}

#[test]
fn every_category_has_its_own_symbol() {
    let symbols: Vec<Symbol> = Category::ALL.iter().map(|c| symbol(*c, 5.5)).collect();
    for (i, a) in symbols.iter().enumerate() {
        for b in &symbols[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn the_star_has_five_points_the_first_one_up() {
    let v = vertices(&star_path(10.0));
    assert_eq!(v.len(), 10);
    assert_eq!(v[0], (0.0, -10.0));
    for (k, (x, y)) in v.iter().enumerate() {
        let r = x.hypot(*y);
        let expected = if k % 2 == 0 { 10.0 } else { 4.5 };
        assert!((r - expected).abs() < 0.01, "vertex {k} at radius {r}");
    }
}

#[test]
fn the_hexagon_is_regular_and_the_plus_fits_its_square() {
    let hex = vertices(&hexagon_path(8.0));
    assert_eq!(hex.len(), 6);
    assert!(hex.iter().all(|(x, y)| (x.hypot(*y) - 8.0).abs() < 0.01));
    let plus = vertices(&plus_path(6.0));
    assert_eq!(plus.len(), 12);
    assert!(plus.iter().all(|(x, y)| x.abs() <= 6.0 && y.abs() <= 6.0));
    assert!(plus.contains(&(-2.28, -6.0)), "arms 0.76 r wide");
}

#[test]
fn a_table_names_a_source_once_only_when_every_figure_shares_it() {
    let shared = dataset(|_| {});
    let c = Choropleth::build(&shared, Some("population"), false);
    assert_eq!(c.shared_source(), Some("doc"));

    let mixed = dataset(|raw| {
        if let Some(sources) = raw["sources"].as_array_mut() {
            let mut other = sources[0].clone();
            other["id"] = json!("other");
            sources.push(other);
        }
        raw["indicators"][0]["values"][1]["source"] = json!("other");
    });
    let c = Choropleth::build(&mixed, Some("population"), false);
    assert_eq!(
        c.shared_source(),
        None,
        "two sources: each row names its own"
    );

    let empty = dataset(|raw| {
        raw["indicators"][0]["values"] = json!([]);
    });
    let c = Choropleth::build(&empty, Some("population"), false);
    assert_eq!(c.shared_source(), None, "no figure, no source to name");
}
