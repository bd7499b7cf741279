//! The published JSON Schema carries the caps of `limits.rs`, so editors warn before the
//! validator refuses.

use atlas_core::limits::*;
use atlas_core::schema::{dataset_schema_json, ID_PATTERN};
use atlas_core::validate::{load, ProblemKind};
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(&dataset_schema_json()).unwrap()
}

fn at<'a>(schema: &'a Value, pointer: &str) -> &'a Value {
    schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("the schema has nothing at {pointer}"))
}

#[test]
fn list_caps_are_the_limits() {
    let s = schema();
    for (pointer, max) in [
        ("/properties/regions", MAX_REGIONS),
        ("/properties/places", MAX_PLACES),
        ("/properties/sources", MAX_SOURCES),
        ("/properties/indicators", MAX_INDICATORS),
        ("/properties/funding", MAX_FUNDING),
        (
            "/$defs/Indicator/properties/values",
            MAX_VALUES_PER_INDICATOR,
        ),
        ("/$defs/Funding/properties/amounts", MAX_SERIES_POINTS),
        ("/$defs/Breakdown/properties/items", MAX_SERIES_POINTS),
        ("/$defs/Place/properties/facts", MAX_FACTS_PER_PLACE),
        ("/$defs/Place/properties/links", MAX_LINKS_PER_PLACE),
    ] {
        assert_eq!(at(&s, pointer)["maxItems"], max, "{pointer}");
    }
}

#[test]
fn string_caps_are_the_limits() {
    let s = schema();
    for def in ["Source", "Region", "Place", "Indicator", "Funding", "Share"] {
        let id = at(&s, &format!("/$defs/{def}/properties/id"));
        assert_eq!(id["maxLength"], MAX_ID_LEN, "{def}.id");
        assert_eq!(id["pattern"], ID_PATTERN, "{def}.id");
    }
    for pointer in [
        "/$defs/Place/properties/region",
        "/$defs/IndicatorValue/properties/region",
        "/$defs/IndicatorValue/properties/source",
        "/$defs/Party/properties/id",
        "/$defs/Funding/properties/part_of",
        "/$defs/Inset/properties/region",
        "/$defs/Ranking/properties/region",
        "/$defs/Metadata/properties/version",
    ] {
        assert_eq!(at(&s, pointer)["maxLength"], MAX_ID_LEN, "{pointer}");
    }
    for pointer in [
        "/$defs/Licence/properties/url",
        "/$defs/Source/properties/url",
        "/$defs/Link/properties/url",
    ] {
        assert_eq!(at(&s, pointer)["maxLength"], MAX_URL_LEN, "{pointer}");
    }
    for pointer in [
        "/$defs/Metadata/properties/publisher",
        "/$defs/Source/properties/publisher",
        "/$defs/Origin/properties/reference",
        "/$defs/Licence/properties/name",
        "/$defs/Town/properties/name",
        "/$defs/Place/properties/town",
    ] {
        assert_eq!(at(&s, pointer)["maxLength"], MAX_NAME_LEN, "{pointer}");
    }
    for lang in ["fr", "en"] {
        let name = format!("/$defs/Name/properties/{lang}/maxLength");
        assert_eq!(*at(&s, &name), MAX_NAME_LEN);
        let text = format!("/$defs/Text/properties/{lang}/maxLength");
        assert_eq!(*at(&s, &text), MAX_TEXT_LEN);
    }
}

/// Every property that is a text in two languages, and the definition it refers to.
fn text_properties(s: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let defs = s["$defs"].as_object().unwrap();
    for (def, schema) in defs {
        let Some(properties) = schema["properties"].as_object() else {
            continue;
        };
        for (name, property) in properties {
            let direct = property["$ref"].as_str();
            let optional = property["anyOf"]
                .as_array()
                .and_then(|a| a.iter().find_map(|v| v["$ref"].as_str()));
            if let Some(r) = direct.or(optional) {
                if r == "#/$defs/Text" || r == "#/$defs/Name" {
                    out.push((
                        format!("{def}.{name}"),
                        r.trim_start_matches("#/$defs/").to_owned(),
                    ));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn running_texts_take_the_text_cap_and_every_other_text_the_name_cap() {
    let long: Vec<String> = text_properties(&schema())
        .into_iter()
        .filter(|(_, def)| def == "Text")
        .map(|(property, _)| property)
        .collect();
    assert_eq!(
        long,
        [
            "Funding.description",
            "Indicator.description",
            "Metadata.attribution",
            "Metadata.description",
            "Place.description",
        ]
    );
    assert_eq!(text_properties(&schema()).len(), 21);
}

#[test]
fn every_string_the_validator_caps_has_a_max_length() {
    let s = schema();
    let mut uncapped = Vec::new();
    for (def, schema) in s["$defs"].as_object().unwrap() {
        let Some(properties) = schema["properties"].as_object() else {
            continue;
        };
        for (name, property) in properties {
            let is_string = property["type"] == "string"
                || property["type"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t == "string"));
            if is_string && property.get("maxLength").is_none() {
                uncapped.push(format!("{def}.{name}"));
            }
        }
    }
    uncapped.sort();
    // Dates and codes: checked against their own rules, never long.
    assert_eq!(
        uncapped,
        ["Funding.currency", "Metadata.published", "Source.date"]
    );
}

#[test]
fn the_schema_cap_is_where_the_validator_starts_refusing() {
    let minimal = include_str!("fixtures/minimal.json");
    let name = |n: usize| {
        let text = minimal.replacen(
            "\"name\": { \"en\": \"Test Campus\" }",
            &format!("\"name\": {{ \"en\": \"{}\" }}", "é".repeat(n)),
            1,
        );
        load(text.as_bytes()).map_err(|p| p.iter().map(|p| p.kind).collect::<Vec<_>>())
    };
    let cap = schema()
        .pointer("/$defs/Name/properties/en/maxLength")
        .and_then(Value::as_u64)
        .unwrap() as usize;
    assert!(name(cap).is_ok());
    assert_eq!(name(cap + 1).unwrap_err(), [ProblemKind::Limit]);
}

#[test]
fn class_thresholds_are_a_short_list_of_numbers() {
    let s = schema();
    let breaks = at(&s, "/$defs/Indicator/properties/breaks");
    assert_eq!(breaks["items"]["type"], "number");
    assert_eq!(breaks["minItems"], 1);
    assert_eq!(breaks["maxItems"], atlas_core::classify::MAX_CLASSES - 1);
    // The schema's cap is where the validator starts refusing.
    let minimal = include_str!("fixtures/minimal.json");
    let thresholds = |n: usize| {
        let list: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let text = minimal.replacen(
            "\"unit\": \"people\",",
            &format!("\"unit\": \"people\", \"breaks\": [{}],", list.join(", ")),
            1,
        );
        load(text.as_bytes()).map_err(|p| p.iter().map(|p| p.kind).collect::<Vec<_>>())
    };
    let most = breaks["maxItems"].as_u64().unwrap() as usize;
    assert!(thresholds(1).is_ok() && thresholds(most).is_ok());
    assert_eq!(thresholds(0).unwrap_err(), [ProblemKind::Missing]);
    assert_eq!(thresholds(most + 1).unwrap_err(), [ProblemKind::Limit]);
}
