//! The dataset JSON Schema, generated from the Rust types so the two never drift apart.
//!
//! `public/data/atlas.schema.json` is this function's output; a host test fails when the
//! committed file differs from what the types generate. The caps of [`crate::limits`] are added
//! as `maxLength` / `maxItems` (and ids get their `pattern`), so that an editor warns before the
//! validator refuses.
//!
//! Names and running text share one Rust type, [`crate::model::Text`], but not one cap: the
//! schema's `Text` takes [`MAX_TEXT_LEN`] characters per language, and a copy named `Name`,
//! referenced by titles, names and labels, takes [`MAX_NAME_LEN`].

use schemars::Schema;
use serde_json::{json, Value};

use crate::classify::MAX_CLASSES;
use crate::limits::*;
use crate::model::RawDataset;

/// The pattern of an id (see [`crate::validate::valid_id`]); `maxLength` carries the length.
pub const ID_PATTERN: &str = "^[A-Za-z0-9_-]+$";

/// Where a cap applies: a property of a definition (`None`: of the document itself).
type Target = (Option<&'static str>, &'static str);

/// Lists and their most entries.
pub const MAX_ITEMS: &[(Option<&str>, &str, usize)] = &[
    (None, "regions", MAX_REGIONS),
    (None, "places", MAX_PLACES),
    (None, "sources", MAX_SOURCES),
    (None, "indicators", MAX_INDICATORS),
    (None, "funding", MAX_FUNDING),
    (Some("Indicator"), "values", MAX_VALUES_PER_INDICATOR),
    (Some("Indicator"), "breaks", MAX_CLASSES - 1),
    (Some("Funding"), "amounts", MAX_SERIES_POINTS),
    (Some("Breakdown"), "items", MAX_SERIES_POINTS),
    (Some("Place"), "facts", MAX_FACTS_PER_PLACE),
    (Some("Place"), "links", MAX_LINKS_PER_PLACE),
];

/// Plain strings and their most characters.
pub const MAX_LENGTHS: &[(Option<&str>, &str, usize)] = &[
    (Some("Metadata"), "publisher", MAX_NAME_LEN),
    (Some("Metadata"), "version", MAX_ID_LEN),
    (Some("Licence"), "name", MAX_NAME_LEN),
    (Some("Licence"), "url", MAX_URL_LEN),
    (Some("Source"), "publisher", MAX_NAME_LEN),
    (Some("Source"), "url", MAX_URL_LEN),
    (Some("Source"), "licence", MAX_NAME_LEN),
    (Some("Origin"), "reference", MAX_NAME_LEN),
    (Some("Town"), "name", MAX_NAME_LEN),
    (Some("Place"), "town", MAX_NAME_LEN),
    (Some("Link"), "url", MAX_URL_LEN),
];

/// Ids, and references to them (a longer reference cannot name anything).
pub const IDS: &[Target] = &[
    (Some("Source"), "id"),
    (Some("Region"), "id"),
    (Some("Place"), "id"),
    (Some("Indicator"), "id"),
    (Some("Funding"), "id"),
    (Some("Share"), "id"),
];
pub const ID_REFERENCES: &[Target] = &[
    (Some("Inset"), "region"),
    (Some("IndicatorValue"), "region"),
    (Some("IndicatorValue"), "source"),
    (Some("Place"), "region"),
    (Some("Place"), "source"),
    (Some("Fact"), "source"),
    (Some("Party"), "id"),
    (Some("Funding"), "part_of"),
    (Some("Funding"), "source"),
    (Some("Ranking"), "region"),
    (Some("Ranking"), "source"),
    (Some("Share"), "source"),
];

/// Texts capped at [`MAX_NAME_LEN`]: every `Text` property but the running texts.
pub const NAMES: &[Target] = &[
    (Some("Metadata"), "title"),
    (Some("Metadata"), "subtitle"),
    (Some("Source"), "title"),
    (Some("Inset"), "label"),
    (Some("Region"), "name"),
    (Some("Indicator"), "name"),
    (Some("Place"), "name"),
    (Some("Fact"), "label"),
    (Some("Link"), "label"),
    (Some("Party"), "name"),
    (Some("Funding"), "title"),
    (Some("Breakdown"), "title"),
    (Some("BreakdownItem"), "label"),
    (Some("Ranking"), "subject"),
    (Some("Share"), "title"),
    (Some("SharePart"), "label"),
];

/// The schema as pretty-printed JSON with a trailing newline.
pub fn dataset_schema_json() -> String {
    let mut schema = schemars::schema_for!(RawDataset);
    schema.insert(
        "$id".into(),
        "https://health-regions-atlas.example/schema/atlas-1.schema.json".into(),
    );
    schema.insert(
        "title".into(),
        "Health Regions Atlas dataset, format 1".into(),
    );
    add_limits(&mut schema);
    // Serialized as a `Schema`, which writes the keywords in their conventional order.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON pointer of a property's schema.
pub fn property_pointer((def, property): Target) -> String {
    match def {
        Some(def) => format!("/$defs/{def}/properties/{property}"),
        None => format!("/properties/{property}"),
    }
}

fn add_limits(schema: &mut Schema) {
    let mut set = |target: Target, key: &str, value: Value| {
        if let Some(Value::Object(property)) = schema.pointer_mut(&property_pointer(target)) {
            property.insert(key.to_owned(), value);
        }
    };
    for &(def, property, max) in MAX_ITEMS {
        set((def, property), "maxItems", json!(max));
    }
    // An empty list of thresholds would make one class; leave `breaks` out instead.
    set((Some("Indicator"), "breaks"), "minItems", json!(1));
    for &(def, property, max) in MAX_LENGTHS {
        set((def, property), "maxLength", json!(max));
    }
    for &target in IDS {
        set(target, "maxLength", json!(MAX_ID_LEN));
        set(target, "pattern", json!(ID_PATTERN));
    }
    for &target in ID_REFERENCES {
        set(target, "maxLength", json!(MAX_ID_LEN));
    }
    // `Name`: `Text` with the shorter cap, referenced by the name properties.
    let text = schema.pointer("/$defs/Text").cloned();
    if let (Some(mut name), Some(Value::Object(defs))) = (text, schema.pointer_mut("/$defs")) {
        cap_languages(&mut name, MAX_NAME_LEN);
        if let Value::Object(name) = &mut name {
            name.insert(
                "description".to_owned(),
                json!(format!("A name, title or label: Text of at most {MAX_NAME_LEN} characters per language.")),
            );
        }
        defs.insert("Name".to_owned(), name);
    }
    if let Some(text) = schema.pointer_mut("/$defs/Text") {
        cap_languages(text, MAX_TEXT_LEN);
    }
    for &target in NAMES {
        if let Some(property) = schema.pointer_mut(&property_pointer(target)) {
            rename_ref(property, "#/$defs/Text", "#/$defs/Name");
        }
    }
}

fn cap_languages(text: &mut Value, max: usize) {
    for lang in ["fr", "en"] {
        if let Some(Value::Object(s)) = text.pointer_mut(&format!("/properties/{lang}")) {
            s.insert("maxLength".to_owned(), json!(max));
        }
    }
}

/// Replaces `"$ref": from` by `to` anywhere in `schema` (a direct reference or inside `anyOf`).
fn rename_ref(schema: &mut Value, from: &str, to: &str) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "$ref" && value.as_str() == Some(from) {
                    *value = json!(to);
                } else {
                    rename_ref(value, from, to);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_ref(v, from, to)),
        _ => {}
    }
}
