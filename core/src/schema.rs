//! The dataset JSON Schema, generated from the Rust types so the two never drift apart.
//!
//! `public/data/atlas.schema.json` is this function's output; a host test fails when the
//! committed file differs from what the types generate.

use crate::model::RawDataset;

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
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
